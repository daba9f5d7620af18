/**
 * The closing's check of unreviewed values (store/period-store.ts `unreviewedValues`), in the
 * closing's own transaction: the plan bench/campaign.ts makes (`bench/campaign-plan.ts`, 20,000
 * indicators on SQLite), each period moved to collecting, then a closing asked without
 * acknowledging anything, BENCH_RUNS times after two discarded runs. Every one is refused with
 * `unreviewed-values` (nothing is stored), so what is timed is the transaction that reads the
 * period, counts its unreviewed values and lists the first 50. Two periods: the one with every value
 * entered (≈15,000 to review) and the one with a fifth of them entered (≈4,000), where a read of
 * the whole plan's indicators would be most of the work. The store in this process, no HTTP: the
 * SQLite driver is synchronous, so beside the wall time each closing's CPU time of this process
 * (`process.cpuUsage`) says the work apart from the machine's load.
 *
 *   npx tsx bench/closing.ts            # BENCH_INDICATORS=20000, BENCH_RUNS=20
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, SYSTEM } from '../src/store/index.js';
import { campaignDatabase } from './campaign-plan.js';
import { loadAverage } from './server.js';

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PERIODS = [
  ['2024-03-31', 'every value entered'],
  ['2024-09-30', 'a fifth of the values entered'],
] as const;

const stats = (ms: number[]): string => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, best ${s[0]!.toFixed(1)} ms, worst ${s[s.length - 1]!.toFixed(1)} ms`;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-bench-closing-'));
  try {
    const { database, planId } = await campaignDatabase(dir, INDICATORS);
    const store = await openStore(database);
    try {
      console.log(`load average ${loadAverage()}`);
      for (const [periodId, what] of PERIODS) {
        const moved = await store.transitionPeriod(planId, periodId, 'collecting', null, SYSTEM);
        if (!moved.ok) throw new Error(moved.error.message);
        const times: number[] = [];
        const cpu: number[] = [];
        let count = 0;
        for (let run = 0; run < RUNS + 2; run++) {
          const t = performance.now();
          const used = process.cpuUsage();
          const refused = await store.transitionPeriod(planId, periodId, 'closed', null, SYSTEM, { acknowledgeUnreviewed: false });
          const spent = process.cpuUsage(used);
          const ms = performance.now() - t;
          if (refused.ok || refused.error.code !== 'unreviewed-values') throw new Error(`the closing of ${periodId} was not refused for its unreviewed values`);
          count = Number(refused.error.details?.unreviewed);
          if (run >= 2) (times.push(ms), cpu.push((spent.user + spent.system) / 1000));
        }
        console.log(`closing refused, ${periodId} (${what}; ${count.toLocaleString('en')} unreviewed): wall ${stats(times)}; CPU ${stats(cpu)}`);
      }
      console.log(`load average ${loadAverage()}`);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
