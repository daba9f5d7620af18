/**
 * `albero verify` of a big, clean text table on two threads (issue 15 §2): the table is cut at an
 * objective row near its middle (io/published/cut.ts); a worker (cli/verify-worker.ts) reads,
 * evaluates and checks the second half while this thread does the first, each with the functions
 * the one-thread `verify` uses, and only the second half's differences and a few numbers come back.
 * The objectives of the first half whose children are in both (the ancestors of the row cut at)
 * are evaluated here: each child of the second half stands in this half's plan as a node without
 * indicators whose performance is the one the worker evaluated (`EvaluationOptions.outside`), so
 * their roll-up adds the same terms in the same order, and their stated cells are checked here.
 *
 * Anything that is not plain is left to the one thread, which says it as it always has (null):
 * a table below the size (`ALBERO_VERIFY_SPLIT_FROM`, bytes: tests lower it, `Infinity` never
 * splits), a machine with one core, a workbook, CSV or anything not a tab-separated table with its header row, a table that
 * cannot be cut, any problem in either half (a problem of the reader in one half would be said in
 * the order of one thread only by it), a code in both halves, a parent across the cut that one
 * thread would find elsewhere or not at all. With no problem in either half, the notation the
 * reader decides on the whole table (`english-notation`, `ambiguous-date`) cannot differ: each
 * text only English reads is refused at its cell, a problem of its half.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  Decimal,
  evaluatePlan,
  verifyStated,
  numberReading,
  type Difference,
  type Evaluation,
  type Language,
  type NumberReading,
  type Objective,
  type ScoringRule,
  type SourceLocation,
  type StatedCell,
  type TableDifference,
} from '../core/index.js';
import { importTableText } from '../io/load.js';
import type { TableHalves } from '../io/published/cut.js';
import { applyPlanOptions, type PlanOptions } from './plan-options.js';
import { cutFile } from './table-halves.js';
import { threadCpu } from './thread-cpu.js';

/** From this size (bytes) a table is checked on two threads: below it, starting a thread costs more than it saves. */
const SPLIT_FROM = 3_000_000;

/** What the worker is given: the table's file (it cuts it as this thread does) and the plan options. */
export interface HalfRequest {
  readonly file: string;
  readonly legend?: readonly [string, string];
  readonly scoring?: ScoringRule['kind'];
}

/** A `NumberReading` across threads: its Decimal as text (a Decimal loses its prototype in a message). */
export interface SentReading {
  readonly kind: number;
  readonly num: number;
  readonly den: number;
  readonly decimal: string | null;
}

/** A difference across threads, with its indicator's name. */
export interface SentDifference {
  readonly code: string;
  readonly indicator?: string;
  readonly name?: string | null;
  readonly cell: StatedCell['cell'];
  readonly stated: string | null;
  readonly computed: string | null;
  readonly origin: SourceLocation;
}

/** What the worker hands back: not plain (read on one thread), or its half checked. */
export type HalfResult =
  | { readonly plain: false }
  | {
      readonly plain: true;
      /** The line its half starts at: the same cut as this thread's (the file read twice). */
      readonly line: number;
      readonly checked: number;
      /** Whether a stated cell of the half holds a value. */
      readonly states: boolean;
      readonly differences: SentDifference[];
      /** Every objective's code, in table order. */
      readonly codes: string[];
      /** Objectives whose parent is not the code without its last part (`A.1.2` under `A`): one thread might find a nearer one in the first half. */
      readonly gaps: { code: string; parent: string }[];
      /** Objectives whose parent is not in the second half, in table order: the children of the first half's objectives. */
      readonly orphans: { code: string; weight: string | null; performance: SentReading }[];
      /** Its thread's CPU time in ms when it answered (`ALBERO_VERIFY_SPLIT_TRACE`). */
      readonly cpu: number;
    };

/** A difference and the name of its indicator, as the one-thread `verify` prints them. */
export interface NamedDifference {
  readonly difference: TableDifference;
  readonly name: string | null;
}

export interface SplitVerification {
  readonly checked: number;
  readonly differences: readonly NamedDifference[];
  readonly language: Language | undefined;
  /** Every stated cell empty and none differing: nothing checked (`verify` says so). */
  readonly statesNothing: boolean;
}

