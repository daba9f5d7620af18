/**
 * HR saving a body's SMVP, making or changing an appraisal form, or running its bonus distribution
 * while the controller corrects the body's name (which takes the year's SMVP, forms and
 * distributions to the corrected name, store/appraisals.ts followCorrectedBody): both take the same
 * lock (a form's change, its row), so the save lands before the correction and is moved with it, or
 * comes after it and is refused at the body's name, naming where the records went (409, Italian and
 * English), nothing stored under the old name. A step on an evaluated form (the person's acceptance)
 * that lands first is moved with the form whole: the correction waits for the form's row and writes
 * the name the form was evaluated with onto the accepted document, not onto the one it read before. Over HTTP, on SQLite and PostgreSQL; how the other
 * writer gets in between, on each backend: ../support/another-writer.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { hashPassword } from '../../src/server/auth.js';
import { SYSTEM } from '../../src/store/index.js';
import { whileAnotherHolds } from '../support/another-writer.js';
import { Client, enc, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type Reply, type TestServer } from './harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A plan of its own on `t` (a body of its own too) whose body has its SMVP of 2024, version 1. Its id and body. */
async function bodyWithSmvp(t: TestServer, controller: Client, hr: Client): Promise<{ planId: string; body: string }> {
  const planId = await t.importFixture();
  const body = (await controller.get(`/api/plans/${planId}`)).body.organisation as string;
  const saved = await hr.request('PUT', `/api/smvp/2024?organisation=${enc(body)}`, { document: exampleSmvpJson(body, 2024), reason: 'delibera n. 12' });
  expect(saved.status, saved.text).toBe(200);
  return { planId, body };
}

/** Two accounts of their own on `t` (named after `tag`) to appraise: the person and their evaluator. */
async function personAndEvaluator(t: TestServer, tag: string): Promise<{ personId: string; evaluatorId: string }> {
  const hash = await hashPassword(PASSWORD);
  const [person, evaluator] = await Promise.all(
    ['persona', 'valutatore'].map((role) =>
      t.server.store.createUser({ username: `${role}-${tag}`, displayName: `${role} ${tag}`, role: 'referente', units: [REFERENTE_UNIT], passwordHash: hash }, SYSTEM),
    ),
  );
  if (!person!.ok || !evaluator!.ok) throw new Error('accounts not made');
  return { personId: person!.value.id, evaluatorId: evaluator!.value.id };
}

/**
 * A form of the body of `planId` evaluated by its evaluator (accounts of their own, after `tag`), now
 * the person's to accept or contest: its id, version and the person signed in.
 */
async function evaluatedForm(t: TestServer, hr: Client, planId: string, tag: string): Promise<{ id: string; version: number; person: Client }> {
  const { personId, evaluatorId } = await personAndEvaluator(t, tag);
  const person = new Client(t.url);
  const evaluator = new Client(t.url);
  await person.login(`persona-${tag}`);
  await evaluator.login(`valutatore-${tag}`);
  const created = await hr.request('POST', '/api/appraisals', {
    year: 2024,
    personId,
    evaluatorId,
    category: 'eq',
    planId,
    objectives: [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }],
  });
  expect(created.status, created.text).toBe(201);
  const id = String(created.body.id);
  const step = async (client: Client, body: Record<string, unknown>, version: number): Promise<number> => {
    const r = await client.request('POST', `/api/appraisals/${id}/actions`, { ...body, version });
    expect(r.status, r.text).toBe(200);
    return r.body.version as number;
  };
  let version = await step(evaluator, { action: 'acknowledge' }, created.body.version);
  version = await step(person, { action: 'acknowledge' }, version);
  version = await step(evaluator, { action: 'interview', note: 'Colloquio svolto' }, version);
  const rated = await evaluator.request('PATCH', `/api/appraisals/${id}`, { version, ratings: { C1: 3, C2: 3, C3: 3 } });
  expect(rated.status, rated.text).toBe(200);
  version = await step(evaluator, { action: 'evaluate' }, rated.body.version);
  return { id, version, person };
}

