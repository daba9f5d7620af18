/**
 * Comparison of two versions of a plan: the initial plan and its revision, last month's
 * monitoring and today's, a period as it was closed and as it stands after a reopening. Target,
 * weight and rule changes made during the year must be disclosed in the Relazione, and the OIV
 * asks what moved between two versions it was shown; this lists every change, in the later
 * plan's order, each as a stable code and raw parameters (both values as neutral text): the
 * catalogue (messages/comparison.ts) says it in the reader's language.
 *
 * Objectives are matched by code. Indicators are matched within their objective by name (spaces
 * and case aside), then the ones left over by position, which shows a renamed indicator as a
 * rename rather than as one removal and one addition. Stored ids are not used: they differ
 * between a plan and its revision imported from two files.
 */
import { Decimal, round } from './decimal.js';
import type { Evaluation, IndicatorResult, ObjectiveResult } from './evaluation.js';
import type { Legend } from './legend.js';
import type { ParamValue } from './messages/catalogue.js';
import type { ComparisonCode, ComparisonParams } from './messages/comparison.js';
import { computedFromChildren, type Amount, type Indicator, type Plan, type PlanSettings, type ScoringRule, type SourceLocation, type Unit } from './model.js';

/** What a change is about, from the plan's shape to its results. */
export type ChangeGroup = 'structure' | 'plan' | 'measurement' | 'result';

export const CHANGE_KINDS = {
  'objective-added': 'structure',
  'objective-removed': 'structure',
  'objective-parent': 'structure',
  'objective-title': 'structure',
  'indicator-added': 'structure',
  'indicator-removed': 'structure',
  'indicator-name': 'structure',
  settings: 'plan',
  'objective-weight': 'plan',
  weight: 'plan',
  comparator: 'plan',
  target: 'plan',
  unit: 'plan',
  scoring: 'plan',
  formula: 'plan',
  measurement: 'measurement',
  // Recorded beside the actual (the store's, not the engine's): compared by `compareValueRecords`.
  source: 'measurement',
  evidence: 'measurement',
  performance: 'result',
} as const satisfies Record<string, ChangeGroup>;

export type ChangeKind = keyof typeof CHANGE_KINDS;

export interface PlanChange {
  readonly kind: ChangeKind;
  readonly group: ChangeGroup;
  /** The objective's code (for a settings change, empty). */
  readonly code: string;
  /** The indicator's name (the later one when it was renamed), for indicator changes. */
  readonly indicator?: string;
  /**
   * The change by code and parameters (messages/comparison.ts): the objective, the indicator and
   * each side's value as neutral text; a side is absent when the item was added or removed.
   * `comparisonSide` and `renderComparison` say it in a language.
   */
  readonly said: { readonly code: ComparisonCode; readonly params: ComparisonParams };
  /** For performance changes: the numbers, in percent, rounded to two decimals. */
  readonly numbers?: { readonly before: Decimal | null; readonly after: Decimal | null };
  /** Where the changed item is in the later plan (in the earlier one when it was removed). */
  readonly origin?: SourceLocation;
  /** Which plan `origin` is in: `before` for a removed item, `after` otherwise; set with `origin`. */
  readonly originSide?: 'before' | 'after';
}

/** One side's value as neutral parameters: `''` is the value itself, other keys its parts (`Unit`, `Tolerance`…). */
type Side = Readonly<Record<string, ParamValue>>;

/**
 * Every change from `before` to `after`, in the later plan's order (removed objectives last).
 * Titles, names and codes are the plan's; every other value is neutral, for the catalogue to say.
 */
