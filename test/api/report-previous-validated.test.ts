/**
 * The plan report's column of last year ("Performance 2024" in the report of 2025) reads what the
 * Relazione's comparison reads (section 3.6): last year's reported figures, said as not validated,
 * until the OIV validates last year's Relazione; then what it validated, which a correction of last
 * year's plan after the validation does not move. Through HTTP on SQLite and PostgreSQL, in every
 * format that has the column (HTML, PDF read by poppler, XLSX read by exceljs, the export job's
 * workbook drawn on a worker thread) and both languages, for the office and the public.
 *
 * 2024: the fixture, adopted, its year end closed, its Relazione transmitted with A.3 validated at
 * 80 where 100 was reported. 2025: made from it, its year end closed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { flat } from '../support/page-words.js';
import { htmlLastYear as htmlReportLastYear, pdfLastYear as pdfReportLastYear, xlsxLastYear as xlsxReportLastYear, type ReportLastYear } from '../support/report-last-year.js';
import { closedYearAndNext, correctA3, exportJobFile, objective, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END_2024 = '2024-12-31';
const VALIDATED_AT = '2025-05-15T09:00:00.000Z';
const NOTES = {
  reported: {
    it: "Dati dell'anno precedente non validati dall'OIV (la Relazione 2024 non è ancora stata validata): sono i valori rendicontati, che una correzione del piano dell'anno precedente può ancora cambiare.",
    en: "Previous year's figures not validated by the OIV (the 2024 Relazione is not validated yet): they are the reported values, which a correction of the previous year's plan may still change.",
  },
  validated: {
    it: "Dati dell'anno precedente: valori validati dall'OIV (la Relazione 2024 validata il 15/05/2025).",
    en: "Previous year's figures: the values validated by the OIV (the 2024 Relazione validated on 15/05/2025).",
  },
} as const;
const ALL_NOTES: readonly string[] = [NOTES.reported.it, NOTES.reported.en, NOTES.validated.it, NOTES.validated.en];

/** What a report says of last year: A.3's and area A's figure in the column, and the note under the table. */
interface LastYear {
  readonly a3: string;
  readonly areaA: string;
  readonly note: string;
}
const lastYear = ({ figures, note }: ReportLastYear): LastYear => ({ a3: figures['A.3'] ?? '', areaA: figures['A'] ?? '', note });
const htmlLastYear = (html: string): LastYear => lastYear(htmlReportLastYear(html, ['A.3', 'A']));
const pdfLastYear = (bytes: Uint8Array): LastYear => lastYear(pdfReportLastYear(bytes, { 'A.3': /^\s*A\.3 - Sostegno/, A: /^\s*A - Competitività/ }, ALL_NOTES));
const xlsxLastYear = async (bytes: Uint8Array): Promise<LastYear> => lastYear(await xlsxReportLastYear(bytes, { 'A.3': 'A.3 - ', A: 'A - Competitività' }));

describe.each<Backend>(['sqlite', 'postgres'])("the plan report's column of last year, as the OIV validated it, on %s", (backend) => {
  let t: TestServer;
  let before: string;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let admin: Client;
  let citizen: Client;
  beforeAll(async () => {
    const review = [{ code: 'A.3', validated: 80, note: 'Le aggregazioni documentate sono meno di quelle dichiarate.' }];
    ({ t, before, planId, controller, oiv, admin, citizen } = await closedYearAndNext(backend, { publish: true, review }));
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t?.close();
  });

  const download = async (client: Client, path: string): Promise<Uint8Array> => {
    const res = await fetch(`${t.url}${path}`, { headers: client.cookie === undefined || client.cookie === null ? {} : { cookie: client.cookie } });
    expect(res.status, path).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  /** Last year as every format says it, in Italian and English, to the office and (HTML) to the public. */
  async function reports(): Promise<Record<string, LastYear>> {
    const found: Record<string, LastYear> = {};
    for (const lang of ['it', 'en'] as const) {
      const path = `/api/plans/${planId}/export?lang=${lang}&format=`;
      found[`html ${lang}`] = htmlLastYear((await controller.get(`${path}html`)).text);
      found[`public html ${lang}`] = htmlLastYear(new TextDecoder().decode(await download(citizen, `${path}html`)));
      found[`pdf ${lang}`] = pdfLastYear(await download(controller, `${path}pdf`));
      found[`xlsx ${lang}`] = await xlsxLastYear(await download(controller, `${path}xlsx`));
      // The export job's workbook is drawn on a worker thread: the column and its source cross to it.
      found[`xlsx job ${lang}`] = await xlsxLastYear(await exportJobFile(t, controller, planId, { format: 'xlsx', lang }));
    }
    return found;
  }

  it('prints the reported figures said as not validated until the OIV validates, then what it validated, which a later correction does not move', async () => {
    const reported = await reports();
    for (const [name, lastYear] of Object.entries(reported)) {
      const lang = name.endsWith(' en') ? 'en' : 'it';
      expect(lastYear, name).toEqual({ a3: lang === 'en' ? expect.stringMatching(/^100[.,]00%$/) : '100,00%', areaA: expect.any(String), note: NOTES.reported[lang] });
    }

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(VALIDATED_AT));
    const validated = await oiv.request('POST', `/api/plans/${before}/relazione/transition`, { to: 'validated' });
    vi.useRealTimers();
    expect(validated.status, validated.text).toBe(200);

    const first = await reports();
    for (const [name, lastYear] of Object.entries(first)) {
      const lang = name.endsWith(' en') ? 'en' : 'it';
      // A.3 as the OIV validated it; the area above it follows, as in the Relazione's comparison.
      expect(lastYear.a3, name).toMatch(/^80[.,]00%$/);
      expect(lastYear.areaA, name).not.toBe(reported[name]!.areaA);
      expect(lastYear.note, name).toBe(NOTES.validated[lang]);
    }
    // The Relazione of 2025 compares with the same figure of A.3.
    const relazione = flat((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text);
    expect(relazione).toMatch(/A\.3 Sostegno alle aggregazioni[^%]*80,00%/);

    // After the validation 2024 is corrected: its year end reopened, A.3's value cut to 1 against 10, closed again.
    await correctA3(before, admin, controller, 1, 'correzione dopo la validazione');
    expect(objective((await controller.get(`/api/plans/${before}/tree?period=${YEAR_END_2024}`)).body, 'A.3').performance).toBeLessThan(50);
    expect(await reports()).toEqual(first);
  }, 400_000); // ten exports per reading, two workbooks drawn by jobs, on a machine others share
});
