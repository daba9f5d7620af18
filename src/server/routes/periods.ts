/**
 * Monitoring periods: a plan's own dates (monthly to yearly), their labels, and their life:
 * open → collecting → closed → validated; reopening with a reason.
 */
import { PeriodMovedSchema, PeriodSchema } from '../../contract/index.js';
import { z } from 'zod';
import { isMove, PERIOD_STATES, periodDateProblem, transitionParams } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { actorOf } from '../auth.js';
import { locatedFailure, must, refuse } from '../errors.js';
import { PLAN_EDITORS, transitionRoles } from '../permissions.js';
import { invalidAt, param } from '../validation.js';
import { EditVersion, NewPeriodBody, PeriodLabel } from './plans.js';
import { readablePlan, refuseIfArchived } from '../plan-access.js';

const Transition = z
  .object({
    to: z.enum(PERIOD_STATES),
    reason: z.string().max(2000).nullable().optional(),
    version: EditVersion.optional(),
    // A closing with values still unreviewed is made only when asked knowingly (the trail records
    // how many): a number is how many the closer saw listed, so one come in since is not closed blind.
    acknowledgeUnreviewed: z.union([z.boolean(), z.number().int().nonnegative()]).optional(),
  })
  .strict();
/** How often a move naming no version is decided again when other moves keep overtaking it, before it is refused as stale. */
const MOVE_ATTEMPTS = 3;

const PeriodPatch = z.object({ label: PeriodLabel, version: EditVersion.optional() }).strict();

