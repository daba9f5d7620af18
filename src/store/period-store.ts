/**
 * A plan's periods and their closings as stored (the moves themselves are periods.ts's). Every
 * change is one transaction with its audit entry and the plan's data version bumped.
 */
import { recordPlanChange } from './audit-log.js';
import { amountKind, type Unit } from '../core/index.js';
import { amountFromJson, parse, planFromJson, planToJson } from './codec.js';
import { one, type Db, type Queryable, type Row } from './db.js';
import { frozenFromJson, frozenMetaToJson } from './frozen.js';
import { isReopening, italianDate, periodDateProblem, periodProblemText, transitionProblem, type NewPeriod } from './periods.js';
import { planAndPeriod, readPlanForPeriod } from './plan-read.js';
import { enteredValues, supersededApproval } from './review-steps.js';
import { periodRecord, periodSaved } from './records.js';
import { archivedRefusal, refuse, refuseIfArchived } from './revisions.js';
import { fail, forUpdate, noPlan, now, ok, staleSave, str } from './shared.js';
import type {
  Actor,
  EnteredInOldUnit,
  FrozenSnapshot,
  PeriodClosing,
  PeriodHeader,
  PeriodMoved,
  PeriodMoveOptions,
  PeriodRecord,
  PeriodReopening,
  PeriodState,
  Result,
  UnreviewedValue,
} from './types.js';

/**
 * Who closed a period, by the display name of the account as it reads now (the screens name people,
 * as the worklist's «Richiesta di …» does); the username when the account is gone or the closing was the system's.
 */
const CLOSER = `LEFT JOIN users u ON u.username = c.closed_by`;
const CLOSER_NAME = `u.display_name AS closed_by_name`;

function closer(row: Row): { closedBy: string | null; closedByName: string | null } {
  const closedBy = str(row.closed_by);
  return { closedBy, closedByName: row.closed_by_name == null ? closedBy : String(row.closed_by_name) };
}

/** A period's label: the one given, else its date the Italian way. */
export function periodLabel(p: NewPeriod): string {
  return p.label?.trim() || italianDate(p.endsOn);
}

/**
 * The indicators whose actual recorded in the period their unit cannot read now: a value entered
 * in numbers, closed, then the unit changed to a date. Closed periods are read as they were closed;
 * reopened, they are read with the plan as it is, so these score nothing until entered again. (A
 * formula indicator's value is computed, never read from its actual.)
 */
async function enteredInOldUnit(tx: Queryable, planId: string, periodId: string): Promise<EnteredInOldUnit[]> {
  const rows = await tx.all<{ id: string; name: string; unit: Unit; actual: string | null }>(
    `SELECT i.id, i.name, i.unit, m.actual FROM measurements m JOIN indicators i ON i.plan_id = m.plan_id AND i.id = m.indicator_id JOIN nodes n ON n.plan_id = i.plan_id AND n.code = i.node_code WHERE m.plan_id = ? AND m.period_id = ? AND m.state = 'measured' AND m.actual IS NOT NULL AND i.formula IS NULL ORDER BY n.position, i.position`,
    [planId, periodId],
  );
  return rows.flatMap((r) => {
    const actual = amountFromJson(parse(r.actual));
    return actual === null || actual.kind === amountKind(r.unit) ? [] : [{ indicatorId: String(r.id), indicator: String(r.name), unit: r.unit }];
  });
}

/** How many of a refused closing's unreviewed values its details name (the count says them all). */
export const UNREVIEWED_LISTED = 50;

/**
 * The period's values entered and not reviewed as they stand: in state `entered` by the one rule
 * (`valueState`, review-steps.ts) that the closing checklist's «da rivedere» (`stateOf` in
 * server/campaign.ts) and the review list's pages take too, means of the children left out as they
 * leave them. The first `UNREVIEWED_LISTED`, in plan order, and how many. One read, of the period's
 * values joined with their indicators (`enteredValues`): the closing holds the period's lock while it
 * counts, so it reads no indicator without a value (a plan of 20,000 has most of them so in a period).
 */
