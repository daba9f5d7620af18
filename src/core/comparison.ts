/**
 * Comparison of two versions of a plan: the initial plan and its revision, last month's
 * monitoring and today's, a period as it was closed and as it stands after a reopening. Target,
 * weight and rule changes made during the year must be disclosed in the Relazione, and the OIV
 * asks what moved between two versions it was shown; this lists every change, in the later
 * plan's order, with both values in words and numbers of the language asked for (Italian, as the
 * Relazione prints them, unless told otherwise).
 *
 * Objectives are matched by code. Indicators are matched within their objective by name (spaces
 * and case aside), then the ones left over by position, which shows a renamed indicator as a
 * rename rather than as one removal and one addition. Stored ids are not used: they differ
 * between a plan and its revision imported from two files.
 */
import { round, type Decimal } from './decimal.js';
import type { Evaluation, IndicatorResult, ObjectiveResult } from './evaluation.js';
import { formatPercentIn } from './italian.js';
import { BAND_WORDS, type Legend } from './legend.js';
import type { Language } from './messages/index.js';
import type { Indicator, Measurement, PlanSettings, ScoringRule, SourceLocation } from './model.js';
import { fmt, show } from './scoring.js';
import { CHANGE_WORDS } from './words.js';

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
  /** Both values as the Relazione prints them; null where there is none (added, removed). */
  readonly before: string | null;
  readonly after: string | null;
  /** For performance changes: the numbers, in percent, rounded to two decimals. */
  readonly numbers?: { readonly before: Decimal | null; readonly after: Decimal | null };
  /** Where the changed item is in the later plan (in the earlier one when it was removed). */
  readonly origin?: SourceLocation;
}

/**
 * Every change from `before` to `after`, in the later plan's order (removed objectives last).
 * `language` says the texts' words and numbers (the API's texts stay Italian, the CLI passes its
 * own); titles, names and codes are the plan's.
 */
export function comparePlans(before: Evaluation, after: Evaluation, language: Language = 'it'): PlanChange[] {
  const changes: PlanChange[] = [];
  const add = (kind: ChangeKind, code: string, was: string | null, is: string | null, extra: Partial<PlanChange> = {}): void => {
    if (was === is) return;
    changes.push({ kind, group: CHANGE_KINDS[kind], code, before: was, after: is, ...extra });
  };
  compareSettings(before.plan.settings, after.plan.settings, add, language);

  const earlier = new Map(before.nodeResults.map((r) => [r.objective.code, r]));
  for (const later of after.nodeResults) {
    const node = later.objective;
    const origin = node.origin === undefined ? {} : { origin: node.origin };
    const was = earlier.get(node.code);
    if (was === undefined) {
      add('objective-added', node.code, null, node.title, origin);
      for (const i of later.indicators) add('indicator-added', node.code, null, indicatorText(i.indicator, language), { indicator: i.indicator.name, ...located(i.indicator) });
      add('performance', node.code, null, performanceText(later, language), { numbers: { before: null, after: shown(later.performance) }, ...origin });
      continue;
    }
    earlier.delete(node.code);
    add('objective-title', node.code, was.objective.title, node.title, origin);
    add('objective-parent', node.code, was.objective.parent ?? '—', node.parent ?? '—', origin);
    add('objective-weight', node.code, weightText(was.objective.weight, language), weightText(node.weight, language), origin);
    compareIndicators(node.code, was.indicators, later.indicators, add, language);
    add('performance', node.code, performanceText(was, language), performanceText(later, language), { numbers: { before: shown(was.performance), after: shown(later.performance) }, ...origin });
  }
  for (const gone of earlier.values()) {
    const origin = gone.objective.origin === undefined ? {} : { origin: gone.objective.origin };
    add('objective-removed', gone.objective.code, gone.objective.title, null, origin);
  }
  return changes;
}

type Add = (kind: ChangeKind, code: string, was: string | null, is: string | null, extra?: Partial<PlanChange>) => void;

function compareSettings(before: PlanSettings, after: PlanSettings, add: Add, language: Language): void {
  const w = CHANGE_WORDS[language];
  add('settings', '', `${w.defaultRule}: ${ruleText(before.defaultScoring, language)}`, `${w.defaultRule}: ${ruleText(after.defaultScoring, language)}`);
  add('settings', '', `${w.legend}: ${legendText(before.legend, language)}`, `${w.legend}: ${legendText(after.legend, language)}`);
  add('settings', '', `${w.notMeasured}: ${w.policies[before.notMeasured]}`, `${w.notMeasured}: ${w.policies[after.notMeasured]}`);
}

