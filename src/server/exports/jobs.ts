/**
 * Long exports (the PDF and the workbook of a big plan) as jobs on worker threads: the request
 * that starts one answers at once with the job's id, the web app asks for its progress (rows
 * drawn of rows to draw) and then downloads the file, and meanwhile the server's event loop is
 * free for every other request. One job draws at a time (a 600-page annex holds its pages in
 * memory); the others wait their turn, queued. A finished file is kept for ten minutes, for the
 * account that asked for it only. A failed job says why by code (`ExportFailure`), which the web
 * app words for its reader; the technical detail goes to the server's log, never to the reader.
 */
import { createHash, randomUUID } from 'node:crypto';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { ExportFailure } from '../../contract/index.js';
import type { Plan } from '../../core/index.js';
import type { ReportMeta } from '../../io/report/meta.js';
import { toWorker, type ExportRequest, type WorkerMessage } from './transfer.js';

/**
 * One drawing at a time per server, for every way a PDF or a workbook is asked for (the jobs, the
 * plain download, the Relazione): a big annex is hundreds of pages on a machine with two cores, so
 * a burst of requests must not draw them all at once, each holding its pages in memory.
 */
let drawing: Promise<unknown> = Promise.resolve();
export function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = drawing.then(work, work);
  drawing = run.catch(() => undefined);
  return run;
}

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
  /** What it draws for its owner (`drawingKey`): a second asking of the same file while this one is under way is this job. */
  key?: string;
  /** Why it failed, by code; the detail was logged. */
  failure?: ExportFailure;
  finishedAt?: number;
}

/** Where a failed job's technical detail goes: the server's standard error, beside its other errors. */
const logToStderr = (line: string): void => console.error(line);