async function unreviewedValues(tx: Queryable, db: Pick<Db, 'dialect'>, planId: string, periodId: string): Promise<{ count: number; first: UnreviewedValue[] }> {
  const unreviewed = (await enteredValues(tx, db, planId, periodId)).filter((v) => v.state === 'entered');
  return {
    count: unreviewed.length,
    first: unreviewed.slice(0, UNREVIEWED_LISTED).map((v) => ({
      indicatorId: v.indicatorId,
      indicator: v.indicator,
      node: v.node,
      approvalSuperseded: supersededApproval(v.latest, v.version) !== undefined,
    })),
  };
}

/**
 * Whether a closing's acknowledgement covers the `count` values found unreviewed under its lock:
 * `true` whatever is there (scripts, the seed); a number, the values the closer saw listed, so one
 * come in since is not acknowledged blind; `false` or nothing, none.
 */
function acknowledges(seen: PeriodMoveOptions['acknowledgeUnreviewed'], count: number): boolean {
  return seen === true || (typeof seen === 'number' && count <= seen);
}

/**
 * A plan's periods and their closings: added, renamed, deleted while open and empty, moved through
 * their states; each closing freezes the period's plan and metadata (frozen.ts) in the same
 * transaction, read back by `lastClosing` and `frozenSnapshot`.
 */
export class SqlPeriods {
  constructor(private readonly db: Db) {}

  async listPeriods(planId: string): Promise<PeriodRecord[] | undefined> {
    if ((await one(this.db, `SELECT id FROM plans WHERE id = ?`, [planId])) === undefined) return undefined;
    // ends_on is ISO text of fixed width: every collation (SQLite's bytes, a cluster's locale) sorts
    // it by date, so callers need not sort again (the shared suite adds one between two).
    return (await this.db.all(`SELECT * FROM periods WHERE plan_id = ? ORDER BY ends_on, id`, [planId])).map(periodRecord);
  }

  async addPeriod(planId: string, period: NewPeriod, actor: Actor): Promise<Result<PeriodRecord>> {
    return this.db.transaction(async (tx) => {
      const plan = await one(tx, `SELECT year, archived_at FROM plans WHERE id = ?${forUpdate(this.db)}`, [planId]);
      if (plan === undefined) return noPlan(planId);
      if (plan.archived_at !== null) return archivedRefusal(planId);
      const problem = periodDateProblem(period.endsOn, Number(plan.year));
      if (problem !== null) return fail('invalid', periodProblemText(problem), { field: 'endsOn' }, { field: 'endsOn', ...problem });
      const label = periodLabel(period);
      // The id is the date: two additions of one date at once let one in, the other is a duplicate.
      const inserted = await tx.run(`INSERT INTO periods (plan_id, id, label, ends_on, state, updated_at) VALUES (?, ?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING`, [
        planId,
        period.endsOn,
        label,
        period.endsOn,
        now(),
      ]);
      if (inserted.changes !== 1) {
        const existing = periodRecord((await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?`, [planId, period.endsOn]))!);
        return fail(
          'duplicate',
          `the plan already has a period ending on ${period.endsOn} (${existing.label})`,
          { field: 'endsOn', period: existing },
          { what: 'period', id: period.endsOn, label: existing.label },
        );
      }
      const after = periodRecord((await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?`, [planId, period.endsOn]))!);
      await recordPlanChange(tx, actor, { action: 'create', entity: 'period', entityId: after.id, planId, after: { endsOn: after.endsOn, label: after.label, state: after.state } });
      return ok(after);
    });
  }

