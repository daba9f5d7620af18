/**
 * What the public reads once the OIV's validation is published (validated, also with reservations):
 * the plan's page (/trasparenza piano.html, the public export's HTML in Italian and English) and the
 * open data (dati.csv, dati.json, the public export's CSV and JSON), the public export's workbook and
 * PDF (read with pdftotext) state the validated figure beside
 * the reported one, the areas and the body's figure following it; before the publication, with a
 * value the same as the reported one, or with a Relazione not validated, nothing changes.
 * The fixture: B.1 = 70%·80 + 30%·0 = 56% (red); B = 80,25% (green). With B.1 validated at 50%,
 * B follows at 78,75% (yellow).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flat } from '../support/page-words.js';
import { libreOfficeCsv } from '../support/libreoffice.js';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const NOTE = 'Il trend dei partecipanti al PID non è documentato.';

/** The objective row of `code` in the plan page's table, as words. */
function planRow(html: string, code: string): string {
  const table = html.slice(html.indexOf('<table class="relazione"'));
  const row = table.split('</tr>').find((r) => r.includes(`id="o-${code}"`));
  expect(row, code).toBeDefined();
  return flat(row!).replace(/\s+/g, ' ').trim();
}

/** The by-area summary's row of `code`, as words. */
function summaryRow(html: string, code: string): string {
  const at = html.indexOf('<table class="by-area">');
  const table = html.slice(at, html.indexOf('</table>', at));
  const row = table.split('</tr>').find((r) => r.includes(`>${code} `));
  expect(row, code).toBeDefined();
  return flat(row!).replace(/\s+/g, ' ').trim();
}

/** dati.csv as objects, the objective rows by code. */
function csvObjectives(csv: string): Map<string, Record<string, string>> {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true });
  return new Map(parsed.data.filter((r) => r.tipo === 'obiettivo').map((r) => [r.codice_obiettivo!, r]));
}

async function setUp(backend: Backend, review: { values: unknown[]; decision: 'validated' | 'validated_with_reservations' | 'not_validated' }) {
  const { t, planId, controller } = await startWithFixture(backend, { publish: true });
  const oiv = await t.as('oiv');
  const citizen = await t.as('public');
  for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
  expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
  const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
  const checklist = current.checklist.map((p: any) => ({ ...p, outcome: 'yes' }));
  const saved = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, {
    note: 'Esito della verifica.',
    reservations: review.decision === 'validated_with_reservations' ? 'Dati del PID da documentare.' : '',
    checklist,
    values: review.values,
    version: current.version,
  });
  expect(saved.status, saved.text).toBe(200);
  const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: review.decision });
  expect(decided.status, decided.text).toBe(200);
  const publish = async (): Promise<void> => {
    const published = await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true });
    expect(published.status, published.text).toBe(200);
  };
  return { t, planId, controller, citizen, publish };
}

/** Every public page and file of the plan's figures, as text. */
async function publicFigures(citizen: Client, planId: string) {
  const get = async (path: string): Promise<string> => {
    const res = await citizen.get(path);
    expect(res.status, path).toBe(200);
    return res.text;
  };
  return {
    piano: await get(`/trasparenza/${planId}/piano.html`),
    exportIt: await get(`/api/plans/${planId}/export?format=html&lang=it`),
    exportEn: await get(`/api/plans/${planId}/export?format=html&lang=en`),
    csv: await get(`/trasparenza/${planId}/dati.csv`),
    exportCsv: await get(`/api/plans/${planId}/export?format=csv`),
    json: JSON.parse(await get(`/trasparenza/${planId}/dati.json`)),
    exportJson: JSON.parse(await get(`/api/plans/${planId}/export?format=json`)),
    colonne: await get(`/trasparenza/${planId}/colonne.html`),
  };
}

