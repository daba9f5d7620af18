/**
 * The Relazione as a user gets it from the CLI: HTML checked for its structure, PDF turned into
 * images and text with poppler, open data parsed back. Needs poppler-utils, and /usr/bin/chromium
 * for the accessibility check of the HTML page (installed by .ci/run); without them these tests
 * fail, they never skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/index.js';
import { renderReport } from '../../src/io/report/index.js';
import { writePublishedText } from '../../src/io/published/write-text.js';
import { syntheticPlan } from '../../bench/synthetic.js';
import { albero, FIXTURE, ROOT } from '../helpers.js';
import { objectiveRow, orphanedObjectives, readWorkbook, tempDir, workbookBytes } from './helpers.js';

const dir = tempDir();
const META = ['--body', 'Camera di Commercio di Esempio', '--period', 'Consuntivo 2024'];

/** The report as an Italian office makes it: the CLI in an Italian locale (the report follows the CLI's language). */
function run(args: string[]): void {
  const result = albero(args, { locale: 'it_IT.UTF-8' });
  expect(result.status, result.stderr).toBe(0);
}

describe('HTML report', () => {
  let html: string;
  beforeAll(() => {
    run(['report', FIXTURE, '--output', join(dir, 'relazione.html'), ...META]);
    html = readFileSync(join(dir, 'relazione.html'), 'utf8');
  });

  it('is one self-contained page', () => {
    expect(html).toMatch(/^<!doctype html>\s*<html lang="it">/);
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
  });

  it('has the title block, the summary with its chart and the legend', () => {
    expect(html).toContain('<p class="body">Camera di Commercio di Esempio</p>');
    expect(html).toContain('<h1>Albero performance 2024</h1>');
    expect(html).toMatch(/<dt>Anno<\/dt><dd>2024<\/dd>.*<dt>Periodo<\/dt><dd>Consuntivo 2024<\/dd>.*<dt>Calcolato il<\/dt>/s);
    // Every report says whether its numbers are final: from a file, that they are not on record.
    expect(html).toContain('<dt>Stato del periodo</dt><dd>calcolato da un file, non registrato in Albero</dd>');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*>\s*<title[^>]*>Performance per area e per obiettivo strategico<\/title>/);
    expect(html).toContain('Obiettivi per fascia (46 obiettivi con indicatori)');
    expect(html).toContain('Performance superiore all&#39;80% del target');
    expect(html).toContain('B.1: 56,00% (rosso)');
  });

  it('is a real, accessible table whose header repeats in print', () => {
    const table = /<table class="relazione">([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect(table).toMatch(/^\s*<caption>/);
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)![1]!;
    expect([...head.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['Obiettivo', 'Indicatore', 'Peso', 'Target', 'Consuntivo', 'Performance KPI', 'Performance Obiettivo']);
    expect(html).toMatch(/@page \{ size: A4 landscape/);
    expect(html).toMatch(/thead \{ display: table-header-group; \}/);
    // Colour is never the only signal: the band is also a word and a shape.
    const a2 = /<tr class="objective[^"]*"><th scope="row" id="o-A\.2">A\.2 - [^<]*<\/th>.*?<\/tr>/.exec(html)![0];
    expect(a2).toMatch(/<td class="perf band-green"><span class="icon" aria-hidden="true">●<\/span> 93,00% <span class="word">verde<\/span><\/td>/);
    const b1 = /<th scope="row" id="o-B\.1">.*?<\/tr>/.exec(html)![0];
    expect(b1).toContain('band-red');
    expect(b1).toContain('56,00%');
    expect(b1).toContain('rosso');
    expect(/<th scope="row" id="o-A\.6">.*?<\/tr>/.exec(html)![0]).toContain('nessuna performance');
  });
});

describe('PDF report', () => {
  const pdf = join(dir, 'relazione.pdf');
  beforeAll(() => {
    for (const binary of ['/usr/bin/pdftoppm', '/usr/bin/pdftotext', '/usr/bin/pdfinfo']) {
      expect(existsSync(binary), `${binary} is missing: apt-get install -y poppler-utils`).toBe(true);
    }
    run(['report', FIXTURE, '--format', 'pdf', '--output', pdf, ...META]);
  }, 120_000);

  it('is A4 landscape and turns into page images', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(info).toMatch(/Tagged:\s+yes/); // structure for screen readers
    expect(info).toMatch(/Page size:\s+84[12]\.\d+ x 59[56]\.\d+ pts \(A4\)/); // landscape: wider than tall
    execFileSync('pdftoppm', ['-r', '40', '-png', pdf, join(dir, 'page')]);
    const images = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f));
    expect(images.length).toBe(pages);
    for (const image of images) expect(readFileSync(join(dir, image)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('reads as the Relazione: title, legend, 93,00% on the row of A.2, header and page number on every page', () => {
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Albero performance 2024');
    expect(text).toContain('Legenda');
    expect(text).toContain("Performance superiore all'80% del target");
    expect(text).toContain("Performance compresa tra il 60% e l'80% del target");
    const a2 = text.split('\n').find((l) => /^\s*A\.2 - Internazionalizzazione/.test(l));
    expect(a2, 'the row of A.2').toBeDefined();
    expect(a2).toMatch(/93,00%\s+verde\s*$/);
    // Targets and actuals with the published table's decimals (6,50, 7,10, 1.587,10), a whole 500 exact.
    expect(text).toMatch(/Customer satisfaction - grado di soddisfazione +100% >= +6,50 +7,10 +● 100,00% verde/);
    expect(text).toMatch(/Favorire l'accrescimento professionale del personale +100% >= +500 +1\.587,10 +● 100,00% verde/);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    const header = /Obiettivo\s+Indicatore\s+Peso\s+Target\s+Consuntivo/;
    const tableStart = pages.findIndex((p) => header.test(p));
    expect(tableStart).toBeGreaterThan(0);
    expect(pages.length - tableStart).toBeGreaterThanOrEqual(3);
    pages.forEach((page, n) => {
      expect(page).toContain(`Pagina ${n + 1} di ${pages.length}`);
      if (n >= tableStart) expect(page, `table header on page ${n + 1}`).toMatch(header);
    });
    // Every continuation page opens with the page header (the title), then the table's header row.
    for (const page of pages.slice(tableStart + 1)) expect(contentLines(page).slice(0, 2).join('\n')).toMatch(/^\s*Albero performance 2024\n\s*Obiettivo\s+Indicatore/);
  });

  it('never leaves an objective at the foot of a page with its indicators on the next', () => {
    expect(orphanedObjectives(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }))).toEqual([]);
  });

  it('draws the band shapes, comparators and quotes in its embedded font, with the closing note', () => {
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const glyph of ['●', '▲', '■', '>=', '—']) expect(text).toContain(glyph);
    expect(text).toMatch(/«non raggiunto»\s+conta 0\./);
    expect(text).toMatch(/non valutabile, escluso dal calcolo/);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s/);
    expect(fonts).toMatch(/DejaVuSans-Bold/);
    expect(fonts).not.toMatch(/Helvetica|Times|Courier/);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Albero performance 2024/);
    expect(info).toMatch(/Creator:\s+Albero/);
    // By the body that publishes it, as a viewer's properties and a checker read it; it said «Albero».
    expect(info).toMatch(/Author:\s+Camera di Commercio di Esempio\n/);
  });
});

