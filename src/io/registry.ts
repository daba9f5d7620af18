/**
 * The organisation registry as a file: CSV (semicolon-separated, as Italian spreadsheets save it;
 * a comma-separated file is read too) and XLSX (sheet "Strutture"). Columns: codice, nome, tipo,
 * padre (the parent's code), responsabile (the head's username), membri (usernames, separated by
 * commas). Export then import gives the same registry back.
 */
import ExcelJS from 'exceljs';
import { registryProblem, type RegistryProblem } from '../messages/registry-problem.js';
import { openWorkbook } from './xlsx/read.js';

export const REGISTRY_COLUMNS = ['codice', 'nome', 'tipo', 'padre', 'responsabile', 'membri'] as const;

export interface RegistryRow {
  /** The row number as the file shows it (the header is row 1). */
  readonly row: number;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parent: string | null;
  readonly head: string | null;
  readonly members: readonly string[];
}

/** A unit as written out: references already turned into codes and usernames. */
export interface RegistryUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parent: string | null;
  readonly head: string | null;
  readonly members: readonly string[];
}

export { registryProblem, type RegistryProblem };

export type RegistryRead = { rows: RegistryRow[]; problems: RegistryProblem[] };

/** Splits CSV text into records (quotes, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') ((field += '"'), i++);
        else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) (record.push(field), (field = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) (record.push(field), records.push(record));
  return records;
}

function csvField(value: string, separator: string): string {
  return /["\r\n]/.test(value) || value.includes(separator) || /^[=+\-@]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const members = (text: string): string[] =>
  text
    .split(/[,\s]+/)
    .map((m) => m.trim())
    .filter((m) => m !== '');

/** Rows from a table of text cells whose first row is the header (any order, any case). */
function fromTable(table: readonly (readonly string[])[]): RegistryRead {
  const problems: RegistryProblem[] = [];
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const at: Record<string, number> = {};
  for (const column of REGISTRY_COLUMNS) at[column] = header.indexOf(column);
  for (const column of ['codice', 'nome', 'tipo'] as const) if (at[column]! < 0) problems.push(registryProblem(1, column, 'missing-column', { columns: REGISTRY_COLUMNS }));
  if (problems.length > 0) return { rows: [], problems };
  const rows: RegistryRow[] = [];
  table.slice(1).forEach((cells, k) => {
    const cell = (column: string): string => (at[column]! < 0 ? '' : (cells[at[column]!] ?? '').trim());
    if (cells.every((c) => c.trim() === '')) return;
    rows.push({ row: k + 2, code: cell('codice'), name: cell('nome'), kind: cell('tipo'), parent: cell('padre') || null, head: cell('responsabile') || null, members: members(cell('membri')) });
  });
  if (rows.length === 0) problems.push(registryProblem(2, 'codice', 'no-rows'));
  return { rows, problems };
}

export function readRegistryCsv(text: string): RegistryRead {
  const clean = text.replace(/^\uFEFF/, '');
  const first = clean.split(/\r?\n/, 1)[0] ?? '';
  const separator = first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
  return fromTable(parseCsv(clean, separator));
}

export function writeRegistryCsv(units: readonly RegistryUnit[]): string {
  const lines = [REGISTRY_COLUMNS.join(';')];
  for (const u of units) lines.push([u.code, u.name, u.kind, u.parent ?? '', u.head ?? '', u.members.join(', ')].map((v) => csvField(v, ';')).join(';'));
  // A BOM so that Excel opens the accents right.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

export async function readRegistryXlsx(bytes: Uint8Array, file: string): Promise<RegistryRead> {
  const opened = await openWorkbook(bytes, file);
  if (opened.value === null)
    return { rows: [], problems: opened.issues.map((i) => ({ row: 1, field: 'file', message: i.message, code: i.code, ...(i.params === undefined ? {} : { params: i.params }) })) };
  const sheet = opened.value.getWorksheet('Strutture') ?? opened.value.worksheets[0];
  if (sheet === undefined) return { rows: [], problems: [registryProblem(1, 'file', 'no-sheet')] };
  const table: string[][] = [];
  const width = Math.max(sheet.columnCount, REGISTRY_COLUMNS.length);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    table.push(cells);
  }
  return fromTable(table);
}

export async function writeRegistryXlsx(units: readonly RegistryUnit[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Albero';
  const sheet = workbook.addWorksheet('Strutture');
  sheet.columns = [
    { header: 'codice', key: 'codice', width: 14 },
    { header: 'nome', key: 'nome', width: 40 },
    { header: 'tipo', key: 'tipo', width: 16 },
    { header: 'padre', key: 'padre', width: 14 },
    { header: 'responsabile', key: 'responsabile', width: 18 },
    { header: 'membri', key: 'membri', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const u of units) sheet.addRow({ codice: u.code, nome: u.name, tipo: u.kind, padre: u.parent ?? '', responsabile: u.head ?? '', membri: u.members.join(', ') });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
