/**
 * Long exports (the PDF and the workbook of a big plan) as jobs on worker threads: the request
 * that starts one answers at once with the job's id, the web app asks for its progress (rows
 * drawn of rows to draw) and then downloads the file, and meanwhile the server's event loop is
 * free for every other request. One job draws at a time (a 600-page annex holds its pages in
 * memory); the others wait their turn, queued. A finished file is kept for ten minutes, for the
 * account that asked for it only.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Plan } from '../../core/index.js';
import type { ReportMeta } from '../../io/report/meta.js';
import { toWorker, type ExportRequest, type WorkerMessage } from './transfer.js';

/** How long a finished (or failed) job stays readable. */
const KEEP_MS = 10 * 60 * 1000;

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJob {
  readonly id: string;
  /** The account that asked for it: the only one who reads it. */
  readonly owner: string;
  readonly planId: string;
  readonly format: ExportRequest['format'];
  readonly fileName: string;
  state: JobState;
  /** Objectives drawn so far, of `total`. */
  done: number;
  total: number;
  bytes?: Uint8Array;
  error?: string;
  finishedAt?: number;
}

/** Starts the worker thread for one job: plain JS when built; from the sources (tests, tsx) through tsx, since Node 20 takes no `--import` hooks in a worker. */
function startWorker(request: ExportRequest): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here), { workerData: request });
  const bootstrap = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(new URL('./worker.ts', here).href)}, ${JSON.stringify(here)}));`;
  return new Worker(bootstrap, { eval: true, workerData: request });
}

export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly workers = new Set<Worker>();

  /** Queues the export of `plan` and returns its job at once. */
  start(input: { owner: string; planId: string; plan: Plan; format: ExportRequest['format']; meta: ReportMeta; fileName: string }): ExportJob {
    this.sweep();
    let total = 0;
    for (const _ of input.plan.nodes) total++;
    const job: ExportJob = { id: randomUUID(), owner: input.owner, planId: input.planId, format: input.format, fileName: input.fileName, state: 'queued', done: 0, total };
    this.jobs.set(job.id, job);
    // Serialised now, while the plan is the one asked for; drawn when the job's turn comes.
    const request = toWorker(input.plan, input.format, input.meta);
    const run = (): Promise<void> => this.run(job, request);
    this.queue = this.queue.then(run, run);
    return job;
  }

  /** The job, for its owner only (anyone else gets undefined, as for an unknown id). */
  get(id: string, owner: string): ExportJob | undefined {
    this.sweep();
    const job = this.jobs.get(id);
    return job === undefined || job.owner !== owner ? undefined : job;
  }

  /** Stops every worker (the server is closing). */
  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  private run(job: ExportJob, request: ExportRequest): Promise<void> {
    job.state = 'running';
    return new Promise<void>((resolve) => {
      const worker = startWorker(request);
      // Never what keeps the process alive (a server stopping, a test ending).
      worker.unref();
      this.workers.add(worker);
      const finish = (state: 'done' | 'failed', fields: Partial<ExportJob>): void => {
        if (job.state === 'done' || job.state === 'failed') return;
        Object.assign(job, fields, { state, finishedAt: Date.now() });
        this.workers.delete(worker);
        void worker.terminate();
        resolve();
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'progress') {
          job.done = message.done;
          job.total = message.total;
        } else if (message.kind === 'done') finish('done', { bytes: message.bytes, done: job.total });
        else finish('failed', { error: message.message });
      });
      worker.on('error', (error) => finish('failed', { error: error.message }));
      worker.on('exit', (code) => finish('failed', { error: `the export worker exited (${code})` }));
    });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt !== undefined && now - job.finishedAt > KEEP_MS) this.jobs.delete(id);
  }
}
