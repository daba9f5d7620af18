/**
 * The organisation registry (strutture): list, create, change, delete, import and export as CSV or
 * XLSX; the people a unit or a person field can name; bulk reassignment of a plan's objectives and
 * indicators to a unit and/or a person.
 */
import { z } from 'zod';
import { type OrgUnit, OrgUnitSchema, PersonSchema, ReassignedSchema, UnitsImportedSchema } from '../../contract/index.js';
import { readRegistryCsv, readRegistryXlsx, writeRegistryCsv, writeRegistryXlsx, type RegistryProblem, type RegistryUnit } from '../../io/registry.js';
import type { UnitRecord, UserRecord } from '../../store/index.js';
import type { Readable, RouteModule } from '../api.js';
import { actorOf } from '../auth.js';
import { fromFailure, HttpError, must, refuse, type ApiIssue } from '../errors.js';
import { ADMINS, mayBeAssigned, PLAN_EDITORS } from '../permissions.js';
import { oneUploadedFile, param } from '../validation.js';

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'letters, digits, dots, dashes or slashes (up to 40), e.g. UI or 2.1');
const Id = z.string().min(1).max(200);
const NewUnit = z
  .object({
    code: Code,
    name: z.string().trim().min(1).max(200),
    kind: z.string().trim().min(1).max(60),
    parentId: Id.nullable().optional(),
    headId: Id.nullable().optional(),
    members: z.array(Id).max(1000).optional(),
  })
  .strict();
