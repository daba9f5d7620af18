/**
 * Evaluation: every indicator's score and every objective's performance, from the plan's inputs.
 *
 * - An objective's performance is the weighted mean of the scores of its counted indicators, the
 *   weights re-normalised over those counted. N.V. and (by default) not-measured indicators leave
 *   the mean; not-achieved ones count with 0. No counted indicator: no performance (null), not 0.
 * - A node with no indicators at all but with children (an area) rolls its children up with the
 *   same weighted mean, so a tree of any depth has a number at every level that has data.
 * - A `children_mean` indicator's actual is the weighted mean of its objective's children
 *   (their own weights where given, equal otherwise); `ratio` and `trend` compute theirs from base
 *   measures. The derived actual is then scored by the indicator's rule like any other.
 *
 * Nodes are evaluated children first. `Evaluation.setMeasurement` re-scores one indicator and walks
 * only the path to the root, which is what keeps a what-if or a data entry instant on big plans.
 * Explanations (contributions, sentences) are built on demand in explanation.ts, not here.
 */
import { Decimal, HUNDRED, ZERO } from './decimal.js';
import { issue, type Issue } from './issues.js';
import { classify, type Band } from './legend.js';
import type { Amount, Indicator, Measurement, MeasurementState, Plan, PlanNode, ScoringRule } from './model.js';
import { scoreValue } from './scoring.js';

export interface IndicatorResult {
  readonly indicator: Indicator;
  /** The objective it belongs to. */
  readonly code: string;
  /** The state after derivation: a derived indicator with no computable actual is `not_measured`. */
  readonly state: MeasurementState;
  /** The value scored: the entered actual, or the computed one for a derived indicator. */
  readonly actual: Amount | null;
  /** 0–100; null when it does not enter the mean. */
  readonly score: Decimal | null;
  readonly met: boolean | null;
  /** Whether it enters its objective's weighted mean. */
  readonly counted: boolean;
  readonly rule: ScoringRule;
  readonly issues: readonly Issue[];
}

/** How a node's number was made. */
export type Basis = 'indicators' | 'children' | 'none';

export interface NodeResult {
  readonly node: PlanNode;
  readonly performance: Decimal | null;
  readonly band: Band | null;
  readonly basis: Basis;
  readonly indicators: readonly IndicatorResult[];
  readonly issues: readonly Issue[];
}

/** One term of a weighted mean. */
export interface Term {
  readonly weight: Decimal;
  readonly value: Decimal;
}

/**
 * Weighted mean with weights re-normalised over the terms given. When every weight is zero the
 * terms count equally (a plan that weights all its remaining indicators 0% still has a mean).
 * Null for no terms.
 */
export function weightedMean(terms: readonly Term[]): Decimal | null {
  if (terms.length === 0) return null;
  let totalWeight = ZERO;
  let weighted = ZERO;
  for (const term of terms) {
    totalWeight = totalWeight.plus(term.weight);
    weighted = weighted.plus(term.weight.times(term.value));
  }
  if (totalWeight.isZero()) {
    let plain = ZERO;
    for (const term of terms) plain = plain.plus(term.value);
    return plain.div(terms.length);
  }
  return weighted.div(totalWeight);
}

export class Evaluation {
  readonly plan: Plan;
  private readonly index = new Map<string, number>();
  private readonly indicatorIndex = new Map<string, [node: number, position: number]>();
  private readonly parentOf: Int32Array;
  private readonly childrenOf: number[][];
  private readonly nodes: PlanNode[];
  private readonly results: NodeResult[];
  private readonly structureIssues: Issue[] = [];