export function comparePlans(before: Evaluation, after: Evaluation): PlanChange[] {
  const changes: PlanChange[] = [];
  const add = collector(changes);
  compareSettings(before.plan.settings, after.plan.settings, add);

  const earlier = new Map(before.nodeResults.map((r) => [r.objective.code, r]));
  for (const later of after.nodeResults) {
    const node = later.objective;
    const origin = node.origin === undefined ? {} : { origin: node.origin };
    const was = earlier.get(node.code);
    if (was === undefined) {
      wholeObjective('added', later, add);
      continue;
    }
    earlier.delete(node.code);
    add('objective-title', node.code, 'diff-objective-title', { '': was.objective.title }, { '': node.title }, origin);
    add('objective-parent', node.code, 'diff-objective-parent', { '': was.objective.parent ?? null }, { '': node.parent ?? null }, origin);
    add('objective-weight', node.code, 'diff-objective-weight', { '': places(was.objective.weight, 2) }, { '': places(node.weight, 2) }, origin);
    compareIndicators(node.code, was.indicators, later.indicators, add);
    add('performance', node.code, 'diff-performance', performanceSide(was), performanceSide(later), { numbers: { before: shown(was.performance), after: shown(later.performance) }, ...origin });
  }
  for (const gone of earlier.values()) wholeObjective('removed', gone, add);
  return changes;
}

/** An `Add` that keeps each change whose sides differ in `changes`. */
function collector(changes: PlanChange[]): Add {
  return (kind, code, said, was, is, extra = {}) => {
    if (was !== null && is !== null && sameSide(was, is)) return;
    const params: Record<string, ParamValue> = { objective: code === '' ? null : code, indicator: extra.indicator ?? null, ...sided('before', was), ...sided('after', is) };
    // Every caller locates an item in the plan that has it: the earlier one only when it is gone from the later.
    const side = extra.origin === undefined ? {} : { originSide: is === null ? ('before' as const) : ('after' as const) };
    changes.push({ kind, group: CHANGE_KINDS[kind], code, said: { code: said, params }, ...extra, ...side });
  };
}

/** What is recorded beside an indicator's value in a period: where it comes from and what proves it. */
export interface ValueRecord {
  readonly source: string | null;
  readonly evidence: string | null;
}

/**
 * The changes to the values' source and evidence, in `plan`'s order (indicators present in both).
 * The engine's plans carry actuals only, so `comparePlans` cannot see them; a reopening that
 * corrected only where a value comes from is still a change the OIV must read before validating.
 *
 * @example
 * compareValueRecords(plan, new Map([['A.1:1', { source: null, evidence: null }]]), new Map([['A.1:1', { source: 'Protocollo', evidence: null }]]))
 * // [{ kind: 'source', group: 'measurement', code: 'A.1', said: { code: 'diff-source', … } }]
 */
export function compareValueRecords(plan: Plan, before: ReadonlyMap<string, ValueRecord>, after: ReadonlyMap<string, ValueRecord>): PlanChange[] {
  const changes: PlanChange[] = [];
  const add = collector(changes);
  const none: ValueRecord = { source: null, evidence: null };
  for (const node of plan.nodes) {
    for (const indicator of node.indicators) {
      if (!before.has(indicator.id) && !after.has(indicator.id)) continue;
      const [was, is] = [before.get(indicator.id) ?? none, after.get(indicator.id) ?? none];
      const extra = { indicator: indicator.name, ...located(indicator) };
      add('source', node.code, 'diff-source', { '': was.source }, { '': is.source }, extra);
      add('evidence', node.code, 'diff-evidence', { '': was.evidence }, { '': is.evidence }, extra);
    }
  }
  return changes;
}

type Add = (kind: ChangeKind, code: string, said: ComparisonCode, was: Side | null, is: Side | null, extra?: Partial<Pick<PlanChange, 'indicator' | 'numbers' | 'origin'>>) => void;

/**
 * An objective added or removed as a whole: its line, each of its indicators and its performance,
 * the same either way. A removed objective was one line while an added one listed its indicators,
 * so a reader of the diff saw what came in but not what went out with it.
 */
