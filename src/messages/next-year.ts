/**
 * Next year's plan asked for a year that is not the plan's next, said alike by the API (store
 * `nextYear`) and `albero next-year`. Next year's plan is made from this one (domain.md, the PIAO's
 * rolling three years): the year after a gap is made from the plan of the year before it, whose
 * actuals are its baselines, not from an older one.
 */
import type { Language } from '../core/messages/index.js';

/**
 * @example nextYearWords(2024, 2027, 'en')
 *   // → "this is the 2024 plan: its next year's plan is 2025's, not 2027's; make 2027's from the 2026 plan, whose actuals are its baselines"
 */
export function nextYearWords(year: number | undefined, asked: number | undefined, l: Language): string {
  const next = year === undefined ? undefined : year + 1;
  if (l === 'it') {
    const not = asked === undefined ? '' : `, non quello del ${asked}`;
    const later = asked !== undefined && next !== undefined && asked > next ? `; quello del ${asked} si fa dal piano del ${asked - 1}, i cui consuntivi ne sono le baseline` : '';
    return `questo è il piano del ${year ?? '?'}: il piano dell'anno successivo è quello del ${next ?? '?'}${not}${later}`;
  }
  const not = asked === undefined ? '' : `, not ${asked}'s`;
  const later = asked !== undefined && next !== undefined && asked > next ? `; make ${asked}'s from the ${asked - 1} plan, whose actuals are its baselines` : '';
  return `this is the ${year ?? '?'} plan: its next year's plan is ${next ?? '?'}'s${not}${later}`;
}
