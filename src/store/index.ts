/**
 * The store's public face: `openStore` picks the backend from a URL or a file path.
 *
 * @example
 *   const store = await openStore(process.env.DATABASE_URL ?? 'data/albero.sqlite');
 */
import { statSync } from 'node:fs';
import { english, type Coded, type ConflictSubject, type Params, type StoredMeanwhile } from '../messages/index.js';
import { openPostgres } from './postgres/db.js';
import { SqlStore } from './sql-store.js';
import { openSqlite } from './sqlite/db.js';
import type { Store } from './types.js';
import { DatabaseConnectionError } from './db.js';

export * from './types.js';
export { DatabaseConnectionError } from './db.js';
export {
  formClash,
  PLAN_CHANGED,
  type AppraisalStore,
  type DistributionRecord,
  type FormChange,
  type FormRecord,
  type NewForm,
  type SmvpRecord,
  type StrandedBody,
  type StrandedGroup,
} from './appraisals.js';
export { attachmentJson, type AlreadyAttached, type ApprovedEvidence, type ApprovedValue, type AttachmentRecord, type AttachmentStore, type NewAttachment } from './attachments.js';
export type { CommentAuthor, CommentRecord, CommentStore } from './comments.js';
export { IDEMPOTENCY_KEPT_MS, type IdempotencyClaim, type IdempotencyStore, type IdempotentRequest, type StoredAnswer } from './idempotency.js';
export { EMAIL_LANGUAGES, isEmail, type EmailLanguage, type EmailStore } from './emails.js';
export { correctedAfterRequest } from './reviews.js';
export { approvalAsItStands, supersededApproval, valueState } from './review-steps.js';
export { REMINDER_STAGES, REMINDER_STATUSES, type ReminderCancelReason, type ReminderDraft, type ReminderRecord, type ReminderStage, type ReminderStatus, type ReminderStore } from './reminders.js';
export { type ForecastInput, type ForecastRecord, type VarianceInput, type VarianceRecord, type VarianceStore } from './variances.js';
export type { CoverCause, CoverPreviousYear, LastYearBasis, PublishedPeriod, RelazioneCover, RelazioneDecision, RelazioneFreeze, RelazioneRecord, RelazioneStore, ReviewInput } from './relazioni.js';
export {
  deadlineProblem,
  isIsoDate,
  isLocked,
  isMove,
  isReopening,
  italianDate,
  periodDateProblem,
  periodProblemText,
  periodsProblem,
  transitionParams,
  type NewPeriod,
  type PeriodDateProblem,
} from './periods.js';
export { defaultPeriods } from './plan-store.js';
export { measurementJson, toMeasurement } from './records.js';
export { canonicalJson, inputsToJson, planToJson, sameStored } from './codec.js';
export { unitKey } from './units.js';

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
 * server that does not answer or refuses) is a `database-unusable` error (see `databaseProblem`):
 * the CLI says it as bad input and the server as a reason it cannot start, never as a bug.
 */
