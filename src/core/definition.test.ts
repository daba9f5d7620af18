import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Decimal, issueText, type Indicator, type Plan, type Unit } from './index.js';
import { definitionProblems, formulaFitsUnit } from './definition.js';

const indicator = (id: string, unit: Unit, formula: Indicator['formula']): Indicator => ({
  id,
  name: `Indicatore ${id}`,
  weight: new Decimal(50),
  comparator: '>=',
  tolerance: null,
  target: unit === 'date' ? { kind: 'date', value: '2025-06-30' } : { kind: 'number', value: new Decimal(100) },
  unit,
  scoring: null,
  formula,
  measurement: { state: 'not_measured' },
});

describe("a plan's own rules, asked of every plan whichever way it comes in", () => {
  it('refuses an indicator computed by a formula in dates or yes/no, at its origin, else at its objective', () => {
    expect(formulaFitsUnit(null, 'date')).toBe(true);
    expect(formulaFitsUnit({ kind: 'children_mean' }, 'percent')).toBe(true);
    expect(formulaFitsUnit({ kind: 'trend', current: 'c', previous: 'p' }, 'boolean')).toBe(false);
    const dated = { ...indicator('A:2', 'date', { kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: new Decimal(100) }), origin: { file: 'piano.xlsx', sheet: 'Albero', cell: 'H3' } };
    const plan: Plan = {
      title: 'Piano 2025',
      settings: DEFAULT_SETTINGS,
      nodes: [
        { code: 'A', title: 'Competitività', parent: null, weight: null, indicators: [indicator('A:1', 'percent', { kind: 'children_mean' }), dated] },
        { code: 'A.1', title: 'Estero', parent: 'A', weight: null, indicators: [indicator('A.1:1', 'boolean', { kind: 'children_mean' }), indicator('A.1:2', 'date', null)] },
      ],
    };
    const found = definitionProblems(plan);
    expect(found.map((i) => [i.code, i.location])).toEqual([
      ['formula-unit', { file: 'piano.xlsx', sheet: 'Albero', cell: 'H3' }],
      ['formula-unit', { node: 'A.1', indicator: 'A.1:1' }],
    ]);
    expect(issueText(found[1]!, 'it')).toBe(
      "l'indicatore «Indicatore A.1:1» si calcola con una formula (media ponderata degli obiettivi figli), che dà un numero: non può essere in sì/no; indicare come unità numeri o percentuale, o togliere la formula",
    );
    expect(issueText(found[0]!, 'en')).toBe(
      'the indicator “Indicatore A:2” is computed by a formula (ratio of two base measures), which gives a number: it cannot be in dates; give numbers or percent as its unit, or remove the formula',
    );
  });
});
