/**
 * Reading an .xlsx workbook: checks the file really is a workbook of a sane size, finds the sheet
 * that holds the table, and hands it to the right reader — the published seven-column layout
 * (rows → `LayoutRow`s → `readLayout`) or the clean template (template.ts). Every problem is
 * located as `Sheet!E37`; nothing here throws for bad input.
 */
import type ExcelJS from 'exceljs';
import { problem, said, saidIssue, tableNotation, type Issue, type Language, type Outcome, type Said } from '../../core/index.js';
import {
  CHAMBER_PROFILE,
  headerLanguage,
  isLegendHeading,
  LAYOUT_COLUMNS,
  legendFromText,
  readLayout,
  titleYear,
  type ImportedTable,
  type ImportProfile,
  type LayoutRow,
  type ReadOptions,
} from '../published/layout.js';
import { findHeaderRow, HEADER_ROWS } from '../published/header-row.js';
import { cellLocation, cellText, columnLetter } from './cells.js';
import { exceljs } from './excel.js';
import { readCellFormats, readSharedStrings, readSheet, UnreadableSheet, type StreamedSheet, type WorkbookContext } from './stream.js';
import { isTemplateHeader, readTemplateSheet } from './template.js';
import { XLSX_LIMITS } from './limits.js';
import { hasZipSignature, isOleFile, storedZip, unpackZip } from './zip.js';
export { looksLikeXlsx } from './zip.js';

export { XLSX_LIMITS, xlsxSettingProblem } from './limits.js';

/** A workbook's parts, unpacked and checked, with its sheets' names as written; or why it is not one. */
function checkedParts(bytes: Uint8Array, file: string): Outcome<{ entries: Map<string, Uint8Array>; sheets: SheetPart[] } | null> {
  const fail = (s: Said): Outcome<null> => ({ value: null, issues: [saidIssue('error', s, { file })] });
  if (bytes.length === 0) return fail(said('empty-file', {}));
  if (bytes.length > XLSX_LIMITS.bytes) return fail(said('file-too-large', { what: 'file', size: (bytes.length / 1048576).toFixed(1), limit: String(XLSX_LIMITS.bytes / 1048576) }));
  if (!hasZipSignature(bytes)) return fail(said('not-a-workbook', { reason: isOleFile(bytes) ? 'xls' : 'not-zip' }));
  // Every part is unpacked and checked (sizes, CRC) by Node's zlib before any XML is read, so
  // nothing a library says about a damaged zip ("Bug : uncompressed data size mismatch") can
  // reach the user.
  const unpacked = unpackZip(bytes, { inflatedBytes: XLSX_LIMITS.inflatedBytes, entries: XLSX_LIMITS.entries });
  if (!(unpacked instanceof Map)) {
    return {
      value: null,
      issues: [unpacked.code === 'damaged-workbook' ? problem('error', 'damaged-workbook', unpacked.params, { file }) : problem('error', 'file-too-large', unpacked.params, { file })],
    };
  }
  if (!unpacked.has('xl/workbook.xml')) {
    const names = [...unpacked.keys()];
    const word = names.some((n) => n.startsWith('word/'));
    const calc = names.includes('content.xml');
    return fail(said('not-a-workbook', word ? { reason: 'word' } : calc ? { reason: 'opendocument' } : { reason: 'zip', entries: names.length }));
  }
  const sheets = sheetParts(unpacked);
  const notes: Issue[] = sheets
    .filter((sheet) => sheet.name.length > 31)
    .map((sheet) => problem('warning', 'long-sheet-name', { name: sheet.name, read: sheet.name.slice(0, 31) }, { file, sheet: sheet.name.slice(0, 31) }));
  return { value: { entries: unpacked, sheets }, issues: notes };
}

/**
 * Opens a workbook with exceljs (the registry and SMVP importers, whose workbooks are small), or
 * says in plain words why it is not one. The plan importer reads big tables through `openTable`.
 */
