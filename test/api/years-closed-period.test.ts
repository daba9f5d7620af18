/**
 * A year whose year end still takes values is read, year over year, at its latest closed period:
 * 2025's 30/06 closed (A.3's "Soggetti coinvolti" 8 against a target of 10) and its 31/12 open with a
 * provisional 12: the years say 8 and 0% at 30/06/2025 (`period.yearEnd` false), not the year end's
 * provisional figures nor «—»; once the year end is closed, its figures. A year with nothing closed
 * stays at its year end. Over HTTP, on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const SOGGETTI = 'A.3:1';

const rows = (doc: any): unknown[] => doc.years.map((y: any) => [y.year, y.period.id, y.period.label, y.period.yearEnd, y.actualText, y.performance]);

describe.each<Backend>(['sqlite', 'postgres'])('a year read at its latest closed period, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => ({ t, planId, controller } = await startWithFixture(backend, { publish: true })));
  afterAll(async () => t?.close());

  it('says the 30/06 figures while the year end is open, the year end’s once closed', async () => {
    const next = (await controller.request('POST', `/api/plans/${planId}/next-year`, { year: 2025 })).body.id as string;
    const value = (period: string, actual: number, version: number) =>
      controller.request('PUT', `/api/plans/${next}/indicators/${enc(SOGGETTI)}/measurements/${period}`, { state: 'measured', actual, version });
    const years = `/api/plans/${planId}/indicators/${enc(SOGGETTI)}/years`;

    // Nothing of 2025 closed: its year end, as before.
    expect((await value('2025-12-31', 12, 0)).status).toBe(200);
    expect(rows((await controller.get(years)).body)).toEqual([
      [2024, '2024-12-31', '31/12/2024', true, '206', 100],
      [2025, '2025-12-31', '31/12/2025', true, '12', 100],
    ]);

    expect((await value('2025-06-30', 8, 0)).status).toBe(200);
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${next}/periods/2025-06-30/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    const midYear = [2025, '2025-06-30', '30/06/2025', false, '8', 0];
    expect(rows((await controller.get(years)).body)).toEqual([[2024, '2024-12-31', '31/12/2024', true, '206', 100], midYear]);
    // The objective's years too, and from the 2025 plan.
    const objective = (await controller.get(`/api/plans/${next}/nodes/A.3/years`)).body.years.map((y: any) => [y.year, y.period.id, y.period.yearEnd, y.performance]);
    expect(objective).toEqual([
      [2024, '2024-12-31', true, 100],
      [2025, '2025-06-30', false, 0],
    ]);
    // The public, once 2025 is published, reads the closed 30/06 too.
    expect((await controller.request('PATCH', `/api/plans/${next}`, { published: true })).status).toBe(200);
    const pub = (await (await t.as('public')).get(`/api/plans/${next}/indicators/${enc(SOGGETTI)}/years`)).body;
    expect(pub.years.map((y: any) => [y.year, y.period.id, y.actualText])).toEqual([[2025, '2025-06-30', '8']]);

    // The year end closed: its own figures.
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${next}/periods/2025-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect(rows((await controller.get(years)).body)[1]).toEqual([2025, '2025-12-31', '31/12/2025', true, '12', 100]);
  });
});
