/**
 * `npx tsx bench/api.ts`: the HTTP API on SQLite under load, the server in its own process (as
 * `npm start` runs it) and autocannon in this one.
 *  1. GET the computed tree of a 5,000-indicator plan: signed in (admin) and as the public, with
 *     `Accept-Encoding: br, gzip` as a browser sends it and with gzip only, then with If-None-Match
 *     (a client that already has this version). Target: p99 ≤ 20 ms at ≥ 1,000 req/s.
 *     BENCH_USERS=N adds N accounts (the tree's answer names people by the accounts' names now).
 *  2. Measurement writes per second (each one transaction with its audit entry), from 8 clients on
 *     distinct indicators, without and with the recomputed tree in the answer (BENCH_WRITES=0: skip).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, SYSTEM } from '../src/store/index.js';
import { addBenchAdmin, cpuSeconds, login, startProcess } from './server.js';
import { syntheticPlan } from './synthetic.js';

interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface AutocannonResult {
  latency: Histogram;
  requests: Histogram & { total: number };
  throughput: Histogram;
  non2xx: number;
  errors: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;
// autocannon appends every body chunk to a string (`body += chunk`) for its body checks, which
// this bench does not use: decoding 125 kB of gzip as UTF-8 costs the client ≈2.5 ms a response
// (a plain server giving 125 kB of random bytes tops out at ≈250 req/s through it, 7,000 req/s
// without), so the load generator, not the server, was measured. A browser does not do that.
// BENCH_DECODE_BODIES=1 keeps autocannon's default, to compare with earlier figures.
if (process.env.BENCH_DECODE_BODIES !== '1') {
  (require('autocannon/lib/pipelinedRequestsQueue.js') as { prototype: { addBody: (data: Buffer) => void } }).prototype.addBody = () => {};
}

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 5000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** Accounts beside the bench's own (each tree answer reads the accounts' names): an office's referenti. */
const USERS = Number(process.env.BENCH_USERS ?? 0);

