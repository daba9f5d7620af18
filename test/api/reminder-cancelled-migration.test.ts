/**
 * Migration 89 on SQLite and PostgreSQL: a reminder can be cancelled, with why (status `cancelled`,
 * `cancel_reason`). A database of before (migrated up to 88) with a reminder sent and one waiting,
 * migrated on: both stay as they were (no reason); the waiting one is still claimed and can now be
 * cancelled; the outbox still queues a message once, and refuses a status it does not know.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';
import { oldDatabase } from '../support/old-database.js';
import type { Backend } from './harness.js';

const AT = '2024-10-23T08:00:00.000Z';
const LATER = '2024-10-23T09:00:00.000Z';

describe.each<Backend>(['sqlite', 'postgres'])('migration 89 (a reminder cancelled, with why) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('keeps the reminders stored as they were, and cancels the waiting one', async () => {
    const database = await old.database();
    const db = database.open();
    try {
      await migrate(db, 88);
      for (const [id, status, sentAt] of [
        ['r1', 'sent', AT],
        ['r2', 'queued', null],
      ] as const) {
        await db.run(
          `INSERT INTO reminders (id, dedup_key, plan_id, period_id, stage, user_id, username, unit_id, address, language, subject, body, indicators, status, attempts, created_at, created_by, next_attempt_at, sent_at, message_id)
           VALUES (?, ?, 'p', '2024-09-30', 'after', ?, 'referente', NULL, 'referente@comune.example.it', 'it', 'Albero: scadenza superata', 'Gentile referente', '["A.1:1"]', ?, 1, ?, 'system', ?, ?, ?)`,
          [id, `["p","2024-09-30","after","${id}",""]`, id, status, AT, status === 'queued' ? AT : null, sentAt, `<reminder-${id}@albero>`],
        );
      }
    } finally {
      await db.close();
    }
    const store = await openStore(database.location);
    try {
      const kept = await store.reminders.list();
      expect(kept.map((r) => [r.id, r.status, r.cancelReason, r.attempts]).sort()).toEqual([
        ['r1', 'sent', null, 1],
        ['r2', 'queued', null, 1],
      ]);
      const claimed = await store.reminders.claim('2024-10-24T00:00:00.000Z', 10, '2024-10-23T00:00:00.000Z');
      expect(claimed.map((r) => r.id)).toEqual(['r2']);
      await store.reminders.markCancelled('r2', 'plan-archived');
      // The claim's count undone: the mail server saw only the one try before.
      expect((await store.reminders.list({ status: 'cancelled' })).map((r) => [r.id, r.cancelReason, r.attempts, r.nextAttemptAt])).toEqual([['r2', 'plan-archived', 1, null]]);
      // Still once per plan, period, stage and recipient on a day (since migration 90, which keys it by the day
      // too: a later message of the stage is the server's to judge), even queued by two runs at once.
      const draft = {
        planId: 'p',
        periodId: '2024-09-30',
        stage: 'after' as const,
        userId: 'r2',
        username: 'referente',
        unitId: null,
        address: 'referente@comune.example.it',
        language: 'it' as const,
        subject: 's',
        body: 'b',
        indicators: [],
        deadline: '2024-10-15',
        day: '2024-10-23',
      };
      const both = await Promise.all([store.reminders.enqueue([draft], 'system', LATER), store.reminders.enqueue([draft], 'system', LATER)]);
      expect(both.flat()).toHaveLength(1);
      expect(await store.reminders.enqueue([draft], 'system', LATER)).toEqual([]);
      // The rows of before say no deadline nor day: read as about the period's own (migration 90).
      expect((await store.reminders.ofPeriod('p', '2024-09-30')).map((r) => [r.id === both.flat()[0]!.id ? 'new' : r.id, r.deadline, r.day])).toEqual([
        ['r1', null, null],
        ['r2', null, null],
        ['new', '2024-10-15', '2024-10-23'],
      ]);
    } finally {
      await store.close();
    }
    const check = database.open();
    try {
      await expect(check.run(`UPDATE reminders SET status = 'lost' WHERE id = 'r1'`)).rejects.toThrow();
    } finally {
      await check.close();
    }
  }, 120_000);
});
