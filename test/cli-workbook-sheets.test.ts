/**
 * Workbooks as an office keeps them, saved by LibreOffice: rows hidden (by hand, by a filter) and
 * last year's table kept on a sheet beside this year's. Both were read without a word: a hidden
 * indicator counted in the performances while the sheet as shown did not have it, and of two
 * tables the first sheet's was imported, 2023's as the plan.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { albero } from './helpers.js';
import { fixtureRows, hiddenRowsSheet, rows2023, savedByLibreOffice } from './support/office-workbooks.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-cli-sheets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const IT = { locale: 'it_IT.UTF-8' };

describe('a workbook with hidden rows', () => {
  const { sheet, struck, filtered } = hiddenRowsSheet();
  const book = savedByLibreOffice(dir, 'nascoste', [sheet]);

  it('reads them, and says so at each run of hidden rows, in the language of the command line', () => {
    const run = albero(['evaluate', book]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `Albero!A${struck}: warning: row ${struck} is hidden in the sheet but was read as part of the table: show it to check it, or delete it if it must not count [hidden-rows]`,
    );
    expect(run.stderr).toContain(`Albero!A${filtered[0]}: warning: rows ${filtered[0]} to ${filtered[1]} are hidden in the sheet but were read as part of the table`);
    const it = albero(['verify', book], IT);
    // The hidden indicator counts: A.1.1 is no longer the 100% the sheet states, and the check says where it came from.
    expect(it.status).toBe(1);
    expect(it.stderr).toContain(`Albero!A${struck}: avviso: la riga ${struck} è nascosta nel foglio ma è stata letta come parte della tabella`);
    expect(it.stderr).toContain(`Albero!A${filtered[0]}: avviso: le righe dalla ${filtered[0]} alla ${filtered[1]} sono nascoste nel foglio`);
  });
});

describe('a workbook holding two tables', () => {
  const performanceOf = (json: string, code: string): number | null | undefined =>
    (JSON.parse(json) as { objectives: { code: string; performance: number | null }[] }).objectives.find((o) => o.code === code)?.performance;

  it('refuses to guess which is the plan: an error naming both sheets, nothing evaluated nor written', () => {
    const book = savedByLibreOffice(dir, 'due-anni', [
      { name: 'Albero 2023', rows: rows2023() },
      { name: 'Albero 2024', rows: fixtureRows() },
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
    const book = savedByLibreOffice(dir, 'albero-e-2023', [
      { name: 'Albero 2023', rows: rows2023() },
      { name: 'Albero', rows: fixtureRows() },
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

describe('a workbook whose header row is under a long title block', () => {
  it('is refused at the header row’s cell, not as a workbook without a table', () => {
    const notes = Array.from({ length: 35 }, (_, k) => [`Nota ${k + 1}: dati estratti dal sistema di controllo di gestione`]);
    const rows = [...notes, ...fixtureRows()];
    const header = rows.findIndex((r) => r[0] === 'Obiettivo') + 1;
    const book = savedByLibreOffice(dir, 'intestazione-bassa', [{ name: 'Albero', rows }]);
    const run = albero(['import', book, '--check']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`intestazione-bassa.xlsx Albero!A${header}: error: the header row is here, below the first 30 rows where it is looked for`);
    expect(run.stderr).not.toContain('missing-sheet');
    expect(albero(['evaluate', book], IT).stderr).toContain(`Albero!A${header}: errore: la riga di intestazione è qui, sotto le prime 30 righe`);
  });
});
