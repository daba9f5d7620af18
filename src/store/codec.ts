/**
 * Plan inputs as stored text: amounts, scoring rules, formulas and settings become JSON whose
 * decimals are strings, so `0.1` is stored and read back as exactly `0.1` on both databases.
 */
import { DEFAULT_RATIO_SCALE } from '../contract/defaults.js';
import { Decimal, type Amount, type Formula, type Indicator, type Legend, type Measurement, type Plan, type Objective, type PlanSettings, type ScoringRule } from '../core/index.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function amountToJson(amount: Amount | null | undefined): Json {
  if (amount === null || amount === undefined) return null;
  return amount.kind === 'number' ? { kind: 'number', value: amount.value.toString() } : { kind: amount.kind, value: amount.value };
}

export function amountFromJson(json: unknown): Amount | null {
  if (json === null || typeof json !== 'object') return null;
  const { kind, value } = json as { kind: string; value: unknown };
  if (kind === 'number') return { kind: 'number', value: new Decimal(String(value)) };
  if (kind === 'date') return { kind: 'date', value: String(value) };
  if (kind === 'boolean') return { kind: 'boolean', value: value === true };
  return null;
}

export function ruleToJson(rule: ScoringRule | null): Json {
  if (rule === null) return null;
  switch (rule.kind) {
    case 'bands':
      return { kind: 'bands', mode: rule.mode, points: rule.points.map((p) => ({ at: amountToJson(p.at), score: p.score.toString() })) };
    case 'threshold':
      return { kind: 'threshold', floor: amountToJson(rule.floor) };
    default:
      return { kind: rule.kind };
  }
}

export function ruleFromJson(json: unknown): ScoringRule | null {
  if (json === null || typeof json !== 'object') return null;
  const r = json as { kind: string; mode?: 'fixed' | 'interpolated'; points?: Array<{ at: unknown; score: string }>; floor?: unknown };
  switch (r.kind) {
    case 'on_off':
      return { kind: 'on_off' };
    case 'proportional':
      return { kind: 'proportional' };
    case 'bands':
      return { kind: 'bands', mode: r.mode ?? 'fixed', points: (r.points ?? []).map((p) => ({ at: amountFromJson(p.at)!, score: new Decimal(p.score) })) };
    case 'threshold':
      return { kind: 'threshold', floor: amountFromJson(r.floor)! };
    default:
      return null;
  }
}

/** Its keys in the code's order, whatever order the formula was built in (the plan's JSON is digested as made: server/relazione.ts `freezeParts`). */
export function formulaToJson(formula: Formula | null): Json {
  if (formula === null) return null;
  switch (formula.kind) {
    case 'ratio':
      return { kind: 'ratio', numerator: formula.numerator, denominator: formula.denominator, scale: formula.scale.toString() };
    case 'trend':
      return { kind: 'trend', current: formula.current, previous: formula.previous };
    default:
      return { kind: formula.kind };
  }
}

/** A stored formula; a ratio stored without its scale is a percentage, as the API and the web form make it (`DEFAULT_RATIO_SCALE`). */
export function formulaFromJson(json: unknown): Formula | null {
  if (json === null || typeof json !== 'object') return null;
  const f = json as { kind: string; numerator?: string; denominator?: string; scale?: string; current?: string; previous?: string };
  if (f.kind === 'children_mean') return { kind: 'children_mean' };
  if (f.kind === 'ratio') return { kind: 'ratio', numerator: f.numerator!, denominator: f.denominator!, scale: new Decimal(f.scale ?? DEFAULT_RATIO_SCALE) };
  if (f.kind === 'trend') return { kind: 'trend', current: f.current!, previous: f.previous! };
  return null;
}

export function settingsToJson(settings: PlanSettings): Json {
  return {
    defaultScoring: ruleToJson(settings.defaultScoring),
    notMeasured: settings.notMeasured,
    legend: settings.legend.rules.map((r) => ({ band: r.band, label: r.label, min: r.min?.toString() ?? null, minInclusive: r.minInclusive ?? false })),
  };
}

export function settingsFromJson(json: unknown): PlanSettings {
  const s = json as {
    defaultScoring: unknown;
    notMeasured: PlanSettings['notMeasured'];
    legend: Array<{ band: 'green' | 'yellow' | 'red'; label: string; min: string | null; minInclusive: boolean }>;
  };
  const legend: Legend = {
    rules: s.legend.map((r) => (r.min === null ? { band: r.band, label: r.label } : { band: r.band, label: r.label, min: new Decimal(r.min), minInclusive: r.minInclusive })),
  };
  return { defaultScoring: ruleFromJson(s.defaultScoring) ?? { kind: 'on_off' }, notMeasured: s.notMeasured, legend };
}

/** Base measures of a ratio or trend (`{pratiche_evase: 45}`) with their decimals as exact text. */
export function inputsToJson(inputs: Readonly<Record<string, Decimal>>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.toString()]));
}

export function inputsFromJson(json: Readonly<Record<string, string>>): Record<string, Decimal> {
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, new Decimal(v)]));
}

