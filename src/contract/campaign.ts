/**
 * The monitoring campaign as the API sends it: the worklist ("Le mie misurazioni"), the completion
 * dashboard, a value's review thread and the closing checklist (`server/routes/campaign.ts`, built
 * by `server/campaign.ts`); a value's comments and evidence files (`routes/comments.ts`,
 * `routes/attachments.ts`); the variances and forecasts of a period (`routes/variances.ts`).
 */
import { z } from 'zod';
import { FORECAST_OUTCOMES, VARIANCE_CAUSES, WORK_STATES } from './campaign-states.js';
import { RoleSchema } from './users.js';
import { PeriodSchema } from './tree.js';
import { AmountJsonSchema, BandSchema, ComparatorSchema, MeasurementStateSchema, PeriodStateSchema, UnitSchema } from './values.js';

export * from './campaign-states.js';

export const WorkStateSchema = z.enum(WORK_STATES);
export const ReviewActionSchema = z.enum(['approve', 'return', 'answer']);

/** A value to enter in a period: whose it is, its state and deadline, and its latest review step. */
export const WorkItemSchema = z.strictObject({
  indicatorId: z.string(),
  indicator: z.string(),
  node: z.string(),
  objective: z.string(),
  unitId: z.string().nullable(),
  unit: z.string().nullable(),
  personId: z.string().nullable(),
  person: z.string().nullable(),
  periodId: z.string(),
  deadline: z.string().nullable(),
  state: WorkStateSchema,
  /** Missing (or sent back) after the deadline, in a period still open for values. */
  late: z.boolean(),
  /** The value's version (0: nothing entered): send it with a review step or a new value. */
  version: z.number().int(),
  /** The login of whoever entered the value (for scripts); `enteredByName` says who, in the reader's words, as the tree does. */
  enteredBy: z.string().nullable(),
  enteredByName: z.string().nullable(),
  enteredAt: z.string().nullable(),
  /** The latest review step on this value, if it is about the current version; `byName` is the person's display name. */
  review: z.strictObject({ action: ReviewActionSchema, note: z.string().nullable(), by: z.string(), byName: z.string(), at: z.string() }).nullable(),
  /**
   * The request for more this value was corrected after (the latest step, about an earlier version):
   * the referente may still answer it once, saying why along with the correction.
   */
  correctedRequest: z.strictObject({ note: z.string().nullable(), by: z.string(), byName: z.string(), at: z.string() }).nullable(),
  /**
   * The approval this value was changed after (the latest step approves an earlier version): the
   * value is waiting to be reviewed again (its state is `entered`, said «da rivedere»), and who
   * approved what it was, and when.
   */
  supersededApproval: z.strictObject({ by: z.string(), byName: z.string(), at: z.string() }).nullable(),
});

/** An evidence file of a value as a list names it: download it from `…/attachments/:id`. */
export const EvidenceFileSchema = z.strictObject({ id: z.string(), name: z.string() });

/**
 * A row of the worklist: the work item with what a decision on it needs, the indicator's target and
 * unit of measure, and the value as entered with its note, data source and evidence files.
 */
export const WorklistItemSchema = WorkItemSchema.extend({
  target: AmountJsonSchema.nullable(),
  /** The unit of measure (`unit` is the organisation unit here). */
  unitOfMeasure: UnitSchema,
  comparator: ComparatorSchema,
  /** Null: nothing entered yet. */
  value: z
    .strictObject({
      state: MeasurementStateSchema,
      actual: AmountJsonSchema.nullable(),
      /** Why it is not evaluable or not measured. */
      reason: z.string().nullable(),
      /** The evidence as described in words (a protocol number, a link). */
      evidence: z.string().nullable(),
      source: z.string().nullable(),
      notes: z.string().nullable(),
      files: z.array(EvidenceFileSchema),
    })
    .nullable(),
});

/** How many values are in each state, and how many are late. */
export const StateCountsSchema = z.strictObject({
  to_enter: z.number().int(),
  entered: z.number().int(),
  returned: z.number().int(),
  approved: z.number().int(),
  late: z.number().int(),
});

/**
 * `GET /api/plans/:id/worklist`: the values to enter in a period (a referente's own only), a page at
 * a time: `items` are the page (`offset`, `limit`) of the list the filters keep; `counts` and `total`
 * are of that whole list. A plan not adopted has none (`notAdopted`), nor has an archived one (`archived`).
 */