const UnitPatch = z
  .object({
    code: Code.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    kind: z.string().trim().min(1).max(60).optional(),
    parentId: Id.nullable().optional(),
    headId: Id.nullable().optional(),
    members: z.array(Id).max(1000).optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();
const Reassign = z
  .object({
    nodes: z.array(z.string().min(1).max(100)).max(50_000).optional(),
    indicators: z.array(z.string().min(1).max(200)).max(50_000).optional(),
    unitId: Id.nullable().optional(),
    personId: Id.nullable().optional(),
  })
  .strict();

/** The unit as the API answers it: its members handed over as they are (`reply` only serialises them). */
export function unitView(u: UnitRecord): Readable<OrgUnit> {
  return { id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId, headId: u.headId, members: u.members, version: u.version, updatedAt: u.updatedAt };
}

/** The registry as a file shows it: parents by code, people by username, parents before children. */
export function registryRows(units: readonly UnitRecord[], users: readonly UserRecord[]): RegistryUnit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const username = new Map(users.map((u) => [u.id, u.username]));
  const ordered: UnitRecord[] = [];
  const placed = new Set<string>();
  const place = (u: UnitRecord, depth = 0): void => {
    if (placed.has(u.id) || depth > units.length) return;
    const parent = u.parentId === null ? undefined : byId.get(u.parentId);
    if (parent !== undefined) place(parent, depth + 1);
    placed.add(u.id);
    ordered.push(u);
  };
  for (const u of [...units].sort((a, b) => a.code.localeCompare(b.code, 'it'))) place(u);
  return ordered.map((u) => ({
    code: u.code,
    name: u.name,
    kind: u.kind,
    parent: u.parentId === null ? null : (byId.get(u.parentId)?.code ?? null),
    head: u.headId === null ? null : (username.get(u.headId) ?? null),
    members: u.members.map((m) => username.get(m) ?? m),
  }));
}

export const unitRoutes: RouteModule = (api, deps) => {
  const { store } = deps;
  /** Who belongs where changed: every account's open sessions see it at once. */
  const forgetAll = async (): Promise<void> => {
    for (const u of await store.listUsers()) deps.sessions.forgetUser(u.id);
  };

  api.route(
    {
      method: 'get',
      path: '/api/units',
      tag: 'units',
      summary: 'The organisation registry: every unit (struttura) with its code, kind, parent, head and members',
      roles: 'signed-in',
      responses: { 200: { description: '[{id, code, name, kind, parentId, headId, members, version, updatedAt}]', schema: z.array(OrgUnitSchema) }, 401: 'not signed in' },
    },
    async (c, { reply }) => {
      return reply(200, (await store.listUnits()).map(unitView));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/units',
      tag: 'units',
      summary: 'Add a unit',
      roles: ADMINS,
      action: 'change the organisation registry',
      body: NewUnit,
      responses: {
        201: { description: 'the unit', schema: OrgUnitSchema },
        400: 'invalid body',
        401: 'not signed in',
        403: 'role',
        409: 'duplicate code or name',
        422: 'unknown parent, head or member',
      },
    },
    async (c, { user: admin, body: input, reply }) => {
      const unit = must(await store.createUnit(input, actorOf(admin)));
      if (unit.members.length > 0 || unit.headId !== null) await forgetAll();
      return reply(201, unitView(unit));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/units/export',
      tag: 'units',
      summary: 'The registry as a file: CSV (semicolons, UTF-8) or XLSX; columns codice, nome, tipo, padre, responsabile, membri',
      roles: PLAN_EDITORS,
      action: 'export the organisation registry',
      query: { format: { description: 'csv or xlsx', values: ['csv', 'xlsx'] } },
      responses: { 200: 'the file (attachment)', 400: 'unknown format', 401: 'not signed in', 403: 'role' },
    },
    async (c) => {
      const format = c.req.query('format') ?? 'csv';
      if (format !== 'csv' && format !== 'xlsx') throw refuse(400, 'invalid-query', { field: 'format', values: ['csv', 'xlsx'], value: format.slice(0, 20) });
      const rows = registryRows(await store.listUnits(), await store.listUsers());
      if (format === 'csv') return c.body(writeRegistryCsv(rows), 200, { 'Content-Type': 'text/csv; charset=UTF-8', 'Content-Disposition': 'attachment; filename="strutture.csv"' });
      return c.body(new Uint8Array(await writeRegistryXlsx(rows)), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': 'attachment; filename="strutture.xlsx"',
      });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/units/import',
      tag: 'units',
      summary: 'Import the registry from CSV or XLSX: each row adds the unit of its code or updates it (members as listed); all rows or none. `?dryRun=true` checks only',
      roles: ADMINS,
      action: 'change the organisation registry',
      multipart: { file: 'the registry (.csv or .xlsx) with the columns codice, nome, tipo, padre, responsabile, membri' },
      query: { dryRun: { description: 'true: check and say what would change, store nothing', values: ['true', 'false'] } },
      responses: {
        200: { description: '{created, updated, dryRun}', schema: UnitsImportedSchema },
        400: 'no file, or more than one (one-file: nothing imported)',
        401: 'not signed in',
        403: 'role',
        415: 'not multipart',
        422: 'problems, each with its row and column (issues[].location.row)',
      },
    },
    async (c, { user: admin, reply }) => {
      const type = c.req.header('content-type') ?? '';
      if (!type.toLowerCase().startsWith('multipart/form-data')) throw refuse(415, 'unsupported-media-type', { expected: 'multipart', what: 'registry' });
      const { file } = await oneUploadedFile(c, 'registry');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const isXlsx = /\.xlsx$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
      const read = isXlsx ? await readRegistryXlsx(bytes, file.name) : readRegistryCsv(new TextDecoder('utf-8').decode(bytes));
      const asIssues = (problems: readonly RegistryProblem[]): ApiIssue[] =>
        problems.map((p) => ({
          severity: 'error',
          code: p.code,
          message: p.message,
          ...(p.params === undefined ? {} : { params: p.params }),
          location: { file: file.name, row: p.row, field: p.field },
        }));
      // The file's problems (read: false) or its rows' against the registry (read: true), all at their row and column.
      const refused = (problems: readonly RegistryProblem[], read: boolean): HttpError =>
        refuse(422, 'invalid-registry', { problems: problems.length, row: problems[0]?.row ?? 1, field: problems[0]?.field ?? 'file', read }, { issues: asIssues(problems) });
      if (read.problems.length > 0) throw refused(read.problems, false);
      // A dry run is the same import in a transaction that is then undone: the same checks, nothing kept.
      const dryRun = c.req.query('dryRun') === 'true';
      const result = await store.importUnits(read.rows, actorOf(admin), dryRun);
      if (!result.ok) {
        const issues = result.error.details?.issues as RegistryProblem[] | undefined;
        throw issues === undefined ? fromFailure(result.error) : refused(issues, true);
      }
      if (!dryRun) await forgetAll();
      return reply(200, { ...result.value, dryRun });
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/units/:id',
      tag: 'units',
      summary: "Change a unit's code, name, kind, parent, head or members (`version` optional, 409 when stale)",
      roles: ADMINS,
      action: 'change the organisation registry',
      body: UnitPatch,
      responses: {
        200: { description: 'the unit', schema: OrgUnitSchema },
        400: 'invalid body',
        401: 'not signed in',
        403: 'role',
        404: 'unknown unit',
        409: 'duplicate code or name, or stale version',
        422: 'unknown parent, head or member, or a parent under the unit',
      },
    },
    async (c, { user: admin, body: { version, ...patch }, reply }) => {
      const unit = must(await store.updateUnit(param(c, 'id'), patch, version, actorOf(admin)));
      await forgetAll();
      return reply(200, unitView(unit));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/units/:id',
      tag: 'units',
      summary: 'Delete a unit that owns no objective, indicator or unit under it (its members leave it)',
      roles: ADMINS,
      action: 'change the organisation registry',
      responses: {
        200: { description: 'the deleted unit', schema: OrgUnitSchema },
        401: 'not signed in',
        403: 'role',
        404: 'unknown unit',
        409: 'in-use: details.objectives [{planId, plan, code}], details.indicators, details.children',
      },
    },
    async (c, { user: admin, reply }) => {
      const unit = must(await store.deleteUnit(param(c, 'id'), actorOf(admin)));
      await forgetAll();
      return reply(200, unitView(unit));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/people',
      tag: 'units',
      summary:
        'The active accounts a person field can name: id, username, name, role, units, and whether they may be named Referente of an objective or indicator (assignable: a referente, the controller, an administrator; never an OIV or HR)',
      roles: 'signed-in',
      responses: { 200: { description: '[{id, username, displayName, role, unitIds, assignable}]', schema: z.array(PersonSchema) }, 401: 'not signed in' },
    },
    async (c, { reply }) => {
      return reply(
        200,
        (await store.listUsers()).filter((u) => u.active).map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitIds: u.unitIds, assignable: mayBeAssigned(u) })),
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/reassign',
      tag: 'units',
      summary: 'Bulk reassignment: the listed objectives and indicators to a unit and/or a person (null clears; absent leaves as is); one audited change each',
      roles: PLAN_EDITORS,
      action: 'reassign objectives and indicators',
      body: Reassign,
      responses: {
        200: { description: '{nodes, indicators}', schema: ReassignedSchema },
        400: 'invalid body',
        401: 'not signed in',
        403: 'role',
        404: 'unknown plan, objective or indicator',
        422: 'unknown unit or person',
      },
    },
    async (c, { user, body: input, reply }) => {
      return reply(200, must(await store.reassign(param(c, 'planId'), input, actorOf(user))));
    },
  );
};
