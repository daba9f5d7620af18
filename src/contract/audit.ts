/**
 * The audit trail as `GET /api/audit` sends it: who changed what, when, from what to what, and
 * why. The store's `listAudit` rows go out as they are; `before` and `after` are whatever the
 * entity was (a value, a node, an account without its hash). Each entry is also said by code: `change`
 * with its parameters (src/messages/changes.ts `changeMessage`: the fields that changed, their values
 * as neutral text, decimals exact, dates ISO; a rule, a formula, the OIV's checklist and validated
 * values as their stored JSON) and the sentence in the reader's language.
 */
import { z } from 'zod';

/** The parameters of the `change` message (src/messages/changes.ts `ChangeParams`). */
export const ChangeParamsSchema = z.strictObject({
  action: z.string(),
  entity: z.string(),
  id: z.string(),
  label: z.string().optional(),
  /** An indicator's name (a value's or a review's indicator, as named at the entry) and its objective's code, which the sentence says in place of its id. */
  name: z.string().optional(),
  code: z.string().optional(),
  fields: z.array(z.string()),
  before: z.array(z.string()),
  after: z.array(z.string()),
  /** A deletion's values taken from the periods still open, one entry per indicator and period (the record's `removedValues`). */
  removed: z
    .strictObject({
      indicators: z.array(z.string()),
      periods: z.array(z.string()),
      states: z.array(z.string()),
      actuals: z.array(z.string()),
      by: z.array(z.string()),
      files: z.array(z.number().int()),
      units: z.array(z.string()),
      /** Each value's indicator by the name the deleted record holds ('' when the change is read as kept without names). */
      names: z.array(z.string()).optional(),
    })
    .optional(),
  /** What a deletion kept (the record's `keptRecords`): the closed and validated periods' values and files, every period's comments. */
  kept: z.strictObject({ values: z.number().int(), files: z.number().int(), comments: z.number().int() }).optional(),
  /** The unit each side's amounts are in (an indicator's change), so a client says them as the published table prints them. */
  beforeUnit: z.string().optional(),
  afterUnit: z.string().optional(),
  /** A migration's rewrite of the program's reasons into codes: how many records of each kind it rewrote (a kind of none left out). */
  recoded: z
    .strictObject({
      values: z.number().int().optional(),
      keptValues: z.number().int().optional(),
      closings: z.number().int().optional(),
      relazioni: z.number().int().optional(),
      revisionChanges: z.number().int().optional(),
      auditEntries: z.number().int().optional(),
    })
    .optional(),
});

/**
 * An entry as the store keeps it (`listAudit`'s row): the trail of a plan or an account, and a form's
 * own trail (`GET /api/appraisals/:id/trail`, appraisal.ts `FormTrailEntrySchema`), as they are.
 */
export const StoredAuditEntrySchema = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  user: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  /** The plan the entry belongs to; null for entries of no plan (accounts, the units registry). */
  planId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});

/** `GET /api/audit`: the stored entry, said by code and in the reader's language (and a reason the program wrote, not a person). */
export const AuditEntrySchema = StoredAuditEntrySchema.extend({
  /**
   * Who made the change by their display name, as the screens name people (the username when the account is gone); the program
   * (`user` `system`) and the command line (`cli:<os account>`) in the reader's words: «Albero (procedura automatica)», «riga di
   * comando (utente mario)»; null when `user` is.
   */
  userName: z.string().nullable(),
  /**
   * The name the entry says its subject by, made when the trail is read (the stored entry is left as it was): the indicator an
   * entry is about (its edit, value, review, forecast, evidence file or comment) as it was named at the entry, a deleted
   * indicator's name, an objective's title at the entry (a deleted one's as its record holds it); absent for the others.
   */
  name: z.string().optional(),
  /** The code of the objective whose indicator an evidence file's or a comment's entry is about (their id does not say it); absent for the others. */
  node: z.string().optional(),
  code: z.literal('change'),
  params: ChangeParamsSchema,
  /** The change in a sentence, old → new, in `?lang` / `Accept-Language` (default Italian). */
  message: z.string(),
});

export type StoredAuditEntry = z.infer<typeof StoredAuditEntrySchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
