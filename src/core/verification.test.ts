/**
 * The check of a published table reads each cell's number as the evaluation holds it (an exact
 * fraction, mostly) and compares it in integers; it must answer exactly as rounding the result's
 * Decimal does, at every number of decimals a table may publish, ties and near-ties included.
 */
import fc from 'fast-check';
import { indicatorOf } from '../../test/support/plans.js';
import { describe, expect, it } from 'vitest';
import { Decimal, dec, round } from './decimal.js';
import { evaluatePlan, type Evaluation } from './evaluation.js';
import type { Comparator, Indicator, Measurement, Objective, Plan, StatedCell } from './model.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { statedCellHead, verifyStated, type Difference } from './verification.js';

/** The check as it was made from the results, with Decimals: the reference. */
function reference(evaluation: Evaluation, stated: readonly StatedCell[]): { checked: number; differences: Difference[] } {
  let checked = 0;
  const differences: Difference[] = [];
  for (const cell of stated) {
    let computed: Decimal | null;
    if (cell.cell === 'performance_objective') {
      const node = evaluation.node(cell.code);
      if (node === undefined) continue;
      if (cell.value === null && node.basis !== 'indicators') continue;
      computed = node.performance;
    } else {
      const r = cell.indicator === undefined ? undefined : evaluation.indicator(cell.indicator);
      if (r === undefined) continue;
      if (cell.cell === 'actual') {
        if (r.indicator.formula === null) continue;
        computed = r.actual?.kind === 'number' ? r.actual.value : null;
      } else computed = r.performance;
    }
    checked++;
    const places = Math.max(2, cell.value?.decimalPlaces() ?? 2);
    const same = cell.value === null || computed === null ? cell.value === computed : round(computed, places).eq(cell.value);
    if (!same) {
      differences.push({
        code: cell.code,
        ...(cell.indicator === undefined ? {} : { indicator: cell.indicator }),
        cell: cell.cell,
        stated: cell.value,
        computed: computed === null ? null : round(computed, places),
        origin: cell.origin,
      });
    }
  }
  return { checked, differences };
}

const indicator = (id: string, weight: number, comparator: Comparator, target: string, measurement: Measurement, proportional: boolean): Indicator =>
  indicatorOf(id, weight, comparator, target, measurement, proportional ? { scoring: { kind: 'proportional' } } : {});

/** A strategic objective with a derived indicator over two operational ones, each with a few indicators. */
const leaf = fc.record({
  weight: fc.integer({ min: 0, max: 100 }),
  comparator: fc.constantFrom<Comparator>('>=', '<='),
  target: fc.integer({ min: 1, max: 9999 }),
  actual: fc.integer({ min: 0, max: 9999 }),
  places: fc.integer({ min: 0, max: 3 }),
  state: fc.constantFrom('measured', 'measured', 'measured', 'not_achieved', 'not_evaluable', 'not_measured'),
  proportional: fc.boolean(),
});
type Leaf = typeof leaf extends fc.Arbitrary<infer T> ? T : never;
const planArbitrary = fc.tuple(
  fc.array(leaf, { minLength: 1, maxLength: 4 }),
  fc.array(leaf, { minLength: 1, maxLength: 4 }),
  fc.option(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))),
);

function build([first, second, weights]: [Leaf[], Leaf[], [number, number] | null]): Plan {
  const indicators = (code: string, rows: Leaf[]): Indicator[] =>
    rows.map((r, k) => {
      const actual = dec(r.actual).div(10 ** r.places);
      const measurement: Measurement =
        r.state === 'measured'
          ? { state: 'measured', actual: { kind: 'number', value: actual } }
          : r.state === 'not_evaluable'
            ? { state: 'not_evaluable', reason: 'N.V.' }
            : { state: r.state as 'not_achieved' | 'not_measured' };
      return indicator(`${code}:${k + 1}`, r.weight, r.comparator, String(r.target / 100), measurement, r.proportional);
    });
  const derived: Indicator = {
    ...indicator('S:1', 70, '>=', '100', { state: 'measured' }, true),
    formula: { kind: 'children_mean' },
    unit: 'percent',
  };
  const nodes: Objective[] = [
    { code: 'S', title: 'S', parent: null, weight: null, indicators: [derived, indicator('S:2', 30, '>=', '10', { state: 'measured', actual: { kind: 'number', value: dec(7) } }, true)] },
    { code: 'S.1', title: 'S.1', parent: 'S', weight: weights === null ? null : dec(weights[0]), indicators: indicators('S.1', first) },
    { code: 'S.2', title: 'S.2', parent: 'S', weight: weights === null ? null : dec(weights[1]), indicators: indicators('S.2', second) },
  ];
  return { title: 't', nodes, settings: DEFAULT_SETTINGS };
}

