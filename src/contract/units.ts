/**
 * The organisation registry as the API sends it (`GET /api/units` and every change to a unit:
 * `server/routes/units.ts` `unitView`), the people a person field can name (`GET /api/people`), and
 * the counts an import of the registry and a bulk reassignment answer.
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
export const PersonSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  unitIds: z.array(z.string()),
  /** May be named Referente of an objective or indicator (`mayBeAssigned`): the person fields of the tree offer only these. */
  assignable: z.boolean(),
});

/** `POST /api/units/import`: how many units the file added and changed (`dryRun`: would have; nothing stored). */
export const UnitsImportedSchema = z.strictObject({ created: z.number().int(), updated: z.number().int(), dryRun: z.boolean() });

/** `POST /api/plans/:id/reassign`: how many objectives and indicators changed hands. */
export const ReassignedSchema = z.strictObject({ nodes: z.number().int(), indicators: z.number().int() });

export type OrgUnit = z.infer<typeof OrgUnitSchema>;
export type UnitsImported = z.infer<typeof UnitsImportedSchema>;
export type Reassigned = z.infer<typeof ReassignedSchema>;
export type Person = z.infer<typeof PersonSchema>;
