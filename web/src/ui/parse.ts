/**
 * What a person types in a form, read strictly in Italian notation (`1.587,10`, `25,59%`,
 * `30/09/2024`), as the importer reads tables; and the inverse, for filling a field. Uses the
 * core's exact parser (decimal.js), so only the forms load it, not the tree's first render.
 */
import { numberBoundProblem } from '../../../src/core/bounds.js';
import { formatItalianDate, formatItalianNumber, parseItalianDate, parseItalianNumber } from '../../../src/core/italian.js';
import type { Unit } from '../../../src/core/model.js';

/** A value the user typed, in the indicator's unit, as the API wants it; `undefined` when unreadable. */
export function parseInput(text: string, unit: Unit): number | string | boolean | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (unit === 'boolean') {
    if (/^(s[iì]|yes|true|1)$/i.test(t)) return true;
    if (/^(no|false|0)$/i.test(t)) return false;
    return undefined;
  }
  if (unit === 'date') return parseItalianDate(t) ?? (/^\d{4}-\d{2}-\d{2}$/.test(t) ? t : undefined);
  // Strict Italian numbers (`1.587,10`): `1.5` is ambiguous and refused, as by the importer.
  const n = parseItalianNumber(t);
  // `5%` for an indicator counted in numbers: five, or five hundredths? Refused, as by the server.
  if (n === null || (n.percent && unit !== 'percent') || numberBoundProblem(n.value) !== null) return undefined;
  return Number(n.value.toString());
}

/**
 * A value that can be saved but is unlikely to be meant: a percentage above 100 or below 0 (150,
 * −5). Said next to the field before saving; null when nothing looks wrong.
 */
export function implausibleValue(text: string, unit: Unit): { value: string } | null {
  if (unit !== 'percent') return null;
  const n = parseItalianNumber(text.trim());
  if (n === null || numberBoundProblem(n.value) !== null) return null;
  return n.value.gt(100) || n.value.isNegative() ? { value: formatItalianNumber(n.value, Math.min(n.value.decimalPlaces(), 4)) } : null;
}

/** Why a typed number cannot be taken, for the form's message: a percentage where a number is counted, or too many digits. */
export function numberProblem(text: string, unit: Unit): 'percentForNumber' | 'tooManyDigits' | null {
  const n = parseItalianNumber(text.trim());
  if (n === null) return null;
  if (n.percent && unit !== 'percent') return 'percentForNumber';
  return numberBoundProblem(n.value) === null ? null : 'tooManyDigits';
}

/** The inverse of parseInput, for filling a form field. */
export function inputText(value: number | string | boolean | null, unit: Unit): string {
  if (value === null) return '';
  if (unit === 'boolean') return value === true ? 'sì' : 'no';
  if (unit === 'date' && typeof value === 'string') return formatItalianDate(value);
  if (typeof value === 'number') return String(value).replace('.', ',');
  return String(value);
}
