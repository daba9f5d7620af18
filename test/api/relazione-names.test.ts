/**
 * The Relazione names people in the reader's language, through HTTP, on SQLite and PostgreSQL: who
 * saved it last (`updatedByName`, the account's display name beside the login), who decided it and
 * who reopened its year end after the decision, the command line (`cli:mario`) and the program
 * (`system`) said in the reader's words (`?lang=`, Accept-Language), also when a validation kept
 * them in its cover. The documento di validazione, in Italian, keeps naming them in Italian. A rename
 * is said at once, from the names the server keeps (actor-names.ts `AccountNames`), which the
 * answers do not read from the accounts each time.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM, type Actor } from '../../src/store/index.js';
import { startWithTheOiv, YEAR_END } from '../support/relazione-oiv.js';
import type { Backend, Client, TestServer } from './harness.js';

/** As `albero …` run by the operating system's account `mario` records it (cli/actor.ts). */
const MARIO: Actor = { id: null, username: 'cli:mario' };

describe.each<Backend>(['sqlite', 'postgres'])('the Relazione names people in the reader’s language, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;

  beforeAll(async () => {
    ({ t, planId, controller, oiv } = await startWithTheOiv(backend, 'closed'));
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    const id = users.find((u) => u.username === 'controller')!.id;
    expect((await admin.request('PATCH', `/api/users/${id}`, { displayName: 'Anna Ferri' })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  const read = async (lang: 'it' | 'en', how: 'query' | 'header' = 'query') =>
    how === 'query'
      ? (await controller.get(`/api/plans/${planId}/relazione?lang=${lang}`)).body
      : (await controller.request('GET', `/api/plans/${planId}/relazione`, undefined, { 'accept-language': lang })).body;

  /** `answers` made without reading the accounts (the names the server keeps; their stamp at most once a second). */
  const withoutReadingAccounts = async (answers: () => Promise<void>): Promise<void> => {
    const spies = (['userNames', 'listUsers', 'getUser'] as const).map((method) => vi.spyOn(t.server.store, method));
    try {
      await answers();
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  };

  it('names who saved last by the account’s name, beside the login', async () => {
    const saved = await controller.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts: { sintesi: 'Sintesi.' }, version: 0 });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ updatedBy: 'controller', updatedByName: 'Anna Ferri' });
    expect(await read('en')).toMatchObject({ updatedBy: 'controller', updatedByName: 'Anna Ferri' });
  });

  it('names a renamed account at once, from the names the server keeps: no reading of the accounts for each answer', async () => {
    const admin = await t.as('admin');
    const id = ((await admin.get('/api/users')).body as { id: string; username: string }[]).find((u) => u.username === 'controller')!.id;
    expect((await admin.request('PATCH', `/api/users/${id}`, { displayName: 'Anna Ferri Conti' })).status).toBe(200);
    // Renamed through this server: said at once, in either language.
    expect(await read('en')).toMatchObject({ updatedBy: 'controller', updatedByName: 'Anna Ferri Conti' });
    expect(await read('it', 'header')).toMatchObject({ updatedBy: 'controller', updatedByName: 'Anna Ferri Conti' });
    // Answer after answer, the accounts are not read again: at most the names' one-row stamp, once a second.
    const store = t.server.store;
    const stamps = vi.spyOn(store, 'userNamesStamp');
    const reads = 5;
    try {
      await withoutReadingAccounts(async () => {
        for (let i = 0; i < reads; i++) expect(await read(i % 2 === 0 ? 'en' : 'it')).toMatchObject({ updatedByName: 'Anna Ferri Conti' });
      });
      expect(stamps.mock.calls.length).toBeLessThan(reads);
    } finally {
      stamps.mockRestore();
    }
    // Renamed by another process (the store written directly): said within a second, as the tree says it.
    expect((await store.updateUser(id, { displayName: 'Anna F. Conti' }, SYSTEM)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await read('en')).toMatchObject({ updatedByName: 'Anna F. Conti' });
    expect((await admin.request('PATCH', `/api/users/${id}`, { displayName: 'Anna Ferri' })).status).toBe(200);
  });

  it('says a decision and a save of the command line in the reader’s words', async () => {
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    expect((await t.server.store.relazioni.moveRelazione(planId, 'not_validated', 'Mancano le evidenze.', null, MARIO)).ok).toBe(true);
    await read('it');
    // The decider and the last save named from the names the server keeps, answer after answer.
    await withoutReadingAccounts(async () => {
      for (const [lang, words] of [
        ['it', 'riga di comando (utente mario)'],
        ['en', 'command line (user mario)'],
      ] as const) {
        for (const how of ['query', 'header'] as const) {
          expect(await read(lang, how)).toMatchObject({ state: 'not_validated', decidedBy: 'cli:mario', decidedByName: words, updatedBy: 'cli:mario', updatedByName: words });
        }
      }
    });
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
    await withoutReadingAccounts(async () => {
      expect((await read('en')).reopenedAfterDecision).toMatchObject({ by: 'command line (user mario)', reason: 'errore di caricamento' });
      expect((await read('it', 'header')).reopenedAfterDecision).toMatchObject({ by: 'riga di comando (utente mario)' });
    });
  });
});
