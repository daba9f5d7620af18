/**
 * The plan across years: next year's plan from this one (`POST …/next-year`), and an objective's or
 * indicator's target, actual and performance in every year it is linked to (year over year).
 */
import { z } from 'zod';
import { PLAN_TITLE_MAX, PLAN_YEARS, toJsonNumber, type Language } from '../../core/index.js';
import {
  BaselineRefreshBodySchema,
  type BaselinesDocument,
  BaselinesDocumentSchema,
  type NextYearBaselines,
  NextYearBaselinesSchema,
  NextYearPlanSchema,
  type ChangedBaseline,
  type YearDocument,
  type YearsDocument,
  YearsDocumentSchema,
} from '../../contract/index.js';
import { actualText, amountJson, amountText } from '../../io/json.js';
import { isLocked, type LineageKind, type LineageLink, type UserRecord } from '../../store/index.js';
import type { Deps, RouteModule } from '../api.js';
import { actorOf, currentUser } from '../auth.js';
import { issueOf, must, refuse } from '../errors.js';
import { PLAN_EDITORS } from '../permissions.js';
import { latestPublicPeriod, readerComputed, withDecision } from '../public-periods.js';
import { validatedObjectiveFor } from '../tree.js';
import { amountTextsLanguage } from '../language.js';
import { documentLanguage, LANGUAGES, param } from '../validation.js';
import { planView } from './plans.js';
import { changedBaselines } from '../baselines.js';
import { readablePlan, refuseIfArchived } from '../plan-access.js';

const NextYear = z.object({ year: z.number().int().min(PLAN_YEARS.first).max(PLAN_YEARS.last), title: z.string().trim().min(1).max(PLAN_TITLE_MAX).optional() }).strict();

/**
 * The period a year is read at: its year end once closed (or validated); before that, its latest
 * closed period, the final figures the year already has (a year whose 30/06 is closed says them,
 * not «—» for a year end still taking values); undefined with none closed, the reader's default
 * (the year end for the office, the latest published period for the public).
 */
async function yearPeriod(store: Deps['store'], planId: string): Promise<string | undefined> {
  const periods = (await store.listPeriods(planId)) ?? [];
  const last = periods[periods.length - 1];
  if (last === undefined || isLocked(last.state)) return undefined;
  return periods.filter((p) => isLocked(p.state)).pop()?.id;
}

/**
 * The years an objective or indicator is linked to, each read at its plan's year end, or at its
 * latest closed period while the year end is not closed (`yearPeriod`); plans the reader may not
 * see are left out. The public reads each year at that period too, else at its latest period whose
 * values are published (closed, validated or published by the controller), and not at all without one.
 * The amount texts are in `language`, as the tree's are (`N.V.`, `1.587,10`; `N.E.`, `1,587.10`).
 */
