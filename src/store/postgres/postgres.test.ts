import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../test/support/postgres.js';
import { nameOrderSuite } from '../name-order.case.js';
import { storeSuite } from '../store.case.js';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => server?.stop());

storeSuite('postgres', async () => server.database());

nameOrderSuite('postgres (the cluster’s C.UTF-8)', async () => server.database());
nameOrderSuite('postgres (ICU sv-SE collation)', async () => server.database({ icuLocale: 'sv-SE' }));
nameOrderSuite('postgres (ICU it-IT collation)', async () => server.database({ icuLocale: 'it-IT' }));

it('the sv-SE database orders text its own way ("Åberg" after "Zanetti", capitals and accents apart), which the lists above do not follow', async () => {
  const client = new pg.Client({ connectionString: await server.database({ icuLocale: 'sv-SE' }) });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM (VALUES ('Zanetti'), ('Åberg'), ('abate')) AS t(name) ORDER BY name`);
    expect(rows.map((r) => r.name)).toEqual(['abate', 'Zanetti', 'Åberg']);
  } finally {
    await client.end();
  }
});
