/**
 * An appraisal form made or changed with several problems says every one in one refusal, each at
 * its field, in Italian and English, and keeps nothing, on SQLite and PostgreSQL: the evaluator,
 * the plan, every assignment, every objective, every rating (test/api/appraisal-form-rules says the
 * objectives' fields alone). A refusal with a value the body cannot carry is 400 `invalid-body`
 * naming every field; rules of the form alone are 422 under the first one's code.
 */
import { describe, expect, it } from 'vitest';
import { formPlanKit } from './form-plans.js';
import { Client, REFERENTE_UNIT, type Backend, type Reply } from './harness.js';

interface Issue {
  code: string;
  message: string;
  location: { field: string };
}
const located = (r: Reply): [string, string][] => (r.body.error.issues as Issue[]).map((i) => [i.location.field, i.code]);
const said = (r: Reply, field: string): string => (r.body.error.issues as Issue[]).find((i) => i.location.field === field)!.message;

describe.each<Backend>(['sqlite', 'postgres'])('every problem of an appraisal form said at once, on %s', (backend) => {
  const { server, people, plan, smvp } = formPlanKit(backend);
  const unitId = async (): Promise<string> => (await server.t.server.store.listUnits()).find((u) => u.name === REFERENTE_UNIT)!.id;

  it('refuses a new form with every bad field named, each at its field, and makes none', async () => {
    const { hr } = server;
    const body = 'Comune di Ogni Errore';
    await plan(body, 'Piano di Ogni Errore');
    const nextYear = await plan(body, 'Piano di Ogni Errore 2025', 2025);
    await smvp(body);
    const { personId } = await people('ogni');
    const unit = await unitId();
    const bad = {
      year: 2024,
      personId,
      evaluatorId: personId,
      category: 'eq',
      organisation: body,
      planId: nextYear,
      assignments: [
        { unitId: 'nessuna-struttura', from: '2024-01-01', to: '2024-06-30' },
        { unitId: unit, from: '2024-12-31', to: '2024-07-01' },
      ],
      objectives: [{ title: 'Pratiche', weight: 100, target: 10, state: 'measured', actual: 'dieci' }],
    };
    for (const lang of ['it', 'en'] as const) {
      const r = await hr.request('POST', '/api/appraisals', bad, { 'accept-language': lang });
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.code).toBe('invalid-body');
      const fields = ['evaluatorId', 'planId', 'assignments.0.unitId', 'assignments.1.to', 'objectives.0.actual'];
      expect(r.body.error.params).toEqual({ fields });
      expect(located(r)).toEqual([
        ['evaluatorId', 'self-evaluation'],
        ['planId', 'plan-other-year'],
        ['assignments.0.unitId', 'unknown-registry-unit'],
        ['assignments.1.to', 'assignment-dates'],
        ['objectives.0.actual', 'objective-value'],
      ]);
      expect(said(r, 'evaluatorId')).toBe(lang === 'it' ? 'nessuno valuta sé stesso: scegliere un altro valutatore' : 'nobody evaluates themselves: choose another evaluator');
      expect(said(r, 'assignments.1.to')).toBe(
        lang === 'it' ? `${REFERENTE_UNIT}: l'assegnazione finisce (01/07/2024) prima di cominciare (31/12/2024)` : `${REFERENTE_UNIT}: the assignment ends (01/07/2024) before it starts (31/12/2024)`,
      );
    }
    // Rules of the form alone: 422 under the first one's code, every one in the issues.
    const rules = await hr.request('POST', '/api/appraisals', { ...bad, planId: undefined, objectives: [] });
    expect(rules.status, rules.text).toBe(422);
    expect(rules.body.error.code).toBe('self-evaluation');
    expect(located(rules)).toEqual([
      ['evaluatorId', 'self-evaluation'],
      ['assignments.0.unitId', 'unknown-registry-unit'],
      ['assignments.1.to', 'assignment-dates'],
    ]);
    expect(((await hr.get('/api/appraisals?year=2024')).body as { organisation: string }[]).filter((f) => f.organisation === body)).toEqual([]);
  }, 60_000);

  it('refuses a change with every bad field named — evaluator, assignments, objectives, ratings — and keeps the form as it was', async () => {
    const { t, hr } = server;
    const body = 'Comune di Ogni Giudizio';
    const planId = await plan(body, 'Piano di Ogni Giudizio');
    await smvp(body);
    const who = await people('giudizio');
    const objective = { title: 'Pratiche', weight: 100, target: 10 };
    const made = await hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId, objectives: [objective] });
    expect(made.status, made.text).toBe(201);
    const id = String(made.body.id);
    // Both acknowledge: the form is assigned, where HR changes the evaluator, assignments, actuals and ratings.
    let version = Number(made.body.version);
    for (const login of ['valutatore-giudizio', 'persona-giudizio']) {
      const c = new Client(t.url);
      await c.login(login);
      const r = await c.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version });
      expect(r.status, r.text).toBe(200);
      version = Number(r.body.version);
    }
    const unit = await unitId();
    const change = {
      version,
      evaluatorId: who.personId,
      assignments: [{ unitId: unit, from: '2024-01-01', to: '2024-12-31', partTime: 0 }],
      objectives: [{ ...objective, state: 'measured', actual: 'dieci' }],
      ratings: { C1: 99, ZZ: 3, C2: 3 },
    };
    for (const lang of ['it', 'en'] as const) {
      const r = await hr.request('PATCH', `/api/appraisals/${id}`, change, { 'accept-language': lang });
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.params).toEqual({ fields: ['evaluatorId', 'assignments.0.partTime', 'objectives.0.actual', 'ratings.C1', 'ratings.ZZ'] });
      expect(located(r)).toEqual([
        ['evaluatorId', 'self-evaluation'],
        ['assignments.0.partTime', 'part-time'],
        ['objectives.0.actual', 'objective-value'],
        ['ratings.C1', 'rating-outside-scale'],
        ['ratings.ZZ', 'behaviour-not-in-scheme'],
      ]);
      expect(said(r, 'ratings.C1')).toMatch(lang === 'it' ? /^C1: il giudizio 99 non è nella scala \(/ : /^C1: the rating 99 is not on the scale \(/);
      expect(said(r, 'ratings.ZZ')).toMatch(lang === 'it' ? /^il comportamento ZZ non si valuta per la categoria \S/ : /^the behaviour ZZ is not rated for the category \S/);
    }
    // Rules alone (the actual read): 422 under the first one's code, each rule at its field.
    const rules = await hr.request('PATCH', `/api/appraisals/${id}`, { ...change, objectives: [{ ...objective, state: 'measured', actual: 8 }] });
    expect(rules.status, rules.text).toBe(422);
    expect(rules.body.error.code).toBe('self-evaluation');
    expect(located(rules).map(([field]) => field)).toEqual(['evaluatorId', 'assignments.0.partTime', 'ratings.C1', 'ratings.ZZ']);
    const kept = (await hr.get(`/api/appraisals/${id}`)).body;
    expect(kept).toMatchObject({ version, ratings: {}, evaluator: { id: who.evaluatorId } });
    expect(kept.objectives[0].actual).toBeNull();
  }, 60_000);
});
