import { describe, expect, it } from 'vitest';
import i18next from '../i18n.js';
import { closingAcknowledgement, closingIntro, closingSummary, worklistCounts } from './closing-summary.js';

describe("the closing dialog's summary", () => {
  it('says one missing value in the singular, several (or none) in the plural, in Italian', () => {
    const t = i18next.getFixedT('it');
    expect(closingIntro(t, { missing: 1, toReview: 0, returned: 2 })).toBe('Prima di chiudere: 1 valore mancante, 0 da rivedere, 2 da integrare.');
    expect(closingIntro(t, { missing: 3, toReview: 1, returned: 1 })).toBe('Prima di chiudere: 3 valori mancanti, 1 da rivedere, 1 da integrare.');
    expect(closingIntro(t, { missing: 0, toReview: 2, returned: 0 })).toBe('Prima di chiudere: 0 valori mancanti, 2 da rivedere, 0 da integrare.');
  });

  it('and in English', () => {
    const t = i18next.getFixedT('en');
    expect(closingIntro(t, { missing: 1, toReview: 0, returned: 2 })).toBe('Before closing: 1 value missing, 0 to review, 2 to complete.');
    expect(closingIntro(t, { missing: 3, toReview: 1, returned: 1 })).toBe('Before closing: 3 values missing, 1 to review, 1 to complete.');
  });
});

describe("a draft's closing summary", () => {
  it('says, with nothing entered, only that the period closes empty, not that all is done (Italian and English)', () => {
    const none = { missing: 0, toReview: 0, returned: 0 };
    expect(closingSummary(i18next.getFixedT('it'), { ...none, notAdopted: true })).toBe('Nessun valore inserito: il periodo verrà chiuso vuoto.');
    expect(closingSummary(i18next.getFixedT('en'), { ...none, notAdopted: true })).toBe('No value entered: the period will be closed empty.');
    // In force, nothing left: all done, as before; with values to review, the counts, draft or not.
    expect(closingSummary(i18next.getFixedT('en'), { ...none, notAdopted: false })).toBe('Every value is entered and approved.');
    expect(closingSummary(i18next.getFixedT('en'), { ...none, toReview: 1, notAdopted: true })).toBe('Before closing: 0 values missing, 1 to review, 0 to complete.');
  });
});

describe('what confirming the closing dialog acknowledges', () => {
  it('closes knowingly with the number of values to review it listed, and says so in Italian and English; with none, acknowledges none', () => {
    const it_ = i18next.getFixedT('it');
    const en = i18next.getFixedT('en');
    expect(closingAcknowledgement(it_, { toReview: 1 })).toEqual({
      acknowledgeUnreviewed: 1,
      note: 'Chiudendo ora, chiudi sapendo che 1 valore non è stato rivisto: il registro delle modifiche lo annota.',
    });
    expect(closingAcknowledgement(it_, { toReview: 3 }).note).toBe('Chiudendo ora, chiudi sapendo che 3 valori non sono stati rivisti: il registro delle modifiche lo annota.');
    expect(closingAcknowledgement(en, { toReview: 3 })).toEqual({ acknowledgeUnreviewed: 3, note: 'Closing now, you close knowing that 3 values were not reviewed: the change log records it.' });
    expect(closingAcknowledgement(en, { toReview: 0 })).toEqual({ acknowledgeUnreviewed: 0, note: null });
  });
});

describe("the worklist's counts", () => {
  it('says one value entered or approved in the singular in Italian, several in the plural', () => {
    const t = i18next.getFixedT('it');
    expect(worklistCounts(t, { to_enter: 2, entered: 1, returned: 0, approved: 1, late: 0 })).toBe('2 da compilare, 1 compilato, 0 da integrare, 1 approvato; 0 in ritardo');
    expect(worklistCounts(t, { to_enter: 1, entered: 3, returned: 1, approved: 0, late: 1 })).toBe('1 da compilare, 3 compilati, 1 da integrare, 0 approvati; 1 in ritardo');
  });

  it('and in English', () => {
    const t = i18next.getFixedT('en');
    expect(worklistCounts(t, { to_enter: 2, entered: 1, returned: 0, approved: 1, late: 0 })).toBe('2 to enter, 1 entered, 0 to complete, 1 approved; 0 late');
  });

  it("opens a row in the tree with the article elided («nell'albero»)", () => {
    expect(i18next.getFixedT('it')('campaign.open')).toBe('Apri nell’albero');
  });
});
