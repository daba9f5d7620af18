/**
 * What deleting an objective or an indicator keeps. A revision changes the plan going forward; the
 * record of a closed or validated period stays as it was closed. Its frozen closing keeps the
 * definitions and the values, but not the live rows a reopening reads, nor the evidence files'
 * bytes, nor the comment threads (the office's, the referente's and the OIV's discussion, which
 * stays possible after a closing). So before the indicator's row goes (and its rows with it, by
 * their foreign keys) the deletion copies here, as they were:
 * - the values, review steps and evidence files (with their bytes) of the closed and validated
 *   periods: a locked period loses nothing;
 * - the comment threads of every period: what was said is never deleted.
 * The values and files of the periods still open are what the revision removes (with the user's
 * confirmation, `removed-values.ts`). `kept_indicators` says whose they are (the deleted indicator's
 * objective, name and assignment), so the same people read them afterwards, read-only, and a new
 * indicator never takes a deleted one's id (its records would seem its own).
 */
import type { Dialect, Queryable } from './db.js';
import { readIndicatorContext } from './measurement-store.js';
import { measurementRecord } from './records.js';
import type { Removed } from './removed-values.js';
import type { KeptAssignment, KeptCounts, KeptIndicator, MeasurementRecord } from './types.js';

const MEASUREMENT_COLUMNS = 'plan_id, indicator_id, period_id, state, actual, inputs, reason, evidence, source, notes, entered_by, entered_at, version';
const REVIEW_COLUMNS = 'id, plan_id, indicator_id, period_id, measurement_version, action, note, user_id, username, at';
const ATTACHMENT_COLUMNS = 'id, plan_id, indicator_id, period_id, name, media_type, size, sha256, uploaded_by, uploaded_at, content';
const COMMENT_COLUMNS = 'id, seq, plan_id, indicator_id, period_id, author, author_name, author_role, body, created_at';

/**
 * Migration 79. The kept tables have the live tables' columns and their keys to the plan and the
 * period, not to the indicator, which is gone. A plan holding a closed period is never deleted
 * (it is archived); an open period holding a kept thread is not deleted either (`has-comments`).
 */
export const KEPT_MIGRATION = {
  version: 79,
  name: "a deleted objective's or indicator's records kept: the values, reviews and evidence files of closed and validated periods, and every comment thread",
  sql: (d: Dialect): string[] => {
    const periodKeys = `FOREIGN KEY (plan_id) REFERENCES plans(id) ON DELETE CASCADE, FOREIGN KEY (plan_id, period_id) REFERENCES periods(plan_id, id) ON DELETE CASCADE`;
    return [
      `CREATE TABLE kept_indicators (
          plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
          indicator_id TEXT NOT NULL,
          node_code TEXT NOT NULL,
          name TEXT NOT NULL,
          assignment TEXT NOT NULL,
          deleted_at TEXT NOT NULL,
          deleted_by TEXT,
          PRIMARY KEY (plan_id, indicator_id))`,
      `CREATE TABLE kept_measurements (
          plan_id TEXT NOT NULL, indicator_id TEXT NOT NULL, period_id TEXT NOT NULL, state TEXT NOT NULL, actual TEXT, inputs TEXT, reason TEXT, evidence TEXT,
          source TEXT, notes TEXT, entered_by TEXT, entered_at TEXT NOT NULL, version INTEGER NOT NULL,
          PRIMARY KEY (plan_id, indicator_id, period_id), ${periodKeys})`,
      `CREATE TABLE kept_measurement_reviews (
          id INTEGER PRIMARY KEY, plan_id TEXT NOT NULL, indicator_id TEXT NOT NULL, period_id TEXT NOT NULL, measurement_version INTEGER NOT NULL,
          action TEXT NOT NULL, note TEXT, user_id TEXT, username TEXT NOT NULL, at TEXT NOT NULL, ${periodKeys})`,
      `CREATE TABLE kept_attachments (
          id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, indicator_id TEXT NOT NULL, period_id TEXT NOT NULL, name TEXT NOT NULL, media_type TEXT NOT NULL,
          size BIGINT NOT NULL, sha256 TEXT NOT NULL, uploaded_by TEXT, uploaded_at TEXT NOT NULL, content ${d === 'postgres' ? 'BYTEA' : 'BLOB'} NOT NULL, ${periodKeys})`,
      `CREATE INDEX kept_attachments_by_measurement ON kept_attachments (plan_id, indicator_id, period_id, uploaded_at)`,
      `CREATE TABLE kept_comments (
          id TEXT PRIMARY KEY, seq INTEGER NOT NULL, plan_id TEXT NOT NULL, indicator_id TEXT NOT NULL, period_id TEXT NOT NULL, author TEXT NOT NULL,
          author_name TEXT NOT NULL, author_role TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
          UNIQUE (plan_id, indicator_id, period_id, seq), ${periodKeys})`,
    ];
  },
};

