/**
 * Workbooks as an office keeps them, saved by LibreOffice: rows hidden (by hand, by a filter) and
 * last year's table kept on a sheet beside this year's. Both were read without a word: a hidden
 * indicator counted in the performances while the sheet as shown did not have it, and of two
 * tables the first sheet's was imported, 2023's as the plan.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { albero, fixtureText } from './helpers.js';
import { convertWithLibreOffice } from './support/libreoffice.js';
import { workbookBytes, type TestSheet } from './support/workbook.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-cli-sheets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const IT = { locale: 'it_IT.UTF-8' };

/** The fixture's rows, each cell as text (as the published table is typed). */
function fixtureRows(): string[][] {
  return fixtureText()
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));
}

const rowOf = (rows: readonly string[][], needle: string): number => rows.findIndex((r) => r.join('\t').includes(needle));

/** The sheets written by hand, then opened and saved again by LibreOffice: the workbook an office sends. */
function savedByLibreOffice(name: string, sheets: readonly TestSheet[]): string {
  const made = join(dir, 'made', `${name}.xlsx`);
  rmSync(join(dir, 'made'), { recursive: true, force: true });
  mkdirSync(join(dir, 'made'), { recursive: true });
  writeFileSync(made, workbookBytes(sheets));
  return convertWithLibreOffice(made, 'xlsx:Calc MS Excel 2007 XML', join(dir, 'saved'));
}

describe('a workbook with hidden rows', () => {
  const rows = fixtureRows();
  // An indicator struck out by hiding its row, under A.1.1 (whose two indicators weigh 100% already).
  const struck = rowOf(rows, 'A.1.2 - ');
  rows.splice(struck, 0, ['', 'Indicatore ritirato', '50% >=', '100', '0', '0,00%', '']);
  // Two rows of A.2.2 filtered out by the office.
  const filtered = rowOf(rows, 'Sostegno alla promozione diretta verso l');
  const book = savedByLibreOffice('nascoste', [{ name: 'Albero', rows, hiddenRows: [struck + 1, filtered + 1, filtered + 2] }]);

  it('reads them, and says so at each run of hidden rows, in the language of the command line', () => {
    const run = albero(['evaluate', book]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `Albero!A${struck + 1}: warning: row ${struck + 1} is hidden in the sheet but was read as part of the table: show it to check it, or delete it if it must not count [hidden-rows]`,
    );
    expect(run.stderr).toContain(`Albero!A${filtered + 1}: warning: rows ${filtered + 1} to ${filtered + 2} are hidden in the sheet but were read as part of the table`);
    const it = albero(['verify', book], IT);
    // The hidden indicator counts: A.1.1 is no longer the 100% the sheet states, and the check says where it came from.
    expect(it.status).toBe(1);
    expect(it.stderr).toContain(`Albero!A${struck + 1}: avviso: la riga ${struck + 1} è nascosta nel foglio ma è stata letta come parte della tabella`);
    expect(it.stderr).toContain(`Albero!A${filtered + 1}: avviso: le righe dalla ${filtered + 1} alla ${filtered + 2} sono nascoste nel foglio`);
  });
});

describe('a workbook holding two tables', () => {
  const rows2024 = fixtureRows();
  // Last year's table: A.2.1's «Capacità di risposta» met its target then, so A.2.1 made 100%.
  const rows2023 = fixtureRows();
  const answer = rowOf(rows2023, 'Capacità di risposta dello sportello');
  rows2023[answer]![4] = '70,00%';
  rows2023[answer]![5] = '100,00%';
  const performanceOf = (stdout: string, code: string): number | null | undefined =>
    (JSON.parse(stdout) as { objectives: { code: string; performance: number | null }[] }).objectives.find((o) => o.code === code)?.performance;

  it('refuses to guess which is the plan: an error naming both sheets, nothing evaluated nor written', () => {
    const book = savedByLibreOffice('due-anni', [
      { name: 'Albero 2023', rows: rows2023 },
      { name: 'Albero 2024', rows: rows2024 },
    ]);
    const run = albero(['evaluate', book, '--json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('due-anni.xlsx: error: several sheets hold a table ("Albero 2023", "Albero 2024") and which to import is not known');
    const it = albero(['import', book, '--output', join(dir, 'due-anni.json')], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain('errore: più fogli contengono una tabella ("Albero 2023", "Albero 2024")');
    expect(existsSync(join(dir, 'due-anni.json'))).toBe(false);
  });

  it('reads the sheet named «Albero» and says the other was not read', () => {
    const book = savedByLibreOffice('albero-e-2023', [
      { name: 'Albero 2023', rows: rows2023 },
      { name: 'Albero', rows: rows2024 },
    ]);
    const run = albero(['evaluate', book, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(performanceOf(run.stdout, 'A.2.1')).toBe(80);
    expect(run.stderr).toContain(
      'albero-e-2023.xlsx Albero: warning: the table was read from the sheet “Albero”; the sheet "Albero 2023" also holds a table, which was not read [other-tables-not-read]',
    );
    const imported = albero(['import', book, '--output', join(dir, 'albero-e-2023.json')]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(performanceOf(readFileSync(join(dir, 'albero-e-2023.json'), 'utf8'), 'A.2.1')).toBe(80);
  });
});