/** Stated values on and around the computed ones: the value at 0 to 8 decimals, one last unit off, half a unit off (ties), or empty. */
function statedCells(evaluation: Evaluation, picks: readonly [number, number][]): StatedCell[] {
  const cells: StatedCell[] = [];
  let n = 0;
  const near = (value: Decimal | null): Decimal | null => {
    const [places, shift] = picks[n++ % picks.length]!;
    if (value === null || shift === 9) return shift === 9 ? null : dec(places);
    const unit = dec(10).pow(-places);
    const rounded = round(value, places);
    return shift === 0 ? rounded : shift === 1 ? rounded.plus(unit) : shift === 2 ? rounded.minus(unit) : shift === 3 ? value.toDecimalPlaces(places, Decimal.ROUND_DOWN).plus(unit.div(2)) : value;
  };
  for (let k = 0; k < evaluation.nodeCount; k++) {
    const r = evaluation.nodeAt(k);
    const at = { file: 't.txt', line: cells.length + 1 };
    cells.push({ cell: 'performance_objective', code: r.objective.code, value: near(r.performance), origin: at });
    for (const i of r.indicators) {
      if (i.indicator.formula !== null) cells.push({ cell: 'actual', code: r.objective.code, indicator: i.indicator.id, value: near(i.actual?.kind === 'number' ? i.actual.value : null), origin: at });
      cells.push({ cell: 'performance_kpi', code: r.objective.code, indicator: i.indicator.id, value: near(i.performance), origin: at });
    }
  }
  cells.push({ cell: 'performance_kpi', code: 'S.1', indicator: 'nowhere', value: dec(1), origin: { file: 't.txt', line: 99 } });
  cells.push({ cell: 'performance_objective', code: 'nowhere', value: dec(1), origin: { file: 't.txt', line: 100 } });
  return cells;
}

describe('statedCellHead', () => {
  it('names each stated cell as a table in each language heads it', () => {
    expect((['performance_objective', 'actual', 'performance_kpi'] as const).map((c) => [statedCellHead(c, 'it'), statedCellHead(c, 'en')])).toEqual([
      ['Performance Obiettivo', 'Objective performance'],
      ['Consuntivo', 'Actual'],
      ['Performance KPI', 'KPI performance'],
    ]);
  });
});

