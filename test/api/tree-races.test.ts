/**
 * Two offices changing the same objective's tree at once, on SQLite and PostgreSQL, inside one
 * revision of the adopted plan: the answers are the same on both backends, and the register and the
 * audit trail say what happened once.
 * - The same objective deleted by several requests at once: one deletes it (200), the others find
 *   it gone (404); on PostgreSQL every one of them used to answer 200 and record its own deletion,
 *   so the register and the trail listed the objective deleted three times.
 * - Indicators added to one objective at once each get their own id (A.1.1:3, A.1.1:4, …), as
 *   one after the other; on PostgreSQL all but one used to be refused with 409 `conflict` (they
 *   had computed the same next id).
 * - An objective reassigned from several desks at once: the register and the trail chain each
 *   owner to the next (none → X, X → Y, …); on PostgreSQL each said it from the owner all had read
 *   (none → X, none → Y, …), so the record no longer said who owned the objective before each change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const ACT = { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' };
const AT_ONCE = 4;

describe.each<Backend>(['sqlite', 'postgres'])('the tree changed by several requests at once on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let others: Client[];
  const plan = () => `/api/plans/${enc(planId)}`;
  /** Each request from its own session, as from different desks. */
  const atOnce = <T>(ask: (client: Client, k: number) => Promise<T>): Promise<T[]> => Promise.all([controller, ...others].map((client, k) => ask(client, k)));

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    others = await Promise.all(Array.from({ length: AT_ONCE - 1 }, (_, k) => t.as(k % 2 === 0 ? 'admin' : 'controller')));
    expect((await controller.request('POST', `${plan()}/adopt`, { act: ACT })).status).toBe(200);
    const opened = await controller.request('POST', `${plan()}/revisions`, { reason: 'Rimodulazione di luglio', date: '2024-07-10' });
    expect(opened.status, opened.text).toBe(201);
  }, 120_000);
  afterAll(async () => t?.close());

  it('deletes an objective once, however many ask at once, and records it once', async () => {
    // Objectives without children, each with indicators and values of the open year-end period.
    for (const code of ['A.8', 'A.3', 'A.5.1']) {
      const answers = await atOnce((client) => client.request('DELETE', `${plan()}/nodes/${enc(code)}?removeValues=true`));
      expect(answers.map((a) => a.status).sort(), code).toEqual([200, ...Array<number>(AT_ONCE - 1).fill(404)]);
      for (const refused of answers.filter((a) => a.status === 404)) expect(refused.body.error).toMatchObject({ code: 'not-found', params: { what: 'objective', id: code } });
      const trail = (await controller.get(`/api/audit?planId=${enc(planId)}&node=${enc(code)}&limit=1000`)).body as Array<{ action: string; entity: string }>;
      expect(
        trail.filter((e) => e.action === 'delete' && e.entity === 'node'),
        code,
      ).toHaveLength(1);
    }
    const [revision] = (await controller.get(`${plan()}/revisions`)).body;
    const deletions = revision.changes.filter((c: any) => c.action === 'delete' && c.entity === 'node').map((c: any) => c.node);
    expect(deletions).toEqual(['A.8', 'A.3', 'A.5.1']);
  });

  it('gives each indicator added to one objective at once its own id', async () => {
    const answers = await atOnce((client, k) =>
      client.request('POST', `${plan()}/nodes/A.1.1/indicators`, { name: `Nuovo indicatore ${k + 1}`, weight: 10, comparator: '>=', target: 5, unit: 'number' }),
    );
    expect(
      answers.map((a) => a.status),
      answers.map((a) => a.text).join('\n'),
    ).toEqual(Array<number>(AT_ONCE).fill(201));
    const ids = answers.map((a) => a.body.id as string).sort();
    expect(ids).toEqual(['A.1.1:3', 'A.1.1:4', 'A.1.1:5', 'A.1.1:6']);
    // Each under the name its request gave it, once on the register.
    const tree = (await controller.get(`${plan()}/tree`)).body;
    const a111 = tree.objectives.find((o: any) => o.code === 'A.1.1');
    expect(
      a111.indicators
        .map((i: any) => i.name)
        .slice(2)
        .sort(),
    ).toEqual(['Nuovo indicatore 1', 'Nuovo indicatore 2', 'Nuovo indicatore 3', 'Nuovo indicatore 4']);
    const [revision] = (await controller.get(`${plan()}/revisions`)).body;
    expect(
      revision.changes
        .filter((c: any) => c.action === 'create' && c.entity === 'indicator')
        .map((c: any) => c.indicator)
        .sort(),
    ).toEqual(ids);
  });

  it('chains the owners of an objective reassigned from several desks at once on the trail, the register saying the net change', async () => {
    const admin = await t.as('admin');
    // As many units as desks: each reassignment changes the owner, whichever comes first.
    const units = await Promise.all(['R1', 'R2', 'R3', 'R4'].map(async (code) => (await admin.request('POST', '/api/units', { code, name: `Ufficio ${code}`, kind: 'ufficio' })).body.id as string));
    const answers = await atOnce((client, k) => client.request('POST', `${plan()}/reassign`, { nodes: ['A.2.1'], unitId: units[k] }));
    expect(answers.map((a) => a.status)).toEqual(Array<number>(AT_ONCE).fill(200));
    // Oldest first: each change starts from the owner the one before left.
    const trail = ((await controller.get(`/api/audit?planId=${enc(planId)}&node=A.2.1&limit=1000`)).body as any[]).filter((e) => e.entity === 'node' && e.entityId === 'A.2.1').reverse();
    expect(trail).toHaveLength(AT_ONCE);
    expect(trail[0].before.unitId).toBeNull();
    for (let k = 1; k < trail.length; k++) expect(trail[k].before.unitId, `change ${k + 1}`).toBe(trail[k - 1].after.unitId);
    const [revision] = (await controller.get(`${plan()}/revisions`)).body;
    // The register says the revision's net change (core/revision-net.ts): from no owner to the last one, the chain on the trail above.
    const changes = revision.changes.filter((c: any) => c.entity === 'node' && c.node === 'A.2.1');
    expect(changes).toHaveLength(1);
    expect(changes[0].before).toEqual({ unitId: null, unitName: null });
    expect(changes[0].after.unitId).toBe(trail[AT_ONCE - 1].after.unitId);
    // The objective's owner is the last change's.
    const tree = (await controller.get(`${plan()}/tree`)).body;
    expect(tree.objectives.find((o: any) => o.code === 'A.2.1').unitId).toBe(trail[AT_ONCE - 1].after.unitId);
  });
});
