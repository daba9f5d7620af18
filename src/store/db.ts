/**
 * The little SQL both backends share. The store is written once against `Db`; each backend adapts
 * its driver (better-sqlite3 is synchronous and single-connection, pg is a pool) to these few calls.
 * Placeholders are `?` everywhere; the PostgreSQL adapter numbers them.
 */
export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;
/** Bytes (a Buffer) are a BLOB in SQLite and a BYTEA in PostgreSQL. */
export type Param = string | number | null | Uint8Array;

export interface Queryable {
  all<T = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** Runs a statement; `changes` is the number of rows it inserted, updated or deleted. */
  run(sql: string, params?: readonly Param[]): Promise<{ changes: number }>;
  /**
   * Inserts rows (each in `columns`' order) into `table` in as few statements as the backend does
   * best: the bulk writes of an import (20,000 indicators). Inside a transaction, part of it; on a
   * `Db`, all of the rows or none.
   */
  insert(table: string, columns: readonly string[], rows: ReadonlyArray<readonly Param[]>): Promise<void>;
}

export interface Db extends Queryable {
  readonly dialect: Dialect;
  /** Runs `work` in one transaction: all of it is stored, or none of it (also on a thrown error). */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A connection to the database server lost or never made (pg gives Node's socket errors, or none
 * at all for "Connection terminated unexpectedly"): marked by the adapter, so that a socket error
 * of another service (a mail server, a sign-in provider) is never said as the database's. `code`
 * is the socket's (ECONNREFUSED…), else 08006 (PostgreSQL's "connection failure").
 */
export class DatabaseConnectionError extends Error {
  readonly code: string;
  constructor(cause: Error) {
    super(cause.message, { cause });
    this.name = 'DatabaseConnectionError';
    const code = (cause as { code?: unknown }).code;
    this.code = typeof code === 'string' ? code : '08006';
  }
}

export async function one<T = Row>(q: Queryable, sql: string, params: readonly Param[] = []): Promise<T | undefined> {
  const rows = await q.all<T>(sql, params);
  return rows[0];
}
