/**
 * The computed tree the API serves (`GET /api/plans/:id/tree`): the evaluation document plus what
 * only the server knows: the period, versions for optimistic concurrency, evidence, owners, and
 * whether the reader may edit each value. `server/tree.ts` builds it; the web app reads it.
 */
import { z } from 'zod';
import { FormulaDocumentSchema, IndicatorDocumentSchema, ObjectiveDocumentSchema, EvaluationDocumentSchema, RuleDocumentSchema } from './evaluation.js';
import { AmountJsonSchema, BandSchema, MeasurementStateSchema, PeriodStateSchema, RevisionKindSchema, RevisionStatusSchema, UnitSchema } from './values.js';

/** A monitoring period (`GET /api/plans/:id/periods`, and the tree's `period` and `periods`). */
export const PeriodSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  /** ISO date. */
  endsOn: z.string(),
  state: PeriodStateSchema,
  updatedAt: z.string(),
  /** ISO date by which referenti enter the period's values (null: none set). */
  deadline: z.string().nullable(),
  /** Grows with every change to the period (label, deadline, state): a rename or a deadline names it, 409 when another came since. */
  version: z.number().int(),
});

/**
 * `POST …/periods/:id/transition`: the period after the move. A reopening names the indicators
 * whose value in it was entered before their unit changed (a number, now a date): kept as it was
 * closed, it scores nothing until entered again in `unit`.
 */
export const PeriodMovedSchema = PeriodSchema.extend({
  enteredInOldUnit: z.array(z.strictObject({ indicatorId: z.string(), indicator: z.string(), unit: UnitSchema })).optional(),
});

/** A revision of the plan made after a closed period was closed: it changed the open periods only. */
export const ChangedAfterClosingSchema = z.strictObject({
  number: z.number(),
  kind: RevisionKindSchema,
  reason: z.string(),
  date: z.string(),
  status: RevisionStatusSchema,
  changes: z.number(),
});

/** A closed or validated period is read from its closing: which one, and the revisions made since. */
export const TreeClosingSchema = z.strictObject({
  seq: z.number(),
  closedAt: z.string(),
  closedBy: z.string().nullable(),
  /** Who closed it by name (the username when the account is gone); null to the public, as `closedBy`. */
  closedByName: z.string().nullable(),
  changedAfter: z.array(ChangedAfterClosingSchema),
  /**
   * The ids of this closing's indicators deleted from the plan since (by a revision): their
   * values, files and threads are kept and read, never written (409 `indicator-deleted`).
   */
  deletedIndicators: z.array(z.string()),
});

/**
 * The SMVP's own "range di valutazione" for an indicator's row (core/appraisal/thresholds.ts): the
 * thresholds in percent, whether each is inclusive, the indicator's band by them (null: no score),
 * and the band the plan's legend would give. The objective's band stays the legend's.
 */
export const OwnRangeSchema = z.strictObject({
  green: z.number(),
  yellow: z.number(),
  greenInclusive: z.boolean(),
  yellowInclusive: z.boolean(),
  band: BandSchema.nullable(),
  legendBand: BandSchema.nullable(),
  /** The SMVP version that states it. */
  smvpVersion: z.number(),
});

