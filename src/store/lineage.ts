/**
 * Lineage across years: a plan made by next-year names, for each objective and indicator, the one
 * it continues in last year's plan (`node_lineage`, `indicator_lineage`, migration 15). Links are by
 * code and id, which renames and revisions never change, so a chain of years stays whole.
 */
import { Decimal, ownValue, type Amount, type PredecessorValue, type Unit } from '../core/index.js';
import { amountFromJson, formulaFromJson, inputsFromJson, parse } from './codec.js';
import { one, type Queryable } from './db.js';

/** One year's link of a chain: the plan and the objective code or indicator id in it. */
export interface LineageLink {
  readonly planId: string;
  readonly ref: string;
}

export type LineageKind = 'node' | 'indicator';

/** This plan's objectives and indicators, each with its predecessor in last year's plan. */
export interface Predecessors {
  readonly planId: string | null;
  readonly nodes: ReadonlyMap<string, LineageLink>;
  readonly indicators: ReadonlyMap<string, LineageLink>;
}

const TABLES = {
  node: { table: 'node_lineage', ref: 'code', previous: 'predecessor_code' },
  indicator: { table: 'indicator_lineage', ref: 'indicator_id', previous: 'predecessor_indicator_id' },
} as const;

/**
 * Last year's value of each trend indicator's quantity, from its predecessor at its plan's last
 * period: the predecessor's `current` base measure when it is a trend too, else its actual when it
 * is a measured number.
 */
export async function predecessorValues(tx: Queryable, planId: string): Promise<Map<string, PredecessorValue>> {
  const rows = await tx.all(
    `SELECT l.indicator_id, pi.formula, pp.year, m.state, m.actual, m.inputs
       FROM indicator_lineage l
       JOIN indicators si ON si.plan_id = l.plan_id AND si.id = l.indicator_id
       JOIN indicators pi ON pi.plan_id = l.predecessor_plan_id AND pi.id = l.predecessor_indicator_id
       JOIN plans pp ON pp.id = l.predecessor_plan_id
       LEFT JOIN measurements m ON m.plan_id = l.predecessor_plan_id AND m.indicator_id = l.predecessor_indicator_id
        AND m.period_id = (SELECT p2.id FROM periods p2 WHERE p2.plan_id = l.predecessor_plan_id ORDER BY p2.ends_on DESC, p2.id DESC LIMIT 1)
      WHERE l.plan_id = ? AND si.formula LIKE ?`,
    [planId, '%"kind":"trend"%'],
  );
  const values = new Map<string, PredecessorValue>();
  for (const r of rows) {
    if (r.state !== 'measured') continue;
    const formula = formulaFromJson(parse(r.formula));
    let value: Decimal | undefined;
    if (formula?.kind === 'trend') {
      const inputs = parse(r.inputs) as Record<string, string> | null;
      value = inputs === null ? undefined : ownValue(inputsFromJson(inputs), formula.current);
    } else if (formula === null) {
      const actual = amountFromJson(parse(r.actual));
      if (actual?.kind === 'number') value = actual.value;
    }
    if (value !== undefined) values.set(String(r.indicator_id), { value, year: Number(r.year) });
  }
  return values;
}

/**
 * An indicator whose baseline follows its predecessor's year-end actual: next-year set it from
 * there, and nobody has typed one since (`indicator_lineage.baseline_follows`, migration 16).
 */
export interface FollowingBaseline {
  readonly indicatorId: string;
  readonly code: string;
  readonly name: string;
  readonly unit: Unit;
  /** The definition's version: a refresh changes the baseline only if nobody changed the indicator meanwhile. */
  readonly version: number;
  readonly baseline: Amount | null;
  readonly baselineYear: number | null;
  readonly predecessor: LineageLink;
}

/** This plan's indicators whose baselines follow their predecessors', in tree order. */
export async function followingBaselines(q: Queryable, planId: string): Promise<FollowingBaseline[]> {
  const rows = await q.all(
    `SELECT i.id, i.node_code, i.name, i.unit, i.version, i.baseline, i.baseline_year, l.predecessor_plan_id, l.predecessor_indicator_id
       FROM indicator_lineage l JOIN indicators i ON i.plan_id = l.plan_id AND i.id = l.indicator_id
      WHERE l.plan_id = ? AND l.baseline_follows = 1
      ORDER BY i.node_code, i.position, i.id`,
    [planId],
  );
  return rows.map((r) => ({
    indicatorId: String(r.id),
    code: String(r.node_code),
    name: String(r.name),
    unit: r.unit as Unit,
    version: Number(r.version),
    baseline: amountFromJson(parse(r.baseline)),
    baselineYear: r.baseline_year === null || r.baseline_year === undefined ? null : Number(r.baseline_year),
    predecessor: { planId: String(r.predecessor_plan_id), ref: String(r.predecessor_indicator_id) },
  }));
}

