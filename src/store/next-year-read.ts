/**
 * What next-year reads of this year's plan, and nothing more. The tree's read (`planForPeriod`)
 * takes every column, the unit and person names by join and every column of each measurement for
 * the tree's panels; next-year needs the definitions, the unit and person ids it carries over and
 * the year end's values for the baselines. On a 20,000-indicator plan the joins and the wide rows
 * were most of next-year's first call (better-sqlite3 building the rows, then the GC).
 */
import { Decimal, type Indicator, type Measurement, type Objective, type PredecessorValue } from '../core/index.js';
import { amountFromJson, formulaFromJson, inputsFromJson, nextTargetsFromJson, parse, ruleFromJson } from './codec.js';
import type { Queryable, Row } from './db.js';
import { predecessorValues } from './lineage.js';
import { str } from './shared.js';

/** The unit and person an objective or indicator is assigned to (ids), kept by next year's plan. */
export interface Owners {
  readonly unitId: string | null;
  readonly personId: string | null;
}

/** The indicator columns `indicatorFromRow` reads. */
export const INDICATOR_FIELDS = 'id, node_code, name, weight, comparator, tolerance, target, unit, scoring, formula, baseline, baseline_year, next_targets, source, owner, notes';

/** True when a stored formula (JSON text) is a trend's: only then are the predecessors' values read. */
export const isTrendRow = (r: Row): boolean => typeof r.formula === 'string' && r.formula.includes('"trend"');

/** An indicator of the core's model from its row (`INDICATOR_FIELDS` at least) and its measurement. */
export function indicatorFromRow(r: Row, measurement: Measurement, previous: PredecessorValue | undefined): Indicator {
  return {
    id: String(r.id),
    name: String(r.name),
    weight: new Decimal(String(r.weight)),
    comparator: r.comparator as Indicator['comparator'],
    tolerance: r.tolerance === null ? null : new Decimal(String(r.tolerance)),
    target: amountFromJson(parse(r.target)),
    unit: r.unit as Indicator['unit'],
    scoring: ruleFromJson(parse(r.scoring)),
    formula: formulaFromJson(parse(r.formula)),
    measurement,
    baseline: amountFromJson(parse(r.baseline)),
    baselineYear: r.baseline_year === null || r.baseline_year === undefined ? null : Number(r.baseline_year),
    ...(r.next_targets === null || r.next_targets === undefined ? {} : { nextTargets: nextTargetsFromJson(parse(r.next_targets)) }),
    ...(previous !== undefined ? { predecessorValue: previous } : {}),
    ...(r.source !== null ? { source: String(r.source) } : {}),
    ...(r.owner !== null ? { owner: String(r.owner) } : {}),
    ...(r.notes !== null ? { notes: String(r.notes) } : {}),
  };
}

/** The objective columns `objectiveFromRow` reads. */
export interface ObjectiveRow {
  readonly code: string;
  readonly title: string;
  readonly parent: string | null;
  readonly level: string | null;
  /** TEXT (SQLite) or NUMERIC (PostgreSQL): a decimal's text either way. */
  readonly weight: string | null;
  readonly owner: string | null;
}

/** An objective's row with the unit and person it is assigned to (ids). */
export interface AssignedObjectiveRow extends ObjectiveRow {
  readonly unit_id: string | null;
  readonly person_id: string | null;
}

/** An objective of the core's model from its row and its indicators. */
export function objectiveFromRow(r: ObjectiveRow, indicators: Indicator[]): Objective {
  return {
    code: String(r.code),
    title: String(r.title),
    parent: str(r.parent),
    ...(r.level !== null ? { level: String(r.level) } : {}),
    weight: r.weight === null ? null : new Decimal(String(r.weight)),
    indicators,
    ...(r.owner !== null ? { owner: String(r.owner) } : {}),
  };
}

const NOT_MEASURED: Measurement = { state: 'not_measured' };

/** A measurement of the core's model from the columns state, actual, inputs, reason. */
function measurementFromRow(r: Row): Measurement {
  switch (r.state) {
    case 'measured': {
      const actual = amountFromJson(parse(r.actual));
      const inputs = parse(r.inputs) as Record<string, string> | null;
      return { state: 'measured', ...(actual !== null ? { actual } : {}), ...(inputs !== null ? { inputs: inputsFromJson(inputs) } : {}) };
    }
    case 'not_evaluable':
      return { state: 'not_evaluable', reason: str(r.reason) ?? '' };
    case 'not_achieved':
      return { state: 'not_achieved' };
    default:
      return NOT_MEASURED;
  }
}

/** The plan's tree with the values of `periodId` (its year end), and the unit and person ids of each objective and indicator. */
export async function readForNextYear(tx: Queryable, planId: string, periodId: string): Promise<{ nodes: Objective[]; nodeOwners: Map<string, Owners>; indicatorOwners: Map<string, Owners> }> {
  const nodeRows = await tx.all<AssignedObjectiveRow>(`SELECT code, title, parent, level, weight, owner, unit_id, person_id FROM nodes WHERE plan_id = ? ORDER BY position, code`, [planId]);
  const indicatorRows = await tx.all(`SELECT ${INDICATOR_FIELDS}, unit_id, person_id FROM indicators WHERE plan_id = ? ORDER BY node_code, position, id`, [planId]);
  const measured = new Map<string, Measurement>();
  for (const r of await tx.all(`SELECT indicator_id, state, actual, inputs, reason FROM measurements WHERE plan_id = ? AND period_id = ?`, [planId, periodId]))
    measured.set(String(r.indicator_id), measurementFromRow(r));
  const previous = indicatorRows.some(isTrendRow) ? await predecessorValues(tx, planId) : undefined;
  const byNode = new Map<string, Indicator[]>();
  const indicatorOwners = new Map<string, Owners>();
  for (const r of indicatorRows) {
    const id = String(r.id);
    const indicator = indicatorFromRow(r, measured.get(id) ?? NOT_MEASURED, previous?.get(id));
    const code = String(r.node_code);
    const list = byNode.get(code);
    if (list === undefined) byNode.set(code, [indicator]);
    else list.push(indicator);
    if (r.unit_id !== null || r.person_id !== null) indicatorOwners.set(id, { unitId: str(r.unit_id), personId: str(r.person_id) });
  }
  const nodeOwners = new Map<string, Owners>();
  const nodes = nodeRows.map((r) => {
    if (r.unit_id !== null || r.person_id !== null) nodeOwners.set(r.code, { unitId: r.unit_id, personId: r.person_id });
    return objectiveFromRow(r, byNode.get(r.code) ?? []);
  });
  return { nodes, nodeOwners, indicatorOwners };
}
