/**
 * Engine benchmarks (issue 2): evaluation time and peak memory for synthetic plans of 10k, 100k
 * and 1,000,000 indicators; incremental re-scoring after one changed actual on 100k; parsing the
 * published layout (MB/s); whole-process `albero evaluate` on a 200k-indicator file.
 *
 *   npx tsx bench/engine.ts            # everything (each size in its own process, for honest memory)
 *   npx tsx bench/engine.ts evaluate 1000000
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decimal, evaluatePlan } from '../src/core/index.js';
import { parsePublishedText } from '../src/io/published/text.js';
import { writePublishedText } from '../src/io/published/write-text.js';
import { countIndicators, syntheticPlan } from './synthetic.js';

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))]!;
}
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

function evaluateSize(size: number): void {
  const plan = syntheticPlan(size);
  const built = process.memoryUsage().rss;
  const times: number[] = [];
  const runs = size >= 1_000_000 ? 3 : 5;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const e = evaluatePlan(plan);
    times.push(ms(t));
    // A sanity check that reads one root's result, not a million result objects: their making is
    // output (the JSON document, a report), measured with those, not evaluation.
    if (e.node(plan.nodes[0]!.code)?.performance === undefined) throw new Error('empty');
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    `evaluate ${countIndicators(plan).toLocaleString('en')} indicators (${plan.nodes.length.toLocaleString('en')} objectives): median ${median(times).toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms; peak RSS ${mib(peak)} (plan alone ${mib(built)})`,
  );
}

function incremental(size: number): void {
  const plan = syntheticPlan(size);
  const e = evaluatePlan(plan);
  const ids = plan.nodes.flatMap((n) => n.indicators.filter((i) => i.formula === null && i.target?.kind === 'number').map((i) => i.id));
  // The first change builds the id index (reported apart); then 2,000 changes warm the JIT up, as a
  // running server or browser tab is warm, before the 2,000 that are measured.
  const first = process.hrtime.bigint();
  e.setMeasurement(ids[0]!, { state: 'measured', actual: { kind: 'number', value: new Decimal(1) } });
  const firstMs = ms(first);
  for (let k = 0; k < 2000; k++) e.setMeasurement(ids[(k * 7919) % ids.length]!, { state: 'measured', actual: { kind: 'number', value: new Decimal(k % 90) } });
  const times: number[] = [];
  let x = 7;
  for (let k = 0; k < 2000; k++) {
    x = (x * 48271) % 2147483647;
    const id = ids[x % ids.length]!;
    const t = process.hrtime.bigint();
    e.setMeasurement(id, { state: 'measured', actual: { kind: 'number', value: new Decimal(k % 120) } });
    times.push(ms(t));
  }
  console.log(
    `re-score one changed actual on ${size.toLocaleString('en')} indicators (path to the root): median ${(median(times) * 1000).toFixed(0)} µs, p99 ${(quantile(times, 0.99) * 1000).toFixed(0)} µs, max ${(Math.max(...times) * 1000).toFixed(0)} µs over 2,000 changes after 2,000 to warm up (the first change, which builds the id index: ${firstMs.toFixed(0)} ms)`,
  );
}

function parsing(size: number): string {
  const text = writePublishedText(evaluatePlan(syntheticPlan(size, 1, true)));
  const bytes = Buffer.byteLength(text);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    const r = parsePublishedText(text, 'bench.txt');
    times.push(ms(t));
    if (r.value.plan.nodes.length === 0) throw new Error('nothing parsed');
  }
  const best = Math.min(...times);
  console.log(
    `parse the published layout, ${size.toLocaleString('en')} indicators, ${(bytes / 1e6).toFixed(1)} MB: median ${median(times).toFixed(0)} ms, ${(bytes / 1e6 / (median(times) / 1000)).toFixed(1)} MB/s (best ${(bytes / 1e6 / (best / 1000)).toFixed(1)} MB/s)`,
  );
  return text;
}

function wholeProcess(size: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'albero-bench-'));
  const file = join(dir, `plan-${size}.txt`);
  writeFileSync(file, writePublishedText(evaluatePlan(syntheticPlan(size, 1, true))));
  const bin = join(root, 'bin/albero.js');
  for (const args of [
    ['evaluate', file, '--json'],
    ['verify', file],
  ]) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
      times.push(ms(t));
      if (run.status !== 0) throw new Error(`albero ${args[0]} exited ${run.status}`);
    }
    console.log(`whole process: albero ${args[0]}${args[2] === undefined ? '' : ` ${args[2]}`} on a ${size.toLocaleString('en')}-indicator file: median ${median(times).toFixed(0)} ms`);
  }
}

const [mode, arg] = process.argv.slice(2);
if (mode === 'evaluate') evaluateSize(Number(arg));
else if (mode === 'incremental') incremental(Number(arg));
else if (mode === 'parse') parsing(Number(arg));
else if (mode === 'process') wholeProcess(Number(arg));
else {
  console.log(`# engine benchmarks — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  const child = (...args: string[]): void => {
    execFileSync(process.execPath, ['--import', 'tsx', here, ...args], { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' } });
  };
  for (const size of [10_000, 100_000, 1_000_000]) child('evaluate', String(size));
  child('incremental', '100000');
  child('parse', '200000');
  child('process', '200000');
}
