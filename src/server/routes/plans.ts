/** Plans: list, create, import a published table, publish/rename, delete. */
import { z } from 'zod';
import { closest, hasErrors, ORGANISATION_MAX, PLAN_TITLE_MAX, PLAN_YEARS, planSize, problem, titleYear, type Issue, type PersonAssignment, type UnitAssignment } from '../../core/index.js';
import { PlanImportedSchema, PlanImportPreviewSchema, type PlanSummary, PlanSummarySchema } from '../../contract/index.js';
import { renderCoded } from '../../messages/index.js';
import { isIsoDate, periodsProblem, PLAN_VERSIONS, unitKey, type ImportInput, type PlanRecord, type Store, type UserRecord } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { actorOf, currentUser } from '../auth.js';
import { type HttpError, issueOf, issueView, must, refuse } from '../errors.js';
import { replyLanguage } from '../language.js';
import { readablePlan } from '../plan-access.js';
import { mayBeAssigned, PLAN_EDITORS } from '../permissions.js';
import { formText, invalidAt, invalidField, oneUploadedFile, param, plainText, REASON_MAX, reasonQuery } from '../validation.js';
import { compareNames } from '../../core/names.js';

/**
 * The plan as a reader sees it. `forPublic`: as the public reads it, without the login name of
 * who adopted it (nobody's name to the public and half of a sign-in, as the public register of
 * revisions leaves out) and without the number of a revision still being drafted, which is the
 * office's until approved.
 */
export function planView(p: PlanRecord, forPublic = false): PlanSummary {
  if (forPublic) return { ...planView(p), adoption: p.adoption === null ? null : { ...p.adoption, adoptedBy: null }, openRevision: null };
  return {
    id: p.id,
    organisation: p.organisation,
    title: p.title,
    year: p.year,
    version: p.version,
    published: p.published,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    status: p.status,
    adoption: p.adoption,
    archived: p.archivedAt !== null,
    archivedAt: p.archivedAt,
    openRevision: p.openRevision,
    editVersion: p.editVersion,
  };
}

const Year = z.number().int().min(PLAN_YEARS.first).max(PLAN_YEARS.last);
export const PeriodLabel = z.string().trim().min(1).max(200);
/** A period as POST /api/plans and POST …/periods take it: its day `YYYY-MM-DD` and a label (default: the date, `30/04/2024`). */
export const NewPeriodBody = z.object({ endsOn: z.string().refine(isIsoDate, 'iso-date'), label: PeriodLabel.optional() }).strict();
/** The body a plan belongs to (the ente), as a plan is made or corrected. */
const Organisation = z.string().trim().min(1).max(ORGANISATION_MAX);
const NewPlan = z
  .object({
    title: z.string().trim().min(1).max(PLAN_TITLE_MAX),
    year: Year,
    organisation: Organisation.optional(),
    version: z.enum(PLAN_VERSIONS).optional(),
    periods: z.array(NewPeriodBody).min(1).max(366).optional(),
  })
  .strict();
/** A save names the plan's `editVersion` it was made from (optional: a client naming none saves as before). */
export const EditVersion = z.number().int().min(1).max(2_000_000_000);
const PlanPatch = z
  .object({
    title: z.string().trim().min(1).max(PLAN_TITLE_MAX).optional(),
    organisation: Organisation.optional(),
    published: z.boolean().optional(),
    version: z.enum(PLAN_VERSIONS).optional(),
    editVersion: EditVersion.optional(),
  })
  .strict();

/** How many of the registry's units an unknown Struttura's message lists. */
const LISTED_UNITS = 20;

/**
 * The registry's ids of the units a template's Struttura cells name, by name (compared as the
 * registry compares names) or by code; a unit the registry does not hold is an error at its cell,
 * listing those it holds.
 */
