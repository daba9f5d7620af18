/**
 * The engine has two ways to a performance: the exact-fraction hot path (weights as thousandths of
 * a percent, scores as fractions of safe integers) and the general decimal path it falls back to
 * when something does not fit. They must give the same number, also for weights that are not whole
 * percents, so these properties hold the evaluation to the decimal reference `weightedMean`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, dec } from './decimal.js';
import { evaluatePlan, weightedMean, weightUnits } from './evaluation.js';
import type { Comparator, Indicator, Measurement, Plan, ScoringRule } from './model.js';
import { DEFAULT_SETTINGS } from './settings.js';

interface Row {
  weight: Decimal;
  comparator: Comparator;
  target: Decimal;
  actual: Decimal;
  rule: ScoringRule;
  state: 'measured' | 'not_achieved' | 'not_evaluable';
}

function build(rows: readonly Row[]): Plan {
  const indicators: Indicator[] = rows.map((r, i) => {
    const measurement: Measurement =
      r.state === 'measured' ? { state: 'measured', actual: { kind: 'number', value: r.actual } } : r.state === 'not_evaluable' ? { state: 'not_evaluable', reason: 'x' } : { state: 'not_achieved' };
    return {
      id: `i${i}`,
      name: `i${i}`,
      weight: r.weight,
      comparator: r.comparator,
      tolerance: null,
      target: { kind: 'number', value: r.target },
      unit: 'number',
      scoring: r.rule,
      formula: null,
      measurement,
    };
  });
  return { title: 't', nodes: [{ code: 'X', title: 'X', parent: null, weight: null, indicators }], settings: DEFAULT_SETTINGS };
}

/** The decimal path's answer: the weighted mean of the counted indicators' scores. */
function reference(plan: Plan): Decimal | null {
  const result = evaluatePlan(plan).node('X')!;
  const terms = result.indicators.flatMap((r, k) => (r.counted && r.performance !== null ? [{ weight: plan.nodes[0]!.indicators[k]!.weight, value: r.performance }] : []));
  return weightedMean(terms);
}

// Weights with 0 to 5 decimals: up to three fit the hot path's thousandths, four and five do not.
const weight = fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 5 })).map(([units, places]) => new Decimal(units).div(new Decimal(10).pow(places)));
const value = fc.integer({ min: -100_000, max: 100_000 }).map((v) => new Decimal(v).div(1000));
const row = fc.record({
  weight,
  comparator: fc.constantFrom<Comparator>('>=', '<=', '='),
  target: value,
  actual: value,
  rule: fc.constantFrom<ScoringRule>({ kind: 'on_off' }, { kind: 'proportional' }),
  state: fc.constantFrom<Row['state']>('measured', 'measured', 'measured', 'not_achieved', 'not_evaluable'),
});

describe('the exact-fraction path and the decimal path agree', () => {
  it('reads weights with up to three decimals as exact thousandths of a percent', () => {
    const units = (w: string): number => weightUnits(dec(w));
    expect([units('50'), units('12.5'), units('0.1'), units('33.333'), units('0'), units('100'), units('1e6')]).toEqual([50000, 12500, 100, 33333, 0, 100000, 1e9]);
    expect([units('33.3333'), units('0.0001'), units('-5'), units('1e40')]).toEqual([-1, -1, -1, -1]);
  });

  it('on weights that are not whole percents (property)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (rows) => {
        const plan = build(rows);
        const performance = evaluatePlan(plan).node('X')!.performance;
        const expected = reference(plan);
        if (expected === null) return void expect(performance).toBeNull();
        expect(performance).not.toBeNull();
        expect(performance!.minus(expected).abs().lessThan('1e-25')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same performance whether the weights take the hot path or not', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (rows) => {
        // The same proportions written with three decimals (hot path) and scaled by 1.00001 (four
        // and more decimals: the decimal path): re-normalisation makes the two the same mean.
        const exact = rows.map((r) => ({ ...r, weight: r.weight.toDecimalPlaces(3) }));
        const scaled = exact.map((r) => ({ ...r, weight: r.weight.times('1.00001') }));
        // A whole weight of 10^7 or more does not fit the thousandths either: not this property's case.
        fc.pre(exact.every((r) => weightUnits(r.weight) >= 0));
        const a = evaluatePlan(build(exact)).node('X')!.performance;
        const b = evaluatePlan(build(scaled)).node('X')!.performance;
        if (a === null || b === null) return void expect(a).toEqual(b);
        expect(a.minus(b).abs().lessThan('1e-20')).toBe(true);
        expect(a.toDecimalPlaces(2).toString()).toBe(b.toDecimalPlaces(2).toString());
      }),
      { numRuns: 300 },
    );
  });

  it('on a hand-checked case: weights 33,333 / 33,333 / 33,334 against 33,3333 / 33,3333 / 33,3334', () => {
    const rows = (w: string[]): Row[] => w.map((x, i) => ({ weight: dec(x), comparator: '>=', target: dec(100), actual: dec([100, 50, 0][i]!), rule: { kind: 'proportional' }, state: 'measured' }));
    const hot = evaluatePlan(build(rows(['33.333', '33.333', '33.334']))).node('X')!.performance!;
    const general = evaluatePlan(build(rows(['33.3333', '33.3333', '33.3334']))).node('X')!.performance!;
    // (33,333·100 + 33,333·50) / 100 = 49,9995; (33,3333·100 + 33,3333·50) / 100 = 49,999950
    expect(hot.toString()).toBe('49.9995');
    expect(general.toString()).toBe('49.99995');
  });
});
