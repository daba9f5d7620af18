/**
 * One suite, every backend (the Hono `common.case` pattern): `sqlite.test.ts` and
 * `postgres.test.ts` run exactly these cases, so the two stores cannot drift apart.
 * `newLocation` gives a fresh, empty database each time (a file path or a postgres:// URL).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Decimal, evaluatePlan, toJsonNumber } from '../core/index.js';
import { importTableBytes } from '../io/load.js';
import { ALBERO_GOLDEN } from '../../test/golden-values.js';
import { FIXTURE } from '../../test/helpers.js';
import Database from 'better-sqlite3';
import pg from 'pg';
import { renderMessage } from '../messages/index.js';
import { isPostgresUrl, openStore, SYSTEM, type Actor, type Result, type Store } from './index.js';
import { recordAudit } from './audit-log.js';
import type { Db, Queryable } from './db.js';
import { openPostgres } from './postgres/db.js';
import { SqlStore } from './sql-store.js';
import { openSqlite } from './sqlite/db.js';

const alice: Actor = { id: null, username: 'alice' };

export async function importFixture(store: Store): Promise<string> {
  const table = await importTableBytes(readFileSync(FIXTURE), 'albero-performance-2024.txt');
  const imported = await store.importPlan({ table: table.value!, year: 2024, organisation: 'Camera di commercio' }, SYSTEM);
  if (!imported.ok) throw new Error(imported.error.message);
  return imported.value.id;
}

/** A statement on a second connection, bypassing the store (as a careless script would). */
async function rawSql(location: string, sql: string): Promise<void> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(location);
  try {
    db.prepare(sql).run();
  } finally {
    db.close();
  }
}

/** The rows of a query on a second connection, bypassing the store. */
async function rawRows(location: string, sql: string): Promise<Record<string, unknown>[]> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(location);
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Every write of a period's row, counted by the database itself (a trigger recording the state it leaves). */
async function countPeriodWrites(location: string): Promise<void> {
  await rawSql(location, `CREATE TABLE period_writes (state TEXT)`);
  if (isPostgresUrl(location)) {
    await rawSql(location, `CREATE FUNCTION period_written() RETURNS trigger AS $$ BEGIN INSERT INTO period_writes VALUES (NEW.state); RETURN NEW; END $$ LANGUAGE plpgsql`);
    await rawSql(location, `CREATE TRIGGER period_written AFTER UPDATE ON periods FOR EACH ROW EXECUTE FUNCTION period_written()`);
  } else {
    await rawSql(location, `CREATE TRIGGER period_written AFTER UPDATE ON periods BEGIN INSERT INTO period_writes VALUES (NEW.state); END`);
  }
}

/**
 * A store on `location` whose first statement starting with `statement` is preceded, in its own
 * transaction, by `meanwhile`: another desk's save landing between the store's check and its write
 * (which the row locks and SQLite's serial writers otherwise keep from happening).
 */
async function storeWithSaveBetween(location: string, statement: string, meanwhile: (tx: Queryable) => Promise<void>): Promise<Store> {
  const db = isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
  let armed = true;
  const run =
    (tx: Queryable): Queryable['run'] =>
    async (sql, params) => {
      if (armed && sql.startsWith(statement)) {
        armed = false;
        await meanwhile(tx);
      }
      return tx.run(sql, params);
    };
  const wrapped: Db = { ...db, transaction: (work) => db.transaction((tx) => work({ ...tx, run: run(tx) })) };
  return SqlStore.open(wrapped);
}

