/**
 * The campaign's words as plain values (no zod), which `campaign.ts` builds its schemas on and the
 * store (variances) and the web app (its pickers) take as their own.
 */

/** A value's state in the campaign. to_enter: da compilare; entered: compilato (waiting for review); returned: da integrare; approved: approvato. */
export const WORK_STATES = ['to_enter', 'entered', 'returned', 'approved'] as const;
/**
 * The worklist's filters by state: each state alone, or `todo` (da fare), what waits for the people
 * who enter the values: those still to enter and those sent back to complete, together. A reminder's
 * link and the home page's "waiting for you" open it; the reminders chase the same values.
 */
export const WORKLIST_STATE_FILTERS = ['todo', ...WORK_STATES] as const;
/** The cause of a variance (DFP guideline n. 2/2017): external, internal, an indicator badly built. */
export const VARIANCE_CAUSES = ['external', 'internal', 'indicator'] as const;
/** Whether a target is reachable by year end: yes, no, at risk. */
export const FORECAST_OUTCOMES = ['yes', 'no', 'at_risk'] as const;

export type WorkState = (typeof WORK_STATES)[number];
export type WorklistStateFilter = (typeof WORKLIST_STATE_FILTERS)[number];

/** Whether a value in `state` is one the `filter` keeps. */
export function stateIn(filter: WorklistStateFilter, state: WorkState): boolean {
  return filter === 'todo' ? state === 'to_enter' || state === 'returned' : state === filter;
}

/**
 * How many of `states` are in each state: the one count of the campaign's lists (the review list's
 * pages, the closing checklist, the work due), wherever the states come from.
 */
export function countStates(states: Iterable<WorkState>): Record<WorkState, number> {
  const counts: Record<WorkState, number> = { to_enter: 0, entered: 0, returned: 0, approved: 0 };
  for (const state of states) counts[state]++;
  return counts;
}
export type VarianceCause = (typeof VARIANCE_CAUSES)[number];
export type ForecastOutcome = (typeof FORECAST_OUTCOMES)[number];
