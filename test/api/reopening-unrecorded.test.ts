/**
 * The year end reopened after the OIV's validation and taking values again, as the office reads it,
 * on SQLite and PostgreSQL, when the period's row does not say who reopened it or why: migration 87
 * filled the row from the trail, whose older entries may hold an empty name or reason (null where
 * the trail had none). The tree's `validation.reopening` says them null, and an objective's
 * explanation says the sentence whole, leaving out what was not recorded (before: «riaperto il … da ,
 * dopo …», «perché «»»). Each reading is a fresh server on the database, written as the migration left it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/server.js';
import { openPostgres } from '../../src/store/postgres/db.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { adoptAndReview, Client, startWithFixture, type Backend, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const DAY = String.raw`\d\d/\d\d/\d{4}`;
const REST_IT = String.raw`, dopo la validazione dell'OIV del ${DAY}: il periodo raccoglie di nuovo valori, e le cifre della Relazione validate dall'OIV il ${DAY} non valgono per i valori cambiati da allora$`;
const REST_EN = String.raw`, after the OIV validated it on ${DAY}: the period takes values again, and the Relazione's figures the OIV validated on ${DAY} do not hold for the values changed since$`;

describe.each<Backend>(['sqlite', 'postgres'])('a reopening of the year end recorded without a name or a reason, on %s', (backend) => {
  let t: TestServer;
  let planId: string;

  beforeAll(async () => {
    let controller: Client;
    ({ t, planId, controller } = await startWithFixture(backend));
    const [oiv, admin] = [await t.as('oiv'), await t.as('admin')];
    await adoptAndReview(planId, controller, oiv);
    expect((await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' })).status).toBe(200);
    const reopened = await admin.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'errore di caricamento su A.3' });
    expect(reopened.status, reopened.text).toBe(200);
  }, 180_000);
  afterAll(async () => t?.close());

  /** The year end's row as migration 87 may have left it: who reopened it and why, as given. */
  async function recorded(by: string | null, reason: string | null): Promise<void> {
    const db = backend === 'sqlite' ? openSqlite(t.location) : openPostgres(t.location);
    try {
      await db.run(`UPDATE periods SET reopened_by = ?, reopen_reason = ? WHERE plan_id = ? AND id = ?`, [by, reason, planId, YEAR_END]);
    } finally {
      await db.close();
    }
  }

  /** What a fresh server on the database tells the office: the tree's reopening and A.3's explanation in either language. */
  async function office(): Promise<{ reopening: unknown; it: string; en: string }> {
    const server = await startServer({ location: t.location, port: 0, host: '127.0.0.1' });
    try {
      const controller = new Client(server.url);
      expect((await controller.login('controller')).status).toBe(200);
      const tree = await controller.get(`/api/plans/${planId}/tree`);
      expect(tree.status, tree.text).toBe(200);
      const notice = async (lang: 'it' | 'en'): Promise<string> => {
        const explained = await controller.get(`/api/plans/${planId}/nodes/A.3/explanation?lang=${lang}`);
        expect(explained.status, explained.text).toBe(200);
        return explained.body.notice;
      };
      return { reopening: tree.body.validation.reopening, it: await notice('it'), en: await notice('en') };
    } finally {
      await server.close();
    }
  }

  it('says who reopened it and why when the row has them', async () => {
    const read = await office();
    expect(read.reopening).toMatchObject({ by: 'admin', reason: 'errore di caricamento su A.3' });
    expect(read.it).toMatch(new RegExp(`^riaperto il ${DAY} da admin perché «errore di caricamento su A\\.3»${REST_IT}`));
    expect(read.en).toMatch(new RegExp(`^reopened on ${DAY} by admin because “errore di caricamento su A\\.3”${REST_EN}`));
  }, 60_000);

  it('leaves out the reason the row does not have, empty or null', async () => {
    for (const reason of ['', null]) {
      await recorded('admin', reason);
      const read = await office();
      expect(read.reopening).toMatchObject({ by: 'admin', reason: null });
      expect(read.it).toMatch(new RegExp(`^riaperto il ${DAY} da admin${REST_IT}`));
      expect(read.en).toMatch(new RegExp(`^reopened on ${DAY} by admin${REST_EN}`));
    }
  }, 60_000);

  it('leaves out who, the row naming nobody, empty or null', async () => {
    for (const by of ['', null]) {
      await recorded(by, 'errore di caricamento su A.3');
      const read = await office();
      expect(read.reopening).toMatchObject({ by: null, reason: 'errore di caricamento su A.3' });
      expect(read.it).toMatch(new RegExp(`^riaperto il ${DAY} perché «errore di caricamento su A\\.3»${REST_IT}`));
      expect(read.en).toMatch(new RegExp(`^reopened on ${DAY} because “errore di caricamento su A\\.3”${REST_EN}`));
    }
  }, 60_000);

  it('says only when, with neither', async () => {
    for (const [by, reason] of [
      ['', ''],
      [null, null],
    ] as const) {
      await recorded(by, reason);
      const read = await office();
      expect(read.reopening).toMatchObject({ by: null, reason: null });
      expect(read.it).toMatch(new RegExp(`^riaperto il ${DAY}${REST_IT}`));
      expect(read.en).toMatch(new RegExp(`^reopened on ${DAY}${REST_EN}`));
    }
  }, 60_000);
});
