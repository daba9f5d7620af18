/**
 * XLSX in and out, as an office uses it: the published table kept in a spreadsheet, the computed
 * plan exported and read back, and broken workbooks that must give located errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan, formatIssue, verifyStated, type Issue } from '../../src/core/index.js';
import { evaluationDocument } from '../../src/io/json.js';
import { importTableBytes, loadTable } from '../../src/io/load.js';
import { parsePublishedText } from '../../src/io/published/text.js';
import { BAND_FILL, exportPlanXlsx, LEGEND_SHEET, EXPLANATION_SHEET, TABLE_SHEET } from '../../src/io/xlsx/index.js';
import { albero, FIXTURE, fixtureText } from '../helpers.js';
import { storedZip } from '../support/files.js';
import { declareHugeEntries, objectiveRow, readWorkbook, tempDir, workbookBytes } from './helpers.js';

const dir = tempDir();

async function fixtureTable() {
  const loaded = await loadTable(FIXTURE);
  if (loaded.value === null) throw new Error('fixture did not load');
  return loaded.value;
}

/** The fixture pasted into a spreadsheet as offices keep it: one cell per tab-separated field, page headers and all. */
function fixtureAsWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tabella 2024');
  for (const line of fixtureText().split('\n')) sheet.addRow(line.split('\t').map((c) => (c === '' ? null : c)));
  return workbook;
}

function located(issues: readonly Issue[], code: string): Issue {
  const found = issues.find((i) => i.code === code);
  if (found === undefined) throw new Error(`no ${code} issue among: ${issues.map(formatIssue).join(' | ')}`);
  return found;
}

