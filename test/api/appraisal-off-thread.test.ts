/**
 * What individual performance derives from a big plan (the SMVP's own ranges of its rows, the
 * organisational results of the appraisal forms, with the OIV's validated values too) is made on a
 * worker thread while the server has not made the plan's Evaluation object (issue 13): the same
 * answers as in place, and other requests answered meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPlan } from '../../bench/synthetic.js';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { hashPassword } from '../../src/server/auth.js';
import { SYSTEM } from '../../src/store/index.js';
import { PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';
import { healthAnsweredDuring, serverPair } from './off-thread-probe.js';

describe.each<Backend>(['sqlite', 'postgres'])('own ranges and appraisal results of a plan evaluated on a worker on %s', (backend) => {
  const servers = serverPair(backend);

  /** On one server: the fixture, an SMVP with its own range for B.1.1's first row, a form taking the unit of B.1.1; the row's range, the form and its listed score. */
  async function run(t: TestServer): Promise<{ ownRange: unknown; result: any; listed: any; validated: any }> {
    const planId = await t.importFixture();
    const controller = await t.as('controller');
    const hr = await t.as('personale');
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const row = tree.objectives.find((o: any) => o.code === 'B.1.1').indicators[0];
    const saved = await hr.request('PUT', '/api/smvp/2024', { document: { ...exampleSmvpJson('Ente', 2024), indicatorThresholds: [{ code: 'B.1.1', indicator: row.name, green: 100, yellow: 85 }] } });
    expect(saved.status, saved.text).toBe(200);
    const banded = (await controller.get(`/api/plans/${planId}/tree`)).body.objectives.find((o: any) => o.code === 'B.1.1').indicators[0];
    const hash = await hashPassword(PASSWORD);
    const people: string[] = [];
    for (const username of ['valutata', 'valutatore']) {
      const u = await t.server.store.createUser({ username, displayName: username, role: 'referente', units: [REFERENTE_UNIT], passwordHash: hash }, SYSTEM);
      if (!u.ok) throw new Error(u.error.message);
      people.push(u.value.id);
    }
    const unitId = (await t.server.store.listUnits()).find((u) => u.name === REFERENTE_UNIT)!.id;
    const created = await hr.request('POST', '/api/appraisals', {
      year: 2024,
      personId: people[0],
      evaluatorId: people[1],
      category: 'eq',
      planId,
      assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 }],
    });
    expect(created.status, created.text).toBe(201);
    const listed = (await hr.get('/api/appraisals?year=2024')).body.find((f: any) => f.id === created.body.id);
    // The Relazione validated with the OIV's own value for B.1.1: the forms' figures are evaluated again, forced.
    const oiv = await t.as('oiv');
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const relazione = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const review = {
      note: '',
      reservations: '',
      checklist: relazione.checklist.map((p: any) => ({ ...p, outcome: 'yes' })),
      values: [{ code: 'B.1.1', validated: 40, note: 'x' }],
      version: relazione.version,
    };
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, review)).status).toBe(200);
    expect((await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' })).status).toBe(200);
    const validated = (await hr.get(`/api/appraisals/${created.body.id}`)).body.result;
    return { ownRange: banded.ownRange, result: created.body.result, listed: { score: listed.score, band: listed.band }, validated };
  }

  it('bands the rows and scores the forms as an evaluation in place does', async () => {
    const here = await run(servers.inPlace);
    const there = await run(servers.offThread);
    expect(here.ownRange).toMatchObject({ green: 100, yellow: 85, band: 'yellow' });
    expect(there.ownRange).toEqual(here.ownRange);
    expect(here.result.components.find((c: any) => c.kind === 'unit').score).toBe(80);
    expect(there.result.components).toEqual(here.result.components);
    expect(there.result.score).toBe(here.result.score);
    // A form not yet evaluated: no band, in the list as in the form.
    expect(there.listed).toEqual({ score: here.result.score, band: null });
    expect(here.result.band).toBeNull();
    expect(here.listed).toEqual(there.listed);
    expect(here.validated.components.find((c: any) => c.kind === 'unit').score).toBe(40);
    expect(there.validated.components).toEqual(here.validated.components);
    expect(there.validated.org).toMatchObject({ source: { kind: 'validated' } });
    // The unit's objectives too, the OIV's value beside the reported one (the worker evaluates the plan both ways).
    expect(there.validated.units.map((u: any) => u.objectives)).toEqual(here.validated.units.map((u: any) => u.objectives));
    expect(here.validated.units[0].objectives).toEqual([expect.objectContaining({ code: 'B.1.1', score: 40, validated: true, reported: 80 })]);
  }, 60_000);
});

describe('a big plan with rows of their own range', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(async () => t?.close());

  it('answers /api/health while its 20,000 rows are banded by the SMVP on a worker', async () => {
    const plan = syntheticPlan(20_000, 3);
    const imported = await t.server.store.importPlan({ table: { plan, stated: [] }, year: 2024, title: 'Grande' }, SYSTEM);
    if (!imported.ok) throw new Error(imported.error.message);
    const node = plan.nodes.find((n) => n.indicators.length > 0)!;
    await t.server.store.appraisals.saveSmvp(
      'Ente',
      2024,
      { ...exampleSmvpJson('Ente', 2024), indicatorThresholds: [{ code: node.code, indicator: node.indicators[0]!.name, green: 90, yellow: 70 }] },
      null,
      SYSTEM,
    );
    const controller = await t.as('controller');
    // Once the rows are being banded on a worker (after the plan's document, made on one too), other
    // requests are answered meanwhile: in place, the whole evaluation would run first.
    const tree = await healthAnsweredDuring(t, controller.get(`/api/plans/${imported.value.id}/tree`), () => t.server.offThread.running().includes('threshold-bands'));
    expect(tree.status).toBe(200);
    const row = tree.body.objectives.find((o: any) => o.code === node.code).indicators.find((i: any) => i.name === node.indicators[0]!.name);
    expect(row.ownRange).toMatchObject({ green: 90, yellow: 70 });
  }, 120_000);
});
