/**
 * A form's plan changed on the record, on SQLite and PostgreSQL. HR and the administrator link a
 * form not yet evaluated to another plan of its body and year even when its plan stands (the body
 * adopted a second plan that year), with the reason, kept on the appraisals' trail (`plan-changed`,
 * before → after); without it 422 at `reason`, nothing changed. An evaluated form never moves (409
 * `form-plan-evaluated` at `planId`, Italian and English). Archived plans of the body and year may be
 * chosen. The form's answer says whether the reader may (`may.changePlan`), and so does the refusal of
 * a form whose plan is missing (`details.mayChangePlan`). A plan deleted with a reason keeps it on the
 * audit and on each moved form's `plan-deleted` entry. A plan's body corrected leaves an evaluated form
 * where it is. The form's PDF and DOCX carry the sentence its screen shows when its plan was deleted
 * after the evaluation, or is missing.
 */
import { describe, expect, it } from 'vitest';
import { docxText, pdfText } from '../support/files.js';
import { formPlanKit } from './form-plans.js';
import { Client, type Backend } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])("a form's plan changed on the record, on %s", (backend) => {
  const { server, people, plan, smvp, plansWithSmvp, form, evaluate, remove, trailOf, pastTheStore } = formPlanKit(backend);
  const objectives = [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }];

  /** A form on `planId` taken to its evaluation by its evaluator (signed in, returned). */
  const evaluatedForm = async (tag: string, planId: string): Promise<{ id: string; version: number; evaluator: Client }> => {
    const f = await form(tag, { planId, objectives });
    const { version, evaluator } = await evaluate(tag, f);
    return { id: f.id, version, evaluator };
  };

  it("changes a healthy form's plan with the reason, on the trail before → after; without one 422 at reason, nothing changed", async () => {
    const { hr } = server;
    const body = 'Comune di Delta';
    const [first, second] = await plansWithSmvp(body, 'Piano di Delta', 'Piano di Delta, secondo');
    const f = await form('cambio', { planId: first, objectives });
    const read = await hr.get(`/api/appraisals/${f.id}`);
    expect(read.body.may.changePlan).toBe(true);

    for (const [lang, words] of [
      ['it', 'indicare il motivo del cambio di piano: resta nel registro della scheda'],
      ['en', 'say why the plan changes: the reason stays on the form’s trail'],
    ] as const) {
      const r = await hr.request('PATCH', `/api/appraisals/${f.id}`, { version: f.version, planId: second }, { 'accept-language': lang });
      expect(r.status, r.text).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'plan-change-reason-required', issues: [{ location: { field: 'reason' }, message: words }] });
    }
    expect((await hr.get(`/api/appraisals/${f.id}`)).body).toMatchObject({ planId: first, version: f.version });

    const changed = await hr.request('PATCH', `/api/appraisals/${f.id}`, { version: f.version, planId: second, reason: 'adottato il secondo piano (delibera n. 12)' });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ planId: second, version: f.version + 1 });
    expect(changed.body.result.score).not.toBeNull();
    // What changed, the plan by its id and title, not the whole form; one entry.
    const entries = await trailOf(f.id);
    expect(entries.filter((e) => e.action !== 'create')).toHaveLength(1);
    expect(entries.at(-1)).toMatchObject({ action: 'plan-changed', user: 'personale', reason: 'adottato il secondo piano (delibera n. 12)' });
    expect(entries.at(-1).before).toEqual({ planId: first, planTitle: 'Piano di Delta' });
    expect(entries.at(-1).after).toEqual({ planId: second, planTitle: 'Piano di Delta, secondo' });
  });

  it("checks the plan before the reason: another body's plan without a reason is refused at the plan; with objectives too, they are an update of their own", async () => {
    const { hr } = server;
    const body = 'Comune di Delta ter';
    const own = await plan(body, 'Piano di Delta ter');
    const second = await plan(body, 'Piano di Delta ter, secondo');
    const foreign = await plan('Comune di Altrove', 'Piano di Altrove');
    await smvp(body);
    const f = await form('delta-ter', { planId: own, objectives });
    for (const [lang, words] of [
      [
        'it',
        "la scheda è dell'ente «Comune di Delta ter» per il 2024: i risultati organizzativi vengono da un piano di «Comune di Delta ter» del 2024, non dal piano «Piano di Altrove», che è di «Comune di Altrove» del 2024",
      ],
      [
        'en',
        'the form is of the body “Comune di Delta ter” for 2024: its organisational results come from a plan of “Comune di Delta ter” of 2024, not from the plan “Piano di Altrove”, which is of “Comune di Altrove” of 2024',
      ],
    ] as const) {
      const r = await hr.request('PATCH', `/api/appraisals/${f.id}`, { version: f.version, planId: foreign }, { 'accept-language': lang });
      expect(r.status, r.text).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'plan-other-body', issues: [{ location: { field: 'planId' }, message: words }] });
    }
    expect((await hr.get(`/api/appraisals/${f.id}`)).body).toMatchObject({ planId: own, version: f.version });
    expect((await trailOf(f.id)).map((e) => e.action)).toEqual(['create']);

    // The plan and the objectives in one save: the plan's entry says the plan, the objectives are an update as ever.
    const more = [...objectives, { title: 'Sportello telematico', weight: 0, target: 1, state: 'measured', actual: 1 }];
    const both = await hr.request('PATCH', `/api/appraisals/${f.id}`, { version: f.version, planId: second, reason: 'secondo piano adottato', objectives: more });
    expect(both.status, both.text).toBe(200);
    const entries = await trailOf(f.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'plan-changed', 'update']);
    expect(entries[1]).toMatchObject({
      reason: 'secondo piano adottato',
      before: { planId: own, planTitle: 'Piano di Delta ter' },
      after: { planId: second, planTitle: 'Piano di Delta ter, secondo' },
    });
    expect(entries[2]).toMatchObject({ reason: null, before: { planId: own }, after: { planId: second, document: { objectives: [{}, { title: 'Sportello telematico' }] } } });
  });

  it('says each trail entry in words, Italian and English: what, and before → after; an older plan change that kept the whole form too', async () => {
    const { hr } = server;
    const body = 'Comune di Delta quater';
    const [first, second] = await plansWithSmvp(body, 'Piano di Delta quater', 'Piano di Delta quater, secondo');
    const f = await form('delta-quater', { planId: first, objectives });
    const changed = await hr.request('PATCH', `/api/appraisals/${f.id}`, { version: f.version, planId: second, reason: 'delibera n. 3' });
    expect(changed.status, changed.text).toBe(200);
    const more = [{ ...objectives[0], actual: 0.5 }];
    expect((await hr.request('PATCH', `/api/appraisals/${f.id}`, { version: f.version + 1, objectives: more })).status).toBe(200);
    // As the plan changes were stored before: the whole form before → after, no title.
    const read = (await hr.get(`/api/appraisals/${f.id}`)).body;
    const whole = (planId: string) => ({ personId: read.personId, evaluatorId: read.evaluatorId, category: 'eq', planId, state: 'draft', document: {}, version: 1 });
    await pastTheStore(
      `INSERT INTO appraisal_audit (at, user_id, username, action, entity, entity_id, before, after, reason) VALUES (?, NULL, 'personale', 'plan-changed', 'appraisal', ?, ?, ?, 'come prima')`,
      [new Date().toISOString(), f.id, JSON.stringify(whole(second)), JSON.stringify(whole(first))],
    );
    const said = async (lang: 'it' | 'en') => (await hr.get(`/api/appraisals/${f.id}/trail?lang=${lang}`)).body as { action: string; what: string; changes: unknown[]; userName: string }[];
    const it = await said('it');
    expect(it.map((e) => e.what)).toEqual(['Scheda creata', 'Piano della scheda cambiato', 'Scheda modificata', 'Piano della scheda cambiato']);
    expect(it[1]!.changes).toEqual([{ field: 'Piano', before: '«Piano di Delta quater»', after: '«Piano di Delta quater, secondo»' }]);
    expect(it[2]!.changes).toEqual([
      { field: 'Obiettivi individuali', before: '«Archivio digitale» (peso 100%, target ≥ 1, consuntivo 1)', after: '«Archivio digitale» (peso 100%, target ≥ 1, consuntivo 0,50)' },
    ]);
    expect(it[3]!.changes).toEqual([{ field: 'Piano', before: '«Piano di Delta quater, secondo»', after: '«Piano di Delta quater»' }]);
    const en = await said('en');
    expect(en.map((e) => e.what)).toEqual(['Form created', 'Plan of the form changed', 'Form changed', 'Plan of the form changed']);
    expect(en[2]!.changes).toEqual([
      { field: 'Individual objectives', before: '“Archivio digitale” (weight 100%, target ≥ 1, actual 1)', after: '“Archivio digitale” (weight 100%, target ≥ 1, actual 0.50)' },
    ]);
    // A plan deleted since: said so, with its id.
    await remove(first);
    expect((await said('en'))[1]!.changes).toEqual([{ field: 'Plan', before: '“Piano di Delta quater”', after: '“Piano di Delta quater, secondo”' }]);
    expect((await said('it'))[3]!.changes).toEqual([{ field: 'Piano', before: '«Piano di Delta quater, secondo»', after: `un piano eliminato (id ${first})` }]);
  });

  it('offers archived plans too: a form is linked to an archived plan of its body and year', async () => {
    const { controller, hr } = server;
    const body = 'Comune di Epsilon';
    const inUse = await plan(body, 'Piano di Epsilon');
    const archived = await plan(body, 'Piano di Epsilon, archiviato');
    expect((await controller.request('POST', `/api/plans/${archived}/archive`)).status).toBe(200);
    await smvp(body);
    const f = await form('archiviato', { planId: inUse, objectives });
    const r = await hr.request('PATCH', `/api/appraisals/${f.id}`, { version: f.version, planId: archived, reason: 'il piano che vale per il 2024 è quello archiviato' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ planId: archived });
    expect(r.body.result.score).not.toBeNull();
  });

  it('never moves an evaluated form (409 at planId, Italian and English); says who may move a form', async () => {
    const { hr } = server;
    const body = 'Comune di Zeta';
    const [first, second] = await plansWithSmvp(body, 'Piano di Zeta', 'Piano di Zeta, secondo');
    const done = await evaluatedForm('zeta-valutata', first);
    expect((await hr.get(`/api/appraisals/${done.id}`)).body.may.changePlan).toBe(false);
    for (const [lang, words] of [
      ['it', 'la scheda è già valutata (valutata): conserva i risultati organizzativi fissati alla valutazione e il piano da cui vengono, e non si collega a un altro piano'],
      ['en', 'the form is already evaluated (evaluated): it keeps the organisational results frozen at the evaluation and the plan they came from, and is not linked to another plan'],
    ] as const) {
      const r = await hr.request('PATCH', `/api/appraisals/${done.id}`, { version: done.version, planId: second, reason: 'per prova' }, { 'accept-language': lang });
      expect(r.status, r.text).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'conflict', params: { appraisal: 'form-plan-evaluated', state: 'evaluated' }, details: { field: 'planId' }, message: words });
    }
    expect((await hr.get(`/api/appraisals/${done.id}`)).body).toMatchObject({ planId: first, version: done.version });
    expect((await trailOf(done.id)).some((e) => e.action === 'plan-changed')).toBe(false);

    // The evaluator of a draft form sets its objectives, not its plan: told so, and refused.
    const who = await people('zeta-valutatore');
    const evaluator = new Client(server.t.url);
    await evaluator.login('valutatore-zeta-valutatore');
    const made = await hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId: first, objectives });
    const seen = await evaluator.get(`/api/appraisals/${String(made.body.id)}`);
    expect(seen.body.may.changePlan).toBe(false);
    const refused = await evaluator.request('PATCH', `/api/appraisals/${String(made.body.id)}`, { version: made.body.version, planId: second, reason: 'per prova' });
    expect(refused.status, refused.text).toBe(403);
    expect((await hr.get(`/api/appraisals/${String(made.body.id)}`)).body).toMatchObject({ planId: first, version: made.body.version });
  });

  it('says in the refusal of a form whose plan is missing whether the reader may relink it', async () => {
    const { t, hr } = server;
    const body = 'Comune di Eta bis';
    const [planId] = await plansWithSmvp(body, 'Piano di Eta bis');
    const who = await people('eta-assente');
    const made = await hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId, objectives });
    await pastTheStore(`UPDATE appraisal_forms SET plan_id = ? WHERE id = ?`, ['p-assente', made.body.id]);
    const byHr = await hr.get(`/api/appraisals/${String(made.body.id)}`);
    expect(byHr.status).toBe(409);
    expect(byHr.body.error.details).toMatchObject({ field: 'planId', version: made.body.version, mayChangePlan: true });
    const evaluator = new Client(t.url);
    await evaluator.login('valutatore-eta-assente');
    const byEvaluator = await evaluator.get(`/api/appraisals/${String(made.body.id)}`);
    expect(byEvaluator.status).toBe(409);
    expect(byEvaluator.body.error.details.mayChangePlan).toBe(false);
    // Relinked without a reason: the plan was not there, the missing plan is the reason.
    const relinked = await hr.request('PATCH', `/api/appraisals/${String(made.body.id)}`, { version: made.body.version, planId });
    expect(relinked.status, relinked.text).toBe(200);
    expect((await trailOf(String(made.body.id))).at(-1)).toMatchObject({
      action: 'plan-changed',
      reason: null,
      before: { planId: 'p-assente', planTitle: null },
      after: { planId, planTitle: 'Piano di Eta bis' },
    });
  });

  it("keeps a deletion's reason on the plan's audit and on each moved form's plan-deleted entry", async () => {
    const { t } = server;
    const body = 'Comune di Theta bis';
    const [doomed, stays] = await plansWithSmvp(body, 'Piano di Theta, doppio', 'Piano di Theta');
    const f = await form('theta-spostata', { planId: doomed, objectives });
    const r = await remove(doomed, 'it', 'piano importato due volte');
    expect(r.status, r.text).toBe(200);
    expect((await trailOf(f.id)).at(-1)).toMatchObject({ action: 'plan-deleted', reason: 'piano importato due volte', before: { planId: doomed }, after: { planId: stays } });
    const admin = await t.as('admin');
    const audit = (await admin.get('/api/audit?limit=1000')).body as { action: string; entityId: string; reason: string | null }[];
    expect(audit.find((e) => e.action === 'delete' && e.entityId === doomed)?.reason).toBe('piano importato due volte');
    // Without one, as before: no reason.
    const other = await plan(body, 'Piano di Theta, prova');
    const g = await form('theta-senza-motivo', { planId: other, objectives });
    expect((await remove(other)).status).toBe(200);
    expect((await trailOf(g.id)).at(-1)).toMatchObject({ action: 'plan-deleted', reason: null });
  });

  it("leaves an evaluated form where it is when its plan's body is corrected; only the not-evaluated one moves", async () => {
    const { controller, hr } = server;
    const body = 'Comune di Iota bis';
    const [corrected, stays] = await plansWithSmvp(body, 'Piano di Iota bis', 'Piano di Iota bis, secondo');
    const done = await evaluatedForm('iota-valutata', corrected);
    const draft = await form('iota-bozza', { planId: corrected, objectives });
    const r = await controller.request('PATCH', `/api/plans/${corrected}`, { organisation: 'Comune di Kappa bis' });
    expect(r.status, r.text).toBe(200);
    expect((await hr.get(`/api/appraisals/${done.id}`)).body).toMatchObject({ organisation: body, planId: corrected, version: done.version, state: 'evaluated' });
    expect((await trailOf(done.id)).some((e) => e.action === 'plan-body-corrected')).toBe(false);
    expect((await hr.get(`/api/appraisals/${draft.id}`)).body).toMatchObject({ organisation: body, planId: stays, version: draft.version + 1 });
  });

  it("prints on the form's PDF and DOCX that its plan was deleted after the evaluation, or is missing, in the reader's language", async () => {
    const { t, hr } = server;
    const body = 'Comune di Lambda bis';
    const [planId] = await plansWithSmvp(body, 'Piano di Lambda bis');
    const done = await evaluatedForm('lambda-valutata', planId);
    const live = await form('lambda-assente', { planId, objectives });
    const at = new Date().toISOString();
    // As migration 83 leaves an evaluated form whose plan was deleted: naming none, on its trail by the program.
    await pastTheStore(`UPDATE appraisal_forms SET plan_id = NULL, version = version + 1, updated_at = ? WHERE id = ?`, [at, done.id]);
    await pastTheStore(`INSERT INTO appraisal_audit (at, user_id, username, action, entity, entity_id, before, after, reason) VALUES (?, NULL, 'system', 'plan-deleted', 'appraisal', ?, ?, ?, NULL)`, [
      at,
      done.id,
      JSON.stringify({ planId: 'p-eliminato', planTitle: 'Piano di Lambda bis' }),
      JSON.stringify({ planId: null, planTitle: null, repaired: 83 }),
    ]);
    await pastTheStore(`UPDATE appraisal_forms SET plan_id = 'p-assente' WHERE id = ?`, [live.id]);
    const file = async (id: string, format: 'pdf' | 'docx', lang: 'it' | 'en'): Promise<Uint8Array> => {
      const reply = await fetch(`${t.url}/api/appraisals/${id}/document?format=${format}&lang=${lang}`, { headers: { cookie: hr.cookie! } });
      expect(reply.status, format).toBe(200);
      return new Uint8Array(await reply.arrayBuffer());
    };
    const pdf = async (id: string, lang: 'it' | 'en'): Promise<string> => pdfText(await file(id, 'pdf', lang), { layout: false }).replace(/\s+/g, ' ');

    const deletedIt = 'Il piano da cui la scheda ha preso i risultati organizzativi («Piano di Lambda bis») è stato eliminato dopo la valutazione: la scheda conserva i valori fissati allora.';
    const deletedEn = 'The plan the form took its organisational results from (“Piano di Lambda bis”) was deleted after the evaluation: the form keeps the figures frozen then.';
    expect(await pdf(done.id, 'it')).toContain(deletedIt);
    expect(await pdf(done.id, 'en')).toContain(deletedEn);
    expect(docxText(await file(done.id, 'docx', 'it'))).toContain(deletedIt);

    const missingIt = `Il piano da cui la scheda prende i risultati organizzativi non c'è più (è stato eliminato; id p-assente): il punteggio non si può calcolare finché l'ufficio personale non collega la scheda a un piano di «${body}» del 2024.`;
    const missingEn = `The plan the form takes its organisational results from is no longer there (it was deleted; id p-assente): the score cannot be computed until HR links the form to a plan of “${body}” of 2024.`;
    expect(await pdf(live.id, 'it')).toContain(missingIt);
    expect(await pdf(live.id, 'en')).toContain(missingEn);
    expect(docxText(await file(live.id, 'docx', 'en'))).toContain(missingEn);
  }, 240_000);
});
