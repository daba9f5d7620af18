import { describe, expect, it } from 'vitest';
import type { TreeIndicator, TreeObjective } from '../api/types.js';
import { amountInput } from '../ui/parse.js';
import {
  bandProblems,
  bandsRule,
  baselineYearValue,
  deletionScope,
  EMPTY_INDICATOR,
  formula,
  formulaProblems,
  indicatorForm,
  indicatorFormProblems,
  indicatorPatch,
  newIndicatorBody,
  nextChildCode,
  pointValue,
  amountValue,
  formIn,
  formulaChoices,
  unitChoices,
  weightValue,
  weightsOffTotal,
} from './tree-edit.js';
import { UNITS } from '../../../src/core/model.js';

const node = (code: string, parent: string | null, indicators = 0) => ({ code, parent, indicators: Array.from({ length: indicators }) }) as unknown as TreeObjective;
const plan = [node('A', null), node('A.1', 'A', 2), node('A.2', 'A'), node('A.2.1', 'A.2', 3), node('B', null), node('A.4', 'A')];

describe('nextChildCode', () => {
  it('numbers a child after the first free number below its parent, and a root after the first free letter', () => {
    expect(nextChildCode(plan, 'A')).toBe('A.3');
    expect(nextChildCode(plan, 'A.2')).toBe('A.2.2');
    expect(nextChildCode(plan, 'B')).toBe('B.1');
    expect(nextChildCode(plan, null)).toBe('C');
  });
});

describe('weightsOffTotal', () => {
  const objective = {
    indicators: [
      { id: 'A:1', weight: 60 },
      { id: 'A:2', weight: 33.33 },
      { id: 'A:3', weight: 6.67 },
    ],
  };
  it("adds the typed weight to the others', exactly, and says nothing at 100", () => {
    expect(weightsOffTotal(objective, { indicatorId: 'A:1', weight: '60', lang: 'it' })).toBeNull();
    expect(weightsOffTotal(objective, { indicatorId: 'A:1', weight: '113', lang: 'it' })).toBe('153');
    expect(weightsOffTotal(objective, { indicatorId: 'A:1', weight: '59,9', lang: 'it' })).toBe('99.9');
    expect(weightsOffTotal(objective, { indicatorId: 'A:1', weight: '59.9%', lang: 'en' })).toBe('99.9');
    // A new indicator adds to every one there.
    expect(weightsOffTotal(objective, { indicatorId: undefined, weight: '10', lang: 'en' })).toBe('110');
  });
  it('without a weight typed, adds up the stored ones (an objective with none says nothing)', () => {
    expect(weightsOffTotal(objective)).toBeNull();
    expect(
      weightsOffTotal({
        indicators: [
          { id: 'A:1', weight: 60 },
          { id: 'A:2', weight: 93 },
        ],
      }),
    ).toBe('153');
    expect(weightsOffTotal({ indicators: [] })).toBeNull();
  });
  it('waits for a weight it can read', () => {
    expect(weightsOffTotal(objective, { indicatorId: 'A:1', weight: '', lang: 'it' })).toBeNull();
    expect(weightsOffTotal(objective, { indicatorId: 'A:1', weight: '59.9', lang: 'it' })).toBeNull();
    expect(weightsOffTotal(objective, { indicatorId: 'A:1', weight: 'abc', lang: 'en' })).toBeNull();
  });
});

describe('deletionScope', () => {
  it('counts the children that block a deletion and the indicators that go with it', () => {
    expect(deletionScope(plan, 'A.2')).toEqual({ children: 1, indicators: 0 });
    expect(deletionScope(plan, 'A.2.1')).toEqual({ children: 0, indicators: 3 });
  });
});

