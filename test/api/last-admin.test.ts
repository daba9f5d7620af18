/**
 * The installation keeps an active administrator: the last one demoted or deactivated is refused
 * at its field, in the reader's language, nothing changed (the email sent with it neither). Before,
 * the demo's only administrator made itself a controller with one PATCH, and nobody could manage
 * the accounts or reopen a validated period any more. Two administrators demoting each other at
 * once: one of them stays. Through HTTP on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth.js';
import { SYSTEM } from '../../src/store/index.js';
import { Client, PASSWORD, startTestServer, type Backend, type TestServer } from './harness.js';

const SAID = {
  it: "è l'ultimo amministratore attivo: senza, nessuno potrebbe gestire gli account né riaprire un periodo validato; nominare prima amministratore un altro account",
  en: 'this is the last active administrator: without one nobody could manage the accounts or reopen a validated period; make another account an administrator first',
};

describe.each<Backend>(['sqlite', 'postgres'])('the last administrator on %s', (backend) => {
  let t: TestServer;
  let admin: Client;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    admin = await t.as('admin');
    adminId = (await t.server.store.listUsers()).find((u) => u.username === 'admin')!.id;
  });
  afterAll(async () => t?.close());

  const activeAdmins = async () =>
    (await t.server.store.listUsers())
      .filter((u) => u.role === 'admin' && u.active)
      .map((u) => u.username)
      .sort();

  it('refuses demoting or deactivating the only administrator, at its field, in both languages, nothing changed', async () => {
    for (const [body, field, language] of [
      [{ role: 'controller', email: 'giulia@ente.example' }, 'role', 'it'],
      [{ active: false }, 'active', 'en'],
      [{ role: 'oiv', active: false }, 'role', 'en'],
    ] as const) {
      const refused = await admin.request('PATCH', `/api/users/${adminId}`, body, { 'accept-language': language });
      expect(refused.status, refused.text).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'invalid', message: SAID[language], params: { field, reason: 'last-admin' }, details: { field } });
    }
    expect(await activeAdmins()).toEqual(['admin']);
    const me = (await admin.get('/api/users')).body.find((u: { id: string }) => u.id === adminId);
    expect(me).toMatchObject({ role: 'admin', active: true, email: null });
    // Its other changes go through.
    expect((await admin.request('PATCH', `/api/users/${adminId}`, { displayName: 'Giulia Ferri' })).status).toBe(200);
  });

  it('lets one of two administrators go, not the second; two demoting each other at once leave one', async () => {
    const hash = await hashPassword(PASSWORD);
    const made = await t.server.store.createUser({ username: 'seconda', displayName: 'Seconda', role: 'admin', units: [], passwordHash: hash }, SYSTEM);
    if (!made.ok) throw new Error(made.error.message);
    const second = new Client(t.url);
    expect((await second.login('seconda')).status).toBe(200);

    expect((await admin.request('PATCH', `/api/users/${made.value.id}`, { role: 'controller' })).status).toBe(200);
    const last = await admin.request('PATCH', `/api/users/${adminId}`, { role: 'controller' }, { 'accept-language': 'it' });
    expect(last.status, last.text).toBe(422);
    expect(last.body.error.message).toBe(SAID.it);

    // Both administrators again, then each demotes the other in the same moment, a few times over.
    for (let round = 0; round < 4; round++) {
      await t.server.store.updateUser(adminId, { role: 'admin', active: true }, SYSTEM);
      await t.server.store.updateUser(made.value.id, { role: 'admin', active: true }, SYSTEM);
      const third = new Client(t.url);
      expect((await third.login('seconda')).status).toBe(200);
      const mine = new Client(t.url);
      expect((await mine.login('admin')).status).toBe(200);
      const replies = await Promise.all([
        mine.request('PATCH', `/api/users/${made.value.id}`, round % 2 === 0 ? { role: 'referente' } : { active: false }),
        third.request('PATCH', `/api/users/${adminId}`, { role: 'referente' }),
      ]);
      // The one decided second is refused: by the last-admin rule, or (its session's account changed first) as a non-administrator or as signed out.
      expect(replies.map((r) => r.status).sort(), replies.map((r) => r.text).join('\n')).toEqual([200, expect.toSatisfy((s: number) => [401, 403, 422].includes(s))]);
      expect(await activeAdmins()).toHaveLength(1);
    }
    // The store decides it under its lock, past the route's own check: two changes at once, one refused.
    for (let round = 0; round < 4; round++) {
      await t.server.store.updateUser(adminId, { role: 'admin', active: true }, SYSTEM);
      await t.server.store.updateUser(made.value.id, { role: 'admin', active: true }, SYSTEM);
      const results = await Promise.all([
        t.server.store.updateUser(adminId, { role: 'controller' }, SYSTEM),
        t.server.store.updateUser(made.value.id, round % 2 === 0 ? { role: 'oiv' } : { active: false }, SYSTEM),
      ]);
      expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
      expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'invalid', params: { reason: 'last-admin' } } });
      expect(await activeAdmins()).toHaveLength(1);
    }
  });
});
