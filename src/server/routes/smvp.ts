/**
 * The SMVP per body and year: read by anyone (bodies publish it in Amministrazione trasparente),
 * saved by the administrator, HR (`personale`) and the controllo di gestione; every save is a new
 * version, the earlier ones kept and readable (`?version=`). Refused with every problem at its
 * field (422 `invalid-smvp`): component weights not summing to 100, a band table with a gap or an
 * overlap, a behaviour rated but not in the catalogue… A save that names the version it was edited
 * from is refused (409 `conflict`) when another was saved meanwhile.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { exampleSmvpJson, smvpFromJson } from '../../core/appraisal/index.js';
import { ORGANISATION_MAX, type Issue, type Language } from '../../core/index.js';
import { readSmvpXlsx, workbookPlace, writeSmvpXlsx } from '../../io/appraisal/smvp-xlsx.js';
import type { Store, UserRecord } from '../../store/index.js';
import { type SmvpSaved, SmvpReadSchema, SmvpSavedSchema, SmvpSummarySchema } from '../../contract/index.js';
import { issueDocument } from '../../io/json.js';
import type { Deps, RouteModule } from '../api.js';
import { actorOf } from '../auth.js';
import { issueOf, refuse } from '../errors.js';
import { defaultOrganisation, ORGANISATION_QUERY } from './appraisals.js';
import { formText, oneUploadedFile } from '../validation.js';
import { replyLanguage } from '../language.js';
import { type ActorNamer } from '../actor-names.js';

export const SMVP_EDITORS = ['admin', 'personale', 'controller'] as const;

const SaveBody = z
  .object({
    organisation: z.string().trim().min(1).max(ORGANISATION_MAX).optional(),
    document: z.unknown(),
    reason: z.string().trim().max(2000).optional(),
    /** The version the edit started from (0: none saved yet); 409 when another was saved meanwhile. */
    version: z.number().int().min(0).max(999_999).optional(),
  })
  .strict();

function yearOf(c: Context): number {
  const text = c.req.param('year') ?? '';
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2100) throw refuse(400, 'invalid-path', { name: 'year', problem: 'year' });
  return Number(text);
}

async function organisationOf(c: Context, store: Store): Promise<string> {
  const asked = c.req.query('organisation');
  if (asked !== undefined && (asked.trim() === '' || asked.length > ORGANISATION_MAX)) throw refuse(400, 'invalid-query', { field: 'organisation', problem: 'body-name' });
  return asked?.trim() ?? (await defaultOrganisation(store));
}

/** With its `params`, so the answer says it in the reader's language (the catalogue's words). */

/** Checks and stores a document for the body and year in the address; 422 with every problem placed. */
async function save(
  deps: Pick<Deps, 'store' | 'names'>,
  user: UserRecord,
  organisation: string,
  year: number,
  document: unknown,
  reason: string | null,
  language: Language,
  place: (i: Issue) => Issue = (i) => i,
  expectedVersion?: number,
): Promise<SmvpSaved> {
  const read = smvpFromJson(document);
  const issues = read.issues.map(place);
  if (read.value === null) throw refuse(422, 'invalid-smvp', { errors: issues.filter((i) => i.severity === 'error').length }, { issues: issues.map(issueDocument) });
  if (read.value.year !== year) {
    const params = { year: read.value.year, expected: year };
    throw refuse(422, 'invalid-smvp', { errors: 1 }, { issues: [issueOf('smvp-year-mismatch', params, { field: 'year' })] });
  }
  if (read.value.organisation !== organisation) {
    const params = { organisation: read.value.organisation, expected: organisation };
    throw refuse(422, 'invalid-smvp', { errors: 1 }, { issues: [issueOf('smvp-organisation-mismatch', params, { field: 'organisation' })] });
  }
  const saved = await deps.store.appraisals.saveSmvp(organisation, year, document, reason, actorOf(user), expectedVersion);
  // With its place: a body corrected meanwhile is said at the body's name (`details.field`).
  if (!saved.ok) throw refuse(409, 'conflict', saved.error.params ?? {}, saved.error.details === undefined ? {} : { details: saved.error.details });
  return { ...named(saved.value, await deps.names.namer(language)), issues: issues.map(issueDocument) };
}

/** An SMVP version with who saved it by name beside the login. */
function named<T extends { readonly createdBy: string | null }>(record: T, nameOf: ActorNamer): T & { createdByName: string | null } {
  return { ...record, createdByName: nameOf(record.createdBy) };
}

