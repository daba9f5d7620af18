/**
 * The reminders' words as plain values (no zod), which `reminders.ts` builds its schemas on and the
 * store (the outbox) and the server (its `status` filter) take as their own.
 */

/** before: some days before the deadline; after: some days past it; head: to the unit's head, later still. */
export const REMINDER_STAGES = ['before', 'after', 'head'] as const;
/**
 * queued (waiting or retrying), sending (claimed by a sender), sent, failed (refused for good), no-address (the account has no email),
 * cancelled (not sent: its plan or period stopped taking values before it went, `REMINDER_CANCEL_REASONS`).
 */
export const REMINDER_STATUSES = ['queued', 'sending', 'sent', 'failed', 'no-address', 'cancelled'] as const;
/**
 * Why a reminder was cancelled at its delivery: its plan archived or deleted, its period closed,
 * validated or deleted since it was queued (a message saying values are late in a plan or period nobody
 * collects any more would be false). Final: bringing the plan back from the archive does not send it.
 */
export const REMINDER_CANCEL_REASONS = ['plan-archived', 'plan-deleted', 'period-closed', 'period-validated', 'period-deleted'] as const;

export type ReminderStage = (typeof REMINDER_STAGES)[number];
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
export type ReminderCancelReason = (typeof REMINDER_CANCEL_REASONS)[number];
