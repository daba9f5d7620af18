/**
 * One plan per body, year, version and title, over real HTTP on SQLite and PostgreSQL: a
 * next-year (or a new plan) that another request beat to the same year and title is answered 409
 * `conflict` naming the plan that got in, in the reader's language, and stores nothing; however
 * many are asked at once, one plan is made. Databases that already hold plans made twice are
 * migrated (78) without losing any: the later ones' titles take a number, on the record.
 *
 * The race is made as in races.test.ts (../support/another-writer.ts): on PostgreSQL another
 * connection's plan committed while the request's insert waits on the index, on SQLite a trigger's
 * plan inserted right before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/index.js';
import { settingsToJson } from '../../src/store/codec.js';
import { auditReasonText } from '../../src/messages/audit-reasons.js';
import { migrate } from '../../src/store/migrations.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { SYSTEM } from '../../src/store/index.js';
import { whileAnotherWrites } from '../support/another-writer.js';
import { oldDatabase } from '../support/old-database.js';
import { startWithFixture, type Backend, type Client, type Reply, type TestServer } from './harness.js';

interface PlanRow {
  id: string;
  title: string;
  year: number;
  version: string;
}

/** The other writer's plan: the fixture's body, `year`, version `plan`, `title`. */
const otherPlan = (id: string, source: string, year: number, title: string): string =>
  `INSERT INTO plans (id, organisation_id, title, year, version, published, settings, data_version, created_at, updated_at) SELECT '${id}', organisation_id, '${title}', ${year}, 'plan', 0, settings, 1, created_at, updated_at FROM plans WHERE id = '${source}'`;

/** `ask()` while another writer stores `insert` (a plan of the same key) between the store's check and its insert. */
const raced = (backend: Backend, t: TestServer, insert: string, ask: () => Promise<Reply>): Promise<Reply> => whileAnotherWrites(backend, t.location, { table: 'plans', insert }, ask);

