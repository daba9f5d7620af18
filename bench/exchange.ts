/**
 * Exchange-format benchmarks (issue 4): a generated 10,000-indicator plan exported to XLSX
 * (target ≤ 3 s) and to PDF through Chromium (target ≤ 10 s), plus the HTML, CSV and XLSX
 * re-import figures that explain them.
 *
 *   npx tsx bench/exchange.ts            # 10,000 indicators
 *   npx tsx bench/exchange.ts 50000
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { evaluatePlan } from '../src/core/index.js';
import { importTableBytes } from '../src/io/load.js';
import { openDataCsv } from '../src/io/opendata/index.js';
import { renderReportHtml } from '../src/io/report/html.js';
import { renderReport } from '../src/io/report/index.js';
import { launchChromium } from '../src/io/report/pdf.js';
import { exportPlanXlsx } from '../src/io/xlsx/export.js';
import { countIndicators, syntheticPlan } from './synthetic.js';

const size = Number(process.argv[2] ?? 10_000);
const plan = syntheticPlan(size, 1, true);
const evaluation = evaluatePlan(plan);
const indicators = countIndicators(plan);

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function line(name: string, ms: number, extra = ''): void {
  process.stdout.write(`${name.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s ${extra}\n`);
}

// The machine is shared: say how busy it was, since every figure below is wall-clock time.
process.stdout.write(`exchange: ${indicators} indicators, ${plan.nodes.length} objectives (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
await exportPlanXlsx(evaluation); // warm-up: module loading and JIT, as a long-running server would have
const xlsx = await time(() => exportPlanXlsx(evaluation));
line('xlsx export (target ≤ 3 s)', xlsx.ms, `${(xlsx.value.length / 1048576).toFixed(2)} MB`);
const reimport = await time(() => importTableBytes(xlsx.value, 'bench.xlsx'));
line('xlsx import of that export', reimport.ms, `${reimport.value.issues.filter((i) => i.severity === 'error').length} errors`);
const html = await time(() => renderReportHtml(evaluation));
line('html render', html.ms, `${(html.value.length / 1048576).toFixed(2)} MB`);
const csv = await time(() => openDataCsv(evaluation));
line('csv (open data)', csv.ms, `${(csv.value.length / 1048576).toFixed(2)} MB`);
const browser = await launchChromium();
try {
  const before = descendantsCpu();
  const pdfWarm = await time(() => renderReport(evaluation, 'pdf', { browser }));
  const cpu = descendantsCpu() - before;
  line('pdf, browser already running (server case)', pdfWarm.ms, `${(pdfWarm.value.length / 1048576).toFixed(2)} MB; Chromium CPU ${cpu.toFixed(2)} s (the floor on an idle machine)`);
} finally {
  await browser.close();
}
const pdfCold = await time(() => renderReport(evaluation, 'pdf'));
line('pdf, Chromium started for it (target ≤ 10 s)', pdfCold.ms);

/**
 * CPU seconds used so far by this process's descendants (Chromium's processes), from /proc: wall
 * time on a shared machine says more about the neighbours than about the work.
 */
function descendantsCpu(): number {
  const procs = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(entry), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const [pid, p] of procs) {
    let up = p.ppid;
    while (up > 1 && up !== process.pid) up = procs.get(up)?.ppid ?? 1;
    if (up === process.pid) total += p.cpu;
  }
  return total;
}
