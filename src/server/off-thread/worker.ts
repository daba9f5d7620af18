/**
 * The worker thread's side of `OffThread` (pool.ts): reads an uploaded table and evaluates a plan,
 * the two pieces of work that grow with a plan's size, so that the server's event loop keeps
 * answering other requests meanwhile. Each job is a message `{id, kind, …}`; each answer is
 * `{id, ok: true, value}` or `{id, ok: false, message}` (a bug: the pool rejects the job with it).
 */
import { parentPort } from 'node:worker_threads';
import { evaluatePlan, type Plan } from '../../core/index.js';
import { evaluationDocument } from '../../io/json.js';
import { importTableBytes } from '../../io/load.js';
import { fromTransfer, toTransfer } from './transfer.js';

export type Job = { id: number; kind: 'import'; bytes: Uint8Array; name: string } | { id: number; kind: 'evaluate'; plan: unknown };
export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

async function run(job: Job): Promise<unknown> {
  if (job.kind === 'import') return toTransfer(await importTableBytes(job.bytes, job.name));
  // The document is plain JSON already: it needs no codec on the way back.
  return evaluationDocument(evaluatePlan(fromTransfer<Plan>(job.plan)));
}

const port = parentPort;
if (port === null) throw new Error('off-thread/worker.ts runs as a worker thread only');
port.on('message', (job: Job) => {
  run(job).then(
    (value) => port.postMessage({ id: job.id, ok: true, value } satisfies Answer),
    (error: unknown) => port.postMessage({ id: job.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer),
  );
});
