/**
 * The worker thread's side of `OffThread` (pool.ts): reads an uploaded table and evaluates a plan,
 * the two pieces of work that grow with a plan's size, so that the server's event loop keeps
 * answering other requests meanwhile. Each job is a message `{id, kind, …}`; each answer is
 * `{id, ok: true, value}` or `{id, ok: false, message}` (a bug: the pool rejects the job with it).
 */
import { parentPort } from 'node:worker_threads';
import { indicatorThresholdBands, organisationalScoresOf, smvpFromJson } from '../../core/appraisal/index.js';
import { evaluatePlan, type Decimal, type Plan } from '../../core/index.js';
import { evaluationDocument } from '../../io/json.js';
import { importTableBytes } from '../../io/load.js';
import type { ReadOptions } from '../../io/published/layout.js';
import { fromTransfer, toTransfer } from './transfer.js';

export type Job =
  | { id: number; kind: 'import'; bytes: Uint8Array; name: string; options: ReadOptions }
  | { id: number; kind: 'evaluate'; plan: unknown }
  /** The SMVP's own ranges of the plan's rows: `smvp` is the SMVP's JSON document. */
  | { id: number; kind: 'threshold-bands'; plan: unknown; smvp: unknown }
  /**
   * The organisational results for appraisal forms: `units` is objective code → registry unit id;
   * `forced`: [code, performance] pairs in transfer form, the OIV's validated values.
   */
  | { id: number; kind: 'org-scores'; plan: unknown; units: Record<string, string | null>; forced: unknown };
export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

async function run(job: Job): Promise<unknown> {
  if (job.kind === 'import') return toTransfer(await importTableBytes(job.bytes, job.name, job.options));
  if (job.kind === 'threshold-bands') {
    const smvp = smvpFromJson(job.smvp).value;
    return toTransfer(smvp === null ? [] : indicatorThresholdBands(evaluatePlan(fromTransfer<Plan>(job.plan)), smvp));
  }
  if (job.kind === 'org-scores') {
    const forced = new Map(fromTransfer<[string, Decimal][]>(job.forced));
    const scores = organisationalScoresOf(fromTransfer<Plan>(job.plan), (code) => job.units[code] ?? null, forced);
    return toTransfer({ body: scores.body, units: [...scores.units], detail: [...scores.detail] });
  }
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
