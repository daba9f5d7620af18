import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../test/support/postgres.js';
import { storeSuite } from '../store.case.js';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => server?.stop());

storeSuite('postgres', async () => server.database());
