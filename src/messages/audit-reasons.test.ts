import { describe, expect, it } from 'vitest';
import { auditReasonText, baselineRefreshedReason, reassignedReason, relazioneValidatedReason, revisionEditReason, samePlanRenamedReason } from './audit-reasons.js';

describe('the reasons the program writes on the audit trail', () => {
  const revision = { number: 2, reason: 'Nuovo target: variazione n. 9 del bilancio' };

  it('are stored in Italian and said in either language, the revision’s reason inside them as typed', () => {
    const said = (reason: string | null) => [reason, auditReasonText(reason!, 'it'), auditReasonText(reason!, 'en')];
    expect(said(revisionEditReason(revision))).toEqual([
      'variazione n. 2: Nuovo target: variazione n. 9 del bilancio',
      'variazione n. 2: Nuovo target: variazione n. 9 del bilancio',
      'revision n. 2: Nuovo target: variazione n. 9 del bilancio',
    ]);
    expect(revisionEditReason(null)).toBeNull();
    expect(said(baselineRefreshedReason(2024, null))).toEqual([
      'baseline aggiornata al consuntivo 2024 corretto nel piano precedente',
      'baseline aggiornata al consuntivo 2024 corretto nel piano precedente',
      'baseline updated to the 2024 actual corrected in the previous plan',
    ]);
    expect(auditReasonText(baselineRefreshedReason(2024, revision), 'en')).toBe(
      'revision n. 2: Nuovo target: variazione n. 9 del bilancio; baseline updated to the 2024 actual corrected in the previous plan',
    );
    expect(said(reassignedReason(null))).toEqual(['riassegnazione', 'riassegnazione', 'reassignment']);
    expect(auditReasonText(reassignedReason(revision), 'en')).toBe('reassignment, revision n. 2: Nuovo target: variazione n. 9 del bilancio');
    expect(said(relazioneValidatedReason())).toEqual(['validazione della Relazione', 'validazione della Relazione', 'validation of the Relazione']);
    expect(auditReasonText(samePlanRenamedReason(2025), 'en')).toBe("an earlier 2025 plan of the same body has the same title and version: this one's title took a number, so that each plan is one");
  });

  it('recognise the English words reassignments were stored with before', () => {
    expect(auditReasonText('reassignment', 'it')).toBe('riassegnazione');
    expect(auditReasonText('reassignment, variazione n. 1: Riorganizzazione degli uffici', 'it')).toBe('riassegnazione, variazione n. 1: Riorganizzazione degli uffici');
    expect(auditReasonText('reassignment, variazione n. 1: Riorganizzazione degli uffici', 'en')).toBe('reassignment, revision n. 1: Riorganizzazione degli uffici');
  });

  it('leave a person’s reason as typed, even one that begins or ends like the program’s', () => {
    for (const typed of ['rettifica del dato di A.3', 'validazione della Relazione 2024', 'variazione n. due: nuovo target', 'la baseline aggiornata al consuntivo 2024', '']) {
      expect(auditReasonText(typed, 'en')).toBe(typed);
    }
  });
});
