import { describe, expect, it } from 'vitest';
import { dec, evaluatePlan, type Indicator, type Plan } from '../../../src/core/index.js';
import { planDocument, type EvaluationDocument, type PlanDocument } from '../../../src/io/json.js';
import { loadTable } from '../../../src/io/load.js';
import { FIXTURE } from '../../../test/helpers.js';
import { parseInput } from '../ui/parse.js';
import { explainSimulated, mergeSimulation, NO_OVERRIDES, requirement, simulate } from './whatif.js';

async function fixtureDocument() {
  const loaded = await loadTable(FIXTURE);
  if (loaded.value === null) throw new Error('fixture did not load');
  return planDocument(evaluatePlan(loaded.value.plan));
}

/** The objectives as the evaluation document shows them (without the engine's inputs the tree adds). */
const shown = (doc: PlanDocument) => doc.objectives.map((o) => ({ ...o, indicators: o.indicators.map(({ tolerance: _t, rule: _r, formula: _f, inputs: _i, previousValue: _p, ...i }) => i) }));

const perf = (doc: Pick<EvaluationDocument, 'objectives'>, code: string) => doc.objectives.find((o) => o.code === code);

describe('what-if on the plan rebuilt from its computed document', () => {
  it('reproduces every number and band of the fixture exactly', async () => {
    const doc = await fixtureDocument();
    const sim = simulate(doc, NO_OVERRIDES);
    expect(sim.document.objectives).toEqual(shown(doc));
    expect(sim.document.summary).toEqual(doc.summary);
  });

  it('recomputes the parents when an actual changes, leaving the original untouched', async () => {
    const doc = await fixtureDocument();
    const before = JSON.stringify(doc);
    // B.2.2:3 asks for ≥ 20 and has 19: meeting it lifts B.2.2 from 50 to 80 and B.2 from 65 to 75,5.
    const sim = simulate(doc, { indicators: { 'B.2.2:3': { actual: 20 } }, nodes: {} });
    expect(perf(sim.document, 'B.2.2')).toMatchObject({ performance: 80, band: 'yellow' });
    expect(perf(sim.document, 'B.2')).toMatchObject({ performance: 75.5, band: 'yellow' });
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('changes targets and weights too', async () => {
    const doc = await fixtureDocument();
    const sim = simulate(doc, { indicators: { 'B.2.2:3': { target: 19 }, 'B.2.2:2': { weight: 0 } }, nodes: {} });
    // B.2.2:1 (50) and :3 (30) both met, :2 weighs nothing but still counts with 0 → 100.
    expect(perf(sim.document, 'B.2.2')?.performance).toBe(100);
  });

  it('answers "what does B.2.2 need to turn B.2 green?"', async () => {
    const doc = await fixtureDocument();
    // One indicator alone cannot do it: even met, B.2 stays yellow.
    const alone = requirement(doc, NO_OVERRIDES, 'B.2.2:3', 'B.2', 'green');
    expect(alone).toMatchObject({ outcome: 'unreachable', band: 'yellow', performance: 75.5 });
    // With B.2.2:2 also met, B.2.2:3 needs its target of 20.
    const both = requirement(doc, { indicators: { 'B.2.2:2': { actual: 10 } }, nodes: {} }, 'B.2.2:3', 'B.2', 'green');
    expect(both).toMatchObject({ outcome: 'reachable', actual: 20, band: 'green' });
    const already = requirement(doc, NO_OVERRIDES, 'A.2.1:1', 'A.2', 'green');
    expect(already.outcome).toBe('already');
  });

  it('finds the least value of a proportional indicator', async () => {
    const doc = await fixtureDocument();
    // B.2:1 is proportional (actual/target); B.2 = 0,7 × score + 30 must exceed 80 as published
    // (two decimals): 71,43 gives 80,001 → 80,00, still yellow; 71,44 gives 80,008 → 80,01, green.
    const doc2 = {
      ...doc,
      objectives: doc.objectives.map((o) => (o.code === 'B.2' ? { ...o, indicators: o.indicators.map((i) => (i.id === 'B.2:1' ? { ...i, derived: false, formula: null } : i)) } : o)),
    };
    const r = requirement(doc2, NO_OVERRIDES, 'B.2:1', 'B.2', 'green');
    expect(r.outcome).toBe('reachable');
    expect(r.actual).toBe(71.44);
    expect(r.band).toBe('green');
  });

  it("rebuilds bands, thresholds, ratios, trends, tolerances and the plan's settings exactly", async () => {
    const loaded = await loadTable(FIXTURE);
    const plan = loaded.value!.plan;
    // Every rule and formula the engine knows, on the fixture's indicators, with the plan's own settings.
    const variants: Array<(i: Indicator) => Indicator> = [
      (i) => ({
        ...i,
        scoring: {
          kind: 'bands',
          mode: 'interpolated',
          points: [
            { at: { kind: 'number', value: dec(0) }, score: dec(0) },
            { at: { kind: 'number', value: dec('12.5') }, score: dec('62.5') },
            { at: { kind: 'number', value: dec(40) }, score: dec(100) },
          ],
        },
      }),
      (i) => ({ ...i, scoring: { kind: 'threshold', floor: { kind: 'number', value: dec(5) } } }),
      (i) => ({
        ...i,
        unit: 'percent',
        target: { kind: 'number', value: dec(80) },
        formula: { kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: dec(100) },
        measurement: { state: 'measured', inputs: { evase: dec(45), ricevute: dec(60) } },
      }),
      (i) => ({
        ...i,
        unit: 'percent',
        target: { kind: 'number', value: dec(10) },
        formula: { kind: 'trend', current: 'oggi', previous: 'ieri' },
        measurement: { state: 'measured', inputs: { oggi: dec(33) } },
        predecessorValue: { value: dec(30), year: 2023 },
      }),
      (i) => ({ ...i, comparator: '=', tolerance: dec('0.5') }),
      (i) => ({
        ...i,
        scoring: {
          kind: 'bands',
          mode: 'fixed',
          points: [
            { at: { kind: 'number', value: dec(1) }, score: dec(30) },
            { at: { kind: 'number', value: dec(15) }, score: dec(70) },
          ],
        },
      }),
    ];
    let k = 0;
    const varied: Plan = {
      ...plan,
      settings: { ...plan.settings, defaultScoring: { kind: 'proportional' }, notMeasured: 'zero' },
      nodes: plan.nodes.map((n) => ({ ...n, indicators: n.indicators.map((i) => (i.formula === null ? variants[k++ % variants.length]!(i) : i)) })),
    };
    const doc = planDocument(evaluatePlan(varied));
    const kinds = new Set(doc.objectives.flatMap((o) => o.indicators.map((i) => i.rule?.kind ?? i.formula?.kind ?? 'default')));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['bands', 'default', 'ratio', 'threshold', 'trend']));
    expect(doc.settings).toEqual({ defaultScoring: { kind: 'proportional' }, notMeasured: 'zero' });
    const sim = simulate(doc, NO_OVERRIDES);
    expect(sim.document.objectives).toEqual(shown(doc));
    expect(sim.document.summary).toEqual(doc.summary);
    // A simulated actual on a ratio stands for its result.
    const ratio = doc.objectives.flatMap((o) => o.indicators).find((i) => i.formula?.kind === 'ratio')!;
    const changed = simulate(doc, { indicators: { [ratio.id]: { actual: 80 } }, nodes: {} });
    expect(changed.document.objectives.flatMap((o) => o.indicators).find((i) => i.id === ratio.id)).toMatchObject({ actual: 80, performance: 100 });
  });
});

