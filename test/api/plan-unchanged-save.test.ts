/**
 * Two desks publishing the same plan at the same moment, on SQLite and PostgreSQL: both are told it
 * is published, and the record holds the one change — the plan's `editVersion` moved once, one entry
 * on the audit trail (not published → published). Before, the second save wrote an entry saying
 * «published → published» and moved the version, a change that was none. A save of the plan's
 * fields as they stand writes nothing, as a value saved again does; a stale one is still refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithFixture, type Backend, type Client, type FixtureServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('a plan saved as it stands on %s', (backend) => {
  let f: FixtureServer;
  let admin: Client;
  beforeAll(async () => {
    f = await startWithFixture(backend);
    admin = await f.t.as('admin');
  });
  afterAll(async () => f?.t.close());

  const updates = async () => ((await admin.get(`/api/audit?planId=${f.planId}&limit=1000`)).body as any[]).filter((a) => a.entity === 'plan' && a.action === 'update');

  it('publishes it once when two desks publish it at once', async () => {
    const before = (await f.controller.get(`/api/plans/${f.planId}`)).body;
    expect(before.published).toBe(false);
    const replies = await Promise.all([f.controller.request('PATCH', `/api/plans/${f.planId}`, { published: true }), admin.request('PATCH', `/api/plans/${f.planId}`, { published: true })]);
    expect(replies.map((r) => [r.status, r.body.published])).toEqual([
      [200, true],
      [200, true],
    ]);
    const after = (await f.controller.get(`/api/plans/${f.planId}`)).body;
    expect(after.editVersion).toBe(before.editVersion + 1);
    expect((await updates()).map((a) => [a.before.published, a.after.published])).toEqual([[false, true]]);
  });

  it('writes nothing for a title sent as it is, and still refuses a stale one', async () => {
    const plan = (await f.controller.get(`/api/plans/${f.planId}`)).body;
    const same = await f.controller.request('PATCH', `/api/plans/${f.planId}`, { title: plan.title, published: true, editVersion: plan.editVersion });
    expect([same.status, same.body.editVersion]).toEqual([200, plan.editVersion]);
    expect(await updates()).toHaveLength(1);
    const stale = await f.controller.request('PATCH', `/api/plans/${f.planId}`, { published: true, editVersion: plan.editVersion - 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'conflict']);
  });
});
