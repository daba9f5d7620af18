/**
 * exceljs, loaded the first time a workbook is written or opened with it. Loading it takes about
 * half a second (more on a busy machine), and the plan importer never needs it: it reads sheets
 * with stream.ts, so `albero import big.xlsx` no longer pays for it.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

const load = createRequire(import.meta.url);

export function exceljs(): typeof ExcelJS {
  return load('exceljs') as typeof ExcelJS;
}
