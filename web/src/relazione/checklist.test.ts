import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKLIST } from '../../../src/contract/relazione-states.js';
import i18next from '../i18n.js';
import { pointWords } from './checklist.js';

describe("the OIV's checklist points in the screen's language", () => {
  it('says the proposed points in English on an English screen, as stored on an Italian one', () => {
    const labels = DEFAULT_CHECKLIST.map((p) => p.label);
    expect(labels.map((l) => pointWords(l, i18next.getFixedT('en')))).toEqual([
      'Consistency of the report with the plan (objectives, indicators, targets)',
      'Reliability of the data and information',
      'Documentary evidence supporting the reported values',
      'Clarity and readability of the report for citizens',
    ]);
    expect(labels.map((l) => pointWords(l, i18next.getFixedT('it')))).toEqual(labels);
  });

  it('keeps a point the OIV wrote as typed, in either language', () => {
    expect(pointWords('Verifica dei tempi', i18next.getFixedT('en'))).toBe('Verifica dei tempi');
  });
});
