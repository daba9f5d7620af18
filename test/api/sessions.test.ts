/**
 * Sessions are kept in memory for a few seconds after each lookup (so a polled tree costs no
 * session query); whatever ends or changes a session in this process must still apply at once,
 * on the tree read's fast path as on every other route. And the tree in brotli is the same tree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type Backend, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('sessions and the tree read on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    // Unpublished: only a signed-in user reads it, so a refused session shows as 404 on the tree.
    planId = await t.importFixture();
  });
  afterAll(async () => t?.close());

  /** A second tab of the same browser: the same cookie. */
  function sameBrowser(client: Client): Client {
    const other = new Client(t.url);
    other.cookie = client.cookie;
    other.csrf = client.csrf;
    return other;
  }

  it('answers who is signed in with null when no one is, and still refuses other calls without a session', async () => {
    const nobody = new Client(t.url);
    const read = await nobody.get('/api/session');
    expect(read.status).toBe(200);
    expect(read.body).toBeNull();
    // A cookie whose session is gone (expired, signed out elsewhere): the same state.
    nobody.cookie = 'albero_session=not-a-session';
    expect(await nobody.get('/api/session')).toMatchObject({ status: 200, body: null });
    // Any other call needing a session keeps its 401, which the web app answers by asking to sign in again.
    const refused = await nobody.get('/api/users');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
  });

  it('refuses a signed-out session at once, though it was read a moment before', async () => {
    const tab = await t.as('oiv');
    const otherTab = sameBrowser(tab);
    expect((await otherTab.get('/api/session')).status).toBe(200);
    expect((await otherTab.get(`/api/plans/${planId}/tree`)).status).toBe(200);
    expect((await tab.request('DELETE', '/api/session')).status).toBe(200);
    expect((await otherTab.get('/api/session')).body).toBeNull();
    expect((await otherTab.get(`/api/plans/${planId}/tree`)).status).toBe(404);
  });

  it('ends the other sessions of an account at once when its password changes', async () => {
    const first = await t.as('referente');
    const second = await t.as('referente');
    expect((await second.get(`/api/plans/${planId}/tree`)).status).toBe(200);
    expect((await first.request('POST', '/api/users/me/password', { current: 'correct horse battery', next: 'correct horse battery' })).status).toBe(200);
    expect((await second.get('/api/session')).body).toBeNull();
    expect((await second.get(`/api/plans/${planId}/tree`)).status).toBe(404);
    expect((await second.request('PUT', `/api/plans/${planId}/indicators/B.1.1%3A5/measurements/2024-12-31`, { state: 'not_measured', version: 1 })).status).toBe(401);
  });

  it("applies an administrator's change of role, or a deactivation, to open sessions at once", async () => {
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users')).body as Array<{ id: string; username: string }>;
    const controllerId = users.find((u) => u.username === 'controller')!.id;
    const controller = await t.as('controller');
    expect((await controller.get('/api/session')).body.user.role).toBe('controller');
    expect((await admin.request('PATCH', `/api/users/${controllerId}`, { role: 'oiv' })).status).toBe(200);
    expect((await controller.get('/api/session')).body.user.role).toBe('oiv');
    expect((await controller.request('POST', `/api/plans/${planId}/nodes`, { code: 'Z.1', title: 'Nuovo', parent: null })).status).toBe(403);
    expect((await admin.request('PATCH', `/api/users/${controllerId}`, { active: false })).status).toBe(200);
    expect((await controller.get('/api/session')).body).toBeNull();
    expect((await controller.get(`/api/plans/${planId}/tree`)).status).toBe(404);
  });

  it('serves the tree in brotli to a client that accepts it, the same tree as without', async () => {
    const admin = await t.as('admin');
    const plain = await admin.get(`/api/plans/${planId}/tree`);
    const res = await fetch(`${t.url}/api/plans/${planId}/tree`, { headers: { 'accept-encoding': 'br, gzip', cookie: admin.cookie! } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    expect(await res.json()).toEqual(plain.body);
  });
});
