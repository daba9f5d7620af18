/**
 * The reasons the program writes (a value's "N.V. nella tabella pubblicata", the audit trail's own
 * sentences) are stored as codes, over real HTTP and on real databases, SQLite and PostgreSQL: they
 * are said in the reader's language, and a person who types the program's very words sees them as
 * typed, in either. A database made before migration 80, which stored the program's words, reads
 * them translated after it; a person's reason there stays as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readReasonCode, reasonText } from '../../src/core/index.js';
import { auditReasonText } from '../../src/messages/audit-reasons.js';
import { settingsToJson } from '../../src/store/codec.js';
import { migrate } from '../../src/store/migrations.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { changeText } from '../../src/messages/changes.js';
import { hashPassword } from '../../src/server/auth.js';
import { startServer } from '../../src/server/server.js';
import type { Db } from '../../src/store/db.js';
import { SYSTEM } from '../../src/store/index.js';
import { oldDatabase } from '../support/old-database.js';
import { Client, enc, indicatorOf, PASSWORD, startWithFixture, type Backend, type TestServer } from './harness.js';

const PERIOD = '2024-12-31';
const IMPORTED = 'N.V. nella tabella pubblicata';

describe.each<Backend>(['sqlite', 'postgres'])('the program’s reasons as codes, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => ({ t, planId, controller } = await startWithFixture(backend)), 60_000);
  afterAll(async () => t?.close());

  const reasons = async (lang: 'it' | 'en'): Promise<Record<string, string>> => {
    const doc = (await controller.get(`/api/plans/${planId}/tree?lang=${lang}`)).body;
    return Object.fromEntries(doc.objectives.flatMap((o: any) => o.indicators.filter((i: any) => i.reason !== null).map((i: any) => [i.id, i.reason])));
  };
  const put = async (id: string, reason: string, notes?: string) => {
    const version = indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, id).version;
    return controller.request('PUT', `/api/plans/${planId}/indicators/${enc(id)}/measurements/${PERIOD}`, { state: 'not_evaluable', reason, version, ...(notes === undefined ? {} : { notes }) });
  };

  it('say the import’s reason in the language asked, and a person’s as typed, the program’s very words too', async () => {
    const imported = Object.keys(await reasons('it'))[0]!;
    // A person types the import's sentence, in each language, for two other values.
    expect((await put('A.2.1:1', IMPORTED)).status).toBe(200);
    const saved = await put('A.1.1:1', 'N.E. in the published table');
    expect([saved.status, saved.body.measurement.reason]).toEqual([200, 'N.E. in the published table']);
    expect(await reasons('it')).toEqual({ [imported]: IMPORTED, 'A.2.1:1': IMPORTED, 'A.1.1:1': 'N.E. in the published table' });
    expect(await reasons('en')).toEqual({ [imported]: 'N.E. in the published table', 'A.2.1:1': IMPORTED, 'A.1.1:1': 'N.E. in the published table' });
  });

  it('keep the import’s reason when a screen sends its words back with the value saved again', async () => {
    // The import's: neither value a person gave a reason above.
    const imported = Object.keys(await reasons('it')).find((id) => id !== 'A.2.1:1' && id !== 'A.1.1:1')!;
    // Sent back alone, its words are the import's reason: the value as it stands, nothing written.
    const same = await put(imported, 'N.E. in the published table');
    expect([same.status, same.body.unchanged, same.body.measurement.reason]).toEqual([200, true, IMPORTED]);
    // Sent back with a note added: a new version, the reason still the import's.
    const saved = await put(imported, 'N.E. in the published table', 'verificato');
    // The save answer's stored row says it in its Italian words, as before.
    expect([saved.status, saved.body.unchanged, saved.body.measurement.reason]).toEqual([200, false, IMPORTED]);
    expect((await reasons('it'))[imported]).toBe(IMPORTED);
    expect((await reasons('en'))[imported]).toBe('N.E. in the published table');
    // The trail answers the stored value whole, its reason in the Italian words it was answered with before.
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(imported)}&lang=en`)).body as Array<{ before: { reason: string }; after: { reason: string } }>;
    expect(trail.map((e) => [e.before.reason, e.after.reason])).toEqual([[IMPORTED, IMPORTED]]);
  });

  it('say a person’s reason that replaced the import’s as typed, in the tree read right after the save', async () => {
    const imported = Object.keys(await reasons('it')).find((id) => id !== 'A.2.1:1' && id !== 'A.1.1:1')!;
    expect((await put(imported, 'dati mancanti')).status).toBe(200);
    expect((await reasons('en'))[imported]).toBe('dati mancanti');
    expect((await reasons('it'))[imported]).toBe('dati mancanti');
  });

  it('leave on the trail a person’s reason in the program’s words as typed', async () => {
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    const reopened = await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'collecting', reason: 'riassegnazione' });
    expect(reopened.status, reopened.text).toBe(200);
    const trail = (await controller.get(`/api/audit?planId=${planId}&lang=en`)).body as Array<{ action: string; reason: string | null }>;
    expect(trail.filter((e) => e.reason !== null).map((e) => e.reason)).toEqual(['riassegnazione']);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('migration 80 (the program’s reasons as codes) on %s', (backend) => {
  const old = oldDatabase(backend);
  const at = '2025-01-10T09:00:00.000Z';
  const trail = [
    'riassegnazione',
    'reassignment, variazione n. 1: Riorganizzazione degli uffici',
    'variazione n. 2: nuovo target; baseline aggiornata al consuntivo 2024 corretto nel piano precedente',
    'validazione della Relazione 2025',
    'rettifica del dato',
  ];
  // What the migration rewrote, by kind: each trail entry above once, though most hold the words twice (in `before` and in `reason`).
  const recoded = { values: 2, keptValues: 1, closings: 1, relazioni: 1, revisionChanges: 1, auditEntries: 5 };

  /** A plan with three values not evaluable, as a database before migration 80 held it. */
  async function planBefore80(db: Db, reasons: readonly string[]): Promise<void> {
    await db.run(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'Ente', ?)`, [at]);
    await db.run(
      `INSERT INTO plans (id, organisation_id, title, year, version, published, settings, data_version, created_at, updated_at) VALUES ('p', 'o', 'Piano 2025', 2025, 'plan', 0, ?, 1, ?, ?)`,
      [JSON.stringify(settingsToJson(DEFAULT_SETTINGS)), at, at],
    );
    await db.run(`INSERT INTO periods (plan_id, id, label, ends_on, state, updated_at) VALUES ('p', '2025-12-31', '31/12/2025', '2025-12-31', 'open', ?)`, [at]);
    await db.run(`INSERT INTO nodes (plan_id, code, position, parent, title, level, weight, owner, unit, version) VALUES ('p', 'A', 0, NULL, 'Obiettivo A', NULL, NULL, NULL, NULL, 1)`);
    for (const [k, reason] of reasons.entries()) {
      const id = `A:${k + 1}`;
      await db.run(`INSERT INTO indicators (plan_id, id, node_code, position, name, weight, comparator, target, unit, version) VALUES ('p', ?, 'A', ?, ?, '33', '>=', '10', 'number', 1)`, [
        id,
        k,
        `Pratiche ${k}`,
      ]);
      await db.run(
        `INSERT INTO measurements (plan_id, indicator_id, period_id, state, reason, entered_by, entered_at, version) VALUES ('p', ?, '2025-12-31', 'not_evaluable', ?, 'controller', ?, 1)`,
        [id, reason, at],
      );
    }
  }

  /** A database as it was before migration 80, the program's reasons stored by their words wherever they were kept. */
  async function before80(open: () => Db): Promise<void> {
    const db = open();
    await migrate(db, 79);
    await planBefore80(db, [IMPORTED, 'N.E. in the published table', 'dati non disponibili']);
    for (const reason of trail) {
      await db.run(`INSERT INTO audit (at, username, action, entity, entity_id, plan_id, before, after, reason) VALUES (?, 'controller', 'measure', 'measurement', 'A:1@2025-12-31', 'p', ?, ?, ?)`, [
        at,
        JSON.stringify({ state: 'not_evaluable', reason: IMPORTED }),
        JSON.stringify({ state: 'not_evaluable', reason: 'dati non disponibili' }),
        reason,
      ]);
    }
    // An entry of no plan holding the program's words.
    await db.run(`INSERT INTO audit (at, username, action, entity, entity_id, plan_id, reason) VALUES (?, 'admin', 'update', 'user', 'u1', NULL, 'riassegnazione')`, [at]);
    // The value frozen at a closing and in a validated Relazione, kept after its indicator's deletion, and in that revision's change.
    const frozen = JSON.stringify({
      indicators: [
        { id: 'A:1', measurement: { state: 'not_evaluable', reason: IMPORTED } },
        { id: 'A:3', measurement: { state: 'not_evaluable', reason: 'dati non disponibili' } },
      ],
    });
    await db.run(`INSERT INTO period_closings (plan_id, period_id, seq, closed_at, closed_by, plan) VALUES ('p', '2025-12-31', 1, ?, 'controller', ?)`, [at, frozen]);
    await db.run(
      `INSERT INTO relazioni (plan_id, state, texts, note, reservations, checklist, validated_values, frozen_plan, version, updated_at) VALUES ('p', 'validated', '{}', '', '', '[]', '[]', ?, 1, ?)`,
      [frozen, at],
    );
    await db.run(
      `INSERT INTO kept_measurements (plan_id, indicator_id, period_id, state, reason, entered_by, entered_at, version) VALUES ('p', 'A:4', '2025-12-31', 'not_evaluable', ?, 'controller', ?, 1)`,
      [IMPORTED, at],
    );
    const kept = JSON.stringify({ removedValues: [{ indicator: 'A:1', value: { state: 'not_evaluable', reason: IMPORTED } }] });
    await db.run(`INSERT INTO plan_revisions (plan_id, seq, kind, reason, decided_on, status, opened_at) VALUES ('p', 1, 'variazione', ?, '2025-06-30', 'open', ?)`, [IMPORTED, at]);
    await db.run(
      `INSERT INTO plan_revision_changes (plan_id, revision_seq, seq, at, username, action, entity, entity_id, before, after) VALUES ('p', 1, 1, ?, 'controller', 'delete', 'indicator', 'A:4', ?, NULL)`,
      [at, kept],
    );
    await db.close();
  }

  it('turns the program’s stored words into codes, read in either language; a person’s reason stays as typed', async () => {
    const open = await old.opener();
    await before80(open);

    const store = await SqlStore.open(open());
    try {
      const snapshot = await store.planForPeriod('p');
      if (!snapshot.ok) throw new Error(snapshot.error.message);
      const measurements = snapshot.value.plan.nodes[0]!.indicators.map((i) => i.measurement as { state: string; reason: string });
      // The program's words in either language became its code; a person's reason did not.
      expect(measurements.map((m) => readReasonCode(m.reason)?.code ?? m.reason)).toEqual(['published-table', 'published-table', 'dati non disponibili']);
      expect(measurements.map((m) => reasonText(m.reason, 'en'))).toEqual(['N.E. in the published table', 'N.E. in the published table', 'dati non disponibili']);
      expect(measurements.map((m) => reasonText(m.reason, 'it'))).toEqual([IMPORTED, IMPORTED, 'dati non disponibili']);
      const entries = (await store.listAudit({ planId: 'p' })).filter((e) => e.action !== 'migrate');
      expect(entries.map((e) => auditReasonText(e.reason!, 'en')).reverse()).toEqual([
        'reassignment',
        'reassignment, revision n. 1: Riorganizzazione degli uffici',
        'revision n. 2: nuovo target; baseline updated to the 2024 actual corrected in the previous plan',
        'validazione della Relazione 2025',
        'rettifica del dato',
      ]);
      expect(entries.map((e) => auditReasonText(e.reason!, 'it')).reverse()).toEqual(['riassegnazione', 'riassegnazione, variazione n. 1: Riorganizzazione degli uffici', ...trail.slice(2)]);
      // The trail's before holds the value's code too, its after a person's reason as typed.
      expect(entries.map((e) => [readReasonCode((e.before as { reason: string }).reason)?.code, (e.after as { reason: string }).reason])[0]).toEqual(['published-table', 'dati non disponibili']);
      // The rewrite is on the trail: by the program, why, and how many records of each kind, for the plan and for the entries of none.
      const rewrites = (await store.listAudit({})).filter((e) => e.action === 'migrate');
      expect(rewrites.map((e) => [e.user, e.entity, e.entityId, e.planId, e.before, e.after])).toEqual([
        // Newest first: the plan's written first, the one of no plan last.
        ['system', 'migration', '80', null, null, { recoded: { auditEntries: 1 } }],
        ['system', 'migration', '80', 'p', null, { recoded }],
      ]);
      expect(rewrites.map((e) => auditReasonText(e.reason!, 'it'))).toEqual(Array(2).fill('motivazioni del programma registrate come codici, per dirle nella lingua di chi legge (migrazione 80)'));
      expect(changeText(rewrites[1]!, 'it')).toBe(
        'Migrazione 80: motivazioni riscritte, con lo stesso significato, in 2 valori, 1 valore conservato di un indicatore eliminato, 1 chiusura di un periodo, 1 Relazione validata, 1 modifica di una variazione e 5 voci del registro delle modifiche',
      );
    } finally {
      await store.close();
    }
    // And the trail is append-only again.
    const after = open();
    try {
      const document = async (sql: string) => JSON.parse(String((await after.all<{ d: string }>(sql))[0]!.d));
      for (const sql of [`SELECT plan AS d FROM period_closings`, `SELECT frozen_plan AS d FROM relazioni`]) {
        const frozen = (await document(sql)) as { indicators: Array<{ measurement: { reason: string } }> };
        expect(frozen.indicators.map((i) => readReasonCode(i.measurement.reason)?.code ?? i.measurement.reason)).toEqual(['published-table', 'dati non disponibili']);
      }
      const change = (await document(`SELECT before AS d FROM plan_revision_changes`)) as { removedValues: Array<{ value: { reason: string } }> };
      expect(readReasonCode(change.removedValues[0]!.value.reason)?.code).toBe('published-table');
      expect(readReasonCode((await after.all<{ reason: string }>(`SELECT reason FROM kept_measurements`))[0]!.reason)?.code).toBe('published-table');
      // A revision's reason is a person's: kept as typed, whatever its words.
      expect((await after.all<{ reason: string }>(`SELECT reason FROM plan_revisions`))[0]!.reason).toBe(IMPORTED);
      await expect(after.run(`UPDATE audit SET reason = 'x'`)).rejects.toThrow(/append-only/);
    } finally {
      await after.close();
    }
  }, 60_000);

  it('leaves no entry on the trail when the database held none of the program’s words', async () => {
    const open = await old.opener();
    const db = open();
    await migrate(db, 79);
    await planBefore80(db, ['dati non disponibili']);
    await db.run(`INSERT INTO audit (at, username, action, entity, entity_id, plan_id, reason) VALUES (?, 'controller', 'update', 'plan', 'p', 'p', 'rettifica del dato')`, [at]);
    await db.close();
    const store = await SqlStore.open(open());
    try {
      expect((await store.listAudit({})).map((e) => [e.action, e.reason])).toEqual([['update', 'rettifica del dato']]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('serves the migrated record from a server started on the old database, in the reader’s language', async () => {
    const { open, location } = await old.database();
    await before80(open);
    const signedIn = async (url: string, role: 'controller' | 'admin'): Promise<Client> => {
      const client = new Client(url);
      const reply = await client.login(role);
      expect(reply.status, reply.text).toBe(200);
      return client;
    };
    /** The trail's entries of the migration, as `GET /api/audit?query` answers them. */
    const rewrites = async (client: Client, query: string) => {
      const reply = await client.get(`/api/audit?${query}`);
      expect(reply.status, reply.text).toBe(200);
      return (reply.body as any[]).filter((e) => e.action === 'migrate').map((e) => ({ user: e.user, planId: e.planId, message: e.message, reason: e.reason, recoded: e.params.recoded }));
    };
    const first = await startServer({ location, port: 0, host: '127.0.0.1' });
    try {
      const hash = await hashPassword(PASSWORD);
      for (const role of ['controller', 'admin'] as const) {
        const created = await first.store.createUser({ username: role, displayName: role, role, units: [], passwordHash: hash }, SYSTEM);
        if (!created.ok) throw new Error(created.error.message);
      }
      const controller = await signedIn(first.url, 'controller');
      const tree = async (lang: 'it' | 'en') => {
        const reply = await controller.get(`/api/plans/p/tree?lang=${lang}`);
        expect(reply.status, reply.text).toBe(200);
        return reply.body.objectives[0].indicators.map((i: any) => i.reason);
      };
      expect(await tree('en')).toEqual(['N.E. in the published table', 'N.E. in the published table', 'dati non disponibili']);
      expect(await tree('it')).toEqual([IMPORTED, IMPORTED, 'dati non disponibili']);
      expect(await rewrites(controller, 'planId=p&lang=en')).toEqual([
        {
          user: 'system',
          planId: 'p',
          message:
            'Migration 80: reasons rewritten, with the same meaning, in 2 values, 1 kept value of a deleted indicator, 1 period closing, 1 validated Relazione, 1 change of a revision and 5 entries of the audit trail',
          reason: "the program's reasons stored as codes, to say them in the reader's language (migration 80)",
          recoded,
        },
      ]);
      const italian = await rewrites(controller, 'planId=p&lang=it');
      expect(italian.map((e) => e.reason)).toEqual(['motivazioni del programma registrate come codici, per dirle nella lingua di chi legge (migrazione 80)']);
      expect(italian[0]!.message).toMatch(/^Migrazione 80: motivazioni riscritte, con lo stesso significato, in 2 valori, /);
      // The entry of no plan is the administrator's to read, as the trail's other entries of no plan.
      expect((await rewrites(controller, 'lang=en')).map((e) => e.planId)).toEqual(['p']);
      expect((await rewrites(await signedIn(first.url, 'admin'), 'lang=en')).map((e) => [e.planId, e.recoded])).toEqual([
        [null, { auditEntries: 1 }],
        ['p', recoded],
      ]);
    } finally {
      await first.close();
    }
    // Started again, the migration is not run again: no second entry.
    const second = await startServer({ location, port: 0, host: '127.0.0.1' });
    try {
      expect(await rewrites(await signedIn(second.url, 'admin'), 'lang=en')).toHaveLength(2);
    } finally {
      await second.close();
    }
  }, 90_000);
});

// Drawn in place, as a small plan's, and on a worker from the plan, as a big plan's: each with the value saved since the plan was evaluated.
describe.each([
  ['in place', {}],
  ['on a worker', { offThread: { inlineIndicators: 0 } }],
] as const)('a workbook the server exported (drawn %s), imported again', (_, options) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => ({ t, planId, controller } = await startWithFixture('sqlite', options)), 60_000);
  afterAll(async () => t?.close());

  it('says the import’s reason in the reader’s language again; a person’s own reason stays as typed', async () => {
    // A person's reason beside the import's (the fixture's N.V.).
    const version = indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, 'A.1.1:1').version;
    const typed = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('A.1.1:1')}/measurements/${PERIOD}`, { state: 'not_evaluable', reason: 'dati mancanti', version });
    expect(typed.status, typed.text).toBe(200);
    const reasons = async (id: string, lang: 'it' | 'en'): Promise<Record<string, string>> => {
      const doc = (await controller.get(`/api/plans/${id}/tree?lang=${lang}`)).body;
      return Object.fromEntries(doc.objectives.flatMap((o: any) => o.indicators.filter((i: any) => i.reason !== null).map((i: any) => [i.id, i.reason])));
    };
    const exported = await reasons(planId, 'en');
    const imported = Object.keys(exported).find((id) => id !== 'A.1.1:1')!;
    expect(exported).toEqual({ [imported]: 'N.E. in the published table', 'A.1.1:1': 'dati mancanti' });

    // Exported in Italian, as the office downloads it, and imported as another body's plan.
    const workbook = await fetch(`${t.url}/api/plans/${planId}/export?format=xlsx&period=${PERIOD}&lang=it`, { headers: { cookie: controller.cookie! } });
    expect(workbook.status).toBe(200);
    const form = new FormData();
    form.set('file', new Blob([await workbook.arrayBuffer()]), 'albero-2024.xlsx');
    form.set('organisation', 'Ente 2');
    const again = await controller.request('POST', '/api/plans/import', form);
    expect(again.status, again.text).toBe(201);
    const back = again.body.plan.id as string;

    // Read in English: the import's reason in English words, as before the export; the person's as typed.
    expect(await reasons(back, 'en')).toEqual({ [imported]: 'N.E. in the published table', 'A.1.1:1': 'dati mancanti' });
    expect(await reasons(back, 'it')).toEqual({ [imported]: IMPORTED, 'A.1.1:1': 'dati mancanti' });
  }, 60_000);
});