export const TreeIndicatorSchema = IndicatorDocumentSchema.extend({
  /** The value's version: a value is saved against it (409 when stale; 0: nothing entered yet). */
  version: z.number(),
  /** The definition's version: tree edits of the indicator are sent against it (409 when stale). */
  definitionVersion: z.number(),
  evidence: z.string().nullable(),
  source: z.string().nullable(),
  notes: z.string().nullable(),
  /** The login of whoever entered the value; `enteredByName` says who, as the screens name people (contract/audit.ts `userName`). Null to the public. */
  enteredBy: z.string().nullable(),
  enteredByName: z.string().nullable(),
  enteredAt: z.string().nullable(),
  editable: z.boolean(),
  /** For `=`: the largest difference still counted as equal (a decimal as JSON), null when none. */
  tolerance: z.union([z.number(), z.string()]).nullable(),
  /** The indicator's own organisation unit (id and name) and person (null: its objective's apply); `unit` is the unit of measure. */
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  personId: z.string().nullable(),
  person: z.string().nullable(),
  /** The formula of a derived indicator (null for a direct one): a form asks for its base measures. */
  formula: FormulaDocumentSchema.nullable(),
  /** The base measures entered for this period, as exact decimal text (`{"pratiche_evase": "45"}`); null when none. */
  inputs: z.record(z.string(), z.string()).nullable(),
  /** The indicator's own scoring rule with its details (null: the plan's default), amounts as the API reads them back. */
  rule: RuleDocumentSchema.nullable(),
  /** The three-year horizon: the baseline (the last known value, in the unit) and its year; the targets of the plan's year + 1 and + 2. */
  baseline: AmountJsonSchema.nullable(),
  baselineText: z.string(),
  baselineYear: z.number().nullable(),
  nextTargets: z.array(z.strictObject({ year: z.number(), target: AmountJsonSchema.nullable(), targetText: z.string() })),
  /** A trend's previous value taken from its predecessor in last year's plan (used when none is entered); null otherwise. */
  previousValue: z.strictObject({ value: z.number(), year: z.number() }).nullable(),
  /**
   * Set when the baseline was taken from last year's year-end actual and that actual was corrected
   * since (206 → 210) or withdrawn (current null): what `GET …/baselines` lists for this indicator.
   * Null otherwise, and in a period read from its closing.
   */
  baselineChange: z.strictObject({ current: AmountJsonSchema.nullable(), currentText: z.string(), currentYear: z.number() }).nullable(),
  /** Set when the body's SMVP for the plan's year gives this row its own thresholds; null otherwise. */
  ownRange: OwnRangeSchema.nullable(),
});

export const TreeObjectiveSchema = ObjectiveDocumentSchema.extend({
  owner: z.string().nullable(),
  /** The objective's organisation unit (its name) and id, and its person. */
  unit: z.string().nullable(),
  unitId: z.string().nullable(),
  personId: z.string().nullable(),
  person: z.string().nullable(),
  /** The objective's version: tree edits are sent against it (409 when stale). */
  version: z.number(),
  indicators: z.array(TreeIndicatorSchema),
});

/** The plan's own settings the engine reads: the rule of indicators without one, and what a missing value counts. */
export const PlanSettingsDocumentSchema = z.strictObject({
  defaultScoring: RuleDocumentSchema,
  notMeasured: z.enum(['skip', 'zero', 'block']),
});

/**
 * An objective whose figure the OIV's validation changes (core `publicValidation`): the validated
 * figure (percentage points, two decimals; null: none) and its band, which the screens state beside
 * the reported one; `direct`: the OIV gave it a value of its own, with `note`; else it follows the
 * values the OIV validated for the objectives below it.
 */
export const TreeValidatedObjectiveSchema = z.strictObject({
  code: z.string(),
  /**
   * Its title and reported figure as the tree has them, for an objective outside a branch read with
   * `?under=` too; title null: the period's tree has no such objective (a year end closed again
   * after the decision, the plan corrected meanwhile).
   */
  title: z.string().nullable(),
  reported: z.number().nullable(),
  validated: z.number().nullable(),
  band: BandSchema.nullable(),
  direct: z.boolean(),
  note: z.string().nullable(),
});

/**
 * The OIV's validation of the year's Relazione (validated, or with reservations), read beside the
 * tree: it is not part of the period's figures (publishing the Relazione does not move the plan's
 * data version; the tree's ETag follows the Relazione too). The public reads it only once the
 * Relazione is published, as the public plan page does; signed-in readers once the OIV decided.
 */
