/**
 * Migration 88 on SQLite and PostgreSQL: a revision can be discarded and kept (status `discarded`,
 * who, when, why). A database of before (migrated up to 87) with an approved revision and one open
 * holding a step, migrated on: both stay as they were, steps included; the open one is still the
 * only one open (the index holds), and discarding it now keeps it, its step with it. A revision
 * discarded before the migration lost its row: it does not come back, its number is still not given again.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/index.js';
import { settingsToJson } from '../../src/store/codec.js';
import { openStore, type Actor } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';
import { oldDatabase } from '../support/old-database.js';
import type { Backend } from './harness.js';

const AT = '2024-02-01T00:00:00.000Z';
const OFFICE: Actor = { id: null, username: 'controller' };

describe.each<Backend>(['sqlite', 'postgres'])('migration 88 (a discarded revision kept) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('keeps the revisions stored as they were, and discards the open one by keeping it', async () => {
    const database = await old.database();
    const db = database.open();
    try {
      await migrate(db, 87);
      await db.run(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'Comune di Uno', ?)`, [AT]);
      await db.run(
        `INSERT INTO plans (id, organisation_id, title, year, version, published, settings, created_at, updated_at, status, act_kind, act_number, act_date, adopted_at, revisions_numbered) VALUES ('p', 'o', 'Piano', 2024, 'plan', 0, ?, ?, ?, 'adopted', 'Delibera', '1', '2024-01-30', ?, 3)`,
        [JSON.stringify(settingsToJson(DEFAULT_SETTINGS)), AT, AT, AT],
      );
      // No. 1 approved; no. 2 discarded before (its row deleted, the plan counted it); no. 3 open, one step in it.
      await db.run(
        `INSERT INTO plan_revisions (plan_id, seq, kind, reason, decided_on, status, opened_at, opened_by, approved_at, approved_by) VALUES ('p', 1, 'variazione', 'Target rivisto', '2024-06-01', 'approved', ?, 'controller', ?, 'controller')`,
        [AT, AT],
      );
      await db.run(`INSERT INTO plan_revisions (plan_id, seq, kind, reason, decided_on, status, opened_at, opened_by) VALUES ('p', 3, 'variazione', 'Prova', '2024-07-01', 'open', ?, 'controller')`, [
        AT,
      ]);
      for (const [revision, seq, before, after] of [
        [1, 1, '{"weight":"50"}', '{"weight":"40"}'],
        [3, 1, '{"title":"Uno"}', '{"title":"Due"}'],
        [3, 2, '{"title":"Due"}', '{"title":"Uno"}'],
      ] as const) {
        await db.run(
          `INSERT INTO plan_revision_changes (plan_id, revision_seq, seq, at, username, action, entity, entity_id, node_code, before, after) VALUES ('p', ?, ?, ?, 'controller', 'update', 'node', 'A.1', 'A.1', ?, ?)`,
          [revision, seq, AT, before, after],
        );
      }
    } finally {
      await db.close();
    }
    const store = await openStore(database.location);
    try {
      const migrated = (await store.listRevisions('p'))!;
      expect(migrated.map((r) => [r.number, r.status, r.changes.length, r.steps, r.discarded])).toEqual([
        [1, 'approved', 1, 1, null],
        [3, 'open', 0, 2, null],
      ]);
      expect((await store.getPlan('p'))!.openRevision).toBe(3);

      const discarded = await store.discardRevision('p', 3, OFFICE, undefined, 'aperta per prova');
      expect(discarded.ok && discarded.value).toMatchObject({ number: 3, status: 'discarded', discarded: { by: 'controller', reason: 'aperta per prova' } });
      const kept = (await store.listRevisions('p'))!;
      expect(kept.map((r) => [r.number, r.status])).toEqual([
        [1, 'approved'],
        [3, 'discarded'],
      ]);
      expect(kept[1]!.discarded!.steps.map((s) => [s.seq, s.before, s.after])).toEqual([
        [1, { title: 'Uno' }, { title: 'Due' }],
        [2, { title: 'Due' }, { title: 'Uno' }],
      ]);
      // The next one after the last number the plan gave: no. 2, discarded before, is not given again.
      const next = await store.openRevision('p', { reason: 'Di nuovo', date: '2024-08-01' }, OFFICE);
      expect(next.ok && next.value.number).toBe(4);
    } finally {
      await store.close();
    }
    // The database holds the new status, and still one open revision a plan at most, nothing else.
    const check = database.open();
    try {
      await expect(check.run(`UPDATE plan_revisions SET status = 'withdrawn' WHERE plan_id = 'p' AND seq = 1`)).rejects.toThrow();
      await expect(check.run(`UPDATE plan_revisions SET status = 'open' WHERE plan_id = 'p' AND seq = 3`)).rejects.toThrow();
    } finally {
      await check.close();
    }
  }, 120_000);
});
