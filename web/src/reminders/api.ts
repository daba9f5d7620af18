/** The outbox of deadline reminders (server: routes/reminders.ts): what was sent, and "send now". */
import { request } from '../api/client.js';

export type ReminderStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'no-address';

export interface Reminder {
  id: string;
  planId: string;
  periodId: string;
  stage: 'before' | 'after' | 'head';
  username: string;
  address: string | null;
  subject: string;
  indicators: string[];
  status: ReminderStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  transport: string | null;
}

export interface Outbox {
  settings: { daysBefore: number; daysAfter: number; headAfter: number; transport: 'smtp' | 'log' };
  reminders: Reminder[];
}

export interface ReminderRun {
  queued: Reminder[];
  unaddressed: number;
  sent: number;
  retrying: number;
  failed: number;
}

export const reminders = {
  outbox: (planId: string) => request<Outbox>('GET', `/api/reminders?planId=${encodeURIComponent(planId)}&limit=200`),
  sendNow: () => request<ReminderRun>('POST', '/api/reminders/send', {}),
};
