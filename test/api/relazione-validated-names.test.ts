/**
 * A validated Relazione keeps its register of changes as validated, names included, through HTTP on
 * SQLite and PostgreSQL: a target lowered in a revision during the year is said in the Relazione by
 * the indicator's name («Indicatore «…» (A.2.1): target …»); the OIV validates it; a later revision
 * renames the indicator. The validated Relazione (HTML, and its public copy) still says the name it
 * was validated with, while the live register says the change by the name the indicator had then
 * and the rename by the new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptAndReview, enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERCENT = 'A.2.1:2';
const NAME = 'Capacità di risposta dello sportello internazionalizzazione';
const RENAMED = 'Tempo di risposta dello sportello estero';
const CHANGE_IT = `Indicatore «${NAME}» (A.2.1): target 60,00% → 55,00%`;

const words = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

describe.each<Backend>(['sqlite', 'postgres'])('a validated Relazione keeps the names of its changes on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let citizen: Client;

  const ok = (r: { status: number; text: string }, status = 200): void => expect(r.status, r.text).toBe(status);
  const version = async (): Promise<number> => indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, PERCENT).definitionVersion;
  /** The validated Relazione as the office downloads it and as the public reads it. */
  const relazioni = async (): Promise<string[]> => [
    words((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text),
    words((await citizen.get(`/trasparenza/${planId}/relazione.html`)).text),
  ];

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    [oiv, citizen] = [await t.as('oiv'), await t.as('public')];
    await adoptAndReview(planId, controller, oiv, [], async () => {
      ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Target rivisto', date: '2024-07-15' }), 201);
      ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(PERCENT)}`, { target: 55, version: await version() }));
      ok(await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, { act: { kind: 'Delibera di Giunta', number: '45', date: '2024-07-20' } }));
    });
    ok(await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' }));
    ok(await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true }));
  }, 180_000);
  afterAll(async () => t?.close());

  it('says the change by the name validated, before and after a later rename', async () => {
    for (const text of await relazioni()) expect(text).toContain(CHANGE_IT);

    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Nome più chiaro' }), 201);
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(PERCENT)}`, { name: RENAMED, version: await version() }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions/2/approve`, { act: { kind: 'Delibera di Giunta', number: '60', date: '2025-03-05' } }));

    for (const text of await relazioni()) {
      expect(text).toContain(CHANGE_IT);
      expect(text).not.toContain(RENAMED);
    }
    // The live register: the change by the name it had then, the rename by the new name.
    const [first, second] = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(first.changes[0].name).toBe(NAME);
    expect(second.changes[0].name).toBe(RENAMED);
  });
});
