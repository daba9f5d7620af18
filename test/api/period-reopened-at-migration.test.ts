/**
 * Migration 87 on SQLite and PostgreSQL: a period keeps its latest reopening (when, who, why) on its
 * own row (whether the validated year end was reopened since the OIV's decision was looked for in
 * the last 10,000 entries of the audit trail on every read). A database of before (migrated up to
 * 86), migrated on: each period takes its latest move back to collecting from closed or validated
 * from the trail, whatever else that entry says; a period only ever opened to collecting, or never
 * moved, has none.
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

async function period(db: Db, id: string, label: string, state: string): Promise<void> {
  await db.run(`INSERT INTO periods (plan_id, id, label, ends_on, state, updated_at) VALUES ('p', ?, ?, ?, ?, '2025-09-01T00:00:00.000Z')`, [id, label, id, state]);
}

async function moved(db: Db, id: string, at: string, user: string, action: string, before: object, after: object, reason: string | null = null): Promise<void> {
  await db.run(`INSERT INTO audit (at, username, action, entity, entity_id, plan_id, before, after, reason) VALUES (?, ?, ?, 'period', ?, 'p', ?, ?, ?)`, [
    at,
    user,
    action,
    id,
    JSON.stringify(before),
    JSON.stringify(after),
    reason,
  ]);
}

describe.each<Backend>(['sqlite', 'postgres'])('migration 87 (a period’s latest reopening) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('takes each period’s latest reopening from the trail, none where the trail has none', async () => {
    const database = await old.database();
    const db = database.open();
    try {
      await migrate(db, 86);
      await db.run(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'Comune di Uno', ?)`, [AT]);
      await db.run(`INSERT INTO plans (id, organisation_id, title, year, version, published, settings, created_at, updated_at) VALUES ('p', 'o', 'Piano', 2024, 'plan', 1, ?, ?, ?)`, [
        JSON.stringify(settingsToJson(DEFAULT_SETTINGS)),
        AT,
        AT,
      ]);
      // The year end: reopened once closed, then once validated (the validation void), closed again, renamed after.
      await period(db, '2024-12-31', 'Consuntivo', 'closed');
      await moved(db, '2024-12-31', '2025-01-10T09:00:00.000Z', 'controller', 'transition', { state: 'open' }, { state: 'collecting' });
      await moved(db, '2024-12-31', '2025-02-10T09:00:00.000Z', 'controller', 'transition', { state: 'collecting' }, { state: 'closed' });
      await moved(db, '2024-12-31', '2025-02-20T09:00:00.000Z', 'admin', 'transition', { state: 'closed' }, { state: 'collecting' }, 'prima correzione');
      await moved(db, '2024-12-31', '2025-03-01T09:00:00.000Z', 'controller', 'transition', { state: 'collecting' }, { state: 'closed' });
      await moved(db, '2024-12-31', '2025-05-01T09:00:00.000Z', 'oiv', 'validate', { state: 'closed' }, { state: 'validated' });
      await moved(db, '2024-12-31', '2025-06-15T08:30:00.000Z', 'cli:mario', 'void-validation', { state: 'validated' }, { state: 'collecting', validationVoided: true }, 'errore su A.3');
      await moved(db, '2024-12-31', '2025-06-20T09:00:00.000Z', 'controller', 'transition', { state: 'collecting' }, { state: 'closed' });
      await moved(db, '2024-12-31', '2025-07-01T09:00:00.000Z', 'controller', 'update', { label: 'Anno' }, { label: 'Consuntivo' });
      // June: reopened once closed, the move naming values to enter again.
      await period(db, '2024-06-30', 'Primo semestre', 'collecting');
      await moved(db, '2024-06-30', '2024-08-01T09:00:00.000Z', 'admin', 'transition', { state: 'closed' }, { state: 'collecting', enteredInOldUnit: ['A.1:1'] }, 'unità cambiata');
      // September: opened to collecting and closed, never reopened. November: never moved.
      await period(db, '2024-09-30', '30/09/2024', 'closed');
      await moved(db, '2024-09-30', '2024-10-01T09:00:00.000Z', 'controller', 'transition', { state: 'open' }, { state: 'collecting' });
      await moved(db, '2024-09-30', '2024-10-20T09:00:00.000Z', 'controller', 'transition', { state: 'collecting' }, { state: 'closed' });
      await period(db, '2024-11-30', '30/11/2024', 'open');
    } finally {
      await db.close();
    }
    const store = await openStore(database.location);
    try {
      expect(await store.periodReopening('p', '2024-12-31', '')).toEqual({ at: '2025-06-15T08:30:00.000Z', user: 'cli:mario', reason: 'errore su A.3', label: 'Consuntivo', state: 'closed' });
      // Since the OIV's decision: that one; since after it, none.
      expect(await store.periodReopening('p', '2024-12-31', '2025-05-01T09:00:00.000Z')).toMatchObject({ at: '2025-06-15T08:30:00.000Z' });
      expect(await store.periodReopening('p', '2024-12-31', '2025-06-15T08:30:00.000Z')).toBeNull();
      expect(await store.periodReopening('p', '2024-06-30', '')).toEqual({ at: '2024-08-01T09:00:00.000Z', user: 'admin', reason: 'unità cambiata', label: 'Primo semestre', state: 'collecting' });
      expect(await store.periodReopening('p', '2024-09-30', '')).toBeNull();
      expect(await store.periodReopening('p', '2024-11-30', '')).toBeNull();
    } finally {
      await store.close();
    }
  }, 120_000);
});
