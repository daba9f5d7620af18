/**
 * The sentence the office reads of the year end reopened after the OIV's decision and taking values
 * again (the plan screen's OIV section, an objective's explanation): whole whatever the reopening
 * recorded. A reopening of before migration 87, read from the trail, may lack who reopened it or why
 * (null), or hold them empty: the sentence then leaves that part out rather than a hanging «da» or
 * «perché «»».
 */
import { describe, expect, it } from 'vitest';
import { reopenedCollectingText } from './texts.js';

const AT = '2025-06-15T08:30:00.000Z';
const DECIDED = '2025-05-15T09:00:00.000Z';
const say = (by: string | null, reason: string | null, language: 'it' | 'en') => reopenedCollectingText({ at: AT, by, reason, decidedAt: DECIDED, reservations: false }, language);
const REST_IT =
  ", dopo la validazione dell'OIV del 15/05/2025: il periodo raccoglie di nuovo valori, e le cifre della Relazione validate dall'OIV il 15/05/2025 non valgono per i valori cambiati da allora";
const REST_EN = ", after the OIV validated it on 15/05/2025: the period takes values again, and the Relazione's figures the OIV validated on 15/05/2025 do not hold for the values changed since";

describe('the reopening of the year end said whole, whatever it recorded', () => {
  it('names who reopened it and why when both were recorded', () => {
    expect(say('Mario Rossi', 'errore su A.3', 'it')).toBe(`riaperto il 15/06/2025 da Mario Rossi perché «errore su A.3»${REST_IT}`);
    expect(say('Mario Rossi', 'errore su A.3', 'en')).toBe(`reopened on 15/06/2025 by Mario Rossi because “errore su A.3”${REST_EN}`);
  });

  it('leaves out who, when nobody was recorded or the name is empty', () => {
    for (const by of [null, '', '  ']) {
      expect(say(by, 'errore su A.3', 'it')).toBe(`riaperto il 15/06/2025 perché «errore su A.3»${REST_IT}`);
      expect(say(by, 'errore su A.3', 'en')).toBe(`reopened on 15/06/2025 because “errore su A.3”${REST_EN}`);
    }
  });

  it('leaves out why, when no reason was recorded or it is empty', () => {
    for (const reason of [null, '', ' \n']) {
      expect(say('Mario Rossi', reason, 'it')).toBe(`riaperto il 15/06/2025 da Mario Rossi${REST_IT}`);
      expect(say('Mario Rossi', reason, 'en')).toBe(`reopened on 15/06/2025 by Mario Rossi${REST_EN}`);
    }
  });

  it('says only when, with neither recorded', () => {
    for (const [by, reason] of [
      [null, null],
      ['', ''],
      [null, ''],
      ['', null],
    ] as const) {
      expect(say(by, reason, 'it')).toBe(`riaperto il 15/06/2025${REST_IT}`);
      expect(say(by, reason, 'en')).toBe(`reopened on 15/06/2025${REST_EN}`);
    }
  });
});
