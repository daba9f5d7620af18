import { describe, expect, it } from 'vitest';
import { compareNames, sortByNames } from './names.js';

describe('the order of names', () => {
  it('is Italian dictionary order: letters first, case and accents only between the same letters', () => {
    expect(['Zanetti', 'Èrcole', 'De Rosa', 'de Luca', 'Ercole', 'abate', 'Abate', 'Åberg'].sort(compareNames)).toEqual([
      'abate',
      'Abate',
      'Åberg',
      'de Luca',
      'De Rosa',
      'Ercole',
      'Èrcole',
      'Zanetti',
    ]);
  });

  it('tells apart names the collator holds equal (È composed or as E and an accent), the same way whatever came first', () => {
    const composed = '\u00c8rcole';
    const decomposed = 'E\u0300rcole';
    expect(compareNames(composed, decomposed)).not.toBe(0);
    expect([composed, decomposed].sort(compareNames)).toEqual([decomposed, composed].sort(compareNames));
  });

  it('sorts by the name, then by what tells two of the same name apart', () => {
    const people = [
      { name: 'De Rosa', id: 'b' },
      { name: 'de Luca', id: 'z' },
      { name: 'De Rosa', id: 'a' },
    ];
    expect(
      sortByNames(
        people,
        (p) => p.name,
        (p) => p.id,
      ).map((p) => `${p.name} ${p.id}`),
    ).toEqual(['de Luca z', 'De Rosa a', 'De Rosa b']);
  });
});
