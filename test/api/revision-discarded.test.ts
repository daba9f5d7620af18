/**
 * A discarded revision stays on the record, through HTTP on SQLite and PostgreSQL: discarding keeps
 * its row and its steps, marked `discarded` with who, when and why (the optional `?reason=`), and
 * changes nothing in the plan. The register lists it so (the API, the plan report in PDF and HTML,
 * the workbook's «Variazioni» sheet), «annullata» / “discarded”, with each of its steps; the public
 * reads approved revisions only. It can no longer be corrected, approved or discarded again; a new
 * revision is opened after it, under the next number, its date bounded by no discarded one.
 * Needs poppler-utils (installed by .ci/run) for the PDF: without it it fails, it never skips.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { momentDayText } from '../../src/core/messages/catalogue.js';
import { pdfText } from '../support/files.js';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const ACT = { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' };
const ITALIAN = { 'accept-language': 'it-IT,it;q=0.9' };
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe.each<Backend>(['sqlite', 'postgres'])('a discarded revision on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let weight: string;
  let figures: unknown;

  const patchIndicator = async (id: string, body: Record<string, unknown>): Promise<void> => {
    const version = indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, id).definitionVersion;
    const reply = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(id)}`, { ...body, version });
    expect(reply.status, reply.text).toBe(200);
  };
  const performances = async (): Promise<unknown> => (await controller.get(`/api/plans/${planId}/tree`)).body.objectives.map((o: any) => [o.code, o.performance, o.weight]);

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    expect((await controller.request('POST', `/api/plans/${planId}/adopt`, { act: ACT })).status).toBe(200);
    weight = String(indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, 'A.1.1:1').weight);
    figures = await performances();
  });
  afterAll(async () => t?.close());

  it('keeps the revision and its steps, marked discarded with who, when and why; the plan unchanged', async () => {
    const opened = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Peso provato e riportato', date: '2024-10-15' });
    expect(opened.status, opened.text).toBe(201);
    await patchIndicator('A.1.1:1', { weight: 40 });
    await patchIndicator('A.1.1:1', { weight: Number(weight) });

    // A reason too long, or holding a control character, is refused at its field: nothing discarded.
    const long = await controller.request('DELETE', `/api/plans/${planId}/revisions/1?reason=${'x'.repeat(5001)}`, undefined, ITALIAN);
    expect(long.status, long.text).toBe(400);
    expect(long.body.error.issues[0].location).toEqual({ field: 'reason' });
    expect(long.body.error.message).toBe('reason: al massimo 5000 caratteri');
    expect((await controller.request('DELETE', `/api/plans/${planId}/revisions/1?reason=a%07b`)).status).toBe(422);
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body.status).toBe('open');

    const discarded = await controller.request('DELETE', `/api/plans/${planId}/revisions/1?reason=${encodeURIComponent(' Aperta per errore ')}`);
    expect(discarded.status, discarded.text).toBe(200);
    expect(discarded.body).toMatchObject({ number: 1, status: 'discarded', changes: [], steps: 2, discarded: { by: 'controller', reason: 'Aperta per errore', at: expect.any(String) } });

    // Listed, with its steps before → after, as discarded: the register keeps what was tried and let go.
    const [listed] = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(listed).toMatchObject({ number: 1, reason: 'Peso provato e riportato', status: 'discarded', changes: [], steps: 2, afterClosingOf: [], afterValidation: null });
    expect(listed.discarded.steps.map((s: any) => [s.seq, s.entityId, s.before, s.after])).toEqual([
      [1, 'A.1.1:1', { weight }, { weight: '40' }],
      [2, 'A.1.1:1', { weight: '40' }, { weight }],
    ]);
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body).toEqual(listed);
    // It changed nothing: no open revision, the same figures, the definition gated again.
    expect((await controller.get(`/api/plans/${planId}`)).body.openRevision).toBeNull();
    expect(await performances()).toEqual(figures);
    expect((await controller.request('PATCH', `/api/plans/${planId}/nodes/A.1`, { weight: 50 })).body.error.code).toBe('revision-required');
    // The trail says it discarded (not deleted), with its reason and how many steps.
    const entry = (await controller.get(`/api/audit?planId=${planId}`)).body.find((e: any) => e.entity === 'revision' && e.entityId === '1' && e.action === 'discard');
    expect(entry).toMatchObject({ before: { status: 'open' }, after: { status: 'discarded', steps: 2 }, reason: 'Aperta per errore' });
    // The public reads the body's decisions only: a discarded revision never was one.
    const anyone = await t.as('public');
    expect((await anyone.get(`/api/plans/${planId}/revisions`)).body).toEqual([]);
    expect((await anyone.get(`/api/plans/${planId}/revisions/1`)).status).toBe(404);
  });

  it('refuses to correct, approve or discard it again, in the reader’s language; the next revision takes the next number', async () => {
    for (const [method, path, body] of [
      ['PATCH', 'revisions/1', { reason: 'altro' }],
      ['PATCH', 'revisions/1', { act: ACT }],
      ['POST', 'revisions/1/approve', {}],
      ['DELETE', 'revisions/1', undefined],
    ] as const) {
      const refused = await controller.request(method, `/api/plans/${planId}/${path}`, body, ITALIAN);
      expect(refused.status, `${method} ${path}`).toBe(409);
      expect(refused.body.error.message, `${method} ${path}`).toBe("la variazione n. 1 è annullata: resta agli atti così com'è e non si può più modificare né approvare");
    }
    // Dated before the discarded one: it changed nothing, so nothing starts from it.
    const next = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Target rivisto', date: '2024-10-01' });
    expect(next.status, next.text).toBe(201);
    expect(next.body.number).toBe(2);
    await patchIndicator('A.1.1:1', { target: 9 });
    expect((await controller.request('POST', `/api/plans/${planId}/revisions/2/approve`, {})).status).toBe(200);
    const register = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(register.map((r: any) => [r.number, r.status])).toEqual([
      [1, 'discarded'],
      [2, 'approved'],
    ]);
    // The public reads the approved one only.
    expect((await (await t.as('public')).get(`/api/plans/${planId}/revisions`)).body.map((r: any) => r.number)).toEqual([2]);
    // So does the Relazione: the plan had one revision, the approved one.
    const relazione = flat((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text);
    const chapter = relazione.slice(relazione.indexOf('Variazioni del piano nel corso'));
    expect(chapter).toContain('Nel corso dell&#39;anno il piano ha avuto una variazione, riportata nella tabella.');
    expect(chapter).toContain('Target rivisto');
    expect(chapter).not.toContain('Peso provato e riportato');
  });

  it('prints it in the register as discarded, by whom, when, why and with its steps: PDF and HTML in Italian and English, the workbook', async () => {
    const day = momentDayText((await controller.get(`/api/plans/${planId}/revisions/1`)).body.discarded.at);
    for (const [lang, line, step, state] of [
      [
        'it',
        new RegExp(`Annullata il ${day} da [^,]+, motivo: «Aperta per errore»: il piano non è cambiato; i 2 passaggi registrati restano agli atti`),
        /passaggio 1: Indicatore «[^»]+» \(A\.1\.1\): peso \S+ → 40/,
        /Variazione n\. 1 del 15\/10\/2024 \(annullata;/,
      ],
      [
        'en',
        new RegExp(`Discarded on ${day} by [^,]+, reason: “Aperta per errore”: the plan did not change; its 2 recorded steps stay on the record`),
        /step 1: Indicator «[^»]+» \(A\.1\.1\): weight \S+ → 40/,
        /Variation no\. 1 of 15\/10\/2024 \(discarded;/,
      ],
    ] as const) {
      const pdf = await fetch(`${t.url}/api/plans/${planId}/export?format=pdf&period=2024-09-30&lang=${lang}`, { headers: { cookie: controller.cookie! } });
      expect(pdf.status).toBe(200);
      const printed = flat(pdfText(new Uint8Array(await pdf.arrayBuffer()), { layout: false }));
      expect(printed, `${lang} pdf`).toMatch(line);
      expect(printed, `${lang} pdf`).toMatch(step);
      expect(printed, `${lang} pdf`).toMatch(state);
      const html = flat((await controller.get(`/api/plans/${planId}/export?format=html&period=2024-09-30&lang=${lang}`)).text).replace(/&#39;/g, "'");
      expect(html, `${lang} html`).toMatch(line);
      expect(html, `${lang} html`).toMatch(step);
      expect(html, `${lang} html`).toContain(lang === 'it' ? '<td>annullata</td>' : '<td>discarded</td>');
    }
    const reply = await fetch(`${t.url}/api/plans/${planId}/export?format=xlsx`, { headers: { cookie: controller.cookie! } });
    expect(reply.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await reply.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Variazioni')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const first = rows.filter((r) => r[0] === '1');
    expect(first.map((r) => r[5])).toEqual(['annullata', 'annullata', 'annullata']);
    expect(first[0]![6]).toMatch(/^Annullata il .+, motivo: «Aperta per errore»: il piano non è cambiato/);
    expect(first[1]![6]).toMatch(/^passaggio 1: Indicatore «[^»]+» \(A\.1\.1\): peso/);
    expect(first[2]![6]).toMatch(/^passaggio 2: Indicatore «[^»]+» \(A\.1\.1\): peso .*40.* → /);
    expect(rows.filter((r) => r[0] === '2').map((r) => r[5])).toEqual(['approvata']);
  }, 120_000);
});
