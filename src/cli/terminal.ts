/**
 * Text from input files made safe for a terminal. A title or cell may hold escape sequences that
 * clear the screen, set the window title or hide text; the CLI prints them as visible escapes
 * (`\u001b`) instead, in the JSON way so that `--json` output stays valid JSON.
 */
import { CONTROLS_BEYOND_C0, visibleEscape } from '../io/terminal-controls.js';

/** Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what is shown. */
const CONTROLS = new RegExp(`[\\u0000-\\u001f${CONTROLS_BEYOND_C0}]`, 'g');
/** The same, less newline, tab and the colour sequences (SGR) the CLI itself writes. */
const CONTROLS_BUT_LAYOUT = new RegExp(`\\u001b(?!\\[[0-9;]*m)|[\\u0000-\\u0008\\u000b-\\u001a\\u001c-\\u001f${CONTROLS_BEYOND_C0}]`, 'g');

/** Every control character as a visible escape: for a piece of input (a title, a cell, a message). */
export function terminalText(text: string): string {
  return text.replace(CONTROLS, visibleEscape);
}

/** `text` as every write to stdout and stderr is made safe (`guardTerminalOutput`): for text written as bytes. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROLS_BUT_LAYOUT, visibleEscape);
}

/**
 * Makes every later write to stdout and stderr terminal-safe, newlines, tabs and colours apart: the
 * net under `terminalText`, for whatever path a piece of input takes to the screen. Bytes (a PDF
 * written to stdout) pass untouched.
 */
export function guardTerminalOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest)) as typeof stream.write;
  }
}