/**
 * The table `file` verified on two threads, or null when it is to be read on one (see above).
 * `prepare` runs around the reading (the heap's growth, cli/shared.ts `withRoomyHeap`).
 */
export async function verifySplit(file: string, options: PlanOptions, prepare: <T>(read: () => Promise<T>) => Promise<T>): Promise<SplitVerification | null> {
  const from = Number(process.env.ALBERO_VERIFY_SPLIT_FROM ?? SPLIT_FROM);
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : -1),
    () => -1,
  );
  if (size < 0 || !(size >= from)) return null;
  // On one core the worker's half only waits for this thread's: the same work, plus a thread's start.
  if (availableParallelism() < 2) return null;
  const url = new URL('./verify-worker.js', import.meta.url);
  const workerExists = await stat(url).then(
    () => true,
    () => false,
  );
  if (!workerExists) return null;
  const request: HalfRequest = {
    file,
    ...(options.legend === undefined ? {} : { legend: [options.legend[0].toString(), options.legend[1].toString()] as const }),
    ...(options.scoring === undefined ? {} : { scoring: options.scoring }),
  };
  return prepare(async () => {
    // Started first, with the file's name: it reads and cuts the file itself, so its start (its
    // isolate, its bundle) and its decoding overlap this thread's, and no half is copied across.
    const worker = new Worker(url, { workerData: request });
    const answer = new Promise<HalfResult>((resolve) => {
      worker.once('message', (result: HalfResult) => resolve(result));
      // A thread that fails (a bug) leaves the table to the one thread, which gives the same answer.
      worker.once('error', () => resolve({ plain: false }));
      worker.once('exit', () => resolve({ plain: false }));
    });
    const halves = await cutFile(file);
    if (halves === null) {
      void worker.terminate();
      return null;
    }
    return checkHalves(halves, file, options, worker, answer);
  });
}