  constructor(plan: Plan) {
    this.plan = plan;
    this.nodes = [...plan.nodes];
    const count = this.nodes.length;
    this.parentOf = new Int32Array(count).fill(-1);
    this.childrenOf = Array.from({ length: count }, () => []);
    this.nodes.forEach((node, i) => {
      if (this.index.has(node.code)) {
        this.structureIssues.push(issue('error', 'duplicate-code', `the code ${node.code} is used twice; the second is ignored`, node.origin ?? { node: node.code }));
        return;
      }
      this.index.set(node.code, i);
      node.indicators.forEach((ind, position) => this.indicatorIndex.set(ind.id, [i, position]));
    });
    this.nodes.forEach((node, i) => {
      if (node.parent === null || this.index.get(node.code) !== i) return;
      const parent = this.index.get(node.parent);
      if (parent === undefined) {
        this.structureIssues.push(issue('error', 'unknown-parent', `${node.code} names the parent ${node.parent}, which is not in the plan`, node.origin ?? { node: node.code }));
        return;
      }
      this.parentOf[i] = parent;
      this.childrenOf[parent]!.push(i);
    });
    this.results = new Array<NodeResult>(count);
    for (const i of this.postOrder()) this.results[i] = this.evaluateNode(i);
  }

  /** Results in plan order. */
  get nodeResults(): readonly NodeResult[] {
    return this.nodes.map((_, i) => this.results[i]!);
  }

  node(code: string): NodeResult | undefined {
    const i = this.index.get(code);
    return i === undefined ? undefined : this.results[i];
  }

  indicator(id: string): IndicatorResult | undefined {
    const at = this.indicatorIndex.get(id);
    return at === undefined ? undefined : this.results[at[0]]!.indicators[at[1]];
  }

  children(code: string): readonly NodeResult[] {
    const i = this.index.get(code);
    return i === undefined ? [] : this.childrenOf[i]!.map((c) => this.results[c]!);
  }

  parent(code: string): NodeResult | undefined {
    const i = this.index.get(code);
    if (i === undefined) return undefined;
    const p = this.parentOf[i]!;
    return p < 0 ? undefined : this.results[p];
  }

  /** Every problem met, structure first, then per node in plan order. */
  issues(): Issue[] {
    const all = [...this.structureIssues];
    for (const result of this.nodeResults) {
      all.push(...result.issues);
      for (const ind of result.indicators) all.push(...ind.issues);
    }
    return all;
  }

  /** The weights of a node's children in its mean: their own where all have one, else equal. */
  childWeights(code: string): { weights: Map<string, Decimal>; equal: boolean } {
    const i = this.index.get(code);
    const children = i === undefined ? [] : this.childrenOf[i]!.map((c) => this.nodes[c]!);
    const allWeighted = children.length > 0 && children.every((c) => c.weight !== null);
    const weights = new Map(children.map((c) => [c.code, allWeighted ? c.weight! : new Decimal(1)]));
    return { weights, equal: !allWeighted };
  }

  /**
   * Changes one indicator's measurement and re-evaluates only its objective and the objective's
   * ancestors. Returns the codes of the nodes re-evaluated, nearest first.
   */
  setMeasurement(id: string, measurement: Measurement): string[] {
    return this.replaceIndicator(id, (ind) => ({ ...ind, measurement }));
  }

  /** Replaces an indicator (target, weight, rule…) and re-evaluates the path to the root. */
  replaceIndicator(id: string, change: (indicator: Indicator) => Indicator): string[] {
    const at = this.indicatorIndex.get(id);
    if (at === undefined) return [];
    const [i, position] = at;
    const node = this.nodes[i]!;
    const indicators = [...node.indicators];
    const next = change(indicators[position]!);
    indicators[position] = next;
    this.nodes[i] = { ...node, indicators };
    if (next.id !== id) {
      this.indicatorIndex.delete(id);
      this.indicatorIndex.set(next.id, at);
    }
    return this.reevaluateFrom(i);
  }

  /** Changes a node's own weight in its parent's mean and re-evaluates the ancestors. */
  setNodeWeight(code: string, weight: Decimal | null): string[] {
    const i = this.index.get(code);
    if (i === undefined) return [];
    this.nodes[i] = { ...this.nodes[i]!, weight };
    const p = this.parentOf[i]!;
    return p < 0 ? [] : this.reevaluateFrom(p);
  }

