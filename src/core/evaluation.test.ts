import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, dec } from './decimal.js';
import { computeFormula, evaluatePlan, weightedMean } from './evaluation.js';
import { explainNode, explanationLines } from './explanation.js';
import { withoutValues } from './next-year.js';
import type { Comparator, Indicator, Measurement, Plan, Objective, ScoringRule } from './model.js';
import { indicatorOf as ind, measuredNumber as measured, objectiveOf as node, planOf as plan } from '../../test/support/plans.js';

const mean = (id: string, weight: number): Indicator => ind(id, weight, '>=', 100, { state: 'measured' }, { formula: { kind: 'children_mean' }, scoring: { kind: 'proportional' }, unit: 'percent' });
const perf = (p: Plan, code: string): string | null => evaluatePlan(p).node(code)?.performance?.toString() ?? null;

describe('objective performance', () => {
  it('is the weighted mean of the indicator scores (fixture A.2.1 = 50·100 + 20·0 + 30·100 = 80)', () => {
    const p = plan([node('A.2.1', null, [ind('a', 50, '>=', 5, measured(6)), ind('b', 20, '>=', 60, measured(50)), ind('c', 30, '>=', 1, measured('1.21'))])]);
    expect(perf(p, 'A.2.1')).toBe('80');
  });

  it('re-normalises over the counted indicators when one is N.V. (fixture A.4.1)', () => {
    const p = plan([node('X', null, [ind('a', 50, '>=', 4, measured(10)), ind('b', 30, '>=', 2, { state: 'not_evaluable', reason: 'registro non attivato' }), ind('c', 20, '>=', 1, measured(0))])]);
    // 50/(50+20)·100 + 20/70·0
    expect(evaluatePlan(p).node('X')!.performance!.toDecimalPlaces(2).toString()).toBe('71.43');
  });

  it('counts not achieved as 0 and leaves not measured out (fixture A.5.1, A.6)', () => {
    const p = plan([
      node('X', null, [ind('a', 50, '>=', 1, measured(1)), ind('b', 50, '>=', 1, { state: 'not_achieved' })]),
      node('Y', null, [ind('c', 100, '<=', 1, { state: 'not_measured' })]),
      node('Z', null, [ind('d', 50, '>=', 1, measured(1)), ind('e', 50, '>=', 1, { state: 'not_measured' })]),
    ]);
    const e = evaluatePlan(p);
    expect(e.node('X')!.performance!.toString()).toBe('50');
    expect(e.node('Y')!.performance).toBeNull();
    expect(e.node('Y')!.band).toBeNull();
    expect(e.node('Z')!.performance!.toString()).toBe('100');
  });

  it("the not-measured policy: 'zero' scores 0, 'block' gives no performance", () => {
    const nodes = [node('Z', null, [ind('d', 50, '>=', 1, measured(1)), ind('e', 50, '>=', 1, { state: 'not_measured' })])];
    expect(perf(plan(nodes, { notMeasured: 'zero' }), 'Z')).toBe('50');
    expect(perf(plan(nodes, { notMeasured: 'block' }), 'Z')).toBeNull();
    expect(
      evaluatePlan(plan(nodes, { notMeasured: 'block' }))
        .issues()
        .map((i) => i.code),
    ).toContain('blocked-by-not-measured');
  });

  it('says a value saved «non misurato» as declared, with its reason, apart from one not entered yet', () => {
    const nodes = [
      node('Z', null, [
        ind('d', 50, '>=', 1, measured(1)),
        ind('e', 25, '>=', 1, { state: 'not_measured', declared: { reason: 'rilevazione sospesa' } }),
        ind('f', 25, '>=', 1, { state: 'not_measured' }),
      ]),
    ];
    const skip = explainNode(evaluatePlan(plan(nodes)), 'Z', 'it')!;
    expect(skip.contributions.map((c) => c.excluded)).toEqual([undefined, 'non misurato (dichiarato: rilevazione sospesa)', 'non ancora inserito']);
    expect(explanationLines(skip, 'it')).toEqual(expect.arrayContaining(['  e [non misurato (dichiarato: rilevazione sospesa)]', '  f [non ancora inserito]']));
    const zero = explainNode(evaluatePlan(plan(nodes, { notMeasured: 'zero' })), 'Z', 'en')!;
    expect(zero.indicators.map((i) => i.scoring).slice(1)).toEqual([
      "not measured (declared: rilevazione sospesa): scores 0 under the plan's policy",
      "not entered yet: scores 0 under the plan's policy",
    ]);
    const bare = [node('Z', null, [ind('e', 100, '>=', 1, { state: 'not_measured', declared: { reason: null } })])];
    expect(explainNode(evaluatePlan(plan(bare)), 'Z', 'en')!.indicators[0]!.stateText).toBe('not measured (declared)');
  });

  it('reads a plan whose values are withheld as pending, whatever its not-measured policy: no score, no block, no "not measured"', () => {
    const nodes = [node('Z', null, [ind('d', 50, '>=', 1, measured(1)), ind('e', 50, '>=', 1, { state: 'not_measured' }), ind('f', 0, '>=', 1, { state: 'not_achieved' })])];
    for (const notMeasured of ['skip', 'zero', 'block'] as const) {
      const e = evaluatePlan(withoutValues(plan(nodes, { notMeasured })));
      expect(e.node('Z')!.indicators.map((r) => [r.state, r.actual, r.performance, r.counted])).toEqual([
        ['pending', null, null, false],
        ['pending', null, null, false],
        ['pending', null, null, false],
      ]);
      expect(e.node('Z')!.performance).toBeNull();
      expect(e.issues().map((i) => i.code)).not.toContain('blocked-by-not-measured');
      // Explained as the public's notice says it, not "non ancora misurato" indicator by indicator.
      const italian = explainNode(e, 'Z', 'it')!;
      expect(italian.formula).toBe('Z: risultati non ancora disponibili: il periodo è in corso');
      expect(italian.indicators.map((i) => [i.state, i.scoring])).toEqual(Array(3).fill(['pending', 'risultati non ancora disponibili: il periodo è in corso']));
      expect(italian.contributions.map((c) => [c.excluded, c.pending])).toEqual(Array(3).fill([undefined, 'risultati non ancora disponibili: il periodo è in corso']));
      // Printed (albero explain, the reports) as the notice alone: the term is not left out ("escluso").
      const printed = explanationLines(italian, 'it').filter((l) => l.startsWith('  – '));
      expect(printed).toEqual(['d', 'e', 'f'].map((id) => `  – ${id}: risultati non ancora disponibili: il periodo è in corso`));
      expect(explainNode(e, 'Z', 'en')!.indicators[0]!.scoring).toBe('results not available yet: the period is in progress');
    }
    // The plan read with its values is as it was.
    expect(
      evaluatePlan(plan(nodes))
        .node('Z')!
        .indicators.map((r) => r.state),
    ).toEqual(['measured', 'not_measured', 'not_achieved']);
  });

  it('weighs equally when every counted indicator weighs 0%, and says so', () => {
    const e = evaluatePlan(plan([node('X', null, [ind('a', 0, '>=', 1, measured(1)), ind('b', 0, '>=', 1, measured(0))])]));
    expect(e.node('X')!.performance!.toString()).toBe('50');
    expect(e.issues().map((i) => i.code)).toContain('zero-weights');
  });

  it('says an actual entered before the unit changed (a number under a date) is to be entered again, and leaves it out of the mean', () => {
    const dated = ind('d', 50, '<=', 0, measured(8), { unit: 'date', target: { kind: 'date', value: '2024-09-30' } });
    const e = evaluatePlan(plan([node('X', null, [ind('a', 50, '>=', 1, measured(1)), dated])]));
    expect(e.indicator('d')).toMatchObject({ state: 'measured', performance: null, counted: false });
    expect(e.indicator('d')!.issues.map((i) => [i.code, i.params])).toEqual([['actual-in-old-unit', { indicator: 'd', actual: 'number', unit: 'date' }]]);
    expect(e.node('X')!.performance!.toString()).toBe('100');
  });

  it('uses the indicator rule when set, else the plan default', () => {
    const rule: ScoringRule = { kind: 'proportional' };
    const p = plan([node('X', null, [ind('a', 50, '>=', 100, measured(80), { scoring: rule }), ind('b', 50, '>=', 100, measured(80))])]);
    expect(perf(p, 'X')).toBe('40');
    expect(perf({ ...p, settings: { ...p.settings, defaultScoring: rule } }, 'X')).toBe('80');
  });

  it('a missing target leaves the indicator out with an error', () => {
    const e = evaluatePlan(plan([node('X', null, [ind('a', 50, '>=', 1, measured(1)), { ...ind('b', 50, '>=', 1, measured(0)), target: null }])]));
    expect(e.node('X')!.performance!.toString()).toBe('100');
    expect(e.issues().find((i) => i.code === 'missing-target')?.location?.indicator).toBe('b');
  });
});