  async renamePeriod(planId: string, periodId: string, label: string, actor: Actor, expectedVersion?: number): Promise<Result<PeriodRecord>> {
    const trimmed = label.trim();
    if (trimmed === '') return fail('invalid', "a period's label cannot be empty", { field: 'label' }, { field: 'label', reason: 'empty-label' });
    return this.db.transaction(async (tx) => {
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      const row = await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, periodId]);
      if (row === undefined) return fail('not-found', `the plan has no period ${periodId}`, undefined, { what: 'period', id: periodId });
      const before = periodRecord(row);
      const stale = staleSave<PeriodRecord>('period', `period ${before.label}`, expectedVersion, periodSaved(row));
      if (stale !== null) return stale;
      await tx.run(`UPDATE periods SET label = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE plan_id = ? AND id = ?`, [trimmed, now(), actor.username, planId, periodId]);
      const after = periodRecord((await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?`, [planId, periodId]))!);
      await recordPlanChange(tx, actor, { action: 'update', entity: 'period', entityId: periodId, planId, before: { label: before.label }, after: { label: after.label } });
      return ok(after);
    });
  }

  async deletePeriod(planId: string, periodId: string, actor: Actor): Promise<Result<PeriodRecord>> {
    return this.db.transaction(async (tx) => {
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      // The row lock (PostgreSQL) makes a value being written wait, then find no period; or, written first, be counted here.
      const row = await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, periodId]);
      if (row === undefined) return fail('not-found', `the plan has no period ${periodId}`, undefined, { what: 'period', id: periodId });
      const before = periodRecord(row);
      if (before.state !== 'open') {
        return fail(
          'period-in-use',
          `the period ${before.label} is ${before.state}: only an open period can be deleted`,
          { reason: 'not-open', state: before.state },
          { label: before.label, reason: 'not-open', state: before.state },
        );
      }
      const measurements = Number((await one(tx, `SELECT COUNT(*) AS n FROM measurements WHERE plan_id = ? AND period_id = ?`, [planId, periodId]))!.n);
      if (measurements > 0) {
        return fail(
          'period-in-use',
          `the period ${before.label} holds ${measurements} ${measurements === 1 ? 'value' : 'values'}: only a period without values can be deleted`,
          { reason: 'has-measurements', measurements },
          { label: before.label, reason: 'has-measurements', measurements },
        );
      }
      // Evidence may arrive before its value; deleting the period would take the files with it
      // (the foreign key cascades), so a period holding any is kept: the files are removed one by
      // one first, each on the record, or the period stays.
      const attachments = Number((await one(tx, `SELECT COUNT(*) AS n FROM attachments WHERE plan_id = ? AND period_id = ?`, [planId, periodId]))!.n);
      if (attachments > 0) {
        return fail(
          'period-in-use',
          `the period ${before.label} holds ${attachments} evidence ${attachments === 1 ? 'file' : 'files'}: remove them first, or keep the period`,
          { reason: 'has-attachments', attachments },
          { label: before.label, reason: 'has-attachments', attachments },
        );
      }
      // A deleted indicator's thread is kept too (kept-records.ts), and counts as the conversation it was.
      const comments = Number(
        (await one(tx, `SELECT (SELECT COUNT(*) FROM comments WHERE plan_id = ? AND period_id = ?) + (SELECT COUNT(*) FROM kept_comments WHERE plan_id = ? AND period_id = ?) AS n`, [
          planId,
          periodId,
          planId,
          periodId,
        ]))!.n,
      );
      if (comments > 0) {
        return fail(
          'period-in-use',
          `the period ${before.label} holds ${comments} ${comments === 1 ? 'comment' : 'comments'}: a period with a conversation is kept`,
          { reason: 'has-comments', comments },
          { label: before.label, reason: 'has-comments', comments },
        );
      }
      const others = Number((await one(tx, `SELECT COUNT(*) AS n FROM periods WHERE plan_id = ? AND id <> ?`, [planId, periodId]))!.n);
      if (others === 0)
        return fail(
          'period-in-use',
          `the period ${before.label} is the plan's only one: a plan keeps at least one monitoring period`,
          { reason: 'last-period' },
          { label: before.label, reason: 'last-period' },
        );
      await tx.run(`DELETE FROM periods WHERE plan_id = ? AND id = ?`, [planId, periodId]);
      await recordPlanChange(tx, actor, { action: 'delete', entity: 'period', entityId: periodId, planId, before: { endsOn: before.endsOn, label: before.label, state: before.state } });
      return ok(before);
    });
  }

  async transitionPeriod(planId: string, periodId: string, to: PeriodState, reason: string | null, actor: Actor, from: PeriodMoveOptions = {}): Promise<Result<PeriodMoved>> {
    return this.db.transaction(async (tx) => {
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      const row = await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, periodId]);
      if (row === undefined) return fail('not-found', `the plan has no period ${periodId}`, undefined, { what: 'period', id: periodId });
      const before = periodRecord(row);
      // Before the state machine: a move pressed on a state that changed since is the other desk's
      // news, not "cannot go from closed to closed". The version the caller checked the mover's role
      // on comes second: a move made in between is refused rather than made on a state never checked.
      const saved = periodSaved(row);
      const stale = staleSave<PeriodMoved>('period', `period ${before.label}`, from.sent, saved) ?? staleSave<PeriodMoved>('period', `period ${before.label}`, from.checked, saved);
      if (stale !== null) return stale;
      const problem = transitionProblem(before.state, to, reason);
      if (problem?.kind === 'move') return refuse('invalid-transition', { from: problem.from, to, allowed: problem.allowed }, { from: problem.from, to });
      // A reopening without its reason is a field left empty, said at that field as the form shows it.
      if (problem?.kind === 'reason') return refuse('invalid', { field: 'reason', reason: 'reopen-reason', state: problem.from }, { field: 'reason' });
      // A closing locks the values as they are: one with values nobody reviewed is made only when
      // the closer says so, knowing how many (the checklist lists them), and the trail keeps the
      // number. Counted under the period's lock, which a value's write and a review share: no value
      // slips in between the count and the closing.
      const unreviewed = to === 'closed' ? await unreviewedValues(tx, this.db, planId, periodId) : { count: 0, first: [] };
      const seen = from.acknowledgeUnreviewed;
      if (unreviewed.count > 0 && !acknowledges(seen, unreviewed.count))
        return refuse('unreviewed-values', { label: before.label, count: unreviewed.count, ...(typeof seen === 'number' ? { seen } : {}) }, { unreviewed: unreviewed.count, values: unreviewed.first });
      // One write of the row: when it became validated (migration 85: dati.json's `validatedAt` reads
      // this one column), and its latest reopening, who and why (migration 87: `periodReopening`).
      const at = now();
      const reopening = isReopening(before.state, to);
      await tx.run(
        `UPDATE periods SET state = ?, updated_at = ?, updated_by = ?, version = version + 1${to === 'validated' ? ', validated_at = ?' : ''}${reopening ? ', reopened_at = ?, reopened_by = ?, reopen_reason = ?' : ''} WHERE plan_id = ? AND id = ?`,
        [to, at, actor.username, ...(to === 'validated' ? [at] : []), ...(reopening ? [at, actor.username, reason] : []), planId, periodId],
      );
      const after = periodRecord((await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?`, [planId, periodId]))!);
      if (to === 'closed') {
        // The period as it was closed, frozen: after a reopening, what changed is shown against it.
        const frozen = await readPlanForPeriod(tx, planId, periodId);
        if (!frozen.ok) return frozen;
        const last = await one(tx, `SELECT MAX(seq) AS seq FROM period_closings WHERE plan_id = ? AND period_id = ?`, [planId, periodId]);
        const seq = last?.seq === null || last?.seq === undefined ? 1 : Number(last.seq) + 1;
        const meta = frozenMetaToJson(frozen.value.plan, frozen.value.nodes, frozen.value.indicators);
        await tx.run(`INSERT INTO period_closings (plan_id, period_id, seq, closed_at, closed_by, plan, meta) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
          planId,
          periodId,
          seq,
          after.updatedAt,
          actor.username,
          JSON.stringify(planToJson(frozen.value.plan)),
          JSON.stringify(meta),
        ]);
      }
      // Reopening a validated period voids the OIV's validation: the trail says so in words.
      const voided = before.state === 'validated' && to === 'collecting';
      // A reopening names the values entered before their indicator's unit changed: the record and the answer say which to enter again.
      const inOldUnit = reopening ? await enteredInOldUnit(tx, planId, periodId) : [];
      await recordPlanChange(
        tx,
        actor,
        {
          action: to === 'validated' ? 'validate' : voided ? 'void-validation' : 'transition',
          entity: 'period',
          entityId: periodId,
          planId,
          before: { state: before.state },
          after: {
            state: after.state,
            ...(voided ? { validationVoided: true } : {}),
            ...(unreviewed.count > 0 ? { unreviewed: unreviewed.count } : {}),
            ...(inOldUnit.length > 0 ? { enteredInOldUnit: inOldUnit.map((i) => i.indicatorId) } : {}),
          },
          reason,
        },
        // The trail's moment is the row's: a reopening read from the row is the one the trail shows.
        at,
      );
      return ok(reopening ? { ...after, enteredInOldUnit: inOldUnit } : after);
    });
  }

  async periodValidatedAt(planId: string, periodId: string): Promise<string | null> {
    const row = await one(this.db, `SELECT validated_at FROM periods WHERE plan_id = ? AND id = ? AND state = 'validated'`, [planId, periodId]);
    return row?.validated_at == null ? null : String(row.validated_at);
  }

  /**
   * Who reopened and why are null when the row does not say: a reopening of before migration 87 read
   * from the trail may carry an empty name or reason, which the screens would say as a sentence cut short.
   */
  async periodReopening(planId: string, periodId: string, since: string): Promise<PeriodReopening | null> {
    const row = await one(this.db, `SELECT label, state, reopened_at, reopened_by, reopen_reason FROM periods WHERE plan_id = ? AND id = ? AND reopened_at > ?`, [planId, periodId, since]);
    if (row === undefined) return null;
    return { at: String(row.reopened_at), user: recorded(row.reopened_by), reason: recorded(row.reopen_reason), label: String(row.label), state: row.state as PeriodState };
  }

  async lastClosing(planId: string, periodId: string): Promise<PeriodClosing | undefined> {
    const row = await one(this.db, `SELECT c.*, ${CLOSER_NAME} FROM period_closings c ${CLOSER} WHERE c.plan_id = ? AND c.period_id = ? ORDER BY c.seq DESC LIMIT 1`, [planId, periodId]);
    if (row === undefined) return undefined;
    return { periodId, seq: Number(row.seq), closedAt: String(row.closed_at), ...closer(row), plan: planFromJson(parse(row.plan)) };
  }

  async periodHeader(planId: string, periodId?: string): Promise<Result<PeriodHeader>> {
    return this.db.transaction(async (tx) => {
      const found = await planAndPeriod(tx, planId, periodId);
      if (!found.ok) return found;
      const { period } = found.value;
      const closing = await one(tx, `SELECT c.seq, c.closed_at, c.closed_by, ${CLOSER_NAME} FROM period_closings c ${CLOSER} WHERE c.plan_id = ? AND c.period_id = ? ORDER BY c.seq DESC LIMIT 1`, [
        planId,
        period.id,
      ]);
      return ok({
        ...found.value,
        closing: closing === undefined ? null : { seq: Number(closing.seq), closedAt: String(closing.closed_at), ...closer(closing) },
      });
    });
  }

  async frozenSnapshot(planId: string, periodId: string, seq: number): Promise<FrozenSnapshot | undefined> {
    const row = await one(this.db, `SELECT * FROM period_closings WHERE plan_id = ? AND period_id = ? AND seq = ?`, [planId, periodId, seq]);
    if (row === undefined) return undefined;
    const frozen = frozenFromJson(planFromJson(parse(row.plan)), parse(row.meta));
    return { seq, closedAt: String(row.closed_at), closedBy: str(row.closed_by), ...frozen };
  }
}

/** A text the row holds, null when it holds none or only blanks (an older trail's empty reason): nothing recorded. */
function recorded(v: unknown): string | null {
  const text = str(v);
  return text === null || text.trim() === '' ? null : text;
}
