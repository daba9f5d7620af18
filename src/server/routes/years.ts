/**
 * The plan across years: next year's plan from this one (`POST …/next-year`), and an objective's or
 * indicator's target, actual and performance in every year it is linked to (year over year).
 */
import { z } from 'zod';
import { toJsonNumber } from '../../core/index.js';
import { amountJson, amountText, type YearDocument, type YearsDocument } from '../../io/json.js';
import type { LineageKind, UserRecord } from '../../store/index.js';
import type { Deps, RouteModule } from '../api.js';
import { actorOf, currentUser } from '../auth.js';
import { HttpError, must } from '../errors.js';
import { PLAN_EDITORS } from '../permissions.js';
import { latestPublicPeriod } from '../public-periods.js';
import { param } from '../validation.js';
import { planView, readablePlan } from './plans.js';

const NextYear = z.object({ year: z.number().int().min(1990).max(2100), title: z.string().trim().min(1).max(300).optional() }).strict();

/**
 * The years an objective or indicator is linked to, each read at its plan's year end; plans the
 * reader may not see are left out. The public reads each year at its latest period whose values
 * are published (closed, validated or published by the controller), and not at all without one.
 */
export async function yearsOf({ store, trees }: Pick<Deps, 'store' | 'trees'>, planId: string, kind: LineageKind, ref: string, user: UserRecord | null): Promise<YearsDocument> {
  const chain = await store.lineage(planId, kind, ref);
  if (chain === undefined) throw new HttpError(404, 'not-found', kind === 'node' ? `there is no objective ${ref} in this plan` : `there is no indicator ${ref} in this plan`);
  const years: YearDocument[] = [];
  for (const link of chain) {
    const plan = await store.getPlan(link.planId);
    if (plan === undefined || (!plan.published && user === null)) continue;
    const publicPeriod = user === null ? await latestPublicPeriod(store, link.planId) : undefined;
    if (user === null && publicPeriod === undefined) continue;
    const computed = await trees.computed(link.planId, publicPeriod, plan.dataVersion);
    const period = computed.snapshot.period;
    const base = { year: plan.year, planId: plan.id, planTitle: plan.title, period: { id: period.id, label: period.label, state: period.state }, current: link.planId === planId };
    if (kind === 'node') {
      const r = computed.evaluation.node(link.ref);
      if (r === undefined) continue;
      years.push({ ...base, code: r.node.code, indicatorId: null, title: r.node.title, unit: null, target: null, targetText: '', actual: null, actualText: '', performance: toJsonNumber(r.performance), band: r.band });
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
        targetText: amountText(ind.target, ind.unit),
        actual: amountJson(r.actual),
        actualText: r.state === 'not_evaluable' ? 'N.V.' : amountText(r.actual, ind.unit),
        performance: toJsonNumber(r.score),
        band: null,
      });
    }
  }
  years.sort((a, b) => a.year - b.year);
  return { kind: kind === 'node' ? 'objective' : 'indicator', planId, ref, years };
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
      roles: PLAN_EDITORS, action: 'make next year’s plan',
      body: NextYear,
      responses: { 201: 'the new plan', 400: 'invalid body', 403: 'role', 404: 'unknown plan', 409: 'that year already has a plan of that title (details.planId)', 422: 'a year not after the plan’s' },
    },
    async (c, { user, body: input }) => {
      const planId = param(c, 'planId');
      const source = await readablePlan(c, store, planId);
      // The year end as the tree shows it, when cached (the plan open on screen): the store uses it if
      // still current. Otherwise the store reads the plan itself (cheaper than making a tree to throw away).
      const computed = deps.trees.cachedAt(planId, '', source.dataVersion);
      const basis = computed === undefined ? {} : { basis: { snapshot: computed.snapshot, evaluation: computed.evaluation, dataVersion: computed.dataVersion } };
      const plan = must(await store.nextYear(planId, { ...input, ...basis }, actorOf(user)));
      return c.json(planView(plan), 201);
    },
  );

  for (const kind of ['node', 'indicator'] as const) {
    api.route(
      {
        method: 'get',
        path: kind === 'node' ? '/api/plans/:planId/nodes/:code/years' : '/api/plans/:planId/indicators/:indicatorId/years',
        tag: 'tree',
        summary: kind === 'node' ? "An objective's performance in every year it is linked to (year over year), oldest first" : "An indicator's target, actual and performance in every year it is linked to (year over year), oldest first",
        roles: 'everyone', access: 'signed in; the public for published plans (and only the published years, each at its latest period whose values are published)',
        responses: { 200: '{kind, planId, ref, years: [{year, planId, planTitle, period, current, code, indicatorId, title, unit, target, targetText, actual, actualText, performance, band}]}', 404: kind === 'node' ? 'unknown plan or objective' : 'unknown plan or indicator' },
      },
      async (c) => {
        const planId = param(c, 'planId');
        await readablePlan(c, store, planId);
        return c.json(await yearsOf(deps, planId, kind, param(c, kind === 'node' ? 'code' : 'indicatorId'), currentUser(c)));
      },
    );
  }
};
