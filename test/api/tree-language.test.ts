/**
 * The computed tree's amount texts (`targetText`, `actualText`, `baselineText`, the next years'
 * `targetText`) in the language asked with `?lang=`, as `albero evaluate --json --lang en` writes
 * them: `25.59%`, `N.E.` in English; Italian, the default, byte for byte as before. The Accept-Language
 * header does not change them (the client here sends `en`): the texts are the office's documents'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/index.js';
import { evaluationDocument } from '../../src/io/json.js';
import { loadTable } from '../../src/io/load.js';
import { enc, indicatorOf, startTestServer, type Client, type TestServer } from './harness.js';

const FIXTURE = 'fixtures/albero-performance-2024.txt';
const PERIOD = '2024-12-31';

type Texts = Record<string, { targetText: string; actualText: string }>;
const textsOf = (doc: { objectives: Array<{ indicators: Array<{ id: string; targetText: string; actualText: string }> }> }): Texts =>
  Object.fromEntries(doc.objectives.flatMap((o) => o.indicators.map((i) => [i.id, { targetText: i.targetText, actualText: i.actualText }])));

describe('the tree says its amounts in the language asked', () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    planId = await t.importFixture();
    controller = await t.as('controller');
  });
  afterAll(async () => t?.close());

  it('as the command line says them, in English and in Italian, Italian by default', async () => {
    const table = (await loadTable(FIXTURE)).value!;
    const evaluation = evaluatePlan(table.plan);
    const plain = await controller.get(`/api/plans/${planId}/tree`);
    const italian = await controller.get(`/api/plans/${planId}/tree?lang=it`);
    const english = await controller.get(`/api/plans/${planId}/tree?lang=en`);
    expect([plain.status, italian.status, english.status]).toEqual([200, 200, 200]);
    // Italian is the answer it always was, whether asked or not (the client's Accept-Language is English).
    expect(italian.text).toBe(plain.text);
    expect(italian.headers.get('etag')).toBe(plain.headers.get('etag'));
    expect(textsOf(italian.body)).toEqual(textsOf(evaluationDocument(evaluation, [], 'it')));
    expect(textsOf(english.body)).toEqual(textsOf(evaluationDocument(evaluation, [], 'en')));
    expect(textsOf(english.body)).not.toEqual(textsOf(italian.body));
    expect(Object.values(textsOf(english.body)).some((x) => x.actualText === '25.59%')).toBe(true);
    // Each language has its own ETag: a cached Italian tree is never taken for the English one.
    expect(english.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const again = await controller.request('GET', `/api/plans/${planId}/tree?lang=en`, undefined, { 'if-none-match': english.headers.get('etag')! });
    expect(again.status).toBe(304);
    // Only the texts differ: every number and state is the same.
    const numbers = (doc: any): unknown => doc.objectives.map((o: any) => [o.performance, o.indicators.map((i: any) => [i.actual, i.target, i.performance, i.state])]);
    expect(numbers(english.body)).toEqual(numbers(italian.body));
  });

  it('says a value that is not evaluable N.E. in English, in the save answer and the tree read after it', async () => {
    const id = 'A.2.1:1';
    const before = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(id)}/measurements/${PERIOD}?lang=en&tree=true`, {
      state: 'not_evaluable',
      reason: 'dati non disponibili',
      version: indicatorOf(before, id).version,
    });
    expect(put.status).toBe(200);
    expect(put.body.indicator.actualText).toBe('N.E.');
    expect(put.body.changes.objectives[0].indicators.find((i: any) => i.id === id).actualText).toBe('N.E.');
    expect(indicatorOf(put.body.tree, id).actualText).toBe('N.E.');
    expect(indicatorOf((await controller.get(`/api/plans/${planId}/tree?lang=en`)).body, id).actualText).toBe('N.E.');
    expect(indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, id).actualText).toBe('N.V.');
  });

  it('says the reason the import wrote (the table read N.V.) in the language asked, and a person’s reason as typed', async () => {
    const reasons = (doc: any): Record<string, string> => Object.fromEntries(doc.objectives.flatMap((o: any) => o.indicators.filter((i: any) => i.reason !== null).map((i: any) => [i.id, i.reason])));
    const italian = reasons((await controller.get(`/api/plans/${planId}/tree`)).body);
    const english = reasons((await controller.get(`/api/plans/${planId}/tree?lang=en`)).body);
    const imported = Object.keys(italian).find((id) => id !== 'A.2.1:1')!;
    expect(italian).toEqual({ [imported]: 'N.V. nella tabella pubblicata', 'A.2.1:1': 'dati non disponibili' });
    expect(english).toEqual({ [imported]: 'N.E. in the published table', 'A.2.1:1': 'dati non disponibili' });
    // The explanation of its objective says it so too.
    const code = imported.split(':')[0]!;
    const explained = (lang: string) => controller.get(`/api/plans/${planId}/nodes/${enc(code)}/explanation?lang=${lang}`);
    expect((await explained('en')).text).toContain('N.E.: N.E. in the published table');
    expect((await explained('en')).text).not.toContain('nella tabella pubblicata');
    expect((await explained('it')).text).toContain('N.V.: N.V. nella tabella pubblicata');
  });

  it('refuses another language before storing anything', async () => {
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const id = 'A.1.1:1';
    for (const lang of ['fr', 'EN', '']) {
      const read = await controller.get(`/api/plans/${planId}/tree?lang=${enc(lang)}`);
      expect(read.status, lang).toBe(400);
      expect(read.body.error.code).toBe('invalid-query');
    }
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(id)}/measurements/${PERIOD}?lang=fr`, {
      state: 'measured',
      actual: '9',
      version: indicatorOf(tree, id).version,
    });
    expect(put.status).toBe(400);
    expect((await controller.get(`/api/plans/${planId}/tree`)).body.dataVersion).toBe(tree.dataVersion);
  });
});
