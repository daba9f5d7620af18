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
