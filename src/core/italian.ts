/**
 * Italian numbers and dates, as the published tables write them: `1.587,10`, `-18,72`, `0,035%`,
 * `30/09/2024`. Parsing is strict on purpose: `1.5` could be one and a half or fifteen hundred,
 * so it is refused rather than guessed.
 */
import { Decimal, round } from './decimal.js';

const ITALIAN_NUMBER = /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
const ITALIAN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export interface ParsedNumber {
  readonly value: Decimal;
  /** Whether it ended with `%`: the value is then in percentage points. */
  readonly percent: boolean;
}

/** `1.587,10` → 1587.10; `0,035%` → 0.035 (percent); null when it is not an Italian number. */
export function parseItalianNumber(text: string): ParsedNumber | null {
  let t = text.trim().replace(/\u00a0/g, ' ');
  const percent = t.endsWith('%');
  if (percent) t = t.slice(0, -1).trim();
  const m = ITALIAN_NUMBER.exec(t);
  if (m === null) return null;
  const [, sign, whole, fraction] = m;
  const digits = `${sign === '-' ? '-' : ''}${whole!.replace(/\./g, '')}${fraction === undefined ? '' : `.${fraction}`}`;
  return { value: new Decimal(digits), percent };
}

/** `30/09/2024` → `2024-09-30`; null when it is not a real calendar date (31/02/2024 is not). */
export function parseItalianDate(text: string): string | null {
  const m = ITALIAN_DATE.exec(text.trim());
  if (m === null) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2024-09-30` → `30/09/2024`. */
export function formatItalianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** `1587.1` → `1.587,10` (grouped, fixed decimals), as the Relazione prints numbers. */
export function formatItalianNumber(value: Decimal, places = 2): string {
  const fixed = round(value, places).toFixed(places);
  const negative = fixed.startsWith('-');
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
}

/** `93` → `93,00%`; null → empty. */
export function formatPercent(value: Decimal | null, places = 2): string {
  return value === null ? '' : `${formatItalianNumber(value, places)}%`;
}
