/**
 * The monitoring campaign's store side: the review of entered values (approve, ask for more, answer),
 * period deadlines, and one read of everything the worklist, dashboard and closing checklist need.
 *
 * A review step is about one version of a value: a new value after an approval or a request makes
 * that step stale, so the value is back to review without anyone resetting anything.
 */
import { recordAudit, recordPlanChange } from './audit-log.js';
import { one, type Db, type Queryable, type Row } from './db.js';
import { approvalAsItStands, latestStep, reviewRecord, STEPS, storedComputedFromChildren, valueState, valueStates } from './review-steps.js';
import { deadlineProblem, isLocked, periodProblemText } from './periods.js';
import { periodRecord, periodSaved, readPlanRecord } from './records.js';
import { byCode, fail, forUpdate, now, ok, shareLock, staleSave, str } from './shared.js';
import { refuseIfArchived } from './revisions.js';
import { amountFromJson, parse } from './codec.js';
import type { Comparator, MeasurementState, Unit } from './core-types.js';
import type { Actor, CampaignData, PeriodRecord, PeriodState, Result, ReviewAction, ReviewFilter, ReviewPage, ReviewRecord, ReviewRow } from './types.js';
import { countStates, type WorkState } from '../contract/campaign-states.js';

/**
 * Whether the value was corrected after a request for more: the latest review step is that request,
 * about an earlier version. The referente may still answer it once, saying why along with the
 * correction; the review step allows that answer, and the worklist shows the request beside the value.
 */
export function correctedAfterRequest(latest: ReviewRecord | undefined, version: number): boolean {
  return latest?.action === 'return' && latest.measurementVersion < version;
}

export class Reviews {
  constructor(private readonly db: Db) {}

