/**
 * PostgreSQL through pg. `numeric` comes back as a string, handed straight to Decimal by the store.
 * A transaction takes one client from the pool for its whole length.
 */
import pg from 'pg';
import { DatabaseConnectionError, type Db, type Param, type Queryable, type Row } from '../db.js';

/** `?` → `$1, $2, …` (the store never puts a `?` inside a literal). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Rows in one bulk INSERT. Each statement sends one array a column (`unnest`), so its size is not
 * bound by the 65,535 parameters of a statement; 5,000 rows took less time than all in one.
 */
export const INSERT_BATCH = 5000;

/** Column name → SQL type (`format_type`: `text`, `integer`, `numeric`…), per table. */
type ColumnTypes = Map<string, ReadonlyMap<string, string>>;

async function columnTypes(client: pg.Pool | pg.PoolClient, cache: ColumnTypes, table: string): Promise<ReadonlyMap<string, string>> {
  let types = cache.get(table);
  if (types === undefined) {
    const result = await client.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [table],
    );
    types = new Map(result.rows.map((r) => [r.name, r.type]));
    cache.set(table, types);
  }
  return types;
}

/**
 * `INSERT … SELECT * FROM unnest($1::text[], $2::integer[], …)`: one parameter a column, each
 * typed as its column, instead of a VALUES list of one parameter a cell. PostgreSQL parses and
 * plans one short statement, and pg writes a few array literals instead of thousands of
 * parameters: for an import of 20,000 indicators about half the CPU time of VALUES batches of
 * 2,000 parameters (docs/benchmarks.md, "PostgreSQL import").
 */
async function insertRows(client: pg.Pool | pg.PoolClient, cache: ColumnTypes, table: string, columns: readonly string[], rows: ReadonlyArray<readonly Param[]>): Promise<void> {
  const types = await columnTypes(client, cache, table);
  const casts = columns.map((column, i) => {
    const type = types.get(column);
    if (type === undefined) throw new Error(`the table ${table} has no column ${column}`);
    return `$${i + 1}::${type}[]`;
  });
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`;
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    const slice = rows.slice(start, start + INSERT_BATCH);
    // pg writes a Buffer in an array as bytea's \x hex; a bare Uint8Array it would not.
    const arrays = columns.map((_, c) => slice.map((row) => (row[c] instanceof Uint8Array && !Buffer.isBuffer(row[c]) ? Buffer.from(row[c] as Uint8Array) : row[c])));
    await client.query(sql, arrays);
  }
}

/** Node's socket errors: the server cannot be reached, or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * pg's error for a connection lost or never made, marked as the database's (`DatabaseConnectionError`);
 * the server's own refusals (with a SQLSTATE and a severity) and anything else pass as they are.
 */
function connectionLost(error: unknown): unknown {
  if (!(error instanceof Error) || 'severity' in error) return error;
  const code = (error as { code?: unknown }).code;
  const lost = (typeof code === 'string' && SOCKET_CODES.has(code)) || /connection terminated|connection (ended|closed)|not queryable|timeout exceeded when trying to connect/i.test(error.message);
  return lost ? new DatabaseConnectionError(error) : error;
}

async function ask<R extends pg.QueryResultRow>(client: pg.Pool | pg.PoolClient, sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
  try {
    return await client.query<R>(sql, params);
  } catch (error) {
    throw connectionLost(error);
  }
}

function over(client: pg.Pool | pg.PoolClient, cache: ColumnTypes): Queryable {
  return {
    all: async <T = Row>(sql: string, params: readonly Param[] = []) => (await ask(client, numbered(sql), [...params])).rows as T[],
    run: async (sql: string, params: readonly Param[] = []) => ({ changes: (await ask(client, numbered(sql), [...params])).rowCount ?? 0 }),
    insert: async (table, columns, rows) => {
      try {
        await insertRows(client, cache, table, columns, rows);
      } catch (error) {
        throw connectionLost(error);
      }
    },
  };
}

export function openPostgres(url: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor one in use: a connection cut mid-transaction rejects the query in flight (said to the
  // request as the database out of reach), then emits "Connection terminated unexpectedly", which
  // without a listener is an uncaught exception that stopped the whole server.
  pool.on('connect', (client) => client.on('error', () => undefined));
  // The column types, read once per table: the schema is migrated before the first insert.
  const cache: ColumnTypes = new Map();
  const direct = over(pool, cache);
  const transaction: Db['transaction'] = async (work) => {
    const client = await pool.connect().catch((error: unknown) => {
      throw connectionLost(error);
    });
    let broken: Error | undefined;
    try {
      await ask(client, 'BEGIN', []);
      const result = await work(over(client, cache));
      await ask(client, 'COMMIT', []);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A connection lost or cut by the server goes, not back to the pool.
      if (error instanceof DatabaseConnectionError || (error as { severity?: unknown }).severity === 'FATAL') broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  };
  return {
    dialect: 'postgres',
    all: direct.all,
    run: direct.run,
    insert: (table, columns, rows) => transaction((tx) => tx.insert(table, columns, rows)),
    transaction,
    close: () => pool.end(),
  };
}
