/**
 * The organisation registry as the API sends it (`GET /api/units` and every change to a unit:
 * `server/routes/units.ts` `unitView`) and the people a person field can name (`GET /api/people`).
 */
import { z } from 'zod';
import { RoleSchema } from './users.js';

export const OrgUnitSchema = z.strictObject({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  /** Free text: direzione, servizio, ufficio… */
  kind: z.string(),
  parentId: z.string().nullable(),
  /** The head (dirigente / responsabile): an account's id. */
  headId: z.string().nullable(),
  /** Member accounts' ids. */
  members: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});

/** An active account as a person field offers it: who, and the units they belong to or head. */
export const PersonSchema = z.strictObject({ id: z.string(), username: z.string(), displayName: z.string(), role: RoleSchema, unitIds: z.array(z.string()) });

export type OrgUnit = z.infer<typeof OrgUnitSchema>;
export type Person = z.infer<typeof PersonSchema>;
