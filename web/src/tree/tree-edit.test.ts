import { describe, expect, it } from 'vitest';
import type { TreeIndicator, TreeObjective } from '../api/types.js';
import {
  amountInput,
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
} from './tree-edit.js';

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

describe('deletionScope', () => {
  it('counts the children that block a deletion and the indicators that go with it', () => {
    expect(deletionScope(plan, 'A.2')).toEqual({ children: 1, indicators: 0 });
    expect(deletionScope(plan, 'A.2.1')).toEqual({ children: 0, indicators: 3 });
  });
});

describe('indicator bodies', () => {
  it('a new indicator: numbers and dates as typed for the server to read, % dropped, empty target null', () => {
    expect(newIndicatorBody({ ...EMPTY_INDICATOR, name: ' Pratiche evase ', weight: '33,33', unit: 'percent', target: '60,5 %', scoring: 'proportional' })).toEqual({
      name: 'Pratiche evase',
      weight: '33,33',
      comparator: '>=',
      unit: 'percent',
      target: '60,5',
      scoring: { kind: 'proportional' },
      formula: null,
    });
    expect(newIndicatorBody({ ...EMPTY_INDICATOR, name: 'Media', target: '', formula: 'children_mean', scoring: 'threshold', floor: '50' })).toMatchObject({
      target: null,
      scoring: { kind: 'threshold', floor: '50' },
      formula: { kind: 'children_mean' },
    });
  });

  it('an edit sends only what changed; a bands rule the form cannot show is kept', () => {
    const i = { name: 'Report', weight: 30, comparator: '<=', unit: 'date', targetText: '30/09/2024', scoring: 'bands', derived: false } as TreeIndicator;
    const before = indicatorForm(i);
    expect(before).toMatchObject({ weight: '30', comparator: '<=', target: '30/09/2024', scoring: 'bands', formula: 'none' });
    expect(indicatorPatch(before, before)).toEqual({});
    expect(indicatorPatch(before, { ...before, weight: '40' })).toEqual({ weight: '40' });
    expect(indicatorPatch(before, { ...before, target: '31/10/2024' })).toEqual({ unit: 'date', target: '31/10/2024' });
    expect(indicatorPatch(before, { ...before, scoring: 'on_off' })).toEqual({ scoring: { kind: 'on_off' } });
  });
});

describe('formulas in the indicator form', () => {
  it('a ratio sends its base measures and a plain scale (100 by default, Italian notation read)', () => {
    const form = { ...EMPTY_INDICATOR, name: 'Pratiche evase', unit: 'percent' as const, target: '90', formula: 'ratio' as const, numerator: ' pratiche_evase ', denominator: 'pratiche_ricevute' };
    expect(newIndicatorBody(form).formula).toEqual({ kind: 'ratio', numerator: 'pratiche_evase', denominator: 'pratiche_ricevute', scale: '100' });
    expect(formula({ ...form, scale: '1.000' })).toEqual({ kind: 'ratio', numerator: 'pratiche_evase', denominator: 'pratiche_ricevute', scale: '1000' });
    expect(formula({ ...form, scale: '0,5' })).toMatchObject({ scale: '0.5' });
    expect(formula({ ...form, scale: 'cento' })).toMatchObject({ scale: 'cento' });
    expect(formula({ ...form, scale: ' ' })).toMatchObject({ scale: '100' });
    expect(formula({ ...EMPTY_INDICATOR, formula: 'trend', current: 'utenti_2024', previous: 'utenti_2023' })).toEqual({ kind: 'trend', current: 'utenti_2024', previous: 'utenti_2023' });
    expect(formula(EMPTY_INDICATOR)).toBeNull();
  });

  it('says which formula field is empty or unreadable before sending', () => {
    expect(formulaProblems({ ...EMPTY_INDICATOR, formula: 'ratio', numerator: 'evase', scale: 'cento' })).toEqual(['denominator', 'scale']);
    expect(formulaProblems({ ...EMPTY_INDICATOR, formula: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: '' })).toEqual([]);
    expect(formulaProblems({ ...EMPTY_INDICATOR, formula: 'trend', current: ' ' })).toEqual(['current', 'previous']);
    expect(formulaProblems({ ...EMPTY_INDICATOR, numerator: '' })).toEqual([]);
  });

  it('an edit shows the stored formula and sends it only when it changed', () => {
    const i = {
      name: 'Evase',
      weight: 100,
      comparator: '>=',
      unit: 'percent',
      targetText: '90,00%',
      scoring: 'on_off',
      derived: true,
      formula: { kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: 100 },
    } as TreeIndicator;
    const before = indicatorForm(i);
    expect(before).toMatchObject({ formula: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: '100' });
    expect(indicatorPatch(before, { ...before, scale: '100,0' })).toEqual({});
    expect(indicatorPatch(before, { ...before, denominator: 'pervenute' })).toEqual({ formula: { kind: 'ratio', numerator: 'evase', denominator: 'pervenute', scale: '100' } });
    expect(indicatorPatch(before, { ...before, formula: 'none' })).toEqual({ formula: null });
    const trend = indicatorForm({ ...i, formula: { kind: 'trend', current: 'oggi', previous: 'ieri' } });
    expect(trend).toMatchObject({ formula: 'trend', current: 'oggi', previous: 'ieri', scale: '100' });
  });
});

