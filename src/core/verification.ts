/**
 * Verification: the OIV's check of a published table. Every stated cell that follows from other
 * cells is recomputed from the inputs and compared at the precision it was published with (two
 * decimals at least). A stated value is never an input; this is the only place it is read.
 */
import { round, type Decimal } from './decimal.js';
import { numberOfReading, numberReading, READING_FRACTION, READING_NONE, type Evaluation, type NumberReading } from './evaluation.js';
import { decimalToFraction, isSafe, unitsHalfUp, type Fraction } from './fraction.js';
import { LAYOUT_COLUMN, LAYOUT_HEADS, type LayoutColumn } from './messages/import.js';
import type { Band } from './band.js';
import type { SourceLocation, StatedBand, StatedCell } from './model.js';
import type { Language } from './words.js';

const CELL_COLUMNS: Record<StatedCell['cell'], LayoutColumn> = { performance_kpi: 'kpi', performance_objective: 'performance', actual: 'actual' };

/**
 * A stated cell's column as a table in `language` heads it: `Performance KPI`, `Performance
 * Obiettivo`, `Consuntivo` in Italian (the published layout's), `KPI performance`… in English.
 */
export function statedCellHead(cell: StatedCell['cell'], language: Language): string {
  return LAYOUT_HEADS[language][LAYOUT_COLUMN[CELL_COLUMNS[cell]]]!;
}

export interface Difference {
  /** The objective the cell belongs to. */
  readonly code: string;
  readonly indicator?: string;
  /** Which cell: its head in a table's language is `statedCellHead`. */
  readonly cell: StatedCell['cell'];
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
  // Each cell's number is read as the evaluation holds it (most are exact fractions) and compared
  // without making a result or a Decimal: a table of 200,000 indicators has as many cells to check.
  const computed = numberReading();
  const statedPart: StatedUnits = { value: null, units: NaN, scale: 1 };
  for (const cell of stated) {
    if (cell.cell === 'performance_objective') {
      const basis = evaluation.readNode(cell.code, computed);
      if (basis === undefined) continue;
      // A structural row (an area) left empty publishes no number; its roll-up is ours, not theirs.
      if (cell.value === null && basis !== 'indicators') continue;
    } else {
      if (cell.indicator === undefined) continue;
      const what = cell.cell === 'actual' ? 'actual' : 'performance';
      const indicator = evaluation.readIndicator(cell.code, cell.indicator, what, computed);
      if (indicator === undefined) continue;
      if (what === 'actual' && indicator.formula === null) continue;
    }
    checked++;
    if (!readingAgrees(cell.value, computed, statedPart)) {
      const value = numberOfReading(computed);
      differences.push({
        code: cell.code,
        ...(cell.indicator === undefined ? {} : { indicator: cell.indicator }),
        cell: cell.cell,
        stated: cell.value,
        computed: value === null ? null : round(value, Math.max(2, cell.value?.decimalPlaces() ?? 2)),
        origin: cell.origin,
      });
    }
  }
  return { checked, differences };
}

/** `agrees` on a reading: exact integer arithmetic for a fraction when it fits, else the decimals. */
function readingAgrees(stated: Decimal | null, computed: NumberReading, statedPart: StatedUnits): boolean {
  if (stated === null || computed.kind === READING_NONE) return stated === null && computed.kind === READING_NONE;
  if (computed.kind === READING_FRACTION) {
    const same = fractionAgrees(stated, computed.num, computed.den, statedPart);
    if (same !== null) return same;
  }
  return agrees(stated, numberOfReading(computed));
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

/**
 * The stated value last compared, in units of its last place (NaN: not as safe integers). The
 * reader shares one Decimal among the cells of one text, and a table's KPI cells are mostly the
 * same few (`100,00%`, `0,00%`): its places and fraction are worked out once for a run of them.
 */
interface StatedUnits {
  value: Decimal | null;
  units: number;
  scale: number;
}

const statedFraction: Fraction = { num: 0, den: 1 };

/**
 * Whether num/den (den > 0) rounded half up to the stated value's places (two at least) is the
 * stated value, in safe integers; null when they do not fit (the caller uses decimals). The same
 * answer as rounding the fraction's Decimal: at six places or fewer, a fraction whose denominator
 * is below 2^53 is at least 5·10^-23 from any tie it is not on, far more than the error of
 * decimal.js's 40 digits on a number below 2^53.
 */
function fractionAgrees(stated: Decimal, num: number, den: number, last: StatedUnits): boolean | null {
  if (last.value !== stated) {
    last.value = stated;
    const places = Math.max(2, stated.decimalPlaces());
    last.scale = POWERS[places] ?? NaN;
    // The stated value in units of the last place: an integer, since it has no more places than that.
    const units = places < POWERS.length && decimalToFraction(stated, statedFraction) ? statedFraction.num * (last.scale / statedFraction.den) : NaN;
    last.units = isSafe(units) ? units : NaN;
  }
  if (last.units !== last.units || num < 0) return null;
  const computedUnits = unitsHalfUp(num, den, last.scale);
  if (computedUnits !== computedUnits) return null; // NaN: too big
  return computedUnits === last.units;
}

function agrees(stated: Decimal | null, computed: Decimal | null): boolean {
  if (stated === null || computed === null) return stated === computed;
  return round(computed, Math.max(2, stated.decimalPlaces())).eq(stated);
}

export interface BandDifference {
  readonly code: string;
  /** Tells a band's difference from a cell's (`Difference`) in one list (`verifyTable`). */
  readonly cell: 'band';
  readonly stated: Band | null;
  readonly computed: Band | null;
  readonly origin: SourceLocation;
}

/**
 * Each stated band (a computed document's: a table has no band column) against the band the plan's
 * legend gives the recomputed performance: a band changed by hand, its performance left as it was,
 * does not follow. An objective the plan does not have is not checked (nothing to compare with).
 */
export function verifyBands(evaluation: Evaluation, stated: readonly StatedBand[]): { checked: number; differences: BandDifference[] } {
  let checked = 0;
  const differences: BandDifference[] = [];
  for (const cell of stated) {
    const node = evaluation.node(cell.code);
    if (node === undefined) continue;
    checked++;
    if (node.band !== cell.band) differences.push({ code: cell.code, cell: 'band', stated: cell.band, computed: node.band, origin: cell.origin });
  }
  return { checked, differences };
}

/** A stated cell or a stated band that does not follow from the plan. */
export type TableDifference = Difference | BandDifference;

/**
 * A published table's check, whatever it states: its cells (`verifyStated`) and, for a computed
 * document, its objectives' bands (`verifyBands`). One count and one list, the cells' differences
 * first, so every output of `verify` says the same differences in the same order.
 */
export function verifyTable(evaluation: Evaluation, stated: readonly StatedCell[], bands: readonly StatedBand[] = []): { checked: number; differences: readonly TableDifference[] } {
  const cells = verifyStated(evaluation, stated);
  const banded = verifyBands(evaluation, bands);
  return { checked: cells.checked + banded.checked, differences: banded.differences.length === 0 ? cells.differences : [...cells.differences, ...banded.differences] };
}
