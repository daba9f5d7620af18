/**
 * The register of revisions as the public reads it, through HTTP on SQLite: the office writes an
 * internal note on an indicator inside a revision beside a weight change; the transparency page,
 * the public register and export, and the Relazione disclose the weight 50% → 40% but never the note,
 * nor the accounts' login names, while the office still reads its whole register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, startWithFixture, type Client, type TestServer } from './harness.js';

const NOTE = 'Nota interna: la struttura non ha ancora i dati di giugno';
const A211 = 'A.2.1:1';
const A212 = 'A.2.1:2';

describe('the public register of revisions', () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let anyone: Client;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture('sqlite', { publish: true }));
    anyone = await t.as('public');
    const ok = (r: { status: number; text: string }, status = 200): void => expect(r.status, r.text).toBe(status);
    ok(await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Rimodulazione di metà anno', date: '2024-07-15' }), 201);
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(A211)}`, { weight: 40, version: indicatorOf(tree, A211).definitionVersion }));
    // A change of the note alone: nothing the public sees.
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(A212)}`, { notes: NOTE, version: indicatorOf(tree, A212).definitionVersion }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, { act: { kind: 'Delibera di Giunta', number: '45', date: '2024-07-20' } }));
    // The year end's values shown to the public, so that the plan's page carries its register.
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/publication`, { published: true }));
  });
  afterAll(async () => t?.close());

  it('discloses the weight change on the transparency page without the internal note', async () => {
    const page = await anyone.get(`/trasparenza/${planId}/piano.html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Indicatore ${A211}: peso 50% → 40%`);
    expect(page.text).not.toContain(NOTE);
    expect(page.text).not.toContain(`Indicatore ${A212}`);
  });

  it('gives the public the register without the note and without login names; the office reads it whole', async () => {
    const register = await anyone.get(`/api/plans/${planId}/revisions`);
    expect(register.status).toBe(200);
    expect(register.text).not.toContain(NOTE);
    expect(register.text).not.toContain('controller');
    expect(register.body[0]).toMatchObject({ number: 1, openedBy: null, approvedBy: null });
    expect(register.body[0].changes.map((c: any) => [c.entityId, c.before, c.after, c.user])).toEqual([[A211, { weight: '50' }, { weight: '40' }, null]]);

    const office = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(office[0]).toMatchObject({ openedBy: 'controller', approvedBy: 'controller' });
    expect(office[0].changes.map((c: any) => [c.entityId, c.after, c.user])).toEqual([
      [A211, { weight: '40' }, 'controller'],
      [A212, { notes: NOTE }, 'controller'],
    ]);
  });

  it("leaves the note out of the public's export and of the Relazione", async () => {
    const exported = await anyone.get(`/api/plans/${planId}/export?format=html`);
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('peso 50% → 40%');
    expect(exported.text).not.toContain(NOTE);

    const relazione = await controller.get(`/api/plans/${planId}/relazione/export?format=html`);
    expect(relazione.status).toBe(200);
    expect(relazione.text).toContain('peso 50% → 40%');
    expect(relazione.text).not.toContain(NOTE);
  });
});
