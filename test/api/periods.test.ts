/**
 * A plan's own monitoring periods through HTTP, on SQLite and on PostgreSQL: the controller adds
 * a period at another date, renames it and deletes an empty open one; a date used twice, a day
 * that does not exist or lies outside the plan's year, and a period holding values are refused
 * with a body saying why; only the plan editors may do it; every change is in the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

/** An open period asked to become validated: the state's refusal, in both languages. */
const STATE_IT = "un periodo aperto non può diventare validato dall'OIV (può diventare in raccolta)";
const STATE_EN = 'a period that is open cannot become validated (it can become collecting)';

describe.each<Backend>(['sqlite', 'postgres'])('monitoring periods over HTTP on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  });
  afterAll(async () => t?.close());

  const periods = async (id = planId): Promise<string[]> => (await controller.get(`/api/plans/${id}/periods`)).body.map((p: any) => `${p.id} ${p.label} ${p.state}`);

  it('adds a period at another date, shows it in the tree, renames it, and audits both', async () => {
    const added = await controller.request('POST', `/api/plans/${planId}/periods`, { endsOn: '2024-04-30', label: 'Monitoraggio al 30/04/2024' });
    expect(added.status, added.text).toBe(201);
    expect(added.body).toMatchObject({ id: '2024-04-30', label: 'Monitoraggio al 30/04/2024', endsOn: '2024-04-30', state: 'open' });
    expect(await periods()).toEqual(['2024-04-30 Monitoraggio al 30/04/2024 open', '2024-06-30 30/06/2024 open', '2024-09-30 30/09/2024 open', '2024-12-31 31/12/2024 open']);
    const tree = await controller.get(`/api/plans/${planId}/tree?period=2024-04-30`);
    expect(tree.status).toBe(200);
    expect(tree.body.period).toMatchObject({ id: '2024-04-30', label: 'Monitoraggio al 30/04/2024' });
    expect(tree.body.periods.map((p: any) => p.id)).toContain('2024-04-30');
    // Without a label the period is called by its date.
    const plain = await controller.request('POST', `/api/plans/${planId}/periods`, { endsOn: '2024-03-31' });
    expect(plain.body).toMatchObject({ id: '2024-03-31', label: '31/03/2024' });

    const renamed = await controller.request('PATCH', `/api/plans/${planId}/periods/2024-04-30`, { label: 'Primo quadrimestre' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ id: '2024-04-30', label: 'Primo quadrimestre', endsOn: '2024-04-30' });
    const emptyLabel = await controller.request('PATCH', `/api/plans/${planId}/periods/2024-04-30`, { label: '  ' });
    expect(emptyLabel.status).toBe(400);
    expect(emptyLabel.body.error.issues[0].location).toEqual({ field: 'label' });
    expect((await controller.request('PATCH', `/api/plans/${planId}/periods/2024-05-31`, { label: 'x' })).status).toBe(404);

    const trail = (await controller.get(`/api/audit?planId=${planId}`)).body.filter((e: any) => e.entity === 'period' && e.entityId === '2024-04-30');
    expect(trail.map((e: any) => [e.action, e.user, e.before, e.after])).toEqual([
      ['update', 'controller', { label: 'Monitoraggio al 30/04/2024' }, { label: 'Primo quadrimestre' }],
      ['create', 'controller', null, { endsOn: '2024-04-30', label: 'Monitoraggio al 30/04/2024', state: 'open' }],
    ]);
  });

  it('refuses a date used twice (409) and a bad date (400, naming endsOn), storing nothing', async () => {
    const before = await periods();
    const twice = await controller.request('POST', `/api/plans/${planId}/periods`, { endsOn: '2024-06-30', label: 'di nuovo' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'duplicate', details: { field: 'endsOn', period: { id: '2024-06-30', label: '30/06/2024' } } });
    expect(twice.body.error.message).toContain('2024-06-30');
    for (const endsOn of ['2024-02-30', '2024-13-01', '30/04/2024', '2024-4-30', '2025-01-31', '2023-12-31', '', 20240430]) {
      const bad = await controller.request('POST', `/api/plans/${planId}/periods`, { endsOn, label: 'x' });
      expect(bad.status, String(endsOn)).toBe(400);
      expect(bad.body.error.code).toBe('invalid-body');
      expect(bad.body.error.issues.map((i: any) => i.location?.field)).toEqual(['endsOn']);
    }
    const noDate = await controller.request('POST', `/api/plans/${planId}/periods`, { label: 'x' });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.issues.map((i: any) => i.location?.field)).toEqual(['endsOn']);
    expect((await controller.request('POST', '/api/plans/no-such-plan/periods', { endsOn: '2024-04-30' })).status).toBe(404);
    expect(await periods()).toEqual(before);
  });

  it('deletes an empty open period; refuses one holding values or no longer open, with a body saying why', async () => {
    const value = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-03-31`, { state: 'not_achieved', version: 0 });
    expect(value.status, value.text).toBe(200);
    const holding = await controller.request('DELETE', `/api/plans/${planId}/periods/2024-03-31`);
    expect(holding.status).toBe(409);
    expect(holding.body.error).toMatchObject({ code: 'period-in-use', details: { reason: 'has-measurements', measurements: 1 } });
    expect(holding.body.error.message).toMatch(/holds 1 value/);
    // The year end holds the imported actuals.
    const yearEnd = await controller.request('DELETE', `/api/plans/${planId}/periods/2024-12-31`);
    expect(yearEnd.status).toBe(409);
    expect(yearEnd.body.error.details.reason).toBe('has-measurements');
    expect((await controller.request('POST', `/api/plans/${planId}/periods/2024-09-30/transition`, { to: 'collecting' })).status).toBe(200);
    const collecting = await controller.request('DELETE', `/api/plans/${planId}/periods/2024-09-30`);
    expect(collecting.status).toBe(409);
    expect(collecting.body.error).toMatchObject({ code: 'period-in-use', details: { reason: 'not-open', state: 'collecting' } });

    const deleted = await controller.request('DELETE', `/api/plans/${planId}/periods/2024-04-30`);
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.body).toMatchObject({ id: '2024-04-30', label: 'Primo quadrimestre' });
    expect((await controller.request('DELETE', `/api/plans/${planId}/periods/2024-04-30`)).status).toBe(404);
    expect(await periods()).toEqual(['2024-03-31 31/03/2024 open', '2024-06-30 30/06/2024 open', '2024-09-30 30/09/2024 collecting', '2024-12-31 31/12/2024 open']);
    expect((await controller.get(`/api/plans/${planId}/tree?period=2024-04-30`)).status).toBe(404);
    const entry = (await controller.get(`/api/audit?planId=${planId}`)).body.find((e: any) => e.entity === 'period' && e.action === 'delete');
    expect(entry).toMatchObject({ user: 'controller', entityId: '2024-04-30', before: { endsOn: '2024-04-30', label: 'Primo quadrimestre', state: 'open' }, after: null });
  });

  it('lets only the plan editors change periods (403 for referente and OIV, 401 for the public)', async () => {
    const before = await periods();
    for (const role of ['referente', 'oiv', 'public'] as const) {
      const client = await t.as(role);
      const expected = role === 'public' ? 401 : 403;
      expect((await client.request('POST', `/api/plans/${planId}/periods`, { endsOn: '2024-05-31', label: 'x' })).status, role).toBe(expected);
      expect((await client.request('PATCH', `/api/plans/${planId}/periods/2024-06-30`, { label: 'x' })).status, role).toBe(expected);
      expect((await client.request('DELETE', `/api/plans/${planId}/periods/2024-06-30`)).status, role).toBe(expected);
    }
    expect(await periods()).toEqual(before);
    const admin = await t.as('admin');
    expect((await admin.request('POST', `/api/plans/${planId}/periods`, { endsOn: '2024-05-31', label: 'Maggio' })).status).toBe(201);
    expect((await admin.request('DELETE', `/api/plans/${planId}/periods/2024-05-31`)).status).toBe(200);
  });

  it('creates a plan with its own periods, or with 30/06, 30/09 and 31/12 by default', async () => {
    const monthly = await controller.request('POST', '/api/plans', {
      title: 'Piano 2025',
      year: 2025,
      periods: [{ endsOn: '2025-03-31', label: 'Primo trimestre' }, { endsOn: '2025-12-31' }, { endsOn: '2025-06-30', label: 'Primo semestre' }],
    });
    expect(monthly.status, monthly.text).toBe(201);
    expect(await periods(monthly.body.id)).toEqual(['2025-03-31 Primo trimestre open', '2025-06-30 Primo semestre open', '2025-12-31 31/12/2025 open']);
    const usual = await controller.request('POST', '/api/plans', { title: 'Piano 2025 bis', year: 2025 });
    expect(await periods(usual.body.id)).toEqual(['2025-06-30 30/06/2025 open', '2025-09-30 30/09/2025 open', '2025-12-31 31/12/2025 open']);
    const plans = (await controller.get('/api/plans')).body.length;
    for (const [list, field] of [
      [[{ endsOn: '2025-03-31' }, { endsOn: '2024-12-31' }], 'periods.1.endsOn'],
      [[{ endsOn: '2025-03-31' }, { endsOn: '2025-03-31' }], 'periods.1.endsOn'],
      [[{ endsOn: '2025-02-29' }], 'periods.0.endsOn'],
      [[], 'periods'],
    ] as const) {
      const refused = await controller.request('POST', '/api/plans', { title: 'x', year: 2025, periods: list });
      expect(refused.status, JSON.stringify(list)).toBe(400);
      expect(refused.body.error.issues.map((i: any) => i.location?.field)).toEqual([field]);
    }
    expect((await controller.get('/api/plans')).body.length).toBe(plans);
  });

  it('says a move the state cannot make before the role, the role before the reason, and a reopening without its reason at its field', async () => {
    const path = `/api/plans/${planId}/periods/2024-12-31/transition`;
    const trail = async () => (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body;
    // The state first, whoever asks: the OIV, who validates closed periods, is told an open one cannot be validated, not about roles.
    for (const role of ['oiv', 'referente', 'controller'] as const) {
      const client = await t.as(role);
      const it = await client.request('POST', path, { to: 'validated' }, { 'accept-language': 'it' });
      expect([it.status, it.body.error.code, it.body.error.details], role).toEqual([409, 'invalid-transition', { from: 'open', to: 'validated' }]);
      expect(it.body.error.message, role).toBe(STATE_IT);
      const en = await client.request('POST', path, { to: 'validated' }, { 'accept-language': 'en' });
      expect(en.body.error.message, role).toBe(STATE_EN);
    }
    expect((await controller.request('POST', path, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('POST', path, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const before = [await periods(), await trail()];
    // A move the state allows and the role may not make is the role's refusal, reason or not.
    const oiv = await t.as('oiv');
    for (const body of [{ to: 'collecting' }, { to: 'collecting', reason: 'un dato da correggere' }]) {
      const refused = await oiv.request('POST', path, body);
      expect([refused.status, refused.body.error.code], JSON.stringify(body)).toEqual([403, 'forbidden']);
    }
    // The controller may reopen it: without its reason, or with blanks, the field is said at its place, in the reader's language.
    for (const reason of [undefined, '  ']) {
      const it = await controller.request('POST', path, { to: 'collecting', ...(reason === undefined ? {} : { reason }) }, { 'accept-language': 'it' });
      expect(it.status, it.text).toBe(422);
      expect(it.body.error).toMatchObject({ code: 'invalid', details: { field: 'reason' }, message: 'per riaprire un periodo chiuso serve un motivo' });
      expect(it.body.error.issues.map((i: any) => [i.location, i.message])).toEqual([[{ field: 'reason' }, 'per riaprire un periodo chiuso serve un motivo']]);
      const en = await controller.request('POST', path, { to: 'collecting', ...(reason === undefined ? {} : { reason }) }, { 'accept-language': 'en' });
      expect(en.status).toBe(422);
      expect(en.body.error.message).toBe('reopening a closed period needs a reason');
      expect(en.body.error.issues.map((i: any) => [i.location, i.message])).toEqual([[{ field: 'reason' }, 'reopening a closed period needs a reason']]);
    }
    expect([await periods(), await trail()]).toEqual(before);
    expect((await controller.request('POST', path, { to: 'collecting', reason: 'un dato da correggere' })).status).toBe(200);
  });

  it('documents the new routes in OpenAPI', async () => {
    const doc = (await controller.get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/plans/{planId}/periods'])).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/plans/{planId}/periods/{periodId}']).sort()).toEqual(['delete', 'patch']);
    expect(doc.paths['/api/plans/{planId}/periods'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('endsOn');
    expect(doc.paths['/api/plans'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('periods');
  });
});
