/**
 * The OIV's validated values in the appraisal, through HTTP on SQLite and on PostgreSQL: while the
 * Relazione is a draft, with the OIV or not validated, a form's organisational results are the
 * reported ones and the form says so; once the OIV validates it with a value of its own for an
 * objective, the unit owning that objective and the body (its area rolling up from it) take the
 * validated value, the list's cached scores too, and the form and its signed document say the
 * figures are the OIV's with the date; a form evaluated before keeps what it froze.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { computedAtText } from '../../src/io/report/meta.js';
import { momentDayText } from '../../src/core/messages/index.js';
import { hashPassword } from '../../src/server/auth.js';
import { SYSTEM } from '../../src/store/index.js';
import { pdfText } from '../support/files.js';
import { unpackZip } from '../../src/io/xlsx/zip.js';
import { Client, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

describe.each<Backend>(['sqlite', 'postgres'])("the OIV's validated values in the appraisal forms on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let hr: Client;
  let controller: Client;
  let oiv: Client;
  let evaluator: Client;
  const ids: Record<string, string> = {};
  let unitId: string;
  /** The form evaluated before the validation (frozen), and the one still live. */
  let frozenId: string;
  let liveId: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture();
    [hr, controller, oiv] = [await t.as('personale'), await t.as('controller'), await t.as('oiv')];
    const hash = await hashPassword(PASSWORD);
    for (const username of ['capo', 'prima', 'seconda']) {
      const u = await t.server.store.createUser({ username, displayName: username, role: 'referente', units: [REFERENTE_UNIT], passwordHash: hash }, SYSTEM);
      if (!u.ok) throw new Error(u.error.message);
      ids[username] = u.value.id;
    }
    evaluator = new Client(t.url);
    await evaluator.login('capo');
    unitId = (await t.server.store.listUnits()).find((u) => u.name === REFERENTE_UNIT)!.id;
    expect((await hr.request('PUT', '/api/smvp/2024', { document: exampleSmvpJson('Ente', 2024) })).status).toBe(200);
    for (const [name, who] of [
      ['frozen', 'prima'],
      ['live', 'seconda'],
    ] as const) {
      const created = await hr.request('POST', '/api/appraisals', {
        year: 2024,
        personId: ids[who],
        evaluatorId: ids.capo,
        category: 'eq',
        planId,
        assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 }],
        objectives: [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }],
      });
      expect(created.status, created.text).toBe(201);
      if (name === 'frozen') frozenId = created.body.id;
      else liveId = created.body.id;
    }
  });
  afterAll(async () => t?.close());

  const form = async (id: string, lang = 'en'): Promise<any> => (await hr.get(`/api/appraisals/${id}?lang=${lang}`)).body;
  const component = (f: any, kind: string): number => f.result.components.find((c: any) => c.kind === kind).score;
  const listed = async (id: string): Promise<any> => (await hr.get('/api/appraisals?year=2024')).body.find((f: any) => f.id === id);
  const moveRelazione = (who: Client, to: string) => who.request('POST', `/api/plans/${planId}/relazione/transition`, { to, confirmEmpty: true });
  const dataVersion = async (): Promise<number> => (await controller.get(`/api/plans/${planId}/tree`)).body.dataVersion;
  /** Up to the evaluation, by the person (the one signed in as `who`) and the evaluator. */
  async function evaluate(id: string, who: string): Promise<any> {
    const person = new Client(t.url);
    await person.login(who);
    let r = await evaluator.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: (await form(id)).version });
    r = await person.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: r.body.version });
    r = await evaluator.request('POST', `/api/appraisals/${id}/actions`, { action: 'interview', version: r.body.version, note: 'ok' });
    r = await evaluator.request('PATCH', `/api/appraisals/${id}`, { version: r.body.version, ratings: { C1: 4, C2: 4, C3: 4 } });
    r = await evaluator.request('POST', `/api/appraisals/${id}/actions`, { action: 'evaluate', version: r.body.version });
    expect(r.status, r.text).toBe(200);
    expect(r.body.state).toBe('evaluated');
    return r.body;
  }

  let reported: { unit: number; body: number; score: number };
  /** The unit's objectives counted, as the form lists them under the unit. */
  const unitObjectives = (f: any): any[] => f.result.units.find((u: any) => u.unitId === unitId).objectives;
  let title: string;
  let frozenBefore: any;

  it('takes the reported figures while the Relazione is not validated, and says so', async () => {
    const live = await form(liveId);
    // B.1.1, the unit's objective, scores 80% as reported.
    reported = { unit: component(live, 'unit'), body: component(live, 'body'), score: live.result.score };
    expect(reported.unit).toBe(80);
    expect(live.result.org).toEqual({ source: { kind: 'reported', relazione: 'draft' }, text: 'Organisational results: the reported values (Relazione not yet validated by the OIV)' });
    expect((await form(liveId, 'it')).result.org.text).toBe("Risultati organizzativi: valori rendicontati (Relazione non ancora validata dall'OIV)");
    // The unit's figure is its objective's, listed under the unit as reported.
    title = (await controller.get(`/api/plans/${planId}/tree`)).body.objectives.find((o: any) => o.code === 'B.1.1').title;
    expect(unitObjectives(live)).toEqual([{ code: 'B.1.1', title, score: 80, validated: false, reported: null, source: 'reported value' }]);
    expect(unitObjectives(await form(liveId, 'it'))[0].source).toBe('valore rendicontato');

    // Evaluated now: frozen with the reported figures, and with where they came from.
    frozenBefore = await evaluate(frozenId, 'prima');
    expect(frozenBefore.result).toMatchObject({ frozen: true, org: { source: { kind: 'reported', relazione: 'draft' } } });
    expect(frozenBefore.record.evaluation.org.source).toEqual({ kind: 'reported', relazione: 'draft' });
    expect(component(frozenBefore, 'unit')).toBe(80);
    expect(frozenBefore.record.evaluation.org.objectives).toEqual({ [unitId]: [{ code: 'B.1.1', title, performance: '80' }] });
  });

  it('does not count the values of a Relazione the OIV did not validate', async () => {
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    // The OIV validates the year end first: the Relazione's validation then leaves the data version where it is.
    expect((await oiv.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'validated' })).status).toBe(200);
    expect((await moveRelazione(controller, 'transmitted')).status).toBe(200);
    const relazione = (await controller.get(`/api/plans/${planId}/relazione`)).body;
    const review = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, {
      note: 'Le evidenze di B.1.1 non bastano: la Relazione torna all’ufficio.',
      reservations: '',
      // Every check assessed: the validation later in this suite records each one's outcome.
      checklist: relazione.checklist.map((p: any) => ({ ...p, outcome: 'yes' })),
      values: [{ code: 'B.1.1', validated: 40, note: 'Metà delle pratiche senza evidenza' }],
      version: relazione.version,
    });
    expect(review.status, review.text).toBe(200);
    // Under review: still the reported figures.
    expect(component(await form(liveId), 'unit')).toBe(80);
    expect((await moveRelazione(oiv, 'not_validated')).status).toBe(200);
    const live = await form(liveId);
    expect(component(live, 'unit')).toBe(80);
    expect(live.result.score).toBe(reported.score);
    expect(live.result.org).toEqual({ source: { kind: 'reported', relazione: 'not_validated' }, text: 'Organisational results: the reported values (Relazione not validated by the OIV)' });
    expect((await form(liveId, 'it')).result.org.text).toBe("Risultati organizzativi: valori rendicontati (Relazione non validata dall'OIV)");
    // The OIV's value is not the one used: the objective is listed as reported.
    expect(unitObjectives(live)).toEqual([{ code: 'B.1.1', title, score: 80, validated: false, reported: null, source: 'reported value' }]);
  });

  it("counts the OIV's validated value once the Relazione is validated; the frozen form keeps its figures", async () => {
    expect((await moveRelazione(controller, 'draft')).status).toBe(200);
    expect((await moveRelazione(controller, 'transmitted')).status).toBe(200);
    // The list read before the validation: its scores are cached per form.
    expect((await listed(liveId)).score).toBe(reported.score);
    const before = await dataVersion();
    const decided = await moveRelazione(oiv, 'validated');
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body.values).toEqual([{ code: 'B.1.1', validated: 40, note: 'Metà delle pratiche senza evidenza', deliberate: false, fromChildren: null, reported: 80 }]);
    expect(await dataVersion()).toBe(before);

    const live = await form(liveId);
    // The unit's only objective counts 40 instead of 80; B.1 rolls up from it, and the body with it.
    expect(component(live, 'unit')).toBe(40);
    expect(component(live, 'body')).toBeLessThan(reported.body);
    expect(live.result.score).toBeLessThan(reported.score);
    const day = momentDayText(decided.body.decidedAt);
    expect(live.result.org).toEqual({
      source: { kind: 'validated', at: decided.body.decidedAt, reservations: false },
      text: `Organisational results: the values validated by the OIV (Relazione validated on ${day})`,
    });
    expect((await form(liveId, 'it')).result.org.text).toBe(`Risultati organizzativi: valori validati dall'OIV (Relazione validata il ${day})`);
    expect(live.result.steps.map((s: any) => s.text)).toContain(`Unit ${REFERENTE_UNIT}: performance 40.00%.`);
    // Under the unit, the objective whose value the OIV changed: the value used, the reported one, which counts.
    expect(unitObjectives(live)).toEqual([{ code: 'B.1.1', title, score: 40, validated: true, reported: 80, source: 'value validated by the OIV, which counts (reported 80.00%)' }]);
    expect(unitObjectives(await form(liveId, 'it'))[0].source).toBe("valore validato dall'OIV, conta (rendicontato 80,00%)");
    // The list follows, though the plan's data version did not move.
    expect((await listed(liveId)).score).toBe(live.result.score);
    // The reported tree is as it was: the validated value counts for the forms, it does not rewrite the figures.
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(tree.objectives.find((o: any) => o.code === 'B.1.1').performance).toBe(80);

    // Evaluated before: what it froze, said as the reported figures of a Relazione then a draft.
    const frozen = await form(frozenId);
    expect(frozen.result.score).toBe(frozenBefore.result.score);
    expect(component(frozen, 'unit')).toBe(80);
    expect(frozen.result.org).toEqual({ source: { kind: 'reported', relazione: 'draft' }, text: 'Organisational results: the reported values (Relazione not yet validated by the OIV)' });
    expect((await listed(frozenId)).score).toBe(frozenBefore.result.score);
    expect(unitObjectives(frozen)).toEqual([{ code: 'B.1.1', title, score: 80, validated: false, reported: null, source: 'reported value' }]);

    // Evaluated now: frozen with the validated figures and their source.
    const evaluated = await evaluate(liveId, 'seconda');
    // Rated as the frozen form was: only the organisational figures tell them apart.
    expect(component(evaluated, 'unit')).toBe(40);
    expect(evaluated.result.score).toBeLessThan(frozenBefore.result.score);
    expect(evaluated.record.evaluation.org.source).toEqual({ kind: 'validated', at: decided.body.decidedAt, reservations: false });
    expect(evaluated.record.evaluation.org.units[unitId]).toBe('40');
    expect(evaluated.record.evaluation.org.objectives).toEqual({ [unitId]: [{ code: 'B.1.1', title, performance: '40', reported: '80' }] });
    expect(unitObjectives(evaluated)).toEqual(unitObjectives(live));
  });

  it('says where the figures come from in the document to sign', async () => {
    const day = momentDayText((await controller.get(`/api/plans/${planId}/relazione`)).body.decidedAt);
    const read = async (id: string, lang: string): Promise<string> => {
      const reply = await fetch(`${t.url}/api/appraisals/${id}/document?format=pdf&lang=${lang}`, { headers: { cookie: hr.cookie! } });
      expect(reply.status).toBe(200);
      return pdfText(new Uint8Array(await reply.arrayBuffer())).replace(/\s+/g, ' ');
    };
    const italian = await read(liveId, 'it');
    expect(italian).toContain('Origine dei risultati organizzativi');
    expect(italian).toContain(`Risultati organizzativi: valori validati dall'OIV (Relazione validata il ${day})`);
    expect(await read(liveId, 'en')).toContain(`Organisational results: the values validated by the OIV (Relazione validated on ${day})`);
    expect(await read(frozenId, 'en')).toContain('Organisational results: the reported values (Relazione not yet validated by the OIV)');
    // The unit's objectives, the one the OIV changed marked with the reported value.
    expect(italian).toContain('Obiettivi delle strutture');
    // A cell's lines come out of the table interleaved with its neighbours': read in order, not whole.
    const inOrder = (...parts: string[]): RegExp => new RegExp(parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
    expect(italian).toMatch(inOrder(`Obiettivi delle strutture`, REFERENTE_UNIT, 'B.1.1', '40,00%', "valore validato dall'OIV, conta", '(rendicontato 80,00%)', 'Obiettivi individuali'));
    const english = await read(liveId, 'en');
    expect(english).toMatch(inOrder('Objectives of the units', REFERENTE_UNIT, 'B.1.1', '40.00%', 'value validated by the OIV, which', 'counts (reported 80.00%)', 'Individual objectives'));
    const frozen = await read(frozenId, 'it');
    expect(frozen).toContain('valore rendicontato');
    expect(frozen).not.toContain("valore validato dall'OIV");
  });

  it('says on the form that the year end was reopened after the validation, and the validated values still count', async () => {
    const admin = await t.as('admin');
    const reopened = await admin.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'rettifica' });
    expect(reopened.status, reopened.text).toBe(200);
    const relazione = (await controller.get(`/api/plans/${planId}/relazione`)).body;
    expect(relazione).toMatchObject({ state: 'validated', reopenedAfterDecision: { by: 'admin', periodState: 'collecting' } });
    const day = momentDayText(relazione.decidedAt);
    const at = (lang: 'it' | 'en') => computedAtText(new Date(relazione.reopenedAfterDecision.at), lang);
    const live = await form(liveId, 'en');
    expect(live.result.org).toEqual({
      source: { kind: 'validated', at: relazione.decidedAt, reservations: false },
      text: `Organisational results: the values validated by the OIV (Relazione validated on ${day}). The year-end period was reopened after the validation, on ${at('en')}, by admin: the validated values, those the Relazione was validated with, count.`,
    });
    expect((await form(liveId, 'it')).result.org.text).toBe(
      `Risultati organizzativi: valori validati dall'OIV (Relazione validata il ${day}). Il periodo di fine anno è stato riaperto dopo la validazione, il ${at('it')}, da admin: contano i valori validati, con cui la Relazione è stata validata.`,
    );
    expect(unitObjectives(live)).toEqual([{ code: 'B.1.1', title, score: 40, validated: true, reported: 80, source: 'value validated by the OIV, which counts (reported 80.00%)' }]);
    // The document to sign says it too, under the source, as the screen does (before: the source line alone).
    const printed = async (lang: 'it' | 'en'): Promise<string> => {
      const reply = await fetch(`${t.url}/api/appraisals/${liveId}/document?format=pdf&lang=${lang}`, { headers: { cookie: hr.cookie! } });
      expect(reply.status).toBe(200);
      // A line broken after a hyphen ("year-" / "end") is read back whole.
      return pdfText(new Uint8Array(await reply.arrayBuffer()))
        .replace(/\s+/g, ' ')
        .replace(/(\w)- (\w)/g, '$1-$2');
    };
    expect(await printed('it')).toContain(`Il periodo di fine anno è stato riaperto dopo la validazione, il ${at('it')}, da admin: contano i valori validati, con cui la Relazione è stata validata.`);
    expect(await printed('en')).toContain(`The year-end period was reopened after the validation, on ${at('en')}, by admin: the validated values, those the Relazione was validated with, count.`);
    const docx = await fetch(`${t.url}/api/appraisals/${liveId}/document?format=docx&lang=it`, { headers: { cookie: hr.cookie! } });
    const parts = unpackZip(Buffer.from(await docx.arrayBuffer()), { inflatedBytes: 64 * 1024 * 1024, entries: 100 });
    if (!(parts instanceof Map)) throw new Error(`the DOCX does not unpack: ${JSON.stringify(parts)}`);
    expect(new TextDecoder().decode(parts.get('word/document.xml'))).toContain(`Il periodo di fine anno è stato riaperto dopo la validazione, il ${at('it')}, da admin`);
  });

  it('names the command line that reopened the year end in the reader’s language', async () => {
    // Closed again, then reopened by `albero …` run as the operating system's account mario (cli/actor.ts).
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await t.server.store.transitionPeriod(planId, YEAR_END, 'collecting', 'rettifica', { id: null, username: 'cli:mario' })).ok).toBe(true);
    const relazione = (await controller.get(`/api/plans/${planId}/relazione?lang=en`)).body;
    expect(relazione.reopenedAfterDecision).toMatchObject({ by: 'command line (user mario)' });
    const at = (lang: 'it' | 'en') => computedAtText(new Date(relazione.reopenedAfterDecision.at), lang);
    expect((await form(liveId, 'en')).result.org.text).toContain(
      `The year-end period was reopened after the validation, on ${at('en')}, by command line (user mario): the validated values, those the Relazione was validated with, count.`,
    );
    expect((await form(liveId, 'it')).result.org.text).toContain(`Il periodo di fine anno è stato riaperto dopo la validazione, il ${at('it')}, da riga di comando (utente mario): contano`);
    // The document to sign, in English, names it in English too.
    const reply = await fetch(`${t.url}/api/appraisals/${liveId}/document?format=pdf&lang=en`, { headers: { cookie: hr.cookie! } });
    expect(reply.status).toBe(200);
    const english = pdfText(new Uint8Array(await reply.arrayBuffer())).replace(/\s+/g, ' ');
    expect(english).toContain('by command line (user mario)');
    expect(english).not.toContain('riga di comando');
  });
});
