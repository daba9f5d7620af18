/**
 * `npx tsx bench/save.ts [indicators]`: one value saved on a big plan (issue 15 §3), through HTTP
 * against the real server on SQLite, one save after another as a user makes them. Each save is
 * timed from the request to the last byte of its answer, on localhost with the server in this
 * process (so the figure is the server's time plus a loopback round trip, measured in the same run
 * as its floor, `GET /api/health`). By default a save answers with what changed (the saved
 * indicator's objective and its ancestors, the summary, the data version); `?tree=true` adds the
 * whole tree, as every save did before. Target: ≤ 100 ms at 20,000 indicators.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../src/server/auth.js';
import { startServer } from '../src/server/server.js';
import { SYSTEM } from '../src/store/index.js';
import { countIndicators, syntheticPlan } from './synthetic.js';

const INDICATORS = Number(process.argv[2] ?? 20_400);
const SAVES = 40;
const PASSWORD = 'bench-password';

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-save-'));
  const server = await startServer({ location: join(dir, 'bench.sqlite'), port: 0, host: '127.0.0.1' });
  try {
    const plan = syntheticPlan(INDICATORS, 3);
    const imported = await server.store.importPlan({ table: { plan, stated: [] }, year: 2024, title: 'Bench' }, SYSTEM);
    if (!imported.ok) throw new Error(imported.error.message);
    const planId = imported.value.id;
    await server.store.createUser({ username: 'admin', displayName: 'Bench', role: 'admin', units: [], passwordHash: await hashPassword(PASSWORD) }, SYSTEM);
    const login = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const cookie = /albero_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;

    // The web app reads the tree once (this also warms the server's cache, as opening the plan does).
    const tree = (await (await fetch(`${server.url}/api/plans/${planId}/tree`, { headers: { cookie } })).json()) as {
      period: { id: string };
      objectives: Array<{ indicators: Array<{ id: string; version: number; derived: boolean; editable: boolean; unit: string; formula: unknown }> }>;
    };
    const entered = tree.objectives.flatMap((o) => o.indicators).filter((i) => i.editable && !i.derived && i.formula === null && (i.unit === 'number' || i.unit === 'percent'));
    const versions = new Map(entered.map((i) => [i.id, i.version]));
    console.log(`plan: ${plan.nodes.length} objectives, ${countIndicators(plan)} indicators; period ${tree.period.id}`);

    const health: number[] = [];
    for (let n = 0; n < 20; n++) {
      const t0 = performance.now();
      await (await fetch(`${server.url}/api/health`)).arrayBuffer();
      health.push(performance.now() - t0);
    }
    const runs = [
      { name: 'save, answer with the changes (default)', query: '', count: SAVES },
      { name: 'save, answer with the whole tree (?tree=true)', query: '?tree=true', count: 8 },
    ];
    for (const run of runs) {
      const times: number[] = [];
      let bytes = 0;
      for (let n = 0; n < run.count; n++) {
        // Spread over the plan: indicators of different areas, each one's path to the root.
        const id = entered[Math.floor(((n * 7919) % entered.length) + 0)]!.id;
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/plans/${planId}/indicators/${encodeURIComponent(id)}/measurements/${tree.period.id}${run.query}`, {
          method: 'PUT',
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ state: 'measured', actual: n % 3 === 0 ? '12,5' : n, version: versions.get(id) }),
        });
        const body = await res.arrayBuffer();
        times.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`save answered ${res.status}: ${Buffer.from(body).toString()}`);
        bytes = body.byteLength;
        versions.set(id, (JSON.parse(Buffer.from(body).toString()) as { measurement: { version: number } }).measurement.version);
      }
      const p50 = quantile(times, 0.5);
      const p95 = quantile(times, 0.95);
      console.log(
        `${run.name.padEnd(48)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   max ${Math.max(...times)
          .toFixed(1)
          .padStart(7)} ms   answer ${(bytes / 1e3).toFixed(1)} kB   (${run.count} saves)${run.query === '' && p95 > 100 ? '  OVER TARGET (100 ms)' : ''}`,
      );
      if (run.query === '' && p95 > 100) process.exitCode = 1;
    }
    console.log(`${'GET /api/health (the loopback floor)'.padEnd(48)} p50 ${quantile(health, 0.5).toFixed(1).padStart(7)} ms`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