describe('verifyStated', () => {
  it('answers as rounding the Decimal results does, at any number of decimals (property)', () => {
    const pick = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 9 }));
    fc.assert(
      fc.property(planArbitrary, fc.array(pick, { minLength: 1, maxLength: 12 }), (shape, picks) => {
        const evaluation = evaluatePlan(build(shape));
        const stated = statedCells(evaluation, picks);
        expect(verifyStated(evaluation, stated)).toEqual(reference(evaluation, stated));
      }),
      { numRuns: 400 },
    );
  });

  it("finds each cell's indicator in any order, a cell asked twice or a derived one's KPI before its Consuntivo (property)", () => {
    // The look-up guesses the indicator after the last one found (or that one again after a
    // Consuntivo) and a derived indicator's score is reused for its KPI: a wrong guess must fall
    // back, and nothing read before may answer for another cell.
    fc.assert(
      fc.property(planArbitrary, fc.boolean(), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (shape, keepScores, picks) => {
        const evaluation = evaluatePlan(build(shape), { keepScores });
        const all = statedCells(evaluation, [[2, 0]]);
        const stated = picks.map((n) => all[n % all.length]!);
        expect(verifyStated(evaluation, stated)).toEqual(reference(evaluation, stated));
      }),
      { numRuns: 300 },
    );
  });

  it("reads a derived indicator's KPI as the plan stands when it changed after its Consuntivo was read", () => {
    const shape: Parameters<typeof build>[0] = [
      [{ weight: 100, comparator: '>=', target: 100, actual: 1, places: 0, state: 'measured', proportional: true }],
      [{ weight: 100, comparator: '>=', target: 100, actual: 1, places: 0, state: 'measured', proportional: true }],
      null,
    ];
    const evaluation = evaluatePlan(build(shape), { keepScores: true });
    const at = { file: 't.txt', line: 1 };
    const actual: StatedCell = { cell: 'actual', code: 'S', indicator: 'S:1', value: dec(100), origin: at };
    const kpi: StatedCell = { cell: 'performance_kpi', code: 'S', indicator: 'S:1', value: dec(100), origin: at };
    expect(verifyStated(evaluation, [actual]).differences).toEqual([]);
    // S.1's indicator now scores 0: the children's mean, S:1's actual, is 50, and its KPI 50.
    evaluation.setMeasurement('S.1:1', { state: 'measured', actual: { kind: 'number', value: dec(0) } });
    const after = verifyStated(evaluation, [kpi, actual]);
    expect(after).toEqual(reference(evaluation, [kpi, actual]));
    expect(after.differences.map((d) => `${d.cell} ${d.computed!.toString()}`)).toEqual(['performance_kpi 50', 'actual 50']);
  });

  it('reads a duplicated code as the evaluation does (its first node), whatever cell was checked before', () => {
    const measured = (value: number): Measurement => ({ state: 'measured', actual: { kind: 'number', value: dec(value) } });
    const node = (code: string, actual: number): Objective => ({ code, title: code, parent: null, weight: null, indicators: [indicator(`${code}:1`, 100, '>=', '10', measured(actual), true)] });
    // The second X comes right after Y: a look-up that tried the node after the last one found first would take it.
    const evaluation = evaluatePlan({ title: 't', nodes: [node('X', 10), node('Y', 5), node('X', 2)], settings: DEFAULT_SETTINGS });
    const at = { file: 't.txt', line: 1 };
    const stated: StatedCell[] = [
      { cell: 'performance_objective', code: 'Y', value: dec(50), origin: at },
      { cell: 'performance_objective', code: 'X', value: dec(100), origin: at },
      { cell: 'performance_kpi', code: 'Y', indicator: 'Y:1', value: dec(50), origin: at },
      { cell: 'performance_kpi', code: 'X', indicator: 'X:1', value: dec(20), origin: at },
    ];
    expect(verifyStated(evaluation, stated)).toEqual(reference(evaluation, stated));
    expect(verifyStated(evaluation, stated).differences.map((d) => `${d.code} ${d.cell} ${d.computed!.toString()}`)).toEqual(['X performance_kpi 100']);
  });

  it('on hand-checked ties: 2/3 of 100 is 66,67 at two decimals and 66,667 at three, 1/8 is 0,13', () => {
    const evaluation = evaluatePlan({
      title: 't',
      nodes: [
        {
          code: 'X',
          title: 'X',
          parent: null,
          weight: null,
          indicators: [indicator('X:1', 100, '>=', '3', { state: 'measured', actual: { kind: 'number', value: dec(2) } }, true)],
        },
        {
          code: 'Y',
          title: 'Y',
          parent: null,
          weight: null,
          indicators: [indicator('Y:1', 100, '>=', '800', { state: 'measured', actual: { kind: 'number', value: dec(1) } }, true)],
        },
      ],
      settings: DEFAULT_SETTINGS,
    });
    const at = { file: 't.txt', line: 1 };
    const cell = (code: string, value: string): StatedCell => ({ cell: 'performance_objective', code, value: dec(value), origin: at });
    const stated = [cell('X', '66.67'), cell('X', '66.667'), cell('X', '66.666'), cell('X', '66.66'), cell('Y', '0.13'), cell('Y', '0.125'), cell('Y', '0.12')];
    const result = verifyStated(evaluation, stated);
    expect(result.checked).toBe(7);
    expect(result.differences.map((d) => `${d.code} ${d.stated!.toString()} ${d.computed!.toString()}`)).toEqual(['X 66.666 66.667', 'X 66.66 66.67', 'Y 0.12 0.13']);
  });

  it("compares a stated value shared by many cells (a table reads each text once) with each cell's own result", () => {
    const node = (code: string, target: string, actual: number): Objective => ({
      code,
      title: code,
      parent: null,
      weight: null,
      indicators: [indicator(`${code}:1`, 100, '>=', target, { state: 'measured', actual: { kind: 'number', value: dec(actual) } }, true)],
    });
    // X: 2/3 of 100; Y: 1/8 of 1; Z: 100.
    const evaluation = evaluatePlan({ title: 't', nodes: [node('X', '3', 2), node('Y', '800', 1), node('Z', '1', 1)], settings: DEFAULT_SETTINGS });
    const at = { file: 't.txt', line: 1 };
    const twoThirds = dec('66.67');
    const hundred = dec('100.00');
    const sevenPlaces = dec('66.6666667');
    const kpi = (code: string, value: Decimal): StatedCell => ({ cell: 'performance_kpi', code, indicator: `${code}:1`, value, origin: at });
    const stated = [
      kpi('X', twoThirds),
      kpi('Y', twoThirds),
      kpi('X', twoThirds),
      kpi('Z', hundred),
      kpi('X', hundred),
      kpi('Z', hundred),
      kpi('X', sevenPlaces),
      kpi('Z', sevenPlaces),
      kpi('X', sevenPlaces),
    ];
    const result = verifyStated(evaluation, stated);
    expect(result).toEqual(reference(evaluation, stated));
    expect(result.differences.map((d) => `${d.code} ${d.stated!.toString()} ${d.computed!.toString()}`)).toEqual(['Y 66.67 0.13', 'X 100 66.67', 'Z 66.6666667 100']);
  });
});
