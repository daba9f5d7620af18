import { describe, expect, it } from 'vitest';
import { tableAmountText, tableNumberText } from './amount-words.js';
import { renderComparison } from './messages/comparison.js';

describe('an amount as the published table prints it, from its neutral text', () => {
  it('writes percentages and fractions with at least two decimals, whole numbers exact, up to four of their own (half up)', () => {
    expect(tableNumberText('60', 'percent', 'it')).toBe('60,00%');
    expect(tableNumberText('60', 'percent', 'en')).toBe('60.00%');
    expect(tableNumberText('6.5', 'number', 'it')).toBe('6,50');
    expect(tableNumberText('1587.1', 'number', 'it')).toBe('1.587,10');
    expect(tableNumberText('1587.1', 'number', 'en')).toBe('1,587.10');
    expect(tableNumberText('500', 'number', 'it')).toBe('500');
    expect(tableNumberText('500.00', 'number', 'it')).toBe('500');
    expect(tableNumberText('0.035', 'percent', 'it')).toBe('0,035%');
    expect(tableNumberText('-18.72', 'number', 'it')).toBe('-18,72');
    expect(tableNumberText('2.123456', 'number', 'it')).toBe('2,1235');
    expect(tableNumberText('-99.99995', 'percent', 'en')).toBe('-100.0000%');
    expect(tableNumberText('1234567', 'number', 'en')).toBe('1,234,567');
    expect(tableNumberText('n/a', 'number', 'it')).toBe('n/a');
  });

  it('writes dates dd/mm/yyyy and yes/no in words', () => {
    expect(tableAmountText('2024-12-31', 'date', 'it')).toBe('31/12/2024');
    expect(tableAmountText('2024-12-31', 'date', 'en')).toBe('31/12/2024');
    expect(tableAmountText('true', 'boolean', 'it')).toBe('sì');
    expect(tableAmountText('false', 'boolean', 'en')).toBe('no');
  });

  it("is how a plan comparison says a target and an indicator's summary (albero diff, GET …/changes)", () => {
    const target = { objective: 'A.2.1', indicator: 'Sportello', before: '60', beforeUnit: 'percent', after: '55', afterUnit: 'percent' };
    expect(renderComparison('diff-target', target, 'it')).toBe('A.2.1 «Sportello» — target: 60,00% → 55,00%');
    expect(renderComparison('diff-target', target, 'en')).toBe('A.2.1 “Sportello” — target: 60.00% → 55.00%');
    const added = { objective: 'B.1', indicator: 'Spesa', after: 'Spesa', afterWeight: '50', afterComparator: '<=', afterTarget: '1587.1', afterUnit: 'number' };
    expect(renderComparison('diff-indicator-added', added, 'it')).toContain('(50%, <= 1.587,10)');
  });
});
