/**
 * Explanations in the reader's language: `?lang=it|en`, else the Accept-Language header, else
 * Italian (the users are Italian offices). The numbers stay the same; only the words change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from './harness.js';

describe('the explanation speaks the reader’s language', () => {
  let t: TestServer;
  let planId: string;
  let reader: Client;
  const path = (query = ''): string => `/api/plans/${planId}/nodes/A.2/explanation${query}`;
  const words = (body: any): string => [body.formula, ...body.indicators.map((i: any) => i.scoring)].join(' | ');
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    planId = await t.importFixture();
    reader = await t.as('referente');
  });
  afterAll(async () => t?.close());

  it('in Italian for lang=it and in English for lang=en, with the same numbers', async () => {
    const it_ = await reader.get(path('?lang=it'));
    const en = await reader.get(path('?lang=en'));
    expect(it_.status).toBe(200);
    expect(en.status).toBe(200);
    expect(words(it_.body)).toContain('media di');
    expect(words(it_.body)).toMatch(/raggiunto|proporzionale/);
    expect(words(it_.body)).not.toMatch(/\bmean of\b|\bmet\b|proportional/);
    expect(words(en.body)).toContain('mean of');
    expect(words(en.body)).toMatch(/\bmet\b|proportional/);
    expect(words(en.body)).not.toMatch(/media di|raggiunto|proporzionale/);
    expect(it_.body.performance).toBe(93);
    expect(en.body.contributions.map((c: any) => c.points)).toEqual(it_.body.contributions.map((c: any) => c.points));
    expect(it_.headers.get('content-language')).toBe('it');
    expect(en.headers.get('content-language')).toBe('en');
  });

  it('without lang: from Accept-Language, else Italian', async () => {
    expect(words((await reader.request('GET', path(), undefined, { 'accept-language': '*' })).body)).toContain('media di');
    const english = await reader.request('GET', path(), undefined, { 'accept-language': 'en-GB,en;q=0.9,it;q=0.5' });
    expect(words(english.body)).toContain('mean of');
    expect(english.headers.get('vary')).toMatch(/accept-language/i);
    const italianFirst = await reader.request('GET', path(), undefined, { 'accept-language': 'de-DE, it;q=0.8, en;q=0.7' });
    expect(words(italianFirst.body)).toContain('media di');
    const neither = await reader.request('GET', path(), undefined, { 'accept-language': 'fr-FR,de;q=0.5' });
    expect(words(neither.body)).toContain('media di');
    // An explicit lang wins over the header.
    const explicit = await reader.request('GET', path('?lang=it'), undefined, { 'accept-language': 'en' });
    expect(words(explicit.body)).toContain('media di');
  });

  it('refuses another lang with 400 naming the field', async () => {
    for (const lang of ['fr', 'EN', '', 'it-IT']) {
      const reply = await reader.get(path(`?lang=${encodeURIComponent(lang)}`));
      expect(reply.status, lang).toBe(400);
      expect(reply.body.error.code).toBe('invalid-query');
      expect(reply.body.error.issues[0].location).toEqual({ field: 'lang' });
    }
  });

  it('documents lang in OpenAPI', async () => {
    const doc = (await reader.get('/api/openapi.json')).body;
    const params = doc.paths['/api/plans/{planId}/nodes/{code}/explanation'].get.parameters;
    expect(params.find((p: any) => p.name === 'lang')).toMatchObject({ in: 'query', schema: { type: 'string', enum: ['it', 'en'] } });
  });
});