describe('derived indicators', () => {
  it('children_mean: equal weights without own weights (fixture A.2 = 30·100 + 70·mean(80,100) = 93)', () => {
    const p = plan([
      node('A.2', null, [ind('trend', 30, '>=', 10, measured('35.62')), mean('mp', 70)]),
      node('A.2.1', 'A.2', [ind('x', 50, '>=', 5, measured(6)), ind('y', 20, '>=', 60, measured(50)), ind('z', 30, '>=', 1, measured('1.21'))]),
      node('A.2.2', 'A.2', [ind('w', 100, '>=', 13, measured(43))]),
    ]);
    const e = evaluatePlan(p);
    expect(e.indicator('mp')!.actual).toEqual({ kind: 'number', value: dec(90) });
    expect(e.node('A.2')!.performance!.toString()).toBe('93');
    expect(explainNode(e, 'A.2')!.formula).toBe('A.2 = 30% × 100 + 70% × 90 (= mean of A.2.1 80, A.2.2 100) = 93.00%');
  });

  it("children_mean: the children's own weights when all have one (fixture B.4)", () => {
    const p = plan([
      node('B.4', null, [mean('mp', 100)]),
      node('B.4.1', 'B.4', [ind('a', 100, '>=', 1, measured(0))], 50),
      node('B.4.2', 'B.4', [ind('b', 100, '>=', 1, measured(1))], 10),
      node('B.4.3', 'B.4', [ind('c', 100, '>=', 1, measured(1))], 20),
      node('B.4.4', 'B.4', [ind('d', 100, '>=', 1, measured(1))], 20),
    ]);
    expect(perf(p, 'B.4')).toBe('50');
  });

  it('children_mean with no evaluated child is not measured, so it leaves the mean', () => {
    const p = plan([node('A', null, [mean('mp', 50), ind('t', 50, '>=', 1, measured(1))]), node('A.1', 'A', [ind('x', 100, '>=', 1, { state: 'not_measured' })])]);
    const e = evaluatePlan(p);
    expect(e.indicator('mp')!.state).toBe('not_measured');
    expect(e.node('A')!.performance!.toString()).toBe('100');
  });

  it('ratio of base measures and year-over-year trend', () => {
    const ratio = ind(
      'r',
      50,
      '>=',
      60,
      { state: 'measured', inputs: { answered: dec(45), received: dec(60) } },
      { formula: { kind: 'ratio', numerator: 'answered', denominator: 'received', scale: dec(100) }, unit: 'percent' },
    );
    const trend = ind('t', 50, '>=', 10, { state: 'measured', inputs: { y2024: dec(1356), y2023: dec(1000) } }, { formula: { kind: 'trend', current: 'y2024', previous: 'y2023' }, unit: 'percent' });
    const e = evaluatePlan(plan([node('X', null, [ratio, trend])]));
    expect(e.indicator('r')!.actual).toEqual({ kind: 'number', value: dec(75) });
    expect(e.indicator('t')!.actual).toEqual({ kind: 'number', value: dec('35.6') });
    expect(e.node('X')!.performance!.toString()).toBe('100');
  });

  it('a formula with a missing or zero input says which, and is not scored', () => {
    const bad = ind(
      'r',
      100,
      '>=',
      60,
      { state: 'measured', inputs: { answered: dec(45), received: dec(0) } },
      { formula: { kind: 'ratio', numerator: 'answered', denominator: 'received', scale: dec(100) } },
    );
    const e = evaluatePlan(plan([node('X', null, [bad])]));
    expect(e.node('X')!.performance).toBeNull();
    expect(e.issues()[0]!.message).toContain('denominator received is 0');
  });
});

