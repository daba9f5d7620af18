/**
 * The OIV about to decide on a Relazione, as the validation tests set it up
 * (test/api/relazione-seen.test.ts, relazione-validation-content.test.ts): the fixture's plan of its
 * own, adopted, its mid-year period taking values (a value saved there changes nothing the Relazione
 * shows) and its year end closed, its Relazione transmitted and reviewed; and the check that a
 * refused decision moved nothing.
 */
import { expect } from 'vitest';
import { transmitAndReview, type Client, type TestServer } from '../api/harness.js';

export const YEAR_END = '2024-12-31';
export const MID_YEAR = '2024-06-30';

/** A plan of its own on `t`, adopted, its mid-year period (30/06) taking values and its year end closed; its Relazione transmitted and reviewed. */
export async function relazioneWithTheOiv(t: TestServer, controller: Client, oiv: Client): Promise<string> {
  const planId = await t.importFixture();
  expect((await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
  for (const period of [MID_YEAR, YEAR_END]) expect((await controller.request('POST', `/api/plans/${planId}/periods/${period}/transition`, { to: 'collecting' })).status).toBe(200);
  expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'closed' })).status).toBe(200);
  await transmitAndReview(planId, controller, oiv);
  return planId;
}

/** Still with the OIV, its year end closed (not validated), nothing frozen, no validation on the trail. */
export async function nothingMoved(t: TestServer, planId: string, controller: Client): Promise<void> {
  expect((await controller.get(`/api/plans/${planId}/relazione`)).body.state).toBe('transmitted');
  expect(((await controller.get(`/api/plans/${planId}/periods`)).body as { id: string; state: string }[]).find((p) => p.id === YEAR_END)!.state).toBe('closed');
  expect((await t.server.store.relazioni.getRelazione(planId))!.frozenPlan).toBeNull();
  const audit = (await (await t.as('admin')).get('/api/audit?limit=1000')).body as Array<{ entity: string; entityId: string; action: string }>;
  expect(audit.filter((e) => e.entity === 'relazione' && e.entityId === planId && e.action === 'validate')).toEqual([]);
}
