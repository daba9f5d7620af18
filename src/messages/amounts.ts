/**
 * What a value typed by a person must be in its indicator's unit, when it is not (server/amounts.ts
 * `readAmount`): said after "expected" / "serve" by the API's `invalid-field` (problem `amount`)
 * and the appraisal form's `objective-value`.
 */
import { NUMBER_BOUNDS, type NumberBound } from '../core/bounds.js';
import type { Language } from '../core/messages/index.js';

export type AmountProblem =
  | { expected: 'yes-no' | 'date' | 'number' | 'finite-number' }
  /** `value`: the text sent, quoted back. */
  | { expected: 'real-date' | 'number-not-date' | 'number-text' | 'plain-number'; value: string }
  | { expected: 'bounded-number'; bound: NumberBound };

const BOUND_WORDS: Record<Language, Record<NumberBound, string>> = {
  it: {
    infinite: 'il numero è infinito o non è un numero',
    'whole-digits': `il numero ha più di ${NUMBER_BOUNDS.wholeDigits} cifre prima della virgola (il limite è sotto il milione di miliardi)`,
    decimals: `il numero ha più di ${NUMBER_BOUNDS.decimals} decimali`,
  },
  en: {
    infinite: 'the number is infinite or not a number',
    'whole-digits': `the number has more than ${NUMBER_BOUNDS.wholeDigits} digits before the decimal comma (the limit is under a million billion)`,
    decimals: `the number has more than ${NUMBER_BOUNDS.decimals} decimals`,
  },
};

/** The value expected, in words (`a number (93,5 or 93.5), not "abc"`). */
export function amountWords(p: AmountProblem, l: Language): string {
  const it = l === 'it';
  switch (p.expected) {
    case 'yes-no':
      return it ? 'un sì o un no (true o false)' : 'a yes/no value (true or false)';
    case 'date':
      return it ? 'una data (aaaa-mm-gg o gg/mm/aaaa)' : 'a date (yyyy-mm-dd or dd/mm/yyyy)';
    case 'number':
      return it ? 'un numero' : 'a number';
    case 'finite-number':
      return it ? 'un numero finito' : 'a finite number';
    case 'real-date':
      return it ? `una data di calendario reale (aaaa-mm-gg o gg/mm/aaaa), non «${p.value}»` : `a real calendar date (yyyy-mm-dd or dd/mm/yyyy), not “${p.value}”`;
    case 'number-not-date':
      return it ? `un numero, non la data «${p.value}»` : `a number, not the date “${p.value}”`;
    case 'number-text':
      return it ? `un numero (93,5 o 93.5), non «${p.value}»` : `a number (93,5 or 93.5), not “${p.value}”`;
    case 'plain-number':
      return it ? `un numero semplice: «${p.value}» è una percentuale, e questo indicatore conta in numeri` : `a plain number: “${p.value}” is a percentage, and this indicator counts in numbers`;
    case 'bounded-number':
      return it ? `un numero entro i limiti (${BOUND_WORDS.it[p.bound]})` : `a number within bounds (${BOUND_WORDS.en[p.bound]})`;
  }
}