describe("forced performance (the OIV's validated values)", () => {
  // The fixture's A.2 with an area above it: A.2 = 30·100 + 70·mean(A.2.1, A.2.2); A = mean(A.2, B).
  const fixture = (): Plan =>
    plan([
      node('A', null, []),
      node('A.2', 'A', [ind('trend', 30, '>=', 10, measured('35.62')), mean('mp', 70)]),
      node('A.2.1', 'A.2', [ind('x', 50, '>=', 5, measured(6)), ind('y', 20, '>=', 60, measured(50)), ind('z', 30, '>=', 1, measured('1.21'))]),
      node('A.2.2', 'A.2', [ind('w', 100, '>=', 13, measured(43))]),
      node('B', 'A', [ind('v', 100, '>=', 1, measured(0))]),
    ]);

  it('gives the objective the forced value and rolls its ancestors up from it by the usual rules', () => {
    const reported = evaluatePlan(fixture());
    expect(['A.2.1', 'A.2', 'A'].map((c) => reported.node(c)!.performance!.toString())).toEqual(['80', '93', '46.5']);
    const e = evaluatePlan(fixture(), { forced: new Map([['A.2.1', dec(60)]]) });
    expect(e.node('A.2.1')!.performance!.toString()).toBe('60');
    expect(e.node('A.2.1')!.band).toBe('yellow');
    // The parent's "media ponderata" reads 60: mean(60, 100) = 80; A.2 = 30·100 + 70·80 = 86; A = mean(86, 0) = 43.
    expect(e.indicator('mp')!.actual).toEqual({ kind: 'number', value: dec(80) });
    expect(e.node('A.2')!.performance!.toString()).toBe('86');
    expect(e.node('A')!.performance!.toString()).toBe('43');
    // Its own indicators are still scored as reported; the explanation says the number was given.
    expect(e.indicator('y')!.performance!.toString()).toBe('0');
    expect(e.isForced('A.2.1')).toBe(true);
    expect(e.isForced('A.2')).toBe(false);
    expect(explainNode(e, 'A.2.1')!.formula).toBe('A.2.1 = 60.00% (value given as validated, not computed from its indicators)');
    expect(explainNode(e, 'A.2.1', 'it')!.formula).toBe('A.2.1 = 60,00% (valore dato come validato, non calcolato dagli indicatori)');
    expect(explainNode(e, 'A.2')!.formula).toBe('A.2 = 30% × 100 + 70% × 80 (= mean of A.2.1 60, A.2.2 100) = 86.00%');
  });

  it('forces an area (a roll-up node) and a node with no performance of its own', () => {
    const p = plan([...fixture().nodes, node('C', null, [ind('u', 100, '>=', 1, { state: 'not_measured' })])]);
    const e = evaluatePlan(p, {
      forced: new Map([
        ['A', dec('70.5')],
        ['C', dec(0)],
      ]),
    });
    expect(e.node('A')!.performance!.toString()).toBe('70.5');
    expect(e.node('C')!.performance!.toString()).toBe('0');
    expect(e.node('C')!.band).toBe('red');
    // Below them nothing moves.
    expect(e.node('A.2')!.performance!.toString()).toBe('93');
  });

  it('keeps the forced value when a value below or beside it changes, and ignores unknown codes', () => {
    const e = evaluatePlan(fixture(), {
      forced: new Map([
        ['A.2.1', dec(60)],
        ['Z.9', dec(10)],
      ]),
    });
    expect(e.isForced('Z.9')).toBe(false);
    e.setMeasurement('y', measured(70));
    expect(e.node('A.2.1')!.performance!.toString()).toBe('60');
    e.setMeasurement('w', measured(0));
    // A.2.2 now 0: mean(60, 0) = 30; A.2 = 30 + 70·30 / 100 = 51.
    expect(e.node('A.2')!.performance!.toString()).toBe('51');
    expect(evaluatePlan(fixture(), { forced: new Map() }).node('A')!.performance!.toString()).toBe('46.5');
  });

  it("tells what a forced objective's rules give, the values below it forced and its own not, kept through a change of value", () => {
    // A.2.1 and A.2 forced: A.2's rules give 30 + 70·mean(60, 100) = 86 from its forced child; A reads A.2 as 50.
    const e = evaluatePlan(fixture(), {
      forced: new Map([
        ['A.2.1', dec(60)],
        ['A.2', dec(50)],
      ]),
    });
    expect(e.node('A.2')!.performance!.toString()).toBe('50');
    expect(e.computedPerformance('A.2')!.toString()).toBe('86');
    expect(e.computedPerformance('A.2.1')!.toString()).toBe('80');
    expect(e.node('A')!.performance!.toString()).toBe('25');
    // Not forced: its performance; an unknown code: undefined.
    expect(e.computedPerformance('A')!.toString()).toBe('25');
    expect(e.computedPerformance('Z.9')).toBeUndefined();
    e.setMeasurement('w', measured(0));
    // A.2.2 now 0: mean(60, 0) = 30; A.2's rules give 30 + 70·30 / 100 = 51, A.2 stays 50.
    expect(e.computedPerformance('A.2')!.toString()).toBe('51');
    expect(e.node('A.2')!.performance!.toString()).toBe('50');
  });
});

