/**
 * A big tab-separated published table cut in two at an objective row, so that each half can be
 * read on its own (`albero verify` reads the second on another thread: cli/verify-split.ts). Each
 * half is a text `parsePublishedText` reads as it reads the whole, every row at its own line:
 * - `first`: the text up to the row cut at;
 * - `second`: the table's head (its title and header row, which say its language and year), then
 *   as many empty lines as the first half's rows took (an empty line is passed over), then the
 *   text from the row cut at to the end, its legend included.
 * What the reader carries from one row to the next is reset by an objective row (its pending
 * indicators, the refused objective), so none of it crosses such a cut; what it decides on the
 * whole table (codes used twice, parents, the notation) the caller checks across the halves.
 */
import { findHeaderRow, firstLines } from './header-row.js';
import { headerLanguage } from './layout.js';

export interface TableHalves {
  readonly first: string;
  readonly second: string;
  /** The line of the row cut at, the second half's first, and the code it starts with. */
  readonly line: number;
  readonly code: string;
}

/** An objective's code at the start of its row (the reader's, io/published/layout.ts `CODE_TITLE`). */
const CODE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*/;

/** How many lines past the chosen point an objective row is looked for. */
const SEARCH_LINES = 1000;

/**
 * `text` cut at the first objective row from `at` (a share of its length) on: a line that starts
 * with a code's capital and holds a tab. Null when the table has no header row among its first
 * lines, or no such row is found soon enough, or the first half holds the word that opens a
 * legend (the reader would stop there, and the second half would be read past it).
 */
export function cutTable(text: string, at = 0.5): TableHalves | null {
  const head = firstLines(text);
  const header = findHeaderRow(head.length, (k) => head[k]!.split('\t'), headerLanguage);
  if (header === null) return null;
  // The offset just past the header row: past as many line breaks from the start as its index + 1.
  let headEnd = 0;
  for (let k = 0; k <= header.index; k++) {
    const lf = text.indexOf('\n', headEnd);
    const cr = text.indexOf('\r', headEnd);
    const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (end === -1) return null;
    headEnd = text.startsWith('\r\n', end) ? end + 2 : end + 1;
  }
  let cut = -1;
  let code = '';
  let from = text.indexOf('\n', Math.max(headEnd, Math.floor(text.length * at)));
  for (let k = 0; k < SEARCH_LINES && from !== -1; k++, from = text.indexOf('\n', from + 1)) {
    const start = from + 1;
    const c = text.charCodeAt(start);
    if (c >= 65 && c <= 90) {
      const lineEnd = text.indexOf('\n', start);
      const line = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
      const m = CODE.exec(line);
      if (m !== null && line.includes('\t') && !/\r/.test(line.slice(0, -1)) && headerLanguage(line.split('\t')) === null) {
        cut = start;
        code = m[0];
        break;
      }
    }
  }
  if (cut === -1) return null;
  const first = text.slice(0, cut);
  if (/legend/i.test(first.slice(headEnd))) return null;
  const between = text.slice(headEnd, cut);
  // The same line breaks, nothing else: each later row keeps its line number.
  const blank = between.includes('\r') ? between.replace(/[^\r\n]+/g, '') : '\n'.repeat(count(between, '\n'));
  const line = header.index + 2 + (blank.match(/\r\n|\r|\n/g)?.length ?? 0);
  return { first, second: text.slice(0, headEnd) + blank + text.slice(cut), line, code };
}

function count(text: string, character: string): number {
  let n = 0;
  for (let k = text.indexOf(character); k !== -1; k = text.indexOf(character, k + 1)) n++;
  return n;
}
