/**
 * The lists by name through HTTP, on SQLite and on PostgreSQL: the people HR appraises by their
 * name, the accounts by username, the registry's units by name, all in Italian dictionary order
 * ("de Luca", "De Rosa", "Èrcole", "Zanetti"), not the database's order of bytes or its locale's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/store/index.js';
import { startTestServer, type Backend, type Client, type TestServer } from './harness.js';

const PEOPLE: [username: string, displayName: string, unit: string][] = [
  ['zanetti', 'Zanetti', 'Ufficio Zanetti'],
  ['Ercole', 'Èrcole', 'Ufficio Èrcole'],
  ['De.Rosa', 'De Rosa', 'Ufficio De Rosa'],
  ['de.luca', 'de Luca', 'Ufficio de Luca'],
];

describe.each<Backend>(['sqlite', 'postgres'])('lists by name over HTTP on %s', (backend) => {
  let t: TestServer;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestServer(backend);
    admin = await t.as('admin');
    for (const [username, displayName, unit] of PEOPLE) {
      const created = await t.server.store.createUser({ username, displayName, role: 'referente', units: [unit], passwordHash: 'h' }, SYSTEM);
      if (!created.ok) throw new Error(created.error.message);
    }
  });
  afterAll(async () => t?.close());

  it('gives HR the people to appraise by name', async () => {
    const people = (await (await t.as('personale')).get('/api/appraisals/people')).body as { displayName: string }[];
    const ours = people.map((p) => p.displayName).filter((n) => PEOPLE.some(([, d]) => d === n));
    expect(ours).toEqual(['de Luca', 'De Rosa', 'Èrcole', 'Zanetti']);
  });

  it('lists the accounts by username and the units by name', async () => {
    const users = (await admin.get('/api/users')).body as { username: string }[];
    expect(users.map((u) => u.username).filter((u) => PEOPLE.some(([n]) => n === u))).toEqual(['de.luca', 'De.Rosa', 'Ercole', 'zanetti']);
    const units = (await admin.get('/api/units')).body as { name: string }[];
    expect(units.map((u) => u.name).filter((u) => PEOPLE.some(([, , n]) => n === u))).toEqual(['Ufficio de Luca', 'Ufficio De Rosa', 'Ufficio Èrcole', 'Ufficio Zanetti']);
  });
});
