/**
 * The controller decides on what they see, on SQLite and PostgreSQL: the worklist row of a value
 * carries the target, the value as entered with its note, data source and evidence files (their
 * names, each downloadable); a value corrected after a request for more may be answered once, so
 * the referente says why along with the correction; the thread names the person, not the username.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../support/files.js';
import { adopt, enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';
const MINE = 'B.1.1:5';

describe.each<Backend>(['sqlite', 'postgres'])('reviewing a value with what was entered, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let referente: Client;
  const url = (): string => `/api/plans/${planId}/indicators/${enc(MINE)}/measurements/${PERIOD}`;
  const row = async (who: Client) => (await who.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body.items.find((i: { indicatorId: string }) => i.indicatorId === MINE);

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    await adopt(planId, controller);
    referente = await t.as('referente');
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users')).body as Array<{ id: string; username: string }>;
    for (const [username, displayName] of [
      ['controller', 'Carla Controllo'],
      ['referente', 'Rita Referente'],
    ] as const) {
      const changed = await admin.request('PATCH', `/api/users/${users.find((u) => u.username === username)!.id}`, { displayName });
      expect(changed.status, changed.text).toBe(200);
    }
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('lists the value as entered, its target, note, data source and evidence files (downloadable) on the row the controller approves', async () => {
    expect((await row(controller)).value).toBeNull();
    const saved = await referente.request('PUT', url(), {
      state: 'measured',
      actual: 0.5,
      source: 'Gestionale protocollo',
      evidence: 'Estrazione del 05/10/2024',
      notes: 'Dato provvisorio.',
      version: 0,
    });
    expect(saved.status, saved.text).toBe(200);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(tinyPdf('Verbale'))]), 'verbale-settembre.pdf');
    const file = await referente.request('POST', `${url()}/attachments`, form);
    expect(file.status, file.text).toBe(201);
    const item = await row(controller);
    const indicator = (await controller.get(`/api/plans/${planId}/tree?period=${PERIOD}`)).body.objectives
      .flatMap((o: { indicators: unknown[] }) => o.indicators)
      .find((i: { id: string }) => i.id === MINE);
    expect(item).toMatchObject({
      state: 'entered',
      target: indicator.target,
      unitOfMeasure: indicator.unit,
      comparator: indicator.comparator,
      value: {
        state: 'measured',
        actual: 0.5,
        source: 'Gestionale protocollo',
        evidence: 'Estrazione del 05/10/2024',
        notes: 'Dato provvisorio.',
        files: [{ id: file.body.id, name: 'verbale-settembre.pdf' }],
      },
    });
    // The name on the row is the file the controller downloads.
    const download = await fetch(`${t.url}${url()}/attachments/${enc(item.value.files[0].id)}`, { headers: { cookie: controller.cookie! } });
    expect(download.status).toBe(200);
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // The referente's own list shows the same; HR, who may not list a value's files, reads the value without them.
    expect((await row(referente)).value).toEqual(item.value);
    expect((await row(await t.as('personale'))).value).toEqual({ ...item.value, files: [] });
  });

  it('takes one answer after a correction of a value sent back, shown to the controller, and names people in the thread', async () => {
    const version = (await row(controller)).version;
    expect((await controller.request('POST', `${url()}/reviews`, { action: 'return', note: 'Il valore non torna con il protocollo', version })).status).toBe(201);
    const returned = await row(referente);
    expect(returned.review).toMatchObject({ action: 'return', by: 'controller', byName: 'Carla Controllo' });
    // The referente corrects the value: it is back to review, the request it corrects still shown.
    const corrected = await referente.request('PUT', url(), { state: 'measured', actual: 0.55, version });
    expect(corrected.status, corrected.text).toBe(200);
    const after = await row(referente);
    expect(after).toMatchObject({ state: 'entered', review: null, correctedRequest: { note: 'Il valore non torna con il protocollo', byName: 'Carla Controllo' } });
    // …and says why, along with the correction.
    const answered = await referente.request('POST', `${url()}/reviews`, { action: 'answer', note: 'Corretto: mancavano le pratiche di settembre', version: after.version });
    expect(answered.status, answered.text).toBe(201);
    expect(answered.body).toMatchObject({ action: 'answer', by: 'referente', byName: 'Rita Referente', measurementVersion: after.version });
    // Once: a second answer has no request left to answer.
    const again = await referente.request('POST', `${url()}/reviews`, { action: 'answer', note: 'ancora', version: after.version }, { 'accept-language': 'it' });
    expect([again.status, again.body.error.message]).toEqual([422, 'su questo valore non c’è una richiesta di integrazione aperta a cui rispondere']);
    // The controller sees the answer on the row and in the thread, each step by its person.
    expect(await row(controller)).toMatchObject({
      state: 'entered',
      correctedRequest: null,
      review: { action: 'answer', byName: 'Rita Referente', note: 'Corretto: mancavano le pratiche di settembre' },
    });
    const thread = await controller.get(`${url()}/reviews`);
    expect(thread.body.steps.map((s: { action: string; byName: string; note: string }) => [s.action, s.byName, s.note])).toEqual([
      ['return', 'Carla Controllo', 'Il valore non torna con il protocollo'],
      ['answer', 'Rita Referente', 'Corretto: mancavano le pratiche di settembre'],
    ]);
    // A value never sent back has no request to answer.
    const other = `/api/plans/${planId}/indicators/${enc('B.1.1:1')}/measurements/${PERIOD}`;
    expect((await referente.request('PUT', other, { state: 'measured', actual: 3, version: 0 })).status).toBe(200);
    expect((await referente.request('POST', `${other}/reviews`, { action: 'answer', note: 'x', version: 1 })).status).toBe(422);
    expect((await controller.request('POST', `${url()}/reviews`, { action: 'approve', version: after.version })).status).toBe(201);
  });
});
