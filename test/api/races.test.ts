/**
 * Two requests creating the same thing at once: the store checks that the user name is free, and
 * another writer stores it between that check and the insert, so the database's unique index
 * refuses the second. That is a conflict of the caller's moment (409 `conflict`, naming what
 * conflicts, in the reader's language), not a bug (500); nothing of the refused request is stored,
 * and the log keeps the driver's words.
 *
 * How the other writer gets in between, on each backend: ../support/another-writer.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formErrors } from '../../web/src/ui/form-errors.js';
import { sentence } from '../../web/src/ui/sentence.js';
import { whileAnotherWrites } from '../support/another-writer.js';
import { Client, PASSWORD, type Backend, type Reply, startTestServer, type TestServer } from './harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The administrator asks for the account `lucia`. */
const newAccount = (admin: Client, language: string): Promise<Reply> =>
  admin.request('POST', '/api/users', { username: 'lucia', displayName: 'Lucia Bianchi', role: 'oiv', password: PASSWORD }, { 'accept-language': language });

/** The row another writer stores: the same user name. */
const OTHER_LUCIA = `INSERT INTO users (id, username, display_name, role, units, password_hash, active, created_at) VALUES ('other-lucia', 'lucia', 'Lucia Rossi', 'oiv', '[]', 'x', 1, '2024-01-01T00:00:00Z')`;

/** Asks for `lucia` while another writer stores the same user name between the store's check and its insert. */
const raced = (backend: Backend, t: TestServer, admin: Client, language: string): Promise<Reply> =>
  whileAnotherWrites(backend, t.location, { table: 'users', insert: OTHER_LUCIA, when: "NEW.username = 'lucia'" }, () => newAccount(admin, language));

describe.each<Backend>(['sqlite', 'postgres'])('two requests creating the same account at once, on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => t?.close());

  it('answers the one the unique index refuses with 409 conflict naming the user name, stores nothing of it, and logs the driver’s words', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const admin = await t.as('admin');
    const usersBefore = (await admin.get('/api/users')).body.length;
    const auditBefore = (await admin.get('/api/audit?limit=1000')).body.length;

    const refused = await raced(backend, t, admin, 'it');
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'conflict',
      message: "un'altra richiesta ha salvato nello stesso momento lo stesso nome utente: nulla è stato salvato; ricaricare e riprovare",
      params: { constraint: 'unique', subject: 'username' },
    });
    // The new-account form shows these words, not its own for a version that moved on.
    const shown = formErrors(
      { status: refused.status, code: refused.body.error.code, message: refused.body.error.message, body: refused.body },
      (key) => (key === 'conflict' ? 'Modificato da altri.' : null),
      'username',
    );
    expect(shown).toEqual({ fields: {}, general: sentence(refused.body.error.message) });
    // The driver's words (the index, the SQL) are the log's only.
    expect(refused.text).not.toMatch(/UNIQUE|constraint failed|duplicate key|users_|SQLITE|23505/);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('POST /api/users'), expect.objectContaining({ code: backend === 'sqlite' ? 'SQLITE_CONSTRAINT_UNIQUE' : '23505' }));

    // Nothing of the refused request: no account of its own, no audit entry. On PostgreSQL the other
    // writer's account stays, as it committed; on SQLite the trigger's row went with the refused statement.
    const users = (await admin.get('/api/users')).body as Array<{ username: string; displayName: string }>;
    expect(users.filter((u) => u.username === 'lucia').map((u) => u.displayName)).toEqual(backend === 'postgres' ? ['Lucia Rossi'] : []);
    expect(users).toHaveLength(usersBefore + (backend === 'postgres' ? 1 : 0));
    expect((await admin.get('/api/audit?limit=1000')).body).toHaveLength(auditBefore);

    // In English too.
    if (backend === 'sqlite') {
      const english = await raced(backend, t, admin, 'en');
      expect([english.status, english.body.error.message]).toEqual([409, 'another request stored the same user name at the same moment: nothing was stored; reload and try again']);
    }
  }, 60_000);

  it('creates one of two accounts asked for at once with the same email, and leaves nothing of the other', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const admin = await t.as('admin');
    const ask = (username: string) => admin.request('POST', '/api/users', { username, displayName: username, role: 'referente', password: PASSWORD, email: 'Ufficio@Comune.example.it' });
    // Both pass the route's check before either is stored (each waits at the store for the other); the
    // store checks again, in the insert's transaction. Without the wait, a quick first request could be
    // stored before the second's check, which would then refuse it at the route (400) instead.
    const store = t.server.store;
    const createUser = store.createUser.bind(store);
    let arrived = 0;
    let bothArrived: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (bothArrived = resolve));
    vi.spyOn(store, 'createUser').mockImplementation(async (...args) => {
      if (++arrived === 2) bothArrived();
      await both;
      return createUser(...args);
    });
    const replies = await Promise.all([ask('paola'), ask('piero')]);
    expect(arrived).toBe(2);
    expect(replies.map((r) => r.status).sort(), replies.map((r) => r.text).join('\n')).toEqual([201, 409]);
    const refused = replies.find((r) => r.status === 409)!;
    expect(['duplicate', 'conflict']).toContain(refused.body.error.code);
    // The new-account form says it at the email, or above the form in the server's words naming the email; never "user name taken".
    const shown = formErrors(
      { status: refused.status, code: refused.body.error.code, message: refused.body.error.message, body: refused.body },
      (key) => (key === 'duplicate.username' ? 'Nome utente già in uso.' : key === 'conflict' ? 'Modificato da altri.' : null),
      'username',
    );
    expect(shown, refused.text).toEqual(
      refused.body.error.code === 'duplicate' ? { fields: { email: sentence(refused.body.error.message) }, general: null } : { fields: {}, general: sentence(refused.body.error.message) },
    );
    expect(refused.body.error.message).toMatch(/email/);
    const users = (await admin.get('/api/users')).body as Array<{ username: string; email: string | null }>;
    const created = replies.find((r) => r.status === 201)!.body.username;
    expect(users.filter((u) => u.username === 'paola' || u.username === 'piero').map((u) => [u.username, u.email])).toEqual([[created, 'ufficio@comune.example.it']]);
  }, 60_000);
});
