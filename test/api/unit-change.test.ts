/**
 * Changing an indicator's unit over HTTP, on SQLite and PostgreSQL, while its rule keeps a floor or
 * band points: between number and percent they still mean the same, so the rule stays; to a date
 * or yes/no they would score nothing, so the change is refused at the rule, in the reader's
 * language, storing nothing, until the rule comes again with the unit. What is stored is on the
 * audit record, before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])("an indicator's new unit and its rule's floor or points on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture();
    controller = await t.as('controller');
  });
  afterAll(async () => t?.close());

  const path = (id: string) => `/api/plans/${planId}/indicators/${enc(id)}`;
  const stored = async (id: string) => indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, id);
  const trail = async (id: string) => (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(id)}`)).body as Array<{ action: string; before?: any; after?: any }>;

  it('keeps a threshold between number and percent, refuses a date until the floor comes again, and records what was stored', async () => {
    const created = await controller.request('POST', `/api/plans/${planId}/nodes/B.2.2/indicators`, {
      name: 'Pratiche evase',
      weight: 10,
      comparator: '>=',
      target: 100,
      unit: 'number',
      scoring: { kind: 'threshold', floor: 50 },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;

    // Number to percent: 50 is still a floor below 100.
    const percent = await controller.request('PATCH', path(id), { unit: 'percent', target: 100, version: 1 });
    expect(percent.status, percent.text).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'percent', rule: { kind: 'threshold', floor: 50 }, definitionVersion: 2 });

    // To a date with the floor left as it was: refused at the floor, in Italian and in English.
    const before = (await trail(id)).length;
    controller.language = 'it';
    const refused = await controller.request('PATCH', path(id), { unit: 'date', target: '2024-09-30', version: 2 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid-body');
    expect(refused.body.error.issues).toEqual([
      expect.objectContaining({
        location: { field: 'scoring.floor' },
        message:
          "scoring.floor: la regola ha valori in percentuale, che non valgono per un indicatore in date: indicare di nuovo la soglia o gli scaglioni (scoring) insieme all'unità, o un'altra regola",
      }),
    ]);
    controller.language = 'en';
    const english = await controller.request('PATCH', path(id), { unit: 'date', target: '2024-09-30', version: 2 });
    expect(english.body.error.issues[0].message).toBe(
      'scoring.floor: the rule has values in percent, which mean nothing for an indicator in dates: give the floor or the band points (scoring) again with the unit, or another rule',
    );
    // Nothing stored, nothing recorded.
    expect(await stored(id)).toMatchObject({ unit: 'percent', target: 100, rule: { kind: 'threshold', floor: 50 }, definitionVersion: 2 });
    expect((await trail(id)).length).toBe(before);

    // With a floor in dates the change is taken, and the record has both sides.
    const dated = await controller.request('PATCH', path(id), { unit: 'date', target: '2024-09-30', scoring: { kind: 'threshold', floor: '2024-06-30' }, version: 2 });
    expect(dated.status, dated.text).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'date', target: '2024-09-30', rule: { kind: 'threshold', floor: '2024-06-30' }, definitionVersion: 3 });
    const last = (await trail(id)).find((e) => e.action === 'update' && e.after?.version === 3);
    expect(last?.before).toMatchObject({ unit: 'percent', scoring: { kind: 'threshold', floor: { kind: 'number', value: '50' } } });
    expect(last?.after).toMatchObject({ unit: 'date', scoring: { kind: 'threshold', floor: { kind: 'date', value: '2024-06-30' } } });
  });

  it('refuses yes/no for band points in numbers, and takes it with another rule', async () => {
    const created = await controller.request('POST', `/api/plans/${planId}/nodes/B.2.2/indicators`, {
      name: 'Eventi organizzati',
      weight: 10,
      comparator: '>=',
      target: 20,
      unit: 'number',
      scoring: {
        kind: 'bands',
        mode: 'fixed',
        points: [
          { at: 10, score: 50 },
          { at: 20, score: 100 },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const refused = await controller.request('PATCH', path(id), { unit: 'boolean', target: true, version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].location).toEqual({ field: 'scoring.points' });
    expect((await stored(id)).unit).toBe('number');
    const onOff = await controller.request('PATCH', path(id), { unit: 'boolean', target: true, scoring: { kind: 'on_off' }, version: 1 });
    expect(onOff.status, onOff.text).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'boolean', target: true, rule: { kind: 'on_off' } });
    // A rule without amounts of its own (on/off, proportional) goes with any unit.
    expect((await controller.request('PATCH', path(id), { unit: 'number', target: 20, version: 2 })).status).toBe(200);
  });
});
