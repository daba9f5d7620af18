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
import { fixtureRows, hiddenRowsSheet, rowOf, rows2023, savedByLibreOffice } from './support/office-workbooks.js';

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

describe('dates left in General format: Excel date serials', () => {
  // A date cell in General format holds its serial (45565 for 30/09/2024): against a date it was
  // «a number but the Target is a date», with no word of why; two of them were stored as numbers.
  const rows = (): (string | number)[][] => fixtureRows();
  const row = (table: (string | number)[][], needle: string): number => rowOf(table as string[][], needle);
  const BOTH = 'Data inoltro Report monitoraggio ciclo della performance (II fase)';

  it('a serial against a date says it looks like one and which date, in both languages', () => {
    const table = rows();
    const actual = row(table, 'Implementazione procedure di gestione appuntamenti');
    table[actual]![4] = 45412;
    const target = row(table, 'Implementazione sistemi di verifica a distanza');
    table[target]![3] = 45565;
    table[target]![4] = '27/09/2024';
    const book = savedByLibreOffice(dir, 'seriale', [{ name: 'Albero', rows: table }]);
    const en = albero(['evaluate', book]);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain(
      `Albero!E${actual + 1}: error: the Consuntivo “45.412” is a number but the Target “30/04/2024” is a date; write both the same way; “45.412” looks like an Excel date serial (30/04/2024) in a General-format cell: give the cell a date format [kind-mismatch]`,
    );
    expect(en.stderr).toContain(
      `Albero!E${target + 1}: error: the Consuntivo “27/09/2024” is a date but the Target “45.565” is a number; write both the same way; “45.565” looks like an Excel date serial (30/09/2024) in a General-format cell: give the cell a date format [kind-mismatch]`,
    );
    const it = albero(['evaluate', book], IT);
    expect(it.stderr).toContain(
      `Albero!E${actual + 1}: errore: il Consuntivo «45.412» è un numero ma il Target «30/04/2024» è una data: scriverli allo stesso modo; «45.412» sembra una data di Excel (30/04/2024) in una cella in formato Generale: dare alla cella un formato data [kind-mismatch]`,
    );
  });

  it('two serials, read as numbers, are warned of at the row; not when the plan year says they cannot be dates', () => {
    const table = rows();
    const both = row(table, BOTH);
    table[both]![3] = 45565;
    table[both]![4] = 45562;
    const book = savedByLibreOffice(dir, 'seriali', [{ name: 'Albero', rows: table }]);
    const en = albero(['evaluate', book]);
    expect(en.status).toBe(0);
    expect(en.stderr).toContain(
      `Albero!D${both + 1}: warning: the Target “45.565” and the Consuntivo “45.562” look like Excel date serials (30/09/2024 and 27/09/2024) in General-format cells: they are read as numbers; if they are dates, give the cells a date format [date-serials]`,
    );
    const it = albero(['evaluate', book], IT);
    expect(it.stderr).toContain(
      `Albero!D${both + 1}: avviso: il Target «45.565» e il Consuntivo «45.562» sembrano date di Excel (30/09/2024 e 27/09/2024) in celle in formato Generale: sono letti come numeri; se sono date, dare alle celle un formato data [date-serials]`,
    );
    // 45.565 visits against 45.562 in a plan for 2030: 30/09/2024 is more than a year away.
    const title = row(table, 'Albero performance 2024');
    table[title] = table[title]!.map((cell) => String(cell).replace('2024', '2030'));
    const counts = albero(['evaluate', savedByLibreOffice(dir, 'conteggi', [{ name: 'Albero', rows: table }])]);
    expect(counts.status).toBe(0);
    expect(counts.stderr).not.toContain('date-serials');
  });
});
