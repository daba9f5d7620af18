/**
 * A plan's adoption, archiving and revisions as stored (the gate every edit of the definition
 * passes, and the changes a revision records, are revisions.ts's). Every change is one
 * transaction with its audit entry.
 */
import { officeDay } from '../core/messages/catalogue.js';
import { recordPlanChange } from './audit-log.js';
import { one, type Db, type Queryable, type Row } from './db.js';
import { isIsoDate } from './periods.js';
import { readPlanRecord } from './records.js';
import { archivedRefusal, openRevisionNumber, readRevision, readRevisions, refuse, refuseIfArchived } from './revisions.js';
import { fail, forUpdate, noPlan, now, ok, staleSave, str, type SavedAs } from './shared.js';
import type { Act, Actor, NewRevision, PlanRecord, Result, RevisionPatch, RevisionRecord } from './types.js';

/** A revision as the audit trail keeps it (without its changes, which have their own entries). */
function revisionJson(r: RevisionRecord): Record<string, unknown> {
  return { number: r.number, kind: r.kind, reason: r.reason, date: r.date, act: r.act, status: r.status };
}

/** null when the act can be recorded, otherwise the field at fault. */
/** The date of the act that adopted the plan (ISO), and the plan's year. */
async function adoptedOn(tx: Queryable, planId: string): Promise<{ adopted: string; year: number }> {
  const row = await one(tx, `SELECT act_date, year FROM plans WHERE id = ?`, [planId]);
  return { adopted: String(row?.act_date ?? ''), year: Number(row?.year) };
}

/**
 * The last day each date of the plan of `year` can bear, and the first of its adopting act. A plan
 * is prepared in the autumn before its year and adopted by 31 January of it (late, within the
 * year): its act falls in the year before or in the year itself; one after the year governs
 * nothing. A revision changes the plan during its year; its approving act can follow until the
 * Relazione (30 June of the next year), which must disclose it. Outside these a date is a slip
 * of the keyboard (1999-01-01 for the 2025 plan, today's 2026 for the 2024 one) that would stand
 * in the register and the Relazione. ISO dates compare as text.
 */
function planDays(year: number): { adoptedFrom: string; adoptedTo: string; revisionTo: string; approvalTo: string } {
  return { adoptedFrom: `${year - 1}-01-01`, adoptedTo: `${year}-12-31`, revisionTo: `${year}-12-31`, approvalTo: `${year + 1}-06-30` };
}

/** A revision's date when none is given: the body's today (Rome's day, not UTC's), within the plan's year (its last day, for a past plan). */
function defaultRevisionDate(year: number): string {
  const today = officeDay();
  const last = planDays(year).revisionTo;
  return today > last ? last : today;
}

/**
 * A revision changes the plan its adopting act made: neither its date nor its approving act can
 * come before that act (a date such as 2023-01-01 for a plan adopted on 30/01/2024 is a slip of the
 * keyboard, and it would stand in the register and the Relazione). ISO dates compare as text.
 */
function beforeAdoption({ adopted, year }: { adopted: string; year: number }, date: string | null, act: Act | null): Result<RevisionRecord> | null {
  if (date !== null && date < adopted) return refuse('revision-before-adoption', { what: 'revision', date, adopted }, { field: 'date' });
  if (act !== null && act.date < adopted) return refuse('revision-before-adoption', { what: 'act', date: act.date, adopted }, { field: 'act.date' });
  const days = planDays(year);
  if (date !== null && date > days.revisionTo) return refuse('date-outside-plan', { what: 'revision', date, year, last: days.revisionTo }, { field: 'date' });
  if (act !== null && act.date > days.approvalTo) return refuse('date-outside-plan', { what: 'approval', date: act.date, year, last: days.approvalTo }, { field: 'act.date' });
  return null;
}

