import { describe, expect, it } from 'vitest';
import i18next from '../i18n.js';
import { stateWord } from './state-words.js';

describe("an indicator's state in words", () => {
  it('says a value saved «non misurato» as declared, with its reason, and one with nothing saved as not entered yet', () => {
    const it_ = i18next.getFixedT('it');
    const en = i18next.getFixedT('en');
    expect(stateWord({ state: 'not_measured', saved: true, reason: 'rilevazione sospesa' }, it_)).toBe('Non misurato (dichiarato: rilevazione sospesa)');
    expect(stateWord({ state: 'not_measured', saved: true, reason: null }, it_)).toBe('Non misurato (dichiarato)');
    expect(stateWord({ state: 'not_measured', saved: false, reason: null }, it_)).toBe('Non ancora inserito');
    expect(stateWord({ state: 'not_measured', saved: true, reason: 'rilevazione sospesa' }, en)).toBe('Not measured (declared: rilevazione sospesa)');
    expect(stateWord({ state: 'not_measured', saved: false, reason: null }, en)).toBe('Not entered yet');
    // The other states as the catalogue says them.
    expect(stateWord({ state: 'not_evaluable', saved: true, reason: 'x' }, it_)).toBe('N.V. (non valutabile)');
  });
});
