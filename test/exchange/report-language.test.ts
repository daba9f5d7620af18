/**
 * The Relazione in the language asked (`?lang=it|en` on the export route): downloaded over HTTP
 * from a server on each database, read back as a reader gets it (the HTML's text, the PDF through
 * poppler's pdftotext, the workbook opened with exceljs). In English no word of the report's own
 * Italian vocabulary is left and decimals have a point; in Italian the document is the one it
 * always was. Both workbooks import back to the same plan.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/index.js';
import { importTableBytes } from '../../src/io/load.js';
import { exportJobFile, startTestServer, type Backend, type TestServer } from '../api/harness.js';
import { readWorkbook, tempDir } from './helpers.js';

const dir = tempDir('albero-report-language-');

/**
 * The report's own Italian words, as whole words (case-sensitive): column heads, band and state
 * words, the title block, headings, notes, the legend's published labels, the period's state. The
 * fixture's own texts (titles, indicator names) contain none of them.
 */
const ITALIAN = [
  'Obiettivo',
  'Indicatore',
  'Peso',
  'Consuntivo',
  'Performance KPI',
  'Performance Obiettivo',
  'verde',
  'giallo',
  'rosso',
  'non misurato',
  'non raggiunto',
  'N.V.',
  'Anno',
  'Periodo',
  'Stato del periodo',
  'Calcolato il',
  'Sintesi',
  'Legenda',
  'Pagina',
  'nessuna performance',
  'senza performance',
  'Fascia',
  'Obiettivi',
  'valori provvisori',
  'aperto',
  'Albero della performance',
  'superiore',
  'compresa',
  'del target',
  'obiettivi e indicatori',
  'continua',
];

/** Italian words of the list found in `text`. */
function italianIn(text: string): string[] {
  return ITALIAN.filter((w) => new RegExp(`(^|[^\\p{L}])${w.replace(/\./g, '\\.')}($|[^\\p{L}])`, 'u').test(text));
}