describe('a what-if figure longer than a double holds', () => {
  it('is scored as the very decimal typed, not the double it rounds to', async () => {
    const doc = await fixtureDocument();
    // A.1.1:1 (≥, on/off, weight 70 of A.1.1) given a target and an actual 10^-20 short of it,
    // typed as a person types them: a double holds both as 0.12345678901234568, met.
    const target = parseInput('0,12345678901234567891', 'number', 'it');
    const actual = parseInput('0,1234567890123456789', 'number', 'it');
    expect([target, actual]).toEqual(['0.12345678901234567891', '0.1234567890123456789']);
    const sim = simulate(doc, { indicators: { 'A.1.1:1': { target, actual, state: 'measured' } }, nodes: {} });
    const indicator = sim.document.objectives.flatMap((o) => o.indicators).find((i) => i.id === 'A.1.1:1');
    expect(indicator).toMatchObject({ target: '0.12345678901234567891', actual: '0.1234567890123456789', met: false, performance: 0 });
    expect(perf(sim.document, 'A.1.1')?.performance).toBe(30);
    // Met to the last decimal: the actual 10^-20 higher, the target itself.
    const met = simulate(doc, { indicators: { 'A.1.1:1': { target, actual: parseInput('0,12345678901234567891', 'number', 'it'), state: 'measured' } }, nodes: {} });
    expect(perf(met.document, 'A.1.1')?.performance).toBe(100);
  });

  it('weighs a weight kept as its exact text', async () => {
    const doc = await fixtureDocument();
    // A.1.1:1 (met) weighs 70 and A.1.1:2 30; with A.1.1:2 missed, A.1.1 is A.1.1:1's share of the two weights.
    const weight = parseInput('33,33333333333333333333', 'number', 'it');
    expect(weight).toBe('33.33333333333333333333');
    const sim = simulate(doc, { indicators: { 'A.1.1:1': { weight: weight! as string }, 'A.1.1:2': { actual: 0, state: 'measured' } }, nodes: {} });
    expect(perf(sim.document, 'A.1.1')?.performance).toBe(52.63);
  });
});

describe("a row's own SMVP range in a what-if", () => {
  it('re-bands the row by its simulated score, as the server does, and explains it', async () => {
    const doc = await fixtureDocument();
    // B.2.2:3 asks for ≥ 20 and has 19 (score 0); the SMVP gives it a range of its own.
    const range = { green: 90, yellow: 70, greenInclusive: false, yellowInclusive: true, band: 'red' as const, legendBand: 'red' as const, smvpVersion: 3 };
    const tree = { ...doc, objectives: doc.objectives.map((o) => ({ ...o, indicators: o.indicators.map((i) => ({ ...i, ownRange: i.id === 'B.2.2:3' ? range : null })) })) };
    const sim = simulate(tree, { indicators: { 'B.2.2:3': { actual: 20 } }, nodes: {} });
    const merged = mergeSimulation(tree, sim.document, sim.evaluation);
    const row = merged.objectives.find((o) => o.code === 'B.2.2')!.indicators.find((i) => i.id === 'B.2.2:3')!;
    expect(row.ownRange).toEqual({ ...range, band: 'green', legendBand: 'green' });
    expect(merged.objectives.find((o) => o.code === 'B.2.2')!.indicators.filter((i) => i.ownRange !== null)).toHaveLength(1);
    const explained = explainSimulated(sim.evaluation, 'B.2.2', 'it', tree);
    expect(explained?.thresholds).toEqual([expect.objectContaining({ indicatorId: 'B.2.2:3', green: 90, yellow: 70, score: 100, band: 'green' })]);
    expect(explained?.thresholds?.[0]?.text).toContain('range di valutazione proprio dal SMVP (verde oltre il 90,00%, giallo da 70,00%): punteggio 100,00% → verde');
    expect(explainSimulated(sim.evaluation, 'B.2', 'it', tree)?.thresholds).toBeUndefined();
  });
});
