/**
 * PostgreSQL through pg. `numeric` comes back as a string, handed straight to Decimal by the store.
 * A transaction takes one client from the pool for its whole length.
 */
import pg from 'pg';
import type { Db, Param, Queryable, Row } from '../db.js';

/** `?` → `$1, $2, …` (the store never puts a `?` inside a literal). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function over(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    all: async <T = Row>(sql: string, params: readonly Param[] = []) => (await client.query(numbered(sql), [...params])).rows as T[],
    run: async (sql: string, params: readonly Param[] = []) => ({ changes: (await client.query(numbered(sql), [...params])).rowCount ?? 0 }),
  };
}

export function openPostgres(url: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const direct = over(pool);
  return {
    dialect: 'postgres',
    all: direct.all,
    run: direct.run,
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(over(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
