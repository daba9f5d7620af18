/** The core types the store speaks, in one place (the store depends inward only). */
export type { Amount, Comparator, Evaluation, Formula, MeasurementState, MessageParams, Plan, PlanSettings, ScoringRule, Unit } from '../core/index.js';
export { Decimal } from '../core/index.js';
export type { ImportedTable as ImportedTableLike } from '../core/index.js';
