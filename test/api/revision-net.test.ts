/**
 * A revision is what it changes in the end, not each step, through HTTP on SQLite and PostgreSQL:
 * a weight moved 70 → 40 and back to 70 is a revision that changes nothing (approving it refused in
 * the reader's language, discarding it allowed, the steps staying on the audit trail); a target
 * moved 1 → 5 → 9 beside an objective and an indicator added and deleted is one change, target
 * 1 → 9, in the register (API, the public's), the plan report (HTML, PDF read by poppler), the
 * workbook's «Variazioni» sheet and the Relazione (opened in LibreOffice), each saying where the
 * steps are.
 * Needs soffice and poppler-utils (installed by .ci/run): without them it fails, it never skips.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../exchange/helpers.js';
import { docxText, pdfText } from '../support/files.js';
import { convertWithLibreOffice } from '../support/libreoffice.js';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const ACT = { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' };
const STEPS_IT = 'modifiche nette di 9 passaggi registrati (ciascuno nel registro delle modifiche)';
const STEPS_EN = 'net changes of 9 recorded steps (each on the audit trail)';
// An HTML page's escaped apostrophes read as typed.
const flat = (text: string): string => text.replace(/\s+/g, ' ').replaceAll('&#39;', "'");
// A.1.1:1 as the register names it: its name at the change (cut at a word after 60 characters) and its objective.
const TOURISM = "«Iniziative di valorizzazione/promozione dell'offerta…» (A.1.1)";

describe.each<Backend>(['sqlite', 'postgres'])('a revision’s net change on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  const dir = tempDir('albero-revision-net-');

  /** A change of an indicator's definition against the version the tree reads now. */
  const patchIndicator = async (id: string, body: Record<string, unknown>): Promise<void> => {
    const version = indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, id).definitionVersion;
    const reply = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(id)}`, { ...body, version });
    expect(reply.status, reply.text).toBe(200);
  };
  const ok = async (method: string, path: string, body?: unknown): Promise<any> => {
    const reply = await controller.request(method, path, body);
    expect(reply.status, `${method} ${path}: ${reply.text}`).toBeLessThan(300);
    return reply.body;
  };

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    await ok('POST', `/api/plans/${planId}/adopt`, { act: ACT });
  });
  afterAll(async () => t?.close());

  it('refuses to approve a revision whose changes cancel out, in the reader’s language, and discards it; its steps stay on the audit trail', async () => {
    const weight = indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, 'A.1.1:1').weight;
    await ok('POST', `/api/plans/${planId}/revisions`, { reason: 'Peso provato e riportato', date: '2024-10-15' });
    await patchIndicator('A.1.1:1', { weight: 40 });
    await patchIndicator('A.1.1:1', { weight });

    const [open] = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(open).toMatchObject({ number: 1, status: 'open', changes: [], steps: 2 });
    const italian = await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, {}, { 'accept-language': 'it-IT,it;q=0.9' });
    expect(italian.status).toBe(409);
    expect(italian.body.error).toMatchObject({ code: 'revision-state', details: { reason: 'cancelled-out', steps: 2 } });
    expect(italian.body.error.message).toBe('la variazione n. 1 non cambia nulla: le 2 modifiche registrate si annullano a vicenda (restano nel registro delle modifiche); annullala');
    const english = await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, {}, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.body.error.message).toBe('revision no. 1 changes nothing: its 2 recorded changes cancel each other out (they stay on the audit trail); discard it');
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body.status).toBe('open');

    const discarded = await controller.request('DELETE', `/api/plans/${planId}/revisions/1`);
    expect(discarded.status, discarded.text).toBe(200);
    expect((await controller.get(`/api/plans/${planId}/revisions`)).body.map((r: any) => [r.number, r.status, r.changes.length, r.discarded.steps.length])).toEqual([[1, 'discarded', 0, 2]]);
    expect((await controller.get(`/api/plans/${planId}`)).body.openRevision).toBeNull();
    // Nothing is taken from the record: each step, with the revision as its reason, and the discarding with their count.
    const trail = (await controller.get(`/api/audit?planId=${planId}&lang=it`)).body;
    const steps = trail.filter((e: any) => e.entity === 'indicator' && e.entityId === 'A.1.1:1' && e.action === 'update');
    expect(steps.map((e: any) => [e.after.weight, e.reason])).toEqual([
      [String(weight), 'variazione n. 1: Peso provato e riportato'],
      ['40', 'variazione n. 1: Peso provato e riportato'],
    ]);
    expect(trail.find((e: any) => e.entity === 'revision' && e.entityId === '1' && e.action === 'discard').after).toMatchObject({ status: 'discarded', steps: 2 });
  });

  it('lists the net change of each record in the register, the public’s too: a target changed twice once, what came back or went nothing', async () => {
    await ok('POST', `/api/plans/${planId}/revisions`, { reason: 'Target rivisto dopo il monitoraggio', date: '2024-10-20' });
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const weight = indicatorOf(tree, 'A.1.1:1').weight;
    await patchIndicator('A.1.1:1', { target: 5 });
    await patchIndicator('A.1.1:1', { weight: 40 });
    await patchIndicator('A.1.1:1', { target: 9 });
    await patchIndicator('A.1.1:1', { weight });
    await ok('POST', `/api/plans/${planId}/nodes`, { code: 'A.12', title: 'Obiettivo provvisorio', parent: 'A', weight: 10 });
    await ok('DELETE', `/api/plans/${planId}/nodes/A.12`);
    const added = await ok('POST', `/api/plans/${planId}/nodes/A.3/indicators`, { name: 'Indicatore provvisorio', weight: 10, comparator: '>=', target: 5, unit: 'number' });
    await ok('DELETE', `/api/plans/${planId}/indicators/${enc(added.id)}`);
    await ok('PATCH', `/api/plans/${planId}/nodes/A.1`, { title: 'Turismo e cultura (rivisto)' });

    // No. 1, discarded, stays listed before it.
    const r = (await controller.get(`/api/plans/${planId}/revisions`)).body.find((x: any) => x.number === 2);
    expect(r).toMatchObject({ number: 2, steps: 9 });
    expect(r.changes.map((c: any) => [c.action, c.entity, c.entityId, c.before, c.after])).toEqual([
      ['update', 'indicator', 'A.1.1:1', { target: { kind: 'number', value: '1' } }, { target: { kind: 'number', value: '9' } }],
      ['update', 'node', 'A.1', { title: expect.any(String) }, { title: 'Turismo e cultura (rivisto)' }],
    ]);
    const approved = await controller.request('POST', `/api/plans/${planId}/revisions/2/approve`, {});
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', steps: 9, changes: [{ entityId: 'A.1.1:1' }, { entityId: 'A.1' }] });
    const published = (await (await t.as('public')).get(`/api/plans/${planId}/revisions`)).body;
    expect(published.map((x: any) => [x.number, x.steps, x.changes.map((c: any) => [c.entityId, c.after])])).toEqual([
      [
        2,
        9,
        [
          ['A.1.1:1', { target: { kind: 'number', value: '9' } }],
          ['A.1', { title: 'Turismo e cultura (rivisto)' }],
        ],
      ],
    ]);
  });

  it('prints the net change and where the steps are in the plan report, HTML and PDF, in Italian and English', async () => {
    for (const [lang, change, steps] of [
      ['it', `Indicatore ${TOURISM}: target 1 → 9`, STEPS_IT],
      ['en', `Indicator ${TOURISM}: target 1 → 9`, STEPS_EN],
    ] as const) {
      const html = flat((await controller.get(`/api/plans/${planId}/export?format=html&period=2024-09-30&lang=${lang}`)).text);
      const pdf = await fetch(`${t.url}/api/plans/${planId}/export?format=pdf&period=2024-09-30&lang=${lang}`, { headers: { cookie: controller.cookie! } });
      expect(pdf.status).toBe(200);
      const printed = flat(pdfText(new Uint8Array(await pdf.arrayBuffer()), { layout: false }));
      for (const [format, text] of [
        ['html', html],
        ['pdf', printed],
      ] as const) {
        expect(text, `${lang} ${format}`).toContain(change);
        expect(text, `${lang} ${format}`).toContain(steps);
        // The steps between are not the register's: no target 5, no objective or indicator that came and went.
        expect(text, `${lang} ${format}`).not.toMatch(/→ 5\b|1 → 5|5 → 9/);
        expect(text, `${lang} ${format}`).not.toContain('A.12');
        expect(text, `${lang} ${format}`).not.toContain('provvisorio');
      }
    }
  }, 120_000);

  it('writes the net change in the workbook’s «Variazioni» sheet, as LibreOffice reads it', async () => {
    const reply = await fetch(`${t.url}/api/plans/${planId}/export?format=xlsx`, { headers: { cookie: controller.cookie! } });
    expect(reply.status).toBe(200);
    const bytes = Buffer.from(await reply.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets.findIndex((s) => s.name === 'Variazioni') + 1;
    expect(sheet).toBeGreaterThan(0);
    const file = join(dir, `piano-${backend}.xlsx`);
    writeFileSync(file, bytes);
    const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,${sheet}`;
    const lines = readFileSync(convertWithLibreOffice(file, filter, join(dir, 'csv'), { produces: `piano-${backend}-Variazioni.csv` }), 'utf8').split('\n');
    const rows = lines.filter((l) => l.startsWith('2,'));
    expect(rows).toEqual([
      `2,Variazione,20/10/2024,Target rivisto dopo il monitoraggio,da indicare,approvata,Indicatore ${TOURISM}: target 1 → 9`,
      '2,Variazione,20/10/2024,Target rivisto dopo il monitoraggio,da indicare,approvata,"Obiettivo A.1: titolo Attrattività del territorio, sostegno del turismo e della cultura → Turismo e cultura (rivisto)"',
      `2,Variazione,20/10/2024,Target rivisto dopo il monitoraggio,da indicare,approvata,${STEPS_IT}`,
    ]);
  }, 240_000);

  it('discloses the net change in the Relazione’s chapter on revisions, as an office opens the DOCX', async () => {
    const html = flat((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text);
    const chapter = html.slice(html.indexOf('Variazioni del piano nel corso'));
    expect(chapter).toContain(`Indicatore ${TOURISM}: target 1 → 9`);
    expect(chapter).toContain(STEPS_IT);
    expect(chapter).not.toContain('provvisorio');
    const docx = await fetch(`${t.url}/api/plans/${planId}/relazione/export?format=docx`, { headers: { cookie: controller.cookie! } });
    expect(docx.status).toBe(200);
    const text = docxText(await docx.arrayBuffer());
    const section = text.slice(text.indexOf('Variazioni del piano nel corso'));
    expect(section).toContain(`Indicatore ${TOURISM}: target 1 → 9`);
    expect(section).toContain('Turismo e cultura (rivisto)');
    expect(section).toContain('modifiche nette di 9 passaggi registrati');
    expect(section).not.toMatch(/1 → 5|5 → 9|provvisorio/);
  }, 240_000);
});
