/**
 * The answer to each kind of database trouble (errors.ts `databaseUnavailable`), from the driver's
 * own error codes: which status, whether a Retry-After, which words; and what stays a 500 (a socket
 * error of another service, a statement of ours the database could not run).
 */
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseConnectionError } from '../store/index.js';
import { errorResponse } from './errors.js';

/** The answer of an app whose one route fails with `error`. */
async function answerTo(error: Error): Promise<{ status: number; retryAfter: string | null; body: { error: { code: string; message: string; params: Record<string, unknown> } } }> {
  const app = new Hono();
  app.onError((e, c) => errorResponse(c, e));
  app.get('/x', () => {
    throw error;
  });
  const res = await app.request('/x', { headers: { 'accept-language': 'en' } });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as never };
}

/** An error as better-sqlite3 raises it. */
const sqlite = (code: string): Error => Object.assign(new Error(`${code} from the driver`), { code });
/** An error as pg raises a server's refusal: a SQLSTATE and a severity. */
const postgres = (code: string, severity = 'ERROR'): Error => Object.assign(new Error(`${code} from the server`), { code, severity });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a request meeting the database's trouble", () => {
  it.each([
    ['SQLite busy', sqlite('SQLITE_BUSY'), 503, 'busy', '5'],
    ['SQLite locked', sqlite('SQLITE_LOCKED_SHAREDCACHE'), 503, 'busy', '5'],
    ['PostgreSQL serialization failure', postgres('40001'), 503, 'busy', '5'],
    ['PostgreSQL deadlock', postgres('40P01'), 503, 'busy', '5'],
    ['PostgreSQL connection lost', new DatabaseConnectionError(new Error('Connection terminated unexpectedly')), 503, 'unreachable', '10'],
    ['PostgreSQL unreachable', new DatabaseConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), 503, 'unreachable', '10'],
    ['PostgreSQL shutting down', postgres('57P01', 'FATAL'), 503, 'unreachable', '10'],
    ['SQLite disk full', sqlite('SQLITE_FULL'), 507, 'full', null],
    ['PostgreSQL disk full', postgres('53100'), 507, 'full', null],
    ['SQLite damaged', sqlite('SQLITE_CORRUPT'), 503, 'damaged', null],
    ['SQLite read-only file', sqlite('SQLITE_READONLY_DBMOVED'), 503, 'read-only', null],
    ['SQLite disk error', sqlite('SQLITE_IOERR_WRITE'), 503, 'unusable', null],
  ] as const)('%s: %s answered as database-unavailable', async (_, error, status, reason, retryAfter) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await answerTo(error);
    expect([answer.status, answer.retryAfter, answer.body.error.code, answer.body.error.params.reason]).toEqual([status, retryAfter, 'database-unavailable', reason]);
    expect(answer.body.error.params.retryAfter).toBe(retryAfter === null ? undefined : Number(retryAfter));
    // The driver's words are the log's only.
    expect(JSON.stringify(answer.body)).not.toMatch(/from the (driver|server)|Connection terminated|ECONNREFUSED/);
    expect(answer.body.error.message).toContain('nothing was stored');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('GET /x'), error);
  });

  it('keeps a 500 for a socket error of another service and for a statement of ours the database could not run', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // A NOT NULL or a trigger refusing a change is a statement of ours gone wrong, not a race.
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:587'), { code: 'ECONNREFUSED' }),
      sqlite('SQLITE_ERROR'),
      postgres('42P01'),
      sqlite('SQLITE_CONSTRAINT_NOTNULL'),
      sqlite('SQLITE_CONSTRAINT_TRIGGER'),
      postgres('23502'),
    ]) {
      const answer = await answerTo(error);
      expect([answer.status, answer.body.error.code], error.message).toEqual([500, 'internal']);
    }
  });

  it.each([
    ['SQLite unique index', Object.assign(sqlite('SQLITE_CONSTRAINT_UNIQUE'), { message: 'UNIQUE constraint failed: org_units.code' }), { constraint: 'unique', subject: 'unit-code' }],
    ['SQLite primary key', Object.assign(sqlite('SQLITE_CONSTRAINT_PRIMARYKEY'), { message: 'UNIQUE constraint failed: periods.plan_id, periods.id' }), { constraint: 'unique', subject: 'period' }],
    ['SQLite unique index of a table unnamed to readers', Object.assign(sqlite('SQLITE_CONSTRAINT_UNIQUE'), { message: 'UNIQUE constraint failed: comments.seq' }), { constraint: 'unique' }],
    ['SQLite reference', sqlite('SQLITE_CONSTRAINT_FOREIGNKEY'), { constraint: 'foreign-key' }],
    ['SQLite check', sqlite('SQLITE_CONSTRAINT_CHECK'), { constraint: 'check' }],
    ['PostgreSQL unique index', Object.assign(postgres('23505'), { table: 'plan_revisions', detail: 'Key (plan_id)=(p1) already exists.' }), { constraint: 'unique', subject: 'revision' }],
    [
      'PostgreSQL reference',
      Object.assign(postgres('23503'), { table: 'measurements', detail: 'Key (plan_id, period_id)=(p1, 2024-09-30) is not present in table "periods".' }),
      { constraint: 'foreign-key', subject: 'period' },
    ],
    ['PostgreSQL check', Object.assign(postgres('23514'), { table: 'periods' }), { constraint: 'check' }],
  ] as const)("%s: 409 conflict naming what it can, the driver's words in the log", async (_, error, params) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await answerTo(error);
    expect([answer.status, answer.body.error.code, answer.body.error.params]).toEqual([409, 'conflict', params]);
    expect(answer.body.error.message).toMatch(
      /^another request .*: nothing was stored; reload and try again$|^the database refused a value of this change by one of its rules: nothing was stored; reload and try again$/,
    );
    expect(JSON.stringify(answer.body)).not.toMatch(/from the (driver|server)|constraint failed|Key \(/);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('GET /x'), error);
  });
});
