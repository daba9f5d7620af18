/**
 * Baselines that follow last year's plan (`GET /api/plans/:id/baselines`): next-year took each
 * indicator's baseline from its predecessor's year-end actual; when that actual is corrected later
 * (a late value, a reopened year end), the baseline is listed here as changed, "206 → 210", until the
 * office takes the new value over (`POST …/baselines/refresh`). A baseline the office typed is its
 * own and never listed.
 */
import { z } from 'zod';
import { PlanSummarySchema } from './plans.js';
import { AmountJsonSchema, PeriodStateSchema, UnitSchema } from './values.js';

export const ChangedBaselineSchema = z.strictObject({
  indicatorId: z.string(),
  /** The objective the indicator belongs to. */
  code: z.string(),
  name: z.string(),
  unit: UnitSchema,
  /** The definition's version, sent back with a refresh. */
  definitionVersion: z.number(),
  /** The baseline as it stands in this plan, and its year. */
  baseline: AmountJsonSchema.nullable(),
  baselineText: z.string(),
  baselineYear: z.number().nullable(),
  /** The predecessor's year-end actual today (null: no longer measured), and its plan's year. */
  current: AmountJsonSchema.nullable(),
  currentText: z.string(),
  currentYear: z.number(),
  /** Where the current value is read: the predecessor plan's year-end period. */
  predecessor: z.strictObject({
    planId: z.string(),
    indicatorId: z.string(),
    period: z.strictObject({ id: z.string(), label: z.string(), state: PeriodStateSchema }),
  }),
});

export const BaselinesDocumentSchema = z.strictObject({
  planId: z.string(),
  /** How many baselines still follow the predecessor (set by next-year, not typed since). */
  following: z.number(),
  /** Those whose predecessor's year-end actual is no longer the baseline. */
  changed: z.array(ChangedBaselineSchema),
  /** Set by a refresh: how many baselines it took over. */
  refreshed: z.number().optional(),
});

/** `POST …/baselines/refresh`: the indicators to refresh (all the changed ones with a value when left out). */
export const BaselineRefreshBodySchema = z.strictObject({
  indicators: z.array(z.string().min(1).max(200)).min(1).max(100_000).optional(),
});

export type ChangedBaseline = z.infer<typeof ChangedBaselineSchema>;
export type BaselinesDocument = z.infer<typeof BaselinesDocumentSchema>;
export type BaselineRefreshBody = z.infer<typeof BaselineRefreshBodySchema>;

/**
 * What next-year would take as baselines today (`GET /api/plans/:id/next-year`, and the `POST`'s
 * answer as `baselines`): the year end's actuals as they stand. They may still change when the
 * year-end period is not closed, or when a value was not approved by the controller yet: next-year
 * takes them all the same (the office may refresh them later), but says how many.
 */
export const NextYearBaselinesSchema = z.strictObject({
  /** The plan's year-end period, where the baselines are read. */
  period: z.strictObject({ id: z.string(), label: z.string(), state: PeriodStateSchema }),
  /** Baselines that come from a year-end actual (the others keep the older baseline, or none). */
  fromValues: z.number(),
  /** Of those, the ones whose value was entered but not approved yet (waiting for review, or sent back). */
  notReviewed: z.number(),
  /** Of those, the ones read from a period not closed yet (open or collecting): all of fromValues, or none. */
  periodNotClosed: z.number(),
});

/** `POST /api/plans/:id/next-year`'s answer: the new plan, and what its baselines were taken from. */
export const NextYearPlanSchema = PlanSummarySchema.extend({ baselines: NextYearBaselinesSchema });

export type NextYearBaselines = z.infer<typeof NextYearBaselinesSchema>;
export type NextYearPlan = z.infer<typeof NextYearPlanSchema>;
