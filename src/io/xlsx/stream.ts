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
import { Buffer } from 'node:buffer';
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

/**
 * Why a sheet could not be read: its XML is damaged (or points at a shared string that is not
 * there). `sheet` and `cell` say where, as far as it is known, so the person can find it.
 */
export class UnreadableSheet extends Error {
  constructor(
    message: string,
    readonly where: { readonly sheet?: string; readonly cell?: string; readonly sharedString?: string } = {},
  ) {
    super(message);
  }
}

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
  /** The rows the sheet hides (`hidden="1"`: hidden by hand, filtered out, or in a collapsed group), in order. */
  readonly hiddenRows: number[] = [];
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

const DATE_FORMATS = new Map<string, boolean>();

/** exceljs's test for a date format: a date or time letter outside quotes and brackets (remembered per format: a sheet has few). */
function isDateFormat(format: string | undefined): boolean {
  if (format === undefined) return false;
  let known = DATE_FORMATS.get(format);
  if (known === undefined) {
    known = /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
    if (DATE_FORMATS.size < 1000) DATE_FORMATS.set(format, known);
  }
  return known;
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
 *
 * The sheets spreadsheet programs write use a small, regular part of XML (elements, attributes
 * in quotes, the five named entities and character references): `scanSheet` reads that part with
 * `indexOf` over the decoded text, about four times faster than saxes's character-by-character
 * state machine on a 130,000-row sheet. On anything outside it (a comment, CDATA, a DOCTYPE, a
 * character XML forbids, a carriage return, mismatched tags, text cut short) it gives up and saxes
 * reads the sheet from the start, so saxes alone decides what is damaged.
 */
export function readSheet(name: string, bytes: Uint8Array, context: WorkbookContext, options: SheetReadOptions = {}): StreamedSheet {
  try {
    return scanSheet(name, bytes, context, options) ?? parseSheet(name, bytes, context, options);
  } catch (error) {
    // The sheet's name is known only here: the error says where it happened.
    if (error instanceof UnreadableSheet && error.where.sheet === undefined) throw new UnreadableSheet(error.message, { ...error.where, sheet: name });
    throw error;
  }
}

/** The cell being read. */
interface OpenCell {
  column: number;
  type: string | undefined;
  style: number;
  value: string | null;
  formula: string | null;
  shareType?: string;
  si?: string;
  ref?: string;
}

/**
 * What both readers do with a sheet's elements: they report each start tag (with its attributes),
 * text and end tag here, and this keeps the rows, cells and merged ranges.
 */
class SheetBuilder {
  readonly sheet: StreamedSheet;
  /** Reading stopped (at the rows asked for, or past the row limit): the rest is not looked at. */
  stopped = false;
  private readonly formulae = new Map<string, string>();
  private rowNumber = 0;
  private row: StoredCell[] | null = null;
  private columnNumber = 0;
  private cell: OpenCell | null = null;
  private textOf: 'v' | 'f' | 't' | null = null;
  private phonetic = 0;

  constructor(
    name: string,
    private readonly context: WorkbookContext,
    private readonly options: SheetReadOptions,
  ) {
    this.sheet = new StreamedSheet(name, { title: context.title });
  }

  /** Whether text now would be kept (inside a cell's `<v>`, `<f>` or `<t>`). */
  get wantsText(): boolean {
    return !this.stopped && this.cell !== null && this.textOf !== null;
  }

  open(name: string, attributes: Readonly<Record<string, string | undefined>>): void {
    if (this.stopped) return;
    switch (name) {
      case 'row': {
        const r = Number(attributes.r);
        const rowNumber = Number.isSafeInteger(r) && r > 0 ? r : this.rowNumber + 1;
        this.rowNumber = rowNumber;
        const { untilRow, rowLimit } = this.options;
        if ((untilRow !== undefined && rowNumber > untilRow) || (rowLimit !== undefined && rowNumber > rowLimit)) {
          this.stopped = true;
          this.sheet.cut = true;
          if (rowLimit !== undefined && rowNumber > rowLimit) this.sheet.rowCount = rowNumber;
          return;
        }
        this.sheet.rowCount = Math.max(this.sheet.rowCount, rowNumber);
        // xsd:boolean: Excel writes `1`, LibreOffice `true`.
        if (attributes.hidden === '1' || attributes.hidden === 'true') this.sheet.hiddenRows.push(rowNumber);
        this.row = [];
        this.columnNumber = 0;
        return;
      }
      case 'c': {
        const at = attributes.r === undefined ? 0 : columnOf(attributes.r);
        this.columnNumber = at === 0 ? this.columnNumber + 1 : at;
        const style = attributes.s === undefined ? 0 : Number(attributes.s);
        this.cell = { column: this.columnNumber, type: attributes.t, style: Number.isSafeInteger(style) ? style : 0, value: null, formula: null };
        return;
      }
      case 'f':
        if (this.cell !== null) {
          this.textOf = 'f';
          this.cell.shareType = attributes.t;
          this.cell.si = attributes.si;
          this.cell.ref = attributes.ref;
        }
        return;
      case 'v':
        if (this.cell !== null) this.textOf = 'v';
        return;
      case 'rPh':
        this.phonetic++;
        return;
      case 't':
        if (this.cell !== null && this.phonetic === 0) this.textOf = 't';
        return;
      case 'mergeCell': {
        const [from, to = from] = (attributes.ref ?? '').split(':');
        const a = decodeAddress(from ?? '');
        const b = decodeAddress(to ?? '');
        if (a === null || b === null) return;
        const range = { top: Math.min(a[0], b[0]), left: Math.min(a[1], b[1]), bottom: Math.max(a[0], b[0]), right: Math.max(a[1], b[1]) };
        if (range.top !== range.bottom || range.left !== range.right) this.sheet.merges.push(range);
        return;
      }
      default:
        return;
    }
  }

  text(text: string): void {
    const cell = this.cell;
    if (this.stopped || cell === null || this.textOf === null) return;
    if (this.textOf === 'f') cell.formula = (cell.formula ?? '') + text;
    else cell.value = cell.value === null ? text : cell.value + text;
  }

  close(name: string): void {
    if (this.stopped) return;
    switch (name) {
      case 'f':
      case 'v':
      case 't':
        this.textOf = null;
        return;
      case 'rPh':
        this.phonetic--;
        return;
      case 'c':
        // The row's length is then its last column with a cell element, as exceljs's cellCount.
        if (this.cell !== null && this.row !== null) this.row[this.cell.column] = cellValue(this.cell, this.context, this.formulae, this.rowNumber);
        this.cell = null;
        return;
      case 'row':
        this.endRow();
        return;
      default:
        return;
    }
  }

  finish(): StreamedSheet {
    this.endRow();
    return this.sheet;
  }

  private endRow(): void {
    const row = this.row;
    if (row !== null && row.length > 0) {
      this.sheet.rows[this.rowNumber] = row;
      this.sheet.columnCount = Math.max(this.sheet.columnCount, row.length - 1);
    }
    this.row = null;
  }
}

/** The column of a cell reference (`AB12` → 28), or 0 when it is not one; the plain form without a regular expression. */
function columnOf(address: string): number {
  let column = 0;
  let i = 0;
  for (; i < address.length && i < 4; i++) {
    const code = address.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  const digits = address.length - i;
  if (i === 0 || i > 3 || digits < 1 || digits > 7) return decodeAddress(address)?.[1] ?? 0;
  for (; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (code < 48 || code > 57) return decodeAddress(address)?.[1] ?? 0;
  }
  return column;
}

/** The saxes reader: every sheet it is handed, however unusual its XML (exported for the tests that hold the two readers to the same results). */
export function parseSheet(name: string, bytes: Uint8Array, context: WorkbookContext, options: SheetReadOptions = {}): StreamedSheet {
  const builder = new SheetBuilder(name, context, options);
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => builder.open(localName(tag.name), (tag as SaxesTagPlain).attributes));
  parser.on('text', (text) => builder.text(text));
  parser.on('closetag', (tag) => builder.close(localName(tag.name)));
  feed(parser, bytes, () => builder.stopped);
  return builder.finish();
}

/** A sheet read only up to its first rows is decoded this much at a time (and more when that is not enough). */
const FIRST_BYTES = 1 << 18;

/** The fast reader, or null when the sheet's XML is anything but plain (saxes then reads it). Exported for its tests. */
export function scanSheet(name: string, bytes: Uint8Array, context: WorkbookContext, options: SheetReadOptions = {}): StreamedSheet | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // As TextDecoder: a byte-order mark is not part of the text.
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let size = options.untilRow === undefined ? bytes.length : Math.min(bytes.length, FIRST_BYTES);
  for (;;) {
    const complete = size >= bytes.length;
    // Read as Latin-1, one character per byte: the markup is ASCII, so positions in the text are
    // positions in the bytes, and only the values that hold other bytes are decoded as UTF-8. The
    // text takes half the memory of the decoded one and no time to make.
    let text = buffer.toString('latin1', from, size);
    // A prefix ends inside a tag: cut at its last tag; reaching the end asks for more.
    if (!complete) text = text.slice(0, Math.max(0, text.lastIndexOf('<')));
    const builder = new SheetBuilder(name, context, options);
    const scanned = scan(text, (a, b) => buffer.toString('utf8', from + a, from + b), complete, builder);
    if (scanned === 'done') return builder.finish();
    if (scanned === 'unusual') return null;
    size = Math.min(bytes.length, size * 4);
  }
}