function wholeObjective(how: 'added' | 'removed', result: ObjectiveResult, add: Add): void {
  const { code, title } = result.objective;
  const origin = result.objective.origin === undefined ? {} : { origin: result.objective.origin };
  const sides = <T>(value: T): [T | null, T | null] => (how === 'added' ? [null, value] : [value, null]);
  add(`objective-${how}`, code, `diff-objective-${how}`, ...sides<Side>({ '': title }), origin);
  for (const i of result.indicators) add(`indicator-${how}`, code, `diff-indicator-${how}`, ...sides(indicatorSide(i.indicator)), { indicator: i.indicator.name, ...located(i.indicator) });
  const [before, after] = sides(shown(result.performance));
  add('performance', code, 'diff-performance', ...sides(performanceSide(result)), { numbers: { before, after }, ...origin });
}

function sided(side: 'before' | 'after', values: Side | null): Record<string, ParamValue> {
  return values === null ? {} : Object.fromEntries(Object.entries(values).map(([key, v]) => [`${side}${key}`, v ?? null]));
}

function sameSide(a: Side, b: Side): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compareSettings(before: PlanSettings, after: PlanSettings, add: Add): void {
  add('settings', '', 'diff-default-rule', ruleSide(before.defaultScoring), ruleSide(after.defaultScoring));
  add('settings', '', 'diff-legend', legendSide(before.legend), legendSide(after.legend));
  add('settings', '', 'diff-not-measured', { '': before.notMeasured }, { '': after.notMeasured });
}

function compareIndicators(code: string, before: readonly IndicatorResult[], after: readonly IndicatorResult[], add: Add): void {
  const pairs = matchIndicators(before, after);
  for (const [was, is] of pairs) {
    if (was === null) {
      add('indicator-added', code, 'diff-indicator-added', null, indicatorSide(is!.indicator), { indicator: is!.indicator.name, ...located(is!.indicator) });
      continue;
    }
    if (is === null) {
      add('indicator-removed', code, 'diff-indicator-removed', indicatorSide(was.indicator), null, { indicator: was.indicator.name, ...located(was.indicator) });
      continue;
    }
    const a = was.indicator;
    const b = is.indicator;
    const extra = { indicator: b.name, ...located(b) };
    add('indicator-name', code, 'diff-indicator-name', { '': a.name }, { '': b.name }, extra);
    add('weight', code, 'diff-weight', { '': places(a.weight, 2) }, { '': places(b.weight, 2) }, extra);
    add('comparator', code, 'diff-comparator', comparatorSide(a), comparatorSide(b), extra);
    add('target', code, 'diff-target', { '': amountText(a.target), Unit: a.unit }, { '': amountText(b.target), Unit: b.unit }, extra);
    add('unit', code, 'diff-unit', { '': a.unit }, { '': b.unit }, extra);
    add('scoring', code, 'diff-scoring', ruleSide(a.scoring, a.unit), ruleSide(b.scoring, b.unit), extra);
    add('formula', code, 'diff-formula', formulaSide(a), formulaSide(b), extra);
    // A derived indicator's actual follows from its children; its own measurement is not entered.
    if (!computedFromChildren(a.formula) || !computedFromChildren(b.formula)) add('measurement', code, 'diff-measurement', measurementSide(a), measurementSide(b), extra);
  }
}

/** Pairs of indicators: same name first, then the rest by position; a side is null when added or removed. */
function matchIndicators(before: readonly IndicatorResult[], after: readonly IndicatorResult[]): Array<[IndicatorResult | null, IndicatorResult | null]> {
  const key = (i: IndicatorResult): string => i.indicator.name.trim().replace(/\s+/g, ' ').toLowerCase();
  const byName = new Map<string, number[]>();
  before.forEach((i, n) => byName.set(key(i), [...(byName.get(key(i)) ?? []), n]));
  const partner = new Array<number>(after.length).fill(-1);
  const taken = new Set<number>();
  after.forEach((i, n) => {
    const candidates = byName.get(key(i));
    const first = candidates?.shift();
    if (first !== undefined) {
      partner[n] = first;
      taken.add(first);
    }
  });
  const left = before.map((_, n) => n).filter((n) => !taken.has(n));
  const pairs: Array<[IndicatorResult | null, IndicatorResult | null]> = [];
  after.forEach((i, n) => {
    if (partner[n] === -1 && left.length > 0) partner[n] = left.shift()!;
    pairs.push([partner[n] === -1 ? null : before[partner[n]!]!, i]);
  });
  for (const n of left) pairs.push([before[n]!, null]);
  return pairs;
}