/** A baseline typed by the office is its own: it no longer follows the predecessor and is never offered for replacement. */
export async function baselineTyped(tx: Queryable, planId: string, indicatorId: string): Promise<void> {
  await tx.run(`UPDATE indicator_lineage SET baseline_follows = 0 WHERE plan_id = ? AND indicator_id = ?`, [planId, indicatorId]);
}

/** Plans whose trends read this indicator's values: their data version moves with it (their cached trees are stale). */
export async function touchSuccessors(tx: Queryable, planId: string, indicatorId: string): Promise<void> {
  await tx.run(`UPDATE plans SET data_version = data_version + 1 WHERE id IN (SELECT plan_id FROM indicator_lineage WHERE predecessor_plan_id = ? AND predecessor_indicator_id = ?)`, [
    planId,
    indicatorId,
  ]);
}

/** The lineage rows of a new plan whose objectives and indicators (all inserted already) continue `from`'s under the same codes and ids. */
export async function linkToPredecessor(tx: Queryable, planId: string, from: string): Promise<void> {
  await tx.run(`UPDATE plans SET predecessor_id = ? WHERE id = ?`, [from, planId]);
  // Copied inside the database: 20,000 rows of ids would otherwise be built in JavaScript only to be sent back.
  await tx.run(`INSERT INTO node_lineage (plan_id, code, predecessor_plan_id, predecessor_code) SELECT plan_id, code, ?, code FROM nodes WHERE plan_id = ?`, [from, planId]);
  await tx.run(`INSERT INTO indicator_lineage (plan_id, indicator_id, predecessor_plan_id, predecessor_indicator_id) SELECT plan_id, id, ?, id FROM indicators WHERE plan_id = ?`, [from, planId]);
}

/**
 * Every year an objective or indicator is linked to, oldest first: back through its predecessors,
 * then forward through its successors (a plan rolled forward twice gives both). Undefined when the
 * plan has no such objective or indicator.
 */
export async function lineageChain(q: Queryable, kind: LineageKind, planId: string, ref: string): Promise<LineageLink[] | undefined> {
  const t = TABLES[kind];
  const exists =
    kind === 'node' ? await one(q, `SELECT code FROM nodes WHERE plan_id = ? AND code = ?`, [planId, ref]) : await one(q, `SELECT id FROM indicators WHERE plan_id = ? AND id = ?`, [planId, ref]);
  if (exists === undefined) return undefined;
  const seen = new Set([`${planId}\u0000${ref}`]);
  const back: LineageLink[] = [];
  for (let at: LineageLink = { planId, ref }, guard = 0; guard < 100; guard++) {
    const row = await one(q, `SELECT predecessor_plan_id, ${t.previous} AS previous FROM ${t.table} WHERE plan_id = ? AND ${t.ref} = ?`, [at.planId, at.ref]);
    if (row === undefined) break;
    at = { planId: String(row.predecessor_plan_id), ref: String(row.previous) };
    const key = `${at.planId}\u0000${at.ref}`;
    if (seen.has(key)) break;
    seen.add(key);
    back.unshift(at);
  }
  const forward: LineageLink[] = [];
  for (let queue: LineageLink[] = [{ planId, ref }], guard = 0; queue.length > 0 && guard < 100; guard++) {
    const at = queue.shift()!;
    const rows = await q.all(`SELECT plan_id, ${t.ref} AS ref FROM ${t.table} WHERE predecessor_plan_id = ? AND ${t.previous} = ?`, [at.planId, at.ref]);
    for (const r of rows) {
      const next = { planId: String(r.plan_id), ref: String(r.ref) };
      const key = `${next.planId}\u0000${next.ref}`;
      if (seen.has(key)) continue;
      seen.add(key);
      forward.push(next);
      queue.push(next);
    }
  }
  return [...back, { planId, ref }, ...forward];
}

