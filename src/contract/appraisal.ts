/**
 * Individual appraisal as the API sends it: the forms (schede di valutazione: `GET /api/appraisals`,
 * `/api/appraisals/:id` and every change, `server/appraisal/forms.ts` `formView`), a form's own
 * trail, the people HR may appraise, the SMVP stored per body and year (`routes/smvp.ts`), and the
 * bonus distributions with their anonymised aggregates (`routes/rewards.ts`). The words restate the
 * core's unions (core/appraisal), so the server's views do not compile with one the contract lacks.
 */
import { z } from 'zod';
import { StoredAuditEntrySchema } from './audit.js';
import { IssueDocumentSchema, MessageParamsSchema } from './evaluation.js';
import { AmountJsonSchema, ComparatorSchema, MeasurementStateSchema, SourceLocationSchema, UnitSchema } from './values.js';

export const StaffCategorySchema = z.enum(['dirigente', 'eq', 'personale']);
export const FormStateSchema = z.enum(['draft', 'assigned', 'interview', 'evaluated', 'accepted', 'contested', 'final']);
export const FormActionSchema = z.enum(['acknowledge', 'interview', 'evaluate', 'accept', 'contest', 'conciliate', 'finalise', 'reopen']);
/** The parts of a form one may change (which depends on the state and who one is to the form). */
export const FormPartSchema = z.enum(['objectives', 'measurements', 'ratings', 'assignments', 'evaluator']);
/** Who the reader is to a form. */
export const FormRelationSchema = z.enum(['person', 'evaluator', 'hr', 'admin']);

/**
 * A person a form names. `removed: true`: an account since deleted (username null, `displayName`
 * «(account eliminato)» / "(account removed)" in the answer's language; a client showing the form in
 * another language says it in its own, messages/actor-words.ts `formPersonName`).
 */
export const PersonRefSchema = z.strictObject({ id: z.string(), username: z.string().nullable(), displayName: z.string(), removed: z.literal(true).optional() });

/**
 * `GET /api/appraisals/people`: an active account HR may appraise or name as evaluator (no role, no
 * password). `own: true` is the reader's own account: it may be named evaluator of another's form,
 * never the person of a form the reader makes (403 `own-form`), so a client does not offer it there.
 */
export const AppraisalPersonSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  units: z.array(z.string()),
  unitIds: z.array(z.string()),
  own: z.boolean(),
});

/**
 * What the reader may do with a form: the parts they may edit and the steps they may take;
 * `changePlan`: whether they may link it to another plan of its body and year (HR and the
 * administrator, before the evaluation: the rule `PATCH` with `planId` applies).
 */
export const FormMaySchema = z.strictObject({
  read: z.literal(true),
  edit: z.array(FormPartSchema),
  actions: z.array(FormActionSchema),
  relations: z.array(FormRelationSchema),
  changePlan: z.boolean(),
});

/**
 * `GET /api/appraisals`: a form as listed, with its score (live until evaluated, then frozen:
 * `frozen`) and its band, which only an evaluated form has (before, the score is provisional).
 */
export const FormSummarySchema = z.strictObject({
  id: z.string(),
  year: z.number().int(),
  organisation: z.string(),
  category: StaffCategorySchema,
  categoryLabel: z.string(),
  state: FormStateSchema,
  stateLabel: z.string(),
  person: PersonRefSchema,
  evaluator: PersonRefSchema,
  score: z.number().nullable(),
  band: z.string().nullable(),
  frozen: z.boolean(),
  complete: z.boolean(),
  /**
   * A form not yet evaluated whose plan is not there (a row written past the store): no score is
   * computed (`score` and `band` null, `complete` false); `message` says so and that HR links the
   * form to a plan of its body and year, in the reader's language. Null for every other form.
   */
  planMissing: z.strictObject({ planId: z.string(), message: z.string() }).nullable(),
  may: FormMaySchema,
});

/** An individual objective of a form, its target and actual as JSON amounts. */
export const FormObjectiveSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  weight: z.number(),
  comparator: ComparatorSchema,
  target: AmountJsonSchema.nullable(),
  unit: UnitSchema,
  scoring: z.enum(['on_off', 'proportional']).nullable(),
  state: MeasurementStateSchema,
  actual: AmountJsonSchema.nullable(),
  reason: z.string().nullable(),
});

