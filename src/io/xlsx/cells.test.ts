import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Issue, Language } from '../../core/index.js';
import { cellText, columnLetter, exactNumber, rowHeightFor, wrappedRowHeight } from './cells.js';
import { looksLikeXlsx, openWorkbook } from './read.js';
import { deflateStoredZip, zipEntries } from './zip.js';

function cell(value: ExcelJS.CellValue, numFmt?: string, language: Language = 'it'): { text: string; issues: Issue[] } {
  const sheet = new ExcelJS.Workbook().addWorksheet('S');
  const c = sheet.getCell('B2');
  c.value = value;
  if (numFmt !== undefined) c.numFmt = numFmt;
  const issues: Issue[] = [];
  return { text: cellText(c, { sheet: 'S', cell: 'B2' }, issues, language), issues };
}

describe('spreadsheet cells as the text the layout reads', () => {
  it('turns typed cells into Italian text', () => {
    expect(cell(1587.1).text).toBe('1.587,1');
    expect(cell(0.93, '0.00%').text).toBe('93%');
    expect(cell(0.00035, '0.000%').text).toBe('0,035%');
    expect(cell(new Date(Date.UTC(2024, 8, 30)), 'dd/mm/yyyy').text).toBe('30/09/2024');
    expect(cell(true).text).toBe('sì');
    expect(cell({ richText: [{ text: 'A.1 ' }, { text: 'Turismo' }] }).text).toBe('A.1 Turismo');
    expect(cell('  testo  ').text).toBe('testo');
  });

  it("turns typed numbers into an English table's text in English, as its typed-in text is", () => {
    expect(cell(1587.1, undefined, 'en').text).toBe('1,587.1');
    expect(cell(0.00035, '0.000%', 'en').text).toBe('0.035%');
    expect(cell(new Date(Date.UTC(2024, 8, 30)), 'dd/mm/yyyy', 'en').text).toBe('30/09/2024');
    expect(cell('12.5% >=', undefined, 'en').text).toBe('12.5% >=');
  });

  it('cuts binary noise back to what Excel shows', () => {
    expect(exactNumber(0.1 + 0.2).toString()).toBe('0.3');
    expect(cell(0.1 + 0.2).text).toBe('0,3');
  });

  it('reports formulas and error values at their cell', () => {
    const formula = cell({ formula: 'SUM(A1:A3)', result: 12 } as ExcelJS.CellFormulaValue);
    expect(formula.text).toBe('12');
    expect(formula.issues).toEqual([expect.objectContaining({ code: 'formula-cell', location: { sheet: 'S', cell: 'B2' } })]);
    const error = cell({ error: '#DIV/0!' } as ExcelJS.CellErrorValue);
    expect(error.text).toBe('');
    expect(error.issues[0]).toMatchObject({ code: 'error-cell', message: expect.stringContaining('#DIV/0!') });
  });

  it('names columns as spreadsheets do', () => {
    expect([1, 7, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'G', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('zip handling', () => {
  it('recompresses a stored workbook into a smaller one exceljs still opens', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Albero');
    for (let r = 0; r < 500; r++) sheet.addRow([`riga ${r}`, r, 'testo ripetuto testo ripetuto']);
    const stored = new Uint8Array((await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer);
    const packed = deflateStoredZip(stored);
    expect(packed.length).toBeLessThan(stored.length / 3);
    expect(zipEntries(packed)!.map((e) => e.name)).toEqual(zipEntries(stored)!.map((e) => e.name));
    const opened = await openWorkbook(packed, 'packed.xlsx');
    expect(opened.issues).toEqual([]);
    expect(opened.value!.getWorksheet('Albero')!.getCell('A500').value).toBe('riga 499');
  });

  it('says an old .xls is not an .xlsx', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const opened = await openWorkbook(xls, 'vecchio.xls');
    expect(opened.issues[0]).toMatchObject({ code: 'not-a-workbook', message: expect.stringContaining('97–2003 (.xls)') });
    expect(looksLikeXlsx(xls, 'renamed.txt')).toBe(true);
    expect(looksLikeXlsx(new TextEncoder().encode('Obiettivo\tIndicatore'), 'albero.txt')).toBe(false);
  });
});

describe('the height of a row that wraps its text', () => {
  it('counts the lines of a greedy word wrap, 15 points each at 11 pt', () => {
    expect(rowHeightFor('', 10)).toBe(15);
    expect(rowHeightFor('dieci car.', 10)).toBe(15);
    // "aaaa bbbb" fills the first line, "cccc" starts the second.
    expect(rowHeightFor('aaaa bbbb cccc', 10)).toBe(30);
    // A word longer than the column breaks inside it; a line break starts a line.
    expect(rowHeightFor('x'.repeat(25), 10)).toBe(45);
    expect(rowHeightFor('uno\ndue', 10)).toBe(30);
  });

  it('fits fewer, taller lines of bigger text', () => {
    expect(rowHeightFor('', 62, 14)).toBeCloseTo(19.09, 2);
    expect(rowHeightFor('x'.repeat(60), 62, 22)).toBe(60);
  });
});

describe('the height of a row of several wrapping cells', () => {
  it('is the tallest wrapped text, or none when every text fits its column', () => {
    expect(wrappedRowHeight(['A.1', 'un nome corto', 12], [10, 20, 5])).toBeUndefined();
    // "aaaa bbbb cccc" takes two lines at 10; the reason, three at 5; a number is never measured.
    expect(wrappedRowHeight(['aaaa bbbb cccc', 'x'.repeat(15), 123456789], [10, 5, 3])).toBe(45);
    expect(wrappedRowHeight(['uno\ndue'], [10])).toBe(30);
  });
});