/** The controller's PATCH correcting the body of `planId` to `corrected`, made by `spy`'s next call before the store's own (once the route has checked the save). */
function correctingFirst<A extends unknown[], R>(target: { [k: string]: unknown }, method: string, controller: Client, planId: string, corrected: string): { correction: () => Reply | null } {
  const original = (target[method] as (...args: A) => Promise<R>).bind(target);
  let correction: Reply | null = null;
  vi.spyOn(target as Record<string, (...args: A) => Promise<R>>, method).mockImplementationOnce(async (...args: A) => {
    correction = await controller.request('PATCH', `/api/plans/${planId}`, { organisation: corrected });
    return original(...args);
  });
  return { correction: () => correction };
}

/** A server on `backend` with the controller and HR signed in. */
async function serverWithHr(backend: Backend): Promise<{ t: TestServer; controller: Client; hr: Client }> {
  const t = await startTestServer(backend);
  return { t, controller: await t.as('controller'), hr: await t.as('personale') };
}

describe.each<Backend>(['sqlite', 'postgres'])("an SMVP, a form or a distribution saved while the body's name is corrected, on %s", (backend) => {
  let t: TestServer;
  let controller: Client;
  let hr: Client;
  beforeAll(async () => {
    ({ t, controller, hr } = await serverWithHr(backend));
  });
  afterAll(async () => t?.close());

  it('is refused at the body, naming the corrected one, when the correction took the SMVP first; nothing is stored under the old name', async () => {
    const { planId, body } = await bodyWithSmvp(t, controller, hr);
    const corrected = `${body} (corretto)`;
    // The controller corrects the body once the route has checked HR's save, before the store's transaction.
    const race = correctingFirst(t.server.store.appraisals as never, 'saveSmvp', controller, planId, corrected);
    const save = (language: string, version?: number): Promise<Reply> =>
      hr.request('PUT', `/api/smvp/2024?organisation=${enc(body)}`, { document: exampleSmvpJson(body, 2024), reason: 'pesi rivisti', version }, { 'accept-language': language });
    const refused = await save('it', 1);
    expect(race.correction()?.status, race.correction()?.text).toBe(200);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', details: { field: 'organisation' }, params: { appraisal: 'smvp-body-corrected', from: body, to: corrected, year: 2024 } });
    expect(refused.body.error.message).toBe(`l'ente «${body}» è stato corretto in «${corrected}» per il 2024, e il suo SMVP con lui: salvarlo come SMVP di «${corrected}»`);
    // In English, and a save naming no version alike: it would start a second SMVP of the year.
    const english = await save('en');
    expect([english.status, english.body.error.message]).toEqual([409, `the body “${body}” was corrected to “${corrected}” for 2024, and its SMVP with it: save it as the SMVP of “${corrected}”`]);

    // The old name has none saved any more: a 200 saying so (`version: null`), not a 404.
    expect((await hr.get(`/api/smvp/2024?organisation=${enc(body)}`)).body).toMatchObject({ organisation: body, version: null });
    const moved = await hr.get(`/api/smvp/2024?organisation=${enc(corrected)}`);
    expect([moved.status, moved.body.version, moved.body.reason]).toEqual([200, 1, 'delibera n. 12']);
    // Saved under the corrected name, it goes on from the version moved.
    const resaved = await hr.request('PUT', `/api/smvp/2024?organisation=${enc(corrected)}`, { document: exampleSmvpJson(corrected, 2024), reason: 'pesi rivisti', version: 1 });
    expect([resaved.status, resaved.body.version]).toEqual([200, 2]);
  });

  it('refuses a form made under the old name, at the body, naming the corrected one; nothing is made under the old name', async () => {
    const { planId, body } = await bodyWithSmvp(t, controller, hr);
    const corrected = `${body} (corretto)`;
    const { personId, evaluatorId } = await personAndEvaluator(t, 'nuova');
    const race = correctingFirst(t.server.store.appraisals as never, 'createForm', controller, planId, corrected);
    const make = (language: string): Promise<Reply> => hr.request('POST', '/api/appraisals', { year: 2024, personId, evaluatorId, category: 'eq', planId }, { 'accept-language': language });
    const refused = await make('it');
    expect(race.correction()?.status, race.correction()?.text).toBe(200);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', details: { field: 'organisation' }, params: { appraisal: 'form-body-corrected', from: body, to: corrected, year: 2024, made: true } });
    expect(refused.body.error.message).toBe(`l'ente «${body}» è stato corretto in «${corrected}» per il 2024, e le sue schede di valutazione con lui: creare la scheda per «${corrected}»`);
    // Named outright, the old name is refused alike (in English).
    const english = await hr.request('POST', '/api/appraisals', { year: 2024, personId, evaluatorId, category: 'eq', organisation: body }, { 'accept-language': 'en' });
    expect([english.status, english.body.error.message]).toEqual([
      409,
      `the body “${body}” was corrected to “${corrected}” for 2024, and its appraisal forms with it: create the form for “${corrected}”`,
    ]);
    const forms = (await hr.get('/api/appraisals?year=2024')).body as { organisation: string }[];
    expect(forms.filter((f) => f.organisation === body)).toEqual([]);
    // Made again, it is the corrected body's.
    const made = await make('it');
    expect([made.status, made.body.organisation]).toEqual([201, corrected]);
  });

  it('refuses a change to a form read under the old name, at the body; the form, moved, keeps its version', async () => {
    const { planId, body } = await bodyWithSmvp(t, controller, hr);
    const corrected = `${body} (corretto)`;
    const { personId, evaluatorId } = await personAndEvaluator(t, 'cambiata');
    const other = await personAndEvaluator(t, 'altro');
    const form = await hr.request('POST', '/api/appraisals', { year: 2024, personId, evaluatorId, category: 'eq', planId });
    expect(form.status, form.text).toBe(201);
    const race = correctingFirst(t.server.store.appraisals as never, 'updateForm', controller, planId, corrected);
    const change = (language: string): Promise<Reply> =>
      hr.request('PATCH', `/api/appraisals/${String(form.body.id)}`, { version: form.body.version, evaluatorId: other.evaluatorId }, { 'accept-language': language });
    const refused = await change('en');
    expect(race.correction()?.status, race.correction()?.text).toBe(200);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'conflict',
      details: { field: 'organisation' },
      params: { appraisal: 'form-body-corrected', from: body, to: corrected, year: 2024, made: false },
    });
    expect(refused.body.error.message).toBe(`the body “${body}” was corrected to “${corrected}” for 2024, and the form with it: reload it and make the changes again`);
    const now = await hr.get(`/api/appraisals/${String(form.body.id)}`);
    expect([now.body.organisation, now.body.version, now.body.evaluator.id]).toEqual([corrected, form.body.version, evaluatorId]);
    // Read again, under the corrected name, the same change goes through.
    const again = await change('it');
    expect([again.status, again.body.evaluator.id]).toEqual([200, other.evaluatorId]);
  });

  it('moves a form accepted right before the correction as accepted: the acceptance stays, the evaluation keeps the old name', async () => {
    const { planId, body } = await bodyWithSmvp(t, controller, hr);
    const corrected = `${body} (corretto)`;
    const form = await evaluatedForm(t, hr, planId, 'accetta-prima');
    // The person accepts once the correction's route has read the plan, before the store's transaction.
    const store = t.server.store;
    const updatePlan = store.updatePlan.bind(store);
    let accepted: Reply | null = null;
    vi.spyOn(store, 'updatePlan').mockImplementationOnce(async (...args) => {
      accepted = await form.person.request('POST', `/api/appraisals/${form.id}/actions`, { action: 'accept', version: form.version });
      return updatePlan(...args);
    });
    const correction = await controller.request('PATCH', `/api/plans/${planId}`, { organisation: corrected });
    expect(accepted!.status, accepted!.text).toBe(200);
    expect(correction.status, correction.text).toBe(200);
    // The view says the name the form was evaluated with; the form is the corrected body's.
    const moved = await hr.get(`/api/appraisals/${form.id}`);
    expect(moved.body).toMatchObject({ organisation: body, state: 'accepted', version: accepted!.body.version, record: { acceptance: { at: expect.any(String) } } });
    const stored = (await store.appraisals.getForm(form.id))!;
    expect(stored.organisation).toBe(corrected);
    expect(stored.document).toMatchObject({ acceptance: { at: expect.any(String) }, evaluation: { organisation: body } });
  });

  it('refuses an acceptance of a form read under the old name, at the body, in both languages; read again, it is accepted', async () => {
    const said = {
      it: (body: string, corrected: string) => `l'ente «${body}» è stato corretto in «${corrected}» per il 2024, e la scheda con lui: ricaricarla e riportare le modifiche`,
      en: (body: string, corrected: string) => `the body “${body}” was corrected to “${corrected}” for 2024, and the form with it: reload it and make the changes again`,
    };
    // A body of its own for each language: read again after the correction, the form is accepted.
    for (const language of ['it', 'en'] as const) {
      const { planId, body } = await bodyWithSmvp(t, controller, hr);
      const corrected = `${body} (corretto)`;
      const form = await evaluatedForm(t, hr, planId, `accetta-dopo-${language}`);
      const race = correctingFirst(t.server.store.appraisals as never, 'updateForm', controller, planId, corrected);
      const accept = (): Promise<Reply> => form.person.request('POST', `/api/appraisals/${form.id}/actions`, { action: 'accept', version: form.version }, { 'accept-language': language });
      const refused = await accept();
      expect(race.correction()?.status, race.correction()?.text).toBe(200);
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'conflict',
        details: { field: 'organisation' },
        params: { appraisal: 'form-body-corrected', from: body, to: corrected, year: 2024, made: false },
      });
      expect(refused.body.error.message).toBe(said[language](body, corrected));
      // Moved, not accepted; the evaluation keeps the name it was made under.
      expect((await hr.get(`/api/appraisals/${form.id}`)).body).toMatchObject({ state: 'evaluated', version: form.version, record: { acceptance: null } });
      const moved = (await t.server.store.appraisals.getForm(form.id))!;
      expect([moved.organisation, moved.document]).toEqual([corrected, expect.objectContaining({ evaluation: expect.objectContaining({ organisation: body }) })]);
      const again = await accept();
      expect([again.status, again.body.state]).toEqual([200, 'accepted']);
      const accepted = (await t.server.store.appraisals.getForm(form.id))!;
      expect([accepted.organisation, accepted.document]).toEqual([
        corrected,
        expect.objectContaining({ acceptance: { at: expect.any(String) }, evaluation: expect.objectContaining({ organisation: body }) }),
      ]);
    }
  });

  it('refuses a distribution run under the old name, at the body, naming the corrected one; nothing is stored under the old name', async () => {
    const said = {
      it: (body: string, corrected: string) =>
        `l'ente «${body}» è stato corretto in «${corrected}» per il 2024, e le sue schede e distribuzioni dei premi con lui: distribuire i premi di «${corrected}»`,
      en: (body: string, corrected: string) => `the body “${body}” was corrected to “${corrected}” for 2024, and its forms and bonus distributions with it: distribute the bonuses of “${corrected}”`,
    };
    // A body of its own for each language: once corrected, a run under the old name finds no SMVP there before the store is asked.
    for (const language of ['it', 'en'] as const) {
      const { planId, body } = await bodyWithSmvp(t, controller, hr);
      const corrected = `${body} (corretto)`;
      const race = correctingFirst(t.server.store.appraisals as never, 'saveDistribution', controller, planId, corrected);
      const refused = await hr.request('POST', '/api/rewards/2024/distribute', { category: 'dirigente', fund: 1000, organisation: body }, { 'accept-language': language });
      expect(race.correction()?.status, race.correction()?.text).toBe(200);
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'conflict', details: { field: 'organisation' }, params: { appraisal: 'distribution-body-corrected', from: body, to: corrected, year: 2024 } });
      expect(refused.body.error.message).toBe(said[language](body, corrected));
      expect((await hr.get(`/api/rewards/2024?organisation=${enc(body)}`)).body).toEqual([]);
      expect((await hr.get(`/api/rewards/2024?organisation=${enc(corrected)}`)).body).toEqual([]);
    }
  });
});

