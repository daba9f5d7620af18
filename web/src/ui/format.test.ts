import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../../../src/core/decimal.js';
import { formatNumberIn } from '../../../src/core/italian.js';
import type { Amount } from '../../../src/core/model.js';
import { amountJson, actualText as serverActualText, amountText as serverAmountText } from '../../../src/io/json.js';
import { computedAtText } from '../../../src/io/report/meta.js';
import { actualText, amountText, formatNumber, momentParts, momentText, percent, plainNumber, tickText, weight, type AmountUnit } from './format.js';

describe('moments on the screens', () => {
  it('says them in Italian time with the year in full, as the documents do, whatever the browser’s time zone', () => {
    // 22:21 UTC is 23:21 in Rome in December, 00:21 of the next day in July.
    expect(momentText('2026-12-04T22:21:05Z', 'it', 'short')).toBe('04/12/2026 23:21');
    expect(momentText('2026-07-04T22:21:05Z', 'en', 'short')).toBe('05/07/2026 00:21');
    expect(momentText('2026-12-04T22:21:05Z', 'it')).toBe('04/12/2026, 23:21:05');
    for (const iso of ['2026-12-04T22:21:05Z', '2026-03-29T01:30:00Z', '2024-02-29T23:59:59Z'])
      for (const lang of ['it', 'en'] as const) expect(momentText(iso, lang, 'short')).toBe(computedAtText(new Date(iso), lang));
  });

  it('gives the day and the time apart in the same Italian time, for the sentences that say them separately', () => {
    expect(momentParts('2026-12-04T22:21:05Z', 'it')).toEqual({ day: '04/12/2026', time: '23:21' });
    expect(momentParts('2026-07-04T22:21:05Z', 'en')).toEqual({ day: '05/07/2026', time: '00:21' });
    for (const iso of ['2026-12-04T22:21:05Z', '2026-03-29T01:30:00Z'])
      for (const lang of ['it', 'en'] as const) expect(`${momentParts(iso, lang).day} ${momentParts(iso, lang).time}`).toBe(momentText(iso, lang, 'short'));
  });
});

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
    // A double JavaScript prints with an exponent, in its digits: the screen's reading takes no exponent.
    expect(plainNumber(1e-7, 'it')).toBe('0,0000001');
    expect(plainNumber(-1.25e-7, 'en')).toBe('-0.000000125');
    expect(plainNumber(1e21, 'en')).toBe('1000000000000000000000');
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

  it('writes targets and actuals from the values: 25.59% and 1,587.10 on an English screen, as the Italian 25,59% and 1.587,10', () => {
    expect(amountText(25.59, 'percent', 'it')).toBe('25,59%');
    expect(amountText(25.59, 'percent', 'en')).toBe('25.59%');
    expect(amountText(60.5, 'percent', 'en')).toBe('60.50%');
    // Two decimals for a number with a fraction, as the published table writes 6,50 and 1.587,10.
    expect(amountText(1587.1, 'number', 'it')).toBe('1.587,10');
    expect(amountText(1587.1, 'number', 'en')).toBe('1,587.10');
    expect(amountText(6.5, 'number', 'it')).toBe('6,50');
    expect(amountText(0.035, 'number', 'it')).toBe('0,035');
    expect(amountText(500, 'number', 'en')).toBe('500');
    expect(amountText('12345678901234.56789', 'number', 'en')).toBe('12,345,678,901,234.5679');
    expect(amountText('2024-07-15', 'date', 'en')).toBe('15/07/2024');
    expect(amountText(true, 'boolean', 'it')).toBe('sì');
    expect(amountText(true, 'boolean', 'en')).toBe('yes');
    expect(amountText(false, 'boolean', 'en')).toBe('no');
    expect(amountText(null, 'number', 'en')).toBe('');
    expect(actualText({ state: 'not_evaluable', actual: null, unit: 'percent' }, 'en')).toBe('N.E.');
    expect(actualText({ state: 'measured', actual: 35.62, unit: 'percent' }, 'en')).toBe('35.62%');
    // Not evaluable: the mark the server's actualText, the CLI and the reports write, in each language.
    for (const lang of ['it', 'en'] as const)
      expect(actualText({ state: 'not_evaluable', actual: null, unit: 'percent' }, lang)).toBe(serverActualText('not_evaluable', null, { unit: 'percent', formula: null }, lang));
    expect(actualText({ state: 'not_evaluable', actual: null, unit: 'number' }, 'it')).toBe('N.V.');
    // A weighted mean's actual is a performance: two decimals, as its objective's and the server's actualText (before: `98,125%`).
    const mean = { kind: 'children_mean' } as const;
    for (const [lang, text] of [
      ['it', '98,13%'],
      ['en', '98.13%'],
    ] as const) {
      expect(actualText({ state: 'measured', actual: 98.125, unit: 'percent', formula: mean }, lang)).toBe(text);
      expect(actualText({ state: 'measured', actual: '98.125', unit: 'percent', formula: mean }, lang)).toBe(percent(98.125, lang));
      expect(serverActualText('measured', { kind: 'number', value: dec('98.125') }, { unit: 'percent', formula: mean }, lang)).toBe(text);
    }
    // A typed actual keeps its own decimals, up to four.
    expect(actualText({ state: 'measured', actual: 0.035, unit: 'percent', formula: null }, 'it')).toBe('0,035%');
  });

  it('writes every amount as the server writes its targetText and actualText (amountText of io/json), in both languages', () => {
    const decimals = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((n) => dec(String(n))),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).chain((n) => fc.integer({ min: 0, max: 12 }).map((scale) => dec(n.toString()).div(dec(10).pow(scale)))),
    );
    const amounts: fc.Arbitrary<[Amount, AmountUnit]> = fc.oneof(
      fc.tuple(
        decimals.map((value): Amount => ({ kind: 'number', value })),
        fc.constantFrom<AmountUnit>('number', 'percent'),
      ),
      fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }).map((d): [Amount, AmountUnit] => [{ kind: 'date', value: d.toISOString().slice(0, 10) }, 'date']),
      fc.boolean().map((value): [Amount, AmountUnit] => [{ kind: 'boolean', value }, 'boolean']),
    );
    fc.assert(
      fc.property(amounts, fc.constantFrom('it' as const, 'en' as const), ([amount, unit], lang) => {
        expect(amountText(amountJson(amount), unit, lang)).toBe(serverAmountText(amount, unit, lang));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("a chart axis's ticks", () => {
  it('are in the screen’s notation with their own decimals, a percentage’s with its %', () => {
    expect([2.5, 10, 1500].map((v) => tickText(v, 'percent', 'it'))).toEqual(['2,5%', '10%', '1.500%']);
    expect([2.5, 1500, -0.25].map((v) => tickText(v, 'number', 'it'))).toEqual(['2,5', '1.500', '-0,25']);
    expect([2.5, 1500].map((v) => tickText(v, 'number', 'en'))).toEqual(['2.5', '1,500']);
    expect(tickText(12.5, 'percent', 'en')).toBe('12.5%');
  });
});
