import { describe, expect, it } from 'vitest';
import { amountInput, implausibleValue, numberProblem, parseInput, readNumber, requiredDecimal, sameAmount, swapNotation, typedDecimal, unitNumber, valueProblem } from './parse.js';

describe('what a person types in the web app, read strictly', () => {
  it('reads Italian numbers, dates and yes/no on an Italian screen', () => {
    expect(parseInput('1.587,10', 'number', 'it')).toBe(1587.1);
    expect(parseInput('25,59%', 'percent', 'it')).toBe(25.59);
    expect(parseInput('1.5', 'number', 'it')).toBeUndefined();
    expect(parseInput('abc', 'number', 'it')).toBeUndefined();
    expect(parseInput('', 'number', 'it')).toBeNull();
    expect(parseInput('30/09/2024', 'date', 'it')).toBe('2024-09-30');
    expect(parseInput('31/02/2024', 'date', 'it')).toBeUndefined();
    expect(parseInput('sì', 'boolean', 'it')).toBe(true);
  });

  it('fills a form field back in the same notation', () => {
    expect(amountInput(25.59, 'it')).toBe('25,59');
    expect(amountInput('2024-09-30', 'it')).toBe('30/09/2024');
    expect(amountInput(true, 'it')).toBe('sì');
    expect(amountInput(null, 'it')).toBe('');
    expect(parseInput(amountInput(1587.1, 'it'), 'number', 'it')).toBe(1587.1);
  });

  it('fills a field with every decimal of the value, one a double cannot hold or prints with an exponent too, and reads it back exactly', () => {
    // The API sends a decimal a double cannot hold as its exact text (`amountJson`): an actual's
    // field once started as `0.12345678901234567891` on an Italian screen, refused there.
    expect(amountInput('0.12345678901234567891', 'it')).toBe('0,12345678901234567891');
    expect(amountInput('-12345678901234.25', 'en')).toBe('-12345678901234.25');
    expect(amountInput(1.5e-7, 'it')).toBe('0,00000015');
    expect(amountInput(-2e-7, 'en')).toBe('-0.0000002');
    const exact: Array<[number | string, string]> = [
      ['0.12345678901234567891', '0.12345678901234567891'],
      [0.123456, '0.123456'],
      [1.5e-7, '0.00000015'],
      [-18.72, '-18.72'],
      [1587.1, '1587.1'],
    ];
    for (const lang of ['it', 'en'] as const) for (const [value, decimal] of exact) expect(unitNumber(amountInput(value, lang), 'number', lang)?.toFixed(), `${value} ${lang}`).toBe(decimal);
  });
});

describe('a number typed is kept as the decimal typed', () => {
  it('reads a decimal a double cannot hold as its exact text, any other as a JSON number', () => {
    expect(parseInput('0,12345678901234567891', 'number', 'it')).toBe('0.12345678901234567891');
    expect(parseInput('12,345,678,901,234.5678', 'number', 'en')).toBe('12345678901234.5678');
    expect(parseInput('12.345.678.901.234,5678%', 'percent', 'it')).toBe('12345678901234.5678');
    expect(parseInput('-1.234.567,12345678901234', 'number', 'it')).toBe('-1234567.12345678901234');
    expect(parseInput('-0,00000000000000000001', 'number', 'it')).toBe(-1e-20);
    // A double that is the decimal stays a number: `1.587` as text would be Italian thousands to the server.
    expect(parseInput('1,587', 'number', 'it')).toBe(1.587);
    expect(parseInput('0,0000001', 'number', 'it')).toBe(1e-7);
    expect(parseInput('1.587,10', 'number', 'it')).toBe(1587.1);
  });
});

