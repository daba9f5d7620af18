/**
 * A plan's body (ente) corrected is one body everywhere, through HTTP on SQLite and PostgreSQL: the
 * year's SMVP, appraisal forms and art. 20 distributions, keyed by the body's name, follow the
 * plan to the corrected name (before, they stayed under the old one and vanished from the body's
 * screens and its /trasparenza page), each on the appraisals' trail as it was and is, in the
 * correction's transaction. A correction to a body that has records of its own that year is
 * refused at the field, in Italian and English, nothing moved; an adopted plan's body corrected
 * outside a revision is refused naming the body asked and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { hashPassword } from '../../src/server/auth.js';
import { SYSTEM } from '../../src/store/index.js';
import { storeDistribution } from '../support/distributions.js';
import { Client, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';

const CORRECTED = 'Camera di commercio di Prova';

describe.each<Backend>(['sqlite', 'postgres'])("a plan's body corrected, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let hr: Client;
  let formId: string;
  let evaluatedId: string;
  const ok = (r: { status: number; text: string }, status = 200): void => expect(r.status, r.text).toBe(status);

  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture({ publish: true });
    controller = await t.as('controller');
    hr = await t.as('personale');
    ok(await hr.request('PUT', '/api/smvp/2024?organisation=Ente', { document: exampleSmvpJson('Ente', 2024), reason: 'delibera n. 12' }));
    // Another body with an SMVP of its own that year (its plans are elsewhere).
    ok(await hr.request('PUT', '/api/smvp/2024?organisation=Other%20body', { document: exampleSmvpJson('Other body', 2024), reason: 'delibera n. 13' }));
    const hash = await hashPassword(PASSWORD);
    const ids: Record<string, string> = {};
    for (const username of ['dirigente', 'impiegato', 'collega']) {
      const u = await t.server.store.createUser({ username, displayName: username, role: 'referente', units: [REFERENTE_UNIT], passwordHash: hash }, SYSTEM);
      if (!u.ok) throw new Error(u.error.message);
      ids[username] = u.value.id;
    }
    const form = await hr.request('POST', '/api/appraisals', { year: 2024, personId: ids.impiegato, evaluatorId: ids.dirigente, category: 'eq', planId });
    ok(form, 201);
    formId = form.body.id as string;
    // Another form evaluated before the correction: signed under the body's name as it was.
    const unitId = (await t.server.store.listUnits()).find((u) => u.name === REFERENTE_UNIT)!.id;
    const other = await hr.request('POST', '/api/appraisals', {
      year: 2024,
      personId: ids.collega,
      evaluatorId: ids.dirigente,
      category: 'eq',
      planId,
      assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 }],
      objectives: [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }],
    });
    ok(other, 201);
    evaluatedId = other.body.id as string;
    const evaluator = new Client(t.url);
    await evaluator.login('dirigente');
    const person = new Client(t.url);
    await person.login('collega');
    let r = await evaluator.request('POST', `/api/appraisals/${evaluatedId}/actions`, { action: 'acknowledge', version: other.body.version });
    r = await person.request('POST', `/api/appraisals/${evaluatedId}/actions`, { action: 'acknowledge', version: r.body.version });
    r = await evaluator.request('POST', `/api/appraisals/${evaluatedId}/actions`, { action: 'interview', version: r.body.version, note: 'ok' });
    r = await evaluator.request('PATCH', `/api/appraisals/${evaluatedId}`, { version: r.body.version, ratings: { C1: 4, C2: 4, C3: 4 } });
    r = await evaluator.request('POST', `/api/appraisals/${evaluatedId}/actions`, { action: 'evaluate', version: r.body.version });
    ok(r);
    expect(r.body.state).toBe('evaluated');
    await storeDistribution(t.server.store, 'Ente', 2024, 'eq', [
      ['Buono', 100_000],
      ['Buono', 120_000],
      ['Buono', 90_000],
    ]);
  });
  afterAll(async () => t?.close());

  it('refuses a body that has its own records that year, at the field, in Italian and English; nothing moves', async () => {
    const it = await controller.request('PATCH', `/api/plans/${planId}`, { organisation: 'Other body' }, { 'accept-language': 'it' });
    expect(it.status, it.text).toBe(409);
    expect(it.body.error).toMatchObject({ code: 'conflict', details: { field: 'organisation' } });
    expect(it.body.error.message).toBe(
      "«Other body» ha già un proprio SMVP, schede di valutazione o distribuzioni dei premi del 2024: quelli di «Ente» non possono unirsi ai suoi; correggi l'ente con un altro nome, oppure chiedi prima all'ufficio personale di togliere quelli di «Other body»",
    );
    const en = await controller.request('PATCH', `/api/plans/${planId}`, { organisation: 'Other body' }, { 'accept-language': 'en' });
    expect(en.body.error.message).toBe(
      '“Other body” already has its own SMVP, appraisal forms or bonus distributions for 2024: those of “Ente” cannot join them; correct the body to another name, or ask HR to remove those of “Other body” first',
    );
    expect((await controller.get(`/api/plans/${planId}`)).body.organisation).toBe('Ente');
    expect((await hr.get('/api/smvp/2024?organisation=Ente')).status).toBe(200);
    expect((await hr.get('/api/appraisals?year=2024')).body.find((f: { id: string }) => f.id === formId).organisation).toBe('Ente');
  });

  it("takes the year's SMVP, forms and distributions with the plan, on the appraisals' trail", async () => {
    ok(await controller.request('PATCH', `/api/plans/${planId}`, { organisation: CORRECTED }));
    expect((await controller.get(`/api/plans/${planId}`)).body.organisation).toBe(CORRECTED);
    // The SMVP of the year is the corrected body's, as adopted (its document keeps the name it was adopted with).
    const smvp = await hr.get(`/api/smvp/2024?organisation=${encodeURIComponent(CORRECTED)}`);
    expect(smvp.status, smvp.text).toBe(200);
    expect(smvp.body.version).toBe(1);
    expect((await hr.get('/api/smvp/2024?organisation=Ente')).body).toMatchObject({ organisation: 'Ente', version: null });
    // The form reads the SMVP under the new name: its organisational component is still there.
    const forms = (await hr.get('/api/appraisals?year=2024')).body as { id: string; organisation: string }[];
    expect(forms.find((f) => f.id === formId)?.organisation).toBe(CORRECTED);
    expect(forms.find((f) => f.id === evaluatedId)?.organisation).toBe(CORRECTED);
    const open = await hr.get(`/api/appraisals/${formId}`);
    expect(open.status, open.text).toBe(200);
    expect(open.body.organisation).toBe(CORRECTED);
    // The evaluated form says the body it was evaluated with, on its screen and its printed document, and scores as evaluated.
    const evaluated = await hr.get(`/api/appraisals/${evaluatedId}`);
    expect(evaluated.status, evaluated.text).toBe(200);
    expect(evaluated.body).toMatchObject({ organisation: 'Ente', state: 'evaluated', record: { evaluation: { organisation: 'Ente' } } });
    expect(evaluated.body.result.score).toEqual(expect.any(Number));
    expect((await t.server.store.appraisals.formTrail(evaluatedId)).at(-1)).toMatchObject({ action: 'correct-body', after: { organisation: CORRECTED, evaluatedAs: 'Ente' } });
    // The distribution follows: on the body's API and its public page of /trasparenza.
    const rewards = await hr.get(`/api/rewards/2024?organisation=${encodeURIComponent(CORRECTED)}`);
    expect(rewards.status, rewards.text).toBe(200);
    expect(rewards.body.map((d: { category: string }) => d.category)).toEqual(['eq']);
    expect((await hr.get('/api/rewards/2024?organisation=Ente')).body).toEqual([]);
    const page = await (await fetch(`${t.url}/trasparenza/${planId}/premi.html`)).text();
    expect(page).toContain(`<p class="body">${CORRECTED}</p>`);
    expect(page).toContain('<td class="num">3</td><td class="num">3.100,00</td>');
    // Each on the appraisals' trail, as it was and is.
    const trail = await t.server.store.appraisals.formTrail(formId);
    expect(trail.at(-1)).toMatchObject({ action: 'correct-body', before: { organisation: 'Ente' }, after: { organisation: CORRECTED }, user: 'controller' });
    // The other body keeps its own.
    expect((await hr.get('/api/smvp/2024?organisation=Other%20body')).status).toBe(200);
  });

  it('says, refusing an adopted plan its body outside a revision, the body asked and what to do', async () => {
    ok(await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
    const it = await controller.request('PATCH', `/api/plans/${planId}`, { organisation: 'Altro ente' }, { 'accept-language': 'it' });
    expect(it.status, it.text).toBe(409);
    expect(it.body.error).toMatchObject({ code: 'revision-required', details: { field: 'organisation' } });
    expect(it.body.error.message).toBe(
      `il piano è adottato: l'ente («${CORRECTED}») si corregge in «Altro ente» all'interno di una variazione; aprila indicandone il motivo, poi correggi di nuovo l'ente`,
    );
    const en = await controller.request('PATCH', `/api/plans/${planId}`, { organisation: 'Altro ente' }, { 'accept-language': 'en' });
    expect(en.body.error.message).toBe(`the plan is adopted: its body (“${CORRECTED}”) is corrected to “Altro ente” inside a revision; open one, giving its reason, then correct the body again`);
    // A title is refused as before, in the words for every change of the definition.
    const title = await controller.request('PATCH', `/api/plans/${planId}`, { title: 'Altro titolo' }, { 'accept-language': 'en' });
    expect(title.body.error.message).toBe(
      'the plan is adopted: changes to its structure, titles, weights, targets, rules, formulas or owners are made inside a revision (open one, giving its reason)',
    );
    expect((await controller.get(`/api/plans/${planId}`)).body.organisation).toBe(CORRECTED);
  });

  it("leaves the year's records with the body while another plan of it that year remains", async () => {
    const made = await controller.request('POST', '/api/plans', { title: 'Piano di prova', year: 2024, organisation: CORRECTED });
    ok(made, 201);
    const second = made.body.id as string;
    ok(await controller.request('PATCH', `/api/plans/${second}`, { organisation: 'Terzo ente' }));
    // The adopted plan still is the body's that year: its SMVP, forms and distributions stay with it.
    expect((await hr.get(`/api/smvp/2024?organisation=${encodeURIComponent(CORRECTED)}`)).status).toBe(200);
    expect((await hr.get('/api/smvp/2024?organisation=Terzo%20ente')).body).toMatchObject({ organisation: 'Terzo ente', version: null });
    expect((await hr.get('/api/appraisals?year=2024')).body.map((f: { organisation: string }) => f.organisation)).toEqual([CORRECTED, CORRECTED]);
  });
});
