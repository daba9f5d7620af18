/**
 * HR saving a body's SMVP while the controller corrects the body's name (which takes the year's
 * SMVP to the corrected name, store/appraisals.ts followCorrectedBody): both take the same lock, so
 * the save lands before the correction and is moved with it, or comes after it and is refused at
 * the body's name, naming where the SMVP went (409, Italian and English), nothing stored under the
 * old name. Over HTTP, on SQLite and PostgreSQL; how the other writer gets in between, on each
 * backend: ../support/another-writer.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { whileAnotherHolds } from '../support/another-writer.js';
import { enc, startTestServer, type Backend, type Client, type Reply, type TestServer } from './harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A plan of its own on `t` (a body of its own too) whose body has its SMVP of 2024, version 1. Its id and body. */
async function bodyWithSmvp(t: TestServer, controller: Client, hr: Client): Promise<{ planId: string; body: string }> {
  const planId = await t.importFixture();
  const body = (await controller.get(`/api/plans/${planId}`)).body.organisation as string;
  const saved = await hr.request('PUT', `/api/smvp/2024?organisation=${enc(body)}`, { document: exampleSmvpJson(body, 2024), reason: 'delibera n. 12' });
  expect(saved.status, saved.text).toBe(200);
  return { planId, body };
}

/** A server on `backend` with the controller and HR signed in. */
async function serverWithHr(backend: Backend): Promise<{ t: TestServer; controller: Client; hr: Client }> {
  const t = await startTestServer(backend);
  return { t, controller: await t.as('controller'), hr: await t.as('personale') };
}

describe.each<Backend>(['sqlite', 'postgres'])("an SMVP saved while the body's name is corrected, on %s", (backend) => {
  let t: TestServer;
  let controller: Client;
  let hr: Client;
  beforeAll(async () => {
    ({ t, controller, hr } = await serverWithHr(backend));
  });
  afterAll(async () => t?.close());

  it('is refused at the body, naming the corrected one, when the correction took the SMVP first; nothing is stored under the old name', async () => {
    const { planId, body } = await bodyWithSmvp(t, controller, hr);
    const corrected = `${body} (corretto)`;
    // The controller corrects the body once the route has checked HR's save, before the store's transaction.
    const appraisals = t.server.store.appraisals;
    const saveSmvp = appraisals.saveSmvp.bind(appraisals);
    let correction: Reply | null = null;
    vi.spyOn(appraisals, 'saveSmvp').mockImplementationOnce(async (...args) => {
      correction = await controller.request('PATCH', `/api/plans/${planId}`, { organisation: corrected });
      return saveSmvp(...args);
    });
    const save = (language: string, version?: number): Promise<Reply> =>
      hr.request('PUT', `/api/smvp/2024?organisation=${enc(body)}`, { document: exampleSmvpJson(body, 2024), reason: 'pesi rivisti', version }, { 'accept-language': language });
    const refused = await save('it', 1);
    expect(correction!.status, correction!.text).toBe(200);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', details: { field: 'organisation' }, params: { appraisal: 'smvp-body-corrected', from: body, to: corrected, year: 2024 } });
    expect(refused.body.error.message).toBe(`l'ente «${body}» è stato corretto in «${corrected}» per il 2024, e il suo SMVP con lui: salvarlo come SMVP di «${corrected}»`);
    // In English, and a save naming no version alike: it would start a second SMVP of the year.
    const english = await save('en');
    expect([english.status, english.body.error.message]).toEqual([409, `the body “${body}” was corrected to “${corrected}” for 2024, and its SMVP with it: save it as the SMVP of “${corrected}”`]);

    expect((await hr.get(`/api/smvp/2024?organisation=${enc(body)}`)).status).toBe(404);
    const moved = await hr.get(`/api/smvp/2024?organisation=${enc(corrected)}`);
    expect([moved.status, moved.body.version, moved.body.reason]).toEqual([200, 1, 'delibera n. 12']);
    // Saved under the corrected name, it goes on from the version moved.
    const resaved = await hr.request('PUT', `/api/smvp/2024?organisation=${enc(corrected)}`, { document: exampleSmvpJson(corrected, 2024), reason: 'pesi rivisti', version: 1 });
    expect([resaved.status, resaved.body.version]).toEqual([200, 2]);
  });
});

describe("an SMVP saved while the body's name is corrected, on postgres, with both at once", () => {
  let t: TestServer;
  let controller: Client;
  let hr: Client;
  beforeAll(async () => {
    ({ t, controller, hr } = await serverWithHr('postgres'));
  });
  afterAll(async () => t?.close());

  it('moves a save that held the lock first with the SMVP: the correction waits for it', async () => {
    const { planId, body } = await bodyWithSmvp(t, controller, hr);
    const corrected = `${body} (corretto)`;
    // Another connection saves version 2 as the store does (the SMVP's lock first) and commits once
    // the correction waits on that lock.
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
    const save = `SELECT pg_advisory_xact_lock(4243); INSERT INTO smvp (organisation, year, version, document, reason, created_at, created_by) VALUES (${quote(body)}, 2024, 2, ${quote(JSON.stringify(exampleSmvpJson(body, 2024)))}, 'salvata in corsa', ${quote(new Date().toISOString())}, 'personale')`;
    const correction = await whileAnotherHolds(t.location, save, 'SELECT pg_advisory_xact_lock(4243)', () => controller.request('PATCH', `/api/plans/${planId}`, { organisation: corrected }));
    expect(correction.status, correction.text).toBe(200);
    const moved = await hr.get(`/api/smvp/2024?organisation=${enc(corrected)}`);
    expect([moved.status, moved.body.version, moved.body.reason]).toEqual([200, 2, 'salvata in corsa']);
    expect((await hr.get(`/api/smvp/2024?organisation=${enc(body)}&version=1`)).status).toBe(404);
  });
});
