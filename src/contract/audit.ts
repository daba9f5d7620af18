/**
 * The audit trail as `GET /api/audit` sends it: who changed what, when, from what to what, and
 * why. The store's `listAudit` rows go out as they are; `before` and `after` are whatever the
 * entity was (a value, a node, an account without its hash). Each entry is also said by code: `change`
 * with its parameters (src/messages/changes.ts `changeMessage`: the fields that changed, their values
 * as neutral text, decimals exact, dates ISO) and the sentence in the reader's language.
 */
import { z } from 'zod';

/** The parameters of the `change` message (src/messages/changes.ts `ChangeParams`). */
export const ChangeParamsSchema = z.strictObject({
  action: z.string(),
  entity: z.string(),
  id: z.string(),
  label: z.string().optional(),
  fields: z.array(z.string()),
  before: z.array(z.string()),
  after: z.array(z.string()),
});

export const AuditEntrySchema = z.strictObject({
  id: z.number(),
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
  code: z.literal('change'),
  params: ChangeParamsSchema,
  /** The change in a sentence, old → new, in `?lang` / `Accept-Language` (default Italian). */
  message: z.string(),
});

export type AuditEntry = z.infer<typeof AuditEntrySchema>;
