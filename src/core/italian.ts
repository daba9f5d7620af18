/**
 * Italian numbers and dates, as the published tables write them: `1.587,10`, `-18,72`, `0,035%`,
 * `30/09/2024`. Parsing is strict on purpose: `1.5` could be one and a half or fifteen hundred,
 * so it is refused rather than guessed.
 */
import { Decimal, round } from './decimal.js';
import type { Language } from './words.js';

export { formatItalianDate, parseItalianDate } from './italian-date.js';

const ITALIAN_NUMBER = /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;

export interface ParsedNumber {
  readonly value: Decimal;
  /** Whether it ended with `%`: the value is then in percentage points. */
  readonly percent: boolean;
}

/** `1.587,10` → 1587.10; `0,035%` → 0.035 (percent); null when it is not an Italian number. */
export function parseItalianNumber(text: string): ParsedNumber | null {
  return plainItalianNumber(text) ?? writtenItalianNumber(text);
}

/**
 * The common case, a number with nothing around it (`40%`, `1.587,10`, `-18,72`), read with
 * character checks only; undefined for anything else (spaces, no-break spaces, a malformed
 * number), which `writtenItalianNumber` then decides. Tables hold hundreds of thousands of these.
 */
function plainItalianNumber(text: string): ParsedNumber | undefined {
  const percent = text.charCodeAt(text.length - 1) === 37; // %
  const end = percent ? text.length - 1 : text.length;
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 43 || first === 45) i = 1; // + -
  const wholeStart = i;
  let value = 0;
  while (i < end && isDigit(text.charCodeAt(i))) value = value * 10 + (text.charCodeAt(i++) - 48);
  const leading = i - wholeStart;
  if (leading === 0) return undefined;
  let grouped = false;
  while (i < end && text.charCodeAt(i) === 46) {
    // `1.587`: groups of exactly three digits after a first group of one to three (past `end`
    // there is only the `%`, and a fourth digit is refused below, as the end not reached).
    if (leading > 3 || !isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2)) || !isDigit(text.charCodeAt(i + 3))) return undefined;
    grouped = true;
    i += 4;
  }
  const wholeEnd = i;
  let fractionStart = -1;
  if (i < end && text.charCodeAt(i) === 44) {
    fractionStart = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === fractionStart) return undefined;
  }
  if (i !== end) return undefined;
  const negative = first === 45;
  if (!grouped && fractionStart < 0 && leading <= 7) {
    // Whole numbers below 10⁷ take decimal.js's exact small-integer path.
    return { value: new Decimal(negative ? -value : value), percent };
  }
  const whole = grouped ? text.slice(wholeStart, wholeEnd).replace(/\./g, '') : text.slice(wholeStart, wholeEnd);
  const digits = `${negative ? '-' : ''}${whole}${fractionStart < 0 ? '' : `.${text.slice(fractionStart, end)}`}`;
  return { value: new Decimal(digits), percent };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The general reading: trimmed, `%` after optional spaces, strict digit groups. */
function writtenItalianNumber(text: string): ParsedNumber | null {
  let t = text.trim().replace(/\u00a0/g, ' ');
  const percent = t.endsWith('%');
  if (percent) t = t.slice(0, -1).trim();
  const m = ITALIAN_NUMBER.exec(t);
  if (m === null) return null;
  const [, sign, whole, fraction] = m;
  const digits = `${sign === '-' ? '-' : ''}${whole!.replace(/\./g, '')}${fraction === undefined ? '' : `.${fraction}`}`;
  return { value: new Decimal(digits), percent };
}

/** `1587.1` → `1.587,10` (grouped, fixed decimals), as the Relazione prints numbers. */
export function formatItalianNumber(value: Decimal, places = 2): string {
  const fixed = (value.decimalPlaces() <= places ? value : round(value, places)).toFixed(places);
  const negative = fixed.startsWith('-');
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole!.length <= 3 ? whole! : whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
}

/** `93` → `93,00%`; null → empty. */
export function formatPercent(value: Decimal | null, places = 2): string {
  return value === null ? '' : `${formatItalianNumber(value, places)}%`;
}

/** A number in `language`'s way: `1.587,10` in Italian, `1,587.10` in English (reports, exports). */
export function formatNumberIn(value: Decimal, places: number, language: Language): string {
  const italian = formatItalianNumber(value, places);
  // Swap the separators: the digits and the rounding stay the Italian formatter's.
  return language === 'it' ? italian : swapSeparators(italian);
}

/**
 * A number written in `language`'s way, as `formatNumberIn` writes it: `1.587,10` in Italian,
 * `1,587.10` in English (read by swapping the separators back: the same strict groups either way).
 */
export function parseNumberIn(text: string, language: Language): ParsedNumber | null {
  return parseItalianNumber(language === 'it' ? text : swapSeparators(text));
}

function swapSeparators(text: string): string {
  return text.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
}

/** `93` → `93,00%` in Italian, `93.00%` in English; null → empty. */
export function formatPercentIn(value: Decimal | null, language: Language, places = 2): string {
  return value === null ? '' : `${formatNumberIn(value, places, language)}%`;
}
