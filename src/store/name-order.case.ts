/**
 * The order of the lists by name, held to one behaviour on every backend (the `store.case.ts`
 * pattern): Italian dictionary order ("de Luca", "De Rosa", "Èrcole", "Zanetti"), not SQLite's
 * bytes (capitals first, accented letters after "z") nor a PostgreSQL cluster's locale.
 * `postgres.test.ts` runs it on the test cluster's C.UTF-8 database and on a database whose
 * collation is ICU's Swedish, which puts "Å" after "Z".
 */
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
  });
}