async function assignedUnitIds(store: Store, assigned: readonly UnitAssignment[]): Promise<{ unitIds: NonNullable<ImportInput['unitIds']>; issues: Issue[] }> {
  const unitIds = { objectives: new Map<string, string>(), indicators: new Map<string, string>() };
  if (assigned.length === 0) return { unitIds, issues: [] };
  const units = await store.listUnits();
  const byName = new Map(units.map((u) => [unitKey(u.name), u.id]));
  const byCode = new Map(units.map((u) => [u.code.toLowerCase(), u.id]));
  const known = units.map((u) => `${u.name} (${u.code})`).sort(compareNames);
  const issues: Issue[] = [];
  for (const a of assigned) {
    const id = byName.get(unitKey(a.unit)) ?? byCode.get(a.unit.trim().toLowerCase());
    if (id === undefined) issues.push(problem('error', 'unknown-assigned-unit', { unit: a.unit, known: known.slice(0, LISTED_UNITS), more: Math.max(0, known.length - LISTED_UNITS) }, a.origin));
    else if (a.indicator === undefined) unitIds.objectives.set(a.objective, id);
    else unitIds.indicators.set(a.indicator, id);
  }
  return { unitIds, issues };
}

/** How many accounts an unknown Referente's message offers. */
const CLOSEST_PEOPLE = 5;

/**
 * The ids of the accounts a template's Referente cells name, by e-mail or username (without
 * regard to case: an address is one whatever its letters); an unknown one is an error at its cell
 * naming the closest accounts it could name, and so is an account that could not enter the values it is
 * given (an OIV, HR: the roles that enter none) or one switched off.
 */
async function assignedPersonIds(store: Store, assigned: readonly PersonAssignment[]): Promise<{ personIds: NonNullable<ImportInput['personIds']>; issues: Issue[] }> {
  const personIds = { objectives: new Map<string, string>(), indicators: new Map<string, string>() };
  if (assigned.length === 0) return { personIds, issues: [] };
  const users = await store.listUsers();
  const key = (text: string): string => text.trim().toLowerCase();
  // The username's own letters first, then any case: two accounts differing by case alone stay apart.
  const byUsername = new Map(users.map((u) => [u.username, u]));
  const byFolded = new Map<string, UserRecord>();
  for (const u of users) {
    if (!byFolded.has(key(u.username))) byFolded.set(key(u.username), u);
    if (u.email != null && u.email !== '' && !byFolded.has(key(u.email))) byFolded.set(key(u.email), u);
  }
  // Those who could be meant: the accounts such a cell may name.
  const eligible = users.filter(mayBeAssigned);
  const said = (u: UserRecord): string => `${u.displayName} (${u.email ?? u.username})`;
  // A wrong Referente is often the same text down a whole column: its closest accounts (an edit
  // distance to every key of every account) are searched once per distinct text.
  const nearest = new Map<string, string[]>();
  const issues: Issue[] = [];
  for (const a of assigned) {
    const user = byUsername.get(a.person.trim()) ?? byFolded.get(key(a.person));
    if (user === undefined) {
      let near = nearest.get(a.person);
      if (near === undefined) {
        near = closest(a.person, eligible, (u) => [u.email ?? '', u.username, u.displayName].filter((k) => k !== ''), CLOSEST_PEOPLE).map(said);
        nearest.set(a.person, near);
      }
      issues.push(problem('error', 'unknown-assigned-person', { person: a.person, closest: near }, a.origin));
    } else if (!mayBeAssigned(user)) {
      issues.push(problem('error', 'assigned-person-cannot-enter', { person: a.person, account: said(user), role: user.role, active: user.active }, a.origin));
    } else if (a.indicator === undefined) personIds.objectives.set(a.objective, user.id);
    else personIds.indicators.set(a.indicator, user.id);
  }
  return { personIds, issues };
}