describe('trees of any depth', () => {
  it('rolls up nodes without indicators from their children, at any depth', () => {
    const nodes: Objective[] = [node('L1', null, [])];
    let parent = 'L1';
    for (let depth = 2; depth <= 8; depth++) {
      const code = `${parent}.1`;
      nodes.push(node(code, parent, depth === 8 ? [ind(`i${depth}`, 100, '>=', 10, measured(5), { scoring: { kind: 'proportional' } })] : []));
      parent = code;
    }
    const e = evaluatePlan(plan(nodes));
    expect(e.node('L1')!.performance!.toString()).toBe('50');
    expect(e.node('L1')!.basis).toBe('children');
  });

  it('a deep chain does not overflow the stack', () => {
    const nodes: Objective[] = [node('N0', null, [mean('m0', 100)])];
    for (let i = 1; i < 20_000; i++) nodes.push(node(`N${i}`, `N${i - 1}`, i === 19_999 ? [ind('leaf', 100, '>=', 1, measured(1))] : [mean(`m${i}`, 100)]));
    expect(evaluatePlan(plan(nodes)).node('N0')!.performance!.toString()).toBe('100');
  });

  it('gives the same results whatever the order of the plan: children listed before their parents', () => {
    const nodes = [
      node('A', null, []),
      node('A.1', 'A', [mean('A.1:m', 70), ind('A.1:t', 30, '>=', 10, measured(5), { scoring: { kind: 'proportional' } })]),
      node('A.1.1', 'A.1', [ind('a', 60, '>=', 10, measured(8), { scoring: { kind: 'proportional' } }), ind('b', 40, '<=', 5, measured(10), { scoring: { kind: 'proportional' } })]),
      node('A.1.2', 'A.1', [ind('c', 100, '>=', 1, { state: 'not_achieved' })]),
      node('B', null, [ind('d', 100, '>=', 3, measured(2), { scoring: { kind: 'proportional' } })]),
    ];
    const inOrder = evaluatePlan(plan(nodes));
    fc.assert(
      fc.property(fc.shuffledSubarray(nodes, { minLength: nodes.length }), (shuffled) => {
        const e = evaluatePlan(plan(shuffled));
        for (const n of nodes) {
          expect(e.node(n.code)!.performance?.toString()).toBe(inOrder.node(n.code)!.performance?.toString());
          expect(e.node(n.code)!.indicators.map((i) => i.performance?.toString())).toEqual(inOrder.node(n.code)!.indicators.map((i) => i.performance?.toString()));
        }
      }),
    );
    expect(inOrder.node('A.1')!.performance!.toString()).toBe('38.8'); // 70% × mean(60%·80 + 40%·50, 0) + 30% × 50
  });

  it.each([false, true])('reads an indicator back with the score its objective used, after changes too (scores kept: %s)', (keepScores) => {
    const p = plan([node('A', null, [ind('x', 50, '>=', 3, measured(2), { scoring: { kind: 'proportional' } }), ind('y', 50, '>=', 1, { state: 'not_evaluable', reason: 'r' })])]);
    const e = evaluatePlan(p, { keepScores });
    expect(e.indicator('x')!.performance!.toString()).toBe(new Decimal(200).div(3).toString());
    expect(e.indicator('y')!.counted).toBe(false);
    e.setMeasurement('y', measured(1));
    expect(e.indicator('y')!.performance!.toString()).toBe('100');
    expect(e.node('A')!.performance!.toString()).toBe(new Decimal(250).div(3).toString());
    expect(p.nodes[0]!.indicators[1]!.measurement.state).toBe('not_evaluable'); // the plan given is not changed
  });

  it('reports unknown parents and duplicate codes as issues', () => {
    const e = evaluatePlan(plan([node('A', null, []), node('A', null, []), node('B.1', 'B', [])]));
    expect(
      e
        .issues()
        .map((i) => i.code)
        .sort(),
    ).toEqual(['duplicate-code', 'unknown-parent']);
  });
});

