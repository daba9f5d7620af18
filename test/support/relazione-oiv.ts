/**
 * The OIV about to decide on a Relazione, as the validation tests set it up
 * (test/api/relazione-seen.test.ts, relazione-validation-content.test.ts): the fixture's plan of its
 * own, adopted, its mid-year period taking values (a value saved there changes nothing the Relazione
 * shows) and its year end closed, its Relazione transmitted and reviewed; and the check that a
 * refused decision moved nothing; a variance explained meanwhile (`varianceExplained`). Before that, how the suites of the OIV's review and decision begin
 * (`startWithTheOiv`), and the OIV's review of validated values (`reviewValues`).
 */
import { expect } from 'vitest';
import { startWithFixture, transmitAndReview, type Backend, type Client, type FixtureServer, type Reply, type TestServer } from '../api/harness.js';

export const YEAR_END = '2024-12-31';
export const MID_YEAR = '2024-06-30';

/** A server with the fixture's plan, the controller and the OIV signed in. */
export interface OivServer extends FixtureServer {
  oiv: Client;
}

/**
 * How the suites of the OIV's review and decision begin (relazione-decision, relazione-names,
 * relazione-validated-*): a server on `backend` with the fixture's plan (`startWithFixture`), the
 * controller and the OIV signed in; up to `closed`, the plan's year end taking values then closed;
 * up to `transmitted`, its Relazione sent to the OIV too (nothing reviewed yet).
 *
 * @example
 * beforeAll(async () => ({ t, planId, controller, oiv } = await startWithTheOiv(backend, 'transmitted')));
 */
export async function startWithTheOiv(backend: Backend, upTo: 'open' | 'closed' | 'transmitted' = 'open'): Promise<OivServer> {
  const { t, planId, controller } = await startWithFixture(backend);
  try {
    const oiv = await t.as('oiv');
    if (upTo !== 'open') {
      for (const to of ['collecting', 'closed'])
        expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    }
    if (upTo === 'transmitted') expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    return { t, planId, controller, oiv };
  } catch (error) {
    // The suite's afterAll never sees this server: close it here.
    await t.close();
    throw error;
  }
}

/** The OIV's review of `planId` with `values` (every checkpoint answered yes, no note), in `language`: the server's reply, refused or not. */
export async function reviewValues(oiv: Client, planId: string, values: unknown[], language = 'en'): Promise<Reply> {
  const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
  const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
  return oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { note: '', reservations: '', checklist, values, version: current.version }, { 'accept-language': language });
}

/** A plan of its own on `t`, adopted, its mid-year period (30/06) taking values and its year end closed; its Relazione transmitted and reviewed. */
export async function relazioneWithTheOiv(t: TestServer, controller: Client, oiv: Client): Promise<string> {
  const planId = await t.importFixture();
  expect((await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
  for (const period of [MID_YEAR, YEAR_END]) expect((await controller.request('POST', `/api/plans/${planId}/periods/${period}/transition`, { to: 'collecting' })).status).toBe(200);
  expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
  await transmitAndReview(planId, controller, oiv);
  return planId;
}

/** The gap of B.1 (56% against its target) explained at the year end by `controller`: an external cause, «Bando regionale rinviato», a new call as the corrective action. */
export async function varianceExplained(controller: Client, planId: string): Promise<void> {
  const variance = await controller.request('PUT', `/api/plans/${planId}/nodes/B.1/variances/${YEAR_END}`, {
    cause: 'external',
    explanation: 'Bando regionale rinviato',
    correctiveAction: 'Nuovo bando',
    version: 0,
  });
  expect(variance.status, variance.text).toBe(200);
}

/** Still with the OIV, its year end closed (not validated), nothing frozen, no validation on the trail. */
export async function nothingMoved(t: TestServer, planId: string, controller: Client): Promise<void> {
  expect((await controller.get(`/api/plans/${planId}/relazione`)).body.state).toBe('transmitted');
  expect(((await controller.get(`/api/plans/${planId}/periods`)).body as { id: string; state: string }[]).find((p) => p.id === YEAR_END)!.state).toBe('closed');
  expect((await t.server.store.relazioni.getRelazione(planId))!.frozenPlan).toBeNull();
  const audit = (await (await t.as('admin')).get('/api/audit?limit=1000')).body as Array<{ entity: string; entityId: string; action: string }>;
  expect(audit.filter((e) => e.entity === 'relazione' && e.entityId === planId && e.action === 'validate')).toEqual([]);
}
