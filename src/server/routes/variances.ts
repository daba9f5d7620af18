/**
 * Variances and forecasts (DFP guideline n. 2/2017): for each objective in yellow or red in a
 * period, the cause of the variance (external, internal, indicator badly built) and the corrective
 * action; at the mid-year periods, for each indicator, whether the target is still reachable by
 * year end. Everyone signed in reads them (never the public: they are internal until the Relazione
 * publishes them); the controller and the administrator write any, a referente those of the
 * objectives and indicators assigned to them or their unit; a validated period's are final.
 */
import { z } from 'zod';
import { computedFromChildren } from '../../core/index.js';
import type { ForecastRecord, UserRecord, VarianceRecord } from '../../store/index.js';
import { ForecastOutcomeSchema, ForecastSchema, VarianceCauseSchema, VarianceReportSchema, VarianceSchema, type Forecast, type Variance } from '../../contract/index.js';
import type { RouteModule } from '../api.js';
import { actorOf } from '../auth.js';
import { fromFailure, issueOf, must, refuse } from '../errors.js';
import { assignedTo, assignmentOf, mayEditValue, VALUE_EDITORS } from '../permissions.js';
import type { ComputedPlan } from '../tree.js';
import { invalidField, language, param } from '../validation.js';
import { refuseIfArchived } from '../plan-access.js';
import { type ActorNamer } from '../actor-names.js';

const VarianceBody = z
  .object({
    cause: VarianceCauseSchema,
    explanation: z.string().trim().min(1, 'say what caused the variance').max(5000),
    correctiveAction: z.string().trim().max(5000).default(''),
    version: z.number().int().min(0),
  })
  .strict();

const ForecastBody = z
  .object({
    reachable: ForecastOutcomeSchema,
    note: z.string().trim().max(5000).default(''),
    version: z.number().int().min(0),
  })
  .strict();

/** `nameOf`: who a stored login is, in the reader's words (actor-names.ts). */
export function varianceView(v: VarianceRecord, nameOf: ActorNamer): Variance {
  return {
    node: v.node,
    periodId: v.periodId,
    cause: v.cause,
    explanation: v.explanation,
    correctiveAction: v.correctiveAction,
    updatedBy: v.updatedBy,
    updatedByName: nameOf(v.updatedBy),
    updatedAt: v.updatedAt,
    version: v.version,
  };
}

export function forecastView(f: ForecastRecord, nameOf: ActorNamer): Forecast {
  return {
    indicatorId: f.indicatorId,
    periodId: f.periodId,
    reachable: f.reachable,
    note: f.note,
    updatedBy: f.updatedBy,
    updatedByName: nameOf(f.updatedBy),
    updatedAt: f.updatedAt,
    version: f.version,
  };
}

/** May this user write the variance of objective `code` (assigned through it or an ancestor)? */
function mayExplain(user: UserRecord, computed: ComputedPlan, code: string): boolean {
  if (user.role === 'admin' || user.role === 'controller') return true;
  if (user.role !== 'referente') return false;
  const parent = new Map(computed.snapshot.plan.nodes.map((n) => [n.code, n.parent]));
  const owners: string[] = [];
  const units: string[] = [];
  const unitIds: string[] = [];
  const personIds: string[] = [];
  for (let at: string | null | undefined = code, guard = 0; at != null && guard < 64; at = parent.get(at), guard++) {
    const meta = computed.snapshot.nodes.get(at);
    if (meta?.owner) owners.push(meta.owner);
    if (meta?.unitName) units.push(meta.unitName);
    if (meta?.unitId) unitIds.push(meta.unitId);
    if (meta?.personId) personIds.push(meta.personId);
  }
  return assignedTo(user, { indicatorOwner: null, objectiveOwners: owners, objectiveUnitNames: units, unitIds, personIds });
}

