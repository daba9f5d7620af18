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

/** Call inside a describe block; `opener()` in a test gives a function opening one fresh database (each call a new connection to it). */
export function oldDatabase(backend: 'sqlite' | 'postgres'): { opener(): Promise<() => Db> } {
  let postgres: TestPostgres | null = null;
  let dir: string | null = null;
  afterAll(async () => {
    await postgres?.stop();
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async opener() {
      if (backend === 'postgres') {
        postgres ??= await startPostgres();
        const url = await postgres.database();
        return () => openPostgres(url);
      }
      dir ??= mkdtempSync(join(tmpdir(), 'albero-old-'));
      const file = join(dir, `old-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
      return () => openSqlite(file);
    },
  };
}
