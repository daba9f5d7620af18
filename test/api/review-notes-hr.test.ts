/**
 * A request for more (richiesta di integrazione) is the value's discussion: the audit trail keeps
 * its note from HR (`personale`) as it keeps comments and evidence files, and so do the review
 * thread (403, said in the reader's language, nothing written) and the worklist (the state, not the note).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt, enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';
const MINE = 'B.1.1:5';
const NOTE = 'Manca la fonte: allegare il verbale';

describe.each<Backend>(['sqlite', 'postgres'])("a request's note kept from HR, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let hr: Client;
  const url = (): string => `/api/plans/${planId}/indicators/${enc(MINE)}/measurements/${PERIOD}`;
  const row = async (who: Client) => (await who.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body.items.find((i: { indicatorId: string }) => i.indicatorId === MINE);

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    await adopt(planId, controller);
    hr = await t.as('personale');
    const referente = await t.as('referente');
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    const saved = await referente.request('PUT', url(), { state: 'measured', actual: 0.5, version: 0 });
    expect(saved.status, saved.text).toBe(200);
    const returned = await controller.request('POST', `${url()}/reviews`, { action: 'return', note: NOTE, version: 1 });
    expect(returned.status, returned.text).toBe(201);
  });
  afterAll(async () => t?.close());

  it('refuses HR the review thread, in its language, as the trail does', async () => {
    expect((await controller.get(`${url()}/reviews`)).body.steps.map((s: { note: string | null }) => s.note)).toEqual([NOTE]);
    const trail = async () => (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body.length;
    const before = await trail();
    const refused = await hr.request('GET', `${url()}/reviews`, undefined, { 'accept-language': 'it' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/json/);
    expect(refused.body.error.code).toBe('forbidden');
    expect(refused.body.error.message).toMatch(/personale/i);
    expect(refused.text).not.toContain(NOTE);
    expect((await hr.get(`${url()}/reviews`)).body.error.message).not.toBe(refused.body.error.message);
    expect(await trail()).toBe(before);
    // The trail agrees: no review entry, nor its note, for HR.
    expect((await hr.get(`/api/audit?planId=${planId}&limit=1000`)).text).not.toContain(NOTE);
  });

  it('shows HR the state of the value in the worklist, not the note of the request', async () => {
    const seen = await row(controller);
    expect(seen).toMatchObject({ state: 'returned', review: { action: 'return', note: NOTE } });
    const hrs = await row(hr);
    expect(hrs).toMatchObject({ state: 'returned', review: { action: 'return', note: null } });
    expect(JSON.stringify(hrs)).not.toContain(NOTE);
  });
});
