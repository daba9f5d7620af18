/**
 * The monitoring campaign's store side: the review of entered values (approve, ask for more, answer),
 * period deadlines, and one read of everything the worklist, dashboard and closing checklist need.
 *
 * A review step is about one version of a value: a new value after an approval or a request makes
 * that step stale, so the value is back to review without anyone resetting anything.
 */
import { recordAudit, recordPlanChange } from './audit-log.js';
import { one, type Db, type Row } from './db.js';
import { deadlineProblem, isLocked, periodProblemText } from './periods.js';
import { periodRecord, periodSaved, readPlanRecord } from './records.js';
import { fail, forUpdate, now, ok, shareLock, staleSave, str } from './shared.js';
import { amountFromJson, parse } from './codec.js';
import type { Comparator, MeasurementState, Unit } from './core-types.js';
import type { Actor, CampaignData, PeriodRecord, PeriodState, Result, ReviewAction, ReviewedValue, ReviewRecord } from './types.js';

/** Review steps with their author's display name (the thread names the person, as the rest of the app does). */
const STEPS = `SELECT r.*, u.display_name AS by_name FROM measurement_reviews r LEFT JOIN users u ON u.id = r.user_id`;

/**
 * Whether the value was corrected after a request for more: the latest review step is that request,
 * about an earlier version. The referente may still answer it once, saying why along with the
 * correction; the review step allows that answer, and the worklist shows the request beside the value.
 */
export function correctedAfterRequest(latest: ReviewRecord | undefined, version: number): boolean {
  return latest?.action === 'return' && latest.measurementVersion < version;
}

function reviewRecord(r: Row): ReviewRecord {
  return {
    id: Number(r.id),
    indicatorId: String(r.indicator_id),
    periodId: String(r.period_id),
    measurementVersion: Number(r.measurement_version),
    action: r.action as ReviewAction,
    note: str(r.note),
    by: String(r.username),
    byName: r.by_name == null ? String(r.username) : String(r.by_name),
    at: String(r.at),
  };
}

export class Reviews {
  constructor(private readonly db: Db) {}

