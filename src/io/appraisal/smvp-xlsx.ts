/**
 * The SMVP as a workbook a personnel office can read and fill: one sheet per part (settings,
 * rating scale, behaviours, schemes, behaviour weights, bands, indicator thresholds), Italian
 * headers. Reading it gives the same JSON as the API takes, so `smvpFromJson` checks both alike;
 * the reader's own problems carry their sheet and cell.
 */
import ExcelJS from 'exceljs';
import { problem, type Issue, type Outcome } from '../../core/index.js';
import { openWorkbook } from '../xlsx/read.js';

const SHEETS = {
  settings: 'Impostazioni',
  scale: 'Scala di giudizio',
  behaviours: 'Comportamenti',
  schemes: 'Schemi',
  weights: 'Pesi comportamenti',
  bands: 'Fasce',
  thresholds: 'Soglie indicatori',
} as const;

const SETTINGS: readonly [string, string][] = [
  ['organisation', 'Ente'],
  ['year', 'Anno'],
  ['legend.green', 'Soglia verde (%)'],
  ['legend.greenInclusive', 'Soglia verde inclusa (sì/no)'],
  ['legend.yellow', 'Soglia gialla (%)'],
  ['legend.yellowInclusive', 'Soglia gialla inclusa (sì/no)'],
  ['defaultScoring', 'Regola di punteggio predefinita (on_off / proportional)'],
  ['notEvaluable', 'N.V. (exclude / achieved)'],
  ['notMeasured', 'Non misurati (skip / zero / block)'],
  ['weightPolicy', 'Pesi che non sommano a 100 (strict / normalise)'],
];

