/**
 * How an import's rows reach PostgreSQL: the nodes, indicators and measurements of a
 * 20,000-indicator plan (the rows `importPlan` writes, captured) inserted into a fresh plan of a
 * throwaway cluster, alternately as VALUES lists of 2,000 parameters (the store until issue 14's
 * hardening) and as `unnest` arrays of 5,000 rows (`insertRows` in src/store/postgres/db.ts).
 * Wall time, and CPU time apart from the machine's load: the PostgreSQL backend's (from /proc)
 * and this process's (pg preparing the parameters).
 *   npx tsx bench/bulk-insert.ts [indicators] [rounds]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import type { Db, Param, Queryable } from '../src/store/db.js';
import { SYSTEM } from '../src/store/index.js';
import { openPostgres } from '../src/store/postgres/db.js';
import { SqlStore } from '../src/store/sql-store.js';
import { startPostgres } from '../test/support/postgres.js';
import { syntheticPlan } from './synthetic.js';

const indicators = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 3);
const TABLES = new Set(['nodes', 'indicators', 'measurements']);
const captured: { table: string; columns: string[]; rows: Param[][] }[] = [];
const capturing = (q: Queryable): Queryable => ({
  ...q,
  insert: async (table, columns, rows) => {
    if (TABLES.has(table)) captured.push({ table, columns: [...columns], rows: rows.map((r) => [...r]) });
    return q.insert(table, columns, rows);
  },
});

const postgres = await startPostgres();
try {
  const url = await postgres.database();
  const db = openPostgres(url);
  const store = await SqlStore.open({ ...db, transaction: (work) => db.transaction((tx) => work(capturing(tx))) } as Db);
  const imported = await store.importPlan({ table: { plan: syntheticPlan(indicators, 1, true), stated: [] }, year: 2024, title: 'Bench' }, SYSTEM);
  if (!imported.ok) throw new Error(imported.error.message);
  await store.close();
  const source = imported.value.id;
  console.log(`${captured.map((c) => `${c.rows.length} ${c.table}`).join(', ')}; load ${loadavg()[0]!.toFixed(1)}`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const backendCpuMs = (): number => {
    const fields = readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const types = new Map<string, string[]>();
  for (const t of captured) {
    const rows = (
      await client.query<{ name: string; type: string }>(`SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0`, [t.table])
    ).rows;
    types.set(
      t.table,
      t.columns.map((c) => rows.find((r) => r.name === c)!.type),
    );
  }
  const ways: Record<string, () => Promise<void>> = {
    'VALUES, 2,000 parameters a statement': async () => {
      for (const t of captured) {
        const batch = Math.floor(2000 / t.columns.length);
        for (let s = 0; s < t.rows.length; s += batch) {
          const slice = t.rows.slice(s, s + batch);
          let n = 0;
          const values = slice.map(() => `(${t.columns.map(() => `$${++n}`).join(', ')})`).join(', ');
          await client.query(`INSERT INTO ${t.table} (${t.columns.join(', ')}) VALUES ${values}`, slice.flat());
        }
      }
    },
    'unnest, 5,000 rows a statement': async () => {
      for (const t of captured) {
        const casts = types.get(t.table)!.map((type, i) => `$${i + 1}::${type}[]`);
        for (let s = 0; s < t.rows.length; s += 5000) {
          const slice = t.rows.slice(s, s + 5000);
          await client.query(
            `INSERT INTO ${t.table} (${t.columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`,
            t.columns.map((_, c) => slice.map((r) => r[c])),
          );
        }
      }
    },
  };
  const figures: Record<string, string[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, insert] of Object.entries(ways)) {
      // A fresh plan each time (a copy of the imported one's head and periods), committed.
      const id = `bench-${round}-${name.slice(0, 6)}`;
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO plans (id, organisation_id, title, year, version, published, settings, data_version, created_at, updated_at) SELECT $1, organisation_id, $1, year, version, published, settings, data_version, created_at, updated_at FROM plans WHERE id = $2`,
        [id, source],
      );
      await client.query(`INSERT INTO periods (plan_id, id, label, ends_on, state, updated_at) SELECT $1, id, label, ends_on, state, updated_at FROM periods WHERE plan_id = $2`, [id, source]);
      for (const t of captured) for (const row of t.rows) row[0] = id;
      const server = backendCpuMs();
      const cpu = process.cpuUsage();
      const started = performance.now();
      await insert();
      await client.query('COMMIT');
      const wall = performance.now() - started;
      const own = process.cpuUsage(cpu);
      (figures[name] ??= []).push(`${wall.toFixed(0)} ms (CPU server ${backendCpuMs() - server} + client ${((own.user + own.system) / 1000).toFixed(0)} ms)`);
    }
  }
  for (const [name, runs] of Object.entries(figures)) console.log(`${name.padEnd(38)} ${runs.join(', ')}`);
  console.log(`load after ${loadavg()[0]!.toFixed(1)}`);
  await client.end();
} finally {
  await postgres.stop();
}
