/**
 * The issues inside the tree and the evaluation documents carry their code and parameters, so the
 * web app and other clients say them in their reader's language from the one catalogue (the
 * `message` is in the tree's language, `?lang=`, Italian by default). On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssueDocumentSchema } from '../../src/contract/index.js';
import { renderCoded } from '../../src/messages/index.js';
import { startTestServer, type Backend, type TestServer } from './harness.js';

/** A plan whose A.2 weighs its only indicator 0%: the engine's `zero-weights` warning. */
const PLAN = [
  '**Piano prova**',
  '',
  'Obiettivo\tIndicatore\tPeso\tTarget\tConsuntivo\tPerformance KPI\tPerformance Obiettivo',
  'A Area uno\t\t\t\t\t\t',
  'A.1 - Obiettivo uno\t\t\t\t\t\t',
  '\tIndicatore uno\t50% >=\t10\t8\t\t',
  '\tIndicatore due\t50% >=\t10\t12\t\t',
  'A.2 - Obiettivo due\t\t\t\t\t\t',
  '\tIndicatore tre\t0% >=\t10\t12\t\t',
  '',
].join('\n');

describe.each<Backend>(['sqlite', 'postgres'])('issues with their params on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const form = new FormData();
    form.set('file', new Blob([PLAN]), 'prova.txt');
    const imported = await (await t.as('controller')).request('POST', '/api/plans/import', form);
    expect(imported.status, imported.text).toBe(201);
    planId = imported.body.plan.id;
  });
  afterAll(async () => t?.close());

  it('gives each issue of the tree its code and params, said in Italian and English from the catalogue', async () => {
    const tree = await (await t.as('referente')).get(`/api/plans/${planId}/tree`);
    expect(tree.status).toBe(200);
    // The tree's texts, its issues' messages with them, follow `?lang=` (Italian by default).
    expect(tree.body.issues).toEqual([
      { severity: 'warning', code: 'zero-weights', message: 'tutti gli indicatori conteggiati di A.2 pesano 0%: contano in parti uguali', params: { code: 'A.2' }, location: { node: 'A.2' } },
      {
        severity: 'warning',
        code: 'weights-not-100',
        message: 'i pesi degli indicatori di A.2 sommano a 0%, non 100%: sono riproporzionati',
        params: { code: 'A.2', total: '0' },
        location: { node: 'A.2' },
      },
    ]);
    for (const issue of tree.body.issues) expect(IssueDocumentSchema.parse(issue)).toEqual(issue);
    expect(tree.body.issues.map((i: { code: string; message: string; params: Record<string, string> }) => renderCoded(i, 'en'))).toEqual([
      'every counted indicator of A.2 weighs 0%; they count equally',
      (await (await t.as('referente')).get(`/api/plans/${planId}/tree?lang=en`)).body.issues[1].message,
    ]);
    // A save's answer (the changed path, the summary, the issues) carries them the same way.
    const controller = await t.as('controller');
    const one = tree.body.objectives.find((o: { code: string }) => o.code === 'A.1').indicators[0];
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(one.id)}/measurements/${tree.body.period.id}`, {
      state: 'measured',
      actual: '9',
      version: one.version,
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.changes.issues).toEqual(tree.body.issues);
  });

  it('does the same in the evaluation document (the JSON export, as `albero evaluate --json`)', async () => {
    const exported = await (await t.as('controller')).get(`/api/plans/${planId}/export?format=json`);
    expect(exported.status, exported.text.slice(0, 300)).toBe(200);
    const doc = typeof exported.body === 'string' ? JSON.parse(exported.body) : exported.body;
    const zero = doc.issues.find((i: { code: string }) => i.code === 'zero-weights');
    expect(zero).toEqual({ severity: 'warning', code: 'zero-weights', message: 'every counted indicator of A.2 weighs 0%; they count equally', params: { code: 'A.2' }, location: { node: 'A.2' } });
    expect(renderCoded(zero, 'en')).toBe(zero.message);
    expect(renderCoded(zero, 'it')).toBe('tutti gli indicatori conteggiati di A.2 pesano 0%: contano in parti uguali');
  });
});
