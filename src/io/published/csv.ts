/**
 * The published table saved as CSV by a spreadsheet: semicolons in an Italian Excel or LibreOffice
 * ("CSV (delimitato dal separatore di elenco)", its numbers with decimal commas), commas in an
 * English one (its numbers quoted when they hold a comma). It is read as the tab-separated text it
 * stands for, line for line, so that every problem is at the line the spreadsheet's file has it:
 * it was "no header row", with the header right there between its semicolons. A tab-separated
 * table saved with its cells in quotes (LibreOffice's "Testo CSV" with tabs) is read the same way.
 */
import { problem, type Issue } from '../../core/index.js';
import { findHeaderRow, firstLines, tabbedHeaderLanguage } from './header-row.js';
import { headerLanguage } from './layout.js';

/** A tab first: a tab-separated table whose cells a spreadsheet quoted (`"Obiettivo"\t"Indicatore"…`) is one too. */
const SEPARATORS = ['\t', ';', ','] as const;

/**
 * The tab-separated text a CSV table stands for, with the problems of its quoting; null when the
 * text is not a CSV table (tab-separated already, or no header row with either separator), to be
 * read as it is. A cell's tab becomes a space, and a cell over several lines (a title with a line
 * break, quoted) is one line followed by empty ones, which the table's reader passes over: every
 * later row keeps its line.
 */
export async function csvAsTabbed(text: string, file: string): Promise<{ text: string; issues: Issue[] } | null> {
  // The header row is looked for where a workbook's is (header-row.ts).
  const head = firstLines(text);
  if (tabbedHeaderLanguage(head) !== null) return null;
  // Loaded only for a table that is not tab-separated: the command line starts without it (test/cli-start.test.ts).
  const { default: Papa } = await import('papaparse');
  const separator = SEPARATORS.find((s) => {
    const rows = Papa.parse<string[]>(head.join('\n'), { delimiter: s }).data;
    return findHeaderRow(rows.length, (k) => rows[k]!, headerLanguage) !== null;
  });
  if (separator === undefined) return null;
  const parsed = Papa.parse<string[]>(text, { delimiter: separator });
  const lines: string[] = [];
  // The line of the file each row starts at, for the problems of its quoting.
  const starts: number[] = [];
  const issues: Issue[] = [];
  for (const row of parsed.data) {
    const line = lines.length + 1;
    starts.push(line);
    let breaks = 0;
    let swallowed = false;
    const cells = row.map((cell) => {
      const parts = cell.split(/\r\n|\r|\n/);
      breaks += parts.length - 1;
      // A line of the cell with a row's worth of separators is rows of the table that a stray
      // quote took into one cell, up to the next quote of the file: refused, not read as a title.
      if (parts.length > 1 && parts.slice(1).some((part) => part.split(separator).length > 4)) swallowed = true;
      const one = parts.join(' ').replaceAll('\t', ' ');
      // The text reader takes a cell in quotes as a spreadsheet's (published/text.ts): one that starts with a quote is given in quotes, to come back as it is.
      return one.startsWith('"') ? `"${one.replaceAll('"', '""')}"` : one;
    });
    if (swallowed) issues.push(problem('error', 'csv-unclosed-quote', { closedAt: line + breaks }, { file, line }));
    lines.push(cells.join('\t'));
    for (let k = 0; k < breaks; k++) lines.push('');
  }
  for (const error of parsed.errors) {
    // A quote opened and never closed took the rest of the file into one cell: the table cannot be read.
    if (error.code === 'MissingQuotes') issues.push(problem('error', 'csv-unclosed-quote', {}, { file, line: starts[error.row ?? 0] ?? 1 }));
  }
  return { text: lines.join('\n'), issues };
}