export const periodRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/periods',
      tag: 'periods',
      summary: 'The monitoring periods of a plan',
      roles: 'everyone',
      access: 'signed in; the public for published plans',
      responses: { 200: { description: '[{id, label, endsOn, state, updatedAt}]', schema: z.array(PeriodSchema) }, 404: 'unknown plan' },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      await readablePlan(c, store, planId);
      return reply(200, (await store.listPeriods(planId)) ?? []);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/periods',
      tag: 'periods',
      summary: 'Add a monitoring period: its end date (in the plan’s year; also its id) and a label (default: the date, 30/04/2024); it starts open',
      roles: PLAN_EDITORS,
      action: 'change the monitoring periods',
      body: NewPeriodBody,
      responses: {
        201: { description: 'the period', schema: PeriodSchema },
        400: 'invalid body, or a date that is not a day of the plan’s year (the field named)',
        403: 'role',
        404: 'unknown plan',
        409: 'duplicate: the plan has a period with that date; plan-archived (told before the date is checked against the plan’s year; nothing stored)',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const plan = await store.getPlan(planId);
      if (plan === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
      // Told as archived before the date is checked against the plan's year, as the store tells it first.
      refuseIfArchived(plan);
      const problem = periodDateProblem(input.endsOn, plan.year);
      if (problem !== null) throw invalidAt('endsOn', 'invalid', { field: 'endsOn', ...problem });
      return reply(201, must(await store.addPeriod(planId, input, actorOf(user))));
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/plans/:planId/periods/:periodId',
      tag: 'periods',
      summary: 'Rename a period (its label; the date stays); `version` (optional): the period’s as read, 409 when another change came since',
      roles: PLAN_EDITORS,
      action: 'change the monitoring periods',
      body: PeriodPatch,
      responses: {
        200: { description: 'the period', schema: PeriodSchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown plan or period',
        409: '`conflict`: `version` is stale (details.current: {version, updatedBy, updatedAt}; nothing stored); plan-archived',
      },
    },
    async (c, { user, body: input, reply }) => {
      return reply(200, must(await store.renamePeriod(param(c, 'planId'), param(c, 'periodId'), input.label, actorOf(user), input.version)));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/plans/:planId/periods/:periodId',
      tag: 'periods',
      summary: 'Delete a period that is still open and holds no value (audited); never the plan’s last one',
      roles: PLAN_EDITORS,
      action: 'change the monitoring periods',
      responses: {
        200: { description: 'the deleted period', schema: PeriodSchema },
        403: 'role',
        404: 'unknown plan or period',
        409: 'period-in-use: details.reason is not-open, has-measurements (with details.measurements), has-attachments (details.attachments: evidence files are never removed with a period), has-comments (details.comments) or last-period',
      },
    },
    async (c, { user, reply }) => {
      return reply(200, must(await store.deletePeriod(param(c, 'planId'), param(c, 'periodId'), actorOf(user))));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/periods/:periodId/transition',
      tag: 'periods',
      summary:
        'Move a period: open→collecting→closed (controller), closed→validated (OIV), closed/validated→collecting with a reason (controller). `version` (optional): the period’s as read, 409 when another change came since. A closing with values entered and not reviewed as they stand (GET …/closing-preview lists them as toReview) needs `acknowledgeUnreviewed`: a non-negative integer, how many of them the closer saw listed (more found under the closing’s lock: refused, nothing stored), or `true` (scripts), which acknowledges whatever is there; the trail’s entry of the move then records how many there were (`unreviewed`)',
      roles: 'signed-in',
      access: 'admin, controller; oiv to validate',
      body: Transition,
      responses: {
        200: {
          description: 'the period; a reopening also names in `enteredInOldUnit` the indicators whose value in it was entered before their unit changed (to be entered again)',
          schema: PeriodMovedSchema,
        },
        400: 'invalid body',
        403: 'role: a move the period can make from its state that the role may not make',
        404: 'unknown plan or period',
        409: 'plan-archived: the plan is archived, whatever the move, of a period it has or not; invalid-transition: a move the period cannot make from its state, whoever asks (details: {from, to}); `conflict`: `version` is stale (details.current: {version, updatedBy, updatedAt}; nothing stored); `unreviewed-values`: a closing with values entered and not reviewed, without acknowledgeUnreviewed or with a number lower than how many there are now (params {label, count, seen?}: `seen` the number sent, said as values arrived since the list was read; details: {unreviewed: the count, values: the first 50 in plan order, each {indicatorId, indicator, node, approvalSuperseded}}; nothing stored)',
        422: 'invalid: a reopening without its reason, or with blanks only (details.field `reason`; one issue located at `reason`, said in the reader’s language)',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const periodId = param(c, 'periodId');
      // A move naming no version asks for the period as it is: one overtaken by another desk's move
      // between this read and the store's lock is decided again on the state now (as if it came a
      // moment later: «closed cannot become closed»), not refused for a version its client never sent.
      for (let attempt = 1; ; attempt++) {
        const period = (await store.listPeriods(planId))?.find((p) => p.id === periodId);
        if (period === undefined) {
          // An archived plan makes no move, of a period it has or not: told as archived, as the store tells every write first.
          const plan = await store.getPlan(planId);
          if (plan !== undefined) refuseIfArchived(plan);
          throw refuse(404, 'not-found', { what: 'period', id: periodId });
        }
        // The roles depend on the state left. A move pressed on a state that changed since it was read
        // is the store's stale refusal (who moved it, when), not the roles the new state asks: then only
        // a role that may make this move from some state is let through to hear it.
        const stale = input.version !== undefined && input.version !== period.version;
        // A move that does not exist from the state read (open → validated) is no matter of roles:
        // said impossible, whoever asks, as the store would say it; only a possible one asks for a role.
        if (!stale && !isMove(period.state, input.to)) {
          // An archived plan's periods make no move at all: the plan's state is the reason, as the store says of a possible move.
          const plan = await store.getPlan(planId);
          if (plan !== undefined) refuseIfArchived(plan);
          throw refuse(409, 'invalid-transition', transitionParams(period.state, input.to), { details: { from: period.state, to: input.to } });
        }
        const roles = stale ? [...new Set(PERIOD_STATES.flatMap((from) => transitionRoles(from, input.to)))] : transitionRoles(period.state, input.to);
        if (!roles.includes(user.role)) throw refuse(403, 'forbidden', { role: user.role, from: period.state, to: input.to, roles });
        // `checked`: the role was checked on this version's state; a move made since refuses this one.
        const moved = await store.transitionPeriod(planId, periodId, input.to, input.reason?.trim() || null, actorOf(user), {
          sent: input.version,
          checked: period.version,
          acknowledgeUnreviewed: input.acknowledgeUnreviewed,
        });
        if (input.version === undefined && attempt < MOVE_ATTEMPTS && !moved.ok && moved.error.code === 'conflict' && moved.error.params?.what === 'period') continue;
        // A reopening without its reason is a field left empty (decided under the period's lock, on the
        // state as it is): said at that field, located, as every route's validation says a field.
        if (!moved.ok) throw locatedFailure(moved.error);
        return reply(200, moved.value);
      }
    },
  );
};
