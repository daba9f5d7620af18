/**
 * The plan as it stands in a period (`planForPeriod`): its record, settings and periods, the tree
 * with the period's values for the engine, and beside it what the API shows next to the numbers
 * (versions, values as stored, units and people by name). Read in the caller's transaction, so
 * the tree and its values are of one moment, and a closing freezes exactly what it read.
 */
import { type Indicator } from '../core/index.js';
import { parse, settingsFromJson } from './codec.js';
import { one, type Queryable } from './db.js';
import { predecessorValues } from './lineage.js';
import { indicatorFromRow, isTrendRow, objectiveFromRow, type AssignedObjectiveRow } from './next-year-read.js';
import { PLAN_SELECT, measurementRecord, periodRecord, planRecord, toMeasurement } from './records.js';
import { fail, noPlan, ok, str } from './shared.js';
import type { IndicatorMeta, MeasurementRecord, ObjectiveMeta, PeriodRecord, PlanRecord, PlanSnapshot, Result } from './types.js';

/** A plan's record, its periods and the one asked for (default: the last), or `not-found` for either. */
export async function planAndPeriod(tx: Queryable, planId: string, periodId?: string): Promise<Result<{ record: PlanRecord; period: PeriodRecord; periods: PeriodRecord[] }>> {
  const planRow = await one(tx, `${PLAN_SELECT} WHERE p.id = ?`, [planId]);
  if (planRow === undefined) return noPlan(planId);
  const periods = (await tx.all(`SELECT * FROM periods WHERE plan_id = ? ORDER BY ends_on, id`, [planId])).map(periodRecord);
  const period = periodId === undefined ? periods[periods.length - 1] : periods.find((p) => p.id === periodId);
  if (period === undefined) {
    return fail(
      'not-found',
      periodId === undefined ? 'this plan has no monitoring period' : `the plan has no period ${periodId} (its periods are ${periods.map((p) => p.id).join(', ')})`,
      { periods: periods.map((p) => p.id) },
      periodId === undefined ? { what: 'periods' } : { what: 'period', id: periodId, periods: periods.map((p) => p.id) },
    );
  }
  return ok({ record: planRecord(planRow), period, periods });
}

export interface PlanHead {
  readonly record: PlanRecord;
  readonly settings: ReturnType<typeof settingsFromJson>;
  readonly period: PeriodRecord;
  readonly periods: PeriodRecord[];
}

/** The plan's record, settings and periods, and the period asked for (default: the last). */
export async function readPlanHead(tx: Queryable, planId: string, periodId?: string): Promise<Result<PlanHead>> {
  const found = await planAndPeriod(tx, planId, periodId);
  if (!found.ok) return found;
  const settingsRow = await one<{ settings: unknown }>(tx, `SELECT settings FROM plans WHERE id = ?`, [planId]);
  return ok({ ...found.value, settings: settingsFromJson(parse(settingsRow!.settings)) });
}

/** What the API shows beside an objective: its owner, unit and person (ids and names), its version. */
export interface ObjectiveMetaRow {
  readonly owner: string | null;
  readonly unit_id: string | null;
  readonly person_id: string | null;
  readonly version: number;
  readonly unit_name: string | null;
  readonly person_name: string | null;
}

export function objectiveMeta(r: ObjectiveMetaRow): ObjectiveMeta {
  return { owner: str(r.owner), unitName: str(r.unit_name), unitId: str(r.unit_id), personId: str(r.person_id), person: str(r.person_name), version: Number(r.version) };
}

type NamedObjectiveRow = AssignedObjectiveRow & ObjectiveMetaRow;

/** The plan in a period: the engine's `Plan` with the period's values, and each objective's and indicator's metadata. */
export async function readPlanForPeriod(tx: Queryable, planId: string, periodId?: string): Promise<Result<PlanSnapshot>> {
  const head = await readPlanHead(tx, planId, periodId);
  if (!head.ok) return head;
  const { record, settings, period, periods } = head.value;
  const nodeRows = await tx.all<NamedObjectiveRow>(
    `SELECT n.*, u.name AS unit_name, pu.display_name AS person_name FROM nodes n LEFT JOIN org_units u ON u.id = n.unit_id LEFT JOIN users pu ON pu.id = n.person_id WHERE n.plan_id = ? ORDER BY n.position, n.code`,
    [planId],
  );
  const indicatorRows = await tx.all(
    `SELECT i.*, ou.name AS unit_name, pu.display_name AS person_name FROM indicators i LEFT JOIN org_units ou ON ou.id = i.unit_id LEFT JOIN users pu ON pu.id = i.person_id WHERE i.plan_id = ? ORDER BY i.node_code, i.position, i.id`,
    [planId],
  );
  // Who entered each value by name, as the screens name people (the stored login is no name).
  const measurementRows = await tx.all(`SELECT m.*, eu.display_name AS entered_by_name FROM measurements m LEFT JOIN users eu ON eu.username = m.entered_by WHERE m.plan_id = ? AND m.period_id = ?`, [
    planId,
    period.id,
  ]);
  const measured = new Map<string, MeasurementRecord>();
  const enteredByNames = new Map<string, string | null>();
  for (const r of measurementRows) {
    measured.set(String(r.indicator_id), measurementRecord(r));
    enteredByNames.set(String(r.indicator_id), str(r.entered_by_name));
  }
  // Trends read last year's value from their predecessors (one query, only when the plan has a trend).
  const previous = indicatorRows.some(isTrendRow) ? await predecessorValues(tx, planId) : undefined;
  const byNode = new Map<string, Indicator[]>();
  const indicatorMeta = new Map<string, IndicatorMeta>();
  for (const r of indicatorRows) {
    const id = String(r.id);
    const m = measured.get(id) ?? null;
    const indicator = indicatorFromRow(r, toMeasurement(m), previous?.get(id));
    const list = byNode.get(String(r.node_code)) ?? [];
    list.push(indicator);
    byNode.set(String(r.node_code), list);
    indicatorMeta.set(id, {
      definitionVersion: Number(r.version),
      measurement: m,
      enteredByName: enteredByNames.get(id) ?? null,
      unitId: str(r.unit_id),
      unit: str(r.unit_name),
      personId: str(r.person_id),
      person: str(r.person_name),
    });
  }
  const nodeMeta = new Map<string, ObjectiveMeta>();
  const nodes = nodeRows.map((r) => {
    const code = String(r.code);
    nodeMeta.set(code, objectiveMeta(r));
    return objectiveFromRow(r, byNode.get(code) ?? []);
  });
  return ok({
    record,
    period,
    periods,
    plan: { title: record.title, nodes, settings },
    nodes: nodeMeta,
    indicators: indicatorMeta,
  });
}