describe('indicator bodies', () => {
  it("a new indicator: numbers read in the screen's notation and sent as plain decimals, % dropped, empty target null", () => {
    expect(newIndicatorBody({ ...EMPTY_INDICATOR, name: ' Pratiche evase ', weight: '33,33', unit: 'percent', target: '60,5 %', scoring: 'proportional' }, 'it')).toEqual({
      name: 'Pratiche evase',
      weight: '33.33',
      comparator: '>=',
      unit: 'percent',
      target: 60.5,
      scoring: { kind: 'proportional' },
      formula: null,
    });
    expect(newIndicatorBody({ ...EMPTY_INDICATOR, name: 'Media', target: '', formula: 'children_mean', scoring: 'threshold', floor: '50' }, 'it')).toMatchObject({
      target: null,
      scoring: { kind: 'threshold', floor: 50 },
      formula: { kind: 'children_mean' },
    });
  });

  it('an edit sends only what changed; a bands rule the form cannot show is kept', () => {
    const i = { name: 'Report', weight: 30, comparator: '<=', unit: 'date', target: '2024-09-30', scoring: 'bands', derived: false } as TreeIndicator;
    const before = indicatorForm(i, 'it');
    expect(before).toMatchObject({ weight: '30', comparator: '<=', target: '30/09/2024', scoring: 'bands', formula: 'none' });
    expect(indicatorPatch(before, before, 'it')).toEqual({});
    expect(indicatorPatch(before, { ...before, weight: '40' }, 'it')).toEqual({ weight: '40' });
    expect(indicatorPatch(before, { ...before, target: '31/10/2024' }, 'it')).toEqual({ unit: 'date', target: '2024-10-31' });
    expect(indicatorPatch(before, { ...before, scoring: 'on_off' }, 'it')).toEqual({ scoring: { kind: 'on_off' } });
  });
});

describe('formulas in the indicator form', () => {
  it('a ratio sends its base measures and a plain scale (100 by default, Italian notation read)', () => {
    const form = { ...EMPTY_INDICATOR, name: 'Pratiche evase', unit: 'percent' as const, target: '90', formula: 'ratio' as const, numerator: ' pratiche_evase ', denominator: 'pratiche_ricevute' };
    expect(newIndicatorBody(form, 'it').formula).toEqual({ kind: 'ratio', numerator: 'pratiche_evase', denominator: 'pratiche_ricevute', scale: '100' });
    expect(formula({ ...form, scale: '1.000' }, 'it')).toEqual({ kind: 'ratio', numerator: 'pratiche_evase', denominator: 'pratiche_ricevute', scale: '1000' });
    expect(formula({ ...form, scale: '0,5' }, 'it')).toMatchObject({ scale: '0.5' });
    expect(formula({ ...form, scale: 'cento' }, 'it')).toMatchObject({ scale: 'cento' });
    expect(formula({ ...form, scale: ' ' }, 'it')).toMatchObject({ scale: '100' });
    expect(formula({ ...EMPTY_INDICATOR, formula: 'trend', current: 'utenti_2024', previous: 'utenti_2023' }, 'it')).toEqual({ kind: 'trend', current: 'utenti_2024', previous: 'utenti_2023' });
    expect(formula(EMPTY_INDICATOR, 'it')).toBeNull();
  });

  it('offers a formula only to numbers and percent, and to a formula only those units (a formula gives a number)', () => {
    expect(unitChoices(EMPTY_INDICATOR, UNITS)).toEqual(['number', 'percent', 'date', 'boolean']);
    expect(unitChoices({ ...EMPTY_INDICATOR, formula: 'ratio' }, UNITS)).toEqual(['number', 'percent']);
    expect(formulaChoices({ ...EMPTY_INDICATOR, unit: 'percent' })).toEqual(['none', 'children_mean', 'ratio', 'trend']);
    expect(formulaChoices({ ...EMPTY_INDICATOR, unit: 'date' })).toEqual(['none']);
    // What is stored is shown as it is, even where it would not be offered.
    expect(unitChoices({ ...EMPTY_INDICATOR, unit: 'boolean', formula: 'trend' }, UNITS)).toEqual(['number', 'percent', 'boolean']);
    expect(formulaChoices({ ...EMPTY_INDICATOR, unit: 'boolean', formula: 'trend' })).toEqual(['none', 'trend']);
  });

  it('says which formula field is empty or unreadable before sending', () => {
    expect(formulaProblems({ ...EMPTY_INDICATOR, formula: 'ratio', numerator: 'evase', scale: 'cento' }, 'it')).toEqual(['denominator', 'scale']);
    expect(formulaProblems({ ...EMPTY_INDICATOR, formula: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: '' }, 'it')).toEqual([]);
    expect(formulaProblems({ ...EMPTY_INDICATOR, formula: 'trend', current: ' ' }, 'it')).toEqual(['current', 'previous']);
    expect(formulaProblems({ ...EMPTY_INDICATOR, numerator: '' }, 'it')).toEqual([]);
  });

  it('an edit shows the stored formula and sends it only when it changed', () => {
    const i = {
      name: 'Evase',
      weight: 100,
      comparator: '>=',
      unit: 'percent',
      target: 90,
      scoring: 'on_off',
      derived: true,
      formula: { kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: 100 },
    } as TreeIndicator;
    const before = indicatorForm(i, 'it');
    expect(before).toMatchObject({ formula: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: '100', target: '90' });
    expect(indicatorForm(i, 'en').target).toBe('90');
    expect(indicatorPatch(before, { ...before, scale: '100,0' }, 'it')).toEqual({});
    expect(indicatorPatch(before, { ...before, denominator: 'pervenute' }, 'it')).toEqual({ formula: { kind: 'ratio', numerator: 'evase', denominator: 'pervenute', scale: '100' } });
    expect(indicatorPatch(before, { ...before, formula: 'none' }, 'it')).toEqual({ formula: null });
    const trend = indicatorForm({ ...i, formula: { kind: 'trend', current: 'oggi', previous: 'ieri' } }, 'it');
    expect(trend).toMatchObject({ formula: 'trend', current: 'oggi', previous: 'ieri', scale: '100' });
  });
});