function compareIndicators(code: string, before: readonly IndicatorResult[], after: readonly IndicatorResult[], add: Add, language: Language): void {
  const pairs = matchIndicators(before, after);
  for (const [was, is] of pairs) {
    if (was === null) {
      add('indicator-added', code, null, indicatorText(is!.indicator, language), { indicator: is!.indicator.name, ...located(is!.indicator) });
      continue;
    }
    if (is === null) {
      add('indicator-removed', code, indicatorText(was.indicator, language), null, { indicator: was.indicator.name, ...located(was.indicator) });
      continue;
    }
    const a = was.indicator;
    const b = is.indicator;
    const extra = { indicator: b.name, ...located(b) };
    add('indicator-name', code, a.name, b.name, extra);
    const w = CHANGE_WORDS[language];
    add('weight', code, `${fmt(a.weight, 2, language)}%`, `${fmt(b.weight, 2, language)}%`, extra);
    add('comparator', code, comparatorText(a, language), comparatorText(b, language), extra);
    add('target', code, a.target === null ? '—' : show(a.target, a.unit, language), b.target === null ? '—' : show(b.target, b.unit, language), extra);
    add('unit', code, a.unit, b.unit, extra);
    add('scoring', code, a.scoring === null ? w.planRule : ruleText(a.scoring, language), b.scoring === null ? w.planRule : ruleText(b.scoring, language), extra);
    add('formula', code, formulaText(a, language), formulaText(b, language), extra);
    // A derived indicator's actual follows from its children; its own measurement is not entered.
    if (a.formula?.kind !== 'children_mean' || b.formula?.kind !== 'children_mean') add('measurement', code, measurementText(a, language), measurementText(b, language), extra);
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

function performanceText(result: ObjectiveResult, language: Language): string {
  if (result.performance === null) return language === 'it' ? 'nessuna performance' : 'no performance';
  return `${formatPercentIn(result.performance, language)}${result.band === null ? '' : ` (${BAND_WORDS[language][result.band]})`}`;
}

function weightText(weight: Decimal | null, language: Language): string {
  return weight === null ? '—' : `${fmt(weight, 2, language)}%`;
}

function comparatorText(indicator: Indicator, language: Language): string {
  return indicator.comparator === '=' && indicator.tolerance !== null ? `= ± ${fmt(indicator.tolerance, 4, language)}` : indicator.comparator;
}

function indicatorText(indicator: Indicator, language: Language): string {
  const target = indicator.target === null ? '—' : show(indicator.target, indicator.unit, language);
  return `${indicator.name} (${fmt(indicator.weight, 2, language)}%, ${comparatorText(indicator, language)} ${target})`;
}

/** A scoring rule in words, with its numbers: Italian by default, as the Relazione prints it. */
export function ruleText(rule: ScoringRule, language: Language = 'it'): string {
  const w = CHANGE_WORDS[language];
  switch (rule.kind) {
    case 'on_off':
    case 'proportional':
      return w.rules[rule.kind];
    case 'bands':
      return `${w.bands(rule.mode)}: ${rule.points.map((p) => `${show(p.at, undefined, language)} → ${fmt(p.score, 2, language)}`).join(', ')}`;
    case 'threshold':
      return `${w.threshold} ${show(rule.floor, undefined, language)}`;
  }
}

function legendText(legend: Legend, language: Language): string {
  return legend.rules.map((r) => `${BAND_WORDS[language][r.band]}${r.min === undefined ? '' : ` ${r.minInclusive === true ? '≥' : '>'} ${fmt(r.min, 2, language)}%`}`).join(', ');
}

function formulaText(indicator: Indicator, language: Language): string {
  const f = indicator.formula;
  if (f === null) return '—';
  switch (f.kind) {
    case 'children_mean':
      return CHANGE_WORDS[language].childrenMean;
    case 'ratio':
      return `${f.numerator} / ${f.denominator} × ${fmt(f.scale, 2, language)}`;
    case 'trend':
      return `(${f.current} − ${f.previous}) / ${f.previous}`;
  }
}

export function measurementText(indicator: Indicator, language: Language = 'it'): string {
  const w = CHANGE_WORDS[language];
  const m: Measurement = indicator.measurement;
  switch (m.state) {
    case 'measured': {
      const inputs =
        m.inputs === undefined
          ? ''
          : Object.entries(m.inputs)
              .map(([k, v]) => `${k} = ${fmt(v, 4, language)}`)
              .join(', ');
      if (m.actual === undefined) return inputs === '' ? w.measured : inputs;
      return `${show(m.actual, indicator.unit, language)}${inputs === '' ? '' : ` (${inputs})`}`;
    }
    case 'not_achieved':
      return w.notAchieved;
    case 'not_evaluable':
      return `${w.notEvaluable} (${m.reason})`;
    case 'not_measured':
      return w.notMeasuredState;
  }
}