/** Characters XML forbids (saxes refuses them) and a carriage return (which XML would turn into a line feed). */
const ODD_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\r]|\u00ef\u00bf[\u00be\u00bf]/;
/** A byte past ASCII, in the Latin-1 reading: the value is UTF-8 to decode. */
const NOT_ASCII = /[\u0080-\u00ff]/;
const ENTITY = /&(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/y;
const DECLARATION = /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/;
const BLANK = /^[ \t\n]*$/;

class Unusual extends Error {}

function isNameCode(code: number): boolean {
  // Letters, digits, `_`, `-`, `.`, `:`; anything else (a non-ASCII name too) is left to saxes.
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 58) || code === 95 || code === 45 || code === 46;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9;
}

function isXmlCharacter(code: number): boolean {
  return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, e: string) => {
    if (e.charCodeAt(0) !== 35) return NAMED[e]!;
    const code = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    if (!isXmlCharacter(code)) throw new Unusual();
    return String.fromCodePoint(code);
  });
}

/**
 * Reads `text` into the builder: `done` (the whole document, or up to where reading stopped),
 * `more` (the text ran out before either and is not the whole part), or `unusual` (saxes's turn).
 */
function scan(text: string, utf8: (from: number, to: number) => string, complete: boolean, builder: SheetBuilder): 'done' | 'more' | 'unusual' {
  const value = (from: number, to: number): string => {
    const raw = text.slice(from, to);
    const decoded = NOT_ASCII.test(raw) ? utf8(from, to) : raw;
    return decoded.includes('&') ? decodeEntities(decoded) : decoded;
  };
  if (ODD_CHARACTER.test(text) || text.includes('<!') || text.includes(']]>') || text.indexOf('<?', 1) >= 0) return 'unusual';
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', amp + 1)) {
    ENTITY.lastIndex = amp;
    if (!ENTITY.test(text)) return 'unusual';
  }
  let i = 0;
  if (text.startsWith('<?')) {
    const declaration = DECLARATION.exec(text);
    if (declaration === null) return complete || text.includes('?>') ? 'unusual' : 'more';
    i = declaration[0].length;
  }
  const n = text.length;
  const ranOut = complete ? 'unusual' : 'more';
  const stack: string[] = [];
  let rootSeen = false;
  try {
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) {
        if (!complete) return 'more';
        return stack.length === 0 && rootSeen && BLANK.test(text.slice(i)) ? 'done' : 'unusual';
      }
      if (lt > i) {
        if (stack.length === 0) {
          if (!BLANK.test(text.slice(i, lt))) return 'unusual';
        } else if (builder.wantsText) {
          builder.text(value(i, lt));
        }
      }
      if (text.charCodeAt(lt + 1) === 47) {
        // An end tag: `</name>` or `</name  >`, the name of the element open.
        let j = lt + 2;
        while (j < n && isNameCode(text.charCodeAt(j))) j++;
        const name = text.slice(lt + 2, j);
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (j >= n) return ranOut;
        if (text.charCodeAt(j) !== 62 || name !== stack.pop()) return 'unusual';
        builder.close(localName(name));
        if (builder.stopped) return 'done';
        i = j + 1;
        continue;
      }
      // A start tag: its name, then attributes, each after white space.
      let j = lt + 1;
      const first = text.charCodeAt(j);
      if (!isNameCode(first) || (first >= 45 && first <= 58 && first !== 58)) return j >= n ? ranOut : 'unusual';
      while (j < n && isNameCode(text.charCodeAt(j))) j++;
      const name = text.slice(lt + 1, j);
      if (stack.length === 0 && rootSeen) return 'unusual';
      const attributes: Record<string, string> = {};
      let selfClosing = false;
      for (;;) {
        const before = j;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (j >= n) return ranOut;
        const code = text.charCodeAt(j);
        if (code === 62) {
          j++;
          break;
        }
        if (code === 47) {
          if (j + 1 >= n) return ranOut;
          if (text.charCodeAt(j + 1) !== 62) return 'unusual';
          selfClosing = true;
          j += 2;
          break;
        }
        if (j === before) return 'unusual';
        const start = j;
        while (j < n && isNameCode(text.charCodeAt(j))) j++;
        if (j === start) return 'unusual';
        const attribute = text.slice(start, j);
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (j >= n) return ranOut;
        if (text.charCodeAt(j) !== 61) return 'unusual';
        j++;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (j >= n) return ranOut;
        const quote = text.charCodeAt(j);
        if (quote !== 34 && quote !== 39) return 'unusual';
        const end = text.indexOf(quote === 34 ? '"' : "'", j + 1);
        if (end < 0) return ranOut;
        const raw = text.slice(j + 1, end);
        // `<` is not allowed in a value; a tab or line feed XML would turn into a space.
        if (raw.includes('<') || raw.includes('\t') || raw.includes('\n') || attributes[attribute] !== undefined) return 'unusual';
        attributes[attribute] = value(j + 1, end);
        j = end + 1;
      }
      rootSeen = true;
      const local = localName(name);
      builder.open(local, attributes);
      if (selfClosing) builder.close(local);
      else stack.push(name);
      if (builder.stopped) return 'done';
      i = j;
    }
  } catch (error) {
    if (error instanceof Unusual) return 'unusual';
    throw error;
  }
}

