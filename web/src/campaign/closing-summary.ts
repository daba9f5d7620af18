/** What the closing dialog says before a period is closed, and the worklist's counts, in the words their number takes. */
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

/**
 * The closing dialog's summary: the counts, or, with none, that all is done; of a draft (not in
 * force, `notAdopted`: nothing was asked of anyone) with none, only that the period closes empty,
 * since «all entered and approved» would say something was collected.
 *
 * @example closingSummary(t, { missing: 0, toReview: 0, returned: 0, notAdopted: true }) // → 'Nessun valore inserito: il periodo verrà chiuso vuoto.'
 */
export function closingSummary(t: TFunction, counts: ClosingCounts & { notAdopted: boolean }): string {
  if (counts.missing + counts.toReview + counts.returned > 0) return closingIntro(t, counts);
  return t(counts.notAdopted ? 'campaign.closeDraftEmpty' : 'campaign.closeAllDone');
}

/**
 * What confirming the closing dialog acknowledges: the values to review it listed, by their number.
 * The closing is made knowingly with those (the API records their count) and the dialog says so;
 * more found at the closing, come in since the list was read (none, when it listed none), are
 * refused (`unreviewed-values`), and the dialog shows the new list and asks again.
 *
 * @example closingAcknowledgement(t, { toReview: 2 }) // → { acknowledgeUnreviewed: 2, note: 'Chiudendo ora, chiudi sapendo che 2 valori non sono stati rivisti: …' }
 */
export function closingAcknowledgement(t: TFunction, { toReview }: Pick<ClosingCounts, 'toReview'>): { acknowledgeUnreviewed: number; note: string | null } {
  return { acknowledgeUnreviewed: toReview, note: toReview > 0 ? t('campaign.closeUnreviewed', { count: toReview }) : null };
}

export interface WorklistCounts {
  to_enter: number;
  entered: number;
  returned: number;
  approved: number;
  late: number;
}

/**
 * The worklist's counts line. "compilati" and "approvati" are Italian participles, singular for one
 * («1 compilato»); the others do not change with their number.
 *
 * @example worklistCounts(t, { to_enter: 2, entered: 1, returned: 0, approved: 1, late: 0 }) // → '2 da compilare, 1 compilato, 0 da integrare, 1 approvato; 0 in ritardo'
 */
export function worklistCounts(t: TFunction, counts: WorklistCounts): string {
  return t('campaign.counts', { ...counts, entered: t('campaign.countsEntered', { count: counts.entered }), approved: t('campaign.countsApproved', { count: counts.approved }) });
}
