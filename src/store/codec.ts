/**
 * Plan inputs as stored text: amounts, scoring rules, formulas and settings become JSON whose
 * decimals are strings, so `0.1` is stored and read back as exactly `0.1` on both databases.
 */
import { Decimal, type Amount, type Formula, type Legend, type PlanSettings, type ScoringRule } from '../core/index.js';

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

export function formulaToJson(formula: Formula | null): Json {
  if (formula === null) return null;
  return formula.kind === 'ratio' ? { ...formula, scale: formula.scale.toString() } : { ...formula };
}

export function formulaFromJson(json: unknown): Formula | null {
  if (json === null || typeof json !== 'object') return null;
  const f = json as { kind: string; numerator?: string; denominator?: string; scale?: string; current?: string; previous?: string };
  if (f.kind === 'children_mean') return { kind: 'children_mean' };
  if (f.kind === 'ratio') return { kind: 'ratio', numerator: f.numerator!, denominator: f.denominator!, scale: new Decimal(f.scale ?? '1') };
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
  const s = json as { defaultScoring: unknown; notMeasured: PlanSettings['notMeasured']; legend: Array<{ band: 'green' | 'yellow' | 'red'; label: string; min: string | null; minInclusive: boolean }> };
  const legend: Legend = {
    rules: s.legend.map((r) => (r.min === null ? { band: r.band, label: r.label } : { band: r.band, label: r.label, min: new Decimal(r.min), minInclusive: r.minInclusive })),
  };
  return { defaultScoring: ruleFromJson(s.defaultScoring) ?? { kind: 'on_off' }, notMeasured: s.notMeasured, legend };
}

/** JSON text for a column, or null. */
export function text(json: Json | undefined): string | null {
  return json === null || json === undefined ? null : JSON.stringify(json);
}

export function parse(textValue: unknown): unknown {
  return typeof textValue === 'string' ? (JSON.parse(textValue) as unknown) : null;
}
