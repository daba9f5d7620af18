/**
 * The plan report's column of last year when last year's plan was found by body and year, not made
 * into this one by next-year: the Relazione's comparison (section 3.6) reads it (store `lastYearOf`),
 * and the report reads the same plan and figures, its areas and strategic objectives matched by code,
 * with the same sentences under the table. Through HTTP on SQLite and PostgreSQL, in every format
 * that has the column (HTML, PDF read by poppler, XLSX read by exceljs, the export job's workbook
 * drawn on a worker thread), in Italian and English.
 *
 * 2024: the fixture, adopted, closed, its Relazione validated with A.3 at 80 (100 reported); the body
 * also has a 2024 draft. 2025: the fixture's table with its dates moved to 2025 and A.8 renumbered
 * A.10, imported on its own for the same body, its year end closed. Before, the report of 2025 had
 * no column of 2024 at all.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE } from '../helpers.js';
import { htmlLastYear, pdfLastYear, xlsxLastYear, type ReportLastYear } from '../support/report-last-year.js';
import { adoptAndReview, exportJobFile, startWithFixture, step, type Backend, type Client, type TestServer } from './harness.js';

const VALIDATED_AT = '2025-05-15T09:00:00.000Z';

async function importTable(controller: Client, text: string, fields: Record<string, string>): Promise<string> {
  const form = new FormData();
  form.set('file', new Blob([text]), 'albero.txt');
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const reply = await controller.request('POST', '/api/plans/import', form);
  expect(reply.status, reply.text).toBe(201);
  return reply.body.plan.id as string;
}

describe.each<Backend>(['sqlite', 'postgres'])("the plan report's column of the body's previous year not linked by next-year, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let title2024: string;
  beforeAll(async () => {
    let before: string;
    ({ t, planId: before, controller } = await startWithFixture(backend, { publish: true }));
    const oiv = await t.as('oiv');
    const adopted = await adoptAndReview(before, controller, oiv, [{ code: 'A.3', validated: 80, note: 'Le aggregazioni documentate sono meno di quelle dichiarate.' }]);
    title2024 = adopted.title;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(VALIDATED_AT));
    const validated = await oiv.request('POST', `/api/plans/${before}/relazione/transition`, { to: 'validated' });
    vi.useRealTimers();
    step('2024 validated', validated);
    const table = readFileSync(FIXTURE, 'utf8');
    // Another 2024 plan of the body, a draft: a candidate, not the one chosen.
    await importTable(controller, table, { organisation: adopted.organisation, year: '2024', title: 'Bozza alternativa 2024' });
    const next = table.replaceAll('2024', '2025').replace('A.8 - Imprenditoria femminile', 'A.10 - Imprenditoria femminile');
    planId = await importTable(controller, next, { organisation: adopted.organisation, year: '2025', title: 'Albero della performance 2025' });
    for (const to of ['collecting', 'closed']) step(`2025 ${to}`, await controller.request('POST', `/api/plans/${planId}/periods/2025-12-31/transition`, { to, acknowledgeUnreviewed: true }));
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t?.close();
  });

  const download = async (path: string): Promise<Uint8Array> => {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie: controller.cookie! } });
    expect(res.status, path).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  it("prints the body's validated 2024 matched by code, with the Relazione's sentences on which plan and what was not matched", async () => {
    const relazione = (await controller.get(`/api/plans/${planId}/relazione`)).body.previousYear;
    expect(relazione.plan).toMatchObject({ title: title2024, found: 'body', candidates: 2 });
    // The Relazione's sentences, as section 3.6 prints them under its table.
    const notes = { it: `${relazione.text.it} ${relazione.structure.text.it}`, en: `${relazione.text.en} ${relazione.structure.text.en}` };
    expect(notes.it).toContain("Dati dell'anno precedente: valori validati dall'OIV (la Relazione 2024 validata il 15/05/2025).");
    expect(notes.it).toContain(`Il piano dell'anno precedente è «${title2024}», dello stesso ente e del 2024`);
    expect(notes.it).toContain('scelto tra i 2 piani del 2024');
    expect(notes.it).toContain("di quest'anno, senza un obiettivo con lo stesso codice nel 2024, A.10 Imprenditoria femminile");
    expect(notes.en).toContain(`The previous year's plan is “${title2024}”`);

    const found: Record<string, ReportLastYear> = {};
    for (const lang of ['it', 'en'] as const) {
      const path = `/api/plans/${planId}/export?lang=${lang}&format=`;
      const codes = { 'A.3': 'A.3 - ', A: 'A - Competitività', 'A.10': 'A.10 - ', 'A.1.1': 'A.1.1 - ' };
      found[`html ${lang}`] = htmlLastYear((await controller.get(`${path}html`)).text, Object.keys(codes));
      found[`pdf ${lang}`] = pdfLastYear(await download(`${path}pdf`), { 'A.3': /^\s*A\.3 - Sostegno/, A: /^\s*A - Competitività/ }, [notes[lang]]);
      found[`xlsx ${lang}`] = await xlsxLastYear(await download(`${path}xlsx`), codes);
      // The export job's workbook is drawn on a worker thread: the plan and the unmatched cross to it.
      found[`xlsx job ${lang}`] = await xlsxLastYear(await exportJobFile(t, controller, planId, { format: 'xlsx', lang }), codes);
    }
    for (const [name, lastYear] of Object.entries(found)) {
      const lang = name.endsWith(' en') ? 'en' : 'it';
      expect(lastYear.note, name).toBe(notes[lang]);
      // A.3 as the OIV validated it in 2024, and its area, as the Relazione compares them.
      expect(lastYear.figures['A.3'], name).toMatch(/^80[.,]00%$/);
      expect(lastYear.figures['A'], name).toMatch(/^\d+[.,]\d\d%$/);
      // Not paired by guess: A.10 had no A.10 in 2024; an operational objective is below the compared level.
      if (!name.startsWith('pdf')) expect([lastYear.figures['A.10'], lastYear.figures['A.1.1']], name).toEqual(['', '']);
    }
  }, 400_000); // eight exports, two workbooks drawn by jobs, on a machine others share
});
