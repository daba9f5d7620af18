/**
 * Comments, variances and forecasts through HTTP, on SQLite and PostgreSQL: a thread between the
 * referente, the controller and the OIV (also after closing; never another unit's referente or the
 * public); the year-end objectives in yellow and red with their cause and corrective action (the
 * referente explains their own, the controller any, a validated period's are final); forecasts at
 * mid-year only; all in the audit trail and in the store API the Relazione reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/store/index.js';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const MID_YEAR = '2024-06-30';

describe.each<Backend>(['sqlite', 'postgres'])('comments, variances and forecasts over HTTP on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let referente: Client;
  let controller: Client;
  let oiv: Client;
  const thread = (indicator: string, period = YEAR_END): string => `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${period}/comments`;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    [referente, oiv] = await Promise.all([t.as('referente'), t.as('oiv')]);
  });
  afterAll(async () => t?.close());

  it('keeps a thread between the referente, the controller and the OIV, in order, also after the period closes', async () => {
    const asked = await controller.request('POST', thread('B.1.1:1'), { body: 'Il valore 19 è confermato dal gestionale?' });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({ author: 'controller', authorRole: 'controller', body: 'Il valore 19 è confermato dal gestionale?' });
    const answered = await referente.request('POST', thread('B.1.1:1'), { body: '  Sì: estrazione del 10/01/2025, allegata.  ' });
    expect(answered.body.body).toBe('Sì: estrazione del 10/01/2025, allegata.');
    await t.server.store.transitionPeriod(planId, YEAR_END, 'collecting', null, SYSTEM);
    await t.server.store.transitionPeriod(planId, YEAR_END, 'closed', null, SYSTEM, { acknowledgeUnreviewed: true });
    const oivNote = await oiv.request('POST', thread('B.1.1:1'), { body: 'Verificato a campione.' });
    expect(oivNote.status).toBe(201);
    const list = await referente.get(thread('B.1.1:1'));
    expect(list.body.map((c: any) => [c.author, c.authorRole, c.body])).toEqual([
      ['controller', 'controller', 'Il valore 19 è confermato dal gestionale?'],
      ['referente', 'referente', 'Sì: estrazione del 10/01/2025, allegata.'],
      ['oiv', 'oiv', 'Verificato a campione.'],
    ]);
    // Another period has its own thread.
    expect((await referente.get(thread('B.1.1:1', MID_YEAR))).body).toEqual([]);
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc('B.1.1:1')}`)).body.filter((e: any) => e.action === 'comment');
    expect(trail.map((e: any) => e.user)).toEqual(['oiv', 'referente', 'controller']);
    await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'analisi degli scostamenti' });
  });

  it("refuses an empty comment (400 naming body), another unit's thread to a referente (403) and any thread to the public (401)", async () => {
    const empty = await referente.request('POST', thread('B.1.1:1'), { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0].location).toEqual({ field: 'body' });
    expect((await referente.get(thread('A.1.1:1'))).status).toBe(403);
    expect((await referente.request('POST', thread('A.1.1:1'), { body: 'x' })).status).toBe(403);
    expect((await controller.request('POST', thread('A.1.1:1'), { body: 'Per il dirigente' })).status).toBe(201);
    const anyone = await t.as('public');
    expect((await anyone.get(thread('B.1.1:1'))).status).toBe(401);
    expect((await controller.get(thread('Z:1'))).status).toBe(404);
  });

  it("keeps a value's source, evidence and notes when a save leaves them out, and clears them on an explicit null", async () => {
    const value = `/api/plans/${planId}/indicators/${enc('B.1.1:3')}/measurements/${MID_YEAR}`;
    const stored = () => t.server.store.getMeasurement(planId, 'B.1.1:3', MID_YEAR);
    const first = await referente.request('PUT', value, {
      state: 'measured',
      actual: 4,
      source: 'Gestionale protocollo',
      evidence: 'Estrazione del 05/07/2024',
      notes: 'Dato provvisorio.',
      version: (await stored())?.version ?? 0,
    });
    expect(first.status, first.text).toBe(200);
    // Another program sends the actual alone: what the office wrote stays.
    const actualOnly = await referente.request('PUT', value, { state: 'measured', actual: 5, version: first.body.measurement.version });
    expect(actualOnly.status, actualOnly.text).toBe(200);
    expect(actualOnly.body.indicator).toMatchObject({ source: 'Gestionale protocollo', evidence: 'Estrazione del 05/07/2024' });
    expect(await stored()).toMatchObject({ actual: { kind: 'number' }, source: 'Gestionale protocollo', evidence: 'Estrazione del 05/07/2024', notes: 'Dato provvisorio.' });
    // Null says "clear it"; the others left out stay.
    const cleared = await referente.request('PUT', value, { state: 'measured', actual: 5, source: null, version: actualOnly.body.measurement.version });
    expect(cleared.status, cleared.text).toBe(200);
    expect(await stored()).toMatchObject({ source: null, evidence: 'Estrazione del 05/07/2024', notes: 'Dato provvisorio.' });
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc('B.1.1:3')}`)).body.filter((e: any) => e.action === 'measure');
    expect(trail[1].after).toMatchObject({ source: 'Gestionale protocollo', evidence: 'Estrazione del 05/07/2024' });
  });

  it('lists the objectives in yellow and red with their variance, and takes cause and corrective action from whoever may give them', async () => {
    const report = await referente.get(`/api/plans/${planId}/periods/${YEAR_END}/variances`);
    expect(report.status, report.text).toBe(200);
    expect(report.body.period).toMatchObject({ id: YEAR_END, last: true });
    const short = report.body.objectives.map((o: any) => `${o.code} ${o.band} ${o.performance} ${o.editable}`);
    expect(short).toEqual([
      'A.2.1 yellow 80 false',
      'A.5 red 30 false',
      'A.5.1 red 0 false',
      'A.5.2 yellow 60 false',
      'B.1 red 56 false',
      'B.1.1 yellow 80 true',
      'B.2 yellow 65 false',
      'B.2.1 red 50 false',
      'B.2.2 red 50 false',
    ]);
    expect(report.body.objectives.every((o: any) => o.variance === null)).toBe(true);

    const path = (code: string): string => `/api/plans/${planId}/nodes/${code}/variances/${YEAR_END}`;
    const mine = await referente.request('PUT', path('B.1.1'), {
      cause: 'internal',
      explanation: 'Personale ridotto nel secondo semestre.',
      correctiveAction: 'Due nuove assunzioni a febbraio.',
      version: 0,
    });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body).toMatchObject({ node: 'B.1.1', cause: 'internal', version: 1, updatedBy: 'referente' });
    const stale = await controller.request('PUT', path('B.1.1'), { cause: 'external', explanation: 'altro', correctiveAction: '', version: 0 });
    expect(stale.status).toBe(409);
    // Who saved it meanwhile and when, by name beside the login, as a stale plan or objective says them.
    expect(stale.body.error.details.current).toEqual({
      period: YEAR_END,
      cause: 'internal',
      explanation: 'Personale ridotto nel secondo semestre.',
      correctiveAction: 'Due nuove assunzioni a febbraio.',
      version: 1,
      updatedBy: 'referente',
      updatedByName: 'referente',
      updatedAt: mine.body.updatedAt,
    });
    expect((await referente.request('PUT', path('B.1'), { cause: 'external', explanation: 'x', version: 0 })).status).toBe(403);
    expect((await oiv.request('PUT', path('B.1'), { cause: 'external', explanation: 'x', version: 0 })).status).toBe(403);
    const bad = await controller.request('PUT', path('B.1'), { cause: 'sfortuna', explanation: 'x', version: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].location).toEqual({ field: 'cause' });
    const noWords = await controller.request('PUT', path('B.1'), { cause: 'external', explanation: ' ', version: 0 });
    expect(noWords.body.error.issues[0].location).toEqual({ field: 'explanation' });
    const theirs = await controller.request('PUT', path('B.1'), {
      cause: 'indicator',
      explanation: 'Target fissato su una base dati non più disponibile.',
      correctiveAction: "Rivedere l'indicatore nel piano 2025.",
      version: 0,
    });
    expect(theirs.status).toBe(200);
    expect((await controller.request('PUT', `/api/plans/${planId}/nodes/Z.9/variances/${YEAR_END}`, { cause: 'external', explanation: 'x', version: 0 })).status).toBe(404);

    const after = await oiv.get(`/api/plans/${planId}/periods/${YEAR_END}/variances`);
    expect(after.body.objectives.find((o: any) => o.code === 'B.1').variance).toMatchObject({ cause: 'indicator', correctiveAction: "Rivedere l'indicatore nel piano 2025.", updatedBy: 'controller' });
    // The typed store API the Relazione reads.
    const stored = await t.server.store.variances.listVariances(planId, YEAR_END);
    expect(stored.map((v) => [v.node, v.cause, v.explanation])).toEqual([
      ['B.1', 'indicator', 'Target fissato su una base dati non più disponibile.'],
      ['B.1.1', 'internal', 'Personale ridotto nel secondo semestre.'],
    ]);
    const trail = (await controller.get(`/api/audit?planId=${planId}&node=B.1.1`)).body.find((e: any) => e.entity === 'variance');
    expect(trail).toMatchObject({ action: 'update', user: 'referente', before: null, after: { cause: 'internal', version: 1 } });
    expect((await (await t.as('public')).get(`/api/plans/${planId}/periods/${YEAR_END}/variances`)).status).toBe(401);
  });

  it('refuses a variance for an objective at target, a forecast of a derived indicator, and "no" or "at risk" without a note, at their fields', async () => {
    const it_ = { 'accept-language': 'it' };
    const green = { cause: 'external', explanation: 'Nessuno scostamento, in realtà.', version: 0 };
    const atTarget = await controller.request('PUT', `/api/plans/${planId}/nodes/A.1/variances/${YEAR_END}`, green);
    expect([atTarget.status, atTarget.body.error.code, atTarget.body.error.message]).toEqual([
      422,
      'variance-not-short',
      'objective A.1 is green in this period: a variance is explained for objectives in yellow or red',
    ]);
    expect(atTarget.body.error.issues[0].location).toEqual({ field: 'node' });
    const atTargetIt = await controller.request('PUT', `/api/plans/${planId}/nodes/A.1/variances/${YEAR_END}`, green, it_);
    expect(atTargetIt.body.error.message).toBe("l'obiettivo A.1 è in verde in questo periodo: lo scostamento si spiega per gli obiettivi in giallo o in rosso");

    const forecast = (indicator: string): string => `/api/plans/${planId}/indicators/${enc(indicator)}/forecasts/${MID_YEAR}`;
    const derived = await controller.request('PUT', forecast('A.2:2'), { reachable: 'yes', version: 0 });
    expect([derived.status, derived.body.error.code, derived.body.error.message]).toEqual([
      422,
      'forecast-derived',
      'indicator A.2:2 is computed from the child objectives: the forecast is given on the indicators it comes from',
    ]);
    expect(derived.body.error.issues[0].location).toEqual({ field: 'indicator' });
    expect((await controller.request('PUT', forecast('A.2:2'), { reachable: 'yes', version: 0 }, it_)).body.error.message).toBe(
      "l'indicatore A.2:2 è calcolato dagli obiettivi figli: la previsione si dà sugli indicatori da cui viene",
    );

    const silent = await referente.request('PUT', forecast('B.1.1:2'), { reachable: 'at_risk', note: '  ', version: 0 });
    expect([silent.status, silent.body.error.issues[0].location, silent.body.error.issues[0].message]).toEqual([400, { field: 'note' }, 'note: a forecast “at risk” needs a note saying why']);
    const silentIt = await referente.request('PUT', forecast('B.1.1:2'), { reachable: 'no', version: 0 }, it_);
    expect(silentIt.body.error.issues[0].message).toBe('note: una previsione «no» richiede una nota che dica perché');
    expect((await t.server.store.variances.listForecasts(planId, MID_YEAR)).map((f) => f.indicatorId)).not.toContain('B.1.1:2');
    expect((await t.server.store.variances.listVariances(planId)).map((v) => v.node)).not.toContain('A.1');

    // B.1.1 brought back to target: its variance stays to read, no longer to write (explained here
    // unless the test above did).
    const short = (await referente.get(`/api/plans/${planId}/periods/${YEAR_END}/variances`)).body.objectives.find((o: any) => o.code === 'B.1.1');
    if (short.variance === null)
      expect((await referente.request('PUT', `/api/plans/${planId}/nodes/B.1.1/variances/${YEAR_END}`, { cause: 'internal', explanation: 'Personale ridotto.', version: 0 })).status).toBe(200);
    const value = `/api/plans/${planId}/indicators/${enc('B.1.1:5')}/measurements/${YEAR_END}`;
    const was = await t.server.store.getMeasurement(planId, 'B.1.1:5', YEAR_END);
    const corrected = await controller.request('PUT', value, { state: 'measured', actual: '1,2', version: was!.version });
    expect(corrected.status, corrected.text).toBe(200);
    const back = (await referente.get(`/api/plans/${planId}/periods/${YEAR_END}/variances`)).body.objectives.find((o: any) => o.code === 'B.1.1');
    expect(back).toMatchObject({ band: 'green', editable: false, variance: { cause: 'internal' } });
    const again = await referente.request('PUT', `/api/plans/${planId}/nodes/B.1.1/variances/${YEAR_END}`, { cause: 'external', explanation: 'x', version: back.variance.version });
    expect([again.status, again.body.error.code]).toEqual([422, 'variance-not-short']);
    const restored = await controller.request('PUT', value, { state: 'measured', actual: '0,69', version: corrected.body.measurement.version });
    expect(restored.status, restored.text).toBe(200);
  });

  it('takes forecasts at mid-year only, and freezes variances once the OIV validated the period', async () => {
    const forecast = (indicator: string, period: string): string => `/api/plans/${planId}/indicators/${enc(indicator)}/forecasts/${period}`;
    const atRisk = await referente.request('PUT', forecast('B.1.1:1', MID_YEAR), { reachable: 'at_risk', note: 'Dipende dal bando regionale.', version: 0 });
    expect(atRisk.status, atRisk.text).toBe(200);
    expect(atRisk.body).toMatchObject({ indicatorId: 'B.1.1:1', reachable: 'at_risk', version: 1 });
    const changed = await referente.request('PUT', forecast('B.1.1:1', MID_YEAR), { reachable: 'no', note: 'Bando rinviato al 2025.', version: 1 });
    expect(changed.body).toMatchObject({ reachable: 'no', version: 2 });
    const staleForecast = await controller.request('PUT', forecast('B.1.1:1', MID_YEAR), { reachable: 'yes', version: 1 });
    expect(staleForecast.status).toBe(409);
    expect(staleForecast.body.error.details.current).toEqual({
      period: MID_YEAR,
      reachable: 'no',
      note: 'Bando rinviato al 2025.',
      version: 2,
      updatedBy: 'referente',
      updatedByName: 'referente',
      updatedAt: changed.body.updatedAt,
    });
    const yearEnd = await referente.request('PUT', forecast('B.1.1:1', YEAR_END), { reachable: 'yes', version: 0 });
    expect(yearEnd.status).toBe(422);
    expect(yearEnd.body.error.details).toMatchObject({ field: 'period', reason: 'year-end' });
    // Said by code and parameters in the reader's language (issue 14).
    expect(yearEnd.body.error.message).toBe('the period 31/12/2024 is the year end: forecasts are made at the mid-year periods');
    const yearEndIt = await referente.request('PUT', forecast('B.1.1:1', YEAR_END), { reachable: 'yes', version: 0 }, { 'accept-language': 'it' });
    expect(yearEndIt.body.error.message).toBe("il periodo 31/12/2024 è la chiusura dell'anno: le previsioni si fanno nei monitoraggi intermedi");
    expect((await referente.request('PUT', forecast('A.1.1:1', MID_YEAR), { reachable: 'yes', version: 0 })).status).toBe(403);
    expect((await referente.request('PUT', forecast('B.1.1:1', MID_YEAR), { reachable: 'forse', version: 2 })).status).toBe(400);
    const mid = await controller.get(`/api/plans/${planId}/periods/${MID_YEAR}/variances`);
    expect(mid.body.period.last).toBe(false);
    expect(mid.body.forecasts).toEqual([expect.objectContaining({ indicatorId: 'B.1.1:1', reachable: 'no', note: 'Bando rinviato al 2025.', updatedBy: 'referente' })]);
    expect((await t.server.store.variances.listForecasts(planId)).map((f) => [f.indicatorId, f.periodId, f.reachable])).toEqual([['B.1.1:1', MID_YEAR, 'no']]);

    await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'closed', acknowledgeUnreviewed: true });
    await oiv.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'validated' });
    const frozen = await controller.request('PUT', `/api/plans/${planId}/nodes/B.1/variances/${YEAR_END}`, { cause: 'external', explanation: 'ripensamento', version: 1 });
    expect(frozen.status).toBe(423);
    const report = await referente.get(`/api/plans/${planId}/periods/${YEAR_END}/variances`);
    expect(report.body.objectives.find((o: any) => o.code === 'B.1.1').editable).toBe(false);
  });
});
