/**
 * The Relazione names people in the reader's language, through HTTP, on SQLite and PostgreSQL: who
 * saved it last (`updatedByName`, the account's display name beside the login), who decided it and
 * who reopened its year end after the decision, the command line (`cli:mario`) and the program
 * (`system`) said in the reader's words (`?lang=`, Accept-Language), also when a validation kept
 * them in its cover. The documento di validazione, in Italian, keeps naming them in Italian.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM, type Actor } from '../../src/store/index.js';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
/** As `albero …` run by the operating system's account `mario` records it (cli/actor.ts). */
const MARIO: Actor = { id: null, username: 'cli:mario' };

describe.each<Backend>(['sqlite', 'postgres'])('the Relazione names people in the reader’s language, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    oiv = await t.as('oiv');
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    const id = users.find((u) => u.username === 'controller')!.id;
    expect((await admin.request('PATCH', `/api/users/${id}`, { displayName: 'Anna Ferri' })).status).toBe(200);
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  const read = async (lang: 'it' | 'en', how: 'query' | 'header' = 'query') =>
    how === 'query'
      ? (await controller.get(`/api/plans/${planId}/relazione?lang=${lang}`)).body
      : (await controller.request('GET', `/api/plans/${planId}/relazione`, undefined, { 'accept-language': lang })).body;

  it('names who saved last by the account’s name, beside the login', async () => {
    const saved = await controller.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts: { sintesi: 'Sintesi.' }, version: 0 });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ updatedBy: 'controller', updatedByName: 'Anna Ferri' });
    expect(await read('en')).toMatchObject({ updatedBy: 'controller', updatedByName: 'Anna Ferri' });
  });

  it('says a decision and a save of the command line in the reader’s words', async () => {
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    expect((await t.server.store.relazioni.moveRelazione(planId, 'not_validated', 'Mancano le evidenze.', null, MARIO)).ok).toBe(true);
    for (const [lang, words] of [
      ['it', 'riga di comando (utente mario)'],
      ['en', 'command line (user mario)'],
    ] as const) {
      for (const how of ['query', 'header'] as const) {
        expect(await read(lang, how)).toMatchObject({ state: 'not_validated', decidedBy: 'cli:mario', decidedByName: words, updatedBy: 'cli:mario', updatedByName: words });
      }
    }
    // The documento di validazione is in Italian: it names the command line in Italian.
    expect((await controller.get(`/api/plans/${planId}/relazione/validation?format=html&lang=en`)).text).toContain('registrata da riga di comando (utente mario)');
  });

  it('says the program, kept in Italian by a validation, in the reader’s words, and the command line that reopened the year end', async () => {
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'draft' })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { note: 'Verificato.', reservations: '', checklist, values: [], version: current.version })).status).toBe(200);
    // Validated as the program would: its actor, and its cover naming it as the server's validation
    // keeps a decider's name (in Italian, the documents' language).
    const relazioni = t.server.store.relazioni;
    const move = relazioni.moveRelazione.bind(relazioni);
    const spy = vi
      .spyOn(relazioni, 'moveRelazione')
      .mockImplementationOnce(async (id, to, reason, freeze, _actor, confirm) =>
        move(id, to, reason, freeze === null ? null : { ...freeze, cover: { ...freeze.cover, decidedByName: 'Albero (procedura automatica)' } }, SYSTEM, confirm),
      );
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition?lang=en`, { to: 'validated' });
    spy.mockRestore();
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body).toMatchObject({ state: 'validated', frozen: true, decidedBy: 'system', decidedByName: 'Albero (automatic procedure)', updatedByName: 'Albero (automatic procedure)' });
    expect(await read('it')).toMatchObject({ decidedByName: 'Albero (procedura automatica)' });
    expect(await read('en', 'header')).toMatchObject({ decidedByName: 'Albero (automatic procedure)' });
    expect((await controller.get(`/api/plans/${planId}/relazione/validation?format=html`)).text).toContain('registrata da Albero (procedura automatica)');

    // The year end reopened from the command line after the validation.
    expect((await t.server.store.transitionPeriod(planId, YEAR_END, 'collecting', 'errore di caricamento', MARIO)).ok).toBe(true);
    expect((await read('en')).reopenedAfterDecision).toMatchObject({ by: 'command line (user mario)', reason: 'errore di caricamento' });
    expect((await read('it', 'header')).reopenedAfterDecision).toMatchObject({ by: 'riga di comando (utente mario)' });
  });
});