async function checkHalves({ first, line, code }: TableHalves, name: string, options: PlanOptions, worker: Worker, answer: Promise<HalfResult>): Promise<SplitVerification | null> {
  const read = importTableText(first, name, { stated: true, published: true });
  const table = read.value;
  if (table === null || read.issues.length > 0) {
    void worker.terminate();
    return null;
  }
  const nodes = table.plan.nodes;
  const codes = new Set<string>();
  const folded = new Set<string>();
  for (const node of nodes) {
    codes.add(node.code);
    folded.add(node.code.toLowerCase());
  }
  // The objectives above the cut: the row cut at's ancestors, whose children are in both halves.
  // Everything else of this half is evaluated and checked while the worker reads, as on one thread.
  const above = new Set<string>();
  for (let p = nearestIn(code, codes, null); p !== null; p = nearestIn(p, codes, null)) above.add(p);
  const plan = applyPlanOptions(table.plan, options);
  const evaluation = evaluatePlan(plan, { keepScores: true });
  const own = verifyStated(evaluation, above.size === 0 ? table.stated : table.stated.filter((c) => !above.has(c.code)));
  const waitFrom = performance.now();
  const half = await answer;
  if (TRACE)
    trace(`first half checked at ${threadCpu()} ms of this thread's CPU; waited ${Math.round(performance.now() - waitFrom)} ms for the second (its thread: ${half.plain ? half.cpu : '?'} ms of CPU)`);
  if (!half.plain || half.line !== line || half.codes[0] !== code) return null;
  // A table stating no value at all is said so by the one thread (`cli-verify-nothing-stated`).
  if (!half.states && table.stated.every((c) => c.value === null)) return null;
  // A code of both halves is `duplicate-code` on one thread (A.2.1 and a.2.1 are one code).
  for (const c of half.codes) if (folded.has(c.toLowerCase())) return null;
  // A parent one thread finds nearer, in the other half: `A.1.1` above the cut under `A`, `A.1` below it.
  for (const gap of half.gaps) if (nearestIn(gap.code, codes, gap.parent) !== null) return null;
  let secondCodes: Set<string> | null = null;
  for (const node of nodes) {
    if (node.parent === null ? !node.code.includes('.') : node.parent === node.code.slice(0, node.code.lastIndexOf('.'))) continue;
    secondCodes ??= new Set(half.codes);
    if (nearestIn(node.code, secondCodes, node.parent) !== null) return null;
  }
  // The objectives above the cut evaluated again, in a plan of their own: each of their children
  // stands in it without its subtree, with the performance its own thread gave it.
  const outside = new Map<string, NumberReading>();
  const upper: Objective[] = [];
  const standIn = (child: Objective, parent: string): Objective => ({ code: child.code, title: '', parent, weight: child.weight, indicators: [] });
  for (const node of nodes) {
    if (above.has(node.code)) upper.push(node);
    else if (node.parent !== null && above.has(node.parent)) {
      const reading = numberReading();
      evaluation.readNode(node.code, reading);
      outside.set(node.code, reading);
      upper.push(standIn(node, node.parent));
    }
  }
  for (const orphan of half.orphans) {
    const parent = nearestIn(orphan.code, codes, null);
    // None: `missing-parent` on one thread too; one not above the cut: a table out of order.
    if (parent === null || !above.has(parent)) return null;
    const p = orphan.performance;
    outside.set(orphan.code, { kind: p.kind, num: p.num, den: p.den, decimal: p.decimal === null ? null : new Decimal(p.decimal) });
    upper.push(standIn({ code: orphan.code, title: '', parent, weight: orphan.weight === null ? null : new Decimal(orphan.weight), indicators: [] }, parent));
  }
  const top = evaluatePlan({ ...plan, nodes: upper }, { keepScores: true, outside });
  const topResult = verifyStated(
    top,
    table.stated.filter((c) => above.has(c.code)),
  );
  const differences: NamedDifference[] = [];
  const named = (d: Difference, from: Evaluation): NamedDifference => ({ difference: d, name: d.indicator === undefined ? null : (from.indicator(d.indicator)?.indicator.name ?? null) });
  // The two lists of this half merged by line (one row's cells are all of one objective, so of one list).
  let k = 0;
  for (const d of own.differences) {
    while (k < topResult.differences.length && lineOf(topResult.differences[k]!) < lineOf(d)) differences.push(named(topResult.differences[k++]!, top));
    differences.push(named(d, evaluation));
  }
  while (k < topResult.differences.length) differences.push(named(topResult.differences[k++]!, top));
  // The second half's rows come after the first's: its differences follow, in its order.
  for (const d of half.differences) {
    differences.push({
      difference: {
        code: d.code,
        ...(d.indicator === undefined ? {} : { indicator: d.indicator }),
        cell: d.cell,
        stated: d.stated === null ? null : new Decimal(d.stated),
        computed: d.computed === null ? null : new Decimal(d.computed),
        origin: d.origin,
      },
      name: d.name ?? null,
    });
  }
  if (TRACE) trace(`two threads, cut at line ${line}; this thread's CPU ${threadCpu()} ms`);
  return { checked: own.checked + topResult.checked + half.checked, differences, language: table.language, statesNothing: false };
}

function lineOf(d: Difference): number {
  return d.origin.line ?? 0;
}

/**
 * `ALBERO_VERIFY_SPLIT_TRACE=1`: a line on stderr saying the table was checked on two threads, and
 * where the time went (tests and bench/ read it; not words for a user, so in English only).
 */
const TRACE = process.env.ALBERO_VERIFY_SPLIT_TRACE === '1';

function trace(words: string): void {
  process.stderr.write(`albero verify: ${words}\n`);
}

/**
 * The nearest of `code`'s ancestors (`A.2.1` → `A.2`, then `A`) that is in `codes`, looking only at
 * those nearer than `before` (null: at all), as the reader finds a parent; null when there is none.
 */
function nearestIn(code: string, codes: ReadonlySet<string>, before: string | null): string | null {
  for (let dot = code.lastIndexOf('.'); dot > 0; dot = code.lastIndexOf('.', dot - 1)) {
    const candidate = code.slice(0, dot);
    if (candidate === before) return null;
    if (codes.has(candidate)) return candidate;
  }
  return null;
}
