/** Test helpers for the exchange formats: temporary folders and hand-made zip files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll } from 'vitest';

/** A temporary folder removed when the test file ends. */
export function tempDir(prefix = 'albero-exchange-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Overwrites the uncompressed size every central-directory entry declares: a zip bomb as its directory shows it. */
export function declareHugeEntries(bytes: Uint8Array): Uint8Array {
  const copy = Buffer.from(bytes);
  for (let i = 0; i + 46 <= copy.length; i++) {
    if (copy.readUInt32LE(i) === 0x02014b50) copy.writeUInt32LE(0xfff00000, i + 24);
  }
  return new Uint8Array(copy);
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The row whose first cell starts with `${code} - ` in the table sheet. */
export function objectiveRow(sheet: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const v = sheet.getRow(r).getCell(1).value;
    if (typeof v === 'string' && v.startsWith(`${code} - `)) return sheet.getRow(r);
  }
  throw new Error(`no row for ${code}`);
}

/**
 * The objectives printed last on a page with none of their indicators after them (pdftotext's
 * layout, pages split at form feeds): an objective row orphaned at the foot of a page.
 */
export function orphanedObjectives(text: string): string[] {
  const orphans: string[] = [];
  text.split('\f').forEach((page, n) => {
    const lines = page.split('\n').filter((l) => l.trim() !== '');
    const last = lines.findLastIndex((l) => /^ [A-C](\.\d+)* - /.test(l));
    if (last === -1) return;
    // An indicator row: its weight and comparator ("50% >=").
    if (!lines.slice(last + 1).some((l) => /\d% (>=|<=|=) /.test(l))) orphans.push(`page ${n + 1}: ${lines[last]!.trim()}`);
  });
  return orphans;
}
