/**
 * The plan workbook as the office handles it in the workbook round-trip suites (units, people):
 * its «Piano» sheet's cells found by column head and row code, and uploads each imported as another
 * body's plan.
 */
import type ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Client, Reply, TestServer } from './harness.js';

/** The Piano sheet's column headed `header` and the row of the objective or indicator `code`. */
export function pianoAt(book: ExcelJS.Workbook, header: string, code: string): { column: number; row: number } {
  const sheet = book.getWorksheet('Piano')!;
  let column = 0;
  sheet.getRow(1).eachCell((cell, c) => {
    if (cell.value === header) column = c;
  });
  let row = 0;
  sheet.eachRow((r, n) => {
    if (row === 0 && n > 1 && r.getCell(1).text === code) row = n;
  });
  expect([header, column > 0, code, row > 0]).toEqual([header, true, code, true]);
  return { column, row };
}

/** How many copies this suite's file imported: each is another body's. */
let copies = 1;

/**
 * Uploads a file to `POST /api/plans/import` as `controller`, each time for another body: a body
 * holds one plan per year and title, and each copy is a plan of its own.
 */
export function importCopy(controller: Client, bytes: Uint8Array | ArrayBuffer | string, query = '', name = 'piano.xlsx'): Promise<Reply> {
  const form = new FormData();
  form.append('file', new Blob([bytes as ArrayBuffer]), name);
  form.append('organisation', `Copia ${++copies}`);
  return controller.request('POST', `/api/plans/import${query}`, form);
}

/** The plan's workbook as `client` downloads it (`GET …/export?format=xlsx`). */
export async function workbookOf(t: TestServer, client: Client, planId: string): Promise<Uint8Array> {
  const reply = await fetch(`${t.url}/api/plans/${planId}/export?format=xlsx`, { headers: { cookie: client.cookie! } });
  expect(reply.status).toBe(200);
  return new Uint8Array(await reply.arrayBuffer());
}