export function measurementToJson(m: Measurement): Json {
  switch (m.state) {
    case 'measured':
      return {
        state: 'measured',
        ...(m.actual === undefined ? {} : { actual: amountToJson(m.actual) }),
        // By name: the inputs are keyed by the user (a measure's names), built in whatever order a
        // request or a stored text gave them; the plan's JSON is digested as made.
        ...(m.inputs === undefined ? {} : { inputs: Object.fromEntries(Object.entries(inputsToJson(m.inputs)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) }),
      };
    case 'not_evaluable':
      return { state: 'not_evaluable', reason: m.reason };
    default:
      return { state: m.state };
  }
}

export function measurementFromJson(json: unknown): Measurement {
  const m = json as { state: Measurement['state']; actual?: unknown; inputs?: Record<string, string>; reason?: string };
  switch (m.state) {
    case 'measured': {
      const actual = m.actual === undefined ? null : amountFromJson(m.actual);
      return {
        state: 'measured',
        ...(actual === null ? {} : { actual }),
        ...(m.inputs === undefined ? {} : { inputs: inputsFromJson(m.inputs) }),
      };
    }
    case 'not_evaluable':
      return { state: 'not_evaluable', reason: m.reason ?? '' };
    case 'not_achieved':
      return { state: 'not_achieved' };
    default:
      return { state: 'not_measured' };
  }
}

/**
 * A whole plan with its measurements of one period: what a period looked like when it was
 * closed, kept to show what a reopening changed. Locations and owners are left out.
 */
export function planToJson(plan: Plan): Json {
  return {
    title: plan.title,
    settings: settingsToJson(plan.settings),
    nodes: plan.nodes.map((n) => ({
      code: n.code,
      title: n.title,
      parent: n.parent,
      level: n.level ?? null,
      weight: n.weight?.toString() ?? null,
      indicators: n.indicators.map((i) => ({
        id: i.id,
        name: i.name,
        weight: i.weight.toString(),
        comparator: i.comparator,
        tolerance: i.tolerance?.toString() ?? null,
        target: amountToJson(i.target),
        unit: i.unit,
        scoring: ruleToJson(i.scoring),
        formula: formulaToJson(i.formula),
        measurement: measurementToJson(i.measurement),
        ...horizonToJson(i),
      })),
    })),
  };
}

export function planFromJson(json: unknown): Plan {
  type IndicatorJson = {
    id: string;
    name: string;
    weight: string;
    comparator: Indicator['comparator'];
    tolerance: string | null;
    target: unknown;
    unit: Indicator['unit'];
    scoring: unknown;
    formula: unknown;
    measurement: unknown;
    baseline?: unknown;
    baselineYear?: number;
    nextTargets?: unknown;
    predecessorValue?: { value: string; year: number };
  };
  const p = json as {
    title: string;
    settings: unknown;
    nodes: Array<{ code: string; title: string; parent: string | null; level: string | null; weight: string | null; indicators: IndicatorJson[] }>;
  };
  const nodes: Objective[] = p.nodes.map((n) => ({
    code: n.code,
    title: n.title,
    parent: n.parent,
    ...(n.level === null ? {} : { level: n.level }),
    weight: n.weight === null ? null : new Decimal(n.weight),
    indicators: n.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      weight: new Decimal(i.weight),
      comparator: i.comparator,
      tolerance: i.tolerance === null ? null : new Decimal(i.tolerance),
      target: amountFromJson(i.target),
      unit: i.unit,
      scoring: ruleFromJson(i.scoring),
      formula: formulaFromJson(i.formula),
      measurement: measurementFromJson(i.measurement),
      ...horizonFromJson(i),
    })),
  }));
  return { title: p.title, nodes, settings: settingsFromJson(p.settings) };
}

/** The three-year horizon of an indicator and a trend's value from its predecessor; only what is set. */
function horizonToJson(i: Indicator): Record<string, Json> {
  return {
    ...(i.baseline == null ? {} : { baseline: amountToJson(i.baseline) }),
    ...(i.baselineYear == null ? {} : { baselineYear: i.baselineYear }),
    ...(i.nextTargets === undefined || (i.nextTargets[0] === null && i.nextTargets[1] === null) ? {} : { nextTargets: nextTargetsToJson(i.nextTargets) }),
    ...(i.predecessorValue == null ? {} : { predecessorValue: { value: i.predecessorValue.value.toString(), year: i.predecessorValue.year } }),
  };
}

function horizonFromJson(i: { baseline?: unknown; baselineYear?: number; nextTargets?: unknown; predecessorValue?: { value: string; year: number } }): Partial<Indicator> {
  return {
    ...(i.baseline === undefined ? {} : { baseline: amountFromJson(i.baseline) }),
    ...(i.baselineYear === undefined ? {} : { baselineYear: i.baselineYear }),
    ...(i.nextTargets === undefined ? {} : { nextTargets: nextTargetsFromJson(i.nextTargets) }),
    ...(i.predecessorValue === undefined ? {} : { predecessorValue: { value: new Decimal(i.predecessorValue.value), year: i.predecessorValue.year } }),
  };
}

/** The targets of the plan's year + 1 and + 2 as a JSON pair (null where not set). */
export function nextTargetsToJson(targets: Indicator['nextTargets']): Json {
  if (targets === undefined || (targets[0] === null && targets[1] === null)) return null;
  return [amountToJson(targets[0]), amountToJson(targets[1])];
}

export function nextTargetsFromJson(json: unknown): readonly [Amount | null, Amount | null] {
  if (!Array.isArray(json)) return [null, null];
  return [amountFromJson(json[0]), amountFromJson(json[1])];
}

/** JSON text for a column, or null. */
export function text(json: Json | undefined): string | null {
  return json === null || json === undefined ? null : JSON.stringify(json);
}

export function parse(textValue: unknown): unknown {
  return typeof textValue === 'string' ? (JSON.parse(textValue) as unknown) : null;
}

/** A value's JSON text with every object's keys in order: equal data gives equal text, however its objects were built. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Whether two stored documents (plans as `planToJson` writes them, a Relazione's cover) hold the
 * same data, whatever order their objects' keys were written in.
 *
 * @example sameStored({ a: 1, b: [2] }, { b: [2], a: 1 }) // true
 */
export function sameStored(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