describe('incremental re-evaluation', () => {
  it('a changed actual updates its objective and every ancestor, and matches a full evaluation', () => {
    const p = plan([
      node('A', null, []),
      node('A.2', 'A', [ind('trend', 30, '>=', 10, measured('35.62')), mean('mp', 70)]),
      node('A.2.1', 'A.2', [ind('x', 50, '>=', 5, measured(6)), ind('y', 50, '>=', 60, measured(50))]),
      node('A.2.2', 'A.2', [ind('w', 100, '>=', 13, measured(43))]),
    ]);
    const e = evaluatePlan(p);
    expect(e.node('A.2')!.performance!.toString()).toBe('82.5');
    const changed = e.setMeasurement('y', measured(61));
    expect(changed).toEqual(['A.2.1', 'A.2', 'A']);
    expect(e.node('A.2.1')!.performance!.toString()).toBe('100');
    expect(e.node('A.2')!.performance!.toString()).toBe('100');
    expect(e.node('A')!.performance!.toString()).toBe('100');
    const fresh = evaluatePlan(e.currentPlan());
    expect(fresh.nodeResults.map((r) => r.performance?.toString())).toEqual(e.nodeResults.map((r) => r.performance?.toString()));
    // the original plan is untouched: what-if leaves no trace
    expect(evaluatePlan(p).node('A.2')!.performance!.toString()).toBe('82.5');
  });

  it('a changed child weight re-evaluates the parent mean', () => {
    const p = plan([node('B', null, [mean('mp', 100)]), node('B.1', 'B', [ind('a', 100, '>=', 1, measured(0))], 50), node('B.2', 'B', [ind('b', 100, '>=', 1, measured(1))], 50)]);
    const e = evaluatePlan(p);
    expect(e.node('B')!.performance!.toString()).toBe('50');
    e.setNodeWeight('B.2', dec(150));
    expect(e.node('B')!.performance!.toString()).toBe('75');
  });
});

