/**
 * What a person types in a form, read strictly in the screen's notation, as the importer reads
 * tables: `1.587,10`, `25,59%` on an Italian screen, `1,587.10`, `25.59%` on an English one; dates
 * `30/09/2024` (or ISO) on both. A number that reads only in the other language's notation (`1.5`
 * on an Italian screen, `1,5` on an English one) is refused, and `numberProblem` says which
 * notation is expected. And the inverse, for filling a field (`amountInput`). Uses the core's
 * exact parser (decimal.js), so only the forms load it, not the tree's first render.
 */
import { numberBoundProblem } from '../../../src/core/bounds.js';
import { decimalJson } from '../../../src/core/decimal.js';
import { formatItalianDate, formatNumberIn, parseItalianDate, parseItalianNumber, type ParsedNumber } from '../../../src/core/italian.js';
import type { Unit } from '../../../src/core/model.js';
import { plainNumber, type Lang } from './format.js';

/**
 * A number typed in `lang`'s notation (`1.587,10` / `1,587.10`, `%` allowed); null when it is none.
 * English is the Italian reading with the separators swapped, so both are exactly as strict.
 */
export function readNumber(text: string, lang: Lang): ParsedNumber | null {
  const t = text.trim();
  return parseItalianNumber(lang === 'it' ? t : swapNotation(t));
}

/** The same number in the other language's notation, digit for digit: `1.587,10` ⇄ `1,587.10`. */
export function swapNotation(text: string): string {
  return text.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
}

/** A yes/no typed in the other language written in `lang`'s word (`sì` ⇄ `yes`); anything else as typed. */
export function yesNoIn(text: string, lang: Lang): string {
  const t = text.trim().toLowerCase();
  if (lang === 'en' && (t === 'sì' || t === 'si')) return 'yes';
  if (lang === 'it' && t === 'yes') return 'sì';
  return text;
}

/**
 * A value the user typed, in the indicator's unit, as the API carries it; `undefined` when
 * unreadable. A number is the exact decimal typed, as `decimalJson` writes it: a JSON number, or
 * its text when a double would round it (`0,12345678901234567891` → `'0.12345678901234567891'`).
 */
export function parseInput(text: string, unit: Unit, lang: Lang): number | string | boolean | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (unit === 'boolean') {
    if (/^(s[iì]|yes|true|1)$/i.test(t)) return true;
    if (/^(no|false|0)$/i.test(t)) return false;
    return undefined;
  }
  if (unit === 'date') return parseItalianDate(t) ?? (/^\d{4}-\d{2}-\d{2}$/.test(t) ? t : undefined);
  const n = unitNumber(t, unit, lang);
  return n === null ? undefined : decimalJson(n);
}

/**
 * A number typed for a field counted in `unit` (`number` or `percent`), read strictly in `lang`'s
 * notation, as its exact value; null when it cannot be taken (`numberProblem` says why).
 */
export function unitNumber(text: string, unit: Unit, lang: Lang): ParsedNumber['value'] | null {
  // Strict notation: `1.5` on an Italian screen (`1,5` on an English one) is ambiguous and refused, as by the importer.
  const n = readNumber(text, lang);
  // `5%` for an indicator counted in numbers: five, or five hundredths? Refused, as by the server.
  return n === null || (n.percent && unit !== 'percent') || numberBoundProblem(n.value) !== null ? null : n.value;
}

/**
 * A value that can be saved but is unlikely to be meant: a percentage above 100 or below 0 (150,
 * −5), as the screen writes it. Said next to the field before saving; null when nothing looks wrong.
 */
export function implausibleValue(text: string, unit: Unit, lang: Lang): { value: string } | null {
  if (unit !== 'percent') return null;
  const n = unitNumber(text, unit, lang);
  if (n === null) return null;
  return n.gt(100) || n.isNegative() ? { value: formatNumberIn(n, Math.min(n.decimalPlaces(), 4), lang) } : null;
}

/**
 * Why a typed number cannot be taken, for the form's message: written in the other language's
 * notation (`otherNotation`), a percentage where a number is counted, or too many digits.
 */
