/**
 * The controller's review list (the worklist panel, «Misurazioni e revisione») drawn in Chromium at
 * the size bench/campaign.ts makes: a 20,000-indicator plan whose first period has every value
 * entered (≈19,000 rows to review). The real server in its own process, on SQLite, and the built web
 * app (`npm run build` first). Measured, each BENCH_RUNS times after one discarded run:
 *  1. open: from following the link of the period's list (`/plans/:id?period=…&open=worklist`,
 *     signed in) to the first frame with its rows; and within it the list's own read (its request
 *     to its last byte, and its size, from the browser's Resource Timing);
 *  2. the interactions on the list that do not go to the server, as the browser's Event Timing
 *     reports them (input to the next frame, the figure INP is made of): "Send back" on a row (the
 *     request's field opens in it) and a key typed in that field. Target ≤ 200 ms;
 *  3. the request sent («Invia», Enter in its field): from the key to the row drawn as sent back,
 *     the server's write and its new read of the list included;
 *  4. a change of the state filter (to "approved" and back to "all"), until the new rows are drawn,
 *     the server's read included.
 * Prints the rows in the DOM beside the rows of the list.
 *
 *   npm run build && npx tsx bench/review-list.ts     # BENCH_INDICATORS=20000, BENCH_RUNS=5
 *   BENCH_BUILT=/path/to/other/checkout npx tsx bench/review-list.ts   # that checkout's build (its dist/ and web/dist/), to compare
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser.js';
import { campaignDatabase } from './campaign-plan.js';
import { BENCH_PASSWORD, startProcess } from './server.js';

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PERIOD = '2024-03-31';
const BUILT = process.env.BENCH_BUILT;

const stats = (ms: number[]): string => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `median ${at(0.5).toFixed(0)} ms, best ${s[0]!.toFixed(0)} ms, worst ${s[s.length - 1]!.toFixed(0)} ms`;
};

/** Starts collecting the page's event timings (input to next frame) of at least 16 ms. */
async function watchEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { benchEvents: Array<{ name: string; duration: number }> };
    w.benchEvents = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.benchEvents.push({ name: e.name, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
  });
}

/** The longest event timing of `names` since the last call (waits two frames for the entries to arrive). */
async function longestEvent(page: Page, names: readonly string[]): Promise<number> {
  return page.evaluate(async (wanted) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await new Promise((r) => setTimeout(r, 100));
    const w = window as unknown as { benchEvents: Array<{ name: string; duration: number }> };
    const seen = w.benchEvents.filter((e) => wanted.includes(e.name));
    w.benchEvents = [];
    return seen.reduce((m, e) => Math.max(m, e.duration), 0);
  }, names);
}

/** The list's counts as it says them (by state, of the rows the filter keeps). */
const countsOf = (page: Page): Promise<string> => page.locator('[data-testid=worklist-counts]').innerText();

/** Until the list has rows and its counts say other than `counts` (null: any), and a frame is drawn after. */
async function drawnAfter(page: Page, counts: string | null): Promise<void> {
  // A function, not a string: the app's Content-Security-Policy allows no eval.
  await page.waitForFunction(
    (before) => document.querySelectorAll('[data-testid=worklist-table] tbody tr').length > 0 && document.querySelector('[data-testid=worklist-counts]')?.textContent !== before,
    counts,
    { timeout: 120_000, polling: 'raf' },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-bench-review-'));
  let child: ChildProcess | undefined;
  const browser = await launchChromium();
  try {
    const { database, planId } = await campaignDatabase(dir, INDICATORS);
    const server = await startProcess(database, BUILT);
    child = server.child;
    const opened: number[] = [];
    const sendBack: number[] = [];
    const typed: number[] = [];
    const sent: number[] = [];
    const listRead: number[] = [];
    let listBytes = 0;
    const filtered: number[] = [];
    let rows = '';
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'it-IT' });
      const signedIn = await context.request.post(`${server.url}/api/session`, { data: { username: 'admin', password: BENCH_PASSWORD } });
      if (!signedIn.ok()) throw new Error(`sign-in: ${signedIn.status()}`);
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(`${server.url}/plans/${encodeURIComponent(planId)}?period=${PERIOD}&open=worklist`);
      await drawnAfter(page, null);
      const open = Date.now() - start;
      // The list's own read within the open, as the browser's Resource Timing reports it: request to last byte, and its size.
      const fetched = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname.endsWith('/worklist'))
          .map((e) => ({ ms: e.duration, bytes: (e as PerformanceResourceTiming).decodedBodySize }))
          .at(0),
      );
      const listed = await countsOf(page);
      rows = `${await page.locator('[data-testid=worklist-table] tbody tr').count()} rows in the DOM; the list: ${listed}`;
      await watchEvents(page);
      await page.locator('[data-testid=send-back]').first().click();
      await page.locator('[data-testid=review-note]').waitFor();
      const back = await longestEvent(page, ['pointerdown', 'pointerup', 'click']);
      await page.keyboard.type('x');
      const key = await longestEvent(page, ['keydown', 'keypress', 'keyup', 'input', 'beforeinput']);
      // «Invia»: the request stored, the list read again, the row drawn as sent back.
      const asked = await page
        .locator('[data-testid=worklist-table] tbody tr')
        .filter({ has: page.locator('[data-testid=review-note]') })
        .getAttribute('data-indicator');
      let t = Date.now();
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (id) => Array.from(document.querySelectorAll('[data-testid=worklist-table] tbody tr')).some((tr) => tr.getAttribute('data-indicator') === id && tr.getAttribute('data-state') === 'returned'),
        asked,
        { timeout: 120_000, polling: 'raf' },
      );
      const send = Date.now() - t;
      // The state filter: a new read of the list, drawn.
      const all = await countsOf(page);
      t = Date.now();
      await page.selectOption('#wl-state', 'approved');
      await drawnAfter(page, all);
      let filter = Date.now() - t;
      const approved = await countsOf(page);
      t = Date.now();
      await page.selectOption('#wl-state', '');
      await drawnAfter(page, approved);
      filter = Math.max(filter, Date.now() - t);
      console.log(
        `run ${run}${run === 0 ? ' (discarded)' : ''}: open ${open} ms (the list's read ${fetched?.ms.toFixed(0)} ms, ${fetched?.bytes} bytes), send back ${back.toFixed(0)} ms, a key ${key.toFixed(0)} ms, request sent ${send} ms, state filter ${filter} ms`,
      );
      if (run > 0 && fetched !== undefined) (listRead.push(fetched.ms), (listBytes = fetched.bytes));
      if (run > 0) (opened.push(open), sendBack.push(back), typed.push(key), sent.push(send), filtered.push(filter));
      await context.close();
    }
    console.log(rows);
    console.log(`review list of ${INDICATORS.toLocaleString('en')} indicators, period ${PERIOD}, ${RUNS} runs:`);
    console.log(`  open from its link to its rows drawn: ${stats(opened)}`);
    console.log(`  of which the list's read (request to last byte): ${stats(listRead)}, ${listBytes.toLocaleString('en')} bytes`);
    console.log(`  "Send back" on a row, input to next frame: ${stats(sendBack)} (target ≤ 200 ms)`);
    console.log(`  a key typed in the request, input to next frame: ${stats(typed)} (target ≤ 200 ms)`);
    console.log(`  the request sent, until its row is drawn sent back (server write and read included): ${stats(sent)}`);
    console.log(`  state filter changed, until drawn (server read included): ${stats(filtered)}`);
  } finally {
    await browser.close();
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
