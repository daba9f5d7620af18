/**
 * What-if: the engine itself, run in the browser on a copy of the plan rebuilt from the computed
 * tree. Nothing here talks to the server, so a simulation leaves no trace anywhere.
 *
 * The tree carries every input of the engine (each indicator's own rule with its points, formula
 * and base measures, tolerance, the plan's default rule and missing-value policy), so the plan is
 * rebuilt exactly by the one codec of the JSON documents (`planFromDocument`) and every number
 * of a simulation is the engine's.
 */
import {
  computedFromChildren,
  dec,
  evaluatePlan,
  explainNode,
  ownValue,
  type Amount,
  type Band,
  type Evaluation,
  type Indicator,
  type Language,
  type Measurement,
  type Plan,
  type Unit,
} from '../../../src/core/index.js';
import { evaluationDocument, explanationDocument, planFromDocument, thresholdDocument, type EvaluationDocument, type ExplanationDocument, type PlanDocument } from '../../../src/io/json.js';
import { indicatorThresholdBands, type Smvp } from '../../../src/core/appraisal/index.js';
import type { OwnRange } from '../../../src/contract/index.js';

import { NO_OVERRIDES, type Overrides } from './overrides.js';

// The overrides live in their own small module: the tree screen needs them from its first render,
// the engine below only once what-if is switched on (issue 15 §4).
export { hasOverrides, NO_OVERRIDES, type Overrides } from './overrides.js';

type Value = number | string | boolean | null;

/** A value typed in the what-if, read in the indicator's unit. */
function amount(value: Value, unit: Unit): Amount | null {
  if (value === null || value === '') return null;
  if (unit === 'date') return typeof value === 'string' ? { kind: 'date', value } : null;
  if (unit === 'boolean') return { kind: 'boolean', value: value === true || value === 'true' };
  const n = typeof value === 'number' ? String(value) : String(value).trim();
  try {
    return { kind: 'number', value: dec(n) };
  } catch {
    return null;
  }
}

/** An indicator with the simulated changes; `shown` is its actual as the tree shows it (a formula's result). */
function withChange(indicator: Indicator, change: Overrides['indicators'][string] | undefined, shown: Value): Indicator {
  if (change === undefined) return indicator;
  let next: Indicator = indicator;
  if (change.weight !== undefined) next = { ...next, weight: dec(String(change.weight)) };
  if ('target' in change) next = { ...next, target: amount(change.target ?? null, indicator.unit) };
  if (!('actual' in change) && change.state === undefined) return next;
  const m = indicator.measurement;
  const state = change.state ?? m.state;
  const mean = computedFromChildren(indicator.formula);
  let measurement: Measurement;
  if (state === 'measured') {
    if (mean) measurement = { state };
    else if (!('actual' in change) && m.state === 'measured') return { ...next, measurement: m };
    else {
      // A simulated actual stands for the formula's result: its base measures no longer apply.
      const actual = amount('actual' in change ? (change.actual ?? null) : shown, indicator.unit);
      if (actual !== null && indicator.formula !== null) next = { ...next, formula: null };
      measurement = actual === null ? { state: 'not_measured' } : { state, actual };
    }
  } else if (state === 'not_evaluable') {
    measurement = { state, reason: change.reason ?? (m.state === 'not_evaluable' ? m.reason : 'N.V.') };
  } else {
    measurement = { state };
  }
  return { ...next, measurement };
}

/** The plan of a computed tree, rebuilt exactly, with the simulated changes. */
export function rebuildPlan(doc: PlanDocument, overrides: Overrides = NO_OVERRIDES): Plan {
  const plan = planFromDocument(doc);
  const shown = new Map(doc.objectives.flatMap((o) => o.indicators.map((i) => [i.id, i.actual] as const)));
  return {
    ...plan,
    nodes: plan.nodes.map((n) => {
      // By own key: a code or id such as `constructor` has no change unless one was typed for it.
      const nodeChange = ownValue(overrides.nodes, n.code);
      const weight = nodeChange !== undefined && 'weight' in nodeChange ? (nodeChange.weight == null ? null : dec(String(nodeChange.weight))) : n.weight;
      return { ...n, weight, indicators: n.indicators.map((i) => withChange(i, ownValue(overrides.indicators, i.id), shown.get(i.id) ?? null)) };
    }),
  };
}