export const TreeValidationSchema = z.strictObject({
  /** ISO time of the OIV's decision. */
  decidedAt: z.string(),
  reservations: z.boolean(),
  /**
   * Whether the office published the Relazione: true for the public, except on the year end reopened
   * after the decision and closed again, the Relazione withdrawn, read with its own values: then the
   * public is told only when it was validated and reopened (`reopenedAt`, `periodId` null, no figure).
   */
  published: z.boolean(),
  /**
   * The year-end period whose figures the OIV validated: the period the screens say "validated by the
   * OIV with reservations" of when `reservations`. Null: the year end was closed again after the
   * decision (reopened by the administrator, the validation void): its state is no longer the decision's.
   */
  periodId: z.string().nullable(),
  /**
   * ISO time the administrator reopened the year end after the decision, on the public's tree alone:
   * the public then reads the year end as the OIV validated it (the plan frozen with the validation,
   * never the reopened period's values), and the screens say so; with `periodId` null, the year end
   * closed again and read with its own values (the Relazione withdrawn, the OIV not having validated
   * it again), which the screens say are not the validated ones. Null otherwise (also once the OIV
   * validated the period again: the newer validation holds, nothing is said of the reopening).
   */
  reopenedAt: z.string().nullable(),
  /**
   * The year end the administrator reopened after the decision and still taking values (not closed
   * again), as the office reads it: when (ISO time), who by name (null: not recorded), why (null: not
   * recorded); the screens say the OIV's figures do not hold for the values changed since. Null
   * otherwise, and always for the public (who reads the year end as validated meanwhile).
   */
  reopening: z.strictObject({ at: z.string(), by: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  /**
   * The objectives whose validated figure differs from the reported one (two decimals), and those
   * above them that follow, in the plan's order: only on the tree of the year end read with its
   * values; empty otherwise, or when the OIV confirmed the reported figures.
   */
  objectives: z.array(TreeValidatedObjectiveSchema),
  /**
   * The tree's `summary` (the whole plan's count by band of the objectives scored by their
   * indicators) with each band following the validated figure, as the public plan page counts
   * them: the summary the screens show when the validation applies (`objectives` not empty); null otherwise.
   */
  summary: EvaluationDocumentSchema.shape.summary.nullable(),
  /** The body's figure as reported and as validated when the validated values move it (same conditions); null otherwise. */
  body: z.strictObject({ reported: z.number().nullable(), validated: z.number().nullable(), band: BandSchema.nullable() }).nullable(),
});

export const TreeDocumentSchema = EvaluationDocumentSchema.extend({
  planId: z.string(),
  /** The plan's data version this tree reflects. */
  dataVersion: z.number(),
  period: PeriodSchema,
  periods: z.array(PeriodSchema).readonly(),
  /** Set when the period is closed or validated: its figures are those frozen at its closing (null: an open period, read live). */
  closing: TreeClosingSchema.nullable(),
  objectives: z.array(TreeObjectiveSchema),
  /** With each indicator's rule, formula, base measures and tolerance, enough to rebuild the plan exactly (the what-if runs the engine on it). */
  settings: PlanSettingsDocumentSchema,
  /** The OIV's validation of the Relazione and the figures it changes (`TreeValidation`); null: none (yet), or not for this reader. */
  validation: TreeValidationSchema.nullable(),
});

/**
 * A save's answer instead of the whole tree (`PUT …/measurements/:periodId`): the objectives on the
 * path from the saved indicator's objective to the root (that objective first), each whole as the
 * tree has it, with the plan's summary and issues at `dataVersion`. A client holding the tree at
 * `dataVersion - 1` replaces those objectives in place; any other reads the tree again.
 */
export const TreeChangesSchema = z.strictObject({
  planId: z.string(),
  periodId: z.string(),
  dataVersion: z.number(),
  summary: EvaluationDocumentSchema.shape.summary,
  issues: EvaluationDocumentSchema.shape.issues,
  objectives: z.array(TreeObjectiveSchema),
});

/** The value as stored by a save: its state, actual and notes, who entered it and when, and its version for the next save. */
export const MeasurementSavedSchema = z.strictObject({
  indicatorId: z.string(),
  periodId: z.string(),
  state: MeasurementStateSchema,
  actual: AmountJsonSchema.nullable(),
  inputs: z.record(z.string(), z.string()).nullable(),
  reason: z.string().nullable(),
  evidence: z.string().nullable(),
  source: z.string().nullable(),
  notes: z.string().nullable(),
  /** The login of whoever entered it (for scripts); `enteredByName` says who, as the tree's indicator does. */
  enteredBy: z.string().nullable(),
  enteredByName: z.string().nullable(),
  enteredAt: z.string(),
  version: z.number().int(),
});

/**
 * The answer to a save: the indicator as the tree now has it, the stored value, what changed; the
 * whole tree with `?tree=true`. `unchanged`: the value was sent exactly as it stood, so nothing was
 * written (its version, its approval and the plan's `dataVersion` stay as they were).
 */
export const SaveAnswerSchema = z.strictObject({
  indicator: TreeIndicatorSchema,
  measurement: MeasurementSavedSchema,
  unchanged: z.boolean(),
  changes: TreeChangesSchema,
  tree: TreeDocumentSchema.optional(),
});

/**
 * `POST …/nodes` and `PATCH …/nodes/:code`: the objective added or changed, who answers for it (free
 * text, the registry unit by id and name, a person by id and name) and its version for the next PATCH.
 */
export const ObjectiveSavedSchema = z.strictObject({
  code: z.string(),
  owner: z.string().nullable(),
  unitName: z.string().nullable(),
  unitId: z.string().nullable(),
  personId: z.string().nullable(),
  person: z.string().nullable(),
  version: z.number().int(),
});

/** `POST …/nodes/:code/indicators` and `PATCH …/indicators/:id`: the indicator and its definition's version (the tree's `definitionVersion`). */
export const IndicatorSavedSchema = z.strictObject({ id: z.string(), version: z.number().int() });

export type Period = z.infer<typeof PeriodSchema>;
export type PeriodMoved = z.infer<typeof PeriodMovedSchema>;
export type OwnRange = z.infer<typeof OwnRangeSchema>;
export type PlanSettingsDocument = z.infer<typeof PlanSettingsDocumentSchema>;
export type ChangedAfterClosing = z.infer<typeof ChangedAfterClosingSchema>;
export type TreeClosing = z.infer<typeof TreeClosingSchema>;
export type TreeIndicator = z.infer<typeof TreeIndicatorSchema>;
export type TreeObjective = z.infer<typeof TreeObjectiveSchema>;
export type TreeDocument = z.infer<typeof TreeDocumentSchema>;
export type TreeValidation = z.infer<typeof TreeValidationSchema>;
export type TreeChanges = z.infer<typeof TreeChangesSchema>;
export type SaveAnswer = z.infer<typeof SaveAnswerSchema>;
export type MeasurementSaved = z.infer<typeof MeasurementSavedSchema>;
export type ObjectiveSaved = z.infer<typeof ObjectiveSavedSchema>;
export type IndicatorSaved = z.infer<typeof IndicatorSavedSchema>;

/** What one period still open would lose with a deletion: its values (a state other than not measured) and evidence files. */
export const PeriodLossSchema = z.strictObject({ period: z.string(), label: z.string(), values: z.number().int(), files: z.number().int() });

/**
 * The details of a deletion's 409 `values-to-remove` (`DELETE …/nodes/:code`, `…/indicators/:id`
 * without `removeValues=true`): what the periods still open would lose, in total and per period.
 */
export const ValuesToRemoveSchema = z.strictObject({ values: z.number().int(), files: z.number().int(), periods: z.array(PeriodLossSchema) });

export type PeriodLoss = z.infer<typeof PeriodLossSchema>;
export type ValuesToRemove = z.infer<typeof ValuesToRemoveSchema>;