/** Starts the worker thread for one job: plain JS when built; from the sources (tests, tsx) through tsx, since Node 20 takes no `--import` hooks in a worker. */
function startWorker(request: ExportRequest): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here), { workerData: request });
  const bootstrap = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(new URL('./worker.ts', here).href)}, ${JSON.stringify(here)}));`;
  return new Worker(bootstrap, { eval: true, workerData: request });
}

/**
 * The file a job draws for `owner`, as a digest of all it is drawn from but the moment it was asked
 * (`computedAt`, a request's own): a double click or a second tab asking for the same file while the
 * first is queued or drawn gets that job, not a second drawing of it in the one queue.
 */
function drawingKey(owner: string, request: ExportRequest): string {
  const { computedAt: _asked, ...meta } = request.meta;
  return createHash('sha256')
    .update(owner)
    .update('\0')
    .update(serialize({ ...request, meta }))
    .digest('hex');
}

export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();
  private readonly workers = new Set<Worker>();
  /**
   * The jobs waiting their turn in the drawing queue, each with its file's request and what
   * settles the wait for it: the close refuses them at once, whatever the queue (shared by every
   * server of the process, and by the drawings made in place) is still busy with.
   */
  private readonly queued = new Map<ExportJob, { request: ExportRequest; settle: (outcome?: Promise<void>) => void }>();
  private closed = false;

  /**
   * `newWorker`: what starts a job's worker thread (a test gives one that cannot start, or fails);
   * `log`: where a failure's technical detail is written (a test keeps the lines).
   */
  constructor(
    private readonly newWorker: (request: ExportRequest) => Worker = startWorker,
    private readonly log: (line: string) => void = logToStderr,
  ) {}

  /** Queues the export of `plan` and returns its job at once: the job already under way when its owner asked for the same file. */
  start(input: { owner: string; planId: string; plan: Plan; format: ExportRequest['format']; meta: ReportMeta; fileName: string }): ExportJob {
    this.sweep();
    // Serialised now, while the plan is the one asked for; drawn when the job's turn comes.
    const request = toWorker(input.plan, input.format, input.meta);
    const key = drawingKey(input.owner, request);
    for (const job of this.jobs.values()) if (job.key === key && job.fileName === input.fileName && (job.state === 'queued' || job.state === 'running')) return job;
    let total = 0;
    for (const _ of input.plan.nodes) total++;
    const job: ExportJob = { id: randomUUID(), owner: input.owner, planId: input.planId, format: input.format, fileName: input.fileName, state: 'queued', done: 0, total, key };
    this.jobs.set(job.id, job);
    void this.enqueue(job, request);
    return job;
  }

  /**
   * Draws a file on a worker thread, in the same queue as the jobs, for a request that waits for
   * it (the plain download of a big plan): the server keeps answering others meanwhile.
   */
  async draw(input: { plan: Plan; format: ExportRequest['format']; meta: ReportMeta }): Promise<Uint8Array> {
    const request = toWorker(input.plan, input.format, input.meta);
    // Not listed: nobody follows it but the request waiting here.
    const job: ExportJob = { id: randomUUID(), owner: '', planId: '', format: input.format, fileName: '', state: 'queued', done: 0, total: 0 };
    await this.enqueue(job, request);
    if (job.state !== 'done' || job.bytes === undefined) throw new Error(`the export failed: ${job.failure ?? job.state}`);
    return job.bytes;
  }

  /** The job, for its owner only (anyone else gets undefined, as for an unknown id). */
  get(id: string, owner: string): ExportJob | undefined {
    this.sweep();
    const job = this.jobs.get(id);
    return job === undefined || job.owner !== owner ? undefined : job;
  }

  /** Worker threads drawing now (tests watch it go back to 0). */
  get running(): number {
    return this.workers.size;
  }

  /**
   * The server is closing: every drawing is stopped and awaited (its worker gone); every job still
   * queued, a plain download's included, fails at once and never starts a worker, as does one
   * started after (by a request already under way).
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const [job, { settle }] of this.queued) {
      this.refuse(job);
      settle();
    }
    this.queued.clear();
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  /** Puts the job in the drawing queue; settled when it is drawn, failed, or refused by the close. */
  private enqueue(job: ExportJob, request: ExportRequest): Promise<void> {
    return new Promise<void>((settle) => {
      if (this.closed) return void (this.refuse(job), settle());
      this.queued.set(job, { request, settle });
      void oneAtATime(() => {
        const waiting = this.queued.get(job);
        // Refused while it waited: its turn has nothing to draw.
        if (waiting === undefined) return Promise.resolve();
        this.queued.delete(job);
        const run = this.run(job, waiting.request);
        waiting.settle(run);
        // Its failure is told to whoever waits for the job; the queue only waits for its end.
        return run.catch(() => undefined);
      });
    });
  }

  private run(job: ExportJob, request: ExportRequest): Promise<void> {
    job.state = 'running';
    let worker: Worker;
    try {
      worker = this.newWorker(request);
    } catch (error) {
      // A worker that cannot start (its script missing, no threads to be had) fails the job as a
      // drawing that failed does: the web app following it sees it end instead of polling for ever.
      this.fail(job, 'worker-unavailable', `the export worker did not start: ${error instanceof Error ? error.message : String(error)}`);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      // Never what keeps the process alive (a server stopping, a test ending).
      worker.unref();
      this.workers.add(worker);
      /** The first end the worker reports is the job's: a file, or a failure (its code and detail). */
      const finish = (outcome: { bytes: Uint8Array } | { failure: ExportFailure; detail: string }): void => {
        if (job.state === 'done' || job.state === 'failed') return;
        if ('bytes' in outcome) Object.assign(job, { state: 'done', bytes: outcome.bytes, done: job.total, finishedAt: Date.now() });
        else this.fail(job, outcome.failure, outcome.detail);
        this.workers.delete(worker);
        void worker.terminate();
        resolve();
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'progress') {
          job.done = message.done;
          job.total = message.total;
        } else if (message.kind === 'done') finish({ bytes: message.bytes });
        else finish({ failure: 'drawing-failed', detail: message.message });
      });
      worker.on('error', (error: Error & { code?: string }) =>
        finish({ failure: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'drawing-failed', detail: error.stack ?? error.message }),
      );
      // Stopped by the server's close, or ended on its own without a file.
      worker.on('exit', (code) => finish({ failure: this.closed ? 'server-closed' : 'worker-stopped', detail: `the export worker exited (${code})` }));
    });
  }

  /** A job the closed server will not draw: it fails, drawn by nobody. */
  private refuse(job: ExportJob): void {
    if (job.state !== 'failed') this.fail(job, 'server-closed', 'the server closed before its turn');
  }

  /** The job fails with `failure`, the reader's reason; `detail`, for whoever runs the server, goes to the log only. */
  private fail(job: ExportJob, failure: ExportFailure, detail: string): void {
    Object.assign(job, { state: 'failed', failure, finishedAt: Date.now() });
    this.log(`albero server: export ${job.id} (${job.format}${job.planId === '' ? '' : `, plan ${job.planId}`}) failed [${failure}]: ${detail}`);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt !== undefined && now - job.finishedAt > KEEP_MS) this.jobs.delete(id);
  }
}
