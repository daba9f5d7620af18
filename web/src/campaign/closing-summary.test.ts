import { describe, expect, it } from 'vitest';
import i18next from '../i18n.js';
import { closingIntro } from './closing-summary.js';

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
