/**
 * Migration 85 on SQLite and PostgreSQL: a period keeps when it became validated on its own row
 * (dati.json's `validatedAt` reads that one column; it was looked for in the last 10,000 entries of
 * the audit trail on every read). A database of before (migrated up to 84), migrated on: a validated
 * period takes its latest validation from the trail — by the OIV's move, or with the Relazione it
 * validated (both say the period's new state) —, a period validated with no such entry stays
 * unknown, one no longer validated (reopened) is not said validated.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/index.js';
import { settingsToJson } from '../../src/store/codec.js';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';
import { oldDatabase } from '../support/old-database.js';
import type { Backend } from './harness.js';

const AT = '2024-02-01T00:00:00.000Z';

async function period(db: Db, id: string, state: string): Promise<void> {
  await db.run(`INSERT INTO periods (plan_id, id, label, ends_on, state, updated_at) VALUES ('p', ?, ?, ?, ?, '2025-09-01T00:00:00.000Z')`, [id, id, id, state]);
}

async function moved(db: Db, id: string, at: string, action: string, from: string, to: string): Promise<void> {
  await db.run(`INSERT INTO audit (at, username, action, entity, entity_id, plan_id, before, after) VALUES (?, 'oiv', ?, 'period', ?, 'p', ?, ?)`, [
    at,
    action,
    id,
    JSON.stringify({ state: from }),
    JSON.stringify({ state: to }),
  ]);
}

describe.each<Backend>(['sqlite', 'postgres'])('migration 85 (when a period became validated) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('takes each validated period’s latest validation from the trail, none where the trail has none', async () => {
    const database = await old.database();
    const db = database.open();
    try {
      await migrate(db, 84);
      await db.run(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'Comune di Uno', ?)`, [AT]);
      await db.run(`INSERT INTO plans (id, organisation_id, title, year, version, published, settings, created_at, updated_at) VALUES ('p', 'o', 'Piano', 2024, 'plan', 1, ?, ?, ?)`, [
        JSON.stringify(settingsToJson(DEFAULT_SETTINGS)),
        AT,
        AT,
      ]);
      // June: validated twice by the OIV (reopened between), renamed after: the latest validation, not the rename.
      await period(db, '2024-06-30', 'validated');
      await moved(db, '2024-06-30', '2025-01-10T09:00:00.000Z', 'validate', 'closed', 'validated');
      await moved(db, '2024-06-30', '2025-02-10T09:00:00.000Z', 'void-validation', 'validated', 'collecting');
      await moved(db, '2024-06-30', '2025-03-10T09:00:00.000Z', 'validate', 'closed', 'validated');
      await db.run(
        `INSERT INTO audit (at, username, action, entity, entity_id, plan_id, before, after) VALUES ('2025-04-01T09:00:00.000Z', 'controller', 'update', 'period', '2024-06-30', 'p', '{"label":"a"}', '{"label":"b"}')`,
      );
      // September: validated by a move the trail called a transition (its new state says it).
      await period(db, '2024-09-30', 'validated');
      await moved(db, '2024-09-30', '2025-05-05T10:00:00.000Z', 'transition', 'closed', 'validated');
      // The year end: validated once, reopened since. November: validated, with no entry on the trail.
      await period(db, '2024-12-31', 'collecting');
      await moved(db, '2024-12-31', '2025-06-01T10:00:00.000Z', 'validate', 'closed', 'validated');
      await period(db, '2024-11-30', 'validated');
    } finally {
      await db.close();
    }
    const store = await openStore(database.location);
    try {
      expect(await store.periodValidatedAt('p', '2024-06-30')).toBe('2025-03-10T09:00:00.000Z');
      expect(await store.periodValidatedAt('p', '2024-09-30')).toBe('2025-05-05T10:00:00.000Z');
      expect(await store.periodValidatedAt('p', '2024-12-31')).toBeNull();
      expect(await store.periodValidatedAt('p', '2024-11-30')).toBeNull();
    } finally {
      await store.close();
    }
  }, 120_000);
});