  async setDeadline(planId: string, periodId: string, deadline: string | null, actor: Actor, expectedVersion?: number): Promise<Result<PeriodRecord>> {
    return this.db.transaction(async (tx) => {
      const row = await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, periodId]);
      if (row === undefined) return fail('not-found', `the plan has no period ${periodId}`, undefined, { what: 'period', id: periodId });
      const plan = await one(tx, `SELECT year FROM plans WHERE id = ?`, [planId]);
      const problem = deadline === null ? null : deadlineProblem(deadline, Number(plan!.year), String(row.ends_on));
      if (problem !== null) return fail('invalid', periodProblemText(problem), { field: 'deadline' }, { field: 'deadline', ...problem });
      const before = periodRecord(row);
      const stale = staleSave<PeriodRecord>('period', `period ${before.label}`, expectedVersion, periodSaved(row));
      if (stale !== null) return stale;
      await tx.run(`UPDATE periods SET deadline = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE plan_id = ? AND id = ?`, [deadline, now(), actor.username, planId, periodId]);
      const after = periodRecord((await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?`, [planId, periodId]))!);
      await recordPlanChange(tx, actor, { action: 'update', entity: 'period', entityId: periodId, planId, before: { deadline: before.deadline }, after: { deadline: after.deadline } });
      return ok(after);
    });
  }

  async review(planId: string, indicatorId: string, periodId: string, action: ReviewAction, note: string | null, expectedVersion: number, actor: Actor): Promise<Result<ReviewRecord>> {
    const text = note?.trim() || null;
    if (action !== 'approve' && text === null)
      return fail(
        'invalid',
        action === 'return' ? 'a request for more (richiesta di integrazione) needs its text' : 'an answer needs its text',
        { field: 'note' },
        { field: 'note', reason: action === 'return' ? 'return-note' : 'answer-note' },
      );
    return this.db.transaction(async (tx) => {
      // Share-lock the period like a value write: a closing waits for the review in flight.
      const period = await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?${shareLock(this.db)}`, [planId, periodId]);
      if (period === undefined) return fail('not-found', `the plan has no period ${periodId}`, undefined, { what: 'period', id: periodId });
      if (isLocked(period.state as PeriodState))
        return fail(
          'period-locked',
          `the period ${String(period.label)} is ${String(period.state)}: its values can no longer be reviewed (a controller can reopen it, giving a reason)`,
          { period: periodRecord(period) },
          { label: String(period.label), state: String(period.state) },
        );
      const m = await one(tx, `SELECT version FROM measurements WHERE plan_id = ? AND indicator_id = ? AND period_id = ?${forUpdate(this.db)}`, [planId, indicatorId, periodId]);
      if (m === undefined) {
        if ((await one(tx, `SELECT id FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId])) === undefined)
          return fail('not-found', `there is no indicator ${indicatorId} in this plan`, undefined, { what: 'indicator', id: indicatorId });
        return fail('invalid', 'nothing was entered for this indicator in this period: there is nothing to review', { field: 'version' }, { field: 'version', reason: 'nothing-to-review' });
      }
      const version = Number(m.version);
      if (version !== expectedVersion)
        return fail(
          'conflict',
          `the value was changed in the meantime (version ${version}, you saw ${expectedVersion}): reload and review it again`,
          { current: { version } },
          { what: 'measurement', version, sent: expectedVersion },
        );
      const last = await one(tx, `${STEPS} WHERE r.plan_id = ? AND r.indicator_id = ? AND r.period_id = ? ORDER BY r.id DESC LIMIT 1`, [planId, indicatorId, periodId]);
      const lastStep = last === undefined ? undefined : reviewRecord(last);
      const current = lastStep !== undefined && lastStep.measurementVersion === version ? lastStep.action : undefined;
      if (action === 'answer' && current !== 'return' && !correctedAfterRequest(lastStep, version))
        return fail('invalid', 'there is no open request for more on this value to answer', { field: 'action' }, { field: 'action', reason: 'no-open-request' });
      if (action === 'approve' && current === 'approve') return fail('invalid', 'this value is approved already', { field: 'action' }, { field: 'action', reason: 'approved-already' });
      const at = now();
      await tx.run(`INSERT INTO measurement_reviews (plan_id, indicator_id, period_id, measurement_version, action, note, user_id, username, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        planId,
        indicatorId,
        periodId,
        version,
        action,
        text,
        actor.id,
        actor.username,
        at,
      ]);
      const step = reviewRecord((await one(tx, `${STEPS} WHERE r.plan_id = ? AND r.indicator_id = ? AND r.period_id = ? ORDER BY r.id DESC LIMIT 1`, [planId, indicatorId, periodId]))!);
      const node = await one(tx, `SELECT node_code FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
      await recordAudit(
        tx,
        actor,
        {
          action: action === 'approve' ? 'approve' : action === 'return' ? 'return' : 'answer',
          entity: 'review',
          entityId: `${indicatorId}@${periodId}`,
          planId,
          node: node === undefined ? null : String(node.node_code),
          indicator: indicatorId,
          before: { review: current ?? null, version },
          after: { review: action, version },
          reason: text,
        },
        at,
      );
      return ok(step);
    });
  }

  async list(planId: string, indicatorId: string, periodId: string): Promise<ReviewRecord[]> {
    return (await this.db.all(`${STEPS} WHERE r.plan_id = ? AND r.indicator_id = ? AND r.period_id = ? ORDER BY r.id`, [planId, indicatorId, periodId])).map(reviewRecord);
  }

  async reviewedValues(planId: string, periodId: string): Promise<Map<string, ReviewedValue>> {
    return this.db.transaction(async (tx) => {
      const files = new Map<string, Array<{ id: string; name: string }>>();
      // Names only: the bytes stay in the database until a file is downloaded.
      for (const f of await tx.all(`SELECT id, indicator_id, name FROM attachments WHERE plan_id = ? AND period_id = ? ORDER BY uploaded_at, id`, [planId, periodId])) {
        const key = String(f.indicator_id);
        const list = files.get(key) ?? [];
        list.push({ id: String(f.id), name: String(f.name) });
        files.set(key, list);
      }
      const out = new Map<string, ReviewedValue>();
      for (const r of await tx.all(
        `SELECT i.id, i.target, i.unit, i.comparator, m.state, m.actual, m.reason, m.evidence, m.source, m.notes FROM indicators i LEFT JOIN measurements m ON m.plan_id = i.plan_id AND m.indicator_id = i.id AND m.period_id = ? WHERE i.plan_id = ?`,
        [periodId, planId],
      )) {
        const id = String(r.id);
        out.set(id, {
          target: amountFromJson(parse(r.target)),
          unit: String(r.unit) as Unit,
          comparator: String(r.comparator) as Comparator,
          value:
            // A stored value's state is never null (NOT NULL): null is the LEFT JOIN's "nothing entered".
            r.state == null
              ? null
              : {
                  state: String(r.state) as MeasurementState,
                  actual: amountFromJson(parse(r.actual)),
                  reason: str(r.reason),
                  evidence: str(r.evidence),
                  source: str(r.source),
                  notes: str(r.notes),
                  files: files.get(id) ?? [],
                },
        });
      }
      return out;
    });
  }

  /** One transaction: the plan's structure, assignments, every period's values (versions only) and latest review steps. */
  /**
   * What the campaign's view of a plan depends on, as one text: the plan's data version (values,
   * periods, deadlines, assignments) and its latest review step (reviews leave the data version
   * alone, so the computed tree is not thrown away for them). Undefined for an unknown plan.
   */
  async campaignVersion(planId: string): Promise<string | undefined> {
    const row = await one(this.db, `SELECT p.data_version AS v, (SELECT MAX(r.id) FROM measurement_reviews r WHERE r.plan_id = p.id) AS r FROM plans p WHERE p.id = ?`, [planId]);
    return row === undefined ? undefined : `${String(row.v)}:${String(row.r ?? 0)}`;
  }

  async campaign(planId: string): Promise<CampaignData | undefined> {
    return this.db.transaction(async (tx) => {
      const record = await readPlanRecord(tx, planId);
      if (record === undefined) return undefined;
      const periods = (await tx.all(`SELECT * FROM periods WHERE plan_id = ? ORDER BY ends_on, id`, [planId])).map(periodRecord);
      const nodes = (await tx.all(`SELECT code, parent, title, owner, unit_id, person_id FROM nodes WHERE plan_id = ? ORDER BY position, code`, [planId])).map((r) => ({
        code: String(r.code),
        parent: r.parent === null ? null : String(r.parent),
        title: String(r.title),
        owner: r.owner === null ? null : String(r.owner),
        unitId: r.unit_id === null ? null : String(r.unit_id),
        personId: r.person_id === null ? null : String(r.person_id),
      }));
      const indicators = (await tx.all(`SELECT id, node_code, name, owner, unit_id, person_id, formula FROM indicators WHERE plan_id = ? ORDER BY node_code, position, id`, [planId])).map((r) => ({
        id: String(r.id),
        node: String(r.node_code),
        name: String(r.name),
        owner: r.owner === null ? null : String(r.owner),
        unitId: r.unit_id === null ? null : String(r.unit_id),
        personId: r.person_id === null ? null : String(r.person_id),
        derived: r.formula !== null && String(r.formula).includes('children_mean'),
      }));
      const measurements = new Map<string, Map<string, { version: number; state: string; enteredBy: string | null; enteredAt: string }>>();
      for (const p of periods) measurements.set(p.id, new Map());
      for (const r of await tx.all(`SELECT period_id, indicator_id, version, state, entered_by, entered_at FROM measurements WHERE plan_id = ?`, [planId])) {
        measurements
          .get(String(r.period_id))
          ?.set(String(r.indicator_id), { version: Number(r.version), state: String(r.state), enteredBy: r.entered_by === null ? null : String(r.entered_by), enteredAt: String(r.entered_at) });
      }
      const reviews = new Map<string, Map<string, ReviewRecord>>();
      for (const p of periods) reviews.set(p.id, new Map());
      // Rows in id order: the last one per value is its latest step.
      for (const r of await tx.all(`${STEPS} WHERE r.plan_id = ? ORDER BY r.id`, [planId])) reviews.get(String(r.period_id))?.set(String(r.indicator_id), reviewRecord(r));
      return { record, periods, nodes, indicators, measurements, reviews };
    });
  }
}
