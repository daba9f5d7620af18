/**
 * Adoption, revisions and results that stay validated, through HTTP on SQLite and PostgreSQL: the
 * fixture is adopted by its act, its year end closed and validated by the OIV; then a target
 * change outside a revision is refused (409, Italian or English), inside one it is accepted and
 * recorded before → after, while the validated period's tree stays the very document it was
 * (every objective's and indicator's figures); a plan with a validated period cannot be deleted,
 * it is archived (hidden from the lists, still readable) and brought back; only the administrator
 * reopens a validated period, with a reason, and the trail says the validation was voided.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, figures, indicatorOf, objective, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const ACT = { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' };
const YEAR_END = '2024-12-31';
// A.1.1:1 as the register names it: its name at the change (cut at a word after 60 characters) and its objective.
const TOURISM = "«Iniziative di valorizzazione/promozione dell'offerta…» (A.1.1)";
/** An HTML page's text with its escaped apostrophes read as typed. */
const unescaped = (html: string): string => html.replaceAll('&#39;', "'");

/** A PDF's text as poppler reads it (one line per line, no layout). */
function pdfText(bytes: ArrayBuffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'albero-revisions-pdf-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), Buffer.from(bytes));
    return execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each<Backend>(['sqlite', 'postgres'])('adoption, revisions and validated results on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let admin: Client;
  let validated: any;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    oiv = await t.as('oiv');
    admin = await t.as('admin');
  });
  afterAll(async () => t?.close());

  it('edits a draft freely, adopts it by its act (the act checked field by field), and then refuses changes outside a revision', async () => {
    expect((await controller.get(`/api/plans/${planId}`)).body).toMatchObject({ status: 'draft', adoption: null, archived: false, openRevision: null });
    for (const [act, field] of [
      [{ ...ACT, kind: '' }, 'act.kind'],
      [{ ...ACT, number: ' ' }, 'act.number'],
      [{ ...ACT, date: '30/01/2024' }, 'act.date'],
    ] as const) {
      const bad = await controller.request('POST', `/api/plans/${planId}/adopt`, { act });
      expect(bad.status, field).toBe(400);
      expect(bad.body.error.issues.map((i: any) => i.location?.field)).toEqual([field]);
    }
    expect((await (await t.as('referente')).request('POST', `/api/plans/${planId}/adopt`, { act: ACT })).status).toBe(403);
    const adopted = await controller.request('POST', `/api/plans/${planId}/adopt`, { act: ACT });
    expect(adopted.status, adopted.text).toBe(200);
    expect(adopted.body).toMatchObject({ status: 'adopted', adoption: { act: ACT, adoptedBy: 'controller' }, openRevision: null });
    expect((await controller.request('POST', `/api/plans/${planId}/adopt`, { act: ACT })).body.error.code).toBe('adoption-state');

    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const target = indicatorOf(tree, 'A.1.1:1');
    const refused = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc('A.1.1:1')}`, { target: 99, version: target.definitionVersion }, { 'accept-language': 'it-IT,it;q=0.9' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('revision-required');
    expect(refused.body.error.message).toMatch(/^il piano è adottato: .*variazione/);
    const english = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc('A.1.1:1')}`, { target: 99, version: target.definitionVersion }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.status).toBe(409);
    expect(english.body.error.message).toMatch(/^the plan is adopted: .*revision/);
    for (const [method, path, payload] of [
      ['PATCH', `/api/plans/${planId}/nodes/A.1`, { weight: 50 }],
      ['DELETE', `/api/plans/${planId}/nodes/A.3`, undefined],
      ['POST', `/api/plans/${planId}/nodes`, { code: 'A.9', title: 'Nuovo', parent: 'A', weight: 10 }],
      ['POST', `/api/plans/${planId}/nodes/A.3/indicators`, { name: 'Nuovo', weight: 10, comparator: '>=', target: 5, unit: 'number' }],
      ['DELETE', `/api/plans/${planId}/indicators/${enc('A.3:1')}`, undefined],
      ['PATCH', `/api/plans/${planId}`, { title: 'Piano rinominato' }],
    ] as const) {
      const reply = await controller.request(method, path, payload);
      expect(reply.status, `${method} ${path}`).toBe(409);
      expect(reply.body.error.code).toBe('revision-required');
    }
    // Publishing is not a change to the plan, nor is a value: both still go through.
    expect((await controller.request('PATCH', `/api/plans/${planId}`, { published: true })).status).toBe(200);
    const value = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('A.1.1:1')}/measurements/2024-09-30`, { state: 'measured', actual: 40, version: 0 });
    expect(value.status, value.text).toBe(200);
    expect((await controller.get(`/api/plans/${planId}/tree`)).body.objectives.map((o: any) => o.code)).toContain('A.3');
  });

  it('closes the year end, the OIV validates it; the closed period is read from its closing', async () => {
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'collecting' })).status).toBe(200);
    const beforeClosing = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const closed = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    expect(closed.closing).toMatchObject({ seq: 1, closedBy: 'controller', changedAfter: [], deletedIndicators: [] });
    // Read from the closing, the tree is the one the controller saw before closing (only nothing is editable now).
    const readOnly = (tree: any): unknown => figures({ ...tree, objectives: tree.objectives.map((o: any) => ({ ...o, indicators: o.indicators.map((i: any) => ({ ...i, editable: false })) })) });
    expect(readOnly(closed)).toEqual(readOnly(beforeClosing));
    expect((await oiv.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'validated' })).status).toBe(200);
    validated = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    expect(validated.period.state).toBe('validated');
    expect(figures(validated)).toEqual(figures(closed));
    expect(objective(validated, 'A.1.1').performance).not.toBeNull();
    expect(validated.objectives.flatMap((o: any) => o.indicators).every((i: any) => i.editable === false)).toBe(true);
    // Open periods are read live, with no closing.
    expect((await controller.get(`/api/plans/${planId}/tree?period=2024-09-30`)).body.closing).toBeNull();
  });

  it('refuses a revision without a reason (422), opens one, and takes the changes inside it', async () => {
    for (const payload of [{}, { reason: '   ' }]) {
      const refused = await controller.request('POST', `/api/plans/${planId}/revisions`, payload, { 'accept-language': 'it-IT,it;q=0.9' });
      expect(refused.status, JSON.stringify(payload)).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'revision-reason-required', details: { field: 'reason' } });
      expect(refused.body.error.message).toBe('una variazione richiede il motivo');
    }
    expect((await oiv.request('POST', `/api/plans/${planId}/revisions`, { reason: 'x' })).status).toBe(403);
    const opened = await controller.request('POST', `/api/plans/${planId}/revisions`, {
      reason: 'Rimodulazione dei target dopo il monitoraggio di settembre',
      kind: 'rimodulazione',
      date: '2024-10-15',
    });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body).toMatchObject({ number: 1, kind: 'rimodulazione', status: 'open', act: null, date: '2024-10-15', openedBy: 'controller', changes: [] });
    const second = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'altra' });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'revision-open', details: { number: 1 } });
    expect((await controller.get(`/api/plans/${planId}`)).body.openRevision).toBe(1);

    const live = (await controller.get(`/api/plans/${planId}/tree?period=2024-09-30`)).body;
    const a111 = indicatorOf(live, 'A.1.1:1');
    const patched = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc('A.1.1:1')}`, { target: 99, weight: 40, version: a111.definitionVersion });
    expect(patched.status, patched.text).toBe(200);
    expect((await controller.request('DELETE', `/api/plans/${planId}/nodes/A.3`)).status).toBe(200);
    expect((await controller.request('PATCH', `/api/plans/${planId}/nodes/A.1`, { title: 'Turismo e cultura (rimodulato)' })).status).toBe(200);

    // The open period follows the revision…
    const after = (await controller.get(`/api/plans/${planId}/tree?period=2024-09-30`)).body;
    expect(indicatorOf(after, 'A.1.1:1')).toMatchObject({ target: 99, weight: 40, actual: 40 });
    expect(objective(after, 'A.3')).toBeUndefined();
    // …the validated one is the same document as before, every objective and indicator.
    const still = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    expect(figures(still)).toEqual(figures(validated));
    expect(still.period.state).toBe('validated');
    expect(objective(still, 'A.3')).toBeDefined();
    expect(objective(still, 'A.1').title).toBe(objective(validated, 'A.1').title);
    expect(still.closing.changedAfter).toEqual([
      { number: 1, kind: 'rimodulazione', reason: 'Rimodulazione dei target dopo il monitoraggio di settembre', date: '2024-10-15', status: 'open', changes: 3 },
    ]);
    // The explanation and the export of the validated period are the frozen ones too.
    const explained = (await controller.get(`/api/plans/${planId}/nodes/A/explanation?period=${YEAR_END}`)).body;
    expect(explained.performance).toBe(objective(validated, 'A').performance);
    const csv = await controller.get(`/api/plans/${planId}/export?format=csv&period=${YEAR_END}`);
    expect(csv.text).toContain('A.3');
    // The closing has not moved: nothing changed since it, as far as the period is concerned.
    const sinceClosing = (await controller.get(`/api/plans/${planId}/changes?period=${YEAR_END}&againstClosing=true`)).body;
    expect(sinceClosing.changes).toEqual([]);
  });

  it('keeps the register: every change before → after, the closed period it came after; approval with its act, added later', async () => {
    const anyone = await t.as('public');
    // Still open, the revision is the office's draft: the public reads it once approved.
    expect((await anyone.get(`/api/plans/${planId}/revisions`)).body).toEqual([]);
    const register = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(register).toHaveLength(1);
    const [r] = register;
    expect(r.changes.map((c: any) => [c.action, c.entity, c.entityId, c.user])).toEqual([
      ['update', 'indicator', 'A.1.1:1', 'controller'],
      ['delete', 'node', 'A.3', 'controller'],
      ['update', 'node', 'A.1', 'controller'],
    ]);
    expect(r.changes[0].before).toEqual({ weight: expect.any(String), target: expect.anything() });
    expect(r.changes[0].after).toEqual({ weight: '40', target: { kind: 'number', value: '99' } });
    expect(r.changes[1].before).toMatchObject({ code: 'A.3', indicators: expect.any(Array) });
    expect(r.changes[1].after).toBeNull();
    expect(r.changes[2].after).toEqual({ title: 'Turismo e cultura (rimodulato)' });
    expect(r.afterClosingOf).toEqual([{ periodId: YEAR_END, label: '31/12/2024', state: 'validated', closedAt: expect.any(String) }]);
    // The reports carry the register: "Variazioni intervenute nel corso dell'anno" (HTML, PDF) and the workbook's "Variazioni" sheet.
    const html = unescaped((await controller.get(`/api/plans/${planId}/export?format=html&period=2024-09-30`)).text);
    expect(html).toContain("Variazioni intervenute nel corso dell'anno");
    expect(html).toContain(`Indicatore ${TOURISM}: peso 70% → 40%`);
    expect(html).toContain('target 1 → 99');
    expect(html).toContain('Obiettivo A.3 eliminato');
    // Asked in English (`?lang=en`; a browser's Accept-Language alone keeps the Relazione Italian): the same register in English words.
    const htmlEn = unescaped((await controller.get(`/api/plans/${planId}/export?format=html&period=2024-09-30&lang=en`)).text);
    expect(htmlEn).toContain('<html lang="en">');
    expect(htmlEn).toContain('Revisions made during the year');
    expect(htmlEn).toContain(`Indicator ${TOURISM}: weight 70% → 40%; target 1 → 99`);
    expect(htmlEn).toContain('Objective A.3 deleted');
    expect(htmlEn).toContain('<h2 id="h-summary">Summary</h2>');
    expect(htmlEn).not.toContain('Variazioni intervenute');
    expect(htmlEn).not.toContain('Indicatore');
    expect((await controller.get(`/api/plans/${planId}/export?format=html&lang=fr`)).body.error).toMatchObject({ code: 'invalid-query', params: { field: 'lang', value: 'fr' } });
    for (const [lang, words] of [
      ['it', ["Variazioni intervenute nel corso dell'anno", `Indicatore ${TOURISM}: peso 70% → 40%; target 1 → 99`, 'Sintesi', 'Pagina 1 di']],
      ['en', ['Revisions made during the year', `Indicator ${TOURISM}: weight 70% → 40%; target 1 → 99`, 'Summary', 'Page 1 of']],
    ] as const) {
      const pdf = await fetch(`${t.url}/api/plans/${planId}/export?format=pdf&period=2024-09-30&lang=${lang}`, { headers: { cookie: controller.cookie! } });
      expect(pdf.status).toBe(200);
      const text = pdfText(await pdf.arrayBuffer()).replace(/\s+/g, ' ');
      for (const w of words) expect(text, `${lang}: ${w}`).toContain(w);
    }
    const xlsx = await fetch(`${t.url}/api/plans/${planId}/export?format=xlsx`, { headers: { cookie: controller.cookie! } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Variazioni')!;
    const cells = (n: number): unknown[] => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(cells(2)).toEqual(['N.', 'Tipo', 'Data', 'Motivo', 'Atto di approvazione', 'Stato', 'Modifica']);
    expect(cells(3)).toEqual([1, 'Rimodulazione', '15/10/2024', 'Rimodulazione dei target dopo il monitoraggio di settembre', 'da indicare', 'aperta', expect.stringContaining('target 1 → 99')]);
    // The audit trail carries the revision as the reason of each change (the program's words in the reader's language, the reason as typed).
    const trail = (await controller.get(`/api/audit?planId=${planId}&lang=it`)).body;
    expect(trail.find((e: any) => e.entity === 'node' && e.action === 'delete').reason).toBe('variazione n. 1: Rimodulazione dei target dopo il monitoraggio di settembre');
    const english = (await controller.get(`/api/audit?planId=${planId}&lang=en`)).body;
    expect(english.find((e: any) => e.entity === 'node' && e.action === 'delete').reason).toBe('revision n. 1: Rimodulazione dei target dopo il monitoraggio di settembre');

    const approved = await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, {});
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'controller', act: null });
    // Approved, the public reads it, without the accounts' login names (the office reads them).
    const published = (await anyone.get(`/api/plans/${planId}/revisions`)).body;
    expect(published.map((x: any) => [x.number, x.status, x.openedBy, x.approvedBy])).toEqual([[1, 'approved', null, null]]);
    expect(published[0].changes.map((c: any) => [c.action, c.entityId, c.after, c.user])).toEqual(r.changes.map((c: any) => [c.action, c.entityId, c.after, null]));
    expect((await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, {})).status).toBe(409);
    expect((await controller.request('PATCH', `/api/plans/${planId}/revisions/1`, { reason: 'altro' })).status).toBe(409);
    const act = { kind: 'Delibera di Giunta', number: '88', date: '2024-10-20' };
    const withAct = await controller.request('PATCH', `/api/plans/${planId}/revisions/1`, { act });
    expect(withAct.status, withAct.text).toBe(200);
    expect(withAct.body).toMatchObject({ status: 'approved', act });
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body).toMatchObject({ number: 1, act, changes: expect.any(Array) });
    expect((await controller.get(`/api/plans/${planId}/revisions/7`)).status).toBe(404);
    // The Relazione's chapter on revisions is the register; the office's text goes beside it as a comment.
    const comment = 'La rimodulazione ha seguito il monitoraggio di settembre.';
    expect((await controller.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts: { variazioni: comment }, version: 0 })).status).toBe(200);
    const relazione = (await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text;
    const chapter = relazione.slice(relazione.indexOf('Variazioni del piano nel corso'));
    expect(chapter).toContain('Nel corso dell&#39;anno il piano ha avuto una variazione, riportata nella tabella.');
    expect(chapter).toContain(comment);
    expect(chapter).toContain('Rimodulazione dei target dopo il monitoraggio di settembre');
    expect(chapter).toMatch(/Delibera di Giunta n\. 88/);
    expect(chapter.indexOf(comment)).toBeLessThan(chapter.indexOf('Rimodulazione dei target dopo il monitoraggio di settembre'));
    // Approved: the next change needs a new revision.
    expect((await controller.request('PATCH', `/api/plans/${planId}/nodes/A.1`, { weight: 50 })).body.error.code).toBe('revision-required');
    // An empty revision cannot be approved, it can be discarded.
    const empty = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'aperta per errore' });
    expect(empty.body.number).toBe(2);
    expect((await controller.request('POST', `/api/plans/${planId}/revisions/2/approve`, {})).status).toBe(409);
    expect((await controller.request('DELETE', `/api/plans/${planId}/revisions/2`)).status).toBe(200);
    const statuses = async () => (await controller.get(`/api/plans/${planId}/revisions`)).body.map((x: any) => [x.number, x.status]);
    expect(await statuses()).toEqual([
      [1, 'approved'],
      [2, 'discarded'],
    ]);
    // The discarded no. 2 stays on the record (the register, the trail): the next revision is no. 3, never a second no. 2.
    const discarded = (await controller.get(`/api/audit?planId=${planId}`)).body.filter((e: any) => e.entity === 'revision' && e.entityId === '2').map((e: any) => e.action);
    expect(discarded).toEqual(expect.arrayContaining(['create', 'discard']));
    const next = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'aperta di nuovo per errore' });
    expect(next.status, next.text).toBe(201);
    expect(next.body.number).toBe(3);
    expect((await controller.request('DELETE', `/api/plans/${planId}/revisions/3`)).status).toBe(200);
    expect(await statuses()).toEqual([
      [1, 'approved'],
      [2, 'discarded'],
      [3, 'discarded'],
    ]);
  });

  it('refuses to delete a plan with a validated period, archives it (hidden, readable, unchangeable) and brings it back', async () => {
    const deleted = await controller.request('DELETE', `/api/plans/${planId}`, undefined, { 'accept-language': 'it-IT,it;q=0.9' });
    expect(deleted.status).toBe(409);
    expect(deleted.body.error).toMatchObject({ code: 'plan-has-closed-periods', details: { periods: [{ id: YEAR_END, label: '31/12/2024', state: 'validated' }] } });
    expect(deleted.body.error.message).toBe("il piano ha periodi chiusi o validati (31/12/2024 (validato dall'OIV)): non può essere eliminato; puoi archiviarlo");

    const archived = await controller.request('POST', `/api/plans/${planId}/archive`);
    expect(archived.status, archived.text).toBe(200);
    expect(archived.body).toMatchObject({ archived: true, archivedAt: expect.any(String) });
    for (const who of ['controller', 'oiv', 'public'] as const) {
      const client = await t.as(who);
      expect(
        (await client.get('/api/plans')).body.map((p: any) => p.id),
        who,
      ).not.toContain(planId);
      expect(
        (await client.get('/api/plans?archived=true')).body.map((p: any) => p.id),
        who,
      ).toContain(planId);
      expect((await client.get(`/api/plans/${planId}`)).status, who).toBe(200);
      const tree = await client.get(`/api/plans/${planId}/tree?period=${YEAR_END}`);
      expect(tree.status, who).toBe(200);
      // The public is shown less about who entered what; the figures are the same.
      if (who !== 'public') expect(figures(tree.body)).toEqual(figures(validated));
      else expect(tree.body.objectives.map((o: any) => o.performance)).toEqual(validated.objectives.map((o: any) => o.performance));
    }
    expect((await controller.get('/api/plans?archived=maybe')).status).toBe(400);
    // Kept whole: no change, no value, no revision while archived.
    expect((await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'x' })).body.error.code).toBe('plan-archived');
    const value = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('A.1.1:2')}/measurements/2024-09-30`, { state: 'not_achieved', version: 0 });
    expect(value.status).toBe(409);
    expect(value.body.error.code).toBe('plan-archived');
    // A move the period could never make is refused for the plan's state too, not for the move's.
    for (const to of ['open', 'collecting'] as const) {
      const moved = await admin.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, reason: 'x' });
      expect(moved.status, to).toBe(409);
      expect(moved.body.error, to).toMatchObject({ code: 'plan-archived', details: { planId } });
    }
    expect((await controller.request('POST', `/api/plans/${planId}/archive`)).status).toBe(409);

    const back = await controller.request('POST', `/api/plans/${planId}/unarchive`);
    expect(back.status).toBe(200);
    expect((await controller.get('/api/plans')).body.map((p: any) => p.id)).toContain(planId);
    const trail = (await controller.get(`/api/audit?planId=${planId}`)).body.map((e: any) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['archive', 'unarchive', 'adopt', 'approve']));
  });

  it('lets only the administrator reopen a validated period, with a reason; the validation is void and recorded, the period read live again', async () => {
    const path = `/api/plans/${planId}/periods/${YEAR_END}/transition`;
    expect((await controller.request('POST', path, { to: 'collecting', reason: 'correzione' })).status).toBe(403);
    expect((await oiv.request('POST', path, { to: 'collecting', reason: 'correzione' })).status).toBe(403);
    // Without its reason: the field left empty, said at it (422), nothing moved.
    const unexplained = await admin.request('POST', path, { to: 'collecting' });
    expect(unexplained.status, unexplained.text).toBe(422);
    expect(unexplained.body.error).toMatchObject({ code: 'invalid', details: { field: 'reason' } });
    const reopened = await admin.request('POST', path, { to: 'collecting', reason: 'Errore materiale nel dato di B.1.1 segnalato dall’OIV' });
    expect(reopened.status, reopened.text).toBe(200);
    const entry = (await admin.get(`/api/audit?planId=${planId}`)).body.find((e: any) => e.entity === 'period' && e.entityId === YEAR_END);
    expect(entry).toMatchObject({
      action: 'void-validation',
      user: 'admin',
      before: { state: 'validated' },
      after: { state: 'collecting', validationVoided: true },
      reason: 'Errore materiale nel dato di B.1.1 segnalato dall’OIV',
    });
    const live = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    expect(live.closing).toBeNull();
    expect(objective(live, 'A.3')).toBeUndefined();
    expect(indicatorOf(live, 'A.1.1:1').target).toBe(99);
    // No period closed any more: the plan may be deleted.
    expect((await controller.request('DELETE', `/api/plans/${planId}`)).status).toBe(200);
  });

  it('documents the new routes in OpenAPI', async () => {
    const doc = (await controller.get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/plans/{planId}/revisions']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/plans/{planId}/revisions/{number}']).sort()).toEqual(['delete', 'get', 'patch']);
    for (const p of ['/api/plans/{planId}/adopt', '/api/plans/{planId}/archive', '/api/plans/{planId}/unarchive', '/api/plans/{planId}/revisions/{number}/approve'])
      expect(Object.keys(doc.paths[p]), p).toEqual(['post']);
  });
});