export const planRoutes: RouteModule = (api, deps) => {
  const { store, offThread } = deps;

  api.route(
    {
      method: 'get',
      path: '/api/plans',
      tag: 'plans',
      summary: 'The plans (the public sees published plans only, adoption.adoptedBy and openRevision null); archived plans are left out unless asked for',
      roles: 'everyone',
      query: { archived: { description: 'false (default): plans in use; true: archived plans only; all: both', values: ['false', 'true', 'all'] } },
      responses: {
        200: { description: '[{id, organisation, title, year, version, published, createdAt, status, adoption, archived, archivedAt, openRevision}]', schema: z.array(PlanSummarySchema) },
        400: 'archived other than false, true, all',
      },
    },
    async (c, { reply }) => {
      const asked = c.req.query('archived') ?? 'false';
      if (asked !== 'false' && asked !== 'true' && asked !== 'all') {
        throw refuse(
          400,
          'invalid-query',
          { field: 'archived', values: ['false', 'true', 'all'], value: asked.slice(0, 40) },
          { issues: [issueOf('invalid-query', { field: 'archived', values: ['false', 'true', 'all'] }, { field: 'archived' })] },
        );
      }
      const plans = await store.listPlans({ archived: asked === 'false' ? 'exclude' : asked === 'true' ? 'only' : 'all' });
      const user = currentUser(c);
      return reply(
        200,
        plans.filter((p) => user !== null || p.published).map((p) => planView(p, user === null)),
      );
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/template',
      tag: 'plans',
      summary: 'The blank plan template (XLSX, sheets «Albero» and «Guida», in Italian) that the import reads: `albero template` for the office that has only the web app',
      roles: PLAN_EDITORS,
      action: 'download the plan template',
      responses: { 200: 'the workbook (attachment)', 401: 'not signed in', 403: 'role' },
    },
    async (c) => {
      const { buildTemplate } = await import('../../io/xlsx/template.js');
      return c.body(new Uint8Array((await buildTemplate().xlsx.writeBuffer()) as ArrayBuffer), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': 'attachment; filename="modello-piano.xlsx"',
      });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId',
      tag: 'plans',
      summary: 'One plan (archived ones too): status, adoption act, open revision',
      roles: 'everyone',
      access: 'signed in; the public for published plans (adoption.adoptedBy and openRevision null)',
      responses: { 200: { description: 'the plan', schema: PlanSummarySchema }, 404: 'unknown plan' },
    },
    async (c, { reply }) => reply(200, planView(await readablePlan(c, store, param(c, 'planId')), currentUser(c) === null)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans',
      tag: 'plans',
      summary: 'Create an empty plan with the monitoring periods given (`periods: [{endsOn, label?}]`, days of its year, each once), by default 30/06, 30/09, 31/12',
      roles: PLAN_EDITORS,
      action: 'create plans',
      body: NewPlan,
      responses: {
        201: { description: 'the plan', schema: PlanSummarySchema },
        400: 'invalid body (a period outside the year or given twice: the field named)',
        401: 'not signed in',
        403: 'role',
        409: 'the body already has a plan of that year, version and title (details.planId): `duplicate`, or `conflict` when another request made it meanwhile',
      },
    },
    async (c, { user, body: input, reply }) => {
      const problem = input.periods === undefined ? null : periodsProblem(input.periods, input.year);
      if (problem !== null) {
        const field = problem.index < 0 ? 'periods' : `periods.${problem.index}.endsOn`;
        throw invalidAt(field, 'invalid', { field, ...problem.problem });
      }
      const plan = must(await store.createPlan(input, actorOf(user)));
      return reply(201, planView(plan));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/import',
      tag: 'plans',
      summary:
        "Import a published table (text/TSV, CSV or .xlsx) or the JSON `albero import --output` writes; its actuals become the year-end period's values; a template's Struttura and Referente (JSON: assignedUnit, assignedPerson) assign units and accounts",
      roles: PLAN_EDITORS,
      action: 'import plans',
      multipart: { file: 'the table', title: 'optional title (default: the table’s)', year: 'optional year (default: from the title, else this year)', organisation: 'optional organisation' },
      query: { dryRun: 'true: only report the issues, store nothing' },
      responses: {
        201: { description: '{plan, issues}', schema: PlanImportedSchema },
        200: { description: 'dry run: {plan: null, preview, issues}', schema: PlanImportPreviewSchema },
        400: 'no file, or more than one (one-file, located at the field "file": nothing imported)',
        401: 'not signed in',
        403: 'role',
        409: 'the body already has a plan of that year, version and title (details.planId): `duplicate`, or `conflict` when another request made it meanwhile',
        413: 'file too large',
        422: 'invalid-file with the located issues',
      },
    },
    async (c, { user, reply }) => {
      const type = c.req.header('content-type') ?? '';
      if (!type.toLowerCase().startsWith('multipart/form-data')) throw refuse(415, 'unsupported-media-type', { expected: 'multipart', what: 'plan' });
      const { form, file } = await oneUploadedFile(c, 'plan');
      plainText({ title: formText(form, 'title'), year: formText(form, 'year'), organisation: formText(form, 'organisation') });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const name = file.name || 'upload.txt';
      const text = (name: string): string | undefined => {
        const value = formText(form, name)?.trim();
        return value === '' ? undefined : value;
      };
      // The table's dates are checked against the year the plan will get (below): the form's year,
      // else its title's, else the table's title's (the reader's own), else this year's.
      const givenYear = text('year');
      const formYear = givenYear === undefined ? titleYear(text('title') ?? '') : /^\d{4}$/.test(givenYear) ? Number(givenYear) : undefined;
      // A big table is read on a worker thread: other requests are answered meanwhile. The stated
      // cells are read (an unreadable one is an error) but not kept: nothing stored uses them.
      const read = (year: number | undefined) => offThread.importTable(bytes, name, { stated: false, planJson: true, ...(year === undefined ? {} : { year }) });
      const first = await read(formYear);
      const language = replyLanguage(c);
      const unreadable = (found: readonly Issue[]): HttpError => {
        const issues = found.map((i) => issueView(i));
        return refuse(
          422,
          'invalid-file',
          {
            file: name,
            // The first problems as the reader's language says them (the issues are said by errorResponse).
            problems: issues
              .filter((i) => i.severity === 'error')
              .slice(0, 3)
              .map((i) => renderCoded(i, language)),
          },
          { issues },
        );
      };
      if (first.value === null || hasErrors(first.issues)) throw unreadable(first.issues);
      c.header('Content-Language', language);
      c.header('Vary', 'Accept-Language', { append: true });
      const title = text('title') ?? first.value.plan.title;
      // The table's own title can be as long as its author wrote it: a plan's title is held to the limit everywhere.
      if (title.length > PLAN_TITLE_MAX) throw invalidField('title', { problem: 'too-long', maximum: PLAN_TITLE_MAX });
      const yearText = text('year') ?? String(titleYear(title) ?? new Date().getFullYear());
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || year < PLAN_YEARS.first || year > PLAN_YEARS.last) throw invalidField('year', { problem: 'year', value: yearText.slice(0, 20) });
      // A table whose title names no year, with none in the form, was read without its dates checked: read again against this year's.
      const again = formYear === undefined && titleYear(first.value.plan.title) !== year ? await read(year) : null;
      const outcome = again?.value != null ? { value: again.value, issues: again.issues } : { value: first.value, issues: first.issues };
      const issues = outcome.issues.map((i) => issueView(i, language));
      // As the API refuses a baseline year after the plan's at its field (routes/tree.ts), at its cell.
      const late = (outcome.value.baselineYears ?? []).filter((b) => b.year > year);
      if (late.length > 0) throw unreadable([...outcome.issues, ...late.map((b) => problem('error', 'baseline-year-after', { year: b.year, maximum: year }, b.origin))]);
      // Each Struttura cell names a unit of the registry, or nothing is imported: the office corrects the cell rather than find its referenti without their worklists.
      // And each Referente cell an account that may enter the values it is given: said at its cell, with those who could be meant.
      const assigned = await assignedUnitIds(store, outcome.value.assignedUnits ?? []);
      const people = await assignedPersonIds(store, outcome.value.assignedPeople ?? []);
      if (assigned.issues.length > 0 || people.issues.length > 0) throw unreadable([...outcome.issues, ...assigned.issues, ...people.issues]);
      if (c.req.query('dryRun') === 'true') {
        // Counted as the command line's import and the Relazione count it: the strategic areas apart from the objectives.
        return reply(200, { plan: null, preview: { title, year, ...planSize(outcome.value.plan) }, issues });
      }
      const plan = must(await store.importPlan({ table: outcome.value, title, year, organisation: text('organisation'), unitIds: assigned.unitIds, personIds: people.personIds }, actorOf(user)));
      return reply(201, { plan: planView(plan), issues });
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/plans/:planId',
      tag: 'plans',
      summary:
        'Publish, unpublish, rename, correct the body (`organisation`), or set the version (plan / revision / final); renaming an adopted plan, or correcting its body, belongs to a revision. `editVersion` (optional): the plan’s as read, 409 when another change came since',
      roles: PLAN_EDITORS,
      action: 'change plans',
      body: PlanPatch,
      responses: {
        200: { description: 'the plan', schema: PlanSummarySchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown plan',
        409: 'revision-required (adopted plan, no open revision; a body asked names it, details.field `organisation`), plan-archived; a title or version another plan of the year holds (details.planId): `duplicate`, or `conflict` when made meanwhile; `conflict` when `editVersion` is stale (details.current: {version, updatedBy, updatedAt}; nothing stored), or when the corrected body has its own SMVP, appraisal forms or distributions that year (details.field `organisation`; the year’s records otherwise follow the plan)',
      },
    },
    async (c, { user, body: input, reply }) => {
      const { editVersion, ...patch } = input;
      return reply(200, planView(must(await store.updatePlan(param(c, 'planId'), patch, actorOf(user), editVersion))));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/plans/:planId',
      tag: 'plans',
      summary:
        'Delete a plan and everything in it (audited); a plan with a closed or validated period is archived instead; an archived plan is not deleted (409 plan-archived): brought back from the archive first, then deleted',
      roles: PLAN_EDITORS,
      action: 'delete plans',
      query: { reason: `why the plan is deleted (optional, at most ${REASON_MAX} characters): kept on its audit and on the \`plan-deleted\` trail entry of each appraisal form it moves` },
      responses: {
        200: { description: 'the deleted plan', schema: PlanSummarySchema },
        400: 'a reason too long (invalid-query at `reason`; nothing deleted)',
        403: 'role',
        404: 'unknown plan',
        409: "plan-archived: the plan is archived (details.planId; unarchive it first; nothing deleted); plan-has-closed-periods (details.periods); plan-has-appraisals: the last plan of its body and year, whose SMVP, appraisal forms or bonus distributions would be left without a plan (details.field `organisation`, details.records: {smvpVersions, forms, distributions}; nothing deleted); plan-has-forms: an appraisal form was evaluated against the plan, or no plan of its body and year remains to take its forms (details.field `forms`, details.forms: [{id, state, evaluated}]; nothing deleted). Otherwise its forms go to the body's remaining plan of the year",
        422: 'a reason holding control characters (nothing deleted)',
      },
    },
    async (c, { user, reply }) => {
      // Why, when said: on the plan's audit and on the trail of each appraisal form the deletion moves.
      const reason = reasonQuery(c);
      return reply(200, planView(must(await store.deletePlan(param(c, 'planId'), actorOf(user), reason))));
    },
  );
};
