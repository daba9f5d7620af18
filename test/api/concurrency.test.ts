/**
 * Many clients editing the same values at once, on SQLite and PostgreSQL: every answer is 200 or
 * 409, every accepted write got its own version, and the final values plus the audit trail
 * account for every accepted write (nothing lost, nothing silently overwritten).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, type Backend, startTestServer, type TestServer } from './harness.js';

const INDICATORS = ['B.1.1:1', 'B.1.1:2', 'B.1.1:3'];
const CLIENTS = 8;
const WRITES_PER_CLIENT = 6;

describe.each<Backend>(['sqlite', 'postgres'])('concurrent edits on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture();
  });
  afterAll(async () => t?.close());

  it('accepts each version once and accounts for every accepted write', async () => {
    const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, k) => t.as(k % 2 === 0 ? 'referente' : 'controller')));
    const accepted: Array<{ indicator: string; version: number; actual: number; writer: string }> = [];
    const statuses = new Map<number, number>();
    await Promise.all(
      clients.map(async (client, k) => {
        const known = new Map(INDICATORS.map((id) => [id, 1]));
        for (let n = 0; n < WRITES_PER_CLIENT; n++) {
          const indicator = INDICATORS[(k + n) % INDICATORS.length]!;
          const actual = 1000 * (k + 1) + n;
          const writer = `client-${k}-write-${n}`;
          // Retry on conflict with the version the server reports, as the web app does.
          for (let attempt = 0; attempt < 50; attempt++) {
            const reply = await client.request('PUT', `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/2024-12-31?tree=false`, {
              state: 'measured',
              actual,
              notes: writer,
              version: known.get(indicator),
            });
            statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
            if (reply.status === 200) {
              accepted.push({ indicator, version: reply.body.measurement.version, actual, writer });
              known.set(indicator, reply.body.measurement.version);
              break;
            }
            if (reply.status !== 409) throw new Error(`unexpected ${reply.status}: ${reply.text}`);
            known.set(indicator, reply.body.error.details.current.version);
          }
        }
      }),
    );
    // Only successes and conflicts, and the clients really did collide.
    expect([...statuses.keys()].sort()).toEqual([200, 409]);
    expect(accepted).toHaveLength(CLIENTS * WRITES_PER_CLIENT);

    const controller = await t.as('controller');
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    for (const id of INDICATORS) {
      const mine = accepted.filter((a) => a.indicator === id).sort((a, b) => a.version - b.version);
      // Versions 2, 3, … each exactly once: no two writers were both told they won.
      expect(mine.map((a) => a.version)).toEqual(mine.map((_, k) => k + 2));
      const last = mine[mine.length - 1]!;
      const shown = tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.id === id);
      expect(shown).toMatchObject({ version: last.version, actual: last.actual, notes: last.writer });
      const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(id)}&limit=1000`)).body.filter((a: any) => a.action === 'measure');
      expect(trail).toHaveLength(mine.length);
      // Each audit entry is one accepted write, chained: its "before" is the previous write's "after".
      const byVersion = new Map(trail.map((a: any) => [a.after.version, a]));
      for (const write of mine) {
        const entry: any = byVersion.get(write.version);
        expect(entry.after).toMatchObject({ actual: { kind: 'number', value: String(write.actual) }, notes: write.writer });
        expect(entry.before.version).toBe(write.version - 1);
      }
    }
  }, 90_000);

  it('closes a period while values are being written: every accepted write comes before the close, none after', async () => {
    const controller = await t.as('controller');
    const writers = await Promise.all(Array.from({ length: 6 }, (_, k) => t.as(k % 2 === 0 ? 'referente' : 'admin')));
    const period = '2024-09-30';
    const accepted: Array<{ indicator: string; version: number }> = [];
    const refusals = new Map<number, number>();
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${period}/transition`, { to: 'collecting' })).status).toBe(200);
    const writing = writers.map(async (client, k) => {
      const indicator = INDICATORS[k % INDICATORS.length]!;
      let version = 0;
      for (let n = 0; n < 400; n++) {
        // Each writer's own figures: two writers of one indicator never send the value as it stands (which writes nothing).
        const reply = await client.request('PUT', `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${period}?tree=false`, { state: 'measured', actual: 1000 * (k + 1) + n, version });
        if (reply.status === 200) {
          accepted.push({ indicator, version: reply.body.measurement.version });
          version = reply.body.measurement.version;
        } else if (reply.status === 409) {
          version = reply.body.error.details.current?.version ?? 0;
        } else {
          refusals.set(reply.status, (refusals.get(reply.status) ?? 0) + 1);
          expect(reply.status).toBe(423);
          expect(reply.body.error.code).toBe('period-locked');
          return;
        }
      }
    });
    // Closed while they write: once some writes were accepted (a fixed wait may see none under load).
    await expect.poll(() => accepted.length).toBeGreaterThan(0);
    const closed = await controller.request('POST', `/api/plans/${planId}/periods/${period}/transition`, { to: 'closed', acknowledgeUnreviewed: true });
    expect(closed.status).toBe(200);
    await Promise.all(writing);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refusals.get(423)).toBe(writers.length);

    const trail = (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body as any[];
    const close = trail.find((a) => a.entity === 'period' && a.entityId === period && a.after.state === 'closed');
    const writes = trail.filter((a) => a.action === 'measure' && a.entityId.endsWith(`@${period}`));
    expect(writes).toHaveLength(accepted.length);
    expect(writes.every((w) => w.id < close.id)).toBe(true);
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${period}`)).body;
    for (const id of INDICATORS) {
      const last = Math.max(0, ...accepted.filter((a) => a.indicator === id).map((a) => a.version));
      expect(tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.id === id).version).toBe(last);
    }
  }, 90_000);
});
