/**
 * The monitoring campaign's store side: the review of entered values (approve, ask for more, answer),
 * period deadlines, and one read of everything the worklist, dashboard and closing checklist need.
 *
 * A review step is about one version of a value: a new value after an approval or a request makes
 * that step stale, so the value is back to review without anyone resetting anything.
 */
import { recordAudit, recordPlanChange } from './audit-log.js';
import { one, type Db, type Dialect, type Param, type Row } from './db.js';
import { deadlineProblem, isLocked, periodProblemText } from './periods.js';
import { periodRecord, periodSaved, readPlanRecord } from './records.js';
import { fail, forUpdate, now, ok, shareLock, staleSave, str } from './shared.js';
import { amountFromJson, parse } from './codec.js';
import type { Comparator, MeasurementState, Unit } from './core-types.js';
import type { Actor, CampaignData, PeriodRecord, PeriodState, Result, ReviewAction, ReviewFilter, ReviewPage, ReviewRecord, ReviewRow } from './types.js';
import { WORK_STATES, type WorkState } from '../contract/campaign-states.js';

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

  /**
   * A page of the period's review list and the counts per state of every value the filter keeps,
   * both from one snapshot (one transaction) so the page and the numbers above it agree. The
   * database resolves each value's unit and person (its own, else the nearest objective's up the
   * tree), its state (from its version and its latest review step) and the filter: a 20,000-indicator
   * plan sends 200 rows, not every row read and sliced here.
   */
  async page(planId: string, periodId: string, filter: ReviewFilter, page: { offset: number; limit: number }): Promise<ReviewPage> {
    return this.db.transaction(async (tx) => {
      const { sql: work, params } = reviewWork(this.db.dialect, planId, periodId, filter);
      // The counts ride on the page's rows (a window over every row the filter keeps, before the
      // page is cut): the list is resolved once a request, not once to count and again to page.
      const counted = WORK_STATES.map((state) => `SUM(CASE WHEN w.state = '${state}' THEN 1 ELSE 0 END) OVER () AS n_${state}`).join(', ');
      const rows = await tx.all(
        `${work}, paged AS (SELECT w.*, ${counted} FROM work w ORDER BY w.node_code, w.position, w.id LIMIT ? OFFSET ?)
         SELECT w.*, i.name, i.target, i.unit, i.comparator, o.title AS objective, u.name AS unit_name, p.display_name AS person_name, rv.display_name AS review_by_name
           FROM paged w JOIN indicators i ON i.plan_id = ? AND i.id = w.id
           LEFT JOIN nodes o ON o.plan_id = ? AND o.code = w.node_code
           LEFT JOIN org_units u ON u.id = w.unit_id
           LEFT JOIN users p ON p.id = w.person_id
           LEFT JOIN users rv ON rv.id = w.review_user_id
           ORDER BY w.node_code, w.position, w.id`,
        [...params, page.limit, page.offset, planId, planId],
      );
      const counts: Record<WorkState, number> = { to_enter: 0, entered: 0, returned: 0, approved: 0 };
      if (rows.length > 0) for (const state of WORK_STATES) counts[state] = Number(rows[0]![`n_${state}`]);
      // No row on the page (past the end of the list, or nothing kept): counted on their own.
      else for (const r of await tx.all(`${work} SELECT state, COUNT(*) AS n FROM work GROUP BY state`, params)) counts[String(r.state) as WorkState] = Number(r.n);
      const files = new Map<string, Array<{ id: string; name: string }>>();
      if (rows.length > 0) {
        // Names only: the bytes stay in the database until a file is downloaded.
        for (const f of await tx.all(
          `SELECT id, indicator_id, name FROM attachments WHERE plan_id = ? AND period_id = ? AND indicator_id IN (${rows.map(() => '?').join(', ')}) ORDER BY uploaded_at, id`,
          [planId, periodId, ...rows.map((r) => String(r.id))],
        )) {
          const list = files.get(String(f.indicator_id)) ?? [];
          list.push({ id: String(f.id), name: String(f.name) });
          files.set(String(f.indicator_id), list);
        }
      }
      return { counts, rows: rows.map((r) => reviewRow(r, periodId, files.get(String(r.id)) ?? [])) };
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

/**
 * The review list's values of a period as a `WITH … work AS (…)` prefix, the filter applied: each
 * indicator entered by hand (a mean of its children is computed, not entered) with its unit and
 * person resolved up the tree, its value's version and its latest review step, and its state as
 * `stateOf` (server/campaign.ts) says it. Plain SQL both backends run alike.
 */
function reviewWork(dialect: Dialect, planId: string, periodId: string, filter: ReviewFilter): { sql: string; params: Param[] } {
  const mine = filter.assignedTo;
  // Whether a node or an indicator (`t`) names the account: as its person, one of its units, or its owner.
  const names = (t: string): { sql: string; params: Param[] } =>
    mine === undefined
      ? { sql: '1 = 0', params: [] }
      : {
          sql: `(${t}.person_id = ? OR ${t}.owner = ?${mine.unitIds.length === 0 ? '' : ` OR ${t}.unit_id IN (${mine.unitIds.map(() => '?').join(', ')})`})`,
          params: [mine.id, mine.username, ...mine.unitIds],
        };
  const node = names('n');
  const parent = names('p');
  const own = names('i');
  // Walks up from every objective to the root, carrying the nearest unit and person and whether any
  // objective on the way names the account; the row that reached the top (or a parent not in the
  // plan) is the objective's. A guard of 64 steps, as `Campaign`'s walk has.
  const up = `WITH RECURSIVE up (code, at, unit_id, person_id, mine, depth) AS (
      SELECT n.code, n.parent, n.unit_id, n.person_id, CASE WHEN ${node.sql} THEN 1 ELSE 0 END, 0 FROM nodes n WHERE n.plan_id = ?
      UNION ALL
      SELECT up.code, p.parent, COALESCE(up.unit_id, p.unit_id), COALESCE(up.person_id, p.person_id), CASE WHEN up.mine = 1 OR ${parent.sql} THEN 1 ELSE 0 END, up.depth + 1
        FROM up JOIN nodes p ON p.plan_id = ? AND p.code = up.at WHERE up.depth < 64),
    objectives AS (SELECT code, unit_id, person_id, mine FROM up WHERE at IS NULL OR NOT EXISTS (SELECT 1 FROM nodes x WHERE x.plan_id = ? AND x.code = up.at)),
    latest AS (SELECT indicator_id, MAX(id) AS id FROM measurement_reviews WHERE plan_id = ? AND period_id = ? GROUP BY indicator_id),`;
  const derived = dialect === 'postgres' ? `strpos(i.formula, 'children_mean') > 0` : `instr(i.formula, 'children_mean') > 0`;
  const all = `all_work AS (
      SELECT i.id, i.node_code, i.position, COALESCE(i.unit_id, o.unit_id) AS unit_id, COALESCE(i.person_id, o.person_id) AS person_id,
        CASE WHEN o.mine = 1 OR ${own.sql} THEN 1 ELSE 0 END AS mine,
        CASE WHEN m.version IS NULL THEN 'to_enter' WHEN r.id IS NULL OR r.measurement_version <> m.version THEN 'entered'
          WHEN r.action = 'approve' THEN 'approved' WHEN r.action = 'return' THEN 'returned' ELSE 'entered' END AS state,
        m.version, m.state AS value_state, m.actual, m.reason, m.evidence, m.source, m.notes, m.entered_by, m.entered_at,
        r.id AS review_id, r.indicator_id AS review_indicator_id, r.period_id AS review_period_id, r.measurement_version, r.action AS review_action, r.note AS review_note,
        r.user_id AS review_user_id, r.username AS review_username, r.at AS review_at
      FROM indicators i
      LEFT JOIN objectives o ON o.code = i.node_code
      LEFT JOIN measurements m ON m.plan_id = i.plan_id AND m.indicator_id = i.id AND m.period_id = ?
      LEFT JOIN latest l ON l.indicator_id = i.id
      LEFT JOIN measurement_reviews r ON r.id = l.id
      WHERE i.plan_id = ? AND (i.formula IS NULL OR NOT ${derived})),`;
  const where: string[] = [];
  const kept: Param[] = [];
  if (mine !== undefined) where.push('mine = 1');
  if (filter.unitId === null) where.push('unit_id IS NULL');
  else if (filter.unitId !== undefined) (where.push('unit_id = ?'), kept.push(filter.unitId));
  if (filter.personId !== undefined) (where.push('person_id = ?'), kept.push(filter.personId));
  if (filter.states !== undefined) (where.push(filter.states.length === 0 ? '1 = 0' : `state IN (${filter.states.map(() => '?').join(', ')})`), kept.push(...filter.states));
  return {
    sql: `${up} ${all} work AS (SELECT * FROM all_work${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`})`,
    params: [...node.params, planId, ...parent.params, planId, planId, planId, periodId, ...own.params, periodId, planId, ...kept],
  };
}

function reviewRow(r: Row, periodId: string, files: ReadonlyArray<{ id: string; name: string }>): ReviewRow {
  return {
    indicatorId: String(r.id),
    indicator: String(r.name),
    node: String(r.node_code),
    objective: r.objective == null ? String(r.node_code) : String(r.objective),
    unitId: str(r.unit_id),
    unit: str(r.unit_name),
    personId: str(r.person_id),
    person: str(r.person_name),
    state: String(r.state) as WorkState,
    enteredBy: str(r.entered_by),
    enteredAt: str(r.entered_at),
    latest:
      r.review_id == null
        ? null
        : reviewRecord({
            id: r.review_id,
            indicator_id: r.review_indicator_id,
            period_id: r.review_period_id ?? periodId,
            measurement_version: r.measurement_version,
            action: r.review_action,
            note: r.review_note,
            username: r.review_username,
            by_name: r.review_by_name,
            at: r.review_at,
          }),
    target: amountFromJson(parse(r.target)),
    unitOfMeasure: String(r.unit) as Unit,
    comparator: String(r.comparator) as Comparator,
    value:
      r.version == null
        ? null
        : {
            version: Number(r.version),
            state: String(r.value_state) as MeasurementState,
            actual: amountFromJson(parse(r.actual)),
            reason: str(r.reason),
            evidence: str(r.evidence),
            source: str(r.source),
            notes: str(r.notes),
            files,
          },
  };
}