describe('invariants (property tests)', () => {
  const weight = fc.integer({ min: 0, max: 100 });
  const value = fc.integer({ min: -10_000, max: 10_000 }).map((v) => new Decimal(v).div(100));
  const comparator = fc.constantFrom<Comparator>('>=', '<=', '=');
  const rule = fc.constantFrom<ScoringRule>({ kind: 'on_off' }, { kind: 'proportional' });
  const state = fc.constantFrom('measured', 'measured', 'not_achieved', 'not_evaluable', 'not_measured');
  const indicator = fc.record({ weight, comparator, target: value, actual: value, rule, state });
  const objective = fc.array(indicator, { minLength: 1, maxLength: 8 });

  function build(rows: Array<{ weight: number; comparator: Comparator; target: Decimal; actual: Decimal; rule: ScoringRule; state: string }>): Plan {
    const indicators = rows.map((r, i) => {
      const m: Measurement =
        r.state === 'measured'
          ? { state: 'measured', actual: { kind: 'number', value: r.actual } }
          : r.state === 'not_evaluable'
            ? { state: 'not_evaluable', reason: 'x' }
            : { state: r.state as 'not_achieved' | 'not_measured' };
      return { ...ind(`i${i}`, r.weight, r.comparator, 0, m, { scoring: r.rule }), target: { kind: 'number' as const, value: r.target } };
    });
    return plan([node('X', null, indicators)]);
  }

  it('every score and performance lies in [0, 100]', () => {
    fc.assert(
      fc.property(objective, (rows) => {
        const e = evaluatePlan(build(rows));
        const r = e.node('X')!;
        for (const i of r.indicators) if (i.performance !== null) expect(i.performance.gte(0) && i.performance.lte(100)).toBe(true);
        if (r.performance !== null) expect(r.performance.gte(0) && r.performance.lte(100)).toBe(true);
      }),
    );
  });

  it('re-normalised shares of the counted indicators add up to exactly 1', () => {
    fc.assert(
      fc.property(objective, (rows) => {
        const e = evaluatePlan(build(rows));
        const terms = explainNode(e, 'X')!.contributions.filter((c) => c.share !== null);
        if (terms.length > 0)
          expect(
            terms
              .reduce((t, c) => t.plus(c.share!), dec(0))
              .toDecimalPlaces(30)
              .toString(),
          ).toBe('1');
      }),
    );
  });

  it('the performance is exactly the share-weighted sum of the scores', () => {
    fc.assert(
      fc.property(objective, (rows) => {
        const e = evaluatePlan(build(rows));
        const x = explainNode(e, 'X')!;
        if (x.performance === null) return;
        const total = x.contributions.filter((c) => c.points !== null).reduce((t, c) => t.plus(c.points!), dec(0));
        expect(total.toDecimalPlaces(25).eq(x.performance.toDecimalPlaces(25))).toBe(true);
      }),
    );
  });

  it("an N.V. indicator never changes the others' relative shares", () => {
    fc.assert(
      fc.property(objective, fc.nat(), (rows, pick) => {
        const k = pick % rows.length;
        const withNv = rows.map((r, i) => (i === k ? { ...r, state: 'not_evaluable' } : r));
        const without = rows.filter((_, i) => i !== k);
        const a = explainNode(evaluatePlan(build(withNv)), 'X')!.contributions.filter((c) => c.share !== null);
        if (without.length === 0) {
          expect(a).toEqual([]);
          return;
        }
        const b = explainNode(evaluatePlan(build(without)), 'X')!.contributions.filter((c) => c.share !== null);
        expect(a.map((c) => c.share!.toString())).toEqual(b.map((c) => c.share!.toString()));
        expect(a.map((c) => c.label)).toEqual(b.map((c) => c.label.replace(/\d+$/, (n) => String(Number(n) >= k ? Number(n) + 1 : n))));
      }),
    );
  });

  it('scoring is monotone in the actual: never lower for a higher actual under >=, never higher under <=', () => {
    fc.assert(
      fc.property(rule, value, value, value, (r, target, a1, a2) => {
        const [lo, hi] = a1.lte(a2) ? [a1, a2] : [a2, a1];
        const s = (cmp: Comparator, a: Decimal): Decimal => {
          const e = evaluatePlan(
            plan([node('X', null, [{ ...ind('i', 100, cmp, 0, { state: 'measured', actual: { kind: 'number', value: a } }, { scoring: r }), target: { kind: 'number', value: target } }])]),
          );
          return e.indicator('i')!.performance!;
        };
        expect(s('>=', hi).gte(s('>=', lo))).toBe(true);
        expect(s('<=', hi).lte(s('<=', lo))).toBe(true);
      }),
    );
  });

  it('incremental re-evaluation equals a full evaluation after any sequence of changes, scores kept or not', () => {
    fc.assert(
      fc.property(objective, fc.array(fc.tuple(fc.nat(), value), { maxLength: 6 }), fc.boolean(), (rows, changes, keepScores) => {
        const p = plan([node('R', null, [mean('m', 60), ind('t', 40, '>=', 1, measured(1))]), { ...build(rows).nodes[0]!, parent: 'R' }]);
        const e = evaluatePlan(p, { keepScores });
        for (const [i, v] of changes) e.setMeasurement(`i${i % rows.length}`, { state: 'measured', actual: { kind: 'number', value: v } });
        const fresh = evaluatePlan(e.currentPlan());
        expect(e.nodeResults.map((r) => r.performance?.toString() ?? null)).toEqual(fresh.nodeResults.map((r) => r.performance?.toString() ?? null));
        // The indicators' kept scores too, the derived mean's among them.
        const scores = (x: typeof e): string[] =>
          x.nodeResults.flatMap((r) =>
            r.indicators.map((i) => `${i.indicator.id} ${i.state} ${i.actual === null ? '' : String(i.actual.value)} ${i.performance?.toString() ?? ''} ${i.met} ${i.counted}`),
          );
        expect(scores(e)).toEqual(scores(fresh));
      }),
    );
  });
});