export async function openStore(location: string, options: StoreOptions = {}): Promise<Store> {
  // pg reads `postgres://%zz` as a server named "%zz" and said it did not answer; a URL it cannot
  // read at all (a port past 65535) was an internal error. Said before any connection is tried.
  if (isPostgresUrl(location) && postgresTarget(location) === null) {
    const params: Params<'database-unusable'> = { database: shownLocation(location), reason: 'bad-url' };
    throw Object.assign(new Error(english('database-unusable', params)), { code: 'database-unusable', params });
  }
  const db = isPostgresUrl(location) ? openPostgres(location) : sqliteOrExplain(location, options);
  try {
    return await SqlStore.open(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw databaseProblem(location, error) ?? error;
  }
}

/** How a store is opened beyond its location. */
export interface StoreOptions {
  /**
   * SQLite: how long a statement waits for a lock another connection holds before it fails as
   * `busy` (default 5,000 ms, a command's; the server's is `SERVER_BUSY_TIMEOUT_MS`).
   * better-sqlite3 waits synchronously, so a server answers nothing else meanwhile.
   */
  readonly busyTimeoutMs?: number;
}

/**
 * The server's SQLite busy timeout unless `ALBERO_SQLITE_BUSY_TIMEOUT_MS` says otherwise. The wait
 * holds the whole server (better-sqlite3 is synchronous: not even /api/health is answered), so it
 * is kept to what another process's write needs: a reminder run or an account created from the
 * CLI commits in milliseconds, tens with synchronous=FULL's flush on a slow disk. Half a second
 * covers those with room; a lock held longer (a big import by another server, a long maintenance)
 * is answered 503 with Retry-After at once rather than after a 5 s freeze of every request.
 */
export const SERVER_BUSY_TIMEOUT_MS = 500;

/**
 * `ALBERO_SQLITE_BUSY_TIMEOUT_MS` from `env`: `{}` when unset (the caller's default holds), else
 * the milliseconds it gives; a value that is not a whole number of milliseconds (0: never wait) is
 * a `setting-invalid` error, never a silent fallback.
 */
export function storeOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): StoreOptions {
  const name = 'ALBERO_SQLITE_BUSY_TIMEOUT_MS';
  const text = env[name]?.trim() ?? '';
  if (text === '') return {};
  const ms = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(ms)) {
    const params: Params<'setting-invalid'> = { name, value: text.slice(0, 80), what: 'milliseconds' };
    throw Object.assign(new Error(english('setting-invalid', params)), { code: 'setting-invalid', params });
  }
  return { busyTimeoutMs: ms };
}

function sqliteOrExplain(location: string, options: StoreOptions): ReturnType<typeof openSqlite> {
  try {
    return openSqlite(location, options.busyTimeoutMs);
  } catch (error) {
    throw databaseProblem(location, error) ?? error;
  }
}

/** Why a database cannot be used as it stands (at opening, or met while a command or a request works). */
export type DatabaseReason = Params<'database-unusable'>['reason'];

/** The driver's codes for a database that cannot be used as it stands; anything else stays a bug. */
const REASONS: ReadonlyMap<string, DatabaseReason> = new Map<string, DatabaseReason>([
  ['SQLITE_CANTOPEN', 'cannot-open'],
  ['SQLITE_NOTADB', 'not-a-database'],
  ['SQLITE_CORRUPT', 'damaged'],
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_PERM', 'read-only'],
  // Met while a command works as well as at opening: a lock held past the busy timeout, a full
  // disk, a failed read or write.
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_FULL', 'full'],
  ['SQLITE_IOERR', 'io-error'],
  ['ECONNREFUSED', 'unreachable'],
  ['ENOTFOUND', 'unreachable'],
  ['EAI_AGAIN', 'unreachable'],
  ['ETIMEDOUT', 'unreachable'],
  ['EHOSTUNREACH', 'unreachable'],
  ['ECONNRESET', 'unreachable'],
  // PostgreSQL's own refusals: wrong password, a user it does not let in, no such database.
  ['28P01', 'wrong-password'],
  ['28000', 'user-not-allowed'],
  ['3D000', 'no-such-database'],
  // PostgreSQL going away or full while a command works: the connection lost or cut by the
  // server, the disk full, a lock not granted.
  ['08000', 'unreachable'],
  ['08003', 'unreachable'],
  ['08006', 'unreachable'],
  ['57P01', 'unreachable'],
  ['57P02', 'unreachable'],
  ['57P03', 'unreachable'],
  ['53100', 'full'],
  ['55P03', 'busy'],
  // A deadlock, a serialization failure: another transaction got in the way; the same work done
  // again a moment later goes through.
  ['40P01', 'busy'],
  ['40001', 'busy'],
]);

/**
 * Why the database driver's `error` says the database cannot be used now, or null for anything
 * else (a bug stays a bug). The one classification of the CLI (`databaseProblem`) and the server
 * (errors.ts): SQLite's codes, PostgreSQL's SQLSTATEs, and a connection to PostgreSQL lost or
 * never made (`DatabaseConnectionError`, so another service's ECONNREFUSED is not taken for the
 * database's).
 */
