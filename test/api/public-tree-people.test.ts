/**
 * The public reads who answers for an objective as the published documents say it (the owner, the
 * Relazione's «responsabile», and the unit), never the account the office named on it: the exports
 * give the people to signed-in readers only, and so does the tree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/store/index.js';
import { REFERENTE_UNIT, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERSON = 'Rita Referente';

describe.each<Backend>(['sqlite', 'postgres'])("the people named on a published plan's tree, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let indicatorId: string;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    const admin = await t.as('admin');
    const referente = ((await admin.get('/api/users')).body as Array<{ id: string; username: string }>).find((u) => u.username === 'referente')!;
    expect((await admin.request('PATCH', `/api/users/${referente.id}`, { displayName: PERSON })).status).toBe(200);
    const named = await controller.request('PATCH', `/api/plans/${planId}/nodes/A`, { personId: referente.id, owner: 'Dirigente Area A' });
    expect(named.status, named.text).toBe(200);
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const indicator = tree.objectives.find((o: { code: string }) => o.code === 'A.1').indicators[0];
    indicatorId = indicator.id;
    const saved = await controller.request('PATCH', `/api/plans/${planId}/indicators/${encodeURIComponent(indicatorId)}`, { personId: referente.id, version: indicator.definitionVersion });
    expect(saved.status, saved.text).toBe(200);
    await t.server.store.relazioni.publishPeriod(planId, '2024-12-31', true, SYSTEM);
  });
  afterAll(async () => t?.close());

  const objective = (tree: any, code: string) => tree.objectives.find((o: { code: string }) => o.code === code);
  const indicator = (tree: any) => tree.objectives.flatMap((o: { indicators: unknown[] }) => o.indicators).find((i: { id: string }) => i.id === indicatorId);

  it('names the person to the office', async () => {
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(objective(tree, 'A')).toMatchObject({ owner: 'Dirigente Area A', person: PERSON });
    expect(objective(tree, 'A').personId).not.toBeNull();
    expect(indicator(tree)).toMatchObject({ person: PERSON });
  });

  it('gives the public the owner and the unit, not the account', async () => {
    const pub = await t.as('public');
    for (const path of [`/api/plans/${planId}/tree`, `/api/plans/${planId}/tree?under=A`]) {
      const read = await pub.get(path);
      expect(read.status, read.text).toBe(200);
      expect(objective(read.body, 'A')).toMatchObject({ owner: 'Dirigente Area A', person: null, personId: null });
      expect(indicator(read.body)).toMatchObject({ person: null, personId: null });
      expect(read.text).not.toContain(PERSON);
    }
    // The unit the fixture's B.1.1 belongs to stays public, as the Relazione's table says it.
    expect(objective((await pub.get(`/api/plans/${planId}/tree`)).body, 'B.1.1').unit).toBe(REFERENTE_UNIT);
  });
});
