/**
 * The last stale refusals name who saved first, on SQLite and PostgreSQL, with a real second writer:
 * - the Relazione's texts saved from a version another controller saved over: the 409 carries who
 *   saved it and when (`details.current` with `updatedBy`, `updatedByName`, `updatedAt`, never the
 *   texts), and the Relazione's screen says them; it used to carry the version alone;
 * - a value typed in an indicator's old unit, refused because another controller changed the unit
 *   after the form read it: the 409 names who changed the unit and when (the trail's entry of the
 *   change, not a later edit of the name), and the entry form says so. The value used to be read in
 *   the new unit and refused as no date (400); in a race with the change, a 409 naming no one, which
 *   the form said as a value «qualcun altro» had saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/client.js';
import i18next from '../../web/src/i18n.js';
import { staleSaid } from '../../web/src/ui/stale-save.js';
import { SYSTEM } from '../../src/store/index.js';
import { hashPassword } from '../../src/server/auth.js';
import { Client, enc, PASSWORD, startWithFixture, type Backend, type Reply, type TestServer } from './harness.js';

const errorOf = (reply: Reply): ApiError => new ApiError(reply.status, reply.body.error.code, reply.body.error.message, reply.body);
/** A moment as the screens write it: day and time, in either language. */
const MOMENT = { it: /il \d\d\/\d\d\/\d{4} alle \d\d:\d\d/, en: /on \d\d\/\d\d\/\d{4} at \d\d:\d\d/ };

describe.each<Backend>(['sqlite', 'postgres'])('the last stale refusals name who saved first, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  /** A second controller, Giulia Ferri, at another desk. */
  let giulia: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    const made = await t.server.store.createUser({ username: 'giulia', displayName: 'Giulia Ferri', role: 'controller', passwordHash: await hashPassword(PASSWORD) }, SYSTEM);
    if (!made.ok) throw new Error(made.error.message);
    giulia = new Client(t.url);
    expect((await giulia.login('giulia')).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it("names who saved the Relazione meanwhile and when, and keeps Giulia's texts", async () => {
    const url = `/api/plans/${planId}/relazione/texts`;
    const hers = await giulia.request('PUT', url, { texts: { sintesi: 'Sintesi di Giulia.' }, version: 0 });
    expect(hers.status, hers.text).toBe(200);
    for (const lang of ['it', 'en'] as const) {
      const lost = await controller.request('PUT', url, { texts: { sintesi: 'Sintesi del controllo.' }, version: 0 }, { 'accept-language': lang });
      expect(lost.status, lost.text).toBe(409);
      expect(lost.body.error.message).toBe(
        lang === 'it'
          ? 'la Relazione è stata modificata da Giulia Ferri nel frattempo (versione 1, inviata 0): ricaricare e riprovare'
          : 'the Relazione was changed by Giulia Ferri in the meantime (version 1, you sent 0): reload and try again',
      );
      expect(lost.body.error.details.current).toEqual({ version: 1, updatedBy: 'giulia', updatedByName: 'Giulia Ferri', updatedAt: hers.body.updatedAt });
      expect(JSON.stringify(lost.body)).not.toContain('Sintesi di Giulia');
      const said = staleSaid(errorOf(lost), lang, i18next.getFixedT(lang), { named: 'relazione.conflictBy', anonymous: 'relazione.conflict' });
      expect(said).toContain(lang === 'it' ? 'La Relazione è stata modificata da Giulia Ferri il ' : 'The report was changed by Giulia Ferri on ');
      expect(said).toMatch(MOMENT[lang]);
    }
    expect((await controller.get(`/api/plans/${planId}/relazione`)).body).toMatchObject({ version: 1, texts: { sintesi: 'Sintesi di Giulia.' }, updatedBy: 'giulia' });
  });

  it('names who changed the unit of an indicator after its value was read, not a later edit of its name; nothing is stored', async () => {
    const created = await controller.request('POST', `/api/plans/${planId}/nodes/B.1.1/indicators`, { name: 'Pratiche evase', weight: 10, comparator: '>=', target: 100, unit: 'number' });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const path = `/api/plans/${planId}/indicators/${enc(id)}`;
    // The controller's form reads it in numbers; Giulia then makes it a date, and the controller renames it.
    const dated = await giulia.request('PATCH', path, { unit: 'date', target: '2024-09-30', version: 1 });
    expect(dated.status, dated.text).toBe(200);
    expect((await controller.request('PATCH', path, { name: 'Pratiche evase entro il termine', version: 2 })).status).toBe(200);
    const url = `${path}/measurements/2024-06-30`;
    for (const lang of ['it', 'en'] as const) {
      // Typed in numbers, as the form read it: refused as a unit changed meanwhile, not read as a date.
      const refused = await controller.request('PUT', url, { state: 'measured', actual: 17, unit: 'number', version: 0 }, { 'accept-language': lang });
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.error.message).toBe(
        lang === 'it'
          ? `l'unità dell'indicatore ${id} è stata cambiata da Giulia Ferri dopo che l'hai letto: ora si misura in date; il valore non è stato salvato, ricaricare e inserirlo di nuovo nella nuova unità`
          : `the unit of indicator ${id} was changed by Giulia Ferri after you read it: it is now counted in dates; the value was not saved, reload and enter it again in the new unit`,
      );
      expect(refused.body.error.details).toMatchObject({ reason: 'unit-changed', current: { id, unit: 'date', version: 3, updatedBy: 'giulia', updatedByName: 'Giulia Ferri' } });
      const at = refused.body.error.details.current.updatedAt as string;
      const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(id)}`)).body as Array<{ user: string; at: string; after?: { unit?: string } }>;
      expect(trail.find((e) => e.after?.unit === 'date' && e.user === 'giulia')?.at).toBe(at);
      // The entry form says the unit changed, by whom and when: not that a value was saved meanwhile.
      // (The entry form's own sentence, detail/save-said.ts, is read in a browser: e2e/stale-rest.test.ts.)
      const words = i18next.getFixedT(lang);
      const said = staleSaid(errorOf(refused), lang, (key, params) => words(key, { ...params, unit: words('edit.units.date') }), { named: 'entry.unitChangedBy', anonymous: 'entry.unitChanged' });
      expect(said).toContain(lang === 'it' ? 'L’unità dell’indicatore è stata cambiata da Giulia Ferri il ' : 'The indicator’s unit was changed by Giulia Ferri on ');
      expect(said).toContain(lang === 'it' ? 'ora è «Data». Il tuo valore NON è stato salvato' : 'it is now “Date”. Your value was NOT saved');
      expect(said).toMatch(MOMENT[lang]);
    }
    expect(await t.server.store.getMeasurement(planId, id, '2024-06-30')).toBeUndefined();
  });
});
