/**
 * Nobody appraises themselves, HR included: on their own form a member of HR (or the administrator)
 * is the person and nothing more. Before, the `personale` account appraised rated its own
 * behaviours, entered its own actuals, changed its own evaluator and conciliated its own contest.
 * Through HTTP on SQLite and PostgreSQL; each refusal in both languages, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { startWithHr, type Backend, type Client, type TestServer } from './harness.js';

const OWN_IT = "è la tua scheda: la prepara, la corregge e la concilia un altro componente dell'ufficio personale o l'amministratore, non tu";
const OWN_EN = 'this is your own form: another member of HR or the administrator sets it up, corrects it and conciliates it, not you';

describe.each<Backend>(['sqlite', 'postgres'])("HR's own appraisal form on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let hr: Client;
  let admin: Client;
  let evaluator: Client;
  let hrId: string;
  let evaluatorId: string;
  let unitId: string;

  beforeAll(async () => {
    ({ t, planId, hr, admin, controller: evaluator, unitId } = await startWithHr(backend));
    const users = await t.server.store.listUsers();
    hrId = users.find((u) => u.username === 'personale')!.id;
    evaluatorId = users.find((u) => u.username === 'controller')!.id;
    expect((await hr.request('PUT', '/api/smvp/2024', { document: exampleSmvpJson('Ente', 2024) })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  const objective = (actual: number | null) => ({ id: 'o1', title: 'Pratiche evase', weight: 100, comparator: '>=', target: 100, ...(actual === null ? {} : { state: 'measured', actual }) });
  const newForm = { year: 2024, personId: '', evaluatorId: '', category: 'personale', planId: '', assignments: [] as unknown[], objectives: [objective(null)] };
  const formFor = () => ({ ...newForm, personId: hrId, evaluatorId, planId, assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31' }] });

  it('refuses HR making its own form, in both languages, and stores none', async () => {
    for (const [language, said] of [
      ['it', OWN_IT],
      ['en', OWN_EN],
    ] as const) {
      const refused = await hr.request('POST', '/api/appraisals', formFor(), { 'accept-language': language });
      expect(refused.status, refused.text).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', message: said, details: { field: 'personId' } });
    }
    expect((await admin.get('/api/appraisals?year=2024')).body).toEqual([]);
  });

  it("marks the reader's own account among the people, so no form is offered for it, and keeps it as an evaluator", async () => {
    type Listed = { id: string; username: string; own: boolean };
    const ownOf = async (client: Client) => ((await client.get('/api/appraisals/people')).body as Listed[]).filter((p) => p.own).map((p) => p.username);
    expect(await ownOf(hr)).toEqual(['personale']);
    expect(await ownOf(admin)).toEqual(['admin']);
    // Still listed, for HR may be named evaluator of another's form.
    const people = (await hr.get('/api/appraisals/people')).body as Listed[];
    expect(people.find((p) => p.id === hrId)).toMatchObject({ username: 'personale', own: true });
    expect(people.filter((p) => p.id !== hrId).every((p) => !p.own)).toBe(true);
  });

  it('lets HR act on its own form as the person only: no ratings, actuals, evaluator or conciliation of its own', async () => {
    const made = await admin.request('POST', '/api/appraisals', formFor());
    expect(made.status, made.text).toBe(201);
    const id = made.body.id as string;
    const read = async (client: Client = admin) => (await client.get(`/api/appraisals/${id}`)).body;
    // What the screen offers HR on its own form: the person's steps, no part to edit, no plan to change.
    expect((await read(hr)).may).toMatchObject({ edit: [], actions: ['acknowledge'], relations: ['person'], changePlan: false });

    let r = await hr.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: made.body.version });
    expect(r.status, r.text).toBe(200);
    r = await evaluator.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: r.body.version });
    expect(r.status, r.text).toBe(200);
    expect(r.body.state).toBe('assigned');
    const assigned = r.body;

    for (const [body, language, said] of [
      [{ ratings: { C1: 5, C2: 5, C3: 5 } }, 'it', OWN_IT],
      [{ objectives: [objective(150)] }, 'en', OWN_EN],
      [{ evaluatorId: (await t.server.store.listUsers()).find((u) => u.username === 'referente')!.id }, 'it', OWN_IT],
    ] as const) {
      const refused = await hr.request('PATCH', `/api/appraisals/${id}`, { version: assigned.version, ...body }, { 'accept-language': language });
      expect(refused.status, refused.text).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', message: said, details: { field: 'form' } });
    }
    const after = await read();
    expect(after).toMatchObject({ version: assigned.version, ratings: {}, evaluator: { id: evaluatorId }, objectives: [{ state: 'not_measured', actual: null }] });

    // The evaluator rates and evaluates; HR contests as the person, and may not conciliate its own contest.
    r = await evaluator.request('POST', `/api/appraisals/${id}/actions`, { action: 'interview', version: after.version, note: 'a metà anno' });
    r = await evaluator.request('PATCH', `/api/appraisals/${id}`, { version: r.body.version, ratings: { C1: 3, C2: 3, C3: 3 }, objectives: [objective(80)] });
    expect(r.status, r.text).toBe(200);
    r = await evaluator.request('POST', `/api/appraisals/${id}/actions`, { action: 'evaluate', version: r.body.version });
    expect(r.status, r.text).toBe(200);
    r = await hr.request('POST', `/api/appraisals/${id}/actions`, { action: 'contest', version: r.body.version, reason: 'le pratiche erano 100' });
    expect(r.status, r.text).toBe(200);
    const contested = r.body;
    expect((await read(hr)).may).toMatchObject({ edit: [], actions: [] });

    const revised = await hr.request('PATCH', `/api/appraisals/${id}`, { version: contested.version, objectives: [objective(100)] }, { 'accept-language': 'en' });
    expect(revised.status, revised.text).toBe(403);
    expect(revised.body.error.message).toBe(OWN_EN);
    const conciliated = await hr.request(
      'POST',
      `/api/appraisals/${id}/actions`,
      { action: 'conciliate', version: contested.version, outcome: 'revised', note: 'accolto' },
      { 'accept-language': 'it' },
    );
    expect(conciliated.status, conciliated.text).toBe(403);
    expect(conciliated.body.error).toMatchObject({ code: 'forbidden', message: OWN_IT, details: { field: 'action' } });
    expect(await read()).toMatchObject({ version: contested.version, state: 'contested', objectives: [{ actual: 80 }] });

    // The administrator, HR too, conciliates it.
    const byAdmin = await admin.request('POST', `/api/appraisals/${id}/actions`, { action: 'conciliate', version: contested.version, outcome: 'confirmed', note: 'confermata' });
    expect(byAdmin.status, byAdmin.text).toBe(200);
    expect(byAdmin.body.state).toBe('final');
  });
});