describe("an SMVP, a form or a form's step saved while the body's name is corrected, on postgres, with both at once", () => {
  let t: TestServer;
  let controller: Client;
  let hr: Client;
  beforeAll(async () => {
    ({ t, controller, hr } = await serverWithHr('postgres'));
  });
  afterAll(async () => t?.close());

  it('moves a save that held the lock first with the SMVP: the correction waits for it', async () => {
    const { planId, body } = await bodyWithSmvp(t, controller, hr);
    const corrected = `${body} (corretto)`;
    // Another connection saves version 2 as the store does (the SMVP's lock first) and commits once
    // the correction waits on that lock.
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
    const save = `SELECT pg_advisory_xact_lock(4243); INSERT INTO smvp (organisation, year, version, document, reason, created_at, created_by) VALUES (${quote(body)}, 2024, 2, ${quote(JSON.stringify(exampleSmvpJson(body, 2024)))}, 'salvata in corsa', ${quote(new Date().toISOString())}, 'personale')`;
    const correction = await whileAnotherHolds(t.location, save, 'SELECT pg_advisory_xact_lock(4243)', () => controller.request('PATCH', `/api/plans/${planId}`, { organisation: corrected }));
    expect(correction.status, correction.text).toBe(200);
    const moved = await hr.get(`/api/smvp/2024?organisation=${enc(corrected)}`);
    expect([moved.status, moved.body.version, moved.body.reason]).toEqual([200, 2, 'salvata in corsa']);
    expect((await hr.get(`/api/smvp/2024?organisation=${enc(body)}&version=1`)).status).toBe(404);
  });

  it('moves a form made while it held the lock first: the correction waits for it', async () => {
    const { planId, body } = await bodyWithSmvp(t, controller, hr);
    const corrected = `${body} (corretto)`;
    const { personId, evaluatorId } = await personAndEvaluator(t, 'in-corsa');
    // Another connection makes a form as the store does (the forms' lock first) and commits once the correction waits on that lock.
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
    const at = quote(new Date().toISOString());
    const make = `SELECT pg_advisory_xact_lock(4246); INSERT INTO appraisal_forms (id, organisation, year, person_id, evaluator_id, category, plan_id, state, document, version, created_at, updated_at) VALUES ('form-in-corsa', ${quote(body)}, 2024, ${quote(personId)}, ${quote(evaluatorId)}, 'eq', ${quote(planId)}, 'draft', '{"assignments":[],"objectives":[],"ratings":{}}', 1, ${at}, ${at})`;
    const correction = await whileAnotherHolds(t.location, make, 'SELECT pg_advisory_xact_lock(4246)', () => controller.request('PATCH', `/api/plans/${planId}`, { organisation: corrected }));
    expect(correction.status, correction.text).toBe(200);
    expect((await t.server.store.appraisals.getForm('form-in-corsa'))?.organisation).toBe(corrected);
  });

  it('keeps an acceptance that held the form first: the correction waits for it, reads it and moves the form as accepted', async () => {
    const { planId, body } = await bodyWithSmvp(t, controller, hr);
    const corrected = `${body} (corretto)`;
    const form = await evaluatedForm(t, hr, planId, 'accetta-in-corsa');
    // Another connection accepts as the store does (the form's row locked, its state and document
    // written) and commits once the correction waits on that row, whichever of its statements first
    // reaches it: read before the acceptance, the evaluated document would be written back over it.
    const stored = (await t.server.store.appraisals.getForm(form.id))!;
    const acceptedAt = new Date().toISOString();
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
    const document = JSON.stringify({ ...(stored.document as object), acceptance: { at: acceptedAt } });
    const accept = `SELECT id FROM appraisal_forms WHERE id = ${quote(form.id)} FOR UPDATE; UPDATE appraisal_forms SET state = 'accepted', document = ${quote(document)}, version = version + 1, updated_at = ${quote(acceptedAt)} WHERE id = ${quote(form.id)}`;
    const correction = await whileAnotherHolds(t.location, accept, '%appraisal_forms', () => controller.request('PATCH', `/api/plans/${planId}`, { organisation: corrected }));
    expect(correction.status, correction.text).toBe(200);
    const moved = (await t.server.store.appraisals.getForm(form.id))!;
    expect([moved.organisation, moved.state, moved.version]).toEqual([corrected, 'accepted', form.version + 1]);
    expect(moved.document).toMatchObject({ acceptance: { at: acceptedAt }, evaluation: { organisation: body } });
    expect((await hr.get(`/api/appraisals/${form.id}`)).body.record.acceptance).toEqual({ at: acceptedAt });
  });
});