describe.each<Backend>(['sqlite', 'postgres'])('one plan per year and title, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => ({ t, planId, controller } = await startWithFixture(backend)), 60_000);
  afterAll(async () => t?.close());

  const plans = async (year: number): Promise<PlanRow[]> => ((await controller.get('/api/plans')).body as PlanRow[]).filter((p) => p.year === year);

  it('answers the next-year another request beat with 409 conflict naming its plan, in Italian and English, and stores nothing of it', async () => {
    const auditBefore = (await controller.get('/api/audit?limit=1000')).body.length;
    const nextYear = (title: string, language: string) => () => controller.request('POST', `/api/plans/${planId}/next-year`, { year: 2025, title }, { 'accept-language': language });

    const refused = await raced(backend, t, otherPlan('other-2025', planId, 2025, 'Piano 2025'), nextYear('Piano 2025', 'it'));
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'conflict',
      message: `un'altra richiesta ha creato nello stesso momento il piano 2025 «Piano 2025»: nulla è stato salvato; aprire quel piano o scegliere un altro titolo`,
      params: { constraint: 'unique', subject: 'plan-title', year: 2025, title: 'Piano 2025' },
      details: { field: 'year', planId: 'other-2025' },
    });
    expect(refused.headers.get('content-language')).toBe('it');
    // The plan that got in stays, alone; nothing of the refused request (no plan, no audit entry).
    expect((await plans(2025)).map((p) => [p.id, p.title])).toEqual([['other-2025', 'Piano 2025']]);
    expect((await controller.get('/api/audit?limit=1000')).body).toHaveLength(auditBefore);

    const english = await raced(backend, t, otherPlan('other-2025-bis', planId, 2025, 'Piano 2025 bis'), nextYear('Piano 2025 bis', 'en'));
    expect([english.status, english.body.error.code, english.body.error.message, english.body.error.details]).toEqual([
      409,
      'conflict',
      'another request made the 2025 plan “Piano 2025 bis” at the same moment: nothing was stored; open that plan or choose another title',
      { field: 'year', planId: 'other-2025-bis' },
    ]);
    expect((await plans(2025)).map((p) => p.id).sort()).toEqual(['other-2025', 'other-2025-bis']);
  }, 60_000);

  it('makes one plan of many asked at once for one year and title: next-years of one plan and of another, a new plan; the others are told which', async () => {
    const organisation = ((await controller.get(`/api/plans/${planId}`)).body as { organisation: string }).organisation;
    const other = await controller.request('POST', '/api/plans', { title: 'Piano 2024 (sperimentale)', year: 2024, organisation });
    expect(other.status, other.text).toBe(201);
    const body = { year: 2025, title: 'Piano 2025 (unico)' };
    const replies = await Promise.all([
      // A double click on the button, and a second tab.
      controller.request('POST', `/api/plans/${planId}/next-year`, body),
      controller.request('POST', `/api/plans/${planId}/next-year`, body),
      controller.request('POST', `/api/plans/${planId}/next-year`, body),
      // Next year's plan from another plan of the body (of the same year: next year's plan is made from this year's), and a plan created by hand.
      controller.request('POST', `/api/plans/${String(other.body.id)}/next-year`, body),
      controller.request('POST', `/api/plans/${String(other.body.id)}/next-year`, body),
      controller.request('POST', '/api/plans', { ...body, organisation }),
    ]);
    const made = replies.filter((r) => r.status === 201);
    expect(made, replies.map((r) => `${r.status} ${r.text}`).join('\n')).toHaveLength(1);
    const winner = String(made[0]!.body.id);
    for (const r of replies.filter((reply) => reply.status !== 201)) {
      expect(r.status, r.text).toBe(409);
      // The later ones waited for the first (`conflict`); one that came after it finds it (`duplicate`): both name it.
      expect(['conflict', 'duplicate']).toContain(r.body.error.code);
      expect(r.body.error.details.planId).toBe(winner);
      expect(r.body.error.message).toMatch(/«Piano 2025 \(unico\)»|“Piano 2025 \(unico\)”/);
    }
    expect((await plans(2025)).filter((p) => p.title === body.title).map((p) => p.id)).toEqual([winner]);
  }, 120_000);

  it('refuses a plan created, imported or renamed onto the year and title of another (409 duplicate, naming it); another version may share them', async () => {
    const organisation = ((await controller.get(`/api/plans/${planId}`)).body as { organisation: string }).organisation;
    const first = await controller.request('POST', '/api/plans', { title: 'Piano 2027', year: 2027, organisation });
    expect(first.status, first.text).toBe(201);
    const again = await controller.request('POST', '/api/plans', { title: 'Piano 2027', year: 2027, organisation }, { 'accept-language': 'it' });
    expect([again.status, again.body.error.code, again.body.error.message, again.body.error.details]).toEqual([
      409,
      'duplicate',
      'esiste già un piano 2027 intitolato «Piano 2027»',
      { field: 'title', planId: first.body.id },
    ]);
    const second = await controller.request('POST', '/api/plans', { title: 'Piano 2027 bis', year: 2027, organisation });
    const renamed = await controller.request('PATCH', `/api/plans/${String(second.body.id)}`, { title: 'Piano 2027' }, { 'accept-language': 'en' });
    expect([renamed.status, renamed.body.error.code, renamed.body.error.message, renamed.body.error.details]).toEqual([
      409,
      'duplicate',
      'there is already a 2027 plan titled “Piano 2027”',
      { field: 'title', planId: first.body.id },
    ]);
    // The revision of the plan, as a plan of its own, keeps the title.
    const revision = await controller.request('PATCH', `/api/plans/${String(second.body.id)}`, { title: 'Piano 2027', version: 'revision' });
    expect(revision.status, revision.text).toBe(200);
    expect((await plans(2027)).map((p) => [p.title, p.version]).sort()).toEqual([
      ['Piano 2027', 'plan'],
      ['Piano 2027', 'revision'],
    ]);
  }, 60_000);
});

