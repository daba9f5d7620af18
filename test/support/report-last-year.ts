/**
 * The plan report's column of last year ("Performance 2024") as each format prints it, for the tests
 * that check it against the Relazione's comparison (section 3.6): the figure in an objective's row,
 * without the band's sign and word, and the note under the table saying where the figures come from.
 */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { pdfText } from './files.js';
import { flat } from './page-words.js';

/** The column's figure by objective code ('' when its cell is empty) and the note under the table ('' when none). */
export interface ReportLastYear {
  readonly figures: Record<string, string>;
  readonly note: string;
}

/** The HTML page's column: the last cell of each objective's row. */
export function htmlLastYear(html: string, codes: readonly string[]): ReportLastYear {
  const figures: Record<string, string> = {};
  for (const code of codes) {
    // An English page marks the plan's title Italian (`lang="it"`): any attributes after the id.
    const row = new RegExp(`<th scope="row" id="o-${code.replaceAll('.', '\\.')}"[^>]*>.*?</tr>`, 's').exec(html);
    expect(row, code).not.toBeNull();
    const last = /<td class="prev[^"]*">(.*?)<\/td><\/tr>$/s.exec(row![0]);
    expect(last, row![0]).not.toBeNull();
    figures[code] = /\d+[.,]\d\d%/.exec(flat(last![1]!))?.[0] ?? '';
  }
  const note = /<p class="notes previous-source">(.*?)<\/p>/s.exec(html);
  return { figures, note: note === null ? '' : flat(note[1]!).trim() };
}

/**
 * The PDF's column, as poppler lays the table out: the last figure on the line `lines[code]` finds
 * (an objective with a figure this year only would give this year's: check only rows with both).
 * The note: which of `notes` it prints, as one reads it across the lines it wraps on.
 */
export function pdfLastYear(bytes: Uint8Array, lines: Readonly<Record<string, RegExp>>, notes: readonly string[]): ReportLastYear {
  const text = pdfText(bytes);
  const figures: Record<string, string> = {};
  for (const [code, start] of Object.entries(lines)) {
    const line = text.split('\n').find((l) => start.test(l));
    expect(line, String(start)).toBeDefined();
    figures[code] = /(\d+[.,]\d\d%)\s+\S+\s*$/.exec(line!)?.[1] ?? '';
  }
  const words = pdfText(bytes, { layout: false }).replace(/\s+/g, ' ').replace(/[’]/g, "'");
  return { figures, note: notes.find((n) => words.includes(n)) ?? '' };
}

/** The workbook's printable sheet: column H of the row whose first cell starts with `rows[code]`, and the note after the legend. */
export async function xlsxLastYear(bytes: Uint8Array, rows: Readonly<Record<string, string>>): Promise<ReportLastYear> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const figures: Record<string, string> = {};
  let note = '';
  sheet.eachRow((row) => {
    const first = String(row.getCell(1).value ?? '');
    const h = row.getCell(8).value;
    const percent = typeof h === 'number' ? `${(h * 100).toFixed(2).replace('.', ',')}%` : '';
    for (const [code, start] of Object.entries(rows)) if (first.startsWith(start)) figures[code] = percent;
    if (/Dati dell'anno precedente|Previous year's figures/.test(first)) note = first;
  });
  return { figures, note };
}