/**
 * Where the organisational results come from (core/appraisal/organisation.ts `OrgSource`): the
 * OIV's validated values (the Relazione validated on `at`), or the reported ones while the
 * Relazione is a draft, with the OIV or not validated (`relazione` null: not recorded, a form
 * evaluated before the source was kept).
 */
export const OrgSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('validated'), at: z.string(), reservations: z.boolean() }),
  z.strictObject({ kind: z.literal('reported'), relazione: z.enum(['draft', 'transmitted', 'not_validated']).nullable() }),
]);

/** The steps a form went through: who acknowledged it, the interview, the evaluation (with what it froze), the rest. */
export const FormRecordSchema = z.strictObject({
  acknowledged: z.strictObject({ person: z.string().nullable(), evaluator: z.string().nullable() }),
  interview: z.strictObject({ at: z.string(), by: z.string(), note: z.string() }).nullable(),
  /** Frozen at the evaluation: the SMVP version and the organisational results used (units by registry id), the score and band. */
  evaluation: z
    .strictObject({
      at: z.string(),
      by: z.string(),
      smvpVersion: z.number().int(),
      /** The body's name the form was evaluated with, where the plan's body was corrected since. */
      organisation: z.string().optional(),
      org: z.strictObject({
        body: z.string().nullable(),
        units: z.record(z.string(), z.string().nullable()),
        source: OrgSourceSchema.optional(),
        objectives: z
          .record(
            z.string(),
            z.array(z.strictObject({ code: z.string(), title: z.string(), performance: z.string().nullable(), reported: z.string().nullable().optional(), rolledUp: z.literal(true).optional() })),
          )
          .optional(),
      }),
      score: z.string().nullable(),
      band: z.string().nullable(),
    })
    .nullable(),
  acceptance: z.strictObject({ at: z.string() }).nullable(),
  contest: z.strictObject({ at: z.string(), reason: z.string() }).nullable(),
  conciliation: z.strictObject({ at: z.string(), by: z.string(), outcome: z.enum(['confirmed', 'revised']), note: z.string() }).nullable(),
  finalisedAt: z.string().nullable(),
  reopenings: z.array(z.strictObject({ at: z.string(), by: z.string(), reason: z.string() })),
});

/** The form's score explained: components, objectives, behaviours, units, the steps in words, the issues. */
export const FormResultSchema = z.strictObject({
  /** true once evaluated; before, the score is provisional and `band` is null (core/appraisal/form.ts `provisional`). */
  frozen: z.boolean(),
  /** Where the body's and units' figures come from, and that said in the reader's language; null without a plan. */
  org: z.strictObject({ source: OrgSourceSchema, text: z.string() }).nullable(),
  score: z.number().nullable(),
  band: z.strictObject({ label: z.string(), min: z.number(), max: z.number(), share: z.number() }).nullable(),
  components: z.array(
    z.strictObject({
      kind: z.enum(['body', 'unit', 'objectives', 'behaviours']),
      label: z.string(),
      weight: z.number(),
      share: z.number().nullable(),
      score: z.number().nullable(),
      points: z.number().nullable(),
    }),
  ),
  objectives: z.array(z.strictObject({ id: z.string(), state: MeasurementStateSchema, score: z.number().nullable(), counted: z.boolean() })),
  behaviours: z.array(z.strictObject({ code: z.string(), rating: z.number().nullable(), label: z.string().nullable(), score: z.number().nullable() })),
  /** `unitId`: the registry's id; `unit`: its name. */
  units: z.array(
    z.strictObject({
      unitId: z.string(),
      unit: z.string(),
      from: z.string(),
      to: z.string(),
      days: z.number(),
      effectiveDays: z.number().nullable(),
      score: z.number().nullable(),
      /**
       * The unit's objectives counted in its score: `score` the value used; `validated`: the OIV's
       * validated value, `reported` then the value reported (null otherwise or when none);
       * `source` says which in the reader's language. Empty when not known (a form evaluated before
       * they were kept).
       */
      objectives: z.array(z.strictObject({ code: z.string(), title: z.string(), score: z.number().nullable(), validated: z.boolean(), reported: z.number().nullable(), source: z.string() })),
    }),
  ),
  presenceDays: z.number().nullable(),
  daysInYear: z.number().int(),
  steps: z.array(z.strictObject({ code: z.string(), text: z.string() })),
  /** In the reader's language, by code; `params` for a client that renders them itself. */
  issues: z.array(IssueDocumentSchema),
  complete: z.boolean(),
});

