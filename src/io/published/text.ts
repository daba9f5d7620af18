/**
 * The published table as tab-separated text (the fixture's format): a title, the header row
 * (repeated at every page break), objective and indicator rows, and a closing legend. The header
 * row says the table's language, as in a workbook (io/xlsx/read.ts): Italian as published
 * (`Obiettivo, Indicatore, …`) or English as the English report writes it (`Objective, Indicator,
 * …`), whose numbers, N.E. marks and legend are then read the English way.
 */
import { problem, type Issue, type Language, type Outcome, type SourceLocation } from '../../core/index.js';
import { reportText } from '../report/texts.js';
import { firstLines, HEADER_ROWS, headerLineBelow, tabbedHeaderLanguage } from './header-row.js';
import { CHAMBER_PROFILE, headerLanguage, isLegendHeading, LayoutReader, legendFromText, titleYear, type ImportProfile, type ImportedTable, type LayoutRow, type ReadOptions } from './layout.js';

/**
 * Converts the text of a published table. Pure: the caller reads the file (see `decodeText`).
 * @example
 * const { value, issues } = parsePublishedText(text, 'albero-2024.txt');
 * const evaluation = evaluatePlan(value.plan);
 */
export function parsePublishedText(text: string, file: string, profile: ImportProfile = CHAMBER_PROFILE, options: ReadOptions = {}): Outcome<ImportedTable> {
  // One pass over the text, line by line and cell by cell, without splitting the whole file into
  // arrays first: a published table can hold hundreds of thousands of rows.
  const issues: Issue[] = [];
  // Made once the header row has said the table's language (Italian when there is none).
  let language: Language = 'it';
  let reader: LayoutReader | undefined;
  const row = new TextRow(file);
  const cells = row.cells;
  let title = '';
  let headerSeen = false;
  let blankFile = true;
  let rows = 0;
  let legend: string[] | null = null;
  const end = text.length;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The next tab, line feed and carriage return at or after `start` (-1: none left), found with
  // `indexOf`, much faster than looking at every character.
  let tab = text.indexOf('\t', start);
  let lf = text.indexOf('\n', start);
  let cr = text.indexOf('\r', start);
  // Lines end at \r\n, \r or \n; a text ending with a line break has an empty last line.
  for (let line = 1; start <= end; line++) {
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    const lineEnd = lf === -1 ? (cr === -1 ? end : cr) : cr === -1 || lf < cr ? lf : cr;
    if (tab !== -1 && tab < start) tab = text.indexOf('\t', start);
    let count = 0;
    let cellStart = start;
    let blank = true;
    while (tab !== -1 && tab < lineEnd) {
      const cell = unquoted(trimmed(text, cellStart, tab));
      if (cell !== '') blank = false;
      cells[count++] = cell;
      cellStart = tab + 1;
      tab = text.indexOf('\t', cellStart);
    }
    const last = unquoted(trimmed(text, cellStart, lineEnd));
    if (last !== '') blank = false;
    cells[count++] = last;
    if (cells.length !== count) cells.length = count;
    const next = lineEnd === end ? end + 1 : text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
    start = next;
    if (blank) continue;
    blankFile = false;

    if (!headerSeen) {
      const heads = headerLanguage(cells);
      if (heads !== null) {
        headerSeen = true;
        language = heads;
        row.names = reportText(language).columns;
        continue;
      }
      // A spreadsheet saves the title's rows as wide as the table (`Albero 2024\t\t\t\t\t\t`): one cell
      // still when the header row follows within the table's first lines; else a row of data, as before (`A - Area\t\t…`).
      const single = count === 1 || (onlyFirst(cells, count) && headerAhead(text, next));
      if (title === '' && single) {
        title = cells[0]!.replace(/[*#_]/g, '').trim();
        continue;
      }
      if (single) continue;
      issues.push(problem('error', 'missing-header', { dataFirst: true }, { file, line }));
      headerSeen = true;
      // …and the row is read as data.
    } else if (
      count === 1
        ? language === 'it'
          ? /legenda/i.test(cells[0]!)
          : isLegendHeading(cells[0]!.replace(/[*_]/g, ''), language)
        : // The legend's heading as wide as the table: `Legenda` itself, not an objective about a legend with no value yet.
          // The cheap test first: nearly every row has more than its first cell filled.
          onlyFirst(cells, count) && isLegendHeading(cells[0]!.replace(/[*_]/g, ''), language)
    ) {
      legend = next > end ? [] : text.slice(next).split(/\r\n|\r|\n/);
      break;
    }
    row.line = line;
    // The plan's year, which its dates are checked against: given, or its title's (the file's name when it has none, as the plan's title is then).
    reader ??= new LayoutReader(profile, { ...options, year: options.year ?? titleYear(title || file) }, language);
    reader.readTrimmed(row);
    rows++;
  }

  if (!headerSeen) {
    // A JSON document (what `albero import --output` and `report --format json` write) is said as such;
    // a CSV table under a long preamble, at its header row (it is looked for in the first lines, csv.ts).
    const json = /^\s*[{[]/.test(text);
    const below = blankFile || json ? null : headerLineBelow(text);
    issues.push(
      blankFile
        ? problem('error', 'empty-file', {}, { file })
        : below !== null
          ? problem('error', 'header-too-low', { limit: HEADER_ROWS }, { file, line: below })
          : problem('error', 'missing-header', json ? { json: true } : {}, { file }),
    );
  }
  const result = (reader ?? new LayoutReader(profile, options, language)).finish(title || file, (legend === null ? null : legendFromText(legend, language)) ?? undefined);
  if (headerSeen && rows === 0) issues.push(problem('error', 'no-rows', {}, { file }));
  return { value: result.value, issues: [...issues, ...result.issues] };
}

/** The row being read: one object, refilled for every line (a reader keeps nothing of it). */
class TextRow implements LayoutRow {
  readonly cells: string[] = [];
  line = 0;
  /** The column heads, in the table's language, that places name. */
  names: readonly string[] = reportText('it').columns;

  constructor(private readonly file: string) {}

  at(column?: number): SourceLocation {
    return column === undefined ? { file: this.file, line: this.line } : { file: this.file, line: this.line, column: this.names[column] ?? String(column + 1) };
  }

  indicatorAt(node: string, indicator: string): SourceLocation {
    return { file: this.file, line: this.line, column: this.names[1], node, indicator };
  }
}

/** Whether the row's first cell is its only one, or the only one filled (the others empty, as a spreadsheet pads a row). */
function onlyFirst(cells: readonly string[], count: number): boolean {
  for (let k = 1; k < count; k++) if (cells[k] !== '') return false;
  return true;
}

/** Whether a header row is among the lines from `from` on, within the first 30 (where a workbook's is looked for too). */
function headerAhead(text: string, from: number): boolean {
  return tabbedHeaderLanguage(firstLines(text, from)) !== null;
}

/** A cell quoted the spreadsheet's way, its quotes doubled inside: `"Progetto ""ibrida"""`. */
const QUOTED = /^"((?:[^"]|"")*)"$/;

/**
 * A cell as the spreadsheet that saved the table as text means it: one it put in quotes (because
 * it holds a quote) without them, each doubled quote single (`Progetto "ibrida"`); it was an
 * objective "without a code". Any other cell as it is, looked at only when it starts with a quote.
 */
function unquoted(cell: string): string {
  if (cell.charCodeAt(0) !== 34) return cell;
  const m = QUOTED.exec(cell);
  return m === null ? cell : m[1]!.replaceAll('""', '"').trim();
}

/** `text.slice(from, to).trim()`, without the intermediate string. */
function trimmed(text: string, from: number, to: number): string {
  while (from < to && isTrimmed(text.charCodeAt(from))) from++;
  while (to > from && isTrimmed(text.charCodeAt(to - 1))) to--;
  return from === to ? '' : text.slice(from, to);
}

/** The characters `String.prototype.trim` removes: white space and line terminators. */
function isTrimmed(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
