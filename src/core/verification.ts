/**
 * Verification: the OIV's check of a published table. Every stated cell that follows from other
 * cells is recomputed from the inputs and compared at the precision it was published with (two
 * decimals at least). A stated value is never an input; this is the only place it is read.
 */
import { round, type Decimal } from './decimal.js';
import { numberOfReading, numberReading, READING_FRACTION, READING_NONE, type Evaluation, type NumberReading } from './evaluation.js';
import { decimalToFraction, isSafe, unitsHalfUp, type Fraction } from './fraction.js';
import { LAYOUT_COLUMN, LAYOUT_HEADS, type LayoutColumn } from './messages/import.js';
import type { SourceLocation, StatedCell, StatedCells } from './model.js';
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

/** Stated cells from a list of them (a table's written by hand, a template's none), each at its origin. */
export function statedCells(list: readonly StatedCell[] = []): StatedCells {
  return {
    cells: list.map((c) => c.cell),
    codes: list.map((c) => c.code),
    indicators: list.map((c) => c.indicator),
    values: list.map((c) => c.value),
    places: list.map((c) => c.origin),
    lined: {},
  };
}

/** The k-th stated cell as an object, its origin made whole. */
export function statedCell(stated: StatedCells, k: number): StatedCell {
  const indicator = stated.indicators[k];
  return {
    cell: stated.cells[k]!,
    code: stated.codes[k]!,
    ...(indicator === undefined ? {} : { indicator }),
    value: stated.values[k] ?? null,
    origin: statedOrigin(stated, k),
  };
}

/** Every stated cell as an object, in table order. */
export function statedCellList(stated: StatedCells): StatedCell[] {
  return stated.cells.map((_, k) => statedCell(stated, k));
}

function statedOrigin(stated: StatedCells, k: number): SourceLocation {
  const place = stated.places[k]!;
  return typeof place === 'number' ? { ...stated.lined[stated.cells[k]!], line: place } : place;
}

export function verifyStated(evaluation: Evaluation, stated: StatedCells): Verification {
  let checked = 0;
  const differences: Difference[] = [];
  // Each cell's number is read as the evaluation holds it (most are exact fractions) and compared
  // without making a result or a Decimal: a table of 200,000 indicators has as many cells to check.
  const computed = numberReading();
  const statedPart: Fraction = { num: 0, den: 1 };
  const { cells, codes, indicators, values } = stated;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k]!;
    const code = codes[k]!;
    const indicator = indicators[k];
    const value = values[k] ?? null;
    if (cell === 'performance_objective') {
      const basis = evaluation.readNode(code, computed);
      if (basis === undefined) continue;
      // A structural row (an area) left empty publishes no number; its roll-up is ours, not theirs.
      if (value === null && basis !== 'indicators') continue;
    } else {
      if (indicator === undefined) continue;
      const what = cell === 'actual' ? 'actual' : 'performance';
      const read = evaluation.readIndicator(code, indicator, what, computed);
      if (read === undefined) continue;
      if (what === 'actual' && read.formula === null) continue;
    }
    checked++;
    if (!readingAgrees(value, computed, statedPart)) {
      const number = numberOfReading(computed);
      differences.push({
        code,
        ...(indicator === undefined ? {} : { indicator }),
        cell,
        stated: value,
        computed: number === null ? null : round(number, Math.max(2, value?.decimalPlaces() ?? 2)),
        origin: statedOrigin(stated, k),
      });
    }
  }
  return { checked, differences };
}

/** `agrees` on a reading: exact integer arithmetic for a fraction when it fits, else the decimals. */
function readingAgrees(stated: Decimal | null, computed: NumberReading, statedPart: Fraction): boolean {
  if (stated === null || computed.kind === READING_NONE) return stated === null && computed.kind === READING_NONE;
  if (computed.kind === READING_FRACTION) {
    const same = fractionAgrees(stated, computed.num, computed.den, statedPart);
    if (same !== null) return same;
  }
  return agrees(stated, numberOfReading(computed));
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

/**
 * Whether num/den (den > 0) rounded half up to the stated value's places (two at least) is the
 * stated value, in safe integers; null when they do not fit (the caller uses decimals). The same
 * answer as rounding the fraction's Decimal: at six places or fewer, a fraction whose denominator
 * is below 2^53 is at least 5·10^-23 from any tie it is not on, far more than the error of
 * decimal.js's 40 digits on a number below 2^53.
 */
function fractionAgrees(stated: Decimal, num: number, den: number, statedPart: Fraction): boolean | null {
  const places = Math.max(2, stated.decimalPlaces());
  if (places >= POWERS.length || num < 0 || !decimalToFraction(stated, statedPart)) return null;
  const scale = POWERS[places]!;
  // The stated value in units of the last place: an integer, since it has no more places than that.
  const statedUnits = statedPart.num * (scale / statedPart.den);
  const computedUnits = unitsHalfUp(num, den, scale);
  if (!isSafe(statedUnits) || computedUnits !== computedUnits) return null; // NaN: too big
  return computedUnits === statedUnits;
}

function agrees(stated: Decimal | null, computed: Decimal | null): boolean {
  if (stated === null || computed === null) return stated === computed;
  return round(computed, Math.max(2, stated.decimalPlaces())).eq(stated);
}
