/**
 * Accounts' email addresses (migration 28) and the language emails to them are written in
 * (migration 62), kept apart from the account record's other fields: reminders are sent to them and
 * a sign-in through the identity provider may be matched by them. Addresses are stored lower-cased
 * and unique; a change is audited like any other change to an account.
 */
import { recordAudit } from './audit-log.js';
import { one, type Db } from './db.js';
import { refuse } from './revisions.js';
import type { Actor, Result } from './types.js';

export interface EmailStore {
  /** Sets (or, with null, clears) an account's email; `duplicate` when another account has it. */
  setEmail(userId: string, email: string | null, actor: Actor): Promise<Result<string | null>>;
  /** Sets the language of the emails sent to the account. */
  setLanguage(userId: string, language: EmailLanguage, actor: Actor): Promise<Result<EmailLanguage>>;
}

export type EmailLanguage = 'it' | 'en';
export const EMAIL_LANGUAGES: readonly EmailLanguage[] = ['it', 'en'];

/** A plausible address (one @, a dot in the domain, no spaces): the mail server has the last word. */
export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 254;
}

export class SqlEmails implements EmailStore {
  constructor(private readonly db: Db) {}

  async setEmail(userId: string, email: string | null, actor: Actor): Promise<Result<string | null>> {
    const next = email === null || email.trim() === '' ? null : email.trim().toLowerCase();
    if (next !== null && !isEmail(next))
      return { ok: false, error: { code: 'invalid', message: `${next} is not an email address`, details: { field: 'email' }, params: { field: 'email', reason: 'email', id: next.slice(0, 254) } } };
    return this.db.transaction(async (tx) => {
      const row = await one(tx, `SELECT email FROM users WHERE id = ?`, [userId]);
      if (row === undefined) return { ok: false, error: { code: 'not-found', message: `there is no user with the id ${userId}`, params: { what: 'user', id: userId } } };
      const before = row.email === null || row.email === undefined ? null : String(row.email);
      if (before === next) return { ok: true, value: next };
      if (next !== null && (await one(tx, `SELECT id FROM users WHERE email = ? AND id <> ?`, [next, userId])) !== undefined) {
        return { ok: false, error: { code: 'duplicate', message: `another account has the email ${next}`, details: { field: 'email' }, params: { what: 'email', id: next } } };
      }
      await tx.run(`UPDATE users SET email = ? WHERE id = ?`, [next, userId]);
      await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: userId, before: { email: before }, after: { email: next } });
      return { ok: true, value: next };
    });
  }

  async setLanguage(userId: string, language: EmailLanguage, actor: Actor): Promise<Result<EmailLanguage>> {
    if (!EMAIL_LANGUAGES.includes(language))
      return refuse('invalid', { field: 'language', reason: 'email-language', id: String(language).slice(0, 40), values: EMAIL_LANGUAGES }, { field: 'language' });
    return this.db.transaction(async (tx) => {
      const row = await one(tx, `SELECT language FROM users WHERE id = ?`, [userId]);
      if (row === undefined) return { ok: false, error: { code: 'not-found', message: `there is no user with the id ${userId}`, params: { what: 'user', id: userId } } };
      const before = row.language === 'en' ? 'en' : 'it';
      if (before === language) return { ok: true, value: language };
      await tx.run(`UPDATE users SET language = ? WHERE id = ?`, [language, userId]);
      await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: userId, before: { language: before }, after: { language } });
      return { ok: true, value: language };
    });
  }
}
