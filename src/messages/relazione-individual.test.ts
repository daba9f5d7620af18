import { describe, expect, it } from 'vitest';
import { individualFigures } from '../core/appraisal/index.js';
import { INDIVIDUAL_WORDS, individualText } from './relazione-individual.js';

const figures = individualFigures({
  at: '2025-05-30',
  forms: [
    { category: 'dirigente', state: 'draft', band: null },
    { category: 'eq', state: 'final', band: 'Buono' },
    { category: 'eq', state: 'contested', band: null },
    { category: 'eq', state: 'final', band: 'Buono' },
  ],
  bandOrder: {},
  bonuses: null,
});

describe("§5's words", () => {
  it('has every table word in Italian and English', () => {
    expect(Object.keys(INDIVIDUAL_WORDS.en).sort()).toEqual(Object.keys(INDIVIDUAL_WORDS.it).sort());
    for (const key of Object.keys(INDIVIDUAL_WORDS.it) as (keyof typeof INDIVIDUAL_WORDS.it)[]) {
      const [it, en] = [INDIVIDUAL_WORDS.it[key], INDIVIDUAL_WORDS.en[key]];
      const said = (w: string | ((category: string) => string)): string => (typeof w === 'function' ? w('X') : w);
      expect(said(en), key).not.toBe('');
      expect(said(en), key).not.toBe(said(it));
    }
  });

  it('says the same sentences in each language, with the day as an Italian body writes it', () => {
    const [it, en] = [individualText(figures, 'it'), individualText(figures, 'en')];
    expect(it.split('\n\n')).toHaveLength(en.split('\n\n').length);
    expect(it).toContain('2 schede su 4 concluse al 30/05/2025');
    expect(en).toContain('2 of 4 forms concluded as of 30/05/2025');
    expect(en).not.toMatch(/schede|fascia|premi\b/);
  });
});
