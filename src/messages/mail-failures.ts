/**
 * Why a reminder did not reach the mail server, said from its code (contract/reminder-states.ts
 * `MailFailure`): the outbox's API read and its screen. Its own module so the web app imports these
 * words alone, not the reminders' email bodies.
 */
import { defineMessages, message } from '../core/messages/index.js';

/**
 * The contract's `MailFailure` (contract/reminder-states.ts) as these words read it, written again here
 * because messages import only the core; src/server/mailer.ts holds the two to each other at compile time.
 */
export type MailFailureWords = {
  readonly reason: 'connection-refused' | 'host-unknown' | 'timeout' | 'auth-refused' | 'recipient-refused' | 'server-refused' | 'tls' | 'other' | 'technical';
  readonly host?: string;
  readonly port?: number;
  readonly responseCode?: number;
  readonly recipient?: string;
  readonly detail?: string;
};
type MailFailure = MailFailureWords;

const server = (p: MailFailure): string => (p.host === undefined ? '' : p.port === undefined ? ` ${p.host}` : ` ${p.host}:${p.port}`);
const reply = (p: MailFailure, it: boolean): string => (p.responseCode === undefined ? '' : it ? ` (codice di risposta ${p.responseCode})` : ` (reply code ${p.responseCode})`);

export const MAIL_FAILURE_MESSAGES = defineMessages({
  'mail-failure': message<MailFailure>({
    it: (p) => {
      switch (p.reason) {
        case 'connection-refused':
          return `il server di posta${server(p)} ha rifiutato la connessione: è spento o non accetta connessioni su quella porta`;
        case 'host-unknown':
          return `il server di posta${server(p)} non è stato trovato: verificare il nome (ALBERO_SMTP_HOST)`;
        case 'timeout':
          return `il server di posta${server(p)} non ha risposto in tempo`;
        case 'auth-refused':
          return `il server di posta${server(p)} ha rifiutato l'accesso dell'account (ALBERO_SMTP_USER, ALBERO_SMTP_PASS)${reply(p, true)}`;
        case 'recipient-refused':
          return `il server di posta${server(p)} ha rifiutato il destinatario${p.recipient === undefined ? '' : ` ${p.recipient}`}${reply(p, true)}`;
        case 'server-refused':
          return `il server di posta${server(p)} ha rifiutato il messaggio${reply(p, true)}`;
        case 'tls':
          return `la connessione sicura (TLS) con il server di posta${server(p)} non è riuscita: verificare il certificato e ALBERO_SMTP_SECURE`;
        case 'other':
          return `invio non riuscito${server(p)}; dettaglio tecnico: ${p.detail ?? ''}`;
        case 'technical':
          return `dettaglio tecnico: ${p.detail ?? ''}`;
      }
    },
    en: (p) => {
      switch (p.reason) {
        case 'connection-refused':
          return `the mail server${server(p)} refused the connection: it is down or takes no connections on that port`;
        case 'host-unknown':
          return `the mail server${server(p)} was not found: check its name (ALBERO_SMTP_HOST)`;
        case 'timeout':
          return `the mail server${server(p)} did not answer in time`;
        case 'auth-refused':
          return `the mail server${server(p)} refused the account's login (ALBERO_SMTP_USER, ALBERO_SMTP_PASS)${reply(p, false)}`;
        case 'recipient-refused':
          return `the mail server${server(p)} refused the recipient${p.recipient === undefined ? '' : ` ${p.recipient}`}${reply(p, false)}`;
        case 'server-refused':
          return `the mail server${server(p)} refused the message${reply(p, false)}`;
        case 'tls':
          return `the secure connection (TLS) to the mail server${server(p)} failed: check its certificate and ALBERO_SMTP_SECURE`;
        case 'other':
          return `not sent${server(p)}; technical detail: ${p.detail ?? ''}`;
        case 'technical':
          return `technical detail: ${p.detail ?? ''}`;
      }
    },
  }),
});