export const WorklistSchema = z.strictObject({
  planId: z.string(),
  period: PeriodSchema,
  periods: z.array(PeriodSchema),
  /**
   * The plan is not adopted (a draft, not in force): no value is due yet, so `items` is empty and every
   * count 0, whatever is entered, as the home page's work due and the reminders leave it out.
   */
  notAdopted: z.boolean(),
  /**
   * The plan is archived (a past year put away, read-only): nothing is collected in it any more, so
   * `items` is empty and every count 0, as the home page's work due leaves it out.
   */
  archived: z.boolean(),
  items: z.array(WorklistItemSchema),
  counts: StateCountsSchema,
  /** The rows the filters keep, on every page. */
  total: z.number().int(),
  /** The rows skipped before `items`, as asked (past `total`: no items). */
  offset: z.number().int(),
  limit: z.number().int(),
});

/**
 * `GET /api/work-due`: what waits for the signed-in person, one row per plan and period still taking
 * values (collecting, or open with a deadline) where something does: a referente's values to enter
 * and sent back to correct, the controller's (and administrator's) values entered waiting for review.
 * The home page lists them, each linking its worklist.
 */
export const WorkDueSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      planId: z.string(),
      plan: z.string(),
      periodId: z.string(),
      period: z.string(),
      /** The data-entry deadline, YYYY-MM-DD; null: none set. */
      deadline: z.string().nullable(),
      /** The deadline has passed. */
      late: z.boolean(),
      toEnter: z.number().int(),
      returned: z.number().int(),
      toReview: z.number().int(),
    }),
  ),
});

/** The completion of a unit (or of every unit) in a period. */
export const CompletionSchema = z.strictObject({
  expected: z.number().int(),
  entered: z.number().int(),
  toReview: z.number().int(),
  returned: z.number().int(),
  approved: z.number().int(),
  missing: z.number().int(),
  late: z.number().int(),
});

/** `GET /api/plans/:id/dashboard`: completion per period and unit (null: no unit assigned), and per period. */
export const DashboardSchema = z.strictObject({
  planId: z.string(),
  /**
   * The plan is not adopted (a draft, not in force): nothing was due in it, so `rows` and `totals` are
   * empty (nothing expected, missing or late), as its worklist has no items. Said apart from `archived`.
   */
  notAdopted: z.boolean(),
  /** The plan is archived (a past year put away, read-only): its counts are the record as it was put away, nothing more is collected. */
  archived: z.boolean(),
  /** ISO date (UTC) the counts were made on: what is late is late by it. */
  today: z.string(),
  periods: z.array(PeriodSchema),
  rows: z.array(CompletionSchema.extend({ periodId: z.string(), unitId: z.string().nullable(), unit: z.string().nullable(), code: z.string().nullable() })),
  totals: z.array(CompletionSchema.extend({ periodId: z.string() })),
});

/** A step of a value's review: an approval, a request for more (`return`) or the referente's answer. */
export const ReviewStepSchema = z.strictObject({
  id: z.number().int(),
  indicatorId: z.string(),
  periodId: z.string(),
  /** The value's version the step was about (a new value after it makes it stale). */
  measurementVersion: z.number().int(),
  action: ReviewActionSchema,
  note: z.string().nullable(),
  /** The username; `byName` the person's display name. */
  by: z.string(),
  byName: z.string(),
  at: z.string(),
});

/** `GET …/measurements/:periodId/reviews`: the value's state and version, and its review steps, oldest first. */
export const ReviewThreadSchema = z.strictObject({ state: WorkStateSchema, version: z.number().int(), steps: z.array(ReviewStepSchema) });

/** `GET /api/plans/:id/periods/:periodId/closing-preview`: what is still missing, waiting or sent back before closing. */
export const ClosingPreviewSchema = z.strictObject({
  period: PeriodSchema,
  /**
   * The plan is not adopted (a draft, not in force): its period may still be closed, but nothing was
   * asked of anyone, so nothing is missing, late or sent back to complete (`expected` 0). Its values
   * entered and not reviewed are still listed in `toReview` (`counts.entered`): the closing locks them
   * as they are and asks to acknowledge them, as for any plan.
   */
  notAdopted: z.boolean(),
  /**
   * The plan is archived (a past year put away, read-only: its periods are not closed, the web offers
   * no closing): the lists read as the dashboard counts it, none late (`late` false, `counts.late` 0),
   * a value never entered missing rather than late against a today the plan no longer has.
   */
  archived: z.boolean(),
  counts: StateCountsSchema.extend({ expected: z.number().int() }),
  missing: z.array(WorkItemSchema),
  toReview: z.array(WorkItemSchema),
  returned: z.array(WorkItemSchema),
});

