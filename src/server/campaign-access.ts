/**
 * Who may see and touch what belongs to one indicator's value in a period (its evidence files and
 * its comment thread): the administrator, the controllo di gestione and the OIV every indicator; a
 * referente only the indicators assigned to them or their unit (directly or through an objective);
 * the public nothing, even in a published plan (evidence and discussion are internal).
 */
import type { Context } from 'hono';
import type { IndicatorContext, Store, UserRecord } from '../store/index.js';
import { requireUser } from './auth.js';
import { refuse } from './errors.js';
import { assignedTo, assignmentOf, mayEditValue } from './permissions.js';

export interface IndicatorAccess {
  readonly user: UserRecord;
  readonly indicator: IndicatorContext;
  /** May add and remove files (the value's editors: admin, controller, the assigned referente). */
  readonly mayChange: boolean;
}

/** The signed-in reader of one indicator's files and thread, or 401 / 404 / 403. */
export async function indicatorAccess(c: Context, store: Store, planId: string, indicatorId: string): Promise<IndicatorAccess> {
  const user = requireUser(c);
  if ((await store.getPlan(planId)) === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
  const indicator = await store.indicatorContext(planId, indicatorId);
  if (indicator === undefined) throw refuse(404, 'not-found', { what: 'indicator', id: indicatorId });
  const assignment = assignmentOf(indicator);
  const reads = user.role === 'admin' || user.role === 'controller' || user.role === 'oiv' || (user.role === 'referente' && assignedTo(user, assignment));
  if (!reads) throw refuse(403, 'forbidden', { indicator: indicatorId });
  return { user, indicator, mayChange: mayEditValue(user, assignment) };
}
