/**
 * Verification: the OIV's check of a published table. Every stated cell that follows from other
 * cells is recomputed from the inputs and compared at the precision it was published with (two
 * decimals at least). A stated value is never an input; this is the only place it is read.
 */
import { round, type Decimal } from './decimal.js';
import type { Evaluation } from './evaluation.js';
import type { SourceLocation, StatedCell } from './model.js';

/** Column names as the published layout prints them. */
export const CELL_NAMES: Record<StatedCell['cell'], string> = {
  performance_kpi: 'Performance KPI',
  performance_objective: 'Performance Obiettivo',
  actual: 'Consuntivo',
};

export interface Difference {
  /** The objective the cell belongs to. */
  readonly code: string;
  readonly indicator?: string;
  readonly cell: string;
  readonly stated: Decimal | null;
  readonly computed: Decimal | null;
  readonly origin: SourceLocation;
}

export interface Verification {
  readonly checked: number;
  readonly differences: readonly Difference[];
}

export function verifyStated(evaluation: Evaluation, stated: readonly StatedCell[]): Verification {
  let checked = 0;
  const differences: Difference[] = [];
  for (const cell of stated) {
    let computed: Decimal | null;
    if (cell.cell === 'performance_objective') {
      const node = evaluation.node(cell.code);
      if (node === undefined) continue;
      // A structural row (an area) left empty publishes no number; its roll-up is ours, not theirs.
      if (cell.value === null && node.basis !== 'indicators') continue;
      computed = node.performance;
    } else {
      const r = cell.indicator === undefined ? undefined : evaluation.indicator(cell.indicator);
      if (r === undefined) continue;
      if (cell.cell === 'actual') {
        if (r.indicator.formula === null) continue;
        computed = r.actual?.kind === 'number' ? r.actual.value : null;
      } else {
        computed = r.performance;
      }
    }
    checked++;
    if (!agrees(cell.value, computed)) {
      differences.push({
        code: cell.code,
        ...(cell.indicator === undefined ? {} : { indicator: cell.indicator }),
        cell: CELL_NAMES[cell.cell],
        stated: cell.value,
        computed: computed === null ? null : round(computed, Math.max(2, cell.value?.decimalPlaces() ?? 2)),
        origin: cell.origin,
      });
    }
  }
  return { checked, differences };
}

function agrees(stated: Decimal | null, computed: Decimal | null): boolean {
  if (stated === null || computed === null) return stated === computed;
  return round(computed, Math.max(2, stated.decimalPlaces())).eq(stated);
}
