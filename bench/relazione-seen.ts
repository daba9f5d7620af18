/**
 * A transmitted Relazione read by the OIV's screen on a big plan (docs/benchmarks.md, "The
 * Relazione's `seen`"): a synthetic plan of 5,000 and of 20,000 indicators on SQLite, the server in
 * its own process (bench/server.ts), the year end closed and the Relazione transmitted. Its answer
 * carries `seen`, the digests of what a validation would freeze; measured: the first read, a read
 * repeated with nothing changed, and a read after a value saved in another period (the plan's data
 * version moved, the year end's figures did not), and reads repeated after that save with nothing
 * changed since. Wall time and the server's CPU per read. ALBERO_BENCH_BUILT=<checkout> runs that
 * checkout's build (its dist/) as the server instead of these sources, to compare two in one sitting.
 *   npx tsx bench/relazione-seen.ts [runs] [indicators…]
 */
import { cpuSeconds, loadAverage, startWithOiv } from './server.js';
import { countIndicators, syntheticPlan } from './synthetic.js';

const RUNS = Number(process.argv[2] ?? 7);
const SIZES = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [5_000, 20_000];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const size of SIZES) {
  const plan = syntheticPlan(size, 7);
  const bench = await startWithOiv(plan, 'Bench seen', process.env.ALBERO_BENCH_BUILT);
  try {
    const { planId, child, admin, oiv, call, must } = bench;
    const [yearEnd, midYear] = bench.periods;
    for (const to of ['collecting', 'closed']) must(await call(admin, 'POST', `/api/plans/${planId}/periods/${yearEnd}/transition`, { to, acknowledgeUnreviewed: true }), `period → ${to}`);
    must(await call(admin, 'POST', `/api/plans/${planId}/periods/${midYear}/transition`, { to: 'collecting' }), 'mid-year collecting');
    must(await call(admin, 'POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true }), 'transmitted');
    // An ordinary indicator of the mid-year period, to save a value in.
    const node = plan.nodes.find((n) => n.indicators.some((i) => i.formula === null && i.unit === 'number'))!;
    const own = node.indicators.find((i) => i.formula === null && i.unit === 'number')!;

    /** One read of the Relazione as the OIV's screen makes it: wall time and the server's CPU, in ms. */
    const read = async (): Promise<{ wall: number; cpu: number; seen: string }> => {
      const cpu = cpuSeconds(child.pid);
      const start = performance.now();
      const body = must(await call(oiv, 'GET', `/api/plans/${planId}/relazione`), 'relazione');
      return { wall: performance.now() - start, cpu: (cpuSeconds(child.pid) - cpu) * 1000, seen: body.seen as string };
    };
    const first = await read();
    if (typeof first.seen !== 'string') throw new Error('no seen in the answer');
    const repeated: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < RUNS; i++) repeated.push(await read());
    const afterSave: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const tree = must(await call(admin, 'GET', `/api/plans/${planId}/tree?period=${midYear}&under=${encodeURIComponent(node.code)}`), 'tree');
      const version = (tree.objectives as { indicators: { id: string; version: number }[] }[]).flatMap((o) => o.indicators).find((i) => i.id === own.id)!.version;
      must(await call(admin, 'PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(own.id)}/measurements/${midYear}`, { state: 'measured', actual: 10 + i, version }), 'value saved');
      const r = await read();
      if (r.seen !== first.seen) throw new Error('a mid-year value changed seen');
      afterSave.push(r);
    }
    const afterSaveAgain: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < RUNS; i++) afterSaveAgain.push(await read());
    const line = (what: string, xs: { wall: number; cpu: number }[]): string =>
      `  ${what.padEnd(40)} median ${median(xs.map((x) => x.wall))
        .toFixed(0)
        .padStart(
          5,
        )} ms (best ${Math.min(...xs.map((x) => x.wall)).toFixed(0)}, worst ${Math.max(...xs.map((x) => x.wall)).toFixed(0)}); server CPU median ${median(xs.map((x) => x.cpu)).toFixed(0)} ms, mean ${(xs.reduce((t, x) => t + x.cpu, 0) / xs.length).toFixed(1)} ms`;
    console.log(`${countIndicators(plan).toLocaleString('en')} indicators, ${plan.nodes.length.toLocaleString('en')} objectives; ${RUNS} runs; load ${loadAverage()}`);
    console.log(`  first read (tree loaded, evaluated)      ${first.wall.toFixed(0).padStart(5)} ms; server CPU ${first.cpu.toFixed(0)} ms`);
    console.log(line('read again, nothing changed', repeated));
    console.log(line('read after a value saved at mid-year', afterSave));
    console.log(line('read again after it, nothing changed', afterSaveAgain));
  } finally {
    bench.close();
  }
}
