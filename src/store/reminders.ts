/**
 * The outbox of deadline reminders (migration 60): every message Albero means to send is a row
 * first, with its recipient, its subject and words, the indicators it lists and what became of it.
 * A message is queued at most once a day per plan, period, stage and recipient (the unique
 * `dedup_key`, with the office day since migration 90), so a reminder run repeated by the timer,
 * the CLI and a "send now", even two at once, never queues it twice; whether there is anything new
 * to say at all is the server's to judge from what the earlier messages listed (`ofPeriod`). Delivery
 * claims a row (queued → sending) before handing it to the mail server and marks it sent after, so
 * two senders never take the same row, and a message the mail server refused for now stays queued
 * with its error and the time of its next try.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Row } from './db.js';
import type { MailFailure, MailFailureReason, ReminderCancelReason, ReminderStage, ReminderStatus } from '../contract/reminder-states.js';

/** A reminder's stages and statuses: the contract's words (contract/reminder-states.ts). */
export { REMINDER_CANCEL_REASONS, REMINDER_STAGES, REMINDER_STATUSES, type ReminderCancelReason, type ReminderStage, type ReminderStatus } from '../contract/reminder-states.js';

/** A message to queue, composed by the server (server/reminders.ts). */
export interface ReminderDraft {
  readonly planId: string;
  readonly periodId: string;
  readonly stage: ReminderStage;
  readonly userId: string;
  readonly username: string;
  /** For the head's message: the unit it is about. */
  readonly unitId: string | null;
  /** Where it goes; null: the account has no email (recorded as no-address, never sent). */
  readonly address: string | null;
  readonly language: 'it' | 'en';
  readonly subject: string;
  readonly body: string;
  /** The ids of the indicators the message lists as missing. */
  readonly indicators: readonly string[];
  /** The period's deadline the message is about (migration 90): one about another deadline said something else. */
  readonly deadline: string;
  /** The office day it was composed for (YYYY-MM-DD, migration 90): at most one a day per recipient and stage. */
  readonly day: string;
}

export interface ReminderRecord extends Omit<ReminderDraft, 'deadline' | 'day'> {
  /** Null for a message queued before migration 90. */
  readonly deadline: string | null;
  readonly day: string | null;
  readonly id: string;
  readonly status: ReminderStatus;
  /** Why a cancelled message was not sent (migration 89); null otherwise. */
  readonly cancelReason: ReminderCancelReason | null;
  /** Deliveries tried so far. */
  readonly attempts: number;
  /** Why the last delivery failed, by code (migration 92; before it, the library's words: reason `technical`). */
  readonly lastError: MailFailure | null;
  readonly createdAt: string;
  /** Who ran the reminders that queued it (a user, or `system` for the timer and the CLI). */
  readonly createdBy: string | null;
  /** When a queued message is tried next. */
  readonly nextAttemptAt: string | null;
  readonly sentAt: string | null;
  /** smtp, or log (no mail server configured: the message was written to the log). */
  readonly transport: string | null;
  /** The Message-ID it was sent with (the same on every try, so a receiver can spot a repeat). */
  readonly messageId: string;
}

export interface ReminderStore {
  /** Queues the drafts not queued before (same plan, period, stage, recipient, unit and day); returns those queued now. */
  enqueue(drafts: readonly ReminderDraft[], createdBy: string | null, at: string): Promise<ReminderRecord[]>;
  /**
   * Claims up to `limit` messages to send now: queued ones due by `at` (with `retryClaimedBefore`:
   * any queued one not tried since that moment, however long its wait), and ones claimed before
   * `staleBefore` whose sender never said how it went. `planId`: that plan's messages alone (the
   * others stay as they are, for a run of every plan).
   */
  claim(at: string, limit: number, staleBefore: string, options?: { readonly retryClaimedBefore?: string | undefined; readonly planId?: string | undefined }): Promise<ReminderRecord[]>;
  /** The mail server took it. */
  markSent(id: string, transport: string, at: string): Promise<void>;
  /** Not delivered: retried at `retryAt`, or refused for good when it is null. */
  markFailed(id: string, failure: MailFailure, retryAt: string | null): Promise<void>;
  /** Claimed but not to be sent (its plan or period stopped taking values): cancelled for good, with why. */
  markCancelled(id: string, reason: ReminderCancelReason): Promise<void>;
  /** Every message of a plan's period, whatever became of it, oldest first: what the reminders already said. */
  ofPeriod(planId: string, periodId: string): Promise<ReminderRecord[]>;
  /** The outbox, newest first. */
  list(filter?: { readonly planId?: string; readonly status?: ReminderStatus; readonly limit?: number }): Promise<ReminderRecord[]>;
}