export const smvpRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route(
    {
      method: 'get',
      path: '/api/smvp',
      tag: 'smvp',
      summary: 'The SMVPs stored: body, year, latest version',
      roles: 'everyone',
      access: 'everyone (the SMVP is published)',
      responses: { 200: { description: '[{organisation, year, version, reason, createdAt, createdBy, createdByName}]', schema: z.array(SmvpSummarySchema) } },
    },
    async (c, { reply }) => {
      const nameOf = await deps.names.namer(replyLanguage(c));
      return reply(
        200,
        (await store.appraisals.listSmvp()).map((s) => named(s, nameOf)),
      );
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/smvp/:year',
      tag: 'smvp',
      summary: 'The SMVP of a body for a year (latest version, or ?version=); a year the body has saved none for is an answer, not a missing resource: `version` null and the example to start from',
      roles: 'everyone',
      access: 'everyone (the SMVP is published)',
      query: { organisation: ORGANISATION_QUERY, version: 'an earlier version' },
      responses: {
        200: {
          description: '{organisation, year, version, document, reason, createdAt, createdBy, createdByName}; none saved for the year (latest asked): {organisation, year, version: null, example}',
          schema: SmvpReadSchema,
        },
        400: 'invalid year or query',
        404: 'no such earlier version (`?version=`) for that body and year',
      },
    },
    async (c, { reply }) => {
      const year = yearOf(c);
      const organisation = await organisationOf(c, store);
      const v = c.req.query('version');
      if (v !== undefined && !/^\d{1,6}$/.test(v)) throw refuse(400, 'invalid-query', { field: 'version', problem: 'type', expected: 'integer' });
      const record = await store.appraisals.getSmvp(organisation, year, v === undefined ? undefined : Number(v));
      // None saved yet is the year's state before HR writes it (the screens open on it): said, not refused.
      if (record === undefined && v === undefined) return reply(200, { organisation, year, version: null, example: exampleSmvpJson(organisation, year) });
      if (record === undefined) throw refuse(404, 'not-found', { appraisal: 'smvp-not-found', organisation, year, version: Number(v) });
      return reply(200, named(record, await deps.names.namer(replyLanguage(c))));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/smvp/:year',
      tag: 'smvp',
      summary: 'Save the SMVP of a body for a year as a new version (audited, the earlier versions kept)',
      roles: SMVP_EDITORS,
      action: 'change the SMVP',
      body: SaveBody,
      query: { organisation: ORGANISATION_QUERY },
      responses: {
        200: { description: 'the saved version and its warnings', schema: SmvpSavedSchema },
        400: 'invalid body',
        401: 'not signed in',
        403: 'role',
        409: 'conflict: `version` sent and another version saved meanwhile (details.current: the version now latest, updatedBy, updatedByName, updatedAt; params.by)',
        422: 'invalid-smvp: every problem with its field (schemes.1.components, schemes.0.bands.2.min…)',
      },
    },
    async (c, { user, body: input, reply }) => {
      const year = yearOf(c);
      const organisation = input.organisation ?? (await organisationOf(c, store));
      return reply(200, await save(deps, user, organisation, year, input.document, input.reason ?? null, replyLanguage(c), undefined, input.version));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/smvp/:year/import',
      tag: 'smvp',
      summary: 'Save the SMVP from a file: the JSON document or the workbook that /export?format=xlsx gives',
      roles: SMVP_EDITORS,
      action: 'change the SMVP',
      multipart: { file: 'the SMVP as .json or .xlsx', reason: 'optional: why it changes' },
      query: { organisation: ORGANISATION_QUERY },
      responses: {
        200: { description: 'the saved version and its warnings', schema: SmvpSavedSchema },
        400: 'no file, or more than one (one-file: nothing imported)',
        401: 'not signed in',
        403: 'role',
        415: 'not multipart',
        422: 'invalid-smvp with every problem placed (sheet for a workbook)',
      },
    },
    async (c, { user, reply }) => {
      const year = yearOf(c);
      const organisation = await organisationOf(c, store);
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) throw refuse(415, 'unsupported-media-type', { expected: 'multipart', what: 'smvp' });
      const { form, file } = await oneUploadedFile(c, 'smvp');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const reason = formText(form, 'reason')?.trim() || null;
      if (/\.json$/i.test(file.name)) {
        let doc: unknown;
        try {
          doc = JSON.parse(new TextDecoder().decode(bytes));
        } catch {
          throw refuse(422, 'invalid-smvp', { errors: 1 }, { issues: [issueOf('smvp-not-json', { file: file.name }, { file: file.name })] });
        }
        return reply(200, await save(deps, user, organisation, year, doc, reason, replyLanguage(c)));
      }
      const read = await readSmvpXlsx(bytes, file.name);
      if (read.value === null) throw refuse(422, 'invalid-smvp', { errors: read.issues.filter((i) => i.severity === 'error').length }, { issues: read.issues.map(issueDocument) });
      const placed = (i: Issue): Issue => (i.location?.field === undefined ? i : { ...i, location: { ...i.location, file: file.name, ...workbookPlace(i.location.field) } });
      return reply(200, await save(deps, user, organisation, year, read.value, reason, replyLanguage(c), placed));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/smvp/:year/export',
      tag: 'smvp',
      summary: 'The SMVP as a file: JSON, or a workbook with one sheet per part (Italian headers) that the import takes back; without a stored SMVP, ?example=true gives a starting one',
      roles: 'everyone',
      access: 'everyone (the SMVP is published)',
      query: {
        format: { description: 'json or xlsx', values: ['json', 'xlsx'] },
        organisation: ORGANISATION_QUERY,
        version: 'an earlier version',
        example: { description: 'the example SMVP to start from', values: ['true'] },
      },
      responses: { 200: 'the file', 400: 'unknown format', 404: 'no SMVP for that body and year' },
    },
    async (c) => {
      const year = yearOf(c);
      const organisation = await organisationOf(c, store);
      const format = c.req.query('format') ?? '';
      if (format !== 'json' && format !== 'xlsx') throw refuse(400, 'invalid-query', { field: 'format', values: ['json', 'xlsx'], value: format });
      const v = c.req.query('version');
      if (v !== undefined && !/^\d{1,6}$/.test(v)) throw refuse(400, 'invalid-query', { field: 'version', problem: 'type', expected: 'integer' });
      const record =
        c.req.query('example') === 'true' ? { document: exampleSmvpJson(organisation, year), version: 0 } : await store.appraisals.getSmvp(organisation, year, v === undefined ? undefined : Number(v));
      if (record === undefined) throw refuse(404, 'not-found', { appraisal: 'smvp-not-found', organisation, year, ...(v === undefined ? {} : { version: Number(v) }) });
      const name = `smvp-${year}-v${record.version}.${format}`;
      if (format === 'json')
        return new Response(JSON.stringify(record.document, null, 2), { headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` } });
      const bytes = await writeSmvpXlsx(record.document as Record<string, unknown>);
      return new Response(new Uint8Array(bytes), {
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="${name}"` },
      });
    },
  );
};
