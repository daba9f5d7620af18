/**
 * The OIV cannot validate the Relazione while a revision of the plan is open: the revision's
 * changes are already in the plan a validation freezes, but not among the approved revisions the
 * Relazione lists (section 3.5). Refused (409, in Italian and English, naming the revision), nothing
 * moved; once the office approves it, the validation goes through and lists it. Over HTTP, on
 * SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

describe.each<Backend>(['sqlite', 'postgres'])('validating the Relazione with a revision open, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    oiv = await t.as('oiv');
  });
  afterAll(async () => t?.close());

  it('is refused until the office approves the revision, then lists it', async () => {
    const plan = `/api/plans/${planId}`;
    expect((await controller.request('POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to })).status).toBe(200);
    expect((await controller.request('POST', `${plan}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await oiv.get(`${plan}/relazione`)).body;
    const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    expect((await oiv.request('PUT', `${plan}/relazione/review`, { note: 'Verificato.', reservations: '', checklist, values: [], version: current.version })).status).toBe(200);

    // The office opens a revision and changes the plan in it while the OIV reads the Relazione.
    const opened = await controller.request('POST', `${plan}/revisions`, { reason: 'Titolo del piano corretto' });
    expect(opened.status, opened.text).toBe(201);
    expect((await controller.request('PATCH', plan, { title: 'Piano corretto in variazione' })).status).toBe(200);

    for (const to of ['validated', 'validated_with_reservations']) {
      const italian = await oiv.request('POST', `${plan}/relazione/transition`, { to }, { 'accept-language': 'it' });
      expect(italian.status, italian.text).toBe(409);
      expect(italian.body.error.code).toBe('invalid-transition');
      expect(italian.body.error.details).toEqual({ reason: 'revision-open', revision: opened.body.number });
      expect(italian.body.error.message).toBe(
        `la variazione n. ${opened.body.number} del piano è aperta: approvarla o annullarla prima di validare la Relazione (le sue modifiche sono già nel piano, ma la Relazione ne riporta solo le variazioni approvate)`,
      );
    }
    const en = await oiv.request('POST', `${plan}/relazione/transition`, { to: 'validated' }, { 'accept-language': 'en' });
    expect(en.status).toBe(409);
    expect(en.body.error.message).toBe(
      `revision no. ${opened.body.number} of the plan is open: approve or discard it before validating the Relazione (its changes are already in the plan, but the Relazione lists only approved revisions)`,
    );
    // Nothing moved: still with the OIV, the year end still closed (not validated).
    expect((await oiv.get(`${plan}/relazione`)).body.state).toBe('transmitted');
    expect(((await controller.get(`${plan}/periods`)).body as { id: string; state: string }[]).find((p) => p.id === YEAR_END)!.state).toBe('closed');

    // Approved, the revision is in the register the validation freezes.
    const approved = await controller.request('POST', `${plan}/revisions/${opened.body.number}/approve`, { act: { kind: 'Delibera di Giunta', number: '40', date: '2024-05-20' } });
    expect(approved.status, approved.text).toBe(200);
    const validated = await oiv.request('POST', `${plan}/relazione/transition`, { to: 'validated' });
    expect(validated.status, validated.text).toBe(200);
    expect(validated.body.state).toBe('validated');
    const html = (await oiv.get(`${plan}/relazione/export?format=html`)).text;
    expect(html).toContain('Titolo del piano corretto');
  });
});
