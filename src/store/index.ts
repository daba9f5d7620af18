/**
 * The store's public face: `openStore` picks the backend from a URL or a file path.
 *
 * @example
 *   const store = await openStore(process.env.DATABASE_URL ?? 'data/albero.sqlite');
 */
import { statSync } from 'node:fs';
import { english, type Coded, type Params } from '../messages/index.js';
import { openPostgres } from './postgres/db.js';
import { SqlStore } from './sql-store.js';
import { openSqlite } from './sqlite/db.js';
import type { Store } from './types.js';

export * from './types.js';
export type { AppraisalStore, DistributionRecord, FormChange, FormRecord, NewForm, SmvpRecord } from './appraisals.js';
export { attachmentJson, type AttachmentRecord, type AttachmentStore, type NewAttachment } from './attachments.js';
export type { CommentAuthor, CommentRecord, CommentStore } from './comments.js';
export { EMAIL_LANGUAGES, isEmail, type EmailLanguage, type EmailStore } from './emails.js';
export { REMINDER_STAGES, REMINDER_STATUSES, type ReminderDraft, type ReminderRecord, type ReminderStage, type ReminderStatus, type ReminderStore } from './reminders.js';
export { type ForecastInput, type ForecastRecord, type VarianceInput, type VarianceRecord, type VarianceStore } from './variances.js';
export type { PublishedPeriod, RelazioneRecord, RelazioneStore, ReviewInput } from './relazioni.js';
export { canTransition, isIsoDate, isLocked, isReopening, italianDate, periodDateProblem, periodProblemText, periodsProblem, type NewPeriod, type PeriodDateProblem } from './periods.js';
export { defaultPeriods } from './plan-store.js';
export { measurementJson, toMeasurement } from './records.js';
export { inputsToJson } from './codec.js';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** The location as it may be shown: a PostgreSQL URL without its user and password. */
export function shownLocation(location: string): string {
  return isPostgresUrl(location) ? location.replace(/\/\/[^@/]*@/, '//…@') : location;
}

/**
 * `postgres://…` opens PostgreSQL; anything else is a SQLite file (`:memory:` for a throwaway one).
 * A database the person named wrongly (a folder, a file that is not SQLite, a read-only file, a
 * server that does not answer or refuses) is a `database-unusable` error (see `isDatabaseUnusable`):
 * the CLI says it as bad input and the server as a reason it cannot start, never as a bug.
 */
export async function openStore(location: string): Promise<Store> {
  const db = isPostgresUrl(location) ? openPostgres(location) : sqliteOrExplain(location);
  try {
    return await SqlStore.open(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw unusable(location, error) ?? error;
  }
}

function sqliteOrExplain(location: string): ReturnType<typeof openSqlite> {
  try {
    return openSqlite(location);
  } catch (error) {
    throw unusable(location, error) ?? error;
  }
}

type DatabaseReason = Params<'database-unusable'>['reason'];

/** The driver's codes for a database that cannot be used as named; anything else stays a bug. */
const REASONS: ReadonlyMap<string, DatabaseReason> = new Map<string, DatabaseReason>([
  ['SQLITE_CANTOPEN', 'cannot-open'],
  ['SQLITE_NOTADB', 'not-a-database'],
  ['SQLITE_CORRUPT', 'damaged'],
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_PERM', 'read-only'],
  ['ECONNREFUSED', 'unreachable'],
  ['ENOTFOUND', 'unreachable'],
  ['EAI_AGAIN', 'unreachable'],
  ['ETIMEDOUT', 'unreachable'],
  ['EHOSTUNREACH', 'unreachable'],
  // PostgreSQL's own refusals: wrong password or user, no such database.
  ['28P01', 'refused'],
  ['28000', 'refused'],
  ['3D000', 'refused'],
]);

function unusable(location: string, error: unknown): (Error & Coded) | null {
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite's extended codes (SQLITE_READONLY_DIRECTORY, SQLITE_CANTOPEN_ISDIR…) by their primary one.
  let reason = typeof code === 'string' ? (REASONS.get(code) ?? REASONS.get(code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1'))) : undefined;
  if (reason === undefined) return null;
  if (reason === 'cannot-open' && !isPostgresUrl(location) && isFolder(location)) reason = 'folder';
  const params: Params<'database-unusable'> = { database: shownLocation(location), reason, ...(reason === 'refused' ? { detail: (error as Error).message } : {}) };
  return Object.assign(new Error(english('database-unusable', params)), { code: 'database-unusable', params });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A database named wrongly, from `openStore`: said by its code in the reader's language. */
export function isDatabaseUnusable(error: unknown): error is Error & Coded {
  return error instanceof Error && (error as Partial<Coded>).code === 'database-unusable';
}
