/**
 * A period is not closed blind, on SQLite and on PostgreSQL: with values entered and not reviewed
 * (never reviewed, or changed after their approval) the API refuses the closing with
 * `unreviewed-values` — the count in the reader's words, the first of them in the details, the very
 * values the closing checklist lists as to review — and nothing changes. `acknowledgeUnreviewed: N`
 * acknowledges the N values the closer saw listed: more found at the closing (one entered since) are
 * refused with the new count, said as values arrived since; `true` acknowledges whatever is there.
 * Either way the trail's entry of the move says who closed with how many unreviewed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt, enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

describe.each<Backend>(['sqlite', 'postgres'])('closing a period with values unreviewed on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  /** A ratio whose numerator is named `children_mean`: a name the formula allows, entered like any base measure. */
  let namedLikeMean: string;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    const added = await controller.request('POST', `/api/plans/${planId}/nodes/A.2/indicators`, {
      name: 'Pratiche medie evase',
      weight: 10,
      comparator: '>=',
      target: 80,
      unit: 'percent',
      formula: { kind: 'ratio', numerator: 'children_mean', denominator: 'totali' },
    });
    expect(added.status, added.text).toBe(201);
    namedLikeMean = added.body.id;
    const entered = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(namedLikeMean)}/measurements/${YEAR_END}?tree=false`, {
      state: 'measured',
      inputs: { children_mean: 45, totali: 50 },
      version: 0,
    });
    expect(entered.status, entered.text).toBe(200);
    // In force, so its values are work to collect: a draft's worklist has none to compare with.
    expect((await adopt(planId, controller)).status).toBe(200);
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
    // The review list's pages, read by the store, hold the same values waiting for review, in the same order.
    const worklist = (await controller.get(`/api/plans/${planId}/worklist?period=${YEAR_END}&state=entered&limit=500`)).body;
    expect(worklist.counts.entered).toBe(toReview.length);
    expect(worklist.items.map((i: any) => i.indicatorId)).toEqual(toReview);
    // Whose formula is a ratio, whatever its base measures are called: entered, so waiting for review
    // in all three (a test of the formula's text for «children_mean» left it out of all three).
    expect(toReview).toContain(namedLikeMean);
    const english = await controller.request('POST', `${path()}/transition`, { to: 'closed', acknowledgeUnreviewed: false }, { 'accept-language': 'en' });
    expect(english.status).toBe(409);
    expect(english.body.error.message).toContain(`the period 31/12/2024 has ${toReview.length} values entered and not yet reviewed`);
    expect(english.body.error.message).toContain('“Close the period”');

    expect(await state()).toEqual(before);
    expect((await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body).toEqual(trail);
    expect((await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body.closing).toBeNull();
  });

  it('refuses a closing acknowledging fewer than it finds (values come in since the list was read) with the new count, and closes with the count it lists', async () => {
    const preview = (await controller.get(`${path()}/closing-preview`)).body;
    const seen = preview.toReview.length;
    // A value entered after the dialog's list was read: one more to review than the closer saw.
    const late = preview.missing[0];
    const entered = await controller.request('PUT', `/api/plans/${planId}/indicators/${late.indicatorId}/measurements/${YEAR_END}`, { state: 'not_measured', actual: null, version: 0 });
    expect(entered.status, entered.text).toBe(200);
    const before = await state();
    const trail = (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body;

    const refused = await controller.request('POST', `${path()}/transition`, { to: 'closed', acknowledgeUnreviewed: seen }, { 'accept-language': 'it' });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'unreviewed-values', params: { label: '31/12/2024', count: seen + 1, seen }, details: { unreviewed: seen + 1 } });
    expect(refused.body.error.message).toBe(
      `il periodo 31/12/2024 ha ora ${seen + 1} valori inseriti e non ancora rivisti (la lista letta ne mostrava ${seen}): altri valori sono arrivati da quando la lista è stata letta. Il periodo non è stato chiuso: guarda la lista aggiornata di «Chiudi il periodo» e conferma di nuovo`,
    );
    // The list as it is now, the value come since in it, in the checklist's order.
    const now = (await controller.get(`${path()}/closing-preview`)).body.toReview.map((i: any) => i.indicatorId);
    expect(now).toContain(late.indicatorId);
    expect(now).toHaveLength(seen + 1);
    expect(refused.body.error.details.values.map((v: any) => v.indicatorId)).toEqual(now.slice(0, 50));
    const english = await controller.request('POST', `${path()}/transition`, { to: 'closed', acknowledgeUnreviewed: seen }, { 'accept-language': 'en' });
    expect(english.status).toBe(409);
    expect(english.body.error.message).toBe(
      `the period 31/12/2024 now has ${seen + 1} values entered and not yet reviewed (the list read showed ${seen}): more values arrived since the list was read. The period was not closed: look at the updated list of “Close the period” and confirm again`,
    );
    expect(await state()).toEqual(before);
    expect((await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body).toEqual(trail);

    // Not a count: refused as the body's mistake, at its field.
    for (const bad of [-1, 1.5, '3']) expect((await controller.request('POST', `${path()}/transition`, { to: 'closed', acknowledgeUnreviewed: bad })).status).toBe(400);

    // Acknowledging the count the list now shows closes; the trail keeps the true count.
    const closed = await controller.request('POST', `${path()}/transition`, { to: 'closed', acknowledgeUnreviewed: seen + 1 });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.state).toBe('closed');
    const entry = ((await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body as any[]).find((a) => a.entity === 'period' && a.after?.state === 'closed');
    expect(entry).toMatchObject({ user: 'controller', action: 'transition', entityId: YEAR_END, before: { state: 'collecting' }, after: { state: 'closed', unreviewed: seen + 1 } });
  });

  it('closes with `true` whatever is there (scripts), and the trail says who and how many', async () => {
    expect((await controller.request('POST', `${path()}/transition`, { to: 'collecting', reason: 'un valore da correggere' })).status).toBe(200);
    const preview = (await controller.get(`${path()}/closing-preview`)).body;
    // The value approved at the start, changed after the list was read: its approval superseded, one more to review.
    const toReview = new Set(preview.toReview.map((i: any) => i.indicatorId));
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    const approved = tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.version > 0 && i.editable && !toReview.has(i.id));
    const changed = await controller.request('PUT', `/api/plans/${planId}/indicators/${approved.id}/measurements/${YEAR_END}`, { state: 'not_measured', actual: null, version: approved.version });
    expect(changed.status, changed.text).toBe(200);
    const count = (await controller.get(`${path()}/closing-preview`)).body.toReview.length;
    expect(count).toBe(preview.toReview.length + 1);
    const closed = await controller.request('POST', `${path()}/transition`, { to: 'closed', acknowledgeUnreviewed: true });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.state).toBe('closed');
    const entry = ((await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body as any[]).find((a) => a.entity === 'period' && a.after?.state === 'closed');
    expect(entry).toMatchObject({ user: 'controller', action: 'transition', entityId: YEAR_END, before: { state: 'collecting' }, after: { state: 'closed', unreviewed: count } });
  });
});
