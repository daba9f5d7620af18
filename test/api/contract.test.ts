/**
 * The contract (src/contract) is what the server really sends: the tree, an explanation and the
 * periods, read by a signed-in controller and by the public, on SQLite and PostgreSQL, parse with
 * the contract's strict schemas (a field the server adds and the contract does not declare fails
 * here, as does one it declares and the server forgets). So do the plans, accounts, the session,
 * revisions, the audit trail, the changes between two versions, an objective's years, the units and the people. Request bodies are typed by the contract
 * too, so a body the contract does not allow does not compile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AuditEntrySchema,
  ChangesAnswerSchema,
  CONTRACT_DOCUMENTS,
  OrgUnitSchema,
  PersonSchema,
  DEFAULT_RATIO_SCALE,
  ExplanationDocumentSchema,
  PeriodSchema,
  NextYearPlanSchema,
  PlanSummarySchema,
  RelazioneSchema,
  RevisionEntrySchema,
  RevisionSchema,
  SessionSchema,
  TreeDocumentSchema,
  UserSchema,
  YearsDocumentSchema,
  type AuditEntry,
  type OrgUnit,
  type ChangesAnswer,
  type PlanSummary,
  type RevisionEntry,
  type YearsDocument,
  type IndicatorInput,
  type MeasurementInput,
  type Relazione,
  type RelazioneMoveInput,
  type RelazioneReviewInput,
  type RelazioneTextsInput,
  type TreeDocument,
  type TreeIndicator,
} from '../../src/contract/index.js';
import { conforms, documented } from './contract-helpers.js';
import { enc, startWithFixture, type Backend, Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('the contract is what the server sends, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let ratioId: string;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    // Every optional part of an indicator filled: a ratio with its base measures, a bands rule, the horizon.
    const ratio: IndicatorInput = {
      name: 'Pratiche evase nei termini',
      weight: '50',
      comparator: '>=',
      target: 80,
      unit: 'percent',
      scoring: {
        kind: 'bands',
        mode: 'interpolated',
        points: [
          { at: 0, score: 0 },
          { at: '80', score: '100' },
        ],
      },
      formula: { kind: 'ratio', numerator: 'nei termini', denominator: 'totali', scale: 100 },
      baseline: '75,5',
      baselineYear: 2023,
      nextTargets: [85, null],
    };
    const added = await controller.request('POST', `/api/plans/${planId}/nodes/A.2/indicators`, ratio);
    expect(added.status, added.text).toBe(201);
    ratioId = added.body.id;
    const value: MeasurementInput = { state: 'measured', inputs: { 'nei termini': '45', totali: 50 }, source: 'protocollo', notes: 'nota interna', version: 0 };
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(ratioId)}/measurements/2024-06-30?tree=false`, value);
    expect(put.status, put.text).toBe(200);
  });
  afterAll(async () => t?.close());

  it('the tree of an open period, as the controller reads it, is a TreeDocument', async () => {
    const tree = await controller.get(`/api/plans/${planId}/tree?period=2024-06-30`);
    expect(tree.status).toBe(200);
    expect(conforms(TreeDocumentSchema, tree.body)).toBe('conforms');
    const doc = tree.body as TreeDocument;
    const ratio = doc.objectives.flatMap((o) => o.indicators).find((i) => i.id === ratioId)!;
    expect(ratio).toMatchObject({ formula: { kind: 'ratio', scale: 100 }, inputs: { 'nei termini': '45', totali: '50' }, rule: { kind: 'bands' }, enteredBy: 'controller', editable: true });
    expect(doc.closing).toBeNull();
  });

  it('a closed period (with its closing) and the public reading are TreeDocuments too', async () => {
    const path = `/api/plans/${planId}/periods/2024-06-30/transition`;
    expect((await controller.request('POST', path, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('POST', path, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const closed = await controller.get(`/api/plans/${planId}/tree?period=2024-06-30`);
    expect(conforms(TreeDocumentSchema, closed.body)).toBe('conforms');
    expect((closed.body as TreeDocument).closing).toMatchObject({ seq: 1, closedBy: 'controller', changedAfter: [] });
    const anyone = await t.as('public');
    const open = await anyone.get(`/api/plans/${planId}/tree?period=2024-06-30`);
    expect(open.status, open.text).toBe(200);
    expect(conforms(TreeDocumentSchema, open.body)).toBe('conforms');
    expect((open.body as TreeDocument).objectives.flatMap((o) => o.indicators).find((i) => i.id === ratioId)).toMatchObject({ notes: null, enteredBy: null, enteredByName: null, editable: false });
  });

  it('a ratio sent without a scale is a percentage, as the web form makes it', async () => {
    const plain: IndicatorInput = { name: 'Senza scala', weight: 10, comparator: '>=', target: 50, unit: 'percent', formula: { kind: 'ratio', numerator: 'a', denominator: 'b' } };
    const added = await controller.request('POST', `/api/plans/${planId}/nodes/A.2/indicators`, plain);
    expect(added.status, added.text).toBe(201);
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(added.body.id)}/measurements/2024-12-31?tree=false`, { state: 'measured', inputs: { a: 1, b: 4 }, version: 0 });
    expect(put.body.indicator).toMatchObject({ formula: { kind: 'ratio', scale: Number(DEFAULT_RATIO_SCALE) }, actual: 25 });
  });

  it('an explanation and the periods conform; a field the contract does not declare is refused', async () => {
    const explanation = await controller.get(`/api/plans/${planId}/nodes/A.2/explanation`);
    expect(explanation.status).toBe(200);
    expect(conforms(ExplanationDocumentSchema, explanation.body)).toBe('conforms');
    const periods = await controller.get(`/api/plans/${planId}/periods`);
    expect(conforms(z.array(PeriodSchema), periods.body)).toBe('conforms');
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(conforms(TreeDocumentSchema, { ...tree, extra: 1 })).toMatch(/extra/);
    expect(conforms(TreeDocumentSchema, { ...tree, objectives: [{ ...tree.objectives[0], extra: 1 }] })).toMatch(/extra/);
    const measured = (tree as TreeDocument).objectives.find((o) => o.indicators.length > 0)!;
    const { enteredAt: _dropped, ...forgotten } = measured.indicators[0]!;
    expect(conforms(TreeDocumentSchema, { ...tree, objectives: [{ ...measured, indicators: [forgotten] }] })).toMatch(/enteredAt/);
  });

  // Last: validating the Relazione freezes the year-end period the tests above write to.
  it("the Relazione conforms at each step, from the office's draft to the OIV's decision and publication", async () => {
    const oiv = await t.as('oiv');
    const base = `/api/plans/${planId}/relazione`;
    const draft = await controller.get(base);
    expect(conforms(RelazioneSchema, draft.body)).toBe('conforms');
    const texts: RelazioneTextsInput = { texts: { sintesi: 'Un anno **buono**.' }, version: draft.body.version };
    const written = await controller.request('PUT', `${base}/texts`, texts);
    expect(written.status, written.text).toBe(200);
    expect(conforms(RelazioneSchema, written.body)).toBe('conforms');
    const yearEnd = (await controller.get(`/api/plans/${planId}/periods`)).body.find((p: { id: string }) => p.id === '2024-12-31');
    for (const to of yearEnd.state === 'open' ? ['collecting', 'closed'] : yearEnd.state === 'collecting' ? ['closed'] : []) {
      expect((await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    }
    const transmit: RelazioneMoveInput = { to: 'transmitted', confirmEmpty: true };
    const sent = await controller.request('POST', `${base}/transition`, transmit);
    expect(sent.status, sent.text).toBe(200);
    expect(conforms(RelazioneSchema, sent.body)).toBe('conforms');
    const checklist = (sent.body as Relazione).checklist.map((p) => ({ ...p, outcome: 'yes' as const }));
    const review: RelazioneReviewInput = {
      note: 'Chiara.',
      reservations: 'B.1 senza evidenze.',
      checklist,
      values: [{ code: 'B.1', validated: '50,5', note: 'Evidenza mancante' }],
      version: sent.body.version,
    };
    const reviewed = await oiv.request('PUT', `${base}/review`, review);
    expect(reviewed.status, reviewed.text).toBe(200);
    expect(conforms(RelazioneSchema, reviewed.body)).toBe('conforms');
    const decided = await oiv.request('POST', `${base}/transition`, { to: 'validated_with_reservations' } satisfies RelazioneMoveInput);
    expect(conforms(RelazioneSchema, decided.body)).toBe('conforms');
    const published = await controller.request('POST', `${base}/publication`, { published: true });
    expect(published.status, published.text).toBe(200);
    expect(conforms(RelazioneSchema, published.body)).toBe('conforms');
    expect(published.body as Relazione).toMatchObject({ state: 'validated_with_reservations', frozen: true, published: true, values: [{ code: 'B.1', validated: 50.5 }] });
    expect(conforms(RelazioneSchema, { ...published.body, extra: 1 })).toMatch(/extra/);
    const { stateText: _dropped, ...forgotten } = published.body as Relazione;
    expect(conforms(RelazioneSchema, forgotten)).toMatch(/stateText/);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('plans, accounts, revisions, audit, changes and years are what the server sends, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let admin: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    admin = await t.as('admin');
  });
  afterAll(async () => t?.close());

  it('the plans, the session and the accounts conform', async () => {
    const plans = await controller.get('/api/plans');
    expect(plans.status).toBe(200);
    expect(conforms(z.array(PlanSummarySchema), plans.body)).toBe('conforms');
    expect((plans.body as PlanSummary[]).map((p) => p.id)).toContain(planId);
    const anyone = await t.as('public');
    expect(conforms(z.array(PlanSummarySchema), (await anyone.get('/api/plans')).body)).toBe('conforms');
    const session = await controller.get('/api/session');
    expect(conforms(SessionSchema, session.body)).toBe('conforms');
    const users = await admin.get('/api/users');
    expect(users.status).toBe(200);
    expect(conforms(z.array(UserSchema), users.body)).toBe('conforms');
    const created = await admin.request('POST', '/api/users', {
      username: 'nuova',
      displayName: 'Nuova Utente',
      role: 'referente',
      unitIds: [],
      email: 'nuova@example.org',
      language: 'en',
      password: 'una password lunga abbastanza',
    });
    expect(created.status, created.text).toBe(201);
    expect(conforms(UserSchema, created.body)).toBe('conforms');
    const changed = await admin.request('PATCH', `/api/users/${enc(created.body.id)}`, { displayName: 'Nuova' });
    expect(changed.status, changed.text).toBe(200);
    expect(conforms(UserSchema, changed.body)).toBe('conforms');
    expect(conforms(UserSchema, { ...changed.body, passwordHash: 'x' })).toMatch(/passwordHash/);
  });

  it('the registry of units and the people a person field names conform, through each change to a unit', async () => {
    const people = await controller.get('/api/people');
    expect(people.status, people.text).toBe(200);
    expect(conforms(z.array(PersonSchema), people.body)).toBe('conforms');
    const head = (people.body as Array<{ id: string; username: string }>).find((p) => p.username === 'controller')!;
    const created = await admin.request('POST', '/api/units', { code: 'UC', name: 'Ufficio contratti', kind: 'ufficio', headId: head.id, members: [head.id] });
    expect(created.status, created.text).toBe(201);
    expect(conforms(OrgUnitSchema, created.body)).toBe('conforms');
    const changed = await admin.request('PATCH', `/api/units/${enc(created.body.id)}`, { name: 'Ufficio gare e contratti', version: (created.body as OrgUnit).version });
    expect(changed.status, changed.text).toBe(200);
    expect(conforms(OrgUnitSchema, changed.body)).toBe('conforms');
    const units = await controller.get('/api/units');
    expect(conforms(z.array(OrgUnitSchema), units.body)).toBe('conforms');
    expect((units.body as OrgUnit[]).find((u) => u.code === 'UC')).toMatchObject({ name: 'Ufficio gare e contratti', headId: head.id, members: [head.id] });
    const deleted = await admin.request('DELETE', `/api/units/${enc(created.body.id)}`);
    expect(deleted.status, deleted.text).toBe(200);
    expect(conforms(OrgUnitSchema, deleted.body)).toBe('conforms');
    expect(conforms(OrgUnitSchema, { ...deleted.body, createdAt: 'x' })).toMatch(/createdAt/);
  });

  it('adoption, a revision from opening to approval and the register conform', async () => {
    const adopted = await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } });
    expect(adopted.status, adopted.text).toBe(200);
    expect(conforms(PlanSummarySchema, adopted.body)).toBe('conforms');
    const opened = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Nuovo obiettivo regionale', kind: 'rimodulazione' });
    expect(opened.status, opened.text).toBe(201);
    expect(conforms(RevisionSchema, opened.body)).toBe('conforms');
    const patched = await controller.request('PATCH', `/api/plans/${planId}/nodes/B.1.1`, { title: 'Titolo rivisto' });
    expect(patched.status, patched.text).toBe(200);
    const approved = await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, { act: { kind: 'Delibera di Giunta', number: '40', date: '2024-05-02' } });
    expect(approved.status, approved.text).toBe(200);
    expect(conforms(RevisionSchema, approved.body)).toBe('conforms');
    const register = await controller.get(`/api/plans/${planId}/revisions`);
    expect(conforms(z.array(RevisionEntrySchema), register.body)).toBe('conforms');
    expect((register.body as RevisionEntry[])[0]).toMatchObject({ status: 'approved', changes: [{ action: 'update', entity: 'node', node: 'B.1.1' }], afterClosingOf: [] });
    expect(conforms(RevisionEntrySchema, (await controller.get(`/api/plans/${planId}/revisions/1`)).body)).toBe('conforms');
  });

  it("the audit trail conforms, a plan's entries and the administrator's account entries", async () => {
    const ofPlan = await controller.get(`/api/audit?planId=${enc(planId)}&limit=1000`);
    expect(ofPlan.status).toBe(200);
    expect(conforms(z.array(AuditEntrySchema), ofPlan.body)).toBe('conforms');
    expect((ofPlan.body as AuditEntry[]).length).toBeGreaterThan(0);
    const all = await admin.get('/api/audit?limit=1000');
    expect(conforms(z.array(AuditEntrySchema), all.body)).toBe('conforms');
    expect((all.body as AuditEntry[]).some((e) => e.planId === null)).toBe(true);
  });

  /** An indicator of the fixture whose value is entered (not computed from others). */
  const firstIndicator = async (): Promise<TreeIndicator> =>
    ((await controller.get(`/api/plans/${planId}/tree?period=2024-06-30`)).body as TreeDocument).objectives.flatMap((o) => o.indicators).find((i) => i.id === 'B.1.1:5')!;

  it('the changes between two periods and against a closing conform', async () => {
    const first = await firstIndicator();
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(first.id)}/measurements/2024-06-30?tree=false`, { state: 'measured', actual: 1, version: first.version });
    expect(put.status, put.text).toBe(200);
    const between = await controller.get(`/api/plans/${planId}/changes?period=2024-12-31&againstPeriod=2024-06-30`);
    expect(between.status, between.text).toBe(200);
    expect(conforms(ChangesAnswerSchema, between.body)).toBe('conforms');
    expect((between.body as ChangesAnswer).changes.length).toBeGreaterThan(0);
    const path = `/api/plans/${planId}/periods/2024-06-30/transition`;
    expect((await controller.request('POST', path, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('POST', path, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const closing = await controller.get(`/api/plans/${planId}/changes?period=2024-06-30&againstClosing=true`);
    expect(closing.status, closing.text).toBe(200);
    expect(conforms(ChangesAnswerSchema, closing.body)).toBe('conforms');
    expect((closing.body as ChangesAnswer).before.closing).toMatchObject({ seq: 1, closedBy: 'controller' });
  });

  it("next year's plan conforms, and an objective's and an indicator's years", async () => {
    const next = await controller.request('POST', `/api/plans/${planId}/next-year`, { year: 2025 });
    expect(next.status, next.text).toBe(201);
    expect(conforms(NextYearPlanSchema, next.body)).toBe('conforms');
    const nextId = (next.body as PlanSummary).id;
    const objective = await controller.get(`/api/plans/${nextId}/nodes/A/years`);
    expect(objective.status, objective.text).toBe(200);
    expect(conforms(YearsDocumentSchema, objective.body)).toBe('conforms');
    expect((objective.body as YearsDocument).years.map((y) => y.year)).toEqual([2024, 2025]);
    const first = await firstIndicator();
    const indicator = await controller.get(`/api/plans/${planId}/indicators/${enc(first.id)}/years`);
    expect(indicator.status, indicator.text).toBe(200);
    expect(conforms(YearsDocumentSchema, indicator.body)).toBe('conforms');
    expect((indicator.body as YearsDocument).years[0]).toMatchObject({ year: 2024, current: true, indicatorId: first.id });
  });

  it("the OpenAPI document names each answer's contract schema, and the real answers conform to it", async () => {
    const doc = (await controller.get('/api/openapi.json')).body;
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(Object.keys(CONTRACT_DOCUMENTS)));
    const reads: Array<[string, string, string]> = [
      ['/api/plans', '/api/plans', 'get'],
      [`/api/plans/${planId}`, '/api/plans/{planId}', 'get'],
      [`/api/plans/${planId}/tree`, '/api/plans/{planId}/tree', 'get'],
      [`/api/plans/${planId}/nodes/A/explanation`, '/api/plans/{planId}/nodes/{code}/explanation', 'get'],
      [`/api/plans/${planId}/periods`, '/api/plans/{planId}/periods', 'get'],
      [`/api/plans/${planId}/revisions`, '/api/plans/{planId}/revisions', 'get'],
      [`/api/plans/${planId}/revisions/1`, '/api/plans/{planId}/revisions/{number}', 'get'],
      [`/api/plans/${planId}/relazione`, '/api/plans/{planId}/relazione', 'get'],
      [`/api/plans/${planId}/changes?period=2024-06-30&againstClosing=true`, '/api/plans/{planId}/changes', 'get'],
      [`/api/plans/${planId}/nodes/A/years`, '/api/plans/{planId}/nodes/{code}/years', 'get'],
      [`/api/plans/${planId}/baselines`, '/api/plans/{planId}/baselines', 'get'],
      [`/api/plans/${planId}/next-year`, '/api/plans/{planId}/next-year', 'get'],
      ['/api/audit', '/api/audit', 'get'],
      ['/api/session', '/api/session', 'get'],
      ['/api/units', '/api/units', 'get'],
      ['/api/people', '/api/people', 'get'],
    ];
    for (const [url, path, method] of reads) {
      const reply = await admin.get(url);
      expect(reply.status, `${url}: ${reply.text}`).toBe(200);
      expect(conforms(documented(doc, method, path, 200), reply.body), url).toBe('conforms');
    }
    expect(conforms(documented(doc, 'get', '/api/users', 200), (await admin.get('/api/users')).body)).toBe('conforms');
    // No one signed in: the session read is null, as documented (not a 401).
    const signedOut = await new Client(t.url).get('/api/session');
    expect(signedOut.status).toBe(200);
    expect(conforms(documented(doc, 'get', '/api/session', 200), signedOut.body)).toBe('conforms');
    // The writes' answers are documented too (their real answers are parsed in the tests above;
    // the tree edits', imports', transitions', refreshes' and sign-out's in contract-writes.test.ts).
    for (const [method, path, status] of [
      ['put', '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}', 200],
      ['post', '/api/plans', 201],
      ['post', '/api/plans/{planId}/revisions', 201],
      ['post', '/api/plans/{planId}/revisions/{number}/approve', 200],
      ['post', '/api/users', 201],
      ['post', '/api/plans/{planId}/next-year', 201],
      ['post', '/api/plans/{planId}/relazione/transition', 200],
      ['post', '/api/units', 201],
      ['patch', '/api/units/{id}', 200],
      ['delete', '/api/units/{id}', 200],
      ['post', '/api/users/{id}/temporary-password', 200],
    ] as const)
      documented(doc, method, path, status);
    expect(doc.paths['/api/plans/{planId}/nodes/{code}'].patch.responses[200].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ObjectiveSaved' });
    expect(doc.paths['/api/smvp/{year}'].put.responses[200].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SmvpSaved' });
  });
});
