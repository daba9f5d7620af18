/** The core and io types the store speaks, in one place (the store depends inward only). */
export type { Amount, Comparator, Evaluation, Formula, MeasurementState, MessageParams, Plan, PlanSettings, ScoringRule, Unit } from '../core/index.js';
export { Decimal } from '../core/index.js';
export type { ImportedTable as ImportedTableLike } from '../io/published/layout.js';