// The SMVP document as JSON, read by path (`get('bands.0.from')`); its schema is checked by the codec that reads it back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function sheetWith(workbook: ExcelJS.Workbook, name: string, headers: readonly string[], rows: readonly (readonly unknown[])[]): void {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((column, i) => (column.width = Math.max(12, Math.min(60, Math.max(...[headers[i] ?? '', ...rows.map((r) => String(r[i] ?? ''))].map((t) => t.length)) + 2))));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function writeSmvpXlsx(doc: Json): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Albero';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a JSON document by path
  const get = (path: string): unknown => path.split('.').reduce<any>((o, k) => (o === undefined || o === null ? undefined : o[k]), doc);
  const yes = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 'sì' : 'no') : v);
  sheetWith(
    workbook,
    SHEETS.settings,
    ['Chiave', 'Descrizione', 'Valore'],
    SETTINGS.map(([k, label]) => [k, label, yes(get(k))]),
  );
  sheetWith(
    workbook,
    SHEETS.scale,
    ['Valore', 'Giudizio', 'Descrizione', 'Punteggio (%)'],
    (doc.ratingScale ?? []).map((l: Json) => [l.value, l.label, l.description, l.score]),
  );
  sheetWith(
    workbook,
    SHEETS.behaviours,
    ['Codice', 'Comportamento', 'Descrizione'],
    (doc.behaviours ?? []).map((b: Json) => [b.code, b.title, b.description]),
  );
  sheetWith(
    workbook,
    SHEETS.schemes,
    ['Categoria', 'Performance ente (%)', 'Performance struttura (%)', 'Obiettivi individuali (%)', 'Comportamenti (%)'],
    (doc.schemes ?? []).map((s: Json) => [s.category, s.components.body, s.components.unit, s.components.objectives, s.components.behaviours]),
  );
  sheetWith(
    workbook,
    SHEETS.weights,
    ['Categoria', 'Codice comportamento', 'Peso (%)'],
    (doc.schemes ?? []).flatMap((s: Json) => (s.behaviours ?? []).map((b: Json) => [s.category, b.code, b.weight])),
  );
  sheetWith(
    workbook,
    SHEETS.bands,
    ['Categoria', 'Fascia', 'Da (%)', 'A (%)', 'Coefficiente di premio (%)'],
    (doc.schemes ?? []).flatMap((s: Json) => (s.bands ?? []).map((b: Json) => [s.category, b.label, b.min, b.max, b.share])),
  );
  sheetWith(
    workbook,
    SHEETS.thresholds,
    ['Obiettivo', 'Indicatore', 'Soglia verde (%)', 'Soglia gialla (%)'],
    (doc.indicatorThresholds ?? []).map((t: Json) => [t.code, t.indicator, t.green, t.yellow]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellValue(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && 'result' in v) return (v as { result: unknown }).result;
  if (typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  if (typeof v === 'string') return v.trim();
  return v;
}

/** The workbook back as the SMVP's JSON; problems of the workbook itself carry sheet and cell. */
export async function readSmvpXlsx(bytes: Uint8Array, file: string): Promise<Outcome<Json | null>> {
  const opened = await openWorkbook(bytes, file);
  if (opened.value === null) return { value: null, issues: opened.issues };
  const workbook = opened.value;
  const issues: Issue[] = [];
  const rows = (name: string): { row: number; cells: unknown[] }[] => {
    const sheet = workbook.getWorksheet(name);
    if (sheet === undefined) {
      issues.push(problem('error', 'smvp-sheet-missing', { sheet: name }, { file, sheet: name }));
      return [];
    }
    const out: { row: number; cells: unknown[] }[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cells = Array.from({ length: 6 }, (_, i) => cellValue(row.getCell(i + 1)));
      if (cells.every((c) => c === undefined || c === '')) return;
      out.push({ row: n, cells });
    });
    return out;
  };
  const doc: Json = { legend: {}, indicatorThresholds: [], ratingScale: [], behaviours: [], schemes: [] };
  const bool = (v: unknown): unknown => (v === 'sì' || v === 'si' ? true : v === 'no' ? false : v);
  for (const { row, cells } of rows(SHEETS.settings)) {
    const key = String(cells[0] ?? '');
    const value = cells[2];
    if (!SETTINGS.some(([k]) => k === key)) {
      issues.push(problem('error', 'smvp-setting-unknown', { key }, { file, sheet: SHEETS.settings, cell: `A${row}` }));
      continue;
    }
    if (key.startsWith('legend.')) doc.legend[key.slice(7)] = key.endsWith('Inclusive') ? bool(value) : value;
    else doc[key] = key === 'year' && typeof value === 'string' ? Number(value) : value;
  }
  doc.ratingScale = rows(SHEETS.scale).map(({ cells }) => ({ value: cells[0], label: cells[1], description: cells[2] ?? '', score: cells[3] }));
  doc.behaviours = rows(SHEETS.behaviours).map(({ cells }) => ({ code: cells[0], title: cells[1], description: cells[2] ?? '' }));
  const schemes = new Map<string, Json>();
  for (const { row, cells } of rows(SHEETS.schemes)) {
    const category = String(cells[0] ?? '');
    if (schemes.has(category)) issues.push(problem('error', 'scheme-duplicate', { category }, { file, sheet: SHEETS.schemes, cell: `A${row}` }));
    schemes.set(category, { category, components: { body: cells[1] ?? 0, unit: cells[2] ?? 0, objectives: cells[3] ?? 0, behaviours: cells[4] ?? 0 }, behaviours: [], bands: [] });
  }
  const schemeOf = (sheet: string, row: number, category: unknown): Json | undefined => {
    const s = schemes.get(String(category ?? ''));
    if (s === undefined) issues.push(problem('error', 'smvp-category-unknown', { category: String(category ?? ''), sheet: SHEETS.schemes }, { file, sheet, cell: `A${row}` }));
    return s;
  };
  for (const { row, cells } of rows(SHEETS.weights)) schemeOf(SHEETS.weights, row, cells[0])?.behaviours.push({ code: cells[1], weight: cells[2] });
  for (const { row, cells } of rows(SHEETS.bands)) schemeOf(SHEETS.bands, row, cells[0])?.bands.push({ label: cells[1], min: cells[2], max: cells[3], share: cells[4] });
  doc.schemes = [...schemes.values()];
  const thresholds = workbook.getWorksheet(SHEETS.thresholds) === undefined ? [] : rows(SHEETS.thresholds);
  doc.indicatorThresholds = thresholds.map(({ cells }) => ({ code: cells[0], indicator: cells[1], green: cells[2], yellow: cells[3] }));
  return { value: issues.some((i) => i.severity === 'error') ? null : doc, issues };
}

/** Where a field of the SMVP's JSON lives in the workbook, for problems found after reading it. */
export function workbookPlace(field: string): { sheet: string } {
  if (field.startsWith('ratingScale')) return { sheet: SHEETS.scale };
  if (field.startsWith('behaviours')) return { sheet: SHEETS.behaviours };
  if (/^schemes\.\d+\.bands/.test(field)) return { sheet: SHEETS.bands };
  if (/^schemes\.\d+\.behaviours/.test(field)) return { sheet: SHEETS.weights };
  if (field.startsWith('schemes')) return { sheet: SHEETS.schemes };
  if (field.startsWith('indicatorThresholds')) return { sheet: SHEETS.thresholds };
  return { sheet: SHEETS.settings };
}

/**
 * The anonymised aggregates (rows of plain values) as a workbook with one sheet; `formats`, a number
 * format per column (`EURO_FORMAT`), so that amounts are numbers a spreadsheet sums and shows in its
 * reader's notation (`10.962,41` to an Italian one, `10,962.41` to an English one), as the plan's
 * workbook writes its values (xlsx/cells.ts `amountCell`), never text in one language's notation.
 */
export async function writeTableXlsx(title: string, headers: readonly string[], rows: readonly (readonly unknown[])[], formats: readonly (string | undefined)[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Albero';
  sheetWith(workbook, title.slice(0, 31), headers, rows);
  const sheet = workbook.worksheets[0]!;
  formats.forEach((numFmt, i) => {
    if (numFmt === undefined) return;
    // Each data cell that holds a number; the head and the empty cells keep the sheet's default.
    for (let r = 2; r <= rows.length + 1; r++) {
      const cell = sheet.getRow(r).getCell(i + 1);
      if (typeof cell.value === 'number') cell.numFmt = numFmt;
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