function line(name: string, r: AutocannonResult): string {
  return `${name.padEnd(44)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ${(r.throughput.average / 1e6).toFixed(1)} MB/s   non-2xx ${r.non2xx}, errors ${r.errors}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-bench-'));
  const database = join(dir, 'bench.sqlite');
  let child: ChildProcess | undefined;
  try {
    const plan = syntheticPlan(INDICATORS, 7);
    const indicatorIds = plan.nodes.flatMap((n) => n.indicators.filter((i) => i.formula === null).map((i) => i.id));
    const store = await openStore(database);
    let t = performance.now();
    const imported = await store.importPlan({ table: { plan, stated: [] }, year: 2024, title: 'Bench' }, SYSTEM);
    if (!imported.ok) throw new Error(imported.error.message);
    const planId = imported.value.id;
    console.log(`plan: ${plan.nodes.length} objectives, ${plan.nodes.reduce((n, x) => n + x.indicators.length, 0)} indicators; stored in ${(performance.now() - t).toFixed(0)} ms`);
    await store.updatePlan(planId, { published: true }, SYSTEM);
    await addBenchAdmin(store);
    for (let k = 0; k < USERS; k++) {
      const made = await store.createUser({ username: `referente${k}`, displayName: `Referente numero ${k}`, role: 'referente', units: [], passwordHash: 'x' }, SYSTEM);
      if (!made.ok) throw new Error(made.error.message);
    }
    if (USERS > 0) console.log(`accounts: ${USERS + 1}`);
    await store.close();

    const server = await startProcess(database);
    child = server.child;
    const { cookie, csrf } = await login(server.url);
    const treeUrl = `${server.url}/api/plans/${planId}/tree`;
    t = performance.now();
    const first = await fetch(treeUrl, { headers: { cookie } });
    const body = await first.text();
    console.log(`first tree read (load + evaluate + serialise): ${(performance.now() - t).toFixed(0)} ms, ${(body.length / 1e6).toFixed(2)} MB`);
    const etag = first.headers.get('etag')!;
    await fetch(treeUrl); // warm the public variant too

    const gzip = { 'accept-encoding': 'gzip' };
    const brotli = { 'accept-encoding': 'br, gzip' };
    // A branch as a screen showing one objective's subtree asks for it.
    const branchRoot = plan.nodes.find((n) => n.parent === plan.nodes[0]!.code)!.code;
    const branchBytes = (await (await fetch(`${treeUrl}?under=${encodeURIComponent(branchRoot)}`, { headers: { cookie } })).text()).length;
    console.log(`branch ?under=${branchRoot}: ${(branchBytes / 1e3).toFixed(0)} kB`);
    for (const [name, headers] of [
      ['gzip', gzip],
      ['br', brotli],
    ] as const) {
      const res = await fetch(treeUrl, { headers: { cookie, ...headers } });
      await res.arrayBuffer(); // fetch decodes the body: its coded size is the Content-Length
      console.log(`tree answer, ${name} (${res.headers.get('content-encoding')}): ${(Number(res.headers.get('content-length')) / 1e3).toFixed(0)} kB`);
    }
    const reads = [
      ['GET tree, signed in, br', { headers: { cookie, ...brotli } }],
      ['GET tree, signed in, gzip', { headers: { cookie, ...gzip } }],
      ['GET tree, public, br', { headers: brotli }],
      ['GET tree, public, gzip', { headers: gzip }],
      ['GET tree, signed in, identity (no gzip)', { headers: { cookie } }],
      ['GET tree, signed in, If-None-Match (304)', { headers: { cookie, 'if-none-match': etag } }],
    ] as const;
    console.log(`\nmaximum throughput (10 connections, ${DURATION} s each):`);
    for (const [name, extra] of reads) {
      const cpu = cpuSeconds(child.pid);
      const r = await autocannon({ url: treeUrl, connections: 10, duration: DURATION, ...extra });
      const used = cpuSeconds(child.pid) - cpu;
      console.log(`${line(name, r)}   server CPU ${((used / r.requests.total) * 1e6).toFixed(0)} µs/req`);
    }
    {
      const r = await autocannon({ url: `${treeUrl}?under=${encodeURIComponent(branchRoot)}`, connections: 10, duration: DURATION, headers: { cookie, ...brotli } });
      console.log(line(`GET tree?under=${branchRoot}, signed in, br`, r));
      const fixed = await autocannon({ url: `${treeUrl}?under=${encodeURIComponent(branchRoot)}`, connections: 20, overallRate: 1000, duration: DURATION, headers: { cookie, ...brotli } });
      console.log(line(`  … at a fixed 1,000 req/s`, fixed));
    }
    console.log(`\nlatency at a fixed 1,000 requests/s (overallRate, 20 connections, ${DURATION} s each):`);
    for (const [name, extra] of reads.filter(([n]) => !n.includes('identity'))) {
      const cpu = cpuSeconds(child.pid);
      const r = await autocannon({ url: treeUrl, connections: 20, overallRate: 1000, duration: DURATION, ...extra });
      const used = cpuSeconds(child.pid) - cpu;
      console.log(`${line(name, r)}   server CPU ${((used / r.requests.total) * 1e6).toFixed(0)} µs/req`);
    }
    const health = await autocannon({ url: `${server.url}/api/health`, connections: 10, duration: Math.min(DURATION, 5) });
    console.log(line('GET /api/health (the floor)', health));
    const healthFixed = await autocannon({ url: `${server.url}/api/health`, connections: 20, overallRate: 1000, duration: Math.min(DURATION, 5) });
    console.log(line('  … at a fixed 1,000 req/s', healthFixed));

    console.log('');
    // Writes: 8 clients, each on its own indicators, sequential per client (no conflicts).
    const versions = new Map<string, number>();
    for (const withTree of process.env.BENCH_WRITES === '0' ? [] : [false, true]) {
      const seconds = withTree ? Math.min(DURATION, 5) : DURATION;
      const clients = 8;
      let done = 0;
      let conflicts = 0;
      const deadline = performance.now() + seconds * 1000;
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: clients }, async (_, k) => {
          for (let n = 0; performance.now() < deadline; n++) {
            // Client k writes only indicators ≡ k (mod clients): no two clients share one.
            const id = indicatorIds[(k + ((n * 7) % Math.floor(indicatorIds.length / clients)) * clients) % indicatorIds.length]!;
            const started = performance.now();
            const res = await fetch(`${server.url}/api/plans/${planId}/indicators/${encodeURIComponent(id)}/measurements/2024-12-31${withTree ? '?tree=true' : ''}`, {
              method: 'PUT',
              headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
              body: JSON.stringify({ state: 'not_evaluable', reason: `bench ${n}`, version: versions.get(id) ?? (await currentVersion(server.url, planId, id, cookie)) }),
            });
            const json = (await res.json()) as { measurement?: { version: number }; error?: { code: string; details?: { current?: { version: number } } } };
            latencies.push(performance.now() - started);
            if (res.status === 200) {
              versions.set(id, json.measurement!.version);
              done++;
            } else if (res.status === 409) {
              conflicts++;
              versions.set(id, json.error!.details!.current!.version);
            } else throw new Error(`write answered ${res.status}: ${JSON.stringify(json)}`);
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      const p = (q: number): string => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
      console.log(
        `${`PUT measurement + audit${withTree ? ' (?tree=true: whole tree)' : ' (changes only)'}`.padEnd(44)} ${(done / seconds).toFixed(0).padStart(6)} writes/s   p50 ${p(0.5)} ms   p99 ${p(0.99)} ms   (${clients} clients, ${done} writes, ${conflicts} conflicts)`,
      );
    }
  } finally {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

const treeVersions = new Map<string, number>();
async function currentVersion(url: string, planId: string, id: string, cookie: string): Promise<number> {
  if (treeVersions.size === 0) {
    const tree = (await (await fetch(`${url}/api/plans/${planId}/tree`, { headers: { cookie } })).json()) as { objectives: Array<{ indicators: Array<{ id: string; version: number }> }> };
    for (const o of tree.objectives) for (const i of o.indicators) treeVersions.set(i.id, i.version);
  }
  return treeVersions.get(id) ?? 0;
}

await main();
