/**
 * Appraisal forms (schede di valutazione individuale): HR creates them, the evaluator and the
 * person go through the steps of core/appraisal/workflow.ts, each step audited in the forms' own
 * trail. Privacy (forms.ts `mayRead`): the person, their evaluator, HR (`personale`) and the
 * administrator; the OIV for managers' forms; nobody else, and the public never.
 */
import { z } from 'zod';
import { Decimal, ORGANISATION_MAX, sortByNames } from '../../core/index.js';
import {
  ACTION_RULES,
  CATEGORY_LABEL,
  FORM_ACTIONS,
  STATE_LABEL,
  STAFF_CATEGORIES,
  computeForm,
  editableParts,
  levelOf,
  mayAct,
  mayChangePlan,
  schemeOf,
  type FormAction,
  type StaffCategory,
} from '../../core/appraisal/index.js';
import {
  AppraisalFormSchema,
  AppraisalPersonSchema,
  AssignStrandedBodySchema,
  FormSummarySchema,
  FormTrailEntrySchema,
  StrandedAssignedSchema,
  StrandedBodySchema,
  type FormSummary,
} from '../../contract/index.js';
import { formClash, PLAN_CHANGED, sameStored, type FormRecord, type Result, type Store, type UserRecord } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { actorOf } from '../auth.js';
import { must, refuse } from '../errors.js';
import { language, param } from '../validation.js';
import { renderMessage, type Language, type Params } from '../../messages/index.js';
import {
  AssignmentBody,
  alreadyAcknowledged,
  assignmentsToDocument,
  HR_ROLES,
  ObjectiveBody,
  OrgCache,
  Ratings,
  computeRecord,
  deletedPlanOf,
  documentOf,
  emptyDocument,
  FieldProblems,
  formInput,
  formView,
  freezeOrg,
  frozenOrg,
  invalid,
  listScores,
  mayOf,
  mayRead,
  missingPlan,
  person,
  planMissingParams,
  planMissingRefusal,
  unscored,
  objectivesToDocument,
  relationsOf,
  smvpFor,
  type FormDocument,
} from '../appraisal/forms.js';
import { formTrailInWords } from '../appraisal/trail.js';
import { renderFormDocument, FORM_DOCUMENT_FORMATS, type FormDocumentFormat } from '../appraisal/documents.js';

const Category = z.enum(STAFF_CATEGORIES as [StaffCategory, ...StaffCategory[]]);
const NewForm = z
  .object({
    year: z.number().int().min(2000).max(2100),
    personId: z.string().min(1).max(200),
    evaluatorId: z.string().min(1).max(200),
    category: Category,
    planId: z.string().min(1).max(200).nullable().optional(),
    organisation: z.string().trim().min(1).max(ORGANISATION_MAX).optional(),
    assignments: z.array(AssignmentBody).max(50).optional(),
    objectives: z.array(ObjectiveBody).max(100).optional(),
  })
  .strict();
const FormPatch = z
  .object({
    version: z.number().int().min(1),
    evaluatorId: z.string().min(1).max(200).optional(),
    planId: z.string().min(1).max(200).nullable().optional(),
    assignments: z.array(AssignmentBody).max(50).optional(),
    objectives: z.array(ObjectiveBody).max(100).optional(),
    ratings: Ratings.optional(),
    /** Why the plan changes (`planId`): required for a form whose plan stands, kept on its trail. */
    reason: z.string().trim().max(5000).optional(),
  })
  .strict();
const Action = z
  .object({
    action: z.enum(FORM_ACTIONS as [FormAction, ...FormAction[]]),
    version: z.number().int().min(1),
    note: z.string().trim().max(5000).optional(),
    reason: z.string().trim().max(5000).optional(),
    outcome: z.enum(['confirmed', 'revised']).optional(),
  })
  .strict();

/** How the API's description says the `organisation` of a query, and its default. */
export const ORGANISATION_QUERY = 'the body (default: the installation’s, that of its newest published plan)';

/**
 * The body a form, an SMVP, a distribution or the public art. 20 aggregates belong to when none is
 * named: the installation's own, the body of the newest plan it publishes (what a citizen reads on
 * /trasparenza); before anything is published, the newest plan's; else "Ente" (the store's
 * default). Not simply the newest plan's: a test or draft plan imported later, of another body,
 * would put that body's bonuses in front of a citizen.
 */
