/**
 * What the store's aggregate modules share: results, the clock, the row locks PostgreSQL needs,
 * the plan's data version (the cache key of evaluations, bumped by every change in the change's
 * own transaction) and batched inserts. The audit trail's writer is audit-log.ts `recordAudit`.
 */
import type { MessageParams } from '../core/index.js';
import { one, type Db, type Param, type Queryable } from './db.js';
import type { Failure, Result } from './types.js';

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** A refusal: `message` in English, `params` for the catalogue (src/messages/api.ts) to say it in the reader's language (required: a refusal names what it refuses). */
export const fail = <T>(code: Failure['code'], message: string, details: Record<string, unknown> | undefined, params: MessageParams): Result<T> => ({
  ok: false,
  error: { code, message, ...(details === undefined ? {} : { details }), params },
});
/**
 * The refusal of a write made against a version that is no longer current: `what` names the
 * record for the catalogue, `noun` for the English message; `current` is the record as it is now.
 */
export const staleVersion = <T>(what: string, noun: string, by: string | null, version: number, sent: number, current: unknown): Result<T> =>
  fail('conflict', `this ${noun} was changed by ${by ?? 'someone else'} in the meantime (version ${version}, you sent ${sent}): reload and try again`, { current }, { what, by, version, sent });
/** Who last saved a record and when, with its version: what a stale save's refusal tells (never the record's content). */
export interface SavedAs {
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
}
/**
 * A save made from version `sent` of a record now `current`: the refusal (`staleVersion`, details.current
 * the version, who saved it and when), or null when `sent` is current or was not sent (a client that
 * names no version saves as before).
 */
export const staleSave = <T>(what: 'plan' | 'period' | 'revision', noun: string, sent: number | undefined, current: SavedAs): Result<T> | null =>
  sent === undefined || sent === current.version ? null : staleVersion(what, noun, current.updatedBy, current.version, sent, current);
/**
 * The refusal of a first write that another first write beat to it (the primary key let one in):
 * `current`, the winner's record as it is now (read after the insert gave way), `by` who entered it.
 */
export const enteredMeanwhile = <T>(what: string, noun: string, current?: unknown, by: string | null = null): Result<T> =>
  fail('conflict', `this ${noun} was entered by ${by ?? 'someone else'} in the meantime: reload and try again`, current === undefined ? undefined : { current }, { what, entered: true, by });
/** The refusal of a plan id that names no plan. */
export const noPlan = <T>(planId: string): Result<T> => fail('not-found', `there is no plan with the id ${planId}`, undefined, { what: 'plan', id: planId });
export const now = (): string => new Date().toISOString();
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** PostgreSQL: lock the row read inside a transaction, so a concurrent change waits (SQLite writers are serial already). */
export function forUpdate(db: Pick<Db, 'dialect'>): string {
  return db.dialect === 'postgres' ? ' FOR UPDATE' : '';
}

/**
 * An `ORDER BY` term for a code or an id (objective codes, indicator and period ids): code-point
 * order on both backends. SQLite compares bytes; PostgreSQL would follow the database's collation,
 * which on a server set to a language's locale (it_IT, an ICU one) puts "b.1" before "C.1": told
 * "C", it compares as SQLite does, whatever the server's setting.
 */
export function byCode(db: Pick<Db, 'dialect'>, column: string): string {
  return db.dialect === 'postgres' ? `${column} COLLATE "C"` : column;
}

/** PostgreSQL: share-lock the row read, so a change that locks it for update waits for this one. */
export function shareLock(db: Pick<Db, 'dialect'>): string {
  return db.dialect === 'postgres' ? ' FOR SHARE' : '';
}

/**
 * PostgreSQL: key-share-lock the plan's row read by a write of its contents, so an archiving (which
 * reads the row FOR UPDATE) waits for the write in flight, and a write after it waits for it and then
 * sees it. A key share and not a plain share: the write then bumps the plan's data version (a plain
 * UPDATE), which a share lock held by a second writer would block, each waiting on the other.
 */
export function planShareLock(db: Pick<Db, 'dialect'>): string {
  return db.dialect === 'postgres' ? ' FOR KEY SHARE' : '';
}

/**
 * Whether the plan is archived (an archived plan refuses every change), its row locked against an
 * archiving in flight (`planShareLock`). Asked first in a write's transaction, before its period's
 * or indicator's rows are locked: the plan's row, then its parts, the order a Relazione's move
 * (plan, then last period) takes too, so the two never wait on each other.
 */
export async function isArchived(tx: Queryable, db: Pick<Db, 'dialect'>, planId: string): Promise<boolean> {
  const row = await one(tx, `SELECT archived_at FROM plans WHERE id = ?${planShareLock(db)}`, [planId]);
  return row !== undefined && row.archived_at !== null;
}

export async function touch(tx: Queryable, planId: string): Promise<void> {
  await tx.run(`UPDATE plans SET data_version = data_version + 1, updated_at = ? WHERE id = ?`, [now(), planId]);
}

/** Inserts rows in bulk: PostgreSQL a few thousand rows a statement, SQLite one prepared statement run for each (see the backends' `insert`). */
export async function insertMany(tx: Queryable, table: string, columns: readonly string[], rows: ReadonlyArray<readonly Param[]>): Promise<void> {
  if (rows.length > 0) await tx.insert(table, columns, rows);
}
