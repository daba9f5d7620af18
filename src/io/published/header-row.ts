/**
 * Where a table's header row is looked for: among its first 30 rows, in a text (tab-separated or
 * CSV) as in a workbook's sheet. Above it a title and notes may stand; a table whose heads are
 * further down is not one of ours (and a big table is not read whole to find out).
 */
import { headerLanguage } from './layout.js';
import type { Language } from '../../core/index.js';

/** How many rows from the top the header row may be. */
export const HEADER_ROWS = 30;

/**
 * The first of a table's top rows (`rowCount` of them, the cells of each given by `cellsOf`, from
 * 0) that `recognise` takes for the header row, with what it said of it; null when none of the
 * first `HEADER_ROWS` is.
 *
 * @example findHeaderRow(lines.length, (k) => lines[k]!.split('\t'), headerLanguage) // { index: 1, found: 'it' }
 */
export function findHeaderRow<T>(rowCount: number, cellsOf: (index: number) => readonly string[], recognise: (cells: readonly string[]) => T | null): { index: number; found: T } | null {
  for (let index = 0; index < Math.min(rowCount, HEADER_ROWS); index++) {
    const found = recognise(cellsOf(index));
    if (found !== null) return { index, found };
  }
  return null;
}

/** The language of the header row among tab-separated `lines` (the first `HEADER_ROWS`), or null when none is one. */
export function tabbedHeaderLanguage(lines: readonly string[]): Language | null {
  return findHeaderRow(lines.length, (k) => lines[k]!.split('\t'), headerLanguage)?.found ?? null;
}

/**
 * The line (from 1) of a header row below the first `HEADER_ROWS` lines of `text`, its cells split
 * by a tab, a semicolon or a comma (and unquoted), or null: asked only of a text refused for want of
 * a header row, to say where it is rather than that there is none.
 */
export function headerLineBelow(text: string): number | null {
  const lines = text.split(/\r\n|\r|\n/);
  for (let k = HEADER_ROWS; k < lines.length; k++) {
    for (const separator of ['\t', ';', ',']) {
      const cells = lines[k]!.split(separator).map((cell) =>
        cell
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .trim(),
      );
      if (headerLanguage(cells) !== null) return k + 1;
    }
  }
  return null;
}

/**
 * The first `HEADER_ROWS` lines of `text` from the offset `from` (lines end at \r\n, \r or \n),
 * without splitting the rest of a big table; a line is cut at 100,000 characters.
 */
export function firstLines(text: string, from = 0): string[] {
  const lines: string[] = [];
  let start = from;
  while (lines.length < HEADER_ROWS && start <= text.length) {
    const end = text.slice(start, start + 100_000).search(/\r\n|\r|\n/);
    if (end === -1) {
      lines.push(text.slice(start, start + 100_000));
      break;
    }
    lines.push(text.slice(start, start + end));
    start += end + (text.startsWith('\r\n', start + end) ? 2 : 1);
  }
  return lines;
}
