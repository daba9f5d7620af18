/**
 * A database left at an old schema version, on SQLite or PostgreSQL, for a migration's test: the
 * test migrates it to the version before, writes rows as they were then, and opens the store on it
 * (which runs the rest). The file or the PostgreSQL cluster is removed after the describe block.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { openPostgres } from '../../src/store/postgres/db.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/** One fresh database: a function opening it (each call a new connection) and where it is (a SQLite file or a PostgreSQL URL), for a server started on it. */
export interface OldDatabase {
  readonly open: () => Db;
  readonly location: string;
}

/** Call inside a describe block; `opener()` (or `database()`) in a test gives one fresh database. */
export function oldDatabase(backend: 'sqlite' | 'postgres'): { opener(): Promise<() => Db>; database(): Promise<OldDatabase> } {
  let postgres: TestPostgres | null = null;
  let dir: string | null = null;
  afterAll(async () => {
    await postgres?.stop();
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  });
  const database = async (): Promise<OldDatabase> => {
    if (backend === 'postgres') {
      postgres ??= await startPostgres();
      const url = await postgres.database();
      return { open: () => openPostgres(url), location: url };
    }
    dir ??= mkdtempSync(join(tmpdir(), 'albero-old-'));
    const file = join(dir, `old-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
    return { open: () => openSqlite(file), location: file };
  };
  return {
    async opener() {
      return (await database()).open;
    },
    database,
  };
}
