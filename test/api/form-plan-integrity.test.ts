/**
 * An appraisal form's plan is of the form's own body and year, on SQLite and PostgreSQL: a form made
 * or relinked to another body's plan is refused at `planId` (422 `plan-other-body`, Italian and
 * English, saying whose the plan is and whose the form needs), nothing written, and checked in the
 * store's transaction under the plan row's lock, so a body corrected between the route's read and
 * the store's write (or, on PostgreSQL, at the same moment) does not slip through; a plan's body
 * corrected while another plan of the old body stays takes that body's forms off it, to that plan.
 *
 * A form not yet evaluated naming a plan that is not there (a row written past the store, as only
 * after migration 83 can be) no longer takes the whole list down: it is a row of its own in the
 * forms' list (no score, `planMissing` saying what happened and that HR relinks it), the others
 * computed as ever; a read of it says the same (409 at `planId`), a change other than the relink is
 * refused before it is stored, the relink goes through; the bonus distribution counts it as a pending
 * form, listed apart as one with no plan.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { whileAnotherHolds } from '../support/another-writer.js';
import { formPlanKit } from './form-plans.js';
import { type Backend, type Client, type Reply, type TestServer } from './harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each<Backend>(['sqlite', 'postgres'])("an appraisal form's plan, on %s", (backend) => {
  const { server, people, plan, smvp, pastTheStore } = formPlanKit(backend);
  let t: TestServer;
  let controller: Client;
  let hr: Client;
  beforeAll(() => void ({ t, controller, hr } = server));
  const formsOf = async (personId: string) => (await t.server.store.appraisals.listForms()).filter((f) => f.personId === personId);

  it("refuses a form made or relinked to another body's plan, at planId, in Italian and English; nothing written", async () => {
    const own = await plan('Comune di Sigma', 'Piano di Sigma');
    const other = await plan('Comune di Tau', 'Piano di Tau');
    const who = await people('altro-ente');
    const make = (lang: 'it' | 'en'): Promise<Reply> =>
      hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId: other, organisation: 'Comune di Sigma' }, { 'accept-language': lang });
    const it = await make('it');
    expect(it.status, it.text).toBe(422);
    expect(it.body.error).toMatchObject({
      code: 'plan-other-body',
      params: { organisation: 'Comune di Sigma', year: 2024, planTitle: 'Piano di Tau', planOrganisation: 'Comune di Tau', planYear: 2024 },
      issues: [expect.objectContaining({ code: 'plan-other-body', location: { field: 'planId' } })],
    });
    expect(it.body.error.message).toBe(
      "la scheda è dell'ente «Comune di Sigma» per il 2024: i risultati organizzativi vengono da un piano di «Comune di Sigma» del 2024, non dal piano «Piano di Tau», che è di «Comune di Tau» del 2024",
    );
    expect((await make('en')).body.error.message).toBe(
      'the form is of the body “Comune di Sigma” for 2024: its organisational results come from a plan of “Comune di Sigma” of 2024, not from the plan “Piano di Tau”, which is of “Comune di Tau” of 2024',
    );
    expect(await formsOf(who.personId)).toEqual([]);

    // Made on its own body's plan, it cannot be relinked to the other body's either.
    const made = await hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId: own });
    expect([made.status, made.body.organisation]).toEqual([201, 'Comune di Sigma']);
    const relinked = await hr.request('PATCH', `/api/appraisals/${String(made.body.id)}`, { version: made.body.version, planId: other, reason: 'piano sbagliato' }, { 'accept-language': 'en' });
    expect(relinked.status, relinked.text).toBe(422);
    expect(relinked.body.error).toMatchObject({ code: 'plan-other-body', issues: [expect.objectContaining({ location: { field: 'planId' } })] });
    expect(relinked.body.error.message).toContain('not from the plan “Piano di Tau”, which is of “Comune di Tau” of 2024');
    const [stored] = await formsOf(who.personId);
    expect([stored!.planId, stored!.version]).toEqual([own, made.body.version]);
    expect((await hr.get(`/api/appraisals/${String(made.body.id)}/trail`)).body.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('refuses a form whose plan had its body corrected between the request and the store; made again, it is of the corrected body', async () => {
    const body = 'Comune di Ypsilon';
    const doomed = await plan(body, 'Piano di Ypsilon');
    // Another plan of the body stays, so the body's records stay with it and the form would be left on another body's plan.
    await plan(body, 'Piano di Ypsilon, bis');
    const who = await people('corretto-intanto');
    const store = t.server.store.appraisals as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const original = store.createForm!.bind(store);
    let correction: Reply | null = null;
    vi.spyOn(store, 'createForm').mockImplementationOnce(async (...args: unknown[]) => {
      correction = await controller.request('PATCH', `/api/plans/${doomed}`, { organisation: 'Comune di Phi' });
      return original(...args);
    });
    const r = await hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId: doomed }, { 'accept-language': 'it' });
    expect((correction as Reply | null)?.status, (correction as Reply | null)?.text).toBe(200);
    expect(r.status, r.text).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'plan-other-body', params: { organisation: body, planOrganisation: 'Comune di Phi' } });
    expect(await formsOf(who.personId)).toEqual([]);
    const again = await hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId: doomed });
    expect([again.status, again.body.organisation]).toEqual([201, 'Comune di Phi']);
  });

  it("moves the old body's forms off a plan whose body is corrected while another plan of that body stays, each on the trail", async () => {
    const body = 'Comune di Omega';
    const corrected = await plan(body, 'Piano di Omega');
    const stays = await plan(body, 'Piano di Omega, bis');
    const made = await hr.request('POST', '/api/appraisals', { year: 2024, ...(await people('piano-corretto')), category: 'eq', planId: corrected });
    expect(made.status, made.text).toBe(201);
    const r = await controller.request('PATCH', `/api/plans/${corrected}`, { organisation: 'Comune di Alef' });
    expect(r.status, r.text).toBe(200);
    // The form stays the old body's (its other plan carries the name), and reads that body's plan, not another body's.
    const after = await hr.get(`/api/appraisals/${String(made.body.id)}`);
    expect(after.body).toMatchObject({ organisation: body, planId: stays, version: made.body.version + 1 });
    const trail = (await hr.get(`/api/appraisals/${String(made.body.id)}/trail`)).body as unknown[];
    expect(trail.at(-1)).toMatchObject({
      action: 'plan-body-corrected',
      user: 'controller',
      before: { planId: corrected, planTitle: 'Piano di Omega', planOrganisation: 'Comune di Alef' },
      after: { planId: stays, planTitle: 'Piano di Omega, bis' },
    });
  });

  // PostgreSQL only: SQLite lets one writer in at a time, so no body is corrected between the store's lock and its read.
  if (backend === 'postgres')
    it("waits for a body correction of the plan made at the same moment, and refuses the form of the plan's old body", async () => {
      const body = 'Comune di Chi';
      const planId = await plan(body, 'Piano di Chi');
      await plan('Comune di Psi', 'Piano di Psi');
      const who = await people('stesso-momento');
      // Another desk's correction, uncommitted: the plan's row locked for update, its body changed.
      const other = `SELECT id FROM plans WHERE id = '${planId}' FOR UPDATE; UPDATE plans SET organisation_id = (SELECT id FROM organisations WHERE name = 'Comune di Psi') WHERE id = '${planId}'`;
      const r = await whileAnotherHolds(t.location, other, 'SELECT id FROM plans', () =>
        hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId, organisation: body }, { 'accept-language': 'en' }),
      );
      expect(r.status, r.text).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'plan-other-body', params: { organisation: body, planOrganisation: 'Comune di Psi' } });
      expect(await formsOf(who.personId)).toEqual([]);
    });

  it('lists a form naming a plan that is not there as a row of its own, computes the others, and says on a read who mends it', async () => {
    const planId = await t.importFixture();
    const body = (await controller.get(`/api/plans/${planId}`)).body.organisation as string;
    await smvp(body);
    const objectives = [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }];
    const whole = await hr.request('POST', '/api/appraisals', { year: 2024, ...(await people('intera')), category: 'eq', planId, objectives });
    expect(whole.status, whole.text).toBe(201);
    const broken = await hr.request('POST', '/api/appraisals', { year: 2024, ...(await people('senza-piano')), category: 'eq', planId, objectives });
    expect(broken.status, broken.text).toBe(201);
    const id = String(broken.body.id);
    await pastTheStore(`UPDATE appraisal_forms SET plan_id = ? WHERE id = ?`, ['p-assente', id]);

    const list = async (lang: 'it' | 'en') => {
      const r = await hr.get(`/api/appraisals?year=2024&lang=${lang}`);
      expect(r.status, r.text).toBe(200);
      return r.body as { id: string; score: number | null; band: string | null; complete: boolean; planMissing: { planId: string; message: string } | null }[];
    };
    const it = await list('it');
    const row = it.find((f) => f.id === id)!;
    expect(row).toMatchObject({ score: null, band: null, complete: false, planMissing: { planId: 'p-assente' } });
    expect(row.planMissing!.message).toBe(
      `il piano da cui la scheda prende i risultati organizzativi non c'è più (è stato eliminato; id p-assente): il punteggio non si può calcolare finché l'ufficio personale non collega la scheda a un piano di «${body}» del 2024`,
    );
    // The others computed as ever.
    expect(it.find((f) => f.id === whole.body.id)).toMatchObject({ score: whole.body.result.score, planMissing: null });
    expect(it.filter((f) => f.planMissing !== null).map((f) => f.id)).toEqual([id]);
    const english = `the plan the form takes its organisational results from is no longer there (it was deleted; id p-assente): the score cannot be computed until HR links the form to a plan of “${body}” of 2024`;
    expect((await list('en')).find((f) => f.id === id)!.planMissing!.message).toBe(english);

    // Read alone: what happened and who mends it, at planId, in both languages.
    const read = await hr.get(`/api/appraisals/${id}?lang=en`);
    expect(read.status, read.text).toBe(409);
    expect(read.body.error).toMatchObject({
      code: 'conflict',
      params: { appraisal: 'form-plan-missing', planId: 'p-assente', organisation: body, year: 2024 },
      details: { field: 'planId', version: broken.body.version },
    });
    expect(read.body.error.message).toBe(english);
    expect((await hr.get(`/api/appraisals/${id}?lang=it`)).body.error.message).toBe(row.planMissing!.message);

    // The bonus distribution counts it as a form not final, listed apart as one with no plan.
    const distribute = (lang: 'it' | 'en'): Promise<Reply> => hr.request('POST', '/api/rewards/2024/distribute', { category: 'eq', fund: 1000, organisation: body }, { 'accept-language': lang });
    const refused = await distribute('it');
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'forms-not-final', params: { planMissing: 1 }, details: { planMissing: [id] } });
    expect(refused.body.error.details.pending).toContain(id);
    expect(refused.body.error.message).toMatch(
      /non sono ancora definitive: il fondo si distribuisce quando lo sono tutte; 1 di esse prende i risultati organizzativi da un piano che non c'è più e non ha punteggio: l'ufficio personale deve prima collegarla a un piano dell'ente$/,
    );
    expect((await distribute('en')).body.error.message).toMatch(
      /are not final yet: the fund is distributed once they all are; 1 of them takes its organisational results from a plan that is no longer there and has no score: HR must first link it to a plan of the body$/,
    );

    // A change other than the relink is refused before it is stored; the relink goes through and the form is computed again.
    const version = Number(broken.body.version);
    const changed = await hr.request('PATCH', `/api/appraisals/${id}`, { version, objectives: [] }, { 'accept-language': 'it' });
    expect(changed.status, changed.text).toBe(409);
    // With the form's version, so a screen refused the read can relink it from this answer alone.
    expect(changed.body.error).toMatchObject({ params: { appraisal: 'form-plan-missing' }, details: { field: 'planId', version } });
    expect((await t.server.store.appraisals.getForm(id))!.version).toBe(version);
    const relinked = await hr.request('PATCH', `/api/appraisals/${id}`, { version, planId });
    expect(relinked.status, relinked.text).toBe(200);
    expect(relinked.body).toMatchObject({ planId, result: { score: whole.body.result.score } });
    expect((await list('it')).every((f) => f.planMissing === null)).toBe(true);
  });
});
