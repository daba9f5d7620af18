/**
 * A big workbook imported through the API (issue 14, the fuzz run's slowest step): a
 * 20,000-indicator .xlsx in the published layout sent to `POST /api/plans/import` on SQLite and on
 * PostgreSQL (a throwaway cluster, as the tests start one), the server in its own process from a
 * build (`ROOT=…` another checkout's, to compare). Each run is timed as the user waits for it,
 * with the server's CPU time beside it; a dry run (read, nothing stored) apart shows what storing
 * costs.
 *   npx tsx bench/import-api.ts [indicators] [runs]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { evaluatePlan } from '../src/core/index.js';
import { exportPlanXlsx } from '../src/io/xlsx/export.js';
import { startPostgres } from '../test/support/postgres.js';
import { BENCH_PASSWORD, cpuSeconds, loadAverage, login, startProcess } from './server.js';
import { countIndicators, syntheticPlan } from './synthetic.js';

const root = process.env.ROOT ?? fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(join(root, 'dist', 'server', 'main.js'))) throw new Error(`build first: no ${root}/dist/server/main.js`);
const indicators = Number(process.argv[2] ?? 20_000);
const runs = Number(process.argv[3] ?? 3);

type Built = {
  openStore(location: string): Promise<{ createUser(input: object, actor: object): Promise<{ ok: boolean }>; close(): Promise<void> }>;
  SYSTEM: object;
};
const built = (await import(pathToFileURL(join(root, 'dist', 'store', 'index.js')).href)) as Built;
const { hashPassword } = (await import(pathToFileURL(join(root, 'dist', 'server', 'auth.js')).href)) as { hashPassword(p: string): Promise<string> };

const plan = syntheticPlan(indicators, 1, true);
const bytes = await exportPlanXlsx(evaluatePlan(plan));
console.log(`${countIndicators(plan)} indicators, ${plan.nodes.length} objectives, .xlsx of ${(bytes.length / 1048576).toFixed(1)} MB; build ${root}; load ${loadAverage()}`);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = mkdtempSync(join(tmpdir(), 'albero-import-api-'));
const postgres = await startPostgres();
try {
  for (const backend of ['sqlite', 'postgres'] as const) {
    const database = backend === 'sqlite' ? join(dir, 'bench.sqlite') : await postgres.database();
    const store = await built.openStore(database);
    const made = await store.createUser({ username: 'admin', displayName: 'Bench', role: 'admin', units: [], passwordHash: await hashPassword(BENCH_PASSWORD) }, built.SYSTEM);
    if (!made.ok) throw new Error('no bench account');
    await store.close();
    const { child, url } = await startProcess(database, root);
    try {
      const { cookie, csrf } = await login(url);
      const send = async (dryRun: boolean): Promise<{ ms: number; cpu: number; planId: string | null }> => {
        const form = new FormData();
        form.set('file', new Blob([bytes as BlobPart]), 'grande.xlsx');
        form.set('title', `Bench ${backend} ${Math.random()}`);
        form.set('year', '2024');
        const cpu = cpuSeconds(child.pid);
        const t = performance.now();
        const res = await fetch(`${url}/api/plans/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
        const body = (await res.json()) as { plan: { id: string } | null };
        const ms = performance.now() - t;
        if (res.status !== (dryRun ? 200 : 201)) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
        return { ms, cpu: cpuSeconds(child.pid) - cpu, planId: body.plan?.id ?? null };
      };
      for (const dryRun of [true, false]) {
        const times: number[] = [];
        const cpus: number[] = [];
        for (let i = 0; i < runs; i++) {
          const r = await send(dryRun);
          times.push(r.ms);
          cpus.push(r.cpu);
          // The next run imports into the same empty catalogue.
          if (r.planId !== null) await fetch(`${url}/api/plans/${r.planId}`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } });
        }
        console.log(
          `${backend.padEnd(8)} ${dryRun ? 'dry run (read only) ' : 'import (read + store)'}  median ${median(times).toFixed(0)} ms  [${times.map((m) => m.toFixed(0)).join(', ')}]  server CPU ${cpus.map((c) => c.toFixed(2)).join(', ')} s`,
        );
      }
    } finally {
      child.kill();
    }
  }
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`load after ${loadAverage()}`);