/** This plan's predecessor and, per objective and indicator, the one each continues. */
export async function predecessorsOf(q: Queryable, planId: string): Promise<Predecessors | undefined> {
  const plan = await one(q, `SELECT predecessor_id FROM plans WHERE id = ?`, [planId]);
  if (plan === undefined) return undefined;
  const nodes = new Map<string, LineageLink>();
  for (const r of await q.all(`SELECT code, predecessor_plan_id, predecessor_code FROM node_lineage WHERE plan_id = ?`, [planId]))
    nodes.set(String(r.code), { planId: String(r.predecessor_plan_id), ref: String(r.predecessor_code) });
  const indicators = new Map<string, LineageLink>();
  for (const r of await q.all(`SELECT indicator_id, predecessor_plan_id, predecessor_indicator_id FROM indicator_lineage WHERE plan_id = ?`, [planId]))
    indicators.set(String(r.indicator_id), { planId: String(r.predecessor_plan_id), ref: String(r.predecessor_indicator_id) });
  return { planId: plan.predecessor_id === null || plan.predecessor_id === undefined ? null : String(plan.predecessor_id), nodes, indicators };
}

/**
 * How last year's plan was found: the one this plan was made from by next-year (`lineage`), or, with
 * none, the same body's plan of the year before (`body`): a year imported or created on its own still
 * has one. `candidates`: how many plans of that body and year there were to choose from.
 */
export interface LastYearLink {
  readonly planId: string;
  readonly found: 'lineage' | 'body';
  readonly candidates: number;
}

const DECIDED = new Set(['validated', 'validated_with_reservations']);

/**
 * This plan's last year (`LastYearLink`); null when it has none, undefined for an unknown plan. Among
 * several plans of the body's year before, the one whose Relazione the OIV validated, then adopted,
 * then published, then not archived, then the latest made: the figures the body stands by. An
 * archived draft is never one: a draft nobody adopted and then put away is no year's results.
 * One rule for the Relazione's comparison, the store's check of it under a validation, and the years.
 */
export async function lastYearOf(q: Queryable, planId: string): Promise<LastYearLink | null | undefined> {
  const plan = await one(q, `SELECT predecessor_id, organisation_id, year FROM plans WHERE id = ?`, [planId]);
  if (plan === undefined) return undefined;
  if (plan.predecessor_id !== null && plan.predecessor_id !== undefined) return { planId: String(plan.predecessor_id), found: 'lineage', candidates: 1 };
  const rows = await q.all(
    `SELECT p.id, p.status, p.published, p.archived_at, p.created_at, r.state
       FROM plans p LEFT JOIN relazioni r ON r.plan_id = p.id
      WHERE p.organisation_id = ? AND p.year = ? AND NOT (p.archived_at IS NOT NULL AND p.status = 'draft')`,
    [String(plan.organisation_id), Number(plan.year) - 1],
  );
  if (rows.length === 0) return null;
  const rank = (r: (typeof rows)[number]): number[] => [
    DECIDED.has(String(r.state)) ? 1 : 0,
    r.status === 'adopted' ? 1 : 0,
    Number(r.published) === 1 || r.published === true ? 1 : 0,
    r.archived_at === null || r.archived_at === undefined ? 1 : 0,
  ];
  const best = rows
    .map((r) => ({ r, rank: rank(r) }))
    .sort((a, b) => {
      for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return b.rank[i]! - a.rank[i]!;
      const made = String(b.r.created_at).localeCompare(String(a.r.created_at));
      return made !== 0 ? made : String(a.r.id).localeCompare(String(b.r.id));
    })[0]!.r;
  return { planId: String(best.id), found: 'body', candidates: rows.length };
}

/**
 * The plans of the year after whose last year (`lastYearOf`) is this one by body, not by next-year:
 * the years panel reads forward through them as it reads back.
 */
export async function bodySuccessorsOf(q: Queryable, planId: string): Promise<string[]> {
  const plan = await one(q, `SELECT organisation_id, year FROM plans WHERE id = ?`, [planId]);
  if (plan === undefined) return [];
  const rows = await q.all(`SELECT id FROM plans WHERE organisation_id = ? AND year = ? AND predecessor_id IS NULL ORDER BY id`, [String(plan.organisation_id), Number(plan.year) + 1]);
  const found: string[] = [];
  for (const r of rows) if ((await lastYearOf(q, String(r.id)))?.planId === planId) found.push(String(r.id));
  return found;
}
