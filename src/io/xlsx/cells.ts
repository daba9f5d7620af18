/**
 * One spreadsheet cell as the text the importers understand (`93,00%`, `30/09/2024`, `1.587,10`),
 * so the layout rules stay in one place (layout.ts) whatever the file. Typed cells are turned into
 * text here, in the sheet's language (Italian unless a table's English heads say otherwise), so a
 * typed number reads like a number typed as text beside it: a number shown with a `%` format is in
 * percentage points, a date cell becomes dd/mm/yyyy. Cells a value cannot honestly be read from
 * (formulas, `#DIV/0!`) are reported.
 */
import type ExcelJS from 'exceljs';
import { Decimal, formatNumberIn, problem, type Amount, type Issue, type Language, type SourceLocation, type Unit } from '../../core/index.js';

/** 1 → `A`, 27 → `AA`. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function cellLocation(file: string, sheet: string, address: string): SourceLocation {
  return { file, sheet, cell: address };
}

/**
 * A spreadsheet number as an exact decimal. Excel keeps 15 significant digits and shows no more,
 * so binary noise such as 0.30000000000000004 is cut back to what the user typed and saw.
 */
export function exactNumber(value: number): Decimal {
  return new Decimal(value).toSignificantDigits(15);
}

/** A number with all its decimals in `language`'s way: 1587.1 → `1.587,1` (`1,587.1`), 0.035 → `0,035` (`0.035`). */
function numberText(value: Decimal, language: Language): string {
  return formatNumberIn(value, value.decimalPlaces(), language);
}

function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && /%/.test(numFmt.replace(/"[^"]*"/g, ''));
}

export function isoDate(date: Date): string {
  // exceljs reads date cells as UTC midnight of the calendar day shown.
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

function dateText(date: Date): string {
  const [y, m, d] = isoDate(date).split('-');
  return `${d}/${m}/${y}`;
}

/** The plain value of a cell's content, before any formula check. */
function plainText(value: ExcelJS.CellValue, numFmt: string | undefined, language: Language): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (isPercentFormat(numFmt)) return `${numberText(exactNumber(value).times(100), language)}%`;
    return numberText(exactNumber(value), language);
  }
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('error' in value) return String(value.error);
  }
  return '';
}

/** What cellText reads of a cell: an exceljs cell or one of the streamed reader's (stream.ts). */
export interface CellLike {
  readonly value: ExcelJS.CellValue;
  readonly numFmt?: string;
  /** The text of a cell typed as an ISO date (`t="d"`), which exceljs would read as a number. */
  readonly isoDate?: string;
}

/**
 * The text of a cell, with a located issue for what cannot be trusted. For a formula the cached
 * result is returned (so one problem gives one message) but it is an error: Albero reads values,
 * and a formula's result may be stale or depend on sheets that were not sent.
 */
export function cellText(cell: CellLike, at: SourceLocation, issues: Issue[], language: Language = 'it'): string {
  const value = cell.value;
  if (typeof value === 'number' && !Number.isFinite(value)) return unfitNumber(at, issues);
  if (cell.isoDate !== undefined) return isoDateCell(cell.isoDate, at, issues);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = 'formula' in value && value.formula !== undefined ? value.formula : ((value as { sharedFormula?: string }).sharedFormula ?? '');
      issues.push(problem('error', 'formula-cell', { formula }, at));
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (typeof result === 'number' && !Number.isFinite(result)) return '';
      return result === undefined || (typeof result === 'object' && result !== null && 'error' in result) ? '' : plainText(result, cell.numFmt, language).trim();
    }
    if ('error' in value) {
      issues.push(problem('error', 'error-cell', { error: String(value.error) }, at));
      return '';
    }
  }
  return plainText(value, cell.numFmt, language).trim();
}

function isoDateCell(text: string, at: SourceLocation, issues: Issue[]): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]*Z?)?$/.exec(text.trim());
  if (m === null) {
    issues.push(problem('error', 'unreadable-date', { text: text.length > 40 ? `${text.slice(0, 40)}…` : text }, at));
    return '';
  }
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** A number cell exceljs could not read as a finite number (`1e400`, `Infinity`, `NaN`): an error at the cell. */
function unfitNumber(at: SourceLocation, issues: Issue[]): string {
  issues.push(problem('error', 'number-out-of-range', { reason: 'cell' }, at));
  return '';
}

