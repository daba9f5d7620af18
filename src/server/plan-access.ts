/**
 * Which plan a request may read, and whether it may still be written: the rules every route on a
 * plan applies first, kept here (not in routes/plans.ts) so that modules beside the routes
 * (campaign-access.ts, tree-answer.ts) use them without importing a route.
 */
import type { Context } from 'hono';
import type { PlanRecord, Store, UserRecord } from '../store/index.js';
import { currentUser } from './auth.js';
import { refuse } from './errors.js';

/** The plan, if this caller may read it: anyone signed in reads every plan, the public only published ones (others are "not found" to them). */
export async function readablePlan(c: Context, store: Store, planId: string): Promise<PlanRecord> {
  return readablePlanFor(store, planId, currentUser(c));
}

/** `readablePlan` for a user already known (null: the public). */
export async function readablePlanFor(store: Store, planId: string, user: UserRecord | null): Promise<PlanRecord> {
  const plan = await store.getPlan(planId);
  if (plan === undefined || (!plan.published && user === null)) throw refuse(404, 'not-found', { what: 'plan', id: planId });
  return plan;
}

/**
 * A write's route that checks the request against the plan before the store (figures, roles by
 * state, what the screen showed) asks this first: an archived plan is told as archived, not as
 * whatever else the request would have been refused for. The store checks again under its lock.
 */
export function refuseIfArchived(plan: PlanRecord): void {
  if (plan.archivedAt !== null) throw refuse(409, 'plan-archived', {}, { details: { planId: plan.id } });
}
