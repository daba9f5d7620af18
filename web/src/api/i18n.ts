/** The API client's own words: what a screen says when the server gave no answer of ours. */
import type { FeatureWords } from '../words.js';

const it = {
  api: {
    noReply: 'Il server non ha risposto ({{status}}): riprovare tra poco.',
    unreadable: 'La risposta del server non è leggibile ({{status}}): riprovare tra poco.',
    unreachable: 'Il server non è raggiungibile: controllare la connessione e riprovare.',
  },
};

const en: typeof it = {
  api: {
    noReply: 'The server did not answer ({{status}}): try again shortly.',
    unreadable: "The server's answer cannot be read ({{status}}): try again shortly.",
    unreachable: 'The server cannot be reached: check the connection and try again.',
  },
};

/**
 * Merged into the app's one namespace by ../i18n.ts; client.ts says them itself, in the page's
 * language (the one it sends as Accept-Language), without i18next.
 */
export const words = { it, en } satisfies FeatureWords;
