/**
 * Three rules of an appraisal form, through HTTP on SQLite and PostgreSQL:
 * - a yes/no individual objective is compared with "=" only: "≥ no" (met by any answer) is refused
 *   at its field in both languages; a form stored with it before reads it as "=" until evaluated,
 *   and an evaluated one keeps the comparator it was scored with;
 * - a form not yet evaluated has a provisional score and no band (form, list, document), the band
 *   comes with the evaluation;
 * - a stale save (409) says the clash (version, state, time), never the stored form, and a reader
 *   who may change nothing gets 403 rather than a conflict or a new version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { hashPassword } from '../../src/server/auth.js';
import { SYSTEM } from '../../src/store/index.js';
import { pdfText } from '../support/files.js';
import { Client, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('appraisal form rules on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let hr: Client;
  let unitId: string;
  const ids: Record<string, string> = {};
  const clients: Record<string, Client> = {};

  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture();
    hr = await t.as('personale');
    const hash = await hashPassword(PASSWORD);
    for (const username of ['valutatrice', 'impiegato', 'impiegata', 'collega', 'terzo', 'quarto', 'capo', 'quinto', 'sesto']) {
      const u = await t.server.store.createUser({ username, displayName: username, role: 'referente', units: [REFERENTE_UNIT], passwordHash: hash }, SYSTEM);
      if (!u.ok) throw new Error(u.error.message);
      ids[username] = u.value.id;
      clients[username] = new Client(t.url);
      await clients[username]!.login(username);
    }
    unitId = (await t.server.store.listUnits()).find((u) => u.name === REFERENTE_UNIT)!.id;
    expect((await hr.request('PUT', '/api/smvp/2024', { document: exampleSmvpJson('Ente', 2024) })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  const create = (person: string, objectives: unknown[], language = 'en') =>
    hr.request(
      'POST',
      '/api/appraisals',
      { year: 2024, personId: ids[person], evaluatorId: ids.valutatrice, category: 'eq', planId, assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31' }], objectives },
      { 'accept-language': language },
    );
  const noComplaint = (comparator?: string) => ({
    title: 'Nessun reclamo fondato',
    weight: 100,
    unit: 'boolean',
    target: false,
    ...(comparator === undefined ? {} : { comparator }),
    state: 'measured',
    actual: true,
  });
  /** Both acknowledge, the interview, every behaviour rated: the form is ready to be evaluated. */
  async function toInterview(id: string, person: string): Promise<any> {
    const evaluator = clients.valutatrice!;
    let r = await evaluator.get(`/api/appraisals/${id}`);
    r = await clients[person]!.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: r.body.version });
    expect(r.status, r.text).toBe(200);
    r = await evaluator.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: r.body.version });
    r = await evaluator.request('POST', `/api/appraisals/${id}/actions`, { action: 'interview', version: r.body.version, note: 'a metà anno' });
    r = await evaluator.request('PATCH', `/api/appraisals/${id}`, { version: r.body.version, ratings: { C1: 4, C2: 4, C3: 4 } });
    expect(r.status, r.text).toBe(200);
    return r.body;
  }

  it('refuses a yes/no objective compared with anything but "=", at its field, in both languages, and keeps nothing', async () => {
    for (const [comparator, language, said] of [
      ['>=', 'it', '«>=» non vale per un obiettivo sì/no: il target è la risposta attesa, non una soglia, e si confronta solo con «=»'],
      ['<=', 'en', '“<=” does not apply to a yes/no objective: its target is the answer wanted, not a threshold, compared with “=” only'],
    ] as const) {
      const refused = await create(
        'impiegato',
        [
          { title: 'Pratiche', weight: 50, target: 10 },
          { ...noComplaint(comparator), weight: 50 },
        ],
        language,
      );
      expect(refused.status, refused.text).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'objective-yes-no-comparator',
        message: said,
        issues: [{ code: 'objective-yes-no-comparator', message: said, location: { field: 'objectives.1.comparator' } }],
      });
    }
    expect((await hr.get('/api/appraisals?year=2024')).body).toEqual([]);

    // "=" (or none) is the answer wanted: answered "yes" to a wanted "no", the objective is not met.
    const made = await create('impiegato', [noComplaint('=')]);
    expect(made.status, made.text).toBe(201);
    expect(made.body.objectives[0]).toMatchObject({ comparator: '=', target: false });
    expect(made.body.result.objectives[0].score).toBe(0);
    // A change to "≥ no" is refused the same way; the form keeps its objective.
    const patched = await clients.valutatrice!.request('PATCH', `/api/appraisals/${made.body.id}`, { version: made.body.version, objectives: [noComplaint('>=')] });
    expect(patched.status, patched.text).toBe(422);
    expect(patched.body.error.issues[0]).toMatchObject({ code: 'objective-yes-no-comparator', location: { field: 'objectives.0.comparator' } });
    expect((await hr.get(`/api/appraisals/${made.body.id}`)).body.objectives[0].comparator).toBe('=');
  });

  it('reads an actual sent without a state as measured, not dropped; a state sent is kept', async () => {
    const made = await create('sesto', [
      { title: 'Pratiche', weight: 50, target: 10, actual: 12 },
      { title: 'Istruttorie', weight: 50, target: 20 },
    ]);
    expect(made.status, made.text).toBe(201);
    // Before, the first was stored «not measured» with no actual, and the form scored 0 for it.
    expect(made.body.objectives.map((o: { state: string; actual: unknown }) => [o.state, o.actual])).toEqual([
      ['measured', 12],
      ['not_measured', null],
    ]);
    expect(made.body.result.objectives[0].score).toBe(100);
    const patched = await clients.valutatrice!.request('PATCH', `/api/appraisals/${made.body.id}`, {
      version: made.body.version,
      objectives: [
        { title: 'Pratiche', weight: 50, target: 10, actual: 8 },
        { title: 'Istruttorie', weight: 50, target: 20, state: 'not_evaluable', reason: 'Ufficio chiuso' },
      ],
    });
    expect(patched.status, patched.text).toBe(200);
    const stored = (await hr.get(`/api/appraisals/${made.body.id}`)).body.objectives;
    expect(stored.map((o: { state: string; actual: unknown }) => [o.state, o.actual])).toEqual([
      ['measured', 8],
      ['not_evaluable', null],
    ]);
  });

  it('says every bad field of a change at its own field, not only the first, and keeps nothing', async () => {
    const made = await create('quinto', [
      { title: 'Pratiche', weight: 50, target: 10 },
      { title: 'Istruttorie', weight: 50, target: 20 },
    ]);
    expect(made.status, made.text).toBe(201);
    const evaluator = clients.valutatrice!;
    const both = [
      { title: 'Pratiche', weight: 50, target: 10, state: 'measured', actual: 'dieci' },
      { title: 'Istruttorie', weight: 50, target: 20, state: 'measured', actual: 'venti' },
    ];
    const refused = await evaluator.request('PATCH', `/api/appraisals/${made.body.id}`, { version: made.body.version, objectives: both }, { 'accept-language': 'it' });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error.params).toEqual({ fields: ['objectives.0.actual', 'objectives.1.actual'] });
    expect(refused.body.error.issues.map((i: { code: string; location: unknown }) => [i.code, i.location])).toEqual([
      ['objective-value', { field: 'objectives.0.actual' }],
      ['objective-value', { field: 'objectives.1.actual' }],
    ]);
    // Rules of the form beside it: each said too, at its field; a 422 alone keeps its own code.
    const rules = [
      { ...noComplaint('>='), weight: 50 },
      { title: 'Istruttorie', weight: 50, target: 20, state: 'not_evaluable', reason: ' ' },
      { title: 'Sportello', weight: 0, target: '2023-06-30', unit: 'date' },
    ];
    const mixed = await evaluator.request('PATCH', `/api/appraisals/${made.body.id}`, { version: made.body.version, objectives: rules });
    expect(mixed.status, mixed.text).toBe(400);
    expect(mixed.body.error.issues.map((i: { location: { field: string } }) => i.location.field)).toEqual(['objectives.0.comparator', 'objectives.1.reason', 'objectives.2.target']);
    const only = await evaluator.request('PATCH', `/api/appraisals/${made.body.id}`, { version: made.body.version, objectives: [rules[0], rules[2]] });
    expect(only.status, only.text).toBe(422);
    expect(only.body.error.code).toBe('objective-yes-no-comparator');
    expect(only.body.error.issues.map((i: { code: string }) => i.code)).toEqual(['objective-yes-no-comparator', 'objective-target-year']);
    expect((await hr.get(`/api/appraisals/${made.body.id}`)).body.objectives.map((o: { actual: unknown }) => o.actual)).toEqual([null, null]);
  });

  it('reads a form stored with "≥ no" before as "= no" until evaluated; an evaluated one keeps what it was scored with', async () => {
    // Two forms as an earlier version stored them: "≥ no", answered "yes" (met by any answer then).
    const stored = async (person: string) => {
      const made = await create(person, [noComplaint()]);
      expect(made.status, made.text).toBe(201);
      const record = (await t.server.store.appraisals.getForm(made.body.id))!;
      const document = structuredClone(record.document) as any;
      document.objectives[0].comparator = '>=';
      const old = await t.server.store.appraisals.updateForm(record.id, record.version, { document }, 'update', null, SYSTEM);
      if (!old.ok) throw new Error(old.error.message);
      return made.body.id as string;
    };
    const live = await stored('impiegata');
    const read = (await clients.valutatrice!.get(`/api/appraisals/${live}`)).body;
    expect(read.objectives[0]).toMatchObject({ comparator: '=', target: false, actual: true });
    expect(read.result.objectives[0].score).toBe(0);
    // The screen sends it back with "=": an actual entered after the acknowledgements is not a new definition.
    const ready = await toInterview(live, 'impiegata');
    const actual = await clients.valutatrice!.request('PATCH', `/api/appraisals/${live}`, { version: ready.version, objectives: [{ ...noComplaint('='), actual: false }] });
    expect(actual.status, actual.text).toBe(200);
    expect(actual.body.result.objectives[0].score).toBe(100);
    expect(actual.body.record.acknowledged.person).not.toBeNull();

    // Evaluated with "≥ no" (as written by the code of then): read and scored as it was, its score stands.
    const evaluatedId = await stored('collega');
    const before = await toInterview(evaluatedId, 'collega');
    const evaluated = await clients.valutatrice!.request('POST', `/api/appraisals/${evaluatedId}/actions`, { action: 'evaluate', version: before.version });
    expect(evaluated.status, evaluated.text).toBe(200);
    const record = (await t.server.store.appraisals.getForm(evaluatedId))!;
    const document = structuredClone(record.document) as any;
    document.objectives[0].comparator = '>=';
    const old = await t.server.store.appraisals.updateForm(record.id, record.version, { document }, 'update', null, SYSTEM);
    if (!old.ok) throw new Error(old.error.message);
    const kept = (await clients.valutatrice!.get(`/api/appraisals/${evaluatedId}`)).body;
    expect(kept.objectives[0].comparator).toBe('>=');
    expect(kept.result.objectives[0].score).toBe(100);
  });

  it('gives a form not yet evaluated a provisional score and no band, on the form, the list and the document; the band comes with the evaluation', async () => {
    const made = await create('terzo', [{ title: 'Pratiche', weight: 100, target: 10, state: 'measured', actual: 8 }]);
    const id = made.body.id as string;
    const form = await toInterview(id, 'terzo');
    expect(form.result.score).toEqual(expect.any(Number));
    expect(form.result).toMatchObject({ frozen: false, band: null, complete: true });
    expect(form.result.steps.at(-1).text).toMatch(/^Provisional score = .*: the band is given with the evaluation\.$/);
    expect(form.result.steps.map((s: any) => s.text).join(' ')).not.toMatch(/band “/);
    const italian = (await clients.terzo!.get(`/api/appraisals/${id}?lang=it`)).body.result;
    expect(italian.steps.at(-1).text).toMatch(/^Punteggio provvisorio = .*: la fascia si attribuisce con la valutazione\.$/);
    expect(italian.band).toBeNull();
    const listed = (await hr.get('/api/appraisals?year=2024')).body.find((f: any) => f.id === id);
    expect(listed).toMatchObject({ score: form.result.score, band: null, frozen: false });
    for (const [language, heading, said] of [
      ['it', 'Punteggio provvisorio', 'La scheda non è ancora valutata: il punteggio è provvisorio e la fascia si attribuisce con la valutazione.'],
      ['en', 'Provisional score', 'The form is not evaluated yet: the score is provisional and the band is given with the evaluation.'],
    ] as const) {
      const pdf = await fetch(`${t.url}/api/appraisals/${id}/document?format=pdf&lang=${language}`, { headers: { cookie: clients.terzo!.cookie! } });
      expect(pdf.status).toBe(200);
      const text = pdfText(new Uint8Array(await pdf.arrayBuffer()), { layout: false }).replace(/\s+/g, ' ');
      expect(text).toContain(`${heading}: `);
      expect(text).toContain(said);
      expect(text).not.toMatch(/Punteggio finale|Final score|Fascia «|Band “/);
    }

    // The evaluation gives the band, from the score it freezes.
    const evaluated = await clients.valutatrice!.request('POST', `/api/appraisals/${id}/actions`, { action: 'evaluate', version: form.version });
    expect(evaluated.status, evaluated.text).toBe(200);
    expect(evaluated.body.result).toMatchObject({ frozen: true, score: form.result.score, band: { label: expect.any(String) } });
    expect(evaluated.body.record.evaluation.band).toBe(evaluated.body.result.band.label);
    expect(evaluated.body.result.steps.at(-1).text).toMatch(/^Final score = .*: band “/);
    expect((await hr.get('/api/appraisals?year=2024')).body.find((f: any) => f.id === id)).toMatchObject({ band: evaluated.body.result.band.label, frozen: true });
  });

  it('answers a stale save with the clash only, and a reader who may change nothing with 403', async () => {
    const made = await create('quarto', [{ title: 'Pratiche', weight: 100, target: 10 }]);
    expect(made.status, made.text).toBe(201);
    const id = made.body.id as string;
    const evaluator = clients.valutatrice!;
    const first = await evaluator.request('PATCH', `/api/appraisals/${id}`, { version: made.body.version, objectives: [{ title: 'Pratiche evase', weight: 100, target: 12 }] });
    expect(first.status, first.text).toBe(200);
    const now = (await t.server.store.appraisals.getForm(id))!;
    for (const [language, said] of [
      ['it', `la scheda è stata modificata nel frattempo (versione ${now.version}, inviata ${made.body.version}): ricaricarla`],
      ['en', `the form was changed meanwhile (version ${now.version}, not ${made.body.version}): reload it`],
    ] as const) {
      const stale = await hr.request('PATCH', `/api/appraisals/${id}`, { version: made.body.version, objectives: [{ title: 'Altro', weight: 100, target: 1 }] }, { 'accept-language': language });
      expect(stale.status, stale.text).toBe(409);
      expect(stale.body.error).toEqual({
        code: 'conflict',
        message: said,
        params: { appraisal: 'form-changed', version: now.version, sent: made.body.version },
        details: { version: now.version, state: 'draft', updatedAt: now.updatedAt },
      });
    }
    // A stale step is told the same, and nothing of the form either.
    const step = await evaluator.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: made.body.version });
    expect(step.status).toBe(409);
    expect(step.body.error.details).toEqual({ version: now.version, state: 'draft', updatedAt: now.updatedAt });

    // The person and the OIV may read a form but change none of it: a save naming no part is refused, stale or not, and writes nothing.
    const oiv = await t.as('oiv');
    const manager = await hr.request('POST', '/api/appraisals', { year: 2024, personId: ids.capo, evaluatorId: ids.valutatrice, category: 'dirigente', planId });
    expect(manager.status, manager.text).toBe(201);
    for (const [reader, formId, version] of [
      [clients.quarto!, id, made.body.version],
      [clients.quarto!, id, now.version],
      [oiv, manager.body.id, manager.body.version + 7],
      [oiv, manager.body.id, manager.body.version],
    ] as const) {
      const refused = await reader.request('PATCH', `/api/appraisals/${formId}`, { version });
      expect(refused.status, refused.text).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', message: 'you may change nothing of a form in the state “draft”' });
      expect(JSON.stringify(refused.body)).not.toContain('Pratiche');
    }
    expect((await t.server.store.appraisals.getForm(id))!.version).toBe(now.version);
    expect((await t.server.store.appraisals.getForm(manager.body.id))!.version).toBe(manager.body.version);
  });
});