export function storeSuite(name: string, newLocation: () => Promise<string>): void {
  describe(`store on ${name}`, () => {
    const open: Store[] = [];
    const fresh = async (location?: string): Promise<Store> => {
      const store = await openStore(location ?? (await newLocation()));
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('migrates an empty database, and opening it again changes nothing', async () => {
      const location = await newLocation();
      const first = await fresh(location);
      expect(first.dialect).toBe(name);
      const planId = await importFixture(first);
      await first.close();
      open.splice(open.indexOf(first), 1);
      const second = await fresh(location);
      expect((await second.listPlans()).map((p) => p.id)).toEqual([planId]);
    });

    it('lets two servers start on one new database at once: the migrations run once', async () => {
      const location = await newLocation();
      const [a, b] = await Promise.all([fresh(location), fresh(location)]);
      await importFixture(a);
      expect((await b.listPlans()).length).toBe(1);
    });

    it('imports the fixture, and the engine computes the published figures from what was stored', async () => {
      const store = await fresh();
      const planId = await importFixture(store);
      const plans = await store.listPlans();
      expect(plans).toHaveLength(1);
      expect(plans[0]).toMatchObject({ id: planId, organisation: 'Camera di commercio', year: 2024, version: 'plan', published: false, title: 'Albero performance 2024' });
      const periods = await store.listPeriods(planId);
      expect(periods?.map((p) => [p.id, p.label, p.state])).toEqual([
        ['2024-06-30', '30/06/2024', 'open'],
        ['2024-09-30', '30/09/2024', 'open'],
        ['2024-12-31', '31/12/2024', 'open'],
      ]);
      const snapshot = await store.planForPeriod(planId);
      if (!snapshot.ok) throw new Error(snapshot.error.message);
      expect(snapshot.value.period.id).toBe('2024-12-31');
      const evaluation = evaluatePlan(snapshot.value.plan);
      for (const [code, expected] of Object.entries(ALBERO_GOLDEN)) {
        expect(toJsonNumber(evaluation.node(code)?.performance ?? null), code).toBe(expected);
      }
      // Weights come back as the exact decimals stored, not floats.
      const a2 = snapshot.value.plan.nodes.find((n) => n.code === 'A.2')!;
      expect(a2.indicators.map((i) => i.weight.toString())).toEqual(['30', '70']);
      expect(snapshot.value.indicators.get('A.2.1:1')?.measurement?.version).toBe(1);
      // The mid-year period has no values yet.
      const june = await store.planForPeriod(planId, '2024-06-30');
      if (!june.ok) throw new Error(june.error.message);
      expect(june.value.plan.nodes.flatMap((n) => n.indicators).every((i) => i.measurement.state === 'not_measured')).toBe(true);
      expect((await store.planForPeriod(planId, '2024-13-01')).ok).toBe(false);
      expect((await store.planForPeriod('nope')).ok).toBe(false);
    });

    it('stores a measurement only against the current version, and audits it with before and after', async () => {
      const store = await fresh();
      const planId = await importFixture(store);
      const dataVersion = await store.dataVersion(planId);
      const first = await store.putMeasurement(
        planId,
        'B.1.1:1',
        '2024-06-30',
        { state: 'measured', actual: { kind: 'number', value: new Decimal('0.1') }, evidence: 'protocollo 12', source: 'gestionale' },
        0,
        alice,
      );
      expect(first.ok && first.value.version).toBe(1);
      expect(first.ok && first.value.planDataVersion).toBe(dataVersion! + 1);
      const stale = await store.putMeasurement(planId, 'B.1.1:1', '2024-06-30', { state: 'not_achieved', actual: null }, 0, alice);
      expect(stale.ok).toBe(false);
      if (!stale.ok) {
        expect(stale.error.code).toBe('conflict');
        expect(stale.error.details?.current).toMatchObject({ state: 'measured', actual: { kind: 'number', value: '0.1' }, version: 1, enteredBy: 'alice' });
      }
      const second = await store.putMeasurement(planId, 'B.1.1:1', '2024-06-30', { state: 'not_evaluable', actual: null, reason: 'dato non disponibile' }, 1, alice);
      expect(second.ok && second.value).toMatchObject({ version: 2, state: 'not_evaluable', reason: 'dato non disponibile', actual: null });
      const stored = await store.getMeasurement(planId, 'B.1.1:1', '2024-06-30');
      expect(stored?.version).toBe(2);
      const trail = await store.listAudit({ planId, indicator: 'B.1.1:1' });
      expect(trail.map((a) => [a.action, a.user, (a.before as { version?: number } | null)?.version ?? null, (a.after as { version: number }).version])).toEqual([
        ['measure', 'alice', 1, 2],
        ['measure', 'alice', null, 1],
      ]);
      expect((await store.listAudit({ planId, node: 'B.1.1' })).length).toBe(2);
      const unknown = await store.putMeasurement(planId, 'Z.9:1', '2024-06-30', { state: 'not_achieved', actual: null }, 0, alice);
      expect(!unknown.ok && unknown.error.code).toBe('not-found');
    });

    it('lets exactly one of many simultaneous writers of the same version through', async () => {
      const store = await fresh();
      const planId = await importFixture(store);
      const attempts = await Promise.all(
        Array.from({ length: 12 }, (_, k) =>
          store.putMeasurement(planId, 'A.2.1:1', '2024-12-31', { state: 'measured', actual: { kind: 'number', value: new Decimal(k) } }, 1, { id: null, username: `u${k}` }),
        ),
      );
      const winners = attempts.filter((a) => a.ok);
      expect(winners).toHaveLength(1);
      expect(attempts.filter((a) => !a.ok && a.error.code === 'conflict')).toHaveLength(11);
      const trail = await store.listAudit({ planId, indicator: 'A.2.1:1' });
      expect(trail).toHaveLength(1);
      expect(trail[0]!.user).toBe(winners[0]!.ok ? winners[0]!.value.enteredBy : '');
    });

    it("names who saved an indicator when another save lands between the update's version check and its write", async () => {
      const location = await newLocation();
      const setup = await fresh(location);
      const plan = await setup.createPlan({ title: 'Piano 2025', year: 2025 }, alice);
      if (!plan.ok) throw new Error('create');
      const planId = plan.value.id;
      expect((await setup.addNode(planId, { code: 'A', title: 'Area A', parent: null, weight: null }, alice)).ok).toBe(true);
      expect(
        (await setup.addIndicator(planId, 'A', { name: 'Bandi pubblicati', weight: new Decimal(100), comparator: '>=', target: { kind: 'number', value: new Decimal(20) }, unit: 'number' }, alice)).ok,
      ).toBe(true);
      const at = '2025-03-01T09:00:00.000Z';
      const store = await storeWithSaveBetween(location, 'UPDATE indicators SET name', async (tx) => {
        await tx.run(`UPDATE indicators SET name = 'Bandi pubblicati (di bob)', version = version + 1 WHERE plan_id = ? AND id = ?`, [planId, 'A:1']);
        await recordAudit(tx, { id: null, username: 'bob' }, { action: 'update', entity: 'indicator', entityId: 'A:1', planId, node: 'A', indicator: 'A:1', after: { version: 2 } }, at);
      });
      open.push(store);
      const refused = await store.updateIndicator(planId, 'A:1', { name: 'Bandi pubblicati (di alice)' }, 1, alice);
      expect(!refused.ok && [refused.error.code, refused.error.params]).toEqual(['conflict', { what: 'indicator', id: 'A:1', version: 2, sent: 1, by: 'bob' }]);
      expect(!refused.ok && refused.error.details?.current).toMatchObject({ id: 'A:1', name: 'Bandi pubblicati (di bob)', version: 2, updatedBy: 'bob', updatedAt: at });
      const stored = await store.planForPeriod(planId);
      expect(stored.ok && stored.value.plan.nodes[0]!.indicators.map((i) => i.name)).toEqual(['Bandi pubblicati (di bob)']);
    });

    it('walks a period through its states; a locked period refuses values; reopening needs a reason', async () => {
      const store = await fresh();
      const planId = await importFixture(store);
      const period = '2024-09-30';
      expect((await store.transitionPeriod(planId, period, 'closed', null, alice)).ok).toBe(false);
      expect((await store.transitionPeriod(planId, period, 'collecting', null, alice)).ok).toBe(true);
      expect((await store.transitionPeriod(planId, period, 'closed', null, alice)).ok).toBe(true);
      const refused = await store.putMeasurement(planId, 'A.2.1:1', period, { state: 'not_achieved', actual: null }, 0, alice);
      expect(!refused.ok && refused.error.code).toBe('period-locked');
      expect(await store.getMeasurement(planId, 'A.2.1:1', period)).toBeUndefined();
      const validated = await store.transitionPeriod(planId, period, 'validated', null, { id: null, username: 'oiv' });
      expect(validated.ok && validated.value.state).toBe('validated');
      const noReason = await store.transitionPeriod(planId, period, 'collecting', '  ', alice);
      // A reopening without its reason is the reason left empty, said at that field; an impossible move is the state machine's.
      expect(!noReason.ok && [noReason.error.code, noReason.error.details]).toEqual(['invalid', { field: 'reason' }]);
      const impossible = await store.transitionPeriod(planId, period, 'closed', null, alice);
      expect(!impossible.ok && [impossible.error.code, impossible.error.details]).toEqual(['invalid-transition', { from: 'validated', to: 'closed' }]);
      expect((await store.transitionPeriod(planId, period, 'collecting', 'errore materiale nel dato di B.1', alice)).ok).toBe(true);
      expect((await store.putMeasurement(planId, 'A.2.1:1', period, { state: 'not_achieved', actual: null }, 0, alice)).ok).toBe(true);
      const trail = (await store.listAudit({ planId })).filter((a) => a.entity === 'period');
      expect(trail.map((a) => [a.action, (a.after as { state: string }).state, a.reason])).toEqual([
        ['void-validation', 'collecting', 'errore materiale nel dato di B.1'],
        ['validate', 'validated', null],
        ['transition', 'closed', null],
        ['transition', 'collecting', null],
      ]);
    });

    it('closes a period with values unreviewed only when acknowledged, counting them on the trail; approved and sent back ones are reviewed', async () => {
      const store = await fresh();
      const planId = await importFixture(store);
      const period = '2024-09-30';
      expect((await store.transitionPeriod(planId, period, 'collecting', null, alice)).ok).toBe(true);
      for (const id of ['A.2.1:1', 'A.2.1:2', 'A.2.1:3', 'B.2.2:1']) expect((await store.putMeasurement(planId, id, period, { state: 'not_achieved', actual: null }, 0, alice)).ok).toBe(true);
      // A.2.1:1 approved as it stands, A.2.1:2 sent back: both reviewed. A.2.1:3 approved, then
      // changed (its approval superseded) and B.2.2:1 never looked at: unreviewed.
      expect((await store.reviewMeasurement(planId, 'A.2.1:1', period, 'approve', null, 1, alice)).ok).toBe(true);
      expect((await store.reviewMeasurement(planId, 'A.2.1:2', period, 'return', 'manca la fonte', 1, alice)).ok).toBe(true);
      expect((await store.reviewMeasurement(planId, 'A.2.1:3', period, 'approve', null, 1, alice)).ok).toBe(true);
      expect((await store.putMeasurement(planId, 'A.2.1:3', period, { state: 'not_measured', actual: null }, 1, alice)).ok).toBe(true);
      const before = await store.listAudit({ planId });

      const refused = await store.transitionPeriod(planId, period, 'closed', null, alice);
      expect(!refused.ok && [refused.error.code, refused.error.params, refused.error.details]).toEqual([
        'unreviewed-values',
        { label: '30/09/2024', count: 2 },
        {
          unreviewed: 2,
          values: [
            { indicatorId: 'A.2.1:3', indicator: expect.any(String), node: 'A.2.1', approvalSuperseded: true },
            { indicatorId: 'B.2.2:1', indicator: expect.any(String), node: 'B.2.2', approvalSuperseded: false },
          ],
        },
      ]);
      // Refused, nothing changed: the period collecting, no closing frozen, nothing on the trail.
      expect((await store.listPeriods(planId))!.find((p) => p.id === period)!.state).toBe('collecting');
      expect(await store.lastClosing(planId, period)).toBeUndefined();
      expect(await store.listAudit({ planId })).toEqual(before);

      // Acknowledging fewer than there are (one come in since the list was read) is refused the same way, saying how many were seen.
      const fewer = await store.transitionPeriod(planId, period, 'closed', null, alice, { acknowledgeUnreviewed: 1 });
      expect(!fewer.ok && [fewer.error.code, fewer.error.params, fewer.error.details?.unreviewed]).toEqual(['unreviewed-values', { label: '30/09/2024', count: 2, seen: 1 }, 2]);
      expect(await store.listAudit({ planId })).toEqual(before);

      const closed = await store.transitionPeriod(planId, period, 'closed', null, alice, { acknowledgeUnreviewed: 2 });
      expect(closed.ok && closed.value.state).toBe('closed');
      const [entry] = await store.listAudit({ planId, entity: 'period', limit: 1 });
      expect([entry!.user, entry!.action, entry!.after]).toEqual(['alice', 'transition', { state: 'closed', unreviewed: 2 }]);

      // Reopened and every value reviewed: the closing needs no acknowledgement, and the trail counts none.
      expect((await store.transitionPeriod(planId, period, 'collecting', 'revisione completata', alice)).ok).toBe(true);
      expect((await store.reviewMeasurement(planId, 'A.2.1:3', period, 'approve', null, 2, alice)).ok).toBe(true);
      expect((await store.reviewMeasurement(planId, 'B.2.2:1', period, 'return', 'dato da verificare', 1, alice)).ok).toBe(true);
      expect((await store.transitionPeriod(planId, period, 'closed', null, alice)).ok).toBe(true);
      const [again] = await store.listAudit({ planId, entity: 'period', limit: 1 });
      expect(again!.after).toEqual({ state: 'closed' });
    });

    it("keeps a period's latest reopening on its row (the trail's moment, who, why), read when after a moment; the move to validated is one write", async () => {
      const location = await newLocation();
      const store = await fresh(location);
      const planId = await importFixture(store);
      const period = '2024-09-30';
      await countPeriodWrites(location);
      const bob: Actor = { id: null, username: 'bob' };
      expect((await store.transitionPeriod(planId, period, 'collecting', null, alice)).ok).toBe(true);
      expect((await store.transitionPeriod(planId, period, 'closed', null, alice)).ok).toBe(true);
      // Open to collecting is no reopening: none yet.
      expect(await store.periodReopening(planId, period, '')).toBeNull();
      expect((await store.transitionPeriod(planId, period, 'collecting', 'dato di B.1.1 corretto', alice)).ok).toBe(true);
      const first = (await store.listAudit({ planId, entity: 'period', limit: 1 }))[0]!;
      expect(await store.periodReopening(planId, period, '')).toEqual({ at: first.at, user: 'alice', reason: 'dato di B.1.1 corretto', label: '30/09/2024', state: 'collecting' });
      // Not after its own moment, nor after a later one.
      expect(await store.periodReopening(planId, period, first.at)).toBeNull();
      expect((await store.transitionPeriod(planId, period, 'closed', null, alice)).ok).toBe(true);
      const validated = await store.transitionPeriod(planId, period, 'validated', null, { id: null, username: 'oiv' });
      expect(validated.ok).toBe(true);
      const decidedAt = await store.periodValidatedAt(planId, period);
      expect(decidedAt).toBe(validated.ok ? validated.value.updatedAt : null);
      // The earlier reopening, with the period as it is now; none since the validation.
      expect(await store.periodReopening(planId, period, '')).toMatchObject({ at: first.at, user: 'alice', state: 'validated' });
      expect(await store.periodReopening(planId, period, decidedAt!)).toBeNull();
      // A reopening is after the validation when its moment is later: on a fast machine the two
      // writes can fall in the same millisecond, which no office's two decisions do.
      while (new Date().toISOString() <= decidedAt!) await new Promise((resolve) => setTimeout(resolve, 1));
      expect((await store.transitionPeriod(planId, period, 'collecting', 'errore materiale', bob)).ok).toBe(true);
      const second = (await store.listAudit({ planId, entity: 'period', limit: 1 }))[0]!;
      expect(second.action).toBe('void-validation');
      expect(await store.periodReopening(planId, period, decidedAt!)).toEqual({ at: second.at, user: 'bob', reason: 'errore materiale', label: '30/09/2024', state: 'collecting' });
      expect(await store.periodReopening(planId, 'nessuno', '')).toBeNull();
      // Each move wrote the period's row once (before: the move to validated wrote its state, then when).
      const writes = (await rawRows(location, `SELECT state FROM period_writes`)).map((r) => String(r.state));
      expect(writes.sort()).toEqual(['closed', 'closed', 'collecting', 'collecting', 'collecting', 'validated']);
    });

    it('counts failed sign-ins per key in a window, locks from the fifth, forgets them on success', async () => {
      const store = await fresh();
      const lockFor = (count: number): number => (count >= 3 ? 1000 * count : 0);
      const t0 = 1_700_000_000_000;
      expect(await store.loginFailures(['u:anna'])).toEqual([]);
      for (let k = 1; k <= 2; k++) expect(await store.addLoginFailure('u:anna', t0 + k, 60_000, lockFor)).toMatchObject({ count: k, until: 0 });
      expect(await store.addLoginFailure('u:anna', t0 + 3, 60_000, lockFor)).toEqual({ key: 'u:anna', count: 3, firstAt: t0 + 1, until: t0 + 3 + 3000 });
      await store.addLoginFailure('a:10.0.0.1', t0, 60_000, lockFor);
      expect((await store.loginFailures(['u:anna', 'a:10.0.0.1', 'u:bruno'])).map((f) => [f.key, f.count]).sort()).toEqual([
        ['a:10.0.0.1', 1],
        ['u:anna', 3],
      ]);
      // After the window a new series starts, and the old ones of other keys are dropped.
      expect(await store.addLoginFailure('u:anna', t0 + 120_000, 60_000, lockFor)).toMatchObject({ count: 1, firstAt: t0 + 120_000, until: 0 });
      expect(await store.loginFailures(['a:10.0.0.1'])).toEqual([]);
      await store.clearLoginFailures(['u:anna']);
      expect(await store.loginFailures(['u:anna'])).toEqual([]);
    });

    it('freezes a period at each closing, so what a reopening changed can be shown against it', async () => {
      const store = await fresh();
      const planId = await importFixture(store);
      const period = '2024-12-31';
      expect(await store.lastClosing(planId, period)).toBeUndefined();
      await store.transitionPeriod(planId, period, 'collecting', null, alice);
      expect((await store.transitionPeriod(planId, period, 'closed', null, alice, { acknowledgeUnreviewed: true })).ok).toBe(true);
      const first = (await store.lastClosing(planId, period))!;
      expect(first).toMatchObject({ periodId: period, seq: 1, closedBy: 'alice' });
      expect(toJsonNumber(evaluatePlan(first.plan).node('B.1')!.performance)).toBe(56);
      // Reopened with a reason, a value corrected: the frozen copy keeps the value as closed.
      await store.transitionPeriod(planId, period, 'collecting', 'dato di B.1.1 corretto', alice);
      const current = (await store.getMeasurement(planId, 'B.1.1:5', period))!;
      expect((await store.putMeasurement(planId, 'B.1.1:5', period, { state: 'measured', actual: { kind: 'number', value: new Decimal('1.2') } }, current.version, alice)).ok).toBe(true);
      const still = (await store.lastClosing(planId, period))!;
      const frozen = still.plan.nodes.find((n) => n.code === 'B.1.1')!.indicators.find((i) => i.id === 'B.1.1:5')!;
      expect(frozen.measurement).toEqual({ state: 'measured', actual: { kind: 'number', value: new Decimal('0.69') } });
      // Closed again: a second copy, the latest one wins.
      await store.transitionPeriod(planId, period, 'closed', null, alice, { acknowledgeUnreviewed: true });
      const second = (await store.lastClosing(planId, period))!;
      expect(second.seq).toBe(2);
      const refrozen = second.plan.nodes.find((n) => n.code === 'B.1.1')!.indicators.find((i) => i.id === 'B.1.1:5')!;
      expect(refrozen.measurement).toMatchObject({ state: 'measured', actual: { kind: 'number', value: new Decimal('1.2') } });
      // A plan with a closed period is not deleted; reopened, deleting it takes its frozen copies with it.
      const refused = await store.deletePlan(planId, alice);
      expect(!refused.ok && refused.error.code).toBe('plan-has-closed-periods');
      await store.transitionPeriod(planId, period, 'collecting', 'da eliminare', alice);
      expect((await store.deletePlan(planId, alice)).ok).toBe(true);
      expect(await store.lastClosing(planId, period)).toBeUndefined();
    });

    it('gives a plan its own monitoring periods, adds, renames and deletes them; every change audited', async () => {
      const store = await fresh();
      const monthly = await store.createPlan({ title: 'Piano 2025', year: 2025, periods: [{ endsOn: '2025-04-30', label: 'Monitoraggio al 30/04/2025' }, { endsOn: '2025-12-31' }] }, alice);
      if (!monthly.ok) throw new Error(monthly.error.message);
      const planId = monthly.value.id;
      expect((await store.listPeriods(planId))?.map((p) => [p.id, p.label, p.endsOn, p.state])).toEqual([
        ['2025-04-30', 'Monitoraggio al 30/04/2025', '2025-04-30', 'open'],
        ['2025-12-31', '31/12/2025', '2025-12-31', 'open'],
      ]);
      // Without a list the three usual periods; a bad list is refused with the field named.
      const usual = await store.createPlan({ title: 'Piano', year: 2025 }, alice);
      expect(usual.ok && (await store.listPeriods(usual.value.id))?.map((p) => p.id)).toEqual(['2025-06-30', '2025-09-30', '2025-12-31']);
      for (const [periods, field] of [
        [[{ endsOn: '2024-12-31' }], 'periods.0.endsOn'],
        [[{ endsOn: '2025-06-30' }, { endsOn: '2025-02-30' }], 'periods.1.endsOn'],
        [[{ endsOn: '2025-06-30' }, { endsOn: '2025-06-30' }], 'periods.1.endsOn'],
        [[], 'periods'],
      ] as const) {
        const refused = await store.createPlan({ title: 'x', year: 2025, periods }, alice);
        expect(!refused.ok && [refused.error.code, refused.error.details?.field]).toEqual(['invalid', field]);
      }

      const before = await store.dataVersion(planId);
      const added = await store.addPeriod(planId, { endsOn: '2025-07-31', label: ' Monitoraggio al 31/07/2025 ' }, alice);
      expect(added.ok && added.value).toMatchObject({ id: '2025-07-31', label: 'Monitoraggio al 31/07/2025', endsOn: '2025-07-31', state: 'open' });
      expect(await store.dataVersion(planId)).toBeGreaterThan(before!);
      expect((await store.listPeriods(planId))?.map((p) => p.id)).toEqual(['2025-04-30', '2025-07-31', '2025-12-31']);
      const twice = await store.addPeriod(planId, { endsOn: '2025-07-31', label: 'again' }, alice);
      expect(!twice.ok && twice.error.code).toBe('duplicate');
      for (const endsOn of ['2026-01-31', '2025-13-01', '31/07/2025', '2025-7-1']) {
        const bad = await store.addPeriod(planId, { endsOn }, alice);
        expect(!bad.ok && [bad.error.code, bad.error.details?.field]).toEqual(['invalid', 'endsOn']);
      }
      expect((await store.addPeriod('nope', { endsOn: '2025-07-31' }, alice)).ok).toBe(false);
      // Two additions of one date at once: one wins, the other is a duplicate.
      const race = await Promise.all([store.addPeriod(planId, { endsOn: '2025-10-31' }, alice), store.addPeriod(planId, { endsOn: '2025-10-31' }, alice)]);
      expect(race.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['duplicate', 'ok']);

      const renamed = await store.renamePeriod(planId, '2025-07-31', 'Luglio 2025', alice);
      expect(renamed.ok && renamed.value.label).toBe('Luglio 2025');
      expect(!(await store.renamePeriod(planId, '2025-07-31', '  ', alice)).ok).toBe(true);
      expect((await store.renamePeriod(planId, '2025-08-31', 'x', alice)).ok).toBe(false);

      // A period with a value, or no longer open, stays; an empty open one goes.
      expect((await store.addNode(planId, { code: 'A', title: 'Area A', parent: null, weight: null }, alice)).ok).toBe(true);
      expect(
        (await store.addIndicator(planId, 'A', { name: 'Pratiche', weight: new Decimal(100), comparator: '>=', target: { kind: 'number', value: new Decimal(10) }, unit: 'number' }, alice)).ok,
      ).toBe(true);
      expect((await store.putMeasurement(planId, 'A:1', '2025-04-30', { state: 'measured', actual: { kind: 'number', value: new Decimal(4) } }, 0, alice)).ok).toBe(true);
      const holding = await store.deletePeriod(planId, '2025-04-30', alice);
      expect(!holding.ok && [holding.error.code, holding.error.details]).toEqual(['period-in-use', { reason: 'has-measurements', measurements: 1 }]);
      expect((await store.transitionPeriod(planId, '2025-10-31', 'collecting', null, alice)).ok).toBe(true);
      const collecting = await store.deletePeriod(planId, '2025-10-31', alice);
      expect(!collecting.ok && [collecting.error.code, collecting.error.details?.reason]).toEqual(['period-in-use', 'not-open']);
      const deleted = await store.deletePeriod(planId, '2025-07-31', alice);
      expect(deleted.ok && deleted.value.label).toBe('Luglio 2025');
      expect((await store.deletePeriod(planId, '2025-07-31', alice)).ok).toBe(false);
      expect((await store.listPeriods(planId))?.map((p) => p.id)).toEqual(['2025-04-30', '2025-10-31', '2025-12-31']);
      const lonely = await store.createPlan({ title: 'Annuale', year: 2025, periods: [{ endsOn: '2025-12-31' }] }, alice);
      const last = lonely.ok ? await store.deletePeriod(lonely.value.id, '2025-12-31', alice) : null;
      expect(last !== null && !last.ok && last.error.details?.reason).toBe('last-period');

      const trail = (await store.listAudit({ planId })).filter((a) => a.entity === 'period' && a.entityId === '2025-07-31');
      expect(trail.map((a) => [a.action, a.user, a.before, a.after])).toEqual([
        ['delete', 'alice', { endsOn: '2025-07-31', label: 'Luglio 2025', state: 'open' }, null],
        ['update', 'alice', { label: 'Monitoraggio al 31/07/2025' }, { label: 'Luglio 2025' }],
        ['create', 'alice', null, { endsOn: '2025-07-31', label: 'Monitoraggio al 31/07/2025', state: 'open' }],
      ]);
      const created = (await store.listAudit({ planId })).find((a) => a.entity === 'plan' && a.action === 'create');
      expect((created?.after as { periods: unknown }).periods).toEqual([
        { endsOn: '2025-04-30', label: 'Monitoraggio al 30/04/2025' },
        { endsOn: '2025-12-31', label: '31/12/2025' },
      ]);
    });

    it('edits the tree: objectives and indicators, with versions, and every change audited', async () => {
      const store = await fresh();
      const plan = await store.createPlan({ title: 'Piano 2025', year: 2025 }, alice);
      if (!plan.ok) throw new Error('create');
      const planId = plan.value.id;
      expect((await store.addNode(planId, { code: 'A', title: 'Area A', parent: null, weight: null }, alice)).ok).toBe(true);
      expect((await store.addNode(planId, { code: 'A.1', title: 'Obiettivo', parent: 'A', weight: new Decimal('33.33'), unit: 'Ufficio A' }, alice)).ok).toBe(true);
      const orphan = await store.addNode(planId, { code: 'B.1', title: 'x', parent: 'B', weight: null }, alice);
      expect(!orphan.ok && orphan.error.code).toBe('not-found');
      const twice = await store.addNode(planId, { code: 'A', title: 'again', parent: null, weight: null }, alice);
      expect(!twice.ok && twice.error.code).toBe('duplicate');
      const added = await store.addIndicator(
        planId,
        'A.1',
        { name: 'Pratiche evase', weight: new Decimal(100), comparator: '>=', target: { kind: 'number', value: new Decimal(10) }, unit: 'number' },
        alice,
      );
      expect(added.ok && added.value).toEqual({ id: 'A.1:1', version: 1 });
      const patched = await store.updateIndicator(planId, 'A.1:1', { target: { kind: 'number', value: new Decimal(20) }, scoring: { kind: 'proportional' } }, 1, alice);
      expect(patched.ok && patched.value.version).toBe(2);
      const stale = await store.updateIndicator(planId, 'A.1:1', { weight: new Decimal(50) }, 1, alice);
      expect(!stale.ok && stale.error.code).toBe('conflict');
      expect((await store.putMeasurement(planId, 'A.1:1', '2025-12-31', { state: 'measured', actual: { kind: 'number', value: new Decimal(15) } }, 0, alice)).ok).toBe(true);
      const snapshot = await store.planForPeriod(planId);
      if (!snapshot.ok) throw new Error('snapshot');
      const evaluation = evaluatePlan(snapshot.value.plan);
      expect(toJsonNumber(evaluation.node('A.1')!.performance)).toBe(75);
      // The unit named by text became a registry unit, referred to by id.
      const unitA = (await store.listUnits()).find((u) => u.name === 'Ufficio A')!;
      expect(snapshot.value.nodes.get('A.1')).toEqual({ owner: null, unitName: 'Ufficio A', unitId: unitA.id, personId: null, person: null, version: 1 });
      expect(await store.indicatorContext(planId, 'A.1:1')).toEqual({
        objective: 'A.1',
        unit: 'number',
        scoring: { kind: 'proportional' },
        target: { kind: 'number', value: new Decimal(20) },
        baseline: null,
        nextTargets: [null, null],
        formula: null,
        owner: null,
        objectiveOwners: [],
        objectiveUnitNames: ['Ufficio A'],
        unitIds: [unitA.id],
        personIds: [],
      });
      expect(await store.indicatorContext(planId, 'A.1:9')).toBeUndefined();
      // The values a new unit would have to read: the year end is still open.
      expect(await store.openActuals(planId, 'A.1:1')).toEqual([{ periodId: '2025-12-31', label: '31/12/2025', actual: { kind: 'number', value: new Decimal(15) } }]);
      const renamed = await store.updateNode(planId, 'A.1', { title: 'Obiettivo rinominato', owner: 'bruno' }, 1, alice);
      expect(renamed.ok && renamed.value).toEqual({ owner: 'bruno', unitName: 'Ufficio A', unitId: unitA.id, personId: null, person: null, version: 2 });
      expect(!(await store.updateNode(planId, 'A.1', { title: 'x' }, 1, alice)).ok).toBe(true);
      const blocked = await store.deleteNode(planId, 'A', alice);
      expect(!blocked.ok && blocked.error.code).toBe('has-children');
      // The year end, still open, holds its value: said first, removed only when confirmed, and kept on the trail.
      const asked = await store.deleteIndicator(planId, 'A.1:1', alice);
      expect(!asked.ok && [asked.error.code, asked.error.details]).toEqual([
        'values-to-remove',
        { values: 1, files: 0, periods: [{ period: '2025-12-31', label: '31/12/2025', values: 1, files: 0 }] },
      ]);
      expect((await store.deleteIndicator(planId, 'A.1:1', alice, true)).ok).toBe(true);
      expect((await store.deleteNode(planId, 'A.1', alice)).ok).toBe(true);
      const trail = await store.listAudit({ planId });
      const removed = (trail.find((a) => a.action === 'delete' && a.entity === 'indicator')!.before as { removedValues: unknown }).removedValues;
      expect(removed).toEqual([
        {
          period: '2025-12-31',
          periodLabel: '31/12/2025',
          indicator: 'A.1:1',
          value: expect.objectContaining({ state: 'measured', actual: { kind: 'number', value: '15' }, enteredBy: alice.username }),
          files: [],
          review: null,
        },
      ]);
      expect(trail.map((a) => `${a.action} ${a.entity}`)).toEqual([
        'delete node',
        'delete indicator',
        'update node',
        'measure measurement',
        'update indicator',
        'create indicator',
        'create node',
        'create node',
        'create plan',
      ]);
      const update = trail.find((a) => a.action === 'update' && a.entity === 'indicator')!;
      expect((update.before as { target: unknown }).target).toEqual({ kind: 'number', value: '10' });
      expect((update.after as { target: unknown }).target).toEqual({ kind: 'number', value: '20' });
    });

    it("keeps a deleted indicator's closed-period value and file and every thread, and never gives its id again", async () => {
      const store = await fresh();
      const plan = await store.createPlan({ title: 'Piano 2025', year: 2025 }, alice);
      if (!plan.ok) throw new Error('create');
      const planId = plan.value.id;
      expect((await store.addNode(planId, { code: 'A', title: 'Area A', parent: null, weight: null }, alice)).ok).toBe(true);
      const indicator = { name: 'Pratiche evase', weight: new Decimal(100), comparator: '>=' as const, target: { kind: 'number' as const, value: new Decimal(10) }, unit: 'number' as const };
      expect((await store.addIndicator(planId, 'A', indicator, alice)).ok).toBe(true);
      const author = { ...alice, displayName: 'Alice', role: 'controller' as const };
      expect((await store.putMeasurement(planId, 'A:1', '2025-06-30', { state: 'measured', actual: { kind: 'number', value: new Decimal(4) } }, 0, alice)).ok).toBe(true);
      expect((await store.attachments.add(planId, 'A:1', '2025-06-30', { name: 'giugno.csv', mediaType: 'text/csv', bytes: Buffer.from('pratiche;4\n') }, alice)).ok).toBe(true);
      expect((await store.comments.add(planId, 'A:1', '2025-06-30', 'Dato di giugno', author)).ok).toBe(true);
      expect((await store.comments.add(planId, 'A:1', '2025-09-30', 'Settembre in arrivo', author)).ok).toBe(true);
      for (const to of ['collecting', 'closed'] as const) expect((await store.transitionPeriod(planId, '2025-06-30', to, null, alice, { acknowledgeUnreviewed: true })).ok).toBe(true);

      // Nothing of an open period is lost, so nothing is asked: June is closed, September holds only a comment.
      expect((await store.deleteIndicator(planId, 'A:1', alice)).ok).toBe(true);
      expect(await store.indicatorContext(planId, 'A:1')).toBeUndefined();
      expect(await store.keptIndicator(planId, 'A:1')).toMatchObject({ indicatorId: 'A:1', objective: 'A', name: 'Pratiche evase', owner: null });
      const files = await store.attachments.list(planId, 'A:1', '2025-06-30');
      expect(files.map((f) => f.name)).toEqual(['giugno.csv']);
      expect((await store.attachments.get(planId, 'A:1', '2025-06-30', files[0]!.id))!.bytes.toString()).toBe('pratiche;4\n');
      expect((await store.comments.list(planId, 'A:1', '2025-06-30')).map((c) => c.body)).toEqual(['Dato di giugno']);
      expect((await store.comments.list(planId, 'A:1', '2025-09-30')).map((c) => c.body)).toEqual(['Settembre in arrivo']);
      const deleted = (await store.listAudit({ planId })).find((a) => a.action === 'delete' && a.entity === 'indicator')!;
      expect((deleted.before as { keptRecords: unknown }).keptRecords).toEqual({ values: 1, files: 1, comments: 2 });
      // The closed June's value is read back as it was entered; the open September kept none.
      const june = await store.keptValues(planId, '2025-06-30');
      expect([...june.keys()]).toEqual(['A:1']);
      expect(june.get('A:1')).toMatchObject({ indicatorId: 'A:1', periodId: '2025-06-30', state: 'measured', enteredBy: 'alice', version: 1 });
      expect(june.get('A:1')!.actual).toEqual({ kind: 'number', value: new Decimal(4) });
      expect((await store.keptValues(planId, '2025-09-30')).size).toBe(0);
      // A new indicator takes the next id: the kept records stay the deleted one's.
      const next = await store.addIndicator(planId, 'A', indicator, alice);
      expect(next.ok && next.value.id).toBe('A:2');
      expect(await store.attachments.list(planId, 'A:2', '2025-06-30')).toEqual([]);
    });

    it('decides a change of unit on the values stored when it is made, not on a look taken before (a value entered meanwhile counts)', async () => {
      const store = await fresh();
      const plan = await store.createPlan({ title: 'Piano 2025', year: 2025 }, alice);
      if (!plan.ok) throw new Error('create');
      const planId = plan.value.id;
      expect((await store.addNode(planId, { code: 'A', title: 'Area A', parent: null, weight: null }, alice)).ok).toBe(true);
      const number = (n: number) => ({ kind: 'number' as const, value: new Decimal(n) });
      expect((await store.addIndicator(planId, 'A', { name: 'Bandi pubblicati', weight: new Decimal(100), comparator: '>=', target: number(20), unit: 'number' }, alice)).ok).toBe(true);
      // The caller looked: nothing recorded. Then a referente's value arrives, before the change is stored.
      expect(await store.openActuals(planId, 'A:1')).toEqual([]);
      expect((await store.putMeasurement(planId, 'A:1', '2025-12-31', { state: 'measured', actual: number(19) }, 0, alice)).ok).toBe(true);
      const toDate = { unit: 'date' as const, target: { kind: 'date' as const, value: '2025-09-30' } };
      const refused = await store.updateIndicator(planId, 'A:1', toDate, 1, alice);
      expect(!refused.ok && refused.error.code).toBe('invalid');
      expect(!refused.ok && refused.error.params).toEqual({ field: 'unit', reason: 'recorded-unit', unit: 'date', was: 'number', values: ['31/12/2025'] });
      expect(!refused.ok && renderMessage(refused.error.code, refused.error.params, 'it')).toBe(
        "ci sono consuntivi in numeri nei periodi ancora aperti (31/12/2025), che non valgono per un indicatore in date: riportarli a «non misurato» prima di cambiare l'unità, poi inserirli di nuovo; i periodi chiusi o validati restano come sono stati chiusi",
      );
      expect((await store.indicatorContext(planId, 'A:1'))?.unit).toBe('number');
      // Between number and percent the value still reads: no refusal.
      expect((await store.updateIndicator(planId, 'A:1', { unit: 'percent' }, 1, alice)).ok).toBe(true);
      // Set back to not measured, the change is taken; a number sent by someone who read the old unit is then refused.
      expect((await store.putMeasurement(planId, 'A:1', '2025-12-31', { state: 'not_measured', actual: null }, 1, alice)).ok).toBe(true);
      expect((await store.updateIndicator(planId, 'A:1', toDate, 2, alice)).ok).toBe(true);
      const late = await store.putMeasurement(planId, 'A:1', '2025-12-31', { state: 'measured', actual: number(19) }, 2, alice);
      expect(!late.ok && late.error.code).toBe('conflict');
      expect((await store.getMeasurement(planId, 'A:1', '2025-12-31'))?.state).toBe('not_measured');
      expect((await store.putMeasurement(planId, 'A:1', '2025-12-31', { state: 'measured', actual: { kind: 'date', value: '2025-09-15' } }, 2, alice)).ok).toBe(true);
    });

    it('keeps a failed import out entirely, and deletes a plan with everything in it', async () => {
      const store = await fresh();
      const table = await importTableBytes(readFileSync(FIXTURE), 'f.txt');
      const plan = table.value!.plan;
      const broken = { ...table.value!, plan: { ...plan, nodes: [...plan.nodes, plan.nodes[0]!] } };
      const refused = await store.importPlan({ table: broken, year: 2024 }, SYSTEM);
      expect(refused.ok).toBe(false);
      expect(await store.listPlans()).toEqual([]);
      const planId = await importFixture(store);
      const dataVersion = await store.dataVersion(planId);
      await store.putMeasurement(planId, 'A.2.1:1', '2024-06-30', { state: 'not_achieved', actual: null }, 0, alice);
      expect(await store.dataVersion(planId)).toBe(dataVersion! + 1);
      expect((await store.updatePlan(planId, { published: true, title: 'Pubblicato' }, alice)).ok).toBe(true);
      expect((await store.getPlan(planId))?.published).toBe(true);
      expect((await store.deletePlan(planId, alice)).ok).toBe(true);
      expect(await store.listPlans()).toEqual([]);
      expect(await store.getMeasurement(planId, 'A.2.1:1', '2024-06-30')).toBeUndefined();
      expect((await store.listAudit({ planId })).map((a) => a.action)).toContain('delete');
      expect((await store.deletePlan(planId, alice)).ok).toBe(false);
    });

    it('refuses to change or delete audit entries, even in plain SQL', async () => {
      const location = await newLocation();
      const store = await fresh(location);
      await importFixture(store);
      const before = await store.listAudit({});
      expect(before.length).toBeGreaterThan(0);
      await expect(rawSql(location, `UPDATE audit SET username = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(rawSql(location, `DELETE FROM audit`)).rejects.toThrow(/append-only/);
      expect(await store.listAudit({})).toEqual(before);
    });

    it("refuses next year's plan and an import that hold an indicator computed by a formula in dates, at its objective and indicator", async () => {
      const location = await newLocation();
      const store = await fresh(location);
      const planId = await importFixture(store);
      // A plan stored before the rule held (written here in plain SQL, as an old import could).
      await rawSql(location, `UPDATE indicators SET formula = '{"kind":"children_mean"}', unit = 'date' WHERE id = 'A.3:1'`);
      const refused = await store.nextYear(planId, { year: 2025 }, alice);
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error).toMatchObject({ code: 'invalid', details: { node: 'A.3', indicator: 'A.3:1', field: 'unit' }, params: { reason: 'formula-unit', code: 'A.3', id: 'A.3:1', unit: 'date' } });
      expect(renderMessage('invalid', refused.error.params!, 'it')).toMatch(
        /^A\.3 A\.3:1: l'indicatore «.+» si calcola con una formula \(media ponderata degli obiettivi figli\), che dà un numero: non può essere in date; indicare come unità numeri o percentuale, o togliere la formula$/,
      );
      expect(renderMessage('invalid', refused.error.params!, 'en')).toContain('it cannot be in dates');
      expect((await store.listPlans()).length).toBe(1);

      const table = await importTableBytes(readFileSync(FIXTURE), 'albero-performance-2024.txt');
      const nodes = table.value!.plan.nodes.map((n) =>
        n.code === 'A.3' ? { ...n, indicators: n.indicators.map((i) => ({ ...i, unit: 'boolean' as const, formula: { kind: 'children_mean' as const } })) } : n,
      );
      const imported = await store.importPlan({ table: { ...table.value!, plan: { ...table.value!.plan, nodes } }, year: 2024, organisation: 'Camera di commercio' }, alice);
      expect(imported.ok).toBe(false);
      if (!imported.ok) expect(imported.error.params).toMatchObject({ reason: 'formula-unit', code: 'A.3', unit: 'boolean' });
    });

    it('names what each refusal refuses, by code and parameters, word for word in English and Italian (issue 14)', async () => {
      const store = await fresh();
      const planId = await importFixture(store);
      const said = (result: Result<unknown>): unknown[] => {
        if (result.ok) throw new Error('expected a refusal');
        const { code, params, message } = result.error;
        expect(message).toBe(renderMessage(code, params, 'en'));
        return [code, params, renderMessage(code, params, 'en'), renderMessage(code, params, 'it')];
      };
      const unit = (row: number, code: string, name: string, parent: string | null) => ({ row, code, name, kind: 'Ufficio', parent, head: null, members: [] });
      expect(said(await store.importUnits([unit(2, 'U1', 'Ufficio uno', 'U2'), unit(3, 'U2', 'Ufficio due', 'U1')], alice))).toEqual([
        'invalid',
        { reason: 'registry-circle', row: 2, code: 'U1' },
        'row 2: the parents of U1 go round in a circle',
        'riga 2: le strutture padre di U1 formano un cerchio',
      ]);
      expect(said(await store.importUnits([unit(2, 'U1', 'Ufficio uno', null), unit(3, 'U2', 'Ufficio UNO', null), unit(4, 'U3', 'ufficio uno', null)], alice))).toEqual([
        'invalid',
        { reason: 'registry-rows', problems: 2, row: 3, column: 'nome' },
        'the registry was not imported: 2 problems (the first at row 3, column nome)',
        'il registro delle strutture non è stato importato: 2 problemi (il primo alla riga 3, colonna nome)',
      ]);
      expect(await store.listUnits()).toEqual([]);
      const author = { id: null, username: 'alice', displayName: 'Alice', role: 'referente' as const };
      expect(said(await store.comments.add(planId, 'A.2.1:2', '2024-12-31', '  ', author)).slice(1)).toEqual([
        { field: 'body', reason: 'empty-comment' },
        'a comment cannot be empty',
        'un commento non può essere vuoto',
      ]);
      expect(said(await store.comments.add(planId, 'A.2.1:2', '2024-12-31', 'x'.repeat(5001), author)).slice(2)).toEqual([
        'a comment is at most 5000 characters',
        'un commento ha al massimo 5000 caratteri',
      ]);
      expect(said(await store.emails.setLanguage('1', 'fr' as 'it', alice)).slice(1)).toEqual([
        { field: 'language', reason: 'email-language', id: 'fr', values: ['it', 'en'] },
        '“fr” is not a language: one of it, en',
        '«fr» non è una lingua: una tra it, en',
      ]);
      const variance = { cause: 'luck' as 'external', explanation: 'x', correctiveAction: '' };
      expect(said(await store.variances.putVariance(planId, 'A.2', '2024-06-30', variance, 0, alice)).slice(2)).toEqual([
        '“luck” is not a cause: one of external, internal, indicator',
        '«luck» non è una causa: una tra external, internal, indicator',
      ]);
      expect(said(await store.variances.putVariance(planId, 'A.2', '2024-06-30', { ...variance, cause: 'external', explanation: ' ' }, 0, alice)).slice(2)).toEqual([
        'say what caused the variance',
        'indicare che cosa ha causato lo scostamento',
      ]);
      expect(said(await store.variances.putForecast(planId, 'A.2.1:2', '2024-06-30', { reachable: 'maybe' as 'yes', note: '' }, 0, alice)).slice(2)).toEqual([
        '“maybe” is not a forecast: one of yes, no, at_risk',
        '«maybe» non è una previsione: una tra yes, no, at_risk',
      ]);
      expect(said(await store.variances.putForecast(planId, 'A.2.1:2', '2024-12-31', { reachable: 'yes', note: '' }, 0, alice)).slice(1)).toEqual([
        { field: 'period', reason: 'forecast-year-end', label: '31/12/2024' },
        'the period 31/12/2024 is the year end: forecasts are made at the mid-year periods',
        "il periodo 31/12/2024 è la chiusura dell'anno: le previsioni si fanno nei monitoraggi intermedi",
      ]);
      expect(said(await store.openRevision(planId, { reason: 'nuovo target', date: '31/12/2024' }, alice)).slice(1)).toEqual([
        { field: 'date', reason: 'date', date: '31/12/2024' },
        '“31/12/2024” is not a date written YYYY-MM-DD',
        '«31/12/2024» non è una data scritta AAAA-MM-GG',
      ]);
      // A period's date and deadline: the store's English is the catalogue's (it wrote "2024-02-30", straight quotes, its own words).
      expect(said(await store.addPeriod(planId, { endsOn: '2024-02-30' }, alice)).slice(1)).toEqual([
        { field: 'endsOn', reason: 'date', date: '2024-02-30' },
        '“2024-02-30” is not a date written YYYY-MM-DD',
        '«2024-02-30» non è una data scritta AAAA-MM-GG',
      ]);
      expect(said(await store.setPeriodDeadline(planId, '2024-06-30', '2031-07-15', alice)).slice(2)).toEqual([
        "the deadline 15/07/2031 is not in 2024 or 2025: values are due in the plan's year or the next",
        "la scadenza 15/07/2031 non è nel 2024 né nel 2025: i valori si inseriscono entro l'anno del piano o il successivo",
      ]);
      expect(said(await store.createPlan({ title: 'x', year: 2025, periods: [{ endsOn: '2025-06-30' }, { endsOn: '2025-06-30' }] }, alice)).slice(1)).toEqual([
        { field: 'periods.1.endsOn', reason: 'date-twice', date: '2025-06-30' },
        'the date 30/06/2025 is given twice: a plan has one period per date',
        'la data 30/06/2025 è indicata due volte: un piano ha un periodo per data',
      ]);
      // A body corrected onto one with records of its own, or an SMVP saved under the name corrected away: the catalogue's words, quoted “…” (they wrote "…").
      expect((await store.appraisals.saveSmvp('Camera di commercio', 2024, {}, null, alice)).ok).toBe(true);
      expect((await store.appraisals.saveSmvp('Altro ente', 2024, {}, null, alice)).ok).toBe(true);
      expect(said(await store.updatePlan(planId, { organisation: 'Altro ente' }, alice)).slice(2)).toEqual([
        '“Altro ente” already has its own SMVP, appraisal forms or bonus distributions for 2024: those of “Camera di commercio” cannot join them; correct the body to another name, or ask HR to remove those of “Altro ente” first',
        "«Altro ente» ha già un proprio SMVP, schede di valutazione o distribuzioni dei premi del 2024: quelli di «Camera di commercio» non possono unirsi ai suoi; correggi l'ente con un altro nome, oppure chiedi prima all'ufficio personale di togliere quelli di «Altro ente»",
      ]);
      expect((await store.updatePlan(planId, { organisation: 'Camera di Commercio di Roma' }, alice)).ok).toBe(true);
      expect(said(await store.appraisals.saveSmvp('Camera di commercio', 2024, {}, null, alice)).slice(2)).toEqual([
        'the body “Camera di commercio” was corrected to “Camera di Commercio di Roma” for 2024, and its SMVP with it: save it as the SMVP of “Camera di Commercio di Roma”',
        "l'ente «Camera di commercio» è stato corretto in «Camera di Commercio di Roma» per il 2024, e il suo SMVP con lui: salvarlo come SMVP di «Camera di Commercio di Roma»",
      ]);
    });

    it('keeps users and sessions; a password change ends the sessions', async () => {
      const store = await fresh();
      expect(await store.countUsers()).toBe(0);
      const created = await store.createUser({ username: 'ref', displayName: 'Referente', role: 'referente', units: ['Ufficio A'], passwordHash: 'h1' }, SYSTEM);
      if (!created.ok) throw new Error('user');
      expect(created.value).toMatchObject({ username: 'ref', role: 'referente', units: ['Ufficio A'], active: true });
      expect((await store.createUser({ username: 'ref', displayName: 'x', role: 'oiv', units: [], passwordHash: 'h' }, SYSTEM)).ok).toBe(false);
      expect((await store.findLogin('ref'))?.passwordHash).toBe('h1');
      const future = new Date(Date.now() + 3600_000).toISOString();
      await store.createSession('s1', created.value.id, 'csrf1', future);
      expect((await store.findSession('s1'))?.user.username).toBe('ref');
      await store.createSession('old', created.value.id, 'c', new Date(Date.now() - 1000).toISOString());
      expect(await store.findSession('old')).toBeUndefined();
      await store.createSession('s2', created.value.id, 'csrf2', future);
      expect(await store.findSession('s2')).toBeDefined();
      const changed = await store.updateUser(created.value.id, { passwordHash: 'h2', units: ['Ufficio B'] }, alice);
      expect(changed.ok && changed.value.units).toEqual(['Ufficio B']);
      expect(await store.findSession('s1')).toBeUndefined();
      expect((await store.listUsers()).map((u) => u.username)).toEqual(['ref']);
      const trail = await store.listAudit({});
      // Units named by text that the registry lacked were added to it, audited.
      expect(trail.map((a) => `${a.action} ${a.entity}`)).toEqual(['password user', 'create unit', 'create user', 'create unit']);
      expect(JSON.stringify(trail)).not.toContain('h2');
    });
  });
}
