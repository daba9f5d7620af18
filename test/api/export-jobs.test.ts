/**
 * Long exports as jobs over real HTTP, on SQLite and PostgreSQL: `POST /api/plans/:id/exports`
 * answers at once, the job's progress is read while a worker thread draws the file, the server
 * keeps answering meanwhile, and the file is the same report the direct export gives. Only the
 * account that started a job reads it; bad input is refused in the reader's language.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/index.js';
import { importTableBytes } from '../../src/io/load.js';
import { SYSTEM } from '../../src/store/index.js';
import { syntheticPlan } from '../../bench/synthetic.js';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ExportFailure } from '../../src/contract/index.js';
import { ExportJobs, oneAtATime } from '../../src/server/exports/jobs.js';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

/** The PDF's text (its first page only with `firstPage`: a big annex's whole text is megabytes). */
function pdfText(bytes: Uint8Array, firstPage = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'albero-job-'));
  try {
    writeFileSync(join(dir, 'job.pdf'), bytes);
    return execFileSync('pdftotext', [...(firstPage ? ['-l', '1'] : []), '-layout', join(dir, 'job.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function file(t: TestServer, client: Client, id: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Uint8Array }> {
  const res = await fetch(`${t.url}/api/exports/${id}/file`, { headers: { cookie: client.cookie! } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Reads the job until it is finished, returning every state seen. */
async function follow(client: Client, id: string): Promise<Array<{ state: string; done: number; total: number }>> {
  const seen: Array<{ state: string; done: number; total: number }> = [];
  for (let i = 0; i < 1200; i++) {
    const reply = await client.get(`/api/exports/${id}`);
    expect(reply.status, reply.text).toBe(200);
    seen.push({ state: reply.body.state, done: reply.body.done, total: reply.body.total });
    if (reply.body.state === 'done' || reply.body.state === 'failed') return seen;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`export ${id} did not finish in a minute: ${JSON.stringify(seen.at(-1))}`);
}

describe.each<Backend>(['sqlite', 'postgres'])('export jobs on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let plan: string;
  let bigPlan: string;
  beforeAll(async () => {
    ({ t, planId: plan, controller } = await startWithFixture(backend));
  });
  afterAll(async () => t?.close());

  it('draws the PDF on a worker while the server answers, reports its progress, then gives the file', async () => {
    // 5,000 indicators (1,390 objectives): a PDF of about 150 pages, drawn in a second or more.
    const big = await t.server.store.importPlan({ table: { plan: syntheticPlan(5000, 7), stated: [] }, year: 2024, title: 'Piano grande' }, SYSTEM);
    if (!big.ok) throw new Error(big.error.message);
    bigPlan = big.value.id;
    const started = await controller.request('POST', `/api/plans/${big.value.id}/exports`, { format: 'pdf' });
    expect(started.status, started.text).toBe(202);
    expect(started.body).toMatchObject({ planId: big.value.id, format: 'pdf', done: 0, total: 1390 });
    expect(['queued', 'running']).toContain(started.body.state);
    expect(started.body.fileName).toMatch(/^piano-grande-2024-12-31\.pdf$/);
    // Meanwhile other requests are answered, the big plan's own tree included, before the file is ready.
    expect((await controller.get('/api/health')).status).toBe(200);
    expect((await controller.get(`/api/plans/${plan}/tree`)).status).toBe(200);
    const early = await file(t, controller, started.body.id);
    expect(early.status).toBe(409);
    const seen = await follow(controller, started.body.id);
    expect(seen.at(-1)).toEqual({ state: 'done', done: 1390, total: 1390 });
    // Progress only moves forward, and was seen part way.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(seen.some((s) => s.state === 'running' && s.done < s.total)).toBe(true);
    const pdf = await file(t, controller, started.body.id);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toBe('attachment; filename="piano-grande-2024-12-31.pdf"');
    expect(pdfText(pdf.bytes, true)).toContain('Piano grande');
  }, 120_000);

  it('draws a big plan’s plain download on a worker too, answering others meanwhile, in the same queue', async () => {
    // The plain GET of the same 5,000-indicator PDF waits for its file, drawn on a worker thread.
    const download = fetch(`${t.url}/api/plans/${bigPlan}/export?format=pdf`, { headers: { cookie: controller.cookie! } });
    let finished = false;
    void download.then(() => (finished = true));
    const health = await controller.get('/api/health');
    expect(health.status).toBe(200);
    expect(finished).toBe(false);
    const res = await download;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(pdfText(new Uint8Array(await res.arrayBuffer()), true)).toContain('Piano grande');
    // A workbook asked for at once waits its turn behind it and comes out whole.
    const [pdf, xlsx] = await Promise.all([
      fetch(`${t.url}/api/plans/${bigPlan}/export?format=pdf`, { headers: { cookie: controller.cookie! } }),
      fetch(`${t.url}/api/plans/${bigPlan}/export?format=xlsx`, { headers: { cookie: controller.cookie! } }),
    ]);
    expect([pdf.status, xlsx.status]).toEqual([200, 200]);
    const back = await importTableBytes(new Uint8Array(await xlsx.arrayBuffer()), 'big.xlsx');
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect([...back.value!.plan.nodes].reduce((n, node) => n + node.indicators.length, 0)).toBe(5000);
  }, 180_000);

  it('draws a file asked for twice at once (a double click, two tabs) once: the second asking is the first job', async () => {
    // The drawing queue held, as by another's long drawing: both askings find the first job still queued.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = oneAtATime(() => gate);
    let first: string;
    try {
      const ask = (client: Client, body: object) => client.request('POST', `/api/plans/${plan}/exports`, body);
      const [a, b] = await Promise.all([ask(controller, { format: 'pdf' }), ask(controller, { format: 'pdf' })]);
      expect([a.status, b.status], b.text).toEqual([202, 202]);
      first = a.body.id;
      expect(b.body).toEqual(a.body);
      // Another file (another language), or the same file for another account: a job of its own.
      const english = await ask(controller, { format: 'pdf', lang: 'en' });
      const admins = await ask(await t.as('admin'), { format: 'pdf' });
      expect(new Set([first, english.body.id, admins.body.id]).size).toBe(3);
    } finally {
      release();
      await held;
    }
    expect((await follow(controller, first)).at(-1)!.state).toBe('done');
    // Once drawn, a new asking draws anew: the values may have changed since.
    const again = await controller.request('POST', `/api/plans/${plan}/exports`, { format: 'pdf' });
    expect(again.body.id).not.toBe(first);
    expect((await follow(controller, again.body.id)).at(-1)!.state).toBe('done');
  }, 120_000);

  it('gives the same report as the direct export: the PDF and a workbook that imports back', async () => {
    const pdfJob = await controller.request('POST', `/api/plans/${plan}/exports`, { format: 'pdf', period: '2024-12-31' });
    expect(pdfJob.status, pdfJob.text).toBe(202);
    expect((await follow(controller, pdfJob.body.id)).at(-1)!.state).toBe('done');
    const text = pdfText((await file(t, controller, pdfJob.body.id)).bytes);
    expect(text.split('\n').find((l) => /^\s*A\.2 - Internazionalizzazione/.test(l))).toMatch(/93,00%\s+verde\s*$/);

    const xlsxJob = await controller.request('POST', `/api/plans/${plan}/exports`, { format: 'xlsx' });
    expect((await follow(controller, xlsxJob.body.id)).at(-1)!.state).toBe('done');
    const xlsx = await file(t, controller, xlsxJob.body.id);
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const back = await importTableBytes(xlsx.bytes, 'job.xlsx');
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(evaluatePlan(back.value!.plan).node('A.2')!.performance!.toString()).toBe('93');
  }, 120_000);

  it('is read by the account that started it only, and refuses bad input in the reader’s language', async () => {
    const job = await controller.request('POST', `/api/plans/${plan}/exports`, { format: 'xlsx' });
    expect(job.status).toBe(202);
    const oiv = await t.as('oiv');
    oiv.language = 'it';
    const other = await oiv.get(`/api/exports/${job.body.id}`);
    expect(other.status).toBe(404);
    expect(other.body.error).toMatchObject({ code: 'export-not-found', message: `non c'è un'esportazione ${job.body.id} (se ne conserva il file per dieci minuti, solo per chi l'ha chiesta)` });
    expect((await file(t, oiv, job.body.id)).status).toBe(404);
    const anonymous = await (await t.as('public')).get(`/api/exports/${job.body.id}`);
    expect(anonymous.status).toBe(401);
    expect((await (await t.as('public')).request('POST', `/api/plans/${plan}/exports`, { format: 'pdf' })).status).toBe(401);

    const csv = await controller.request('POST', `/api/plans/${plan}/exports`, { format: 'csv' });
    expect(csv.status).toBe(400);
    expect(csv.body.error).toMatchObject({ code: 'invalid-body' });
    expect(csv.body.error.issues[0].location).toEqual({ field: 'format' });
    expect((await controller.request('POST', `/api/plans/no-such-plan/exports`, { format: 'pdf' })).status).toBe(404);
    const period = await controller.request('POST', `/api/plans/${plan}/exports`, { format: 'pdf', period: '2031-01-01' });
    expect(period.status).toBe(404);
    await follow(controller, job.body.id);
  }, 120_000);
});

describe("the server's close", () => {
  it('stops the export being drawn and starts none of those queued: no export worker is left running', async () => {
    const { t, controller } = await startWithFixture('sqlite');
    let open = true;
    try {
      const big = await t.server.store.importPlan({ table: { plan: syntheticPlan(5000, 7), stated: [] }, year: 2024, title: 'Piano grande' }, SYSTEM);
      if (!big.ok) throw new Error(big.error.message);
      const drawing = await controller.request('POST', `/api/plans/${big.value.id}/exports`, { format: 'pdf' });
      const queued = await controller.request('POST', `/api/plans/${big.value.id}/exports`, { format: 'xlsx' });
      expect([drawing.status, queued.status]).toEqual([202, 202]);
      const owner = (await controller.get('/api/session')).body.user.id as string;
      // The PDF (a second or more of drawing) is on its worker; the workbook waits its turn.
      await expect.poll(() => t.server.exports.get(drawing.body.id, owner)?.state, { timeout: 60_000 }).toBe('running');
      expect(t.server.exports.get(queued.body.id, owner)?.state).toBe('queued');
      await t.close();
      open = false;
      expect(t.server.exports.running).toBe(0);
      // The drawing queue (shared by every server of the process) has moved past both jobs: neither drew on.
      await oneAtATime(async () => undefined);
      expect(t.server.exports.running).toBe(0);
      expect(t.server.exports.get(queued.body.id, owner)).toMatchObject({ state: 'failed', failure: 'server-closed' });
      // Stopped while drawing, it failed because the server closed too (or had finished).
      const drawn = t.server.exports.get(drawing.body.id, owner);
      expect(drawn?.state === 'done' || drawn?.failure === 'server-closed', JSON.stringify(drawn?.failure)).toBe(true);
    } finally {
      if (open) await t.close();
    }
  }, 120_000);

  it('fails its queued exports at once, while the drawing queue is still busy with another’s', async () => {
    const { t, planId, controller } = await startWithFixture('sqlite');
    // The process-wide queue is held, as by another server's long drawing, until the end.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = oneAtATime(() => gate);
    let open = true;
    try {
      const queued = await controller.request('POST', `/api/plans/${planId}/exports`, { format: 'xlsx' });
      expect(queued.status, queued.text).toBe(202);
      const owner = (await controller.get('/api/session')).body.user.id as string;
      // A big plan's plain download waiting for its turn (drawn on a worker when it comes).
      const download = t.server.exports.draw({ plan: syntheticPlan(10, 2), format: 'pdf', meta: {} });
      let downloadSettled = false;
      const downloadOutcome = download.then(
        () => 'drawn',
        (error: Error) => error.message,
      );
      void downloadOutcome.then(() => (downloadSettled = true));
      await t.close();
      open = false;
      // Whatever is ahead of them in the queue, the closed server's exports have failed.
      expect(t.server.exports.get(queued.body.id, owner)).toMatchObject({ state: 'failed', failure: 'server-closed' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(downloadSettled).toBe(true);
      expect(await downloadOutcome).toBe('the export failed: server-closed');
      // A job started by a request still under way at the close fails at once too.
      const late = t.server.exports.start({ owner, planId, plan: syntheticPlan(10, 2), format: 'xlsx', meta: {}, fileName: 'tardi.xlsx' });
      expect(late).toMatchObject({ state: 'failed', failure: 'server-closed' });
      // When the queue moves on, none of them starts a worker.
      release();
      await held;
      await oneAtATime(async () => undefined);
      expect(t.server.exports.running).toBe(0);
      expect(t.server.exports.get(late.id, owner)?.state).toBe('failed');
    } finally {
      release();
      if (open) await t.close();
    }
  }, 120_000);
});

describe('an export whose worker cannot start', () => {
  // As when the worker's script is missing from the build: the thread's creation throws.
  const cannotStart = () => {
    throw new Error("Cannot find module '/srv/albero/dist/server/exports/worker.js'");
  };

  it('ends failed, with its reason, instead of running for good', async () => {
    const log: string[] = [];
    const jobs = new ExportJobs(cannotStart, (line) => log.push(line));
    const job = jobs.start({ owner: 'u1', planId: 'p1', plan: syntheticPlan(10, 2), format: 'pdf', meta: {}, fileName: 'piano.pdf' });
    // Its turn in the drawing queue has come and gone.
    await oneAtATime(async () => undefined);
    expect(jobs.get(job.id, 'u1')).toMatchObject({ state: 'failed', failure: 'worker-unavailable' });
    expect(log).toEqual([
      `albero server: export ${job.id} (pdf, plan p1) failed [worker-unavailable]: the export worker did not start: Cannot find module '/srv/albero/dist/server/exports/worker.js'`,
    ]);
    expect(jobs.get(job.id, 'u1')?.finishedAt).toBeTypeOf('number');
    expect(jobs.running).toBe(0);
  });

  it('fails a plain download as a failed drawing does, and the queue moves on', async () => {
    const log: string[] = [];
    const jobs = new ExportJobs(cannotStart, (line) => log.push(line));
    await expect(jobs.draw({ plan: syntheticPlan(10, 2), format: 'xlsx', meta: {} })).rejects.toThrow(/^the export failed: worker-unavailable$/);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^albero server: export [0-9a-f-]+ \(xlsx\) failed \[worker-unavailable\]: the export worker did not start: Cannot find module/);
    expect(await oneAtATime(async () => 'next')).toBe('next');
  });
});

describe('a failed export job over HTTP', () => {
  it('says why by code in the job the web app follows, the technical detail in the server’s log only', async () => {
    const log: string[] = [];
    // Each case's worker, started for the next job: real threads failing as a drawing can.
    let nextWorker: () => Worker = () => {
      throw new Error("Cannot find module '/srv/albero/dist/server/exports/worker.js'");
    };
    const { t, planId, controller } = await startWithFixture('sqlite', {
      exports: new ExportJobs(
        () => nextWorker(),
        (line) => log.push(line),
      ),
    });
    const thread =
      (code: string, options: WorkerOptions = {}) =>
      () =>
        new Worker(code, { eval: true, ...options });
    const cases: Array<{ worker: () => Worker; failure: ExportFailure; detail: string }> = [
      { worker: nextWorker, failure: 'worker-unavailable', detail: 'Cannot find module' },
      {
        worker: thread(`require('node:worker_threads').parentPort.postMessage({ kind: 'failed', message: 'Error: ENOENT: no such file, open DejaVuSans.ttf\\n    at draw (report.ts:12:3)' })`),
        failure: 'drawing-failed',
        detail: 'ENOENT: no such file, open DejaVuSans.ttf',
      },
      { worker: thread(`throw new RangeError('Invalid array length')`), failure: 'drawing-failed', detail: 'RangeError: Invalid array length' },
      { worker: thread('process.exit(3)'), failure: 'worker-stopped', detail: 'the export worker exited (3)' },
      {
        worker: thread('const kept = []; for (;;) kept.push(new Array(1e6).fill(1));', { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } }),
        failure: 'out-of-memory',
        detail: 'Worker terminated due to reaching memory limit',
      },
    ];
    try {
      for (const { worker, failure, detail } of cases) {
        nextWorker = worker;
        const started = await controller.request('POST', `/api/plans/${planId}/exports`, { format: 'pdf' });
        expect(started.status, started.text).toBe(202);
        expect((await follow(controller, started.body.id)).at(-1)!.state, failure).toBe('failed');
        const job = await controller.get(`/api/exports/${started.body.id}`);
        expect(job.body, failure).toEqual({ ...started.body, state: 'failed', failure });
        // The reader gets the code; whoever runs the server reads the detail in its log, with the job's id.
        expect(job.text, failure).not.toContain(detail);
        const logged = log.filter((line) => line.includes(started.body.id));
        expect(logged, failure).toHaveLength(1);
        expect(logged[0], failure).toContain(`(pdf, plan ${planId}) failed [${failure}]: `);
        expect(logged[0], failure).toContain(detail);
        const download = await file(t, controller, started.body.id);
        expect(download.status, failure).toBe(500);
      }
      // A job that has not failed has no reason.
      nextWorker = () => {
        throw new Error('not drawn here');
      };
      const queued = await controller.request('POST', `/api/plans/${planId}/exports`, { format: 'xlsx' });
      expect(queued.body.failure).toBeNull();
    } finally {
      await t.close();
    }
  }, 120_000);
});
