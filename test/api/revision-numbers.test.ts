/**
 * A revision's number is never given twice, on SQLite and PostgreSQL: a discarded revision stays on
 * the record (the trail, the revisions' history) under its number, so the next one opened takes the
 * number after it, also in a database whose revision was discarded before migration 86 counted them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/store/postgres/db.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { Client, startWithFixture, type Backend, type TestServer } from './harness.js';

const ACT = { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' };

/** Opens a revision and discards it at once (nothing changed in it); its number. */
async function openAndDiscard(office: Client, planId: string, reason: string): Promise<number> {
  const opened = await office.request('POST', `/api/plans/${planId}/revisions`, { reason });
  expect(opened.status, opened.text).toBe(201);
  const discarded = await office.request('DELETE', `/api/plans/${planId}/revisions/${opened.body.number}`);
  expect(discarded.status, discarded.text).toBe(200);
  return opened.body.number;
}

describe.each<Backend>(['sqlite', 'postgres'])('revision numbers after a discarded revision, on %s', (backend) => {
  let t: TestServer;
  let restarted: RunningServer | null = null;
  afterAll(async () => {
    await restarted?.close();
    await t?.close();
  });

  it('gives the next number, never a discarded one again, before and after the migration that counts them', async () => {
    let planId: string;
    let controller: Client;
    ({ t, planId, controller } = await startWithFixture(backend));
    expect((await controller.request('POST', `/api/plans/${planId}/adopt`, { act: ACT })).status).toBe(200);
    expect(await openAndDiscard(controller, planId, 'aperta per errore')).toBe(1);
    expect(await openAndDiscard(controller, planId, 'aperta di nuovo per errore')).toBe(2);
    // Kept on the record, discarded (migration 88): the count below is what the rows of before lacked.
    expect((await controller.get(`/api/plans/${planId}/revisions`)).body.map((r: { number: number; status: string }) => [r.number, r.status])).toEqual([
      [1, 'discarded'],
      [2, 'discarded'],
    ]);

    // As a database stored before migration 86: the count dropped, the migration unrecorded.
    const db = backend === 'postgres' ? openPostgres(t.location) : openSqlite(t.location);
    try {
      // Their rows gone too, as a discard left them before migration 88.
      await db.run(`DELETE FROM plan_revisions WHERE plan_id = ?`, [planId]);
      await db.run(`ALTER TABLE plans DROP COLUMN revisions_numbered`);
      await db.run(`DELETE FROM schema_migrations WHERE version = 86`);
    } finally {
      await db.close();
    }
    restarted = await startServer({ location: t.location, port: 0, host: '127.0.0.1' });
    const office = new Client(restarted.url);
    expect((await office.login('controller')).status).toBe(200);
    // The trail says no. 1 and no. 2 were opened: the next is no. 3.
    const third = await office.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Rimodulazione dopo il monitoraggio' });
    expect(third.status, third.text).toBe(201);
    expect(third.body.number).toBe(3);
    expect((await office.get(`/api/plans/${planId}/revisions`)).body.map((r: { number: number }) => r.number)).toEqual([3]);
  });
});