export function databaseReason(error: unknown): DatabaseReason | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(error instanceof Error)) return null;
  const fromDriver = code.startsWith('SQLITE_') || 'severity' in error || error instanceof DatabaseConnectionError;
  if (!fromDriver) return null;
  // SQLite's extended codes (SQLITE_READONLY_DIRECTORY, SQLITE_CANTOPEN_ISDIR…) by their primary one.
  return REASONS.get(code) ?? REASONS.get(code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')) ?? null;
}

/**
 * A change the database refused by one of its own rules, met while a request works: the same row
 * stored meanwhile by another writer (`unique`), a row it refers to changed or deleted meanwhile
 * (`foreign-key`), a value its CHECK refuses (`check`). `subject` names what conflicts where the
 * driver says it: SQLite names the table and columns of a unique index, PostgreSQL the table, the
 * columns (in its detail) and, for a reference, the table referred to.
 */
export type ConstraintViolation = StoredMeanwhile;

/** The unique indexes (their table and columns in name order) and the tables a reference may miss, by the subject the reader knows. */
const UNIQUE_SUBJECTS: Readonly<Record<string, ConflictSubject>> = {
  'users(username)': 'username',
  'users(email)': 'email',
  'org_units(code)': 'unit-code',
  'org_units(name_key)': 'unit-name',
  'periods(id,plan_id)': 'period',
  'nodes(code,plan_id)': 'objective',
  'indicators(id,plan_id)': 'indicator',
  'measurements(indicator_id,period_id,plan_id)': 'measurement',
  'appraisal_forms(organisation,person_id,year)': 'appraisal-form',
  'plan_revisions(plan_id)': 'revision',
  'plans(organisation_id,title,version,year)': 'plan-title',
};
const REFERRED_SUBJECTS: Readonly<Record<string, ConflictSubject>> = {
  plans: 'plan',
  periods: 'period',
  nodes: 'objective',
  indicators: 'indicator',
  users: 'user',
  org_units: 'unit',
};

/**
 * The database's refusal of a change by a unique index, a reference or a CHECK, or null for any
 * other error (a NOT NULL or a trigger refusing is a statement of ours gone wrong: a bug).
 */
export function constraintViolation(error: unknown): ConstraintViolation | null {
  if (!(error instanceof Error)) return null;
  const { code } = error as { code?: unknown };
  if (typeof code !== 'string') return null;
  const message = error.message;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // "UNIQUE constraint failed: periods.plan_id, periods.id"
    const columns =
      /constraint failed: (.*)$/
        .exec(message)?.[1]
        ?.split(',')
        .map((c) => c.trim().split('.')) ?? [];
    const table = columns[0]?.[0];
    return withSubject(
      'unique',
      table === undefined
        ? undefined
        : UNIQUE_SUBJECTS[
            uniqueKey(
              table,
              columns.map((c) => c[1] ?? ''),
            )
          ],
    );
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { constraint: 'foreign-key' };
  if (code === 'SQLITE_CONSTRAINT_CHECK') return { constraint: 'check' };
  if (!('severity' in error)) return null;
  const { table, detail } = error as { table?: unknown; detail?: unknown };
  const said = typeof detail === 'string' ? detail : '';
  if (code === '23505') {
    // "Key (plan_id, id)=(…) already exists."
    const columns =
      /^Key \(([^)]*)\)=/
        .exec(said)?.[1]
        ?.split(',')
        .map((c) => c.trim()) ?? [];
    return withSubject('unique', typeof table === 'string' ? UNIQUE_SUBJECTS[uniqueKey(table, columns)] : undefined);
  }
  // "Key (plan_id, period_id)=(…) is not present in table "periods"."
  if (code === '23503') return withSubject('foreign-key', REFERRED_SUBJECTS[/is not present in table "([^"]+)"/.exec(said)?.[1] ?? '']);
  if (code === '23514') return { constraint: 'check' };
  return null;
}