/** The migration that adds the outbox (listed in migrations.ts). */
export const REMINDER_MIGRATION = {
  version: 60,
  name: 'the outbox of deadline reminders: one row per message, queued once, claimed, sent or retried',
  sql: (): string[] => [
    // No foreign keys: the record of what was sent outlives a deleted period or plan.
    `CREATE TABLE reminders (
        id TEXT PRIMARY KEY,
        dedup_key TEXT NOT NULL UNIQUE,
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('before', 'after', 'head')),
        user_id TEXT NOT NULL,
        username TEXT NOT NULL,
        unit_id TEXT,
        address TEXT,
        language TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        indicators TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'no-address')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT,
        next_attempt_at TEXT,
        claimed_at TEXT,
        sent_at TEXT,
        transport TEXT,
        message_id TEXT NOT NULL)`,
    `CREATE INDEX reminders_due ON reminders (status, next_attempt_at)`,
    `CREATE INDEX reminders_by_plan ON reminders (plan_id, created_at)`,
  ],
};

const COLUMNS =
  'id, plan_id, period_id, stage, user_id, username, unit_id, address, language, subject, body, indicators, status, attempts, last_error, last_error_code, last_error_params, created_at, created_by, next_attempt_at, sent_at, transport, message_id, cancel_reason, deadline, day';

/** Migration 90: what a message was about, so a later one says only what is new (the key's day is in `dedup_key`). */
export const REMINDER_NEWS_MIGRATION = {
  version: 90,
  name: 'a reminder records the deadline and the office day it was composed for: a later one of the same stage says only what is new, at most once a day',
  // Null in the rows of before: their deadline and day are unknown, read as the period's own (no second message for what they said).
  sql: (): string[] => [`ALTER TABLE reminders ADD COLUMN deadline TEXT`, `ALTER TABLE reminders ADD COLUMN day TEXT`],
};

/**
 * Migration 92: a delivery's failure as a code and its parameters (the server, its reply code, the
 * address refused), said in the reader's language, instead of the mail library's English sentence.
 * The rows of before keep their sentence in `last_error`, read as a technical detail.
 */
export const REMINDER_FAILURE_MIGRATION = {
  version: 92,
  name: "a reminder's delivery failure is recorded by code and parameters, said in the reader's language; the failures of before keep their words as a technical detail",
  sql: (): string[] => [`ALTER TABLE reminders ADD COLUMN last_error_code TEXT`, `ALTER TABLE reminders ADD COLUMN last_error_params TEXT`],
};

