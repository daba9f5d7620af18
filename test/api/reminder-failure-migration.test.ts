/**
 * Migration 92 on SQLite and PostgreSQL: a reminder's delivery failure is recorded by code and
 * parameters. A database of before (migrated up to 91) with a reminder waiting after a failure, its
 * error the mail library's English sentence: migrated on, the API reads it as a technical detail in
 * the reader's language; a new failure replaces it by code, and a delivery clears it.
 */
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { oldDatabase } from '../support/old-database.js';
import { startTestServer, type Backend } from './harness.js';

const AT = '2024-10-23T08:00:00.000Z';
const OLD = 'ESOCKET: connect ECONNREFUSED 127.0.0.1:2525';

describe.each<Backend>(['sqlite', 'postgres'])('migration 92 (a reminder’s failure by code) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('reads the failure stored before as a technical detail, in Italian and English', async () => {
    const database = await old.database();
    const db = database.open();
    try {
      await migrate(db, 91);
      await db.run(
        `INSERT INTO reminders (id, dedup_key, plan_id, period_id, stage, user_id, username, unit_id, address, language, subject, body, indicators, status, attempts, last_error, created_at, created_by, next_attempt_at, message_id)
         VALUES ('r1', '["p","2024-09-30","after","u1",""]', 'p', '2024-09-30', 'after', 'u1', 'referente', NULL, 'referente@comune.example.it', 'it', 'Albero', 'Gentile referente', '["A.1:1"]', 'queued', 1, ?, ?, 'system', ?, '<reminder-r1@albero>')`,
        [OLD, AT, AT],
      );
    } finally {
      await db.close();
    }
    const t = await startTestServer(backend, { location: database.location });
    try {
      const controller = await t.as('controller');
      const read = async (lang: string) => (await controller.get(`/api/reminders?lang=${lang}`)).body.reminders[0];
      const it = await read('it');
      expect(it).toMatchObject({ id: 'r1', status: 'queued', lastError: `dettaglio tecnico: ${OLD}`, lastFailure: { reason: 'technical', detail: OLD } });
      expect((await read('en')).lastError).toBe(`technical detail: ${OLD}`);

      // A failure now: by code, the old sentence gone; sent later: nothing left of either.
      await t.server.store.reminders.markFailed('r1', { reason: 'timeout', host: 'smtp.comune.example.it', port: 587 }, AT);
      expect((await read('it')).lastError).toBe('il server di posta smtp.comune.example.it:587 non ha risposto in tempo');
      expect((await read('en')).lastFailure).toEqual({ reason: 'timeout', host: 'smtp.comune.example.it', port: 587 });
      await t.server.store.reminders.markSent('r1', 'smtp', AT);
      expect(await read('it')).toMatchObject({ status: 'sent', lastError: null, lastFailure: null });
    } finally {
      await t.close();
    }
  }, 120_000);
});
