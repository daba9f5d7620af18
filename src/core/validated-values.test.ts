import { describe, expect, it } from 'vitest';
import { syntheticPlan } from '../../bench/synthetic.js';
import { Decimal } from './decimal.js';
import { evaluatePlan } from './evaluation.js';
import { valuesFromChildren, type ValidatedFigure } from './validated-values.js';

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
    const given = valuesFromChildren(plan, values);
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