describe('bands and threshold rules in the indicator form', () => {
  const bands = { ...EMPTY_INDICATOR, name: 'Pratiche', target: '10', scoring: 'bands' as const };

  it('reads point values in the unit (Italian or plain numbers, dates) and sends them plain', () => {
    expect(pointValue('1.587,10', 'number')).toBe('1587.1');
    expect(pointValue('2.5', 'number')).toBe('2.5');
    expect(pointValue(' 7,5 %', 'percent')).toBe('7.5');
    expect(pointValue('30/09/2024', 'date')).toBe('2024-09-30');
    expect(pointValue('31/02/2024', 'date')).toBeNull();
    expect(pointValue('tanti', 'number')).toBeNull();
    expect(pointValue('', 'number')).toBeNull();
    expect(
      bandsRule({
        ...bands,
        points: [
          { at: '0', score: '0' },
          { at: '10', score: '100' },
        ],
      }),
    ).toEqual({
      kind: 'bands',
      mode: 'interpolated',
      points: [
        { at: '0', score: '0' },
        { at: '10', score: '100' },
      ],
    });
    expect(newIndicatorBody({ ...bands, bandMode: 'fixed', points: [{ at: '2,5', score: '50,5' }] }).scoring).toEqual({ kind: 'bands', mode: 'fixed', points: [{ at: '2.5', score: '50.5' }] });
  });

  it('says which point is empty, unreadable, out of 0–100 or not increasing', () => {
    expect(
      bandProblems({
        ...bands,
        points: [
          { at: '0', score: '0' },
          { at: '10', score: '100' },
        ],
      }),
    ).toEqual({});
    expect(
      bandProblems({
        ...bands,
        points: [
          { at: '', score: '0' },
          { at: '10', score: '' },
        ],
      }),
    ).toEqual({ 'point-0-at': 'empty', 'point-1-score': 'empty' });
    expect(
      bandProblems({
        ...bands,
        points: [
          { at: '10', score: '-1' },
          { at: '5', score: '120' },
          { at: 'dieci', score: 'molto' },
        ],
      }),
    ).toEqual({
      'point-0-score': 'score',
      'point-1-at': 'order',
      'point-1-score': 'score',
      'point-2-at': 'value',
      'point-2-score': 'score',
    });
    expect(
      bandProblems({
        ...bands,
        points: [
          { at: '10', score: '0' },
          { at: '10', score: '100' },
        ],
      }),
    ).toEqual({ 'point-1-at': 'order' });
    expect(
      bandProblems({
        ...bands,
        unit: 'date',
        points: [
          { at: '30/09/2024', score: '100' },
          { at: '2024-10-31', score: '50' },
          { at: '01/10/2024', score: '0' },
        ],
      }),
    ).toEqual({ 'point-2-at': 'order' });
    expect(bandProblems({ ...bands, scoring: 'on_off', points: [{ at: '', score: '' }] })).toEqual({});
  });

  it('an edit starts from the stored floor or points and sends the rule only when it changed', () => {
    const base = { name: 'Tempi', weight: 100, comparator: '>=', unit: 'number', targetText: '10', derived: false, formula: null } as unknown as TreeIndicator;
    const threshold = indicatorForm({ ...base, scoring: 'threshold', rule: { kind: 'threshold', floor: 2.5 } });
    expect(threshold.floor).toBe('2,5');
    expect(indicatorPatch(threshold, threshold)).toEqual({});
    expect(indicatorPatch(threshold, { ...threshold, floor: '3' })).toEqual({ scoring: { kind: 'threshold', floor: '3' } });
    const stored = indicatorForm({
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
    });
    expect(stored).toMatchObject({
      bandMode: 'fixed',
      points: [
        { at: '0', score: '0' },
        { at: '7,5', score: '50,5' },
      ],
    });
    expect(indicatorPatch(stored, stored)).toEqual({});
    expect(indicatorPatch(stored, { ...stored, bandMode: 'interpolated' })).toEqual({
      scoring: {
        kind: 'bands',
        mode: 'interpolated',
        points: [
          { at: '0', score: '0' },
          { at: '7.5', score: '50.5' },
        ],
      },
    });
    expect(amountInput('2024-09-30')).toBe('30/09/2024');
    expect(amountInput(true)).toBe('sì');
  });
});