describe('bands and threshold rules in the indicator form', () => {
  const bands = { ...EMPTY_INDICATOR, name: 'Pratiche', target: '10', scoring: 'bands' as const };

  it("reads point values in the unit (numbers in the screen's notation, dates) and sends them plain", () => {
    expect(pointValue('1.587,10', 'number', 'it')).toBe('1587.1');
    expect(pointValue('2.5', 'number', 'it')).toBeNull();
    expect(pointValue('2.5', 'number', 'en')).toBe('2.5');
    expect(pointValue('1,587.10', 'number', 'en')).toBe('1587.1');
    expect(pointValue(' 7,5 %', 'percent', 'it')).toBe('7.5');
    expect(pointValue('30/09/2024', 'date', 'it')).toBe('2024-09-30');
    expect(pointValue('31/02/2024', 'date', 'it')).toBeNull();
    expect(pointValue('tanti', 'number', 'it')).toBeNull();
    expect(pointValue('', 'number', 'it')).toBeNull();
    expect(
      bandsRule(
        {
          ...bands,
          points: [
            { at: '0', score: '0' },
            { at: '10', score: '100' },
          ],
        },
        'it',
      ),
    ).toEqual({
      kind: 'bands',
      mode: 'interpolated',
      points: [
        { at: 0, score: '0' },
        { at: 10, score: '100' },
      ],
    });
    expect(newIndicatorBody({ ...bands, bandMode: 'fixed', points: [{ at: '2,5', score: '50,5' }] }, 'it').scoring).toEqual({ kind: 'bands', mode: 'fixed', points: [{ at: 2.5, score: '50.5' }] });
  });

  it('says which point is empty, unreadable, out of 0–100 or not increasing', () => {
    expect(
      bandProblems(
        {
          ...bands,
          points: [
            { at: '0', score: '0' },
            { at: '10', score: '100' },
          ],
        },
        'it',
      ),
    ).toEqual({});
    expect(
      bandProblems(
        {
          ...bands,
          points: [
            { at: '', score: '0' },
            { at: '10', score: '' },
          ],
        },
        'it',
      ),
    ).toEqual({ 'point-0-at': 'empty', 'point-1-score': 'empty' });
    expect(
      bandProblems(
        {
          ...bands,
          points: [
            { at: '10', score: '-1' },
            { at: '5', score: '120' },
            { at: 'dieci', score: 'molto' },
          ],
        },
        'it',
      ),
    ).toEqual({
      'point-0-score': 'score',
      'point-1-at': 'order',
      'point-1-score': 'score',
      'point-2-at': 'value',
      'point-2-score': 'score',
    });
    expect(
      bandProblems(
        {
          ...bands,
          points: [
            { at: '10', score: '0' },
            { at: '10', score: '100' },
          ],
        },
        'it',
      ),
    ).toEqual({ 'point-1-at': 'order' });
    expect(
      bandProblems(
        {
          ...bands,
          unit: 'date',
          points: [
            { at: '30/09/2024', score: '100' },
            { at: '2024-10-31', score: '50' },
            { at: '01/10/2024', score: '0' },
          ],
        },
        'it',
      ),
    ).toEqual({ 'point-2-at': 'order' });
    expect(bandProblems({ ...bands, scoring: 'on_off', points: [{ at: '', score: '' }] }, 'it')).toEqual({});
  });

  it('an edit starts from the stored floor or points and sends the rule only when it changed', () => {
    const base = { name: 'Tempi', weight: 100, comparator: '>=', unit: 'number', target: 10, derived: false, formula: null } as unknown as TreeIndicator;
    const threshold = indicatorForm({ ...base, scoring: 'threshold', rule: { kind: 'threshold', floor: 2.5 } }, 'it');
    expect(threshold.floor).toBe('2,5');
    expect(indicatorPatch(threshold, threshold, 'it')).toEqual({});
    expect(indicatorPatch(threshold, { ...threshold, floor: '3' }, 'it')).toEqual({ scoring: { kind: 'threshold', floor: 3 } });
    const stored = indicatorForm(
      {
        ...base,
        scoring: 'bands',
        rule: {
          kind: 'bands',
          mode: 'fixed',
          points: [
            { at: 0, score: 0 },
            { at: 7.5, score: 50.5 },
          ],
        },
      },
      'it',
    );
    expect(stored).toMatchObject({
      bandMode: 'fixed',
      points: [
        { at: '0', score: '0' },
        { at: '7,5', score: '50,5' },
      ],
    });
    expect(indicatorPatch(stored, stored, 'it')).toEqual({});
    expect(indicatorPatch(stored, { ...stored, bandMode: 'interpolated' }, 'it')).toEqual({
      scoring: {
        kind: 'bands',
        mode: 'interpolated',
        points: [
          { at: 0, score: '0' },
          { at: 7.5, score: '50.5' },
        ],
      },
    });
    expect(amountInput('2024-09-30', 'it')).toBe('30/09/2024');
    expect(amountInput(true, 'it')).toBe('sì');
  });

  it('a new unit sends the floor or points again, read in it, and asks for new ones that it cannot read', () => {
    const base = { name: 'Tempi', weight: 100, comparator: '>=', unit: 'number', target: 100, derived: false, formula: null } as unknown as TreeIndicator;
    const threshold = indicatorForm({ ...base, scoring: 'threshold', rule: { kind: 'threshold', floor: 50 } }, 'it');
    // Number to percent: the same floor, sent with the unit so the server reads it as a percentage.
    expect(indicatorPatch(threshold, { ...threshold, unit: 'percent' }, 'it')).toEqual({
      unit: 'percent',
      target: 100,
      scoring: { kind: 'threshold', floor: 50 },
      baseline: null,
      baselineYear: null,
      nextTargets: null,
    });
    // To a date: the floor 50 is no date, said at the floor before anything is sent.
    const dated = { ...threshold, unit: 'date' as const, target: '30/09/2024' };
    expect(indicatorFormProblems(dated, 'it')).toEqual([['floor', 'entry.invalidDate']]);
    expect(indicatorPatch(threshold, { ...dated, floor: '30/06/2024' }, 'it')).toMatchObject({ unit: 'date', target: '2024-09-30', scoring: { kind: 'threshold', floor: '2024-06-30' } });
    // Band points in numbers for a yes/no: each point asked for again.
    const bands = indicatorForm(
      {
        ...base,
        scoring: 'bands',
        rule: {
          kind: 'bands',
          mode: 'fixed',
          points: [
            { at: 10, score: 50 },
            { at: 20, score: 100 },
          ],
        },
      },
      'it',
    );
    expect(indicatorFormProblems({ ...bands, unit: 'boolean', target: 'sì' }, 'it')).toEqual([
      ['point-0-at', 'edit.errors.points.value'],
      ['point-1-at', 'edit.errors.points.value'],
    ]);
    expect(indicatorPatch(bands, { ...bands, unit: 'percent' }, 'it').scoring).toEqual({
      kind: 'bands',
      mode: 'fixed',
      points: [
        { at: 10, score: '50' },
        { at: 20, score: '100' },
      ],
    });
    // A rule without amounts of its own is not sent for a new unit.
    const onOff = indicatorForm({ ...base, scoring: 'on_off', rule: { kind: 'on_off' } }, 'it');
    expect(indicatorPatch(onOff, { ...onOff, unit: 'percent' }, 'it').scoring).toBeUndefined();
  });
});

