/**
 * Data entry for a ratio or trend indicator: the base measures its formula names, read as typed
 * (Italian notation, `1.587,10`), sent as exact decimal text, and the actual the engine will
 * compute from them, previewed with the engine's own `computeFormula`. No React: tested beside.
 */
import { computeFormula, dec, formatItalianNumber, parseItalianNumber, type Decimal, type Unit } from '../../../src/core/index.js';
import type { Formula } from '../api/types.js';

export type MeasureRole = 'numerator' | 'denominator' | 'current' | 'previous';

/** A ratio or trend formula: the ones whose actual is computed from base measures entered. */
export type MeasuredFormula = Exclude<Formula, { kind: 'children_mean' }>;

export function isMeasuredFormula(formula: Formula | null | undefined): formula is MeasuredFormula {
  return formula?.kind === 'ratio' || formula?.kind === 'trend';
}

/**
 * The base measures a form asks for, in the formula's order.
 *
 * @example baseMeasures({ kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: 100 })
 *   // [{ role: 'numerator', name: 'evase' }, { role: 'denominator', name: 'ricevute' }]
 */
export function baseMeasures(formula: MeasuredFormula): Array<{ role: MeasureRole; name: string }> {
  return formula.kind === 'ratio'
    ? [
        { role: 'numerator', name: formula.numerator },
        { role: 'denominator', name: formula.denominator },
      ]
    : [
        { role: 'current', name: formula.current },
        { role: 'previous', name: formula.previous },
      ];
}

/** Why a base measure cannot be used: left empty, not a number, or a zero the formula divides by. */
export type MeasureProblem = 'required' | 'invalid' | 'zero';

export interface ReadMeasures {
  /** The measures as the API reads them (`"1587.1"`), only when every one was readable. */
  inputs: Record<string, string> | null;
  /** By measure name. */
  problems: Record<string, MeasureProblem>;
  /** The actual computed from them, null when some measure is missing or wrong. */
  actual: Decimal | null;
}

/**
 * The typed base measures (by name) read for sending, and the actual they give.
 *
 * @example readMeasures({ kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: 100 }, { evase: '45', ricevute: '50' })
 *   // { inputs: { evase: '45', ricevute: '50' }, problems: {}, actual: 90 }
 */
export function readMeasures(formula: MeasuredFormula, texts: Readonly<Record<string, string>>): ReadMeasures {
  const inputs: Record<string, string> = {};
  const values: Record<string, Decimal> = {};
  const problems: Record<string, MeasureProblem> = {};
  for (const { name } of baseMeasures(formula)) {
    const text = (texts[name] ?? '').trim();
    if (text === '') {
      problems[name] = 'required';
      continue;
    }
    const read = parseItalianNumber(text);
    if (read === null || read.percent) {
      problems[name] = 'invalid';
      continue;
    }
    values[name] = read.value;
    inputs[name] = read.value.toString();
  }
  const divisor = formula.kind === 'ratio' ? formula.denominator : formula.previous;
  if (values[divisor]?.isZero()) problems[divisor] = 'zero';
  if (Object.keys(problems).length > 0) return { inputs: null, problems, actual: null };
  const engine = formula.kind === 'ratio' ? { ...formula, scale: dec(String(formula.scale)) } : formula;
  const computed = computeFormula(engine, values);
  return { inputs, problems, actual: 'value' in computed ? computed.value : null };
}

/** The stored base measures (exact decimal text) as the form's fields show them: `1587.1` → `1587,1`. */
export function measureTexts(formula: MeasuredFormula, stored: Readonly<Record<string, string>> | null): Record<string, string> {
  return Object.fromEntries(baseMeasures(formula).map(({ name }) => [name, stored?.[name] === undefined ? '' : stored[name].replace('.', ',')]));
}

/** A previewed actual in the indicator's unit, two decimals as the Relazione prints (`90,00%`). */
export function actualPreview(actual: Decimal, unit: Unit): string {
  return `${formatItalianNumber(actual, 2)}${unit === 'percent' ? '%' : ''}`;
}