describe('weightedMean', () => {
  it('is exact and re-normalises', () => {
    expect(
      weightedMean([
        { weight: dec('0.1'), value: dec(100) },
        { weight: dec('0.2'), value: dec(0) },
      ])!
        .times(3)
        .toDecimalPlaces(30)
        .toString(),
    ).toBe('100');
    expect(weightedMean([])).toBeNull();
  });
});

describe('explanations in Italian', () => {
  it('says the same formula with Italian words', () => {
    const p = plan([
      node('A.2', null, [ind('trend', 30, '>=', 10, measured('35.62')), mean('mp', 70)]),
      node('A.2.1', 'A.2', [ind('x', 100, '>=', 5, measured(4))]),
      node('A.2.2', 'A.2', [ind('w', 100, '>=', 13, measured(43))]),
    ]);
    const it = explainNode(evaluatePlan(p), 'A.2', 'it')!;
    expect(it.formula).toBe('A.2 = 30% × 100 + 70% × 50 (= media di A.2.1 0, A.2.2 100) = 65,00%');
    expect(it.indicators[1]!.scoring).toBe('50,00% ≥ 100,00%: non raggiunto, consuntivo / target × 100 = 50 (proporzionale)');
    expect(explainNode(evaluatePlan(p), 'A.2.1', 'it')!.indicators[0]!.scoring).toBe('4 ≥ 5: non raggiunto → 0 (raggiunto/non raggiunto)');
  });
});