/** The public export's workbook of `lang`, its printable table as LibreOffice shows it in Italian: its lines, and the objective's of `code`. */
async function workbookLines(url: string, planId: string, lang: 'it' | 'en'): Promise<{ lines: string[]; of: (code: string) => string }> {
  const res = await fetch(`${url}/api/plans/${planId}/export?format=xlsx&lang=${lang}`);
  expect(res.status).toBe(200);
  const dir = mkdtempSync(join(tmpdir(), 'albero-validated-xlsx-'));
  try {
    const lines = libreOfficeCsv(new Uint8Array(await res.arrayBuffer()), dir, `piano-${lang}`, { shown: true, locale: 'it_IT.UTF-8' });
    return { lines, of: (code) => lines.find((l) => l.startsWith(`"${code} - `)) ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The public export's PDF of `lang` as pdftotext reads it in drawing order (-raw), spaces collapsed. */
async function pdfWords(url: string, planId: string, lang: 'it' | 'en'): Promise<string> {
  const res = await fetch(`${url}/api/plans/${planId}/export?format=pdf&lang=${lang}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'albero-validated-pdf-'));
  try {
    writeFileSync(join(dir, 'piano.pdf'), new Uint8Array(await res.arrayBuffer()));
    return execFileSync('pdftotext', ['-raw', join(dir, 'piano.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Nothing of a validation on the public figures: the reported ones alone. */
function expectReportedOnly(f: Awaited<ReturnType<typeof publicFigures>>): void {
  for (const html of [f.piano, f.exportIt, f.exportEn]) {
    expect(html).not.toContain('id="h-validation"');
    expect(planRow(html, 'B.1')).not.toMatch(/rendicontato|reported/);
    expect(planRow(html, 'B')).not.toMatch(/rendicontato|reported/);
  }
  expect(planRow(f.piano, 'B.1')).toContain('56,00% rosso');
  expect(planRow(f.piano, 'B')).toContain('80,25% verde');
  for (const csv of [f.csv, f.exportCsv]) {
    const rows = csvObjectives(csv);
    expect(rows.get('B.1')!.performance_validata_oiv).toBe('');
    expect(rows.get('B')!.fascia_validata_oiv).toBe('');
    expect(rows.get('B')!.nota_oiv).toBe('');
  }
  for (const json of [f.json, f.exportJson]) {
    expect(json.metadata.validation).toBeNull();
    expect(json.objectives.every((o: any) => o.validated === null)).toBe(true);
  }
}

describe.each<Backend>(['sqlite', 'postgres'])('the public plan after the OIV validated B.1 at 50%, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let citizen: Client;
  let publish: () => Promise<void>;
  beforeAll(async () => {
    ({ t, planId, citizen, publish } = await setUp(backend, { values: [{ code: 'B.1', validated: 50, note: NOTE }], decision: 'validated_with_reservations' }));
  });
  afterAll(async () => t?.close());

  it('shows the reported figures alone while the validation is not published', async () => {
    expectReportedOnly(await publicFigures(citizen, planId));
    // The public PDF: the reported figures alone.
    for (const lang of ['it', 'en'] as const) {
      const pdf = await pdfWords(t.url, planId, lang);
      expect(pdf).not.toMatch(/Validazione dell'OIV|The OIV's validation|rendicontat|reported|Nota dell'OIV|The OIV's note/);
      expect(pdf).toContain(lang === 'it' ? 'B.1 - Transizione digitale e innovazione ■ 56,00% rosso Media' : 'B.1 - Transizione digitale e innovazione ■ 56.00% red Media');
    }
    const book = await workbookLines(t.url, planId, 'it');
    expect(book.lines[2]).not.toContain('validata');
    expect(book.of('B.1')).toMatch(/,"56,00%"$/);
  }, 180_000);

  it('states both once published: the validated figure, its band and the OIV note; the area and the body follow', async () => {
    await publish();
    const f = await publicFigures(citizen, planId);
    for (const html of [f.piano, f.exportIt]) {
      const b1 = planRow(html, 'B.1');
      expect(b1).toContain(`Nota dell'OIV: ${NOTE}`);
      expect(b1).toContain("50,00% rosso validato dall'OIV 56,00% rendicontato");
      expect(planRow(html, 'B')).toContain("segue i valori validati dall'OIV dei suoi obiettivi");
      expect(planRow(html, 'B')).toContain("78,75% giallo validato dall'OIV 80,25% rendicontato");
      // The colour follows the validated figure.
      expect(html).toMatch(/<td class="perf validated band-yellow">[^<]*<span class="icon"[^>]*>[^<]*<\/span> 78,75%/);
      expect(summaryRow(html, 'B')).toContain("78,75% giallo validato dall'OIV 80,25% rendicontato");
      // Areas the validation leaves alone, as before.
      expect(planRow(html, 'A')).not.toContain('rendicontato');
      const words = flat(html);
      expect(words).toMatch(/L'OIV ha validato la Relazione sulla performance con riserve il \d\d\/\d\d\/\d{4}\./);
      expect(words).toContain("colori e fasce seguono il valore validato dall'OIV");
      expect(words).toMatch(/Performance complessiva dell'ente: \d+,\d\d% rendicontata, \d+,\d\d% validata dall'OIV/);
    }
    const en = f.exportEn;
    expect(planRow(en, 'B.1')).toContain(`The OIV's note: ${NOTE}`);
    expect(planRow(en, 'B.1')).toContain('50.00% red validated by the OIV 56.00% reported');
    expect(planRow(en, 'B')).toContain('78.75% yellow validated by the OIV 80.25% reported');
    expect(planRow(en, 'B')).toContain('follows the values the OIV validated for its objectives');
    expect(flat(en)).toMatch(/The OIV validated the performance report \(Relazione\) with reservations on \d\d\/\d\d\/\d{4}\./);
    expect(flat(en)).toMatch(/The body's overall performance: \d+\.\d\d% reported, \d+\.\d\d% validated by the OIV/);

    for (const csv of [f.csv, f.exportCsv]) {
      const rows = csvObjectives(csv);
      expect(rows.get('B.1')).toMatchObject({ performance_obiettivo: '56', fascia: 'rosso', performance_validata_oiv: '50', fascia_validata_oiv: 'rosso', nota_oiv: NOTE });
      expect(rows.get('B')).toMatchObject({ performance_obiettivo: '80,25', fascia: 'verde', performance_validata_oiv: '78,75', fascia_validata_oiv: 'giallo' });
      expect(rows.get('B')!.nota_oiv).toContain('segue i valori validati');
      expect(rows.get('A')).toMatchObject({ performance_validata_oiv: '', fascia_validata_oiv: '', nota_oiv: '' });
    }
    for (const json of [f.json, f.exportJson]) {
      const of = (code: string) => json.objectives.find((o: any) => o.code === code);
      expect(of('B.1').performance).toBe(56);
      expect(of('B.1').validated).toEqual({ performance: 50, band: 'red', byOiv: true, note: NOTE });
      expect(of('B').validated).toEqual({ performance: 78.75, band: 'yellow', byOiv: false, note: null });
      expect(of('A').validated).toBeNull();
      expect(json.metadata.validation.withReservations).toBe(true);
      expect(json.metadata.validation.body.validated).toBeLessThan(json.metadata.validation.body.reported);
    }
    expect(f.colonne).toContain('performance_<wbr>validata_<wbr>oiv');

    // The public workbook: the validated performance and the OIV's note after the seven columns, what the validation says under the legend.
    const bookIt = await workbookLines(t.url, planId, 'it');
    expect(bookIt.lines[2]).toContain(`"Performance validata dall'OIV","Nota dell'OIV"`);
    expect(bookIt.of('B.1')).toMatch(/,"56,00%","50,00%","Il trend dei partecipanti al PID non è documentato\."$/);
    expect(bookIt.of('B')).toMatch(/,"80,25%","78,75%","segue i valori validati dall'OIV dei suoi obiettivi"$/);
    expect(bookIt.of('A')).toMatch(/^"A - [^"]+",,,,,,"\d+,\d\d%"(,,)?$/);
    expect(bookIt.lines.some((l) => l.includes("L'OIV ha validato la Relazione sulla performance con riserve"))).toBe(true);
    const bookEn = await workbookLines(t.url, planId, 'en');
    expect(bookEn.lines[2]).toContain('"Performance validated by the OIV","The OIV’s note"');
    expect(bookEn.of('B')).toContain('"follows the values the OIV validated for its objectives"');

    // The public PDF, as the HTML page: the section, each changed objective's validated figure over the reported one, the note.
    const pdfIt = await pdfWords(t.url, planId, 'it');
    expect(pdfIt).toMatch(/Validazione dell'OIV L'OIV ha validato la Relazione sulla performance con riserve il \d\d\/\d\d\/\d{4}\./);
    expect(pdfIt).toMatch(/Performance complessiva dell'ente: \d+,\d\d% rendicontata, \d+,\d\d% validata dall'OIV \(verde\)/);
    expect(pdfIt).toContain(`B.1 - Transizione digitale e innovazione Nota dell'OIV: ${NOTE} ■ 50,00% rosso validato dall'OIV 56,00% rendicontato Media`);
    expect(pdfIt).toContain(
      "B - Transizione digitale e green, semplificazione, innovazione e comunicazione segue i valori validati dall'OIV dei suoi obiettivi ▲ 78,75% giallo validato dall'OIV 80,25% rendicontato B.1",
    );
    // The summary's table by area, and its chart, follow the validated figure.
    expect(pdfIt).toContain("comunicazione ▲ 78,75% giallo validato dall'OIV 80,25% rendicontato B.1 Transizione digitale e innovazione ■ 50,00% rosso validato dall'OIV 56,00% rendicontato B.2");
    expect(pdfIt).toMatch(/B Transizione digitale e green, semplificaz… ▲ 78,75% B.1 Transizione digitale e innovazione ■ 50,00% B.2/);
    expect(pdfIt).toMatch(/A - Competitività e sviluppo delle imprese e del territorio ● 90,38% verde A.1/);
    const pdfEn = await pdfWords(t.url, planId, 'en');
    expect(pdfEn).toMatch(/The OIV's validation The OIV validated the performance report \(Relazione\) with reservations on \d\d\/\d\d\/\d{4}\./);
    expect(pdfEn).toMatch(/The body's overall performance: \d+\.\d\d% reported, \d+\.\d\d% validated by the OIV \(green\)/);
    expect(pdfEn).toContain(`B.1 - Transizione digitale e innovazione The OIV's note: ${NOTE} ■ 50.00% red validated by the OIV 56.00% reported Media`);
    expect(pdfEn).toContain('comunicazione follows the values the OIV validated for its objectives ▲ 78.75% yellow validated by the OIV 80.25% reported B.1');
  }, 240_000);
});

describe('the public plan when nothing the OIV validated differs, on sqlite', () => {
  it('a value the same as the reported one: nothing more is shown', async () => {
    const { t, planId, citizen, publish } = await setUp('sqlite', { values: [{ code: 'B.1', validated: 56, note: NOTE }], decision: 'validated' });
    try {
      await publish();
      expectReportedOnly(await publicFigures(citizen, planId));
    } finally {
      await t.close();
    }
  });

  it('a Relazione not validated, published: its values do not count, nothing is shown', async () => {
    const { t, planId, citizen, publish } = await setUp('sqlite', { values: [{ code: 'B.1', validated: 50, note: NOTE }], decision: 'not_validated' });
    try {
      await publish();
      expectReportedOnly(await publicFigures(citizen, planId));
    } finally {
      await t.close();
    }
  });
});
