/**
 * What an export job sends to its worker thread and back. The plan crosses as the off-thread
 * pool's transfer form (its `Decimal`s as exact texts, everything else as it is); last year's
 * performances, kept in maps, travel as pairs of code and exact text.
 */
import { Decimal, type Plan } from '../../core/index.js';
import type { ReportFormat } from '../../io/report/index.js';
import type { PreviousYear, ReportMeta } from '../../io/report/meta.js';
import { fromTransfer, toTransfer } from '../off-thread/transfer.js';

export interface ExportRequest {
  readonly format: Extract<ReportFormat, 'pdf' | 'xlsx'>;
  readonly plan: unknown;
  readonly meta: Omit<ReportMeta, 'previousYear'>;
  readonly previousYear?: Omit<PreviousYear, 'nodes' | 'indicators'> & {
    readonly nodes: ReadonlyArray<[string, string | null]>;
    readonly indicators: ReadonlyArray<[string, string | null]>;
  };
}

export type WorkerMessage = { kind: 'progress'; done: number; total: number } | { kind: 'done'; bytes: Uint8Array } | { kind: 'failed'; message: string };

export function toWorker(plan: Plan, format: ExportRequest['format'], meta: ReportMeta): ExportRequest {
  const { previousYear, ...rest } = meta;
  const text = (d: Decimal | null): string | null => (d === null ? null : d.toString());
  return {
    format,
    plan: toTransfer(plan),
    // The revisions' before → after are plain JSON already; the dates clone as dates.
    meta: rest,
    ...(previousYear === undefined
      ? {}
      : {
          previousYear: {
            // Plain JSON besides the maps: the year, where the figures come from and which plan, said under the table.
            ...previousYear,
            nodes: [...previousYear.nodes].map(([k, v]) => [k, text(v)]),
            indicators: [...previousYear.indicators].map(([k, v]) => [k, text(v)]),
          },
        }),
  };
}

export function fromWorker(request: ExportRequest): { plan: Plan; meta: ReportMeta } {
  const decimal = (v: string | null): Decimal | null => (v === null ? null : new Decimal(v));
  const p = request.previousYear;
  const meta: ReportMeta = {
    ...request.meta,
    ...(p === undefined
      ? {}
      : {
          previousYear: {
            ...p,
            nodes: new Map(p.nodes.map(([k, v]) => [k, decimal(v)])),
            indicators: new Map(p.indicators.map(([k, v]) => [k, decimal(v)])),
          },
        }),
  };
  return { plan: fromTransfer<Plan>(request.plan), meta };
}
