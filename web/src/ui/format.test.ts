import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../../../src/core/decimal.js';
import { formatNumberIn } from '../../../src/core/italian.js';
import { formatNumber, percent, plainNumber, weight } from './format.js';

describe('numbers in the web app, in the screen’s language (issue 14)', () => {
  it('prints performances and weights as the Relazione does, in Italian', () => {
    expect(percent(93, 'it')).toBe('93,00%');
    expect(percent(56.67, 'it')).toBe('56,67%');
    expect(percent(90.38, 'it')).toBe('90,38%');
    expect(percent(null, 'it')).toBe('—');
    expect(weight(30, 'it')).toBe('30%');
    expect(weight(33.33, 'it')).toBe('33,33%');
    expect(formatNumber(1587.1, 'it')).toBe('1.587,10');
  });

  it('and with English decimals on English screens', () => {
    expect(percent(93, 'en')).toBe('93.00%');
    expect(percent(90.38, 'en')).toBe('90.38%');
    expect(percent(undefined, 'en')).toBe('—');
    expect(weight(33.33, 'en')).toBe('33.33%');
    expect(weight(30, 'en')).toBe('30%');
    expect(formatNumber(1587.1, 'en')).toBe('1,587.10');
    expect(formatNumber(-1234567.891, 'en')).toBe('-1,234,567.89');
    expect(plainNumber(1587.1, 'en')).toBe('1587.1');
    expect(plainNumber(1587.1, 'it')).toBe('1587,1');
  });

  it('rounds half up as the core does, from numbers and decimal strings', () => {
    expect(percent(0.005, 'it')).toBe('0,01%');
    expect(percent(-0.005, 'en')).toBe('-0.01%');
    expect(percent(-0.001, 'en')).toBe('0.00%');
    expect(percent(99.995, 'en')).toBe('100.00%');
    expect(percent('999.999', 'it')).toBe('1.000,00%');
    expect(percent(1e-7, 'en')).toBe('0.00%');
    expect(formatNumber(1e21, 'en')).toBe('1,000,000,000,000,000,000,000.00');
    expect(weight(0.125, 'en')).toBe('0.13%');
  });

  it('writes every number and weight exactly as the core’s formatter of the reports (formatNumberIn)', () => {
    const numbers = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 1000),
      fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100 + 0.005),
    );
    fc.assert(
      fc.property(numbers, fc.integer({ min: 0, max: 4 }), fc.constantFrom('it' as const, 'en' as const), (n, places, lang) => {
        const d = dec(String(n));
        expect(formatNumber(n, lang, places)).toBe(formatNumberIn(d, places, lang));
        expect(weight(n, lang)).toBe(`${formatNumberIn(d, Math.min(d.decimalPlaces(), 2), lang)}%`);
      }),
      { numRuns: 2000 },
    );
  });
});