/**
 * A revision comes after the ones before it on the register: its changes start from theirs (its
 * "before" is their "after"), so a date before theirs would have the register and the Relazione
 * say the plan changed from a state it reached only later. The latest date among the revisions
 * numbered before `number` (every one, for a new revision) is its earliest. A discarded one changed
 * nothing, so nothing starts from it: its date bounds none.
 */
async function beforePrevious(tx: Queryable, planId: string, date: string, number: number | null): Promise<Result<RevisionRecord> | null> {
  const previous = await one(
    tx,
    `SELECT seq, decided_on FROM plan_revisions WHERE plan_id = ? AND status <> 'discarded'${number === null ? '' : ' AND seq < ?'} ORDER BY decided_on DESC, seq DESC LIMIT 1`,
    [planId, ...(number === null ? [] : [number])],
  );
  if (previous === undefined || previous.decided_on === null || date >= String(previous.decided_on)) return null;
  return refuse('revision-before-previous', { date, previous: Number(previous.seq), previousDate: String(previous.decided_on) }, { field: 'date' });
}

function actProblem(act: Act): { field: 'kind' | 'number' | 'date' } | null {
  if (act.kind.trim() === '') return { field: 'kind' };
  if (act.number.trim() === '') return { field: 'number' };
  if (!isIsoDate(act.date)) return { field: 'date' };
  return null;
}

/** Who last saved a revision and when, with its version; one never corrected was last saved by whoever opened it. */
function revisionSaved(row: Row, r: RevisionRecord): SavedAs {
  return { version: r.version, updatedBy: str(row.updated_by) ?? r.approvedBy ?? r.openedBy, updatedAt: str(row.updated_at) ?? r.approvedAt ?? r.openedAt };
}

export class SqlRevisions {
  constructor(private readonly db: Db) {}

  async adoptPlan(planId: string, act: Act, actor: Actor): Promise<Result<PlanRecord>> {
    const problem = actProblem(act);
    if (problem !== null) return refuse('invalid-act', { field: problem.field }, { field: `act.${problem.field}` });
    return this.db.transaction(async (tx) => {
      const row = await one(tx, `SELECT status, archived_at, year FROM plans WHERE id = ?${forUpdate(this.db)}`, [planId]);
      if (row === undefined) return noPlan(planId);
      if (row.archived_at !== null) return archivedRefusal(planId);
      if (row.status === 'adopted') return refuse('adoption-state', { situation: 'adopted-already' }, { status: 'adopted' });
      const year = Number(row.year);
      const days = planDays(year);
      if (act.date < days.adoptedFrom || act.date > days.adoptedTo)
        return refuse('date-outside-plan', { what: 'adoption', date: act.date, year, first: days.adoptedFrom, last: days.adoptedTo }, { field: 'act.date' });
      const at = now();
      await tx.run(
        `UPDATE plans SET status = 'adopted', act_kind = ?, act_number = ?, act_date = ?, adopted_at = ?, adopted_by = ?, updated_at = ?, edit_version = edit_version + 1, edited_by = ?, edited_at = ? WHERE id = ?`,
        [act.kind.trim(), act.number.trim(), act.date, at, actor.username, at, actor.username, at, planId],
      );
      await recordPlanChange(tx, actor, {
        action: 'adopt',
        entity: 'plan',
        entityId: planId,
        planId,
        before: { status: 'draft' },
        after: { status: 'adopted', act: { kind: act.kind.trim(), number: act.number.trim(), date: act.date } },
      });
      return ok((await readPlanRecord(tx, planId))!);
    });
  }

