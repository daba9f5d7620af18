/**
 * A date typed in a date field (`DateInput`), read in the screen's way of writing dates: day, month
 * and year, `31/12/2024`, on Italian and English screens alike (as `amountText` prints them), or ISO
 * `2024-12-31` pasted from elsewhere. The rest of the code gets ISO `yyyy-mm-dd`, as from the
 * browser's own date field before, which wrote dates in the browser's language, not the page's.
 */
import { formatItalianDate, parseItalianDate } from '../../../src/core/italian-date.js';
import type { Lang } from './format.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `31/12/2024` (or `2024-12-31`) → `2024-12-31`; null when it is no day of the calendar (31/02/2024) or no date at all. */
export function readDate(text: string): string | null {
  const t = text.trim();
  const iso = ISO.exec(t);
  return iso === null ? parseItalianDate(t) : parseItalianDate(`${iso[3]}/${iso[2]}/${iso[1]}`);
}

/** ISO `2024-12-31` → `31/12/2024`, the field's text; '' for none. */
export function dateText(iso: string): string {
  return ISO.test(iso) ? formatItalianDate(iso) : '';
}

/** The start of a date, as typed on the way: `1`, `12/`, `12/03`, `12/03/20`. */
const STARTED = /^\d{1,2}(\/(\d{1,2}(\/\d{0,3})?)?)?$/;
const WHOLE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Why a typed text is not a date: the words' key under `common.` and their values; null when it is one, or empty. */
export function dateTextProblem(text: string, lang: Lang): { key: string; values: Record<string, string | number> } | null {
  const t = text.trim();
  if (t === '' || readDate(t) !== null) return null;
  if (STARTED.test(t)) return { key: 'dateIncomplete', values: {} };
  const whole = WHOLE.exec(t);
  const [day, month, year] = whole === null ? [0, 0, 0] : [Number(whole[1]), Number(whole[2]), Number(whole[3])];
  if (whole !== null && month >= 1 && month <= 12 && day > 0 && year >= 1000) {
    // A day past the month's last (31/02/2024, 31/04/2025): the month and its days said.
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const name = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
    return { key: 'dateNoSuchDay', values: { text: t, month: name, year, days } };
  }
  return { key: 'dateInvalid', values: { text: t } };
}