/** The failure a row records: by code since migration 92, else its old words as a technical detail. */
function lastFailure(r: Row): MailFailure | null {
  if (r.last_error_code !== null && r.last_error_code !== undefined) {
    const params = r.last_error_params === null || r.last_error_params === undefined ? {} : (JSON.parse(String(r.last_error_params)) as Omit<MailFailure, 'reason'>);
    return { ...params, reason: String(r.last_error_code) as MailFailureReason };
  }
  return r.last_error === null || r.last_error === undefined ? null : { reason: 'technical', detail: String(r.last_error) };
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function reminderRecord(r: Row): ReminderRecord {
  return {
    id: String(r.id),
    planId: String(r.plan_id),
    periodId: String(r.period_id),
    stage: String(r.stage) as ReminderStage,
    userId: String(r.user_id),
    username: String(r.username),
    unitId: text(r.unit_id),
    address: text(r.address),
    language: r.language === 'en' ? 'en' : 'it',
    subject: String(r.subject),
    body: String(r.body),
    indicators: JSON.parse(String(r.indicators)) as string[],
    status: String(r.status) as ReminderStatus,
    cancelReason: r.cancel_reason === null || r.cancel_reason === undefined ? null : (String(r.cancel_reason) as ReminderCancelReason),
    attempts: Number(r.attempts),
    lastError: lastFailure(r),
    createdAt: String(r.created_at),
    createdBy: text(r.created_by),
    nextAttemptAt: text(r.next_attempt_at),
    sentAt: text(r.sent_at),
    transport: text(r.transport),
    messageId: String(r.message_id),
    deadline: text(r.deadline),
    day: text(r.day),
  };
}

/**
 * What makes two drafts the same message: once a day per plan, period, stage, recipient (and unit,
 * for a head). Two runs at once that both find something new to say compose it for the same day:
 * one of them queues it. (Keys of before migration 90 have no day: they never meet a new one.)
 */
export function reminderKey(d: Pick<ReminderDraft, 'planId' | 'periodId' | 'stage' | 'userId' | 'unitId' | 'day'>): string {
  return JSON.stringify([d.planId, d.periodId, d.stage, d.userId, d.unitId ?? '', d.day]);
}

export class SqlReminders implements ReminderStore {
  constructor(private readonly db: Db) {}

  async enqueue(drafts: readonly ReminderDraft[], createdBy: string | null, at: string): Promise<ReminderRecord[]> {
    if (drafts.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const queued: ReminderRecord[] = [];
      for (const d of drafts) {
        const id = randomUUID();
        // ON CONFLICT DO NOTHING: a message queued by another run (or another process) stays the one.
        const { changes } = await tx.run(
          `INSERT INTO reminders (id, dedup_key, plan_id, period_id, stage, user_id, username, unit_id, address, language, subject, body, indicators, status, attempts, created_at, created_by, next_attempt_at, message_id, deadline, day)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING`,
          [
            id,
            reminderKey(d),
            d.planId,
            d.periodId,
            d.stage,
            d.userId,
            d.username,
            d.unitId,
            d.address,
            d.language,
            d.subject,
            d.body,
            JSON.stringify(d.indicators),
            d.address === null ? 'no-address' : 'queued',
            at,
            createdBy,
            d.address === null ? null : at,
            `<reminder-${id}@albero>`,
            d.deadline,
            d.day,
          ],
        );
        if (changes === 1) queued.push(reminderRecord((await tx.all(`SELECT ${COLUMNS} FROM reminders WHERE id = ?`, [id]))[0]!));
      }
      return queued;
    });
  }

  async claim(at: string, limit: number, staleBefore: string, options: { readonly retryClaimedBefore?: string | undefined; readonly planId?: string | undefined } = {}): Promise<ReminderRecord[]> {
    const { retryClaimedBefore, planId } = options;
    const due = retryClaimedBefore === undefined ? `(status = 'queued' AND next_attempt_at <= ?)` : `(status = 'queued' AND (claimed_at IS NULL OR claimed_at < ?))`;
    const stale = `(status = 'sending' AND claimed_at < ?)`;
    const params = [retryClaimedBefore ?? at, staleBefore];
    const ofPlan = planId === undefined ? '' : ' AND plan_id = ?';
    const planParams = planId === undefined ? [] : [planId];
    const candidates = await this.db.all(`SELECT id FROM reminders WHERE (${due} OR ${stale})${ofPlan} ORDER BY created_at, id LIMIT ?`, [...params, ...planParams, limit]);
    const claimed: ReminderRecord[] = [];
    for (const c of candidates) {
      // The row is taken only if it is still as it was found: of two senders, one gets it.
      const { changes } = await this.db.run(`UPDATE reminders SET status = 'sending', claimed_at = ?, attempts = attempts + 1 WHERE id = ? AND (${due} OR ${stale})`, [at, String(c.id), ...params]);
      if (changes === 1) claimed.push(reminderRecord((await this.db.all(`SELECT ${COLUMNS} FROM reminders WHERE id = ?`, [String(c.id)]))[0]!));
    }
    return claimed;
  }

  async markSent(id: string, transport: string, at: string): Promise<void> {
    await this.db.run(`UPDATE reminders SET status = 'sent', sent_at = ?, transport = ?, last_error = NULL, last_error_code = NULL, last_error_params = NULL, next_attempt_at = NULL WHERE id = ?`, [
      at,
      transport,
      id,
    ]);
  }

  async markFailed(id: string, failure: MailFailure, retryAt: string | null): Promise<void> {
    const { reason, ...params } = failure;
    // The old sentence cleared: the row says its latest failure alone, by code.
    await this.db.run(`UPDATE reminders SET status = ?, last_error = NULL, last_error_code = ?, last_error_params = ?, next_attempt_at = ? WHERE id = ?`, [
      retryAt === null ? 'failed' : 'queued',
      reason,
      JSON.stringify(params),
      retryAt,
      id,
    ]);
  }

  async markCancelled(id: string, reason: ReminderCancelReason): Promise<void> {
    // The claim counted a try the mail server never saw: the count says only the deliveries tried.
    await this.db.run(`UPDATE reminders SET status = 'cancelled', cancel_reason = ?, attempts = attempts - 1, next_attempt_at = NULL WHERE id = ?`, [reason, id]);
  }

  async ofPeriod(planId: string, periodId: string): Promise<ReminderRecord[]> {
    return (await this.db.all(`SELECT ${COLUMNS} FROM reminders WHERE plan_id = ? AND period_id = ? ORDER BY created_at, id`, [planId, periodId])).map(reminderRecord);
  }

  async list(filter: { readonly planId?: string; readonly status?: ReminderStatus; readonly limit?: number } = {}): Promise<ReminderRecord[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.planId !== undefined) (where.push('plan_id = ?'), params.push(filter.planId));
    if (filter.status !== undefined) (where.push('status = ?'), params.push(filter.status));
    const rows = await this.db.all(`SELECT ${COLUMNS} FROM reminders${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY created_at DESC, id LIMIT ?`, [
      ...params,
      filter.limit ?? 500,
    ]);
    return rows.map(reminderRecord);
  }
}
