/**
 * What the server says when it starts (`npm start`, `albero serve`; server/main.ts): where it
 * serves, the demo accounts or how to create the first one, and a setting of the environment it
 * cannot use. In the starter's language: Italian when the locale is Italian, as the CLI.
 */
import { defineMessages, message } from '../core/messages/index.js';

export const START_MESSAGES = defineMessages({
  /** A size or an interval from the environment that is not one (ALBERO_MAX_*_MB, ALBERO_REMINDERS_EVERY_MINUTES). */
  'setting-invalid': message<{ name: string; value: string; what: 'megabytes' | 'minutes' }>({
    it: (p) => `${p.name} deve essere ${p.what === 'megabytes' ? 'un numero positivo di megabyte' : 'un numero di minuti (0: mai)'}, non "${p.value}"`,
    en: (p) => `${p.name} must be ${p.what === 'megabytes' ? 'a positive number of megabytes' : 'a number of minutes (0: off)'}, not "${p.value}"`,
  }),
  'server-serving': message<{ url: string; database: string }>({
    it: (p) => `Albero è in servizio su ${p.url} (database: ${p.database})`,
    en: (p) => `Albero is serving on ${p.url} (database: ${p.database})`,
  }),
  'server-demo-accounts': message<{ url: string }>({
    it: (p) => `Piano dimostrativo caricato. Accedere a ${p.url}/ con uno di questi account (le password sono mostrate solo ora):`,
    en: (p) => `Demo plan loaded. Sign in at ${p.url}/ with one of these accounts (passwords shown only now):`,
  }),
  'server-no-accounts': message<{ command: string }>({
    it: (p) => `Nessun account: creare il primo amministratore con\n  ${p.command}`,
    en: (p) => `No accounts yet: create the first administrator with\n  ${p.command}`,
  }),
  'server-sign-in': message<{ url: string }>({
    it: (p) => `Accedere a ${p.url}/`,
    en: (p) => `Sign in at ${p.url}/`,
  }),
  'server-api-docs': message<{ url: string }>({
    it: (p) => `Documentazione dell’API: ${p.url}/api/openapi.json`,
    en: (p) => `API documentation: ${p.url}/api/openapi.json`,
  }),
  'server-cannot-start': message<{ reason: string }>({
    it: (p) => `albero server: impossibile avviare: ${p.reason}`,
    en: (p) => `albero server: cannot start: ${p.reason}`,
  }),
});
