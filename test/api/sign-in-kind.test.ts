/**
 * Accounts know how they sign in (`signIn`: their password, or the body's identity provider), on
 * SQLite and on PostgreSQL: the administrator sets it when creating an account and changes it, sees
 * it in the list; a password sign-in (or a temporary password) for a provider account is refused as
 * such, in the reader's language, not as a wrong password; a password goes with the way of signing
 * in. And migration 76 gives the accounts before it their way from what they have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newToken, sessionId } from '../../src/server/auth.js';
import { migrate } from '../../src/store/migrations.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { oldDatabase } from '../support/old-database.js';
import { Client, PASSWORD, startTestServer, type Backend, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('how accounts sign in, on %s', (backend) => {
  let t: TestServer;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestServer(backend);
    admin = await t.as('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const account = async (username: string) => ((await admin.get('/api/users')).body as any[]).find((u) => u.username === username);
  /** The password form, from a browser that never signed in here, or from one holding the device cookie `device`. */
  const login = (username: string, password: string, language = 'en', device?: string) =>
    new Client(t.url).request('POST', '/api/session', { username, password }, { 'accept-language': language, ...(device === undefined ? {} : { cookie: `albero_device=${device}` }) });
  const deviceOf = (reply: { headers: Headers }): string => /^albero_device=([^;]+)/.exec(reply.headers.getSetCookie().find((c) => c.startsWith('albero_device=')) ?? '')?.[1] ?? '';
  /** What a refusal tells: its status, its body and its headers but the date. */
  const told = (reply: { status: number; body: unknown; headers: Headers }) => {
    const headers: string[] = [];
    reply.headers.forEach((value, name) => {
      if (name !== 'date') headers.push(`${name}: ${value}`);
    });
    return { status: reply.status, body: reply.body, headers };
  };

  it('creates an account that signs in at the provider, without a password, and lists every account with its way', async () => {
    const created = await admin.request('POST', '/api/users', { username: 'paola.p', displayName: 'Paola Provider', role: 'referente', signIn: 'provider' });
    expect(created.status, created.text).toBe(201);
    expect(created.body.signIn).toBe('provider');
    const plain = await admin.request('POST', '/api/users', { username: 'piero.p', displayName: 'Piero Password', role: 'referente', password: PASSWORD });
    expect(plain.status, plain.text).toBe(201);
    // Unless said otherwise an account has a password, as every account had before.
    expect(plain.body.signIn).toBe('password');
    const listed = (await admin.get('/api/users')).body as any[];
    expect(Object.fromEntries(listed.map((u) => [u.username, u.signIn]))).toMatchObject({ admin: 'password', referente: 'password', 'paola.p': 'provider', 'piero.p': 'password' });
  });

  it('tells a browser that never signed in to a provider account only what it tells of a name that is not there', async () => {
    // Told the same, to the byte: a provider account, an unknown name, a deactivated provider
    // account, a wrong password. A 409 here would tell a guesser which names are active accounts.
    const pia = await admin.request('POST', '/api/users', { username: 'pia.p', displayName: 'Pia', role: 'oiv', signIn: 'provider' });
    expect((await admin.request('PATCH', `/api/users/${pia.body.id}`, { active: false })).status).toBe(200);
    for (const language of ['en', 'it']) {
      const provider = told(await login('paola.p', 'whatever she tries', language));
      expect(provider.status).toBe(401);
      expect((provider.body as any).error.code).toBe('invalid-credentials');
      expect(told(await login('nessuno.p', 'whatever she tries', language))).toEqual(provider);
      expect(told(await login('pia.p', 'whatever she tries', language))).toEqual(provider);
      expect(told(await login('piero.p', 'not the password', language))).toEqual(provider);
    }
    // Signed in (at the provider: a session opened as the callback opens it), she has no password to change either.
    const paola = new Client(t.url);
    const token = newToken();
    const csrf = newToken();
    await t.server.store.createSession(sessionId(token), (await account('paola.p')).id, csrf, new Date(Date.now() + 3600_000).toISOString());
    paola.cookie = `albero_session=${token}`;
    paola.csrf = csrf;
    expect((await paola.get('/api/session')).body.user.signIn).toBe('provider');
    const change = await paola.request('POST', '/api/users/me/password', { current: 'anything', next: 'una password nuova' });
    expect(change.status).toBe(409);
    expect(change.body.error.code).toBe('sign-in-with-provider');
  });

  it('takes as long for a provider account as for a name that is not there', async () => {
    // The password of a provider account is checked (against nothing that can match) as an unknown
    // name's is: answering at once would tell the account apart by the time alone. Checked, that is
    // a hash's time (tens of ms) against a lookup's (a few ms): the medians of many tries taken in
    // turns, so that a loaded machine slows both alike, with a wide margin. A server of its own, whose
    // limiter has seen no failure from this address (30 free), and a name per try (5 free each).
    const own = await startTestServer(backend);
    try {
      const ownAdmin = await own.as('admin');
      const tries = 13;
      for (let k = 0; k < tries; k++) {
        const made = await ownAdmin.request('POST', '/api/users', { username: `tempo-${k}.p`, displayName: `Tempo ${k}`, role: 'oiv', signIn: 'provider' });
        expect(made.status, made.text).toBe(201);
      }
      const time = async (username: string): Promise<number> => {
        const started = performance.now();
        const reply = await new Client(own.url).request('POST', '/api/session', { username, password: 'whatever she tries' });
        const took = performance.now() - started;
        // Refused as a wrong password, not held back by the limiter (which would answer at once).
        expect(reply.status, `${username}: ${reply.text}`).toBe(401);
        return took;
      };
      await time('riscaldamento.p');
      const unknown: number[] = [];
      const provider: number[] = [];
      for (let k = 0; k < tries; k++) {
        unknown.push(await time(`sconosciuto-${k}.p`));
        provider.push(await time(`tempo-${k}.p`));
      }
      const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
      expect(median(provider), `provider ${provider.map((t) => t.toFixed(1))} ms, unknown ${unknown.map((t) => t.toFixed(1))} ms`).toBeGreaterThan(median(unknown) / 2);
    } finally {
      await own.close();
    }
  }, 120_000);

  it('asks a password for a password account and refuses one for a provider account, at the field', async () => {
    const missing = await admin.request('POST', '/api/users', { username: 'nopass', displayName: 'No', role: 'oiv' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((i: any) => i.location.field)).toEqual(['password']);
    const given = await admin.request('POST', '/api/users', { username: 'both', displayName: 'Both', role: 'oiv', signIn: 'provider', password: PASSWORD }, { 'accept-language': 'it' });
    expect(given.status).toBe(400);
    expect(given.body.error.issues[0].location.field).toBe('password');
    expect(given.body.error.issues[0].message).toContain("l'account accede con il fornitore di identità e non ha una password in Albero");
    const wrongKind = await admin.request('POST', '/api/users', { username: 'odd', displayName: 'Odd', role: 'oiv', signIn: 'spid', password: PASSWORD });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.issues[0].location.field).toBe('signIn');
    // Nothing was created by the refusals.
    expect(await account('nopass')).toBeUndefined();
    expect(await account('both')).toBeUndefined();
  });

  it('moves an account to the provider (its password and sessions end) and back with a new password', async () => {
    const session = new Client(t.url);
    const signedIn = await session.login('piero.p');
    expect(signedIn.status).toBe(200);
    const device = deviceOf(signedIn);
    expect(device).not.toBe('');
    const id = (await account('piero.p')).id;
    const moved = await admin.request('PATCH', `/api/users/${id}`, { signIn: 'provider' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.signIn).toBe('provider');
    expect((await session.get('/api/session')).body).toBeNull();
    // His own browser, where he signed in before, is told the way, in the reader's language: not a wrong password.
    const en = await login('piero.p', PASSWORD, 'en', device);
    expect(en.status).toBe(409);
    expect(en.body.error).toMatchObject({
      code: 'sign-in-with-provider',
      message: "this account signs in through the body's identity provider, not with a password: use the provider's sign-in button",
    });
    const it = await login('piero.p', 'qualunque cosa', 'it', device);
    expect(it.status).toBe(409);
    expect(it.body.error.message).toBe("questo account accede con il fornitore di identità dell'ente, non con una password: usare il pulsante di accesso del fornitore");
    // Any other browser only what a wrong password is told.
    expect((await login('piero.p', PASSWORD)).body.error.code).toBe('invalid-credentials');
    // No temporary password for an account that has none.
    const temporary = await admin.request('POST', `/api/users/${id}/temporary-password`, { password: 'provvisoria-1' });
    expect(temporary.status).toBe(409);
    expect(temporary.body.error.code).toBe('sign-in-with-provider');
    // Back to a password: one is needed, and the refusal stores nothing.
    const bare = await admin.request('PATCH', `/api/users/${id}`, { signIn: 'password', displayName: 'Piero P.' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.issues[0].location.field).toBe('password');
    expect(await account('piero.p')).toMatchObject({ signIn: 'provider', displayName: 'Piero Password' });
    const back = await admin.request('PATCH', `/api/users/${id}`, { signIn: 'password', password: 'una nuova password' });
    expect(back.status, back.text).toBe(200);
    expect(back.body.signIn).toBe('password');
    expect((await login('piero.p', PASSWORD)).body.error.code).toBe('invalid-credentials');
    expect((await login('piero.p', 'una nuova password')).status).toBe(200);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('migration 76 (accounts record how they sign in) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('gives the accounts before it their way from what they have: a password hash, or none', async () => {
    const open = await old.opener();
    const db = open();
    await migrate(db, 75);
    const at = '2024-01-01T00:00:00.000Z';
    const hash = await hashPassword(PASSWORD);
    await db.run(
      `INSERT INTO users (id, username, display_name, role, units, password_hash, active, created_at) VALUES ('u1', 'lucia', 'Lucia', 'referente', '[]', ?, 1, ?), ('u2', 'enzo', 'Enzo', 'oiv', '[]', '', 1, ?)`,
      [hash, at, at],
    );
    await db.close();

    const store = await SqlStore.open(open());
    try {
      expect(await store.getUser('u1')).toMatchObject({ username: 'lucia', signIn: 'password' });
      expect(await store.getUser('u2')).toMatchObject({ username: 'enzo', signIn: 'provider' });
      // The password of an account kept as `password` still works.
      expect((await store.findLogin('lucia'))?.passwordHash).toBe(hash);
    } finally {
      await store.close();
    }
  });
});
