/**
 * A value saved «non misurato» counts as entered (no reminder asks for it: reminders-later.test.ts),
 * so the screens' reads say it was declared so, with its reason, and keep «non ancora inserito» for
 * an indicator with nothing saved: the tree, the explanation and the worklist, in Italian and English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt, enc, indicatorOf, startTestServer, type Backend, type TestServer } from './harness.js';

const PERIOD = '2024-12-31';
const DECLARED = 'A.6.1:1';
const NOT_ENTERED = 'A.6:1';

describe.each<Backend>(['sqlite', 'postgres'])('a value declared not measured on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture();
    // Adopted: a plan in force has values due, so its worklist lists them.
    await adopt(planId, await t.as('controller'));
  });
  afterAll(async () => t?.close());

  it('reads as declared, with its reason, and one never entered as not entered yet', async () => {
    const controller = await t.as('controller');
    const before = (await controller.get(`/api/plans/${planId}/tree?period=${PERIOD}`)).body;
    const version = indicatorOf(before, DECLARED).version as number;
    const saved = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(DECLARED)}/measurements/${PERIOD}`, {
      state: 'not_measured',
      reason: 'rilevazione sospesa',
      version,
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.indicator).toMatchObject({ state: 'not_measured', reason: 'rilevazione sospesa', version: version + 1 });

    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${PERIOD}`)).body;
    expect(indicatorOf(tree, DECLARED)).toMatchObject({ state: 'not_measured', reason: 'rilevazione sospesa', version: version + 1 });
    expect(indicatorOf(tree, NOT_ENTERED)).toMatchObject({ state: 'not_measured', reason: null, version: 0 });

    const explained = async (code: string, lang: string): Promise<string[]> =>
      ((await controller.get(`/api/plans/${planId}/nodes/${code}/explanation?period=${PERIOD}&lang=${lang}`)).body.contributions as Array<{ excluded?: string }>).map((c) => c.excluded ?? '');
    expect(await explained('A.6.1', 'it')).toContain('non misurato (dichiarato: rilevazione sospesa)');
    expect(await explained('A.6.1', 'en')).toContain('not measured (declared: rilevazione sospesa)');
    expect(await explained('A.6', 'it')).toEqual(['non ancora inserito']);
    expect(await explained('A.6', 'en')).toEqual(['not entered yet']);

    // The worklist holds it as entered, its reason with it.
    const items = (await controller.get(`/api/plans/${planId}/worklist?period=${PERIOD}&limit=500`)).body.items as Array<{
      indicatorId: string;
      state: string;
      value: { state: string; reason: string | null } | null;
    }>;
    expect(items.find((i) => i.indicatorId === DECLARED)).toMatchObject({ state: 'entered', value: { state: 'not_measured', reason: 'rilevazione sospesa' } });
    expect(items.find((i) => i.indicatorId === NOT_ENTERED)).toMatchObject({ state: 'to_enter', value: null });
  });
});
