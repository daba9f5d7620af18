/**
 * The Relazione sulla performance (issue 12). Goals: the Relazione of a 10,000-indicator plan as
 * DOCX and as PDF in ≤ 5 s each (data → document → file, in-process, the plan already evaluated as
 * the server holds it); of the fixture in ≤ 1 s whole process (`albero relazione FILE --output …`,
 * node's start included), each format.
 *   npx tsx bench/relazione.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluatePlan } from '../src/core/index.js';
import { buildRelazione, renderRelazione, type RelazioneFormat } from '../src/io/relazione/index.js';
import { countIndicators, syntheticPlan } from './synthetic.js';

const root = process.env.ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'albero.js');
const fixture = join(root, 'fixtures', 'albero-performance-2024.txt');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build');

const runs = Number(process.argv[2] ?? 5);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const FORMATS: RelazioneFormat[] = ['docx', 'pdf', 'html'];
let missed = 0;

// 1. A 10,000-indicator plan, in-process.
const plan = syntheticPlan(10_000, 7);
const evaluation = evaluatePlan(plan);
console.log(`synthetic plan: ${countIndicators(plan)} indicators, ${plan.nodes.length} objectives; ${runs} runs per format, medians`);
const texts = { 'contesto-esterno': '## Il territorio\nUn anno **difficile** per le imprese.\n\n- export in calo\n- credito più caro' };
for (const format of FORMATS) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const doc = buildRelazione(evaluation, { body: 'Camera di Commercio di prova', year: 2024, texts });
    bytes = (await renderRelazione(doc, format)).byteLength;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const m = median(times);
  const goal = format === 'html' ? '' : `   goal ≤ 5000 ms → ${m <= 5000 ? 'met' : 'missed'}`;
  if (format !== 'html' && m > 5000) missed++;
  console.log(`10k indicators → ${format.padEnd(4)} ${m.toFixed(0).padStart(6)} ms  (${(bytes / 1024).toFixed(0)} KiB)${goal}`);
}

// 2. The fixture, whole process, against a bare node start timed in the same run (alternating).
const out = mkdtempSync(join(tmpdir(), 'albero-bench-relazione-'));
try {
  const samples = new Map<string, number[]>([['node -e 0', []], ...FORMATS.map((f): [string, number[]] => [f, []])]);
  const time = (args: string[]): number => {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    return ms;
  };
  for (let i = 0; i < runs * 2; i++) {
    samples.get('node -e 0')!.push(time(['-e', '0']));
    for (const f of FORMATS) samples.get(f)!.push(time([bin, 'relazione', fixture, '--output', join(out, `relazione.${f}`)]));
  }
  console.log(`fixture, whole process (${runs * 2} runs each, alternating; medians):`);
  for (const [name, xs] of samples) {
    const m = median(xs);
    const goal = name === 'node -e 0' ? '' : `   goal ≤ 1000 ms → ${m <= 1000 ? 'met' : 'missed'}  (${(statSync(join(out, `relazione.${name}`)).size / 1024).toFixed(0)} KiB)`;
    if (name !== 'node -e 0' && m > 1000) missed++;
    console.log(`${(name === 'node -e 0' ? name : `albero relazione → ${name}`).padEnd(26)} ${m.toFixed(0).padStart(6)} ms${goal}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(missed === 0 ? 'all goals met' : `${missed} goal(s) missed`);
