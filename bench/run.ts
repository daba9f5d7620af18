/**
 * `npm run bench`: every benchmark in bench/ (each `bench/<area>.ts` except this file and the
 * helpers), one after the other, each in its own process. Figures are printed; the ones measured
 * for the record are written in docs/benchmarks.md with the command that made them.
 *   npm run bench              # all
 *   npm run bench -- engine    # only bench/engine.ts
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const HELPERS = new Set(['run.ts', 'synthetic.ts', 'server.ts', 'campaign-plan.ts']);
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !HELPERS.has(f) && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')))
  .sort();
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== bench/${bench} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${bench}`], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`bench/${bench} failed (exit ${run.status ?? run.signal})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
