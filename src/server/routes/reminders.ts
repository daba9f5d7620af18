/**
 * The outbox of deadline reminders over HTTP: what was sent, to whom, when and about which
 * indicators (and what is still waiting for the mail server), and "send now" for the controller.
 */
import { z } from 'zod';
import { REMINDER_STATUSES, type ReminderRecord, type ReminderStatus } from '../../store/index.js';
import { OutboxSchema, ReminderRunSchema, type Reminder } from '../../contract/index.js';
import type { Readable, RouteModule } from '../api.js';
import { refuse } from '../errors.js';
import { PLAN_EDITORS } from '../permissions.js';
import { intQuery, language } from '../validation.js';
import { renderMessage } from '../../messages/index.js';
import { type ActorNamer } from '../actor-names.js';
import { readablePlan } from '../plan-access.js';

const SendNow = z.object({ retry: z.boolean().optional() }).strict();

/**
 * What the outbox shows of a message (its words too: the controller may be asked what was said);
 * `nameOf`: who ran the reminders that queued it, in the reader's words (actor-names.ts); its last
 * failure said in `lang` and kept by code for a screen of another language.
 */
function reminderView(r: ReminderRecord, nameOf: ActorNamer, lang: 'it' | 'en'): Readable<Reminder> {
  return {
    id: r.id,
    planId: r.planId,
    periodId: r.periodId,
    stage: r.stage,
    userId: r.userId,
    username: r.username,
    unitId: r.unitId,
    address: r.address,
    language: r.language,
    subject: r.subject,
    body: r.body,
    deadline: r.deadline,
    day: r.day,
    indicators: r.indicators,
    status: r.status,
    cancelReason: r.cancelReason,
    attempts: r.attempts,
    lastError: r.lastError === null ? null : renderMessage('mail-failure', r.lastError, lang),
    lastFailure: r.lastError,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    createdByName: nameOf(r.createdBy),
    nextAttemptAt: r.nextAttemptAt,
    sentAt: r.sentAt,
    transport: r.transport,
    messageId: r.messageId,
  };
}

export const reminderRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route(
    {
      method: 'get',
      path: '/api/reminders',
      tag: 'campaign',
      summary:
        'The outbox of deadline reminders, newest first: to whom, when, about which period, deadline (`deadline`, and `day`: the office day it was composed for; both null before migration 90) and indicators, and whether sent, waiting to be retried, refused, without an address or cancelled (`cancelReason`: its plan archived or deleted, its period closed, validated or deleted before it went)',
      roles: PLAN_EDITORS,
      action: 'read the reminders',
      query: {
        planId: 'only this plan',
        status: { description: 'only this status', values: REMINDER_STATUSES },
        limit: 'at most this many (default 500, at most 5000)',
        lang: 'it|en: the language of `createdByName` (the program, the command line) and of `lastError`',
      },
      responses: {
        200: {
          description:
            '{settings, reminders: [{id, planId, periodId, stage, username, address, subject, body, indicators, status, cancelReason, attempts, lastError, lastFailure, createdAt, sentAt, transport, …}]}',
          schema: OutboxSchema,
        },
        400: 'invalid query',
        401: 'not signed in',
        403: 'role',
        404: 'unknown plan',
      },
    },
    async (c, { reply }) => {
      const planId = c.req.query('planId');
      const status = c.req.query('status');
      if (status !== undefined && !(REMINDER_STATUSES as readonly string[]).includes(status)) throw refuse(400, 'invalid-query', { field: 'status', values: REMINDER_STATUSES, value: status });
      const limit = intQuery(c, 'limit', 500, 5000);
      if (planId !== undefined) await readablePlan(c, store, planId);
      const nameOf = await deps.names.namer(language(c));
      const list = await store.reminders.list({ ...(planId === undefined ? {} : { planId }), ...(status === undefined ? {} : { status: status as ReminderStatus }), limit });
      return reply(200, { settings: { ...deps.reminders.settings, transport: deps.reminders.transport }, reminders: list.map((r) => reminderView(r, nameOf, language(c))) });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/reminders/send',
      tag: 'campaign',
      summary: 'Send now: queue the reminders due today (each once, ever) and deliver what the outbox holds; `retry: true` also tries at once the messages waiting to be retried',
      roles: PLAN_EDITORS,
      action: 'send reminders',
      body: SendNow,
      responses: { 200: { description: '{queued: [reminder], unaddressed, sent, retrying, failed, cancelled}', schema: ReminderRunSchema }, 400: 'invalid body', 401: 'not signed in', 403: 'role' },
    },
    async (c, { user, body: input, reply }) => {
      const run = await deps.reminders.run(user.username, { retryNow: input.retry !== false });
      const nameOf = await deps.names.namer(language(c));
      return reply(200, { ...run, queued: run.queued.map((r) => reminderView(r, nameOf, language(c))) });
    },
  );
};
