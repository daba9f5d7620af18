import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { formatNumberIn, parseItalianNumber, parseNumberIn } from './italian.js';

/** The number as decimal.js holds it (sign, exponent, digits), so equal-looking values must be equal inside too. */
const read = (text: string): [string, boolean, unknown] | null => {
  const n = parseItalianNumber(text);
  return n === null ? null : [n.value.toString(), n.percent, JSON.stringify([n.value.s, n.value.e, n.value.d])];
};
const same = (text: string, as: string): void => {
  expect(read(text)).toEqual(read(as));
};

describe('Italian numbers', () => {
  it('reads the numbers the published tables write', () => {
    expect(read('1.587,10')?.slice(0, 2)).toEqual(['1587.1', false]);
    expect(read('-18,72')?.slice(0, 2)).toEqual(['-18.72', false]);
    expect(read('0,035%')?.slice(0, 2)).toEqual(['0.035', true]);
    expect(read('40%')?.slice(0, 2)).toEqual(['40', true]);
    expect(read('12')?.slice(0, 2)).toEqual(['12', false]);
    expect(read('+5')?.slice(0, 2)).toEqual(['5', false]);
    expect(read('1.234.567,891')?.slice(0, 2)).toEqual(['1234567.891', false]);
    expect(read('12345678901234567890,5')?.slice(0, 2)).toEqual(['12345678901234567890.5', false]);
  });

  it('tells the thousands point from the decimal comma', () => {
    expect(read('1.000')?.[0]).toBe('1000');
    expect(read('1,000')?.[0]).toBe('1');
    expect(read('1.000,5')?.[0]).toBe('1000.5');
    expect(read('1.5')).toBeNull(); // one and a half, or fifteen hundred: refused
    expect(read('1234.567')).toBeNull();
    expect(read('1.0000')).toBeNull();
    expect(read('1.00')).toBeNull();
    expect(read('1,5,0')).toBeNull();
    expect(read('1,')).toBeNull();
    expect(read(',5')).toBeNull();
  });

  it('refuses what is not a number', () => {
    for (const text of ['', '%', '-', '+', '-%', '--1', 'N.V.', '1e3', '0x10', '12a', 'a12', '1 2', '40%%', '%40', '1.000.', '.000']) expect(read(text)).toBeNull();
  });

  it('reads plain and spaced writings to the same value', () => {
    same('40%', ' 40 %');
    same('1.587,10', '\u00a01.587,10\u00a0');
    same('0,035%', '0,035 %');
    same('-0', ' -0');
    same('007', ' 007');
    same('-0,00%', ' -0,00%');
    same('9999999', ' 9999999');
    same('10000000', ' 10000000');
    same('-1.000', ' -1.000');
  });
});

describe('numbers in a language', () => {
  it('reads back what formatNumberIn writes, as strictly in English as in Italian', () => {
    for (const value of ['1587.1', '-18.72', '0.035', '1234567.5', '12.5', '100']) {
      for (const language of ['it', 'en'] as const) {
        const places = new Decimal(value).decimalPlaces();
        expect(parseNumberIn(formatNumberIn(new Decimal(value), places, language), language)?.value.toString()).toBe(value);
      }
    }
    expect(parseNumberIn('12.5%', 'en')).toMatchObject({ percent: true });
    expect(parseNumberIn('12.5', 'it')).toBeNull();
    expect(parseNumberIn('1,587.10', 'en')?.value.toString()).toBe('1587.1');
    // One and a half, or fifteen hundred, in English too: refused.
    expect(parseNumberIn('1,5', 'en')).toBeNull();
  });
});
