import { describe, expect, it } from 'vitest';
import { implausibleValue, inputText, numberProblem, parseInput } from './parse.js';

describe('what a person types in the web app, read strictly', () => {
  it('reads Italian numbers, dates and yes/no', () => {
    expect(parseInput('1.587,10', 'number')).toBe(1587.1);
    expect(parseInput('25,59%', 'percent')).toBe(25.59);
    expect(parseInput('1.5', 'number')).toBeUndefined();
    expect(parseInput('abc', 'number')).toBeUndefined();
    expect(parseInput('', 'number')).toBeNull();
    expect(parseInput('30/09/2024', 'date')).toBe('2024-09-30');
    expect(parseInput('31/02/2024', 'date')).toBeUndefined();
    expect(parseInput('sì', 'boolean')).toBe(true);
  });

  it('fills a form field back in the same notation', () => {
    expect(inputText(25.59, 'percent')).toBe('25,59');
    expect(inputText('2024-09-30', 'date')).toBe('30/09/2024');
    expect(parseInput(inputText(1587.1, 'number'), 'number')).toBe(1587.1);
  });
});

describe('values the entry form questions (issue 14)', () => {
  it('warns about a percentage above 100 or below 0, not about one in range', () => {
    expect(implausibleValue('150', 'percent')).toEqual({ value: '150' });
    expect(implausibleValue('-5', 'percent')).toEqual({ value: '-5' });
    expect(implausibleValue('100,5%', 'percent')).toEqual({ value: '100,5' });
    expect(implausibleValue('93,5', 'percent')).toBeNull();
    expect(implausibleValue('150', 'number')).toBeNull();
  });

  it('refuses 5% for a number indicator and numbers beyond the bounds, saying why', () => {
    expect(parseInput('5%', 'number')).toBeUndefined();
    expect(numberProblem('5%', 'number')).toBe('percentForNumber');
    expect(parseInput('5%', 'percent')).toBe(5);
    expect(parseInput('9'.repeat(16), 'number')).toBeUndefined();
    expect(numberProblem('9'.repeat(16), 'number')).toBe('tooManyDigits');
    expect(parseInput('15/07/2024', 'number')).toBeUndefined();
  });
});
