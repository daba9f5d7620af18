import { describe, expect, it } from 'vitest';
import { readMeasures } from './base-measures.js';
import i18next from '../i18n.js';
import { checkEntry, describeCurrent as describeIn, staleDraftNotice, type EntryValues } from './entry-check.js';

/** The conflict's value with the state in the screen's words, as the entry form says it. */
const describeCurrent = (current: unknown, i: { unit: 'number' | 'percent' | 'date' }, lang: 'it' | 'en') => describeIn(current, i, lang, (s) => i18next.getFixedT(lang)(`state.${s}`));

const ratio = { kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: 100 } as const;
const empty: EntryValues = { state: 'measured', actual: '', reason: '', evidence: '', source: '', notes: '' };

describe('the entry form checked before saving', () => {
  it('sends an actual in the unit, the texts trimmed, empty ones as null, no reason unless not evaluable', () => {
    expect(checkEntry({ ...empty, actual: '1.587,10', evidence: ' delibera 12 ', notes: '  ' }, 'number', null, null, 'it')).toEqual({
      body: { state: 'measured', actual: 1587.1, reason: null, evidence: 'delibera 12', source: null, notes: null },
    });
    expect(checkEntry({ ...empty, state: 'not_evaluable', actual: '12', reason: ' dati assenti ' }, 'number', null, null, 'it')).toEqual({
      body: { state: 'not_evaluable', actual: null, reason: 'dati assenti', evidence: null, source: null, notes: null },
    });
  });

  it('sends the very decimal typed, one a double cannot hold as its exact text', () => {
    expect(checkEntry({ ...empty, actual: '0,12345678901234567891' }, 'number', null, null, 'it')).toMatchObject({ body: { actual: '0.12345678901234567891' } });
    expect(checkEntry({ ...empty, actual: '12,345,678,901,234.5678' }, 'number', null, null, 'en')).toMatchObject({ body: { actual: '12345678901234.5678' } });
  });

  it("reads the actual in the screen's notation", () => {
    expect(checkEntry({ ...empty, actual: '1,587.10' }, 'number', null, null, 'en')).toMatchObject({ body: { actual: 1587.1 } });
    expect(checkEntry({ ...empty, actual: '1.587,10' }, 'number', null, null, 'en')).toMatchObject({ problem: 'otherNotation', focus: 'entry-actual' });
    expect(describeCurrent({ actual: 1587.1, state: 'measured' }, { unit: 'number' }, 'en')).toBe('1,587.10');
  });

  it('says why a value cannot be saved, in the words of the unit', () => {
    expect(checkEntry({ ...empty, actual: 'molti' }, 'number', null, null, 'it')).toMatchObject({ problem: 'invalidNumber', focus: 'entry-actual', measures: false });
    expect(checkEntry({ ...empty, actual: '' }, 'number', null, null, 'it')).toMatchObject({ problem: 'invalidNumber' });
    expect(checkEntry({ ...empty, actual: '5%' }, 'number', null, null, 'it')).toMatchObject({ problem: 'percentForNumber' });
    expect(checkEntry({ ...empty, actual: '31/02/2024' }, 'date', null, null, 'it')).toMatchObject({ problem: 'invalidDate' });
    expect(checkEntry({ ...empty, actual: 'forse' }, 'boolean', null, null, 'it')).toMatchObject({ problem: 'invalidYesNo', focus: 'entry-actual', measures: false });
    expect(checkEntry({ ...empty, actual: '' }, 'boolean', null, null, 'en')).toMatchObject({ problem: 'invalidYesNo' });
    expect(checkEntry({ ...empty, actual: 'yes' }, 'boolean', null, null, 'en')).toMatchObject({ body: { actual: true } });
    expect(checkEntry({ ...empty, state: 'not_evaluable', reason: ' ' }, 'number', null, null, 'it')).toMatchObject({ problem: 'reasonRequired', focus: 'entry-reason' });
  });

  it('a ratio sends its base measures, or puts the focus on the first one that is wrong', () => {
    const good = readMeasures(ratio, { evase: '45', ricevute: '50' }, 'it');
    expect(checkEntry(empty, 'percent', ratio, good, 'it')).toEqual({
      body: { state: 'measured', actual: null, inputs: { evase: '45', ricevute: '50' }, reason: null, evidence: null, source: null, notes: null },
    });
    const zero = readMeasures(ratio, { evase: '45', ricevute: '0' }, 'it');
    expect(checkEntry(empty, 'percent', ratio, zero, 'it')).toEqual({ problem: 'fixMeasures', focus: 'entry-measure-1', measures: true });
    // Not measured: the measures are not read, nothing is sent but the state.
    expect(checkEntry({ ...empty, state: 'not_measured' }, 'percent', ratio, zero, 'it')).toMatchObject({ body: { state: 'not_measured', actual: null } });
    // It may say why (optional): sent, so the screens read it declared, with its reason.
    expect(checkEntry({ ...empty, state: 'not_measured', reason: ' rilevazione sospesa ' }, 'percent', ratio, zero, 'it')).toMatchObject({
      body: { state: 'not_measured', reason: 'rilevazione sospesa' },
    });
    expect(checkEntry({ ...empty, state: 'not_measured', reason: '  ' }, 'percent', ratio, zero, 'it')).toMatchObject({ body: { state: 'not_measured', reason: null } });
  });

  it('says the value someone else saved, in the indicator notation', () => {
    // The stored measurement's amount, as the store answers a stale version: `{kind, value}`, the decimal as text.
    expect(describeCurrent({ actual: { kind: 'number', value: '12.5' }, state: 'measured' }, { unit: 'percent' }, 'it')).toBe('12,50%');
    expect(describeCurrent({ actual: { kind: 'number', value: '12.5' }, state: 'measured' }, { unit: 'percent' }, 'en')).toBe('12.50%');
    expect(describeCurrent({ actual: { kind: 'date', value: '2024-09-30' }, state: 'measured' }, { unit: 'date' }, 'en')).toBe('30/09/2024');
    expect(describeCurrent({ actual: 1587.1, state: 'measured', enteredBy: 'referente' }, { unit: 'number' }, 'it')).toBe('1.587,10 (referente)');
    expect(describeCurrent({ actual: 1587.1, state: 'measured', enteredBy: 'referente' }, { unit: 'number' }, 'en')).toBe('1,587.10 (referente)');
    // Who saved it by name, as the screens name people; the program and the command line in words.
    expect(describeCurrent({ actual: 9, state: 'measured', enteredBy: 'referente', enteredByName: 'Rita Referente' }, { unit: 'number' }, 'it')).toBe('9 (Rita Referente)');
    expect(describeCurrent({ actual: 9, state: 'measured', enteredBy: 'system', enteredByName: null }, { unit: 'number' }, 'it')).toBe('9 (Albero (procedura automatica))');
    expect(describeCurrent({ actual: 9, state: 'measured', enteredBy: 'cli:mario' }, { unit: 'number' }, 'en')).toBe('9 (command line (user mario))');
    // A state other than measured in the screen's words, never its code.
    expect(describeCurrent({ actual: null, state: 'not_evaluable' }, { unit: 'number' }, 'it')).toBe('— [N.V. (non valutabile)]');
    expect(describeCurrent({ actual: null, state: 'not_evaluable', enteredBy: 'referente' }, { unit: 'number' }, 'en')).toBe('— [N.E. (not evaluable)] (referente)');
    expect(describeCurrent({ actual: 40, state: 'not_achieved' }, { unit: 'percent' }, 'en')).toBe('40.00% [Not achieved]');
    expect(describeCurrent({ actual: null, state: 'not_measured' }, { unit: 'number' }, 'it')).toBe('— [Non misurato]');
    expect(describeCurrent(null, { unit: 'number' }, 'it')).toBe('?');
  });

  it('says who saved meanwhile and when as a draft typed on an older value comes back, «qualcun altro» only when the tree names no one', () => {
    const theirs = { unit: 'percent', actual: 12.5, state: 'measured', enteredBy: 'referente', enteredByName: 'Rita Referente', enteredAt: '2024-07-01T08:30:00Z' } as const;
    expect(staleDraftNotice(theirs, 'it', i18next.getFixedT('it'))).toBe(
      'Ripreso quanto scritto qui e non salvato, ma nel frattempo Rita Referente ha salvato questo valore il 01/07/2024 alle 10:30: valore attuale 12,50%. Controllare e premere «Salva» per sostituirlo con quanto scritto.',
    );
    expect(staleDraftNotice(theirs, 'en', i18next.getFixedT('en'))).toBe(
      'What you typed here and did not save is back, but this value was saved meanwhile by Rita Referente on 01/07/2024 at 10:30: current value 12.50%. Check it and press “Save” to replace it with what you typed.',
    );
    // The program in words, a state other than measured in the screen's.
    expect(staleDraftNotice({ ...theirs, actual: null, state: 'not_evaluable', enteredBy: 'system', enteredByName: null }, 'it', i18next.getFixedT('it'))).toBe(
      'Ripreso quanto scritto qui e non salvato, ma nel frattempo Albero (procedura automatica) ha salvato questo valore il 01/07/2024 alle 10:30: valore attuale — [N.V. (non valutabile)]. Controllare e premere «Salva» per sostituirlo con quanto scritto.',
    );
    expect(staleDraftNotice({ ...theirs, enteredBy: null, enteredByName: null, enteredAt: null }, 'it', i18next.getFixedT('it'))).toBe(
      'Ripreso quanto scritto qui e non salvato, ma nel frattempo qualcun altro ha salvato questo valore: valore attuale 12,50%. Controllare e premere «Salva» per sostituirlo con quanto scritto.',
    );
  });
});
