/**
 * The monitoring campaign's bench plan (a helper, listed in HELPERS in bench/run.ts), shared by
 * bench/campaign.ts (the API) and bench/review-list.ts (the browser): a SQLite database with a
 * synthetic plan of `indicators` indicators and four periods, its objectives spread over 200 units,
 * values entered in three periods (all, half, a fifth of them) and a quarter of the first approved,
 * and the bench admin. Prints what it made.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, SYSTEM } from '../src/store/index.js';
import type { Plan } from '../src/core/index.js';
import { addBenchAdmin } from './server.js';
import { countIndicators, syntheticPlan } from './synthetic.js';

const UNITS = 200;

export async function campaignDatabase(dir: string, indicators: number): Promise<{ database: string; planId: string; plan: Plan }> {
  const database = join(dir, 'bench.sqlite');
  const t = performance.now();
  const plan = syntheticPlan(indicators, 7);
  const store = await openStore(database);
  const imported = await store.importPlan({ table: { plan, stated: [] }, year: 2024, title: 'Bench campagna' }, SYSTEM);
  if (!imported.ok) throw new Error(imported.error.message);
  const planId = imported.value.id;
  const added = await store.addPeriod(planId, { endsOn: '2024-03-31' }, SYSTEM);
  if (!added.ok) throw new Error(added.error.message);
  // 200 units; each strategic objective (and so the objectives under it) to one of them.
  const unitIds: string[] = [];
  for (let u = 0; u < UNITS; u++) {
    const unit = await store.createUnit({ code: `U${u}`, name: `Ufficio ${u}`, kind: 'Ufficio' }, SYSTEM);
    if (!unit.ok) throw new Error(unit.error.message);
    unitIds.push(unit.value.id);
  }
  const strategic = plan.nodes.filter((n) => n.title.startsWith('Strategico'));
  for (let u = 0; u < UNITS; u++) {
    const nodes = strategic.filter((_, i) => i % UNITS === u).map((n) => n.code);
    const moved = await store.reassign(planId, { nodes, unitId: unitIds[u]! }, SYSTEM);
    if (!moved.ok) throw new Error(moved.error.message);
  }
  // In force, as a plan whose values are collected is: a draft's worklist has no values to collect.
  const adopted = await store.adoptPlan(planId, { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' }, SYSTEM);
  if (!adopted.ok) throw new Error(adopted.error.message);
  await addBenchAdmin(store);
  await store.close();
  // The values of the year end (from the table) copied into the other periods, all / half / a
  // fifth of them, and a quarter of the first period's approved: written straight in SQL, since
  // the bench measures reading the campaign, not 30,000 single writes.
  const db = new Database(database);
  const columns = (db.prepare(`PRAGMA table_info(measurements)`).all() as Array<{ name: string }>).map((c) => c.name);
  const select = columns.map((c) => (c === 'period_id' ? '?' : c)).join(', ');
  const copy = db.prepare(`INSERT INTO measurements (${columns.join(', ')}) SELECT ${select} FROM measurements WHERE plan_id = ? AND period_id = '2024-12-31' AND (abs(random()) % 100) < ?`);
  db.transaction(() => {
    copy.run('2024-03-31', planId, 100);
    copy.run('2024-06-30', planId, 50);
    copy.run('2024-09-30', planId, 20);
    db.prepare(
      `INSERT INTO measurement_reviews (plan_id, indicator_id, period_id, measurement_version, action, note, user_id, username, at) SELECT plan_id, indicator_id, period_id, version, 'approve', NULL, NULL, 'controller', entered_at FROM measurements WHERE plan_id = ? AND period_id = '2024-03-31' AND (abs(random()) % 4) = 0`,
    ).run(planId);
  })();
  const counts = db.prepare(`SELECT period_id, COUNT(*) AS n FROM measurements WHERE plan_id = ? GROUP BY period_id ORDER BY period_id`).all(planId) as Array<{ period_id: string; n: number }>;
  db.close();
  console.log(
    `plan: ${countIndicators(plan).toLocaleString('en')} indicators, ${plan.nodes.length.toLocaleString('en')} objectives, ${UNITS} units, 4 periods; values ${counts.map((c) => `${c.period_id} ${c.n.toLocaleString('en')}`).join(', ')}; set up in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  return { database, planId, plan };
}
