import { describe, expect, it } from 'vitest';
import { tableAmountText, tableNumberText } from './amount-words.js';
import { renderComparison } from './messages/comparison.js';

describe('an amount as the published table prints it, from its neutral text', () => {
  it('writes percentages and fractions with at least two decimals, whole numbers exact, up to four of their own (half up)', () => {
    const cases: [string, string, 'it' | 'en', string][] = [
      ['60', 'percent', 'it', '60,00%'],
      ['60', 'percent', 'en', '60.00%'],
      ['6.5', 'number', 'it', '6,50'],
      ['1587.1', 'number', 'it', '1.587,10'],
      ['1587.1', 'number', 'en', '1,587.10'],
      ['500', 'number', 'it', '500'],
      ['500.00', 'number', 'it', '500'],
      ['0.035', 'percent', 'it', '0,035%'],
      ['-18.72', 'number', 'it', '-18,72'],
      ['2.123456', 'number', 'it', '2,1235'],
      ['-99.99995', 'percent', 'en', '-100.0000%'],
      ['1234567', 'number', 'en', '1,234,567'],
      ['n/a', 'number', 'it', 'n/a'],
    ];
    expect(cases.map(([value, unit, language]) => tableNumberText(value, unit, language))).toEqual(cases.map((c) => c[3]));
  });

  it('writes dates dd/mm/yyyy and yes/no in words', () => {
    expect([tableAmountText('2024-12-31', 'date', 'it'), tableAmountText('2024-12-31', 'date', 'en')]).toEqual(['31/12/2024', '31/12/2024']);
    expect([tableAmountText('true', 'boolean', 'it'), tableAmountText('false', 'boolean', 'en')]).toEqual(['sì', 'no']);
  });

  it("is how a plan comparison says a target and an indicator's summary (albero diff, GET …/changes)", () => {
    const target = { objective: 'A.2.1', indicator: 'Sportello', before: '60', beforeUnit: 'percent', after: '55', afterUnit: 'percent' };
    expect(renderComparison('diff-target', target, 'it')).toBe('A.2.1 «Sportello» — target: 60,00% → 55,00%');
    expect(renderComparison('diff-target', target, 'en')).toBe('A.2.1 “Sportello” — target: 60.00% → 55.00%');
    const added = { objective: 'B.1', indicator: 'Spesa', after: 'Spesa', afterWeight: '50', afterComparator: '<=', afterTarget: '1587.1', afterUnit: 'number' };
    expect(renderComparison('diff-indicator-added', added, 'it')).toContain('(50%, <= 1.587,10)');
  });
});
