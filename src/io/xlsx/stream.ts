/**
 * A workbook's sheets read straight from their XML with a streaming parser (saxes), one chunk at
 * a time, instead of exceljs's object model. exceljs builds every cell of every sheet (styles,
 * fonts, notes) before the first row can be read: a 48,000-row workbook took over 30 s. This reader
 * keeps only what the importers look at — each cell's value, its number format, whether it is an
 * ISO date (`t="d"`) — reads only the first rows of each sheet until the table's sheet is known,
 * and stops at the row limit.
 *
 * Values follow exceljs's reading of the same XML (so the cell rules in cells.ts hold for both):
 * shared and inline strings are strings, a number with a date format is a Date, a formula is
 * `{ formula, result }` (a shared formula's copies `{ sharedFormula: master, result }`), an error
 * `{ error }`, a merged cell reads as its first cell. The parts come already unpacked and checked
 * (sizes, CRC) by `unpackZip`.
 */
import type ExcelJS from 'exceljs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** A sheet's XML is fed to the parser in pieces of this many bytes, decoded as it goes. */
const CHUNK = 1 << 20;

export interface SheetCell {
  readonly value: ExcelJS.CellValue;
  readonly numFmt?: string;
  /** The text of a cell typed `t="d"`: exceljs reads `2024-07-15` there as the number 2024. */
  readonly isoDate?: string;
  readonly address: string;
  readonly isMerged: boolean;
  readonly master: { readonly address: string };
}

interface StoredCell {
  readonly value: ExcelJS.CellValue;
  readonly numFmt?: string;
  readonly isoDate?: string;
}

interface Range {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** Why a sheet could not be read: its XML is damaged (or points at a shared string that is not there). */
export class UnreadableSheet extends Error {}

/** 1 → `A`, 27 → `AA` (cells.ts has the same; kept here so this file stands alone in a worker). */
function letters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `AB12` → [12, 28]; null for anything else. */
function decodeAddress(address: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(address.trim().toUpperCase());
  if (m === null) return null;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), column];
}

export class StreamedRow {
  constructor(
    private readonly sheet: StreamedSheet,
    readonly number: number,
    private readonly cells: ReadonlyArray<StoredCell | undefined>,
  ) {}

  /** The column of the row's last cell, as exceljs counts it. */
  get cellCount(): number {
    return Math.max(0, this.cells.length - 1);
  }

  getCell(column: number): SheetCell {
    return this.sheet.cellAt(this.number, column, this.cells[column]);
  }

  /** Each cell that holds a value, in column order (as exceljs's `eachCell` without `includeEmpty`). */
  eachCell(visit: (cell: SheetCell, column: number) => void): void {
    for (let c = 1; c < this.cells.length; c++) {
      const stored = this.cells[c];
      if (stored !== undefined && stored.value !== null) visit(this.getCell(c), c);
    }
  }
}

export class StreamedSheet {
  /** Rows by number; a row with no cells is absent. */
  readonly rows: Array<StoredCell[] | undefined> = [];
  readonly merges: Range[] = [];
  rowCount = 0;
  columnCount = 0;
  /** Whether reading stopped early (at the rows asked for, or past the row limit). */
  cut = false;
  private mergedByRow: Map<number, Range[]> | null = null;

  constructor(
    readonly name: string,
    readonly workbook: { readonly title?: string },
  ) {}

  getRow(row: number): StreamedRow {
    return new StreamedRow(this, row, this.rows[row] ?? []);
  }

  /** A cell as the importers see it; a cell inside a merged range reads as the range's first cell. */
  cellAt(row: number, column: number, stored: StoredCell | undefined): SheetCell {
    const address = `${letters(column)}${row}`;
    const range = this.merges.length === 0 ? undefined : this.mergeAt(row, column);
    if (range === undefined) return { value: stored?.value ?? null, numFmt: stored?.numFmt, isoDate: stored?.isoDate, address, isMerged: false, master: { address } };
    const master = `${letters(range.left)}${range.top}`;
    const first = range.top === row && range.left === column ? stored : this.rows[range.top]?.[range.left];
    return { value: first?.value ?? null, numFmt: first?.numFmt, isoDate: first?.isoDate, address, isMerged: true, master: { address: master } };
  }

  /** The merged ranges of more than one cell that reach row `from` or below, by where they are first met. */
  mergesFrom(from: number): Range[] {
    return this.merges.filter((m) => m.bottom >= from).sort((a, b) => Math.max(a.top, from) - Math.max(b.top, from) || a.left - b.left);
  }

  private mergeAt(row: number, column: number): Range | undefined {
    if (this.mergedByRow === null) {
      // Ranges are indexed by the rows they cover, up to the last row with cells: a range that
      // claims a million empty rows costs nothing past them.
      this.mergedByRow = new Map();
      for (const m of this.merges) {
        for (let r = m.top; r <= Math.min(m.bottom, this.rowCount); r++) {
          const list = this.mergedByRow.get(r);
          if (list === undefined) this.mergedByRow.set(r, [m]);
          else list.push(m);
        }
      }
    }
    return this.mergedByRow.get(row)?.find((m) => column >= m.left && column <= m.right);
  }
}

