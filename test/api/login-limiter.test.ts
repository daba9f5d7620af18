/**
 * The sign-in limiter (issue 14, defect 8): 30 failures from one address used to lock every user
 * behind it, the administrator included, and 5 wrong passwords locked a username for everyone,
 * the right password included. Now guessing is slowed where it happens (the account from that
 * address, that address across accounts, the account under attack from many addresses), and no
 * one can keep a legitimate user out from elsewhere, nor the administrator at all. Each client
 * connects from its own loopback address (127.0.0.x), as different machines would.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestServer, type Backend, type TestServer } from './harness.js';

interface SignIn {
  status: number;
  code: string | null;
  retryAfter: number;
  /** The device cookie the server gave on success. */
  device: string | null;
}

function signIn(url: string, from: string, username: string, password: string, device?: string | null): Promise<SignIn> {
  const { hostname, port } = new URL(url);
  const payload = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        path: '/api/session',
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(device ? { cookie: `albero_device=${device}` } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          const cookies = [res.headers['set-cookie'] ?? []].flat();
          const deviceCookie = cookies.map((c) => /^albero_device=([^;]+)/.exec(c)?.[1]).find((v) => v !== undefined) ?? null;
          const body = text === '' ? null : JSON.parse(text);
          resolve({ status: res.statusCode ?? 0, code: body?.error?.code ?? null, retryAfter: Number(res.headers['retry-after'] ?? 0), device: deviceCookie });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe.each<Backend>(['sqlite', 'postgres'])('the sign-in limiter on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => t?.close());

  it('slows guessing at the address it comes from, but never locks the user out from another address', async () => {
    const statuses: number[] = [];
    for (let k = 0; k < 7; k++) statuses.push((await signIn(t.url, '127.0.0.2', 'controller', `guess ${k}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const attacker = await signIn(t.url, '127.0.0.2', 'controller', PASSWORD);
    expect(attacker.status).toBe(429);
    expect(attacker.retryAfter).toBeGreaterThan(0);
    const user = await signIn(t.url, '127.0.0.3', 'controller', PASSWORD);
    expect(user.status).toBe(200);
    expect(user.device).not.toBeNull();
  });

  it('stops an address that tries many accounts, but lets the administrator in from it', async () => {
    for (let k = 0; k < 30; k++) expect((await signIn(t.url, '127.0.0.4', `nobody${k}`, 'guess')).status).toBe(401);
    const blocked = await signIn(t.url, '127.0.0.4', 'oiv', PASSWORD);
    expect(blocked).toMatchObject({ status: 429, code: 'too-many-attempts' });
    // A wrong password of the administrator looks like any other refusal from there…
    expect((await signIn(t.url, '127.0.0.4', 'admin', 'guess')).status).toBe(429);
    // …but the right one gets in: no one can lock the administrator out through a shared address.
    expect((await signIn(t.url, '127.0.0.4', 'admin', PASSWORD)).status).toBe(200);
    expect((await signIn(t.url, '127.0.0.5', 'oiv', PASSWORD)).status).toBe(200);
  });

  it('never locks out a browser that signed in before, even when others fail from its own address', async () => {
    const first = await signIn(t.url, '127.0.0.6', 'admin', PASSWORD);
    expect(first.status).toBe(200);
    for (let k = 0; k < 8; k++) await signIn(t.url, '127.0.0.6', 'admin', `guess ${k}`);
    expect((await signIn(t.url, '127.0.0.6', 'admin', PASSWORD)).status).toBe(429);
    const again = await signIn(t.url, '127.0.0.6', 'admin', PASSWORD, first.device);
    expect(again.status).toBe(200);
    // The cookie is for its account only: it does not help guessing another one.
    for (let k = 0; k < 5; k++) await signIn(t.url, '127.0.0.6', 'oiv', `guess ${k}`, again.device);
    expect((await signIn(t.url, '127.0.0.6', 'oiv', PASSWORD, again.device)).status).toBe(429);
    // Wrong passwords in the trusted browser itself are limited too.
    const statuses: number[] = [];
    for (let k = 0; k < 6; k++) statuses.push((await signIn(t.url, '127.0.0.6', 'admin', `typo ${k}`, again.device)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('gives each new address one try while an account is under attack from many, and still lets the right password in', async () => {
    for (let k = 10; k < 31; k++) expect((await signIn(t.url, `127.0.0.${k}`, 'referente', 'guess')).status).toBe(401);
    expect((await signIn(t.url, '127.0.0.31', 'referente', 'guess')).status).toBe(401);
    expect((await signIn(t.url, '127.0.0.31', 'referente', 'guess again')).status).toBe(429);
    expect((await signIn(t.url, '127.0.0.32', 'referente', PASSWORD)).status).toBe(200);
  });
});