describe('the three-year horizon in the indicator form', () => {
  it('sends the baseline, its year and the later targets as typed, and only when they changed', () => {
    const form = { ...EMPTY_INDICATOR, name: 'Imprese assistite', target: '10', baseline: '206', baselineYear: '2024', target2: '12', target3: '' };
    expect(newIndicatorBody(form, 'it')).toMatchObject({ baseline: 206, baselineYear: 2024, nextTargets: [12, null] });
    expect(newIndicatorBody({ ...EMPTY_INDICATOR, name: 'x' }, 'it')).not.toHaveProperty('baseline');
    expect(indicatorPatch(form, { ...form, name: 'Imprese' }, 'it')).toEqual({ name: 'Imprese' });
    expect(indicatorPatch(form, { ...form, target3: '14,5' }, 'it')).toEqual({ baseline: 206, baselineYear: 2024, nextTargets: [12, 14.5] });
    expect(indicatorPatch(form, { ...form, baseline: '', baselineYear: '', target2: '' }, 'it')).toEqual({ baseline: null, baselineYear: null, nextTargets: null });
    expect(baselineYearValue('2023')).toBe(2023);
    expect(baselineYearValue('')).toBeNull();
    expect(baselineYearValue('23')).toBeUndefined();
  });
});

describe('an edit never rewrites a figure the user did not change', () => {
  // Figures finer than the tree's four decimals: as JSON numbers and as the exact text the API
  // sends when a double cannot hold them; one below 10⁻⁶, which JavaScript prints with an exponent.
  const i = {
    name: 'Tasso di copertura',
    weight: 100,
    comparator: '>=',
    unit: 'percent',
    target: 12.345678,
    baseline: 0.123456,
    baselineYear: 2023,
    nextTargets: [
      { year: 2025, target: '12.34567890123456789' },
      { year: 2026, target: 1.5e-7 },
    ],
    scoring: 'on_off',
    derived: false,
    formula: null,
  } as unknown as TreeIndicator;

  it('starts every amount field with every decimal, in the screen notation', () => {
    expect(indicatorForm(i, 'it')).toMatchObject({ target: '12,345678', baseline: '0,123456', target2: '12,34567890123456789', target3: '0,00000015' });
    expect(indicatorForm(i, 'en')).toMatchObject({ target: '12.345678', baseline: '0.123456', target2: '12.34567890123456789', target3: '0.00000015' });
    expect(indicatorFormProblems(indicatorForm(i, 'it'), 'it')).toEqual([]);
  });

  it('sends what it did not touch as stored, whichever save sends it', () => {
    // Sent as `decimalJson` writes them: a JSON number when a double holds the decimal, else its text.
    const exact = { target: 12.345678, baseline: 0.123456, baselineYear: 2023, nextTargets: ['12.34567890123456789', 1.5e-7] };
    for (const lang of ['it', 'en'] as const) {
      const before = indicatorForm(i, lang);
      expect(indicatorPatch(before, { ...before, name: 'Copertura' }, lang)).toEqual({ name: 'Copertura' });
      // A new unit re-reads the target and the horizon: they go as stored.
      expect(indicatorPatch(before, { ...before, unit: 'number' }, lang)).toEqual({ unit: 'number', ...exact });
      // One figure of the horizon changed: the others go with it, as stored.
      const target3 = lang === 'it' ? '0,5' : '0.5';
      expect(indicatorPatch(before, { ...before, target3 }, lang)).toEqual({ baseline: exact.baseline, baselineYear: 2023, nextTargets: [exact.nextTargets[0], 0.5] });
      // After a change of language too.
      const other = lang === 'it' ? 'en' : 'it';
      expect(indicatorPatch(formIn(before, other), { ...formIn(before, other), unit: 'number' }, other)).toEqual({ unit: 'number', ...exact });
    }
  });
});

