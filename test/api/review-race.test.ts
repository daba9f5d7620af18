/**
 * Two reviewers deciding on the same value at the same moment, on SQLite and PostgreSQL: the
 * controller approves it while the administrator sends it back, each from the worklist that listed
 * it «compilato» (`state: 'entered'`). Exactly one decision is stored; the other is 409 `conflict`
 * naming who reviewed it meanwhile, when, and the state it is in now, in its reader's language, with
 * nothing stored — before, both were stored and the value stood «da integrare» though its approver
 * had been told it was approved. The trail and the thread hold the one decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt, enc, startWithFixture, type Backend, type Client, type FixtureServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('two reviews of one value at once on %s', (backend) => {
  let f: FixtureServer;
  let admin: Client;
  const period = '2024-06-30';
  beforeAll(async () => {
    f = await startWithFixture(backend);
    admin = await f.t.as('admin');
    // Adopted: a draft's worklist lists nothing to collect or review.
    await adopt(f.planId, f.controller);
    expect((await f.controller.request('POST', `/api/plans/${f.planId}/periods/${period}/transition`, { to: 'collecting' })).status).toBe(200);
  });
  afterAll(async () => f?.t.close());

  /** The value of `indicator` entered by the referente, as the worklist lists it (its version and state). */
  async function entered(indicator: string, actual: number): Promise<{ version: number; state: string }> {
    const referente = await f.t.as('referente');
    const saved = await referente.request('PUT', `/api/plans/${f.planId}/indicators/${enc(indicator)}/measurements/${period}?tree=false`, { state: 'measured', actual, version: 0 });
    expect(saved.status, saved.text).toBe(200);
    const listed = (await f.controller.get(`/api/plans/${f.planId}/worklist?period=${period}`)).body.items.find((i: any) => i.indicatorId === indicator);
    expect(listed).toMatchObject({ state: 'entered', version: 1 });
    return { version: listed.version, state: listed.state };
  }

  const reviews = (indicator: string) => `/api/plans/${f.planId}/indicators/${enc(indicator)}/measurements/${period}/reviews`;

  it('stores one of an approval and a request made at once; the other is told who reviewed it, when, and the state now', async () => {
    const indicator = 'B.1.1:1';
    const seen = await entered(indicator, 41);
    const replies = await Promise.all([
      f.controller.request('POST', reviews(indicator), { action: 'approve', ...seen }, { 'accept-language': 'it' }),
      admin.request('POST', reviews(indicator), { action: 'return', note: 'Manca la fonte.', ...seen }, { 'accept-language': 'en' }),
    ]);
    expect(replies.map((r) => r.status).sort(), replies.map((r) => r.text).join('\n')).toEqual([201, 409]);
    const approved = replies[0]!.status === 201;
    const winner = approved ? replies[0]! : replies[1]!;
    const refused = approved ? replies[1]! : replies[0]!;
    expect(refused.body.error).toMatchObject({
      code: 'conflict',
      params: { what: 'review', state: approved ? 'approved' : 'returned', by: approved ? 'controller' : 'admin' },
      details: { current: { version: 1, state: approved ? 'approved' : 'returned', updatedBy: approved ? 'controller' : 'admin', updatedAt: winner.body.at } },
    });
    expect(refused.body.error.message).toBe(
      approved
        ? 'the review of this value was changed by controller in the meantime: it is now “approved”; nothing was saved, reload and review it again'
        : 'la revisione di questo valore è stata cambiata da admin nel frattempo: ora è «da integrare»; non è stato salvato nulla, ricaricare e rivederlo',
    );
    // The one decision, in the thread, the worklist and the trail.
    const thread = (await f.controller.get(reviews(indicator))).body;
    expect(thread.state).toBe(approved ? 'approved' : 'returned');
    expect(thread.steps.map((s: any) => s.action)).toEqual([approved ? 'approve' : 'return']);
    const trail = (await admin.get(`/api/audit?planId=${f.planId}&indicator=${enc(indicator)}&limit=1000`)).body as any[];
    expect(trail.filter((a) => a.entity === 'review').map((a) => a.action)).toEqual([approved ? 'approve' : 'return']);
  });

  it('lets the second of two approvals at once hear that it is approved by the first, not store it twice', async () => {
    const indicator = 'B.1.1:2';
    const seen = await entered(indicator, 42);
    const replies = await Promise.all([f.controller.request('POST', reviews(indicator), { action: 'approve', ...seen }), admin.request('POST', reviews(indicator), { action: 'approve', ...seen })]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(replies.find((r) => r.status === 409)!.body.error.params).toMatchObject({ what: 'review', state: 'approved' });
    expect((await f.controller.get(reviews(indicator))).body.steps).toHaveLength(1);
  });

  it('reviews as before a value whose state the request does not name', async () => {
    const indicator = 'B.1.1:3';
    const { version } = await entered(indicator, 43);
    expect((await f.controller.request('POST', reviews(indicator), { action: 'approve', version })).status).toBe(201);
    expect((await admin.request('POST', reviews(indicator), { action: 'return', note: 'Da verificare.', version })).status).toBe(201);
  });
});
