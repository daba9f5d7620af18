/** The API client's own words: what a screen says when the server gave no answer of ours. */
import type { FeatureWords } from '../words.js';

const it = {
  api: {
    noReply: 'Il server non ha risposto ({{status}}): riprovare tra poco.',
    unreadable: 'La risposta del server non è leggibile ({{status}}): riprovare tra poco.',
    unreachable: 'Il server non è raggiungibile: controllare la connessione e riprovare.',
    timeout: 'Il server non ha risposto entro {{seconds}} secondi: riprovare.',
    // A write given up may have been made all the same; sent again as it is, it carries the same Idempotency-Key (client.ts) and the server answers it as it did the first time, not making it twice.
    timeoutWrite:
      'Il server non ha risposto entro {{seconds}} secondi: la modifica potrebbe essere stata registrata comunque. Quanto scritto resta qui: inviato di nuovo così com’è, non sarà registrato due volte.',
  },
};

const en: typeof it = {
  api: {
    noReply: 'The server did not answer ({{status}}): try again shortly.',
    unreadable: "The server's answer cannot be read ({{status}}): try again shortly.",
    unreachable: 'The server cannot be reached: check the connection and try again.',
    timeout: 'The server did not answer within {{seconds}} seconds: try again.',
    timeoutWrite:
      'The server did not answer within {{seconds}} seconds: the change may have been recorded all the same. What you wrote stays here: sent again as it is, it will not be recorded twice.',
  },
};

/**
 * Merged into the app's one namespace by ../i18n.ts; client.ts says them itself, in the page's
 * language (the one it sends as Accept-Language), without i18next.
 */
export const words = { it, en } satisfies FeatureWords;
