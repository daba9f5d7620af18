/**
 * Numbers as the Relazione prints them, in the screen's language (issue 14): `93,00%` and
 * `1.587,10` on Italian screens, `93.00%` and `1,587.10` on English ones, from the API's JSON
 * numbers or decimal strings.
 *
 * Plain text work on the number's own digits, rounded half up as the core rounds (the same text as
 * `formatNumberIn` of src/core/italian.ts, a test checks it): without decimal.js, which the tree's
 * first render would otherwise load (issue 15 §4). Reading what a person types is in `parse.ts`.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { computedFromChildren } from '../../../src/core/model.js';
import { NOT_EVALUABLE_MARK } from '../../../src/core/words.js';

export { COMPARATOR_SIGN } from '../../../src/core/words.js';

export type Lang = 'it' | 'en';

/**
 * The office's time zone: the documents date their moments in Italian time (`computedAtText` of
 * src/io/report/meta.ts), and a screen that said the browser's would show another hour beside them.
 */
const OFFICE_TIME_ZONE = 'Europe/Rome';

/**
 * A moment (an ISO timestamp: a save, a closing, an upload) in the screen's language and Italian
 * time: `03/12/2026, 14:05:09`; `short` without the seconds, as the documents write it
 * (`03/12/2026 14:05`, the year in full: a test checks it against `computedAtText`).
 */
export function momentText(iso: string, lang: string, style: 'full' | 'short' = 'full'): string {
  const locale = lang === 'en' ? 'en-GB' : 'it-IT';
  if (style === 'full') return new Date(iso).toLocaleString(locale, { timeZone: OFFICE_TIME_ZONE });
  return new Intl.DateTimeFormat(locale, { timeZone: OFFICE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)).replace(',', '');
}

/** The office's day now, ISO `2026-12-03`, in Italian time: a date the office gives today (a revision's) turns at midnight in Rome, not at UTC's. */
export function officeToday(at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: OFFICE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A moment's day (`03/12/2026`) and time (`14:05`) apart, in Italian time as `momentText`, for sentences that say them separately. */
export function momentParts(iso: string, lang: string): { day: string; time: string } {
  const locale = lang === 'en' ? 'en-GB' : 'it-IT';
  const at = new Date(iso);
  return {
    day: at.toLocaleDateString(locale, { timeZone: OFFICE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }),
    time: at.toLocaleTimeString(locale, { timeZone: OFFICE_TIME_ZONE, hour: '2-digit', minute: '2-digit' }),
  };
}

const DIGITS = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** `value` rounded half up (away from zero) to `places` decimals: sign, whole digits, fraction digits; null when it is not a number. */
function rounded(value: number | string, places: number): { negative: boolean; whole: string; fraction: string } | null {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  const m = DIGITS.exec(typeof value === 'number' ? String(value) : value.trim());
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return null;
  let digits = `${m[2]}${m[3] ?? ''}`;
  let point = m[2]!.length + Number(m[4] ?? 0);
  // Digits so that the point falls after `point` of them and `places` follow it, plus one to round on.
  if (point < 1) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  const keep = point + places;
  if (digits.length <= keep) digits = digits.padEnd(keep, '0');
  else {
    const up = digits.charCodeAt(keep) >= 53; // '5'
    digits = digits.slice(0, keep);
    if (up) digits = increment(digits);
    if (digits.length > keep) point++;
  }
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point);
  return { negative: m[1] === '-' && /[1-9]/.test(digits), whole, fraction };
}

/** `'0999'` → `'1000'`, `'99'` → `'100'`. */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  const tail = '0'.repeat(digits.length - 1 - i);
  return i < 0 ? `1${tail}` : `${digits.slice(0, i)}${String(Number(digits[i]) + 1)}${tail}`;
}

/** Decimals written in `value` (`56.675` → 3, `1e-7` → 7). */
function decimalPlaces(value: number | string): number {
  const m = DIGITS.exec(typeof value === 'number' ? String(value) : value.trim());
  if (m === null) return 0;
  return Math.max(0, (m[3] ?? '').replace(/0+$/, '').length - Number(m[4] ?? 0));
}

