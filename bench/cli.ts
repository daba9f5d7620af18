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

function time(args: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && !(args.includes('verify') && run.status === 1)) throw new Error(`${args.join(' ')} exited ${run.status}`);
  return ms;
}

const samples = new Map<string, number[]>(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(commands)) samples.get(name)!.push(time(args));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor = median(samples.get('node -e 0')!);
console.log(`${runs} runs each, alternating; medians:`);
for (const [name, xs] of samples) {
  const m = median(xs);
  console.log(`${name.padEnd(34)} ${m.toFixed(0).padStart(6)} ms   ${(m / floor).toFixed(2)} × node -e 0`);
}
const ratio = median(samples.get('albero evaluate (fixture)')!) / floor;
console.log(`goal: evaluate ≤ 2.5 × node -e 0 → ${ratio <= 2.5 ? 'met' : 'missed'} (${ratio.toFixed(2)} ×)`);