describe('the published layout kept in a spreadsheet', () => {
  it('reads to the same plan as the text fixture, every stated cell checked', async () => {
    const fixture = await fixtureTable();
    const bytes = await workbookBytes(fixtureAsWorkbook());
    const imported = await importTableBytes(bytes, 'albero-2024.xlsx');
    expect(imported.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const table = imported.value!;
    expect(table.plan.title).toBe('Albero performance 2024');
    expect(table.stated.length).toBe(fixture.stated.length);
    const evaluation = evaluatePlan(table.plan);
    expect(verifyStated(evaluation, table.stated).differences).toEqual([]);
    expect(evaluationDocument(evaluation).objectives).toEqual(evaluationDocument(evaluatePlan(fixture.plan)).objectives);
    // Stated cells point at the spreadsheet, not a line of text.
    const a2 = table.stated.find((s) => s.code === 'A.2' && s.cell === 'performance_objective')!;
    expect(a2.origin).toMatchObject({ sheet: 'Tabella 2024', cell: expect.stringMatching(/^G\d+$/) });
  });

  it('locates a text in a number cell as Sheet!cell', async () => {
    const workbook = fixtureAsWorkbook();
    const sheet = workbook.getWorksheet('Tabella 2024')!;
    const row = objectiveRow(sheet, 'A.3').number + 1;
    sheet.getRow(row).getCell(4).value = 'circa dieci';
    const imported = await importTableBytes(await workbookBytes(workbook), 'bad.xlsx');
    expect(located(imported.issues, 'unparsable-target').location).toEqual({ file: 'bad.xlsx', sheet: 'Tabella 2024', cell: `D${row}` });
    expect(formatIssue(located(imported.issues, 'unparsable-target'))).toContain(`Tabella 2024!D${row}`);
  });
});

describe('export of a computed plan', () => {
  let bytes: Uint8Array;
  let original: Awaited<ReturnType<typeof fixtureTable>>;
  beforeAll(async () => {
    original = await fixtureTable();
    bytes = await exportPlanXlsx(evaluatePlan(original.plan), { body: 'Camera di Commercio', period: 'Consuntivo 2024', computedAt: new Date('2025-03-31T10:00:00Z') });
  });

  it('fills the performance cells with the legend colour', async () => {
    const sheet = (await readWorkbook(bytes)).getWorksheet(TABLE_SHEET)!;
    const fillOf = (code: string) => (objectiveRow(sheet, code).getCell(7).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fillOf('A.2')).toBe(BAND_FILL.green);
    expect(fillOf('A.2.1')).toBe(BAND_FILL.yellow);
    expect(fillOf('B.2')).toBe(BAND_FILL.yellow);
    expect(fillOf('B.1')).toBe(BAND_FILL.red);
    const a2 = objectiveRow(sheet, 'A.2').getCell(7);
    expect(a2.value).toBe(0.93);
    expect(a2.numFmt).toBe('0.00%');
    // Objective rows are set apart: bold on a tinted background; indicator rows are plain.
    expect(objectiveRow(sheet, 'A.2').getCell(1).font?.bold).toBe(true);
    expect((objectiveRow(sheet, 'A.2').getCell(2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFDCE6F1');
    expect(sheet.getRow(objectiveRow(sheet, 'A.2').number + 1).getCell(2).font?.bold).toBeFalsy();
    expect(objectiveRow(sheet, 'A.6').getCell(7).value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    // A date target is a real date cell shown the Italian way.
    const a51 = objectiveRow(sheet, 'A.5.1').number;
    const dateCell = sheet.getRow(a51 + 3).getCell(4);
    expect(dateCell.value).toEqual(new Date(Date.UTC(2024, 3, 30)));
    expect(dateCell.numFmt).toBe('dd/mm/yyyy');
  });

  it('has a legend sheet with the band counts and an explanation sheet', async () => {
    const workbook = await readWorkbook(bytes);
    const legend = workbook.getWorksheet(LEGEND_SHEET)!;
    expect(legend.getRow(2).getCell(2).value).toBe("Performance superiore all'80% del target");
    const summary = evaluationDocument(evaluatePlan(original.plan)).summary;
    expect([2, 3, 4].map((r) => legend.getRow(r).getCell(3).value)).toEqual([summary.green, summary.yellow, summary.red]);
    const explanation = workbook.getWorksheet(EXPLANATION_SHEET)!;
    const lines: string[] = [];
    explanation.eachRow((row) => lines.push(String(row.getCell(2).value ?? '')));
    expect(lines).toContain('A.2 = 30% × 100 + 70% × 90 (= media di A.2.1 80, A.2.2 100) = 93,00%');
  });

  it('imports back to the same plan and exactly the published values', async () => {
    const back = await importTableBytes(bytes, 'export.xlsx');
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const evaluation = evaluatePlan(back.value!.plan);
    // The fixture's own published cells, checked against the re-imported plan.
    const published = verifyStated(evaluatePlan(original.plan), original.stated);
    expect(published.checked).toBeGreaterThan(140);
    expect(verifyStated(evaluation, original.stated)).toMatchObject({ checked: published.checked, differences: [] });
    expect(verifyStated(evaluation, back.value!.stated).differences).toEqual([]);
    expect(evaluationDocument(evaluation).objectives).toEqual(evaluationDocument(evaluatePlan(original.plan)).objectives);
    expect(back.value!.plan.title).toBe(original.plan.title);
    // Read from the complete "Piano" sheet, which says so.
    expect(back.issues.find((i) => i.code === 'read-plan-sheet')?.location).toMatchObject({ sheet: 'Piano' });
  });

  it('without its Piano sheet, reads back from the printable table with every stated cell agreeing', async () => {
    const workbook = await readWorkbook(bytes);
    workbook.removeWorksheet(workbook.getWorksheet('Piano')!.id);
    const back = await importTableBytes(await workbookBytes(workbook), 'table-only.xlsx');
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const evaluation = evaluatePlan(back.value!.plan);
    const check = verifyStated(evaluation, back.value!.stated);
    expect(check.checked).toBeGreaterThan(140);
    expect(check.differences).toEqual([]);
    expect(verifyStated(evaluation, original.stated).differences).toEqual([]);
    expect(evaluationDocument(evaluation).objectives).toEqual(evaluationDocument(evaluatePlan(original.plan)).objectives);
  });

  it('is read by the CLI like a text table', () => {
    const file = join(dir, 'export.xlsx');
    writeFileSync(file, bytes);
    expect(albero(['verify', file]).status).toBe(0);
    const run = albero(['evaluate', '--json', file]);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { objectives: Array<{ code: string; performance: number | null; band: string | null }> };
    const byCode = new Map(doc.objectives.map((o) => [o.code, o]));
    expect(byCode.get('A.2')).toMatchObject({ performance: 93, band: 'green' });
    expect(byCode.get('B.1')).toMatchObject({ performance: 56, band: 'red' });
    expect(albero(['explain', file, 'A.2']).stdout).toContain('= 93.00%');
  });
});

/**
 * A small table a reader can check by hand, with what a language changes in the printable table:
 * a weight with decimals (`12,5%` / `12.5%`), thousands (`1.587,10` / `1,587.10`), yes/no, a value
 * not evaluable (`N.V.` / `N.E.`) and a legend of its own.
 */
const SMALL_TABLE = [
  '**Piccolo piano 2024**',
  '',
  'Obiettivo\tIndicatore\tPeso\tTarget\tConsuntivo\tPerformance KPI\tPerformance Obiettivo',
  'A - Servizi alle imprese\t\t60%\t\t\t\t',
  '\tPratiche evase\t12,5% >=\t1.500\t1.587,10\t\t',
  '\tSportello aperto\t87,5% =\tsì\tsì\t\t',
  'B - Comunicazione\t\t40%\t\t\t\t',
  '\tUscite sulla stampa\t100% >=\t10\tN.V.\t\t',
  '',
  '#### Legenda',
  '',
  "Performance superiore all'85,5% del target",
  "Performance compresa tra il 60% e l'85,5% del target",
  'Performance < 60% del target',
].join('\n');

describe("the report workbook's printable table, read back in either language", () => {
  const plan = parsePublishedText(SMALL_TABLE, 'piccolo.txt').value.plan;
  const evaluation = evaluatePlan(plan);
  /** The plan's content, without where each part was read (a line of text, a cell). */
  const content = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'origin' ? undefined : v)));

  for (const language of ['it', 'en'] as const) {
    it(`${language}: the same plan, legend and stated cells as written`, async () => {
      const bytes = await exportPlanXlsx(evaluation, { language });
      const back = await importTableBytes(bytes, `piccolo-${language}.xlsx`, { published: true });
      expect(back.issues.filter((i) => i.severity !== 'info').map(formatIssue)).toEqual([]);
      // Read from the table (`verify`'s reading), not from the plan's sheet.
      expect(back.issues.find((i) => i.code === 'read-published-sheet')?.location).toMatchObject({ sheet: language === 'it' ? 'Albero' : 'Tree' });
      const table = back.value!;
      expect(content(table.plan.nodes)).toEqual(content(plan.nodes));
      expect(table.plan.settings.legend.rules.map((r) => [r.band, r.min?.toString(), r.minInclusive])).toEqual([
        ['green', '85.5', false],
        ['yellow', '60', true],
        ['red', undefined, undefined],
      ]);
      const check = verifyStated(evaluatePlan(table.plan), table.stated);
      // Each objective's and each indicator's performance, the empty ones of B and its N.V. indicator too.
      expect(check).toMatchObject({ checked: 5, differences: [] });
    });
  }
});

describe('malformed spreadsheets give located errors, never a crash', () => {
  async function check(bytes: Uint8Array, name: string): Promise<{ status: number; stderr: string }> {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const run = albero(['import', file, '--check']);
    expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    return run;
  }

  it('a workbook without the table sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Note').addRow(['appunti']);
    const imported = await importTableBytes(await workbookBytes(workbook), 'nosheet.xlsx');
    expect(located(imported.issues, 'missing-sheet').message).toContain('"Note"');
    const run = await check(await workbookBytes(workbook), 'nosheet.xlsx');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no sheet holds the table');
    expect(run.stderr).toContain('Obiettivo, Indicatore, Peso… (the published layout; in English Objective, Indicator, Weight…)');
  });

  it('merged cells', async () => {
    const workbook = fixtureAsWorkbook();
    const sheet = workbook.getWorksheet('Tabella 2024')!;
    const r = objectiveRow(sheet, 'A.3').number + 1;
    sheet.mergeCells(`C${r}:D${r}`);
    const imported = await importTableBytes(await workbookBytes(workbook), 'merged.xlsx');
    expect(located(imported.issues, 'merged-cells').location).toMatchObject({ sheet: 'Tabella 2024', cell: `C${r}` });
    const run = await check(await workbookBytes(workbook), 'merged.xlsx');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Tabella 2024!C${r}`);
  });

  it('formulas instead of values', async () => {
    const workbook = fixtureAsWorkbook();
    const sheet = workbook.getWorksheet('Tabella 2024')!;
    const r = objectiveRow(sheet, 'A.3').number + 1;
    sheet.getRow(r).getCell(5).value = { formula: '200+6', result: 206 };
    const imported = await importTableBytes(await workbookBytes(workbook), 'formula.xlsx');
    const formula = located(imported.issues, 'formula-cell');
    expect(formula.location).toEqual({ file: 'formula.xlsx', sheet: 'Tabella 2024', cell: `E${r}` });
    expect(formula.message).toContain('=200+6');
    expect((await check(await workbookBytes(workbook), 'formula.xlsx')).status).toBe(2);
  });

  it('an .xlsx that is really a zip of something else', async () => {
    const docx = storedZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    const run = await check(docx, 'relazione.xlsx');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('a Word document, not an Excel workbook');
    const photos = storedZip([
      { name: 'foto1.jpg', data: 'x' },
      { name: 'foto2.jpg', data: 'y' },
    ]);
    expect((await check(photos, 'foto.xlsx')).stderr).toContain('a zip archive of 2 other files');
    expect((await check(new TextEncoder().encode('Obiettivo;Indicatore\n'), 'finto.xlsx')).stderr).toContain('not an .xlsx workbook');
    const truncated = (await workbookBytes(fixtureAsWorkbook())).subarray(0, 2000);
    expect((await check(truncated, 'troncato.xlsx')).stderr).toContain('damaged or cut short');
  });

  it('a huge file, by its size or by what it unpacks to', async () => {
    const big = new Uint8Array(51 * 1024 * 1024);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const run = await check(big, 'enorme.xlsx');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the limit is 50 MB');
    const bomb = declareHugeEntries(await workbookBytes(fixtureAsWorkbook()));
    expect((await check(bomb, 'bomba.xlsx')).stderr).toMatch(/unpacks to \d+ MB; the limit is 400 MB/);
  });

  it('a dry run of a good workbook imports nothing and exits 0', async () => {
    const run = await check(await workbookBytes(fixtureAsWorkbook()), 'buono.xlsx');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/\d+ objectives, \d+ indicators; 0 errors.*dry run, nothing was imported/);
    expect(readFileSync(join(dir, 'buono.xlsx')).length).toBeGreaterThan(0);
  });
});