/** What every sheet shares: strings, number formats, the date system, the title. */
export interface WorkbookContext {
  readonly sharedStrings: readonly string[];
  /** Number format of each cell style (`s`), or undefined for General. */
  readonly formats: ReadonlyArray<string | undefined>;
  readonly date1904: boolean;
  readonly title?: string;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Feeds a part's bytes to the parser a chunk at a time; `stop()` returning true ends early. */
function feed(parser: SaxesParser, bytes: Uint8Array, stop: () => boolean = () => false): void {
  const decoder = new TextDecoder('utf-8');
  try {
    for (let at = 0; at < bytes.length && !stop(); at += CHUNK) {
      parser.write(decoder.decode(bytes.subarray(at, at + CHUNK), { stream: true }));
    }
    if (!stop()) parser.write(decoder.decode()).close();
  } catch (error) {
    if (error instanceof UnreadableSheet) throw error;
    throw new UnreadableSheet((error as Error).message);
  }
}

/** The shared strings (`xl/sharedStrings.xml`): each `<si>` as its text, rich-text runs joined, phonetic hints left out. */
export function readSharedStrings(bytes: Uint8Array | undefined): string[] {
  const strings: string[] = [];
  if (bytes === undefined) return strings;
  const parser = new SaxesParser({ position: false });
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') current = [];
    else if (name === 'rPh') phonetic++;
    else if (name === 't' && phonetic === 0) inText = true;
  });
  parser.on('text', (text) => {
    if (inText && current !== null) current.push(text);
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 't') inText = false;
    else if (name === 'rPh') phonetic--;
    else if (name === 'si' && current !== null) {
      strings.push(current.join(''));
      current = null;
    }
  });
  feed(parser, bytes);
  return strings;
}

/** Excel's built-in number formats that the importers care about (percentages, dates), as exceljs names them. */
const BUILT_IN_FORMATS: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** The number format of each cell style (`<cellXfs>` in `xl/styles.xml`). */
export function readCellFormats(bytes: Uint8Array | undefined): Array<string | undefined> {
  const formats: Array<string | undefined> = [];
  if (bytes === undefined) return formats;
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes = (tag as SaxesTagPlain).attributes;
    if (name === 'numFmt') {
      const id = Number(attributes.numFmtId);
      if (Number.isInteger(id) && attributes.formatCode !== undefined) custom.set(id, attributes.formatCode);
    } else if (name === 'cellXfs') inCellXfs = true;
    else if (name === 'xf' && inCellXfs) ids.push(Number(attributes.numFmtId ?? 0));
  });
  parser.on('closetag', (tag) => {
    if (localName(tag.name) === 'cellXfs') inCellXfs = false;
  });
  feed(parser, bytes);
  // As exceljs: format 0 (General) is no format at all.
  for (const id of ids) formats.push(id ? (custom.get(id) ?? BUILT_IN_FORMATS[id]) : undefined);
  return formats;
}

/** exceljs's test for a date format: a date or time letter outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (format === undefined) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** An Excel serial day as the Date exceljs makes of it (UTC). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

export interface SheetReadOptions {
  /** Stop after this row (the first rows are enough to recognise a table). */
  readonly untilRow?: number;
  /** Stop past this row, marking the sheet `cut`: the caller refuses it. */
  readonly rowLimit?: number;
}

/**
 * Reads one sheet's XML (`xl/worksheets/sheetN.xml`). Throws `UnreadableSheet` when the XML is
 * damaged; everything else about a cell is left for the importers to judge and locate.
 */
