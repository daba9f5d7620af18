/**
 * The computed plan as a JSON document: the output of `albero evaluate --json`, the API's computed
 * tree and the open-data JSON are all this one shape, so a script written against one reads all.
 * Numbers are percent with two decimals (`93`, `56.67`); dates are ISO; texts are as imported.
 */
import {
  formatItalianDate,
  formatItalianNumber,
  toJsonNumber,
  type Amount,
  type Band,
  type Evaluation,
  type Formula,
  type Issue,
  type MeasurementState,
  type NodeExplanation,
  type PlanChange,
  type ScoringRule,
  type Unit,
} from '../core/index.js';
import type { EvaluationDocument, ExplanationDocument, FormulaDocument, ObjectiveDocument, RuleDocument } from '../contract/index.js';

// The documents are declared in the contract (src/contract), shared with the web app; this module makes them.
export type { EvaluationDocument, ExplanationDocument, FormulaDocument, IndicatorDocument, ObjectiveDocument, RuleDocument } from '../contract/index.js';

export function formulaDocument(formula: Formula | null): FormulaDocument | null {
  if (formula === null) return null;
  if (formula.kind === 'ratio') return { kind: 'ratio', numerator: formula.numerator, denominator: formula.denominator, scale: Number(formula.scale.toString()) };
  if (formula.kind === 'trend') return { kind: 'trend', current: formula.current, previous: formula.previous };
  return { kind: 'children_mean' };
}

export function ruleDocument(rule: ScoringRule | null): RuleDocument | null {
  if (rule === null) return null;
  if (rule.kind === 'bands') return { kind: 'bands', mode: rule.mode, points: rule.points.map((p) => ({ at: amountJson(p.at), score: Number(p.score.toString()) })) };
  if (rule.kind === 'threshold') return { kind: 'threshold', floor: amountJson(rule.floor) };
  return { kind: rule.kind };
}

/**
 * An amount as JSON: a number when a JSON number says it exactly, else the exact decimal as text
 * (`"12345678901234567.25"`): a double would round it, or turn it into `null` beyond its range.
 */
export function amountJson(amount: Amount | null): number | string | boolean | null {
  if (amount === null) return null;
  if (amount.kind !== 'number') return amount.value;
  const text = amount.value.toString();
  const number = Number(text);
  return Number.isFinite(number) && amount.value.eq(String(number)) ? number : amount.value.toFixed();
}

/** An amount as the published table prints it in the indicator's unit. */
export function amountText(amount: Amount | null, unit: Unit): string {
  if (amount === null) return '';
  switch (amount.kind) {
    case 'date':
      return formatItalianDate(amount.value);
    case 'boolean':
      return amount.value ? 'sì' : 'no';
    case 'number': {
      const places = Math.max(unit === 'percent' ? 2 : 0, Math.min(amount.value.decimalPlaces(), 4));
      return `${formatItalianNumber(amount.value, places)}${unit === 'percent' ? '%' : ''}`;
    }
  }
}

export function evaluationDocument(evaluation: Evaluation, extraIssues: readonly Issue[] = []): EvaluationDocument {
  const summary = { objectives: 0, green: 0, yellow: 0, red: 0, none: 0 };
  const objectives = evaluation.nodeResults.map((r): ObjectiveDocument => {
    if (r.basis === 'indicators') {
      summary.objectives++;
      summary[r.band ?? 'none']++;
    }
    return {
      code: r.node.code,
      title: r.node.title,
      parent: r.node.parent,
      level: r.node.level ?? null,
      weight: toJsonNumber(r.node.weight, 4),
      performance: toJsonNumber(r.performance),
      band: r.band,
      basis: r.basis,
      indicators: r.indicators.map((i) => {
        const m = i.indicator.measurement;
        return {
          id: i.indicator.id,
          name: i.indicator.name,
          weight: toJsonNumber(i.indicator.weight, 4)!,
          comparator: i.indicator.comparator,
          unit: i.indicator.unit,
          target: amountJson(i.indicator.target),
          actual: amountJson(i.actual),
          targetText: amountText(i.indicator.target, i.indicator.unit),
          actualText: i.state === 'not_evaluable' ? 'N.V.' : amountText(i.actual, i.indicator.unit),
          state: i.state,
          reason: m.state === 'not_evaluable' ? m.reason : null,
          scoring: i.rule.kind,
          derived: i.indicator.formula !== null,
          performance: toJsonNumber(i.score),
          met: i.met,
          counted: i.counted,
          owner: i.indicator.owner ?? null,
        };
      }),
    };
  });
  return {
    title: evaluation.plan.title,
    legend: evaluation.plan.settings.legend.rules.map((r) => ({ band: r.band, label: r.label, min: toJsonNumber(r.min ?? null), minInclusive: r.minInclusive === true })),
    summary,
    objectives,
    issues: [...extraIssues, ...evaluation.issues()].map((i) => ({ severity: i.severity, code: i.code, message: i.message, location: i.location ?? null })),
  };
}

