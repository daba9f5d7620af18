/** What the closing dialog says before a period is closed, its counts in the words their number takes. */
import type { TFunction } from 'i18next';

export interface ClosingCounts {
  missing: number;
  toReview: number;
  returned: number;
}

/**
 * The closing dialog's summary line. Only "missing" changes with its number in Italian and English
 * ("da rivedere", "to review" do not), so it alone is a plural word.
 *
 * @example closingIntro(t, { missing: 1, toReview: 0, returned: 2 }) // → 'Prima di chiudere: 1 valore mancante, 0 da rivedere, 2 da integrare.'
 */
export function closingIntro(t: TFunction, { missing, toReview, returned }: ClosingCounts): string {
  return t('campaign.closeIntro', { missing: t('campaign.closeMissing', { count: missing }), toReview, returned });
}