export function readSheet(name: string, bytes: Uint8Array, context: WorkbookContext, options: SheetReadOptions = {}): StreamedSheet {
  const sheet = new StreamedSheet(name, { title: context.title });
  const parser = new SaxesParser({ position: false });
  const formulae = new Map<string, string>();
  let rowNumber = 0;
  let row: StoredCell[] | null = null;
  let columnNumber = 0;
  let stopped = false;
  // The cell being read.
  let cell: { column: number; type: string | undefined; style: number; value: string | null; formula: string | null; shareType?: string; si?: string; ref?: string } | null = null;
  let textOf: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;

  const endRow = (): void => {
    if (row !== null && row.length > 0) {
      sheet.rows[rowNumber] = row;
      sheet.columnCount = Math.max(sheet.columnCount, row.length - 1);
    }
    row = null;
  };

  parser.on('opentag', (tag) => {
    if (stopped) return;
    const name = localName(tag.name);
    const attributes = (tag as SaxesTagPlain).attributes;
    switch (name) {
      case 'row': {
        const r = Number(attributes.r);
        rowNumber = Number.isSafeInteger(r) && r > 0 ? r : rowNumber + 1;
        if ((options.untilRow !== undefined && rowNumber > options.untilRow) || (options.rowLimit !== undefined && rowNumber > options.rowLimit)) {
          stopped = true;
          sheet.cut = true;
          if (options.rowLimit !== undefined && rowNumber > options.rowLimit) sheet.rowCount = rowNumber;
          return;
        }
        sheet.rowCount = Math.max(sheet.rowCount, rowNumber);
        row = [];
        columnNumber = 0;
        return;
      }
      case 'c': {
        const at = attributes.r === undefined ? null : decodeAddress(attributes.r);
        columnNumber = at === null ? columnNumber + 1 : at[1];
        const style = Number(attributes.s ?? 0);
        cell = { column: columnNumber, type: attributes.t, style: Number.isSafeInteger(style) ? style : 0, value: null, formula: null };
        return;
      }
      case 'f':
        if (cell !== null) {
          textOf = 'f';
          cell.shareType = attributes.t;
          cell.si = attributes.si;
          cell.ref = attributes.ref;
        }
        return;
      case 'v':
        if (cell !== null) textOf = 'v';
        return;
      case 'r':
        return;
      case 'rPh':
        phonetic++;
        return;
      case 't':
        if (cell !== null && phonetic === 0) textOf = 't';
        return;
      case 'mergeCell': {
        const [from, to = from] = (attributes.ref ?? '').split(':');
        const a = decodeAddress(from ?? '');
        const b = decodeAddress(to ?? '');
        if (a === null || b === null) return;
        const range = { top: Math.min(a[0], b[0]), left: Math.min(a[1], b[1]), bottom: Math.max(a[0], b[0]), right: Math.max(a[1], b[1]) };
        if (range.top !== range.bottom || range.left !== range.right) sheet.merges.push(range);
        return;
      }
      default:
        return;
    }
  });

  parser.on('text', (text) => {
    if (stopped || cell === null || textOf === null) return;
    if (textOf === 'f') cell.formula = (cell.formula ?? '') + text;
    else cell.value = (cell.value ?? '') + text;
  });

  parser.on('closetag', (tag) => {
    if (stopped) return;
    const name = localName(tag.name);
    switch (name) {
      case 'f':
      case 'v':
      case 't':
        textOf = null;
        return;
      case 'r':
        return;
      case 'rPh':
        phonetic--;
        return;
      case 'c':
        if (cell !== null && row !== null) {
          // The row's length is then its last column with a cell element, as exceljs's cellCount.
          row[cell.column] = cellValue(cell, context, formulae, `${letters(cell.column)}${rowNumber}`);
        }
        cell = null;
        return;
      case 'row':
        endRow();
        return;
      default:
        return;
    }
  });

  feed(parser, bytes, () => stopped);
  endRow();
  return sheet;
}

const EMPTY: StoredCell = { value: null };

function cellValue(
  cell: { type: string | undefined; style: number; value: string | null; formula: string | null; shareType?: string; si?: string; ref?: string },
  context: WorkbookContext,
  formulae: Map<string, string>,
  address: string,
): StoredCell {
  const numFmt = cell.style > 0 ? context.formats[cell.style] : undefined;
  const { type, value: text } = cell;
  const number = (t: string): number | Date => {
    const n = parseFloat(t);
    return Number.isFinite(n) && isDateFormat(numFmt) ? excelDate(n, context.date1904) : n;
  };
  if (cell.formula || cell.shareType !== undefined) {
    const result = text === null ? undefined : type === 'str' ? text : type === 'b' ? parseInt(text, 10) !== 0 : type === 'e' ? { error: text } : number(text);
    if (cell.shareType === 'shared' && cell.si !== undefined) {
      if (cell.ref !== undefined) formulae.set(cell.si, address);
      else return { value: { sharedFormula: formulae.get(cell.si) ?? '', result } as unknown as ExcelJS.CellValue, numFmt };
    }
    return { value: { formula: cell.formula ?? '', result } as ExcelJS.CellValue, numFmt };
  }
  if (text === null) return numFmt === undefined ? EMPTY : { value: null, numFmt };
  switch (type) {
    case 's': {
      const s = context.sharedStrings[parseInt(text, 10)];
      // exceljs fails on a missing shared string too: the file is damaged.
      if (s === undefined) throw new UnreadableSheet(`no shared string ${text}`);
      return { value: s, numFmt };
    }
    case 'str':
    case 'inlineStr':
      return { value: text, numFmt };
    case 'b':
      return { value: parseInt(text, 10) !== 0, numFmt };
    case 'e':
      return { value: { error: text } as ExcelJS.CellErrorValue, numFmt };
    case 'd':
      return { value: text, numFmt, isoDate: text };
    default:
      return { value: number(text), numFmt };
  }
}
