/**
 * A period is not closed blind, on SQLite and on PostgreSQL: with values entered and not reviewed
 * (never reviewed, or changed after their approval) the API refuses the closing with
 * `unreviewed-values` — the count in the reader's words, the first of them in the details, the very
 * values the closing checklist lists as to review — and nothing changes; with `acknowledgeUnreviewed`
 * it closes, and the trail's entry of the move says who closed with how many unreviewed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

describe.each<Backend>(['sqlite', 'postgres'])('closing a period with values unreviewed on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  });
  afterAll(async () => t?.close());

  const path = () => `/api/plans/${planId}/periods/${YEAR_END}`;
  const state = async () => ((await controller.get(`/api/plans/${planId}/periods`)).body as { id: string; state: string; version: number }[]).find((p) => p.id === YEAR_END)!;

  it('refuses the closing while values wait for review, in both languages, listing them as the checklist does, and changes nothing', async () => {
    expect((await controller.request('POST', `${path()}/transition`, { to: 'collecting' })).status).toBe(200);
    // One value approved as it stands, one approved and then changed: the first is reviewed, the second is not.
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    const measured = tree.objectives.flatMap((o: any) => o.indicators).filter((i: any) => i.version > 0);
    const [approved, changed] = measured as any[];
    for (const i of [approved, changed])
      expect((await controller.request('POST', `/api/plans/${planId}/indicators/${i.id}/measurements/${YEAR_END}/reviews`, { action: 'approve', version: i.version })).status).toBe(201);
    const rewritten = await controller.request('PUT', `/api/plans/${planId}/indicators/${changed.id}/measurements/${YEAR_END}`, { state: 'not_measured', actual: null, version: changed.version });
    expect(rewritten.status, rewritten.text).toBe(200);

    const preview = (await controller.get(`${path()}/closing-preview`)).body;
    const toReview = preview.toReview.map((i: any) => i.indicatorId);
    expect(toReview).toContain(changed.id);
    expect(toReview).not.toContain(approved.id);
    expect(toReview.length).toBeGreaterThan(50);
    const before = await state();
    const trail = (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body;

    const refused = await controller.request('POST', `${path()}/transition`, { to: 'closed' }, { 'accept-language': 'it' });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'unreviewed-values', params: { label: '31/12/2024', count: toReview.length }, details: { unreviewed: toReview.length } });
    expect(refused.body.error.message).toContain(`il periodo 31/12/2024 ha ${toReview.length} valori inseriti e non ancora rivisti`);
    expect(refused.body.error.message).toContain('«Chiudi il periodo»');
    // The first 50, in the checklist's order; the one changed after its approval says so.
    const listed = refused.body.error.details.values as any[];
    expect(listed.map((v) => v.indicatorId)).toEqual(toReview.slice(0, 50));
    expect(listed.every((v) => v.approvalSuperseded === (v.indicatorId === changed.id))).toBe(true);
    const english = await controller.request('POST', `${path()}/transition`, { to: 'closed', acknowledgeUnreviewed: false }, { 'accept-language': 'en' });
    expect(english.status).toBe(409);
    expect(english.body.error.message).toContain(`the period 31/12/2024 has ${toReview.length} values entered and not yet reviewed`);
    expect(english.body.error.message).toContain('“Close the period”');

    expect(await state()).toEqual(before);
    expect((await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body).toEqual(trail);
    expect((await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body.closing).toBeNull();
  });

  it('closes when told it knowingly closes with them, and the trail says who and how many', async () => {
    const count = (await controller.get(`${path()}/closing-preview`)).body.toReview.length;
    const closed = await controller.request('POST', `${path()}/transition`, { to: 'closed', acknowledgeUnreviewed: true });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.state).toBe('closed');
    const entry = ((await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body as any[]).find((a) => a.entity === 'period' && a.after?.state === 'closed');
    expect(entry).toMatchObject({ user: 'controller', action: 'transition', entityId: YEAR_END, before: { state: 'collecting' }, after: { state: 'closed', unreviewed: count } });
  });
});
