/**
 * Evidence files through HTTP, on SQLite and PostgreSQL: a referente attaches a PDF to a value of
 * their unit, everyone allowed lists it and downloads it byte for byte with its SHA-256; a disguised
 * executable (415), an oversized file (413), a name that says another type than the content (400)
 * and the same file twice on a value (409) are refused in Italian with nothing stored; a closed
 * period's files can be neither added nor removed, nor an archived plan's; an approved value's are
 * not removed until it is sent back; an open period holding files is not deleted (409, saying how many); every file is in the value's audit history.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/store/index.js';
import { fakeExe, tinyPdf, TINY_PNG, upload } from '../support/files.js';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const MINE = 'B.1.1:1';
const OTHERS = 'A.1.1:1';
const PERIOD = '2024-09-30';
const YEAR_END = '2024-12-31';
const LIMIT = 256 * 1024;

describe.each<Backend>(['sqlite', 'postgres'])('evidence files over HTTP on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let referente: Client;
  let controller: Client;
  const files = (indicator = MINE, period = PERIOD): string => `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${period}/attachments`;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { attachmentBytes: LIMIT }));
    referente = await t.as('referente');
    // The referente's refusals are read in the server's default language, Italian (no Accept-Language).
    referente.language = null;
  });
  afterAll(async () => t?.close());

  it('stores a PDF with its SHA-256, lists it, and gives it back byte for byte to whoever may read it', async () => {
    const pdf = tinyPdf('Verbale di verifica');
    const stored = await referente.request('POST', files(), upload(pdf, 'verbale.pdf'));
    expect(stored.status, stored.text).toBe(201);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(stored.body).toMatchObject({ name: 'verbale.pdf', mediaType: 'application/pdf', size: pdf.length, sha256, uploadedBy: 'referente', indicatorId: MINE, periodId: PERIOD });
    const png = await referente.request('POST', files(), upload(TINY_PNG, 'grafico.png'));
    expect(png.body.mediaType).toBe('image/png');

    for (const who of ['referente', 'controller', 'oiv', 'admin'] as const) {
      const client = await t.as(who);
      const list = await client.get(files());
      expect(list.status, who).toBe(200);
      expect(list.body.map((f: any) => f.name)).toEqual(['verbale.pdf', 'grafico.png']);
      const res = await fetch(`${t.url}${files()}/${stored.body.id}`, { headers: { cookie: client.cookie! } });
      expect(res.status).toBe(200);
      const back = Buffer.from(await res.arrayBuffer());
      expect(back.equals(pdf)).toBe(true);
      expect(createHash('sha256').update(back).digest('hex')).toBe(sha256);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toContain('filename="verbale.pdf"');
      expect(res.headers.get('etag')).toBe(`"${sha256}"`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // The value's history (the indicator's audit trail) lists the file with its hash.
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body;
    expect(trail.find((e: any) => e.action === 'attach' && e.entityId === stored.body.id)).toMatchObject({
      user: 'referente',
      after: { name: 'verbale.pdf', sha256, size: pdf.length, period: PERIOD },
    });
  });

  it('stores a file larger than a few pages byte for byte (binary content through the database)', async () => {
    const big = Buffer.concat([tinyPdf(), randomBytes(200 * 1024)]);
    const stored = await controller.request('POST', files(), upload(big, 'allegato-grande.pdf'));
    expect(stored.status, stored.text).toBe(201);
    const res = await fetch(`${t.url}${files()}/${stored.body.id}`, { headers: { cookie: controller.cookie! } });
    expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
  });

  it("keeps a long name's extension and drops the characters that reverse how a name reads", async () => {
    const long = await controller.request('POST', files(), upload(tinyPdf(), `${'verbale di verifica '.repeat(15)}.pdf`));
    expect(long.status, long.text).toBe(201);
    expect(long.body.name).toMatch(/^verbale di verifica .*\.pdf$/);
    expect(long.body.name.length).toBeLessThanOrEqual(200);
    // "fattura\u202Efdp.exe" shows as "fatturaexe.pdf": the override and its kin are not kept.
    const spoof = await controller.request('POST', files(), upload(tinyPdf('fattura'), 'fattura\u202Etxt.pdf\u200F\u2066'));
    expect(spoof.status, spoof.text).toBe(201);
    expect(spoof.body.name).toBe('fatturatxt.pdf');
    const res = await fetch(`${t.url}${files()}/${long.body.id}`, { headers: { cookie: controller.cookie! } });
    expect(res.headers.get('content-disposition')).toContain('.pdf"');
    for (const id of [long.body.id, spoof.body.id]) expect((await controller.request('DELETE', `${files()}/${id}`)).status).toBe(200);
  });

  it('refuses a disguised executable (415) and an oversized file (413), in Italian, storing nothing', async () => {
    const before = (await controller.get(files())).body.length;
    const it = { 'accept-language': 'it-IT,it;q=0.9' };
    const exe = await referente.request('POST', files(), upload(fakeExe(), 'relazione.pdf'), it);
    expect(exe.status).toBe(415);
    expect(exe.body.error.code).toBe('unsupported-file-type');
    expect(exe.body.error.message).toBe(
      "il file «relazione.pdf» non è un PDF, un'immagine, un documento Office/OpenDocument, un CSV o un testo (è un programma eseguibile o uno script): non è stato salvato",
    );
    const english = await referente.request('POST', files(), upload(fakeExe(), 'relazione.pdf'), { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.body.error.message).toContain('is not a PDF');
    const notUpload = await referente.request('POST', files(), { name: 'relazione.pdf' }, it);
    expect([notUpload.status, notUpload.body.error.code, notUpload.body.error.message]).toEqual([
      415,
      'unsupported-media-type',
      'inviare il documento di evidenza come caricamento multipart/form-data con un campo «file»',
    ]);
    expect((await referente.request('POST', files(), { name: 'relazione.pdf' }, { 'accept-language': 'en' })).body.error.message).toBe(
      'send the evidence file as a multipart/form-data upload with a “file” field',
    );

    // The session tells the web app this limit, not the default, so its hint and its own check say the one the 413 says.
    expect((await referente.get('/api/session')).body.limits).toEqual({ attachmentBytes: LIMIT });
    const oversized = Buffer.concat([tinyPdf(), Buffer.alloc(LIMIT, 0x20)]);
    const big = await referente.request('POST', files(), upload(oversized, 'scansione.pdf'), it);
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'evidence-too-large', message: "il file supera il limite di 0,3 MB per un'evidenza: non è stato salvato" });
    // Far beyond the limit: refused from the declared length, before the body is read.
    const huge = await referente.request('POST', files(), upload(Buffer.concat([tinyPdf(), Buffer.alloc(4 * LIMIT)]), 'enorme.pdf'));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('evidence-too-large');

    expect((await controller.get(files())).body.length).toBe(before);
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body;
    expect(trail.filter((e: any) => e.action === 'attach').map((e: any) => e.after.name)).not.toContain('relazione.pdf');
  });

  it('refuses two files sent in one upload, saying so, rather than keeping one of them', async () => {
    const before = (await controller.get(files())).body.length;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(tinyPdf('primo'))]), 'primo.pdf');
    form.append('file', new Blob([new Uint8Array(tinyPdf('secondo'))]), 'secondo.pdf');
    const both = await referente.request('POST', files(), form, { 'accept-language': 'it' });
    expect(both.status, both.text).toBe(400);
    expect(both.body.error).toMatchObject({
      code: 'one-evidence-file',
      message: 'allegare un file alla volta: ne sono arrivati 2 nel campo «file» (primo.pdf, secondo.pdf) e nessuno è stato salvato',
    });
    expect((await controller.get(files())).body.length).toBe(before);
  });

  it('refuses a PDF named x.docx (400 at the file, saying what it is and the name to give it), storing nothing', async () => {
    const period = YEAR_END;
    const before = (await controller.get(files(MINE, period))).body.length;
    const trailBefore = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body.length;
    const pdf = tinyPdf('Verbale travestito');
    const word = await referente.request('POST', files(MINE, period), upload(pdf, 'x.docx'));
    expect(word.status, word.text).toBe(400);
    expect(word.body.error).toMatchObject({
      code: 'evidence-name-mismatch',
      message: 'il file «x.docx» è un PDF, non un file .docx come dice il nome: rinominalo «x.pdf» e caricalo di nuovo: non è stato salvato',
      details: { format: 'pdf', extension: 'docx', suggested: ['x.pdf'] },
      issues: [{ code: 'evidence-name-mismatch', location: { field: 'file', file: 'x.docx' } }],
    });
    const english = await referente.request('POST', files(MINE, period), upload(pdf, 'x.docx'), { 'accept-language': 'en' });
    expect(english.body.error.message).toBe('the file “x.docx” is a PDF, not a .docx file as its name says: rename it “x.pdf” and upload it again: it was not stored');
    // An image named as a PDF, a PDF named as a program: the same refusal, whatever the extension.
    const png = await referente.request('POST', files(MINE, period), upload(TINY_PNG, 'grafico.PDF'));
    expect([png.status, png.body.error.message]).toEqual([
      400,
      "il file «grafico.PDF» è un'immagine PNG, non un file .pdf come dice il nome: rinominalo «grafico.png» e caricalo di nuovo: non è stato salvato",
    ]);
    expect((await referente.request('POST', files(MINE, period), upload(pdf, 'verbale.pdf.exe'))).body.error.details.suggested).toEqual(['verbale.pdf.pdf']);
    expect((await controller.get(files(MINE, period))).body.length).toBe(before);
    expect((await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body.length).toBe(trailBefore);

    // Renamed as it says, it is stored; a name with no extension gets the content's, upper case is
    // the same extension; a download is always named and typed as what it is.
    const renamed = await referente.request('POST', files(MINE, period), upload(pdf, 'x.pdf'));
    expect([renamed.status, renamed.body.name, renamed.body.mediaType]).toEqual([201, 'x.pdf', 'application/pdf']);
    const bare = await referente.request('POST', files(MINE, period), upload(TINY_PNG, 'Grafico del 15.12'));
    expect([bare.status, bare.body.name, bare.body.mediaType]).toEqual([201, 'Grafico del 15.12.png', 'image/png']);
    const upper = await referente.request('POST', files(MINE, period), upload(tinyPdf('maiuscole'), 'SCANSIONE.PDF'));
    expect([upper.status, upper.body.name]).toEqual([201, 'SCANSIONE.PDF']);
    for (const f of [renamed, bare, upper]) {
      const res = await fetch(`${t.url}${files(MINE, period)}/${f.body.id}`, { headers: { cookie: controller.cookie! } });
      expect(res.headers.get('content-type')).toBe(f.body.mediaType);
      expect(res.headers.get('content-disposition')).toContain(`filename="${f.body.name}"`);
    }
  });

  it('keeps text as the name says: a .txt note is plain text even with a comma, a .csv is CSV; a PDF named .txt is refused', async () => {
    const period = YEAR_END;
    const note = Buffer.from('Estrazione dal protocollo, 10/01/2025\nNessuna pratica sospesa.\n', 'utf8');
    const txt = await referente.request('POST', files(MINE, period), upload(note, 'nota.txt'));
    expect([txt.status, txt.body.name, txt.body.mediaType]).toEqual([201, 'nota.txt', 'text/plain; charset=utf-8']);
    const table = await referente.request('POST', files(MINE, period), upload(Buffer.from('pratiche\n45\n', 'utf8'), 'pratiche.csv'));
    expect([table.status, table.body.name, table.body.mediaType]).toEqual([201, 'pratiche.csv', 'text/csv; charset=utf-8']);
    const res = await fetch(`${t.url}${files(MINE, period)}/${txt.body.id}`, { headers: { cookie: controller.cookie! } });
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const pdf = await referente.request('POST', files(MINE, period), upload(tinyPdf('testo?'), 'nota.txt'));
    expect([pdf.status, pdf.body.error.details.suggested]).toEqual([400, ['nota.pdf']]);
  });

  it('refuses the same file twice on a value (409 naming the file that holds it), storing nothing and writing nothing in the trail', async () => {
    const period = YEAR_END;
    const pdf = tinyPdf('Verbale n. 7');
    const first = await referente.request('POST', files(MINE, period), upload(pdf, 'verbale-7.pdf'));
    expect(first.status, first.text).toBe(201);
    const listed = (await controller.get(files(MINE, period))).body;
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body;

    // The same bytes under another name, as a second click or a retry would send them.
    const again = await referente.request('POST', files(MINE, period), upload(pdf, 'verbale-7 (1).pdf'));
    expect(again.status, again.text).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'evidence-already-attached', details: { attachment: first.body } });
    expect(again.body.error.message).toMatch(
      /^il file «verbale-7 \(1\)\.pdf» è già allegato a questo valore come «verbale-7\.pdf» \(stesso contenuto, caricato da referente il \d\d\/\d\d\/\d{4} \d\d:\d\d\): non è stato salvato una seconda volta$/,
    );
    const english = await controller.request('POST', files(MINE, period), upload(pdf, 'verbale-7.pdf'), { 'accept-language': 'en' });
    expect([english.status, english.body.error.message]).toEqual([
      409,
      expect.stringMatching(/^the file “verbale-7\.pdf” is already attached to this value as “verbale-7\.pdf” \(same content, uploaded by referente on /),
    ]);
    expect((await controller.get(files(MINE, period))).body).toEqual(listed);
    expect((await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body).toEqual(trail);

    // The same file on another value, or a different file on this one, is stored.
    expect((await referente.request('POST', files(MINE, PERIOD), upload(pdf, 'verbale-7.pdf'))).status).toBe(201);
    expect((await referente.request('POST', files(MINE, period), upload(tinyPdf('Verbale n. 8'), 'verbale-8.pdf'))).status).toBe(201);
    // Removed, it may be attached again.
    expect((await referente.request('DELETE', `${files(MINE, period)}/${first.body.id}`)).status).toBe(200);
    expect((await referente.request('POST', files(MINE, period), upload(pdf, 'verbale-7.pdf'))).status).toBe(201);
  });

  it('lets in one of the same file sent at once (two uploads: 201 and 409; eight to the store: one stored)', async () => {
    const pdf = tinyPdf('Doppio clic');
    const both = await Promise.all([0, 1].map(() => referente.request('POST', files(), upload(pdf, 'doppio.pdf'))));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await controller.get(files())).body.filter((f: any) => f.name === 'doppio.pdf')).toHaveLength(1);
    // Straight to the store, eight at once (no request parsing to stagger them): still one.
    const bytes = tinyPdf('Otto volte');
    const added = await Promise.all(Array.from({ length: 8 }, (_, i) => t.server.store.attachments.add(planId, MINE, PERIOD, { name: `otto-${i}.pdf`, mediaType: 'application/pdf', bytes }, SYSTEM)));
    expect(added.filter((r) => r.ok)).toHaveLength(1);
    expect((await controller.get(files())).body.filter((f: any) => f.name.startsWith('otto-'))).toHaveLength(1);
  });

  it("keeps another unit's files from a referente, and every file from the public", async () => {
    const other = await controller.request('POST', files(OTHERS), upload(tinyPdf(), 'altro.pdf'));
    expect(other.status).toBe(201);
    expect((await referente.get(files(OTHERS))).status).toBe(403);
    expect((await referente.get(`${files(OTHERS)}/${other.body.id}`)).status).toBe(403);
    expect((await referente.request('POST', files(OTHERS), upload(tinyPdf(), 'x.pdf'))).status).toBe(403);
    const oiv = await t.as('oiv');
    expect((await oiv.request('POST', files(), upload(tinyPdf(), 'x.pdf'))).status).toBe(403);
    await controller.request('PATCH', `/api/plans/${planId}`, { published: true });
    const anyone = await t.as('public');
    expect((await anyone.get(files())).status).toBe(401);
    expect((await anyone.get(`${files(OTHERS)}/${other.body.id}`)).status).toBe(401);
    await controller.request('PATCH', `/api/plans/${planId}`, { published: false });
  });

  it("neither adds nor removes a closed period's files; after a reopening it does, and says so in the trail", async () => {
    const period = '2024-06-30';
    const kept = await referente.request('POST', files(MINE, period), upload(tinyPdf(), 'prima.pdf'));
    expect(kept.status).toBe(201);
    await t.server.store.transitionPeriod(planId, period, 'collecting', null, SYSTEM);
    await t.server.store.transitionPeriod(planId, period, 'closed', null, SYSTEM, { acknowledgeUnreviewed: true });
    const added = await referente.request('POST', files(MINE, period), upload(tinyPdf(), 'dopo.pdf'), { 'accept-language': 'it' });
    expect(added.status).toBe(423);
    expect(added.body.error.code).toBe('period-locked');
    expect(added.body.error.message).toContain('il periodo 30/06/2024 è chiuso');
    const removed = await referente.request('DELETE', `${files(MINE, period)}/${kept.body.id}`);
    expect(removed.status).toBe(423);
    expect((await referente.get(files(MINE, period))).body.map((f: any) => f.name)).toEqual(['prima.pdf']);

    await controller.request('POST', `/api/plans/${planId}/periods/${period}/transition`, { to: 'collecting', reason: 'evidenza sbagliata' });
    const gone = await referente.request('DELETE', `${files(MINE, period)}/${kept.body.id}`);
    expect(gone.status, gone.text).toBe(200);
    expect((await referente.get(files(MINE, period))).body).toEqual([]);
    expect((await referente.get(`${files(MINE, period)}/${kept.body.id}`)).status).toBe(404);
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body;
    expect(trail.find((e: any) => e.action === 'detach')).toMatchObject({ user: 'referente', entityId: kept.body.id, before: { name: 'prima.pdf', sha256: kept.body.sha256 } });
  });

  it('refuses to delete an open period holding evidence (409, how many files), keeping them; once they are removed, it goes', async () => {
    const period = '2024-04-30';
    expect((await controller.request('POST', `/api/plans/${planId}/periods`, { endsOn: period })).status).toBe(201);
    const first = await referente.request('POST', files(MINE, period), upload(tinyPdf('Delibera'), 'delibera.pdf'));
    const second = await referente.request('POST', files(MINE, period), upload(TINY_PNG, 'foto.png'));
    expect([first.status, second.status]).toEqual([201, 201]);
    const refused = await controller.request('DELETE', `/api/plans/${planId}/periods/${period}`, undefined, { 'accept-language': 'it-IT,it;q=0.9' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'period-in-use', details: { reason: 'has-attachments', attachments: 2 } });
    expect(refused.body.error.message).toBe('il periodo 30/04/2024 contiene 2 documenti allegati come evidenza: rimuovili prima, uno per uno, oppure conserva il periodo');
    const english = await controller.request('DELETE', `/api/plans/${planId}/periods/${period}`, undefined, { 'accept-language': 'en' });
    expect(english.body.error.message).toBe('the period 30/04/2024 holds 2 evidence files: remove them first, one by one, or keep the period');
    expect((await controller.get(files(MINE, period))).body.map((f: any) => f.name)).toEqual(['delibera.pdf', 'foto.png']);
    expect((await controller.get(`/api/plans/${planId}/periods`)).body.map((p: any) => p.id)).toContain(period);

    for (const f of [first, second]) expect((await referente.request('DELETE', `${files(MINE, period)}/${f.body.id}`)).status).toBe(200);
    const deleted = await controller.request('DELETE', `/api/plans/${planId}/periods/${period}`);
    expect(deleted.status, deleted.text).toBe(200);
    // Each file's going is on the record with its hash, then the period's.
    const trail = (await controller.get(`/api/audit?planId=${planId}`)).body;
    expect(
      trail
        .filter((e: any) => e.action === 'detach' && e.before.period === period)
        .map((e: any) => e.before.sha256)
        .sort(),
    ).toEqual([first.body.sha256, second.body.sha256].sort());
    expect(trail.find((e: any) => e.action === 'delete' && e.entity === 'period' && e.entityId === period)).toBeDefined();
  });

  it('keeps the files of an approved value (409 evidence-approved, in Italian and English); sent back, the value may lose them again', async () => {
    const period = '2024-03-31';
    expect((await controller.request('POST', `/api/plans/${planId}/periods`, { endsOn: period })).status).toBe(201);
    const value = `/api/plans/${planId}/indicators/${enc(MINE)}/measurements/${period}`;
    expect((await referente.request('PUT', value, { state: 'measured', actual: '0,04%', source: 'Registro eventi', version: 0 })).status).toBe(200);
    const file = await referente.request('POST', files(MINE, period), upload(tinyPdf('Registro presenze'), 'registro.pdf'));
    expect(file.status, file.text).toBe(201);
    const approved = await controller.request('POST', `${value}/reviews`, { action: 'approve', version: 1 });
    expect(approved.status, approved.text).toBe(201);

    // The approval was given on the value with its file: the file stays, whoever asks, and the trail has no removal.
    const refused = await referente.request('DELETE', `${files(MINE, period)}/${file.body.id}`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'evidence-approved',
      details: { attachment: { id: file.body.id, name: 'registro.pdf' }, approvedBy: 'controller', approvedAt: approved.body.at },
    });
    expect(refused.body.error.message).toMatch(/^il file «registro\.pdf» è tra le evidenze del valore approvato da .+ il \d\d\/\d\d\/\d{4} \d\d:\d\d: resta allegato, come è stato approvato;/);
    expect(refused.body.error.message).toContain(approved.body.byName);
    const english = await controller.request('DELETE', `${files(MINE, period)}/${file.body.id}`, undefined, { 'accept-language': 'en' });
    expect(english.status).toBe(409);
    expect(english.body.error.message).toContain(`the file “registro.pdf” is evidence of the value approved by ${approved.body.byName} on `);
    expect((await referente.get(files(MINE, period))).body.map((f: any) => f.name)).toEqual(['registro.pdf']);
    expect((await referente.get(`${files(MINE, period)}/${file.body.id}`)).status).toBe(200);
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body;
    expect(trail.some((e: any) => e.action === 'detach' && e.entityId === file.body.id)).toBe(false);

    // Sent back for more, the value is no longer approved: its files may be corrected, and the removal is on the record.
    expect((await controller.request('POST', `${value}/reviews`, { action: 'return', note: 'Il registro non è firmato', version: 1 })).status).toBe(201);
    const removed = await referente.request('DELETE', `${files(MINE, period)}/${file.body.id}`);
    expect(removed.status, removed.text).toBe(200);
    expect((await referente.get(files(MINE, period))).body).toEqual([]);
    const after = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body;
    expect(after.find((e: any) => e.action === 'detach' && e.entityId === file.body.id)).toMatchObject({ user: 'referente', before: { name: 'registro.pdf', sha256: file.body.sha256 } });
  });

  it("neither adds nor removes an archived plan's files (409 plan-archived); brought back, it does again", async () => {
    const archivedPlan = await t.importFixture();
    const here = `/api/plans/${archivedPlan}/indicators/${enc(MINE)}/measurements/${PERIOD}/attachments`;
    const kept = await referente.request('POST', here, upload(tinyPdf(), 'prima.pdf'));
    expect(kept.status).toBe(201);
    expect((await controller.request('POST', `/api/plans/${archivedPlan}/archive`)).status).toBe(200);
    const added = await referente.request('POST', here, upload(tinyPdf(), 'dopo.pdf'), { 'accept-language': 'it' });
    expect([added.status, added.body.error.code]).toEqual([409, 'plan-archived']);
    expect(added.body.error.message).toContain('il piano è archiviato');
    const removed = await controller.request('DELETE', `${here}/${kept.body.id}`);
    expect([removed.status, removed.body.error.code]).toEqual([409, 'plan-archived']);
    // Still readable, whole.
    expect((await controller.get(here)).body.map((f: any) => f.name)).toEqual(['prima.pdf']);

    expect((await controller.request('POST', `/api/plans/${archivedPlan}/unarchive`)).status).toBe(200);
    expect((await referente.request('POST', here, upload(tinyPdf('dopo'), 'dopo.pdf'))).status).toBe(201);
  });

  it('answers 404 for an unknown plan, indicator or file, 400 without a file field', async () => {
    expect((await controller.get(`/api/plans/nope/indicators/${enc(MINE)}/measurements/${PERIOD}/attachments`)).status).toBe(404);
    expect((await controller.get(files('Z.9:1'))).status).toBe(404);
    expect((await controller.request('POST', files(MINE, '2024-01-31'), upload(tinyPdf(), 'x.pdf'))).status).toBe(404);
    const form = new FormData();
    form.set('other', 'x');
    const none = await controller.request('POST', files(), form);
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('missing-evidence-file');
  });
});
