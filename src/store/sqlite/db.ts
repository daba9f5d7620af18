/**
 * SQLite through better-sqlite3 (WAL). The driver is synchronous on one connection, so a
 * transaction that awaits in the middle must keep every other caller out until it ends: a queue
 * (a promise chain) serialises transactions and plain statements alike.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Db, Param, Queryable, Row } from '../db.js';

/**
 * One connection per file per process, shared and counted: two stores opened on the same file in
 * one process (a test, a CLI command inside the server) must not each hold a write lock that the
 * other then waits for synchronously, blocking the event loop that would release it.
 */
const shared = new Map<string, { db: Db; users: number }>();

/** How long a transaction may hold the event loop before it lets other work run (see `breathe`). */
const TURN_MS = 20;

/** `busyTimeoutMs`: how long a statement waits for another connection's lock (`StoreOptions`). */
export function openSqlite(file: string, busyTimeoutMs = 5000): Db {
  if (file === ':memory:') return connect(file, busyTimeoutMs);
  mkdirSync(dirname(file), { recursive: true });
  const key = resolve(file);
  let entry = shared.get(key);
  if (entry === undefined) {
    entry = { db: connect(key, busyTimeoutMs), users: 0 };
    shared.set(key, entry);
  }
  entry.users++;
  const { db } = entry;
  const current = entry;
  let closed = false;
  return {
    ...db,
    close: async () => {
      if (closed) return;
      closed = true;
      if (--current.users === 0) {
        shared.delete(key);
        await db.close();
      }
    },
  };
}

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

function connect(file: string, busyTimeoutMs: number): Db {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  // FULL: a write the API acknowledged survives a crash of the machine, not only of the process.
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = raw.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const direct: Queryable = {
    all: async <T = Row>(sql: string, params: readonly Param[] = []) => {
      const statement = prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    },
    run: async (sql: string, params: readonly Param[] = []) => ({ changes: prepare(sql).run(...params).changes }),
    // One prepared single-row statement run for each row: in SQLite that is faster than VALUES
    // lists of many rows (no statement of thousands of parameters to compile for each batch).
    insert: async (table, columns, rows) => {
      const statement = prepare(insertSql(table, columns));
      for (const row of rows) statement.run(...row);
    },
  };
  // A long transaction (the inserts of a 200,000-row import) gives the event loop a turn after a
  // statement once it has run this long: better-sqlite3 is synchronous, so without the turn no
  // other request (not even /api/health) is answered until it commits. Other statements cannot
  // slip into the transaction meanwhile: they wait in the queue below.
  let turnAt = 0;
  const breathing: Queryable = {
    all: async <T = Row>(sql: string, params?: readonly Param[]) => {
      const rows = await direct.all<T>(sql, params);
      await breathe();
      return rows;
    },
    run: async (sql: string, params?: readonly Param[]) => {
      const result = await direct.run(sql, params);
      await breathe();
      return result;
    },
    insert: async (table, columns, rows) => {
      const statement = prepare(insertSql(table, columns));
      for (const row of rows) {
        statement.run(...row);
        if (performance.now() - turnAt >= TURN_MS) await breathe();
      }
    },
  };
  const breathe = async (): Promise<void> => {
    if (performance.now() - turnAt < TURN_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    turnAt = performance.now();
  };
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };
  const transaction: Db['transaction'] = (work) =>
    serial(async () => {
      raw.prepare('BEGIN IMMEDIATE').run();
      turnAt = performance.now();
      try {
        const result = await work(breathing);
        raw.prepare('COMMIT').run();
        return result;
      } catch (error) {
        if (raw.inTransaction) raw.prepare('ROLLBACK').run();
        throw error;
      }
    });
  return {
    dialect: 'sqlite',
    all: (sql, params) => serial(() => direct.all(sql, params)),
    run: (sql, params) => serial(() => direct.run(sql, params)),
    insert: (table, columns, rows) => transaction((tx) => tx.insert(table, columns, rows)),
    transaction,
    close: () => serial(async () => void raw.close()),
  };
}
