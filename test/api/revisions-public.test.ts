/**
 * The register of revisions as the public reads it, through HTTP on SQLite: the office writes an
 * internal note on an indicator inside a revision beside a weight change; the transparency page,
 * the public register and export, and the Relazione disclose the weight 50% → 40% but never the note,
 * nor the accounts' login names, while the office still reads its whole register. Then the year end
 * is closed and a second revision is drafted (target 60,00% → 55,00%): the public reads the act that
 * adopted the plan and the closed figures, but not who adopted or closed them, nor anything of the draft.
 * A second plan's year end, published while still collecting (as the demo's), is the only period
 * offered to the public, as its targets: the transparency pages and the open data say its results
 * are not available yet (test/api/public-targets-only.test.ts reads every surface).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, startWithFixture, type Client, type TestServer } from './harness.js';

const NOTE = 'Nota interna: la struttura non ha ancora i dati di giugno';
const DRAFT_REASON = 'Bozza: rimodulazione ancora da discutere in Giunta';
const A211 = 'A.2.1:1';
const A212 = 'A.2.1:2';
// How the register names them: the name, then the objective's code.
const A211_NAMED = '«Attività di informazione e orientamento ai mercati» (A.2.1)';
const A212_NAMED = '«Capacità di risposta dello sportello internazionalizzazione» (A.2.1)';

describe('the public register of revisions', () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let anyone: Client;
  /** A second plan, never adopted, whose year end is collecting and published, as the demo's. */
  let collecting: string;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture('sqlite', { publish: true }));
    anyone = await t.as('public');
    const ok = (r: { status: number; text: string }, status = 200): void => expect(r.status, r.text).toBe(status);
    ok(await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Rimodulazione di metà anno', date: '2024-07-15' }), 201);
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(A211)}`, { weight: 40, version: indicatorOf(tree, A211).definitionVersion }));
    // A change of the note alone: nothing the public sees.
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(A212)}`, { notes: NOTE, version: indicatorOf(tree, A212).definitionVersion }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, { act: { kind: 'Delibera di Giunta', number: '45', date: '2024-07-20' } }));
    // The year end's values shown to the public, so that the plan's page carries its register.
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/publication`, { published: true }));
    for (const to of ['collecting', 'closed']) ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true }));
    // After the closing, a revision the office is still drafting: it changes the open periods only.
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: DRAFT_REASON, date: '2024-12-20' }), 201);
    const later = (await controller.get(`/api/plans/${planId}/tree`)).body;
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(A212)}`, { target: 55, version: indicatorOf(later, A212).definitionVersion }));
    collecting = await t.importFixture({ publish: true });
    ok(await controller.request('POST', `/api/plans/${collecting}/periods/2024-12-31/transition`, { to: 'collecting' }));
    ok(await controller.request('POST', `/api/plans/${collecting}/periods/2024-12-31/publication`, { published: true }));
  });
  afterAll(async () => t?.close());

  it('discloses the weight change on the transparency page without the internal note', async () => {
    const page = await anyone.get(`/trasparenza/${planId}/piano.html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Indicatore ${A211_NAMED}: peso 50% → 40%`);
    expect(page.text).not.toContain(NOTE);
    expect(page.text).not.toContain(`Indicatore ${A212_NAMED}`);
  });

  it('gives the public the register without the note and without login names; the office reads it whole', async () => {
    const register = await anyone.get(`/api/plans/${planId}/revisions`);
    expect(register.status).toBe(200);
    expect(register.text).not.toContain(NOTE);
    expect(register.text).not.toContain('controller');
    expect(register.body[0]).toMatchObject({ number: 1, openedBy: null, approvedBy: null });
    expect(register.body[0].changes.map((c: any) => [c.entityId, c.before, c.after, c.user])).toEqual([[A211, { weight: '50' }, { weight: '40' }, null]]);

    const office = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(office[0]).toMatchObject({ openedBy: 'controller', approvedBy: 'controller' });
    expect(office[0].changes.map((c: any) => [c.entityId, c.after, c.user])).toEqual([
      [A211, { weight: '40' }, 'controller'],
      [A212, { notes: NOTE }, 'controller'],
    ]);
  });

  it("leaves the note out of the public's export and of the Relazione", async () => {
    const exported = await anyone.get(`/api/plans/${planId}/export?format=html`);
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('peso 50% → 40%');
    expect(exported.text).not.toContain(NOTE);

    const relazione = await controller.get(`/api/plans/${planId}/relazione/export?format=html`);
    expect(relazione.status).toBe(200);
    expect(relazione.text).toContain('peso 50% → 40%');
    expect(relazione.text).not.toContain(NOTE);
  });

  it('gives the public the plan and its act without the login name of who adopted it, nor the draft revision', async () => {
    for (const plan of [(await anyone.get(`/api/plans/${planId}`)).body, (await anyone.get('/api/plans')).body.find((p: any) => p.id === planId)]) {
      expect(plan.adoption).toMatchObject({ act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' }, adoptedBy: null });
      expect(plan.openRevision).toBeNull();
      expect(JSON.stringify(plan)).not.toContain('controller');
    }
    const office = (await controller.get(`/api/plans/${planId}`)).body;
    expect(office.adoption.adoptedBy).toBe('controller');
    expect(office.openRevision).toBe(2);
  });

  it('lists to the public only the approved revision, in the register, the plan page and the export', async () => {
    const register = await anyone.get(`/api/plans/${planId}/revisions`);
    expect(register.status).toBe(200);
    expect(register.body.map((r: any) => [r.number, r.status])).toEqual([[1, 'approved']]);
    expect((await anyone.get(`/api/plans/${planId}/revisions/2`)).status).toBe(404);
    const page = await anyone.get(`/trasparenza/${planId}/piano.html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Indicatore ${A211_NAMED}: peso 50% → 40%`);
    for (const text of [register.text, page.text, (await anyone.get(`/api/plans/${planId}/export?format=html`)).text]) {
      expect(text).not.toContain(DRAFT_REASON);
      expect(text).not.toContain('60,00% → 55,00%');
    }
    const office = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(office.map((r: any) => [r.number, r.status, r.reason])).toEqual([
      [1, 'approved', 'Rimodulazione di metà anno'],
      [2, 'open', DRAFT_REASON],
    ]);
  });

  it('tells the public which act adopted the plan, and that the figures of the closed period are its results', async () => {
    const year = await anyone.get(`/trasparenza/${planId}/index.html`);
    expect(year.text).toContain('Albero performance 2024, adottato con Delibera di Giunta n. 12 del 30/01/2024');
    expect(year.text).toContain('Piano della performance con i risultati');
    expect(year.text).not.toContain('Risultati non ancora disponibili');
    const page = (await anyone.get(`/trasparenza/${planId}/piano.html`)).text;
    expect(page).toContain('<dt>Atto di adozione</dt><dd>Delibera di Giunta n. 12 del 30/01/2024</dd>');
    expect(page).toContain('<dt>Stato del periodo</dt><dd>chiuso, in attesa di validazione</dd>');
    const data = (await anyone.get(`/trasparenza/${planId}/dati.json`)).body;
    expect(data.metadata).toMatchObject({
      period: 'Periodo al 31/12/2024',
      periodState: 'chiuso, in attesa di validazione',
      adoption: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' },
    });
    const english = (await anyone.get(`/api/plans/${planId}/export?format=html&lang=en`)).text;
    expect(english).toContain('<dt>Adopting act</dt><dd>Delibera di Giunta no. 12 of 30/01/2024</dd>');
  });

  it('reads the closed period without who closed it and without the draft among the revisions made since', async () => {
    const tree = await anyone.get(`/api/plans/${planId}/tree?period=2024-12-31`);
    expect(tree.status).toBe(200);
    expect(tree.body.closing).toMatchObject({ closedBy: null, closedByName: null, changedAfter: [] });
    expect(tree.text).not.toContain(DRAFT_REASON);
    const office = (await controller.get(`/api/plans/${planId}/tree?period=2024-12-31`)).body;
    expect(office.closing).toMatchObject({ closedBy: 'controller', closedByName: 'controller' });
    // Nor does the comparison with the closing name them to the public (it gave the username).
    const compared = await anyone.get(`/api/plans/${planId}/changes?period=2024-12-31&againstClosing=true`);
    expect(compared.status, compared.text).toBe(200);
    expect(compared.body.before.closing).toMatchObject({ closedBy: null, closedByName: null });
    expect(office.closing.changedAfter.map((r: any) => [r.number, r.status, r.reason])).toEqual([[2, 'open', DRAFT_REASON]]);
  });

  it('are the only period offered to the public, whose tree lists no period it may not read', async () => {
    const tree = await anyone.get(`/api/plans/${collecting}/tree`);
    expect(tree.status).toBe(200);
    expect(tree.body.periods.map((p: any) => [p.id, p.state])).toEqual([['2024-12-31', 'collecting']]);
    expect((await anyone.get(`/api/plans/${collecting}/tree?period=2024-06-30`)).status).toBe(404);
    expect((await controller.get(`/api/plans/${collecting}/tree`)).body.periods.map((p: any) => p.id)).toEqual(['2024-06-30', '2024-09-30', '2024-12-31']);
  });

  it('are said to have no result yet on the year page, the plan page and in the open data; a plan not adopted names no act', async () => {
    const year = (await anyone.get(`/trasparenza/${collecting}/index.html`)).text;
    expect(year).toContain('<strong>Risultati non ancora disponibili: il periodo è in corso</strong>');
    expect(year).not.toContain('adottato con');
    const page = (await anyone.get(`/trasparenza/${collecting}/piano.html`)).text;
    expect(page).toContain('<dt>Stato del periodo</dt><dd>risultati non ancora disponibili: il periodo è in corso</dd>');
    expect(page).not.toContain('Atto di adozione');
    const data = (await anyone.get(`/trasparenza/${collecting}/dati.json`)).body;
    expect(data.metadata).toMatchObject({ periodState: 'risultati non ancora disponibili: il periodo è in corso', adoption: null });
  });
});