/**
 * Base measures are named by a person (`constructor`, `toString`, `__proto__`): a record of them is
 * read by own key, so a name not entered is missing, never Object's function. Before: the formula
 * divided by `Object` and the evaluation threw `… .div is not a function`.
 */
describe("base measures named as JavaScript's own words", () => {
  const ratio = (numerator: string, denominator: string) => ({ kind: 'ratio' as const, numerator, denominator, scale: dec(100) });
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('a ratio whose %s is not entered is said missing; entered, it counts', (name) => {
    expect(computeFormula(ratio(name, 'totale'), { totale: dec(50) })).toMatchObject({ error: `the base measure ${name} is missing` });
    expect(computeFormula(ratio('evase', name), { evase: dec(45) })).toMatchObject({ error: `the base measure ${name} is missing` });
    const entered = Object.fromEntries([
      [name, dec(45)],
      ['totale', dec(50)],
    ]);
    expect(computeFormula(ratio(name, 'totale'), entered)).toEqual({ value: dec(90) });
    const trend = { kind: 'trend' as const, current: 'oggi', previous: name };
    expect(computeFormula(trend, { oggi: dec(12) })).toMatchObject({ error: `the base measure ${name} is missing` });
  });

  it('a plan with such a ratio evaluates, the indicator not measured with the located issue', () => {
    const indicator = ind('A.1:1', 100, '>=', 50, { state: 'measured', inputs: { totale: dec(10) } }, { unit: 'percent', formula: ratio('constructor', 'totale') });
    const evaluation = evaluatePlan(plan([node('A.1', null, [indicator])]));
    expect(evaluation.issues().map((i) => [i.code, i.message, i.location])).toEqual([['formula-input', '“A.1:1”: the base measure constructor is missing', { node: 'A.1', indicator: 'A.1:1' }]]);
  });
});
