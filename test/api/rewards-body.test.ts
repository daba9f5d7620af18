/**
 * The body the public art. 20 aggregates (and the other appraisal routes) answer for when the
 * address names none: the installation's own, the body of the plan it publishes on /trasparenza,
 * not the body of whatever plan was imported last (a test import, a draft). A body with nothing
 * distributed says so, in the reader's language, rather than showing another body's bonuses.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { FIXTURE } from '../helpers.js';
import { Client, startTestServer, type Backend, type TestServer } from './harness.js';

const OWN = 'Camera di commercio di Prova';
const TEST_BODY = 'Ente di collaudo';

describe.each<Backend>(['sqlite', 'postgres'])('the default body of the bonus aggregates on %s', (backend) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(backend);
    const controller = await t.as('controller');
    const importAs = async (organisation: string): Promise<string> => {
      const form = new FormData();
      form.set('file', new Blob([readFileSync(FIXTURE)]), 'albero-performance-2024.txt');
      form.set('organisation', organisation);
      const reply = await controller.request('POST', '/api/plans/import', form);
      if (reply.status !== 201) throw new Error(`import: ${reply.status} ${reply.text}`);
      return reply.body.plan.id as string;
    };
    // The installation's plan, published; then a test plan imported later, never published.
    const own = await importAs(OWN);
    expect((await controller.request('PATCH', `/api/plans/${own}`, { published: true })).status).toBe(200);
    await importAs(TEST_BODY);
    // The test body has an SMVP and a distribution (no forms: every band with nobody in it).
    const hr = await t.as('personale');
    const smvp = await hr.request('PUT', `/api/smvp/2024?organisation=${encodeURIComponent(TEST_BODY)}`, { document: exampleSmvpJson(TEST_BODY, 2024) });
    expect(smvp.status, smvp.text).toBe(200);
    const shared = await hr.request('POST', '/api/rewards/2024/distribute', { category: 'eq', fund: 1000, organisation: TEST_BODY });
    expect(shared.status, shared.text).toBe(200);
  });
  afterAll(async () => t?.close());

  it("answers for the body of the published plan, saying in the reader's language that it has published nothing, not the test body's bonuses", async () => {
    const citizen = new Client(t.url);
    for (const [lang, message] of [
      ['it', `${OWN} non ha pubblicato la distribuzione dei premi del 2024`],
      ['en', `${OWN} has published no distribution of bonuses for 2024`],
    ] as const) {
      const reply = await citizen.request('GET', '/api/rewards/2024/aggregates', undefined, { 'accept-language': lang });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body).toEqual({ organisation: OWN, year: 2024, rows: [], categories: [], message });
    }
    // The open data of the same answer: the columns, no row of another body.
    const csv = await fetch(`${t.url}/api/rewards/2024/aggregates?format=csv`);
    expect((await csv.text()).trim().split('\n')).toHaveLength(1);
  });

  it('answers for the body the address names, the test body included', async () => {
    const reply = await new Client(t.url).get(`/api/rewards/2024/aggregates?organisation=${encodeURIComponent(TEST_BODY)}`);
    expect(reply.body).toMatchObject({ organisation: TEST_BODY, year: 2024, message: null });
    const schemes = exampleSmvpJson(TEST_BODY, 2024).schemes as { category: string; bands: unknown[] }[];
    const bands = schemes.find((s) => s.category === 'eq')!.bands;
    expect(reply.body.rows.map((r: { category: string; people: number }) => [r.category, r.people])).toEqual(bands.map(() => ['eq', 0]));
  });

  it("reads the installation's SMVP when none is named: the published plan's body", async () => {
    const reply = await (await t.as('personale')).get('/api/smvp/2024');
    // A year without an SMVP is a state (200, no version), of the published plan's body.
    expect([reply.status, reply.body.organisation, reply.body.year, reply.body.version]).toEqual([200, OWN, 2024, null]);
  });
});