/** `1587.1` → `1.587,10` in Italian, `1,587.10` in English (grouped, `places` decimals, rounded half up). */
export function formatNumber(value: number | string, lang: Lang, places = 2): string {
  const r = rounded(value, places);
  if (r === null) return String(value);
  const [group, point] = lang === 'en' ? [',', '.'] : ['.', ','];
  const whole = r.whole.length <= 3 ? r.whole : r.whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${r.negative ? '-' : ''}${whole}${r.fraction === '' ? '' : `${point}${r.fraction}`}`;
}

/** Cents as euros in the screen's notation: `1.234,57` / `1,234.57`. */
export function euros(cents: string, lang: Lang): string {
  const n = BigInt(cents);
  const abs = n < 0n ? -n : n;
  return formatNumber(`${n < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`, lang, 2);
}

/** A performance or score: `93` → `93,00%` / `93.00%`; nothing → `—`. */
export function percent(value: number | string | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value, lang)}%`;
}

/** A weight, with the decimals it has up to two: `30` → `30%`, `33.33` → `33,33%` / `33.33%`; nothing → `—`. */
export function weight(value: number | string | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value, lang, Math.min(decimalPlaces(value), 2))}%`;
}

/**
 * A value as it was given, every decimal kept and no grouping: `1587.1` → `1587,1` / `1587.1`. A
 * JSON number JavaScript prints with an exponent (below 10⁻⁶: `1e-7`) is written in its digits
 * (`0,0000001`): a form field starts from this text, and the screen's reading refuses an exponent.
 */
export function plainNumber(value: number | string, lang: Lang): string {
  const text = typeof value === 'number' ? digitsOf(value) : String(value);
  return lang === 'en' ? text : text.replace('.', ',');
}

/** A number's own digits without an exponent: `1.5e-7` → `0.00000015`, `1e21` → `1000000000000000000000`. */
function digitsOf(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Rounded to the decimals it has: nothing is rounded, only the point moved.
  const r = rounded(text, decimalPlaces(text));
  return r === null ? text : `${r.negative ? '-' : ''}${r.whole}${r.fraction === '' ? '' : `.${r.fraction}`}`;
}

/** The units an amount is counted in (the contract's `UnitSchema`). */
export type AmountUnit = 'number' | 'percent' | 'date' | 'boolean';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An amount of a document (a target, an actual, a baseline: a JSON number or exact decimal text, an
 * ISO date, yes/no) as the server writes its `targetText` / `actualText` (`amountText` of
 * src/io/json.ts, a test checks it), in the screen's language: `25,59%` / `25.59%`, `1.587,10` /
 * `1,587.10`, `30/09/2024` on both, `sì` / `yes`. The server's texts are Italian unless `?lang=en`
 * is asked; the screens read the one Italian tree and write the figures from the values, so that
 * switching language redraws them without reading the tree again.
 */
export function amountText(value: number | string | boolean | null | undefined, unit: AmountUnit, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? (lang === 'en' ? 'yes' : 'sì') : 'no';
  const date = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (date !== null) return `${date[3]}/${date[2]}/${date[1]}`;
  // The published table's decimals (amountText of src/io/json.ts says why): two at least for a
  // percentage or a number with a fraction (`6,50`), a whole number as it is, up to four kept.
  const own = decimalPlaces(value);
  const places = unit === 'percent' || own > 0 ? Math.max(2, Math.min(own, 4)) : 0;
  return `${formatNumber(value, lang, places)}${unit === 'percent' ? '%' : ''}`;
}

/**
 * A chart axis's tick in the screen's notation, with the amount's unit: `2.5` → `2,5%` for a
 * percentage, `1500` → `1.500` / `1,500` (its own decimals: an axis says 2,5, not 2,50).
 */
export function tickText(value: number, unit: AmountUnit, lang: Lang): string {
  return `${formatNumber(value, lang, decimalPlaces(value))}${unit === 'percent' ? '%' : ''}`;
}

/**
 * An indicator's actual as its row shows it, as the server's `actualText` (`actualAmountText` of
 * src/io/json.ts): when not evaluable, the language's mark (`N.V.`, `N.E.` in English, as the
 * reports print it); a weighted mean's (`children_mean`), a performance, as its objective's
 * (`98,13%`, not `98,125%`); else `amountText`. `formula` absent: a direct indicator's.
 */
export function actualText(i: { state: string; actual: number | string | boolean | null; unit: AmountUnit; formula?: { readonly kind: string } | null }, lang: Lang): string {
  if (i.state === 'not_evaluable') return NOT_EVALUABLE_MARK[lang];
  if (computedFromChildren(i.formula) && (typeof i.actual === 'number' || (typeof i.actual === 'string' && !ISO_DATE.test(i.actual)))) return percent(i.actual, lang);
  return amountText(i.actual, i.unit, lang);
}

/** The screen's language, for the functions above. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'it';
}

/**
 * Calls `rewrite` when the screen's language changes with a form open (not on its first render):
 * the form writes what is typed again in the new notation, the same digits (`swapNotation`).
 */
export function useLanguageChange(lang: Lang, rewrite: (lang: Lang) => void): void {
  const shownIn = useRef(lang);
  const latest = useRef(rewrite);
  latest.current = rewrite;
  useEffect(() => {
    if (shownIn.current === lang) return;
    shownIn.current = lang;
    latest.current(lang);
  }, [lang]);
}
