import { describe, expect, it } from 'vitest';
import type { TreeIndicator, TreeObjective } from './api/types.js';
import { deletionScope, EMPTY_INDICATOR, formula, formulaProblems, indicatorForm, indicatorPatch, newIndicatorBody, nextChildCode } from './tree-edit.js';

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
    expect(newIndicatorBody({ ...EMPTY_INDICATOR, name: 'Media', target: '', formula: 'children_mean', scoring: 'threshold', floor: '50' })).toMatchObject({ target: null, scoring: { kind: 'threshold', floor: '50' }, formula: { kind: 'children_mean' } });
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
    const i = { name: 'Evase', weight: 100, comparator: '>=', unit: 'percent', targetText: '90,00%', scoring: 'on_off', derived: true, formula: { kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: 100 } } as TreeIndicator;
    const before = indicatorForm(i);
    expect(before).toMatchObject({ formula: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: '100' });
    expect(indicatorPatch(before, { ...before, scale: '100,0' })).toEqual({});
    expect(indicatorPatch(before, { ...before, denominator: 'pervenute' })).toEqual({ formula: { kind: 'ratio', numerator: 'evase', denominator: 'pervenute', scale: '100' } });
    expect(indicatorPatch(before, { ...before, formula: 'none' })).toEqual({ formula: null });
    const trend = indicatorForm({ ...i, formula: { kind: 'trend', current: 'oggi', previous: 'ieri' } });
    expect(trend).toMatchObject({ formula: 'trend', current: 'oggi', previous: 'ieri', scale: '100' });
  });
});
