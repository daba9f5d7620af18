/**
 * Work that grows with a plan's size, done on worker threads so that one big request does not
 * stall every other one: reading an uploaded table (a 200,000-row text or workbook takes seconds
 * to parse) and evaluating a big plan into its document. Small inputs are done in place, where a
 * thread hop would cost more than it saves (`INLINE_BYTES`, `INLINE_INDICATORS`).
 *
 * Workers start on first use, stay unref'd (they never keep the process alive) and are replaced
 * when one dies; a job whose worker died is rejected, never left hanging.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { organisationalScoresOf, type IndicatorBand, type OrgScores, type UnitObjectives } from '../../core/appraisal/index.js';
import type { Decimal } from '../../core/index.js';
import { evaluatePlan, type Outcome, type Plan } from '../../core/index.js';
import { evaluationDocument, type EvaluationDocument } from '../../io/json.js';
import { importTableBytes } from '../../io/load.js';
import { hasZipSignature, zipEntries } from '../../io/xlsx/zip.js';
import type { ImportedTable, ReadOptions } from '../../io/published/layout.js';
import { fromTransfer, toTransfer } from './transfer.js';
import type { Answer, Job } from './worker.js';

/** Uploads below this are parsed in place: the fixture's 20 kB parse in a millisecond. A workbook is measured unpacked (`readingBytes`). */
export const INLINE_BYTES = 256 * 1024;
/** Plans with fewer indicators are evaluated in place (5,000 evaluate into a document in ≈50 ms). */
export const INLINE_INDICATORS = 5000;

/**
 * How much there is to read in an upload: its size, or for a workbook the size its entries declare
 * unpacked (the reader never inflates past that). A deflated .xlsx is a tenth of its XML or less:
 * a 130 kB workbook of 4,000 indicators unpacks to 1.8 MB and took 0.66 s to read (load 16), on
 * the event loop while it was judged by its packed size.
 */
export function readingBytes(bytes: Uint8Array): number {
  if (!hasZipSignature(bytes)) return bytes.length;
  const unpacked = zipEntries(bytes)?.reduce((n, e) => n + e.uncompressedSize, 0) ?? 0;
  return Math.max(bytes.length, unpacked);
}

type JobBody = Job extends infer J ? (J extends { id: number } ? Omit<J, 'id'> : never) : never;

interface Pending {
  readonly job: Job;
  readonly transfer: ArrayBuffer[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  current: Pending | null;
}

export interface OffThreadOptions {
  /** Worker threads (default: the cores but one, at least one, at most four). */
  readonly threads?: number;
  /** Override the in-place thresholds (tests send small inputs through the workers with 0). */
  readonly inlineBytes?: number;
  readonly inlineIndicators?: number;
}

export class OffThread {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly threads: number;
  readonly inlineBytes: number;
  readonly inlineIndicators: number;

  constructor(options: OffThreadOptions = {}) {
    this.threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.inlineBytes = options.inlineBytes ?? INLINE_BYTES;
    this.inlineIndicators = options.inlineIndicators ?? INLINE_INDICATORS;
  }

