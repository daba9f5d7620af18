/**
 * Exchange-format benchmarks (issue 4): a generated 10,000-indicator plan exported to XLSX
 * (target ≤ 3 s) and to PDF drawn with pdfkit (target ≤ 10 s), plus the HTML, CSV and XLSX
 * re-import figures that explain them.
 *
 *   npx tsx bench/exchange.ts            # 10,000 indicators
 *   npx tsx bench/exchange.ts 50000
 */
import { loadavg } from 'node:os';
import { evaluatePlan } from '../src/core/index.js';
import { importTableBytes } from '../src/io/load.js';
import { openDataCsv } from '../src/io/opendata/index.js';
import { renderReportHtml } from '../src/io/report/html.js';
import { renderReport } from '../src/io/report/index.js';
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
process.stdout.write(
  `exchange: ${indicators} indicators, ${plan.nodes.length} objectives (load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})\n`,
);
await exportPlanXlsx(evaluation); // warm-up: module loading and JIT, as a long-running server would have
const xlsx = await time(() => exportPlanXlsx(evaluation));
line('xlsx export (target ≤ 3 s at 10,000; ≤ 4 s at 20,000)', xlsx.ms, `${(xlsx.value.length / 1048576).toFixed(2)} MB`);
const reimport = await time(() => importTableBytes(xlsx.value, 'bench.xlsx'));
line('xlsx import of that export', reimport.ms, `${reimport.value.issues.filter((i) => i.severity === 'error').length} errors`);
const html = await time(() => renderReportHtml(evaluation));
line('html render', html.ms, `${(html.value.length / 1048576).toFixed(2)} MB`);
const csv = await time(() => openDataCsv(evaluation));
line('csv (open data)', csv.ms, `${(csv.value.length / 1048576).toFixed(2)} MB`);
// The CLI's case first (fonts read and code compiled for this PDF), then a server's (already warm).
const cpu = process.cpuUsage();
const pdfCold = await time(() => renderReport(evaluation, 'pdf'));
const cpuCold = process.cpuUsage(cpu);
line('pdf, first in the process (target ≤ 10 s; ≤ 6 s at 20,000)', pdfCold.ms, `${(pdfCold.value.length / 1048576).toFixed(2)} MB; CPU ${((cpuCold.user + cpuCold.system) / 1e6).toFixed(2)} s`);
const pdfWarm = await time(() => renderReport(evaluation, 'pdf'));
line('pdf, again (server case)', pdfWarm.ms, `${pageCount(pdfWarm.value)} pages`);

/** The page count written in the PDF's page tree. */
function pageCount(pdf: Uint8Array): number {
  const m = /\/Type \/Pages\s*\/Count (\d+)/.exec(Buffer.from(pdf).toString('latin1'));
  return m === null ? Number.NaN : Number(m[1]);
}
