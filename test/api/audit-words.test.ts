/**
 * The audit trail said by code: each entry of `/api/audit` carries `code: 'change'` with its
 * parameters (the fields that changed, old and new values as neutral text: exact decimals, ISO
 * dates) and the sentence in the reader's language, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntrySchema } from '../../src/contract/index.js';
import { samePlanRenamedReason } from '../../src/messages/audit-reasons.js';
import { recordAudit } from '../../src/store/audit-log.js';
import { SYSTEM } from '../../src/store/index.js';
import { openPostgres } from '../../src/store/postgres/db.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('audit entries by code on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  });
  afterAll(async () => t?.close());

  it('gives a changed value its code, raw params and a sentence in Italian or English', async () => {
    const saved = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-12-31`, { state: 'measured', actual: '1234.05', version: 1 });
    expect(saved.status, saved.text).toBe(200);
    const read = async (language: 'it' | 'en', query = '') => {
      const reply = await controller.request('GET', `/api/audit?planId=${planId}&indicator=${enc('A.2.1:1')}${query}`, undefined, { 'accept-language': language });
      expect(reply.status, reply.text).toBe(200);
      for (const entry of reply.body) expect(AuditEntrySchema.safeParse(entry).success, JSON.stringify(entry)).toBe(true);
      return reply.body[0];
    };
    const it = await read('it');
    expect(it).toMatchObject({ entity: 'measurement', entityId: 'A.2.1:1@2024-12-31', code: 'change' });
    expect(it.params).toMatchObject({ entity: 'measurement', id: 'A.2.1:1@2024-12-31' });
    const k = it.params.fields.indexOf('actual');
    expect(k).toBeGreaterThanOrEqual(0);
    // Raw values, not words: the exact decimal as stored, whatever the reader's language.
    expect(it.params.after[k]).toBe('1234.05');
    const before = it.params.before[k];
    expect(it.message).toContain(`Valore di «Attività di informazione e orientamento ai mercati» (A.2.1) al 31/12/2024`);
    expect(it.message).toContain(`consuntivo ${before.replace('.', ',')} → 1234,05`);
    const en = await read('en');
    expect(en.params).toEqual(it.params);
    expect(en.message).toContain(`Value of «Attività di informazione e orientamento ai mercati» (A.2.1) at 31/12/2024`);
    expect(en.message).toContain(`actual ${before} → 1234.05`);
    // ?lang wins over the header, as for every answer said in words.
    expect((await read('en', '&lang=it')).message).toBe(it.message);
  });

  it("says a rule's floor, a formula and a revision's act when only they change, in the reader's words", async () => {
    const plan = `/api/plans/${planId}`;
    expect((await controller.request('POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await controller.request('POST', `${plan}/revisions`, { reason: 'soglia rivista' })).status).toBe(201);
    const indicator = `${plan}/indicators/${enc('A.2.1:1')}`;
    const floor = async (value: number, version: number) => {
      const reply = await controller.request('PATCH', indicator, { scoring: { kind: 'threshold', floor: value }, version });
      expect(reply.status, reply.text).toBe(200);
      return reply.body.version as number;
    };
    const version = await floor(60, await floor(50, (await controller.get(`${plan}/tree`)).body.objectives.find((o: any) => o.code === 'A.2.1').indicators[0].definitionVersion));
    const latest = async (query: string): Promise<string> => {
      const reply = await controller.request('GET', `/api/audit?planId=${planId}${query}&limit=1`, undefined, { 'accept-language': 'it' });
      expect(reply.status, reply.text).toBe(200);
      return reply.body[0].message;
    };
    expect(await latest(`&indicator=${enc('A.2.1:1')}`)).toBe('Indicatore «Attività di informazione e orientamento ai mercati» (A.2.1): regola di punteggio a soglia da 50 → a soglia da 60');
    expect(await latest(`&indicator=${enc('A.2.1:1')}&lang=en`)).toBe('Indicator «Attività di informazione e orientamento ai mercati» (A.2.1): scoring rule threshold from 50 → threshold from 60');
    const ratio = await controller.request('PATCH', indicator, { formula: { kind: 'ratio', numerator: 'evase', denominator: 'ricevute' }, version });
    expect(ratio.status, ratio.text).toBe(200);
    expect(await latest(`&indicator=${enc('A.2.1:1')}`)).toBe('Indicatore «Attività di informazione e orientamento ai mercati» (A.2.1): formula — → evase / ricevute × 100');
    expect(await latest(`&indicator=${enc('A.2.1:1')}&lang=en`)).toBe('Indicator «Attività di informazione e orientamento ai mercati» (A.2.1): formula — → evase / ricevute × 100');
    // A percentage's target and weight, as the published table prints them; the units go with the params, which the contract declares.
    const sportello = `${plan}/indicators/${enc('A.2.1:2')}`;
    const retarget = await controller.request('PATCH', sportello, { target: 55, weight: 25, version: indicatorOf((await controller.get(`${plan}/tree`)).body, 'A.2.1:2').definitionVersion });
    expect(retarget.status, retarget.text).toBe(200);
    expect(await latest(`&indicator=${enc('A.2.1:2')}`)).toBe('Indicatore «Capacità di risposta dello sportello internazionalizzazione» (A.2.1): peso 20% → 25%; target 60,00% → 55,00%');
    expect(await latest(`&indicator=${enc('A.2.1:2')}&lang=en`)).toBe('Indicator «Capacità di risposta dello sportello internazionalizzazione» (A.2.1): weight 20% → 25%; target 60.00% → 55.00%');
    const [entry] = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc('A.2.1:2')}&limit=1`)).body;
    expect(entry.params).toMatchObject({ beforeUnit: 'percent', afterUnit: 'percent' });
    expect(AuditEntrySchema.safeParse(entry).success, JSON.stringify(entry.params)).toBe(true);
    // A percentage's rule floor too, in its unit as the table prints it (it was said by its value, "40").
    const floored = await controller.request('PATCH', sportello, {
      scoring: { kind: 'threshold', floor: 40 },
      version: indicatorOf((await controller.get(`${plan}/tree`)).body, 'A.2.1:2').definitionVersion,
    });
    expect(floored.status, floored.text).toBe(200);
    expect(await latest(`&indicator=${enc('A.2.1:2')}`)).toBe(
      'Indicatore «Capacità di risposta dello sportello internazionalizzazione» (A.2.1): regola di punteggio regola del piano → a soglia da 40,00%',
    );
    expect(await latest(`&indicator=${enc('A.2.1:2')}&lang=en`)).toBe(
      "Indicator «Capacità di risposta dello sportello internazionalizzazione» (A.2.1): scoring rule the plan's rule → threshold from 40.00%",
    );
    expect((await controller.request('POST', `${plan}/revisions/1/approve`, {})).status).toBe(200);
    expect(await latest('')).toBe('Variazione 1 (approvazione): stato aperta → approvata; modifiche — → 2; passaggi registrati — → 5');
    expect(await latest('&lang=en')).toBe('Revision 1 (approval): status open → approved; changes — → 2; recorded steps — → 5');
    for (const number of ['40', '41']) {
      const reply = await controller.request('PATCH', `${plan}/revisions/1`, { act: { kind: 'Delibera di Giunta', number, date: '2024-05-02' } });
      expect(reply.status, reply.text).toBe(200);
    }
    expect(await latest('')).toBe('Variazione 1: atto Delibera di Giunta n. 40 del 02/05/2024 → Delibera di Giunta n. 41 del 02/05/2024');
  });

  it('says the reason the program wrote (migration 78 renaming a plan made twice) in the reader’s language, a person’s as typed', async () => {
    // The entry as migration 78 writes it in a database it renames a plan in: by the system, its reason's code.
    const db = backend === 'sqlite' ? openSqlite(t.location) : openPostgres(t.location);
    try {
      const reason = samePlanRenamedReason(2024);
      await recordAudit(db, SYSTEM, { action: 'update', entity: 'plan', entityId: planId, planId, before: { title: 'Piano 2024' }, after: { title: 'Piano 2024 (2)' }, reason });
    } finally {
      await db.close();
    }
    const read = async (lang: string) => (await controller.get(`/api/audit?planId=${planId}&lang=${lang}`)).body as Array<{ entity: string; entityId: string; user: string; reason: string | null }>;
    const renamed = (entries: Awaited<ReturnType<typeof read>>) => entries.find((e) => e.entity === 'plan' && e.user === SYSTEM.username)!.reason;
    expect(renamed(await read('it'))).toBe(
      'un piano 2024 dello stesso ente, fatto prima, ha lo stesso titolo e la stessa versione: il titolo di questo ha preso un numero, perché ogni piano sia uno solo',
    );
    expect(renamed(await read('en'))).toBe("an earlier 2024 plan of the same body has the same title and version: this one's title took a number, so that each plan is one");
    // The revision's reason the controller typed stays as typed in English.
    expect((await read('en')).filter((e) => e.entity === 'revision').map((e) => e.reason)).toContain('soglia rivista');
  });

  it('names who changed a value and who closed a period by their display name, the username kept beside it', async () => {
    const plan = `/api/plans/${planId}`;
    const admin = await t.as('admin');
    const account = (await admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'controller');
    expect((await admin.request('PATCH', `/api/users/${account.id}`, { displayName: 'Carla Rossi' })).status).toBe(200);
    const tree = (await controller.get(`${plan}/tree?period=2024-06-30`)).body;
    const saved = await controller.request('PUT', `${plan}/indicators/${enc('A.2.1:2')}/measurements/2024-06-30`, { state: 'measured', actual: 10, version: indicatorOf(tree, 'A.2.1:2').version });
    expect(saved.status, saved.text).toBe(200);
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc('A.2.1:2')}`)).body;
    expect(trail[0]).toMatchObject({ user: 'controller', userName: 'Carla Rossi' });
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `${plan}/periods/2024-06-30/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    const closed = (await controller.get(`${plan}/tree?period=2024-06-30`)).body;
    expect(closed.closing).toMatchObject({ closedBy: 'controller', closedByName: 'Carla Rossi' });
    const changes = (await controller.get(`${plan}/changes?period=2024-06-30&againstClosing=true`)).body;
    expect(changes.before.closing).toMatchObject({ closedBy: 'controller', closedByName: 'Carla Rossi' });
  });
});
