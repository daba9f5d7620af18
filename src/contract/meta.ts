/**
 * The server's small documents: whether it is up (`GET /api/health`), whether sign-in through the
 * body's identity provider is offered (`GET /api/session/oidc`), and an export job drawing a file on
 * a worker thread (`POST /api/plans/:id/exports`, `GET /api/exports/:id`: `routes/exports.ts` `jobJson`),
 * and the answer of a write that sends nothing back but that it was done (`Done`).
 */
import { z } from 'zod';
import { EXPORT_FAILURES } from './export-failures.js';

export const HealthSchema = z.strictObject({ ok: z.literal(true) });

/** A write that has nothing to send back but that it was done: signing out, a password changed, a deletion. */
export const DoneSchema = z.strictObject({ ok: z.literal(true) });

export const OidcOfferSchema = z.strictObject({
  enabled: z.boolean(),
  /** The login button's words (null: the app's own). */
  label: z.string().nullable(),
});

/** Why an export job failed, by code (export-failures.ts); the detail is in the server's log only. */
export const ExportFailureSchema = z.enum(EXPORT_FAILURES);

export const ExportJobSchema = z.strictObject({
  id: z.string(),
  planId: z.string(),
  format: z.enum(['pdf', 'xlsx']),
  fileName: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  /** Objectives drawn so far, of `total`. */
  done: z.number().int(),
  total: z.number().int(),
  /** Why it failed (state `failed`); null otherwise. */
  failure: ExportFailureSchema.nullable(),
});

export type Health = z.infer<typeof HealthSchema>;
export type Done = z.infer<typeof DoneSchema>;
export type OidcOffer = z.infer<typeof OidcOfferSchema>;
export type ExportJob = z.infer<typeof ExportJobSchema>;
