/**
 * The tree a save sends back (`?tree=true`) is the tree a fresh `GET …/tree` serves, the OIV's
 * validation included: right after the OIV's decision, for a period whose tree was read before it
 * (the cached entry held no decision) and for one never read (the entry loaded by the save). The
 * save's tree carried the validation of the cache only: null in both cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

describe.each<Backend>(['sqlite', 'postgres'])("a save's tree after the OIV's decision on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    oiv = await t.as('oiv');
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  const tree = (period: string) => controller.get(`/api/plans/${planId}/tree?period=${period}`);
  async function saveWithTree(period: string, version: number): Promise<any> {
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:5')}/measurements/${period}?tree=true`, { state: 'measured', actual: '1,2', version });
    expect(put.status, put.text).toBe(200);
    return put.body.tree;
  }

  it('carries the decision a fresh read gives, for a period read before it and for one never read', async () => {
    // June's tree read (and cached) before the decision; September's not at all.
    const june = (await tree('2024-06-30')).body;
    expect(june.validation).toBeNull();

    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const review = {
      note: 'Esito.',
      reservations: 'Dati da documentare.',
      checklist: current.checklist.map((p: any) => ({ ...p, outcome: 'yes' })),
      values: [{ code: 'B.1', validated: 50, note: 'Nota.' }],
      version: current.version,
    };
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, review)).status).toBe(200);
    expect((await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated_with_reservations' })).status).toBe(200);

    const savedJune = await saveWithTree('2024-06-30', indicatorOf(june, 'B.1.1:5').version);
    const freshJune = (await tree('2024-06-30')).body;
    expect(freshJune.validation).toMatchObject({ reservations: true, periodId: YEAR_END, objectives: [], summary: null, body: null });
    expect(savedJune.validation).toEqual(freshJune.validation);
    expect(savedJune).toEqual(freshJune);

    // September: the save loads the entry itself (the versions read from the API's tree first would cache it).
    const savedSeptember = await saveWithTree('2024-09-30', 0);
    const freshSeptember = (await tree('2024-09-30')).body;
    expect(freshSeptember.validation).toMatchObject({ reservations: true, periodId: YEAR_END });
    expect(savedSeptember).toEqual(freshSeptember);
  }, 120_000);
});
