/**
 * Two desks editing the same objective or indicator of a draft plan, on SQLite and PostgreSQL: the
 * save made from the version read before the other desk's is refused (409 `conflict`, nothing
 * saved), saying who saved meanwhile and when, as a plan's, a period's or a value's stale save says
 * it: by name in the message, in Italian and English, and in `details.current` (`updatedBy`,
 * `updatedByName`, `updatedAt`) beside the row as it is. It used to say "someone else" only, even
 * to the desk that had saved it itself. So does a unit of the registry (`PATCH /api/units/:id`),
 * which still said «qualcun altro» after the objectives and indicators named the person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, enc, PASSWORD, startWithFixture, type Backend, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('a stale save of an objective or an indicator names who saved meanwhile, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let admin: Client;
  const plan = () => `/api/plans/${enc(planId)}`;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    admin = await t.as('admin');
    const me = (await admin.get('/api/session')).body.user;
    expect((await admin.request('PATCH', `/api/users/${me.id}`, { displayName: 'Giulia Ferri' })).status).toBe(200);
  }, 120_000);
  afterAll(async () => t?.close());

  const definitionVersion = async (id: string): Promise<number> => {
    const tree = (await controller.get(`${plan()}/tree`)).body;
    return tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.id === id).definitionVersion;
  };
  const objectiveVersion = async (code: string): Promise<number> => (await controller.get(`${plan()}/tree`)).body.objectives.find((o: any) => o.code === code).version;

  it('an indicator: the refusal names the desk that saved, with when, and nothing of the stale save is stored', async () => {
    const read = await definitionVersion('A.2.1:2');
    const first = await admin.request('PATCH', `${plan()}/indicators/${enc('A.2.1:2')}`, { target: 55, version: read });
    expect(first.status, first.text).toBe(200);

    const italian = await controller.request('PATCH', `${plan()}/indicators/${enc('A.2.1:2')}`, { weight: 25, version: read }, { 'accept-language': 'it' });
    expect(italian.status).toBe(409);
    expect(italian.body.error.message).toBe(`l'indicatore A.2.1:2 è stato modificato da Giulia Ferri (versione ${read + 1}, inviata ${read})`);
    expect(italian.body.error.details.current).toMatchObject({ id: 'A.2.1:2', version: read + 1, target: { kind: 'number', value: '55' }, updatedBy: 'admin', updatedByName: 'Giulia Ferri' });
    const trail = (await controller.get(`/api/audit?planId=${enc(planId)}&indicator=${enc('A.2.1:2')}`)).body;
    expect(italian.body.error.details.current.updatedAt).toBe(trail[0].at);

    const english = await controller.request('PATCH', `${plan()}/indicators/${enc('A.2.1:2')}`, { weight: 25, version: read }, { 'accept-language': 'en' });
    expect(english.body.error.message).toBe(`indicator A.2.1:2 was changed by Giulia Ferri (version ${read + 1}, you sent ${read})`);
    expect(await definitionVersion('A.2.1:2')).toBe(read + 1);
    const tree = (await controller.get(`${plan()}/tree`)).body;
    expect(tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.id === 'A.2.1:2')).toMatchObject({ weight: 20, target: 55 });
  });

  it('an objective: the same, and a desk refused over its own earlier save reads its own name', async () => {
    const read = await objectiveVersion('B.4.1');
    expect((await controller.request('PATCH', `${plan()}/nodes/B.4.1`, { weight: 40, version: read })).status).toBe(200);
    const again = await controller.request('PATCH', `${plan()}/nodes/B.4.1`, { title: 'Soddisfazione degli utenti', version: read }, { 'accept-language': 'en' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`objective B.4.1 was changed by controller (version ${read + 1}, you sent ${read})`);
    expect(again.body.error.details.current).toMatchObject({ code: 'B.4.1', weight: '40', updatedBy: 'controller', updatedByName: 'controller' });

    const byAdmin = await admin.request('PATCH', `${plan()}/nodes/B.4.1`, { weight: 45, version: read + 1 });
    expect(byAdmin.status, byAdmin.text).toBe(200);
    const stale = await controller.request('PATCH', `${plan()}/nodes/B.4.1`, { weight: 50, version: read + 1 }, { 'accept-language': 'it' });
    expect(stale.body.error.message).toBe(`l'obiettivo B.4.1 è stato modificato da Giulia Ferri (versione ${read + 2}, inviata ${read + 1})`);
    expect((await controller.get(`${plan()}/tree`)).body.objectives.find((o: any) => o.code === 'B.4.1')).toMatchObject({ weight: 45, title: 'Customer satisfaction' });
  });

  it('a unit of the registry: the refusal names who saved it and when, and the unit keeps their save', async () => {
    // The registry is the administrators' (two desks): Giulia Ferri and Paolo Neri.
    const paolo = new Client(t.url);
    expect((await admin.request('POST', '/api/users', { username: 'paolo', displayName: 'Paolo Neri', role: 'admin', password: PASSWORD })).status).toBe(201);
    expect((await paolo.login('paolo')).status).toBe(200);
    const created = await paolo.request('POST', '/api/units', { code: 'UPS', name: 'Ufficio Studi', kind: 'Ufficio' });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const byGiulia = await admin.request('PATCH', `/api/units/${id}`, { name: 'Ufficio Studi e Statistica', version: 1 });
    expect(byGiulia.status, byGiulia.text).toBe(200);

    const italian = await paolo.request('PATCH', `/api/units/${id}`, { kind: 'Servizio', version: 1 }, { 'accept-language': 'it' });
    expect(italian.status).toBe(409);
    expect(italian.body.error.message).toBe('la struttura Ufficio Studi e Statistica è stata modificata da Giulia Ferri (versione 2, inviata 1)');
    expect(italian.body.error.details.current).toMatchObject({
      id,
      name: 'Ufficio Studi e Statistica',
      version: 2,
      updatedBy: 'admin',
      updatedByName: 'Giulia Ferri',
      updatedAt: byGiulia.body.updatedAt,
    });
    const english = await paolo.request('PATCH', `/api/units/${id}`, { kind: 'Servizio', version: 1 }, { 'accept-language': 'en' });
    expect(english.body.error.message).toBe('the unit Ufficio Studi e Statistica was changed by Giulia Ferri (version 2, you sent 1)');

    // A desk refused over its own earlier save reads its own name.
    expect((await paolo.request('PATCH', `/api/units/${id}`, { kind: 'Servizio', version: 2 })).status).toBe(200);
    const own = await paolo.request('PATCH', `/api/units/${id}`, { kind: 'Area', version: 2 }, { 'accept-language': 'en' });
    expect(own.body.error.message).toBe('the unit Ufficio Studi e Statistica was changed by Paolo Neri (version 3, you sent 2)');
    expect((await admin.get('/api/units')).body.find((u: any) => u.id === id)).toMatchObject({ name: 'Ufficio Studi e Statistica', kind: 'Servizio', version: 3 });
  });
});
