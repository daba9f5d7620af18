/**
 * The OIV's validated values checked against each other on a big plan (docs/benchmarks.md, "The
 * Relazione sulla performance"): a synthetic plan of 5,000 and of 20,000 indicators on SQLite, the
 * server in its own process (bench/server.ts), the year end closed and the Relazione transmitted;
 * the OIV saves a review of 50 validated values (operational objectives, the strategic objectives
 * above some of them and their programmes, each parent at the value its validated objectives
 * give, so the review is taken), then the Relazione is read as HTML. Each validated parent is
 * checked against what its children give, the parents that follow are listed: a user waits for
 * both, target ≤ 1 s each.
 *   npx tsx bench/relazione-oiv.ts [runs] [indicators…]
 */
import { evaluatePlan, toJsonNumber, type Plan } from '../src/core/index.js';
import { cpuSeconds, loadAverage, startWithOiv } from './server.js';
import { countIndicators, syntheticPlan } from './synthetic.js';

const RUNS = Number(process.argv[2] ?? 5);
const SIZES = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [5_000, 20_000];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * 50 validated values: 10 strategic objectives, each with its first two operational objectives
 * validated 5 points lower than reported, and itself at what they give (its `children_mean`); then
 * the programme above the first 10 at what its strategic objectives give, and more operational
 * objectives elsewhere, reported values confirmed, up to 50.
 */
function validatedValues(plan: Plan): { code: string; validated: number; note: string }[] {
  const reported = evaluatePlan(plan);
  const children = new Map<string, string[]>();
  for (const n of plan.nodes) if (n.parent !== null) children.set(n.parent, [...(children.get(n.parent) ?? []), n.code]);
  const strategic = plan.nodes.filter((n) => n.title.startsWith('Strategico') && (children.get(n.code)?.length ?? 0) >= 2);
  const values: { code: string; validated: number; note: string }[] = [];
  const forced = new Map<string, import('decimal.js').default>();
  const take = (code: string, value: import('decimal.js').default): void => {
    forced.set(code, value);
    values.push({ code, validated: toJsonNumber(value)!, note: `Valore verificato dall'OIV per ${code}.` });
  };
  for (const s of strategic.slice(0, 10)) {
    for (const op of children.get(s.code)!.slice(0, 2)) {
      const r = reported.node(op)?.performance;
      if (r == null) continue;
      take(op, r.minus(5).lessThan(0) ? r : r.minus(5).toDecimalPlaces(2));
    }
    const given = evaluatePlan(plan, { forced }).node(s.code)?.performance;
    if (given != null) take(s.code, given.toDecimalPlaces(2));
  }
  const programme = strategic[0]!.parent!;
  const given = evaluatePlan(plan, { forced }).node(programme)?.performance;
  if (given != null) take(programme, given.toDecimalPlaces(2));
  for (const s of strategic.slice(10)) {
    if (values.length >= 50) break;
    const op = children.get(s.code)![0]!;
    const r = reported.node(op)?.performance;
    if (r != null) take(op, r.toDecimalPlaces(2));
  }
  return values;
}

for (const size of SIZES) {
  const plan = syntheticPlan(size, 7);
  const values = validatedValues(plan);
  const parents = values.filter((v) => plan.nodes.some((n) => n.parent === v.code)).length;
  const bench = await startWithOiv(plan, 'Bench OIV');
  try {
    const { planId, child, admin, oiv, call, must } = bench;
    const yearEnd = bench.periods[0]!;
    for (const to of ['collecting', 'closed']) must(await call(admin, 'POST', `/api/plans/${planId}/periods/${yearEnd}/transition`, { to, acknowledgeUnreviewed: true }), `period → ${to}`);
    must(await call(admin, 'POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true }), 'transmitted');
    const current = must(await call(oiv, 'GET', `/api/plans/${planId}/relazione`), 'relazione');
    const checklist = current.checklist.map((p: object) => ({ ...p, outcome: 'yes' }));
    let version = current.version as number;

    // The same read before any validated value: what the checks add is the difference.
    const plain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      if ((await call(admin, 'GET', `/api/plans/${planId}/relazione/export?format=html`)).status !== 200) throw new Error('relazione html');
      plain.push(performance.now() - start);
    }
    const saves: number[] = [];
    const reads: number[] = [];
    const cpuBefore = cpuSeconds(child.pid);
    // The server's CPU for the saves alone: what one save costs, apart from the machine's load.
    let saveCpu = 0;
    let following = 0;
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      let start = performance.now();
      const cpuAtSave = cpuSeconds(child.pid);
      const saved = must(await call(oiv, 'PUT', `/api/plans/${planId}/relazione/review`, { note: `Revisione ${i}.`, reservations: '', checklist, values, version }), 'review');
      saves.push(performance.now() - start);
      saveCpu += cpuSeconds(child.pid) - cpuAtSave;
      version = saved.version;
      following = saved.following.length;
      start = performance.now();
      const html = await call(admin, 'GET', `/api/plans/${planId}/relazione/export?format=html`);
      if (html.status !== 200) throw new Error(`relazione html: ${html.status}`);
      reads.push(performance.now() - start);
      bytes = html.text.length;
    }
    const cpu = cpuSeconds(child.pid) - cpuBefore;
    console.log(
      `${countIndicators(plan).toLocaleString('en')} indicators, ${plan.nodes.length.toLocaleString('en')} objectives; ${values.length} validated values (${parents} parents), ${following} objectives following; load ${loadAverage()}`,
    );
    console.log(
      `  PUT /relazione/review             median ${median(saves).toFixed(0).padStart(5)} ms  (best ${Math.min(...saves).toFixed(0)}, worst ${Math.max(...saves).toFixed(0)})   goal ≤ 1000 ms → ${median(saves) <= 1000 ? 'met' : 'missed'}`,
    );
    console.log(
      `  GET /relazione/export?format=html median ${median(reads).toFixed(0).padStart(5)} ms  (best ${Math.min(...reads).toFixed(0)}, worst ${Math.max(...reads).toFixed(0)}; ${(bytes / 1024).toFixed(0)} KiB)   goal ≤ 1000 ms → ${median(reads) <= 1000 ? 'met' : 'missed'}`,
    );
    console.log(`  the same read, no validated value median ${median(plain).toFixed(0).padStart(5)} ms`);
    console.log(`  server CPU over the ${RUNS} saves and reads: ${cpu.toFixed(2)} s, of which the saves ${saveCpu.toFixed(2)} s (${((saveCpu / RUNS) * 1000).toFixed(0)} ms a save)`);
  } finally {
    bench.close();
  }
}