export interface Simulation {
  evaluation: Evaluation;
  document: EvaluationDocument;
}

export function simulate(doc: PlanDocument, overrides: Overrides): Simulation {
  const evaluation = evaluatePlan(rebuildPlan(doc, overrides));
  return { evaluation, document: evaluationDocument(evaluation) };
}

/**
 * Puts simulated numbers into a copy of the server's document, keeping what only the server knows
 * (versions, evidence, who may edit). Indicator and objective order are the same in both.
 */
export function mergeSimulation<T extends EvaluationDocument>(original: T, simulated: EvaluationDocument, evaluation?: Evaluation): T {
  const byCode = new Map(simulated.objectives.map((o) => [o.code, o]));
  // A row's own SMVP band follows its simulated score.
  const ranges = evaluation === undefined ? new Map<string, OwnRange>() : simulatedOwnRanges(original as unknown as Ranged, evaluation);
  return {
    ...original,
    summary: simulated.summary,
    objectives: original.objectives.map((o) => {
      const s = byCode.get(o.code);
      if (s === undefined) return o;
      const ind = new Map(s.indicators.map((i) => [i.id, i]));
      return {
        ...o,
        weight: s.weight,
        performance: s.performance,
        band: s.band,
        basis: s.basis,
        indicators: o.indicators.map((i) => {
          const si = ind.get(i.id);
          if (si === undefined) return i;
          const range = ranges.get(i.id);
          return range === undefined ? { ...i, ...si, owner: i.owner } : { ...i, ...si, owner: i.owner, ownRange: range };
        }),
      };
    }),
  };
}

export interface Requirement {
  /** `already`: the node is in the band as things stand; `reachable`: with `actual`; `unreachable`: not even at the best value. */
  outcome: 'already' | 'reachable' | 'unreachable' | 'unsupported';
  actual: Value;
  performance: number | null;
  band: Band | null;
}

const BAND_RANK: Record<Band, number> = { red: 0, yellow: 1, green: 2 };

function reaches(band: Band | null, wanted: Band): boolean {
  return band !== null && BAND_RANK[band] >= BAND_RANK[wanted];
}

/**
 * "What does B.2.2 need to turn B.2 green?": the least actual (for ≥; the largest for ≤) of one
 * indicator that brings a node to the wanted band, the other inputs as they are (with overrides).
 * Scores never fall as an actual improves, so a bisection over the improving direction is exact to
 * the hundredth.
 */
export function requirement(doc: PlanDocument, overrides: Overrides, indicatorId: string, nodeCode: string, wanted: Band): Requirement {
  const ind = doc.objectives.flatMap((o) => o.indicators).find((i) => i.id === indicatorId);
  const nodeOf = (o: Overrides) => {
    const d = simulate(doc, o).document.objectives.find((n) => n.code === nodeCode);
    return { performance: d?.performance ?? null, band: d?.band ?? null };
  };
  const now = nodeOf(overrides);
  if (ind === undefined) return { outcome: 'unsupported', actual: null, ...now };
  const current = ownValue(overrides.indicators, indicatorId)?.actual ?? ind.actual;
  if (reaches(now.band, wanted)) return { outcome: 'already', actual: current, ...now };
  if ((ind.unit !== 'number' && ind.unit !== 'percent') || typeof ind.target !== 'number' || ind.derived || ind.comparator === '=') {
    return { outcome: 'unsupported', actual: null, ...now };
  }
  const withActual = (actual: number): Overrides => ({
    ...overrides,
    indicators: { ...overrides.indicators, [indicatorId]: { ...ownValue(overrides.indicators, indicatorId), actual, state: 'measured' } },
  });
  const target = ind.target;
  const up = ind.comparator === '>=';
  // The best value that still changes the score: the target itself (scores are capped at 100).
  const best = nodeOf(withActual(target));
  if (!reaches(best.band, wanted)) return { outcome: 'unreachable', actual: target, ...best };
  // Worst end of the search: 0 for ≥, a value far beyond the target for ≤.
  let lo = up ? 0 : target;
  let hi = up ? target : Math.max(target * 100, target + 1000);
  for (let step = 0; step < 60 && Math.abs(hi - lo) > 0.005; step++) {
    const mid = (lo + hi) / 2;
    const ok = reaches(nodeOf(withActual(mid)).band, wanted);
    if (up) ok ? (hi = mid) : (lo = mid);
    else ok ? (lo = mid) : (hi = mid);
  }
  const raw = up ? hi : lo;
  // Rounded to the hundredth in the direction that keeps the band reached.
  let answer = up ? Math.ceil(raw * 100 - 1e-9) / 100 : Math.floor(raw * 100 + 1e-9) / 100;
  if (ind.unit === 'number' && Number.isInteger(target)) answer = up ? Math.ceil(answer) : Math.floor(answer);
  const at = nodeOf(withActual(answer));
  return { outcome: 'reachable', actual: answer, ...at };
}