  async setDeadline(planId: string, periodId: string, deadline: string | null, actor: Actor, expectedVersion?: number): Promise<Result<PeriodRecord>> {
    return this.db.transaction(async (tx) => {
      // A past year put away is read-only, its deadlines too: no reminder or lateness comes of them.
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      const row = await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, periodId]);
      if (row === undefined) return fail('not-found', `the plan has no period ${periodId}`, undefined, { what: 'period', id: periodId });
      // A closed or validated period collects nothing: a deadline on it would make its values late (or
      // not) after the fact, and the reminders, the dashboard and the closing's record would disagree.
      const state = row.state as PeriodState;
      if (isLocked(state)) {
        const label = String(row.label);
        return fail('deadline-locked', `the period ${label} is ${state}: its deadline can no longer be set or moved`, { state }, { label, state });
      }
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

  async review(
    planId: string,
    indicatorId: string,
    periodId: string,
    action: ReviewAction,
    note: string | null,
    expectedVersion: number,
    actor: Actor,
    seenState?: WorkState,
  ): Promise<Result<ReviewRecord>> {
    const text = note?.trim() || null;
    if (action !== 'approve' && text === null)
      return fail(
        'invalid',
        action === 'return' ? 'a request for more (richiesta di integrazione) needs its text' : 'an answer needs its text',
        { field: 'note' },
        { field: 'note', reason: action === 'return' ? 'return-note' : 'answer-note' },
      );
    return this.db.transaction(async (tx) => {
      // The review of a past year put away stays as it was when it was archived.
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
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
      const m = await one(tx, `SELECT version, entered_by, entered_at FROM measurements WHERE plan_id = ? AND indicator_id = ? AND period_id = ?${forUpdate(this.db)}`, [
        planId,
        indicatorId,
        periodId,
      ]);
      if (m === undefined) {
        if ((await one(tx, `SELECT id FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId])) === undefined)
          return fail('not-found', `there is no indicator ${indicatorId} in this plan`, undefined, { what: 'indicator', id: indicatorId });
        return fail('invalid', 'nothing was entered for this indicator in this period: there is nothing to review', { field: 'version' }, { field: 'version', reason: 'nothing-to-review' });
      }
      const version = Number(m.version);
      if (version !== expectedVersion)
        return fail(
          'conflict',
          `the value was changed by ${str(m.entered_by) ?? 'someone else'} in the meantime (version ${version}, you saw ${expectedVersion}): reload and review it again`,
          // Who entered the version now current and when, as a stale value's save says them (the edge names the person).
          { current: { version, enteredBy: str(m.entered_by), enteredAt: str(m.entered_at) } },
          { what: 'measurement', version, sent: expectedVersion, by: str(m.entered_by) },
        );
      const lastStep = await latestStep(tx, planId, indicatorId, periodId);
      // Two reviewers of the same version at once (one approves, the other sends it back): the value's
      // row is locked above, so the second sees the first's step and is told of it, rather than
      // overruling a decision it never saw. Said as a stale save: who reviewed it, when, the state now.
      const stateNow = valueState(version, lastStep);
      if (seenState !== undefined && seenState !== stateNow) {
        const by = lastStep?.by ?? null;
        return fail(
          'conflict',
          `the value was reviewed by ${by ?? 'someone else'} in the meantime (now ${stateNow}, you saw ${seenState}): reload and review it again`,
          { current: { version, state: stateNow, updatedBy: by, updatedAt: lastStep?.at ?? null } },
          { what: 'review', state: stateNow, by },
        );
      }
      const current = lastStep !== undefined && lastStep.measurementVersion === version ? lastStep.action : undefined;
      if (action === 'answer' && current !== 'return' && !correctedAfterRequest(lastStep, version))
        return fail('invalid', 'there is no open request for more on this value to answer', { field: 'action' }, { field: 'action', reason: 'no-open-request' });
      if (action === 'approve' && approvalAsItStands(lastStep, version) !== undefined)
        return fail('invalid', 'this value is approved already', { field: 'action' }, { field: 'action', reason: 'approved-already' });
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
      const step = (await latestStep(tx, planId, indicatorId, periodId))!;
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
   * both from one snapshot (one transaction, repeatable read on PostgreSQL) so the page and the
   * numbers above it agree. What every page of a plan shares is kept: the plan's list (each value's
   * unit and person: its own, else the nearest objective's up the tree; the accounts named on the
   * way) per data version, and each period's states per campaign version (`campaignVersion`: the
   * data version and the latest review step). A page then reads that version and its own rows
   * only: a 20,000-indicator plan reads 200 values, not 19,000 walked up 5,557 objectives each time.
   */
  async page(planId: string, periodId: string, filter: ReviewFilter, page: { offset: number; limit: number }): Promise<ReviewPage> {
    return this.db.transaction(async (tx) => {
      if (this.db.dialect === 'postgres') await tx.run(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
      const version = await campaignVersionIn(tx, planId);
      if (version === undefined) return { counts: countStates([]), rows: [] };
      const list = await this.reviewList(tx, planId, version.slice(0, version.indexOf(':')));
      const kept = list.states.get(periodId);
      const states = kept !== undefined && kept.version === version ? kept.states : await periodStates(tx, planId, periodId, list);
      list.states.set(periodId, { version, states });
      const shownAt: number[] = [];
      const named = filter.assignedTo === undefined ? undefined : namesAccount(filter.assignedTo);
      for (let at = 0; at < list.values.length; at++) {
        const v = list.values[at]!;
        if (named !== undefined && !named(v.own) && !(v.above?.some(named) ?? false)) continue;
        if (filter.unitId !== undefined && v.unitId !== filter.unitId) continue;
        if (filter.personId !== undefined && v.personId !== filter.personId) continue;
        if (filter.states !== undefined && !filter.states.includes(states[at]!)) continue;
        shownAt.push(at);
      }
      const counts = countStates(shownAt.map((at) => states[at]!));
      const shown = shownAt.slice(page.offset, page.offset + page.limit).map((at) => list.values[at]!);
      if (shown.length === 0) return { counts, rows: [] };
      const ids = shown.map((v) => v.id);
      const marks = ids.map(() => '?').join(', ');
      const read = new Map<string, Row>();
      for (const r of await tx.all(
        `WITH latest AS (SELECT indicator_id, MAX(id) AS id FROM measurement_reviews WHERE plan_id = ? AND period_id = ? AND indicator_id IN (${marks}) GROUP BY indicator_id)
         SELECT i.id, i.node_code, i.name, i.target, i.unit, i.comparator, o.title AS objective,
           m.version, m.state AS value_state, m.actual, m.reason, m.evidence, m.source, m.notes, m.entered_by, m.entered_at,
           r.id AS review_id, r.indicator_id AS review_indicator_id, r.period_id AS review_period_id, r.measurement_version, r.action AS review_action, r.note AS review_note,
           r.username AS review_username, r.at AS review_at, rv.display_name AS review_by_name
         FROM indicators i
         LEFT JOIN nodes o ON o.plan_id = i.plan_id AND o.code = i.node_code
         LEFT JOIN measurements m ON m.plan_id = i.plan_id AND m.indicator_id = i.id AND m.period_id = ?
         LEFT JOIN latest l ON l.indicator_id = i.id
         LEFT JOIN measurement_reviews r ON r.id = l.id
         LEFT JOIN users rv ON rv.id = r.user_id
         WHERE i.plan_id = ? AND i.id IN (${marks})`,
        [planId, periodId, ...ids, periodId, planId, ...ids],
      ))
        read.set(String(r.id), r);
      // The names of the page's units and people, read now: a rename leaves the campaign version alone.
      const names = async (table: 'org_units' | 'users', column: 'name' | 'display_name', wanted: ReadonlyArray<string | null>): Promise<Map<string, string>> => {
        const distinct = [...new Set(wanted.filter((id): id is string => id !== null))];
        if (distinct.length === 0) return new Map();
        const rows = await tx.all(`SELECT id, ${column} AS name FROM ${table} WHERE id IN (${distinct.map(() => '?').join(', ')})`, distinct);
        return new Map(rows.map((r) => [String(r.id), String(r.name)]));
      };
      const unitNames = await names(
        'org_units',
        'name',
        shown.map((v) => v.unitId),
      );
      const people = await names(
        'users',
        'display_name',
        shown.map((v) => v.personId),
      );
      const files = new Map<string, Array<{ id: string; name: string }>>();
      // Names only: the bytes stay in the database until a file is downloaded.
      for (const f of await tx.all(`SELECT id, indicator_id, name FROM attachments WHERE plan_id = ? AND period_id = ? AND indicator_id IN (${marks}) ORDER BY uploaded_at, id`, [
        planId,
        periodId,
        ...ids,
      ])) {
        const list = files.get(String(f.indicator_id)) ?? [];
        list.push({ id: String(f.id), name: String(f.name) });
        files.set(String(f.indicator_id), list);
      }
      const rows = shown.map((v, n) => {
        const r = read.get(v.id)!;
        return reviewRow(
          {
            ...r,
            unit_id: v.unitId,
            person_id: v.personId,
            unit_name: v.unitId === null ? null : (unitNames.get(v.unitId) ?? null),
            person_name: v.personId === null ? null : (people.get(v.personId) ?? null),
            state: states[shownAt[page.offset + n]!],
          },
          periodId,
          files.get(v.id) ?? [],
        );
      });
      return { counts, rows };
    });
  }

  /**
   * A value was stored (`putMeasurement`), taking the plan to `dataVersion`. A value is no part of
   * what a review list keeps of the plan (its states are kept by campaign version, and read again),
   * so a list kept at the version just before is the plan's at this one too: the page after a value
   * entered does not read the plan's structure again. Any other gap leaves it to be read again.
   */
  valueStored(planId: string, dataVersion: number): void {
    const kept = this.lists.get(planId);
    if (kept !== undefined && kept.dataVersion === String(dataVersion - 1)) this.lists.set(planId, { ...kept, dataVersion: String(dataVersion) });
  }

  /** The plans' review lists, each as of its data version; the few read most recently are kept. */
  private readonly lists = new Map<string, ReviewList>();

  /** The plan's review list as of `dataVersion` (read in `tx`): the one kept when it is of that version, else read now and kept. */
  private async reviewList(tx: Queryable, planId: string, dataVersion: string): Promise<ReviewList> {
    const kept = this.lists.get(planId);
    this.lists.delete(planId);
    const list = kept !== undefined && kept.dataVersion === dataVersion ? kept : await readReviewList(tx, this.db, planId, dataVersion);
    // Most recently used last; a few plans kept (each ≈ a few MB at 20,000 indicators).
    this.lists.set(planId, list);
    while (this.lists.size > LISTS_KEPT) this.lists.delete(this.lists.keys().next().value!);
    return list;
  }

  /** One transaction: the plan's structure, assignments, every period's values (versions only) and latest review steps. */
  /**
   * What the campaign's view of a plan depends on, as one text: the plan's data version (values,
   * periods, deadlines, assignments) and its latest review step (reviews leave the data version
   * alone, so the computed tree is not thrown away for them). Undefined for an unknown plan.
   */
  campaignVersion(planId: string): Promise<string | undefined> {
    return campaignVersionIn(this.db, planId);
  }

  async campaign(planId: string): Promise<CampaignData | undefined> {
    return this.db.transaction(async (tx) => {
      const record = await readPlanRecord(tx, planId);
      if (record === undefined) return undefined;
      const periods = (await tx.all(`SELECT * FROM periods WHERE plan_id = ? ORDER BY ends_on, id`, [planId])).map(periodRecord);
      const nodes = (await tx.all(`SELECT code, parent, title, owner, unit_id, person_id FROM nodes WHERE plan_id = ? ORDER BY position, ${byCode(this.db, 'code')}`, [planId])).map((r) => ({
        code: String(r.code),
        parent: r.parent === null ? null : String(r.parent),
        title: String(r.title),
        owner: r.owner === null ? null : String(r.owner),
        unitId: r.unit_id === null ? null : String(r.unit_id),
        personId: r.person_id === null ? null : String(r.person_id),
      }));
      // The worklist's order: by code in code-point order on both backends (`byCode`), as the variances.
      const indicators = (
        await tx.all(`SELECT id, node_code, name, owner, unit_id, person_id, formula FROM indicators WHERE plan_id = ? ORDER BY ${byCode(this.db, 'node_code')}, position, ${byCode(this.db, 'id')}`, [
          planId,
        ])
      ).map((r) => ({
        id: String(r.id),
        node: String(r.node_code),
        name: String(r.name),
        owner: r.owner === null ? null : String(r.owner),
        unitId: r.unit_id === null ? null : String(r.unit_id),
        personId: r.person_id === null ? null : String(r.person_id),
        derived: storedComputedFromChildren(r.formula),
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

/** The plan's campaign version (`Reviews.campaignVersion`) as `q` reads it; undefined for an unknown plan. */
async function campaignVersionIn(q: Queryable, planId: string): Promise<string | undefined> {
  const row = await one(q, `SELECT p.data_version AS v, (SELECT MAX(r.id) FROM measurement_reviews r WHERE r.plan_id = p.id) AS r FROM plans p WHERE p.id = ?`, [planId]);
  return row === undefined ? undefined : `${String(row.v)}:${String(row.r ?? 0)}`;
}

/** How many plans' review lists a store keeps. */
const LISTS_KEPT = 4;

/** Who an objective or an indicator names: its person, its unit, its owner (a username). */
interface Named {
  readonly personId: string | null;
  readonly unitId: string | null;
  readonly owner: string | null;
}

/**
 * A plan's review list as of one data version: each value entered by hand (a mean of its children
 * is computed, not entered), in plan order, with its unit and person resolved up the tree and what
 * names it on the way; and, per period asked, each value's state as of one campaign version (a
 * review step changes the states, not the rest).
 */
interface ReviewList {
  readonly dataVersion: string;
  readonly values: ReadonlyArray<{
    readonly id: string;
    readonly unitId: string | null;
    readonly personId: string | null;
    /** The indicator itself. */
    readonly own: Named;
    /** Its objective and every objective above it, nearest first; null: a chain that does not reach the root. */
    readonly above: readonly Named[] | null;
  }>;
  readonly states: Map<string, { readonly version: string; readonly states: readonly WorkState[] }>;
}

/** Whether an indicator or objective names the account: as its person, one of its units, or its owner. */
function namesAccount(account: NonNullable<ReviewFilter['assignedTo']>): (n: Named) => boolean {
  return (n) => n.personId === account.id || n.owner === account.username || (n.unitId !== null && account.unitIds.includes(n.unitId));
}

async function readReviewList(tx: Queryable, db: Pick<Db, 'dialect'>, planId: string, dataVersion: string): Promise<ReviewList> {
  const nodes = new Map<string, Named & { parent: string | null }>();
  for (const r of await tx.all(`SELECT code, parent, unit_id, person_id, owner FROM nodes WHERE plan_id = ?`, [planId]))
    nodes.set(String(r.code), { parent: str(r.parent), unitId: str(r.unit_id), personId: str(r.person_id), owner: str(r.owner) });
  // Per objective: the objectives from it to the root, nearest first, and the nearest unit and
  // person on the way. A guard of 64 steps, as `Campaign`'s walk has: a chain that does not reach
  // the root within it (or a cycle) gives its indicators nothing of the objectives'.
  const chains = new Map<string, { namedBy: Named[]; unitId: string | null; personId: string | null } | null>();
  const chainOf = (code: string) => {
    if (chains.has(code)) return chains.get(code)!;
    const namedBy: Named[] = [];
    let found: { namedBy: Named[]; unitId: string | null; personId: string | null } | null = null;
    for (let at: string | null = code, depth = 0; depth <= 64; depth++) {
      const n = nodes.get(at!);
      if (n === undefined) break;
      namedBy.push(n);
      if (n.parent === null || !nodes.has(n.parent)) {
        found = { namedBy, unitId: namedBy.find((x) => x.unitId !== null)?.unitId ?? null, personId: namedBy.find((x) => x.personId !== null)?.personId ?? null };
        break;
      }
      at = n.parent;
    }
    chains.set(code, found);
    return found;
  };
  const values: Array<ReviewList['values'][number]> = [];
  // The review list's order: by code in code-point order on both backends (`byCode`), as the worklist.
  for (const r of await tx.all(`SELECT id, node_code, unit_id, person_id, owner, formula FROM indicators WHERE plan_id = ? ORDER BY ${byCode(db, 'node_code')}, position, ${byCode(db, 'id')}`, [
    planId,
  ])) {
    if (storedComputedFromChildren(r.formula)) continue;
    const own: Named = { unitId: str(r.unit_id), personId: str(r.person_id), owner: str(r.owner) };
    const chain = chainOf(String(r.node_code));
    values.push({ id: String(r.id), unitId: own.unitId ?? chain?.unitId ?? null, personId: own.personId ?? chain?.personId ?? null, own, above: chain?.namedBy ?? null });
  }
  return { dataVersion, values, states: new Map() };
}

/**
 * Each value's state in the period, in the list's order: to enter without a value, else by the one
 * rule (`valueState`). The list has left the means of the children out already: a row a mean may
 * have in the period is simply not asked for.
 */
async function periodStates(tx: Queryable, planId: string, periodId: string, list: ReviewList): Promise<WorkState[]> {
  const entered = await valueStates(tx, planId, periodId);
  return list.values.map((v) => entered.get(v.id) ?? 'to_enter');
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
