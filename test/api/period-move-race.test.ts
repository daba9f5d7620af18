/**
 * Two desks moving the same period at once, neither naming the version it read (scripts, the CLI's
 * way, the closing dialog of a client that sends none): both read the period collecting, one closes
 * it, and the other reaches the store's lock after. That one asked for the period as it is, so it is
 * decided on the state now, as a moment later it would have been: 409 `invalid-transition`, «closed
 * cannot become closed», in its reader's language — the same answer on SQLite and PostgreSQL. Before,
 * PostgreSQL (whose requests overlap) refused it as stale, «version 4, you sent 3», a version its
 * client never sent. A move that names the version it read is still refused as stale.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWithFixture, type Backend, type Client, type FixtureServer } from './harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each<Backend>(['sqlite', 'postgres'])('a period moved by two desks at once on %s', (backend) => {
  let f: FixtureServer;
  let admin: Client;
  beforeAll(async () => {
    f = await startWithFixture(backend);
    admin = await f.t.as('admin');
  });
  afterAll(async () => f?.t.close());

  /** The two requests, each let on only once both have read the period (the route's read before the store's lock). */
  async function together(first: () => Promise<any>, second: () => Promise<any>): Promise<any[]> {
    const store = f.t.server.store;
    const listPeriods = store.listPeriods.bind(store);
    let arrived = 0;
    let bothRead: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (bothRead = resolve));
    vi.spyOn(store, 'listPeriods').mockImplementation(async (...args) => {
      const read = await listPeriods(...args);
      if (++arrived <= 2) {
        if (arrived === 2) bothRead();
        await both;
      }
      return read;
    });
    const replies = await Promise.all([first(), second()]);
    vi.restoreAllMocks();
    expect(arrived).toBeGreaterThanOrEqual(2);
    return replies;
  }

  const move = (client: Client, period: string, body: object, language: string) => client.request('POST', `/api/plans/${f.planId}/periods/${period}/transition`, body, { 'accept-language': language });

  it('closes it once; the other closing, naming no version, hears that it is closed, in its language', async () => {
    const period = '2024-06-30';
    expect((await move(f.controller, period, { to: 'collecting' }, 'en')).status).toBe(200);
    const replies = await together(
      () => move(f.controller, period, { to: 'closed', acknowledgeUnreviewed: true }, 'it'),
      () => move(admin, period, { to: 'closed', acknowledgeUnreviewed: true }, 'en'),
    );
    expect(replies.map((r) => r.status).sort(), replies.map((r) => r.text).join('\n')).toEqual([200, 409]);
    const loser = replies.findIndex((r) => r.status === 409);
    const refused = replies[loser];
    expect(refused.body.error).toMatchObject({ code: 'invalid-transition', details: { from: 'closed', to: 'closed' } });
    expect(refused.body.error.message).toBe(
      loser === 0
        ? "un periodo chiuso non può diventare chiuso (può diventare validato dall'OIV e in raccolta)"
        : 'a period that is closed cannot become closed (it can become validated or collecting)',
    );
    // One closing on the record, and one frozen.
    const trail = (await admin.get(`/api/audit?planId=${f.planId}&limit=1000`)).body as any[];
    expect(trail.filter((a) => a.entity === 'period' && a.entityId === period && a.after?.state === 'closed')).toHaveLength(1);
    const periods = (await admin.get(`/api/plans/${f.planId}/periods`)).body as any[];
    expect(periods.find((p) => p.id === period)).toMatchObject({ state: 'closed' });
  });

  it('reopens it once, with the winner’s reason; the other reopening hears that it is collecting', async () => {
    const period = '2024-06-30';
    const replies = await together(
      () => move(f.controller, period, { to: 'collecting', reason: 'un dato da correggere' }, 'en'),
      () => move(admin, period, { to: 'collecting', reason: 'another figure to correct' }, 'en'),
    );
    expect(replies.map((r) => r.status).sort(), replies.map((r) => r.text).join('\n')).toEqual([200, 409]);
    const winner = replies.find((r) => r.status === 200);
    const refused = replies.find((r) => r.status === 409);
    expect(refused.body.error).toMatchObject({ code: 'invalid-transition', details: { from: 'collecting', to: 'collecting' } });
    const trail = (await admin.get(`/api/audit?planId=${f.planId}&limit=1000`)).body as any[];
    const reopenings = trail.filter((a) => a.entity === 'period' && a.entityId === period && a.before?.state === 'closed' && a.after?.state === 'collecting');
    expect(reopenings.map((a) => a.reason)).toEqual([winner === replies[0] ? 'un dato da correggere' : 'another figure to correct']);
  });

  it('still refuses as stale a move that names the version it read, saying who moved it', async () => {
    const period = '2024-06-30';
    const read = ((await admin.get(`/api/plans/${f.planId}/periods`)).body as any[]).find((p) => p.id === period);
    const replies = await together(
      () => move(f.controller, period, { to: 'closed', acknowledgeUnreviewed: true, version: read.version }, 'en'),
      () => move(admin, period, { to: 'closed', acknowledgeUnreviewed: true, version: read.version }, 'en'),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = replies.find((r) => r.status === 409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', params: { what: 'period', version: read.version + 1, sent: read.version } });
  });
});
