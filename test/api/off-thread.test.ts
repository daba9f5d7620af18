/**
 * Long work off the event loop (issue 14, defect 3): a big upload is read and a big plan evaluated
 * on a worker thread, so that other requests are answered meanwhile; and what comes back from the
 * worker is exactly what the same work in place gives (decimals included).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPlan } from '../../bench/synthetic.js';
import { evaluatePlan } from '../../src/core/index.js';
import { evaluationDocument } from '../../src/io/json.js';
import { importTableBytes } from '../../src/io/load.js';
import { writePublishedText } from '../../src/io/published/write-text.js';
import { OffThread, readingBytes } from '../../src/server/off-thread/pool.js';
import { SYSTEM } from '../../src/store/index.js';
import { FIXTURE } from '../helpers.js';
import { workbookBytes } from '../support/workbook.js';
import { enc, indicatorOf, startTestServer, type Backend, type TestServer } from './harness.js';
import { healthAnsweredDuring, serverPair } from './off-thread-probe.js';

/** A published table of about `indicators` indicators, as text. */
function bigTable(indicators: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(writePublishedText(evaluatePlan(syntheticPlan(indicators, 7, true))));
}

describe('the worker pool', () => {
  const pool = new OffThread({ threads: 1, inlineBytes: 0, inlineIndicators: 0 });
  afterAll(() => pool.close());

  it('reads a table on a worker into the same plan, stated cells and issues as in place', async () => {
    const bytes = readFileSync(FIXTURE);
    const here = await importTableBytes(new Uint8Array(bytes), 'albero.txt');
    const there = await pool.importTable(new Uint8Array(bytes), 'albero.txt');
    expect(there.issues).toEqual(here.issues);
    expect(there.value!.stated.map((s) => [s.code, s.cell, s.value?.toString() ?? null])).toEqual(here.value!.stated.map((s) => [s.code, s.cell, s.value?.toString() ?? null]));
    // Rebuilt decimals are real Decimals: the plan evaluates to the same document.
    expect(evaluationDocument(evaluatePlan(there.value!.plan))).toEqual(evaluationDocument(evaluatePlan(here.value!.plan)));
    expect(await pool.evaluationDocument(here.value!.plan)).toEqual(evaluationDocument(evaluatePlan(here.value!.plan)));
  });

  it('leaves the event loop free while it reads a big table', async () => {
    const bytes = bigTable(20_000);
    let ticks = 0;
    let done = false;
    const reading = pool.importTable(bytes, 'big.txt').finally(() => (done = true));
    // In place, the whole read would run before any timer: not one tick while it is pending.
    const tick = (): void => {
      if (done) return;
      ticks++;
      setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
    const outcome = await reading;
    expect(outcome.value!.plan.nodes.reduce((n, node) => n + node.indicators.length, 0)).toBeGreaterThan(19_000);
    expect(ticks).toBeGreaterThan(0);
  });

  it('rejects a job that fails on its worker, and serves the next', async () => {
    // A plan without settings is a bug, not bad input: the job fails with it, the pool goes on.
    const broken = { title: 'x', settings: null, nodes: [] } as never;
    await expect(pool.evaluationDocument(broken)).rejects.toThrow(/off-thread evaluate/);
    const bytes = readFileSync(FIXTURE);
    expect((await pool.importTable(new Uint8Array(bytes), 'again.txt')).value).not.toBeNull();
  });
});

describe('a big import does not block other requests', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { uploadBytes: 64 * 1024 * 1024 });
  });
  afterAll(async () => t?.close());

  it('answers /api/health while a 60,000-indicator table is read', async () => {
    const controller = await t.as('controller');
    const form = new FormData();
    form.set('file', new Blob([bigTable(60_000)]), 'grande.txt');
    // Once the upload is in and being read on the worker, other requests are answered.
    const reply = await healthAnsweredDuring(t, controller.request('POST', '/api/plans/import?dryRun=true', form), () => t.server.offThread.busy > 0);
    expect(reply.status).toBe(200);
    expect(reply.body.preview.indicators).toBeGreaterThan(59_000);
  }, 120_000);
});

/**
 * A published table of about `indicators` indicators as an .xlsx, one cell per column of the text
 * table. Written by the tests' own zip writer: the app's exporter takes seconds more for the same rows.
 */
function bigWorkbook(indicators: number): Uint8Array<ArrayBuffer> {
  const text = new TextDecoder().decode(bigTable(indicators));
  const rows = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t').map((cell) => (cell === '' ? null : cell)));
  return new Uint8Array(workbookBytes([{ name: 'Albero', rows }]));
}

describe.each<Backend>(['sqlite', 'postgres'])('a big workbook imported on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => t?.close());

  it('is read on a worker: /api/health answers meanwhile, and every indicator is stored', async () => {
    const controller = await t.as('controller');
    const bytes = bigWorkbook(20_000);
    // Above the in-place threshold, below the upload limit: the default server reads it on a worker.
    expect(bytes.length).toBeGreaterThan(t.server.offThread.inlineBytes);
    for (const dryRun of [true, false]) {
      const form = new FormData();
      form.set('file', new Blob([bytes]), 'grande.xlsx');
      // The workbook is read on the worker (the only job there), and the server answers others meanwhile.
      const reply = await healthAnsweredDuring(t, controller.request('POST', `/api/plans/import${dryRun ? '?dryRun=true' : ''}`, form), () => {
        const running = t.server.offThread.running();
        if (running.length > 0) expect(running).toEqual(['import']);
        return running.length > 0;
      });
      if (dryRun) {
        expect(reply.status).toBe(200);
        expect(reply.body.preview.indicators).toBe(20_000);
        expect(reply.body.plan).toBeNull();
        continue;
      }
      expect(reply.status).toBe(201);
      const tree = await controller.get(`/api/plans/${reply.body.plan.id}/tree`);
      expect(tree.status).toBe(200);
      expect(tree.body.objectives.reduce((n: number, o: { indicators: unknown[] }) => n + o.indicators.length, 0)).toBe(20_000);
    }
  }, 180_000);
});

