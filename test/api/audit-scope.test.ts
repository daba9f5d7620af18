/**
 * The audit trail says no more than the reader may read (issue 14, defect 10): `/api/audit` was
 * readable by every signed-in role with account entries (every user's role, units, active flag)
 * included, while `/api/users` is the administrator's only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

describe('the audit trail, scoped to the reader', () => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    planId = await t.importFixture();
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users')).body as any[];
    const oiv = users.find((u) => u.username === 'oiv');
    const changed = await admin.request('PATCH', `/api/users/${oiv.id}`, { displayName: 'Anna Bianchi' });
    expect(changed.status, changed.text).toBe(200);
  });
  afterAll(async () => t?.close());

  it('shows account entries to the administrator only', async () => {
    const admin = await t.as('admin');
    const all = (await admin.get('/api/audit?limit=1000')).body as any[];
    expect(all.some((e) => e.entity === 'user' && e.after?.displayName === 'Anna Bianchi')).toBe(true);
    for (const role of ['controller', 'referente', 'oiv'] as const) {
      const reader = await t.as(role);
      const seen = await reader.get('/api/audit?limit=1000');
      expect(seen.status, role).toBe(200);
      expect(seen.body.length, role).toBeGreaterThan(0);
      expect(
        seen.body.filter((e: any) => e.entity === 'user' || e.planId === null),
        role,
      ).toEqual([]);
      expect(
        seen.body.every((e: any) => e.planId === planId),
        role,
      ).toBe(true);
    }
  });

  it('shows the entries of a plan its readers may read, and none to the public', async () => {
    const oiv = await t.as('oiv');
    const plan = await oiv.get(`/api/audit?planId=${planId}`);
    expect(plan.status).toBe(200);
    expect(plan.body.some((e: any) => e.action === 'import')).toBe(true);
    expect((await oiv.get('/api/audit?planId=no-such-plan')).status).toBe(404);
    expect((await (await t.as('public')).get(`/api/audit?planId=${planId}`)).status).toBe(401);
  });
});
