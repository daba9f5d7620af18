/**
 * Time to first render of the tree in Chromium: from navigation start to the first frame with tree
 * rows on screen (the app's `albero:tree-rendered` mark), for the fixture and a 10,000-indicator
 * plan. Targets: ≤ 1 s and ≤ 1,5 s. Then 60 scroll jumps through a 20,400-indicator tree: p95 frame
 * ≤ 33 ms (issue 15 §5).
 *
 * The API is answered from memory by Playwright's router with the real computed documents
 * (`evaluationDocument` of the engine, plus the server's per-indicator fields), so the figure is
 * the browser's own work: loading the built app, parsing the tree JSON, flattening and drawing it.
 * Run: `npx tsx bench/web.ts` (builds web/dist first if it is missing); `BENCH_WEB=cold` only the
 * cold open through the real server (needs `npm run build`), `BENCH_WEB=scroll` only the scrolling.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluatePlan, type Plan } from '../src/core/index.js';
import { planDocument } from '../src/io/json.js';
import { loadTable } from '../src/io/load.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser.js';
import { ACCOUNTS, PASSWORD, startServer } from '../e2e/server.js';
import { syntheticPlan, countIndicators } from './synthetic.js';
import { mergeSimulation, simulate } from '../web/src/plan/whatif.js';
import { FIXTURE, ROOT } from '../test/helpers.js';

const DIST = join(ROOT, 'web', 'dist');
const ORIGIN = 'http://albero.bench';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };

/** The tree as GET /api/plans/:id/tree sends it. */
export function treeDocument(plan: Plan, planId = 1) {
  // The evaluation and the engine's inputs (rules, formulas, settings), as the API's tree carries them.
  const doc = planDocument(evaluatePlan(plan));
  const period = { id: '2024-12', label: '31/12/2024', endsOn: '2024-12-31', state: 'collecting' as const };
  return {
    ...doc,
    planId,
    period,
    periods: [period],
    objectives: doc.objectives.map((o) => ({
      ...o,
      owner: null,
      unit: null,
      indicators: o.indicators.map((i) => ({ ...i, version: 1, evidence: null, source: null, notes: null, editable: false })),
    })),
  };
}

let domRows = 0;

async function measure(tree: unknown, runs: number): Promise<number[]> {
  const body = JSON.stringify(tree);
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.route(`${ORIGIN}/**`, async (route) => {
        const url = new URL(route.request().url());
        if (url.pathname === '/api/session') {
          return route.fulfill({ json: { user: { id: 1, username: 'bench', displayName: 'Bench', role: 'controller', units: [] }, csrfToken: 'x' } });
        }
        if (/^\/api\/plans\/1\/tree$/.test(url.pathname)) return route.fulfill({ body, contentType: 'application/json' });
        if (url.pathname.startsWith('/api/')) return route.fulfill({ status: 404, json: { error: { code: 'not-found', message: 'not in the bench' } } });
        const file = join(DIST, url.pathname === '/' ? 'index.html' : url.pathname);
        if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
        return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
      });
      const page = await context.newPage();
      await page.goto(`${ORIGIN}/#/plans/1`);
      await page.waitForFunction(() => performance.getEntriesByName('albero:tree-rendered').length > 0, undefined, { timeout: 30_000 });
      const ms = await page.evaluate(() => performance.getEntriesByName('albero:tree-rendered')[0]!.startTime);
      times.push(ms);
      if (run === runs - 1) domRows = await page.locator('[role=row]').count();
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

/**
 * Scrolling a big tree (issue 15 §5): `jumps` jumps of the scroll position to seeded random
 * places, each made in a frame's animation callback; the jump's frame time is the longest
 * interval between the animation frames that follow it until the rows are drawn (three frames),
 * which is what the eye sees as a stutter. Returns each jump's frame time in ms.
 */
async function scrollFrames(tree: unknown, jumps: number): Promise<number[]> {
  const body = JSON.stringify(tree);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/api/session') return route.fulfill({ json: { user: { id: 1, username: 'bench', displayName: 'Bench', role: 'controller', units: [] }, csrfToken: 'x' } });
      if (/^\/api\/plans\/1\/tree$/.test(url.pathname)) return route.fulfill({ body, contentType: 'application/json' });
      if (url.pathname.startsWith('/api/')) return route.fulfill({ status: 404, json: { error: { code: 'not-found', message: 'not in the bench' } } });
      const file = join(DIST, url.pathname === '/' ? 'index.html' : url.pathname);
      if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
    });
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/#/plans/1`);
    await page.waitForFunction(() => performance.getEntriesByName('albero:tree-rendered').length > 0, undefined, { timeout: 60_000 });
    // A string, not a function: tsx would wrap the function's inner arrows in its `__name` helper, unknown to the page.
    return (await page.evaluate(`(async (count) => {
      const scroller = document.querySelector('.tree-scroll');
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      let seed = 12345;
      const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
      for (let n = 0; n < 10; n++) await frame(); // let the first render settle
      const times = [];
      for (let n = 0; n < count; n++) {
        const start = await frame();
        scroller.scrollTop = Math.floor(random() * (scroller.scrollHeight - scroller.clientHeight));
        let last = start;
        let longest = 0;
        for (let k = 0; k < 3; k++) {
          const now = await frame();
          longest = Math.max(longest, now - last);
          last = now;
        }
        times.push(longest);
      }
      return times;
    })(${jumps})`)) as number[];
  } finally {
    await browser.close();
  }
}

