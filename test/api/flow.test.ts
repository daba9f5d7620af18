/**
 * The cycle through real HTTP, on SQLite and on PostgreSQL: import the fixture, read the computed
 * tree, a referente enters a value and the objective and its parents move, the audit trail has
 * it, the controller closes the period and writes are refused, the OIV validates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, objective, startTestServer, type Backend, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('the performance cycle over HTTP on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture();
  });
  afterAll(async () => t?.close());

  it('serves the computed tree of the imported fixture with the published figures', async () => {
    const referente = await t.as('referente');
    const reply = await referente.get(`/api/plans/${planId}/tree`);
    expect(reply.status).toBe(200);
    const tree = reply.body;
    expect(tree.planId).toBe(planId);
    expect(tree.period).toMatchObject({ id: '2024-12-31', label: '31/12/2024', endsOn: '2024-12-31', state: 'open' });
    expect(tree.periods.map((p: any) => p.id)).toEqual(['2024-06-30', '2024-09-30', '2024-12-31']);
    expect(objective(tree, 'A.2')).toMatchObject({ performance: 93, band: 'green' });
    expect(objective(tree, 'A.2.1')).toMatchObject({ performance: 80, band: 'yellow' });
    expect(objective(tree, 'B.1')).toMatchObject({ performance: 56, band: 'red' });
    expect(objective(tree, 'A.6').performance).toBeNull();
    expect(objective(tree, 'B.1.1')).toMatchObject({ unit: 'Ufficio Digitale', owner: null });
    // Editable: the referente's own unit only, never a derived indicator.
    expect(indicatorOf(tree, 'B.1.1:5')).toMatchObject({ editable: true, version: 1, actual: 0.69, performance: 0 });
    expect(indicatorOf(tree, 'B.2.1:1').editable).toBe(false);
    expect(indicatorOf(tree, 'B.1:1')).toMatchObject({ derived: true, editable: false });

    const branch = await referente.get(`/api/plans/${planId}/tree?under=A.2`);
    expect(branch.body.objectives.map((o: any) => o.code)).toEqual(['A.2', 'A.2.1', 'A.2.2']);
    expect(branch.body.summary).toEqual(tree.summary);
    expect((await referente.get(`/api/plans/${planId}/tree?under=Q.9`)).status).toBe(404);
    const gzipped = await fetch(`${t.url}/api/plans/${planId}/tree`, { headers: { 'accept-encoding': 'gzip', cookie: referente.cookie! } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.json()).toEqual(tree);
    const etag = gzipped.headers.get('etag')!;
    const unchanged = await fetch(`${t.url}/api/plans/${planId}/tree`, { headers: { 'if-none-match': etag, cookie: referente.cookie! } });
    expect(unchanged.status).toBe(304);

    const explanation = await referente.get(`/api/plans/${planId}/nodes/A.2/explanation`);
    expect(explanation.status).toBe(200);
    expect(explanation.body).toMatchObject({ code: 'A.2', performance: 93 });
    expect(explanation.body.contributions.map((c: any) => [c.weight, c.score])).toEqual([
      [30, 100],
      [70, 90],
    ]);
  });

  it('lets the referente enter a value; the objective and its parent change and the audit trail has it', async () => {
    const referente = await t.as('referente');
    const put = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:5')}/measurements/2024-12-31`, {
      state: 'measured',
      actual: '1,2',
      evidence: 'registro presenze PID',
      source: 'PID',
      version: 1,
    });
    expect(put.status).toBe(200);
    expect(put.body.indicator).toMatchObject({ id: 'B.1.1:5', actual: 1.2, performance: 100, version: 2, evidence: 'registro presenze PID', source: 'PID' });
    expect(objective(put.body.changes, 'B.1.1').performance).toBe(100);
    // B.1 = 70% × B.1.1 (now 100) + 30% × 0 = 70.
    expect(objective(put.body.changes, 'B.1').performance).toBe(70);
    const tree = (await referente.get(`/api/plans/${planId}/tree`)).body;
    expect(objective(tree, 'B.1')).toMatchObject({ performance: 70, band: 'yellow' });
    expect(objective(tree, 'A.2').performance).toBe(93);

    const forbidden = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc('B.2.1:1')}/measurements/2024-12-31`, { state: 'not_achieved', version: 1 });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');

    const audit = await referente.get(`/api/audit?planId=${planId}&indicator=${enc('B.1.1:5')}`);
    expect(audit.status).toBe(200);
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ user: 'referente', action: 'measure', entity: 'measurement', entityId: 'B.1.1:5@2024-12-31' });
    expect(audit.body[0].before).toMatchObject({ actual: { kind: 'number', value: '0.69' }, version: 1 });
    expect(audit.body[0].after).toMatchObject({ actual: { kind: 'number', value: '1.2' }, version: 2, evidence: 'registro presenze PID' });
    expect((await referente.get(`/api/audit?planId=${planId}&node=B.1.1`)).body.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a stale version with 409 and the stored value, overwriting nothing', async () => {
    const controller = await t.as('controller');
    const stale = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:5')}/measurements/2024-12-31`, { state: 'not_achieved', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.details.current).toMatchObject({ state: 'measured', actual: { kind: 'number', value: '1.2' }, version: 2, enteredBy: 'referente' });
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(indicatorOf(tree, 'B.1.1:5')).toMatchObject({ state: 'measured', actual: 1.2, version: 2 });
  });

  it('locks the period when the controller closes it (423), records the OIV validation, and only the administrator reopens it, with a reason', async () => {
    const controller = await t.as('controller');
    const oiv = await t.as('oiv');
    const referente = await t.as('referente');
    const path = `/api/plans/${planId}/periods/2024-12-31/transition`;
    expect((await oiv.request('POST', path, { to: 'collecting' })).status).toBe(403);
    expect((await controller.request('POST', path, { to: 'collecting' })).body.state).toBe('collecting');
    expect((await controller.request('POST', path, { to: 'closed', acknowledgeUnreviewed: true })).body.state).toBe('closed');

    const refused = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:4')}/measurements/2024-12-31`, { state: 'measured', actual: 20, version: 1 });
    expect(refused.status).toBe(423);
    expect(refused.body.error.code).toBe('period-locked');
    expect(refused.body.error.message).toMatch(/31\/12\/2024 is closed/);
    const tree = (await referente.get(`/api/plans/${planId}/tree`)).body;
    expect(indicatorOf(tree, 'B.1.1:4')).toMatchObject({ actual: 12, version: 1, editable: false });

    expect((await controller.request('POST', path, { to: 'validated' })).status).toBe(403);
    const validated = await oiv.request('POST', path, { to: 'validated' });
    expect(validated.status).toBe(200);
    expect(validated.body.state).toBe('validated');
    expect((await oiv.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:4')}/measurements/2024-12-31`, { state: 'measured', actual: 20, version: 1 })).status).toBe(403);

    // A validated period is reopened by the administrator alone, with a reason (the validation is void).
    expect((await controller.request('POST', path, { to: 'collecting', reason: 'correzione' })).status).toBe(403);
    const admin = await t.as('admin');
    const noReason = await admin.request('POST', path, { to: 'collecting' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toMatchObject({ code: 'invalid', details: { field: 'reason' } });
    const reopened = await admin.request('POST', path, { to: 'collecting', reason: 'correzione del dato B.1.1 segnalata dall’OIV' });
    expect(reopened.status).toBe(200);

    const trail = (await oiv.get(`/api/audit?planId=${planId}`)).body.filter((a: any) => a.entity === 'period');
    expect(trail.map((a: any) => [a.action, a.user, a.after.state, a.reason])).toEqual([
      ['void-validation', 'admin', 'collecting', 'correzione del dato B.1.1 segnalata dall’OIV'],
      ['validate', 'oiv', 'validated', null],
      ['transition', 'controller', 'closed', null],
      ['transition', 'controller', 'collecting', null],
    ]);
    const periods = (await oiv.get(`/api/plans/${planId}/periods`)).body;
    expect(periods.find((p: any) => p.id === '2024-12-31').state).toBe('collecting');
  });

  it('edits the tree as the controller, and the engine follows', async () => {
    const controller = await t.as('controller');
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const ind = indicatorOf(tree, 'A.2.1:1');
    const patched = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc('A.2.1:1')}`, { weight: 25, version: ind.definitionVersion });
    expect(patched.status).toBe(200);
    const stale = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc('A.2.1:1')}`, { weight: 50, version: ind.definitionVersion });
    expect(stale.status).toBe(409);
    const added = await controller.request('POST', `/api/plans/${planId}/nodes`, { code: 'Z', title: 'Nuova area', parent: null });
    expect(added.status).toBe(201);
    const child = await controller.request('POST', `/api/plans/${planId}/nodes`, { code: 'Z.1', title: 'Nuovo obiettivo', parent: 'Z', weight: 100 });
    expect(child.status).toBe(201);
    const indicator = await controller.request('POST', `/api/plans/${planId}/nodes/Z.1/indicators`, {
      name: 'Pratiche evase',
      weight: 100,
      comparator: '>=',
      target: 10,
      unit: 'number',
      scoring: { kind: 'proportional' },
    });
    expect(indicator.body).toEqual({ id: 'Z.1:1', version: 1 });
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('Z.1:1')}/measurements/2024-12-31?tree=false`, { state: 'measured', actual: 7.5, version: 0 });
    expect(put.status).toBe(200);
    expect(put.body.tree).toBeUndefined();
    expect(put.body.indicator.performance).toBe(75);
    const after = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(objective(after, 'Z.1').performance).toBe(75);
    expect((await controller.request('DELETE', `/api/plans/${planId}/nodes/Z`)).status).toBe(409);

    // A ratio indicator: its actual is computed from the base measures entered.
    const ratio = await controller.request('POST', `/api/plans/${planId}/nodes/Z.1/indicators`, {
      name: 'Pratiche evase nei termini',
      weight: 100,
      comparator: '>=',
      target: 50,
      unit: 'percent',
      scoring: { kind: 'proportional' },
      formula: { kind: 'ratio', numerator: 'nei termini', denominator: 'totali', scale: 100 },
    });
    expect(ratio.status).toBe(201);
    const withoutInputs = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(ratio.body.id)}/measurements/2024-12-31`, { state: 'measured', version: 0 });
    expect(withoutInputs.status).toBe(400);
    const measured = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(ratio.body.id)}/measurements/2024-12-31?tree=false`, {
      state: 'measured',
      inputs: { 'nei termini': 1, totali: '4' },
      version: 0,
    });
    expect(measured.status).toBe(200);
    expect(measured.body.indicator).toMatchObject({ actual: 25, performance: 50, derived: true });
    expect(measured.body.measurement.inputs).toEqual({ 'nei termini': '1', totali: '4' });
    expect(measured.body.indicator.editable).toBe(true);
    // The tree tells a form which base measures to ask for, and what was entered.
    expect(measured.body.indicator).toMatchObject({ formula: { kind: 'ratio', numerator: 'nei termini', denominator: 'totali', scale: 100 }, inputs: { 'nei termini': '1', totali: '4' } });
    const withRatio = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(indicatorOf(withRatio, ratio.body.id)).toMatchObject({
      formula: { kind: 'ratio', numerator: 'nei termini', denominator: 'totali', scale: 100 },
      inputs: { 'nei termini': '1', totali: '4' },
    });
    expect(indicatorOf(withRatio, 'Z.1:1')).toMatchObject({ formula: null, inputs: null });
    expect(indicatorOf(withRatio, 'B.1:1').formula).toEqual({ kind: 'children_mean' });

    // The tree tells each indicator's own rule with its details, as tree editing takes them back.
    expect(indicatorOf(withRatio, 'Z.1:1').rule).toEqual({ kind: 'proportional' });
    const threshold = await controller.request('POST', `/api/plans/${planId}/nodes/Z.1/indicators`, {
      name: 'Soglia',
      weight: 100,
      comparator: '>=',
      target: 10,
      unit: 'number',
      scoring: { kind: 'threshold', floor: '2,5' },
    });
    expect(threshold.status).toBe(201);
    const bands = await controller.request('POST', `/api/plans/${planId}/nodes/Z.1/indicators`, {
      name: 'Fasce',
      weight: 100,
      comparator: '<=',
      target: '2024-09-30',
      unit: 'date',
      scoring: {
        kind: 'bands',
        mode: 'fixed',
        points: [
          { at: '31/12/2024', score: 0 },
          { at: '2024-10-31', score: '50,5' },
          { at: '2024-09-30', score: 100 },
        ],
      },
    });
    expect(bands.status).toBe(201);
    const withRules = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(indicatorOf(withRules, threshold.body.id).rule).toEqual({ kind: 'threshold', floor: 2.5 });
    const bandsRule = {
      kind: 'bands',
      mode: 'fixed',
      points: [
        { at: '2024-12-31', score: 0 },
        { at: '2024-10-31', score: 50.5 },
        { at: '2024-09-30', score: 100 },
      ],
    };
    expect(indicatorOf(withRules, bands.body.id).rule).toEqual(bandsRule);
    // Sent back as it came, the rule is the same.
    const definition = indicatorOf(withRules, bands.body.id).definitionVersion;
    expect((await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(bands.body.id)}`, { scoring: bandsRule, version: definition })).status).toBe(200);
    expect(indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, bands.body.id).rule).toEqual(bandsRule);
  });
});