function located(indicator: Indicator): { origin?: SourceLocation } {
  return indicator.origin === undefined ? {} : { origin: indicator.origin };
}

function shown(performance: Decimal | null): Decimal | null {
  return performance === null ? null : round(performance, 2);
}

/** A decimal at `n` places (half up), as neutral text: what the words show. */
function places(value: Decimal | null, n: number): string | null {
  return value === null ? null : value.toDecimalPlaces(n, Decimal.ROUND_HALF_UP).toFixed();
}

/** An amount as neutral text: a number to 4 places, a date ISO, yes/no as `true`/`false`; null for none. */
function amountText(amount: Amount | null): string | null {
  if (amount === null) return null;
  return amount.kind === 'number' ? places(amount.value, 4) : String(amount.value);
}

function performanceSide(result: ObjectiveResult): Side {
  return { '': result.performance === null ? null : round(result.performance, 2).toFixed(2), Band: result.performance === null ? null : result.band };
}

function comparatorSide(indicator: Indicator): Side {
  return { '': indicator.comparator, Tolerance: indicator.comparator === '=' ? places(indicator.tolerance, 4) : null };
}

function indicatorSide(indicator: Indicator): Side {
  return {
    '': indicator.name,
    Weight: places(indicator.weight, 2),
    Comparator: indicator.comparator,
    Tolerance: indicator.comparator === '=' ? places(indicator.tolerance, 4) : null,
    Target: amountText(indicator.target),
    Unit: indicator.unit,
  };
}

/**
 * A scoring rule (null: the plan's): its kind and numbers, and the unit its floor or band points
 * are in when it is an indicator's (`unit`), for them to be said as the table prints it (`60,00%`).
 */
function ruleSide(rule: ScoringRule | null, unit?: Unit): Side {
  const inUnit = unit === undefined ? {} : { Unit: unit };
  switch (rule?.kind) {
    case undefined:
      return { '': null };
    case 'on_off':
    case 'proportional':
      return { '': rule.kind };
    case 'bands':
      return { '': 'bands', Mode: rule.mode, At: rule.points.map((p) => amountText(p.at) ?? ''), Scores: rule.points.map((p) => places(p.score, 2) ?? ''), ...inUnit };
    case 'threshold':
      return { '': 'threshold', Floor: amountText(rule.floor), ...inUnit };
  }
}

function legendSide(legend: Legend): Side {
  return {
    '': null,
    Bands: legend.rules.map((r) => r.band),
    Mins: legend.rules.map((r) => places(r.min ?? null, 2) ?? ''),
    Inclusive: legend.rules.map((r) => (r.min === undefined ? '' : String(r.minInclusive === true))),
  };
}

function formulaSide(indicator: Indicator): Side {
  const f = indicator.formula;
  switch (f?.kind) {
    case undefined:
      return { '': null };
    case 'children_mean':
      return { '': f.kind };
    case 'ratio':
      return { '': f.kind, Numerator: f.numerator, Denominator: f.denominator, Scale: places(f.scale, 2) };
    case 'trend':
      return { '': f.kind, Current: f.current, Previous: f.previous };
  }
}

function measurementSide(indicator: Indicator): Side {
  const m = indicator.measurement;
  switch (m.state) {
    case 'measured': {
      const inputs = Object.entries(m.inputs ?? {});
      return {
        '': m.state,
        Actual: m.actual === undefined ? null : amountText(m.actual),
        Unit: indicator.unit,
        Inputs: inputs.map(([k]) => k),
        InputValues: inputs.map(([, v]) => places(v, 4) ?? ''),
      };
    }
    case 'not_evaluable':
      return { '': m.state, Reason: m.reason };
    default:
      return { '': m.state };
  }
}
