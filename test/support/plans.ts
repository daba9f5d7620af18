/**
 * Small plans written as data a reader can check by hand, for the core's tests: an indicator
 * counted in numbers with its target and measurement, an objective, a plan on the default settings.
 */
import { dec } from '../../src/core/decimal.js';
import type { Comparator, Indicator, Measurement, Objective, Plan } from '../../src/core/model.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';

/** An indicator counted in numbers; `extra` overrides any field (unit, scoring, formula…). */
export function indicatorOf(id: string, weight: number, comparator: Comparator, target: number | string, measurement: Measurement, extra: Partial<Indicator> = {}): Indicator {
  return {
    id,
    name: id,
    weight: dec(weight),
    comparator,
    tolerance: null,
    target: { kind: 'number', value: dec(target) },
    unit: 'number',
    scoring: null,
    formula: null,
    measurement,
    ...extra,
  };
}

/** A measured number. */
export const measuredNumber = (value: number | string): Measurement => ({ state: 'measured', actual: { kind: 'number', value: dec(value) } });

export function objectiveOf(code: string, parent: string | null, indicators: Indicator[], weight: number | null = null, title = code): Objective {
  return { code, title, parent, weight: weight === null ? null : dec(weight), indicators };
}

export function planOf(nodes: Objective[], settings: Partial<Plan['settings']> = {}): Plan {
  return { title: 't', nodes, settings: { ...DEFAULT_SETTINGS, ...settings } };
}
