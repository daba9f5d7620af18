/**
 * Two first saves of one variance (or one forecast) at once, on SQLite and PostgreSQL: the loser
 * read no row, and the winner's was there when its insert gave way. Its 409 names who entered it and
 * when (`details.current` with `updatedBy`, `updatedByName`, `updatedAt`, the message `by`), as a
 * save against an old version does, and the panel says the name, not «qualcun altro». It used to
 * carry no one. A review made from a value's version before another's change names who changed it
 * too (it said the version alone).
 *
 * How the other writer gets in between, on each backend: ../support/another-writer.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/client.js';
import i18next from '../../web/src/i18n.js';
import { staleSaid } from '../../web/src/ui/stale-save.js';
import { whileAnotherWrites } from '../support/another-writer.js';
import { enc, signedInPeople, type People, startWithFixture, type Backend, type Client, type Reply, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const MID_YEAR = '2024-06-30';
/** When Giulia's first save landed. */
const AT = '2024-07-01T08:30:00.000Z';

/** What the screen says of `reply` (a 409), with its `screen`'s words (`campaign.variances`, `campaign.forecast`). */
const panelSays = (reply: Reply, screen: string, lang: 'it' | 'en'): string | null =>
  staleSaid(new ApiError(reply.status, reply.body.error.code, reply.body.error.message, reply.body), lang, i18next.getFixedT(lang), {
    named: `${screen}.conflictBy`,
    anonymous: `${screen}.conflict`,
  });

describe.each<Backend>(['sqlite', 'postgres'])('two first saves of one variance or forecast at once, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let people: People;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    people = await signedInPeople(t, ['giulia'], () => 'Giulia Ferri');
  });
  afterAll(async () => t?.close());

  it("names who entered the variance first: the loser's 409 carries Giulia's row, by name, and nothing of the loser is stored", async () => {
    const giulias = `INSERT INTO variances (plan_id, node_code, period_id, cause, explanation, corrective_action, updated_by, updated_at, version) VALUES ('${planId}', 'B.1.1', '${YEAR_END}', 'internal', 'Personale ridotto.', 'Due assunzioni.', 'giulia', '${AT}', 1)`;
    const lost = await whileAnotherWrites(backend, t.location, { table: 'variances', insert: giulias, when: "NEW.updated_by <> 'giulia'" }, () =>
      controller.request('PUT', `/api/plans/${planId}/nodes/B.1.1/variances/${YEAR_END}`, { cause: 'external', explanation: 'Bando rinviato.', version: 0 }, { 'accept-language': 'it' }),
    );
    expect(lost.status, lost.text).toBe(409);
    expect(lost.body.error).toMatchObject({ code: 'conflict', message: 'questo scostamento è stato inserito da Giulia Ferri nel frattempo: ricaricare e riprovare' });
    expect(lost.body.error.details.current).toEqual({
      period: YEAR_END,
      cause: 'internal',
      explanation: 'Personale ridotto.',
      correctiveAction: 'Due assunzioni.',
      version: 1,
      updatedBy: 'giulia',
      updatedByName: 'Giulia Ferri',
      updatedAt: AT,
    });
    expect(panelSays(lost, 'campaign.variances', 'it')).toBe(
      'Nel frattempo Giulia Ferri ha salvato questo scostamento il 01/07/2024 alle 10:30. Il tuo testo è rimasto nel modulo: salva di nuovo per sostituirlo.',
    );
    expect((await t.server.store.variances.listVariances(planId)).map((v) => [v.node, v.explanation, v.updatedBy])).toEqual([['B.1.1', 'Personale ridotto.', 'giulia']]);
  });

  it("names who entered the forecast first, in the reader's language", async () => {
    const giulias = `INSERT INTO forecasts (plan_id, indicator_id, period_id, reachable, note, updated_by, updated_at, version) VALUES ('${planId}', 'B.1.1:1', '${MID_YEAR}', 'at_risk', 'Dipende dal bando regionale.', 'giulia', '${AT}', 1)`;
    const lost = await whileAnotherWrites(backend, t.location, { table: 'forecasts', insert: giulias, when: "NEW.updated_by <> 'giulia'" }, () =>
      controller.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:1')}/forecasts/${MID_YEAR}`, { reachable: 'yes', version: 0 }, { 'accept-language': 'en' }),
    );
    expect(lost.status, lost.text).toBe(409);
    expect(lost.body.error).toMatchObject({ code: 'conflict', message: 'this forecast was entered by Giulia Ferri in the meantime: reload and try again' });
    expect(lost.body.error.details.current).toEqual({
      period: MID_YEAR,
      reachable: 'at_risk',
      note: 'Dipende dal bando regionale.',
      version: 1,
      updatedBy: 'giulia',
      updatedByName: 'Giulia Ferri',
      updatedAt: AT,
    });
    expect(panelSays(lost, 'campaign.forecast', 'en')).toBe('This forecast was saved meanwhile by Giulia Ferri on 01/07/2024 at 10:30. Yours is still in the form: save again to replace it.');
    expect((await t.server.store.variances.listForecasts(planId)).map((f) => [f.indicatorId, f.reachable, f.updatedBy])).toEqual([['B.1.1:1', 'at_risk', 'giulia']]);
  });

  it('names who changed a value reviewed from the version before: the review is refused naming Giulia, with when in its details', async () => {
    const giulia = people.clients.giulia!;
    const url = `/api/plans/${planId}/indicators/${enc('B.1.1:2')}/measurements/${MID_YEAR}`;
    expect((await giulia.request('PUT', url, { state: 'measured', actual: 10, version: 0 })).status).toBe(200);
    const changed = await giulia.request('PUT', url, { state: 'measured', actual: 12, version: 1 });
    expect(changed.status, changed.text).toBe(200);
    const refused = await controller.request('POST', `${url}/reviews`, { action: 'approve', version: 1 }, { 'accept-language': 'it' });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.message).toBe('questo valore è stato modificato da Giulia Ferri nel frattempo (versione 2, inviata 1): ricaricare e riprovare');
    expect(refused.body.error.details.current).toEqual({ version: 2, enteredBy: 'giulia', enteredByName: 'Giulia Ferri', enteredAt: changed.body.measurement.enteredAt });
    expect((await t.server.store.listAudit({ planId, indicator: 'B.1.1:2' })).map((a) => a.action)).toEqual(['measure', 'measure']);
  });
});
