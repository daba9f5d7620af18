/**
 * Security headers (issue 14, defect 9): a content-security policy for the app and for the exported
 * HTML report, a permissions policy, `no-store` on answers for a signed-in reader (the session's
 * CSRF token above all), and — when the request came over HTTPS — the Secure cookie and HSTS; a
 * proxy's X-Forwarded-Proto counts only when the deployment trusts it (ALBERO_TRUST_PROXY=1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth.js';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { SYSTEM } from '../../src/store/index.js';
import { PASSWORD, startTestServer, type TestServer } from './harness.js';

describe('security headers', () => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    planId = await t.importFixture({ publish: true });
  });
  afterAll(async () => t?.close());

  it('sends the content-security and permissions policies on the API and the pages', async () => {
    for (const path of ['/api/health', '/', '/api/plans', '/api/no-such-route']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(res.headers.get('permissions-policy'), path).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      // Other sites' windows are cut off from Albero's; the sign-in window the app opens itself stays known to it (routes/oidc.ts).
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin-allow-popups');
    }
  });

  it('keeps the exported HTML report from running any script, in the file and in the answer', async () => {
    const controller = await t.as('controller');
    const res = await fetch(`${t.url}/api/plans/${planId}/export?format=html`, { headers: { cookie: controller.cookie! } });
    expect(res.status).toBe(200);
    const policy = res.headers.get('content-security-policy')!;
    expect(policy).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(await res.text()).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:`);
  });

  it('says no-store on the session (with its CSRF token) and on every answer for a signed-in reader', async () => {
    const controller = await t.as('controller');
    const login = await controller.request('POST', '/api/session', { username: 'controller', password: PASSWORD });
    expect(login.headers.get('cache-control')).toBe('no-store');
    const session = await controller.get('/api/session');
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBeTruthy();
    expect(session.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/api/plans', `/api/audit?planId=${planId}`, '/api/users/me/password']) {
      const reply = await controller.get(path);
      expect(reply.headers.get('cache-control'), path).toBe('no-store');
    }
    // The tree keeps its revalidation (ETag), never in a shared cache.
    expect((await controller.get(`/api/plans/${planId}/tree`)).headers.get('cache-control')).toBe('private, no-cache');
  });

  it('neither marks the cookie Secure nor sends HSTS over plain HTTP, nor believes an untrusted proxy', async () => {
    const reply = await fetch(`${t.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'oiv', password: PASSWORD }),
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('set-cookie')).not.toMatch(/Secure/i);
    expect(reply.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('behind a trusted HTTPS proxy (ALBERO_TRUST_PROXY=1)', () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'albero-proxy-'));
    server = await startServer({ location: join(dir, 'albero.sqlite'), port: 0, host: '127.0.0.1', trustProxy: true });
    await server.store.createUser({ username: 'admin', displayName: 'admin', role: 'admin', units: [], passwordHash: await hashPassword(PASSWORD) }, SYSTEM);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = (headers: Record<string, string>): Promise<Response> =>
    fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });

  it('marks the session cookie Secure and sends HSTS when the proxy says the browser used HTTPS', async () => {
    const https = await signIn({ 'x-forwarded-proto': 'https' });
    expect(https.status).toBe(200);
    const cookies = https.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('albero_session='))).toMatch(/; Secure/);
    expect(cookies.find((c) => c.startsWith('albero_device='))).toMatch(/; Secure/);
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
    const health = await fetch(`${server.url}/api/health`, { headers: { 'x-forwarded-proto': 'https, http' } });
    expect(health.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });

  it('does neither for a request the proxy says came over HTTP', async () => {
    const http = await signIn({ 'x-forwarded-proto': 'http' });
    expect(http.status).toBe(200);
    expect(http.headers.get('set-cookie')).not.toMatch(/Secure/i);
    expect(http.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS on refusals too', async () => {
    const res = await fetch(`${server.url}/api/plans/no-plan/tree`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });
});
