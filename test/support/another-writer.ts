/**
 * A request raced by another writer that stores the same thing between the store's check and its
 * insert, so the database's unique index decides (races.test.ts, next-year-once.test.ts); on
 * PostgreSQL, one that holds a lock the request then waits on (relazione-open-revision.test.ts).
 *
 * On PostgreSQL the race is real: another connection inserts the row in a transaction still open
 * while the request checks, and commits while the request's insert waits on the index. SQLite lets
 * one writer in at a time (the transaction begins IMMEDIATE), so no other connection can write
 * in between: a trigger on the server's own connection inserts the row right before the write, as
 * such a writer would.
 */
import pg from 'pg';
import { openSqlite } from '../../src/store/sqlite/db.js';

export interface AnotherWriter {
  /** The table both write to. */
  readonly table: string;
  /** The other writer's INSERT. */
  readonly insert: string;
  /** SQLite: when the trigger fires (a condition on NEW), if not on every insert into the table. */
  readonly when?: string;
}

/** `ask()` while `writer` stores its row between the store's check and its insert. */
export async function whileAnotherWrites<T>(backend: 'sqlite' | 'postgres', location: string, writer: AnotherWriter, ask: () => Promise<T>): Promise<T> {
  if (backend === 'sqlite') {
    // The server's own connection (one per file per process): a TEMP trigger lives on it alone, dropped after.
    const db = openSqlite(location);
    await db.run(`CREATE TEMP TRIGGER another_writer BEFORE INSERT ON main.${writer.table}${writer.when === undefined ? '' : ` WHEN ${writer.when}`} BEGIN ${writer.insert}; END`);
    try {
      return await ask();
    } finally {
      await db.run('DROP TRIGGER temp.another_writer');
      await db.close();
    }
  }
  return whileAnotherHolds(location, writer.insert, `INSERT INTO ${writer.table}`, ask);
}

/**
 * PostgreSQL: `ask()` while another connection's transaction, having run `statements` (several, by
 * semicolons), holds what they locked or inserted uncommitted; it commits once the request's
 * statement beginning with `waits` waits on it, so the request goes on with the other writer's
 * work committed. The request's plain reads before that statement do not wait (MVCC). `waits` is
 * the start of a LIKE pattern: `%appraisal_forms` is any statement naming that table, whichever
 * of the request's statements reaches the held row first. `waits` null: whichever statement waits on
 * what the other writer holds (PostgreSQL's `pg_blocking_pids` names it), its text not looked at, for
 * a test about the lock and not about the statement: one written otherwise still waits there.
 */
export async function whileAnotherHolds<T>(location: string, statements: string, waits: string | null, ask: () => Promise<T>): Promise<T> {
  const other = new pg.Client({ connectionString: location });
  const watch = new pg.Client({ connectionString: location });
  await other.connect();
  await watch.connect();
  try {
    await other.query('BEGIN');
    await other.query(statements);
    const holder = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    // Uncommitted, the other writer's rows are invisible to the request, which waits on them (or on their lock).
    const reply = ask();
    let waiting = false;
    for (let tries = 0; !waiting && tries < 400; tries++) {
      const { rows } =
        waits === null
          ? await watch.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND $1 = ANY(pg_blocking_pids(pid))`, [holder])
          : await watch.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`, [`${waits}%`]);
      waiting = rows.length > 0;
      if (!waiting) await new Promise((r) => setTimeout(r, 25));
    }
    if (!waiting) throw new Error(`the request's ${waits ?? 'statement'}… never waited on the other writer`);
    await other.query('COMMIT');
    return await reply;
  } finally {
    await other.end();
    await watch.end();
  }
}
