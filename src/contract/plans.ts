/**
 * Plans and their revisions as the API sends them: a plan in lists and after every change to it
 * (`PlanSummary`: `GET /api/plans`, `POST /api/plans`, adopt, archive), a plan imported from a file
 * (`PlanImported`, `PlanImportPreview` for a dry run), and the register of
 * revisions with each change before → after (`GET /api/plans/:id/revisions`).
 * `server/routes/plans.ts` `planView` and `server/routes/revisions.ts` make them.
 */
import { z } from 'zod';
import { IssueDocumentSchema } from './evaluation.js';
import { PeriodStateSchema, RevisionKindSchema, RevisionStatusSchema, UnitSchema } from './values.js';

/** An adopting or approving act: "Delibera di Giunta" n. 12 of 2024-01-30. */
export const ActSchema = z.strictObject({
  kind: z.string(),
  number: z.string(),
  /** ISO date. */
  date: z.string(),
});

export const AdoptionSchema = z.strictObject({ act: ActSchema, adoptedAt: z.string(), adoptedBy: z.string().nullable() });

export const PlanSummarySchema = z.strictObject({
  id: z.string(),
  organisation: z.string(),
  title: z.string(),
  year: z.number(),
  version: z.enum(['plan', 'revision', 'final']),
  published: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** draft: edited freely; adopted (by its act): changed only inside a revision. */
  status: z.enum(['draft', 'adopted']),
  adoption: AdoptionSchema.nullable(),
  archived: z.boolean(),
  archivedAt: z.string().nullable(),
  /** The number of the revision open now, null when none. */
  openRevision: z.number().nullable(),
  /** The version of the plan's own fields (title, published, kind, adoption, archiving): `PATCH` names it as `editVersion`, 409 when another change came since. */
  editVersion: z.number().int(),
});

/** `POST /api/plans/import`: the plan made from the file, and the warnings met reading it (in the reader's language). */
export const PlanImportedSchema = z.strictObject({ plan: PlanSummarySchema, issues: z.array(IssueDocumentSchema) });

/** `POST /api/plans/import?dryRun=true`: nothing stored; what the plan would be, and the warnings. */
export const PlanImportPreviewSchema = z.strictObject({
  plan: z.null(),
  // `areas` the strategic areas (the tree's roots), `objectives` the others: the Relazione's and the command line's count (core `planSize`).
  preview: z.strictObject({ title: z.string(), year: z.number().int(), areas: z.number().int(), objectives: z.number().int(), indicators: z.number().int() }),
  issues: z.array(IssueDocumentSchema),
});

/** One net change inside a revision: before → after (only the changed fields of an update; the whole entity for create and delete); `seq`, `at` and `user`: its first step's number, its last step's time and author. */
export const RevisionChangeSchema = z.strictObject({
  seq: z.number(),
  at: z.string(),
  user: z.string().nullable(),
  action: z.enum(['create', 'update', 'delete']),
  entity: z.enum(['plan', 'node', 'indicator']),
  entityId: z.string(),
  node: z.string().nullable(),
  indicator: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  /** An indicator's unit when the change was made (number, percent, date, boolean), in which its amounts are said; null for an objective's or the plan's change, or one recorded before units were kept. */
  unit: UnitSchema.nullable(),
  /**
   * An indicator's name when the change was made (a later rename leaves it as it was), a deleted objective's title (its removed
   * values are then said by their indicators' names); absent for other changes, and where the register is read as a validated Relazione kept it.
   */
  name: z.string().optional(),
});

/** A revision (variazione / rimodulazione) as opening, editing, approving or discarding it answers. */
export const RevisionSchema = z.strictObject({
  /** 1, 2, … within the plan. */
  number: z.number(),
  kind: RevisionKindSchema,
  reason: z.string(),
  /** ISO date. */
  date: z.string(),
  /** The approving act; may be added after the approval. */
  act: ActSchema.nullable(),
  status: RevisionStatusSchema,
  openedAt: z.string(),
  openedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  /** The net change per objective, indicator or plan: a field from its first value to its last, one back where it started left out, a record added and deleted inside the revision not listed. */
  changes: z.array(RevisionChangeSchema).readonly(),
  /** How many steps were recorded, each on the audit trail (`GET /api/audit`): more than `changes` when a record was changed twice, or back. */
  steps: z.number().int(),
  /** Grows with every correction, approval or discard: `PATCH` names it, 409 when another came since. */
  version: z.number().int(),
  /**
   * Its discard (null: not discarded): who (login), when, why (null: none given), and every step it
   * recorded, before → after (they cancel out: a discarded revision changed nothing in the plan).
   */
  discarded: z.strictObject({ at: z.string(), by: z.string().nullable(), reason: z.string().nullable(), steps: z.array(RevisionChangeSchema).readonly() }).nullable(),
});

/** A closed or validated period a revision's changes came after (the Relazione must say so). */
export const ClosedBeforeSchema = z.strictObject({ periodId: z.string(), label: z.string(), state: PeriodStateSchema, closedAt: z.string() });

/**
 * The OIV's validation of the year's Relazione a revision came after (approved after it, or open
 * since): the validated Relazione keeps the plan as validated, so the register says the plan
 * changed since ("Revisione approvata dopo la validazione del …").
 */
export const AfterValidationSchema = z.strictObject({ validatedAt: z.string(), state: z.enum(['validated', 'validated_with_reservations']) });

/**
 * An entry of the register (`GET …/revisions`, `GET …/revisions/:number`): the revision, the closed
 * periods it came after and the validation it came after (null: none).
 */
export const RevisionEntrySchema = RevisionSchema.extend({ afterClosingOf: z.array(ClosedBeforeSchema), afterValidation: AfterValidationSchema.nullable() });

export type Act = z.infer<typeof ActSchema>;
export type AfterValidation = z.infer<typeof AfterValidationSchema>;
export type Adoption = z.infer<typeof AdoptionSchema>;
export type PlanSummary = z.infer<typeof PlanSummarySchema>;
export type PlanImported = z.infer<typeof PlanImportedSchema>;
export type PlanImportPreview = z.infer<typeof PlanImportPreviewSchema>;
export type RevisionChange = z.infer<typeof RevisionChangeSchema>;
export type Revision = z.infer<typeof RevisionSchema>;
export type ClosedBefore = z.infer<typeof ClosedBeforeSchema>;
export type RevisionEntry = z.infer<typeof RevisionEntrySchema>;