/** A comment of a value's thread (never edited or deleted). */
export const CommentSchema = z.strictObject({
  id: z.string(),
  indicatorId: z.string(),
  periodId: z.string(),
  /** The author's username. */
  author: z.string(),
  authorName: z.string(),
  /** The author's role when writing. */
  authorRole: RoleSchema,
  body: z.string(),
  createdAt: z.string(),
});

/** An evidence file of a value, without its bytes: the type read from the content, the SHA-256 the store computed. */
export const AttachmentSchema = z.strictObject({
  id: z.string(),
  indicatorId: z.string(),
  periodId: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  /** Lower-case hex. */
  sha256: z.string(),
  /** The login of whoever uploaded it; `uploadedByName` says who, as the screens name people (contract/audit.ts `userName`). */
  uploadedBy: z.string().nullable(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});

export const VarianceCauseSchema = z.enum(VARIANCE_CAUSES);
export const ForecastOutcomeSchema = z.enum(FORECAST_OUTCOMES);

/** Why an objective fell short in a period, and the corrective action (DFP guideline n. 2/2017). */
export const VarianceSchema = z.strictObject({
  /** The objective's code. */
  node: z.string(),
  periodId: z.string(),
  cause: VarianceCauseSchema,
  explanation: z.string(),
  correctiveAction: z.string(),
  /** The login of whoever wrote it last; `updatedByName` says who, as the screens name people (contract/audit.ts `userName`). */
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string(),
  /** 1 for the first version; send it back to change the variance. */
  version: z.number().int(),
});

/** Whether an indicator's target is still reachable by year end, as said at a mid-year period. */
export const ForecastSchema = z.strictObject({
  indicatorId: z.string(),
  periodId: z.string(),
  reachable: ForecastOutcomeSchema,
  note: z.string(),
  /** The login of whoever wrote it last; `updatedByName` says who, as the screens name people. */
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});

/** An objective short of green in the period (or explained before a correction brought it back), with its variance. */
export const ShortObjectiveSchema = z.strictObject({
  code: z.string(),
  title: z.string(),
  performance: z.number().nullable(),
  band: BandSchema.nullable(),
  /** May the reader write its variance. */
  editable: z.boolean(),
  variance: VarianceSchema.nullable(),
});

/** `GET /api/plans/:id/periods/:periodId/variances`. */
export const VarianceReportSchema = z.strictObject({
  period: z.strictObject({ id: z.string(), label: z.string(), state: PeriodStateSchema, /** The plan's last period (the year end). */ last: z.boolean() }),
  objectives: z.array(ShortObjectiveSchema),
  forecasts: z.array(ForecastSchema),
});

export type ReviewAction = z.infer<typeof ReviewActionSchema>;
export type WorkItem = z.infer<typeof WorkItemSchema>;
export type WorklistItem = z.infer<typeof WorklistItemSchema>;
export type StateCounts = z.infer<typeof StateCountsSchema>;
export type Worklist = z.infer<typeof WorklistSchema>;
export type WorkDue = z.infer<typeof WorkDueSchema>;
export type Completion = z.infer<typeof CompletionSchema>;
export type Dashboard = z.infer<typeof DashboardSchema>;
export type ReviewStep = z.infer<typeof ReviewStepSchema>;
export type ReviewThread = z.infer<typeof ReviewThreadSchema>;
export type ClosingPreview = z.infer<typeof ClosingPreviewSchema>;
export type Comment = z.infer<typeof CommentSchema>;
export type Attachment = z.infer<typeof AttachmentSchema>;
export type Variance = z.infer<typeof VarianceSchema>;
export type Forecast = z.infer<typeof ForecastSchema>;
export type ShortObjective = z.infer<typeof ShortObjectiveSchema>;
export type VarianceReport = z.infer<typeof VarianceReportSchema>;
