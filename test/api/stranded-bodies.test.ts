/**
 * HR assigns the records a body correction left under a name no plan of their year carries
 * (POST /api/appraisals/stranded-bodies/assign), on SQLite and PostgreSQL: the list says what they
 * are and where they may go; HR and the administrator alone may assign them; all of them move in one
 * transaction, each on the appraisals' trail (who, when, from → to); a situation changed since the
 * list was read (assigned by another, the body chosen corrected away, one with records of its own)
 * is refused with a located 409 in Italian and English, nothing moved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/store/index.js';
import type { Db } from '../../src/store/db.js';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { z } from 'zod';
import { StrandedAssignedSchema, StrandedBodySchema } from '../../src/contract/index.js';
import { conforms, documented } from './contract-helpers.js';
import { whileAnotherHolds } from '../support/another-writer.js';
import { storeDistribution } from '../support/distributions.js';
import { removedFrom, strandRecords, type Call } from '../support/stranded.js';
import { Client, startTestServer, type Backend, type TestServer } from './harness.js';

const FROM = 'Comune di Vecchio';
const ASSIGN = '/api/appraisals/stranded-bodies/assign';

describe.each<Backend>(['sqlite', 'postgres'])('records stranded under a corrected body, assigned by HR, on %s', (backend) => {
  let t: TestServer;
  let hr: Client;
  let admin: Client;
  let controller: Client;
  let formId: string;
  const call =
    (client: Client): Call =>
    (method, path, body) =>
      client.request(method, path, body);
  const db = (): Db => (t.server.store as unknown as { db: Db }).db;
  /** The appraisals' trail as stored (it has no route of its own for an SMVP). */
  const trail = async (entity: string): Promise<{ username: string; action: string; entity_id: string; before: string; after: string; at: string }[]> =>
    (await db().all(`SELECT * FROM appraisal_audit WHERE entity = ? AND action = 'assign-body' ORDER BY id`, [entity])) as never;
  const stranded = async (lang: 'it' | 'en' = 'it') => (await hr.get(`/api/appraisals/stranded-bodies?lang=${lang}`)).body;
  /** Whether the body has an SMVP saved for 2024 (none saved is a 200 with `version: null`). */
  const smvpOf = async (body: string): Promise<boolean> => {
    const r = await hr.get(`/api/smvp/2024?organisation=${encodeURIComponent(body)}`);
    expect(r.status, r.text).toBe(200);
    return r.body.version !== null;
  };

  beforeAll(async () => {
    t = await startTestServer(backend);
    hr = await t.as('personale');
    admin = await t.as('admin');
    controller = await t.as('controller');
    const person = await t.server.store.createUser({ username: 'impiegata', displayName: 'Irene Impiegata', role: 'referente', units: [], passwordHash: 'x' }, SYSTEM);
    const evaluator = await t.server.store.createUser({ username: 'capo', displayName: 'Carlo Capo', role: 'referente', units: [], passwordHash: 'x' }, SYSTEM);
    if (!person.ok || !evaluator.ok) throw new Error('accounts');
    await strandRecords(call(controller), call(hr), {
      from: FROM,
      to: ['Comune di Uno', 'Comune di Due'],
      year: 2024,
      form: { personId: person.value.id, evaluatorId: evaluator.value.id },
      // A distribution made before the corrections stays with the rest.
      more: () => storeDistribution(t.server.store, FROM, 2024, 'eq', [['Buono', 100_000]]),
      removePlan: removedFrom(db()),
    });
    formId = (await hr.get('/api/appraisals?year=2024')).body[0].id;
    // A body of the year with an SMVP of its own: the records could not join it.
    expect((await controller.request('POST', '/api/plans', { title: 'Piano', year: 2024, organisation: 'Comune di Proprio' })).status).toBe(201);
    expect((await hr.request('PUT', '/api/smvp/2024?organisation=Comune%20di%20Proprio', { document: exampleSmvpJson('Comune di Proprio', 2024), reason: 'delibera n. 2' })).status).toBe(200);
  }, 60_000);
  afterAll(async () => t?.close());

  it('says what is stranded, under which name, and the bodies it may go to', async () => {
    const it = await stranded('it');
    expect(it).toEqual([
      {
        organisation: FROM,
        year: 2024,
        correctedTo: ['Comune di Uno', 'Comune di Due'],
        deletedPlans: [],
        message: expect.stringContaining('«Comune di Vecchio» (corretto in «Comune di Uno», «Comune di Due»)'),
        records: {
          smvpVersions: [1],
          forms: [{ id: formId, person: 'Irene Impiegata', category: 'eq', categoryLabel: 'Elevata qualificazione / posizione organizzativa', state: 'draft', stateLabel: 'Obiettivi da condividere' }],
          distributions: [{ category: 'eq', categoryLabel: 'Elevata qualificazione / posizione organizzativa' }],
        },
        // Where the corrections lead first, then the year's other bodies; one with records of its own is said so.
        bodies: [
          { name: 'Comune di Due', candidate: true, hasRecords: false },
          { name: 'Comune di Uno', candidate: true, hasRecords: false },
          { name: 'Comune di Proprio', candidate: false, hasRecords: true },
        ],
      },
    ]);
    // The contract's document, and the one the OpenAPI document names.
    const doc = (await hr.get('/api/openapi.json')).body;
    expect(conforms(z.array(StrandedBodySchema), it)).toBe('conforms');
    expect(conforms(documented(doc, 'get', '/api/appraisals/stranded-bodies', 200), it)).toBe('conforms');
    const en = await stranded('en');
    expect(en[0].message).toContain('“Comune di Vecchio” (corrected to “Comune di Uno”, “Comune di Due”)');
    expect(en[0].records.forms[0].stateLabel).not.toBe('Obiettivi da condividere');
  });

  it('lets HR and the administrator alone assign them; others are refused, nothing moved', async () => {
    const body = { organisation: FROM, year: 2024, to: 'Comune di Uno' };
    for (const role of ['controller', 'referente', 'oiv'] as const) {
      const r = await (await t.as(role)).request('POST', ASSIGN, body);
      expect(r.status, r.text).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    const it = await (await t.as('controller')).request('POST', ASSIGN, body, { 'accept-language': 'it' });
    expect(it.body.error.message).toContain('attribuire a un ente i documenti rimasti sotto un ente corretto');
    expect((await new Client(t.url).request('POST', ASSIGN, body)).status).toBe(401);
    const bad = await hr.request('POST', ASSIGN, { organisation: FROM, year: 2024 });
    expect(bad.status, bad.text).toBe(400);
    expect(bad.body.error.issues.map((i: { location: { field: string } }) => i.location.field)).toContain('to');
    expect(await stranded()).toHaveLength(1);
    expect(await smvpOf(FROM)).toBe(true);
  });

  it('refuses a body with records of its own that year, at `to`, in Italian and English; nothing moved', async () => {
    const body = { organisation: FROM, year: 2024, to: 'Comune di Proprio' };
    const it = await hr.request('POST', ASSIGN, body, { 'accept-language': 'it' });
    expect(it.status, it.text).toBe(409);
    expect(it.body.error).toMatchObject({ code: 'conflict', details: { field: 'to' } });
    expect(it.body.error.message).toBe(
      '«Comune di Proprio» ha già un proprio SMVP, schede di valutazione o distribuzioni dei premi del 2024: quelli di «Comune di Vecchio» non possono unirsi ai suoi; scegliere un altro ente',
    );
    const en = await hr.request('POST', ASSIGN, body, { 'accept-language': 'en' });
    expect(en.body.error.message).toBe(
      '“Comune di Proprio” already has its own SMVP, appraisal forms or bonus distributions for 2024: those of “Comune di Vecchio” cannot join them; choose another body',
    );
    expect(await stranded()).toHaveLength(1);
    expect((await hr.get('/api/smvp/2024?organisation=Comune%20di%20Proprio')).body.reason).toBe('delibera n. 2');
    expect(await trail('smvp')).toEqual([]);
  });

  it('refuses a body whose plan was corrected away since the list was read, at `to`; the list then says where it went', async () => {
    const plans = (await controller.get('/api/plans')).body as { id: string; organisation: string }[];
    const due = plans.find((p) => p.organisation === 'Comune di Due')!;
    expect((await controller.request('PATCH', `/api/plans/${due.id}`, { organisation: 'Comune di Tre' })).status).toBe(200);
    const body = { organisation: FROM, year: 2024, to: 'Comune di Due' };
    const it = await hr.request('POST', ASSIGN, body, { 'accept-language': 'it' });
    expect(it.status, it.text).toBe(409);
    expect(it.body.error).toMatchObject({ code: 'conflict', details: { field: 'to' } });
    expect(it.body.error.message).toBe("nessun piano del 2024 porta più l'ente «Comune di Due» (il suo piano è stato corretto o eliminato nel frattempo): scegliere un altro ente");
    const en = await hr.request('POST', ASSIGN, body, { 'accept-language': 'en' });
    expect(en.body.error.message).toBe('no plan of 2024 carries the body “Comune di Due” any more (its plan was corrected or deleted meanwhile): choose another body');
    expect(await smvpOf(FROM)).toBe(true);
    // "Comune di Due" became "Comune di Tre": that is where its correction leads now.
    expect((await stranded())[0].bodies.filter((b: { candidate: boolean }) => b.candidate).map((b: { name: string }) => b.name)).toEqual(['Comune di Tre', 'Comune di Uno']);
  });

  it('moves them all to the body chosen, each on the trail with who, when, from and to', async () => {
    const before = Date.now();
    const r = await hr.request('POST', `${ASSIGN}?lang=it`, { organisation: FROM, year: 2024, to: 'Comune di Uno' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ organisation: FROM, year: 2024, to: 'Comune di Uno', moved: 3, message: '3 registrazioni del 2024 di «Comune di Vecchio» attribuite a «Comune di Uno»' });
    expect(conforms(StrandedAssignedSchema, r.body)).toBe('conforms');
    expect(conforms(documented((await hr.get('/api/openapi.json')).body, 'post', '/api/appraisals/stranded-bodies/assign', 200), r.body)).toBe('conforms');
    expect(await stranded()).toEqual([]);
    expect(await smvpOf(FROM)).toBe(false);
    expect(await smvpOf('Comune di Uno')).toBe(true);
    expect((await hr.get(`/api/appraisals/${formId}`)).body.organisation).toBe('Comune di Uno');
    expect((await hr.get('/api/rewards/2024?organisation=Comune%20di%20Uno')).body.map((d: { category: string }) => d.category)).toEqual(['eq']);
    const formTrail = (await hr.get(`/api/appraisals/${formId}/trail`)).body;
    expect(formTrail.at(-1)).toMatchObject({ action: 'assign-body', user: 'personale', before: { organisation: FROM }, after: { organisation: 'Comune di Uno' } });
    expect(Date.parse(formTrail.at(-1).at)).toBeGreaterThanOrEqual(before - 1000);
    for (const entity of ['smvp', 'bonus']) {
      const entries = await trail(entity);
      expect(
        entries.map((e) => [e.username, JSON.parse(e.before).organisation, JSON.parse(e.after).organisation]),
        entity,
      ).toEqual([['personale', FROM, 'Comune di Uno']]);
    }
  });

  it('refuses the same assignment from a list read before it, at `organisation`, in Italian and English; nothing moves again', async () => {
    const body = { organisation: FROM, year: 2024, to: 'Comune di Tre' };
    const it = await admin.request('POST', ASSIGN, body, { 'accept-language': 'it' });
    expect(it.status, it.text).toBe(409);
    expect(it.body.error).toMatchObject({ code: 'conflict', details: { field: 'organisation' } });
    expect(it.body.error.message).toBe(
      "le registrazioni del 2024 rimaste sotto «Comune di Vecchio» sono state attribuite nel frattempo, dopo che hai letto l'elenco: non c'è più niente da attribuire; ricaricare l'elenco",
    );
    const en = await admin.request('POST', ASSIGN, body, { 'accept-language': 'en' });
    expect(en.body.error.message).toBe('the 2024 records left under “Comune di Vecchio” were assigned meanwhile, after you read the list: nothing is left to assign; reload the list');
    expect(await smvpOf('Comune di Uno')).toBe(true);
    expect(await smvpOf('Comune di Tre')).toBe(false);
    expect(await trail('smvp')).toHaveLength(1);
  });

  it('says a name a plan carries again is its own, nothing to assign', async () => {
    await strandRecords(call(controller), call(hr), { from: 'Ente Andato', to: ['Ente Altro'], year: 2024, removePlan: removedFrom(db()) });
    expect((await stranded()).map((b: { organisation: string }) => b.organisation)).toEqual(['Ente Andato']);
    expect((await controller.request('POST', '/api/plans', { title: 'Di nuovo', year: 2024, organisation: 'Ente Andato' })).status).toBe(201);
    const r = await hr.request('POST', ASSIGN, { organisation: 'Ente Andato', year: 2024, to: 'Ente Altro' }, { 'accept-language': 'en' });
    expect(r.status, r.text).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'conflict', details: { field: 'organisation' } });
    expect(r.body.error.message).toBe('a plan of 2024 carries the body “Ente Andato” again: its records are its own again, nothing is left to assign; reload the list');
    expect(await smvpOf('Ente Andato')).toBe(true);
  });

  it('lets one of two assignments made at once through, the other refused, every record moved once', async () => {
    await strandRecords(call(controller), call(hr), { from: 'Ente Conteso', to: ['Ente Primo', 'Ente Secondo'], year: 2024, removePlan: removedFrom(db()) });
    const replies = await Promise.all(
      (
        [
          [hr, 'Ente Primo'],
          [admin, 'Ente Secondo'],
        ] as const
      ).map(([client, to]) => client.request('POST', ASSIGN, { organisation: 'Ente Conteso', year: 2024, to })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = replies.find((r) => r.status === 409)!;
    expect(refused.body.error).toMatchObject({ code: 'conflict', details: { field: 'organisation' }, params: { appraisal: 'stranded-gone' } });
    const winner = replies.find((r) => r.status === 200)!.body.to as string;
    expect([await smvpOf('Ente Primo'), await smvpOf('Ente Secondo')]).toEqual(winner === 'Ente Primo' ? [true, false] : [false, true]);
    expect((await trail('smvp')).filter((e) => JSON.parse(e.before).organisation === 'Ente Conteso')).toHaveLength(1);
  });

  // PostgreSQL only: SQLite lets one writer in at a time, so no other can hold the records half moved.
  if (backend === 'postgres')
    it('waits for an assignment under way and refuses once it has moved them, nothing written twice', async () => {
      await strandRecords(call(controller), call(hr), { from: 'Ente Atteso', to: ['Ente Qui', 'Ente Là'], year: 2024, removePlan: removedFrom(db()) });
      // Another HR's assignment, holding the SMVP's lock with the records moved and not yet committed.
      const other = `SELECT pg_advisory_xact_lock(4243); ${['smvp', 'appraisal_forms', 'bonus_distributions'].map((table) => `UPDATE ${table} SET organisation = 'Ente Qui' WHERE organisation = 'Ente Atteso'`).join('; ')}`;
      const r = await whileAnotherHolds(t.location, other, 'SELECT pg_advisory_xact_lock', () => hr.request('POST', ASSIGN, { organisation: 'Ente Atteso', year: 2024, to: 'Ente Là' }));
      expect(r.status, r.text).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'conflict', details: { field: 'organisation' } });
      expect([await smvpOf('Ente Qui'), await smvpOf('Ente Là')]).toEqual([true, false]);
      expect((await trail('smvp')).filter((e) => JSON.parse(e.before).organisation === 'Ente Atteso')).toEqual([]);
    });
});