/** The removed indicators' ids, as a condition on a table aliased `t`, with its parameters. */
function scopeOf(planId: string, removed: Removed): { where: string; params: string[] } {
  return 'indicator' in removed
    ? { where: 't.plan_id = ? AND t.indicator_id = ?', params: [planId, removed.indicator] }
    : { where: 't.plan_id = ? AND t.indicator_id IN (SELECT id FROM indicators WHERE plan_id = ? AND node_code = ?)', params: [planId, planId, removed.node] };
}

const LOCKED = `t.period_id IN (SELECT id FROM periods WHERE plan_id = t.plan_id AND state IN ('closed', 'validated'))`;

/**
 * Copies the removed indicators' records to keep (see above) and names each indicator in
 * `kept_indicators`, in the deletion's transaction, before the indicators' rows go.
 */
export async function keepRecords(tx: Queryable, planId: string, removed: Removed, at: string, by: string | null): Promise<KeptCounts> {
  const { where, params } = scopeOf(planId, removed);
  const copy = async (table: string, columns: string, condition: string): Promise<number> =>
    (await tx.run(`INSERT INTO kept_${table} (${columns}) SELECT ${columns.replace(/(^|, )/g, '$1t.')} FROM ${table} t WHERE ${where} AND ${condition}`, params)).changes;
  await copy('measurements', MEASUREMENT_COLUMNS, LOCKED);
  // Counted as the open periods' losses are: a value is measured, not achieved or not evaluable.
  const values = Number((await tx.all<{ n: unknown }>(`SELECT COUNT(*) AS n FROM kept_measurements t WHERE ${where} AND ${LOCKED} AND t.state <> 'not_measured'`, params))[0]!.n);
  await copy('measurement_reviews', REVIEW_COLUMNS, LOCKED);
  const files = await copy('attachments', ATTACHMENT_COLUMNS, LOCKED);
  const comments = await copy('comments', COMMENT_COLUMNS, '1 = 1');
  const indicators = await tx.all<{ id: string; node_code: string; name: string }>(`SELECT t.id, t.node_code, t.name FROM indicators t WHERE ${where.replace(/t\.indicator_id/g, 't.id')}`, params);
  for (const i of indicators) {
    const context = (await readIndicatorContext(tx, planId, i.id))!;
    const assignment: KeptAssignment = {
      owner: context.owner,
      objectiveOwners: context.objectiveOwners,
      objectiveUnitNames: context.objectiveUnitNames,
      unitIds: context.unitIds,
      personIds: context.personIds,
    };
    await tx.run(
      `INSERT INTO kept_indicators (plan_id, indicator_id, node_code, name, assignment, deleted_at, deleted_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (plan_id, indicator_id) DO UPDATE SET node_code = excluded.node_code, name = excluded.name, assignment = excluded.assignment, deleted_at = excluded.deleted_at, deleted_by = excluded.deleted_by`,
      [planId, String(i.id), String(i.node_code), String(i.name), JSON.stringify(assignment), at, by],
    );
  }
  return { values, files, comments };
}

/** A deleted indicator whose records are kept, or undefined (an indicator never deleted, or unknown). */
export async function keptIndicator(q: Queryable, planId: string, indicatorId: string): Promise<KeptIndicator | undefined> {
  const rows = await q.all<{ node_code: string; name: string; assignment: string; deleted_at: string }>(
    `SELECT node_code, name, assignment, deleted_at FROM kept_indicators WHERE plan_id = ? AND indicator_id = ?`,
    [planId, indicatorId],
  );
  const r = rows[0];
  if (r === undefined) return undefined;
  return { indicatorId, objective: String(r.node_code), name: String(r.name), deletedAt: String(r.deleted_at), ...(JSON.parse(String(r.assignment)) as KeptAssignment) };
}

/** The ids a new indicator of the plan must not take: those of deleted indicators with kept records. */
export async function keptIndicatorIds(q: Queryable, planId: string): Promise<Set<string>> {
  return new Set((await q.all<{ indicator_id: string }>(`SELECT indicator_id FROM kept_indicators WHERE plan_id = ?`, [planId])).map((r) => String(r.indicator_id)));
}

/**
 * The values a deletion kept in one period (closed or validated when the indicator was deleted), by
 * indicator id: what a reopened period's comparison with its closing shows beside each deleted
 * indicator's definition, read-only.
 */
export async function keptValues(q: Queryable, planId: string, periodId: string): Promise<Map<string, MeasurementRecord>> {
  // A map looked up by indicator id: no order to ask of the database (whose collation could vary).
  const rows = await q.all(`SELECT * FROM kept_measurements WHERE plan_id = ? AND period_id = ?`, [planId, periodId]);
  return new Map(rows.map((r) => [String(r.indicator_id), measurementRecord(r)]));
}
