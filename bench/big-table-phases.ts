/**
 * Where `albero evaluate --json` spends its time on a big published table (issue 15 §2), phase by
 * phase: a fresh `node` (as the command runs, without the plan this script made to write the
 * table) calls the built modules as the command calls them, timing each phase. The JSON is made
 * and its length counted, not written: what writing adds is big-table.ts's whole-process figure.
 *   npm run build && npx tsx bench/big-table-phases.ts [indicators] [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { evaluatePlan } from '../src/core/index.js';
import { writePublishedText } from '../src/io/published/write-text.js';
import { syntheticPlan } from './synthetic.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(join(dist, 'io', 'load.js'))) throw new Error('build first: npm run build');
const indicators = Number(process.argv[2] ?? 210_000);
const runs = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'albero-phases-'));
const file = join(dir, `albero-${indicators}.txt`);
writeFileSync(file, writePublishedText(evaluatePlan(syntheticPlan(indicators, 1, true))));

const module = (path: string): string => JSON.stringify(pathToFileURL(join(dist, path)).href);
// As `albero evaluate --json` does it (src/cli/commands/evaluate.ts, loadOrReport's withRoomyHeap).
const phases = `
const t = [performance.now()];
const { readFileSync } = await import('node:fs');
const { setFlagsFromString } = await import('node:v8');
const { importTableBytes } = await import(${module('io/load.js')});
const { evaluatePlan } = await import(${module('core/index.js')});
const { evaluationJson } = await import(${module('io/json.js')});
t.push(performance.now());
setFlagsFromString('--heap-growing-percent=3000');
const read = await importTableBytes(readFileSync(${JSON.stringify(file)}), 'table.txt', { stated: false });
setFlagsFromString('--heap-growing-percent=0');
t.push(performance.now());
const evaluation = evaluatePlan(read.value.plan, { keepScores: true });
t.push(performance.now());
let chars = 0;
for (const chunk of evaluationJson(evaluation, read.issues)) chars += chunk.length;
t.push(performance.now());
const ms = t.slice(1).map((x, k) => (x - t[k]).toFixed(0));
console.log(\`modules \${ms[0]} ms, read \${ms[1]} ms, evaluate \${ms[2]} ms, JSON \${ms[3]} ms (\${(chars / 1e6).toFixed(1)} M characters)\`);
`;
for (let run = 0; run < runs; run++) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', phases], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  process.stdout.write(child.stdout);
}
rmSync(dir, { recursive: true, force: true });
