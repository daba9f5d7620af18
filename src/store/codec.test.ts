import { describe, expect, it } from 'vitest';
import { comparePlans, Decimal, evaluatePlan, type Plan } from '../core/index.js';
import { loadTable } from '../io/load.js';
import { syntheticPlan } from '../../bench/synthetic.js';
import { FIXTURE } from '../../test/helpers.js';
import { DEFAULT_RATIO_SCALE } from '../contract/defaults.js';
import { formulaFromJson, formulaToJson, planFromJson, planToJson, sameStored } from './codec.js';

/** Through JSON text, as a database column holds it. */
const roundTrip = (plan: Plan): Plan => planFromJson(JSON.parse(JSON.stringify(planToJson(plan))));

describe('a plan kept as JSON (the frozen copy of a closed period)', () => {
  it('gives back the fixture with the same numbers and no change', async () => {
    const plan = (await loadTable(FIXTURE)).value!.plan;
    const back = roundTrip(plan);
    const before = evaluatePlan(plan);
    const after = evaluatePlan(back);
    expect(comparePlans(before, after)).toEqual([]);
    expect(after.node('A.2')!.performance!.toString()).toBe('93');
    expect(back.nodes.map((n) => n.code)).toEqual(plan.nodes.map((n) => n.code));
  });

  it('keeps every rule, formula, state and exact decimal', () => {
    const plan = syntheticPlan(500, 3);
    const first = plan.nodes.find((n) => n.indicators.length > 0)!;
    const extra: Plan = {
      ...plan,
      nodes: [
        ...plan.nodes,
        {
          code: 'Z',
          title: 'Formule',
          parent: null,
          weight: new Decimal('12.5'),
          indicators: [
            {
              ...first.indicators[0]!,
              id: 'Z:1',
              formula: { kind: 'ratio', numerator: 'a', denominator: 'b', scale: new Decimal(100) },
              measurement: { state: 'measured', inputs: { a: new Decimal('0.1'), b: new Decimal('3') } },
            },
            {
              ...first.indicators[0]!,
              id: 'Z:2',
              formula: { kind: 'trend', current: 'c', previous: 'p' },
              scoring: {
                kind: 'bands',
                mode: 'interpolated',
                points: [
                  { at: { kind: 'number', value: new Decimal(0) }, score: new Decimal(0) },
                  { at: { kind: 'number', value: new Decimal(10) }, score: new Decimal(100) },
                ],
              },
              measurement: { state: 'measured', inputs: { c: new Decimal(11), p: new Decimal(10) } },
            },
            {
              ...first.indicators[0]!,
              id: 'Z:3',
              tolerance: new Decimal('0.005'),
              comparator: '=',
              scoring: { kind: 'threshold', floor: { kind: 'number', value: new Decimal('1.5') } },
              measurement: { state: 'not_evaluable', reason: 'dato non disponibile' },
            },
          ],
        },
      ],
    };
    const back = roundTrip(extra);
    expect(back).toEqual(extra);
  });
});

describe('a ratio stored without its scale', () => {
  it('is read as a percentage, the scale the API and the web form give a ratio without one', () => {
    const read = formulaFromJson({ kind: 'ratio', numerator: 'evase', denominator: 'ricevute' });
    expect(read).toMatchObject({ kind: 'ratio', numerator: 'evase', denominator: 'ricevute' });
    expect(read?.kind === 'ratio' && read.scale.toString()).toBe(DEFAULT_RATIO_SCALE);
    const kept = formulaFromJson(formulaToJson({ kind: 'ratio', numerator: 'a', denominator: 'b', scale: new Decimal(1) }));
    expect(kept?.kind === 'ratio' && kept.scale.toString()).toBe('1');
  });
});

describe('two stored documents compared (a validation frozen twice)', () => {
  it('finds the same data the same whatever the order of its keys, and a plan read back the same as itself', async () => {
    const plan = (await loadTable(FIXTURE)).value!.plan;
    expect(sameStored(planToJson(plan), planToJson(roundTrip(plan)))).toBe(true);
    expect(sameStored({ units: { 'B.1.1': 'Ufficio Digitale', 'A.1': 'Segreteria' } }, { units: { 'A.1': 'Segreteria', 'B.1.1': 'Ufficio Digitale' } })).toBe(true);
    // Arrays keep their order; a value, a key or a null that differs is a difference.
    expect(sameStored([1, 2], [2, 1])).toBe(false);
    expect(sameStored({ a: 'Ufficio Digitale' }, { a: 'Ufficio Transizione Digitale' })).toBe(false);
    expect(sameStored({ a: null }, {})).toBe(false);
    expect(sameStored(planToJson(plan), planToJson({ ...plan, title: `${plan.title} (rinominato)` }))).toBe(false);
  });
});

describe("a plan's JSON as made (the Relazione's `seen` digests it without sorting its keys)", () => {
  /** `value` with every object's keys in the reverse order: a document stored by other code, or by a database that orders keys its own way. */
  const reversed = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(reversed)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .reverse()
              .map(([k, v]) => [k, reversed(v)]),
          )
        : value;

  it('is the same text whatever order its objects were built or read in', () => {
    const plan = syntheticPlan(200, 5);
    const first = plan.nodes.find((n) => n.indicators.length > 0)!;
    const made = (formula: Plan['nodes'][number]['indicators'][number]['formula'], inputs: Record<string, Decimal>): Plan => ({
      ...plan,
      nodes: [
        ...plan.nodes,
        {
          code: 'Z',
          title: 'Formule',
          parent: null,
          weight: null,
          indicators: [{ ...first.indicators[0]!, id: 'Z:1', formula, measurement: { state: 'measured', inputs } }],
        },
      ],
    });
    // The same formula and inputs, their keys given in another order (a request's body, a stored text).
    const ratio = made({ kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: new Decimal(100) }, { evase: new Decimal(45), ricevute: new Decimal(50), '2024': new Decimal(1) });
    const other = made({ scale: new Decimal(100), denominator: 'ricevute', numerator: 'evase', kind: 'ratio' }, { '2024': new Decimal(1), ricevute: new Decimal(50), evase: new Decimal(45) });
    expect(JSON.stringify(planToJson(other))).toBe(JSON.stringify(planToJson(ratio)));
    // Read back from a document whose every object has its keys the other way round.
    const read = planFromJson(reversed(JSON.parse(JSON.stringify(planToJson(ratio)))));
    expect(JSON.stringify(planToJson(read))).toBe(JSON.stringify(planToJson(ratio)));
    expect(JSON.stringify(planToJson(made({ current: 'c', previous: 'p', kind: 'trend' }, {})))).toBe(JSON.stringify(planToJson(made({ kind: 'trend', current: 'c', previous: 'p' }, {}))));
  });
});
