/**
 * The audit trail as `GET /api/audit` sends it: who changed what, when, from what to what, and
 * why. The store's `listAudit` rows go out as they are; `before` and `after` are whatever the
 * entity was (a value, a node, an account without its hash).
 */
import { z } from 'zod';

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
});

export type AuditEntry = z.infer<typeof AuditEntrySchema>;
