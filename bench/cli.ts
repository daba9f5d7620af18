/**
 * The command line's start, whole process, as a ratio to a bare `node -e 0` timed in the same run
 * (alternating, so load on the machine weighs on both alike). Goal (issue 15): `albero evaluate`
 * of the fixture within 2.5 × the floor.
 *   npx tsx bench/cli.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.env.ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'albero.js');
const fixture = join(root, 'fixtures', 'albero-performance-2024.txt');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build');

const runs = Number(process.argv[2] ?? 15);
const commands: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'albero --help': [bin, '--help'],
  'albero evaluate (fixture)': [bin, 'evaluate', fixture],
  'albero evaluate --json (fixture)': [bin, 'evaluate', '--json', fixture],
  'albero verify (fixture)': [bin, 'verify', fixture],
};

/**
 * One whole process: its wall time, and its CPU time (user + system) as bash's `times` says it for
 * the children of the shell that ran it, to the millisecond (GNU time's is to the hundredth of a
 * second, too coarse for a start of ≈0.1 s). The CPU time moves much less with the machine's load.
 */
function time(args: string[]): { ms: number; cpuMs: number } {
  const start = process.hrtime.bigint();
  const run = spawnSync('bash', ['-c', '"$@" >/dev/null 2>&1; status=$?; times; exit $status', 'bash', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && !(args.includes('verify') && run.status === 1)) throw new Error(`${args.join(' ')} exited ${run.status}`);
  // `times`: the shell's own user and system times, then its children's (`0m0.112s 0m0.021s`).
  const children = run.stdout.trim().split('\n').at(-1)!;
  const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
  return { ms, cpuMs };
}

const samples = new Map<string, number[]>(Object.keys(commands).map((k) => [k, []]));
const cpu = new Map<string, number[]>(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const { ms, cpuMs } = time(args);
    samples.get(name)!.push(ms);
    cpu.get(name)!.push(cpuMs);
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor = median(samples.get('node -e 0')!);
const floorCpu = median(cpu.get('node -e 0')!);
console.log(`${runs} runs each, alternating; medians:`);
for (const [name, xs] of samples) {
  const m = median(xs);
  const c = median(cpu.get(name)!);
  console.log(`${name.padEnd(34)} ${m.toFixed(0).padStart(6)} ms   ${(m / floor).toFixed(2)} × node -e 0; CPU ${c.toFixed(0).padStart(5)} ms  ${(c / floorCpu).toFixed(2)} ×`);
}
const ratio = median(samples.get('albero evaluate (fixture)')!) / floor;
console.log(`goal: evaluate ≤ 2.5 × node -e 0 → ${ratio <= 2.5 ? 'met' : 'missed'} (${ratio.toFixed(2)} ×)`);
