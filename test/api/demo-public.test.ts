/**
 * What the demo shows the public, through HTTP on a new SQLite file: the 30/09 monitoring closed,
 * with its results, and the year end collecting and published as the plan's targets without a
 * value (before, the year end's values were shown to the public labelled provisional). The
 * referente still enters a value in the year end straight away; the public does not read it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { DEMO_UNIT } from '../../src/server/seed.js';
import { FIXTURE } from '../helpers.js';
import { Client, enc } from './harness.js';

const PASSWORD = 'una password della demo';

/** The actuals and performances a tree carries. */
const valuesOf = (tree: any): unknown[] => tree.objectives.flatMap((o: any) => [o.performance, ...o.indicators.flatMap((i: any) => [i.actual, i.performance])]).filter((v: unknown) => v !== null);

describe('the demo, as the public reads it', () => {
  let dir: string;
  let server: RunningServer;
  let anyone: Client;
  let planId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'albero-demo-public-'));
    server = await startServer({ location: join(dir, 'demo.sqlite'), port: 0, host: '127.0.0.1', demoFixture: FIXTURE, demoPassword: PASSWORD });
    anyone = new Client(server.url);
    planId = (await anyone.get('/api/plans')).body[0].id;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the closed 30/09 with its results and the collecting year end with its targets only', async () => {
    const yearEnd = (await anyone.get(`/api/plans/${planId}/tree`)).body;
    expect(yearEnd.period).toMatchObject({ id: '2024-12-31', state: 'collecting' });
    expect(yearEnd.periods.map((p: any) => [p.id, p.state])).toEqual([
      ['2024-09-30', 'closed'],
      ['2024-12-31', 'collecting'],
    ]);
    expect(valuesOf(yearEnd)).toEqual([]);
    const monitoring = (await anyone.get(`/api/plans/${planId}/tree?period=2024-09-30`)).body;
    expect(monitoring.period.state).toBe('closed');
    expect(valuesOf(monitoring).length).toBeGreaterThan(50);
    expect((await anyone.get(`/trasparenza/${planId}/index.html`)).text).toContain('Risultati non ancora disponibili: il periodo è in corso');
  });

  it('lets the referente enter a year-end value, which the public does not read', async () => {
    const referente = new Client(server.url);
    expect((await referente.login('referente', PASSWORD)).status).toBe(200);
    const tree = (await referente.get(`/api/plans/${planId}/tree`)).body;
    const own = tree.objectives
      .filter((o: any) => o.unit === DEMO_UNIT)
      .flatMap((o: any) => o.indicators)
      .find((i: any) => i.editable && i.unit === 'percent' && i.formula === null);
    const saved = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc(own.id)}/measurements/2024-12-31`, { state: 'measured', actual: 71.5, version: own.version });
    expect(saved.status, saved.text).toBe(200);
    expect(valuesOf((await anyone.get(`/api/plans/${planId}/tree`)).body)).toEqual([]);
  });
});