export function numberProblem(text: string, unit: Unit, lang: Lang): 'otherNotation' | 'percentForNumber' | 'tooManyDigits' | null {
  const n = readNumber(text, lang);
  if (n === null) return readNumber(text, lang === 'it' ? 'en' : 'it') === null ? null : 'otherNotation';
  if (n.percent && unit !== 'percent') return 'percentForNumber';
  return numberBoundProblem(n.value) === null ? null : 'tooManyDigits';
}

/**
 * Why a typed value cannot be read in the unit, as the words' key under `entry.` (`otherNotation`,
 * `invalidNumber`, `invalidDate`…); null when it can, or is empty and not `required` (an empty
 * required field is said as unreadable: `entry.invalidNumber`…). For the entry form and the fields
 * beside it (the indicator dialog, the appraisal screens), said at the field.
 */
export function valueProblem(text: string, unit: Unit, lang: Lang, required = false): string | null {
  const read = parseInput(text, unit, lang);
  if (read !== undefined && !(required && read === null)) return null;
  if (unit === 'date') return 'entry.invalidDate';
  if (unit === 'boolean') return 'entry.invalidYesNo';
  return `entry.${numberProblem(text, unit, lang) ?? 'invalidNumber'}`;
}

/**
 * A plain number typed in `lang`'s notation (a weight, a share, a fund; `%` allowed), as its exact
 * decimal text (`1.234,5` / `1,234.5` → `1234.5`); or why it cannot be read, as the words' key
 * under `entry.`. Empty text is `{ value: null }`.
 *
 * @example typedDecimal('33,33', 'en') // { problem: 'entry.otherNotation' }
 */
export function typedDecimal(text: string, lang: Lang): { value: string | null } | { problem: string } {
  return text.trim() === '' ? { value: null } : requiredDecimal(text, lang);
}

/**
 * A plain number that must be given (an objective's weight, a part-time, a fund), as
 * `typedDecimal` reads it; an empty field is a problem too (`entry.invalidNumber`).
 *
 * @example requiredDecimal(' ', 'it') // { problem: 'entry.invalidNumber' }
 */
export function requiredDecimal(text: string, lang: Lang): { value: string } | { problem: string } {
  const n = unitNumber(text, 'percent', lang);
  return n !== null ? { value: n.toFixed() } : { problem: valueProblem(text, 'percent', lang, true)! };
}

/**
 * An amount of a document (a target, a baseline, an actual, a rule's floor or point, a validated
 * value: a JSON number or exact decimal text, an ISO date, yes/no) as a form field starts in
 * `lang`, every decimal kept and no grouping: what `parseInput` and `amountValue` read back as the
 * same value, so a field the user leaves alone is sent unchanged.
 *
 * @example amountInput('2.5', 'it') // '2,5'
 */
export function amountInput(value: number | string | boolean | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? (lang === 'en' ? 'yes' : 'sì') : 'no';
  if (typeof value === 'number') return plainNumber(value, lang);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatItalianDate(value);
  return /^[+-]?\d+(\.\d+)?$/.test(value) ? plainNumber(value, lang) : value;
}

/**
 * Whether `text`, typed in `lang` for a field counted in `unit`, is the amount `value` itself,
 * compared as decimals: what `amountInput(value)` filled in reads as `value`, whichever form it
 * came in (`'2.5'` or `2.5`, `'1.50'`), a decimal longer than a double holds
 * (`0.12345678901234567891`) included.
 *
 * @example sameAmount('0,12345678901234567891', '0.12345678901234567891', 'number', 'it') // true
 */
export function sameAmount(text: string, value: number | string | boolean | null, unit: Unit, lang: Lang): boolean {
  if (value === null || text.trim() === '') return value === null && text.trim() === '';
  if (unit === 'number' || unit === 'percent') {
    const n = unitNumber(text, unit, lang);
    return n !== null && (typeof value === 'number' || (typeof value === 'string' && /^[+-]?\d+(\.\d+)?$/.test(value))) && n.eq(value);
  }
  return parseInput(text, unit, lang) === value;
}
