/**
 * The campaign's words as plain values (no zod), which `campaign.ts` builds its schemas on and the
 * store (variances) and the web app (its pickers) take as their own.
 */

/** A value's state in the campaign. to_enter: da compilare; entered: compilato (waiting for review); returned: da integrare; approved: approvato. */
export const WORK_STATES = ['to_enter', 'entered', 'returned', 'approved'] as const;
/** The cause of a variance (DFP guideline n. 2/2017): external, internal, an indicator badly built. */
export const VARIANCE_CAUSES = ['external', 'internal', 'indicator'] as const;
/** Whether a target is reachable by year end: yes, no, at risk. */
export const FORECAST_OUTCOMES = ['yes', 'no', 'at_risk'] as const;

export type WorkState = (typeof WORK_STATES)[number];
export type VarianceCause = (typeof VARIANCE_CAUSES)[number];
export type ForecastOutcome = (typeof FORECAST_OUTCOMES)[number];