export async function defaultOrganisation(store: Store): Promise<string> {
  const plans = await store.listPlans({ archived: 'all' });
  return (plans.find((p) => p.published) ?? plans[0])?.organisation ?? 'Ente';
}

async function readableForm(store: Store, user: UserRecord, id: string): Promise<FormRecord> {
  const form = await store.appraisals.getForm(id);
  if (form === undefined) throw refuse(404, 'not-found', { appraisal: 'form-not-found', id });
  if (!mayRead(user, form)) throw refuse(403, 'forbidden', { appraisal: 'appraisal-private' });
  return form;
}

/**
 * A form stored, or the store's refusal thrown: a plan of another body or year (checked in the
 * store's transaction, under the plan row's lock) is said at `planId` as the route's own 422s are.
 */
function savedForm(result: Result<FormRecord>): FormRecord {
  if (!result.ok && (result.error.code === 'plan-other-body' || result.error.code === 'plan-other-year')) {
    const params = result.error.params as Params<'plan-other-body'> & Params<'plan-other-year'>;
    throw result.error.code === 'plan-other-body' ? invalid('planId', 'plan-other-body', params, 422) : invalid('planId', 'plan-other-year', params, 422);
  }
  return must(result);
}

/** HR or the administrator reading their own form: there they are the person alone (forms.ts `relationsOf`). */
function ownForm(user: UserRecord, personId: string): boolean {
  return user.id === personId && (HR_ROLES as readonly string[]).includes(user.role);
}
const ownFormRefusal = (field: string) => refuse(403, 'forbidden', { appraisal: 'own-form' }, { details: { field } });

/** The person and the evaluator of a form, each problem added at its field. */
async function checkPeople(store: Store, personId: string, evaluatorId: string, problems: FieldProblems): Promise<void> {
  const [p, e] = await Promise.all([store.getUser(personId), store.getUser(evaluatorId)]);
  if (p === undefined) problems.add('personId', 'unknown-account', {});
  if (personId === evaluatorId) problems.add('evaluatorId', 'self-evaluation', {}, 422);
  else if (e === undefined || !e.active) problems.add('evaluatorId', 'unknown-account', { active: true });
}

