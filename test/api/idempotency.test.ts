/**
 * A write sent again with its `Idempotency-Key` (the web client's retry after its answer was lost),
 * on SQLite and PostgreSQL: answered as the first try was, with nothing made twice — one comment,
 * one indicator, one objective, one evidence file —, also when the tries come at once; the same key
 * with another body is refused (422, at the header, in Italian and English) with nothing made; a
 * refused try does not keep its key; keys older than a day are purged. Without the header a write
 * is made as before (two comments for two sends).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEPT_MS } from '../../src/store/index.js';
import { tinyPdf, upload } from '../support/files.js';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const INDICATOR = 'B.1.1:1';
const PERIOD = '2024-09-30';

describe.each<Backend>(['sqlite', 'postgres'])('writes sent again with an Idempotency-Key on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let counter = 0;
  const key = (): Record<string, string> => ({ 'Idempotency-Key': `test-${backend}-${Date.now()}-${++counter}` });
  const value = (): string => `/api/plans/${planId}/indicators/${enc(INDICATOR)}/measurements/${PERIOD}`;
  const comments = async (): Promise<{ id: string; body: string }[]> => (await controller.get(`${value()}/comments`)).body;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  });
  afterAll(async () => t?.close());

  it('answers a comment sent again as the first time, and stores it once; without the header, twice as before', async () => {
    const before = (await comments()).length;
    const headers = key();
    const first = await controller.request('POST', `${value()}/comments`, { body: 'Fonte da verificare.' }, headers);
    expect(first.status).toBe(201);
    const again = await controller.request('POST', `${value()}/comments`, { body: 'Fonte da verificare.' }, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await comments()).filter((c) => c.body === 'Fonte da verificare.')).toHaveLength(1);
    // The same key is the user's own: another account's same key is another request.
    const referente = await t.as('referente');
    expect((await referente.request('POST', `${value()}/comments`, { body: 'Fonte da verificare.' }, headers)).status).toBe(201);
    expect((await comments()).length).toBe(before + 2);

    for (let n = 0; n < 2; n++) expect((await controller.request('POST', `${value()}/comments`, { body: 'Senza chiave.' })).status).toBe(201);
    expect((await comments()).filter((c) => c.body === 'Senza chiave.')).toHaveLength(2);
  });

  it('refuses the same key with another body, at the header, in Italian and English, and stores nothing', async () => {
    const headers = key();
    expect((await controller.request('POST', `${value()}/comments`, { body: 'Primo testo.' }, headers)).status).toBe(201);
    const before = (await comments()).length;
    const other = await controller.request('POST', `${value()}/comments`, { body: 'Testo cambiato.' }, headers);
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({
      code: 'idempotency-key-reused',
      params: { what: 'body' },
      message: 'an earlier request with the same Idempotency-Key, but different content, was received already: this one was not recorded. Reload to check, then send it again if needed',
      issues: [{ code: 'idempotency-key-reused', location: { header: 'Idempotency-Key' } }],
    });
    const italian = await controller.request('POST', `${value()}/comments`, { body: 'Testo cambiato.' }, { ...headers, 'Accept-Language': 'it' });
    expect(italian.body.error.message).toBe(
      'un invio precedente con la stessa Idempotency-Key, ma con un contenuto diverso, è già stato ricevuto: questo non è stato registrato. Ricaricare per controllare, poi inviare di nuovo se serve',
    );
    // Another address with the same key: refused too.
    const elsewhere = await controller.request('POST', `/api/plans/${planId}/indicators/${enc('B.1.1:2')}/measurements/${PERIOD}/comments`, { body: 'Primo testo.' }, headers);
    expect(elsewhere.body.error).toMatchObject({ code: 'idempotency-key-reused', params: { what: 'route' } });
    expect((await comments()).length).toBe(before);

    const bad = await controller.request('POST', `${value()}/comments`, { body: 'Chiave storta.' }, { 'Idempotency-Key': 'una chiave con spazi' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'idempotency-key-invalid', issues: [{ location: { header: 'Idempotency-Key' } }] });
    expect((await comments()).length).toBe(before);
  });

  it('does not keep the key of a refused try: sent again once it can be made, it is made', async () => {
    const headers = key();
    const empty = await controller.request('POST', `${value()}/comments`, { body: '  ' }, headers);
    expect(empty.status).toBe(400);
    const written = await controller.request('POST', `${value()}/comments`, { body: 'Ora con il testo.' }, headers);
    expect(written.status).toBe(201);
    expect(written.headers.get('idempotent-replayed')).toBeNull();
  });

  it('makes one comment of several tries sent at once, each answered with it', async () => {
    const headers = key();
    const tries = await Promise.all(Array.from({ length: 6 }, () => controller.request('POST', `${value()}/comments`, { body: 'Inviato sei volte insieme.' }, headers)));
    expect(tries.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(tries.map((r) => r.body.id)).size).toBe(1);
    expect((await comments()).filter((c) => c.body === 'Inviato sei volte insieme.')).toHaveLength(1);
  });

  it('makes one indicator and one objective of a POST sent again (before: a second indicator, a duplicate refused)', async () => {
    const indicator = { name: 'Pratiche evase', weight: 0, comparator: '>=', target: 10, unit: 'number' };
    const headers = key();
    const first = await controller.request('POST', `/api/plans/${planId}/nodes/A.2/indicators`, indicator, headers);
    expect(first.status).toBe(201);
    const again = await controller.request('POST', `/api/plans/${planId}/nodes/A.2/indicators`, indicator, headers);
    expect(again.body).toEqual(first.body);
    const objective = { code: 'Z', title: 'Nuova area', parent: null };
    const nodeKey = key();
    const added = await controller.request('POST', `/api/plans/${planId}/nodes`, objective, nodeKey);
    expect(added.status).toBe(201);
    const addedAgain = await controller.request('POST', `/api/plans/${planId}/nodes`, objective, nodeKey);
    expect([addedAgain.status, addedAgain.body]).toEqual([201, added.body]);
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const all = tree.objectives.flatMap((o: { indicators: { name: string }[] }) => o.indicators);
    expect(all.filter((i: { name: string }) => i.name === 'Pratiche evase')).toHaveLength(1);
    expect(tree.objectives.filter((o: { code: string }) => o.code === 'Z')).toHaveLength(1);
  });

  it('keeps one evidence file of an upload sent again (its form drawn again, another boundary)', async () => {
    const headers = key();
    const files = `${value()}/attachments`;
    const first = await controller.request('POST', files, upload(tinyPdf('Verbale ripetuto'), 'verbale-ripetuto.pdf'), headers);
    expect(first.status).toBe(201);
    const again = await controller.request('POST', files, upload(tinyPdf('Verbale ripetuto'), 'verbale-ripetuto.pdf'), headers);
    expect([again.status, again.body]).toEqual([201, first.body]);
    const listed = (await controller.get(files)).body as { name: string }[];
    expect(listed.filter((f) => f.name === 'verbale-ripetuto.pdf')).toHaveLength(1);
    // Another file under the same key is another body.
    const other = await controller.request('POST', files, upload(tinyPdf('Altro verbale'), 'verbale-ripetuto.pdf'), headers);
    expect(other.body.error.code).toBe('idempotency-key-reused');
  });

  it('documents the header on every signed-in write in the OpenAPI document, not on reads or signing in', async () => {
    const doc = (await controller.get('/api/openapi.json')).body;
    const key = { $ref: '#/components/parameters/IdempotencyKey' };
    const thread = doc.paths['/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/comments'];
    expect(thread.post.parameters).toContainEqual(key);
    expect(thread.get.parameters).not.toContainEqual(key);
    expect(doc.paths['/api/session'].post.parameters).not.toContainEqual(key);
    // The accounts' bodies carry passwords: no hash of one is kept.
    expect(doc.paths['/api/users'].post.parameters).not.toContainEqual(key);
    expect(doc.paths['/api/users/me/password'].post.parameters).not.toContainEqual(key);
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
    expect(doc.components.parameters.IdempotencyKey.description).toContain('idempotency-key-reused');
  });

  it('forgets keys older than a day, keeps the others', async () => {
    const store = t.server.store;
    const now = Date.now();
    const request = (k: string) => ({ userId: 'purge-test', key: k, route: 'POST /x', bodyHash: 'h' });
    expect(await store.idempotency.claim(request('old'), now - IDEMPOTENCY_KEPT_MS - 1000)).toEqual({ kind: 'claimed' });
    expect(await store.idempotency.claim(request('recent'), now - IDEMPOTENCY_KEPT_MS + 60_000)).toEqual({ kind: 'claimed' });
    for (const k of ['old', 'recent']) await store.idempotency.finish('purge-test', k, { status: 201, body: '{}' });
    expect(await store.idempotency.purge(now - IDEMPOTENCY_KEPT_MS)).toBeGreaterThanOrEqual(1);
    expect(await store.idempotency.claim(request('old'), now)).toEqual({ kind: 'claimed' });
    expect(await store.idempotency.claim(request('recent'), now)).toMatchObject({ kind: 'known', answer: { status: 201, body: '{}' } });
  });
});
