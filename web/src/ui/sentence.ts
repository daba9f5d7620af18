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
 * `ApiError`'s message, already in the reader's language), or a failure's own, as a sentence.
 *
 * @example refusalSentence(new ApiError(409, 'revision-state', 'revision no. 1 holds no change: make its changes first, or discard it', null))
 *   // → 'Revision no. 1 holds no change: make its changes first, or discard it.'
 */
export function refusalSentence(error: unknown): string {
  return sentence(error instanceof Error ? error.message : String(error));
}
