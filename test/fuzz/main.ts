/**
 * `npm run fuzz [-- --text N --workbooks N --seed S --backend sqlite|postgres --dry-run N]`: the
 * damaged corpus (by default 2,000 text tables and 200 workbooks) through the CLI and the import
 * API (every 10th case also as a dry run first). Exit 1 with every failure listed; the slowest
 * steps are printed either way.
 */
import { parseArgs } from 'node:util';
import { textCases, workbookCases } from './corpus.js';
import { runFuzz } from './run.js';

const { values } = parseArgs({
  options: {
    text: { type: 'string', default: '2000' },
    workbooks: { type: 'string', default: '200' },
    seed: { type: 'string', default: '14' },
    spawn: { type: 'string', default: '100' },
    backend: { type: 'string', default: 'sqlite' },
    'dry-run': { type: 'string', default: '10' },
  },
});
const seed = Number(values.seed);
const backend = values.backend;
if (backend !== 'sqlite' && backend !== 'postgres') throw new Error(`--backend sqlite or postgres, not "${backend}"`);
const cases = [...textCases(Number(values.text), seed), ...workbookCases(Number(values.workbooks), seed)];
const started = Date.now();
const { failures, outcomes, slowest } = await runFuzz(cases, {
  spawnEvery: Number(values.spawn),
  dryRunEvery: Number(values['dry-run']),
  backend,
  onProgress: (done, total, failed) => {
    if (done % 100 === 0 || done === total) process.stderr.write(`fuzz: ${done}/${total} cases, ${failed} failure${failed === 1 ? '' : 's'}, ${Math.round((Date.now() - started) / 1000)} s\n`);
  },
});
for (const f of failures) process.stdout.write(`${f.case} [${f.where}] ${f.problem}\n    made by: ${f.how}\n`);
for (const t of slowest) process.stdout.write(`slow: ${t.case} ${t.step} ${Math.round(t.ms)} ms\n`);
process.stdout.write(
  `fuzz (seed ${seed}, ${backend}): ${cases.length} cases (${Object.entries(outcomes)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}), ${failures.length} failure${failures.length === 1 ? '' : 's'}, ${Math.round((Date.now() - started) / 1000)} s\n`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