/** `GET /api/appraisals/:id` and every change to a form: the form in the reader's language, its score explained. */
export const AppraisalFormSchema = z.strictObject({
  id: z.string(),
  organisation: z.string(),
  year: z.number().int(),
  category: StaffCategorySchema,
  categoryLabel: z.string(),
  state: FormStateSchema,
  stateLabel: z.string(),
  version: z.number().int(),
  /**
   * The plan the organisational results are read from until the evaluation. Null: no plan, or an
   * evaluated form whose plan was deleted (migration 83; the deleted plan's id and title are in its
   * trail, `plan-deleted`), read with the figures and source it froze.
   */
  planId: z.string().nullable(),
  /**
   * An evaluated form whose plan was deleted after its evaluation (`planId` null, the trail's
   * `plan-deleted`): the plan's id and title (null when the plans' trail kept none), and `text`, a
   * sentence saying so in the reader's language. Null otherwise.
   */
  planDeleted: z.strictObject({ planId: z.string(), title: z.string().nullable(), text: z.string() }).nullable(),
  person: PersonRefSchema,
  evaluator: PersonRefSchema,
  /** `unit`: the registry unit's name (null if the unit was deleted). */
  assignments: z.array(z.strictObject({ unitId: z.string(), unit: z.string().nullable(), from: z.string(), to: z.string(), partTime: z.number() })),
  objectives: z.array(FormObjectiveSchema),
  ratings: z.record(z.string(), z.number()),
  record: FormRecordSchema,
  /** The SMVP version the form is scored by (null: none for that body and year). */
  smvpVersion: z.number().int().nullable(),
  scale: z.array(z.strictObject({ value: z.number(), label: z.string(), description: z.string(), score: z.number() })),
  behaviours: z.array(z.strictObject({ code: z.string(), title: z.string(), description: z.string(), weight: z.number() })),
  result: FormResultSchema.nullable(),
  may: FormMaySchema,
});

/**
 * `GET /api/appraisals/stranded-bodies`: a body whose SMVP, forms or distributions of a year a body
 * correction left under a name no plan of that year carries (store/appraisals.ts strandedBodies),
 * what its plans' trail says it was corrected to, and the words HR reads.
 */
export const StrandedBodySchema = z.strictObject({
  organisation: z.string(),
  year: z.number().int(),
  correctedTo: z.array(z.string()),
  /** The titles of the name's plans of that year that were deleted (records saved under it after its last plan went). */
  deletedPlans: z.array(z.string()),
  message: z.string(),
  /** What is under the old name: the SMVP's versions, the forms (whose, category and state in words), the categories whose fund was distributed. */
  records: z.strictObject({
    smvpVersions: z.array(z.number().int()),
    forms: z.array(z.strictObject({ id: z.string(), person: z.string(), category: StaffCategorySchema, categoryLabel: z.string(), state: FormStateSchema, stateLabel: z.string() })),
    distributions: z.array(z.strictObject({ category: StaffCategorySchema, categoryLabel: z.string() })),
  }),
  /**
   * The bodies the year's plans carry, where the records may go: `candidate` when the name's
   * corrections lead there (these first), `hasRecords` when it has its own that year (they could not join them).
   */
  bodies: z.array(z.strictObject({ name: z.string(), candidate: z.boolean(), hasRecords: z.boolean() })),
});

/** A body's name as a request names it: at most core's ORGANISATION_MAX characters (the contract imports nothing but zod). */
const BodyName = z.string().min(1).max(300);

/** `POST /api/appraisals/stranded-bodies/assign`: the records stranded under `organisation` in `year` go to the body `to`. */
export const AssignStrandedBodySchema = z.strictObject({ organisation: BodyName, year: z.number().int().min(2000).max(2100), to: BodyName });

/** The answer of an assignment: how many records moved, said in words. */
export const StrandedAssignedSchema = z.strictObject({ organisation: z.string(), year: z.number().int(), to: z.string(), moved: z.number().int(), message: z.string() });

