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
 * - An objective given a forced performance (`EvaluationOptions.forced`: the OIV's validated value)
 *   has that performance whatever its own indicators give, and the nodes above it roll up from it
 *   by the same rules as from any other: the indicators stay scored and shown as reported.
 *
 * Nodes are evaluated children first. `Evaluation.setMeasurement` re-scores one indicator and walks
 * only the path to the root, which is what keeps a what-if or a data entry instant on big plans.
 * Explanations (contributions, sentences) are built on demand in explanation.ts, not here.
 */
import { Decimal, HUNDRED, toJsonNumber, ZERO } from './decimal.js';
import { addFraction, decimalToFraction, divideFraction, hundredthsHalfUp, roundedNumber, toDecimal, type Fraction } from './fraction.js';
import { problem, saidIssue, withParams, type Issue } from './issues.js';
import { said, type Said } from './messages/index.js';
import { CodeIndex } from './code-index.js';
import { ownValue } from './text-keys.js';
import { BANDS, classify, classifyHundredths, legendCuts, type Band, type LegendCuts } from './legend.js';
import {
  computedFromChildren,
  type Amount,
  type Indicator,
  type IndicatorState,
  type Measurement,
  type MeasurementState,
  type NotMeasuredPolicy,
  type Plan,
  type Objective,
  type ScoringRule,
  type SourceLocation,
} from './model.js';
import { amountKind, scoreAmountFraction, scoreAmounts, scoreNumberFraction } from './scoring.js';

export interface IndicatorResult {
  readonly indicator: Indicator;
  /** The objective it belongs to. */
  readonly code: string;
  /** The state after derivation: a derived indicator with no computable actual is `not_measured` (`pending` in a plan whose values are withheld). */
  readonly state: IndicatorState;
  /** The value scored: the entered actual, or the computed one for a derived indicator. */
  readonly actual: Amount | null;
  /** 0–100; null when it does not enter the mean. */
  readonly performance: Decimal | null;
  readonly met: boolean | null;
  /** Whether it enters its objective's weighted mean. */
  readonly counted: boolean;
  readonly rule: ScoringRule;
  readonly issues: readonly Issue[];
}

/** How a node's number was made. */
export type Basis = 'indicators' | 'children' | 'none';

export interface ObjectiveResult {
  readonly objective: Objective;
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

const STATES: readonly MeasurementState[] = ['measured', 'not_achieved', 'not_evaluable', 'not_measured'];
const STATE_INDEX: Readonly<Record<MeasurementState, number>> = { measured: 0, not_achieved: 1, not_evaluable: 2, not_measured: 3 };
/** `STATES` of a plan whose values are withheld: what has no value is pending, not a fact about the indicator. */
const WITHHELD_STATES: readonly IndicatorState[] = STATES.map((s) => (s === 'not_measured' ? 'pending' : s));
const BASES: readonly Basis[] = ['indicators', 'children', 'none'];
const NO_BAND = 255;
/** How a slot holds its value: none (null), an exact fraction in the num/den arrays, or a Decimal. */
const NONE_KIND = 0;
const FRACTION = 1;
const DECIMAL = 2;
function bandIndex(band: Band | null): number {
  return band === null ? NO_BAND : BANDS.indexOf(band);
}

/**
 * The results live in flat arrays, one slot per node, rather than in a million small objects: a
 * big plan then evaluates without the garbage collector dominating. Performances are exact
 * fractions of safe integers in typed arrays (fraction.ts) whenever they fit, which is nearly
 * always, and Decimals otherwise. Indicator scores are not stored by default: each is computed,
 * added to its objective's mean and dropped, and computed again (the same pure function of the
 * same inputs) when someone reads it. Result objects (`ObjectiveResult`, `IndicatorResult`) and
 * their Decimals are made on demand.
 *
 * Why so little storage: every evaluation's arrays live outside the JS heap, and V8 answers each
 * 64 MB of such memory with a full collection of the whole heap, which for a million-indicator
 * plan is 0.7 s, as long as the evaluation itself. Per-indicator arrays were 22 MB of 36; kept
 * scores (17 bytes an indicator) made a million-indicator evaluation 10 % slower.
 *
 * A reader of every indicator once (`albero evaluate --json`, `albero verify`) asks for them with
 * `keepScores`: on 210,000 indicators, scoring each again was a fifth of those commands' time. Only
 * formula indicators, whose computed actual is not kept, are then scored again when read.
 */
export class Evaluation {
  readonly plan: Plan;
  /** Node codes to their slots (the first node of a duplicated code). */
  private readonly index: CodeIndex;
  /** 1 at each node whose code an earlier node has: `index` never answers with it. */
  private readonly duplicate: Uint8Array;
  /** The slot `slotOf` found last. */
  private near = 0;
  /**
   * The indicator slot `readIndicator` tries first: the one after the indicator read last, or that
   * one again after its Consuntivo (`verifyStated` asks in plan order, a derived indicator's
   * Consuntivo before its KPI). A guess that holds compares an id with itself; comparing two
   * different ids of one length makes V8 flatten both, as the table reader joins each from its
   * objective's `A.1:` and a number: a new string for nearly every id of a big table (≈7 MB for
   * 210,000 indicators), copied by the young collections.
   */
  private nextIndicator = 0;
  /** Built on first use: a million-entry map costs more than the evaluation itself. */
  private indicatorIndexCache: Map<string, number> | null = null;
  /** The plan's nodes, copied on the first change (setMeasurement, setNodeWeight). */
  private nodes: readonly Objective[];
  private nodesCopied = false;
  private changeCount = 0;
  private readonly parentOf: Int32Array;
  /** Children of node i are childList[childStart[i] .. childStart[i + 1]), in plan order. */
  private readonly childStart: Int32Array;
  private readonly childList: Int32Array;
  /** Indicators of node i are the flat slots firstIndicator[i] .. firstIndicator[i + 1]. */
  private readonly firstIndicator: Int32Array;
  private readonly structureIssues: Issue[] = [];

  private readonly perfKind: Uint8Array;
  private readonly perfNum: Float64Array;
  private readonly perfDen: Float64Array;
  /** The Decimal of a DECIMAL performance, and of a FRACTION one once read (sparse). */
  private readonly perfDecimal: Array<Decimal | undefined> = [];
  private readonly bandOf: Uint8Array;
  private readonly basisOf: Uint8Array;
  private readonly nodeIssues = new Map<number, Issue[]>();
  /** Problems of indicators, by flat slot (most indicators have none). */
  private readonly indicatorIssues = new Map<number, Issue[]>();

  /** With `keepScores`, each indicator's score by flat slot: `flags` packs state, met, counted and kind (`keepScore`). */
  private readonly scoreFlags: Uint8Array | null = null;
  private readonly scoreNum: Float64Array | null = null;
  private readonly scoreDen: Float64Array | null = null;
  /** The scores that are Decimals (sparse). */
  private readonly scoreDecimal = new Map<number, Decimal>();

  /** The indicator `evaluateIndicator` scored, or `loadScore` read, last. */
  private readonly last: ScoredIndicator = { state: 0, kind: NONE_KIND, num: 0, den: 1, decimal: null, met: 2, counted: false, derived: null };
  /**
   * The formula indicator whose score `last` holds as `loadScore` made it again (-1: none): asked
   * for again at once (`verifyStated` reads a derived indicator's Consuntivo, then its KPI), it is
   * not scored a third time. Anything else that fills `last` or changes the plan clears it.
   */
  private lastFormula = -1;
  /** The legend in hundredths, to band fractions without making a Decimal; null: classify decimals. */
  private readonly cuts: LegendCuts | null;
  /** Scratch fractions: a node's running sum, a children's mean, a decimal read as a fraction. */
  private readonly sum: Fraction = { num: 0, den: 1 };
  private readonly mean: Fraction = { num: 0, den: 1 };
  private readonly spare: Fraction = { num: 0, den: 1 };
  /** Objective code → the performance given from outside (`EvaluationOptions.forced`); null: none. */
  private readonly forced: ReadonlyMap<string, Decimal> | null;
  /** Of each forced node, the performance its indicators or children gave before the forced value replaced it. */
  private readonly beforeForcing = new Map<number, Decimal | null>();
  /** The results' words for the packed states (`WITHHELD_STATES` when `plan.valuesWithheld`). */
  private readonly states: readonly IndicatorState[];
  /**
   * The plan's `notMeasured` policy, but `skip` when its values are withheld: a value not shown is
   * not a value missing, so it neither scores 0 nor blocks its objective.
   */
  private readonly notMeasured: NotMeasuredPolicy;

  constructor(plan: Plan, options: EvaluationOptions = {}) {
    this.plan = plan;
    this.nodes = plan.nodes;
    this.states = plan.valuesWithheld === true ? WITHHELD_STATES : STATES;
    this.notMeasured = plan.valuesWithheld === true ? 'skip' : plan.settings.notMeasured;
    this.forced = options.forced === undefined || options.forced.size === 0 ? null : options.forced;
    const count = this.nodes.length;
    this.index = new CodeIndex((i) => this.nodes[i]!.code, count);
    this.parentOf = new Int32Array(count).fill(-1);
    this.firstIndicator = new Int32Array(count + 1);
    const duplicate = (this.duplicate = new Uint8Array(count));
    for (let i = 0; i < count; i++) {
      const node = this.nodes[i]!;
      this.firstIndicator[i + 1] = this.firstIndicator[i]! + node.indicators.length;
      if (this.index.add(i) >= 0) {
        duplicate[i] = 1; // remembered, so the parent pass below needs no second lookup
        this.structureIssues.push(problem('error', 'duplicate-code', { code: node.code, ignored: true }, node.origin ?? { node: node.code }));
      }
    }
    const childCount = new Int32Array(count + 1);
    let parentsFirst = true;
    for (let i = 0; i < count; i++) {
      const node = this.nodes[i]!;
      if (node.parent === null || duplicate[i] === 1) continue;
      const parent = this.index.get(node.parent);
      if (parent < 0) {
        this.structureIssues.push(problem('error', 'unknown-parent', { code: node.code, parent: node.parent }, node.origin ?? { node: node.code }));
        continue;
      }
      if (parent > i) parentsFirst = false;
      this.parentOf[i] = parent;
      childCount[parent + 1]!++;
    }
    this.childStart = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) this.childStart[i + 1] = this.childStart[i]! + childCount[i + 1]!;
    this.childList = new Int32Array(this.childStart[count]!);
    const fill = this.childStart.slice(0, count);
    for (let i = 0; i < count; i++) {
      const p = this.parentOf[i]!;
      if (p >= 0) this.childList[fill[p]!++] = i;
    }

    if (options.keepScores === true) {
      const indicators = this.firstIndicator[count]!;
      this.scoreFlags = new Uint8Array(indicators);
      this.scoreNum = new Float64Array(indicators);
      this.scoreDen = new Float64Array(indicators);
    }
    this.perfKind = new Uint8Array(count);
    this.perfNum = new Float64Array(count);
    this.perfDen = new Float64Array(count);
    this.bandOf = new Uint8Array(count).fill(NO_BAND);
    this.basisOf = new Uint8Array(count);
    this.cuts = legendCuts(plan.settings.legend);
    // Children before parents. When every parent comes before its children, as in any plan read
    // from a table, the plan's order backwards is such an order.
    if (parentsFirst) for (let i = count - 1; i >= 0; i--) this.evaluateNode(i);
    else for (const i of this.postOrder()) this.evaluateNode(i);
  }

  /** Results in plan order. */
  get nodeResults(): readonly ObjectiveResult[] {
    const results = new Array<ObjectiveResult>(this.nodes.length);
    for (let i = 0; i < results.length; i++) results[i] = this.nodeResult(i);
    return results;
  }

  /** How many nodes the plan has: `nodeAt(0 … nodeCount - 1)` reads them one at a time, in plan order, without making them all at once. */
  get nodeCount(): number {
    return this.nodes.length;
  }

  nodeAt(position: number): ObjectiveResult {
    return this.nodeResult(position);
  }

  node(code: string): ObjectiveResult | undefined {
    const i = this.index.get(code);
    return i < 0 ? undefined : this.nodeResult(i);
  }

  private get indicatorIndex(): Map<string, number> {
    if (this.indicatorIndexCache === null) {
      const map = new Map<string, number>();
      for (let i = 0; i < this.nodes.length; i++) {
        if (this.index.get(this.nodes[i]!.code) !== i) continue;
        const first = this.firstIndicator[i]!;
        this.nodes[i]!.indicators.forEach((ind, position) => map.set(ind.id, first + position));
      }
      this.indicatorIndexCache = map;
    }
    return this.indicatorIndexCache;
  }

  indicator(id: string): IndicatorResult | undefined {
    const k = this.indicatorIndex.get(id);
    return k === undefined ? undefined : this.indicatorResult(k, this.nodeOfIndicator(k));
  }

  /**
   * The performance the objective's own indicators or children give, every forced value below it
   * taken as forced but its own not: its `performance` unless it is forced. Undefined: no such code.
   */
  computedPerformance(code: string): Decimal | null | undefined {
    const i = this.index.get(code);
    if (i < 0) return undefined;
    return this.beforeForcing.has(i) ? this.beforeForcing.get(i)! : this.performanceOf(i);
  }

  /** Whether the objective's performance was given from outside (`EvaluationOptions.forced`), not made from its indicators or children. */
  isForced(code: string): boolean {
    return this.forced?.has(code) === true && this.index.get(code) >= 0;
  }

  /**
   * A node's performance read into `out` without making its result (which scores every one of its
   * indicators again): for checks over every cell of a big table. The node's basis, or undefined
   * for an unknown code.
   */
  readNode(code: string, out: NumberReading): Basis | undefined {
    const i = this.slotOf(code);
    if (i < 0) return undefined;
    this.readPerformance(i, out);
    return BASES[this.basisOf[i]!]!;
  }

  /**
   * `nodeAt(position)` read into `out` without making result objects or Decimals: for writing a
   * big plan's results (`readIndicatorAt` reads its indicators).
   */
  readNodeAt(position: number, out: NodeReading): void {
    const band = this.bandOf[position]!;
    out.objective = this.nodes[position]!;
    out.band = band === NO_BAND ? null : BANDS[band]!;
    out.basis = BASES[this.basisOf[position]!]!;
    out.indicatorCount = this.firstIndicator[position + 1]! - this.firstIndicator[position]!;
    this.readPerformance(position, out.performance);
  }

  /** Indicator `p` of node `position`, as `nodeAt(position).indicators[p]` has it, read into `out`. */
  readIndicatorAt(position: number, p: number, out: IndicatorReading): void {
    const k = this.firstIndicator[position]! + p;
    const node = this.nodes[position]!;
    const indicator = node.indicators[p]!;
    const last = this.loadScore(k, indicator, position);
    const state = this.states[last.state]!;
    const m = indicator.measurement;
    out.indicator = indicator;
    out.state = state;
    out.actual = indicator.formula !== null ? derivedAmount(last.derived) : state === 'measured' && m.state === 'measured' ? (m.actual ?? null) : null;
    const score = out.performance;
    score.kind = last.kind;
    score.num = last.num;
    score.den = last.den;
    score.decimal = last.kind === DECIMAL ? last.decimal : null;
    out.met = last.met === 2 ? null : last.met === 1;
    out.counted = last.counted;
    out.rule = indicator.scoring ?? this.plan.settings.defaultScoring;
  }

  /**
   * `index.get(code)`, trying first the slot found last and the one after it: a check of every
   * cell of a table (`verifyStated`) asks for the nodes in plan order, each several times, and then
   * needs no hashing.
   */
  private slotOf(code: string): number {
    const nodes = this.nodes;
    const near = this.near;
    if (near < nodes.length && nodes[near]!.code === code && this.duplicate[near] === 0) return near;
    if (near + 1 < nodes.length && nodes[near + 1]!.code === code && this.duplicate[near + 1] === 0) return (this.near = near + 1);
    const i = this.index.get(code);
    if (i >= 0) this.near = i;
    return i;
  }

  private readPerformance(i: number, out: NumberReading): void {
    const kind = this.perfKind[i]!;
    out.kind = kind;
    out.num = this.perfNum[i]!;
    out.den = this.perfDen[i]!;
    out.decimal = kind === DECIMAL ? this.perfDecimal[i]! : null;
  }

  /**
   * An indicator of the objective `code` scored into `out` without making its result: its
   * performance, or (`actual`) the actual a formula computed (none for a typed-in actual). Looked
   * for among its objective's indicators first (ids are unique in a plan; a table's are `A.1:2`),
   * else as `indicator(id)` finds it. The indicator, or undefined when there is none.
   */
  readIndicator(code: string, id: string, what: 'performance' | 'actual', out: NumberReading): Indicator | undefined {
    let i = this.slotOf(code);
    let k = -1;
    if (i >= 0) {
      const indicators = this.nodes[i]!.indicators;
      const first = this.firstIndicator[i]!;
      const guess = this.nextIndicator - first;
      if (guess >= 0 && guess < indicators.length && indicators[guess]!.id === id) k = this.nextIndicator;
      else {
        for (let p = 0; p < indicators.length; p++) {
          if (indicators[p]!.id === id) {
            k = first + p;
            break;
          }
        }
      }
    }
    if (k < 0) {
      k = this.indicatorIndex.get(id) ?? -1;
      if (k < 0) return undefined;
      i = this.nodeOfIndicator(k);
    }
    const indicator = this.nodes[i]!.indicators[k - this.firstIndicator[i]!]!;
    this.nextIndicator = what === 'actual' ? k : k + 1;
    const last = this.loadScore(k, indicator, i);
    out.decimal = null;
    if (what === 'performance') {
      out.kind = last.kind;
      out.num = last.num;
      out.den = last.den;
      out.decimal = last.kind === DECIMAL ? last.decimal : null;
      return indicator;
    }
    // As `indicatorResult` says the actual of a derived indicator, numbers only.
    const derived = indicator.formula === null ? null : last.derived;
    if (derived === null) out.kind = NONE_KIND;
    else if (!('kind' in derived)) {
      out.kind = FRACTION;
      out.num = derived.num;
      out.den = derived.den;
    } else if (derived.kind === 'number') {
      out.kind = DECIMAL;
      out.decimal = derived.value;
    } else out.kind = NONE_KIND;
    return indicator;
  }

  children(code: string): readonly ObjectiveResult[] {
    const i = this.index.get(code);
    if (i < 0) return [];
    const out: ObjectiveResult[] = [];
    for (let c = this.childStart[i]!; c < this.childStart[i + 1]!; c++) out.push(this.nodeResult(this.childList[c]!));
    return out;
  }

  parent(code: string): ObjectiveResult | undefined {
    const i = this.index.get(code);
    if (i < 0) return undefined;
    const p = this.parentOf[i]!;
    return p < 0 ? undefined : this.nodeResult(p);
  }

  /** Every problem met, structure first, then per node in plan order. */
  issues(): Issue[] {
    const all = [...this.structureIssues];
    for (let i = 0; i < this.nodes.length; i++) {
      const own = this.nodeIssues.get(i);
      if (own !== undefined) all.push(...own);
      if (this.indicatorIssues.size === 0) continue;
      for (let k = this.firstIndicator[i]!; k < this.firstIndicator[i + 1]!; k++) {
        const problems = this.indicatorIssues.get(k);
        if (problems !== undefined) all.push(...problems);
      }
    }
    return all;
  }

  /** The weights of a node's children in its mean: their own where all have one, else equal. */
  childWeights(code: string): { weights: Map<string, Decimal>; equal: boolean } {
    const i = this.index.get(code);
    const children: Objective[] = [];
    if (i >= 0) for (let c = this.childStart[i]!; c < this.childStart[i + 1]!; c++) children.push(this.nodes[this.childList[c]!]!);
    const allWeighted = children.length > 0 && children.every((c) => c.weight !== null);
    const weights = new Map(children.map((c) => [c.code, allWeighted ? c.weight! : ONE]));
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
    const k = this.indicatorIndex.get(id);
    if (k === undefined) return [];
    const i = this.nodeOfIndicator(k);
    const position = k - this.firstIndicator[i]!;
    const node = this.nodes[i]!;
    const indicators = [...node.indicators];
    const next = change(indicators[position]!);
    indicators[position] = next;
    this.changeNode(i, { ...node, indicators });
    if (next.id !== id) {
      this.indicatorIndex.delete(id);
      this.indicatorIndex.set(next.id, k);
    }
    return this.reevaluateFrom(i);
  }

  /** Changes a node's own weight in its parent's mean and re-evaluates the ancestors. */
  setNodeWeight(code: string, weight: Decimal | null): string[] {
    const i = this.index.get(code);
    if (i < 0) return [];
    this.changeNode(i, { ...this.nodes[i]!, weight });
    const p = this.parentOf[i]!;
    return p < 0 ? [] : this.reevaluateFrom(p);
  }

  /**
   * How many changes were made through this evaluation (setMeasurement, replaceIndicator,
   * setNodeWeight): what was read from it at one count holds while the count is the same, so a
   * reader may keep it (the Relazione's generated texts, server/relazione-reads.ts).
   */
  get changes(): number {
    return this.changeCount;
  }

  /** Node i replaced, on a copy of the plan's list (the plan itself stays as it was given). */
  private changeNode(i: number, node: Objective): void {
    this.changeCount++;
    this.lastFormula = -1;
    if (!this.nodesCopied) {
      this.nodes = [...this.nodes];
      this.nodesCopied = true;
    }
    (this.nodes as Objective[])[i] = node;
  }

  /** The plan as it stands after any changes made through this evaluation. */
  currentPlan(): Plan {
    return { ...this.plan, nodes: [...this.nodes] };
  }

  /** The node an indicator's flat slot belongs to: the last node whose first slot is at most k. */
  private nodeOfIndicator(k: number): number {
    let low = 0;
    let high = this.nodes.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.firstIndicator[mid]! <= k) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private nodeResult(i: number): ObjectiveResult {
    const indicators: IndicatorResult[] = [];
    for (let k = this.firstIndicator[i]!; k < this.firstIndicator[i + 1]!; k++) indicators.push(this.indicatorResult(k, i));
    const band = this.bandOf[i]!;
    return {
      objective: this.nodes[i]!,
      performance: this.performanceOf(i),
      band: band === NO_BAND ? null : BANDS[band]!,
      basis: BASES[this.basisOf[i]!]!,
      indicators,
      issues: this.nodeIssues.get(i) ?? NONE,
    };
  }

  /** Indicator k of node i as its objective's mean used it. */
  private indicatorResult(k: number, i: number): IndicatorResult {
    const node = this.nodes[i]!;
    const indicator = node.indicators[k - this.firstIndicator[i]!]!;
    const last = this.loadScore(k, indicator, i);
    const state = this.states[last.state]!;
    const m = indicator.measurement;
    const actual = indicator.formula !== null ? derivedAmount(last.derived) : state === 'measured' && m.state === 'measured' ? (m.actual ?? null) : null;
    return {
      indicator,
      code: node.code,
      state,
      actual,
      performance: lastScore(last),
      met: last.met === 2 ? null : last.met === 1,
      counted: last.counted,
      rule: indicator.scoring ?? this.plan.settings.defaultScoring,
      issues: this.indicatorIssues.get(k) ?? NONE,
    };
  }

  private reevaluateFrom(start: number): string[] {
    const changed: string[] = [];
    for (let i = start; i >= 0; i = this.parentOf[i]!) {
      this.evaluateNode(i);
      changed.push(this.nodes[i]!.code);
    }
    return changed;
  }

  /** Children before parents, for any order of the plan's list; iterative so a deep tree cannot overflow the stack. */
  private postOrder(): Int32Array {
    const count = this.nodes.length;
    const order = new Int32Array(count);
    let n = 0;
    const visited = new Uint8Array(count);
    const stack = new Int32Array(count);
    const next = new Int32Array(count);
    for (let root = 0; root < count; root++) {
      if (this.parentOf[root]! >= 0 || visited[root]) continue;
      let top = 0;
      stack[0] = root;
      next[root] = this.childStart[root]!;
      visited[root] = 1;
      while (top >= 0) {
        const v = stack[top]!;
        if (next[v]! < this.childStart[v + 1]!) {
          const child = this.childList[next[v]!++]!;
          if (!visited[child]) {
            visited[child] = 1;
            next[child] = this.childStart[child]!;
            stack[++top] = child;
          }
        } else {
          order[n++] = v;
          top--;
        }
      }
    }
    // Duplicates and nodes cut off by a cycle still get a result.
    for (let i = 0; i < count; i++) if (!visited[i]) order[n++] = i;
    return order;
  }

  /** A node's performance as a Decimal, made from its fraction on first read. */
  private performanceOf(i: number): Decimal | null {
    if (this.perfKind[i] === NONE_KIND) return null;
    let value = this.perfDecimal[i];
    if (value === undefined) {
      value = toDecimal(this.perfNum[i]!, this.perfDen[i]!);
      this.perfDecimal[i] = value;
    }
    return value;
  }

  private setPerformanceFraction(i: number, num: number, den: number): void {
    this.perfKind[i] = FRACTION;
    this.perfNum[i] = num;
    this.perfDen[i] = den;
    if (this.perfDecimal[i] !== undefined) this.perfDecimal[i] = undefined;
    this.bandOf[i] = this.bandOfFraction(num, den);
  }

  private setPerformanceDecimal(i: number, value: Decimal | null): void {
    if (value !== null && decimalToFraction(value, this.spare)) return this.setPerformanceFraction(i, this.spare.num, this.spare.den);
    this.perfKind[i] = value === null ? NONE_KIND : DECIMAL;
    if (value !== null || this.perfDecimal[i] !== undefined) this.perfDecimal[i] = value ?? undefined;
    this.bandOf[i] = value === null ? NO_BAND : bandIndex(classify(value, this.plan.settings.legend));
  }

  private bandOf100 = -1;
  private bandOf0 = -1;
  /** The band as an index, with 0 and 100 (most objectives) classified once per evaluation. */
  private bandOfFraction(num: number, den: number): number {
    const legend = this.plan.settings.legend;
    if (den === 1 && num === 100) return this.bandOf100 < 0 ? (this.bandOf100 = bandIndex(classify(HUNDRED, legend))) : this.bandOf100;
    if (den === 1 && num === 0) return this.bandOf0 < 0 ? (this.bandOf0 = bandIndex(classify(ZERO, legend))) : this.bandOf0;
    if (this.cuts !== null) {
      const hundredths = hundredthsHalfUp(num, den);
      if (hundredths === hundredths) return bandIndex(classifyHundredths(hundredths, this.cuts)); // not NaN
    }
    return bandIndex(classify(toDecimal(num, den), legend));
  }

  /**
   * The weighted mean of node i's children as an exact fraction into `out`: 1 when it is there,
   * 0 when no child has a performance (null), -1 when it does not fit a fraction (use `childrenMean`).
   */
  private childrenMeanFraction(i: number, out: Fraction): number {
    const from = this.childStart[i]!;
    const to = this.childStart[i + 1]!;
    if (from === to) return 0;
    let allWeighted = true;
    for (let c = from; c < to; c++) if (this.nodes[this.childList[c]!]!.weight === null) allWeighted = false;
    out.num = 0;
    out.den = 1;
    let total = 0;
    for (let c = from; c < to; c++) {
      const child = this.childList[c]!;
      const kind = this.perfKind[child]!;
      if (kind === NONE_KIND) continue;
      if (kind === DECIMAL) return -1;
      // Equal weights count each child once; own weights as exact integers (thousandths of a percent).
      const units = allWeighted ? weightUnits(this.nodes[child]!.weight!) : 1;
      if (units < 0) return -1;
      total += units;
      if (!addFraction(out, units * this.perfNum[child]!, this.perfDen[child]!)) return -1;
    }
    if (total === 0) return allWeighted && this.hasPerformingChild(from, to) ? -1 : 0; // all weights 0: weightedMean counts them equally
    return divideFraction(out, total) ? 1 : -1;
  }

  private hasPerformingChild(from: number, to: number): boolean {
    for (let c = from; c < to; c++) if (this.perfKind[this.childList[c]!] !== NONE_KIND) return true;
    return false;
  }

  /** `childrenMeanFraction` in decimals, for the values that do not fit a fraction. */
  private childrenMean(i: number): Decimal | null {
    const from = this.childStart[i]!;
    const to = this.childStart[i + 1]!;
    let allWeighted = from < to;
    for (let c = from; c < to; c++) if (this.nodes[this.childList[c]!]!.weight === null) allWeighted = false;
    const terms: Term[] = [];
    for (let c = from; c < to; c++) {
      const child = this.childList[c]!;
      const performance = this.performanceOf(child);
      if (performance !== null) terms.push({ weight: allWeighted ? this.nodes[child]!.weight! : ONE, value: performance });
    }
    return weightedMean(terms);
  }

  private evaluateNode(i: number): void {
    const node = this.nodes[i]!;
    const issues: Issue[] = [];
    const from = this.childStart[i]!;
    const to = this.childStart[i + 1]!;
    let weighted = 0;
    for (let c = from; c < to; c++) if (this.nodes[this.childList[c]!]!.weight !== null) weighted++;
    if (weighted > 0 && weighted < to - from) {
      issues.push(problem('warning', 'mixed-child-weights', { code: node.code }, node.origin ?? { node: node.code }));
    }
    const first = this.firstIndicator[i]!;
    const lastSlot = this.firstIndicator[i + 1]!;

    if (first === lastSlot) {
      this.basisOf[i] = to > from ? 1 : 2;
      const got = this.childrenMeanFraction(i, this.mean);
      if (got === 1) this.setPerformanceFraction(i, this.mean.num, this.mean.den);
      else this.setPerformanceDecimal(i, got === 0 ? null : this.childrenMean(i));
    } else {
      this.basisOf[i] = 0;
      // The hot path of a big plan: each indicator scored and added at once, weights as exact
      // integers (thousandths of a percent), scores as exact fractions, summed without a single
      // Decimal; anything that does not fit takes the general decimal path below, which gives the
      // same value.
      const sum = this.sum;
      const last = this.last;
      sum.num = 0;
      sum.den = 1;
      let totalUnits = 0;
      let exactUnits = true;
      let fractions = true;
      let counted = 0;
      let blocked = false;
      for (let k = first; k < lastSlot; k++) {
        const indicator = node.indicators[k - first]!;
        this.evaluateIndicator(k, indicator, node, i);
        this.keepScore(k);
        if (last.state === STATE_INDEX.not_measured && this.notMeasured === 'block') blocked = true;
        const kind = last.kind;
        if (!last.counted || kind === NONE_KIND) continue;
        counted++;
        const units = weightUnits(indicator.weight);
        if (units < 0) {
          exactUnits = false;
          continue;
        }
        totalUnits += units;
        if (!fractions) continue;
        if (kind === DECIMAL) fractions = false;
        else if (last.num !== 0 && !addFraction(sum, units * last.num, last.den)) fractions = false;
      }
      if (blocked) {
        issues.push(problem('warning', 'blocked-by-not-measured', { code: node.code }, node.origin ?? { node: node.code }));
        this.setPerformanceDecimal(i, null);
      } else if (counted === 0) {
        this.setPerformanceDecimal(i, null);
      } else if (!exactUnits) {
        const general = this.counted(i, false);
        this.setPerformanceDecimal(i, weightedMean(general));
        if (general.every((t) => t.weight.isZero())) issues.push(zeroWeights(node));
      } else if (totalUnits === 0) {
        this.setPerformanceDecimal(i, weightedMean(this.counted(i, true)));
        issues.push(zeroWeights(node));
      } else if (fractions && divideFraction(sum, totalUnits)) {
        this.setPerformanceFraction(i, sum.num, sum.den);
      } else {
        this.setPerformanceDecimal(i, weightedMean(this.counted(i, false)));
      }
    }
    // Its own indicators were scored above all the same: they are shown as reported, and a
    // `children_mean` of its parent reads the forced value like any child's performance.
    const forced = this.forced?.get(node.code);
    if (forced !== undefined && this.duplicate[i] === 0) {
      // Kept: what the rules give beside what was forced is what the OIV's values are checked
      // against (core/validated-values.ts), all of them from this one evaluation.
      this.beforeForcing.set(i, this.performanceOf(i));
      this.setPerformanceDecimal(i, forced);
    }
    if (issues.length > 0) this.nodeIssues.set(i, issues);
    else if (this.nodeIssues.size > 0) this.nodeIssues.delete(i);
  }

  /** The counted indicators of node i as terms of a mean (with equal weights when asked), scored again. */
  private counted(i: number, equal: boolean): Term[] {
    const node = this.nodes[i]!;
    const first = this.firstIndicator[i]!;
    const out: Term[] = [];
    for (let k = first; k < this.firstIndicator[i + 1]!; k++) {
      const indicator = node.indicators[k - first]!;
      this.evaluateIndicator(k, indicator, node, i);
      const score = lastScore(this.last);
      if (this.last.counted && score !== null) out.push({ weight: equal ? ONE : indicator.weight, value: score });
    }
    return out;
  }

  /** Scores indicator k (of node i) into `this.last`, and records or clears its problems. */
  private evaluateIndicator(k: number, ind: Indicator, node: Objective, i: number): void {
    // Hot path: no object, no text, no location unless needed.
    const settings = this.plan.settings;
    const m = ind.measurement;
    const code = node.code;
    const last = this.last;
    last.derived = null;
    this.lastFormula = -1;
    if (this.indicatorIssues.size > 0) this.indicatorIssues.delete(k);

    if (m.state === 'not_evaluable') return this.scored(STATE_INDEX.not_evaluable, null, 2, false);
    if (m.state === 'not_achieved') return this.scoredFraction(STATE_INDEX.not_achieved, 0, 1, 0);

    const rule = ind.scoring ?? settings.defaultScoring;
    let actual: Amount | null = null;
    let issues: Issue[] | null = null;
    if (ind.formula === null) {
      actual = m.state === 'measured' ? (m.actual ?? null) : null;
      if (m.state === 'measured' && actual === null) {
        issues = [problem('error', 'missing-actual', { indicator: ind.name }, locate(ind, code))];
      } else if (actual !== null) {
        const met = scoreAmountFraction(rule, ind.comparator, ind.target, actual, last);
        if (met >= 0) return this.scoredFraction(STATE_INDEX.measured, last.num, last.den, met);
        // Entered before the indicator's unit changed (a number, now a date), kept as it was entered
        // (a period reopened after the change holds its closed values): said as that, to be entered again.
        if (actual.kind !== amountKind(ind.unit)) {
          this.indicatorIssues.set(k, [problem('error', 'actual-in-old-unit', { indicator: ind.name, actual: actual.kind, unit: ind.unit }, locate(ind, code))]);
          return this.scored(STATE_INDEX.measured, null, 2, false);
        }
      }
    } else if (computedFromChildren(ind.formula)) {
      const mean = this.mean;
      const got = this.childrenMeanFraction(i, mean);
      if (got === 1) {
        last.derived = { num: mean.num, den: mean.den };
        const met = scoreNumberFraction(rule, ind.comparator, ind.target, mean.num, mean.den, last);
        if (met >= 0) return this.scoredFraction(STATE_INDEX.measured, last.num, last.den, met);
        actual = { kind: 'number', value: toDecimal(mean.num, mean.den) };
      } else {
        const value = got === 0 ? null : this.childrenMean(i);
        actual = value === null ? null : { kind: 'number', value };
        last.derived = actual;
      }
    } else {
      if (m.state === 'measured') {
        const computed = computeFormula(ind.formula, formulaInputs(ind, m.inputs));
        if ('error' in computed) issues = [withParams(saidIssue('error', computed.said), { indicator: ind.name }, locate(ind, code))];
        else actual = { kind: 'number', value: computed.value };
      }
      last.derived = actual;
    }
    if (actual === null) {
      if (issues !== null) this.indicatorIssues.set(k, issues);
      if (this.notMeasured === 'zero') return this.scoredFraction(STATE_INDEX.not_measured, 0, 1, 0);
      return this.scored(STATE_INDEX.not_measured, null, 2, false);
    }
    const result = scoreAmounts(rule, ind.comparator, ind.tolerance, ind.target, actual);
    if (result.issues.length > 0) {
      issues ??= [];
      for (const found of result.issues) issues.push(withParams(found, { indicator: ind.name }, locate(ind, code)));
    }
    if (issues !== null) this.indicatorIssues.set(k, issues);
    this.scored(STATE_INDEX.measured, result.score, result.met === null ? 2 : result.met ? 1 : 0, result.score !== null);
  }

  /** Keeps the score `evaluateIndicator` just made of indicator k. */
  private keepScore(k: number): void {
    if (this.scoreFlags === null) return;
    const last = this.last;
    this.scoreFlags[k] = last.state | (last.met << 2) | (last.counted ? 16 : 0) | (last.kind << 5);
    this.scoreNum![k] = last.num;
    this.scoreDen![k] = last.den;
    if (last.kind === DECIMAL) this.scoreDecimal.set(k, last.decimal!);
    else if (this.scoreDecimal.size > 0) this.scoreDecimal.delete(k);
  }

  /**
   * Indicator k (of node i) as `evaluateIndicator` scored it, in `this.last`: its kept score, or
   * its score made again (scores not kept, or a formula indicator, whose computed actual is not).
   */
  private loadScore(k: number, indicator: Indicator, i: number): ScoredIndicator {
    const last = this.last;
    const flagsOf = this.scoreFlags;
    if (flagsOf === null || indicator.formula !== null) {
      if (this.lastFormula === k && indicator.formula !== null) return last;
      this.evaluateIndicator(k, indicator, this.nodes[i]!, i);
      if (indicator.formula !== null) this.lastFormula = k;
      return last;
    }
    this.lastFormula = -1;
    const flags = flagsOf[k]!;
    last.state = flags & 3;
    last.met = (flags >> 2) & 3;
    last.counted = (flags & 16) !== 0;
    last.kind = flags >> 5;
    last.num = this.scoreNum![k]!;
    last.den = this.scoreDen![k]!;
    last.decimal = last.kind === DECIMAL ? this.scoreDecimal.get(k)! : null;
    last.derived = null;
    return last;
  }

  /** A counted score that is an exact fraction. */
  private scoredFraction(state: number, num: number, den: number, met: number): void {
    const last = this.last;
    last.state = state;
    last.kind = FRACTION;
    last.num = num;
    last.den = den;
    last.decimal = null;
    last.met = met;
    last.counted = true;
  }

  /** A score from the general path: kept as a fraction when it fits, as a Decimal otherwise. */
  private scored(state: number, score: Decimal | null, met: number, counted: boolean): void {
    if (score !== null && counted && decimalToFraction(score, this.spare)) return this.scoredFraction(state, this.spare.num, this.spare.den, met);
    const last = this.last;
    last.state = state;
    last.kind = score === null ? NONE_KIND : DECIMAL;
    last.decimal = score;
    last.met = met;
    last.counted = counted;
  }
}

/**
 * A number as the evaluation holds it, read without making a Decimal: `kind` 0 none, 1 the exact
 * fraction num/den, 2 the Decimal `decimal`. `numberOfReading` makes the Decimal the results show.
 */
export interface NumberReading extends Fraction {
  kind: number;
  decimal: Decimal | null;
}

export const READING_NONE = NONE_KIND;
export const READING_FRACTION = FRACTION;

/** A fresh reading to fill, one per loop. */
export function numberReading(): NumberReading {
  return { kind: NONE_KIND, num: 0, den: 1, decimal: null };
}

/** `toJsonNumber` of a reading's number: from its fraction when it has one, without a Decimal. */
export function jsonNumberOfReading(r: NumberReading, places = 2): number | null {
  if (r.kind === FRACTION) {
    const value = roundedNumber(r.num, r.den, places);
    if (value === value) return value; // not NaN
  }
  return toJsonNumber(numberOfReading(r), places);
}

/** An `ObjectiveResult` without its indicators, its performance as a reading (`Evaluation.readNodeAt`). */
export interface NodeReading {
  objective: Objective;
  readonly performance: NumberReading;
  band: Band | null;
  basis: Basis;
  indicatorCount: number;
}

/** An `IndicatorResult` without its code and issues, its performance as a reading (`Evaluation.readIndicatorAt`). */
export interface IndicatorReading {
  indicator: Indicator;
  state: IndicatorState;
  actual: Amount | null;
  readonly performance: NumberReading;
  met: boolean | null;
  counted: boolean;
  rule: ScoringRule;
}

/** Readings to fill, one of each per loop. */
export function nodeReading(): NodeReading {
  return { objective: EMPTY_OBJECTIVE, performance: numberReading(), band: null, basis: 'none', indicatorCount: 0 };
}
export function indicatorReading(): IndicatorReading {
  return { indicator: EMPTY_INDICATOR, state: 'not_measured', actual: null, performance: numberReading(), met: null, counted: false, rule: { kind: 'on_off' } };
}
const EMPTY_OBJECTIVE: Objective = { code: '', title: '', parent: null, weight: null, indicators: [] };
const EMPTY_INDICATOR: Indicator = {
  id: '',
  name: '',
  weight: ZERO,
  comparator: '>=',
  tolerance: null,
  target: null,
  unit: 'number',
  scoring: null,
  formula: null,
  measurement: { state: 'not_measured' },
};

/** The Decimal of a reading, the very value `performance` and `actual` of the results hold. */
export function numberOfReading(r: NumberReading): Decimal | null {
  return r.kind === NONE_KIND ? null : r.kind === FRACTION ? toDecimal(r.num, r.den) : r.decimal;
}

/** An indicator's score as `evaluateIndicator` leaves it; `num`/`den` make it usable as a Fraction. */
interface ScoredIndicator extends Fraction {
  state: number;
  /** NONE_KIND, FRACTION (num/den) or DECIMAL (decimal). */
  kind: number;
  decimal: Decimal | null;
  /** 0 not met, 1 met, 2 unknown. */
  met: number;
  counted: boolean;
  /** The actual computed by a formula, as a fraction when exact; null for the others. */
  derived: Amount | Fraction | null;
}

function lastScore(last: ScoredIndicator): Decimal | null {
  return last.kind === NONE_KIND ? null : last.kind === FRACTION ? toDecimal(last.num, last.den) : last.decimal;
}

/** A derived actual as the result shows it. */
function derivedAmount(value: Amount | Fraction | null | undefined): Amount | null {
  if (value === undefined || value === null) return null;
  return 'kind' in value ? value : { kind: 'number', value: toDecimal(value.num, value.den) };
}

const ONE = new Decimal(1);

function locate(ind: Indicator, code: string): SourceLocation {
  return ind.origin ?? { node: code, indicator: ind.id };
}

function zeroWeights(node: Objective): Issue {
  return problem('warning', 'zero-weights', { code: node.code }, node.origin ?? { node: node.code });
}

/**
 * A weight as an exact integer number of thousandths of a percent (50 → 50000, 12,5 → 12500), read
 * from the decimal's documented digits (`d`, base 1e7) and exponent (`e`); -1 when it does not fit.
 */
export function weightUnits(weight: Decimal): number {
  const digits = weight.d;
  if (weight.s < 0) return weight.isZero() ? 0 : -1;
  if (digits.length !== 1) {
    // Several base-1e7 words: a weight with a fractional part (12,5) or a very long one. Rarer than
    // whole percents, so it may allocate; the answer is the same exact integer or -1.
    if (weight.isZero()) return 0;
    const units = weight.times(1000);
    return units.isInteger() && units.lte(Number.MAX_SAFE_INTEGER) ? units.toNumber() : -1;
  }
  const word = digits[0]!;
  const length = word < 10 ? 1 : word < 100 ? 2 : word < 1000 ? 3 : word < 1e4 ? 4 : word < 1e5 ? 5 : word < 1e6 ? 6 : 7;
  const shift = weight.e - length + 1 + 3;
  if (shift < 0) {
    // 0,1 is the word 1000000 with e = -1: a division that must leave no remainder.
    if (shift < -6) return -1;
    const scale = SCALES[-shift]!;
    return word % scale === 0 ? word / scale : -1;
  }
  if (shift > 6) return -1;
  return word * SCALES[shift]!; // a table: `10 ** shift` took most of the time of a million calls
}
const SCALES = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
const NONE: readonly Issue[] = [];

/**
 * The base measures a formula reads: those entered, and for a trend whose previous value was not
 * entered, last year's value from the indicator's predecessor.
 */
export function formulaInputs(ind: Indicator, entered: Readonly<Record<string, Decimal>> | undefined): Readonly<Record<string, Decimal>> {
  const inputs = entered ?? {};
  if (ind.formula?.kind !== 'trend' || ind.predecessorValue == null || ownValue(inputs, ind.formula.previous) !== undefined) return inputs;
  return { ...inputs, [ind.formula.previous]: ind.predecessorValue.value };
}

/** Whether a trend reads its previous value from its predecessor (nothing entered for it). */
export function previousFromPredecessor(ind: Indicator): boolean {
  const m = ind.measurement;
  return ind.formula?.kind === 'trend' && ind.predecessorValue != null && (m.state !== 'measured' || ownValue(m.inputs, ind.formula.previous) === undefined);
}

/** The actual of a ratio or trend indicator from its base measures. */
export function computeFormula(
  formula: Exclude<NonNullable<Indicator['formula']>, { kind: 'children_mean' }>,
  inputs: Readonly<Record<string, Decimal>>,
): { value: Decimal } | { error: string; said: Said } {
  // By own key: a measure named `constructor` or `toString` and not entered is missing, not Object's function.
  const need = formula.kind === 'ratio' ? [formula.numerator, formula.denominator] : [formula.current, formula.previous];
  const missing = need.filter((name) => ownValue(inputs, name) === undefined);
  if (missing.length > 0) return formulaError(said('formula-input', { missing }));
  const [top, bottom] = need.map((name) => ownValue(inputs, name)!) as [Decimal, Decimal];
  if (formula.kind === 'ratio') {
    if (bottom.isZero()) return formulaError(said('formula-input', { zero: formula.denominator, role: 'denominator' }));
    return { value: top.div(bottom).times(formula.scale) };
  }
  if (bottom.isZero()) return formulaError(said('formula-input', { zero: formula.previous, role: 'previous' }));
  return { value: top.minus(bottom).div(bottom).times(HUNDRED) };
}

function formulaError(s: Said): { error: string; said: Said } {
  return { error: s.message, said: s };
}

export interface EvaluationOptions {
  /** Keep every indicator's score for reading back, at 17 bytes an indicator (see `Evaluation`). */
  readonly keepScores?: boolean;
  /**
   * Objective code → a performance (0–100) the objective takes instead of the one its indicators
   * or children give, its ancestors rolling up from it: the OIV's validated values, which count
   * for the appraisal (server/appraisal). The band follows the value; codes not in the plan are
   * ignored. A change of measurement re-evaluates the path and keeps the forced value.
   */
  readonly forced?: ReadonlyMap<string, Decimal>;
}

/** Evaluates a whole plan. */
export function evaluatePlan(plan: Plan, options: EvaluationOptions = {}): Evaluation {
  return new Evaluation(plan, options);
}
