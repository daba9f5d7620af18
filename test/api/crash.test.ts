/**
 * The real server process killed with SIGKILL in the middle of imports and writes, then restarted
 * on the same database (a SQLite file, then a PostgreSQL database): the database is intact, every
 * import is all there or not there at all, and every write the server acknowledged is present
 * (with its audit entry).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { FIXTURE, ROOT } from '../helpers.js';
import { Client, enc, objective } from './harness.js';

const PASSWORD = 'crash-test-password';
const WRITERS = ['A.1.1:1', 'A.1.1:2', 'A.1.2:1', 'A.1.2:2', 'A.3:1', 'A.4.1:1'];

interface Running {
  child: ChildProcess;
  url: string;
}

async function startProcess(database: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database, ALBERO_DEMO: '1', ALBERO_DEMO_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /serving on (http:\/\/[^\s]+)/.exec(output);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * Three rounds of imports and writes, each ended by a SIGKILL of the server, then a check of what
 * the restarted server holds. `afterKills` looks at the database itself between the two.
 */
async function killAndCheck(database: string, afterKills: () => void): Promise<void> {
  const fixture = readFileSync(FIXTURE);
  const acknowledgedImports = new Set<string>();
  const acknowledgedWrites: Array<{ planId: string; indicator: string; version: number; actual: number }> = [];
  let demoPlan = '';
  let objectives = 0;
  const versions = new Map<string, number>();

  for (let round = 0; round < 3; round++) {
    const server = await startProcess(database);
    const admin = new Client(server.url);
    expect((await admin.login('admin', PASSWORD)).status).toBe(200);
    if (demoPlan === '') demoPlan = (await admin.get('/api/plans')).body[0].id;
    // Writers resume from what the server says is stored (a write may have committed unacknowledged).
    const tree = (await admin.get(`/api/plans/${demoPlan}/tree`)).body;
    objectives = tree.objectives.length;
    for (const id of WRITERS) versions.set(id, tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.id === id).version);

    let stop = false;
    const writesBefore = acknowledgedWrites.length;
    const importsBefore = acknowledgedImports.size;
    const importer = (async () => {
      for (let n = 0; !stop; n++) {
        const form = new FormData();
        form.set('file', new Blob([fixture]), 'albero-performance-2024.txt');
        // A body holds one plan per year and title: each import under a title of its own.
        form.set('title', `Albero performance 2024 (${round}.${n})`);
        const reply = await admin.request('POST', '/api/plans/import', form).catch(() => null);
        if (reply?.status === 201) acknowledgedImports.add(reply.body.plan.id);
        else if (reply !== null) throw new Error(`import answered ${reply.status}`);
      }
    })();
    const writers = WRITERS.map(async (id, k) => {
      for (let n = 0; !stop; n++) {
        const actual = round * 100_000 + k * 10_000 + n;
        const reply = await admin
          .request('PUT', `/api/plans/${demoPlan}/indicators/${enc(id)}/measurements/2024-12-31?tree=false`, { state: 'measured', actual, version: versions.get(id) })
          .catch(() => null);
        if (reply === null) return;
        if (reply.status !== 200) throw new Error(`write answered ${reply.status}: ${reply.text}`);
        versions.set(id, reply.body.measurement.version);
        acknowledgedWrites.push({ planId: demoPlan, indicator: id, version: reply.body.measurement.version, actual });
      }
    });
    // Killed in the middle of work, once the round has had some acknowledged (a fixed wait may end
    // before any on a loaded machine), then a little later each round for another crash point.
    await expect.poll(() => acknowledgedWrites.length - writesBefore >= 8 && acknowledgedImports.size > importsBefore, { timeout: 60_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, round * 300));
    await kill(server.child);
    stop = true;
    await Promise.allSettled([importer, ...writers]);
  }
  expect(acknowledgedWrites.length).toBeGreaterThan(20);
  expect(acknowledgedImports.size).toBeGreaterThan(0);

  afterKills();

  const server = await startProcess(database);
  try {
    const admin = new Client(server.url);
    expect((await admin.login('admin', PASSWORD)).status).toBe(200);
    const plans = (await admin.get('/api/plans')).body.map((p: any) => p.id);
    for (const id of acknowledgedImports) expect(plans).toContain(id);
    // Every plan is whole: an import killed halfway left nothing behind.
    for (const id of plans) {
      if (id === demoPlan) continue;
      const tree = (await admin.get(`/api/plans/${id}/tree`)).body;
      expect(tree.objectives.length).toBe(objectives);
      expect(objective(tree, 'A.2').performance).toBe(93);
      expect(objective(tree, 'B.1').performance).toBe(56);
    }
    const tree = (await admin.get(`/api/plans/${demoPlan}/tree`)).body;
    const audit = (await admin.get(`/api/audit?planId=${demoPlan}&limit=1000`)).body.filter((a: any) => a.action === 'measure');
    for (const id of WRITERS) {
      const mine = acknowledgedWrites.filter((w) => w.indicator === id);
      const stored = tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.id === id);
      const last = mine[mine.length - 1];
      if (last !== undefined) expect(stored.version).toBeGreaterThanOrEqual(last.version);
      const trail = new Map(audit.filter((a: any) => a.after && a.entityId === `${id}@2024-12-31`).map((a: any) => [a.after.version, a.after.actual.value]));
      for (const w of mine) expect(trail.get(w.version), `${id} v${w.version}`).toBe(String(w.actual));
    }
  } finally {
    await kill(server.child);
  }
}

describe('crash safety', () => {
  const dir = mkdtempSync(join(tmpdir(), 'albero-crash-'));
  let postgres: TestPostgres | undefined;
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await postgres?.stop();
  });

  it('keeps every acknowledged import and write across SIGKILLs (SQLite)', async () => {
    const database = join(dir, 'albero.sqlite');
    await killAndCheck(database, () => {
      // The file as SQLite sees it after the last kill (the WAL is replayed on open).
      const raw = new Database(database);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();
    });
  }, 120_000);

  it('keeps every acknowledged import and write across SIGKILLs (PostgreSQL)', async () => {
    postgres = await startPostgres();
    // PostgreSQL itself enforces the foreign keys; what is checked is the server's transactions.
    await killAndCheck(await postgres.database(), () => undefined);
  }, 120_000);
});
