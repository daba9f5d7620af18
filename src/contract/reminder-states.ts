/**
 * The reminders' words as plain values (no zod), which `reminders.ts` builds its schemas on and the
 * store (the outbox) and the server (its `status` filter) take as their own.
 */

/** before: some days before the deadline; after: some days past it; head: to the unit's head, later still. */
export const REMINDER_STAGES = ['before', 'after', 'head'] as const;
/** queued (waiting or retrying), sending (claimed by a sender), sent, failed (refused for good), no-address (the account has no email). */
export const REMINDER_STATUSES = ['queued', 'sending', 'sent', 'failed', 'no-address'] as const;

export type ReminderStage = (typeof REMINDER_STAGES)[number];
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
