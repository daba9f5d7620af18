/**
 * What-if: the engine itself, run in the browser on a copy of the plan rebuilt from the computed
 * tree. Nothing here talks to the server, so a simulation leaves no trace anywhere.
 *
 * The tree document carries every input the engine needs for the rules the published layout
 * uses (on/off, proportional, a derived mean of the child objectives). A `bands` or `threshold`
 * rule or a ratio/trend formula is not in the document; such indicators keep their computed
 * score as a fixed actual and are reported in `approximate` so the screen can say so.
 */
import {
  DEFAULT_SETTINGS,
  dec,
  evaluatePlan,
  explainNode,
  type Amount,
  type Band,
  type Evaluation,
  type Indicator,
  type Language,
  type Measurement,
  type Plan,
  type PlanNode,
  type Unit,
} from '../../src/core/index.js';
import { evaluationDocument, explanationDocument, type EvaluationDocument, type ExplanationDocument, type IndicatorDocument } from '../../src/io/json.js';

type Value = number | string | boolean | null;

/** Local, unsaved changes to the plan's inputs. */
export interface Overrides {
  indicators: Record<string, { actual?: Value; target?: Value; weight?: number; state?: IndicatorDocument['state']; reason?: string }>;
  nodes: Record<string, { weight?: number | null }>;
}

export const NO_OVERRIDES: Overrides = { indicators: {}, nodes: {} };

export function hasOverrides(o: Overrides): boolean {
  return Object.keys(o.indicators).length > 0 || Object.keys(o.nodes).length > 0;
}

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

/** The inputs of a plan, from its computed document. */
export function rebuildPlan(doc: EvaluationDocument, overrides: Overrides = NO_OVERRIDES): { plan: Plan; approximate: string[] } {
  const approximate: string[] = [];
  const hasChildren = new Set(doc.objectives.map((o) => o.parent).filter((p): p is string => p !== null));
  let notMeasuredCounted = false;
  const nodes = doc.objectives.map((o): PlanNode => {
    const nodeOverride = overrides.nodes[o.code];
    const weight = nodeOverride && 'weight' in nodeOverride ? nodeOverride.weight ?? null : o.weight;
    return {
      code: o.code,
      title: o.title,
      parent: o.parent,
      ...(o.level === null ? {} : { level: o.level }),
      weight: weight === null ? null : dec(String(weight)),
      indicators: o.indicators.map((i): Indicator => {
        const change = overrides.indicators[i.id] ?? {};
        if (i.state === 'not_measured' && i.counted) notMeasuredCounted = true;
        const exactRule = i.scoring === 'on_off' || i.scoring === 'proportional';
        const mean = i.derived && hasChildren.has(o.code);
        if (!exactRule || (i.derived && !mean)) approximate.push(i.id);
        const state = change.state ?? i.state;
        const actual = amount('actual' in change ? change.actual ?? null : i.actual, i.unit);
        let measurement: Measurement;
        switch (state) {
          case 'measured':
            measurement = mean ? { state } : actual === null ? { state: 'not_measured' } : { state, actual };
            break;
          case 'not_evaluable':
            measurement = { state, reason: change.reason ?? i.reason ?? 'N.V.' };
            break;
          default:
            measurement = { state };
        }
        return {
          id: i.id,
          name: i.name,
          weight: dec(String(change.weight ?? i.weight)),
          comparator: i.comparator as Indicator['comparator'],
          tolerance: null,
          target: amount('target' in change ? change.target ?? null : i.target, i.unit),
          unit: i.unit,
          scoring: exactRule ? { kind: i.scoring as 'on_off' | 'proportional' } : { kind: 'proportional' },
          formula: mean ? { kind: 'children_mean' } : null,
          measurement,
          ...(i.owner === null ? {} : { owner: i.owner }),
        };
      }),
    };
  });
  const legend = {
    rules: doc.legend.map((r) => ({ band: r.band, label: r.label, ...(r.min === null ? {} : { min: dec(String(r.min)), minInclusive: r.minInclusive }) })),
  };
  return {
    plan: { title: doc.title, nodes, settings: { ...DEFAULT_SETTINGS, legend, notMeasured: notMeasuredCounted ? 'zero' : 'skip' } },
    approximate,
  };
}

export interface Simulation {
  evaluation: Evaluation;
  document: EvaluationDocument;
  approximate: string[];
}

export function simulate(doc: EvaluationDocument, overrides: Overrides): Simulation {
  const { plan, approximate } = rebuildPlan(doc, overrides);
  const evaluation = evaluatePlan(plan);
  return { evaluation, document: evaluationDocument(evaluation), approximate };
}

/**
 * Puts simulated numbers into a copy of the server's document, keeping what only the server knows
 * (versions, evidence, who may edit). Indicator and objective order are the same in both.
 */
export function mergeSimulation<T extends EvaluationDocument>(original: T, simulated: EvaluationDocument): T {
  const byCode = new Map(simulated.objectives.map((o) => [o.code, o]));
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
          return si === undefined ? i : { ...i, ...si, owner: i.owner };
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
export function requirement(doc: EvaluationDocument, overrides: Overrides, indicatorId: string, nodeCode: string, wanted: Band): Requirement {
  const ind = doc.objectives.flatMap((o) => o.indicators).find((i) => i.id === indicatorId);
  const nodeOf = (o: Overrides) => {
    const d = simulate(doc, o).document.objectives.find((n) => n.code === nodeCode);
    return { performance: d?.performance ?? null, band: d?.band ?? null };
  };
  const now = nodeOf(overrides);
  if (ind === undefined) return { outcome: 'unsupported', actual: null, ...now };
  const current = overrides.indicators[indicatorId]?.actual ?? ind.actual;
  if (reaches(now.band, wanted)) return { outcome: 'already', actual: current, ...now };
  if ((ind.unit !== 'number' && ind.unit !== 'percent') || typeof ind.target !== 'number' || ind.derived || ind.comparator === '=') {
    return { outcome: 'unsupported', actual: null, ...now };
  }
  const withActual = (actual: number): Overrides => ({
    ...overrides,
    indicators: { ...overrides.indicators, [indicatorId]: { ...overrides.indicators[indicatorId], actual, state: 'measured' } },
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
    if (up) (ok ? (hi = mid) : (lo = mid));
    else (ok ? (lo = mid) : (hi = mid));
  }
  const raw = up ? hi : lo;
  // Rounded to the hundredth in the direction that keeps the band reached.
  let answer = up ? Math.ceil(raw * 100 - 1e-9) / 100 : Math.floor(raw * 100 + 1e-9) / 100;
  if (ind.unit === 'number' && Number.isInteger(target)) answer = up ? Math.ceil(answer) : Math.floor(answer);
  const at = nodeOf(withActual(answer));
  return { outcome: 'reachable', actual: answer, ...at };
}

/** The same shape as the API's explanation, from the simulated evaluation. */
export function explainSimulated(evaluation: Evaluation, code: string, language: Language = 'it'): ExplanationDocument | null {
  const e = explainNode(evaluation, code, language);
  return e === undefined ? null : explanationDocument(e);
}
