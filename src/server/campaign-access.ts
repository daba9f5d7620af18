/**
 * Who may see and touch what belongs to one indicator's value in a period (its evidence files and
 * its comment thread): the administrator, the controllo di gestione and the OIV every indicator; a
 * referente only the indicators assigned to them or their unit (directly or through an objective);
 * the public nothing, even in a published plan (evidence and discussion are internal). An indicator
 * deleted in a revision keeps its closed periods' files and its threads (store `kept-records.ts`):
 * the same people read them, by its assignment when it was deleted, and nobody changes them.
 */
import type { Context } from 'hono';
import type { PlanRecord, Store, UserRecord } from '../store/index.js';
import { requireUser } from './auth.js';
import { refuse } from './errors.js';
import { assignedTo, assignmentOf, mayEditValue } from './permissions.js';
import { refuseIfArchived } from './plan-access.js';

export interface IndicatorAccess {
  readonly user: UserRecord;
  /** The plan as read for the access: a write asks it whether it is archived first (`indicatorWritable`). */
  readonly plan: PlanRecord;
  /** May add and remove files (the value's editors: admin, controller, the assigned referente). */
  readonly mayChange: boolean;
  /** The indicator was deleted: its kept records are read, never written (`indicatorWritable`). */
  readonly deleted: boolean;
}

/** The signed-in reader of one indicator's files and thread, or 401 / 404 / 403. */
export async function indicatorAccess(c: Context, store: Store, planId: string, indicatorId: string): Promise<IndicatorAccess> {
  const user = requireUser(c);
  const plan = await store.getPlan(planId);
  if (plan === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
  const live = await store.indicatorContext(planId, indicatorId);
  const indicator = live ?? (await store.keptIndicator(planId, indicatorId));
  if (indicator === undefined) throw refuse(404, 'not-found', { what: 'indicator', id: indicatorId });
  const assignment = assignmentOf(indicator);
  const reads = user.role === 'admin' || user.role === 'controller' || user.role === 'oiv' || (user.role === 'referente' && assignedTo(user, assignment));
  if (!reads) throw refuse(403, 'forbidden', { indicator: indicatorId });
  return { user, plan, mayChange: live !== undefined && mayEditValue(user, assignment), deleted: live === undefined };
}

/**
 * The access of one who is to change the indicator's files or thread: refused (409) when it was
 * deleted, whose record is read-only; before that when the plan is archived, as every write is told
 * first (the store asks again under its lock).
 */
export function indicatorWritable(access: IndicatorAccess, indicatorId: string): IndicatorAccess {
  refuseIfArchived(access.plan);
  if (access.deleted) throw refuse(409, 'indicator-deleted', { id: indicatorId });
  return access;
}
