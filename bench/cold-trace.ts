/**
 * Cold opens of the demo tree through the real server (as bench/web.ts's BENCH_WEB=cold), each
 * with a Chromium trace (and V8's sampling profile) in /tmp/cold15-trace-N.json: prints the page's
 * main-thread tasks from navigation start to the tree's first frame (issue 15 §4), to see where a
 * cold open spends its time rather than guess.
 * Each run also prints the main thread's CPU time until the tree's frame: on a shared, loaded
 * machine the wall time mostly measures waiting for a core, the CPU time what the page asked of it.
 * Run: `npx tsx bench/cold-trace.ts [runs] [brief]` (needs `npm run build`; `brief`: no task list);
 * `ALBERO_WEB_ROOT=DIR` serves another build of the web app (an A/B against main's `web/dist`).
 */
import { readFileSync } from 'node:fs';
import { launchChromium } from '../e2e/browser.js';
import { importDemo, settle, signIn, whenTreeRendered } from './web.js';
import { startServer } from '../e2e/server.js';

interface Ev {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event (what it ran, not the time it waited for a core). */
  tdur?: number;
  pid: number;
  tid: number;
  cat: string;
  args?: Record<string, unknown>;
}

const runs = Number(process.argv[2] ?? '2');
const brief = process.argv[3] === 'brief';
const walls: number[] = [];
const cpus: number[] = [];
const server = await startServer();
const browser = await launchChromium();
try {
  const planId = await importDemo(browser, server.url);
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await signIn(context, server.url);
    const page = await context.newPage();
    await settle(page);
    const rendered = await whenTreeRendered(page);
    const path = `/tmp/cold15-trace-${run}.json`;
    await browser.startTracing(page, {
      path,
      categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'loading', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler'],
    });
    await page.goto(`${server.url}/plans/${encodeURIComponent(planId)}`, { waitUntil: 'commit' });
    const ms = await rendered.time;
    await page.waitForTimeout(300);
    await browser.stopTracing();
    const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: Ev[] };
    const evs = trace.traceEvents;
    // The navigation's start: its event, or (some traces lack the document's address in it) the
    // tree's mark less the mark's own time from the navigation's start.
    const markEv = evs.find((e) => e.name === 'albero:tree-rendered');
    const navEv =
      evs.find((e) => e.name === 'navigationStart' && String((e.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL ?? '').includes('/plans/')) ??
      (markEv === undefined ? undefined : { ...markEv, ts: markEv.ts - ms * 1000 });
    if (navEv === undefined) throw new Error(`run ${run}: the trace has neither the navigation's start nor the tree's mark`);
    const main = { pid: navEv.pid, tid: navEv.tid };
    const nav = navEv.ts;
    const rel = (ts: number) => ((ts - nav) / 1000).toFixed(0).padStart(5);
    const mainThread = evs.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= nav && e.ts <= nav + (ms + 100) * 1000);
    const before = mainThread.filter((e) => e.name === 'RunTask' && e.ts <= nav + ms * 1000);
    const cpu = before.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
    const busy = before.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
    walls.push(ms);
    cpus.push(cpu);
    console.log(`run ${run}: tree rendered at ${ms.toFixed(0)} ms; main thread's tasks until then ${busy.toFixed(0)} ms, of which CPU ${cpu.toFixed(0)} ms`);
    if (brief) {
      await context.close();
      continue;
    }
    const lines: string[] = [];
    const label = (k: Ev) => {
      const data = k.args?.data as { url?: string; functionName?: string } | undefined;
      const what = data?.url ?? data?.functionName;
      return `${k.name}${what === undefined || what === '' ? '' : `(${what.replace(/.*\//, '')})`} ${((k.dur ?? 0) / 1000).toFixed(0)}`;
    };
    // Each task of 3 ms or more on the page's main thread, with what took 2 ms or more inside it.
    for (const e of mainThread.filter((x) => x.name === 'RunTask' && (x.dur ?? 0) >= 3000)) {
      const end = e.ts + (e.dur ?? 0);
      const kids = mainThread.filter(
        (k) => k !== e && k.ts >= e.ts && k.ts + (k.dur ?? 0) <= end && (k.dur ?? 0) >= 2000 && k.name !== 'RunTask' && !k.name.startsWith('V8.') && !k.name.includes('::'),
      );
      lines.push(`${rel(e.ts)} ${((e.dur ?? 0) / 1000).toFixed(0).padStart(4)} ms  ${kids.map(label).join(', ').slice(0, 300)}`);
    }
    console.log(lines.join('\n'));
    await context.close();
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  console.log(`median of ${runs}: tree rendered at ${median(walls).toFixed(0)} ms, main thread's CPU ${median(cpus).toFixed(0)} ms`);
} finally {
  await browser.close();
  await server.stop();
}