/**
 * The cold open of the demo tree (issue 15 §4): the real built server on a fresh SQLite file with
 * the fixture imported, a fresh browser context each run (empty cache), already signed in, from
 * navigation start to the first frame with tree rows. Unlike `measure`, everything goes over HTTP
 * as in use: the compressed assets, the session and the tree from the server.
 */
async function coldOpen(runs: number): Promise<number[]> {
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const planId = await importDemo(browser, server.url);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await signIn(context, server.url);
      const page = await context.newPage();
      await settle(page);
      const rendered = await whenTreeRendered(page);
      await page.goto(`${server.url}/plans/${encodeURIComponent(planId)}`, { waitUntil: 'commit' });
      times.push(await rendered.time);
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Signs the browser context in as the controller; gives the session's CSRF token. */
export async function signIn(context: BrowserContext, url: string): Promise<string> {
  const r = await context.request.post(`${url}/api/session`, { data: { username: ACCOUNTS.controller.username, password: PASSWORD } });
  return ((await r.json()) as { csrfToken: string }).csrfToken;
}

/** Imports the fixture through the server from a context of its own; gives the plan's id. */
export async function importDemo(browser: Browser, url: string): Promise<string> {
  const setup = await browser.newContext();
  const imported = await setup.request.post(`${url}/api/plans/import`, {
    headers: { 'X-CSRF-Token': await signIn(setup, url) },
    multipart: { file: { name: 'albero-performance-2024.txt', mimeType: 'text/plain', buffer: readFileSync(FIXTURE) }, year: '2024' },
  });
  if (imported.status() !== 201) throw new Error(`the fixture was not imported: ${await imported.text()}`);
  const planId = String(((await imported.json()) as { plan: { id: string } }).plan.id);
  await setup.close();
  return planId;
}

/**
 * Before a navigation: the time of the tree's first frame (the app's `albero:tree-rendered` mark,
 * from navigation start). The mark is reported on the console, not polled: a poll
 * (waitForFunction) makes Playwright compile its injected script in the page, ~100 ms on the main
 * thread in the middle of the open it times, which no reader's browser does.
 */
export async function whenTreeRendered(page: Page): Promise<{ time: Promise<number> }> {
  await page.addInitScript(() => {
    new PerformanceObserver((list, observer) => {
      const mark = list.getEntriesByName('albero:tree-rendered')[0];
      if (mark === undefined) return;
      observer.disconnect();
      console.log(`albero:tree-rendered ${mark.startTime}`);
    }).observe({ type: 'mark', buffered: true });
  });
  const rendered = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('albero:tree-rendered '), timeout: 30_000 });
  // Wrapped, so that awaiting the set-up does not also await the frame.
  return { time: rendered.then((m) => Number(m.text().split(' ')[1])) };
}

