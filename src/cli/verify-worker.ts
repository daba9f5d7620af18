/**
 * `albero verify`'s second thread (cli/verify-split.ts): the second half of a big table read,
 * evaluated and checked with the functions `verify` uses on one thread, and only what the main
 * thread needs handed back. Loads the core and the text reader, nothing of the command line.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Decimal, evaluatePlan, numberReading, verifyStated, type Plan } from '../core/index.js';
import { importTableText } from '../io/load.js';
import { fullCollection } from './heap.js';
import { applyPlanOptions } from './plan-options.js';
import { cutFile } from './table-halves.js';
import { threadCpu } from './thread-cpu.js';
import type { HalfRequest, HalfResult, SentReading } from './verify-split.js';

async function checkHalf(request: HalfRequest): Promise<HalfResult> {
  const halves = await cutFile(request.file);
  if (halves === null) return { plain: false };
  const read = importTableText(halves.second, request.file, { stated: true, published: true });
  const table = read.value;
  // Its parents in the first half are said missing here: the main thread looks for them there.
  // Any other problem: the table is read on one thread, which says it as it always has.
  const orphans = new Set<string>();
  for (const issue of read.issues) {
    if (issue.code !== 'missing-parent' || table === null) return { plain: false };
    orphans.add(String(issue.params?.code));
  }
  if (table === null) return { plain: false };
  const options = {
    ...(request.legend === undefined ? {} : { legend: request.legend.map((v) => new Decimal(v)) as [Decimal, Decimal] }),
    ...(request.scoring === undefined ? {} : { scoring: request.scoring }),
  };
  const plan: Plan = applyPlanOptions(table.plan, options);
  const evaluation = evaluatePlan(plan, { keepScores: true });
  const result = verifyStated(evaluation, table.stated);
  const reading = numberReading();
  const sent: HalfResult & { plain: true } = {
    plain: true,
    line: halves.line,
    checked: result.checked,
    states: table.stated.some((c) => c.value !== null),
    differences: result.differences.map((d) => ({
      code: d.code,
      ...(d.indicator === undefined ? {} : { indicator: d.indicator, name: evaluation.indicator(d.indicator)?.indicator.name ?? null }),
      cell: d.cell,
      stated: d.stated?.toString() ?? null,
      computed: d.computed?.toString() ?? null,
      origin: d.origin,
    })),
    codes: [],
    gaps: [],
    orphans: [],
    cpu: -1,
  };
  for (const node of plan.nodes) {
    sent.codes.push(node.code);
    if (orphans.has(node.code) && node.parent === null) {
      evaluation.readNode(node.code, reading);
      const performance: SentReading = { kind: reading.kind, num: reading.num, den: reading.den, decimal: reading.decimal?.toString() ?? null };
      sent.orphans.push({ code: node.code, weight: node.weight?.toString() ?? null, performance });
    } else if (node.parent !== null && node.parent !== node.code.slice(0, node.code.lastIndexOf('.'))) sent.gaps.push({ code: node.code, parent: node.parent });
  }
  return process.env.ALBERO_VERIFY_SPLIT_TRACE === '1' ? { ...sent, cpu: threadCpu() } : sent;
}

// This isolate's heap sized as the main thread's (cli/heap.ts): the flags it set are the process's,
// and V8 applies them at a full collection, made here while this heap holds only the program.
fullCollection();
parentPort!.postMessage(await checkHalf(workerData as HalfRequest));
