import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { nameOrderSuite } from '../name-order.case.js';
import { storeSuite } from '../store.case.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeSuite('sqlite', async () => join(dir, `store-${n++}.sqlite`));
nameOrderSuite('sqlite', async () => join(dir, `store-${n++}.sqlite`));
