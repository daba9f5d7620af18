/**
 * A save answers with what it changed (the saved indicator's objective and its ancestors, the
 * summary, the data version) instead of the whole tree; the web app applies it in place with
 * `applyChanges`. Checked against the tree read afterwards, field for field, on SQLite and
 * PostgreSQL, for the controller and for a referente (whose answer says what they may edit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaveAnswerSchema } from '../../src/contract/index.js';
import { applyChanges } from '../../web/src/tree/tree-changes.js';
import { enc, indicatorOf, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-12-31';

describe.each<Backend>(['sqlite', 'postgres'])('a save answers with the changes on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture();
  });
  afterAll(async () => t?.close());

  async function save(client: Client, id: string, body: Record<string, unknown>, query = ''): Promise<any> {
    const before = (await client.get(`/api/plans/${planId}/tree`)).body;
    const put = await client.request('PUT', `/api/plans/${planId}/indicators/${enc(id)}/measurements/${PERIOD}${query}`, { ...body, version: indicatorOf(before, id).version });
    expect(put.status).toBe(200);
    const after = (await client.get(`/api/plans/${planId}/tree`)).body;
    return { before, put: put.body, after };
  }

  it('sends the path to the root, and applying it gives the tree read afterwards', async () => {
    const controller = await t.as('controller');
    const { before, put, after } = await save(controller, 'B.1.1:5', { state: 'measured', actual: '1,2' });
    expect(put.tree).toBeUndefined();
    // The answer is the contract's (src/contract/tree.ts), field for field.
    expect(SaveAnswerSchema.safeParse(put).error?.issues ?? []).toEqual([]);
    expect(put.changes.objectives.map((o: any) => o.code)).toEqual(['B.1.1', 'B.1', 'B']);
    expect(put.changes).toMatchObject({ planId, periodId: PERIOD, dataVersion: after.dataVersion });
    expect(put.changes.dataVersion).toBe(before.dataVersion + 1);
    const applied = applyChanges(before, put.changes);
    expect(applied).toEqual(after);
    // The numbers moved: B.1.1 reached 100, so B.1 is 70 (70% × 100 + 30% × 0).
    expect(applied!.objectives.find((o) => o.code === 'B.1')!.performance).toBe(70);
    // Objectives off the path are the same objects: the rows that show them are not redrawn.
    const untouched = before.objectives.findIndex((o: any) => o.code === 'A.2');
    expect(applied!.objectives[untouched]).toBe(before.objectives[untouched]);
  });

  it('does the same for a state without a value and for a referente, with their editability', async () => {
    const controller = await t.as('controller');
    const na = await save(controller, 'A.2.1:1', { state: 'not_evaluable', reason: 'dati non disponibili' });
    expect(applyChanges(na.before, na.put.changes)).toEqual(na.after);
    const referente = await t.as('referente');
    const mine = await save(referente, 'B.1.1:5', { state: 'measured', actual: '0,4' });
    expect(applyChanges(mine.before, mine.put.changes)).toEqual(mine.after);
    expect(mine.put.changes.objectives[0].indicators.find((i: any) => i.id === 'B.1.1:5').editable).toBe(true);
    expect(mine.put.changes.objectives[1].indicators.every((i: any) => i.editable === false)).toBe(true);
  });

  it('is refused by a tree that is not the version before, which reads the tree again', async () => {
    const controller = await t.as('controller');
    const stale = (await controller.get(`/api/plans/${planId}/tree`)).body;
    await save(controller, 'B.1.1:5', { state: 'measured', actual: 1 });
    const { put } = await save(controller, 'B.1.1:5', { state: 'measured', actual: 2 });
    expect(applyChanges(stale, put.changes)).toBeNull();
    const other = (await controller.get(`/api/plans/${planId}/tree?period=2024-06-30`)).body;
    expect(applyChanges({ ...other, dataVersion: put.changes.dataVersion - 1 }, put.changes)).toBeNull();
  });

  it('is documented in OpenAPI: the answer with its changes, the whole tree on request', async () => {
    const doc = (await (await t.as('public')).get('/api/openapi.json')).body;
    const put = doc.paths['/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}'].put;
    expect(put.responses['200'].description).toContain('changes');
    expect(JSON.stringify(put.parameters)).toContain('tree');
  });

  it('still answers with the whole tree for a client that asks (?tree=true)', async () => {
    const controller = await t.as('controller');
    const { put, after } = await save(controller, 'B.1.1:5', { state: 'not_measured' }, '?tree=true');
    expect(put.tree).toEqual(after);
    expect(SaveAnswerSchema.safeParse(put).error?.issues ?? []).toEqual([]);
    expect(put.changes.dataVersion).toBe(after.dataVersion);
  });
});
