/**
 * Whole-process runs on a big published table (issue 15 §2): `albero evaluate --json` and
 * `albero verify` on a 210,000-indicator table, as a ratio to the floor, a bare read + split +
 * parseFloat of the same file by `node -e`, timed alternately in the same run. Goal: ≤ 3 × the
 * floor for both, output streamed (the document is never held whole).
 * CPU time (user + system, from GNU time) is printed beside the wall time: on a shared machine it
 * moves much less with the load than the wall time does.
 *   npx tsx bench/big-table.ts [indicators] [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluatePlan } from '../src/core/index.js';
import { writePublishedText } from '../src/io/published/write-text.js';
import { syntheticPlan } from './synthetic.js';

const root = process.env.ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'albero.js');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build');
const gnuTime = '/usr/bin/time';
if (!existsSync(gnuTime)) throw new Error(`${gnuTime} (GNU time, Debian package "time") is needed for the CPU times`);
const indicators = Number(process.argv[2] ?? 210_000);
const runs = Number(process.argv[3] ?? 3);

const dir = mkdtempSync(join(tmpdir(), 'albero-big-'));
const file = join(dir, `albero-${indicators}.txt`);
writeFileSync(file, writePublishedText(evaluatePlan(syntheticPlan(indicators, 1, true))));
const floorScript = `const t=require('fs').readFileSync(${JSON.stringify(file)},'utf8');let s=0;for(const l of t.split('\\n'))for(const c of l.split('\\t')){const v=parseFloat(c);if(v===v)s+=v}`;

const commands: Record<string, string[]> = {
  'floor (read + split + parseFloat)': ['-e', floorScript],
  'albero evaluate --json': [bin, 'evaluate', '--json', file],
  'albero verify': [bin, 'verify', file],
};

function time(args: string[]): { ms: number; cpuMs: number; outBytes: number } {
  const times = join(dir, 'times');
  const start = process.hrtime.bigint();
  // Output goes to a pipe that is read (as a user's `| jq` would), not to /dev/null.
  const run = spawnSync(gnuTime, ['-f', '%U %S', '-o', times, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} exited ${run.status}`);
  const [user, system] = readFileSync(times, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { ms, cpuMs: (user! + system!) * 1000, outBytes: run.stdout.length };
}

const samples = new Map<string, number[]>(Object.keys(commands).map((k) => [k, []]));
const cpu = new Map<string, number[]>(Object.keys(commands).map((k) => [k, []]));
const output = new Map<string, number>();
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const { ms, cpuMs, outBytes } = time(args);
    samples.get(name)!.push(ms);
    cpu.get(name)!.push(cpuMs);
    output.set(name, outBytes);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor = median(samples.get('floor (read + split + parseFloat)')!);
const floorCpu = median(cpu.get('floor (read + split + parseFloat)')!);
console.log(`${indicators} indicators, ${(statSync(file).size / 1e6).toFixed(1)} MB; ${runs} runs each, alternating; medians:`);
for (const [name, xs] of samples) {
  const m = median(xs);
  const c = median(cpu.get(name)!);
  console.log(
    `${name.padEnd(36)} ${m.toFixed(0).padStart(6)} ms  ${(m / floor).toFixed(2)} × floor; CPU ${c.toFixed(0).padStart(6)} ms  ${(c / floorCpu).toFixed(2)} × floor  (output ${(output.get(name)! / 1e6).toFixed(1)} MB)`,
  );
}
// Full collections of the whole heap, from one more run of each command with V8's trace: the
// heap a command holds is nearly all alive to its end, so each is time spent for nothing.
for (const name of ['albero evaluate --json', 'albero verify']) {
  const traced = spawnSync(process.execPath, ['--trace-gc', ...commands[name]!], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const full = [...traced.stdout.matchAll(/Mark-Compact ([\d.]+)/g)].map((m) => `${m[1]} MB`);
  console.log(`${name}: ${full.length} full collection(s), at ${full.join(', ') || '—'}`);
}
for (const name of ['albero evaluate --json', 'albero verify']) {
  const ratio = median(samples.get(name)!) / floor;
  console.log(`goal: ${name} ≤ 3 × floor → ${ratio <= 3 ? 'met' : 'missed'} (${ratio.toFixed(2)} ×)`);
}
rmSync(dir, { recursive: true, force: true });
