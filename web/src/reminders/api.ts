/** The outbox of deadline reminders (server: routes/reminders.ts; its documents: the contract's reminders.ts): what was sent, and "send now". */
import type { Outbox, ReminderRun } from '../../../src/contract/index.js';
import { request } from '../api/client.js';

export const reminders = {
  outbox: (planId: string) => request<Outbox>('GET', `/api/reminders?planId=${encodeURIComponent(planId)}&limit=200`),
  sendNow: () => request<ReminderRun>('POST', '/api/reminders/send', {}),
};