/** What a reader of the page sees: the HTML without its tags, style sheet and entities. */
function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function pdfText(bytes: Uint8Array, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe.each<Backend>(['sqlite', 'postgres'])('the Relazione in the language asked, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let cookie: string;
  const get = async (query: string): Promise<Uint8Array> => {
    const res = await fetch(`${t.url}/api/plans/${planId}/export?${query}`, { headers: { cookie } });
    expect(res.status, query).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };
  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture();
    cookie = (await t.as('oiv')).cookie!;
  });
  afterAll(async () => t?.close());

  it('HTML: English words, figures and dates; the Italian page keeps its words', async () => {
    const en = htmlText(new TextDecoder().decode(await get('format=html&lang=en')));
    expect(italianIn(en)).toEqual([]);
    expect(en).not.toMatch(/\d,\d\d%/);
    for (const w of ['Objective Indicator Weight Target Actual KPI performance Objective performance', 'Year', 'Period to 31/12/2024', 'Period state', 'Computed on', 'Summary', 'Legend']) {
      expect(en).toContain(w);
    }
    expect(en).toMatch(/A\.2 - Internazionalizzazione e preparazione ai mercati .*?93\.00% green/);
    expect(en).toContain('Performance above 80% of the target');
    expect(en).toContain('Performance from 60% to 80% of the target');
    expect(en).toContain('Performance below 60% of the target');
    // The fixture's states: one not evaluable, three not achieved, one not measured.
    expect([...en.matchAll(/ (N\.E\.|not achieved|not measured) /g)].map((m) => m[1]).sort()).toEqual(['N.E.', 'not achieved', 'not achieved', 'not achieved', 'not measured']);

    const it = htmlText(new TextDecoder().decode(await get('format=html')));
    expect(italianIn(it)).toEqual(expect.arrayContaining(['Obiettivo', 'Consuntivo', 'verde', 'Anno', 'Periodo', 'Sintesi', 'Legenda']));
    expect(it).toContain('Periodo al 31/12/2024');
    expect(it).toMatch(/A\.2 - Internazionalizzazione e preparazione ai mercati .*?93,00% verde/);
    expect(it).toContain("Performance superiore all'80% del target");
    expect(it).not.toMatch(/\d\.\d\d%/);
    expect([...it.matchAll(/ (N\.V\.|non raggiunto|non misurato) /g)].map((m) => m[1]).sort()).toEqual(['N.V.', 'non misurato', 'non raggiunto', 'non raggiunto', 'non raggiunto']);
  });

  it('PDF: English words and figures as pdftotext reads them, Italian by default', async () => {
    const en = pdfText(await get('format=pdf&lang=en'), `en-${backend}.pdf`);
    expect(italianIn(en)).toEqual([]);
    expect(en).not.toMatch(/\d,\d\d%/);
    expect(en).toMatch(/A\.2 - Internazionalizzazione e .*?● 93\.00% green/);
    expect(en).toMatch(/Year: 2024\s+Period: Period to 31\/12\/2024\s+Period state: /);
    expect(en).toContain('Page 1 of');
    expect(en).toContain('N.E.: indicator not evaluable');

    const it = pdfText(await get('format=pdf'), `it-${backend}.pdf`);
    expect(it).toMatch(/Anno: 2024\s+Periodo: Periodo al 31\/12\/2024\s+Stato del periodo: /);
    expect(it).toMatch(/A\.2 - Internazionalizzazione e .*?● 93,00% verde/);
    expect(it).toContain('Pagina 1 di');
    expect(it).toContain('N.V.: indicatore non valutabile');
  });

  it('XLSX: sheets, heads and words in English, the «Plan» sheet in the importer’s words; both languages import back', async () => {
    const sheetsOf = async (bytes: Uint8Array) => (await readWorkbook(bytes)).worksheets;
    const text = (cells: unknown[]): string => cells.map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))).join(' | ');
    const en = await get('format=xlsx&lang=en');
    const enSheets = await sheetsOf(en);
    expect(enSheets.map((s) => s.name)).toEqual(['Tree', 'Plan', 'Legend', 'Revisions', 'Explanation']);
    const tree = enSheets[0]!;
    const row = (n: number): unknown[] => (tree.getRow(n).values as unknown[]).slice(1);
    expect(row(3)).toEqual(['Objective', 'Indicator', 'Weight', 'Target', 'Actual', 'KPI performance', 'Objective performance']);
    // Every human sheet, cell by cell, minus the plan's own texts (objective titles and indicator
    // names) and the explanation's "left out because" (core's explanation words with the stored N.V. reason).
    const human = enSheets
      .filter((s) => s.name !== 'Plan')
      .flatMap((s) => {
        const lines: string[] = [];
        s.eachRow((r) => lines.push(text((r.values as unknown[]).slice(1, s.name === 'Explanation' ? 7 : undefined))));
        return lines;
      })
      .map((l) => l.replace(/\b[A-C](\.\d+)* - [^|]*/g, '').replace(/^ \| [^|]*/, ''));
    expect(italianIn(human.join('\n'))).toEqual([]);
    const actuals = (tree.getColumn(5).values as unknown[]).filter((v) => typeof v === 'string');
    expect(actuals).toEqual(expect.arrayContaining(['Actual', 'N.E.']));
    expect(text((enSheets[2]!.getRow(2).values as unknown[]).slice(1))).toBe('green | Performance above 80% of the target | 36');
    expect(text((enSheets[3]!.getRow(2).values as unknown[]).slice(1))).toBe('No. | Kind | Date | Reason | Approving act | State | Change');
    expect(text((enSheets[4]!.getRow(1).values as unknown[]).slice(1))).toBe('Objective | Item | Weight | Share | Score | Points | Not counted because');
    // The Plan sheet is the import template's, in Italian whatever the language: the importer reads it.
    expect((enSheets[1]!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Codice', 'Padre', 'Titolo']);

    const itBytes = await get('format=xlsx');
    const itSheets = await sheetsOf(itBytes);
    expect(itSheets.map((s) => s.name)).toEqual(['Albero', 'Piano', 'Legenda', 'Variazioni', 'Spiegazione']);
    expect((itSheets[0]!.getRow(3).values as unknown[]).slice(1)).toEqual(['Obiettivo', 'Indicatore', 'Peso', 'Target', 'Consuntivo', 'Performance KPI', 'Performance Obiettivo']);
    expect(text((itSheets[2]!.getRow(2).values as unknown[]).slice(1))).toBe("verde | Performance superiore all'80% del target | 36");

    // Round trip: each workbook imports back, from its plan sheet, to the same figures. (The
    // English «Tree» sheet is not in the published layout's heads, so only the Italian workbook
    // notes that it also has a layout sheet it passed over.)
    const figures: Record<string, string[]> = {};
    for (const [lang, bytes] of [
      ['en', en],
      ['it', itBytes],
    ] as const) {
      const back = await importTableBytes(bytes, `export-${lang}.xlsx`);
      expect(
        back.issues.filter((i) => i.severity === 'error'),
        lang,
      ).toEqual([]);
      const evaluation = evaluatePlan(back.value!.plan);
      expect(evaluation.node('A')!.performance!.toFixed(2), lang).toBe('90.38');
      expect(evaluation.node('A.2')!.performance!.toString(), lang).toBe('93');
      expect(evaluation.node('B.1')!.band, lang).toBe('red');
      figures[lang] = evaluation.nodeResults.map(
        (r) =>
          `${r.objective.code} ${r.objective.title} ${r.performance?.toString() ?? '-'} ${r.indicators.map((i) => `${i.indicator.name}=${i.state}:${i.performance?.toString() ?? '-'}`).join(',')}`,
      );
    }
    expect(figures.en).toEqual(figures.it);
    expect(figures.en).toHaveLength(49);
  });

  it('XLSX as an export job: the job’s lang is the workbook’s', async () => {
    const client = await t.as('controller');
    const sheets = (await readWorkbook(await exportJobFile(t, client, planId, { format: 'xlsx', lang: 'en' }))).worksheets;
    expect(sheets.map((s) => s.name)).toEqual(['Tree', 'Plan', 'Legend', 'Revisions', 'Explanation']);
  });
});
