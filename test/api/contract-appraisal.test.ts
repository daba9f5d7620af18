/**
 * Individual appraisal's documents are what the server sends, on SQLite and PostgreSQL: the people
 * HR may appraise, the forms as listed and one form (through its steps up to the final one, its
 * record and frozen result filled), its trail, the SMVPs stored and one version, a distribution of
 * the fund and its public aggregates, and the answers of the writes (an SMVP saved and imported, the
 * fund distributed), each parsed with the contract's strict schema and with the schema the OpenAPI
 * document names for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AppraisalFormSchema,
  AppraisalPersonSchema,
  DistributionSchema,
  FormSummarySchema,
  FormTrailEntrySchema,
  RewardAggregatesSchema,
  SmvpSavedSchema,
  SmvpSummarySchema,
  SmvpVersionSchema,
  type AppraisalForm,
  type Distribution,
  type RewardAggregates,
} from '../../src/contract/index.js';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { conforms, documented } from './contract-helpers.js';
import { Client, signedInPeople, startWithHr, wholeYearForm, type Backend, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])("individual appraisal's documents are what the server sends, on %s", (backend) => {
  let t: TestServer;
  let hr: Client;
  let formId: string;
  /** The answers of the writes made on the way: the SMVP saved, the fund distributed. */
  const written: { smvp?: unknown; distribution?: unknown } = {};
  beforeAll(async () => {
    const { planId, unitId, ...signedIn } = await startWithHr(backend);
    ({ t, hr } = signedIn);
    const { ids, clients: people } = await signedInPeople(t, ['dirigente', 'impiegato']);
    const saved = await hr.request('PUT', '/api/smvp/2024', { document: exampleSmvpJson('Ente', 2024), reason: 'delibera n. 12' });
    expect(saved.status, saved.text).toBe(200);
    written.smvp = saved.body;
    const created = await wholeYearForm(hr, { personId: ids.impiegato!, evaluatorId: ids.dirigente!, planId, unitId });
    formId = created.body.id;
    const [me, evaluator] = [people.impiegato!, people.dirigente!];
    const objectives = [
      { id: 'o1', title: 'Pratiche evase entro 30 giorni', weight: 60, comparator: '>=', target: 90, unit: 'percent', scoring: 'proportional' },
      { id: 'o2', title: 'Nuovo portale', weight: 40, comparator: '<=', target: '2024-09-30', unit: 'date' },
    ];
    let r = await evaluator.request('PATCH', `/api/appraisals/${formId}`, { version: created.body.version, objectives });
    r = await me.request('POST', `/api/appraisals/${formId}/actions`, { action: 'acknowledge', version: r.body.version });
    r = await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'acknowledge', version: r.body.version });
    r = await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'interview', version: r.body.version, note: 'Obiettivi raggiungibili' });
    r = await evaluator.request('PATCH', `/api/appraisals/${formId}`, {
      version: r.body.version,
      objectives: [
        { ...objectives[0], state: 'measured', actual: 81 },
        { ...objectives[1], state: 'measured', actual: '2024-09-15' },
      ],
      ratings: { C1: 4, C2: 5, C3: 3 },
    });
    r = await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'evaluate', version: r.body.version });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ state: 'evaluated', result: { frozen: true } });
    r = await me.request('POST', `/api/appraisals/${formId}/actions`, { action: 'accept', version: r.body.version });
    r = await hr.request('POST', `/api/appraisals/${formId}/actions`, { action: 'finalise', version: r.body.version });
    expect(r.body.state, r.text).toBe('final');
    const done = await hr.request('POST', '/api/rewards/2024/distribute', { category: 'eq', fund: '10.000,01' });
    expect(done.status, done.text).toBe(200);
    written.distribution = done.body;
  });
  afterAll(async () => t?.close());

  it('the people, the forms as listed, one form, its trail and every step of it conform', async () => {
    const people = await hr.get('/api/appraisals/people');
    expect(people.status, people.text).toBe(200);
    expect(conforms(z.array(AppraisalPersonSchema), people.body)).toBe('conforms');
    for (const lang of ['it', 'en']) {
      const list = await hr.get(`/api/appraisals?year=2024&lang=${lang}`);
      expect(list.status, list.text).toBe(200);
      expect(conforms(z.array(FormSummarySchema), list.body)).toBe('conforms');
      expect(list.body).toHaveLength(1);
      const form = await hr.get(`/api/appraisals/${formId}?lang=${lang}`);
      expect(form.status, form.text).toBe(200);
      expect(conforms(AppraisalFormSchema, form.body)).toBe('conforms');
      expect(form.body as AppraisalForm).toMatchObject({ state: 'final', record: { interview: { note: 'Obiettivi raggiungibili' }, evaluation: { smvpVersion: 1 } }, result: { frozen: true } });
    }
    const trail = await hr.get(`/api/appraisals/${formId}/trail`);
    expect(trail.status, trail.text).toBe(200);
    expect(conforms(z.array(FormTrailEntrySchema), trail.body)).toBe('conforms');
    expect(trail.body.map((e: { action: string }) => e.action)).toContain('evaluate');
    const form = (await hr.get(`/api/appraisals/${formId}`)).body;
    expect(conforms(AppraisalFormSchema, { ...form, result: { ...form.result, extra: 1 } })).toMatch(/extra/);
  });

  it('the SMVPs stored, one version, a distribution and the public aggregates conform', async () => {
    const anyone = new Client(t.url);
    const list = await anyone.get('/api/smvp');
    expect(list.status, list.text).toBe(200);
    expect(conforms(z.array(SmvpSummarySchema), list.body)).toBe('conforms');
    const smvp = await anyone.get('/api/smvp/2024');
    expect(smvp.status, smvp.text).toBe(200);
    expect(conforms(SmvpVersionSchema, smvp.body)).toBe('conforms');
    const rewards = await hr.get('/api/rewards/2024');
    expect(rewards.status, rewards.text).toBe(200);
    expect(conforms(z.array(DistributionSchema), rewards.body)).toBe('conforms');
    expect((rewards.body as Distribution[])[0]).toMatchObject({ category: 'eq', fundCents: '1000001' });
    expect((rewards.body as Distribution[])[0]!.people).toHaveLength(1);
    const aggregates = await anyone.get('/api/rewards/2024/aggregates');
    expect(aggregates.status, aggregates.text).toBe(200);
    expect(conforms(RewardAggregatesSchema, aggregates.body)).toBe('conforms');
    expect((aggregates.body as RewardAggregates).rows.some((r) => r.people === 1)).toBe(true);
  });

  it('an SMVP saved, an SMVP imported from its JSON file and a distribution of the fund answer their documents', async () => {
    expect(conforms(SmvpSavedSchema, written.smvp)).toBe('conforms');
    expect(written.smvp).toMatchObject({ organisation: 'Ente', year: 2024, version: 1, reason: 'delibera n. 12', issues: [] });
    expect(conforms(DistributionSchema, written.distribution)).toBe('conforms');
    expect(written.distribution).toMatchObject({ category: 'eq', fundCents: '1000001' });
    const form = new FormData();
    form.set('file', new Blob([JSON.stringify(exampleSmvpJson('Ente', 2024))], { type: 'application/json' }), 'smvp-2024.json');
    form.set('reason', 'delibera n. 20');
    const imported = await hr.request('POST', '/api/smvp/2024/import', form);
    expect(imported.status, imported.text).toBe(200);
    expect(conforms(SmvpSavedSchema, imported.body)).toBe('conforms');
    expect(imported.body).toMatchObject({ version: 2, reason: 'delibera n. 20' });
    expect(conforms(SmvpSavedSchema, { ...imported.body, issues: undefined })).toMatch(/issues/);
    const doc = (await hr.get('/api/openapi.json')).body;
    expect(conforms(documented(doc, 'put', '/api/smvp/{year}', 200), written.smvp)).toBe('conforms');
    expect(conforms(documented(doc, 'post', '/api/smvp/{year}/import', 200), imported.body)).toBe('conforms');
    expect(conforms(documented(doc, 'post', '/api/rewards/{year}/distribute', 200), written.distribution)).toBe('conforms');
  });

  it('the OpenAPI document names each of these answers, and the real answers conform to it', async () => {
    const doc = (await hr.get('/api/openapi.json')).body;
    const reads: Array<[string, string]> = [
      ['/api/appraisals/people', '/api/appraisals/people'],
      ['/api/appraisals', '/api/appraisals'],
      [`/api/appraisals/${formId}`, '/api/appraisals/{id}'],
      [`/api/appraisals/${formId}/trail`, '/api/appraisals/{id}/trail'],
      ['/api/smvp', '/api/smvp'],
      ['/api/smvp/2024', '/api/smvp/{year}'],
      // A year without an SMVP: the same route's other document (`SmvpNone`), a 200.
      ['/api/smvp/2031', '/api/smvp/{year}'],
      ['/api/rewards/2024', '/api/rewards/{year}'],
      ['/api/rewards/2024/aggregates', '/api/rewards/{year}/aggregates'],
    ];
    for (const [url, path] of reads) {
      const reply = await hr.get(url);
      expect(reply.status, `${url}: ${reply.text}`).toBe(200);
      expect(conforms(documented(doc, 'get', path, 200), reply.body), url).toBe('conforms');
    }
    for (const [method, path, status] of [
      ['post', '/api/appraisals', 201],
      ['patch', '/api/appraisals/{id}', 200],
      ['post', '/api/appraisals/{id}/actions', 200],
    ] as const)
      documented(doc, method, path, status);
  });
});