  async archivePlan(planId: string, archived: boolean, actor: Actor): Promise<Result<PlanRecord>> {
    return this.db.transaction(async (tx) => {
      const row = await one(tx, `SELECT archived_at FROM plans WHERE id = ?${forUpdate(this.db)}`, [planId]);
      if (row === undefined) return noPlan(planId);
      const was = row.archived_at !== null;
      if (was === archived) {
        return archived ? refuse('adoption-state', { situation: 'archived-already' }, { archived: true }) : refuse('adoption-state', { situation: 'not-archived' }, { archived: false });
      }
      const at = now();
      await tx.run(`UPDATE plans SET archived_at = ?, updated_at = ?, edit_version = edit_version + 1, edited_by = ?, edited_at = ? WHERE id = ?`, [
        archived ? at : null,
        at,
        actor.username,
        at,
        planId,
      ]);
      await recordPlanChange(tx, actor, { action: archived ? 'archive' : 'unarchive', entity: 'plan', entityId: planId, planId, before: { archived: was }, after: { archived } });
      return ok((await readPlanRecord(tx, planId))!);
    });
  }

  async listRevisions(planId: string): Promise<RevisionRecord[] | undefined> {
    return this.db.transaction(async (tx) => {
      if ((await one(tx, `SELECT id FROM plans WHERE id = ?`, [planId])) === undefined) return undefined;
      // The register's read: each indicator's change with the name it had then.
      return readRevisions(tx, planId, undefined, true);
    });
  }

  async openRevision(planId: string, input: NewRevision, actor: Actor): Promise<Result<RevisionRecord>> {
    const reason = input.reason.trim();
    if (reason === '') return refuse('revision-reason-required', {}, { field: 'reason' });
    if (input.date !== undefined && !isIsoDate(input.date)) return refuse('invalid', { field: 'date', reason: 'date', date: input.date.slice(0, 40) }, { field: 'date' });
    const actCheck = input.act == null ? null : actProblem(input.act);
    if (actCheck !== null) return refuse('invalid-act', { field: actCheck.field }, { field: `act.${actCheck.field}` });
    return this.db.transaction(async (tx) => {
      // The plan's row locked, as the OIV's validation locks it (relazioni.ts, moveRelazione): an
      // opening and a validation at once are one after the other, never interleaved. A validation
      // first leaves this revision opened after it (the register says so); an opening first has
      // the validation refused while it stays open.
      const row = await one(tx, `SELECT status, archived_at, act_date, year, revisions_numbered FROM plans WHERE id = ?${forUpdate(this.db)}`, [planId]);
      if (row === undefined) return noPlan(planId);
      if (row.archived_at !== null) return archivedRefusal(planId);
      if (row.status !== 'adopted') {
        return refuse('not-adopted', {}, { status: row.status });
      }
      const date = input.date ?? defaultRevisionDate(Number(row.year));
      const early = beforeAdoption({ adopted: String(row.act_date), year: Number(row.year) }, date, input.act ?? null);
      if (early !== null) return early;
      const open = await openRevisionNumber(tx, planId);
      if (open !== null) return refuse('revision-open', { number: open }, { number: open });
      const late = await beforePrevious(tx, planId, date, null);
      if (late !== null) return late;
      // After the last number the plan ever gave, not after the highest row: a revision discarded
      // before migration 88 lost its row, but it stays on the record (the trail) under its number.
      const last = await one(tx, `SELECT MAX(seq) AS seq FROM plan_revisions WHERE plan_id = ?`, [planId]);
      const number = Math.max(Number(row.revisions_numbered ?? 0), Number(last?.seq ?? 0)) + 1;
      await tx.run(`UPDATE plans SET revisions_numbered = ? WHERE id = ?`, [number, planId]);
      const act = input.act ?? null;
      await tx.run(`INSERT INTO plan_revisions (plan_id, seq, kind, reason, decided_on, act_kind, act_number, act_date, status, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`, [
        planId,
        number,
        input.kind ?? 'variazione',
        reason,
        date,
        act?.kind.trim() ?? null,
        act?.number.trim() ?? null,
        act?.date ?? null,
        now(),
        actor.username,
      ]);
      const revision = (await readRevision(tx, planId, number))!;
      await recordPlanChange(tx, actor, { action: 'create', entity: 'revision', entityId: String(number), planId, after: revisionJson(revision), reason });
      return ok(revision);
    });
  }

