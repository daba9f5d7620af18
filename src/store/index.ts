/**
 * The store's public face: `openStore` picks the backend from a URL or a file path.
 *
 * @example
 *   const store = await openStore(process.env.DATABASE_URL ?? 'data/albero.sqlite');
 */
import { openPostgres } from './postgres/db.js';
import { SqlStore } from './sql-store.js';
import { openSqlite } from './sqlite/db.js';
import type { Store } from './types.js';

export * from './types.js';
export type { AppraisalStore, DistributionRecord, FormChange, FormRecord, NewForm, SmvpRecord } from './appraisals.js';
export { attachmentJson, type AttachmentRecord, type AttachmentStore, type NewAttachment } from './attachments.js';
export type { CommentAuthor, CommentRecord, CommentStore } from './comments.js';
export { EMAIL_LANGUAGES, isEmail, type EmailLanguage, type EmailStore } from './emails.js';
export { REMINDER_STAGES, REMINDER_STATUSES, type ReminderDraft, type ReminderRecord, type ReminderStage, type ReminderStatus, type ReminderStore } from './reminders.js';
export { type ForecastInput, type ForecastRecord, type VarianceInput, type VarianceRecord, type VarianceStore } from './variances.js';
export type { PublishedPeriod, RelazioneRecord, RelazioneStore, ReviewInput } from './relazioni.js';
export { canTransition, isIsoDate, isLocked, isReopening, italianDate, periodDateProblem, periodProblemText, periodsProblem, type NewPeriod, type PeriodDateProblem } from './periods.js';
export { defaultPeriods } from './plan-store.js';
export { measurementJson, toMeasurement } from './records.js';
export { inputsToJson } from './codec.js';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** `postgres://…` opens PostgreSQL; anything else is a SQLite file (`:memory:` for a throwaway one). */
export async function openStore(location: string): Promise<Store> {
  return SqlStore.open(isPostgresUrl(location) ? openPostgres(location) : openSqlite(location));
}
