/**
 * A review list page's states of one period, read the two ways the store has had (review-steps.ts):
 * `enteredValues`, the values joined with their indicators, each formula tested for a mean of the
 * children, and `valueStates`, the values' versions and latest steps alone (what `periodStates`
 * in reviews.ts reads since the list leaves the means out itself). On the database bench/campaign.ts
 * makes (20,000 indicators, SQLite), in process (its CPU time), alternating, BENCH_RUNS times each after one discarded.
 * What the page pays for its states each time a value or a review step moves the campaign version.
 *
 *   npx tsx bench/review-states.ts     # BENCH_INDICATORS=20000, BENCH_RUNS=20
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enteredValues, valueStates } from '../src/store/review-steps.js';
import { openSqlite } from '../src/store/sqlite/db.js';
import { campaignDatabase } from './campaign-plan.js';

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PERIOD = '2024-03-31';

const stats = (ms: number[]): string => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, best ${s[0]!.toFixed(1)} ms, worst ${s[s.length - 1]!.toFixed(1)} ms`;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-bench-states-'));
  try {
    const { database, planId } = await campaignDatabase(dir, INDICATORS);
    const db = openSqlite(database);
    const joined: number[] = [];
    const alone: number[] = [];
    let sizes = '';
    for (let run = 0; run <= RUNS; run++) {
      // Each first on every other run: neither gains from the other's warmed pages alone.
      const timed = async <T>(read: () => Promise<T>): Promise<[T, number]> => {
        // CPU time (user + system) of this process: the store's work apart from the machine's load.
        const t = process.cpuUsage();
        const value = await read();
        const used = process.cpuUsage(t);
        return [value, (used.user + used.system) / 1000];
      };
      const readJoined = () => timed(() => enteredValues(db, db, planId, PERIOD));
      const readAlone = () => timed(() => valueStates(db, planId, PERIOD));
      let [entered, a] = run % 2 === 0 ? await readJoined() : [undefined, 0];
      const [states, b] = await readAlone();
      if (entered === undefined) [entered, a] = await readJoined();
      if (run === 0) {
        // The same state for every value the join keeps: the one rule, read either way.
        for (const v of entered) if (states.get(v.indicatorId) !== v.state) throw new Error(`${v.indicatorId}: ${v.state} joined, ${states.get(v.indicatorId)} alone`);
        sizes = `${entered.length.toLocaleString('en')} values joined, ${states.size.toLocaleString('en')} alone`;
        continue;
      }
      joined.push(a);
      alone.push(b);
    }
    await db.close();
    console.log(`states of period ${PERIOD}, ${INDICATORS.toLocaleString('en')} indicators (${sizes}), ${RUNS} runs:`);
    console.log(`  enteredValues (joined with the indicators, formulas tested), CPU: ${stats(joined)}`);
    console.log(`  valueStates (the values and their latest steps alone), CPU: ${stats(alone)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