  /** The plan as it stands after any changes made through this evaluation. */
  currentPlan(): Plan {
    return { ...this.plan, nodes: [...this.nodes] };
  }

  private reevaluateFrom(start: number): string[] {
    const changed: string[] = [];
    for (let i = start; i >= 0; i = this.parentOf[i]!) {
      this.results[i] = this.evaluateNode(i);
      changed.push(this.nodes[i]!.code);
    }
    return changed;
  }

  /** Children before parents; iterative so a deep tree cannot overflow the stack. */
  private postOrder(): number[] {
    const order: number[] = [];
    const visited = new Uint8Array(this.nodes.length);
    for (let root = 0; root < this.nodes.length; root++) {
      if (this.parentOf[root]! >= 0 || visited[root]) continue;
      const stack: Array<[number, number]> = [[root, 0]];
      visited[root] = 1;
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const kids = this.childrenOf[top[0]]!;
        if (top[1] < kids.length) {
          const child = kids[top[1]++]!;
          if (!visited[child]) {
            visited[child] = 1;
            stack.push([child, 0]);
          }
        } else {
          order.push(top[0]);
          stack.pop();
        }
      }
    }
    // Duplicates and nodes cut off by a cycle still get a result.
    for (let i = 0; i < this.nodes.length; i++) if (!visited[i]) order.push(i);
    return order;
  }

  private childrenMean(i: number): Decimal | null {
    const kids = this.childrenOf[i]!;
    if (kids.length === 0) return null;
    const allWeighted = kids.every((c) => this.nodes[c]!.weight !== null);
    const terms: Term[] = [];
    for (const c of kids) {
      const performance = this.results[c]?.performance ?? null;
      if (performance !== null) terms.push({ weight: allWeighted ? this.nodes[c]!.weight! : ONE, value: performance });
    }
    return weightedMean(terms);
  }

  private evaluateNode(i: number): NodeResult {
    const node = this.nodes[i]!;
    const settings = this.plan.settings;
    const nodeIssues: Issue[] = [];
    const kids = this.childrenOf[i]!;
    if (kids.length > 0 && kids.some((c) => this.nodes[c]!.weight !== null) && !kids.every((c) => this.nodes[c]!.weight !== null)) {
      nodeIssues.push(issue('warning', 'mixed-child-weights', `some children of ${node.code} have a weight and others do not; they count equally`, node.origin ?? { node: node.code }));
    }
    const indicators = node.indicators.map((ind) => this.evaluateIndicator(ind, node, i));

    if (node.indicators.length === 0) {
      const performance = this.childrenMean(i);
      return { node, performance, band: classify(performance, settings.legend), basis: kids.length > 0 ? 'children' : 'none', indicators, issues: nodeIssues };
    }

    // The hot path of a big plan: on/off scores are 0 or 100, so sum the met weights and
    // multiply once, instead of one multiplication per indicator.
    let totalWeight = ZERO;
    let fullWeight = ZERO;
    let partial = ZERO;
    let counted = 0;
    let blocked = false;
    for (const r of indicators) {
      if (r.state === 'not_measured' && settings.notMeasured === 'block') blocked = true;
      if (!r.counted || r.score === null) continue;
      counted++;
      const w = r.indicator.weight;
      totalWeight = totalWeight.plus(w);
      if (r.score.eq(HUNDRED)) fullWeight = fullWeight.plus(w);
      else if (!r.score.isZero()) partial = partial.plus(w.times(r.score));
    }
    let performance: Decimal | null = null;
    if (blocked) {
      nodeIssues.push(issue('warning', 'blocked-by-not-measured', `${node.code} has an indicator not measured yet and the plan's policy blocks its performance`, node.origin ?? { node: node.code }));
    } else if (counted > 0) {
      if (totalWeight.isZero()) {
        performance = weightedMean(indicators.filter((r) => r.counted && r.score !== null).map((r) => ({ weight: ONE, value: r.score! })));
        nodeIssues.push(issue('warning', 'zero-weights', `every counted indicator of ${node.code} weighs 0%; they count equally`, node.origin ?? { node: node.code }));
      } else {
        performance = fullWeight.times(HUNDRED).plus(partial).div(totalWeight);
      }
    }
    return { node, performance, band: classify(performance, settings.legend), basis: 'indicators', indicators, issues: nodeIssues };
  }

  private evaluateIndicator(ind: Indicator, node: PlanNode, i: number): IndicatorResult {
    const settings = this.plan.settings;
    const rule = ind.scoring ?? settings.defaultScoring;
    const m = ind.measurement;
    const base = { indicator: ind, code: node.code, rule };
    const at = ind.origin ?? { node: node.code, indicator: ind.id };

    if (m.state === 'not_evaluable') return { ...base, state: m.state, actual: null, score: null, met: null, counted: false, issues: NONE };
    if (m.state === 'not_achieved') return { ...base, state: m.state, actual: null, score: ZERO, met: false, counted: true, issues: NONE };

    let actual: Amount | null = null;
    const issues: Issue[] = [];
    if (ind.formula === null) {
      actual = m.state === 'measured' ? (m.actual ?? null) : null;
      if (m.state === 'measured' && actual === null) {
        issues.push(issue('error', 'missing-actual', `"${ind.name}" is marked measured but has no actual`, at));
      }
    } else if (ind.formula.kind === 'children_mean') {
      const mean = this.childrenMean(i);
      actual = mean === null ? null : { kind: 'number', value: mean };
    } else if (m.state === 'measured') {
      const computed = computeFormula(ind.formula, m.inputs ?? {});
      if ('error' in computed) issues.push(issue('error', 'formula-input', `"${ind.name}": ${computed.error}`, at));
      else actual = { kind: 'number', value: computed.value };
    }

    if (actual === null) {
      const zero = settings.notMeasured === 'zero';
      return { ...base, state: 'not_measured', actual: null, score: zero ? ZERO : null, met: zero ? false : null, counted: zero, issues: issues.length > 0 ? issues : NONE };
    }
    const scored = scoreValue({ comparator: ind.comparator, tolerance: ind.tolerance, target: ind.target, actual, rule });
    for (const problem of scored.issues) issues.push({ ...problem, location: at, message: `"${ind.name}": ${problem.message}` });
    return { ...base, state: 'measured', actual, score: scored.score, met: scored.met, counted: scored.score !== null, issues: issues.length > 0 ? issues : NONE };
  }
}

const ONE = new Decimal(1);
const NONE: readonly Issue[] = [];

/** The actual of a ratio or trend indicator from its base measures. */
export function computeFormula(
  formula: Exclude<NonNullable<Indicator['formula']>, { kind: 'children_mean' }>,
  inputs: Readonly<Record<string, Decimal>>,
): { value: Decimal } | { error: string } {
  const need = formula.kind === 'ratio' ? [formula.numerator, formula.denominator] : [formula.current, formula.previous];
  const missing = need.filter((name) => inputs[name] === undefined);
  if (missing.length > 0) return { error: `the base measure${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing` };
  if (formula.kind === 'ratio') {
    const den = inputs[formula.denominator]!;
    if (den.isZero()) return { error: `the denominator ${formula.denominator} is 0` };
    return { value: inputs[formula.numerator]!.div(den).times(formula.scale) };
  }
  const previous = inputs[formula.previous]!;
  if (previous.isZero()) return { error: `the previous value ${formula.previous} is 0, so no trend can be computed` };
  return { value: inputs[formula.current]!.minus(previous).div(previous).times(HUNDRED) };
}

/** Evaluates a whole plan. */
export function evaluatePlan(plan: Plan): Evaluation {
  return new Evaluation(plan);
}
