/**
 * Individual performance through HTTP, on SQLite and on PostgreSQL: the SMVP saved, refused with
 * its field, versioned, exported and imported back (JSON and XLSX); a form created by HR with the
 * organisational components taken from the imported 2024 plan; the whole cycle (objectives
 * acknowledged by both, interview, ratings, evaluation, acceptance, or contest and conciliation,
 * final) with every step in the form's own trail; the fund shared to the cent; the public
 * aggregates; and who may see a form (the privacy matrix).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { momentDayText } from '../../src/core/messages/index.js';
import { migrate } from '../../src/store/migrations.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { oldDatabase } from '../support/old-database.js';
import { Client, REFERENTE_UNIT, signedInPeople, startWithHr, wholeYearForm, type Backend, type People, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('individual performance over HTTP on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let hr: Client;
  let admin: Client;
  let ids: People['ids'];
  let clients: People['clients'];
  /** The registry id of the referente's unit, which owns B.1.1 in the harness. */
  let unitId: string;

  beforeAll(async () => {
    ({ t, planId, hr, admin, unitId } = await startWithHr(backend));
    ({ ids, clients } = await signedInPeople(t, ['dirigente', 'impiegato', 'collega', 'impiegata'], (username) => username[0]!.toUpperCase() + username.slice(1)));
  });
  afterAll(async () => t?.close());

  const organisation = 'Ente';

  it('answers a year without an SMVP as a state, not a missing resource: 200, no version, the example to start from', async () => {
    // Before, a 404 `not-found` carrying the example: the screens opening on such a year logged a failed request.
    for (const language of ['it', 'en']) {
      const none = await hr.request('GET', '/api/smvp/2031', undefined, { 'accept-language': language });
      expect(none.status, none.text).toBe(200);
      expect(none.body).toEqual({ organisation, year: 2031, version: null, example: exampleSmvpJson(organisation, 2031) });
    }
    // The public reads it so too (the SMVP is published); an earlier version that does not exist is still a 404.
    expect((await new Client(t.url).get('/api/smvp/2031?organisation=Ente')).body).toMatchObject({ organisation, year: 2031, version: null });
    expect((await hr.get('/api/smvp/2031?version=1')).status).toBe(404);
  });

  it('saves the SMVP, refuses bad weights and bands at their field, keeps versions', async () => {
    const doc: any = exampleSmvpJson(organisation, 2024);
    const first = await hr.request('PUT', '/api/smvp/2024', { document: doc });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ organisation, year: 2024, version: 1 });

    const heavy = structuredClone(doc);
    heavy.schemes[0].components.unit = 50;
    const refused = await hr.request('PUT', '/api/smvp/2024', { document: heavy });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid-smvp');
    expect(refused.body.error.issues).toEqual([expect.objectContaining({ code: 'component-weights', location: { field: 'schemes.0.components' } })]);
    // Said in the reader's language from the catalogue, at the field.
    const italian = await hr.request('PUT', '/api/smvp/2024', { document: heavy }, { 'accept-language': 'it' });
    expect(italian.body.error.issues[0]).toMatchObject({
      code: 'component-weights',
      message: 'i pesi delle componenti (dirigente) sommano a 120%, non a 100%',
      location: { field: 'schemes.0.components' },
    });
    expect(refused.body.error.issues[0].message).toBe('the component weights of manager sum to 120%, not 100%');

    const overlap = structuredClone(doc);
    overlap.schemes[2].bands[1] = { label: 'Buono', min: 75.01, max: 90.5, share: 80 };
    const bands = await hr.request('PUT', '/api/smvp/2024', { document: overlap });
    expect(bands.status).toBe(422);
    expect(bands.body.error.issues[0]).toMatchObject({ code: 'band-overlap', location: { field: 'schemes.2.bands.0.min' } });

    // A field of the wrong kind: its code and params, said in the reader's language at the field; nothing stored.
    const typed = structuredClone(doc);
    typed.ratingScale[1].score = 'quaranta';
    typed.schemes[1].category = 'capo';
    typed.schemes[0].components.extra = 5;
    const wrongIt = await hr.request('PUT', '/api/smvp/2024', { document: typed }, { 'accept-language': 'it' });
    expect(wrongIt.status).toBe(422);
    expect(wrongIt.body.error.message).toBe('il SMVP non si può salvare: 3 problemi, ciascuno al suo campo');
    expect(wrongIt.body.error.issues).toEqual([
      expect.objectContaining({ code: 'smvp-field', message: 'ratingScale.1.score: serve un numero', location: { field: 'ratingScale.1.score' } }),
      expect.objectContaining({ code: 'smvp-unknown-component', location: { field: 'schemes.0.components.extra' } }),
      expect.objectContaining({ code: 'smvp-field', message: 'schemes.1.category: serve uno tra dirigente, eq, personale', location: { field: 'schemes.1.category' } }),
    ]);
    const wrongEn = await hr.request('PUT', '/api/smvp/2024', { document: typed }, { 'accept-language': 'en' });
    expect(wrongEn.body.error.message).toBe('the SMVP cannot be saved: 3 problems, each at its field');
    expect(wrongEn.body.error.issues.map((i: any) => i.message)).toEqual([
      'ratingScale.1.score: expected a number',
      'schemes.0.components.extra: unknown component (expected body, unit, objectives, behaviours)',
      'schemes.1.category: expected one of dirigente, eq, personale',
    ]);
    const otherYear = await hr.request('PUT', '/api/smvp/2024', { document: { ...doc, year: 2025 } }, { 'accept-language': 'it' });
    expect(otherYear.body.error.issues).toEqual([expect.objectContaining({ code: 'smvp-year-mismatch', message: 'il documento è del 2025, non del 2024', location: { field: 'year' } })]);
    expect((await hr.get('/api/smvp/2024')).body.version).toBe(1);

    const second = await hr.request('PUT', '/api/smvp/2024', { document: { ...doc, weightPolicy: 'strict' }, reason: 'delibera n. 12' });
    expect(second.body.version).toBe(2);
    expect((await new Client(t.url).get('/api/smvp/2024?version=1')).body.version).toBe(1);
    expect((await new Client(t.url).get('/api/smvp')).body).toEqual([expect.objectContaining({ organisation, year: 2024, version: 2 })]);
  });

  it('refuses a save edited from a version that another save has overtaken, in both languages, and keeps the other', async () => {
    const start = (await hr.get('/api/smvp/2024')).body;
    const mine = structuredClone(start.document);
    mine.schemes[0].components.unit = Number(mine.schemes[0].components.unit) + 5;
    mine.schemes[0].components.objectives = Number(mine.schemes[0].components.objectives) - 5;
    const theirs = { ...structuredClone(start.document), notEvaluable: start.document.notEvaluable === 'exclude' ? 'achieved' : 'exclude' };
    // Both open version n; the administrator saves first, HR's save from n is refused.
    const first = await admin.request('PUT', '/api/smvp/2024', { document: theirs, version: start.version, reason: 'delibera n. 20' });
    expect(first.status, first.text).toBe(200);
    expect(first.body.version).toBe(start.version + 1);
    for (const [lang, said] of [
      ['it', `l'SMVP è stato salvato da admin nel frattempo (versione ${start.version + 1}, modificata a partire dalla ${start.version}): ricaricarlo e riportare le modifiche`],
      ['en', `the SMVP was saved by admin meanwhile (version ${start.version + 1}, edited from ${start.version}): reload it and make the changes again`],
    ] as const) {
      const late = await hr.request('PUT', '/api/smvp/2024', { document: mine, version: start.version }, { 'accept-language': lang });
      expect(late.status, late.text).toBe(409);
      expect(late.body.error).toMatchObject({ code: 'conflict', message: said });
      // Who saved first and when (by name beside the login), as any stale save says them; never the document.
      expect(late.body.error.details).toEqual({ current: { version: start.version + 1, updatedBy: 'admin', updatedByName: 'admin', updatedAt: first.body.createdAt } });
    }
    const now = (await hr.get('/api/smvp/2024')).body;
    expect(now).toMatchObject({ version: start.version + 1, document: theirs });
    // Two saves from the same version at once: one is kept, the other refused; none lost silently.
    const both = await Promise.all([
      hr.request('PUT', '/api/smvp/2024', { document: mine, version: now.version }),
      admin.request('PUT', '/api/smvp/2024', { document: start.document, version: now.version }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await hr.get('/api/smvp/2024')).body.version).toBe(now.version + 1);
    // Without `version` (a script, an import) the save is a new version as before; put back the one the tests below read.
    expect((await hr.request('PUT', '/api/smvp/2024', { document: start.document })).body.version).toBe(now.version + 2);
  });

  it('exports the SMVP as JSON and XLSX and imports both back; a broken workbook is refused at its sheet', async () => {
    const json = await hr.get('/api/smvp/2024/export?format=json');
    expect(json.status).toBe(200);
    expect(json.body).toEqual((await hr.get('/api/smvp/2024')).body.document);
    const xlsx = await fetch(`${t.url}/api/smvp/2024/export?format=xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    const form = new FormData();
    form.set('file', new Blob([bytes]), 'smvp.xlsx');
    form.set('reason', 'reimportato dal foglio');
    const back = await hr.request('POST', '/api/smvp/2024/import', form);
    expect(back.status, back.text).toBe(200);
    expect((await hr.get('/api/smvp/2024')).body.document).toEqual(json.body);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    workbook.getWorksheet('Schemi')!.getCell('C2').value = 50; // dirigente: unit 50 → 120%
    const broken = new FormData();
    broken.set('file', new Blob([new Uint8Array(await workbook.xlsx.writeBuffer())]), 'smvp.xlsx');
    const refused = await hr.request('POST', '/api/smvp/2024/import', broken);
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues[0]).toMatchObject({ code: 'component-weights', location: { field: 'schemes.0.components', sheet: 'Schemi', file: 'smvp.xlsx' } });
  });

  it("bands an indicator by the SMVP's own range for its row, in the objective's explanation", async () => {
    const controller = await t.as('controller');
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const b11 = tree.objectives.find((o: any) => o.code === 'B.1.1').indicators[0];
    const doc: any = (await hr.get('/api/smvp/2024')).body.document;
    const saved = await hr.request('PUT', '/api/smvp/2024', {
      document: { ...doc, indicatorThresholds: [{ code: 'B.1.1', indicator: b11.name, green: 100, yellow: 85 }] },
      reason: 'range di valutazione della riga B.1.1',
    });
    expect(saved.status, saved.text).toBe(200);
    const explained = await controller.get(`/api/plans/${planId}/nodes/B.1.1/explanation?lang=it`);
    expect(explained.status).toBe(200);
    expect(explained.body.thresholds).toEqual([expect.objectContaining({ indicatorId: b11.id, green: 100, yellow: 85, score: 100, band: 'yellow', legendBand: 'green' })]);
    expect(explained.body.thresholds[0].text).toMatch(
      /range di valutazione proprio dal SMVP \(verde oltre il 100,00%, giallo da 85,00%\): punteggio 100,00% → giallo \(con la legenda del piano sarebbe verde\)/,
    );
    // Objectives without such a row are explained as before.
    expect((await controller.get(`/api/plans/${planId}/nodes/A.2/explanation`)).body.thresholds).toBeUndefined();
    // The rest of the file works with the SMVP without thresholds.
    expect((await hr.request('PUT', '/api/smvp/2024', { document: doc })).status).toBe(200);
  });

  it("carries a row's own SMVP range in the tree, banded as the explanation bands it, and follows a new value", async () => {
    const controller = await t.as('controller');
    const rowOf = (tree: any) => tree.objectives.find((o: any) => o.code === 'B.1.1').indicators[0];
    const before = await controller.get(`/api/plans/${planId}/tree`);
    const b11 = rowOf(before.body);
    expect(b11.ownRange).toBeNull();
    const doc: any = (await hr.get('/api/smvp/2024')).body.document;
    const saved = await hr.request('PUT', '/api/smvp/2024', {
      document: { ...doc, indicatorThresholds: [{ code: 'B.1.1', indicator: b11.name, green: 100, yellow: 85 }] },
      reason: 'range della riga B.1.1',
    });
    expect(saved.status, saved.text).toBe(200);

    // A new SMVP version is a new answer: another ETag, the row banded by its own range (100 is not above 100: yellow).
    const after = await controller.get(`/api/plans/${planId}/tree`);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(rowOf(after.body).ownRange).toEqual({ green: 100, yellow: 85, greenInclusive: false, yellowInclusive: true, band: 'yellow', legendBand: 'green', smvpVersion: saved.body.version });
    const others = after.body.objectives.flatMap((o: any) => o.indicators).filter((i: any) => i.id !== b11.id);
    expect(others.every((i: any) => i.ownRange === null)).toBe(true);
    // The objective keeps the legend's band; the explanation says the same band for the row.
    expect(after.body.objectives.find((o: any) => o.code === 'B.1.1').band).toBe(before.body.objectives.find((o: any) => o.code === 'B.1.1').band);
    const explained = (await controller.get(`/api/plans/${planId}/nodes/B.1.1/explanation?lang=en`)).body.thresholds[0];
    expect([explained.band, explained.legendBand]).toEqual([rowOf(after.body).ownRange.band, rowOf(after.body).ownRange.legendBand]);
    // The public reads the same range (the SMVP is published) on a published plan's tree; anyone signed in reads it here.
    expect(rowOf((await (await t.as('referente')).get(`/api/plans/${planId}/tree`)).body).ownRange.band).toBe('yellow');

    // A value that misses the target: the save's answer and the next read band the row red by its range.
    const missed = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(b11.id)}/measurements/2024-12-31`, {
      state: 'not_achieved',
      version: rowOf(after.body).version,
    });
    expect(missed.status, missed.text).toBe(200);
    expect(missed.body.indicator.ownRange).toMatchObject({ band: 'red', legendBand: 'red' });
    expect(missed.body.changes.objectives[0].indicators[0].ownRange).toMatchObject({ band: 'red' });
    const read = await controller.get(`/api/plans/${planId}/tree`);
    expect(rowOf(read.body)).toMatchObject({ performance: 0, ownRange: { band: 'red' } });
    expect((await controller.get(`/api/plans/${planId}/nodes/B.1.1/explanation`)).body.thresholds[0]).toMatchObject({ score: 0, band: 'red' });

    // Put back: the value as it was, the SMVP without rows of its own (a new version; the tree drops the range).
    const restored = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(b11.id)}/measurements/2024-12-31`, {
      state: 'measured',
      actual: b11.actual,
      version: rowOf(read.body).version,
    });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body.indicator.ownRange).toMatchObject({ band: 'yellow' });
    expect((await hr.request('PUT', '/api/smvp/2024', { document: doc })).status).toBe(200);
    expect(rowOf((await controller.get(`/api/plans/${planId}/tree`)).body).ownRange).toBeNull();
  });

  let formId: string;

  it('creates a form; refuses self-evaluation; takes the unit from the tree', async () => {
    const self = await hr.request('POST', '/api/appraisals', { year: 2024, personId: ids.dirigente, evaluatorId: ids.dirigente, category: 'dirigente', planId });
    expect(self.status).toBe(422);
    expect(self.body.error).toMatchObject({ code: 'self-evaluation', issues: [expect.objectContaining({ location: { field: 'evaluatorId' } })] });
    const selfIt = await hr.request('POST', '/api/appraisals', { year: 2024, personId: ids.dirigente, evaluatorId: ids.dirigente, category: 'dirigente', planId }, { 'accept-language': 'it' });
    expect(selfIt.body.error).toMatchObject({
      message: 'nessuno valuta sé stesso: scegliere un altro valutatore',
      issues: [{ code: 'self-evaluation', message: 'nessuno valuta sé stesso: scegliere un altro valutatore', location: { field: 'evaluatorId' } }],
    });

    const created = await wholeYearForm(hr, { personId: ids.impiegato!, evaluatorId: ids.dirigente!, planId, unitId });
    expect(created.body.assignments).toEqual([{ unitId, unit: REFERENTE_UNIT, from: '2024-01-01', to: '2024-12-31', partTime: 100 }]);
    expect(created.body.result.steps.map((s: any) => s.text)).toContain(`Unit ${REFERENTE_UNIT}: performance 80.00%.`);
    formId = created.body.id;
    expect(created.body).toMatchObject({ state: 'draft', person: { username: 'impiegato' }, evaluator: { username: 'dirigente' } });
    // B.1.1 (the referente's unit in the harness) scores 80% in the fixture; the body's roll-up of the areas too.
    const unit = created.body.result.components.find((c: any) => c.kind === 'unit');
    expect(unit.score).toBe(80);
    expect(created.body.result.components.find((c: any) => c.kind === 'body').score).toEqual(expect.any(Number));
    // Units are named by the registry's id: a name, or an id the registry lacks, is refused at its field.
    const byName = await hr.request('POST', '/api/appraisals', {
      year: 2024,
      personId: ids.collega,
      evaluatorId: ids.dirigente,
      category: 'eq',
      assignments: [{ unit: REFERENTE_UNIT, from: '2024-01-01', to: '2024-12-31' }],
    });
    expect(byName.status).toBe(400);
    const unknown = await hr.request('POST', '/api/appraisals', {
      year: 2024,
      personId: ids.collega,
      evaluatorId: ids.dirigente,
      category: 'eq',
      assignments: [{ unitId: 'no-such-unit', from: '2024-01-01', to: '2024-12-31' }],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues[0]).toMatchObject({ code: 'unknown-registry-unit', location: { field: 'assignments.0.unitId' } });
    expect((await hr.get('/api/appraisals/people')).body.find((p: any) => p.id === ids.impiegato).unitIds).toEqual([unitId]);
    const duplicate = await hr.request('POST', '/api/appraisals', { year: 2024, personId: ids.impiegato, evaluatorId: ids.dirigente, category: 'eq' });
    expect(duplicate.status).toBe(409);
  });

  it("lists the form with its live score, and the list follows a new value in the plan and the form's own changes", async () => {
    const controller = await t.as('controller');
    const listed = async (): Promise<any> => (await hr.get('/api/appraisals?year=2024')).body.find((f: any) => f.id === formId);
    const viewed = async (): Promise<any> => (await hr.get(`/api/appraisals/${formId}`)).body.result;
    const first = await viewed();
    expect(first.components.find((c: any) => c.kind === 'unit').score).toBe(80);
    expect(await listed()).toMatchObject({ score: first.score, band: first.band?.label ?? null, complete: first.complete, state: 'draft', stateLabel: 'Objectives to acknowledge' });
    expect(first.score).not.toBeNull();

    // B.1.1 (the unit's objective) misses its target: the unit's performance falls, and the list, read again, says so.
    const rowOf = (tree: any) => tree.objectives.find((o: any) => o.code === 'B.1.1').indicators[0];
    const b11 = rowOf((await controller.get(`/api/plans/${planId}/tree`)).body);
    const missed = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(b11.id)}/measurements/2024-12-31`, { state: 'not_achieved', version: b11.version });
    expect(missed.status, missed.text).toBe(200);
    const fallen = await viewed();
    expect(fallen.score).toBeLessThan(first.score);
    expect((await listed()).score).toBe(fallen.score);

    // The form's own change (an objective assigned) is a new version: listed with its new score.
    const form = (await hr.get(`/api/appraisals/${formId}`)).body;
    const patched = await hr.request('PATCH', `/api/appraisals/${formId}`, {
      version: form.version,
      objectives: [{ title: 'Pratiche evase', weight: 100, comparator: '>=', target: 100, unit: 'number', state: 'measured', actual: 50 }],
    });
    expect(patched.status, patched.text).toBe(200);
    expect((await listed()).score).toBe(patched.body.result.score);
    expect(patched.body.result.score).not.toBe(fallen.score);
    const back = await hr.request('PATCH', `/api/appraisals/${formId}`, { version: patched.body.version, objectives: [] });
    expect(back.status, back.text).toBe(200);

    const restored = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(b11.id)}/measurements/2024-12-31`, {
      state: 'measured',
      actual: b11.actual,
      version: rowOf((await controller.get(`/api/plans/${planId}/tree`)).body).version,
    });
    expect(restored.status, restored.text).toBe(200);
    expect((await listed()).score).toBe(first.score);
  });

  it('goes through the cycle, each step audited, the score frozen at the evaluation', async () => {
    const evaluator = clients.dirigente!;
    const me = clients.impiegato!;
    let form = (await evaluator.get(`/api/appraisals/${formId}`)).body;
    expect(form.may.edit).toEqual(expect.arrayContaining(['objectives']));

    const objectives = [
      { id: 'o1', title: 'Pratiche evase entro 30 giorni', weight: 60, comparator: '>=', target: 90, unit: 'percent', scoring: 'proportional' },
      { id: 'o2', title: 'Nuovo portale', weight: 40, comparator: '<=', target: '2024-09-30', unit: 'date' },
    ];
    // A yes/no objective sent without a comparator wants that answer ("= sì"), not "at least" it:
    // "≥ no" would be met by any answer. A number without one is still "at least".
    const yesNo = await evaluator.request('PATCH', `/api/appraisals/${formId}`, {
      version: form.version,
      objectives: [
        { title: 'Pratiche evase', weight: 60, target: 90 },
        { title: 'Nessun reclamo fondato', weight: 40, target: false, unit: 'boolean' },
      ],
    });
    expect(yesNo.status, yesNo.text).toBe(200);
    expect(yesNo.body.objectives.map((o: any) => [o.comparator, o.target])).toEqual([
      ['>=', 90],
      ['=', false],
    ]);
    let r = await evaluator.request('PATCH', `/api/appraisals/${formId}`, { version: yesNo.body.version, objectives });
    expect(r.status, r.text).toBe(200);
    form = r.body;
    // The person cannot change objectives, nor act for the evaluator.
    expect((await me.request('PATCH', `/api/appraisals/${formId}`, { version: form.version, objectives: [] })).status).toBe(403);
    const notYours = await me.request('PATCH', `/api/appraisals/${formId}?lang=it`, { version: form.version, objectives: [] });
    expect(notYours.body.error).toMatchObject({ code: 'forbidden', message: 'non puoi modificare gli obiettivi di una scheda in questa fase' });
    expect((await me.request('POST', `/api/appraisals/${formId}/actions`, { action: 'interview', version: form.version, note: 'x' })).status).toBe(403);

    r = await me.request('POST', `/api/appraisals/${formId}/actions`, { action: 'acknowledge', version: form.version });
    expect(r.status, r.text).toBe(200);
    expect(r.body.state).toBe('draft');
    r = await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'acknowledge', version: r.body.version });
    expect(r.body.state).toBe('assigned');

    const noNote = await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'interview', version: r.body.version });
    expect(noNote.status).toBe(422);
    r = await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'interview', version: r.body.version, note: 'Obiettivi raggiungibili; portale in ritardo di un mese' });
    expect(r.body.state).toBe('interview');

    const outside = await evaluator.request('PATCH', `/api/appraisals/${formId}`, { version: r.body.version, ratings: { C1: 9 } });
    expect(outside.status).toBe(422);
    expect(outside.body.error).toMatchObject({ code: 'rating-outside-scale', issues: [expect.objectContaining({ location: { field: 'ratings.C1' } })] });
    const outsideIt = await evaluator.request('PATCH', `/api/appraisals/${formId}?lang=it`, { version: r.body.version, ratings: { C1: 9 } });
    expect(outsideIt.body.error.issues[0]).toMatchObject({ message: 'C1: il giudizio 9 non è nella scala (1, 2, 3, 4 e 5)', location: { field: 'ratings.C1' } });

    const early = await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'evaluate', version: r.body.version });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('form-incomplete');
    const earlyIt = await evaluator.request('POST', `/api/appraisals/${formId}/actions?lang=it`, { action: 'evaluate', version: r.body.version });
    expect(earlyIt.body.error.message).toMatch(/^la scheda non è completa/);

    r = await evaluator.request('PATCH', `/api/appraisals/${formId}`, {
      version: r.body.version,
      objectives: [
        { ...objectives[0], state: 'measured', actual: 81 },
        { ...objectives[1], state: 'measured', actual: '2024-09-15' },
      ],
      ratings: { C1: 4, C2: 5, C3: 3 },
    });
    expect(r.status, r.text).toBe(200);
    // o1 81/90 = 90%, o2 met = 100% → 94; behaviours 40%·90 + 30%·100 + 30%·70 = 87; unit 80; body from the tree.
    expect(r.body.result.components.find((c: any) => c.kind === 'objectives').score).toBe(94);
    expect(r.body.result.components.find((c: any) => c.kind === 'behaviours').score).toBe(87);
    expect(r.body.result.complete).toBe(true);
    // Not evaluated yet: a provisional score, no band (the evaluation gives it).
    expect(r.body.result.band).toBeNull();
    expect(r.body.result.steps.at(-1).text).toMatch(/^Provisional score = /);
    expect((await evaluator.get(`/api/appraisals/${formId}?lang=it`)).body.result.steps.at(-1).text).toMatch(/^Punteggio provvisorio = .*la fascia si attribuisce con la valutazione/);
    const live = r.body.result.score;

    r = await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'evaluate', version: r.body.version });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ state: 'evaluated', result: { frozen: true, score: live, band: { label: expect.any(String) } } });
    expect((await evaluator.get(`/api/appraisals/${formId}?lang=it`)).body.result.steps.at(-1).text).toMatch(/^Punteggio finale = .*fascia «/);
    expect((await evaluator.request('PATCH', `/api/appraisals/${formId}`, { version: r.body.version, ratings: { C1: 1 } })).status).toBe(403);

    // The tree changes after the evaluation: the frozen score does not move.
    const controller = await t.as('controller');
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const b11 = tree.objectives.find((o: any) => o.code === 'B.1.1').indicators[0];
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(b11.id)}/measurements/2024-12-31`, { state: 'not_achieved', version: b11.version });
    expect(put.status, put.text).toBe(200);
    expect((await me.get(`/api/appraisals/${formId}`)).body.result.score).toBe(live);

    r = await me.request('POST', `/api/appraisals/${formId}/actions`, { action: 'accept', version: r.body.version });
    expect(r.body.state).toBe('accepted');
    expect((await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'finalise', version: r.body.version })).status).toBe(403);
    r = await hr.request('POST', `/api/appraisals/${formId}/actions`, { action: 'finalise', version: r.body.version });
    expect(r.body.state).toBe('final');

    const trail = (await me.get(`/api/appraisals/${formId}/trail`)).body;
    // The two first updates: the list's test assigned an objective and took it back; then the yes/no objectives and the real ones.
    expect(trail.map((e: any) => e.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'acknowledge', 'acknowledge', 'interview', 'update', 'evaluate', 'accept', 'finalise']);
    const interview = trail.find((e: any) => e.action === 'interview');
    expect(interview).toMatchObject({
      user: 'dirigente',
      // Named as the plans' trail names people: the display name, not the login.
      userName: 'Dirigente',
      // The interview's note is said once, by the change that carries it with its day, not as a reason.
      reason: null,
      before: { state: 'assigned' },
      after: { state: 'interview' },
    });
    expect(JSON.stringify(interview.changes)).toContain('Obiettivi raggiungibili; portale in ritardo di un mese');
    // The plan's trail, readable by every account, says nothing about the form.
    expect(JSON.stringify((await controller.get('/api/audit?limit=200')).body)).not.toContain(formId);
  });

  it('contests and conciliates with an outcome; the reopening needs the administrator and a reason', async () => {
    const created = await hr.request('POST', '/api/appraisals', {
      year: 2024,
      personId: ids.impiegata,
      evaluatorId: ids.dirigente,
      category: 'eq',
      planId,
      assignments: [{ unitId, from: '2024-07-01', to: '2024-12-31', partTime: 50 }],
      objectives: [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }],
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    const ev = clients.dirigente!;
    const me = clients.impiegata!;
    let r = await ev.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: created.body.version });
    // Acknowledging again would move the date the form records; it is refused, and the first stays.
    const first = r.body.record.acknowledged.evaluator;
    for (const [lang, said] of [
      ['it', `hai già preso visione degli obiettivi il ${momentDayText(first)}: la presa visione resta quella`],
      ['en', `you already acknowledged the objectives on ${momentDayText(first)}: that acknowledgement stands`],
    ] as const) {
      const again = await ev.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: r.body.version }, { 'accept-language': lang });
      expect([again.status, again.body.error.code, again.body.error.message]).toEqual([409, 'already-acknowledged', said]);
    }
    expect((await ev.get(`/api/appraisals/${id}`)).body).toMatchObject({ version: r.body.version, record: { acknowledged: { evaluator: first, person: null } } });
    r = await me.request('POST', `/api/appraisals/${id}/actions`, { action: 'acknowledge', version: r.body.version });
    r = await ev.request('POST', `/api/appraisals/${id}/actions`, { action: 'interview', version: r.body.version, note: 'ok' });
    r = await ev.request('PATCH', `/api/appraisals/${id}`, { version: r.body.version, ratings: { C1: 2, C2: 2, C3: 2 } });
    r = await ev.request('POST', `/api/appraisals/${id}/actions`, { action: 'evaluate', version: r.body.version });
    expect(r.body.state).toBe('evaluated');
    expect(r.body.result.presenceDays).toBe(92); // 184 days at 50%
    const before = r.body.result.score;
    expect((await me.request('POST', `/api/appraisals/${id}/actions`, { action: 'contest', version: r.body.version })).status).toBe(422);
    r = await me.request('POST', `/api/appraisals/${id}/actions`, { action: 'contest', version: r.body.version, reason: 'I comportamenti non tengono conto del progetto archivio' });
    expect(r.body.state).toBe('contested');
    r = await hr.request('PATCH', `/api/appraisals/${id}`, { version: r.body.version, ratings: { C1: 4, C2: 3, C3: 3 } });
    expect(r.status, r.text).toBe(200);
    expect(r.body.result.score).toBeGreaterThan(before);
    // "Confirmed" with a score the conciliation moved would record the evaluation as standing while it changed.
    const revised = r.body.result.score;
    for (const [lang, said] of [
      ['it', `il punteggio è ${revised.toFixed(2).replace('.', ',')}%, non ${before.toFixed(2).replace('.', ',')}% come alla valutazione; scegliere «Valutazione rivista»`],
      ['en', `the score is ${revised.toFixed(2)}%, not ${before.toFixed(2)}% as at the evaluation; choose “Appraisal revised”`],
    ] as const) {
      const confirmed = await hr.request(
        'POST',
        `/api/appraisals/${id}/actions`,
        { action: 'conciliate', version: r.body.version, outcome: 'confirmed', note: 'Confermata' },
        { 'accept-language': lang },
      );
      expect(confirmed.status, confirmed.text).toBe(422);
      expect(confirmed.body.error.code).toBe('conciliation-confirmed-changed');
      expect(confirmed.body.error.message).toContain(said);
      expect(confirmed.body.error.issues[0].location).toEqual({ field: 'outcome' });
    }
    const still = (await hr.get(`/api/appraisals/${id}`)).body;
    expect(still).toMatchObject({ state: 'contested', version: r.body.version, record: { conciliation: null } });
    expect(Number(still.record.evaluation.score)).toBeCloseTo(before, 2);
    r = await hr.request('POST', `/api/appraisals/${id}/actions`, { action: 'conciliate', version: r.body.version, outcome: 'revised', note: 'Verbale di conciliazione n. 3' });
    expect(r.body).toMatchObject({ state: 'final', record: { conciliation: { outcome: 'revised', note: 'Verbale di conciliazione n. 3' } } });
    expect((await hr.request('POST', `/api/appraisals/${id}/actions`, { action: 'reopen', version: r.body.version, reason: 'errore' })).status).toBe(403);
    const reopened = await admin.request('POST', `/api/appraisals/${id}/actions`, { action: 'reopen', version: r.body.version, reason: 'ricorso accolto' });
    expect(reopened.body.state).toBe('evaluated');
    r = await me.request('POST', `/api/appraisals/${id}/actions`, { action: 'accept', version: reopened.body.version });
    await hr.request('POST', `/api/appraisals/${id}/actions`, { action: 'finalise', version: r.body.version });
  });

  it('shares the fund to the cent once every form is final, and publishes only aggregates', async () => {
    const pdf = await fetch(`${t.url}/api/appraisals/${formId}/document?format=pdf`, { headers: { cookie: hr.cookie! } });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const docx = await fetch(`${t.url}/api/appraisals/${formId}/document?format=docx`, { headers: { cookie: hr.cookie! } });
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');

    const bad = await hr.request('POST', '/api/rewards/2024/distribute', { category: 'eq', fund: '10,001' });
    expect(bad.status).toBe(400);
    expect((await clients.dirigente!.request('POST', '/api/rewards/2024/distribute', { category: 'eq', fund: 100 })).status).toBe(403);
    const done = await hr.request('POST', '/api/rewards/2024/distribute', { category: 'eq', fund: '10.000,01' });
    expect(done.status, done.text).toBe(200);
    const people = done.body.people as any[];
    expect(people).toHaveLength(2);
    expect(people.reduce((t: bigint, p: any) => t + BigInt(p.cents), 0n) + BigInt(done.body.undistributedCents)).toBe(1000001n);
    expect(done.body.rule.it).toContain('resti più alti');

    const pub = await new Client(t.url).get('/api/rewards/2024/aggregates');
    expect(pub.status).toBe(200);
    const text = JSON.stringify(pub.body);
    expect(text).not.toContain('impiegat');
    expect(text).not.toContain(ids.impiegato);
    expect(pub.body.rows.filter((r: any) => r.category === 'eq').reduce((n: number, r: any) => n + r.people, 0)).toBe(2);
    const csv = await fetch(`${t.url}/api/rewards/2024/aggregates?format=csv`);
    // Two people alone in the category: its fund less one's own bonus would be the other's.
    expect(pub.body.categories).toEqual([expect.objectContaining({ category: 'eq', fundCents: null, distributedCents: null, withheld: true, withheldReason: 'small-bands-only' })]);
    expect(text).not.toContain('1000001');
    expect((await csv.text()).split('\n')[0]).toBe(
      'anno,categoria,fascia,coefficiente_premio,persone,totale_euro,media_euro,minimo_euro,massimo_euro,non_pubblicato,fondo_categoria_euro,distribuito_categoria_euro,categoria_non_pubblicato',
    );
    expect((await fetch(`${t.url}/api/rewards/2024/aggregates?format=xlsx`)).headers.get('content-type')).toContain('spreadsheetml');
    expect((await (await t.as('oiv')).get('/api/rewards/2024')).status).toBe(403);
  });

  it('keeps the published aggregates and the final forms as distributed when a new SMVP renames and rescales the bands', async () => {
    const before = (await new Client(t.url).get('/api/rewards/2024/aggregates')).body.rows.filter((r: any) => r.category === 'eq');
    const form = (await hr.get(`/api/appraisals/${formId}`)).body;
    const current = (await hr.get('/api/smvp/2024')).body;
    const renamed = structuredClone(current.document);
    for (const scheme of renamed.schemes) for (const b of scheme.bands) Object.assign(b, { label: `Nuova ${b.label}`, share: 10 });
    const saved = await hr.request('PUT', '/api/smvp/2024', { document: renamed, reason: 'Nuove fasce dal 2025' });
    expect(saved.status, saved.text).toBe(200);
    // The published rows are those of the distribution made: its bands, its coefficients, its people.
    const after = (await new Client(t.url).get('/api/rewards/2024/aggregates')).body.rows.filter((r: any) => r.category === 'eq');
    expect(after).toEqual(before);
    expect(after.reduce((n: number, r: any) => n + r.people, 0)).toBe(2);
    const still = (await hr.get(`/api/appraisals/${formId}`)).body;
    expect(still.result).toEqual(form.result);
    // Put the SMVP back as it was, so what follows reads the bands it was written for.
    expect((await hr.request('PUT', '/api/smvp/2024', { document: current.document, reason: 'ripristino' })).status).toBe(200);
  });

  it("refuses a bad year, body, version, format or file on the SMVP, rewards and forms routes in the reader's language", async () => {
    const said = async (method: string, path: string, language: 'it' | 'en', body?: unknown) => {
      const res = await hr.request(method, path, body, { 'accept-language': language });
      return { status: res.status, code: res.body.error?.code, message: res.body.error?.message };
    };
    expect(await said('GET', '/api/smvp/20x4', 'it')).toEqual({ status: 400, code: 'invalid-path', message: "year nell'indirizzo: un anno come 2024" });
    expect(await said('GET', '/api/smvp/20x4', 'en')).toEqual({ status: 400, code: 'invalid-path', message: 'the year in the address: a year such as 2024' });
    expect(await said('GET', '/api/rewards/20x4/aggregates', 'it')).toMatchObject({ status: 400, code: 'invalid-path', message: "year nell'indirizzo: un anno come 2024" });
    expect(await said('GET', `/api/smvp/2024?organisation=${'x'.repeat(301)}`, 'it')).toEqual({ status: 400, code: 'invalid-query', message: 'organisation: il nome di un ente' });
    expect(await said('GET', `/api/rewards/2024/aggregates?organisation=%20`, 'en')).toEqual({ status: 400, code: 'invalid-query', message: 'organisation: the name of a body' });
    expect(await said('GET', '/api/smvp/2024?version=uno', 'it')).toEqual({ status: 400, code: 'invalid-query', message: 'version: atteso un numero intero' });
    expect(await said('GET', '/api/smvp/2024/export?format=pdf', 'it')).toEqual({ status: 400, code: 'invalid-query', message: 'format deve essere uno tra json, xlsx, non «pdf»' });
    expect(await said('GET', '/api/rewards/2024/aggregates?format=pdf', 'en')).toEqual({ status: 400, code: 'invalid-query', message: 'format must be one of json, csv, xlsx, not “pdf”' });
    expect(await said('GET', '/api/smvp/2024?version=99', 'en')).toEqual({ status: 404, code: 'not-found', message: 'there is no SMVP for Ente 2024 version 99' });
    expect(await said('GET', '/api/smvp/2031/export?format=json', 'it')).toMatchObject({ status: 404, code: 'not-found', message: "non c'è un SMVP di Ente per il 2031" });
    expect(await said('POST', '/api/smvp/2024/import', 'it', { document: {} })).toEqual({
      status: 415,
      code: 'unsupported-media-type',
      message: 'inviare il SMVP come caricamento multipart/form-data con un campo «file»',
    });
    expect((await said('POST', '/api/smvp/2024/import', 'en', { document: {} })).message).toBe('send the SMVP as a multipart/form-data upload with a “file” field');
    const noFile = await fetch(`${t.url}/api/smvp/2024/import`, { method: 'POST', headers: { cookie: hr.cookie!, 'x-csrf-token': hr.csrf!, 'accept-language': 'en' }, body: new FormData() });
    expect(((await noFile.json()) as any).error).toMatchObject({ code: 'missing-file', message: 'attach the SMVP (.json or .xlsx) in a field called “file”', params: { what: 'smvp' } });
    expect(noFile.status).toBe(400);
    expect(await said('POST', '/api/smvp/2024/import', 'it', new FormData())).toEqual({ status: 400, code: 'missing-file', message: 'allegare il SMVP (.json o .xlsx) in un campo chiamato «file»' });
    expect(await said('POST', '/api/rewards/2031/distribute', 'it', { category: 'eq', fund: 100 })).toEqual({
      status: 409,
      code: 'smvp-missing',
      message: "non c'è un SMVP per Ente 2031: l'ufficio personale lo salva prima",
    });
    const fund = await hr.request('POST', '/api/rewards/2024/distribute', { category: 'eq', fund: 'mille' }, { 'accept-language': 'it' });
    expect(fund.status).toBe(400);
    expect(fund.body.error.issues[0]).toMatchObject({ message: 'fund: una somma in euro con al massimo due decimali, es. 12345,67', location: { field: 'fund' } });
    expect(await said('GET', '/api/appraisals?year=24', 'it')).toEqual({ status: 400, code: 'invalid-query', message: 'year: un anno come 2024' });
    expect(await said('GET', '/api/appraisals/no-such-form', 'it')).toEqual({ status: 404, code: 'not-found', message: "non esiste una scheda di valutazione con l'id no-such-form" });
    expect(await said('GET', '/api/appraisals/no-such-form', 'en')).toEqual({ status: 404, code: 'not-found', message: 'there is no appraisal form with the id no-such-form' });
    expect(await said('GET', `/api/appraisals/${formId}/document?format=odt`, 'it')).toEqual({ status: 400, code: 'invalid-query', message: 'format deve essere uno tra pdf, docx, non «odt»' });
    const version = (await hr.get(`/api/appraisals/${formId}`)).body.version;
    expect(await said('POST', `/api/appraisals/${formId}/actions`, 'it', { action: 'finalise', version })).toEqual({
      status: 409,
      code: 'invalid-transition',
      message: 'il passo «chiusura definitiva» non si può fare su una scheda nello stato «Definitiva» (si fa da: «Accettata»)',
    });
    // In English the step in words too, not the API's action code («the step “finalise”»).
    expect(await said('POST', `/api/appraisals/${formId}/actions`, 'en', { action: 'finalise', version })).toEqual({
      status: 409,
      code: 'invalid-transition',
      message: 'the step “final closing” cannot be taken on a form in the state “Final” (it is taken from: “Accepted”)',
    });
    // A whole number goes where zod says `int`: the reader is told in words.
    for (const [lang, said] of [
      ['it', 'ratings.C1: atteso un numero intero'],
      ['en', 'ratings.C1: expected integer'],
    ] as const) {
      const half = await hr.request('PATCH', `/api/appraisals/${formId}`, { version, ratings: { C1: 3.5 } }, { 'accept-language': lang });
      expect([half.status, half.body.error.issues[0].message, half.body.error.issues[0].location]).toEqual([400, said, { field: 'ratings.C1' }]);
    }
    const stale = await admin.request('POST', `/api/appraisals/${formId}/actions`, { action: 'reopen', version: version + 5, reason: 'prova' }, { 'accept-language': 'it' });
    expect([stale.status, stale.body.error.code, stale.body.error.message]).toEqual([
      409,
      'conflict',
      `la scheda è stata modificata nel frattempo (versione ${version}, inviata ${version + 5}): ricaricarla`,
    ]);
    expect(await said('POST', '/api/appraisals', 'it', { year: 2024, personId: ids.impiegato, evaluatorId: ids.dirigente, category: 'eq' })).toEqual({
      status: 409,
      code: 'duplicate',
      message: 'la persona ha già una scheda di valutazione per il 2024',
    });
  });

  it("refuses a plan of another year for a form, on creation and on change: its results would be another year's", async () => {
    const base = { year: 2025, personId: ids.collega, evaluatorId: ids.dirigente, category: 'eq' };
    const created = await hr.request('POST', '/api/appraisals', { ...base, planId }, { 'accept-language': 'it' });
    expect(created.status, created.text).toBe(422);
    expect(created.body.error).toMatchObject({
      code: 'plan-other-year',
      message: 'la scheda è del 2025: i risultati organizzativi vengono dal piano dello stesso anno, non da uno del 2024',
      issues: [expect.objectContaining({ location: { field: 'planId' } })],
    });
    const form = await hr.request('POST', '/api/appraisals', base);
    expect(form.status, form.text).toBe(201);
    const changed = await hr.request('PATCH', `/api/appraisals/${form.body.id}`, { version: form.body.version, planId });
    expect(changed.status, changed.text).toBe(422);
    expect(changed.body.error.code).toBe('plan-other-year');
    expect((await hr.get(`/api/appraisals/${form.body.id}`)).body.planId).toBeNull();
  });

  it('shows a form only to the person, their evaluator, HR, the administrator, and the OIV for managers', async () => {
    const manager = await hr.request('POST', '/api/appraisals', { year: 2024, personId: ids.dirigente, evaluatorId: ids.collega, category: 'dirigente', planId });
    expect(manager.status, manager.text).toBe(201);
    const who: Record<string, Client> = {
      admin,
      personale: hr,
      controller: await t.as('controller'),
      referente: await t.as('referente'),
      oiv: await t.as('oiv'),
      public: new Client(t.url),
      person: clients.impiegato!,
      evaluator: clients.dirigente!,
      colleague: clients.collega!,
    };
    const expected: Record<string, [number, number]> = {
      // [a staff form (impiegato, evaluated by dirigente), a manager's form (dirigente, evaluated by collega)]
      admin: [200, 200],
      personale: [200, 200],
      controller: [403, 403],
      referente: [403, 403],
      oiv: [403, 200],
      public: [401, 401],
      person: [200, 403],
      evaluator: [200, 200],
      colleague: [403, 200],
    };
    for (const [name, client] of Object.entries(who)) {
      for (const [k, id] of [formId, manager.body.id].entries()) {
        for (const path of [`/api/appraisals/${id}`, `/api/appraisals/${id}/trail`, `/api/appraisals/${id}/document?format=docx`]) {
          const reply = await client.get(path);
          expect(reply.status, `${name} ${path}`).toBe(expected[name]![k]);
        }
      }
      const list = await client.get('/api/appraisals?year=2024');
      if (name === 'public') expect(list.status).toBe(401);
      else {
        const seen = new Set(list.body.map((f: any) => f.id));
        expect([seen.has(formId), seen.has(manager.body.id)], name).toEqual(expected[name]!.map((s) => s === 200));
      }
    }
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('migration 75 (forms name units by registry id) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('turns the unit names of assignments and of the results frozen at the evaluation into registry ids', async () => {
    const open = await old.opener();
    // A database as it was before migration 75: a registry unit, and forms naming units by text.
    const db = open();
    await migrate(db, 74);
    const at = '2024-01-01T00:00:00.000Z';
    await db.run(
      `INSERT INTO org_units (id, code, name, name_key, kind, parent_id, head_user_id, version, created_at, updated_at) VALUES ('u-dig', 'UD', 'Ufficio Digitale', 'ufficio digitale', 'Ufficio', NULL, NULL, 1, ?, ?)`,
      [at, at],
    );
    await db.run(
      `INSERT INTO users (id, username, display_name, role, units, password_hash, active, created_at) VALUES ('p1', 'p1', 'P1', 'referente', '[]', 'h', 1, ?), ('e1', 'e1', 'E1', 'referente', '[]', 'h', 1, ?)`,
      [at, at],
    );
    const document = {
      assignments: [
        { unit: 'ufficio  digitale ', from: '2024-01-01', to: '2024-06-30', partTime: '100' },
        { unit: 'Settore Tributi', from: '2024-07-01', to: '2024-12-31', partTime: '50' },
      ],
      objectives: [],
      ratings: {},
      evaluation: { at, by: 'e1', smvpVersion: 1, org: { body: '90', units: { 'ufficio  digitale ': '80', 'Settore Tributi': null } }, score: '85', band: 'Buono' },
    };
    await db.run(
      `INSERT INTO appraisal_forms (id, organisation, year, person_id, evaluator_id, category, plan_id, state, document, version, created_at, updated_at) VALUES ('f1', 'Ente', 2024, 'p1', 'e1', 'personale', NULL, 'evaluated', ?, 3, ?, ?)`,
      [JSON.stringify(document), at, at],
    );
    await db.close();

    const store = await SqlStore.open(open());
    try {
      const units = await store.listUnits();
      const tributi = units.find((u) => u.name === 'Settore Tributi');
      expect(tributi).toMatchObject({ kind: 'Settore' });
      const form = await store.appraisals.getForm('f1');
      expect(form?.version).toBe(3);
      expect(form?.document.assignments).toEqual([
        { unitId: 'u-dig', from: '2024-01-01', to: '2024-06-30', partTime: '100' },
        { unitId: tributi!.id, from: '2024-07-01', to: '2024-12-31', partTime: '50' },
      ]);
      expect((form?.document.evaluation as any).org).toEqual({ body: '90', units: { 'u-dig': '80', [tributi!.id]: null } });
    } finally {
      await store.close();
    }
  });
});
