/**
 * The characters a terminal acts on, declared once for the CLI's guard (cli/terminal.ts) and for
 * the JSON written already safe (json.ts's `terminalJson`): were the two lists copies, a range added
 * to one would make the JSON differ from what the guard lets through, silently.
 * It imports nothing: cli/terminal.ts loads it at the start of every command (issue 15 §1).
 */

/**
 * The controls beyond C0 that `JSON.stringify` leaves raw, as the inside of a character class: DEL,
 * the C1 controls (U+009B is a CSI, as good as an escape to many terminals) and the bidirectional
 * embeddings, overrides and isolates, which reorder what is shown.
 */
export const CONTROLS_BEYOND_C0 = '\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';

/** A character as its JSON escape (`\u001b`): visible on a terminal, the same character to a JSON reader. */
export const visibleEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
