/**
 * Comparison of two versions of a plan: the initial plan and its revision, last month's
 * monitoring and today's, a period as it was closed and as it stands after a reopening. Target,
 * weight and rule changes made during the year must be disclosed in the Relazione, and the OIV
 * asks what moved between two versions it was shown; this lists every change, in the later
 * plan's order, with both values in Italian as the Relazione prints them.
 *
 * Objectives are matched by code. Indicators are matched within their objective by name (spaces
 * and case aside), then the ones left over by position, which shows a renamed indicator as a
 * rename rather than as one removal and one addition. Stored ids are not used: they differ
 * between a plan and its revision imported from two files.
 */
import { round, type Decimal } from './decimal.js';
import type { Evaluation, IndicatorResult, ObjectiveResult } from './evaluation.js';
import { formatPercent } from './italian.js';
import { BAND_WORDS, RULE_WORD, type Legend } from './legend.js';
import type { Language } from './messages/index.js';
import type { Indicator, Measurement, NotMeasuredPolicy, PlanSettings, ScoringRule, SourceLocation } from './model.js';
import { fmt, show } from './scoring.js';

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
 * `language` says the band words of performances and legends (the API's texts stay Italian, the
 * CLI passes its own); the rest of the texts are the plan file's Italian.
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
      for (const i of later.indicators) add('indicator-added', node.code, null, indicatorText(i.indicator), { indicator: i.indicator.name, ...located(i.indicator) });
      add('performance', node.code, null, performanceText(later, language), { numbers: { before: null, after: shown(later.performance) }, ...origin });
      continue;
    }
    earlier.delete(node.code);
    add('objective-title', node.code, was.objective.title, node.title, origin);
    add('objective-parent', node.code, was.objective.parent ?? '—', node.parent ?? '—', origin);
    add('objective-weight', node.code, weightText(was.objective.weight), weightText(node.weight), origin);
    compareIndicators(node.code, was.indicators, later.indicators, add);
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
  add('settings', '', `regola predefinita: ${ruleText(before.defaultScoring)}`, `regola predefinita: ${ruleText(after.defaultScoring)}`);
  add('settings', '', `legenda: ${legendText(before.legend, language)}`, `legenda: ${legendText(after.legend, language)}`);
  add('settings', '', `non misurati: ${POLICY_WORDS[before.notMeasured]}`, `non misurati: ${POLICY_WORDS[after.notMeasured]}`);
}

function compareIndicators(code: string, before: readonly IndicatorResult[], after: readonly IndicatorResult[], add: Add): void {
  const pairs = matchIndicators(before, after);
  for (const [was, is] of pairs) {
    if (was === null) {
      add('indicator-added', code, null, indicatorText(is!.indicator), { indicator: is!.indicator.name, ...located(is!.indicator) });
      continue;
    }
    if (is === null) {
      add('indicator-removed', code, indicatorText(was.indicator), null, { indicator: was.indicator.name, ...located(was.indicator) });
      continue;
    }
    const a = was.indicator;
    const b = is.indicator;
    const extra = { indicator: b.name, ...located(b) };
    add('indicator-name', code, a.name, b.name, extra);
    add('weight', code, `${fmt(a.weight)}%`, `${fmt(b.weight)}%`, extra);
    add('comparator', code, comparatorText(a), comparatorText(b), extra);
    add('target', code, a.target === null ? '—' : show(a.target, a.unit, 'it'), b.target === null ? '—' : show(b.target, b.unit, 'it'), extra);
    add('unit', code, a.unit, b.unit, extra);
    add('scoring', code, a.scoring === null ? 'regola del piano' : ruleText(a.scoring), b.scoring === null ? 'regola del piano' : ruleText(b.scoring), extra);
    add('formula', code, formulaText(a), formulaText(b), extra);
    // A derived indicator's actual follows from its children; its own measurement is not entered.
    if (a.formula?.kind !== 'children_mean' || b.formula?.kind !== 'children_mean') add('measurement', code, measurementText(a), measurementText(b), extra);
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

const POLICY_WORDS: Record<NotMeasuredPolicy, string> = { skip: 'esclusi dal calcolo', zero: 'contano 0', block: 'bloccano la performance' };

function performanceText(result: ObjectiveResult, language: Language): string {
  if (result.performance === null) return language === 'it' ? 'nessuna performance' : 'no performance';
  return `${formatPercent(result.performance)}${result.band === null ? '' : ` (${BAND_WORDS[language][result.band]})`}`;
}

function weightText(weight: Decimal | null): string {
  return weight === null ? '—' : `${fmt(weight)}%`;
}

function comparatorText(indicator: Indicator): string {
  return indicator.comparator === '=' && indicator.tolerance !== null ? `= ± ${fmt(indicator.tolerance, 4)}` : indicator.comparator;
}

function indicatorText(indicator: Indicator): string {
  const target = indicator.target === null ? '—' : show(indicator.target, indicator.unit, 'it');
  return `${indicator.name} (${fmt(indicator.weight)}%, ${comparatorText(indicator)} ${target})`;
}

export function ruleText(rule: ScoringRule): string {
  switch (rule.kind) {
    case 'on_off':
      return RULE_WORD.on_off;
    case 'proportional':
      return RULE_WORD.proportional;
    case 'bands':
      return `${RULE_WORD.bands} ${rule.mode === 'fixed' ? 'fisse' : 'interpolate'}: ${rule.points.map((p) => `${show(p.at, undefined, 'it')} → ${fmt(p.score)}`).join(', ')}`;
    case 'threshold':
      return `${RULE_WORD.threshold} da ${show(rule.floor, undefined, 'it')}`;
  }
}

function legendText(legend: Legend, language: Language): string {
  return legend.rules.map((r) => `${BAND_WORDS[language][r.band]}${r.min === undefined ? '' : ` ${r.minInclusive === true ? '≥' : '>'} ${fmt(r.min)}%`}`).join(', ');
}

function formulaText(indicator: Indicator): string {
  const f = indicator.formula;
  if (f === null) return '—';
  switch (f.kind) {
    case 'children_mean':
      return 'media ponderata degli obiettivi figli';
    case 'ratio':
      return `${f.numerator} / ${f.denominator} × ${fmt(f.scale)}`;
    case 'trend':
      return `(${f.current} − ${f.previous}) / ${f.previous}`;
  }
}

export function measurementText(indicator: Indicator): string {
  const m: Measurement = indicator.measurement;
  switch (m.state) {
    case 'measured': {
      const inputs =
        m.inputs === undefined
          ? ''
          : Object.entries(m.inputs)
              .map(([k, v]) => `${k} = ${fmt(v, 4)}`)
              .join(', ');
      if (m.actual === undefined) return inputs === '' ? 'misurato' : inputs;
      return `${show(m.actual, indicator.unit, 'it')}${inputs === '' ? '' : ` (${inputs})`}`;
    }
    case 'not_achieved':
      return 'non raggiunto';
    case 'not_evaluable':
      return `N.V. (${m.reason})`;
    case 'not_measured':
      return 'non misurato';
  }
}
