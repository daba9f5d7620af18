/**
 * The campaign's refusals, located and current, on SQLite and PostgreSQL: a request for more or an
 * answer without its text is said at its field (`issues[].location.field`) as every validation
 * refusal is (before, only `details.field`); a body's unexpected field is located at its path
 * (before, `location: null`); a deadline set or moved on a closed or validated period is refused,
 * 409 `deadline-locked` naming the period's state, with nothing stored (before, it was stored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt, enc, startWithFixture, type Backend, type Client, type FixtureServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('the campaign’s refusals on %s', (backend) => {
  let f: FixtureServer;
  let referente: Client;
  const period = '2024-06-30';
  beforeAll(async () => {
    f = await startWithFixture(backend);
    referente = await f.t.as('referente');
    await adopt(f.planId, f.controller);
    expect((await f.controller.request('POST', `/api/plans/${f.planId}/periods/${period}/transition`, { to: 'collecting' })).status).toBe(200);
  });
  afterAll(async () => f?.t.close());

  const reviews = (indicator: string) => `/api/plans/${f.planId}/indicators/${enc(indicator)}/measurements/${period}/reviews`;
  const located = (reply: { body: any }) => reply.body.error.issues?.map((i: any) => [i.code, i.location, i.message]);

  it('says a request for more or an answer without its text at the note, in Italian and English', async () => {
    const indicator = 'B.1.1:1';
    const saved = await referente.request('PUT', `/api/plans/${f.planId}/indicators/${enc(indicator)}/measurements/${period}?tree=false`, { state: 'measured', actual: 41, version: 0 });
    expect(saved.status, saved.text).toBe(200);
    for (const note of [undefined, '   ']) {
      const it = await f.controller.request('POST', reviews(indicator), { action: 'return', version: 1, ...(note === undefined ? {} : { note }) }, { 'accept-language': 'it' });
      expect(it.status, it.text).toBe(422);
      expect(it.body.error).toMatchObject({ code: 'invalid', details: { field: 'note' } });
      expect(located(it)).toEqual([['invalid', { field: 'note' }, it.body.error.message]]);
      const en = await f.controller.request('POST', reviews(indicator), { action: 'return', version: 1, ...(note === undefined ? {} : { note }) }, { 'accept-language': 'en' });
      expect(located(en)).toEqual([['invalid', { field: 'note' }, en.body.error.message]]);
      expect(en.body.error.message).not.toBe(it.body.error.message);
    }
    expect((await f.controller.request('POST', reviews(indicator), { action: 'return', version: 1, note: 'Manca la fonte.' })).status).toBe(201);
    const answer = await referente.request('POST', reviews(indicator), { action: 'answer', version: 1, note: '' }, { 'accept-language': 'it' });
    expect(answer.status, answer.text).toBe(422);
    expect(located(answer)).toEqual([['invalid', { field: 'note' }, answer.body.error.message]]);
    // Nothing of the refusals is in the thread: the one request.
    expect((await f.controller.get(reviews(indicator))).body.steps.map((s: any) => s.action)).toEqual(['return']);
  });

  it('locates an unexpected field of a body at its path', async () => {
    const refused = await f.controller.request('POST', reviews('B.1.1:1'), { action: 'approve', version: 1, nota: 'x' }, { 'accept-language': 'it' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid-body', params: { fields: ['nota'] } });
    expect(located(refused)).toEqual([['invalid-field', { field: 'nota' }, 'nota: campo non previsto: toglierlo']]);
    const en = await f.controller.request('PUT', `/api/plans/${f.planId}/periods/${period}/deadline`, { deadline: null, when: 1, why: 2 });
    expect(located(en)).toEqual([
      ['invalid-field', { field: 'when' }, 'when: not an expected field: remove it'],
      ['invalid-field', { field: 'why' }, 'why: not an expected field: remove it'],
    ]);
  });

  it('refuses a deadline set or moved on a closed or validated period, naming its state, and stores nothing', async () => {
    const closing = '2024-12-31';
    const deadline = `/api/plans/${f.planId}/periods/${closing}/deadline`;
    expect((await f.controller.request('PUT', deadline, { deadline: '2025-01-31' })).status).toBe(200);
    for (const to of ['collecting', 'closed'] as const) {
      const moved = await f.controller.request('POST', `/api/plans/${f.planId}/periods/${closing}/transition`, { to, acknowledgeUnreviewed: true });
      expect(moved.status, moved.text).toBe(200);
    }
    const trail = async () => (await f.controller.get(`/api/audit?planId=${f.planId}&limit=1000`)).body;
    const stored = async () => (await f.controller.get(`/api/plans/${f.planId}/periods`)).body.find((p: any) => p.id === closing);
    const before = [await stored(), await trail()];
    expect(before[0]).toMatchObject({ state: 'closed', deadline: '2025-01-31' });
    for (const value of ['2025-02-28', null]) {
      const it = await f.controller.request('PUT', deadline, { deadline: value }, { 'accept-language': 'it' });
      expect(it.status, it.text).toBe(409);
      expect(it.body.error).toMatchObject({ code: 'deadline-locked', params: { label: '31/12/2024', state: 'closed' } });
      expect(it.body.error.message).toBe('il periodo 31/12/2024 è chiuso: la sua scadenza non si può più fissare né spostare (il controllo di gestione può riaprirlo, indicando un motivo)');
    }
    expect([await stored(), await trail()]).toEqual(before);
    const oiv = await f.t.as('oiv');
    expect((await oiv.request('POST', `/api/plans/${f.planId}/periods/${closing}/transition`, { to: 'validated' })).status).toBe(200);
    const en = await f.controller.request('PUT', deadline, { deadline: '2025-02-28' }, { 'accept-language': 'en' });
    expect([en.status, en.body.error.code, en.body.error.message]).toEqual([
      409,
      'deadline-locked',
      'the period 31/12/2024 is validated: its deadline can no longer be set or moved (only the administrator can reopen it, giving a reason)',
    ]);
    expect(await stored()).toMatchObject({ state: 'validated', deadline: '2025-01-31' });
  });
});