  async updateRevision(planId: string, number: number, patch: RevisionPatch, actor: Actor, expectedVersion?: number): Promise<Result<RevisionRecord>> {
    if (patch.reason !== undefined && patch.reason.trim() === '') return refuse('revision-reason-required', {}, { field: 'reason' });
    if (patch.date !== undefined && !isIsoDate(patch.date)) return refuse('invalid', { field: 'date', reason: 'date', date: patch.date.slice(0, 40) }, { field: 'date' });
    const actCheck = patch.act == null ? null : actProblem(patch.act);
    if (actCheck !== null) return refuse('invalid-act', { field: actCheck.field }, { field: `act.${actCheck.field}` });
    return this.db.transaction(async (tx) => {
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      const row = await one(tx, `SELECT * FROM plan_revisions WHERE plan_id = ? AND seq = ?${forUpdate(this.db)}`, [planId, number]);
      if (row === undefined) return fail('not-found', `the plan has no revision no. ${number}`, undefined, { what: 'revision', id: String(number) });
      const before = (await readRevision(tx, planId, number))!;
      const stale = staleSave<RevisionRecord>('revision', `revision no. ${number}`, expectedVersion, revisionSaved(row, before));
      if (stale !== null) return stale;
      // A discarded one stays on the record as it was let go: not even an act (it was approved by none).
      if (before.status === 'discarded') return refuse('revision-state', { number, situation: 'discarded' }, { status: before.status });
      if (before.status !== 'open' && (patch.reason !== undefined || patch.date !== undefined)) {
        return refuse('revision-state', { number, situation: 'approved' }, { status: before.status });
      }
      // An approved revision's act is what the register and the Relazione disclose it by: it can be
      // added later or corrected, never taken away (the revision would stand approved by no act).
      if (before.status !== 'open' && patch.act === null && before.act !== null) {
        return refuse('revision-state', { number, situation: 'act-kept' }, { status: before.status, field: 'act' });
      }
      const act = patch.act === undefined ? before.act : patch.act;
      const early = beforeAdoption(await adoptedOn(tx, planId), patch.date ?? null, patch.act ?? null);
      if (early !== null) return early;
      const late = patch.date === undefined ? null : await beforePrevious(tx, planId, patch.date, number);
      if (late !== null) return late;
      await tx.run(
        `UPDATE plan_revisions SET reason = ?, decided_on = ?, act_kind = ?, act_number = ?, act_date = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE plan_id = ? AND seq = ?`,
        [patch.reason?.trim() ?? before.reason, patch.date ?? before.date, act?.kind.trim() ?? null, act?.number.trim() ?? null, act?.date ?? null, actor.username, now(), planId, number],
      );
      const after = (await readRevision(tx, planId, number))!;
      await recordPlanChange(tx, actor, { action: 'update', entity: 'revision', entityId: String(number), planId, before: revisionJson(before), after: revisionJson(after) });
      return ok(after);
    });
  }

