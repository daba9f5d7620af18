/**
 * `npx tsx bench/next-year.ts`: the plan across time through the HTTP API, the server in its own
 * process on SQLite as `npm start` runs it, on a 20,000-indicator plan with its year-end values.
 *  1. next-year (`POST /api/plans/:id/next-year`): each run makes the plan of another year. The
 *     first run reads and evaluates the plan (nothing cached); the others find its year-end tree
 *     cached, as when the controller makes next year's plan from the plan open on screen. Target ≤ 2 s.
 *  2. Reading a closed period's tree against an open one's (`GET …/tree?period=`): the year end is
 *     closed, then both are read repeatedly at the same data version, and again right after a value
 *     is entered in the open period (a new data version: the open tree is evaluated again, the
 *     closed one is still its closing). Target: the closed read as fast as the open one.
 * BENCH_INDICATORS, BENCH_RUNS, BENCH_READS change the size and the repetitions.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, SYSTEM } from '../src/store/index.js';
import { addBenchAdmin, cpuSeconds, loadAverage, login, startProcess } from './server.js';
import { syntheticPlan } from './synthetic.js';

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 4);
const READS = Number(process.env.BENCH_READS ?? 20);

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (v: number): string => `${v.toFixed(1)} ms`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-bench-'));
  let child: ChildProcess | undefined;
  try {
    const database = join(dir, 'bench.sqlite');
    const plan = syntheticPlan(INDICATORS, 7);
    const store = await openStore(database);
    const imported = await store.importPlan({ table: { plan, stated: [] }, year: 2024, title: 'Piano 2024' }, SYSTEM);
    if (!imported.ok) throw new Error(imported.error.message);
    await addBenchAdmin(store);
    await store.close();
    const started = await startProcess(database);
    child = started.child;
    const url = started.url;
    const { cookie, csrf } = await login(url);
    const planUrl = `${url}/api/plans/${imported.value.id}`;
    const post = (path: string, body: unknown): Promise<Response> =>
      fetch(`${planUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify(body) });
    const indicators = plan.nodes.reduce((n, node) => n + node.indicators.length, 0);
    console.log(`next-year through the API: ${indicators} indicators, ${plan.nodes.length} objectives (SQLite, server in its own process)`);
    const times: number[] = [];
    const cpus: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const year = 2025 + run;
      // From the second run on, the plan is open on screen: its tree was read (and is cached).
      if (run === 1) await fetch(`${planUrl}/tree`, { headers: { cookie, 'accept-encoding': 'br' } });
      const cpu0 = cpuSeconds(child.pid);
      const t0 = performance.now();
      const reply = await post('/next-year', { year });
      const took = performance.now() - t0;
      if (reply.status !== 201) throw new Error(`next-year ${year}: ${reply.status} ${await reply.text()}`);
      times.push(took);
      const cpu = cpuSeconds(child.pid) - cpu0;
      cpus.push(cpu);
      console.log(
        `  ${year}: ${(took / 1000).toFixed(2)} s, server CPU ${cpu.toFixed(2)} s${run === 0 ? ' (cold: nothing cached, the store reads and evaluates the plan)' : ' (the plan open: its tree cached)'}`,
      );
    }
    const warm = times.slice(1);
    const sorted = [...(warm.length > 0 ? warm : times)].sort((a, b) => a - b);
    console.log(`  server CPU with the plan open: median ${(cpus.length > 1 ? median(cpus.slice(1)) : Number.NaN).toFixed(2)} s (the time on an idle core; load average now ${loadAverage()})`);
    console.log(`  with the plan open: median ${(median(sorted) / 1000).toFixed(2)} s, worst ${(sorted.at(-1)! / 1000).toFixed(2)} s; cold ${(times[0]! / 1000).toFixed(2)} s (target ≤ 2 s)`);

    // 2. A closed period's tree against an open one's.
    const periods = (await (await fetch(`${planUrl}/periods`, { headers: { cookie } })).json()) as Array<{ id: string }>;
    const yearEnd = periods.at(-1)!.id;
    const open = periods.at(-2)!.id;
    for (const to of ['collecting', 'closed']) {
      const moved = await post(`/periods/${yearEnd}/transition`, { to, acknowledgeUnreviewed: true });
      if (moved.status !== 200) throw new Error(`closing ${yearEnd}: ${moved.status} ${await moved.text()}`);
    }
    const read = async (period: string): Promise<number> => {
      const t0 = performance.now();
      const res = await fetch(`${planUrl}/tree?period=${period}`, { headers: { cookie, 'accept-encoding': 'br' } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`tree ${period}: ${res.status}`);
      return performance.now() - t0;
    };
    console.log(`\ntree reads, ${yearEnd} closed and ${open} open (signed in, br, ${READS} reads each; load average ${loadAverage()}):`);
    console.log(`  first read: closed ${ms(await read(yearEnd))} (its closing evaluated), open ${ms(await read(open))}`);
    const closedReads: number[] = [];
    const openReads: number[] = [];
    for (let k = 0; k < READS; k++) {
      closedReads.push(await read(yearEnd));
      openReads.push(await read(open));
    }
    console.log(`  same data version: closed median ${ms(median(closedReads))}, open median ${ms(median(openReads))}`);
    // A value entered in the open period moves the plan's data version each time.
    const tree = (await (await fetch(`${planUrl}/tree?period=${open}`, { headers: { cookie } })).json()) as {
      objectives: Array<{ indicators: Array<{ id: string; version: number; formula: unknown }> }>;
    };
    const target = tree.objectives.flatMap((o) => o.indicators).find((i) => i.formula === null)!;
    let version = target.version;
    const closedAfter: number[] = [];
    const openAfter: number[] = [];
    for (let k = 0; k < Math.min(READS, 10); k++) {
      const put = await fetch(`${planUrl}/indicators/${encodeURIComponent(target.id)}/measurements/${open}?tree=false`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ state: 'not_evaluable', reason: `bench ${k}`, version }),
      });
      if (put.status !== 200) throw new Error(`write: ${put.status} ${await put.text()}`);
      version = ((await put.json()) as { measurement: { version: number } }).measurement.version;
      closedAfter.push(await read(yearEnd));
      openAfter.push(await read(open));
    }
    console.log(`  right after a value entered in ${open}: closed median ${ms(median(closedAfter))}, open median ${ms(median(openAfter))} (target: closed ≤ open)`);
  } finally {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
