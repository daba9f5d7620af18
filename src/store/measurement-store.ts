/**
 * A plan's values as stored, one per indicator and period. A write is optimistic: it names the
 * version it read and is stored only if that is still current (`conflict` otherwise); the period
 * is share-locked (PostgreSQL) so a closing waits for writes in flight. Each write is one
 * transaction with its audit entry, the plan's data version and its successors' bumped.
 */
import { amountKind, reasonSentBack, type Measurement, type Unit } from '../core/index.js';
import { recordAudit, unitSetBy } from './audit-log.js';
import { amountFromJson, amountToJson, formulaFromJson, inputsToJson, nextTargetsFromJson, parse, ruleFromJson, text } from './codec.js';
import { one, type Db, type Param, type Queryable } from './db.js';
import { touchSuccessors } from './lineage.js';
import { approvalAsItStands, latestStep } from './review-steps.js';
import { isLocked } from './periods.js';
import { measurementJson, measurementSavedAs, measurementRecord, periodRecord, sameValue } from './records.js';
import { refuseIfArchived } from './revisions.js';
import { enteredMeanwhile, fail, forUpdate, now, ok, shareLock, staleVersion, str, touch } from './shared.js';
import type { Actor, IndicatorContext, MeasurementInput, MeasurementRecord, OpenActual, PeriodState, Result, StoredMeasurement } from './types.js';

/** The columns of a stored value, in the order `measurementParams` gives them. */
export const MEASUREMENT_COLUMNS = ['plan_id', 'indicator_id', 'period_id', 'state', 'actual', 'inputs', 'reason', 'evidence', 'source', 'notes', 'entered_by', 'entered_at', 'version'] as const;

type MeasurementLike = { state: MeasurementRecord['state']; actual?: MeasurementRecord['actual']; inputs?: MeasurementRecord['inputs']; reason?: string | null };

function toMeasurementLike(input: MeasurementInput): MeasurementLike {
  return { state: input.state, actual: input.actual, inputs: input.inputs ?? null, reason: input.reason ?? null };
}

/** A value's row: the engine's measurement (an import's) or an entered one, with who entered it, when, and its version. */
export function measurementParams(
  planId: string,
  indicatorId: string,
  periodId: string,
  m: Measurement | MeasurementLike,
  actor: Actor,
  at: string,
  version: number,
  extra: { evidence: string | null; source: string | null; notes: string | null },
): Param[] {
  const like = m as MeasurementLike;
  const inputs = like.inputs;
  return [
    planId,
    indicatorId,
    periodId,
    m.state,
    m.state === 'measured' ? text(amountToJson(like.actual ?? null)) : null,
    m.state === 'measured' && inputs !== undefined && inputs !== null ? JSON.stringify(inputsToJson(inputs)) : null,
    // Not measured may say why (optional): declared so, the screens read it with its reason.
    m.state === 'not_evaluable' ? (like.reason ?? null) : m.state === 'not_measured' ? like.reason?.trim() || null : null,
    extra.evidence,
    extra.source,
    extra.notes,
    actor.username,
    at,
    version,
  ];
}

/**
 * The actuals recorded in periods still taking values (not closed or validated), oldest period
 * first: what a new unit must be able to read. Read inside a transaction by a unit change, so a
 * value entered meanwhile is counted (see tree-store.ts `updateIndicator`).
 */
export async function openActuals(q: Queryable, planId: string, indicatorId: string): Promise<OpenActual[]> {
  const rows = await q.all<{ id: string; label: string; state: PeriodState; actual: string | null }>(
    `SELECT p.id, p.label, p.state, m.actual FROM measurements m JOIN periods p ON p.plan_id = m.plan_id AND p.id = m.period_id WHERE m.plan_id = ? AND m.indicator_id = ? AND m.state = 'measured' ORDER BY p.ends_on, p.id`,
    [planId, indicatorId],
  );
  return rows.flatMap((r) => {
    const actual = amountFromJson(parse(r.actual));
    return actual === null || isLocked(r.state) ? [] : [{ periodId: String(r.id), label: String(r.label), actual }];
  });
}

/** Values per indicator and period: read, written (optimistically) and the context the permissions need. */
export class SqlMeasurements {
  constructor(private readonly db: Db) {}

  async getMeasurement(planId: string, indicatorId: string, periodId: string): Promise<MeasurementRecord | undefined> {
    const r = await one(this.db, `SELECT * FROM measurements WHERE plan_id = ? AND indicator_id = ? AND period_id = ?`, [planId, indicatorId, periodId]);
    return r === undefined ? undefined : measurementRecord(r);
  }

