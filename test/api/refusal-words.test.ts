/**
 * Refusals said in the reader's words, not in codes or English: every role and every action a 403
 * names has Italian and English words, and the 403s that name them say them, on SQLite and
 * PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/contract/permissions.js';
import { ACTION_WORDS, renderMessage, ROLE_WORDS } from '../../src/messages/index.js';
import { createApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import { enc, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

describe('the words of roles and actions', () => {
  it('says every role of the permissions module in Italian and English', () => {
    for (const role of ROLES) {
      for (const language of ['it', 'en'] as const) {
        expect(ROLE_WORDS[language][role], `${role} in ${language}`).toMatch(/\S/);
        expect(renderMessage('forbidden', { role, action: 'edit the tree' }, language)).toContain(`(${ROLE_WORDS[language][role]})`);
      }
    }
    // No words for a role that does not exist (a renamed role's old key).
    expect(Object.keys(ROLE_WORDS.it).sort()).toEqual([...ROLES].sort());
    expect(Object.keys(ROLE_WORDS.en).sort()).toEqual([...ROLES].sort());
  });

  it('says in Italian what every route refuses to a role', async () => {
    const store = await openStore(':memory:');
    try {
      const actions = createApp(store)
        .api.specs.map((s) => s.action)
        .filter((a): a is string => a !== undefined);
      expect(actions.length).toBeGreaterThan(20);
      expect(actions.filter((a) => ACTION_WORDS[a] === undefined)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('403s in words on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture();
  });
  afterAll(async () => t?.close());

  const said = async (client: Client, method: string, path: string, body: unknown, language: 'it' | 'en') => {
    const reply = await client.request(method, path, body, { 'accept-language': language });
    return [reply.status, reply.body.error.code, reply.body.error.message];
  };

  it('names the HR office (personale) by its words, not its code', async () => {
    const personale = await t.as('personale');
    const form = () => new FormData();
    expect(await said(personale, 'POST', '/api/plans/import', form(), 'it')).toEqual([403, 'forbidden', 'il tuo ruolo (ufficio del personale) non può importare piani']);
    expect(await said(personale, 'POST', '/api/plans/import', form(), 'en')).toEqual([403, 'forbidden', 'your role (HR office) may not import plans']);
    // A phrase that had no Italian: said, not the generic "fare questa operazione".
    expect(await said(personale, 'PUT', `/api/plans/${planId}/periods/2024-12-31/deadline`, { deadline: null }, 'it')).toEqual([
      403,
      'forbidden',
      'il tuo ruolo (ufficio del personale) non può fissare le scadenze',
    ]);
  });

  it('says who may move a period, and who may answer a request for more, in words', async () => {
    const oiv = await t.as('oiv');
    const path = `/api/plans/${planId}/periods/2024-12-31/transition`;
    expect(await said(oiv, 'POST', path, { to: 'collecting' }, 'it')).toEqual([
      403,
      'forbidden',
      'il tuo ruolo (OIV) non può avviare la raccolta dei valori di un periodo (possono farlo: amministratore, controllo di gestione)',
    ]);
    expect(await said(oiv, 'POST', path, { to: 'collecting' }, 'en')).toEqual([403, 'forbidden', "your role (OIV) may not start collecting a period's values (administrator, management control may)"]);
    const review = `/api/plans/${planId}/indicators/${enc('B.1.1:5')}/measurements/2024-12-31/reviews`;
    expect(await said(oiv, 'POST', review, { action: 'answer', note: 'ecco', version: 1 }, 'it')).toEqual([403, 'forbidden', 'il tuo ruolo (OIV) non può rispondere alle richieste di integrazione']);
    expect(await said(oiv, 'POST', review, { action: 'answer', note: 'ecco', version: 1 }, 'en')).toEqual([403, 'forbidden', 'your role (OIV) may not answer requests for more']);
  });

  it('says that only the administrator reopens a period the OIV validated, as an office says it', async () => {
    const [controller, oiv, admin] = [await t.as('controller'), await t.as('oiv'), await t.as('admin')];
    const path = `/api/plans/${planId}/periods/2024-06-30/transition`;
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', path, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect(await said(oiv, 'POST', path, { to: 'collecting', reason: 'rivedere' }, 'it')).toEqual([
      403,
      'forbidden',
      'il tuo ruolo (OIV) non può riaprire un periodo chiuso (possono farlo: amministratore, controllo di gestione)',
    ]);
    expect((await oiv.request('POST', path, { to: 'validated' })).status).toBe(200);
    // Before: "non può rendere un periodo in raccolta", the state's name where the office says what it does.
    expect(await said(controller, 'POST', path, { to: 'collecting', reason: 'correzione' }, 'it')).toEqual([
      403,
      'forbidden',
      "solo l'amministratore può riaprire un periodo validato dall'OIV: la riapertura annulla la validazione (il tuo ruolo: controllo di gestione)",
    ]);
    expect(await said(controller, 'POST', path, { to: 'collecting', reason: 'correction' }, 'en')).toEqual([
      403,
      'forbidden',
      'only the administrator may reopen a period the OIV validated: reopening voids the validation (your role: management control)',
    ]);
    expect((await admin.request('POST', path, { to: 'collecting', reason: 'correzione' })).status).toBe(200);
  });
});