export async function yearsOf(
  { store, trees }: Pick<Deps, 'store' | 'trees'>,
  planId: string,
  kind: LineageKind,
  ref: string,
  user: UserRecord | null,
  language: Language = 'it',
): Promise<YearsDocument> {
  const linked = await store.lineage(planId, kind, ref);
  if (linked === undefined) throw refuse(404, 'not-found', { what: kind === 'node' ? 'objective' : 'indicator', id: ref });
  // An objective is matched by code in the body's years not made by next-year (the Relazione's
  // comparison does the same); an indicator's id is its plan's own, so only next-year links it.
  const chain = kind === 'node' ? await withBodyYears(store, linked, ref) : linked;
  const years: YearDocument[] = [];
  for (const link of chain) {
    const plan = await store.getPlan(link.planId);
    if (plan === undefined || (!plan.published && user === null)) continue;
    const closed = await yearPeriod(store, link.planId);
    const publicPeriod = user === null ? (closed ?? (await latestPublicPeriod(store, link.planId))) : closed;
    if (user === null && publicPeriod === undefined) continue;
    // A period the controller published while still taking values: its targets, no value.
    const computed = await readerComputed({ store, trees }, user, link.planId, publicPeriod, plan.dataVersion);
    const period = computed.snapshot.period;
    const yearEnd = computed.snapshot.periods[computed.snapshot.periods.length - 1]?.id === period.id;
    const base = { year: plan.year, planId: plan.id, planTitle: plan.title, period: { id: period.id, label: period.label, state: period.state, yearEnd }, current: link.planId === planId };
    if (kind === 'node') {
      const r = computed.evaluation.node(link.ref);
      if (r === undefined) continue;
      // The year's figure as its own tree states it: the OIV's where it validated another (before, the
      // reported one alone, under a year end said «validated», against that plan's screen and pages).
      await withDecision({ store, trees }, computed, await store.relazioni.validatedDecision(link.planId));
      const validated = validatedObjectiveFor(computed, user, r.objective.code);
      const reservations = computed.validation?.document?.reservations ?? false;
      years.push({
        ...base,
        code: r.objective.code,
        indicatorId: null,
        title: r.objective.title,
        unit: null,
        target: null,
        targetText: '',
        actual: null,
        actualText: '',
        performance: toJsonNumber(r.performance),
        band: r.band,
        validated: validated === null ? null : { performance: validated.validated, band: validated.band, reservations },
      });
    } else {
      const r = computed.evaluation.indicator(link.ref);
      if (r === undefined) continue;
      const ind = r.indicator;
      years.push({
        ...base,
        code: r.code,
        indicatorId: ind.id,
        title: ind.name,
        unit: ind.unit,
        target: amountJson(ind.target),
        targetText: amountText(ind.target, ind.unit, language),
        actual: amountJson(r.actual),
        actualText: actualText(r.state, r.actual, ind, language),
        performance: toJsonNumber(r.performance),
        band: null,
        validated: null,
      });
    }
  }
  years.sort((a, b) => a.year - b.year);
  return { kind: kind === 'node' ? 'objective' : 'indicator', planId, ref, years };
}

/**
 * `chain` (an objective's years by next-year) with the body's years before and after it that next-year
 * did not make (store `lastYear`, `bodySuccessors`: the same body's plan of the year before or after),
 * each with the objective of the same code and its own years by next-year on that side.
 */
async function withBodyYears(store: Deps['store'], chain: readonly LineageLink[], code: string): Promise<LineageLink[]> {
  const links = [...chain];
  const seen = new Set(links.map((l) => l.planId));
  const theirs = async (planId: string): Promise<{ at: number; chain: LineageLink[] } | undefined> => {
    if (seen.has(planId)) return undefined;
    const found = await store.lineage(planId, 'node', code);
    return found === undefined ? undefined : { at: found.findIndex((l) => l.planId === planId), chain: found };
  };
  for (let guard = 0; guard < 100; guard++) {
    const last = await store.lastYear(links[0]!.planId);
    const before = last?.found === 'body' ? await theirs(last.planId) : undefined;
    if (before === undefined) break;
    const added = before.chain.slice(0, before.at + 1).filter((l) => !seen.has(l.planId));
    added.forEach((l) => seen.add(l.planId));
    links.unshift(...added);
  }
  for (let guard = 0; guard < 100; guard++) {
    let after: { at: number; chain: LineageLink[] } | undefined;
    for (const id of await store.bodySuccessors(links[links.length - 1]!.planId)) if ((after = await theirs(id)) !== undefined) break;
    if (after === undefined) break;
    const added = after.chain.slice(after.at).filter((l) => !seen.has(l.planId));
    added.forEach((l) => seen.add(l.planId));
    links.push(...added);
  }
  return links;
}

/**
 * What next-year would take as baselines from the plan's year end today: how many come from an
 * actual, and of those how many from a value not approved yet or from a period not closed yet.
 * Next-year is not refused for them (the plan is often prepared before the year's values are
 * final, and a baseline can be refreshed later): the office is told before confirming and in the answer.
 */
