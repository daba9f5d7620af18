import { describe, expect, it } from 'vitest';
import { dateText, dateTextProblem, readDate } from './dates.js';

describe('a date typed in a date field', () => {
  it('reads day, month and year (and ISO) as ISO, and writes ISO back as the field shows it', () => {
    expect(readDate('31/12/2024')).toBe('2024-12-31');
    expect(readDate(' 1/2/2024 ')).toBe('2024-02-01');
    expect(readDate('2024-12-31')).toBe('2024-12-31');
    expect(readDate('29/02/2024')).toBe('2024-02-29');
    for (const bad of ['31/02/2024', '29/02/2025', '2024-02-31', '12/2024', '31.12.2024', '12/31/2024', '']) expect(readDate(bad), bad).toBeNull();
    expect(dateText('2024-12-31')).toBe('31/12/2024');
    expect(dateText('')).toBe('');
  });

  it('says why a text is not a date: incomplete, a day the month has not, or no date at all', () => {
    expect(dateTextProblem('', 'it')).toBeNull();
    expect(dateTextProblem('31/12/2024', 'en')).toBeNull();
    for (const half of ['12', '12/', '12/03', '12/03/', '12/03/20']) expect(dateTextProblem(half, 'it'), half).toEqual({ key: 'dateIncomplete', values: {} });
    expect(dateTextProblem('31/02/2024', 'it')).toEqual({ key: 'dateNoSuchDay', values: { text: '31/02/2024', month: 'febbraio', year: 2024, days: 29 } });
    expect(dateTextProblem('31/04/2025', 'en')).toEqual({ key: 'dateNoSuchDay', values: { text: '31/04/2025', month: 'April', year: 2025, days: 30 } });
    expect(dateTextProblem('12/31/2024', 'en')).toEqual({ key: 'dateInvalid', values: { text: '12/31/2024' } });
    expect(dateTextProblem('domani', 'it')).toEqual({ key: 'dateInvalid', values: { text: 'domani' } });
  });
});
