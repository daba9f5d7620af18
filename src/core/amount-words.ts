/**
 * An amount as the published table prints it, from its neutral text (`60`, `1587.1`,
 * `2024-12-31`, `true`): plain text work without decimal.js, like italian-date.ts, so the words of
 * a revision's change (messages/changes.ts) and of a plan comparison (messages/comparison.ts),
 * which the web app says too, print a target as the table does. io/json's `amountText` writes its
 * numbers with `tableNumberText`: one rule for the table and for the changes.
 */
import { formatItalianDate } from './italian-date.js';
import type { Language } from './words.js';

const NEUTRAL_NUMBER = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal's neutral text (`1587.1`, `-0.035`) as the published table writes it in a unit: a
 * percentage has at least two decimals (`5,00%`), and so has any number with a fraction (`6,50`,
 * `1.587,10`: the table never writes one decimal); a whole number other than a percentage is
 * written exact (`500`); beyond two decimals the value's own are kept, up to four (rounded half
 * up, away from zero, as core/decimal's `round`). Thousands grouped, the separators `language`'s:
 * `1.587,10` in Italian, `1,587.10` in English. Text that is not a decimal comes back as it is.
 *
 * @example tableNumberText('60', 'percent', 'it') // '60,00%'
 * @example tableNumberText('1587.1', 'number', 'en') // '1,587.10'
 */
export function tableNumberText(text: string, unit: string | null, language: Language): string {
  const m = NEUTRAL_NUMBER.exec(text);
  if (m === null) return text;
  const [, sign, whole, fraction = ''] = m;
  const own = fraction.replace(/0+$/, '');
  const percent = unit === 'percent';
  const places = percent || own.length > 0 ? Math.max(2, Math.min(own.length, 4)) : 0;
  let digits = BigInt(`${whole}${own.slice(0, places).padEnd(places, '0')}`);
  if (own.length > places && own[places]! >= '5') digits += 1n;
  const all = digits.toString().padStart(places + 1, '0');
  const integer = all.slice(0, all.length - places).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'it' ? '.' : ',');
  const decimals = all.slice(all.length - places);
  const negative = sign === '-' && /[1-9]/.test(all);
  return `${negative ? '-' : ''}${integer}${places === 0 ? '' : `${language === 'it' ? ',' : '.'}${decimals}`}${percent ? '%' : ''}`;
}

/**
 * An amount's neutral text in a unit as the table prints it: a date `31/12/2024` (in both
 * languages, as the Relazione writes dates), yes/no in words, a decimal by `tableNumberText`.
 *
 * @example tableAmountText('2024-12-31', 'date', 'en') // '31/12/2024'
 */
export function tableAmountText(text: string, unit: string | null, language: Language): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatItalianDate(text);
  if (text === 'true' || text === 'false') return text === 'true' ? (language === 'it' ? 'sì' : 'yes') : 'no';
  return tableNumberText(text, unit, language);
}