  async approveRevision(planId: string, number: number, act: Act | null, actor: Actor, expectedVersion?: number): Promise<Result<RevisionRecord>> {
    const actCheck = act === null ? null : actProblem(act);
    if (actCheck !== null) return refuse('invalid-act', { field: actCheck.field }, { field: `act.${actCheck.field}` });
    return this.db.transaction(async (tx) => {
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      // Locked for update: edits in flight (which share-lock the open revision) finish first.
      const row = await one(tx, `SELECT * FROM plan_revisions WHERE plan_id = ? AND seq = ?${forUpdate(this.db)}`, [planId, number]);
      if (row === undefined) return fail('not-found', `the plan has no revision no. ${number}`, undefined, { what: 'revision', id: String(number) });
      const before = (await readRevision(tx, planId, number))!;
      // The approver approves the revision as read: a reason or date corrected since is read first.
      const stale = staleSave<RevisionRecord>('revision', `revision no. ${number}`, expectedVersion, revisionSaved(row, before));
      if (stale !== null) return stale;
      if (before.status !== 'open') return refuse('revision-state', { number, situation: before.status }, { status: before.status });
      // Nothing to approve: no step at all, or steps that cancel out (a weight 50 → 40, then back to
      // 50). A body's act approving a revision that changes nothing would stand in the Relazione
      // for nothing: the office discards it, the steps staying on the audit trail.
      if (before.changes.length === 0) {
        return before.steps === 0
          ? refuse('revision-state', { number, situation: 'empty' }, { reason: 'empty' })
          : refuse('revision-state', { number, situation: 'cancelled-out', steps: before.steps }, { reason: 'cancelled-out', steps: before.steps });
      }
      const early = beforeAdoption(await adoptedOn(tx, planId), null, act);
      if (early !== null) return early;
      const finalAct = act ?? before.act;
      const at = now();
      await tx.run(
        `UPDATE plan_revisions SET status = 'approved', approved_at = ?, approved_by = ?, act_kind = ?, act_number = ?, act_date = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE plan_id = ? AND seq = ?`,
        [at, actor.username, finalAct?.kind.trim() ?? null, finalAct?.number.trim() ?? null, finalAct?.date ?? null, actor.username, at, planId, number],
      );
      const after = (await readRevision(tx, planId, number))!;
      await recordPlanChange(tx, actor, {
        action: 'approve',
        entity: 'revision',
        entityId: String(number),
        planId,
        before: { status: 'open' },
        after: { status: 'approved', act: after.act, changes: after.changes.length, steps: after.steps },
        reason: after.reason,
      });
      return ok(after);
    });
  }

  /**
   * Lets an open revision go without changing the plan: kept on the record with its steps, marked
   * discarded with who, when and why (`reason`: null when none is given). A new one can be opened after.
   */
  async discardRevision(planId: string, number: number, actor: Actor, expectedVersion?: number, reason: string | null = null): Promise<Result<RevisionRecord>> {
    const why = reason === null || reason.trim() === '' ? null : reason.trim();
    return this.db.transaction(async (tx) => {
      // An archived plan is kept as it was put away, a revision left open in it too: its register changes no more.
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      const row = await one(tx, `SELECT * FROM plan_revisions WHERE plan_id = ? AND seq = ?${forUpdate(this.db)}`, [planId, number]);
      if (row === undefined) return fail('not-found', `the plan has no revision no. ${number}`, undefined, { what: 'revision', id: String(number) });
      const before = (await readRevision(tx, planId, number))!;
      // Discarded as read: a reason or date another desk corrected since is read before it goes.
      const stale = staleSave<RevisionRecord>('revision', `revision no. ${number}`, expectedVersion, revisionSaved(row, before));
      if (stale !== null) return stale;
      // One whose steps cancel out changes nothing either: it is discarded, its steps kept with it
      // (and on the audit trail, each with the revision's number and reason), and its discarding says how many.
      if (before.status !== 'open' || before.changes.length > 0) {
        return refuse('revision-state', { number, situation: before.status === 'open' ? 'has-changes' : before.status }, { status: before.status, changes: before.changes.length });
      }
      const at = now();
      await tx.run(
        `UPDATE plan_revisions SET status = 'discarded', discarded_at = ?, discarded_by = ?, discard_reason = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE plan_id = ? AND seq = ?`,
        [at, actor.username, why, actor.username, at, planId, number],
      );
      const after = (await readRevision(tx, planId, number))!;
      await recordPlanChange(tx, actor, {
        action: 'discard',
        entity: 'revision',
        entityId: String(number),
        planId,
        before: { status: 'open' },
        after: { status: 'discarded', ...(before.steps === 0 ? {} : { steps: before.steps }) },
        reason: why,
      });
      return ok(after);
    });
  }
}
