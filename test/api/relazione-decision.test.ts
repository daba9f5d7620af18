/**
 * The OIV's decision on the Relazione. "Not validated" sends it back to the office and is
 * published with the documento di validazione: it comes with the OIV's reasons. And the OIV
 * decides over figures the office closed. Transmitted with its year end
 * closed, the Relazione may meet a reopening of that period while the OIV reads it; a decision
 * then would be on values nobody closed (a validation would freeze them, and leave the period
 * taking values under a validated Relazione). Through HTTP, on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithTheOiv, YEAR_END } from '../support/relazione-oiv.js';
import { enc, objective, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('the OIV decides on the Relazione only with its year end closed, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => ({ t, planId, controller, oiv } = await startWithTheOiv(backend)));
  afterAll(async () => t?.close());

  const period = (to: string, reason?: string) =>
    controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, reason === undefined ? { to, acknowledgeUnreviewed: true } : { to, reason });
  const move = (who: Client, to: string, language = 'en') => who.request('POST', `/api/plans/${planId}/relazione/transition`, { to, confirmEmpty: true }, { 'accept-language': language });
  const periodState = async (): Promise<string> => (await controller.get(`/api/plans/${planId}/periods`)).body.find((p: any) => p.id === YEAR_END).state;

  it('takes "not validated" only with the OIV’s reasons, which the documento di validazione prints', async () => {
    for (const to of ['collecting', 'closed']) expect((await period(to)).status).toBe(200);
    expect((await move(controller, 'transmitted')).status).toBe(200);
    for (const [language, message] of [
      ['en', "a decision not to validate gives its reasons: write them in the OIV's note first"],
      ['it', "la mancata validazione va motivata: scrivere prima i motivi nella nota dell'OIV"],
    ] as const) {
      const bare = await move(oiv, 'not_validated', language);
      expect(bare.status, bare.text).toBe(422);
      expect(bare.body.error).toMatchObject({ code: 'invalid', message, details: { field: 'note' } });
      // Spaces are no reasons.
      expect((await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'not_validated', reason: '   ' })).status).toBe(422);
    }
    expect((await controller.get(`/api/plans/${planId}/relazione`)).body).toMatchObject({ state: 'transmitted', decidedAt: null });

    // The reason sent with the decision is the OIV's note, in the documento and the Relazione.
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'not_validated', reason: 'Mancano le evidenze di A.5.1.' });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body).toMatchObject({ state: 'not_validated', note: 'Mancano le evidenze di A.5.1.' });
    const validation = (await controller.get(`/api/plans/${planId}/relazione/validation?format=html`)).text;
    expect(validation).toContain('NON VALIDATA');
    expect(validation).toMatch(/Nota dell&#39;OIV<\/h2>\s*<p>Mancano le evidenze di A\.5\.1\.<\/p>/);
    expect(validation).not.toContain('Nessuna nota.');
    expect((await move(controller, 'draft')).status).toBe(200);
  });

  it('refuses every decision while the year end is reopened, in the reader’s language, and takes it once closed again', async () => {
    expect((await move(controller, 'transmitted')).status).toBe(200);

    // The office reopens the year end while the OIV reads the Relazione, and corrects a value:
    // A.2.1's answering rate goes from 50% (0%, the objective at 80%) to 70% (the objective at 100%).
    expect((await period('collecting', 'dato dello sportello corretto')).status).toBe(200);
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    const rate = objective(tree, 'A.2.1').indicators.find((i: any) => i.name === 'Capacità di risposta dello sportello internazionalizzazione');
    expect(rate).toMatchObject({ actualText: '50,00%' });
    const saved = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(rate.id)}/measurements/${YEAR_END}`, { state: 'measured', actual: 70, version: rate.version });
    expect(saved.status, saved.text).toBe(200);

    const trail = async (): Promise<unknown[]> => (await controller.get(`/api/audit?planId=${planId}`)).body.filter((e: any) => e.entity === 'relazione').map((e: any) => e.action);
    const before = await trail();
    for (const to of ['validated', 'validated_with_reservations', 'not_validated']) {
      const english = await move(oiv, to);
      expect(english.status, english.text).toBe(409);
      expect(english.body.error).toMatchObject({ code: 'invalid-transition', details: { reason: 'period-not-closed', period: YEAR_END, state: 'collecting' } });
      expect(english.body.error.message).toBe('the year-end period (31/12/2024) was reopened after the transmission: the OIV decides on the Relazione once management control has closed it again');
      const italian = await move(oiv, to, 'it');
      expect(italian.body.error.message).toBe(
        "il periodo di fine anno (31/12/2024) è stato riaperto dopo la trasmissione: l'OIV si pronuncia sulla Relazione quando il controllo di gestione lo ha chiuso di nuovo",
      );
    }
    // Nothing moved: still with the OIV, not frozen, the year end still taking values, no decision on the trail.
    expect((await controller.get(`/api/plans/${planId}/relazione`)).body).toMatchObject({ state: 'transmitted', frozen: false, decidedAt: null });
    expect(await periodState()).toBe('collecting');
    expect(await trail()).toEqual(before);

    // Closed again, the OIV validates the figures as closed: the corrected value, in the Relazione and in the period.
    expect((await period('closed')).status).toBe(200);
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const checklist = current.checklist.map((p: any) => ({ ...p, outcome: 'yes' }));
    const reviewed = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { note: current.note, reservations: '', checklist, values: [], version: current.version });
    expect(reviewed.status, reviewed.text).toBe(200);
    const decided = await move(oiv, 'validated');
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body).toMatchObject({ state: 'validated', frozen: true });
    expect(await periodState()).toBe('validated');
    const html = (await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text;
    expect(html).toMatch(/Capacità di risposta dello sportello internazionalizzazione<\/th>(?:(?!<\/tr>).)*70,00%/s);
    expect(html).not.toMatch(/Capacità di risposta dello sportello internazionalizzazione<\/th>(?:(?!<\/tr>).)*50,00%/s);
  });
});
