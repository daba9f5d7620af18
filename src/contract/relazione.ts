/**
 * The year's Relazione and the OIV's validation as the API serves them
 * (`/api/plans/:id/relazione`, server/routes/relazione.ts): the document the office and the OIV
 * read, and the bodies they send. The web app's relazione/api.ts takes its types from here.
 */
import { z } from 'zod';
import { CHECKLIST_OUTCOMES, RELAZIONE_STATES } from './relazione-states.js';
import { OrgSourceSchema, StaffCategorySchema } from './appraisal.js';
import { PeriodStateSchema } from './values.js';

export { RELAZIONE_DECISIONS, RELAZIONE_STATES, type RelazioneState } from './relazione-states.js';
export const RelazioneStateSchema = z.enum(RELAZIONE_STATES);

export const ChecklistOutcomeSchema = z.enum(CHECKLIST_OUTCOMES);
export type ChecklistOutcome = z.infer<typeof ChecklistOutcomeSchema>;

/** A point of the OIV's checklist: by default the guidelines' points; the OIV may edit them. */
export const ChecklistPointSchema = z.strictObject({ label: z.string(), outcome: ChecklistOutcomeSchema.nullable(), note: z.string() });
export type ChecklistPoint = z.infer<typeof ChecklistPointSchema>;

/**
 * A performance the OIV validated differently from the reported one, with its reason. `fromChildren`:
 * for an objective made from its children (an area, an objective with a `children_mean` indicator),
 * the performance they give by the plan's rules, the other validated values taken as validated; null
 * otherwise (or when they give none). `deliberate`: the OIV confirmed a difference from it on purpose.
 */
/** A validated value; `reported`: the objective's performance as the office reported it (null: none, or no such objective), which the documents print beside it. */
export const ValidatedValueSchema = z.strictObject({
  code: z.string(),
  validated: z.number(),
  note: z.string(),
  deliberate: z.boolean(),
  fromChildren: z.number().nullable(),
  reported: z.number().nullable(),
});
export type ValidatedValue = z.infer<typeof ValidatedValueSchema>;

/** `GET /api/plans/:id/relazione`, and the answer of every change to it. */
export const RelazioneSchema = z.strictObject({
  state: RelazioneStateSchema,
  stateText: z.strictObject({ it: z.string(), en: z.string() }),
  /** The office's texts by section, in the Relazione's markup. */
  texts: z.record(z.string(), z.string()),
  /** The sentences written from the data, by section: what the office may start from. */
  generated: z.record(z.string(), z.string()),
  /** The keys of the sections the office writes, in the document's order. */
  sections: z.array(z.string()),
  note: z.string(),
  reservations: z.string(),
  checklist: z.array(ChecklistPointSchema),
  values: z.array(ValidatedValueSchema),
  /**
   * The objectives the OIV did not validate whose performance moves with the values it did (an area
   * above a validated objective): the reported performance and the one they follow by the plan's
   * rules, which counts (for the appraisal forms) once the Relazione is validated.
   */
  following: z.array(z.strictObject({ code: z.string(), reported: z.number().nullable(), following: z.number().nullable() })),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  transmittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The login of who recorded the OIV's decision. */
  decidedBy: z.string().nullable(),
  /**
   * Their name as people read it, in the reader's language (the documento di validazione, in Italian,
   * names them in Italian): the account's name as the validation kept it; the program and the command
   * line in words; the login when no account has it any more.
   */
  decidedByName: z.string().nullable(),
  /**
   * The year-end period reopened after the OIV decided (the latest such reopening): it takes values
   * again, while a validated Relazione keeps the figures it was validated with. `by` is the person's
   * name; `periodState` the period's state now. Null: not reopened since the decision.
   */
  reopenedAfterDecision: z.strictObject({ at: z.string(), by: z.string().nullable(), reason: z.string().nullable(), period: z.string(), periodState: PeriodStateSchema }).nullable(),
  /** Validated: the Relazione and its figures no longer change (423). */
  frozen: z.boolean(),
  version: z.number().int().min(0),
  updatedAt: z.string().nullable(),
  /** The login of who saved last. */
  updatedBy: z.string().nullable(),
  /** Their name in the reader's language: the account's display name, the program and the command line in words, a login no account holds as it is. */
  updatedByName: z.string().nullable(),
  /** The ids of the periods whose values the public may read. */
  publishedPeriods: z.array(z.string()),
  /**
   * The year the comparison with the previous year (section 3.6) reads, and where its figures come
   * from: the values the OIV validated with that year's Relazione (`validated`, on `at`), or the
   * reported ones while it is not validated (`reported`, with its Relazione's state); `text` says
   * so in both languages, as the document does under its table (and, with `plan`, which plan). Null:
   * no previous year. `plan`: present when last year's plan was found as the same body's plan of the
   * year before, not as the one this plan was made from by next-year (`candidates`: how many that
   * year has; the one chosen first has its Relazione validated, then is adopted, then published).
   * `structure`: present when objectives (areas and strategic ones) could not be matched by code,
   * this year's (`current`) and last year's (`previous`), with the sentence the document prints.
   */
  previousYear: z
    .strictObject({
      year: z.number().int().nullable(),
      source: OrgSourceSchema,
      text: z.strictObject({ it: z.string(), en: z.string() }),
      plan: z.strictObject({ id: z.string(), title: z.string(), found: z.literal('body'), candidates: z.number().int() }).optional(),
      structure: z
        .strictObject({
          current: z.array(z.strictObject({ code: z.string(), title: z.string() })),
          previous: z.array(z.strictObject({ code: z.string(), title: z.string() })),
          text: z.strictObject({ it: z.string(), en: z.string() }),
        })
        .optional(),
    })
    .nullable(),
  /**
   * Section 5's figures of the year's appraisal forms in aggregate (core/appraisal/individual.ts):
   * the day they were read (as the validation kept them, once validated), how many forms are
   * concluded of how many, what the section says of them before the office's text in both
   * languages, and the figures of its tables, as the documents print them: the forms by category
   * (small ones merged: `categories`) and state, the concluded forms by band (`band` null: in none),
   * the categories with too few concluded forms for their bands, the art. 20 bonuses (amounts null
   * where not published; null: no fund shared out yet). `withheld`: too few forms in all, no table.
   * Null: no form or bonus to report (or a Relazione validated before they were kept).
   */
  individual: z
    .strictObject({
      at: z.string(),
      total: z.number().int(),
      concluded: z.number().int(),
      text: z.strictObject({ it: z.string(), en: z.string() }),
      withheld: z.boolean(),
      states: z.array(z.strictObject({ categories: z.array(StaffCategorySchema), forms: z.number().int(), concluded: z.number().int(), disputed: z.number().int(), inProgress: z.number().int() })),
      bands: z.array(z.strictObject({ category: StaffCategorySchema, rows: z.array(z.strictObject({ band: z.string().nullable(), people: z.number().int() })) })),
      bandsWithheld: z.array(StaffCategorySchema),
      bonuses: z
        .array(
          z.strictObject({
            category: StaffCategorySchema,
            band: z.string().nullable(),
            people: z.number().int(),
            totalCents: z.string().nullable(),
            meanCents: z.string().nullable(),
          }),
        )
        .nullable(),
    })
    .nullable(),
  /**
   * Transmitted: a digest of what a validation would freeze now (the year end's figures, the body,
   * the variances' explanations, the units, last year's figures, the approved revisions), made before
   * the rest of this answer was read; the OIV's decision sends it back (`RelazioneMoveInput.seen`).
   * Null in every other state.
   */
  seen: z.string().nullable(),
});
export type Relazione = z.infer<typeof RelazioneSchema>;

