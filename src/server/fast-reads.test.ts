import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPlan } from '../../bench/synthetic.js';
import { openStore, SYSTEM, type Store } from '../store/index.js';
import type { AppEnv } from './api.js';
import { createApp } from './app.js';
import { sessionId } from './auth.js';
import { headersOfEveryAnswer, withFastReads } from './fast-reads.js';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers that only the transport adds (the app's own Response has no length or date). */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

function appHeaders(h: Headers | IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: Array<[string, string]> = [];
  if (h instanceof Headers) h.forEach((v, k) => entries.push([k, v]));
  else for (const [k, v] of Object.entries(h)) entries.push([k, String(v)]);
  for (const [k, v] of entries) if (!TRANSPORT.has(k.toLowerCase())) out[k.toLowerCase()] = v;
  return out;
}

describe('the fast path of the whole-tree read', () => {
  let store: Store;
  let app: Hono<AppEnv>;
  let server: Server;
  let base: string;
  let fellThrough = 0;
  let published: string;
  let unpublished: string;
  const admin = 'admin-token';
  const referente = 'referente-token';

  beforeAll(async () => {
    store = await openStore(':memory:');
    const made = createApp(store);
    app = made.app;
    const ids: string[] = [];
    for (const title of ['Pubblicato', 'Bozza']) {
      const imported = await store.importPlan({ table: { plan: syntheticPlan(60, 3), stated: [] }, year: 2024, title }, SYSTEM);
      if (!imported.ok) throw new Error(imported.error.message);
      ids.push(imported.value.id);
    }
    [published, unpublished] = ids as [string, string];
    await store.updatePlan(published, { published: true }, SYSTEM);
    // The public sees a period's values once the controller publishes them.
    await store.relazioni.publishPeriod(published, '2024-12-31', true, SYSTEM);
    const later = new Date(Date.now() + 3600_000).toISOString();
    for (const [token, role, units] of [
      [admin, 'admin', []],
      [referente, 'referente', ['Ufficio A']],
    ] as const) {
      const user = await store.createUser({ username: role, displayName: role, role, units: [...units], passwordHash: 'x' }, SYSTEM);
      if (!user.ok) throw new Error(user.error.message);
      await store.createSession(sessionId(token), user.value.id, `csrf-${role}`, later);
    }
    const appListener = getRequestListener(app.fetch);
    server = createServer(
      withFastReads(made.deps, await headersOfEveryAnswer(app), (req, res) => {
        fellThrough++;
        appListener(req, res);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  /** The same request through the server (fast path first) and through the app alone. */
  async function both(path: string, headers: Record<string, string>): Promise<{ served: Answer; app: Answer; fast: boolean }> {
    const before = fellThrough;
    const served = await new Promise<Answer>((resolve, reject) => {
      httpRequest(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          expect(Number(res.headers['content-length'] ?? body.length)).toBe(body.length);
          resolve({ status: res.statusCode!, headers: appHeaders(res.headers), body });
        });
      })
        .on('error', reject)
        .end();
    });
    const direct = await app.request(path, { headers });
    return { served, app: { status: direct.status, headers: appHeaders(direct.headers), body: Buffer.from(await direct.arrayBuffer()) }, fast: fellThrough === before };
  }

  const cookie = (token: string) => ({ cookie: `albero_session=${token}` });

  it.each([
    ['signed in, brotli', () => `/api/plans/${published}/tree`, { ...cookie(admin), 'accept-encoding': 'gzip, deflate, br' }],
    ['signed in, gzip', () => `/api/plans/${unpublished}/tree`, { ...cookie(admin), 'accept-encoding': 'gzip' }],
    ['signed in, not compressed', () => `/api/plans/${unpublished}/tree`, cookie(admin)],
    ['a referente (other values editable)', () => `/api/plans/${published}/tree`, { ...cookie(referente), 'accept-encoding': 'br' }],
    ['the public, a published plan', () => `/api/plans/${published}/tree`, { 'accept-encoding': 'br, gzip' }],
    ['an unknown session, as the public', () => `/api/plans/${published}/tree`, { ...cookie('no-such-token'), 'accept-encoding': 'gzip' }],
    ['a branch of a period', () => `/api/plans/${published}/tree?period=2024-12-31&under=A.1`, { ...cookie(admin), 'accept-encoding': 'br' }],
    ['its amounts in English', () => `/api/plans/${published}/tree?lang=en&under=A.1`, { ...cookie(admin), 'accept-encoding': 'gzip' }],
    ['its amounts in Italian, asked', () => `/api/plans/${published}/tree?lang=it`, { 'accept-encoding': 'br' }],
  ])('answers %s exactly as the app does, without the app', async (_, path, headers) => {
    const { served, app: direct, fast } = await both(path(), headers);
    expect(fast).toBe(true);
    expect(served.status).toBe(200);
    expect(served).toEqual(direct);
    expect(served.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', vary: 'Accept-Encoding, Cookie', 'cache-control': 'private, no-cache' });
  });

  it('answers 304 to the ETag of this version, and every coding decodes to the same tree', async () => {
    const path = `/api/plans/${published}/tree`;
    const plain = await both(path, cookie(admin));
    const br = await both(path, { ...cookie(admin), 'accept-encoding': 'br' });
    const gzip = await both(path, { ...cookie(admin), 'accept-encoding': 'gzip' });
    expect(br.served.headers['content-encoding']).toBe('br');
    expect(gzip.served.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.served.body).toString()).toBe(plain.served.body.toString());
    expect(gunzipSync(gzip.served.body).toString()).toBe(plain.served.body.toString());
    expect(JSON.parse(plain.served.body.toString()).objectives.length).toBeGreaterThan(10);
    const revalidated = await both(path, { ...cookie(admin), 'if-none-match': plain.served.headers.etag! });
    expect(revalidated.fast).toBe(true);
    expect(revalidated.served.status).toBe(304);
    expect(revalidated.served.body.length).toBe(0);
    expect(revalidated.served).toEqual(revalidated.app);
  });

  it.each([
    ['an unpublished plan to the public', () => `/api/plans/${unpublished}/tree`, {}, 404],
    ['an unknown plan', () => '/api/plans/no-such-plan/tree', cookie(admin), 404],
    ['an unknown branch', () => `/api/plans/${published}/tree?under=Z.9`, cookie(admin), 404],
    ['an unknown period', () => `/api/plans/${published}/tree?period=2024-13-45`, cookie(admin), 404],
    ['a language it does not say', () => `/api/plans/${published}/tree?lang=fr`, cookie(admin), 400],
    ['another query parameter', () => `/api/plans/${published}/tree?under=A.1&x=1`, cookie(admin), 200],
    ['an encoded query value', () => `/api/plans/${published}/tree?under=A%2E1`, cookie(admin), 200],
    ['a plan id out of the plain alphabet', () => `/api/plans/${published}%00/tree`, cookie(admin), 400],
  ])('leaves %s to the app, which answers it as always', async (_, path, headers, status) => {
    const { served, app: direct, fast } = await both(path(), headers);
    expect(fast).toBe(false);
    expect(served.status).toBe(status);
    expect(served).toEqual(direct);
  });

  it('leaves every other request to the app', async () => {
    for (const [method, path] of [
      ['HEAD', `/api/plans/${published}/tree`],
      ['GET', `/api/plans/${published}/tree/`],
      ['GET', `/api/plans/${published}`],
      ['GET', '/api/health'],
    ] as const) {
      const before = fellThrough;
      const res = await fetch(`${base}${path}`, { method, headers: cookie(admin) });
      await res.arrayBuffer();
      expect(fellThrough, `${method} ${path}`).toBe(before + 1);
    }
  });
});
