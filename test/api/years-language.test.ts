/**
 * An objective's and an indicator's years say their amount texts (`targetText`, `actualText`) in
 * the language `?lang=` asks, as the tree does: Italian by default, byte for byte as before, whatever
 * the client's Accept-Language (the texts are the office's table); `N.E.` and `1,587.10` in English.
 * And the OpenAPI document's examples of those texts are what the routes really answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, startTestServer, type Client, type TestServer } from './harness.js';

/** C.2's only indicator, "Favorire l'accrescimento professionale del personale": target 500, actual 1587.1 in 2024. */
const PERSONALE = 'C.2:1';

const texts = (doc: any): string[][] => doc.years.map((y: any) => [String(y.year), y.targetText, y.actualText]);

describe('the years say their amounts in the language asked', () => {
  let t: TestServer;
  let controller: Client;
  let plan: string;
  let next: string;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    controller = await t.as('controller');
    plan = await t.importFixture();
    next = (await controller.request('POST', `/api/plans/${plan}/next-year`, { year: 2025 })).body.id as string;
    // 2025's value not evaluable, and in the 2024 tree one too: both say the mark of their language.
    const nv = { state: 'not_evaluable', reason: 'dati non disponibili' };
    expect((await controller.request('PUT', `/api/plans/${next}/indicators/${enc(PERSONALE)}/measurements/2025-12-31`, { ...nv, version: 0 })).status).toBe(200);
    const id = 'A.2.1:1';
    const version = indicatorOf((await controller.get(`/api/plans/${plan}/tree`)).body, id).version;
    expect((await controller.request('PUT', `/api/plans/${plan}/indicators/${enc(id)}/measurements/2024-12-31`, { ...nv, version })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('in English when asked, Italian by default and when asked, whatever Accept-Language says', async () => {
    const path = `/api/plans/${next}/indicators/${enc(PERSONALE)}/years`;
    const plain = await controller.get(path);
    const italian = await controller.get(`${path}?lang=it`);
    const english = await controller.get(`${path}?lang=en`);
    expect([plain.status, italian.status, english.status]).toEqual([200, 200, 200]);
    expect(italian.text).toBe(plain.text);
    expect(texts(italian.body)).toEqual([
      ['2024', '500', '1.587,10'],
      ['2025', '500', 'N.V.'],
    ]);
    expect(texts(english.body)).toEqual([
      ['2024', '500', '1,587.10'],
      ['2025', '500', 'N.E.'],
    ]);
    // The client's Accept-Language is English: the Italian answer is the one it always was.
    const browserItalian = await controller.request('GET', path, undefined, { 'accept-language': 'it' });
    expect(browserItalian.text).toBe(plain.text);
    // Only the texts change: the numbers, states and performances are the same.
    const numbers = (doc: any) => doc.years.map((y: any) => [y.target, y.actual, y.performance, y.planId]);
    expect(numbers(english.body)).toEqual(numbers(italian.body));
    // The objective's years have no amounts: the same document in either language.
    const objective = `/api/plans/${next}/nodes/C.2/years`;
    expect((await controller.get(`${objective}?lang=en`)).text).toBe((await controller.get(objective)).text);
  });

  it('refuses another language, naming the field', async () => {
    for (const lang of ['fr', 'EN', '']) {
      for (const path of [`/api/plans/${next}/indicators/${enc(PERSONALE)}/years`, `/api/plans/${next}/nodes/C.2/years`]) {
        const read = await controller.get(`${path}?lang=${enc(lang)}`);
        expect(read.status, `${path} ${lang}`).toBe(400);
        expect(read.body.error.code).toBe('invalid-query');
        expect(read.body.error.params.field).toBe('lang');
      }
    }
  });

  it('documents lang with examples that are what the routes answer', async () => {
    const doc = (await controller.get('/api/openapi.json')).body;
    // Where each route that gives examples of its amount texts is read: the 2024 tree, 2025's years of C.2's indicator.
    const reads: Record<string, string> = {
      '/api/plans/{planId}/tree': `/api/plans/${plan}/tree`,
      '/api/plans/{planId}/indicators/{indicatorId}/years': `/api/plans/${next}/indicators/${enc(PERSONALE)}/years`,
    };
    const documented: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      const lang = item.get?.parameters?.find((p: any) => p.name === 'lang' && p.in === 'query');
      const examples = /:((?:\s*`[^`]+`,?)+) in it; ((?:\s*`[^`]+`,?)+) in en/.exec(lang?.description ?? '');
      if (examples === null) continue;
      documented.push(path);
      expect(lang.schema.enum, path).toEqual(['it', 'en']);
      const read = reads[path];
      expect(read, `${path} gives examples: say here where to read it`).toBeDefined();
      const [, italian, english] = examples;
      for (const [language, listed] of [
        ['it', italian!],
        ['en', english!],
      ] as const) {
        // Each example a whole text of the answer ("1.587,1" would not do where the route says "1.587,10").
        const said = new Set<string>();
        const collect = (v: unknown): void => {
          if (typeof v === 'string') said.add(v);
          else if (v !== null && typeof v === 'object') Object.values(v).forEach(collect);
        };
        const answer = await controller.get(`${read!}?lang=${language}`);
        expect(answer.status).toBe(200);
        collect(answer.body);
        for (const example of [...listed.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)) expect(said.has(example), `${path} ${language}: ${example}`).toBe(true);
      }
    }
    expect(documented.sort()).toEqual(Object.keys(reads).sort());
  });
});
