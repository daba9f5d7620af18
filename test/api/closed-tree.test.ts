/**
 * A closed period's tree is kept by its closing, over real HTTP on SQLite and PostgreSQL: values
 * entered in an open period move the plan's data version, yet the closed year end is served the
 * very answer it was (same ETag, 304 on revalidation, byte for byte the same text, still at the
 * data version it was made at); reopening it and changing a value gives a fresh tree once closed
 * again, with the new figure, the new closing and a new ETag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const OPEN = '2024-09-30';
const SOGGETTI = 'A.3:1'; // A.3 "Soggetti coinvolti": actual 206 at the 2024 year end

describe.each<Backend>(['sqlite', 'postgres'])('a closed period cached by its closing on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let planId: string;

  const tree = (period: string, headers: Record<string, string> = {}) => controller.request('GET', `/api/plans/${planId}/tree?period=${period}`, undefined, headers);

  async function enter(period: string, indicator: string, actual: number): Promise<void> {
    const current = indicatorOf((await tree(period)).body, indicator);
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${period}?tree=false`, { state: 'measured', actual, version: current.version });
    expect(put.status, put.text).toBe(200);
  }

  async function move(to: string, reason?: string): Promise<void> {
    const moved = await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, reason === undefined ? { to, acknowledgeUnreviewed: true } : { to, reason });
    expect(moved.status, moved.text).toBe(200);
  }

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  });
  afterAll(async () => t?.close());

  it('serves the closed year end unchanged after values are entered in an open period', async () => {
    await move('collecting');
    await move('closed');
    const first = await tree(YEAR_END);
    expect(first.status).toBe(200);
    expect(first.body.closing).toMatchObject({ seq: 1 });
    expect(indicatorOf(first.body, SOGGETTI).actual).toBe(206);
    const etag = first.headers.get('etag')!;
    const before = (await tree(OPEN)).body.dataVersion;

    for (const actual of [11, 12, 13]) await enter(OPEN, SOGGETTI, actual);
    // The open period is read live: the new value is there, at the plan's new data version.
    const open = (await tree(OPEN)).body;
    expect(indicatorOf(open, SOGGETTI).actual).toBe(13);
    expect(open.dataVersion).toBeGreaterThanOrEqual(before + 3);

    const revalidated = await tree(YEAR_END, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    const again = await tree(YEAR_END);
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(etag);
    // The same answer, not one made again at the plan's new data version.
    expect(again.text).toBe(first.text);
    expect(again.body.dataVersion).toBe(first.body.dataVersion);
  });

  it('drops it on a reopening: changed and closed again, the tree is fresh', async () => {
    const before = await tree(YEAR_END);
    await move('collecting', 'rettifica del dato di A.3');
    const reopened = await tree(YEAR_END);
    expect(reopened.body.closing).toBeNull();
    expect(reopened.headers.get('etag')).not.toBe(before.headers.get('etag'));
    await enter(YEAR_END, SOGGETTI, 210);
    await move('closed');

    const after = await tree(YEAR_END, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body.closing).toMatchObject({ seq: 2 });
    expect(after.body.period.state).toBe('closed');
    expect(indicatorOf(after.body, SOGGETTI)).toMatchObject({ actual: 210, editable: false });
    // The open period's value stays its own; the closed answer is made at the plan's data version.
    const open = (await tree(OPEN)).body;
    expect(indicatorOf(open, SOGGETTI).actual).toBe(13);
    expect(after.body.dataVersion).toBe(open.dataVersion);
  });
});