/** `GET /api/appraisals/:id/trail`: an entry of the form's own trail, the stored entry as it is (its `planId` always null: a form belongs to no plan). */
export const FormTrailEntrySchema = StoredAuditEntrySchema.extend({
  /** Who made the change, as the plans' trail names them (contract/audit.ts `AuditEntrySchema.userName`). */
  userName: z.string().nullable(),
  /** What happened, in the reader's language («Piano della scheda cambiato»). */
  what: z.string(),
  /** What it changed, before → after, each field and value in the reader's words (people and plans by name). */
  changes: z.array(z.strictObject({ field: z.string(), before: z.string(), after: z.string() })),
});

/** `GET /api/smvp`: an SMVP stored, its latest version. */
export const SmvpSummarySchema = z.strictObject({
  organisation: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  /** The login of who saved this version (for scripts); `createdByName` says who, as the screens name people. */
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
});

/** `GET /api/smvp/:year`: a version of a body's SMVP, the document as stored (core/appraisal/codec.ts reads it). */
export const SmvpVersionSchema = SmvpSummarySchema.extend({ document: z.unknown() });

/**
 * `GET /api/smvp/:year` when the body has saved none for the year: a year without an SMVP is a
 * normal state (HR has not written it yet), not a missing resource, so it is a 200 with no version
 * (`version: null`) and the example document to start from. An earlier version asked by number
 * that does not exist is still a 404.
 */
export const SmvpNoneSchema = z.strictObject({
  organisation: z.string(),
  year: z.number().int(),
  version: z.null(),
  /** The example SMVP for the body and year (DFP guideline n. 5/2019), what the screen offers to start from. */
  example: z.unknown(),
});

/** `GET /api/smvp/:year`: the version asked (or the latest), or, for the latest, none saved yet (`version: null`). */
export const SmvpReadSchema = z.union([SmvpVersionSchema, SmvpNoneSchema]);

/** `PUT /api/smvp/:year` and `POST /api/smvp/:year/import`: the version saved and the warnings met reading it. */
export const SmvpSavedSchema = SmvpVersionSchema.extend({ issues: z.array(IssueDocumentSchema) });

/** A person's share of a distribution (decimals and cents as exact text). */
export const ShareSchema = z.strictObject({
  formId: z.string(),
  personId: z.string(),
  displayName: z.string(),
  score: z.string().nullable(),
  band: z.string().nullable(),
  coefficient: z.string(),
  presenceDays: z.string(),
  cents: z.string(),
  /** The exact quota before rounding to the cent. */
  exact: z.string(),
  /** Given one of the cents left over by the rounding. */
  extraCent: z.boolean(),
  /** The person's account was no longer there when the fund was shared out: `displayName` says so in the reader's language. */
  removed: z.literal(true).optional(),
});

/** `GET /api/rewards/:year`: the latest distribution of a category's fund, per person (personal data). */
export const DistributionSchema = z.strictObject({
  organisation: z.string(),
  year: z.number().int(),
  category: StaffCategorySchema,
  version: z.number().int(),
  fundCents: z.string(),
  /** The fund in euros, as text. */
  fund: z.string(),
  createdAt: z.string(),
  /** The login of who made the distribution (for scripts); `createdByName` says who, as the screens name people. */
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  smvpVersion: z.number().int(),
  /** The rule for the cents left over, in Italian and English. */
  rule: z.strictObject({ it: z.string(), en: z.string() }),
  people: z.array(ShareSchema),
  undistributedCents: z.string(),
  /** Said in the reader's language. */
  issues: z.array(z.strictObject({ severity: z.string(), code: z.string(), message: z.string(), params: MessageParamsSchema.optional(), location: SourceLocationSchema.optional() })),
});

