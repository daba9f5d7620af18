/**
 * The fixture's table as an office keeps it in a workbook saved by LibreOffice: rows hidden (by
 * hand, by a filter), last year's table on a sheet beside this year's. Shared by the command
 * line's tests and the server's import, which must read each file alike.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureText } from '../helpers.js';
import { convertWithLibreOffice } from './libreoffice.js';
import { workbookBytes, type TestSheet } from './workbook.js';

/** The fixture's rows, each cell as text (as the published table is typed). */
export function fixtureRows(): string[][] {
  return fixtureText()
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));
}

/** The index of the first row holding `needle`. */
export const rowOf = (rows: readonly string[][], needle: string): number => rows.findIndex((r) => r.join('\t').includes(needle));

/** The sheets written by hand into `dir`, then opened and saved again by LibreOffice: the workbook an office sends (its path). */
export function savedByLibreOffice(dir: string, name: string, sheets: readonly TestSheet[]): string {
  const made = join(dir, 'made');
  rmSync(made, { recursive: true, force: true });
  mkdirSync(made, { recursive: true });
  writeFileSync(join(made, `${name}.xlsx`), workbookBytes(sheets));
  return convertWithLibreOffice(join(made, `${name}.xlsx`), 'xlsx:Calc MS Excel 2007 XML', join(dir, 'saved'));
}

/**
 * The fixture with an indicator struck out by hiding its row, under A.1.1 (whose two indicators
 * weigh 100% already), and two rows of A.2.2 filtered out: the sheet and the hidden rows (from 1).
 */
export function hiddenRowsSheet(): { sheet: TestSheet; struck: number; filtered: readonly [number, number] } {
  const rows = fixtureRows();
  const struck = rowOf(rows, 'A.1.2 - ');
  rows.splice(struck, 0, ['', 'Indicatore ritirato', '50% >=', '100', '0', '0,00%', '']);
  const filtered = rowOf(rows, "Sostegno alla promozione diretta verso l'estero");
  const hidden = [struck + 1, filtered + 1, filtered + 2] as const;
  return { sheet: { name: 'Albero', rows, hiddenRows: hidden }, struck: hidden[0], filtered: [hidden[1], hidden[2]] };
}

/** Last year's table: A.2.1's «Capacità di risposta» met its target then, so A.2.1 made 100% (this year's 80%). */
export function rows2023(): string[][] {
  const rows = fixtureRows();
  const answer = rows[rowOf(rows, 'Capacità di risposta dello sportello')]!;
  answer[4] = '70,00%';
  answer[5] = '100,00%';
  return rows;
}
