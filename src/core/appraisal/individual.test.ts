import { describe, expect, it } from 'vitest';
import { individualFigures, type FormFigure } from './individual.js';
import type { StaffCategory } from './categories.js';
import type { FormState } from './workflow.js';

const forms = (category: StaffCategory, states: readonly FormState[], band: string | null = 'Buono'): FormFigure[] =>
  states.map((state) => ({ category, state, band: state === 'final' ? band : null }));
const at = '2025-05-30';

describe('the individual performance in aggregate', () => {
  it('says nothing but their number of fewer than three forms', () => {
    const f = individualFigures({ at, forms: forms('eq', ['final', 'contested']), bandOrder: {}, bonuses: null });
    expect(f).toMatchObject({ withheld: true, total: 2, concluded: 1, states: [], bands: [] });
  });

  it('merges the small categories together, and with the smallest other one while still fewer than three', () => {
    const together = individualFigures({
      at,
      forms: [...forms('dirigente', ['final']), ...forms('eq', ['draft', 'final']), ...forms('personale', ['final', 'final', 'final'])],
      bandOrder: {},
      bonuses: null,
    });
    expect(together.states.map((r) => [r.categories, r.forms])).toEqual([
      [['personale'], 3],
      [['dirigente', 'eq'], 3],
    ]);
    const joined = individualFigures({
      at,
      forms: [...forms('dirigente', ['final']), ...forms('eq', ['final', 'final', 'final', 'draft']), ...forms('personale', ['final', 'final', 'final', 'final', 'final'])],
      bandOrder: {},
      bonuses: null,
    });
    expect(joined.states.map((r) => [r.categories, r.forms, r.concluded, r.inProgress])).toEqual([
      [['personale'], 5, 5, 0],
      [['dirigente', 'eq'], 5, 4, 1],
    ]);
  });

  it('gives the bands of a category with three concluded forms in the SMVP’s order, the unbanded last, and withholds the others', () => {
    const f = individualFigures({
      at,
      forms: [...forms('eq', ['final', 'final']), ...forms('eq', ['final'], null), ...forms('personale', ['final', 'final', 'evaluated'])],
      bandOrder: { eq: ['Eccellente', 'Buono'] },
      bonuses: null,
    });
    expect(f.bands).toEqual([
      {
        category: 'eq',
        rows: [
          { band: 'Eccellente', people: 0 },
          { band: 'Buono', people: 2 },
          { band: null, people: 1 },
        ],
      },
    ]);
    expect(f.bandsWithheld).toEqual(['personale']);
  });
});
