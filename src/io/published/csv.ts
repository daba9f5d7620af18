/**
 * The published table saved as CSV (what a spreadsheet writes: `;` between cells in an Italian
 * locale, `,` elsewhere; a cell holding the separator, a quote or a line break is quoted, `""` a
 * quote inside). It is read as the tab-separated text is (`parsePublishedText`): each record
 * becomes one line of cells, and a record that spans several lines of the file is followed by
 * as many empty lines, so every problem is said at the line of the file where its row begins.
 */
import { headerLanguage } from './layout.js';

/** The separators a CSV of the table may use, the Italian spreadsheets' first. */
const SEPARATORS = [';', ','] as const;

/**
 * The CSV as the tab-separated text of the same table, line for line. The separator is the one
 * whose reading finds the table's header row (`;` when neither does: the file is then refused
 * for its missing header, as a text table would be).
 * @example csvAsTabs('Obiettivo;Indicatore\n"A.1 - Turismo";"1.587,10"') // 'Obiettivo\tIndicatore\nA.1 - Turismo\t1.587,10'
 */
export function csvAsTabs(text: string): string {
  for (const separator of SEPARATORS) {
    const records = csvRecords(text, separator);
    if (records.some((r) => headerLanguage(r.cells.map((c) => c.trim())) !== null)) return tabText(records);
  }
  return tabText(csvRecords(text, SEPARATORS[0]));
}

interface CsvRecord {
  readonly cells: string[];
  /** How many lines of the file the record spans (more than one when a quoted cell holds line breaks). */
  readonly lines: number;
}

function tabText(records: readonly CsvRecord[]): string {
  // A tab or a line break inside a cell would split it: said as a space, as the table printed it.
  return records.map((r) => r.cells.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t') + '\n'.repeat(r.lines - 1)).join('\n');
}

/** RFC 4180 records; lines end at \r\n, \r or \n; a quote opens a quoted cell only at the cell's start. */
function csvRecords(text: string, separator: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let lines = 1;
  let quoted = false;
  let atStart = true;
  const end = (): void => {
    cells.push(cell);
    records.push({ cells, lines });
    cells = [];
    cell = '';
    lines = 1;
    atStart = true;
  };
  for (let k = text.charCodeAt(0) === 0xfeff ? 1 : 0; k < text.length; k++) {
    const c = text[k]!;
    if (quoted) {
      if (c === '"') {
        if (text[k + 1] === '"') {
          cell += '"';
          k++;
        } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[k + 1] !== '\n')) lines++;
        cell += c;
      }
    } else if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === separator) {
      cells.push(cell);
      cell = '';
      atStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[k + 1] === '\n') k++;
      end();
    } else {
      cell += c;
      // Spaces before an opening quote are kept with the cell, as spreadsheets write none.
      atStart = false;
    }
  }
  if (cell !== '' || cells.length > 0 || quoted) end();
  return records;
}
