/**
 * The monitoring campaign (issue 11), the server in its own process (as `npm start` runs it) on
 * SQLite, measured from this one over HTTP:
 *  1. The completion dashboard (`GET /api/plans/:id/dashboard`) of a 20,000-indicator plan with four
 *     periods, its objectives spread over 200 units, values entered in three periods (all, half,
 *     a fifth of them) and some reviewed. Target ≤ 200 ms.
 *  2. The controller's review list (`GET /api/plans/:id/worklist`) of the period with every value
 *     entered, a page as the screen asks it (its first 200 rows, and 200 rows from the 9,001st):
 *     each row with the value as entered, its target and evidence, the counts and the total of
 *     the whole list. Target ≤ 1 s.
 *     Beside each read's time, the server process's CPU time for it (from /proc: apart from the
 *     machine's load). Then the same list read just after a value was entered (the plan's list kept,
 *     the period's states read again) and just after a review step.
 *  3. A 20 MB evidence file uploaded and stored (`POST …/attachments`, multipart, SHA-256 and bytes
 *     into the database) until the 201. Target ≤ 2 s.
 *
 *   npx tsx bench/campaign.ts            # BENCH_INDICATORS=20000, BENCH_RUNS=15, BENCH_UPLOADS=5
 *   BENCH_BUILT=/path/to/other/checkout npx tsx bench/campaign.ts   # that checkout's build (its dist/), to compare
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignDatabase } from './campaign-plan.js';
import { cpuSeconds, loadAverage, login, startProcess } from './server.js';

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 5);
const UPLOAD_BYTES = 20_000_000;
const BUILT = process.env.BENCH_BUILT;

const stats = (ms: number[]): string => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, best ${s[0]!.toFixed(0)} ms, worst ${s[s.length - 1]!.toFixed(0)} ms`;
};

/** A PDF header and 20 MB of random bytes (they compress as badly as a scan does). */
function twentyMegabytePdf(): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const tail = Buffer.from('%%EOF\n');
  return Buffer.concat([head, randomBytes(UPLOAD_BYTES - head.length - tail.length), tail]);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-bench-campaign-'));
  let child: ChildProcess | undefined;
  try {
    const { database, planId, plan } = await campaignDatabase(dir, INDICATORS);
    let t = performance.now();
    const server = await startProcess(database, BUILT);
    console.log(`server: ${BUILT ?? 'this checkout (sources)'}; load average ${loadAverage()}`);
    child = server.child;
    const { cookie, csrf } = await login(server.url);

    const dashboardUrl = `${server.url}/api/plans/${planId}/dashboard`;
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      t = performance.now();
      const res = await fetch(dashboardUrl, { headers: { cookie } });
      const body = (await res.json()) as { rows: unknown[]; totals: Array<{ expected: number }> };
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`dashboard: ${res.status}`);
      rows = body.rows.length;
      if (body.totals.length !== 4 || body.totals[0]!.expected < INDICATORS * 0.9) throw new Error(`dashboard: ${JSON.stringify(body.totals)}`);
      if (i === 0) console.log(`dashboard, first read (server warm from sign-in only): ${ms.toFixed(0)} ms, ${rows} rows (unit × period)`);
      else times.push(ms);
    }
    console.log(`dashboard of ${INDICATORS.toLocaleString('en')} indicators × 4 periods, ${RUNS} reads, nothing changed between them: ${stats(times)} (target ≤ 200 ms)`);

    // The controller's review list of a whole period, every value entered, a page at a time: each
    // row carries the value as entered, its target and its evidence files' names; the counts are
    // the whole list's (filtered, counted and paged by the store's SQL).
    const listed: number[] = [];
    const listedCpu: number[] = [];
    const list = async (
      period: string,
      offset: number,
    ): Promise<{ res: Response; body: { items: Array<{ value: unknown; indicatorId: string; version: number }>; total: number }; ms: number; cpu: number }> => {
      const cpu = cpuSeconds(child?.pid);
      const start = performance.now();
      const res = await fetch(`${server.url}/api/plans/${planId}/worklist?period=${period}&offset=${offset}&limit=200`, { headers: { cookie } });
      const body = (await res.json()) as { items: Array<{ value: unknown; indicatorId: string; version: number }>; total: number };
      return { res, body, ms: performance.now() - start, cpu: (cpuSeconds(child?.pid) - cpu) * 1000 };
    };
    for (let i = 0; i < RUNS + 1; i++) {
      const offset = i % 2 === 0 ? 0 : 9000;
      const { res, body, ms, cpu } = await list('2024-03-31', offset);
      if (i === 0) console.log(`review list, first read: ${ms.toFixed(0)} ms, ${body.items.length} rows of ${body.total}, ${body.items.filter((x) => x.value !== null).length} with a value`);
      if (res.status !== 200 || body.items.length !== 200 || body.total < INDICATORS * 0.9) throw new Error(`worklist: ${res.status} ${body.items?.length} of ${body.total}`);
      if (i > 0) (listed.push(ms), listedCpu.push(cpu));
    }
    console.log(
      `review list (worklist) of a period, ${INDICATORS.toLocaleString('en')} values, a page of 200 with target and evidence, ${RUNS} reads: ${stats(listed)} (target ≤ 1000 ms); server CPU ${stats(listedCpu)}`,
    );

    // During a campaign values arrive between two reads: a value entered through this server is
    // taken into its cached campaign (CampaignCache.applyMeasurement), so the read after it does
    // not start from the database again.
    const entered = plan.nodes.flatMap((n) => n.indicators.filter((i) => i.formula === null)).slice(0, RUNS);
    const afterWrite: number[] = [];
    const listAfterWrite: number[] = [];
    const listAfterWriteCpu: number[] = [];
    for (const [n, i] of entered.entries()) {
      const put = await fetch(`${server.url}/api/plans/${planId}/indicators/${encodeURIComponent(i.id)}/measurements/2024-09-30?tree=false`, {
        method: 'PUT',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({
          state: 'not_measured',
          // The value's version as its review thread says it (the list is paged).
          version: (
            (await (await fetch(`${server.url}/api/plans/${planId}/indicators/${encodeURIComponent(i.id)}/measurements/2024-09-30/reviews`, { headers: { cookie } })).json()) as { version: number }
          ).version,
        }),
      });
      if (put.status !== 200) throw new Error(`value ${n}: ${put.status} ${await put.text()}`);
      t = performance.now();
      const res = await fetch(dashboardUrl, { headers: { cookie } });
      await res.json();
      afterWrite.push(performance.now() - t);
      const read = await list('2024-09-30', 0);
      if (read.res.status !== 200) throw new Error(`worklist after a value: ${read.res.status}`);
      (listAfterWrite.push(read.ms), listAfterWriteCpu.push(read.cpu));
    }
    console.log(`dashboard read just after a value was entered, ${afterWrite.length} reads: ${stats(afterWrite)} (target ≤ 200 ms)`);
    console.log(`review list (first page of that period) read just after a value was entered, ${listAfterWrite.length} reads: ${stats(listAfterWrite)}; server CPU ${stats(listAfterWriteCpu)}`);

    // A review step (approve), then the list read again, as the controller's screen does after «Approva».
    const reviewed = (await list('2024-03-31', 0)).body.items.filter((x) => x.value !== null).slice(0, RUNS);
    const listAfterReview: number[] = [];
    const listAfterReviewCpu: number[] = [];
    for (const item of reviewed) {
      const step = await fetch(`${server.url}/api/plans/${planId}/indicators/${encodeURIComponent(item.indicatorId)}/measurements/2024-03-31/reviews`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'return', note: 'Manca la fonte', version: item.version }),
      });
      if (step.status !== 201) throw new Error(`review: ${step.status} ${await step.text()}`);
      const read = await list('2024-03-31', 0);
      if (read.res.status !== 200) throw new Error(`worklist after a review: ${read.res.status}`);
      (listAfterReview.push(read.ms), listAfterReviewCpu.push(read.cpu));
    }
    console.log(`review list read just after a review step (sent back), ${listAfterReview.length} reads: ${stats(listAfterReview)}; server CPU ${stats(listAfterReviewCpu)}`);

    const indicator = plan.nodes.flatMap((n) => n.indicators.filter((i) => i.formula === null))[0]!.id;
    const uploadUrl = `${server.url}/api/plans/${planId}/indicators/${encodeURIComponent(indicator)}/measurements/2024-06-30/attachments`;
    const uploads: number[] = [];
    for (let i = 0; i < UPLOADS; i++) {
      // A file of its own each time: the same bytes twice on one value are refused (409).
      const pdf = twentyMegabytePdf();
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `scansione-${i}.pdf`);
      t = performance.now();
      const res = await fetch(uploadUrl, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
      const stored = (await res.json()) as { size?: number };
      uploads.push(performance.now() - t);
      if (res.status !== 201 || stored.size !== pdf.length) throw new Error(`upload: ${res.status} ${JSON.stringify(stored).slice(0, 300)}`);
    }
    console.log(`upload of a ${(UPLOAD_BYTES / 1e6).toFixed(0)} MB file until stored (201), ${UPLOADS} uploads: ${stats(uploads)} (target ≤ 2000 ms)`);
  } finally {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