const EMPTY: StoredCell = { value: null };

function cellValue(cell: OpenCell, context: WorkbookContext, formulae: Map<string, string>, rowNumber: number): StoredCell {
  const numFmt = cell.style > 0 ? context.formats[cell.style] : undefined;
  const { type, value: text } = cell;
  const number = (t: string): number | Date => {
    const n = parseFloat(t);
    return Number.isFinite(n) && isDateFormat(numFmt) ? excelDate(n, context.date1904) : n;
  };
  if (cell.formula || cell.shareType !== undefined) {
    const result = text === null ? undefined : type === 'str' ? text : type === 'b' ? parseInt(text, 10) !== 0 : type === 'e' ? { error: text } : number(text);
    if (cell.shareType === 'shared' && cell.si !== undefined) {
      if (cell.ref !== undefined) formulae.set(cell.si, `${letters(cell.column)}${rowNumber}`);
      else return { value: { sharedFormula: formulae.get(cell.si) ?? '', result } as unknown as ExcelJS.CellValue, numFmt };
    }
    return { value: { formula: cell.formula ?? '', result } as ExcelJS.CellValue, numFmt };
  }
  if (text === null) return numFmt === undefined ? EMPTY : { value: null, numFmt };
  switch (type) {
    case 's': {
      const s = context.sharedStrings[parseInt(text, 10)];
      // exceljs fails on a missing shared string too: the file is damaged.
      if (s === undefined) throw new UnreadableSheet(`no shared string ${text}`, { cell: `${letters(cell.column)}${rowNumber}`, sharedString: text.slice(0, 20) });
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
