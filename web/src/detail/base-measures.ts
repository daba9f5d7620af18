/**
 * Data entry for a ratio or trend indicator: the base measures its formula names, read as typed
 * in the screen's notation (`1.587,10` / `1,587.10`, as ui/parse.ts reads), sent as exact decimal
 * text, and the actual the engine will compute from them, previewed with the engine's own
 * `computeFormula` in the screen's notation. No React: tested beside.
 */
import { computeFormula, dec, formatNumberIn, ownValue, textKeyed, type Decimal, type Unit } from '../../../src/core/index.js';
import type { Formula } from '../api/types.js';
import type { Lang } from '../ui/format.js';
import { numberProblem, readNumber } from '../ui/parse.js';

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

/** Why a base measure cannot be used: left empty, not a number, a number in the other language's notation, or a zero the formula divides by. */
export type MeasureProblem = 'required' | 'invalid' | 'otherNotation' | 'zero';

export interface ReadMeasures {
  /** The measures as the API reads them (`"1587.1"`), only when every one was readable. */
  inputs: Record<string, string> | null;
  /** By measure name. */
  problems: Record<string, MeasureProblem>;
  /** The actual computed from them, null when some measure is missing or wrong. */
  actual: Decimal | null;
}

/**
 * The typed base measures (by name) read for sending in the screen's notation, and the actual they give.
 *
 * @example readMeasures({ kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: 100 }, { evase: '45', ricevute: '50' }, 'it')
 *   // { inputs: { evase: '45', ricevute: '50' }, problems: {}, actual: 90 }
 */
export function readMeasures(formula: MeasuredFormula, texts: Readonly<Record<string, string>>, lang: Lang): ReadMeasures {
  // Keyed by the measures' names, which a person chose (`constructor`, `toString`): no prototype, read by own key.
  const inputs = textKeyed<string>();
  const values = textKeyed<Decimal>();
  const problems = textKeyed<MeasureProblem>();
  for (const { name } of baseMeasures(formula)) {
    const text = (ownValue(texts, name) ?? '').trim();
    if (text === '') {
      problems[name] = 'required';
      continue;
    }
    const read = readNumber(text, lang);
    if (read === null || read.percent) {
      problems[name] = numberProblem(text, 'number', lang) === 'otherNotation' ? 'otherNotation' : 'invalid';
      continue;
    }
    values[name] = read.value;
    inputs[name] = read.value.toString();
  }
  const divisor = formula.kind === 'ratio' ? formula.denominator : formula.previous;
  if (ownValue(values, divisor)?.isZero() === true) problems[divisor] = 'zero';
  if (Object.keys(problems).length > 0) return { inputs: null, problems, actual: null };
  const engine = formula.kind === 'ratio' ? { ...formula, scale: dec(String(formula.scale)) } : formula;
  const computed = computeFormula(engine, values);
  return { inputs, problems, actual: 'value' in computed ? computed.value : null };
}

/** The stored base measures (exact decimal text) as the form's fields show them: `1587.1` → `1587,1` on an Italian screen, `1587.1` on an English one. */
export function measureTexts(formula: MeasuredFormula, stored: Readonly<Record<string, string>> | null, lang: Lang): Record<string, string> {
  const shown = (text: string) => (lang === 'en' ? text : text.replace('.', ','));
  return Object.fromEntries(
    baseMeasures(formula).map(({ name }) => {
      const text = ownValue(stored, name);
      return [name, text === undefined ? '' : shown(text)];
    }),
  );
}

/** A previewed actual in the indicator's unit, two decimals as the Relazione prints, in the screen's notation (`1.587,10`, `90,00%` / `1,587.10`, `90.00%`). */
export function actualPreview(actual: Decimal, unit: Unit, lang: Lang): string {
  return `${formatNumberIn(actual, 2, lang)}${unit === 'percent' ? '%' : ''}`;
}
