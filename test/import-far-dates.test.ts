/**
 * A plain number typed in a date-formatted cell is a day count from 1900 to a spreadsheet: 5 reads
 * 04/01/1900, 300925 (30/09/25 typed without its slashes) 26/11/2723. Such dates were imported in
 * silence; now each date more than ten years from the plan's year is a located warning (file,
 * sheet, cell, field), in Italian and English, and the date is kept as written. Real serials
 * (45930 → 30/09/2025) say nothing. Through the command line and the API's import, as a user would.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { albero, FIXTURE } from './helpers.js';
import { startTestServer, type Client, type TestServer } from './api/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-far-dates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One server for the file's API imports (a table's, a document's), started by the first block that asks. */
let server: Promise<{ t: TestServer; controller: Client }> | undefined;
const apiServer = (): Promise<{ t: TestServer; controller: Client }> => (server ??= startTestServer('sqlite').then(async (t) => ({ t, controller: await t.as('controller') })));
afterAll(async () => {
  if (server !== undefined) await (await server).t.close();
});

/** The published layout with date-formatted Target and Consuntivo cells holding `[target, actual]` serials. */
async function workbook(title: string, rows: readonly (readonly [number, number])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Albero');
  ws.addRow([title]);
  ws.addRow(['Obiettivo', 'Indicatore', 'Peso', 'Target', 'Consuntivo', 'Performance KPI', 'Performance Obiettivo']);
  ws.addRow(['A - Area']);
  ws.addRow(['A.1 - Obiettivo']);
  for (const [k, [target, actual]] of rows.entries()) {
    const row = ws.addRow(['', `Relazione ${k + 1}`, `${100 / rows.length}% <=`, target, actual]);
    row.getCell(4).numFmt = 'dd/mm/yyyy';
    row.getCell(5).numFmt = 'dd/mm/yyyy';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface JsonIssue {
  code: string;
  severity: string;
  message: string;
  location: { file: string; sheet?: string; cell?: string; field?: string; line?: number; column?: string; node?: string; indicator?: string };
}

describe('a date far from the plan year, on the command line', () => {
  it('is a warning at its cell and field, in both languages, and the date is imported as typed', async () => {
    const file = join(dir, 'date.xlsx');
    writeFileSync(
      file,
      await workbook('Albero performance 2025', [
        [5, 45930],
        [300925, 45930],
        [45930, 0],
        [45930, 45900],
      ]),
    );
    const run = albero(['import', file, '--check', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { usable: boolean; errors: number; issues: JsonIssue[] };
    expect(report.usable).toBe(true);
    expect(report.errors).toBe(0);
    const far = report.issues.filter((i) => i.code === 'date-far-from-year');
    // Before: none; 45930 (30/09/2025) and 45900 (31/08/2025) say nothing.
    expect(far.map((i) => [i.severity, i.location.sheet, i.location.cell, i.location.field])).toEqual([
      ['warning', 'Albero', 'D5', 'target'],
      ['warning', 'Albero', 'D6', 'target'],
      ['warning', 'Albero', 'E7', 'actual'],
    ]);
    expect(far[0]!.message).toBe(
      "Target: the date 04/01/1900 is more than 10 years from the plan's year (2025); a number typed in a cell formatted as a date (5, 300925) becomes that many days after 30/12/1899: check the cell. The date is imported as written",
    );
    expect(far[1]!.message).toContain('26/11/2723');
    const italian = albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' });
    expect(italian.stderr).toContain(
      "date.xlsx Albero!D6 campo target: avviso: Target: la data 26/11/2723 è a più di 10 anni dall'anno del piano (2025); un numero scritto in una cella formattata come data",
    );
    // Kept as typed: the plan written holds the dates the cells gave.
    const out = join(dir, 'plan.json');
    expect(albero(['import', file, '--output', out]).status).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('"1900-01-04"');
    expect(written).toContain('"2723-11-26"');
  });

  it('in a CSV table too, where a far date can only be typed: said as a slip in the year, not as a cell format', () => {
    const file = join(dir, 'date.csv');
    writeFileSync(file, CSV);
    const report = JSON.parse(albero(['import', file, '--check', '--json']).stdout) as { issues: JsonIssue[] };
    const far = report.issues.filter((i) => i.code === 'date-far-from-year');
    expect(far.map((i) => [i.location.line, i.location.column, i.location.field])).toEqual([[5, 'Target', 'target']]);
    // Before: "a number typed in a cell formatted as a date (5, 300925) becomes…", which a CSV has no cell format for.
    expect(far[0]!.message).toBe(CSV_WORDS.en);
    const italian = albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' });
    expect(italian.status, italian.stderr).toBe(0);
    expect(italian.stderr).toContain(`date.csv:5 colonna Target campo target: avviso: ${CSV_WORDS.it} [date-far-from-year]`);
    expect(italian.stderr).not.toContain('formattata come data');
  });

  it("checks against the plan's year when the title starts with the adopting act's", () => {
    const file = join(dir, 'delibera.csv');
    writeFileSync(file, CSV.replace('Albero performance 2024', 'Delibera n. 12/2001 — Piano della performance 2024'));
    const report = JSON.parse(albero(['import', file, '--check', '--json']).stdout) as { issues: JsonIssue[] };
    // Before: every date checked against 2001, the 2024 ones said far too.
    const far = report.issues.filter((i) => i.code === 'date-far-from-year');
    expect(far.map((i) => [i.location.line, i.location.column])).toEqual([[5, 'Target']]);
    expect(far[0]!.message).toBe(CSV_WORDS.en);
  });
});

/** A CSV table of 2024 whose first Target is typed 2724. */
const CSV = [
  'Albero performance 2024;;;;;;',
  'Obiettivo;Indicatore;Peso;Target;Consuntivo;Performance KPI;Performance Obiettivo',
  'A - Area;;;;;;',
  'A.1 - Obiettivo;;;;;;',
  ';Relazione inviata;50% <=;30/09/2724;30/09/2024;;',
  ';Report inviato;50% <=;30/09/2024;15/09/2024;;',
  '',
].join('\r\n');
const CSV_WORDS = {
  it: "Target: la data 30/09/2724 è a più di 10 anni dall'anno del piano (2024); una data così lontana è di solito un errore di battitura nell'anno: controllare la data. La data è importata come scritta",
  en: "Target: the date 30/09/2724 is more than 10 years from the plan's year (2024); a date this far off is most often a slip in its year: check the date. The date is imported as written",
};

describe('a date far from the plan year, through the API import', { timeout: 120_000 }, () => {
  let controller: Client;
  beforeAll(async () => {
    ({ controller } = await apiServer());
  });

  it("is checked against the form's year, said in the reader's language", async () => {
    // The title says 2015; the form says 2025, the plan's year: 30/09/2025 is near, 04/01/1900 far.
    const bytes = await workbook('Albero performance 2015', [
      [5, 45930],
      [45930, 45930],
    ]);
    for (const [lang, words] of [
      ['it', "Target: la data 04/01/1900 è a più di 10 anni dall'anno del piano (2025)"],
      ['en', "Target: the date 04/01/1900 is more than 10 years from the plan's year (2025)"],
    ] as const) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), 'date.xlsx');
      form.append('year', '2025');
      const answer = await controller.request('POST', `/api/plans/import?dryRun=true&lang=${lang}`, form);
      expect(answer.status, answer.text).toBe(200);
      const far = (answer.body.issues as JsonIssue[]).filter((i) => i.code === 'date-far-from-year');
      expect(far.map((i) => [i.severity, i.location.file, i.location.sheet, i.location.cell, i.location.field])).toEqual([['warning', 'date.xlsx', 'Albero', 'D5', 'target']]);
      expect(far[0]!.message).toContain(words);
    }
  });

  it("a CSV table: said as a slip in the year, in the reader's language", async () => {
    for (const lang of ['it', 'en'] as const) {
      const form = new FormData();
      form.append('file', new Blob([CSV]), 'date.csv');
      const answer = await controller.request('POST', `/api/plans/import?dryRun=true&lang=${lang}`, form);
      expect(answer.status, answer.text).toBe(200);
      const far = (answer.body.issues as JsonIssue[]).filter((i) => i.code === 'date-far-from-year');
      expect(far.map((i) => [i.severity, i.location.file, i.location.line, i.location.column, i.location.field])).toEqual([['warning', 'date.csv', 5, 'Target', 'target']]);
      // Before: the workbook's words about a cell formatted as a date.
      expect(far[0]!.message).toBe(CSV_WORDS[lang]);
    }
  });

  it("the form's title without a year field: checked against the year the plan gets from it, in the dry run and the import", async () => {
    for (const dryRun of [true, false]) {
      const form = new FormData();
      form.append('file', new Blob([CSV]), 'date.csv');
      form.append('title', `Piano della performance 2040${dryRun ? '' : ' (importato)'}`);
      const answer = await controller.request('POST', `/api/plans/import?dryRun=${dryRun}&lang=en`, form);
      expect(answer.status, answer.text).toBe(dryRun ? 200 : 201);
      const year = dryRun ? (answer.body.preview as { year: number }).year : (answer.body.plan as { year: number }).year;
      expect(year).toBe(2040);
      const far = (answer.body.issues as JsonIssue[]).filter((i) => i.code === 'date-far-from-year');
      // Before: checked against the table's title (2024): only 30/09/2724, said against 2024.
      expect(far.map((i) => [i.location.line, i.location.column])).toEqual([
        [5, 'Target'],
        [5, 'Consuntivo'],
        [6, 'Target'],
        [6, 'Consuntivo'],
      ]);
      expect(far.every((i) => i.message.includes("from the plan's year (2040)"))).toBe(true);
    }
  });

  it('a title naming no year anywhere: checked against this year, which the plan gets', async () => {
    const thisYear = new Date().getFullYear();
    const form = new FormData();
    form.append('file', new Blob([CSV.replace('Albero performance 2024', 'Albero della performance')]), 'date.csv');
    const answer = await controller.request('POST', '/api/plans/import?dryRun=true&lang=it', form);
    expect(answer.status, answer.text).toBe(200);
    expect((answer.body.preview as { year: number }).year).toBe(thisYear);
    const far = (answer.body.issues as JsonIssue[]).filter((i) => i.code === 'date-far-from-year');
    // Before: none, the dates left unchecked.
    expect(far.map((i) => [i.location.line, i.location.column])).toEqual([[5, 'Target']]);
    expect(far[0]!.message).toContain(`la data 30/09/2724 è a più di 10 anni dall'anno del piano (${thisYear})`);
  });
});

/**
 * The JSON document `albero import --output` writes, read back as a plan (its own importer, io/plan-json.ts):
 * its dates are checked as a table's, each far one said at its objective, indicator and field. Before: none.
 */
describe('a date far from the plan year in a JSON plan document', { timeout: 120_000 }, () => {
  let document = '';
  beforeAll(() => {
    const out = join(dir, 'fixture.json');
    expect(albero(['import', FIXTURE, '--output', out]).status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { objectives: { code: string; indicators: { id: string; target: unknown; actual: unknown; nextTargets?: unknown[] }[] }[] };
    const indicator = (id: string) => doc.objectives.flatMap((o) => o.indicators).find((i) => i.id === id)!;
    // Slips in the year of a 2024 plan: a target, an actual, a later target; the other dates stay near.
    indicator('C.1.2:1').target = '2724-09-30';
    indicator('C.1.2:2').actual = '2042-06-27';
    indicator('A.5.1:3').nextTargets = ['2025-04-30', '2620-04-30'];
    document = JSON.stringify(doc, null, 2);
  });
  // In the document's order.
  const FAR = [
    ['warning', 'A.5.1', 'A.5.1:3', 'nextTargets[1]'],
    ['warning', 'C.1.2', 'C.1.2:1', 'target'],
    ['warning', 'C.1.2', 'C.1.2:2', 'actual'],
  ];
  const WORDS = {
    it: "C.1.2:1 · target: la data 30/09/2724 è a più di 10 anni dall'anno del piano (2024); una data così lontana è di solito un errore di battitura nell'anno: controllare la data nel documento. La data è importata come scritta",
    en: "C.1.2:1 · target: the date 30/09/2724 is more than 10 years from the plan's year (2024); a date this far off is most often a slip in its year: check the date in the document. The date is imported as written",
  };

  it('on the command line: a warning at each field, in both languages, and the dates imported as written', () => {
    const file = join(dir, 'piano.json');
    writeFileSync(file, document);
    const run = albero(['import', file, '--check', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { usable: boolean; issues: JsonIssue[] };
    expect(report.usable).toBe(true);
    const far = report.issues.filter((i) => i.code === 'date-far-from-year');
    expect(far.map((i) => [i.severity, i.location.node, i.location.indicator, i.location.field])).toEqual(FAR);
    expect(far[1]!.message).toBe(WORDS.en);
    const italian = albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' });
    expect(italian.status, italian.stderr).toBe(0);
    expect(italian.stderr).toContain(`${file} C.1.2 campo target: avviso: ${WORDS.it} [date-far-from-year]`);
    const out = join(dir, 'again.json');
    expect(albero(['import', file, '--output', out]).status).toBe(0);
    const written = readFileSync(out, 'utf8');
    for (const date of ['"2724-09-30"', '"2042-06-27"', '"2620-04-30"']) expect(written).toContain(date);
  });

  describe('through the API import', () => {
    let controller: Client;
    beforeAll(async () => {
      ({ controller } = await apiServer());
    });

    it("in the reader's language, against the form's year when it gives one", async () => {
      for (const lang of ['it', 'en'] as const) {
        const form = new FormData();
        form.append('file', new Blob([document]), 'piano.json');
        const answer = await controller.request('POST', `/api/plans/import?dryRun=true&lang=${lang}`, form);
        expect(answer.status, answer.text).toBe(200);
        const far = (answer.body.issues as JsonIssue[]).filter((i) => i.code === 'date-far-from-year');
        expect(far.map((i) => [i.severity, i.location.node, i.location.indicator, i.location.field])).toEqual(FAR);
        expect(far[1]!.location.file).toBe('piano.json');
        expect(far[1]!.message).toBe(WORDS[lang]);
      }
      // The form says 2040: 2042 is near, every 2024 date of the fixture far.
      const form = new FormData();
      form.append('file', new Blob([document]), 'piano.json');
      form.append('year', '2040');
      const answer = await controller.request('POST', '/api/plans/import?dryRun=true&lang=en', form);
      expect(answer.status, answer.text).toBe(200);
      const far = (answer.body.issues as JsonIssue[]).filter((i) => i.code === 'date-far-from-year');
      expect(far.some((i) => i.location.indicator === 'C.1.2:2' && i.location.field === 'actual')).toBe(false);
      expect(far.find((i) => i.location.indicator === 'A.5.2:3')?.message).toContain("the date 30/09/2024 is more than 10 years from the plan's year (2040)");
    });
  });
});

/**
 * `evaluate` and `verify` have no form to give the plan's year: they check dates against the year
 * the table's title names. A title without a year gives nothing to check against, so nothing is
 * said (not a year taken from elsewhere, such as the file's name); a title with one is checked.
 */
describe("evaluate and verify check dates against the title's year", { timeout: 120_000 }, () => {
  const table = (title: string): string =>
    [
      title,
      'Obiettivo\tIndicatore\tPeso\tTarget\tConsuntivo\tPerformance KPI\tPerformance Obiettivo',
      'A - Area\t\t\t\t\t\t100,00%',
      'A.1 - Obiettivo\t\t\t\t\t\t100,00%',
      '\tRelazione inviata\t50% <=\t30/09/2724\t30/09/2024\t100,00%\t',
      '\tReport inviato\t50% <=\t30/09/2024\t15/09/2024\t100,00%\t',
      '',
    ].join('\n');

  for (const command of ['evaluate', 'verify'] as const) {
    it(`${command}: a title without a year says nothing of the dates, even in a file named for a year`, async () => {
      const text = join(dir, `albero-2024-${command}.txt`);
      writeFileSync(text, table('Albero della performance'));
      const xlsx = join(dir, `albero-2024-${command}.xlsx`);
      writeFileSync(xlsx, await workbook('Albero della performance', [[5, 45930]]));
      for (const file of [text, xlsx]) {
        const run = albero([command, file]);
        expect(run.status, run.stderr).toBeLessThan(2);
        expect(run.stderr + run.stdout).not.toContain('date-far-from-year');
      }
    });

    it(`${command}: a title with a year says each date far from it, at its place`, async () => {
      const text = join(dir, `albero-${command}.txt`);
      writeFileSync(text, table('Albero della performance 2024'));
      const run = albero([command, text], { locale: 'it_IT.UTF-8' });
      expect(run.status, run.stderr).toBeLessThan(2);
      expect(run.stderr).toContain(`${text}:5 colonna Target campo target: avviso: Target: la data 30/09/2724 è a più di 10 anni dall'anno del piano (2024)`);
      expect(run.stderr.match(/date-far-from-year/g)).toHaveLength(1);
      // Before: «La data è importata come scritta», though these commands import nothing.
      expect(run.stderr).toContain('controllare la data. La data è letta come scritta [date-far-from-year]');
      expect(run.stderr).not.toContain('importata');
      const english = albero([command, text, '--lang', 'en']);
      expect(english.stderr).toContain('check the date. The date is read as written [date-far-from-year]');
      expect(english.stderr).not.toContain('imported');
      const xlsx = join(dir, `albero-${command}.xlsx`);
      writeFileSync(xlsx, await workbook('Albero performance 2025', [[5, 45930]]));
      const book = albero([command, xlsx]);
      expect(book.status, book.stderr).toBeLessThan(2);
      expect(book.stderr).toContain(`Albero!D5 field target: warning: Target: the date 04/01/1900 is more than 10 years from the plan's year (2025)`);
      expect(book.stderr.match(/date-far-from-year/g)).toHaveLength(1);
      expect(book.stderr).toContain('check the cell. The date is read as written [date-far-from-year]');
      const json = JSON.parse(albero([command, xlsx, '--json']).stdout) as { issues?: JsonIssue[] };
      if (command === 'evaluate') expect(json.issues?.find((i) => i.code === 'date-far-from-year')?.message).toMatch(/The date is read as written$/);
    });
  }
});