describe('a workbook small when packed and big unpacked', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(async () => t?.close());

  it('is judged by its unpacked size and read on a worker', async () => {
    const controller = await t.as('controller');
    const anyone = await t.as('public');
    const bytes = bigWorkbook(4000);
    // Under the threshold packed (it was read on the event loop), far over it unpacked.
    expect(bytes.length).toBeLessThan(t.server.offThread.inlineBytes);
    expect(readingBytes(bytes)).toBeGreaterThan(4 * t.server.offThread.inlineBytes);
    const form = new FormData();
    form.set('file', new Blob([bytes]), 'compatto.xlsx');
    let answered = false;
    const importing = controller.request('POST', '/api/plans/import?dryRun=true', form).finally(() => (answered = true));
    while (t.server.offThread.running().length === 0 && !answered) await new Promise((r) => setTimeout(r, 2));
    expect(answered).toBe(false);
    expect(t.server.offThread.running()).toEqual(['import']);
    expect((await anyone.get('/api/health')).status).toBe(200);
    const reply = await importing;
    expect(reply.status).toBe(200);
    expect(reply.body.preview.indicators).toBe(4000);
  }, 120_000);

  it('counts a text table and a damaged zip by their bytes', () => {
    const text = bigTable(100);
    expect(readingBytes(text)).toBe(text.length);
    const cut = bigWorkbook(100).slice(0, 2000);
    expect(readingBytes(cut)).toBe(cut.length);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('a big import stored on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => t?.close());

  it('leaves the event loop free while its 60,000 indicators are inserted, and stores them all', async () => {
    const plan = syntheticPlan(60_000, 7, true);
    let done = false;
    let ticks = 0;
    const storing = t.server.store.importPlan({ table: { plan, stated: [] }, year: 2024, title: `Grande ${backend}` }, SYSTEM).finally(() => (done = true));
    // better-sqlite3 is synchronous: inserted in one go, the transaction would run to its commit
    // before any timer or request, so neither a tick nor /api/health would come before the end.
    const tick = (): void => {
      if (done) return;
      ticks++;
      setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
    const health = fetch(`${t.url}/api/health`).then((r) => ({ status: r.status, during: !done }));
    const stored = await storing;
    expect(stored.ok).toBe(true);
    expect(ticks).toBeGreaterThan(0);
    expect(await health).toEqual({ status: 200, during: true });
    const controller = await t.as('controller');
    const tree = await controller.get(`/api/plans/${stored.ok ? stored.value.id : ''}/tree`);
    expect(tree.status).toBe(200);
    expect(tree.body.objectives.reduce((n: number, o: { indicators: unknown[] }) => n + o.indicators.length, 0)).toBe(plan.nodes.reduce((n, node) => n + node.indicators.length, 0));
  }, 180_000);
});

describe.each<Backend>(['sqlite', 'postgres'])('plans evaluated on a worker on %s', (backend) => {
  const servers = serverPair(backend);

  /** The tree without what differs between two servers (ids, times). */
  const comparable = (tree: any): unknown => ({
    ...tree,
    planId: null,
    period: { ...tree.period, id: null, updatedAt: null },
    periods: null,
    objectives: tree.objectives.map((o: any) => ({ ...o, version: null, unitId: null, indicators: o.indicators.map((i: any) => ({ ...i, enteredAt: null, version: null, definitionVersion: null })) })),
  });

  it('serves the same tree, explanation and incremental update as an evaluation in place', async () => {
    const { inPlace, offThread } = servers;
    const plans: string[] = [];
    for (const t of [inPlace, offThread]) plans.push(await t.importFixture());
    const [a, b] = [await inPlace.as('controller'), await offThread.as('controller')];
    const trees = [await a.get(`/api/plans/${plans[0]}/tree`), await b.get(`/api/plans/${plans[1]}/tree`)];
    expect(trees[1]!.status).toBe(200);
    expect(comparable(trees[1]!.body)).toEqual(comparable(trees[0]!.body));
    // A value entered: the worker-made document is brought forward by the engine, as in place.
    const id = 'A.2.1:1';
    const before = indicatorOf(trees[1]!.body, id);
    for (const [client, planId, tree] of [
      [a, plans[0], trees[0]],
      [b, plans[1], trees[1]],
    ] as const) {
      const put = await client.request('PUT', `/api/plans/${planId}/indicators/${enc(id)}/measurements/${tree!.body.period.id}`, {
        state: 'measured',
        actual: 1,
        version: indicatorOf(tree!.body, id).version,
      });
      expect(put.status).toBe(200);
    }
    const after = [await a.get(`/api/plans/${plans[0]}/tree`), await b.get(`/api/plans/${plans[1]}/tree`)];
    expect(indicatorOf(after[1]!.body, id).actual).toBe(1);
    expect(indicatorOf(after[1]!.body, id).performance).not.toBe(before.performance);
    expect(comparable(after[1]!.body)).toEqual(comparable(after[0]!.body));
    const explanations = [await a.get(`/api/plans/${plans[0]}/nodes/A/explanation`), await b.get(`/api/plans/${plans[1]}/nodes/A/explanation`)];
    expect(explanations[1]!.status).toBe(200);
    expect(explanations[1]!.body).toEqual(explanations[0]!.body);
  }, 60_000);
});