/** A row of the anonymised aggregates (d.lgs. 33/2013 art. 20): per category and band, no names, no ids. */
export const RewardAggregateSchema = z.strictObject({
  category: StaffCategorySchema,
  categoryLabel: z.string(),
  band: z.string(),
  /** The band's share of the bonus, in percent; null when no SMVP gives it (none adopted, or none that can be read): not stated, never 0%. */
  coefficient: z.number().nullable(),
  people: z.number().int(),
  /** Null, as the mean, least and most, when the band is `withheld`. */
  totalCents: z.string().nullable(),
  meanCents: z.string().nullable(),
  minCents: z.string().nullable(),
  maxCents: z.string().nullable(),
  /** Its count is published, not its amounts: `withheldReason` says why. */
  withheld: z.boolean(),
  /**
   * `small-band`: one or two people, whose amounts would be theirs (`SMALL_GROUP`);
   * `complement`: a band of three or more, two of them with a bonus, withheld as well, since the
   * category's fund is public and the fund less the bands published would give the small band's amount,
   * or say that it is 0 (core/appraisal/disclosure.ts). Null when published.
   */
  withheldReason: z.enum(['small-band', 'complement']).nullable(),
  /**
   * The row of the people with no band: a final form whose score falls in none of the SMVP's bands
   * (or has no score), so no coefficient and no share of the fund. After the bands, only when there
   * are such people; `band` says it in the reader's language ("Senza fascia", "Not banded"), and
   * `coefficient` is null. Counted and withheld as a band of 0% is (no complement for them).
   */
  noBand: z.boolean(),
});

/**
 * A category's amounts in all (art. 20 c. 1: "l'ammontare complessivo dei premi collegati alla
 * performance stanziati e l'ammontare dei premi effettivamente distribuiti").
 */
export const RewardCategoryTotalSchema = z.strictObject({
  category: StaffCategorySchema,
  categoryLabel: z.string(),
  /** The fund shared out; null, as the amount distributed, when `withheld`. */
  fundCents: z.string().nullable(),
  distributedCents: z.string().nullable(),
  withheld: z.boolean(),
  /**
   * `small-bands-only`: a band of one or two people takes a share of the fund and no band of three or
   * more, two of them with a bonus, can be withheld with it (the complement), so the fund less the bands
   * published would give their amounts (two people: each, knowing their own, would read the other's).
   * Null when published.
   */
  withheldReason: z.enum(['small-bands-only']).nullable(),
});

/** `GET /api/rewards/:year/aggregates` (JSON). */
export const RewardAggregatesSchema = z.strictObject({
  organisation: z.string(),
  year: z.number().int(),
  rows: z.array(RewardAggregateSchema),
  /** One per category distributed, in the order of `rows`. */
  categories: z.array(RewardCategoryTotalSchema),
  /** When the body has distributed nothing that year: that said in the reader's language (null otherwise). */
  message: z.string().nullable(),
});

export type StaffCategory = z.infer<typeof StaffCategorySchema>;
export type FormState = z.infer<typeof FormStateSchema>;
export type FormAction = z.infer<typeof FormActionSchema>;
export type FormPart = z.infer<typeof FormPartSchema>;
export type PersonRef = z.infer<typeof PersonRefSchema>;
export type AppraisalPerson = z.infer<typeof AppraisalPersonSchema>;
export type FormMay = z.infer<typeof FormMaySchema>;
export type FormSummary = z.infer<typeof FormSummarySchema>;
export type FormObjective = z.infer<typeof FormObjectiveSchema>;
export type FormResultDocument = z.infer<typeof FormResultSchema>;
export type OrgSourceDocument = z.infer<typeof OrgSourceSchema>;
export type AppraisalForm = z.infer<typeof AppraisalFormSchema>;
export type FormTrailEntry = z.infer<typeof FormTrailEntrySchema>;
export type StrandedBody = z.infer<typeof StrandedBodySchema>;
export type AssignStrandedBody = z.infer<typeof AssignStrandedBodySchema>;
export type StrandedAssigned = z.infer<typeof StrandedAssignedSchema>;
export type SmvpSummary = z.infer<typeof SmvpSummarySchema>;
export type SmvpVersion = z.infer<typeof SmvpVersionSchema>;
export type SmvpNone = z.infer<typeof SmvpNoneSchema>;
export type SmvpRead = z.infer<typeof SmvpReadSchema>;
export type SmvpSaved = z.infer<typeof SmvpSavedSchema>;
export type Share = z.infer<typeof ShareSchema>;
export type Distribution = z.infer<typeof DistributionSchema>;
export type RewardAggregate = z.infer<typeof RewardAggregateSchema>;
export type RewardCategoryTotal = z.infer<typeof RewardCategoryTotalSchema>;
export type RewardAggregates = z.infer<typeof RewardAggregatesSchema>;
