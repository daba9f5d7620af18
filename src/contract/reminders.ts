/**
 * The outbox of deadline reminders as `GET /api/reminders` sends it (and the run `POST
 * /api/reminders/send` answers): `server/routes/reminders.ts` `reminderView`, from the store's rows.
 */
import { z } from 'zod';
import { MAIL_FAILURE_REASONS, REMINDER_CANCEL_REASONS, REMINDER_STAGES, REMINDER_STATUSES } from './reminder-states.js';

export * from './reminder-states.js';

/** A reminder's stage (reminder-states.ts). */
export const ReminderStageSchema = z.enum(REMINDER_STAGES);
/** A reminder's status (reminder-states.ts). */
export const ReminderStatusSchema = z.enum(REMINDER_STATUSES);

/** A message of the outbox, with its words (the controller may be asked what was said). */
export const ReminderSchema = z.strictObject({
  id: z.string(),
  planId: z.string(),
  periodId: z.string(),
  stage: ReminderStageSchema,
  userId: z.string(),
  username: z.string(),
  /** For the head's message: the unit it is about. */
  unitId: z.string().nullable(),
  /** Where it goes; null: the account has no email (recorded as no-address, never sent). */
  address: z.string().nullable(),
  language: z.enum(['it', 'en']),
  subject: z.string(),
  body: z.string(),
  /** The period's deadline the message was about (ISO date); null for a message queued before migration 90. */
  deadline: z.string().nullable(),
  /** The office day it was composed for (ISO date): at most one a day per recipient and stage; null before migration 90. */
  day: z.string().nullable(),
  /** The ids of the indicators the message lists as missing. */
  indicators: z.array(z.string()),
  status: ReminderStatusSchema,
  /** Why a cancelled message was not sent (reminder-states.ts); null otherwise. */
  cancelReason: z.enum(REMINDER_CANCEL_REASONS).nullable(),
  /** Deliveries tried so far. */
  attempts: z.number().int(),
  /** Why the last delivery failed, in the reader's words (`?lang`); null: none failed, or it was sent since. */
  lastError: z.string().nullable(),
  /** The same by code and parameters (reminder-states.ts `MailFailure`), for a screen to say it in its own language. */
  lastFailure: z
    .strictObject({
      reason: z.enum(MAIL_FAILURE_REASONS),
      host: z.string().optional(),
      port: z.number().int().optional(),
      responseCode: z.number().int().optional(),
      recipient: z.string().optional(),
      detail: z.string().optional(),
    })
    .nullable(),
  createdAt: z.string(),
  /**
   * Who ran the reminders that queued it: a user's login; `system` for the server's timer (and for
   * `albero reminders` before it recorded who ran it); `cli:<os account>` for `albero reminders`.
   */
  createdBy: z.string().nullable(),
  /** The same said as the screens name people: a display name, «Albero (procedura automatica)», «riga di comando (utente mario)». */
  createdByName: z.string().nullable(),
  /** When a queued message is tried next. */
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** smtp, or log (no mail server configured: the message was written to the log). */
  transport: z.string().nullable(),
  /** The Message-ID it is sent with, the same on every try. */
  messageId: z.string(),
});

/** `GET /api/reminders`: the server's reminder settings (whole days; env ALBERO_REMINDER_*) and the messages, newest first. */
export const OutboxSchema = z.strictObject({
  settings: z.strictObject({
    daysBefore: z.number().int(),
    daysAfter: z.number().int(),
    headAfter: z.number().int(),
    /** The app's address the messages link to (ALBERO_PUBLIC_URL); null: no link. */
    publicUrl: z.string().nullable(),
    /** smtp, or log when no mail server is configured. */
    transport: z.enum(['smtp', 'log']),
  }),
  reminders: z.array(ReminderSchema),
});

/** `POST /api/reminders/send`: the messages queued by this run, and how the deliveries went. */
export const ReminderRunSchema = z.strictObject({
  queued: z.array(ReminderSchema),
  unaddressed: z.number().int(),
  sent: z.number().int(),
  retrying: z.number().int(),
  failed: z.number().int(),
  /** Not sent: their plan or period stopped taking values since they were queued (status cancelled). */
  cancelled: z.number().int(),
});

export type Reminder = z.infer<typeof ReminderSchema>;
export type Outbox = z.infer<typeof OutboxSchema>;
export type ReminderRun = z.infer<typeof ReminderRunSchema>;
