import i18next from 'i18next';
import { ApiError } from '../api/client.js';
import { unexpectedError } from './unexpected.js';

/**
 * The server's words said alone on the screen, as a sentence. The catalogue's messages are clauses
 * (`nessuno valuta sé stesso: scegliere un altro valutatore`): lower-case and without a full stop,
 * because the command line and the logs set them after a place (`Albero!E37: …`, `evaluatorId: …`).
 * A screen that shows one by itself, beside its field, makes it a sentence here, in either language.
 */

/**
 * @example sentence('nessuno valuta sé stesso: scegliere un altro valutatore') // → 'Nessuno valuta sé stesso: scegliere un altro valutatore.'
 * @example sentence('Già una frase.') // → 'Già una frase.'
 */
export function sentence(words: string): string {
  const text = words.trim();
  if (text === '') return text;
  return `${text.charAt(0).toLocaleUpperCase()}${text.slice(1)}${/[.!?…]$/.test(text) ? '' : '.'}`;
}

/**
 * What went wrong, said alone above a form or in a panel: the server's words of a refusal (an
 * `ApiError`'s message, already in the reader's language), or a screen's own words, as a sentence.
 * Any other error is a fault of the app («Cannot read properties of undefined»): its raw English is
 * for the console, the reader is told in the screen's language that something went wrong.
 *
 * @example refusalSentence(new ApiError(409, 'revision-state', 'revision no. 1 holds no change: make its changes first, or discard it', null))
 *   // → 'Revision no. 1 holds no change: make its changes first, or discard it.'
 */
export function refusalSentence(error: unknown): string {
  if (typeof error === 'string') return sentence(error);
  if (error instanceof ApiError) return sentence(error.message);
  return unexpectedError(error, (key) => i18next.t(key));
}
