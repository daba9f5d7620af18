/**
 * A validated Relazione whose year end the administrator reopens: the Relazione stays validated,
 * frozen with the figures it was validated with, and its answer says that the period was reopened
 * after the decision, when, by whom (by name) and why, with the period's state now; the decision
 * names the OIV's person, not the login. Through HTTP, on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

describe.each<Backend>(['sqlite', 'postgres'])('a validated Relazione whose year end is reopened, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let admin: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    [oiv, admin] = [await t.as('oiv'), await t.as('admin')];
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    for (const [username, displayName] of [
      ['oiv', 'Luca Marino'],
      ['admin', 'Anna Ferri'],
    ]) {
      const account = users.find((u) => u.username === username)!;
      expect((await admin.request('PATCH', `/api/users/${account.id}`, { displayName })).status).toBe(200);
    }
  });
  afterAll(async () => t?.close());

  const period = (who: Client, to: string, reason?: string) =>
    who.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, reason === undefined ? { to, acknowledgeUnreviewed: true } : { to, reason });
  const relazione = async () => (await controller.get(`/api/plans/${planId}/relazione`)).body;

  it('says the reopening after the validation, by whom and when, and keeps the Relazione validated', async () => {
    for (const to of ['collecting', 'closed']) expect((await period(controller, to)).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { note: '**OIV**', reservations: '', checklist, values: [], version: current.version })).status).toBe(200);
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' });
    expect(decided.status, decided.text).toBe(200);
    // The decision names the person, as the documento di validazione does; no reopening yet.
    expect(decided.body).toMatchObject({ state: 'validated', frozen: true, decidedBy: 'oiv', decidedByName: 'Luca Marino', reopenedAfterDecision: null });

    const reopened = await period(admin, 'collecting', 'errore di caricamento su A.2.1');
    expect(reopened.status, reopened.text).toBe(200);
    const after = await relazione();
    expect(after).toMatchObject({
      state: 'validated',
      frozen: true,
      reopenedAfterDecision: { by: 'Anna Ferri', reason: 'errore di caricamento su A.2.1', period: '31/12/2024', periodState: 'collecting' },
    });
    expect(after.reopenedAfterDecision.at >= after.decidedAt).toBe(true);
    // Closed again, the Relazione still says it: the validated figures are those of before the reopening.
    expect((await period(controller, 'closed')).status).toBe(200);
    expect((await relazione()).reopenedAfterDecision).toMatchObject({ by: 'Anna Ferri', periodState: 'closed' });
  });
});