export const appraisalRoutes: RouteModule = (api, deps) => {
  const { store } = deps;
  /** The server's names of the accounts, knowing the people of `forms` (their persons and evaluators). */
  const peopleOf = (...forms: readonly Pick<FormRecord, 'personId' | 'evaluatorId'>[]) => deps.names.including(forms.flatMap((f) => [f.personId, f.evaluatorId]));

  /** The form as every route answers it: computed (live or frozen), its people named, the plan it was evaluated on said when deleted since. */
  const viewOf = async (form: FormRecord, user: UserRecord, lang: Language) => {
    const deleted = await deletedPlanOf(store, form);
    return formView(form, await computeRecord(store, new OrgCache(deps.trees), form, deleted), await peopleOf(form), user, lang, deleted);
  };

  api.route(
    {
      method: 'get',
      path: '/api/appraisals/people',
      tag: 'appraisals',
      summary:
        "The active accounts HR may appraise or name as evaluators, by name: id, username, name, units (names and registry ids; no roles, no passwords); `own`: the reader's own account, which may be an evaluator but not the person of a form the reader makes (403 own-form)",
      roles: HR_ROLES,
      action: 'list the people to appraise',
      responses: { 200: { description: '[{id, username, displayName, units, unitIds, own}]', schema: z.array(AppraisalPersonSchema) }, 401: 'not signed in', 403: 'role' },
    },
    async (_c, { user, reply }) => {
      // By name, as HR looks a person up ("de Luca" before "De Rosa"), the username telling apart two of the same name.
      const people = sortByNames(
        (await store.listUsers()).filter((u) => u.active),
        (u) => u.displayName,
        (u) => u.username,
      );
      return reply(
        200,
        people.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, units: u.units, unitIds: u.unitIds, own: ownForm(user, u.id) })),
      );
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/appraisals/stranded-bodies',
      tag: 'appraisals',
      summary:
        'Bodies whose SMVP, forms or distributions of a year are under a name no plan of that year carries any more: left by a body correction and not moved (migration 84), or saved after the name\u2019s plans of the year were deleted; what they were corrected to, the plans deleted, said in words',
      roles: HR_ROLES,
      action: 'see the records left under a corrected body',
      query: { lang: { description: 'language of the message', values: ['it', 'en'] } },
      responses: { 200: { description: '[{organisation, year, correctedTo, deletedPlans, message, records, bodies}]', schema: z.array(StrandedBodySchema) }, 401: 'not signed in', 403: 'role' },
    },
    async (c, { reply }) => {
      const lang = language(c);
      const stranded = await store.appraisals.strandedBodies();
      const users = (await deps.names.including(stranded.flatMap((b) => b.records.forms.map((f) => f.personId)))).accounts;
      return reply(
        200,
        stranded.map((b) => ({
          organisation: b.organisation,
          year: b.year,
          correctedTo: [...b.correctedTo],
          deletedPlans: [...b.deletedPlans],
          message: renderMessage('stranded-body', { organisation: b.organisation, year: b.year, correctedTo: [...b.correctedTo], deletedPlans: [...b.deletedPlans] }, lang),
          records: {
            smvpVersions: [...b.records.smvpVersions],
            forms: b.records.forms.map((f) => ({
              id: f.id,
              person: person(users.get(f.personId), f.personId, lang).displayName,
              category: f.category,
              categoryLabel: CATEGORY_LABEL[f.category][lang],
              state: f.state,
              stateLabel: STATE_LABEL[f.state][lang],
            })),
            distributions: b.records.distributions.map((category) => ({ category, categoryLabel: CATEGORY_LABEL[category][lang] })),
          },
          bodies: b.bodies.map((t) => ({ ...t })),
        })),
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/appraisals/stranded-bodies/assign',
      tag: 'appraisals',
      summary:
        'Assign the SMVP, forms and distributions of a year left under a corrected body (GET /api/appraisals/stranded-bodies) to the body they belong to, all in one transaction, each move on the appraisals’ trail',
      roles: HR_ROLES,
      action: 'assign the records left under a corrected body',
      body: AssignStrandedBodySchema,
      query: { lang: { description: 'language of the message', values: ['it', 'en'] } },
      responses: {
        200: { description: '{organisation, year, to, moved, message}', schema: StrandedAssignedSchema },
        400: 'invalid body (the field named)',
        401: 'not signed in',
        403: 'role',
        409: 'conflict, nothing moved: at `organisation` when nothing is left under the name (assigned meanwhile, or a plan carries it again: `stranded-gone`); at `to` when no plan of the year carries that body (`stranded-target-gone`) or it has records of its own that year (`stranded-target-taken`)',
      },
    },
    async (c, { user, body: input, reply }) => {
      const lang = language(c);
      const moved = must(await store.appraisals.assignStrandedBody(input.organisation, input.year, input.to, actorOf(user)));
      return reply(200, {
        organisation: input.organisation,
        year: input.year,
        to: input.to,
        moved,
        message: renderMessage('stranded-assigned', { organisation: input.organisation, year: input.year, to: input.to, moved }, lang),
      });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/appraisals',
      tag: 'appraisals',
      summary: 'The appraisal forms the reader may see (HR and administrator: all; the OIV: managers’; others: their own and those they evaluate), with their live or frozen score',
      roles: 'signed-in',
      query: { year: 'only this year', lang: { description: 'language of the labels', values: ['it', 'en'] } },
      responses: {
        200: {
          description:
            '[{id, year, category, state, person, evaluator, score, band, complete, planMissing}]; a form not yet evaluated whose plan is not there has no score and `planMissing` {planId, message}: what happened and what HR does',
          schema: z.array(FormSummarySchema),
        },
        400: 'invalid query',
        401: 'not signed in',
      },
    },
    async (c, { user, reply }) => {
      const lang = language(c);
      const yearText = c.req.query('year');
      if (yearText !== undefined && !/^\d{4}$/.test(yearText)) throw refuse(400, 'invalid-query', { field: 'year', problem: 'year' });
      const forms = (await store.appraisals.listForms(yearText === undefined ? {} : { year: Number(yearText) })).filter((f) => mayRead(user, f));
      const users = (await peopleOf(...forms)).accounts;
      const orgs = new OrgCache(deps.trees);
      const scores = listScores(deps.trees);
      const out: FormSummary[] = [];
      // The score and band only (no explanation, no view of the whole form), kept per form while its inputs stay the same.
      for (const form of forms) {
        // One form naming a plan that is not there is a row of its own, saying so; the others are computed as ever.
        const gone = await missingPlan(store, orgs, form);
        const listed = gone === null ? await scores.of(store, orgs, form) : { score: null, band: null, complete: false };
        const doc = documentOf(form);
        out.push({
          id: form.id,
          year: form.year,
          organisation: form.organisation,
          category: form.category,
          categoryLabel: CATEGORY_LABEL[form.category][lang],
          state: form.state,
          stateLabel: STATE_LABEL[form.state][lang],
          person: person(users.get(form.personId), form.personId, lang),
          evaluator: person(users.get(form.evaluatorId), form.evaluatorId, lang),
          ...listed,
          frozen: doc.evaluation !== null,
          planMissing: gone === null ? null : { planId: gone, message: renderMessage('conflict', planMissingParams(form, gone), lang) },
          may: mayOf(form, doc, user),
        });
      }
      return reply(200, out);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/appraisals',
      tag: 'appraisals',
      summary: 'Create the form of a person for a year: evaluator, category, the plan that gives the organisational results, unit assignments, individual objectives (state draft)',
      roles: HR_ROLES,
      action: 'create appraisal forms',
      body: NewForm,
      responses: {
        201: { description: 'the form', schema: AppraisalFormSchema },
        400: 'invalid body (the field named)',
        403: "role; own-form (params.appraisal): HR's or the administrator's own form, made by another of them",
        409: 'the person already has a form that year; conflict `form-plan-gone` at `planId`: the plan was deleted meanwhile',
        422: "self-evaluation: the evaluator is the person; unknown-registry-unit: an assignment names a unit not in the registry; plan-other-year: the plan is not of the form's year; plan-other-body: the plan is of another body than the form's (checked as the form is stored, at `planId`); part-time, assignment-dates, assignments-overlap: an assignment the year cannot count (at its field); objective-target-year: an objective's date target outside the form's year (at its field)",
      },
    },
    async (c, { user, body: input, reply }) => {
      // Whoever makes a form sets its objectives and evaluator: not the person's to do for themselves.
      if (ownForm(user, input.personId)) throw ownFormRefusal('personId');
      // Every field's problem is said in one refusal (people, plan, assignments, objectives), each at its field.
      const problems = new FieldProblems();
      await checkPeople(store, input.personId, input.evaluatorId, problems);
      let organisation = input.organisation;
      if (input.planId !== undefined && input.planId !== null) {
        const plan = await store.getPlan(input.planId);
        if (plan === undefined) problems.add('planId', 'unknown-plan', {});
        // Another year's plan would score the form on results of a year it is not about.
        else if (plan.year !== input.year) problems.add('planId', 'plan-other-year', { year: input.year, planYear: plan.year }, 422);
        organisation ??= plan?.organisation;
      }
      const doc: FormDocument = {
        ...emptyDocument(),
        assignments: await assignmentsToDocument(store, input.assignments ?? [], input.year, problems),
        objectives: objectivesToDocument(input.objectives ?? [], input.year, problems),
      };
      problems.refuseAny();
      organisation ??= await defaultOrganisation(store);
      const form = savedForm(
        await store.appraisals.createForm(
          {
            organisation,
            year: input.year,
            personId: input.personId,
            evaluatorId: input.evaluatorId,
            category: input.category,
            planId: input.planId ?? null,
            document: doc,
          },
          actorOf(user),
        ),
      );
      return reply(201, await viewOf(form, user, language(c)));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/appraisals/:id',
      tag: 'appraisals',
      summary: 'One form with its score explained step by step (live until evaluated, then frozen), what the reader may edit and do',
      roles: 'signed-in',
      access: 'the person, their evaluator, personale, admin; oiv for managers’ forms',
      query: { lang: { description: 'language of the explanation', values: ['it', 'en'] } },
      responses: {
        200: { description: 'the form', schema: AppraisalFormSchema },
        401: 'not signed in',
        403: 'not one of those who may see it',
        404: 'unknown form',
        409: "conflict `form-plan-missing` at `planId` (details: `planId`, the form's `version` for the relinking `PATCH`, `mayChangePlan` whether the reader may relink it): the form, not yet evaluated, names a plan that is not there, and HR is to link it to a plan of its body and year (an evaluated one is read with what it froze)",
      },
    },
    async (c, { user, reply }) => {
      const form = await readableForm(store, user, param(c, 'id'));
      // Refused with whether this reader may relink it (the rule `PATCH` applies), for the screen to offer the choice or not.
      const gone = await missingPlan(store, new OrgCache(deps.trees), form);
      if (gone !== null) throw planMissingRefusal(form, gone, mayChangePlan(form.state, relationsOf(user, form)));
      return reply(200, await viewOf(form, user, language(c)));
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/appraisals/:id',
      tag: 'appraisals',
      summary: 'Change a form against its version: objectives (draft; withdraws the acknowledgements), actuals and ratings (until evaluated; in a conciliation, HR), assignments, evaluator (HR)',
      roles: 'signed-in',
      access: 'the evaluator, personale, admin (what each may change depends on the state)',
      body: FormPatch,
      responses: {
        200: { description: 'the form', schema: AppraisalFormSchema },
        400: 'invalid body',
        401: 'not signed in',
        403: 'may not change that part now; own-form (params.appraisal): HR or the administrator on their own form, where they are the person',
        404: 'unknown form',
        409: 'stale version (details: the version, state and time of the form as it is now; nothing of its content); conflict `form-plan-gone` at `planId`: the plan named was deleted meanwhile',
        422: "a rating outside the scale, a behaviour not in the scheme, self-evaluation, a plan not of the form's year (plan-other-year) or body (plan-other-body), at `planId`, an assignment the year cannot count, an objective's date target outside the form's year",
      },
    },
    async (c, { user, body: input, reply }) => {
      const form = await readableForm(store, user, param(c, 'id'));
      // The person changes no part of their form in any state; HR on their own form is told why.
      if (ownForm(user, form.personId)) throw ownFormRefusal('form');
      const parts = editableParts(form.state, relationsOf(user, form));
      const need = (part: Parameters<typeof parts.includes>[0], what: string): void => {
        if (!parts.includes(part)) throw refuse(403, 'forbidden', { appraisal: 'appraisal-part', part: what, state: form.state }, { details: { state: form.state, editable: parts } });
      };
      const doc = documentOf(form);
      // A form naming a plan that is not there has no score to answer with: relinked (planId), it is
      // saved; any other change is refused before it is stored, as a read of it is.
      const orgs = new OrgCache(deps.trees);
      const gone = await missingPlan(store, orgs, form);
      if (gone !== null && input.planId === undefined) throw planMissingRefusal(form, gone);
      // Every field's problem is said in one refusal (evaluator, plan, assignments, objectives, ratings), each
      // at its field; a part the reader may not change (403) or a state that refuses it (409) is said alone.
      const problems = new FieldProblems();
      let evaluatorId: string | undefined;
      if (input.evaluatorId !== undefined && input.evaluatorId !== form.evaluatorId) {
        need('evaluator', 'evaluator');
        await checkPeople(store, form.personId, input.evaluatorId, problems);
        evaluatorId = input.evaluatorId;
      }
      // The plan changed: HR and the administrator, before the evaluation (mayChangePlan, the rule the
      // form's `may.changePlan` says); a form whose plan stands moves with the reason, on its trail.
      const planChanged = input.planId !== undefined && (input.planId !== form.planId || gone !== null);
      if (planChanged) {
        const relations = relationsOf(user, form);
        if (!relations.includes('hr') && !relations.includes('admin'))
          throw refuse(403, 'forbidden', { appraisal: 'appraisal-part', part: 'plan', state: form.state }, { details: { state: form.state, editable: parts } });
        if (!mayChangePlan(form.state, relations)) throw refuse(409, 'conflict', { appraisal: 'form-plan-evaluated', state: form.state }, { details: { field: 'planId', state: form.state } });
        const plan = input.planId === null ? null : await store.getPlan(input.planId!);
        if (plan === undefined) problems.add('planId', 'unknown-plan', {});
        else if (plan !== null && plan.year !== form.year) problems.add('planId', 'plan-other-year', { year: form.year, planYear: plan.year }, 422);
        // The store checks the body once more under the plan row's lock (a correction meanwhile).
        else if (plan !== null && plan.organisation !== form.organisation)
          problems.add('planId', 'plan-other-body', { organisation: form.organisation, year: form.year, planTitle: plan.title, planOrganisation: plan.organisation, planYear: plan.year }, 422);
        // The reason is asked for a plan that can be taken: none is asked for a change that cannot be made.
        else if (gone === null && (input.reason ?? '') === '') problems.add('reason', 'plan-change-reason-required', {}, 422);
      }
      if (input.assignments !== undefined) {
        need('assignments', 'assignments');
        doc.assignments = await assignmentsToDocument(store, input.assignments, form.year, problems);
      }
      // Objectives not all readable: said with the rest below, before telling a definition from actuals.
      const before = problems.list.length;
      const next = input.objectives === undefined ? undefined : objectivesToDocument(input.objectives, form.year, problems);
      if (next !== undefined && problems.list.length === before) {
        const definition = (o: FormDocument['objectives'][number]) => JSON.stringify([o.id, o.title, o.weight, o.comparator, o.target, o.unit, o.scoring]);
        const redefined = next.length !== doc.objectives.length || next.some((o, i) => definition(o) !== definition(doc.objectives[i]!));
        if (redefined) {
          need('objectives', 'objectives');
          // The person acknowledged other objectives: both must acknowledge these again.
          doc.acknowledged = { person: null, evaluator: null };
        } else need('measurements', 'measurements');
        doc.objectives = next;
      }
      if (input.ratings !== undefined) {
        need('ratings', 'ratings');
        const found = await smvpFor(store, form.organisation, form.year, doc.evaluation?.smvpVersion);
        if (found === null) throw refuse(409, 'smvp-missing', { organisation: form.organisation, year: form.year });
        const scheme = schemeOf(found.smvp, form.category);
        const codes = new Set(scheme?.behaviours.map((b) => b.code) ?? []);
        for (const [code, value] of Object.entries(input.ratings)) {
          if (!codes.has(code)) problems.add(`ratings.${code}`, 'behaviour-not-in-scheme', { code, category: form.category }, 422);
          else if (levelOf(found.smvp, value) === undefined) problems.add(`ratings.${code}`, 'rating-outside-scale', { code, rating: value, scale: found.smvp.ratingScale.map((l) => l.value) }, 422);
        }
        doc.ratings = { ...input.ratings };
      }
      problems.refuseAny();
      // Every part named passed `need`: a reader who may change nothing now (the person, the OIV) named none, and
      // writes nothing either (a change naming no part would still make a new version and a trail entry).
      if (parts.length === 0) throw refuse(403, 'forbidden', { appraisal: 'appraisal-part', part: 'form', state: form.state }, { details: { state: form.state, editable: parts } });
      // Nothing differs from the form as stored (the same objectives, actuals, ratings and assignments, the
      // same evaluator and plan), sent against its current version: the form as it stands, nothing written.
      // Before, a new version and a «form changed» entry with no change on the person's trail, and another
      // desk's copy turned stale for nothing. A stale version goes on to the store, which refuses it.
      if (evaluatorId === undefined && !planChanged && input.version === form.version && sameStored(doc, documentOf(form))) return reply(200, await viewOf(form, user, language(c)));
      const updated = savedForm(
        await store.appraisals.updateForm(
          form.id,
          input.version,
          {
            ...(evaluatorId === undefined ? {} : { evaluatorId }),
            ...(input.planId === undefined ? {} : { planId: input.planId }),
            // The plan changed alone: the document as stored, so the trail says the plan's change only (store `PLAN_CHANGED`).
            document: planChanged && input.assignments === undefined && input.objectives === undefined && input.ratings === undefined ? form.document : doc,
          },
          planChanged ? PLAN_CHANGED : 'update',
          planChanged ? (input.reason ?? null) || null : null,
          actorOf(user),
          form.organisation,
        ),
      );
      return reply(200, await viewOf(updated, user, language(c)));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/appraisals/:id/actions',
      tag: 'appraisals',
      summary:
        'A step of the form: acknowledge (person and evaluator; both → assigned), interview (evaluator, note), evaluate (evaluator; the score is frozen), accept or contest (person; contest needs a reason), conciliate (HR: outcome confirmed | revised, note), finalise (HR), reopen (admin, reason)',
      roles: 'signed-in',
      access: 'as the step says',
      body: Action,
      responses: {
        200: { description: 'the form', schema: AppraisalFormSchema },
        400: 'invalid body',
        401: 'not signed in',
        403: 'not yours to take; own-form (params.appraisal): a step of HR or the administrator on their own form',
        404: 'unknown form',
        409: 'stale version, or not from this state; already-acknowledged: the reader acknowledged the objectives already',
        422: 'the form is not complete (issues listed), or a note/reason/outcome missing; conciliation-confirmed-changed: outcome confirmed while the changes of the conciliation moved the score',
      },
    },
    async (c, { user, body: input, reply }) => {
      const form = await readableForm(store, user, param(c, 'id'));
      const rule = ACTION_RULES[input.action];
      const relations = relationsOf(user, form);
      if (!rule.by.some((r) => relations.includes(r))) {
        if (ownForm(user, form.personId)) throw ownFormRefusal('action');
        throw refuse(403, 'forbidden', { appraisal: 'appraisal-step', action: input.action });
      }
      if (!mayAct(input.action, form.state, relations))
        throw refuse(409, 'invalid-transition', { appraisal: 'form-step', state: form.state, action: input.action, allowed: rule.from }, { details: { state: form.state } });
      if (form.version !== input.version) throw refuse(409, 'conflict', { appraisal: 'form-changed', version: form.version, sent: input.version }, { details: formClash(form) });
      const at = new Date().toISOString();
      const doc = documentOf(form);
      const text = input.action === 'interview' ? input.note : input.action === 'conciliate' ? input.note : input.reason;
      if (rule.needs === 'note' && (input.note ?? '') === '') throw invalid('note', 'note-required', {}, 422);
      if (rule.needs === 'reason' && (input.reason ?? '') === '') throw invalid('reason', 'reason-required', {}, 422);
      if (rule.needs === 'outcome' && (input.outcome === undefined || (input.note ?? '') === '')) throw invalid(input.outcome === undefined ? 'outcome' : 'note', 'outcome-required', {}, 422);
      let state = rule.to;
      const live = await computeRecord(store, new OrgCache(deps.trees), form);
      const errors = live.result?.issues.filter((i) => i.severity === 'error') ?? [];
      const incomplete = (situation: 'acknowledge' | 'no-objectives' | 'evaluate' | 'revised') =>
        refuse(
          422,
          'form-incomplete',
          { situation },
          {
            issues: (live.result?.issues ?? [])
              .filter((i) => i.severity === 'error')
              .map((i) => ({
                severity: i.severity,
                code: i.code,
                message: i.message,
                ...(i.params === undefined ? {} : { params: i.params }),
                location: (i.location ?? null) as Record<string, unknown> | null,
              })),
          },
        );
      switch (input.action) {
        case 'acknowledge': {
          // A second acknowledgement would replace the date of the first, which the form records and the other party relied on.
          if (alreadyAcknowledged(doc, relations)) throw refuse(409, 'already-acknowledged', { date: relations.includes('person') ? doc.acknowledged.person! : doc.acknowledged.evaluator! });
          if (live.result === null) throw refuse(409, 'smvp-missing', { organisation: form.organisation, year: form.year });
          if (errors.length > 0) throw incomplete('acknowledge');
          const scheme = schemeOf(live.smvp!, form.category);
          if (scheme !== undefined && scheme.components.objectives.greaterThan(0) && doc.objectives.length === 0) throw incomplete('no-objectives');
          if (relations.includes('person')) doc.acknowledged.person = at;
          if (relations.includes('evaluator')) doc.acknowledged.evaluator = at;
          state = doc.acknowledged.person !== null && doc.acknowledged.evaluator !== null ? 'assigned' : 'draft';
          break;
        }
        case 'interview':
          doc.interview = { at, by: user.username, note: input.note! };
          break;
        case 'evaluate': {
          if (live.result === null) throw refuse(409, 'smvp-missing', { organisation: form.organisation, year: form.year });
          if (!live.result.complete) throw incomplete('evaluate');
          const org = await new OrgCache(deps.trees).get(store, form.planId);
          // The live result is provisional (no band): the evaluation gives the band, from the same inputs.
          const evaluated = computeForm(live.smvp!, formInput(form, doc, live.unitNames), org, { explain: false });
          doc.evaluation = { at, by: user.username, smvpVersion: live.smvpVersion!, org: freezeOrg(org, doc), score: evaluated.score?.toString() ?? null, band: evaluated.band?.label ?? null };
          break;
        }
        case 'accept':
          doc.acceptance = { at };
          break;
        case 'contest':
          doc.contest = { at, reason: input.reason! };
          break;
        case 'conciliate': {
          // The score is re-made from the (possibly revised) ratings and actuals, on the results frozen at the evaluation.
          const smvp = live.smvp!;
          const frozen = doc.evaluation!;
          const again = computeForm(smvp, formInput(form, doc, live.unitNames), frozenOrg(doc)!);
          if (!again.complete) throw incomplete('revised');
          // "Confirmed" says the evaluation stands: a score the changes of the conciliation moved is a revision, recorded as such.
          const evaluated = frozen.score === null ? null : new Decimal(frozen.score);
          const moved = evaluated === null || again.score === null ? evaluated !== again.score : !evaluated.equals(again.score);
          if (input.outcome === 'confirmed' && moved) {
            const twoPlaces = (d: Decimal | null) => (d === null ? null : d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
            throw invalid('outcome', 'conciliation-confirmed-changed', { evaluated: twoPlaces(evaluated), revised: twoPlaces(again.score) }, 422);
          }
          doc.conciliation = { at, by: user.username, outcome: input.outcome!, note: input.note! };
          doc.evaluation = { ...frozen, score: again.score?.toString() ?? null, band: again.band?.label ?? null };
          doc.finalisedAt = at;
          break;
        }
        case 'finalise':
          doc.finalisedAt = at;
          break;
        case 'reopen':
          // The earlier outcome stays in the trail; the person accepts or contests again.
          doc.reopenings = [...doc.reopenings, { at, by: user.username, reason: input.reason! }];
          doc.acceptance = null;
          doc.contest = null;
          doc.conciliation = null;
          doc.finalisedAt = null;
          break;
      }
      const updated = must(await store.appraisals.updateForm(form.id, input.version, { state, document: doc }, input.action, text ?? null, actorOf(user), form.organisation));
      return reply(200, await viewOf(updated, user, language(c)));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/appraisals/:id/trail',
      tag: 'appraisals',
      summary:
        'The form’s audit trail: every change and step, who, when, before → after, why; `what` and `changes` say each in the reader’s language; `reason` is null where a change says it already (the note or reason of an interview, contest, conciliation or reopening, said once with its day)',
      roles: 'signed-in',
      access: 'those who may see the form',
      query: { lang: { description: 'language of `what` and `changes`', values: ['it', 'en'] } },
      responses: {
        200: { description: '[{id, at, user, userName, action, before, after, reason, what, changes: [{field, before, after}]}]', schema: z.array(FormTrailEntrySchema) },
        401: 'not signed in',
        403: 'not one of those who may see it',
        404: 'unknown form',
      },
    },
    async (c, { user, reply }) => {
      const form = await readableForm(store, user, param(c, 'id'));
      return reply(200, await formTrailInWords(store, deps.names, form.id, language(c)));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/appraisals/:id/document',
      tag: 'appraisals',
      summary: 'The form as a document to sign: PDF or DOCX, with the score explained and the signature lines',
      roles: 'signed-in',
      access: 'those who may see the form',
      query: { format: { description: 'pdf or docx', values: [...FORM_DOCUMENT_FORMATS] }, lang: { description: 'language', values: ['it', 'en'] } },
      responses: { 200: 'the file', 400: 'unknown format', 401: 'not signed in', 403: 'not one of those who may see it', 404: 'unknown form' },
    },
    async (c, { user }) => {
      const form = await readableForm(store, user, param(c, 'id'));
      const format = c.req.query('format') ?? '';
      if (!(FORM_DOCUMENT_FORMATS as readonly string[]).includes(format)) throw refuse(400, 'invalid-query', { field: 'format', values: FORM_DOCUMENT_FORMATS, value: format });
      // A form whose plan is missing prints what its screen says (no score, what HR does) rather than failing.
      const orgs = new OrgCache(deps.trees);
      const gone = await missingPlan(store, orgs, form);
      const sheet =
        gone === null
          ? await viewOf(form, user, language(c))
          : {
              ...formView(form, await unscored(store, orgs), await peopleOf(form), user, language(c), null),
              planMissing: { text: renderMessage('conflict', planMissingParams(form, gone), language(c)) },
            };
      // The trail printed as the screen says it, in the document's language (oldest first: form-document.ts says why).
      const trail = (await formTrailInWords(store, deps.names, form.id, language(c))).map((e) => ({ at: e.at, who: e.userName ?? e.user, what: e.what, reason: e.reason, changes: e.changes }));
      const file = await renderFormDocument({ ...sheet, trail }, format as FormDocumentFormat, language(c));
      return new Response(new Uint8Array(file.bytes), { headers: { 'content-type': file.mediaType, 'content-disposition': `attachment; filename="${file.name}"` } });
    },
  );
};
