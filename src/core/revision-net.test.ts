import { describe, expect, it } from 'vitest';
import { netChanges, type RevisionStep } from './revision-net.js';

type Step = RevisionStep & { readonly unit: string | null };

let clock = 0;
/** A step as the store records it: an update with only the fields it changed, a creation or deletion with the whole record. */
function step(action: Step['action'], entity: Step['entity'], entityId: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null, user = 'controller'): Step {
  clock += 1;
  return { seq: clock, at: `2024-10-15T10:00:${String(clock).padStart(2, '0')}Z`, user, action, entity, entityId, before, after, unit: entity === 'indicator' ? 'percent' : null };
}
const numbered = (steps: Step[]): Step[] => steps.map((s, k) => ({ ...s, seq: k + 1 }));
const target = (value: string) => ({ kind: 'number', value });
const indicator = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  node: id.split(':')[0],
  name: `Indicatore ${id}`,
  weight: '50',
  target: target('60'),
  unit: 'percent',
  notes: null,
  version: 1,
  ...fields,
});
const objective = (code: string, fields: Record<string, unknown> = {}) => ({ code, title: `Obiettivo ${code}`, parent: 'A', weight: '10', unitId: null, unitName: null, version: 1, ...fields });

describe('a revision’s net change', () => {
  it('lists nothing for a field moved and moved back: weight 50 → 40, then 40 → 50', () => {
    const steps = numbered([step('update', 'indicator', 'A.1:1', { weight: '50' }, { weight: '40' }), step('update', 'indicator', 'A.1:1', { weight: '40' }, { weight: '50' })]);
    expect(netChanges(steps)).toEqual([]);
  });

  it('says a field changed twice from its first value to its last, with the steps it sums up and the last one’s author and time', () => {
    const steps = numbered([
      step('update', 'indicator', 'A.1:1', { target: target('60') }, { target: target('55') }, 'mario'),
      step('update', 'indicator', 'A.1:1', { target: target('55') }, { target: target('50') }, 'lucia'),
    ]);
    expect(netChanges(steps)).toEqual([{ ...steps[1], seq: 1, before: { target: target('60') }, after: { target: target('50') }, steps: [1, 2], user: 'lucia', at: steps[1]!.at, unit: 'percent' }]);
  });

  it('keeps each field of one record on its own: a weight back where it was, a target changed, in one update', () => {
    const steps = numbered([
      step('update', 'indicator', 'A.1:1', { weight: '50', target: target('60') }, { weight: '40', target: target('55') }),
      step('update', 'indicator', 'A.1:1', { weight: '40' }, { weight: '50' }),
    ]);
    const [only, ...rest] = netChanges(steps);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ action: 'update', entityId: 'A.1:1', before: { target: target('60') }, after: { target: target('55') }, steps: [1, 2] });
    expect(Object.keys(only!.after!)).toEqual(['target']);
  });

  it('lists the records in the order the revision first touched them, whatever came later', () => {
    const steps = numbered([
      step('update', 'node', 'A.2', { title: 'Vecchio' }, { title: 'Nuovo' }),
      step('update', 'indicator', 'A.1:1', { weight: '50' }, { weight: '30' }),
      step('update', 'plan', 'p', { title: 'Piano' }, { title: 'Piano 2024' }),
      step('update', 'node', 'A.2', { weight: '10' }, { weight: '20' }),
    ]);
    expect(netChanges(steps).map((c) => [c.entity, c.entityId, c.after, c.steps])).toEqual([
      ['node', 'A.2', { title: 'Nuovo', weight: '20' }, [1, 4]],
      ['indicator', 'A.1:1', { weight: '30' }, [2]],
      ['plan', 'p', { title: 'Piano 2024' }, [3]],
    ]);
    // Given in any order, read in the order they were made.
    expect(netChanges([...steps].reverse())).toEqual(netChanges(steps));
  });

  it('lists nothing for an objective or indicator added and then deleted inside the revision', () => {
    const steps = numbered([
      step('create', 'indicator', 'A.1:3', null, indicator('A.1:3')),
      step('update', 'indicator', 'A.1:3', { weight: '50' }, { weight: '20' }),
      step('delete', 'indicator', 'A.1:3', indicator('A.1:3', { weight: '20' }), null),
      step('create', 'node', 'A.9', null, objective('A.9')),
      step('create', 'indicator', 'A.9:1', null, indicator('A.9:1')),
      // The objective's deletion takes its indicator with it.
      step('delete', 'node', 'A.9', { ...objective('A.9'), indicators: [indicator('A.9:1')] }, null),
    ]);
    expect(netChanges(steps)).toEqual([]);
  });

  it('says an addition as the record stands at the end, and a deletion as the record was before the revision', () => {
    const steps = numbered([
      step('create', 'indicator', 'A.1:3', null, indicator('A.1:3')),
      step('update', 'indicator', 'A.1:3', { target: target('60') }, { target: target('70') }),
      step('update', 'node', 'A.3', { title: 'Titolo originale' }, { title: 'Titolo cambiato' }),
      step('update', 'indicator', 'A.3:1', { weight: '50' }, { weight: '10' }),
      step('create', 'indicator', 'A.3:2', null, indicator('A.3:2')),
      step('delete', 'node', 'A.3', { ...objective('A.3', { title: 'Titolo cambiato' }), indicators: [indicator('A.3:1', { weight: '10' }), indicator('A.3:2')] }, null),
    ]);
    const net = netChanges(steps);
    expect(net.map((c) => [c.action, c.entity, c.entityId, c.steps])).toEqual([
      ['create', 'indicator', 'A.1:3', [1, 2]],
      ['delete', 'node', 'A.3', [3, 6]],
    ]);
    expect(net[0]!.after).toMatchObject({ target: target('70'), weight: '50' });
    // The objective as it was, with its indicators as they were; the one added inside the revision is not among them.
    expect(net[1]!.before).toMatchObject({ title: 'Titolo originale', indicators: [indicator('A.3:1')] });
  });

  it('says a record deleted and added again as its deletion and the new addition', () => {
    const steps = numbered([
      step('delete', 'indicator', 'A.1:2', indicator('A.1:2', { removedValues: [{ indicator: 'A.1:2', period: '2024-12-31', value: { state: 'measured' } }] }), null),
      step('create', 'indicator', 'A.1:2', null, indicator('A.1:2', { name: 'Nuovo' })),
    ]);
    expect(netChanges(steps).map((c) => [c.action, c.before?.name ?? null, c.after?.name ?? null, c.steps])).toEqual([
      ['delete', 'Indicatore A.1:2', null, [1]],
      ['create', null, 'Nuovo', [2]],
    ]);
    expect(netChanges(steps)[0]!.before).toMatchObject({ removedValues: [{ period: '2024-12-31' }] });
  });

  it('takes an organisation unit’s name with its id: moved away and back is no change, even if renamed meanwhile', () => {
    const steps = numbered([
      step('update', 'node', 'A.1', { unitId: 'u1', unitName: 'Ufficio Estero' }, { unitId: 'u2', unitName: 'Ufficio Studi' }),
      step('update', 'node', 'A.1', { unitId: 'u2', unitName: 'Ufficio Studi' }, { unitId: 'u1', unitName: 'Ufficio Estero e Internazionalizzazione' }),
    ]);
    expect(netChanges(steps)).toEqual([]);
    const moved = numbered([step('update', 'node', 'A.1', { unitId: null, unitName: null }, { unitId: 'u2', unitName: 'Ufficio Studi' })]);
    expect(netChanges(moved)[0]).toMatchObject({ before: { unitId: null, unitName: null }, after: { unitId: 'u2', unitName: 'Ufficio Studi' } });
  });

  it('compares stored amounts and rules by value, not by the order of their keys', () => {
    const steps = numbered([
      step('update', 'indicator', 'A.1:1', { target: { kind: 'number', value: '60' } }, { target: { kind: 'number', value: '55' } }),
      step('update', 'indicator', 'A.1:1', { target: { kind: 'number', value: '55' } }, { target: { value: '60', kind: 'number' } }),
    ]);
    expect(netChanges(steps)).toEqual([]);
  });
});
