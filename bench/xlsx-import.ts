/**
 * Importing a big workbook (issue 14 §12): a 48,000-row .xlsx in the published layout (the
 * workbook `albero report --output x.xlsx` writes for a synthetic plan), read by `albero import
 * FILE --check` as a whole process and by the importer in process. Goal: ≤ 5 s.
 *   npx tsx bench/xlsx-import.ts [rows] [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluatePlan } from '../src/core/index.js';
import { importTableBytes } from '../src/io/load.js';
import { exportPlanXlsx } from '../src/io/xlsx/export.js';
import { syntheticPlan } from './synthetic.js';

const root = process.env.ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'albero.js');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build');
const wanted = Number(process.argv[2] ?? 48_000);
const runs = Number(process.argv[3] ?? 3);

// A plan has about one objective row for every 3.6 indicator rows: size it to the rows wanted.
const plan = syntheticPlan(Math.round((wanted * 3.6) / 4.6), 1, true);
const rows = plan.nodes.length + plan.nodes.reduce((n, node) => n + node.indicators.length, 0);
const bytes = await exportPlanXlsx(evaluatePlan(plan));
const dir = mkdtempSync(join(tmpdir(), 'albero-xlsx-'));
const file = join(dir, `albero-${rows}.xlsx`);
writeFileSync(file, bytes);
console.log(
  `${rows} rows of objectives and indicators, ${(bytes.length / 1048576).toFixed(1)} MB; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const whole: number[] = [];
const inProcess: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bin, 'import', file, '--check'], { stdio: ['ignore', 'ignore', 'pipe'] });
  whole.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (run.status !== 0) throw new Error(`import --check exited ${run.status}: ${run.stderr.toString().slice(0, 500)}`);
  const t = performance.now();
  const outcome = await importTableBytes(bytes, 'bench.xlsx');
  inProcess.push(performance.now() - t);
  if (outcome.value === null) throw new Error('the workbook did not import');
}
console.log(
  `albero import --check (whole process)  median ${median(whole).toFixed(0)} ms  [${whole.map((m) => m.toFixed(0)).join(', ')}]  goal ≤ 5000 ms → ${median(whole) <= 5000 ? 'met' : 'missed'}`,
);
console.log(`importer in process                    median ${median(inProcess).toFixed(0)} ms  [${inProcess.map((m) => m.toFixed(0)).join(', ')}]`);
rmSync(dir, { recursive: true, force: true });