async function nextYearBaselines(deps: Pick<Deps, 'trees' | 'campaigns'>, planId: string): Promise<NextYearBaselines> {
  const campaign = await deps.campaigns.get(planId);
  const yearEnd = campaign?.data.periods.at(-1);
  if (campaign === undefined || yearEnd === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
  // The year end's evaluation is the one next-year rolls forward (core/next-year.ts): an actual there is a baseline.
  const { evaluation } = await deps.trees.computed(planId, yearEnd.id);
  const states = campaign.states(yearEnd);
  let fromValues = 0;
  let notReviewed = 0;
  for (const node of evaluation.nodeResults)
    for (const r of node.indicators) {
      if (r.state !== 'measured') continue;
      fromValues++;
      // A derived indicator has no value of its own to review (undefined): its inputs are the ones counted.
      const state = states.get(r.indicator.id);
      if (state === 'entered' || state === 'returned') notReviewed++;
    }
  return { period: { id: yearEnd.id, label: yearEnd.label, state: yearEnd.state }, fromValues, notReviewed, periodNotClosed: isLocked(yearEnd.state) ? 0 : fromValues };
}

export const yearRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/next-year',
      tag: 'plans',
      summary:
        "Next year's plan from this one: same tree, codes, weights, rules, formulas, owners and units; periods on the same days; targets rolled forward; this year's year-end actuals as baselines; no values; unpublished; each objective and indicator linked to this one's",
      roles: PLAN_EDITORS,
      action: 'make next year’s plan',
      body: NextYear,
      responses: {
        201: { description: 'the new plan, with baselines: what its baselines were taken from (as GET …/next-year says)', schema: NextYearPlanSchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown plan',
        409: 'that year already has a plan of that title (details.planId): `duplicate`, or `conflict` when another request made it meanwhile (a double click, a second tab, next year from another plan)',
        422: 'a year other than the plan’s next (details.field year): next year’s plan is made from this one, a later year from the plan of the year before it',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const source = await readablePlan(c, store, planId);
      // The year end as the tree shows it, when cached (the plan open on screen): the store uses it if
      // still current. Otherwise the store reads the plan itself (cheaper than making a tree to throw away).
      const computed = deps.trees.cachedAt(planId, '', source.dataVersion);
      const basis = computed === undefined ? {} : { basis: { snapshot: computed.snapshot, evaluation: computed.evaluation, dataVersion: computed.dataVersion } };
      // Counted before the plan is made, from the same year end it rolls forward.
      const baselines = await nextYearBaselines(deps, planId);
      const plan = must(await store.nextYear(planId, { ...input, ...basis }, actorOf(user)));
      return reply(201, { ...planView(plan), baselines });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/next-year',
      tag: 'plans',
      summary:
        "What next-year would take as baselines today: how many come from this year's year-end actuals, and of those how many from values not approved yet and from a year-end period not closed yet (next-year takes them all the same)",
      roles: PLAN_EDITORS,
      responses: {
        200: { description: '{period: {id, label, state}, fromValues, notReviewed, periodNotClosed}', schema: NextYearBaselinesSchema },
        401: 'not signed in',
        403: 'role',
        404: 'unknown plan',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      await readablePlan(c, store, planId);
      return reply(200, await nextYearBaselines(deps, planId));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/baselines',
      tag: 'plans',
      summary:
        "The baselines taken from last year's plan whose year-end actual was corrected since (or withdrawn): each with its baseline and the predecessor's current value; typed baselines are never listed",
      roles: 'signed-in',
      query: { lang: { description: 'the language of baselineText and currentText, written as the tree writes its amounts (default it)', values: LANGUAGES } },
      responses: {
        200: {
          description: '{planId, following, changed: [{indicatorId, code, name, unit, definitionVersion, baseline, baselineText, baselineYear, current, currentText, currentYear, predecessor}]}',
          schema: BaselinesDocumentSchema,
        },
        400: 'lang other than it or en',
        401: 'not signed in',
        404: 'unknown plan',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      // Asked before anything is read, as the tree's: a lang it does not know is refused whatever the plan.
      const language = documentLanguage(c);
      await readablePlan(c, store, planId);
      const { following, changed } = await changedBaselines(deps, planId, language);
      const doc: BaselinesDocument = { planId, following, changed };
      return reply(200, doc);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/baselines/refresh',
      tag: 'plans',
      summary:
        "Takes over the corrected year-end actuals of last year's plan as baselines (the named indicators, or every changed one with a value): a change of the definition, inside a revision once the plan is adopted, on the record",
      roles: PLAN_EDITORS,
      action: 'refresh the baselines',
      body: BaselineRefreshBodySchema,
      query: { lang: { description: 'the language of the answer’s baselineText and currentText, as the GET’s (default it)', values: LANGUAGES } },
      responses: {
        200: { description: 'the baselines document after the refresh, with refreshed', schema: BaselinesDocumentSchema },
        400: 'invalid body, or lang other than it or en',
        403: 'role',
        404: 'unknown plan',
        409: 'adopted plan without an open revision; an indicator changed meanwhile; plan-archived (told before the indicators asked for are checked; nothing stored)',
        422: 'an indicator with no baseline to take over (its place in indicators)',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const language = documentLanguage(c);
      // Told as archived before the baselines asked for are checked, as the store tells it.
      refuseIfArchived(await readablePlan(c, store, planId));
      const { changed, values } = await changedBaselines(deps, planId);
      const takeable = new Map(changed.filter((b) => values.has(b.indicatorId)).map((b) => [b.indicatorId, b]));
      const chosen: ChangedBaseline[] = [];
      for (const [k, id] of (input.indicators ?? [...takeable.keys()]).entries()) {
        const b = takeable.get(id);
        if (b === undefined)
          throw refuse(422, 'baseline-not-changed', { indicator: id }, { issues: [issueOf('baseline-not-changed', { indicator: id }, { field: `indicators.${k}`, indicator: id })] });
        if (!chosen.includes(b)) chosen.push(b);
      }
      // The values compared above; the store refuses (409) if an indicator's definition changed meanwhile.
      const updates = chosen.map((b) => ({ indicatorId: b.indicatorId, version: b.definitionVersion, baseline: values.get(b.indicatorId)!, baselineYear: b.currentYear }));
      const refreshed = must(await store.refreshBaselines(planId, updates, actorOf(user)));
      const after = await changedBaselines(deps, planId, language);
      const doc: BaselinesDocument = { planId, following: after.following, changed: after.changed, refreshed };
      return reply(200, doc);
    },
  );

  for (const kind of ['node', 'indicator'] as const) {
    api.route(
      {
        method: 'get',
        path: kind === 'node' ? '/api/plans/:planId/nodes/:code/years' : '/api/plans/:planId/indicators/:indicatorId/years',
        tag: 'tree',
        summary:
          kind === 'node'
            ? "An objective's performance in every year it is linked to (year over year), oldest first: by next-year, and by code in the body's plans of the years before and after that next-year did not make (as the Relazione's comparison finds last year)"
            : "An indicator's target, actual and performance in every year it is linked to (year over year), oldest first",
        roles: 'everyone',
        access: 'signed in; the public for published plans (and only the published years, each at its latest period whose values are published)',
        query: {
          lang: {
            // An objective's years have no amounts (their texts are empty): lang is taken, as the indicator's, not to refuse the same query.
            description: kind === 'node' ? 'the language of the amount texts, as the indicator’s years (an objective’s are empty; default it)' : amountTextsLanguage('targetText, actualText'),
            values: LANGUAGES,
          },
        },
        responses: {
          200: {
            description: '{kind, planId, ref, years: [{year, planId, planTitle, period, current, code, indicatorId, title, unit, target, targetText, actual, actualText, performance, band}]}',
            schema: YearsDocumentSchema,
          },
          400: 'lang other than it or en',
          404: kind === 'node' ? 'unknown plan or objective' : 'unknown plan or indicator',
        },
      },
      async (c, { reply }) => {
        const planId = param(c, 'planId');
        // Asked before anything is read, as the tree's: a lang it does not know is refused whatever the plan.
        const language = documentLanguage(c);
        await readablePlan(c, store, planId);
        return reply(200, await yearsOf(deps, planId, kind, param(c, kind === 'node' ? 'code' : 'indicatorId'), currentUser(c), language));
      },
    );
  }
};
