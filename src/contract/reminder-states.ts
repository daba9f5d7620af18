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

/**
 * Why the mail server did not take a reminder, by code (the mail library's own words are English and
 * raw, not for a reader): no connection (refused, host unknown), no answer in time, the server refused
 * the account's login, refused the recipient or another step of the message, the secure connection
 * (TLS) failed; `other` keeps the library's words as a technical detail, and so does `technical`, a
 * failure recorded before migration 92, which kept only those words.
 */
export const MAIL_FAILURE_REASONS = ['connection-refused', 'host-unknown', 'timeout', 'auth-refused', 'recipient-refused', 'server-refused', 'tls', 'other', 'technical'] as const;
export type MailFailureReason = (typeof MAIL_FAILURE_REASONS)[number];

/** A delivery's failure: its reason and what a reader needs to act on it (the server, its reply code, the address refused). */
// A type, not an interface: the messages' parameters take it as a record.
export type MailFailure = {
  readonly reason: MailFailureReason;
  readonly host?: string;
  readonly port?: number;
  /** The SMTP server's reply code (e.g. 550, 535). */
  readonly responseCode?: number;
  readonly recipient?: string;
  /** The mail library's own words, for `other` and `technical` alone. */
  readonly detail?: string;
};
