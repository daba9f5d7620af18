/**
 * The OIV's checklist points in the screen's language. A point's label is the OIV's text, written
 * into the (Italian) documento di validazione as stored; the points Albero proposes
 * (`DEFAULT_CHECKLIST`) have the screen's words too, so an English screen says them in English.
 * A point the OIV wrote or changed is its own text, shown as typed.
 */
import type { TFunction } from 'i18next';
import { DEFAULT_CHECKLIST } from '../../../src/contract/relazione-states.js';

/**
 * @example pointWords('Attendibilità dei dati e delle informazioni', i18next.getFixedT('en')) // → 'Reliability of the data and information'
 */
export function pointWords(label: string, t: TFunction): string {
  const proposed = DEFAULT_CHECKLIST.findIndex((p) => p.label === label);
  return proposed === -1 ? label : t(`relazione.review.proposedPoints.${proposed}`);
}