/** A page's lines that have text. */
function contentLines(page: string): string[] {
  return page.split('\n').filter((l) => l.trim() !== '');
}

describe('PDF report of a big plan', () => {
  const file = join(dir, 'big.pdf');
  let pages: string[];
  let rows: number;
  beforeAll(async () => {
    const evaluation = evaluatePlan(syntheticPlan(3000, 2, true));
    rows = evaluation.nodeResults.reduce((n, r) => n + 1 + r.indicators.length, 0);
    const progress: number[] = [];
    writeFileSync(file, await renderReport(evaluation, 'pdf', { onProgress: (done) => progress.push(done) }));
    expect(progress.at(-1)).toBe(evaluation.nodeResults.length);
    expect(progress.length).toBeGreaterThan(1);
    pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\f')
      .filter((p) => p.trim() !== '');
  }, 120_000);

  it('has a sane number of A4 landscape pages, untagged for speed', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(count).toBe(pages.length);
    expect(count).toBeGreaterThan(rows / 80);
    expect(count).toBeLessThan(rows / 20);
    expect(info).toMatch(/Tagged:\s+no/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts/);
  });

  it('numbers every page and repeats the header row on every page of the table', () => {
    const header = /^\s*Obiettivo\s+Indicatore\s+Peso\s+Target\s+Consuntivo\s+Performance( KPI)?\s+Performance/;
    const tableStart = pages.findIndex((p) => p.includes('Albero della performance\n') || /^\s*Albero della performance\s*$/m.test(p));
    expect(tableStart).toBeGreaterThan(0);
    pages.forEach((page, n) => expect(page, `page ${n + 1}`).toContain(`Pagina ${n + 1} di ${pages.length}`));
    for (const [n, page] of pages.entries()) {
      if (n <= tableStart) continue;
      const lines = contentLines(page);
      expect(lines[0], `page ${n + 1}: the title first`).toMatch(/^\s*Synthetic 3000\s*$/);
      expect(lines[1], `page ${n + 1}: then the header row`).toMatch(header);
      // (the header's wrapped second line, if any)
      const first = /^\s*(KPI\s+)?Obiettivo\s*$/.test(lines[2]!) ? lines[3] : lines[2];
      // No row split across pages: the first line under the header starts a row (an objective's
      // code, or an indicator's line with its weight), never the second line of a wrapped cell.
      expect(first, `page ${n + 1}: a whole row first`).toMatch(/^\s*[A-C][\d.]* - |\s\d+% [<>]=\s/);
    }
  });
});

