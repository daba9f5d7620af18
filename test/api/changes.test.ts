/**
 * GET /api/plans/:planId/changes over real HTTP: a plan against its revision (a target changed
 * through the API) and a period against another, on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, startTestServer, type Backend, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('changes between versions of a plan on %s', (backend) => {
  let t: TestServer;
  let plan: string;
  let revision: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    plan = await t.importFixture();
    revision = await t.importFixture();
  });
  afterAll(async () => t?.close());

  it('lists a revised target as a change to disclose, with the performances it moved', async () => {
    const controller = await t.as('controller');
    const id = 'A.2.1:2'; // Capacità di risposta dello sportello internazionalizzazione: target 60,00%, actual 50,00%
    const before = indicatorOf((await controller.get(`/api/plans/${revision}/tree`)).body, id);
    const patched = await controller.request('PATCH', `/api/plans/${revision}/indicators/${enc(id)}`, { target: 50, version: before.definitionVersion });
    expect(patched.status).toBe(200);

    const reply = await controller.get(`/api/plans/${revision}/changes?against=${plan}`);
    expect(reply.status).toBe(200);
    expect(reply.body.before).toEqual({ planId: plan, period: '2024-12-31' });
    expect(reply.body.after).toEqual({ planId: revision, period: '2024-12-31' });
    expect(reply.body.counts).toEqual({ structure: 0, plan: 1, measurement: 0, result: 3 });
    expect(reply.body.changes).toContainEqual(
      expect.objectContaining({ group: 'plan', kind: 'target', code: 'A.2.1', indicator: 'Capacità di risposta dello sportello internazionalizzazione', beforeText: '60.00%', afterText: '50.00%' }),
    );
    expect(reply.body.changes.filter((c: any) => c.kind === 'performance').map((c: any) => [c.code, c.before, c.after])).toEqual([
      ['A', 90.38, 91.25],
      ['A.2', 93, 100],
      ['A.2.1', 80, 100],
    ]);
    // Each change by code and raw parameters, and its words in the reader's language (issue 14).
    const said = {
      messageCode: 'diff-target',
      params: { objective: 'A.2.1', indicator: 'Capacità di risposta dello sportello internazionalizzazione', before: '60', beforeUnit: 'percent', after: '50', afterUnit: 'percent' },
    };
    const italian = await controller.request('GET', `/api/plans/${revision}/changes?against=${plan}&lang=it`);
    expect(italian.body.changes.find((c: any) => c.kind === 'target')).toEqual({
      group: 'plan',
      kind: 'target',
      code: 'A.2.1',
      indicator: 'Capacità di risposta dello sportello internazionalizzazione',
      before: '60,00%',
      after: '50,00%',
      beforeText: '60,00%',
      afterText: '50,00%',
      ...said,
      message: 'A.2.1 «Capacità di risposta dello sportello internazionalizzazione» — target: 60,00% → 50,00%',
      line: null,
      side: null,
    });
    const english = await controller.request('GET', `/api/plans/${revision}/changes?against=${plan}`, undefined, { 'accept-language': 'en' });
    expect(english.body.changes.find((c: any) => c.kind === 'target')).toMatchObject({
      ...said,
      message: 'A.2.1 “Capacità di risposta dello sportello internazionalizzazione” — target: 60.00% → 50.00%',
    });
    const performance = (reply: typeof english): unknown => reply.body.changes.find((c: any) => c.kind === 'performance' && c.code === 'A');
    expect(performance(italian)).toMatchObject({
      messageCode: 'diff-performance',
      params: { objective: 'A', indicator: null, before: '90.38', beforeBand: 'green', after: '91.25', afterBand: 'green' },
      beforeText: '90,38% (verde)',
      afterText: '91,25% (verde)',
      message: 'A — performance dell’obiettivo: 90,38% (verde) → 91,25% (verde)',
    });
    expect(performance(english)).toMatchObject({ beforeText: '90.38% (green)', afterText: '91.25% (green)', message: 'A — objective performance: 90.38% (green) → 91.25% (green)' });
    // The other way round, the same change reversed.
    const back = await controller.get(`/api/plans/${plan}/changes?against=${revision}`);
    expect(back.body.changes.find((c: any) => c.kind === 'target')).toMatchObject({ beforeText: '50.00%', afterText: '60.00%' });
  });

  it('compares two periods of one plan: a value entered at 30/06 and changed by the year end', async () => {
    const referente = await t.as('referente');
    const put = await referente.request('PUT', `/api/plans/${plan}/indicators/${enc('B.1.1:5')}/measurements/2024-06-30`, { state: 'measured', actual: '0,4', version: 0 });
    expect(put.status).toBe(200);
    const reply = await referente.request('GET', `/api/plans/${plan}/changes?againstPeriod=2024-06-30`, undefined, { 'accept-language': 'it' });
    expect(reply.status).toBe(200);
    expect(reply.body.before).toEqual({ planId: plan, period: '2024-06-30' });
    expect(reply.body.counts.plan).toBe(0);
    expect(reply.body.counts.measurement).toBeGreaterThan(0);
    expect(reply.body.changes).toContainEqual(expect.objectContaining({ kind: 'measurement', code: 'B.1.1', beforeText: '0,40%', afterText: '0,69%' }));
    // In English, the same change with English decimals.
    const english = await referente.request('GET', `/api/plans/${plan}/changes?againstPeriod=2024-06-30`, undefined, { 'accept-language': 'en' });
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.body.changes).toContainEqual(expect.objectContaining({ kind: 'measurement', code: 'B.1.1', beforeText: '0.40%', afterText: '0.69%' }));
    // Said from the same code and parameters in each language.
    const actual = (r: typeof reply): any => r.body.changes.find((c: any) => c.kind === 'measurement' && c.code === 'B.1.1' && c.params.beforeActual === '0.4');
    expect(actual(reply).params).toEqual(actual(english).params);
    expect(actual(reply).params).toMatchObject({ objective: 'B.1.1', before: 'measured', beforeActual: '0.4', beforeUnit: 'percent', after: 'measured', afterActual: '0.69', afterUnit: 'percent' });
    expect(actual(reply).message).toBe(`B.1.1 «${actual(reply).indicator}» — consuntivo: 0,40% → 0,69%`);
    expect(actual(english).message).toBe(`B.1.1 “${actual(reply).indicator}” — actual: 0.40% → 0.69%`);
  });

  it('after a reopening, shows what changed since the period was closed', async () => {
    const controller = await t.as('controller');
    const referente = await t.as('referente');
    const path = `/api/plans/${plan}/periods/2024-12-31/transition`;
    const never = await controller.get(`/api/plans/${plan}/changes?againstClosing=true`);
    expect([never.status, never.body.error.code, never.body.error.message]).toEqual([404, 'not-found', 'the period 2024-12-31 has never been closed']);
    const neverIt = await controller.request('GET', `/api/plans/${plan}/changes?againstClosing=true`, undefined, { 'accept-language': 'it' });
    expect([neverIt.status, neverIt.body.error.message]).toEqual([404, 'il periodo 2024-12-31 non è mai stato chiuso']);
    expect((await controller.request('POST', path, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('POST', path, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const unchanged = await referente.get(`/api/plans/${plan}/changes?againstClosing=true`);
    expect(unchanged.body.changes).toEqual([]);
    expect(unchanged.body.before).toMatchObject({ planId: plan, period: '2024-12-31', closing: { seq: 1, closedBy: 'controller' } });

    expect((await controller.request('POST', path, { to: 'collecting', reason: 'dato di B.1.1 da correggere' })).status).toBe(200);
    const current = (await referente.get(`/api/plans/${plan}/tree`)).body;
    const put = await referente.request('PUT', `/api/plans/${plan}/indicators/${enc('B.1.1:5')}/measurements/2024-12-31`, {
      state: 'measured',
      actual: '1,2',
      version: indicatorOf(current, 'B.1.1:5').version,
    });
    expect(put.status).toBe(200);
    const reply = await referente.request('GET', `/api/plans/${plan}/changes?againstClosing=true`, undefined, { 'accept-language': 'it' });
    expect(reply.status).toBe(200);
    expect(reply.body.counts).toMatchObject({ structure: 0, plan: 0, measurement: 1 });
    expect(reply.body.changes).toContainEqual(expect.objectContaining({ kind: 'measurement', code: 'B.1.1', beforeText: '0,69%', afterText: '1,20%' }));
    expect(reply.body.changes.filter((c: any) => c.kind === 'performance').map((c: any) => c.code)).toEqual(expect.arrayContaining(['B.1.1', 'B.1']));
    const maybe = await referente.get(`/api/plans/${plan}/changes?againstClosing=maybe`);
    expect([maybe.status, maybe.body.error.code, maybe.body.error.message]).toEqual([400, 'invalid-query', 'againstClosing must be one of true, false, not “maybe”']);
    expect(maybe.body.error.issues).toEqual([expect.objectContaining({ code: 'invalid-query', location: { field: 'againstClosing' } })]);
    const maybeIt = await referente.request('GET', `/api/plans/${plan}/changes?againstClosing=maybe`, undefined, { 'accept-language': 'it' });
    expect([maybeIt.status, maybeIt.body.error.message]).toEqual([400, 'againstClosing deve essere uno tra true, false, non «maybe»']);
    expect(maybeIt.body.error.issues[0].message).toBe('againstClosing deve essere uno tra true, false');
  });

  it("after a reopening that corrected only a value's source and evidence, lists them with the closing's", async () => {
    const controller = await t.as('controller');
    const referente = await t.as('referente');
    const path = `/api/plans/${plan}/periods/2024-12-31/transition`;
    const value = `/api/plans/${plan}/indicators/${enc('B.1.1:2')}/measurements/2024-12-31`;
    const version = async (): Promise<number> => indicatorOf((await referente.get(`/api/plans/${plan}/tree`)).body, 'B.1.1:2').version;
    // Taking values, whether or not the test above reopened the period.
    if ((await referente.get(`/api/plans/${plan}/tree`)).body.period.state === 'open') expect((await controller.request('POST', path, { to: 'collecting' })).status).toBe(200);
    const first = await referente.request('PUT', value, { state: 'measured', actual: 17, source: 'Registro eventi', evidence: 'Fogli firma', version: await version() });
    expect(first.status, first.text).toBe(200);
    expect((await controller.request('POST', path, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await controller.request('POST', path, { to: 'collecting', reason: 'fonte di B.1.1 da correggere' })).status).toBe(200);
    // The same actual, another source and evidence.
    const put = await referente.request('PUT', value, { state: 'measured', actual: 17, source: 'Gestionale eventi', evidence: null, version: await version() });
    expect(put.status, put.text).toBe(200);
    const reply = await referente.request('GET', `/api/plans/${plan}/changes?againstClosing=true`, undefined, { 'accept-language': 'it' });
    expect(reply.status, reply.text).toBe(200);
    const records = reply.body.changes.filter((c: any) => c.indicator === first.body.indicator.name);
    expect(records.map((c: any) => [c.group, c.kind, c.beforeText, c.afterText])).toEqual([
      ['measurement', 'source', 'Registro eventi', 'Gestionale eventi'],
      ['measurement', 'evidence', 'Fogli firma', '—'],
    ]);
    expect(records[0].message).toBe(`B.1.1 «${first.body.indicator.name}» — fonte del dato: Registro eventi → Gestionale eventi`);
    expect(reply.body.counts.measurement).toBeGreaterThanOrEqual(2);
    const english = await referente.get(`/api/plans/${plan}/changes?againstClosing=true`);
    expect(english.body.changes.find((c: any) => c.kind === 'evidence').message).toBe(`B.1.1 “${first.body.indicator.name}” — evidence: Fogli firma → —`);
  });

  it('refuses to compare a plan with itself (400), an unknown plan or period (404), an unpublished plan to the public (404)', async () => {
    const controller = await t.as('controller');
    const same = await controller.get(`/api/plans/${plan}/changes`);
    expect([same.status, same.body.error.message]).toEqual([400, 'against: say what to compare with: against (another plan), againstPeriod (another period of this plan) or againstClosing=true']);
    expect(same.body.error.issues[0].location).toEqual({ field: 'against' });
    const sameIt = await controller.request('GET', `/api/plans/${plan}/changes`, undefined, { 'accept-language': 'it' });
    expect([sameIt.status, sameIt.body.error.message]).toEqual([
      400,
      'against: indicare con cosa confrontare: against (un altro piano), againstPeriod (un altro periodo di questo piano) o againstClosing=true',
    ]);
    expect((await controller.get(`/api/plans/${plan}/changes?against=nope`)).status).toBe(404);
    expect((await controller.get(`/api/plans/${plan}/changes?againstPeriod=1999-01-01`)).status).toBe(404);
    const reader = await t.as('public');
    expect((await reader.get(`/api/plans/${plan}/changes?against=${revision}`)).status).toBe(404);
  });
});