  /** `importTableBytes`, on a worker for an upload of `inlineBytes` or more (a workbook: unpacked). The bytes are moved to the worker: do not read them after. */
  async importTable(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<Outcome<ImportedTable | null>> {
    if (readingBytes(bytes) < this.inlineBytes || this.closed) return importTableBytes(bytes, name, options);
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const value = await this.submit({ kind: 'import', bytes, name, options }, whole ? [bytes.buffer as ArrayBuffer] : []);
    return fromTransfer<Outcome<ImportedTable | null>>(value);
  }

  /** The plan's evaluation document (`evaluationDocument(evaluatePlan(plan))`), on a worker for a plan of `inlineIndicators` or more. */
  async evaluationDocument(plan: Plan): Promise<EvaluationDocument> {
    if (this.inPlace(plan)) return evaluationDocument(evaluatePlan(plan));
    return (await this.submit({ kind: 'evaluate', plan: toTransfer(plan) }, [])) as EvaluationDocument;
  }

  /** Whether a plan is small enough to evaluate here (or the workers are stopped). */
  private inPlace(plan: Plan): boolean {
    let indicators = 0;
    for (const node of plan.nodes) indicators += node.indicators.length;
    return indicators < this.inlineIndicators || this.closed;
  }

  /**
   * The SMVP's own ranges of a plan's rows (`indicatorThresholdBands`), evaluated on a worker: for a
   * big plan whose Evaluation object the server has not made (TreeService). `smvp`: its JSON document.
   */
  async thresholdBands(plan: Plan, smvp: unknown): Promise<IndicatorBand[]> {
    return fromTransfer<IndicatorBand[]>(await this.submit({ kind: 'threshold-bands', plan: toTransfer(plan), smvp }, []));
  }

  /**
   * `organisationalScores` of a plan, evaluated on a worker for a plan of `inlineIndicators` or
   * more; `units`: objective code → registry unit id; `forced`: the objectives' performances given
   * from outside (the OIV's validated values, `EvaluationOptions.forced`).
   */
  async orgScores(plan: Plan, units: Record<string, string | null>, forced: ReadonlyMap<string, Decimal> = new Map()): Promise<OrgScores & { detail: Map<string, UnitObjectives> }> {
    if (this.inPlace(plan)) {
      const scores = organisationalScoresOf(plan, (code) => units[code] ?? null, forced);
      return { body: scores.body, units: new Map(scores.units), detail: new Map(scores.detail) };
    }
    const value = fromTransfer<{ body: Decimal | null; units: [string, Decimal | null][]; detail: [string, UnitObjectives][] }>(
      await this.submit({ kind: 'org-scores', plan: toTransfer(plan), units, forced: toTransfer([...forced]) }, []),
    );
    return { body: value.body, units: new Map(value.units), detail: new Map(value.detail) };
  }

  /** The kinds of the jobs running on a worker now. */
  running(): Job['kind'][] {
    return this.slots.flatMap((s) => (s.current === null ? [] : [s.current.job.kind]));
  }

  /** Jobs on a worker or waiting for one. */
  get busy(): number {
    return this.queue.length + this.slots.filter((s) => s.current !== null).length;
  }

  /** Ends the workers; later jobs run in place. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const p of this.queue.splice(0)) p.reject(new Error('the server is stopping'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private submit(body: JobBody, transfer: ArrayBuffer[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...body, id: this.nextId++ } as Job, transfer, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.current === null);
      if (slot === undefined && this.slots.length < this.threads) slot = this.spawn();
      if (slot === undefined) return;
      const pending = this.queue.shift()!;
      slot.current = pending;
      slot.worker.ref();
      slot.worker.postMessage(pending.job, pending.transfer);
    }
  }

  private spawn(): Slot {
    const here = import.meta.url;
    // Built, the worker is plain JS. From the sources (tests, tsx) it is TypeScript: a two-line
    // bootstrap loads it through tsx (a devDependency), since Node 20 takes no `--import` hooks in a worker.
    const worker = here.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(new URL('./worker.ts', here).href)}, ${JSON.stringify(here)}));`, { eval: true })
      : new Worker(new URL('./worker.js', here));
    const slot: Slot = { worker, current: null };
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const pending = slot.current;
      if (pending === null || pending.job.id !== answer.id) return;
      slot.current = null;
      worker.unref();
      if (answer.ok) pending.resolve(answer.value);
      else pending.reject(new Error(`off-thread ${pending.job.kind}: ${answer.message}`));
      this.dispatch();
    });
    const lost = (why: string): void => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      slot.current?.reject(new Error(`off-thread ${slot.current.job.kind}: the worker ${why}`));
      slot.current = null;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (error) => lost(`failed (${error.message})`));
    worker.on('exit', (code) => lost(`exited (${code})`));
    this.slots.push(slot);
    return slot;
  }
}