describe.each<Backend>(['sqlite', 'postgres'])('migration 78 (one plan per year and title) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('keeps every plan made twice, working: the first keeps its title, the later ones take a number, on the record', async () => {
    const open = await old.opener();
    // A database as it was before migration 78: a next-year asked twice at once made "Piano 2025" twice.
    const db = open();
    await migrate(db, 77);
    const settings = JSON.stringify(settingsToJson(DEFAULT_SETTINGS));
    const long = 'P'.repeat(300);
    await db.run(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'Ente', '2025-01-01T00:00:00.000Z'), ('o2', 'Altro ente', '2025-01-01T00:00:00.000Z')`);
    const plansAt: Array<[string, string, string, string, string]> = [
      // id, body, title, version, made at
      ['p-first', 'o', 'Piano 2025', 'plan', '2025-01-10T09:00:00.001Z'],
      ['p-second', 'o', 'Piano 2025', 'plan', '2025-01-10T09:00:00.002Z'],
      ['p-third', 'o', 'Piano 2025', 'plan', '2025-01-10T09:00:00.003Z'],
      // Taken already: the second gets (3), the third (4).
      ['p-two', 'o', 'Piano 2025 (2)', 'plan', '2025-01-01T00:00:00.000Z'],
      // Another version, another body: not the same plan.
      ['p-revision', 'o', 'Piano 2025', 'revision', '2025-01-11T00:00:00.000Z'],
      ['p-elsewhere', 'o2', 'Piano 2025', 'plan', '2025-01-12T00:00:00.000Z'],
      // At the title's limit: cut to make room for the number.
      ['p-long', 'o', long, 'plan', '2025-01-13T00:00:00.000Z'],
      ['p-long-again', 'o', long, 'plan', '2025-01-14T00:00:00.000Z'],
    ];
    for (const [id, organisation, title, version, at] of plansAt) {
      await db.run(`INSERT INTO plans (id, organisation_id, title, year, version, published, settings, data_version, created_at, updated_at) VALUES (?, ?, ?, 2025, ?, 0, ?, 1, ?, ?)`, [
        id,
        organisation,
        title,
        version,
        settings,
        at,
        at,
      ]);
      await db.run(`INSERT INTO periods (plan_id, id, label, ends_on, state, updated_at) VALUES (?, '2025-12-31', '31/12/2025', '2025-12-31', 'open', ?)`, [id, at]);
    }
    // The second plan's tree, to find it whole after.
    await db.run(`INSERT INTO nodes (plan_id, code, position, parent, title, level, weight, owner, unit, version) VALUES ('p-second', 'A', 0, NULL, 'Obiettivo A', NULL, NULL, NULL, NULL, 1)`);
    await db.run(
      `INSERT INTO indicators (plan_id, id, node_code, position, name, weight, comparator, target, unit, version) VALUES ('p-second', 'A:1', 'A', 0, 'Pratiche', '100', '>=', '10', 'number', 1)`,
    );
    await db.close();

    const store = await SqlStore.open(open());
    try {
      const titles = Object.fromEntries((await store.listPlans({ archived: 'all' })).map((p) => [p.id, p.title]));
      expect(titles).toEqual({
        'p-first': 'Piano 2025',
        'p-second': 'Piano 2025 (3)',
        'p-third': 'Piano 2025 (4)',
        'p-two': 'Piano 2025 (2)',
        'p-revision': 'Piano 2025',
        'p-elsewhere': 'Piano 2025',
        'p-long': long,
        'p-long-again': `${'P'.repeat(296)} (2)`,
      });
      // Nothing lost: the renamed plan's tree reads as before.
      const snapshot = await store.planForPeriod('p-second');
      expect(snapshot.ok && snapshot.value.plan.nodes.map((n) => [n.code, n.indicators.map((i) => i.name)])).toEqual([['A', ['Pratiche']]]);
      // On the record, by the system, with the reason.
      const entries = await store.listAudit({ planId: 'p-second' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'update', entity: 'plan', entityId: 'p-second', user: SYSTEM.username, before: { title: 'Piano 2025' }, after: { title: 'Piano 2025 (3)' } });
      expect(auditReasonText(entries[0]!.reason!, 'it')).toBe(
        'un piano 2025 dello stesso ente, fatto prima, ha lo stesso titolo e la stessa versione: il titolo di questo ha preso un numero, perché ogni piano sia uno solo',
      );
      expect(await store.listAudit({ planId: 'p-first' })).toEqual([]);
      // And from now on the database itself keeps one plan per key, whatever writes to it.
      const again = await store.createPlan({ title: 'Piano 2025', year: 2025, organisation: 'Ente' }, SYSTEM);
      expect(!again.ok && [again.error.code, again.error.details]).toEqual(['duplicate', { field: 'title', planId: 'p-first' }]);
    } finally {
      await store.close();
    }
    const raw = open();
    try {
      await expect(raw.run(`UPDATE plans SET title = 'Piano 2025' WHERE id = 'p-second'`)).rejects.toMatchObject({ code: backend === 'sqlite' ? 'SQLITE_CONSTRAINT_UNIQUE' : '23505' });
    } finally {
      await raw.close();
    }
  }, 60_000);
});
