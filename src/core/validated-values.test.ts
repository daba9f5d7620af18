import { describe, expect, it } from 'vitest';
import { syntheticPlan } from '../../bench/synthetic.js';
import { Decimal, round } from './decimal.js';
import { evaluatePlan } from './evaluation.js';
import { ValidatedReading, type ValidatedFigure } from './validated-values.js';

describe('what validated parents are checked against', () => {
  it('is, for each parent, the plan evaluated with every other validated value forced and its own not, on a big plan', () => {
    // Areas, programmes, strategic objectives (a `children_mean` indicator and their own) and operational
    // ones, validated in chains (operational → strategic → programme → area) and alone.
    const plan = syntheticPlan(3_000, 11);
    const reported = evaluatePlan(plan);
    const values: ValidatedFigure[] = [];
    plan.nodes.forEach((n, i) => {
      if (i % 7 !== 0 && n.parent !== null && i % 11 !== 0) return;
      const r = reported.node(n.code)?.performance ?? null;
      values.push({ code: n.code, validated: r === null ? new Decimal(50) : r.times(0.9).toDecimalPlaces(2) });
    });
    values.push({ code: 'Z.404', validated: new Decimal(10) });
    const definition = values.map((v) => {
      const forced = new Map(values.filter((o) => o.code !== v.code).map((o) => [o.code, o.validated]));
      return evaluatePlan(plan, { forced }).node(v.code)?.performance ?? null;
    });
    const given = new ValidatedReading(reported, values).fromChildren();
    expect(given.length).toBe(values.length);
    let parents = 0;
    given.forEach((g, i) => {
      if (g === undefined) return;
      parents++;
      expect(g?.toString() ?? null, values[i]!.code).toBe(definition[i]?.toString() ?? null);
    });
    // Parents in every layer were compared, not only the operational objectives left undefined.
    expect(parents, `${values.length} values`).toBeGreaterThan(20);
    expect(given[values.length - 1]).toBeUndefined();
  });
});

describe('one reading of the validated values', () => {
  it('gives the objectives that follow the validated values, as the plan evaluated with them forced', () => {
    const plan = syntheticPlan(1_000, 5);
    const reported = evaluatePlan(plan);
    // Every fifth operational objective 10% lower, and the parents above some of them at their reported value.
    const values: ValidatedFigure[] = [];
    plan.nodes.forEach((n, i) => {
      const r = reported.node(n.code)?.performance ?? null;
      if (r === null || i % 5 !== 0) return;
      values.push({ code: n.code, validated: n.parent === null ? r : r.times(0.9).toDecimalPlaces(2) });
    });
    const reading = new ValidatedReading(reported, values);
    // The definition: every objective not validated whose performance, as printed, moves.
    const forced = evaluatePlan(plan, { forced: new Map(values.map((v) => [v.code, v.validated])) });
    const given = new Set(values.map((v) => v.code));
    const moved = plan.nodes.filter((n) => {
      const before = reported.node(n.code)?.performance ?? null;
      const after = forced.node(n.code)?.performance ?? null;
      return !given.has(n.code) && (before === null || after === null ? before !== after : !round(before).equals(round(after)));
    });
    const following = reading.following();
    expect(following.map((f) => f.code)).toEqual(moved.map((n) => n.code));
    expect(following.length, `${values.length} values`).toBeGreaterThan(5);
    for (const f of following) expect(f.following?.toString()).toBe(forced.node(f.code)?.performance?.toString());
    // Asked again, the same answer, not a new evaluation's.
    expect(reading.following()).toBe(following);
    expect(new ValidatedReading(reported, []).following()).toEqual([]);
  });
});