export const varianceRoutes: RouteModule = (api, deps) => {
  const { store, trees } = deps;

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/periods/:periodId/variances',
      tag: 'variances',
      summary: 'The objectives in yellow or red in a period with their variance (cause, corrective action; null while missing), and the forecasts of the period',
      roles: 'signed-in',
      access: 'signed in (never the public)',
      query: { lang: 'it|en: the language of `updatedByName` (the program, the command line)' },
      responses: {
        200: {
          description: '{period: {id, label, state, last}, objectives: [{code, title, performance, band, editable (false in an archived plan), variance}], forecasts: [...]}',
          schema: VarianceReportSchema,
        },
        401: 'not signed in',
        404: 'unknown plan or period',
      },
    },
    async (c, { user, reply }) => {
      const planId = param(c, 'planId');
      const periodId = param(c, 'periodId');
      const computed = await trees.computed(planId, periodId);
      const [variances, forecasts] = await Promise.all([store.variances.listVariances(planId, periodId), store.variances.listForecasts(planId, periodId)]);
      // The computed plan's record is current: archiving moves the data version, so it is read again (a closed period's header too).
      const archived = computed.snapshot.record.archivedAt !== null;
      const byNode = new Map(variances.map((v) => [v.node, v]));
      const nameOf = await deps.names.namer(language(c));
      const { period, periods } = computed.snapshot;
      const validated = period.state === 'validated';
      const objectives = computed.base.objectives
        // Short of green, or explained before a correction brought it back: the explanation stays visible.
        .filter((o) => o.band === 'yellow' || o.band === 'red' || byNode.has(o.code))
        .map((o) => ({
          code: o.code,
          title: o.title,
          performance: o.performance,
          band: o.band,
          // Back at target, the explanation is kept to read, no longer to write (the PUT refuses it); an archived plan's too (409 plan-archived).
          editable: !archived && !validated && (o.band === 'yellow' || o.band === 'red') && mayExplain(user, computed, o.code),
          variance: byNode.has(o.code) ? varianceView(byNode.get(o.code)!, nameOf) : null,
        }));
      return reply(200, {
        period: { id: period.id, label: period.label, state: period.state, last: periods[periods.length - 1]?.id === period.id },
        objectives,
        forecasts: forecasts.map((f) => forecastView(f, nameOf)),
      });
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/plans/:planId/nodes/:code/variances/:periodId',
      tag: 'variances',
      summary: "Write an objective's variance for a period: cause (external | internal | indicator), explanation, corrective action, against the `version` read (0: none yet)",
      roles: VALUE_EDITORS,
      action: 'explain variances',
      access: 'admin, controller; referente for objectives assigned to them or their unit',
      body: VarianceBody,
      responses: {
        200: { description: 'the variance', schema: VarianceSchema },
        400: 'invalid body (field named)',
        401: 'not signed in',
        403: 'not yours',
        404: 'unknown plan, objective or period',
        409: 'conflict: stale version, or a first variance entered meanwhile (details.current: the variance, updatedBy, updatedByName, updatedAt); plan-archived: the plan is archived (told after the objective’s access, 404 or 403, before the period or its band are checked; nothing stored)',
        422: 'variance-not-short: the objective is not yellow or red in the period (details.field: node)',
        423: 'period-locked: validated',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const code = param(c, 'code');
      const periodId = param(c, 'periodId');
      const plan = await store.getPlan(planId);
      if (plan === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
      const access = (computed: ComputedPlan): void => {
        if (!computed.snapshot.nodes.has(code)) throw refuse(404, 'not-found', { what: 'objective', id: code });
        if (!mayExplain(user, computed, code)) throw refuse(403, 'forbidden', { objective: code });
      };
      // As a forecast's indicator and every other write: the objective's access first (404 one the plan
      // has not, 403 not the referente's), then the archive (409), before the period and the band the
      // request would otherwise be refused for. The access is read on the plan as it reads by default,
      // so a period it has not is still told as archived.
      if (plan.archivedAt !== null) {
        access(await trees.computed(planId));
        refuseIfArchived(plan);
      }
      const computed = await trees.computed(planId, periodId);
      access(computed);
      // The guideline asks the cause of a shortfall: an objective at target has none to give, and
      // a cause recorded there would be counted in the Relazione's shortfalls.
      const band = computed.base.objectives.find((o) => o.code === code)?.band ?? null;
      if (band !== 'yellow' && band !== 'red') {
        const params = { objective: code, band } as const;
        throw refuse(422, 'variance-not-short', params, { details: { field: 'node', band }, issues: [issueOf('variance-not-short', params, { field: 'node' })] });
      }
      const stored = must(
        await store.variances.putVariance(planId, code, periodId, { cause: input.cause, explanation: input.explanation, correctiveAction: input.correctiveAction }, input.version, actorOf(user)),
      );
      return reply(200, varianceView(stored, await deps.names.namer(language(c))));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/plans/:planId/indicators/:indicatorId/forecasts/:periodId',
      tag: 'variances',
      summary: "Forecast at a mid-year period whether an indicator's target is reachable by year end (yes | no | at_risk), against the `version` read (0: none yet)",
      roles: VALUE_EDITORS,
      action: 'make forecasts',
      access: 'admin, controller; referente for indicators assigned to them or their unit',
      body: ForecastBody,
      responses: {
        200: { description: 'the forecast', schema: ForecastSchema },
        400: 'invalid body (field named): `no` or `at_risk` without a note (forecast-note-needed at note)',
        401: 'not signed in',
        403: 'not yours',
        404: 'unknown plan, indicator or period',
        409: 'conflict: stale version, or a first forecast entered meanwhile (details.current: the forecast, updatedBy, updatedByName, updatedAt); plan-archived: the plan is archived (told before the indicator’s rule, the note or the period are checked; nothing stored)',
        422: 'the year-end period takes no forecast (details.field: period); an indicator computed from the child objectives takes none (forecast-derived, details.field: indicator)',
        423: 'period-locked: validated',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      const periodId = param(c, 'periodId');
      const indicator = await store.indicatorContext(planId, indicatorId);
      if (indicator === undefined) throw refuse(404, 'not-found', { what: 'indicator', id: indicatorId });
      if (!mayEditValue(user, assignmentOf(indicator))) throw refuse(403, 'forbidden', { indicator: indicatorId });
      // Told as archived before what the route checks of the indicator and the note, as the store tells it before the period.
      const plan = await store.getPlan(planId);
      if (plan !== undefined) refuseIfArchived(plan);
      // A mean of the child objectives follows their indicators: its own forecast would be a second,
      // possibly contrary, answer to the same question.
      if (computedFromChildren(indicator.formula))
        throw refuse(
          422,
          'forecast-derived',
          { indicator: indicatorId },
          { details: { field: 'indicator' }, issues: [issueOf('forecast-derived', { indicator: indicatorId }, { field: 'indicator' })] },
        );
      // "No" or "at risk" is a warning the controller acts on: it comes with its reason.
      if (input.reachable !== 'yes' && input.note === '') throw invalidField('note', { problem: 'forecast-note-needed', value: input.reachable });
      const result = await store.variances.putForecast(planId, indicatorId, periodId, { reachable: input.reachable, note: input.note }, input.version, actorOf(user));
      if (!result.ok && result.error.details?.reason === 'year-end') throw refuse(422, 'forecast-year-end', { label: String(result.error.details.label) }, { details: result.error.details });
      if (!result.ok) throw fromFailure(result.error);
      const stored = result.value;
      return reply(200, forecastView(stored, await deps.names.namer(language(c))));
    },
  );
};