/** An explanation as JSON: `albero explain --json`, the API's explanation and the web app's what-if alike. */
export function explanationDocument(e: NodeExplanation): ExplanationDocument {
  return {
    code: e.code,
    title: e.title,
    performance: toJsonNumber(e.performance),
    basis: e.basis,
    formula: e.formula,
    contributions: e.contributions.map((c) => ({
      kind: c.kind,
      ref: c.ref,
      label: c.label,
      weight: toJsonNumber(c.weight, 4),
      share: toJsonNumber(c.share, 6),
      score: toJsonNumber(c.score),
      points: toJsonNumber(c.points, 4),
      excluded: c.excluded ?? null,
    })),
    indicators: e.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      state: i.state,
      performance: toJsonNumber(i.score),
      scoring: i.scoring,
      derivation: i.derivation === null ? null : i.derivation.map((d) => ({ ref: d.ref, label: d.label, share: toJsonNumber(d.share, 6), score: toJsonNumber(d.score), points: toJsonNumber(d.points, 4), excluded: d.excluded ?? null })),
    })),
  };
}

/** One change between two versions of a plan, as `albero diff --json` and the API give it. */
export interface ChangeDocument {
  group: PlanChange['group'];
  kind: PlanChange['kind'];
  code: string | null;
  indicator: string | null;
  /** Percent numbers for performance changes, the printed text otherwise. */
  before: number | string | null;
  after: number | string | null;
  beforeText: string | null;
  afterText: string | null;
  line: number | null;
  sheet?: string | null;
  address?: string;
}

export interface ChangesDocument {
  counts: Record<PlanChange['group'], number>;
  changes: ChangeDocument[];
}

export function changesDocument(changes: readonly PlanChange[]): ChangesDocument {
  const counts: Record<PlanChange['group'], number> = { structure: 0, plan: 0, measurement: 0, result: 0 };
  for (const c of changes) counts[c.group]++;
  return {
    counts,
    changes: changes.map((c) => ({
      group: c.group,
      kind: c.kind,
      code: c.code === '' ? null : c.code,
      indicator: c.indicator ?? null,
      before: c.numbers === undefined ? c.before : toJsonNumber(c.numbers.before),
      after: c.numbers === undefined ? c.after : toJsonNumber(c.numbers.after),
      beforeText: c.before,
      afterText: c.after,
      line: c.origin?.line ?? null,
      ...(c.origin?.cell === undefined ? {} : { sheet: c.origin.sheet ?? null, address: c.origin.cell }),
    })),
  };
}

/** One year of an objective or indicator, at its plan's year end. */
export interface YearDocument {
  year: number;
  planId: string;
  planTitle: string;
  /** The year-end period the figures are read at. */
  period: { id: string; label: string; state: string };
  /** The plan asked about. */
  current: boolean;
  code: string;
  /** For an indicator: its id in that year's plan. */
  indicatorId: string | null;
  title: string;
  /** Indicators only (an objective has no target of its own). */
  unit: string | null;
  target: number | string | boolean | null;
  targetText: string;
  actual: number | string | boolean | null;
  actualText: string;
  performance: number | null;
  band: Band | null;
}

export interface YearsDocument {
  kind: 'objective' | 'indicator';
  planId: string;
  ref: string;
  years: YearDocument[];
}