describe('the indicator form checked before sending', () => {
  it('says each wrong field once, the baseline year first, then the band points, then the formula', () => {
    expect(indicatorFormProblems({ ...EMPTY_INDICATOR, name: 'x' }, 'it')).toEqual([]);
    const form = {
      ...EMPTY_INDICATOR,
      name: 'x',
      baselineYear: '23',
      scoring: 'bands' as const,
      points: [
        { at: '', score: '10' },
        { at: '5', score: '' },
      ],
      formula: 'ratio' as const,
      numerator: 'evase',
      denominator: ' ',
      scale: 'cento',
    };
    expect(indicatorFormProblems(form, 'it')).toEqual([
      ['baselineYear', 'years.invalidYear'],
      ['point-0-at', 'edit.errors.points.empty'],
      ['point-1-score', 'edit.errors.points.empty'],
      ['denominator', 'edit.errors.measureName'],
      ['scale', 'edit.errors.scale'],
    ]);
    expect(indicatorFormProblems({ ...EMPTY_INDICATOR, formula: 'trend', current: 'oggi' }, 'it')).toEqual([['previous', 'edit.errors.measureName']]);
  });
});

describe("the indicator form in the screen's notation (issue 14)", () => {
  const form = { ...EMPTY_INDICATOR, name: 'Pratiche', unit: 'number' as const };

  it('reads a target strictly: 1,234.5 on an English screen, 1.234,5 on an Italian one, the other refused as the other notation', () => {
    expect(newIndicatorBody({ ...form, target: '1,234.5', weight: '33.33' }, 'en')).toMatchObject({ target: 1234.5, weight: '33.33' });
    expect(newIndicatorBody({ ...form, target: '1.234,5', weight: '33,33' }, 'it')).toMatchObject({ target: 1234.5, weight: '33.33' });
    expect(amountValue('1,5', 'number', 'en')).toBeUndefined();
    expect(amountValue('1.5', 'number', 'it')).toBeUndefined();
    expect(indicatorFormProblems({ ...form, target: '1,5' }, 'en')).toEqual([['target', 'entry.otherNotation']]);
    expect(indicatorFormProblems({ ...form, target: '1.5' }, 'it')).toEqual([['target', 'entry.otherNotation']]);
    expect(indicatorFormProblems({ ...form, target: 'tanti' }, 'en')).toEqual([['target', 'entry.invalidNumber']]);
    expect(indicatorFormProblems({ ...form, target: '5%' }, 'en')).toEqual([['target', 'entry.percentForNumber']]);
    expect(amountValue('25.59%', 'percent', 'en')).toBe('25.59');
  });

  it('reads the weight, scale, floor, horizon and band points in the same notation, and says each at its field', () => {
    expect(weightValue('33,33', 'en')).toEqual({ problem: 'entry.otherNotation' });
    expect(weightValue('33.33', 'it')).toEqual({ problem: 'entry.otherNotation' });
    expect(weightValue('molto', 'it')).toEqual({ problem: 'edit.errors.field.weight' });
    expect(weightValue(' ', 'it')).toEqual({ value: null });
    const wrong = {
      ...form,
      weight: '0,5',
      target: '10',
      baseline: '1.5',
      target2: '2,5',
      scoring: 'threshold' as const,
      floor: '1,000.5',
      formula: 'ratio' as const,
      numerator: 'a',
      denominator: 'b',
      scale: '0,5',
    };
    expect(indicatorFormProblems(wrong, 'en')).toEqual([
      ['weight', 'entry.otherNotation'],
      ['target2', 'entry.otherNotation'],
      ['scale', 'entry.otherNotation'],
    ]);
    expect(newIndicatorBody({ ...wrong, weight: '0.5', target2: '2.5', scale: '0.5' }, 'en')).toMatchObject({
      weight: '0.5',
      baseline: 1.5,
      nextTargets: [2.5, null],
      scoring: { kind: 'threshold', floor: 1000.5 },
      formula: { scale: '0.5' },
    });
    const points = [
      { at: '1,5', score: '0' },
      { at: '2.5', score: '50,5' },
    ];
    expect(bandProblems({ ...form, scoring: 'bands', points }, 'en')).toEqual({ 'point-0-at': 'otherNotation', 'point-1-score': 'otherNotation' });
    expect(indicatorFormProblems({ ...form, scoring: 'bands', points }, 'en')).toEqual([
      ['point-0-at', 'entry.otherNotation'],
      ['point-1-score', 'entry.otherNotation'],
    ]);
    expect(indicatorFormProblems({ ...form, unit: 'date', target: '31/02/2024' }, 'en')).toEqual([['target', 'entry.invalidDate']]);
    expect(indicatorFormProblems({ ...form, unit: 'boolean', target: 'forse' }, 'en')).toEqual([['target', 'entry.invalidYesNo']]);
    expect(newIndicatorBody({ ...form, unit: 'boolean', target: 'yes' }, 'en').target).toBe('true');
  });

  it("starts from the stored indicator in the screen's notation, and follows a change of language digit for digit", () => {
    const i = {
      name: 'Pratiche',
      weight: 33.5,
      comparator: '>=',
      unit: 'number',
      // The values only: the server's texts are Italian whatever the screen, and the form does not read them.
      target: '1587.1',
      baseline: 1200,
      nextTargets: [{ year: 2025, target: 1600 }],
      scoring: 'threshold',
      rule: { kind: 'threshold', floor: 1000.5 },
      derived: false,
      formula: null,
    } as unknown as TreeIndicator;
    const en = indicatorForm(i, 'en');
    expect(en).toMatchObject({ weight: '33.5', target: '1587.1', baseline: '1200', target2: '1600', target3: '', floor: '1000.5' });
    const it = indicatorForm(i, 'it');
    expect(it).toMatchObject({ weight: '33,5', target: '1587,1', baseline: '1200', target2: '1600', target3: '', floor: '1000,5' });
    expect(formIn(it, 'en')).toEqual(en);
    expect(formIn(en, 'it')).toEqual(it);
    // Unchanged after the switch: nothing to send.
    expect(indicatorPatch(formIn(it, 'en'), formIn(it, 'en'), 'en')).toEqual({});
    expect(indicatorPatch(en, { ...en, target: '1,234.5' }, 'en')).toEqual({ unit: 'number', target: 1234.5 });
    const yes = indicatorForm({ ...i, unit: 'boolean', target: true, baseline: null, nextTargets: [] } as unknown as TreeIndicator, 'en');
    expect(yes.target).toBe('yes');
    expect(formIn(yes, 'it').target).toBe('sì');
    expect(amountInput(true, 'en')).toBe('yes');
    expect(amountInput('2.5', 'it')).toBe('2,5');
  });
});