/** The rows the server's tree gives their own SMVP range, as the SMVP states them (the thresholds only). */
type Ranged = { objectives: ReadonlyArray<{ code: string; indicators: ReadonlyArray<{ id: string; name: string; ownRange?: OwnRange | null }> }> };
function ownRanges(tree: Ranged): { smvp: Pick<Smvp, 'indicatorThresholds' | 'legend'>; version: Map<string, number> } | null {
  const rows = tree.objectives.flatMap((o) => o.indicators.flatMap((i) => (i.ownRange == null ? [] : [{ code: o.code, id: i.id, indicator: i.name, range: i.ownRange }])));
  const first = rows[0]?.range;
  if (first === undefined) return null;
  const indicatorThresholds = rows.map((r) => ({ code: r.code, indicator: r.indicator, green: dec(String(r.range.green)), yellow: dec(String(r.range.yellow)) }));
  // Only the inclusiveness is read from the legend here (one per SMVP); the thresholds are the rows'.
  const legend = { green: dec(0), yellow: dec(0), greenInclusive: first.greenInclusive, yellowInclusive: first.yellowInclusive };
  return { smvp: { indicatorThresholds, legend }, version: new Map(rows.map((r) => [r.id, r.range.smvpVersion])) };
}

/**
 * The rows' own SMVP ranges banded by the simulated scores, as the server bands them
 * (core/appraisal/thresholds.ts): in a what-if an indicator's own band follows its simulated score.
 */
export function simulatedOwnRanges(tree: Ranged, evaluation: Evaluation): Map<string, OwnRange> {
  const ranges = ownRanges(tree);
  if (ranges === null) return new Map();
  return new Map(
    indicatorThresholdBands(evaluation, ranges.smvp).map((b) => [
      b.indicatorId,
      {
        green: b.green.toNumber(),
        yellow: b.yellow.toNumber(),
        greenInclusive: b.greenInclusive,
        yellowInclusive: b.yellowInclusive,
        band: b.band,
        legendBand: b.legendBand,
        smvpVersion: ranges.version.get(b.indicatorId) ?? 0,
      },
    ]),
  );
}

/** The same shape as the API's explanation, from the simulated evaluation (with the rows' own SMVP ranges of `tree`, as the API gives them). */
export function explainSimulated(evaluation: Evaluation, code: string, language: Language = 'it', tree?: Ranged): ExplanationDocument | null {
  const e = explainNode(evaluation, code, language);
  if (e === undefined) return null;
  const ranges = tree === undefined ? null : ownRanges(tree);
  const own = ranges === null ? [] : indicatorThresholdBands(evaluation, ranges.smvp, code);
  const doc = explanationDocument(e);
  return own.length === 0 ? doc : { ...doc, thresholds: own.map((b) => thresholdDocument(b, language)) };
}
