/**
 * An appraisal form never points at a deleted plan, on SQLite and PostgreSQL. A form reads its
 * organisational results from its plan (`planId`) until it is evaluated, and keeps them frozen, with
 * their source, after. Deleting a plan that is not its body's last of the year moves its forms to the
 * plan of that body and year that remains (the published one first, else the newest), each with a
 * new version and on the appraisals' trail (`plan-deleted`, who, when, the plan before → after);
 * a form evaluated against the plan, or one no plan of the body and year can take (a form of another
 * body), refuses the deletion (409 `plan-has-forms`, Italian and English), nothing moved or deleted.
 * A form linked to a plan deleted meanwhile is refused (409 `form-plan-gone`), and one linked at the
 * deletion's moment is waited for and moved. Records saved under a body after its last plan of the
 * year was deleted are listed for HR as stranded (GET /api/appraisals/stranded-bodies) and can be
 * assigned; a body that never had a plan that year is not listed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { whileAnotherHolds } from '../support/another-writer.js';
import { formPlanKit } from './form-plans.js';
import { Client, enc, startTestServer, type Backend, type Reply, type TestServer } from './harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each<Backend>(['sqlite', 'postgres'])("a deleted plan's appraisal forms, on %s", (backend) => {
  const { server, people, plan, smvp, form, bodyOf, remove, trailOf, pastTheStore } = formPlanKit(backend);
  let t: TestServer;
  let controller: Client;
  let hr: Client;
  beforeAll(() => void ({ t, controller, hr } = server));

  it("moves the forms to the body's remaining plan of the year, the published one first, else the newest; each with a new version, on the trail", async () => {
    const first = await t.importFixture();
    const body = await bodyOf(first);
    await smvp(body);
    const published = await plan(body, 'Piano B (pubblicato)');
    expect((await controller.request('PATCH', `/api/plans/${published}`, { published: true })).status).toBe(200);
    const newer = await plan(body, 'Piano C');
    const moved = await form('sposta', { planId: first });
    const staying = await form('resta', { planId: newer });

    const gone = await remove(first);
    expect(gone.status, gone.text).toBe(200);
    const after = (await hr.get(`/api/appraisals/${moved.id}`)).body;
    expect(after).toMatchObject({ planId: published, version: moved.version + 1, organisation: body });
    // Its provisional score is read from the plan it now names, as before from the deleted one.
    expect(after.result).not.toBeNull();
    expect((await trailOf(moved.id)).at(-1)).toMatchObject({
      action: 'plan-deleted',
      user: 'controller',
      before: { planId: first, planTitle: expect.any(String) },
      after: { planId: published, planTitle: 'Piano B (pubblicato)' },
    });
    // A form of another plan is not touched.
    expect((await hr.get(`/api/appraisals/${staying.id}`)).body).toMatchObject({ planId: newer, version: staying.version });
    // A save from the form as read against the deleted plan is a stale one.
    const stale = await hr.request('PATCH', `/api/appraisals/${moved.id}`, { version: moved.version, objectives: [] });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error.params).toMatchObject({ appraisal: 'form-changed' });

    // No published plan left: the newest made.
    const newest = await plan(body, 'Piano D');
    expect((await remove(published)).status).toBe(200);
    expect((await hr.get(`/api/appraisals/${moved.id}`)).body.planId).toBe(newest);
    expect((await trailOf(moved.id)).at(-1)).toMatchObject({ action: 'plan-deleted', before: { planId: published }, after: { planId: newest, planTitle: 'Piano D' } });
  });

  it('refuses to delete a plan a form was evaluated against, in Italian and English; nothing moved or deleted', async () => {
    const planId = await t.importFixture();
    const body = await bodyOf(planId);
    await smvp(body);
    await plan(body, 'Piano bis');
    const draft = await form('bozza', { planId });
    const { personId, evaluatorId } = await people('valutata');
    const person = new Client(t.url);
    const evaluator = new Client(t.url);
    await person.login('persona-valutata');
    await evaluator.login('valutatore-valutata');
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
    const step = async (client: Client, action: Record<string, unknown>, version: number): Promise<number> => {
      const r = await client.request('POST', `/api/appraisals/${id}/actions`, { ...action, version });
      expect(r.status, r.text).toBe(200);
      return r.body.version as number;
    };
    let version = await step(evaluator, { action: 'acknowledge' }, created.body.version);
    version = await step(person, { action: 'acknowledge' }, version);
    version = await step(evaluator, { action: 'interview', note: 'Colloquio svolto' }, version);
    const rated = await evaluator.request('PATCH', `/api/appraisals/${id}`, { version, ratings: { C1: 3, C2: 3, C3: 3 } });
    expect(rated.status, rated.text).toBe(200);
    version = await step(evaluator, { action: 'evaluate' }, rated.body.version);

    const it = await remove(planId, 'it');
    expect(it.status, it.text).toBe(409);
    expect(it.body.error).toMatchObject({
      code: 'plan-has-forms',
      params: { organisation: body, year: 2024, evaluated: 1, unmovable: 0 },
      details: { field: 'forms', forms: [{ id, state: 'evaluated', evaluated: true }] },
    });
    expect(it.body.error.message).toBe(
      '1 scheda di valutazione è stata valutata sui risultati di questo piano, che restano fissati nella valutazione: spostarla su un altro piano ne falserebbe la fonte; il piano non può essere eliminato: archivialo (resta intero)',
    );
    const en = await remove(planId, 'en');
    expect(en.status, en.text).toBe(409);
    expect(en.body.error.message).toBe(
      "1 appraisal form was evaluated on this plan's results: the evaluation froze them, and moving it to another plan would misstate where its figures came from; the plan cannot be deleted: archive it instead (it is kept whole)",
    );
    // Nothing deleted, nothing moved: the plan, both forms on it, no move on their trails.
    expect((await controller.get(`/api/plans/${planId}`)).status).toBe(200);
    expect((await hr.get(`/api/appraisals/${id}`)).body).toMatchObject({ planId, version, state: 'evaluated' });
    expect((await hr.get(`/api/appraisals/${draft.id}`)).body).toMatchObject({ planId, version: draft.version });
    expect((await trailOf(draft.id)).map((e) => e.action)).toEqual(['create']);
  });

  it("refuses to delete a plan a form of another body reads when no plan of the plan's body and year remains", async () => {
    const planId = await plan('Comune di Eta', "Piano dell'Eta");
    // Such a form is refused now (plan-other-body, form-plan-integrity.test.ts): one written before that check, past today's store.
    const other = await form('altro-ente', { organisation: 'Comune di Theta' });
    await pastTheStore(`UPDATE appraisal_forms SET plan_id = ? WHERE id = ?`, [planId, other.id]);
    const r = await remove(planId, 'en');
    expect(r.status, r.text).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'plan-has-forms', params: { evaluated: 0, unmovable: 1 }, details: { field: 'forms', forms: [{ id: other.id, state: 'draft', evaluated: false }] } });
    expect(r.body.error.message).toBe(
      '1 appraisal form takes its organisational results from this plan, and no other plan of 2024 of the body “Comune di Eta” can take its place: HR should first link that form to a plan of their own body, or archive the plan (it is kept whole)',
    );
    expect((await remove(planId, 'it')).body.error.message).toBe(
      "1 scheda di valutazione prende i risultati organizzativi da questo piano, e nessun altro piano del 2024 dell'ente «Comune di Eta» può sostituirlo: prima l'ufficio personale deve collegare quella scheda al piano del loro ente, oppure archivia il piano (resta intero)",
    );
    expect((await controller.get(`/api/plans/${planId}`)).status).toBe(200);
    // Linked to no plan, the form lets it go.
    const unlinked = await hr.request('PATCH', `/api/appraisals/${other.id}`, { version: other.version, planId: null, reason: 'scheda di un altro ente' });
    expect(unlinked.status, unlinked.text).toBe(200);
    expect((await remove(planId)).status).toBe(200);
  });

  it('refuses a form linked to a plan deleted between the request and the store, at planId, in Italian and English', async () => {
    const body = 'Comune di Omicron';
    const keep = await plan(body, 'Piano che resta');
    const doomed = await plan(body, 'Piano eliminato nel frattempo');
    const store = t.server.store.appraisals as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const lang of ['it', 'en'] as const) {
      const target = lang === 'it' ? doomed : await plan(body, 'Piano eliminato anche lui');
      const original = store.createForm!.bind(store);
      let deletion: Reply | null = null;
      vi.spyOn(store, 'createForm').mockImplementationOnce(async (...args: unknown[]) => {
        deletion = await remove(target);
        return original(...args);
      });
      const r = await hr.request('POST', '/api/appraisals', { year: 2024, ...(await people(`tardi-${lang}`)), category: 'eq', planId: target }, { 'accept-language': lang });
      expect((deletion as Reply | null)?.status).toBe(200);
      expect(r.status, r.text).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'conflict', details: { field: 'planId' }, params: { appraisal: 'form-plan-gone', planId: target } });
      expect(r.body.error.message).toBe(
        lang === 'it' ? 'il piano scelto per la scheda è stato eliminato nel frattempo: sceglierne un altro' : 'the plan chosen for the form was deleted meanwhile: choose another',
      );
    }
    // Nothing stored: no form reads a deleted plan.
    expect((await t.server.store.appraisals.listForms({ year: 2024 })).filter((f) => f.planId === doomed)).toEqual([]);
    expect((await controller.get(`/api/plans/${keep}`)).status).toBe(200);
  });

  it('refuses a form changed to read a plan deleted between the request and the store', async () => {
    const body = 'Comune di Pi';
    const keep = await plan(body, 'Piano di Pi');
    const doomed = await plan(body, 'Piano di Pi, bis');
    const f = await form('cambia-piano', { planId: keep });
    const store = t.server.store.appraisals as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const original = store.updateForm!.bind(store);
    vi.spyOn(store, 'updateForm').mockImplementationOnce(async (...args: unknown[]) => {
      expect((await remove(doomed)).status).toBe(200);
      return original(...args);
    });
    const r = await hr.request('PATCH', `/api/appraisals/${f.id}`, { version: f.version, planId: doomed, reason: 'piano sbagliato' });
    expect(r.status, r.text).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'conflict', details: { field: 'planId' }, params: { appraisal: 'form-plan-gone', planId: doomed } });
    expect((await hr.get(`/api/appraisals/${f.id}`)).body).toMatchObject({ planId: keep, version: f.version });
  });

  // PostgreSQL only: SQLite lets one writer in at a time, so no form can be linked between the deletion's read and its end.
  if (backend === 'postgres')
    it('waits for a form linked to the plan at the same moment and moves it with the others', async () => {
      const body = 'Comune di Rho';
      const doomed = await plan(body, 'Piano di Rho');
      const remaining = await plan(body, 'Piano di Rho, bis');
      const { personId, evaluatorId } = await people('stesso-momento');
      // Another HR desk's createForm: the plan's row share-locked (planStands), the form inserted and not yet committed.
      const at = new Date().toISOString();
      const other = `SELECT id FROM plans WHERE id = '${doomed}' FOR SHARE; INSERT INTO appraisal_forms (id, organisation, year, person_id, evaluator_id, category, plan_id, state, document, version, created_at, updated_at) VALUES ('form-rho', '${body}', 2024, '${personId}', '${evaluatorId}', 'eq', '${doomed}', 'draft', '{}', 1, '${at}', '${at}')`;
      const r = await whileAnotherHolds(t.location, other, 'SELECT p.id', () => remove(doomed));
      expect(r.status, r.text).toBe(200);
      const moved = await t.server.store.appraisals.getForm('form-rho');
      expect(moved).toMatchObject({ planId: remaining, version: 2 });
    });
});

describe.each<Backend>(['sqlite', 'postgres'])('records saved under a body after its last plan was deleted, on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let hr: Client;
  beforeAll(async () => {
    t = await startTestServer(backend);
    controller = await t.as('controller');
    hr = await t.as('personale');
  }, 60_000);
  afterAll(async () => t?.close());

  const stranded = async (lang: 'it' | 'en'): Promise<any[]> => {
    const r = await hr.get(`/api/appraisals/stranded-bodies?lang=${lang}`);
    expect(r.status, r.text).toBe(200);
    return r.body;
  };

  it('lists them for HR with the plans deleted, who can assign them; a body that never had a plan that year is not listed', async () => {
    const made = await controller.request('POST', '/api/plans', { title: 'Piano di Iota', year: 2024, organisation: 'Comune di Iota' });
    expect(made.status, made.text).toBe(201);
    const kappa = await controller.request('POST', '/api/plans', { title: 'Piano di Kappa', year: 2024, organisation: 'Comune di Kappa' });
    expect(kappa.status, kappa.text).toBe(201);
    // No records yet: the deletion goes; then HR saves the body's SMVP, as from a screen read before it.
    expect((await controller.request('DELETE', `/api/plans/${String(made.body.id)}`)).status).toBe(200);
    const saved = await hr.request('PUT', `/api/smvp/2024?organisation=${enc('Comune di Iota')}`, { document: exampleSmvpJson('Comune di Iota', 2024), reason: 'delibera n. 9' });
    expect(saved.status, saved.text).toBe(200);
    // An SMVP adopted before its body's plan is imported is no stranded record.
    const early = await hr.request('PUT', `/api/smvp/2024?organisation=${enc('Comune di Lambda')}`, { document: exampleSmvpJson('Comune di Lambda', 2024), reason: 'delibera n. 10' });
    expect(early.status, early.text).toBe(200);

    const it = await stranded('it');
    expect(it).toEqual([
      {
        organisation: 'Comune di Iota',
        year: 2024,
        correctedTo: [],
        deletedPlans: ['Piano di Iota'],
        message:
          "registrazioni del 2024 sotto un ente che nessun piano di quell'anno porta più: «Comune di Iota» (piano eliminato: «Piano di Iota»): SMVP, schede o distribuzioni da attribuire a mano",
        records: { smvpVersions: [1], forms: [], distributions: [] },
        bodies: [{ name: 'Comune di Kappa', candidate: false, hasRecords: false }],
      },
    ]);
    expect((await stranded('en'))[0].message).toBe(
      '2024 records under a body no plan of that year carries any more: “Comune di Iota” (plan deleted: “Piano di Iota”): an SMVP, forms or distributions to assign by hand',
    );

    const assigned = await hr.request('POST', '/api/appraisals/stranded-bodies/assign', { organisation: 'Comune di Iota', year: 2024, to: 'Comune di Kappa' });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body.moved).toBe(1);
    expect(await stranded('it')).toEqual([]);
    expect((await hr.get(`/api/smvp/2024?organisation=${enc('Comune di Kappa')}`)).status).toBe(200);
  });
});