describe('open data', () => {
  it('CSV: UTF-8 with BOM, semicolons, one row per objective and indicator', () => {
    const out = albero(['report', FIXTURE, '--format', 'csv']);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.startsWith('\uFEFFtipo;codice_obiettivo;titolo_obiettivo;')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(out.stdout.slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const a2 = parsed.data.find((r) => r['tipo'] === 'obiettivo' && r['codice_obiettivo'] === 'A.2')!;
    expect(a2).toMatchObject({ performance_obiettivo: '93', fascia: 'verde', livello: 'strategico', codice_padre: 'A' });
    const nv = parsed.data.find((r) => r['stato'] === 'N.V.')!;
    expect(nv).toMatchObject({ codice_obiettivo: 'A.4.1', consuntivo: '', conteggiato: 'no', motivo_nv: 'N.V. nella tabella pubblicata' });
    const date = parsed.data.find((r) => r['unita'] === 'data')!;
    expect(date['target']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(parsed.data.find((r) => r['indicatore']?.startsWith('Grado di coinvolgimento delle imprese in attività di assistenza'))!['target']).toBe('0,035');
    const json = JSON.parse(albero(['evaluate', '--json', FIXTURE]).stdout) as { objectives: Array<{ indicators: unknown[] }> };
    expect(parsed.data.length).toBe(json.objectives.length + json.objectives.reduce((t, o) => t + o.indicators.length, 0));
  });

  it('JSON: the evaluate document plus metadata', () => {
    const out = albero(['report', FIXTURE, '--format', 'json', ...META, '--year', '2024']);
    expect(out.status, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.metadata).toMatchObject({
      format: 'albero-evaluation',
      version: 1,
      title: 'Albero performance 2024',
      body: 'Camera di Commercio di Esempio',
      year: 2024,
      period: 'Consuntivo 2024',
      generator: 'Albero',
    });
    expect(Number.isNaN(Date.parse(doc.metadata.computedAt))).toBe(false);
    const evaluated = JSON.parse(albero(['evaluate', '--json', FIXTURE]).stdout);
    // Beside the evaluate document, the OIV's validated figure of each objective: none for a file (docs/open-data.md).
    expect(doc.metadata.validation).toBeNull();
    expect(doc.objectives.map((o: { validated: unknown }) => o.validated)).toEqual(evaluated.objectives.map(() => null));
    const withoutValidated = (objectives: { validated?: unknown }[]): unknown[] => objectives.map(({ validated: _, ...o }) => o);
    expect(withoutValidated(doc.objectives)).toEqual(evaluated.objectives);
    expect(doc.summary).toEqual(evaluated.summary);
    // The amount texts in the report's language, as evaluate writes them in it.
    expect(JSON.stringify(doc.objectives)).toContain('"targetText":"60.00%","actualText":"50.00%"');
    const italian = albero(['report', FIXTURE, '--format', 'json'], { locale: 'it_IT.UTF-8' });
    const inItalian = JSON.parse(albero(['evaluate', '--json', FIXTURE], { locale: 'it_IT.UTF-8' }).stdout);
    expect(withoutValidated(JSON.parse(italian.stdout).objectives)).toEqual(inItalian.objectives);
    expect(JSON.stringify(inItalian.objectives)).toContain('"targetText":"60,00%","actualText":"50,00%"');
  });
});

describe('albero report, used wrongly', () => {
  it('says what is wrong and exits 2', () => {
    const unknown = albero(['report', FIXTURE, '--format', 'docx', '--output', join(dir, 'x.docx')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown format “docx”');
    expect(albero(['report', FIXTURE, '--format', 'pdf']).stderr).toContain('needs --output');
    expect(albero(['report', join(dir, 'missing.txt'), '--format', 'csv']).status).toBe(2);
    const unwritable = albero(['report', FIXTURE, '--output', join(dir, 'no', 'such', 'dir.csv')]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toContain('dir.csv cannot be written: the folder to hold it does not exist');
  });

  it("names the body as the workbook's author, and as who last changed it, not the program's library", async () => {
    const out = join(dir, 'by-body.xlsx');
    run(['report', FIXTURE, '--output', out, ...META]);
    const workbook = await readWorkbook(readFileSync(out));
    // Before: «Albero» and «ExcelJS».
    expect([workbook.creator, workbook.lastModifiedBy]).toEqual(['Camera di Commercio di Esempio', 'Camera di Commercio di Esempio']);
    // Without a body, the program that wrote it.
    run(['report', FIXTURE, '--output', join(dir, 'no-body.xlsx')]);
    expect((await readWorkbook(readFileSync(join(dir, 'no-body.xlsx')))).creator).toBe('Albero');
  });

  it('writes an XLSX that imports back, its published table checked by verify', () => {
    const out = join(dir, 'export.xlsx');
    run(['report', FIXTURE, '--output', out]);
    // The workbook holds the complete plan and its published table: verify reads the table, whose
    // stated values it checks (it read the plan's sheet, checked nothing and said ✔).
    const verified = albero(['verify', out]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(Number(/^✔ (\d+) cells checked, 0 differ\n$/.exec(verified.stdout)?.[1])).toBeGreaterThanOrEqual(145);
  });

  it("verify checks the English workbook's table as it checks the Italian one, and catches a value changed in it", async () => {
    // In English the table's sheet is "Tree", headed Objective, Indicator, Weight…: verify read
    // only the plan's sheet of it, which states nothing, and checked nothing.
    const italian = join(dir, 'verify-it.xlsx');
    const english = join(dir, 'verify-en.xlsx');
    run(['report', FIXTURE, '--output', italian]);
    run(['report', FIXTURE, '--lang', 'en', '--output', english]);
    const checked = (file: string): { status: number; checked: number; differences: Array<{ code: string; sheet: string; address: string }> } => {
      const verified = albero(['verify', '--json', file]);
      expect(verified.stderr).toBe('');
      return { status: verified.status, ...JSON.parse(verified.stdout) };
    };
    const fromItalian = checked(italian);
    expect(fromItalian).toMatchObject({ status: 0, differences: [] });
    expect(fromItalian.checked).toBeGreaterThanOrEqual(145);
    expect(checked(english)).toEqual({ status: 0, checked: fromItalian.checked, differences: [] });
    expect(albero(['verify', english]).stdout).toBe(`✔ ${fromItalian.checked} cells checked, 0 differ\n`);

    // A.2's published performance, 93,00%, changed to 95% in the English table.
    const workbook = await readWorkbook(readFileSync(english));
    const row = objectiveRow(workbook.getWorksheet('Tree')!, 'A.2');
    row.getCell(7).value = 0.95;
    const tampered = join(dir, 'verify-en-tampered.xlsx');
    writeFileSync(tampered, await workbookBytes(workbook));
    const caught = checked(tampered);
    expect(caught).toMatchObject({ status: 1, checked: fromItalian.checked });
    // --json names the cell by the layout's Italian head, whatever the table's language: a value to match on.
    expect(caught.differences).toEqual([expect.objectContaining({ code: 'A.2', sheet: 'Tree', address: `G${row.number}`, cell: 'Performance Obiettivo', stated: 95, computed: 93 })]);
    // The text names it as the table heads it (it said "Performance Obiettivo" of an English table).
    expect(albero(['verify', tampered]).stdout).toContain(`Tree!G${row.number}: A.2 Objective performance: stated 95.00%, computed 93.00%`);
    expect(albero(['verify', tampered], { locale: 'it_IT.UTF-8' }).stdout).toContain(`Tree!G${row.number}: A.2 Objective performance: dichiarato 95,00%, calcolato 93,00%`);
  });

  it("names the English table's columns as it heads them when its cells cannot be read (they said Peso, and listed the Italian heads)", async () => {
    const english = join(dir, 'columns-en.xlsx');
    run(['report', FIXTURE, '--lang', 'en', '--output', english]);
    const workbook = await readWorkbook(readFileSync(english));
    const sheet = workbook.getWorksheet('Tree')!;
    // A.2's first indicator without its weight, and a value beyond the seven columns.
    const indicator = sheet.getRow(objectiveRow(sheet, 'A.2').number + 1);
    indicator.getCell(3).value = null;
    indicator.getCell(9).value = 'stray';
    const broken = join(dir, 'columns-en-broken.xlsx');
    writeFileSync(broken, await workbookBytes(workbook));
    const name = String(indicator.getCell(2).value);
    const inEnglish = albero(['verify', broken]);
    expect(inEnglish.status).toBe(2);
    expect(inEnglish.stderr).toContain(`Tree!C${indicator.number}: error: the indicator “${name}” has no Weight`);
    expect(inEnglish.stderr).toContain(
      `Tree!I${indicator.number}: error: a value (“stray”) beyond the seven columns of the table (Objective, Indicator, Weight, Target, Actual, KPI performance, Objective performance)`,
    );
    const italian = albero(['verify', broken], { locale: 'it_IT.UTF-8' });
    expect(italian.stderr).toContain(`Tree!C${indicator.number}: errore: l'indicatore «${name}» ha vuota la cella Weight`);
    expect(italian.stderr).toContain('oltre le sette colonne della tabella (Objective, Indicator, Weight, Target, Actual, KPI performance, Objective performance)');
    for (const said of [inEnglish, italian]) expect(said.stderr).not.toMatch(/Peso|Consuntivo|Indicatore/);
  });

  it('verify says a workbook without the published table has nothing to check, and does not pass it', async () => {
    // The report's workbook without its table sheet: its plan's sheet states nothing.
    const report = join(dir, 'whole.xlsx');
    run(['report', FIXTURE, '--output', report]);
    const workbook = await readWorkbook(readFileSync(report));
    workbook.removeWorksheet(workbook.getWorksheet('Albero')!.id);
    const planOnly = join(dir, 'plan-only.xlsx');
    writeFileSync(planOnly, await workbookBytes(workbook));
    const checked = albero(['verify', planOnly]);
    expect(checked.status).toBe(2);
    expect(checked.stdout).toBe('');
    expect(checked.stderr).toContain(`nothing checked: no stated value that follows from others was read from ${planOnly}`);
    expect(albero(['verify', planOnly], { locale: 'it_IT.UTF-8' }).stderr).toContain('nessuna cella controllata');
  });
});

describe('progress on a terminal', () => {
  it('shows a bar for a large plan when stderr is a terminal, and none in a pipe', () => {
    expect(existsSync('/usr/bin/script'), '/usr/bin/script (util-linux) gives the command a terminal').toBe(true);
    const plan = join(dir, 'large.txt');
    writeFileSync(plan, writePublishedText(evaluatePlan(syntheticPlan(1500, 3, true))));
    const out = join(dir, 'large.xlsx');
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(`${ROOT}bin/albero.js`)} report ${JSON.stringify(plan)} --output ${JSON.stringify(out)}`;
    const terminal = execFileSync('/usr/bin/script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(terminal).toMatch(/xlsx [█░]+ \d+\/\d+ objectives/);
    const piped = albero(['report', plan, '--output', out]);
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stderr).not.toMatch(/[█░]/);
    expect(piped.stderr).toContain('1500 indicators');
  });
});

describe('HTML report in a browser', () => {
  it('has no accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    expect(existsSync('/usr/bin/chromium'), 'apt-get install -y chromium').toBe(true);
    const { fileAccessibility } = await import('../../e2e/axe.js');
    const file = join(dir, 'axe.html');
    run(['report', FIXTURE, '--output', file, ...META]);
    const found = await fileAccessibility(file);
    expect(found.violations).toEqual([]);
    expect(found.passes).toBeGreaterThan(10);
  }, 60_000);
});

describe('hostile text in a plan', () => {
  it('is escaped in the HTML and never becomes a formula in the CSV', () => {
    const table = [
      'Obiettivo\tIndicatore\tPeso\tTarget\tConsuntivo\tPerformance KPI\tPerformance Obiettivo',
      'A - Area <b>uno</b>\t\t\t\t\t\t',
      '\t<img src=x onerror=alert(1)> imprese\t50% >=\t1\t2\t\t',
      '\t=HYPERLINK("http://example.invalid","clic")\t50% >=\t1\t0\t\t',
    ].join('\n');
    const file = join(dir, 'ostile.txt');
    writeFileSync(file, `${table}\n`);
    const html = albero(['report', file, '--format', 'html']);
    expect(html.status, html.stderr).toBe(0);
    expect(html.stdout).not.toContain('<img');
    expect(html.stdout).toContain('&lt;img src=x onerror=alert(1)&gt; imprese');
    const csv = albero(['report', file, '--format', 'csv']);
    expect(csv.status, csv.stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(csv.stdout.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(rows.map((r) => r['indicatore'])).toContain(`'=HYPERLINK("http://example.invalid","clic")`);
  });
});

describe('PDF report of an adopted plan in English', () => {
  it('keeps every fact of its head on the page, the computing time last', async () => {
    const file = join(dir, 'adopted-en.pdf');
    const evaluation = evaluatePlan(syntheticPlan(5, 2, true));
    const bytes = await renderReport(evaluation, 'pdf', {
      language: 'en',
      body: 'Camera di commercio (demo)',
      adoption: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' },
      period: 'Period to 31/12/2024',
      periodState: 'collecting: provisional values',
      year: 2024,
      // Said in Rome's time, the office's.
      computedAt: new Date('2026-12-05T07:51:00Z'),
    });
    writeFileSync(file, bytes);
    // pdftotext reads only what is inside the page: before, the head's one line ran past the right
    // edge with the act and the period this long, and "Computed on" was cut to "Compu".
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(first).toContain('Adopting act: Delibera di Giunta no. 12 of 30/01/2024');
    expect(first).toContain('Period state: collecting: provisional values');
    expect(first).toContain('Computed on: 05/12/2026 08:51');
  });
});
