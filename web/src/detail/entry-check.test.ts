import { describe, expect, it } from 'vitest';
import { readMeasures } from './base-measures.js';
import { checkEntry, describeCurrent, type EntryValues } from './entry-check.js';

const ratio = { kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: 100 } as const;
const empty: EntryValues = { state: 'measured', actual: '', reason: '', evidence: '', source: '', notes: '' };

describe('the entry form checked before saving', () => {
  it('sends an actual in the unit, the texts trimmed, empty ones as null, no reason unless not evaluable', () => {
    expect(checkEntry({ ...empty, actual: '1.587,10', evidence: ' delibera 12 ', notes: '  ' }, 'number', null, null)).toEqual({
      body: { state: 'measured', actual: 1587.1, reason: null, evidence: 'delibera 12', source: null, notes: null },
    });
    expect(checkEntry({ ...empty, state: 'not_evaluable', actual: '12', reason: ' dati assenti ' }, 'number', null, null)).toEqual({
      body: { state: 'not_evaluable', actual: null, reason: 'dati assenti', evidence: null, source: null, notes: null },
    });
  });

  it('says why a value cannot be saved, in the words of the unit', () => {
    expect(checkEntry({ ...empty, actual: 'molti' }, 'number', null, null)).toMatchObject({ problem: 'invalidNumber', focus: null, measures: false });
    expect(checkEntry({ ...empty, actual: '' }, 'number', null, null)).toMatchObject({ problem: 'invalidNumber' });
    expect(checkEntry({ ...empty, actual: '5%' }, 'number', null, null)).toMatchObject({ problem: 'percentForNumber' });
    expect(checkEntry({ ...empty, actual: '31/02/2024' }, 'date', null, null)).toMatchObject({ problem: 'invalidDate' });
    expect(checkEntry({ ...empty, state: 'not_evaluable', reason: ' ' }, 'number', null, null)).toMatchObject({ problem: 'reasonRequired' });
  });

  it('a ratio sends its base measures, or puts the focus on the first one that is wrong', () => {
    const good = readMeasures(ratio, { evase: '45', ricevute: '50' });
    expect(checkEntry(empty, 'percent', ratio, good)).toEqual({
      body: { state: 'measured', actual: null, inputs: { evase: '45', ricevute: '50' }, reason: null, evidence: null, source: null, notes: null },
    });
    const zero = readMeasures(ratio, { evase: '45', ricevute: '0' });
    expect(checkEntry(empty, 'percent', ratio, zero)).toEqual({ problem: 'fixMeasures', focus: 'entry-measure-1', measures: true });
    // Not measured: the measures are not read, nothing is sent but the state.
    expect(checkEntry({ ...empty, state: 'not_measured' }, 'percent', ratio, zero)).toMatchObject({ body: { state: 'not_measured', actual: null } });
  });

  it('says the value someone else saved, in the indicator notation', () => {
    expect(describeCurrent({ actualText: '12,5%' }, { unit: 'percent' })).toBe('12,5%');
    expect(describeCurrent({ actual: 1587.1, state: 'measured', enteredBy: 'referente' }, { unit: 'number' })).toBe('1587,1 (referente)');
    expect(describeCurrent({ actual: null, state: 'not_evaluable' }, { unit: 'number' })).toBe('— [not_evaluable]');
    expect(describeCurrent(null, { unit: 'number' })).toBe('?');
  });
});