/**
 * How long a new window is left before it opens the app (issue 15 §4). Chromium starts its own
 * interface with each new window (a renderer for the address bar's WebUI popup, ≈200–300 ms of CPU
 * in a trace): left to run, it ran alongside the app's cold open on the 2 cores. A reader's browser
 * is open before they follow a link; the cache stays empty (a new context each run).
 * `BENCH_SETTLE_MS=0` measures as before (the window's start in the figure).
 */
export const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? '1500');

/** Leaves a new page's window to finish starting (see SETTLE_MS). */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(SETTLE_MS);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (process.env.BENCH_WEB === 'cold') {
    // BENCH_WEB=cold: only the cold open through the server.
    const cold = (await coldOpen(6)).slice(1);
    console.log(`web: cold open of the fixture through the server: ${median(cold).toFixed(0)} ms (runs ${cold.map((t) => t.toFixed(0)).join(', ')}; target ≤ 800 ms)`);
    if (median(cold) > 800) process.exitCode = 1;
    return;
  }
  const fixture = await loadTable(FIXTURE);
  if (fixture.value === null) throw new Error('the fixture did not load');
  const big = syntheticPlan(10_000);
  const cases = [
    { name: 'fixture', plan: fixture.value.plan, target: 1000 },
    { name: `synthetic (${countIndicators(big)} indicators)`, plan: big, target: 1500 },
  ];
  console.log('web: time to first render of the tree in Chromium (median of 5, first run discarded)');
  let failed = false;
  // BENCH_WEB=scroll: only the scrolling figure (profiling).
  for (const c of process.env.BENCH_WEB === 'scroll' ? [] : cases) {
    const times = (await measure(treeDocument(c.plan), 6)).slice(1);
    const m = median(times);
    failed ||= m > c.target;
    console.log(`  ${c.name}: ${m.toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')}; target ≤ ${c.target} ms)${m > c.target ? '  OVER TARGET' : ''}; ${domRows} rows in the DOM`);
  }
  if (process.env.BENCH_WEB !== 'scroll') {
    // The demo tree opened cold through the real server (issue 15 §4: ≤ 0.8 s).
    const cold = (await coldOpen(6)).slice(1);
    const m = median(cold);
    failed ||= m > 800;
    console.log(`  cold open of the fixture through the server: ${m.toFixed(0)} ms (runs ${cold.map((t) => t.toFixed(0)).join(', ')}; target ≤ 800 ms)${m > 800 ? '  OVER TARGET' : ''}`);
  }
  // Scrolling the tree of a big plan: 60 jumps, the frame time of each.
  const scrollPlan = syntheticPlan(20_400);
  const frames = (await scrollFrames(treeDocument(scrollPlan), 60)).sort((a, b) => a - b);
  const q = (p: number) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))]!;
  // Frame times come in whole 60 Hz frames (16.7 ms): the 33 ms target is two frames, 33.3 ms.
  const scrollOver = q(0.95) > 2 * (1000 / 60) + 0.1;
  failed ||= scrollOver;
  console.log(
    `  scrolling ${countIndicators(scrollPlan)} indicators, 60 jumps: frame p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${frames[frames.length - 1]!.toFixed(1)} ms, mean ${(frames.reduce((a, b) => a + b, 0) / frames.length).toFixed(1)} ms (target p95 ≤ 33 ms: two 60 Hz frames)${scrollOver ? '  OVER TARGET' : ''}`,
  );
  // What-if recomputes the whole plan in the browser on every change: the same code, timed here.
  const doc = treeDocument(big);
  const first = doc.objectives.flatMap((o) => o.indicators).find((i) => !i.derived && typeof i.target === 'number')!;
  const whatIf: number[] = [];
  for (let n = 0; n < 7; n++) {
    const t0 = performance.now();
    mergeSimulation(doc, simulate(doc, { indicators: { [first.id]: { actual: n } }, nodes: {} }).document);
    whatIf.push(performance.now() - t0);
  }
  console.log(`  what-if on ${countIndicators(big)} indicators (rebuild, evaluate, merge; Node): median ${median(whatIf.slice(2)).toFixed(0)} ms`);
  if (failed) process.exitCode = 1;
}

// Run only as a script, so the document builder can be reused by a test.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
