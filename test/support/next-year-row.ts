/**
 * The fixture's next year as `albero next-year` writes it (the template «Albero», plan of 2025), opened
 * at one indicator's row for a test to type in it as the office would, then saved for the CLI's
 * import (test/exchange/next-year.test.ts, test/import-refused-row.test.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { readWorkbook, workbookBytes } from '../exchange/helpers.js';
import { albero, FIXTURE } from '../helpers.js';

export interface NextYearRow {
  /** The row's cell under the template's head `column` (`Consuntivo`, `Stato`, `Target`). */
  cell(column: string): ExcelJS.Cell;
  /** That cell's place as the importer names it: `Albero!G12`. */
  address(column: string): string;
  /** Writes the workbook as it is now to `file` (in the folder), again after each change. */
  save(): Promise<void>;
  /** The saved workbook's path. */
  readonly file: string;
}

/**
 * `albero next-year` of the fixture to `written` in `dir`, opened at the row of indicator `code`
 * (`A.1.1:2`); `save` writes it to `edited` in the same folder.
 */
export async function nextYearRow(dir: string, code: string, written: string, edited: string): Promise<NextYearRow> {
  const out = join(dir, written);
  expect(albero(['next-year', FIXTURE, '--year', '2025', '--output', out]).status).toBe(0);
  const workbook = await readWorkbook(readFileSync(out));
  const sheet = workbook.getWorksheet('Albero')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const col = (name: string): number => header.indexOf(name) + 1;
  let at = 0;
  sheet.eachRow((r, n) => {
    if (r.getCell(col('Codice')).value === code) at = n;
  });
  const file = join(dir, edited);
  return {
    cell: (column) => sheet.getRow(at).getCell(col(column)),
    address: (column) => `Albero!${String.fromCharCode(64 + col(column))}${at}`,
    save: async () => writeFileSync(file, await workbookBytes(workbook)),
    file,
  };
}
