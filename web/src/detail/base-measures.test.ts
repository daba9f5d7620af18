import { describe, expect, it } from 'vitest';
import { actualPreview, baseMeasures, isMeasuredFormula, measureTexts, readMeasures } from './base-measures.js';

const ratio = { kind: 'ratio', numerator: 'pratiche_evase', denominator: 'pratiche_ricevute', scale: 100 } as const;
const trend = { kind: 'trend', current: 'utenti_2024', previous: 'utenti_2023' } as const;

describe('base measures of a ratio or trend indicator', () => {
  it('names the measures each formula asks for; means of children and direct indicators ask for none', () => {
    expect(baseMeasures(ratio)).toEqual([
      { role: 'numerator', name: 'pratiche_evase' },
      { role: 'denominator', name: 'pratiche_ricevute' },
    ]);
    expect(baseMeasures(trend).map((m) => m.role)).toEqual(['current', 'previous']);
    expect(isMeasuredFormula(ratio)).toBe(true);
    expect(isMeasuredFormula({ kind: 'children_mean' })).toBe(false);
    expect(isMeasuredFormula(null)).toBe(false);
  });

  it('45 of 50 at scale 100 is 90, sent as exact decimals; Italian notation is read', () => {
    const read = readMeasures(ratio, { pratiche_evase: '45', pratiche_ricevute: '50' }, 'it');
    expect(read.problems).toEqual({});
    expect(read.inputs).toEqual({ pratiche_evase: '45', pratiche_ricevute: '50' });
    expect(read.actual?.toString()).toBe('90');
    expect(actualPreview(read.actual!, 'percent', 'it')).toBe('90,00%');
    const italian = readMeasures(ratio, { pratiche_evase: '1.587,5', pratiche_ricevute: ' 3.175 ' }, 'it');
    expect(italian.inputs).toEqual({ pratiche_evase: '1587.5', pratiche_ricevute: '3175' });
    expect(actualPreview(italian.actual!, 'number', 'it')).toBe('50,00');
    expect(actualPreview(readMeasures(ratio, { pratiche_evase: '1', pratiche_ricevute: '3' }, 'it').actual!, 'percent', 'it')).toBe('33,33%');
  });

  it('a trend is (current − previous) / previous × 100', () => {
    expect(readMeasures(trend, { utenti_2024: '110', utenti_2023: '100' }, 'it').actual?.toString()).toBe('10');
    expect(readMeasures(trend, { utenti_2024: '-18,72', utenti_2023: '-20' }, 'it').actual?.toString()).toBe('-6.4');
  });

  it('says which measure is missing, unreadable or a zero divisor, and then sends nothing', () => {
    expect(readMeasures(ratio, { pratiche_evase: '', pratiche_ricevute: 'tanti' }, 'it')).toEqual({
      inputs: null,
      problems: { pratiche_evase: 'required', pratiche_ricevute: 'invalid' },
      actual: null,
    });
    expect(readMeasures(ratio, { pratiche_evase: '4', pratiche_ricevute: '0' }, 'it').problems).toEqual({ pratiche_ricevute: 'zero' });
    expect(readMeasures(trend, { utenti_2024: '4', utenti_2023: '0,00' }, 'it').problems).toEqual({ utenti_2023: 'zero' });
    expect(readMeasures(ratio, { pratiche_evase: '40%', pratiche_ricevute: '1' }, 'it').problems).toEqual({ pratiche_evase: 'invalid' });
  });

  it('fills the fields from what is stored, in Italian notation', () => {
    expect(measureTexts(ratio, { pratiche_evase: '1587.1', pratiche_ricevute: '2000' }, 'it')).toEqual({ pratiche_evase: '1587,1', pratiche_ricevute: '2000' });
    expect(measureTexts(trend, null, 'it')).toEqual({ utenti_2024: '', utenti_2023: '' });
  });

  it("reads and shows them in the screen's notation: English on an English screen (issue 14)", () => {
    const english = readMeasures(ratio, { pratiche_evase: '1,587.5', pratiche_ricevute: ' 3,175 ' }, 'en');
    expect(english.inputs).toEqual({ pratiche_evase: '1587.5', pratiche_ricevute: '3175' });
    expect(actualPreview(english.actual!, 'number', 'en')).toBe('50.00');
    expect(actualPreview(readMeasures(ratio, { pratiche_evase: '1', pratiche_ricevute: '3' }, 'en').actual!, 'percent', 'en')).toBe('33.33%');
    // A computed value in the thousands, grouped as each language groups it.
    const big = readMeasures(ratio, { pratiche_evase: '158710', pratiche_ricevute: '1' }, 'en').actual!;
    expect(actualPreview(big, 'number', 'en')).toBe('15,871,000.00');
    expect(actualPreview(big, 'number', 'it')).toBe('15.871.000,00');
    // The other language's notation is refused, saying so; nonsense is only "not a number".
    expect(readMeasures(ratio, { pratiche_evase: '1,5', pratiche_ricevute: '0.5' }, 'en').problems).toEqual({ pratiche_evase: 'otherNotation' });
    expect(readMeasures(ratio, { pratiche_evase: '1.5', pratiche_ricevute: 'tanti' }, 'it').problems).toEqual({ pratiche_evase: 'otherNotation', pratiche_ricevute: 'invalid' });
    expect(measureTexts(ratio, { pratiche_evase: '1587.1', pratiche_ricevute: '2000' }, 'en')).toEqual({ pratiche_evase: '1587.1', pratiche_ricevute: '2000' });
  });
});

/**
 * A measure a person named `constructor` or `toString`: the form's records are read by own key.
 * Before: an unreadable divisor named so read Object's function (`….isZero is not a function`), and
 * a stored value without it showed nothing but threw (`….replace is not a function`).
 */
describe("base measures named as JavaScript's own words", () => {
  const ratio = { kind: 'ratio' as const, numerator: 'toString', denominator: 'constructor', scale: 100 };
  it('reads them as any other name', () => {
    expect(readMeasures(ratio, { toString: '45', constructor: 'x' }, 'it')).toEqual({ inputs: null, problems: { constructor: 'invalid' }, actual: null });
    const read = readMeasures(ratio, { toString: '45', constructor: '50' }, 'it');
    expect({ ...read.inputs }).toEqual({ toString: '45', constructor: '50' });
    expect(read.actual?.toString()).toBe('90');
    expect(readMeasures(ratio, { toString: '45' }, 'en').problems).toEqual({ constructor: 'required' });
  });
  it('shows a stored value without one of them as empty', () => {
    expect(measureTexts(ratio, { toString: '45' }, 'it')).toEqual({ toString: '45', constructor: '' });
  });
});
