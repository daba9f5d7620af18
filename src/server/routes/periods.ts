/** Monitoring periods and their life: open → collecting → closed → validated; reopening with a reason. */
import { z } from 'zod';
import { PERIOD_STATES, type PeriodState } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { actorOf, requireUser } from '../auth.js';
import { HttpError, must } from '../errors.js';
import { transitionRoles } from '../permissions.js';
import { body, param } from '../validation.js';
import { readablePlan } from './plans.js';

const Transition = z.object({ to: z.enum(PERIOD_STATES as [PeriodState, ...PeriodState[]]), reason: z.string().max(2000).nullable().optional() }).strict();

export const periodRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route({ method: 'get', path: '/api/plans/:planId/periods', tag: 'periods', summary: 'The monitoring periods of a plan', access: 'signed in; the public for published plans', responses: { 200: '[{id, label, endsOn, state, updatedAt}]', 404: 'unknown plan' } }, async (c) => {
    const planId = param(c, 'planId');
    await readablePlan(c, store, planId);
    return c.json((await store.listPeriods(planId)) ?? []);
  });

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/periods/:periodId/transition',
      tag: 'periods',
      summary: 'Move a period: open→collecting→closed (controller), closed→validated (OIV), closed/validated→collecting with a reason (controller)',
      access: 'admin, controller; oiv to validate',
      body: Transition,
      responses: { 200: 'the period', 400: 'invalid body', 403: 'role', 404: 'unknown plan or period', 409: 'invalid-transition (or a reopening without a reason)' },
    },
    async (c) => {
      const user = requireUser(c);
      const planId = param(c, 'planId');
      const periodId = param(c, 'periodId');
      const input = await body(c, Transition);
      const period = (await store.listPeriods(planId))?.find((p) => p.id === periodId);
      if (period === undefined) throw new HttpError(404, 'not-found', `the plan has no period ${periodId}`);
      const roles = transitionRoles(period.state, input.to);
      if (!roles.includes(user.role)) throw new HttpError(403, 'forbidden', `your role (${user.role}) may not make a period ${input.to} (${roles.join(', ')} may)`);
      return c.json(must(await store.transitionPeriod(planId, periodId, input.to, input.reason?.trim() || null, actorOf(user))));
    },
  );
};
