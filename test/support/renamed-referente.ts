/**
 * The set-up of the tests on renamed accounts (test/api/renamed-names.test.ts, campaign-names.test.ts):
 * the fixture's plan on a fresh server, the demo referente renamed «Giulia Bianchi» by the administrator
 * and made the person of objective B.1.1, whose indicators it then enters values for.
 */
import { expect } from 'vitest';
import { startWithFixture, type Backend, type Client, type TestServer } from '../api/harness.js';

export interface RenamedReferente {
  readonly t: TestServer;
  readonly planId: string;
  readonly controller: Client;
  readonly referente: Client;
  /** The demo accounts by login: `referente`, `personale`, … */
  readonly users: readonly { id: string; username: string }[];
  readonly referenteId: string;
  /** Renames the account `id` to `displayName` as the administrator does (PATCH /api/users/:id). */
  rename(id: string, displayName: string): Promise<void>;
}

export async function startWithRenamedReferente(backend: Backend): Promise<RenamedReferente> {
  const { t, planId, controller } = await startWithFixture(backend);
  try {
    const [referente, admin] = await Promise.all([t.as('referente'), t.as('admin')]);
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    const referenteId = users.find((u) => u.username === 'referente')!.id;
    const rename = async (id: string, displayName: string): Promise<void> => {
      const renamed = await admin.request('PATCH', `/api/users/${id}`, { displayName });
      expect(renamed.status, renamed.text).toBe(200);
    };
    await rename(referenteId, 'Giulia Bianchi');
    const assigned = await controller.request('PATCH', `/api/plans/${planId}/nodes/B.1.1`, { personId: referenteId });
    expect(assigned.status, assigned.text).toBe(200);
    return { t, planId, controller, referente, users, referenteId, rename };
  } catch (error) {
    // The suite's afterAll never sees this server: close it here.
    await t.close();
    throw error;
  }
}