/** A number of percentage points as the cell value shown with a `%` format (93 → 0.93). */
export function percentCell(value: Decimal, places: number): { value: number; numFmt: string } {
  return { value: Number(value.div(100).toString()), numFmt: places === 0 ? '0%' : `0.${'0'.repeat(places)}%` };
}

/** Euros to the cent, as the number a spreadsheet shows in its reader's notation: `1.234,50` in Italian, `1,234.50` in English. */
export const EURO_FORMAT = '#,##0.00';

/** Cents (an integer text, as the API gives amounts) as the number of euros a cell holds: `'1096241'` → 10962.41. */
export function euroCellValue(cents: string): number {
  return Number(new Decimal(cents).div(100).toString());
}

/** A target or actual as a typed cell: numbers stay numbers, dates dates, so a spreadsheet can sort and sum them. */
export function amountCell(amount: Amount | null, unit: Unit): { value: ExcelJS.CellValue; numFmt?: string } {
  if (amount === null) return { value: null };
  switch (amount.kind) {
    case 'date': {
      const [y, m, d] = amount.value.split('-').map(Number) as [number, number, number];
      return { value: new Date(Date.UTC(y, m - 1, d)), numFmt: 'dd/mm/yyyy' };
    }
    case 'boolean':
      return { value: amount.value ? 'sì' : 'no' };
    case 'number': {
      const places = Math.min(amount.value.decimalPlaces(), 6);
      if (unit === 'percent') return percentCell(amount.value, Math.max(2, places));
      return { value: Number(amount.value.toString()), numFmt: places === 0 ? '#,##0' : `#,##0.${'0'.repeat(Math.max(2, places))}` };
    }
  }
}

const STYLES = new Map<string, Partial<ExcelJS.Style>>();

/**
 * One shared, never-changed style object per key. exceljs encodes a style object once and then
 * recognises it by identity, so cells that share one cost nothing extra to write.
 */
export function style(key: string, make: () => Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  let found = STYLES.get(key);
  if (found === undefined) {
    found = make();
    STYLES.set(key, found);
  }
  return found;
}

/** The points of one line of 11 pt Calibri: the height Excel gives a row it was told nothing about. */
const LINE_POINTS = 15;

/**
 * The height, in points, of a row whose tallest cell wraps `text` in a column `width` characters
 * wide. Neither LibreOffice nor Excel's print fits the height of a row written without one, so a
 * long name would run over the next row. The lines are counted as a greedy word wrap would lay
 * them, each character taken as wide as a digit (the unit of a column's width): ordinary text is
 * narrower, bold included, so the estimate leans to a roomy row rather than a cut one. Text bigger
 * than 11 pt fits fewer characters in a line and needs taller lines, in proportion.
 *
 * @example rowHeightFor('x'.repeat(100), 62) // 30: two lines
 */
export function rowHeightFor(text: string, width: number, size = 11): number {
  const perLine = Math.max(1, Math.floor((width * 11) / size));
  return (wrappedLines(text, perLine) * LINE_POINTS * size) / 11;
}

/** How many lines `text` takes wrapped at `perLine` characters, breaking at spaces and, for a word longer than a line, inside it. */
function wrappedLines(text: string, perLine: number): number {
  if (text.length <= perLine && !text.includes('\n')) return 1;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(' ')) {
      if (used === 0) used = word.length;
      else if (used + 1 + word.length <= perLine) used += 1 + word.length;
      else {
        lines++;
        used = word.length;
      }
      for (; used > perLine; used -= perLine) lines++;
    }
  }
  return lines;
}

/**
 * The height to give a row whose cells wrap their text, `values[k]` in a column `widths[k]`
 * characters wide, or undefined when every text fits on one line (the row keeps the default
 * height). Only a text longer than its column, or one with a line break, is measured with
 * rowHeightFor: the rest cost a length check, so a sheet of 20,000 indicators stays fast.
 *
 * @example wrappedRowHeight(['A.1', 'x'.repeat(100)], [10, 62]) // 30: the name takes two lines
 */
export function wrappedRowHeight(values: readonly unknown[], widths: readonly number[]): number | undefined {
  let height: number | undefined;
  for (const [k, value] of values.entries()) {
    const width = widths[k];
    if (typeof value !== 'string' || width === undefined || (value.length <= width && !value.includes('\n'))) continue;
    height = Math.max(height ?? 0, rowHeightFor(value, width));
  }
  return height;
}