describe('the three-year horizon in the indicator form', () => {
  it('sends the baseline, its year and the later targets as typed, and only when they changed', () => {
    const form = { ...EMPTY_INDICATOR, name: 'Imprese assistite', target: '10', baseline: '206', baselineYear: '2024', target2: '12', target3: '' };
    expect(newIndicatorBody(form)).toMatchObject({ baseline: '206', baselineYear: 2024, nextTargets: ['12', null] });
    expect(newIndicatorBody({ ...EMPTY_INDICATOR, name: 'x' })).not.toHaveProperty('baseline');
    expect(indicatorPatch(form, { ...form, name: 'Imprese' })).toEqual({ name: 'Imprese' });
    expect(indicatorPatch(form, { ...form, target3: '14,5' })).toEqual({ baseline: '206', baselineYear: 2024, nextTargets: ['12', '14,5'] });
    expect(indicatorPatch(form, { ...form, baseline: '', baselineYear: '', target2: '' })).toEqual({ baseline: null, baselineYear: null, nextTargets: null });
    expect(baselineYearValue('2023')).toBe(2023);
    expect(baselineYearValue('')).toBeNull();
    expect(baselineYearValue('23')).toBeUndefined();
  });
});

describe('the indicator form checked before sending', () => {
  it('says each wrong field once, the baseline year first, then the band points, then the formula', () => {
    expect(indicatorFormProblems({ ...EMPTY_INDICATOR, name: 'x' })).toEqual([]);
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
    expect(indicatorFormProblems(form)).toEqual([
      ['baselineYear', 'years.invalidYear'],
      ['point-0-at', 'edit.errors.points.empty'],
      ['point-1-score', 'edit.errors.points.empty'],
      ['denominator', 'edit.errors.measureName'],
      ['scale', 'edit.errors.scale'],
    ]);
    expect(indicatorFormProblems({ ...EMPTY_INDICATOR, formula: 'trend', current: 'oggi' })).toEqual([['previous', 'edit.errors.measureName']]);
  });
});