describe('a field left as it started is its value (what-if records no override)', () => {
  it('reads a decimal longer than a double holds as that very decimal, not as the number it rounds to', () => {
    const exact = '0.12345678901234567891';
    for (const lang of ['it', 'en'] as const) {
      const field = amountInput(exact, lang);
      // Read back as the very decimal, not the double it rounds to (which once recorded an override).
      expect(parseInput(field, 'number', lang)).toBe(exact);
      expect(sameAmount(field, exact, 'number', lang), lang).toBe(true);
      expect(sameAmount(field, exact, 'percent', lang), lang).toBe(true);
    }
    expect(sameAmount('0,12345678901234567892', exact, 'number', 'it')).toBe(false);
    expect(sameAmount('0,1234567890123456789', exact, 'number', 'it')).toBe(false);
  });

  it('takes every value as it fills its field, and a retyped same amount as the same', () => {
    const values: Array<[number | string | boolean | null, 'number' | 'percent' | 'date' | 'boolean']> = [
      [25.59, 'percent'],
      ['2.5', 'number'],
      [-18.72, 'number'],
      [1.5e-7, 'number'],
      ['2024-09-30', 'date'],
      [true, 'boolean'],
      [false, 'boolean'],
      [null, 'number'],
    ];
    for (const lang of ['it', 'en'] as const) for (const [value, unit] of values) expect(sameAmount(amountInput(value, lang), value, unit, lang), `${String(value)} ${lang}`).toBe(true);
    expect(sameAmount('2,50', '2.5', 'number', 'it')).toBe(true);
    expect(sameAmount('2,5', 2.5, 'number', 'it')).toBe(true);
    // Anything else is a change, or unreadable (then no amount at all).
    expect(sameAmount('', 0, 'number', 'it')).toBe(false);
    expect(sameAmount('0', null, 'number', 'it')).toBe(false);
    expect(sameAmount('2.5', 2.5, 'number', 'it')).toBe(false);
    expect(sameAmount('no', true, 'boolean', 'it')).toBe(false);
    expect(sameAmount('01/10/2024', '2024-09-30', 'date', 'it')).toBe(false);
  });
});

describe('an English screen reads and writes English notation (issue 14)', () => {
  it('reads 1,587.10, 25.59% and 0.5; dates stay dd/mm/yyyy or ISO; yes/no', () => {
    expect(parseInput('1,587.10', 'number', 'en')).toBe(1587.1);
    expect(parseInput('1,234.5', 'number', 'en')).toBe(1234.5);
    expect(parseInput('25.59%', 'percent', 'en')).toBe(25.59);
    expect(parseInput('25.59', 'percent', 'en')).toBe(25.59);
    expect(parseInput('0.5', 'number', 'en')).toBe(0.5);
    expect(parseInput(' -18.72 ', 'number', 'en')).toBe(-18.72);
    expect(parseInput('1,587', 'number', 'en')).toBe(1587);
    expect(parseInput('30/09/2024', 'date', 'en')).toBe('2024-09-30');
    expect(parseInput('2024-09-30', 'date', 'en')).toBe('2024-09-30');
    expect(parseInput('yes', 'boolean', 'en')).toBe(true);
  });

  it('refuses what reads only in the Italian notation, saying which notation is expected', () => {
    for (const text of ['1,5', '1.587,10', '0,5', '25,59%']) {
      expect(parseInput(text, text.endsWith('%') ? 'percent' : 'number', 'en'), text).toBeUndefined();
      expect(numberProblem(text, 'percent', 'en'), text).toBe('otherNotation');
    }
    // And the other way round on an Italian screen.
    for (const text of ['1.5', '1,234.5', '0.5', '25.59%']) {
      expect(parseInput(text, 'percent', 'it'), text).toBeUndefined();
      expect(numberProblem(text, 'percent', 'it'), text).toBe('otherNotation');
    }
    // Neither notation: no notation to point at.
    expect(numberProblem('1,5,5', 'number', 'en')).toBeNull();
    expect(numberProblem('abc', 'number', 'it')).toBeNull();
    // Groups of three are thousands in both: 1,587 / 1.587 is no mistake of notation.
    expect(numberProblem('1,587', 'number', 'en')).toBeNull();
  });

  it('fills a field in English and reads it back the same', () => {
    expect(amountInput(1587.1, 'en')).toBe('1587.1');
    expect(amountInput(25.59, 'en')).toBe('25.59');
    expect(amountInput(true, 'en')).toBe('yes');
    expect(amountInput(false, 'en')).toBe('no');
    expect(amountInput('2024-09-30', 'en')).toBe('30/09/2024');
    for (const value of [1587.1, 0.5, -18.72, 1234.5, 100]) expect(parseInput(amountInput(value, 'en'), 'number', 'en')).toBe(value);
  });

  it('swaps a number between the notations digit for digit, so a draft survives a change of language', () => {
    expect(swapNotation('1.587,10')).toBe('1,587.10');
    expect(swapNotation('1,587.10')).toBe('1.587,10');
    for (const text of ['1.587,10', '0,5', '25,59%', '-18,72']) expect(readNumber(swapNotation(text), 'en')?.value.toString()).toBe(readNumber(text, 'it')?.value.toString());
  });
});

