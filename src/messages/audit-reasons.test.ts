import { describe, expect, it } from 'vitest';
import { readReasonCode } from '../core/reason-codes.js';
import { auditReasonCodeOfWords, auditReasonText, baselineRefreshedReason, reassignedReason, relazioneValidatedReason, revisionEditReason, samePlanRenamedReason } from './audit-reasons.js';

describe('the reasons the program writes on the audit trail', () => {
  const revision = { number: 2, reason: 'Nuovo target: variazione n. 9 del bilancio' };

  it('are stored as codes with their parameters and said in either language, the revision’s reason inside them as typed', () => {
    const said = (reason: string | null) => [readReasonCode(reason!), auditReasonText(reason!, 'it'), auditReasonText(reason!, 'en')];
    expect(said(revisionEditReason(revision))).toEqual([
      { code: 'in-revision', params: revision },
      'variazione n. 2: Nuovo target: variazione n. 9 del bilancio',
      'revision n. 2: Nuovo target: variazione n. 9 del bilancio',
    ]);
    expect(revisionEditReason(null)).toBeNull();
    expect(said(baselineRefreshedReason(2024, null))).toEqual([
      { code: 'baseline-refreshed', params: { year: 2024 } },
      'baseline aggiornata al consuntivo 2024 corretto nel piano precedente',
      'baseline updated to the 2024 actual corrected in the previous plan',
    ]);
    expect(auditReasonText(baselineRefreshedReason(2024, revision), 'en')).toBe(
      'revision n. 2: Nuovo target: variazione n. 9 del bilancio; baseline updated to the 2024 actual corrected in the previous plan',
    );
    expect(said(reassignedReason(null))).toEqual([{ code: 'reassigned', params: {} }, 'riassegnazione', 'reassignment']);
    expect(auditReasonText(reassignedReason(revision), 'en')).toBe('reassignment, revision n. 2: Nuovo target: variazione n. 9 del bilancio');
    expect(said(relazioneValidatedReason())).toEqual([{ code: 'relazione-validated', params: {} }, 'validazione della Relazione', 'validation of the Relazione']);
    expect(auditReasonText(samePlanRenamedReason(2025), 'en')).toBe("an earlier 2025 plan of the same body has the same title and version: this one's title took a number, so that each plan is one");
  });

  it('leave a person’s reason as typed, the program’s very words too', () => {
    for (const typed of [
      'rettifica del dato di A.3',
      'validazione della Relazione',
      'riassegnazione',
      'variazione n. 2: nuovo target',
      'baseline aggiornata al consuntivo 2024 corretto nel piano precedente',
      '',
    ]) {
      expect(auditReasonText(typed, 'en')).toBe(typed);
    }
  });

  it('find, for migration 80, the code of exactly the words the program stored, older wordings too', () => {
    const said = (words: string) => {
      const code = auditReasonCodeOfWords(words);
      return code === null ? null : auditReasonText(code, 'en');
    };
    expect(said('riassegnazione')).toBe('reassignment');
    expect(said('reassignment')).toBe('reassignment');
    expect(said('reassignment, variazione n. 1: Riorganizzazione degli uffici')).toBe('reassignment, revision n. 1: Riorganizzazione degli uffici');
    expect(said('variazione n. 3: nuovo target; baseline aggiornata al consuntivo 2024 corretto nel piano precedente')).toBe(
      'revision n. 3: nuovo target; baseline updated to the 2024 actual corrected in the previous plan',
    );
    expect(said('variazione n. 2: Nuovo target: variazione n. 9 del bilancio')).toBe('revision n. 2: Nuovo target: variazione n. 9 del bilancio');
    expect(auditReasonCodeOfWords('validazione della Relazione')).toBe(relazioneValidatedReason());
    expect(auditReasonCodeOfWords(auditReasonText(samePlanRenamedReason(2024), 'it'))).toBe(samePlanRenamedReason(2024));
    for (const typed of [
      'rettifica del dato di A.3',
      'validazione della Relazione 2024',
      'variazione n. due: nuovo target',
      'la baseline aggiornata al consuntivo 2024',
      'riassegnazione degli uffici',
      '',
    ]) {
      expect(auditReasonCodeOfWords(typed)).toBeNull();
    }
  });
});
