/**
 * Refusals met across the plan's year, on SQLite and PostgreSQL: each says what is wrong in the
 * reader's language and where.
 * - The audit trail asked with a `limit` that is not a count (`?limit=abc`, `0`, `1.5`) was refused
 *   in English words whatever the reader's language ("limit: a positive whole number"), with no
 *   issue at the field; now in Italian or English, at `limit`.
 * - A closed period reopened without a reason was refused without naming the field to fill in;
 *   now at `reason` (details.field), as the revision's missing reason is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const IT = { 'accept-language': 'it-IT,it;q=0.9' };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };
const MID_YEAR = '2024-06-30';

describe.each<Backend>(['sqlite', 'postgres'])('refusals across the year on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  const plan = () => `/api/plans/${enc(planId)}`;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  }, 120_000);
  afterAll(async () => t?.close());

  it('refuses a limit of the audit trail that is not a count in the reader’s language, at the field', async () => {
    for (const limit of ['abc', '0', '1.5', '-3']) {
      const italian = await controller.request('GET', `/api/audit?planId=${enc(planId)}&limit=${limit}`, undefined, IT);
      expect(italian.status, italian.text).toBe(400);
      expect(italian.body.error).toMatchObject({ code: 'invalid-query', message: 'limit: un numero intero positivo (1, 2, …)', params: { field: 'limit' } });
      expect(italian.body.error.issues).toEqual([expect.objectContaining({ severity: 'error', message: 'limit: un numero intero positivo (1, 2, …)', location: { field: 'limit' } })]);
      const english = await controller.request('GET', `/api/audit?planId=${enc(planId)}&limit=${limit}`, undefined, EN);
      expect(english.status, english.text).toBe(400);
      expect(english.body.error.message).toBe('limit: a positive whole number (1, 2, …)');
    }
    // A count beyond the most is read as the most, as before.
    expect((await controller.request('GET', `/api/audit?planId=${enc(planId)}&limit=99999999999999`)).status).toBe(200);
  });

  it('says a reopening without a reason at the reason, in the reader’s language, and leaves the period closed', async () => {
    for (const to of ['collecting', 'closed'] as const) expect((await controller.request('POST', `${plan()}/periods/${MID_YEAR}/transition`, { to })).status).toBe(200);
    for (const reason of [undefined, '   ']) {
      const refused = await controller.request('POST', `${plan()}/periods/${MID_YEAR}/transition`, { to: 'collecting', ...(reason === undefined ? {} : { reason }) }, IT);
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'invalid-transition',
        message: 'per riaprire un periodo chiuso serve un motivo',
        details: { from: 'closed', to: 'collecting', field: 'reason' },
      });
    }
    // A move that is not allowed at all is no matter of the reason.
    const notAllowed = await controller.request('POST', `${plan()}/periods/${MID_YEAR}/transition`, { to: 'open' }, EN);
    expect(notAllowed.status).toBe(409);
    expect(notAllowed.body.error.details).toEqual({ from: 'closed', to: 'open' });
    const periods = (await controller.get(`${plan()}/periods`)).body as Array<{ id: string; state: string }>;
    expect(periods.find((p) => p.id === MID_YEAR)?.state).toBe('closed');
  });
});
