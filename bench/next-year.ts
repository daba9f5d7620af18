/**
 * `npx tsx bench/next-year.ts`: next year's plan of a 20,000-indicator plan through the HTTP API
 * (`POST /api/plans/:id/next-year`), the server in its own process on SQLite as `npm start` runs
 * it. The source plan has its year-end values (they become the baselines); each run makes the
 * plan of another year. The first run reads and evaluates the plan (nothing cached); the others find
 * its year-end tree cached, as when the controller makes next year's plan from the plan open on
 * screen. Target: ≤ 2 s. BENCH_INDICATORS, BENCH_RUNS change the size and the runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../src/server/auth.js';
import { openStore, SYSTEM } from '../src/store/index.js';
import { syntheticPlan } from './synthetic.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 4);
const PASSWORD = 'bench-password';

async function startProcess(database: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database, ALBERO_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** CPU seconds the server process used (user + system), from /proc: its cost apart from the machine's load. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-bench-'));
  let child: ChildProcess | undefined;
  try {
    const database = join(dir, 'bench.sqlite');
    const plan = syntheticPlan(INDICATORS, 7);
    const store = await openStore(database);
    const imported = await store.importPlan({ table: { plan, stated: [] }, year: 2024, title: 'Piano 2024' }, SYSTEM);
    if (!imported.ok) throw new Error(imported.error.message);
    await store.createUser({ username: 'admin', displayName: 'Bench', role: 'admin', units: [], passwordHash: await hashPassword(PASSWORD) }, SYSTEM);
    await store.close();
    const started = await startProcess(database);
    child = started.child;
    const url = started.url;
    const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const cookie = /albero_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    const indicators = plan.nodes.reduce((n, node) => n + node.indicators.length, 0);
    console.log(`next-year through the API: ${indicators} indicators, ${plan.nodes.length} objectives (SQLite, server in its own process)`);
    const times: number[] = [];
    const cpus: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const year = 2025 + run;
      // From the second run on, the plan is open on screen: its tree was read (and is cached).
      if (run === 1) await fetch(`${url}/api/plans/${imported.value.id}/tree`, { headers: { cookie, 'accept-encoding': 'br' } });
      const cpu0 = cpuSeconds(child.pid);
      const t0 = performance.now();
      const reply = await fetch(`${url}/api/plans/${imported.value.id}/next-year`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ year }) });
      const ms = performance.now() - t0;
      if (reply.status !== 201) throw new Error(`next-year ${year}: ${reply.status} ${await reply.text()}`);
      times.push(ms);
      const cpu = cpuSeconds(child.pid) - cpu0;
      cpus.push(cpu);
      console.log(`  ${year}: ${(ms / 1000).toFixed(2)} s, server CPU ${cpu.toFixed(2)} s${run === 0 ? ' (cold: nothing cached, the store reads and evaluates the plan)' : ' (the plan open: its tree cached)'}`);
    }
    const warm = times.slice(1);
    const sorted = [...(warm.length > 0 ? warm : times)].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const cpuWarm = [...cpus.slice(1)].sort((a, b) => a - b);
    console.log(`  server CPU with the plan open: median ${(cpuWarm[Math.floor(cpuWarm.length / 2)] ?? Number.NaN).toFixed(2)} s (the time on an idle core; load average now ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`);
    console.log(`  with the plan open: median ${(median / 1000).toFixed(2)} s, worst ${(sorted.at(-1)! / 1000).toFixed(2)} s; cold ${(times[0]! / 1000).toFixed(2)} s (target ≤ 2 s)`);
  } finally {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
