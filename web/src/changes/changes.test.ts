import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../../src/core/index.js';
import type { Change } from '../api/types.js';
import { CHANGE_GROUPS, groupChanges, kindKey, sideText } from './changes.js';
import i18next from '../i18n.js';

const change = (group: Change['group'], kind: Change['kind'], code: string, beforeText: string | null, afterText: string | null): Change => ({
  group,
  kind,
  code,
  indicator: null,
  before: beforeText,
  after: afterText,
  beforeText,
  afterText,
  messageCode: `diff-${kind}`,
  params: { objective: code, indicator: null, before: beforeText, after: afterText },
  message: '',
  line: null,
  side: null,
});

describe('changes as the Modifiche view groups them', () => {
  it('keeps the order of albero diff and leaves out the empty groups', () => {
    const changes = [
      change('result', 'performance', 'B.2', '50,00%', '100,00%'),
      change('measurement', 'measurement', 'B.2.2', '19', '20'),
      change('plan', 'target', 'A.1.1', '20', '25'),
      change('result', 'performance', 'B', '80,00%', '90,00%'),
    ];
    const sections = groupChanges({ changes, counts: { structure: 0, plan: 1, measurement: 1, result: 2 } });
    expect(sections.map((s) => [s.group, s.count, s.changes.map((c) => c.code)])).toEqual([
      ['plan', 1, ['A.1.1']],
      ['measurement', 1, ['B.2.2']],
      ['result', 2, ['B.2', 'B']],
    ]);
    expect(groupChanges({ changes: [] })).toEqual([]);
    expect(CHANGE_GROUPS).toEqual(['structure', 'plan', 'measurement', 'result']);
  });

  it('counts the rows when the server sent no counts', () => {
    expect(groupChanges({ changes: [change('structure', 'objective-added', 'C.4', null, 'Nuovo')] })).toEqual([{ group: 'structure', count: 1, changes: [expect.objectContaining({ code: 'C.4' })] }]);
  });

  it('says every kind of change the engine knows in Italian and in English', () => {
    for (const kind of Object.keys(CHANGE_KINDS) as Change['kind'][]) {
      for (const lng of ['it', 'en']) {
        const words = i18next.getFixedT(lng)(kindKey(kind));
        expect(words, `${kind} in ${lng}`).not.toBe(kindKey(kind));
        expect(words).not.toBe('');
      }
    }
    expect(i18next.getFixedT('it')(kindKey('target'))).toBe('target');
    expect(i18next.getFixedT('it')(kindKey('measurement'))).toBe('consuntivo');
    expect(i18next.getFixedT('en')('changes.count', { count: 1 })).toBe('1 change');
    expect(i18next.getFixedT('it')('changes.count', { count: 3 })).toBe('3 modifiche');
  });

  it("says each side from the change's code and parameters in the reader's language, whatever language the server answered in", () => {
    const target: Change = {
      ...change('plan', 'target', 'A.2.1', '60,00%', '50,50%'),
      indicator: 'Sportello',
      messageCode: 'diff-target',
      params: { objective: 'A.2.1', indicator: 'Sportello', before: '60', beforeUnit: 'percent', after: '50.5', afterUnit: 'percent' },
    };
    expect([sideText(target, 'before', 'it'), sideText(target, 'after', 'it')]).toEqual(['60,00%', '50,50%']);
    expect([sideText(target, 'before', 'en'), sideText(target, 'after', 'en')]).toEqual(['60.00%', '50.50%']);
    const measured: Change = {
      ...change('measurement', 'measurement', 'B.1.1', null, null),
      messageCode: 'diff-measurement',
      params: {
        objective: 'B.1.1',
        indicator: 'Partecipanti',
        before: 'not_evaluable',
        beforeReason: 'dato assente',
        after: 'measured',
        afterActual: '0.69',
        afterUnit: 'percent',
        afterInputs: [],
        afterInputValues: [],
      },
    };
    expect([sideText(measured, 'before', 'it'), sideText(measured, 'after', 'it')]).toEqual(['N.V. (dato assente)', '0,69%']);
    expect([sideText(measured, 'before', 'en'), sideText(measured, 'after', 'en')]).toEqual(['N.E. (dato assente)', '0.69%']);
    // An added item has no "before": a dash, in both languages.
    const added: Change = { ...change('structure', 'objective-added', 'C.4', null, 'Nuovo'), messageCode: 'diff-objective-added', params: { objective: 'C.4', indicator: null, after: 'Nuovo' } };
    expect([sideText(added, 'before', 'en'), sideText(added, 'after', 'en')]).toEqual(['—', 'Nuovo']);
    // A code this build does not know: the server's words.
    expect(sideText({ ...target, messageCode: 'diff-something-new' }, 'after', 'en')).toBe('50,50%');
  });
});
