/**
 * Where reminders go: an SMTP server through nodemailer, configured from the environment
 * (ALBERO_SMTP_HOST, ALBERO_SMTP_PORT, ALBERO_SMTP_USER, ALBERO_SMTP_PASS, ALBERO_SMTP_FROM,
 * ALBERO_SMTP_SECURE), or, with no SMTP host configured, the log: each message is written there
 * whole, so a test installation or a body without a mail server still sees what would have gone.
 */
import { english, type Coded } from '../messages/index.js';
import type { MailFailure } from '../contract/reminder-states.js';
import type { MailFailureWords } from '../messages/mail-failures.js';

/** A message ready to go. `messageId` is the same on every try of the same reminder. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
}

/** How a try went: sent; or not, and whether trying again later may work (a 5xx refusal will not). */
// The messages' copy of the failure's shape and the contract's are the same type, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const failureWordsAgree: Same<MailFailure, MailFailureWords> = true;
void failureWordsAgree;

export type Delivery = { readonly ok: true } | { readonly ok: false; readonly failure: MailFailure; readonly permanent: boolean };

export interface Mailer {
  /** `smtp` or `log`: recorded with each message sent. */
  readonly transport: 'smtp' | 'log';
  send(mail: OutgoingMail): Promise<Delivery>;
  close(): void;
}

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user: string | null;
  readonly pass: string | null;
  readonly from: string;
  /** Give up on a silent server after this long (ms). */
  readonly timeoutMs?: number;
}

/** A setting out of its range, by code: `albero reminders` says it in the user's language. */
export function settingError(params: { name: string; value: string; min: number; max: number; what: 'days' | 'port' }): Error & Coded {
  return Object.assign(new Error(english('setting-out-of-range', params)), { code: 'setting-out-of-range', params });
}

/** The SMTP settings from the environment; null when ALBERO_SMTP_HOST is not set (then the log is the mailer). */
export function smtpFromEnv(env: NodeJS.ProcessEnv): SmtpSettings | null {
  const host = env.ALBERO_SMTP_HOST?.trim();
  if (host === undefined || host === '') return null;
  const portText = env.ALBERO_SMTP_PORT?.trim() ?? '';
  const port = portText === '' ? 587 : Number(portText);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw settingError({ name: 'ALBERO_SMTP_PORT', value: portText, min: 1, max: 65535, what: 'port' });
  return {
    host,
    port,
    secure: env.ALBERO_SMTP_SECURE === undefined || env.ALBERO_SMTP_SECURE === '' ? port === 465 : env.ALBERO_SMTP_SECURE === '1',
    user: env.ALBERO_SMTP_USER?.trim() || null,
    pass: env.ALBERO_SMTP_PASS ?? null,
    from: env.ALBERO_SMTP_FROM?.trim() || `Albero <albero@${host}>`,
  };
}

/** The log's mailer: writes each message whole with `log` and calls it sent. */
export function logMailer(log: (text: string) => void): Mailer {
  return {
    transport: 'log',
    async send(mail) {
      log(
        `[albero reminders] no SMTP server configured (ALBERO_SMTP_HOST): this message is written here instead of being sent\nTo: ${mail.to}\nSubject: ${mail.subject}\nMessage-ID: ${mail.messageId}\n\n${mail.text}\n`,
      );
      return { ok: true };
    },
    close() {},
  };
}

/** An SMTP mailer (nodemailer, loaded when first needed), one connection per message. */
export async function smtpMailer(settings: SmtpSettings): Promise<Mailer> {
  const { createTransport } = await import('nodemailer');
  const timeout = settings.timeoutMs ?? 20_000;
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user === null ? {} : { auth: { user: settings.user, pass: settings.pass ?? '' } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const where = { host: settings.host, port: settings.port };
  return {
    transport: 'smtp',
    async send(mail) {
      try {
        const info = await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
        if (info.rejected.length > 0) return { ok: false, failure: { reason: 'recipient-refused', ...where, recipient: info.rejected.map(String).join(', ') }, permanent: true };
        return { ok: true };
      } catch (error) {
        const e = error as Error & { responseCode?: number; code?: string };
        // A 5xx answer is the server's final word on this message; anything else (no connection,
        // a timeout, a 4xx "try later") may go better on the next try.
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
        return { ok: false, failure: mailFailure(e, where, mail.to), permanent };
      }
    },
    close() {
      transport.close();
    },
  };
}

/**
 * A failure of nodemailer by its reason, for the reader to be told in their language (the library's
 * English words are kept only when none of the usual reasons fits). nodemailer wraps the socket's
 * error: `ESOCKET` / `ECONNECTION` with the system's code (ECONNREFUSED, ENOTFOUND) in its message.
 */
export function mailFailure(e: Error & { responseCode?: number; code?: string }, where: { host: string; port: number }, recipient: string): MailFailure {
  const code = e.code ?? '';
  const text = `${code} ${e.message}`;
  const replied = typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {};
  if (/ECONNREFUSED/.test(text)) return { reason: 'connection-refused', ...where };
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return { reason: 'host-unknown', ...where };
  if (code === 'ETIMEDOUT' || /ETIMEDOUT|timeout/i.test(e.message)) return { reason: 'timeout', ...where };
  if (code === 'EAUTH') return { reason: 'auth-refused', ...where, ...replied };
  if (code === 'EENVELOPE' && replied.responseCode !== undefined) return { reason: 'recipient-refused', ...where, recipient, ...replied };
  if (code === 'ETLS' || /certificate|\bTLS\b|\bSSL\b|EPROTO/i.test(text)) return { reason: 'tls', ...where };
  if (replied.responseCode !== undefined) return { reason: 'server-refused', ...where, ...replied };
  return { reason: 'other', ...where, detail: `${code === '' ? 'error' : code}: ${e.message}`.slice(0, 500) };
}

/** The mailer the settings say: SMTP, or the log when there are none. */
export async function makeMailer(settings: SmtpSettings | null, log: (text: string) => void): Promise<Mailer> {
  return settings === null ? logMailer(log) : smtpMailer(settings);
}
