/**
 * The order of the lists by name, held to one behaviour on every backend (the `store.case.ts`
 * pattern): Italian dictionary order ("de Luca", "De Rosa", "Èrcole", "Zanetti"), not SQLite's
 * bytes (capitals first, accented letters after "z") nor a PostgreSQL cluster's locale.
 * `postgres.test.ts` runs it on the test cluster's C.UTF-8 database and on a database whose
 * collation is ICU's Swedish, which puts "Å" after "Z", and on an ICU Italian one. The lists by
 * code or id (variances, forecasts, evidence, the worklist, the review list and the closing's list of
 * values not reviewed) keep code-point order (`byCode`) on each of them.
 */
import { Decimal } from '../core/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../core/appraisal/index.js';
import { openStore, SYSTEM, type Store } from './index.js';

/** Dictionary order, as an Italian office reads it; created in another order so no insertion order can pass for it. */
const NAMES = ['abate', 'Abate', 'Åberg', 'de Luca', 'De Rosa', 'Ercole', 'Èrcole', 'Zanetti'];
const CREATED = ['Zanetti', 'Èrcole', 'De Rosa', 'Åberg', 'Abate', 'de Luca', 'Ercole', 'abate'];

export function nameOrderSuite(name: string, newLocation: () => Promise<string>): void {
  describe(`the order of names on ${name}`, () => {
    const open: Store[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });
    const fresh = async (): Promise<Store> => {
      const store = await openStore(await newLocation());
      open.push(store);
      return store;
    };

    it('lists units, a unit’s members, an account’s units, accounts and bodies in Italian dictionary order', async () => {
      const store = await fresh();
      // Units whose names differ in more than case (the registry holds one unit per name, case aside).
      const unitNames = ['Zanetti', 'Èrcole', 'De Rosa', 'Åberg', 'abate', 'de Luca'];
      for (const [i, unit] of unitNames.entries()) {
        const created = await store.createUnit({ code: `U${i}`, name: `Ufficio ${unit}`, kind: 'ufficio' }, SYSTEM);
        expect(created.ok, created.ok ? '' : created.error.message).toBe(true);
      }
      const expectedUnits = ['Ufficio abate', 'Ufficio Åberg', 'Ufficio de Luca', 'Ufficio De Rosa', 'Ufficio Èrcole', 'Ufficio Zanetti'];
      expect((await store.listUnits()).map((u) => u.name)).toEqual(expectedUnits);

      // Usernames as the accounts screen takes them (ASCII: capitals, dots), display names as people write them.
      const usernames = ['zanetti', 'Ercole', 'De.Rosa', 'aberg', 'Abate', 'de.luca', 'ercole', 'abate'];
      for (const [i, person] of CREATED.entries()) {
        const created = await store.createUser({ username: usernames[i]!, displayName: person, role: 'referente', units: unitNames.map((u) => `Ufficio ${u}`), passwordHash: 'h' }, SYSTEM);
        expect(created.ok, created.ok ? '' : created.error.message).toBe(true);
      }
      const users = await store.listUsers();
      expect(users.map((u) => u.username)).toEqual(['abate', 'Abate', 'aberg', 'de.luca', 'De.Rosa', 'ercole', 'Ercole', 'zanetti']);
      expect(users.map((u) => u.displayName)).toEqual(['abate', 'Abate', 'Åberg', 'de Luca', 'De Rosa', 'Ercole', 'Èrcole', 'Zanetti']);
      expect(users[0]!.units).toEqual(expectedUnits);
      const byId = new Map(users.map((u) => [u.id, u.username]));
      expect((await store.listUnits())[0]!.members.map((id) => byId.get(id))).toEqual(['abate', 'Abate', 'aberg', 'de.luca', 'De.Rosa', 'ercole', 'Ercole', 'zanetti']);

      // Bodies: the SMVPs of a year, newest year first.
      for (const body of CREATED) for (const year of [2024, 2025]) expect((await store.appraisals.saveSmvp(body, year, exampleSmvpJson(body, year), null, SYSTEM)).ok).toBe(true);
      expect((await store.appraisals.listSmvp()).map((s) => `${s.year} ${s.organisation}`)).toEqual([...NAMES.map((n) => `2025 ${n}`), ...NAMES.map((n) => `2024 ${n}`)]);
      for (const body of CREATED) expect((await store.appraisals.saveDistribution(body, 2024, 'eq', 100n, { people: [] }, SYSTEM)).ok).toBe(true);
      expect((await store.appraisals.distributionYears()).map((d) => d.organisation)).toEqual(NAMES);
    });

    it('lists variances by objective code, forecasts, evidence and the values to review by indicator id in code-point order, not the database’s collation', async () => {
      const store = await fresh();
      const plan = await store.createPlan({ title: 'Piano 2025', year: 2025 }, SYSTEM);
      if (!plan.ok) throw new Error(plan.error.message);
      const planId = plan.value.id;
      // A capital sorts before a small letter by code point ("C.1" before "b.1"); ICU's sv-SE puts "b.1" first.
      const codes = ['b.1', 'C.1'];
      const indicator = { name: 'Pratiche', weight: new Decimal(100), comparator: '>=' as const, target: { kind: 'number' as const, value: new Decimal(10) }, unit: 'number' as const };
      for (const code of codes) {
        expect((await store.addNode(planId, { code, title: `Obiettivo ${code}`, parent: null, weight: null }, SYSTEM)).ok).toBe(true);
        expect((await store.addIndicator(planId, code, indicator, SYSTEM)).ok).toBe(true);
        const id = `${code}:1`;
        expect((await store.putMeasurement(planId, id, '2025-06-30', { state: 'measured', actual: { kind: 'number', value: new Decimal(4) } }, 0, SYSTEM)).ok).toBe(true);
        const file = await store.attachments.add(planId, id, '2025-06-30', { name: 'giugno.csv', mediaType: 'text/csv', bytes: Buffer.from(`${id};4\n`) }, SYSTEM);
        expect(file.ok, file.ok ? '' : file.error.message).toBe(true);
        const variance = await store.variances.putVariance(planId, code, '2025-06-30', { cause: 'external', explanation: 'ritardi', correctiveAction: '' }, 0, SYSTEM);
        expect(variance.ok, variance.ok ? '' : variance.error.message).toBe(true);
        expect((await store.variances.putForecast(planId, id, '2025-06-30', { reachable: 'at_risk', note: '' }, 0, SYSTEM)).ok).toBe(true);
      }
      for (const period of ['2025-06-30', undefined]) {
        expect((await store.variances.listVariances(planId, period)).map((v) => v.node)).toEqual(['C.1', 'b.1']);
        expect((await store.variances.listForecasts(planId, period)).map((f) => f.indicatorId)).toEqual(['C.1:1', 'b.1:1']);
        expect((await store.attachments.listForPlan(planId, period)).map((a) => a.indicatorId)).toEqual(['C.1:1', 'b.1:1']);
      }
      // The worklist (the campaign's indicators), the review list's pages and the closing's list of
      // values not reviewed keep the same order.
      expect((await store.campaignData(planId))!.indicators.map((i) => i.id)).toEqual(['C.1:1', 'b.1:1']);
      expect((await store.reviewPage(planId, '2025-06-30', {}, { offset: 0, limit: 10 })).rows.map((r) => r.indicatorId)).toEqual(['C.1:1', 'b.1:1']);
      expect((await store.transitionPeriod(planId, '2025-06-30', 'collecting', null, SYSTEM)).ok).toBe(true);
      const closing = await store.transitionPeriod(planId, '2025-06-30', 'closed', null, SYSTEM);
      expect(!closing.ok && (closing.error.details?.values as Array<{ indicatorId: string }>).map((v) => v.indicatorId)).toEqual(['C.1:1', 'b.1:1']);
    });
  });
}