function uniqueKey(table: string, columns: readonly string[]): string {
  return `${table}(${[...columns].sort().join(',')})`;
}

function withSubject(constraint: ConstraintViolation['constraint'], subject: ConflictSubject | undefined): ConstraintViolation {
  return subject === undefined ? { constraint } : { constraint, subject };
}

/**
 * The database's own problem in words, or null for anything else (a bug stays a bug): a database
 * that cannot be used as it stands (`database-unusable`: named wrongly, or found damaged, full,
 * locked or gone while a command works), or a change it refused (`database-refused`: a constraint
 * or trigger of its own, a row another program wrote meanwhile). Raised by the driver after the
 * database opened fine, these were said as an internal error.
 */
export function databaseProblem(location: string, error: unknown): (Error & Coded) | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const database = shownLocation(location);
  if (/^SQLITE_CONSTRAINT/.test(code) || /^23[0-9A-Z]{3}$/.test(code)) {
    const params: Params<'database-refused'> = { database, detail: (error as Error).message };
    return Object.assign(new Error(english('database-refused', params)), { code: 'database-refused', params });
  }
  let reason = databaseReason(error);
  if (reason === null) return null;
  if (reason === 'cannot-open' && !isPostgresUrl(location) && isFolder(location)) reason = 'folder';
  // PostgreSQL's refusals name the database, server and user in our words; the driver's were
  // English inside an Italian sentence. The password is never among them.
  const target = isPostgresUrl(location) ? postgresTarget(location) : null;
  const params: Params<'database-unusable'> = { database, reason, ...(target === null ? {} : target) };
  return Object.assign(new Error(english('database-unusable', params)), { code: 'database-unusable', params });
}

/**
 * The server (host:port), database and user a PostgreSQL URL connects to, with pg's defaults for
 * what it leaves out (the PG* variables, then localhost:5432, the system user, a database named as
 * the user); null when it cannot be read: a `%` not starting an escape (pg took `%zz` for a host
 * of that name), or no URL at all (a port past 65535, a space in the host).
 */
export function postgresTarget(location: string): { server: string; name: string; user: string } | null {
  if (/%(?![0-9a-f]{2})/i.test(location)) return null;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return null;
  }
  const decoded = (text: string): string | null => {
    try {
      return decodeURIComponent(text);
    } catch {
      return null; // An escape that is no UTF-8 (`%ff`).
    }
  };
  const host = decoded(url.hostname);
  const user = decoded(url.username);
  const name = decoded(url.pathname.slice(1));
  if (host === null || user === null || name === null || decoded(url.password) === null) return null;
  const env = process.env;
  const who = user !== '' ? user : (env.PGUSER ?? env.USER ?? '');
  return {
    server: `${host !== '' ? host : (env.PGHOST ?? 'localhost')}:${url.port !== '' ? url.port : (env.PGPORT ?? '5432')}`,
    name: name !== '' ? name : (env.PGDATABASE ?? who),
    user: who,
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Any other error the database driver raised (SQLite's `SQLITE_ERROR` "no such table", a PostgreSQL
 * syntax error): a statement of ours the database could not run, so a bug, said as the database's
 * answer with its code (`database-failed`), or null for an error that is not the driver's.
 */
export function databaseFailure(location: string, error: unknown): (Error & Coded) | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string') return null;
  // better-sqlite3's codes are SQLITE_*; pg's are five-character SQLSTATEs with a severity.
  if (!code.startsWith('SQLITE_') && !(/^[0-9A-Z]{5}$/.test(code) && 'severity' in error)) return null;
  const params: Params<'database-failed'> = { database: shownLocation(location), detail: error.message, code };
  return Object.assign(new Error(english('database-failed', params)), { code: 'database-failed', params });
}

/** A database that cannot be used or refused a change (`databaseProblem`): said by its code in the reader's language. */
export function isDatabaseProblem(error: unknown): error is Error & Coded {
  const code = error instanceof Error ? (error as Partial<Coded>).code : undefined;
  return code === 'database-unusable' || code === 'database-refused';
}
