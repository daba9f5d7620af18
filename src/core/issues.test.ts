import { describe, expect, it } from 'vitest';
import { issue, problem, withParams } from './issues.js';

describe('withParams', () => {
  const far = problem('warning', 'date-far-from-year', { column: 'Target', date: '30/09/2724', year: 2024, window: 10, source: 'text' }, { file: 'piano.csv', line: 5, column: 'Target' });

  it('keeps the issue where it was, its words said again (before: the location was dropped)', () => {
    const read = withParams(far, { read: true });
    expect(read.location).toEqual({ file: 'piano.csv', line: 5, column: 'Target' });
    expect(read.message).toMatch(/The date is read as written$/);
    expect(read.params).toMatchObject({ read: true, date: '30/09/2724' });
  });

  it('places it elsewhere when told', () => {
    expect(withParams(far, { read: true }, { node: 'A.1', indicator: 'A.1:1' }).location).toEqual({ node: 'A.1', indicator: 'A.1:1' });
  });

  it('an issue said in its own words keeps them, and its place', () => {
    const own = issue('error', 'own', 'said by hand', { file: 'x.txt', line: 2 });
    expect(withParams(own, { indicator: 'Pratiche' })).toEqual(own);
    expect(withParams(own, {}, { node: 'B' })).toEqual({ ...own, location: { node: 'B' } });
  });
});