  async putMeasurement(planId: string, indicatorId: string, periodId: string, input: MeasurementInput, expectedVersion: number, actor: Actor): Promise<Result<StoredMeasurement>> {
    return this.db.transaction(async (tx) => {
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      // Share-lock the period (PostgreSQL): a close waits for writes in flight, and a write after it sees the lock.
      const period = await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?${shareLock(this.db)}`, [planId, periodId]);
      if (period === undefined) return fail('not-found', `the plan has no period ${periodId}`, undefined, { what: 'period', id: periodId });
      // Share-locked (PostgreSQL): a change of the indicator's unit waits for this value and then counts it, or goes first and is seen here.
      const indicator = await one(tx, `SELECT node_code, formula, unit, version FROM indicators WHERE plan_id = ? AND id = ?${shareLock(this.db)}`, [planId, indicatorId]);
      if (indicator === undefined) return fail('not-found', `there is no indicator ${indicatorId} in this plan`, undefined, { what: 'indicator', id: indicatorId });
      // The actual was read in the unit the caller saw; a unit changed since would store a value that
      // scores nothing. Refused naming who changed the unit and when (the trail's entry of the change;
      // the edge names the person): not a version clash of the value, whose own version may be current.
      if (input.state === 'measured' && input.actual !== undefined && input.actual !== null && input.actual.kind !== amountKind(indicator.unit as Unit)) {
        const unit = String(indicator.unit);
        const set = await unitSetBy(tx, planId, indicatorId, unit);
        const by = set?.updatedBy ?? null;
        return fail(
          'conflict',
          `the unit of indicator ${indicatorId} was changed to ${unit}${by === null ? '' : ` by ${by}`} after you read it: reload and enter the value again in the new unit`,
          { reason: 'unit-changed', current: { id: indicatorId, unit, version: Number(indicator.version), updatedBy: by, updatedAt: set?.updatedAt ?? null } },
          { what: 'indicator', id: indicatorId, unit, by },
        );
      }
      if (isLocked(period.state as PeriodState)) {
        return fail(
          'period-locked',
          `the period ${String(period.label)} is ${String(period.state)}: its values can no longer be changed (a controller can reopen it, giving a reason)`,
          { period: periodRecord(period) },
          { label: String(period.label), state: String(period.state) },
        );
      }
      const beforeRow = await one(tx, `SELECT * FROM measurements WHERE plan_id = ? AND indicator_id = ? AND period_id = ?${forUpdate(this.db)}`, [planId, indicatorId, periodId]);
      const before = beforeRow === undefined ? undefined : measurementRecord(beforeRow);
      const current = before?.version ?? 0;
      if (current !== expectedVersion) return staleVersion('measurement', 'value', before?.enteredBy ?? null, current, expectedVersion, measurementSavedAs(before));
      const at = now();
      // A field left out keeps what is stored: a client that sends only the actual (a script, another
      // program) must not wipe the source and evidence the office wrote; an explicit null clears it.
      const kept = (sent: string | null | undefined, stored: string | null | undefined): string | null => (sent === undefined ? (stored ?? null) : sent);
      const like = toMeasurementLike(input);
      // A screen shows the program's reason in words and sends them back with the value saved again: its code stays.
      if (like.reason != null && before?.state === 'not_evaluable') like.reason = reasonSentBack(like.reason, before.reason);
      const params = measurementParams(planId, indicatorId, periodId, like, actor, at, current + 1, {
        evidence: kept(input.evidence, before?.evidence),
        source: kept(input.source, before?.source),
        notes: kept(input.notes, before?.notes),
      });
      // The value saved again exactly as it stands (a form saved twice, a script sending what it read):
      // nothing to write. A new version would say it changed, leave its approval behind and send it
      // back to review for nothing, and the trail would record a change that is none.
      if (before !== undefined && sameValue(before, measurementRecord(Object.fromEntries(MEASUREMENT_COLUMNS.map((c, i) => [c, params[i]]))))) {
        const planDataVersion = Number((await one(tx, `SELECT data_version FROM plans WHERE id = ?`, [planId]))!.data_version);
        return ok({ ...before, planDataVersion, unchanged: true });
      }
      if (before === undefined) {
        // Two first writes at once: the primary key lets one in, the other sees a conflict.
        const inserted = await tx.run(`INSERT INTO measurements (${MEASUREMENT_COLUMNS.join(', ')}) VALUES (${MEASUREMENT_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`, params);
        if (inserted.changes !== 1) {
          const first = await this.readMeasurement(tx, planId, indicatorId, periodId);
          return enteredMeanwhile('measurement', 'value', measurementSavedAs(first), first?.enteredBy ?? null);
        }
      } else {
        const updated = await tx.run(
          `UPDATE measurements SET state = ?, actual = ?, inputs = ?, reason = ?, evidence = ?, source = ?, notes = ?, entered_by = ?, entered_at = ?, version = ? WHERE plan_id = ? AND indicator_id = ? AND period_id = ? AND version = ?`,
          [...params.slice(3, 13), planId, indicatorId, periodId, expectedVersion],
        );
        if (updated.changes !== 1) {
          // Changed between the read above and this write (a backend without the row lock): named as any stale value's save.
          const saved = await this.readMeasurement(tx, planId, indicatorId, periodId);
          return staleVersion('measurement', 'value', saved?.enteredBy ?? null, saved?.version ?? 0, expectedVersion, measurementSavedAs(saved));
        }
      }
      const after = (await this.readMeasurement(tx, planId, indicatorId, periodId))!;
      await touch(tx, planId);
      // A successor's trend reads this value as its previous one: its cached evaluations are stale.
      await touchSuccessors(tx, planId, indicatorId);
      await recordAudit(tx, actor, {
        action: 'measure',
        entity: 'measurement',
        entityId: `${indicatorId}@${periodId}`,
        planId,
        node: String(indicator.node_code),
        indicator: indicatorId,
        before: measurementJson(before),
        after: measurementJson(after),
      });
      // The approval was given on the value as it was: the new version leaves it behind (the worklist,
      // the dashboard and the closing count the value as to review again). The trail says so, as its own
      // step of the value's review, by whoever changed the value and when.
      const approval = before === undefined ? undefined : approvalAsItStands(await latestStep(tx, planId, indicatorId, periodId), before.version);
      if (approval !== undefined)
        await recordAudit(tx, actor, {
          action: 'supersede',
          entity: 'review',
          entityId: `${indicatorId}@${periodId}`,
          planId,
          node: String(indicator.node_code),
          indicator: indicatorId,
          before: { review: 'approve', version: before!.version, approvedBy: approval.by, approvedAt: approval.at },
          after: { review: 'to_review', version: after.version },
        });
      const planDataVersion = Number((await one(tx, `SELECT data_version FROM plans WHERE id = ?`, [planId]))!.data_version);
      return ok({ ...after, planDataVersion, unchanged: false });
    });
  }

  async indicatorContext(planId: string, indicatorId: string): Promise<IndicatorContext | undefined> {
    return readIndicatorContext(this.db, planId, indicatorId);
  }

  openActuals(planId: string, indicatorId: string): Promise<OpenActual[]> {
    return openActuals(this.db, planId, indicatorId);
  }

  private async readMeasurement(tx: Queryable, planId: string, indicatorId: string, periodId: string): Promise<MeasurementRecord | undefined> {
    const r = await one(tx, `SELECT * FROM measurements WHERE plan_id = ? AND indicator_id = ? AND period_id = ?`, [planId, indicatorId, periodId]);
    return r === undefined ? undefined : measurementRecord(r);
  }
}

/** The indicator's unit, rule, amounts and who it is assigned to (its objective's owners and units up the tree), read with `q` (a deletion's transaction, too). */
export async function readIndicatorContext(q: Queryable, planId: string, indicatorId: string): Promise<IndicatorContext | undefined> {
  const row = await one<{
    node_code: string;
    unit: IndicatorContext['unit'];
    scoring: string | null;
    target: string | null;
    baseline: string | null;
    next_targets: string | null;
    formula: string | null;
    owner: string | null;
    unit_id: string | null;
    person_id: string | null;
  }>(q, `SELECT node_code, unit, scoring, target, baseline, next_targets, formula, owner, unit_id, person_id FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
  if (row === undefined) return undefined;
  const nodeOwners: string[] = [];
  const nodeUnits: string[] = [];
  const unitIds: string[] = row.unit_id === null ? [] : [String(row.unit_id)];
  const personIds: string[] = row.person_id === null ? [] : [String(row.person_id)];
  // Walk up the tree (a few levels); the guard stops a corrupted cycle.
  let code: string | null = String(row.node_code);
  for (let depth = 0; code !== null && depth < 64; depth++) {
    const node: { parent: string | null; owner: string | null; unit_id: string | null; person_id: string | null; unit_name: string | null } | undefined = await one(
      q,
      `SELECT n.parent, n.owner, n.unit_id, n.person_id, u.name AS unit_name FROM nodes n LEFT JOIN org_units u ON u.id = n.unit_id WHERE n.plan_id = ? AND n.code = ?`,
      [planId, code],
    );
    if (node === undefined) break;
    if (node.owner !== null) nodeOwners.push(String(node.owner));
    if (node.unit_name !== null) nodeUnits.push(String(node.unit_name));
    if (node.unit_id !== null) unitIds.push(String(node.unit_id));
    if (node.person_id !== null) personIds.push(String(node.person_id));
    code = str(node.parent);
  }
  return {
    objective: String(row.node_code),
    unit: row.unit,
    scoring: ruleFromJson(parse(row.scoring)),
    target: amountFromJson(parse(row.target)),
    baseline: amountFromJson(parse(row.baseline)),
    nextTargets: nextTargetsFromJson(parse(row.next_targets)),
    formula: formulaFromJson(parse(row.formula)),
    owner: str(row.owner),
    objectiveOwners: nodeOwners,
    objectiveUnitNames: nodeUnits,
    unitIds,
    personIds,
  };
}