export async function openWorkbook(bytes: Uint8Array, file: string): Promise<Outcome<ExcelJS.Workbook | null>> {
  const checked = checkedParts(bytes, file);
  if (checked.value === null) return { value: null, issues: checked.issues };
  const { entries: unpacked } = checked.value;
  if (checked.issues.length > 0) {
    // exceljs cuts a long sheet name and then trips over its own cut ("Worksheet name already
    // exists"): it is given the names cut already.
    const xml = new TextDecoder('utf-8').decode(unpacked.get('xl/workbook.xml'));
    const cut = xml.replace(/<((?:\w+:)?sheet)\b[^>]*>/g, (tag) => tag.replace(/(\sname=")([^"]*)"/, (_, head: string, name: string) => `${head}${escapeXml(xmlText(name).slice(0, 31))}"`));
    unpacked.set('xl/workbook.xml', new TextEncoder().encode(cut));
  }
  const workbook = new (exceljs().Workbook)();
  try {
    // exceljs is handed the checked bytes stored: it inflates nothing.
    await quietly(() => workbook.xlsx.load(Buffer.from(storedZip(unpacked)) as unknown as ExcelJS.Buffer));
  } catch {
    // exceljs's own words ("Cannot read properties of undefined (reading 'richText')") mean nothing
    // to the person who sent the file; what can be said is which file and that its XML is damaged.
    return { value: null, issues: [problem('error', 'unreadable-workbook', {}, { file })] };
  }
  return { value: workbook, issues: checked.issues };
}

/** A sheet that cannot be read, at the sheet and cell where reading stopped when they are known. */
function unreadable(error: UnreadableSheet, file: string): Issue {
  const { sheet, cell, sharedString } = error.where;
  return problem('error', 'unreadable-workbook', sharedString === undefined ? {} : { sharedString }, {
    file,
    ...(sheet === undefined ? {} : { sheet: sheet.slice(0, 31) }),
    ...(cell === undefined ? {} : { cell }),
  });
}

/**
 * A workbook as the plan importer reads it: its sheets by name (cut to Excel's 31 characters),
 * each read from its XML by the streaming reader (stream.ts) only as far as it is asked.
 */
export interface TableWorkbook {
  readonly sheets: ReadonlyArray<{ readonly name: string; readonly part: Uint8Array | undefined }>;
  readonly context: WorkbookContext;
}

/** Opens a workbook for the plan importer, or says in plain words why it is not one. */
export function openTable(bytes: Uint8Array, file: string): Outcome<TableWorkbook | null> {
  const checked = checkedParts(bytes, file);
  if (checked.value === null) return { value: null, issues: checked.issues };
  const { entries, sheets } = checked.value;
  const decoder = new TextDecoder('utf-8');
  const workbookXml = decoder.decode(entries.get('xl/workbook.xml'));
  const core = entries.get('docProps/core.xml');
  const title = core === undefined ? undefined : /<dc:title>([^<]*)<\/dc:title>/.exec(decoder.decode(core))?.[1];
  try {
    const context: WorkbookContext = {
      sharedStrings: readSharedStrings(entries.get(relatedPart(entries, 'sharedStrings') ?? 'xl/sharedStrings.xml')),
      formats: readCellFormats(entries.get(relatedPart(entries, 'styles') ?? 'xl/styles.xml')),
      date1904: /<(?:\w+:)?workbookPr\b[^>]*\sdate1904="(?:1|true)"/.test(workbookXml),
      ...(title === undefined ? {} : { title: xmlText(title) }),
    };
    return { value: { sheets: sheets.map((s) => ({ name: s.name.slice(0, 31), part: s.part === undefined ? undefined : entries.get(s.part) })), context }, issues: checked.issues };
  } catch (error) {
    if (error instanceof UnreadableSheet) return { value: null, issues: [unreadable(error, file)] };
    throw error;
  }
}

/**
 * Runs exceljs with `console.warn` silenced: it warns on the console (long sheet names) instead of
 * saying so to its caller, and such warnings are told to the user as issues of ours instead.
 */
let quietDepth = 0;
let savedWarn: typeof console.warn = console.warn;
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  if (quietDepth++ === 0) {
    savedWarn = console.warn;
    console.warn = () => {};
  }
  try {
    return await run();
  } finally {
    if (--quietDepth === 0) console.warn = savedWarn;
  }
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function xmlText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : XML_ENTITIES[e]!,
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m === null ? undefined : xmlText(m[1]!);
}

interface SheetPart {
  readonly name: string;
  readonly part: string | undefined;
}

/** The workbook's relationships: id → part path. */
function relationships(entries: ReadonlyMap<string, Uint8Array>): Array<{ id: string; type: string; part: string }> {
  const data = entries.get('xl/_rels/workbook.xml.rels');
  const xml = data === undefined ? '' : new TextDecoder('utf-8').decode(data);
  const out: Array<{ id: string; type: string; part: string }> = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attribute(m[0], 'Id');
    const target = attribute(m[0], 'Target');
    if (id !== undefined && target !== undefined) out.push({ id, type: attribute(m[0], 'Type') ?? '', part: target.startsWith('/') ? target.slice(1) : `xl/${target}` });
  }
  return out;
}

/** The part of the workbook's shared strings or styles, as its relationships say (`…/relationships/styles`). */
function relatedPart(entries: ReadonlyMap<string, Uint8Array>, kind: 'sharedStrings' | 'styles'): string | undefined {
  return relationships(entries).find((r) => r.type.endsWith(`/${kind}`))?.part;
}

/** The sheets as written in the workbook (exceljs cuts their names to 31 characters) and their parts. */
function sheetParts(entries: ReadonlyMap<string, Uint8Array>): SheetPart[] {
  const workbookXml = new TextDecoder('utf-8').decode(entries.get('xl/workbook.xml'));
  const targets = new Map(relationships(entries).map((r) => [r.id, r.part]));
  const sheets: SheetPart[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attribute(m[0], 'name');
    const id = attribute(m[0], 'r:id');
    if (name !== undefined) sheets.push({ name, part: id === undefined ? undefined : targets.get(id) });
  }
  return sheets;
}

type Kind = 'template' | 'layout';

interface Found {
  sheet: StreamedSheet;
  part: Uint8Array;
  kind: Kind;
  headerRow: number;
  /** The language of a layout's heads, in which its text is read (the template's are Italian). */
  language: Language;
}

/**
 * The sheet holding the table and which form it has: the header row decides, wherever it is in
 * the first rows (only those are read of each sheet), and says the language of a layout's words
 * (the table of an English report is headed `Objective, Indicator, …`). A sheet in template form wins over one in
 * the published layout, because it holds what the layout cannot (rules, N.V. reasons, owners,
 * ids): an exported workbook has both, and is read from its "Piano" sheet; with `published`, from
 * its layout sheet. `also` is the sheet that was passed over, for a note to the user; `alike`, the
 * other sheets holding a table of the same form (a workbook keeping 2023's table beside 2024's).
 */
function findTable(workbook: TableWorkbook, published: boolean): { found: Found; also: Found | null; alike: string[] } | null {
  const sheets = [...workbook.sheets].sort((a, b) => Number(b.name === 'Albero') - Number(a.name === 'Albero'));
  const found: Found[] = [];
  for (const { name, part } of sheets) {
    if (part === undefined) continue;
    const sheet = readSheet(name, part, workbook.context, { untilRow: HEADER_ROWS });
    const header = findHeaderRow(sheet.rowCount, (k) => firstTexts(sheet, k + 1, 3), headKind);
    if (header !== null) found.push({ sheet, part, ...header.found, headerRow: header.index + 1 });
  }
  const template = found.find((f) => f.kind === 'template');
  const layout = found.find((f) => f.kind === 'layout');
  const chosen =
    published && layout !== undefined
      ? { found: layout, also: template ?? null }
      : template !== undefined
        ? { found: template, also: layout ?? null }
        : layout === undefined
          ? null
          : { found: layout, also: null };
  if (chosen === null) return null;
  const alike = found.filter((f) => f.kind === chosen.found.kind && f !== chosen.found).map((f) => f.sheet.name);
  return { ...chosen, alike };
}

/**
 * A header row below the first `HEADER_ROWS` rows of a sheet (under a long title block), or null:
 * asked only of a workbook refused for want of a table, to say where its header is rather than that
 * no sheet holds one. Each sheet is read whole then, within the row limit.
 */
function headerRowBelow(workbook: TableWorkbook): { sheet: string; row: number } | null {
  for (const { name, part } of workbook.sheets) {
    if (part === undefined) continue;
    const sheet = readSheet(name, part, workbook.context, { rowLimit: XLSX_LIMITS.rows });
    for (let r = HEADER_ROWS + 1; r <= sheet.rowCount; r++) if (headKind(firstTexts(sheet, r, 3)) !== null) return { sheet: name, row: r };
  }
  return null;
}

/** The form and language a row's heads say, or null for a row that is no header. */
function headKind(texts: readonly string[]): { kind: Kind; language: Language } | null {
  if (isTemplateHeader(texts)) return { kind: 'template', language: 'it' };
  const language = headerLanguage(texts);
  return language === null ? null : { kind: 'layout', language };
}

function firstTexts(sheet: StreamedSheet, row: number, count: number): string[] {
  const r = sheet.getRow(row);
  const out: string[] = [];
  for (let c = 1; c <= count; c++) {
    const v = r.getCell(c).value;
    out.push(
      typeof v === 'string'
        ? v.trim()
        : v !== null && typeof v === 'object' && 'richText' in v
          ? v.richText
              .map((t) => t.text)
              .join('')
              .trim()
          : '',
    );
  }
  return out;
}

/** Imports a plan from .xlsx bytes: the published layout or the template, whichever the workbook holds. */
export async function importWorkbookBytes(bytes: Uint8Array, file: string, profile: ImportProfile = CHAMBER_PROFILE, options: ReadOptions = {}): Promise<Outcome<ImportedTable | null>> {
  const opened = openTable(bytes, file);
  if (opened.value === null) return { value: null, issues: opened.issues };
  const read = importWorkbook(opened.value, file, profile, options);
  return { value: read.value, issues: [...opened.issues, ...read.issues] };
}

export function importWorkbook(workbook: TableWorkbook, file: string, profile: ImportProfile = CHAMBER_PROFILE, options: ReadOptions = {}): Outcome<ImportedTable | null> {
  try {
    return importTableSheet(workbook, file, profile, options.published === true, options.year);
  } catch (error) {
    // Damaged XML in a sheet that is read: which file, and that its XML is damaged.
    if (error instanceof UnreadableSheet) return { value: null, issues: [unreadable(error, file)] };
    throw error;
  }
}

function importTableSheet(workbook: TableWorkbook, file: string, profile: ImportProfile, published: boolean, year: number | undefined): Outcome<ImportedTable | null> {
  const found = findTable(workbook, published);
  if (found === null) {
    const below = headerRowBelow(workbook);
    if (below !== null) return { value: null, issues: [problem('error', 'header-too-low', { limit: HEADER_ROWS }, cellLocation(file, below.sheet, `A${below.row}`))] };
    const names = workbook.sheets.map((s) => `"${s.name}"`).join(', ') || 'none';
    return {
      value: null,
      issues: [problem('error', 'missing-sheet', { sheets: names }, { file })],
    };
  }
  const notes: Issue[] = [];
  if (found.alike.length > 0) {
    const sheets = [found.found.sheet.name, ...found.alike].map((name) => `"${name}"`).join(', ');
    // Which of two tables is the plan is the office's to say: the first sheet would be read without a
    // word, 2023's as 2024's. A sheet named "Albero" says it (the name the export and the template give).
    if (found.found.sheet.name !== 'Albero') return { value: null, issues: [problem('error', 'several-tables', { sheets }, { file })] };
    notes.push(
      problem(
        'warning',
        'other-tables-not-read',
        { sheet: found.found.sheet.name, others: found.alike.map((name) => `"${name}"`).join(', '), count: found.alike.length },
        { file, sheet: found.found.sheet.name },
      ),
    );
  }
  if (found.also !== null) {
    const read = found.found.kind === 'template' ? 'read-plan-sheet' : 'read-published-sheet';
    notes.push(problem('info', read, { sheet: found.found.sheet.name, also: found.also.sheet.name }, { file, sheet: found.found.sheet.name }));
  }
  // The whole sheet now, stopping past the row limit rather than reading a million rows to refuse them.
  const sheet = readSheet(found.found.sheet.name, found.found.part, workbook.context, { rowLimit: XLSX_LIMITS.rows });
  if (sheet.cut || sheet.columnCount > XLSX_LIMITS.columns) {
    const size = { what: 'sheet', sheet: sheet.name, rows: sheet.rowCount, columns: sheet.columnCount, maxRows: XLSX_LIMITS.rows, maxColumns: XLSX_LIMITS.columns } as const;
    return { value: null, issues: [problem('error', 'file-too-large', sheet.cut ? { ...size, cut: true } : size, { file, sheet: sheet.name })] };
  }
  const { headerRow, kind, language } = found.found;
  const merges = mergedCells(sheet, headerRow, file);
  const result = kind === 'template' ? readTemplateSheet(sheet, headerRow, file, year) : readLayoutSheet(sheet, headerRow, file, profile, language, year);
  return { value: result.value, issues: [...notes, ...merges, ...hiddenRows(sheet, headerRow, file), ...result.issues] };
}

/**
 * A warning at each run of hidden rows below the header that hold values. They are read, as every
 * row is (a collapsed group of indicators is part of the plan), but the office does not see them
 * in its spreadsheet: an indicator hidden to strike it out would otherwise count without a word,
 * and the computed performances would differ from the sheet as shown.
 */
function hiddenRows(sheet: StreamedSheet, headerRow: number, file: string): Issue[] {
  const runs: { first: number; last: number }[] = [];
  for (const r of sheet.hiddenRows) {
    if (r <= headerRow || !(sheet.rows[r] ?? []).some((cell) => cell !== undefined && cell.value !== null)) continue;
    const run = runs.at(-1);
    if (run !== undefined && run.last === r - 1) run.last = r;
    else runs.push({ first: r, last: r });
  }
  return runs.map((run) => problem('warning', 'hidden-rows', run, cellLocation(file, sheet.name, `A${run.first}`)));
}

/**
 * Merged cells below the header are refused: a merge hides which row or column a value belongs
 * to (is a merged weight the weight of both indicators?). Merged titles above the header are fine.
 */
function mergedCells(sheet: StreamedSheet, headerRow: number, file: string): Issue[] {
  return sheet.mergesFrom(headerRow).map((m) => {
    const master = `${columnLetter(m.left)}${m.top}`;
    return problem('error', 'merged-cells', { cell: master }, cellLocation(file, sheet.name, master));
  });
}

/** The layout's rows as text in `language`, the table's: typed numbers are written in its way, as its typed-in text is. */
function readLayoutSheet(sheet: StreamedSheet, headerRow: number, file: string, profile: ImportProfile, language: Language, year: number | undefined): Outcome<ImportedTable> {
  const issues: Issue[] = [];
  let title = '';
  for (let r = 1; r < headerRow && title === ''; r++) {
    title = firstTexts(sheet, r, 1)[0]!.replace(/[*#_]/g, '').trim();
  }
  const rows: LayoutRow[] = [];
  let legendLines: string[] | null = null;
  const width = LAYOUT_COLUMNS.length;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (legendLines !== null) {
      legendLines.push(firstTexts(sheet, r, 1)[0]!);
      continue;
    }
    const at = (column?: number) => cellLocation(file, sheet.name, `${columnLetter((column ?? 0) + 1)}${r}`);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : cellText(cell, at(c - 1), issues, language));
    }
    if (cells[0] !== '' && cells.slice(1).every((c) => c === '') && isLegendHeading(cells[0]!, language)) {
      legendLines = [];
      continue;
    }
    for (let c = width + 1; c <= Math.min(row.cellCount, XLSX_LIMITS.columns); c++) {
      const extra = cellText(row.getCell(c), at(c - 1), issues, language);
      if (extra !== '') issues.push(problem('error', 'extra-column', { value: extra, ...tableNotation(language) }, at(c - 1)));
    }
    rows.push({ cells, at });
  }
  const legend = legendLines === null ? null : legendFromText(legendLines, language);
  const result = readLayout(rows, title || sheet.name, profile, legend ?? undefined, language, year ?? titleYear(title || sheet.name));
  if (result.value.plan.nodes.length === 0 && !issues.some((i) => i.severity === 'error')) {
    issues.push(problem('error', 'no-rows', { sheet: sheet.name }, { file, sheet: sheet.name }));
  }
  return { value: result.value, issues: [...issues, ...result.issues] };
}