describe('values the entry form questions (issue 14)', () => {
  it('warns about a percentage above 100 or below 0, not about one in range, in the screen’s notation', () => {
    expect(implausibleValue('150', 'percent', 'it')).toEqual({ value: '150' });
    expect(implausibleValue('-5', 'percent', 'it')).toEqual({ value: '-5' });
    expect(implausibleValue('100,5%', 'percent', 'it')).toEqual({ value: '100,5' });
    expect(implausibleValue('1.500,25', 'percent', 'it')).toEqual({ value: '1.500,25' });
    expect(implausibleValue('93,5', 'percent', 'it')).toBeNull();
    expect(implausibleValue('150', 'number', 'it')).toBeNull();
    expect(implausibleValue('100.5%', 'percent', 'en')).toEqual({ value: '100.5' });
    expect(implausibleValue('1,500.25', 'percent', 'en')).toEqual({ value: '1,500.25' });
    expect(implausibleValue('-0.5', 'percent', 'en')).toEqual({ value: '-0.5' });
    expect(implausibleValue('93.5', 'percent', 'en')).toBeNull();
  });

  it('refuses 5% for a number indicator and numbers beyond the bounds, saying why', () => {
    for (const lang of ['it', 'en'] as const) {
      expect(parseInput('5%', 'number', lang)).toBeUndefined();
      expect(numberProblem('5%', 'number', lang)).toBe('percentForNumber');
      expect(parseInput('5%', 'percent', lang)).toBe(5);
      expect(parseInput('9'.repeat(16), 'number', lang)).toBeUndefined();
      expect(numberProblem('9'.repeat(16), 'number', lang)).toBe('tooManyDigits');
      expect(parseInput('15/07/2024', 'number', lang)).toBeUndefined();
    }
  });
});

describe('the fields beside the entry form: a problem said at the field (issue 14)', () => {
  it('says why a value of the unit cannot be read, as the entry form words it', () => {
    expect(valueProblem('1,5', 'number', 'en')).toBe('entry.otherNotation');
    expect(valueProblem('1.5', 'number', 'it')).toBe('entry.otherNotation');
    expect(valueProblem('1,234.5', 'number', 'en')).toBeNull();
    expect(valueProblem('1.234,5', 'number', 'it')).toBeNull();
    expect(valueProblem('', 'number', 'it')).toBeNull();
    expect(valueProblem(' ', 'number', 'it', true)).toBe('entry.invalidNumber');
    expect(valueProblem('', 'date', 'en', true)).toBe('entry.invalidDate');
    expect(valueProblem('', 'boolean', 'it', true)).toBe('entry.invalidYesNo');
    expect(valueProblem('sì', 'boolean', 'it', true)).toBeNull();
    expect(valueProblem('tanti', 'number', 'it')).toBe('entry.invalidNumber');
    expect(valueProblem('5%', 'number', 'en')).toBe('entry.percentForNumber');
    expect(valueProblem('31/02/2024', 'date', 'en')).toBe('entry.invalidDate');
    expect(valueProblem('forse', 'boolean', 'it')).toBe('entry.invalidYesNo');
  });

  it('takes a number of the unit exactly, refusing what parseInput and the weights refuse', () => {
    expect(unitNumber('1.234,567', 'number', 'it')?.toFixed()).toBe('1234.567');
    expect(unitNumber('0.0000001', 'number', 'en')?.toFixed()).toBe('0.0000001');
    expect(unitNumber('25.59%', 'percent', 'en')?.toFixed()).toBe('25.59');
    expect(unitNumber('5%', 'number', 'en')).toBeNull();
    expect(unitNumber('1.5', 'number', 'it')).toBeNull();
    expect(unitNumber('1234567890123456', 'percent', 'it')).toBeNull();
  });

  it('reads a plain number exactly in the screen notation, or says why not', () => {
    expect(typedDecimal('1,234.5', 'en')).toEqual({ value: '1234.5' });
    expect(typedDecimal('1.234,5', 'it')).toEqual({ value: '1234.5' });
    expect(typedDecimal('50%', 'it')).toEqual({ value: '50' });
    expect(typedDecimal(' ', 'it')).toEqual({ value: null });
    expect(typedDecimal('1,5', 'en')).toEqual({ problem: 'entry.otherNotation' });
    expect(typedDecimal('1.5', 'it')).toEqual({ problem: 'entry.otherNotation' });
    expect(typedDecimal('cento', 'it')).toEqual({ problem: 'entry.invalidNumber' });
    expect(typedDecimal('1234567890123456', 'it')).toEqual({ problem: 'entry.tooManyDigits' });
    // A number that must be given: the same, and an empty field said as no number.
    expect(requiredDecimal('1.234,5', 'it')).toEqual({ value: '1234.5' });
    expect(requiredDecimal(' ', 'it')).toEqual({ problem: 'entry.invalidNumber' });
    expect(requiredDecimal('1,5', 'en')).toEqual({ problem: 'entry.otherNotation' });
  });
});