/** `PUT …/relazione/texts`: every section, whole (one left out is emptied). */
export const RelazioneTextsInputSchema = z.strictObject({ texts: z.partialRecord(z.string(), z.string()), version: z.number().int().min(0) });
export type RelazioneTextsInput = z.infer<typeof RelazioneTextsInputSchema>;

/** `PUT …/relazione/review`: the validated performance as typed (`"85,5"`) or as a number. */
export const RelazioneReviewInputSchema = z.strictObject({
  note: z.string(),
  reservations: z.string(),
  checklist: z.array(ChecklistPointSchema),
  /** `deliberate`: the value differs on purpose from what the objective's children give (refused otherwise, 422 at `values.N.validated`). */
  values: z.array(z.strictObject({ code: z.string(), validated: z.union([z.number(), z.string()]), note: z.string(), deliberate: z.boolean().optional() })),
  version: z.number().int().min(0),
});
export type RelazioneReviewInput = z.infer<typeof RelazioneReviewInputSchema>;

/**
 * `POST …/relazione/transition`. `confirmEmpty`: transmit even with sections only the office writes
 * left empty (refused otherwise, 422 at `texts.KEY` of the first). `seen`: the Relazione's `seen` as
 * the screen that decides read it; a validation of anything else (the year end corrected and closed
 * again since) is refused, 409 `conflict` `changed-since-shown` with `details.seen` true and
 * `details.changed` the parts that differ when they can be told. Left out: the document as the
 * server reads it when the decision arrives.
 */
export const RelazioneMoveInputSchema = z.strictObject({
  to: RelazioneStateSchema,
  reason: z.string().nullable().optional(),
  confirmEmpty: z.boolean().optional(),
  seen: z.string().max(1000).optional(),
});
export type RelazioneMoveInput = z.infer<typeof RelazioneMoveInputSchema>;

/** `POST …/relazione/publication` and `POST …/periods/:id/publication`. */
export const PublicationInputSchema = z.strictObject({ published: z.boolean() });

/** `POST …/periods/:periodId/publication`: the ids of the plan's periods whose values the public sees now. */
export const PublishedPeriodsSchema = z.array(z.string());
export type PublicationInput = z.infer<typeof PublicationInputSchema>;
export type PublishedPeriods = z.infer<typeof PublishedPeriodsSchema>;
