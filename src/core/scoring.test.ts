import { describe, expect, it } from 'vitest';
import { dec } from './decimal.js';
import type { Amount, Comparator, ScoringRule } from './model.js';
import { renderIssueCode } from './messages/index.js';
import { describeScore, ruleFitsUnit, scoreValue } from './scoring.js';

const n = (v: string | number): Amount => ({ kind: 'number', value: dec(v) });
const d = (iso: string): Amount => ({ kind: 'date', value: iso });
const b = (v: boolean): Amount => ({ kind: 'boolean', value: v });

function score(rule: ScoringRule, comparator: Comparator, target: Amount | null, actual: Amount, tolerance: string | null = null): string | null {
  return scoreValue({ rule, comparator, target, actual, tolerance: tolerance === null ? null : dec(tolerance) }).score?.toString() ?? null;
}

const ON_OFF: ScoringRule = { kind: 'on_off' };
const PROP: ScoringRule = { kind: 'proportional' };

describe('on/off', () => {
  it('scores 100 when the comparator holds and 0 otherwise (fixture B.2.2, A.2.1)', () => {
    expect(score(ON_OFF, '>=', n(20), n(19))).toBe('0');
    expect(score(ON_OFF, '>=', n(60), n(50))).toBe('0');
    expect(score(ON_OFF, '>=', n(20), n(20))).toBe('100');
    expect(score(ON_OFF, '<=', n(7), n('3.07'))).toBe('100');
    expect(score(ON_OFF, '<=', n(5), n('5.01'))).toBe('0');
  });

  it('handles negative values (fixture C.1.3: <= -1, actual -18,72)', () => {
    expect(score(ON_OFF, '<=', n('-1'), n('-18.72'))).toBe('100');
    expect(score(ON_OFF, '<=', n('-1'), n('-0.5'))).toBe('0');
    expect(score(ON_OFF, '>=', n('10'), n('-31.30'))).toBe('0');
  });

  it('= is exact without a tolerance and inclusive within one', () => {
    expect(score(ON_OFF, '=', n(10), n(10))).toBe('100');
    expect(score(ON_OFF, '=', n(10), n('10.01'))).toBe('0');
    expect(score(ON_OFF, '=', n(10), n('10.5'), '0.5')).toBe('100');
    expect(score(ON_OFF, '=', n(10), n('9.5'), '0.5')).toBe('100');
    expect(score(ON_OFF, '=', n(10), n('10.51'), '0.5')).toBe('0');
  });

  it('compares dates as days (fixture C.1.2: <= 30/09/2024, done 27/09/2024)', () => {
    expect(score(ON_OFF, '<=', d('2024-09-30'), d('2024-09-27'))).toBe('100');
    expect(score(ON_OFF, '<=', d('2024-09-30'), d('2024-09-30'))).toBe('100');
    expect(score(ON_OFF, '<=', d('2024-09-30'), d('2024-10-01'))).toBe('0');
    expect(score(ON_OFF, '>=', d('2024-01-10'), d('2024-01-09'))).toBe('0');
  });

  it('scores yes/no', () => {
    expect(score(ON_OFF, '=', b(true), b(true))).toBe('100');
    expect(score(ON_OFF, '=', b(true), b(false))).toBe('0');
  });

  it('target 0', () => {
    expect(score(ON_OFF, '>=', n(0), n(0))).toBe('100');
    expect(score(ON_OFF, '<=', n(0), n(1))).toBe('0');
  });
});

describe('proportional', () => {
  it('actual/target for >=, capped at 100 (fixture: media ponderata 90 → 90; Parma: 56 of 60 → 93,33)', () => {
    expect(score(PROP, '>=', n(100), n(90))).toBe('90');
    expect(
      dec(score(PROP, '>=', n(60), n(56))!)
        .toDecimalPlaces(2)
        .toString(),
    ).toBe('93.33');
    expect(score(PROP, '>=', n(100), n(130))).toBe('100');
  });

  it('target/actual for <=', () => {
    expect(score(PROP, '<=', n(5), n(10))).toBe('50');
    expect(score(PROP, '<=', n(5), n(4))).toBe('100');
  });

  it('target 0 behaves as on/off', () => {
    expect(score(PROP, '>=', n(0), n(5))).toBe('100');
    expect(score(PROP, '>=', n(0), n(-5))).toBe('0');
    expect(score(PROP, '<=', n(0), n(0))).toBe('100');
    expect(score(PROP, '<=', n(0), n(3))).toBe('0');
  });

  it('negative values: met is 100, a negative actual under >= scores 0, a missed negative target under <= scores 0', () => {
    expect(score(PROP, '<=', n(-1), n('-18.72'))).toBe('100');
    expect(score(PROP, '>=', n(10), n('-31.3'))).toBe('0');
    expect(score(PROP, '<=', n(-1), n(2))).toBe('0');
  });

  it('= loses the relative distance, floored at 0', () => {
    expect(score(PROP, '=', n(100), n(90))).toBe('90');
    expect(score(PROP, '=', n(100), n(110))).toBe('90');
    expect(score(PROP, '=', n(100), n(300))).toBe('0');
    expect(score(PROP, '=', n(0), n(1))).toBe('0');
  });

  it('is exact: a third is a third, not 33.333333333333336', () => {
    const s = scoreValue({ rule: PROP, comparator: '>=', target: n(3), actual: n(1), tolerance: null }).score!;
    expect(s.times(3).toDecimalPlaces(30).toString()).toBe('100');
  });

  it('falls back to on/off for dates, with a note', () => {
    const r = scoreValue({ rule: PROP, comparator: '<=', target: d('2024-09-30'), actual: d('2024-10-30'), tolerance: null });
    expect(r.score?.toString()).toBe('0');
    expect(r.issues.map((i) => i.code)).toEqual(['proportional-on-non-number']);
  });
});

describe('bands', () => {
  const points = [
    { at: n(50), score: dec(50) },
    { at: n(80), score: dec(80) },
    { at: n(100), score: dec(100) },
  ];
  it('fixed: the score of the band reached, 0 below the first', () => {
    const rule: ScoringRule = { kind: 'bands', mode: 'fixed', points };
    expect(score(rule, '>=', n(100), n(40))).toBe('0');
    expect(score(rule, '>=', n(100), n(50))).toBe('50');
    expect(score(rule, '>=', n(100), n(79))).toBe('50');
    expect(score(rule, '>=', n(100), n(95))).toBe('80');
    expect(score(rule, '>=', n(100), n(120))).toBe('100');
  });

  it('fixed under <=: the first band at or above the actual', () => {
    const rule: ScoringRule = {
      kind: 'bands',
      mode: 'fixed',
      points: [
        { at: n(5), score: dec(100) },
        { at: n(7), score: dec(60) },
        { at: n(10), score: dec(20) },
      ],
    };
    expect(score(rule, '<=', n(5), n(4))).toBe('100');
    expect(score(rule, '<=', n(5), n(6))).toBe('60');
    expect(score(rule, '<=', n(5), n(10))).toBe('20');
    expect(score(rule, '<=', n(5), n(11))).toBe('0');
  });

  it('interpolated: straight lines between points, flat beyond the ends', () => {
    const rule: ScoringRule = { kind: 'bands', mode: 'interpolated', points };
    expect(score(rule, '>=', n(100), n(40))).toBe('50');
    expect(score(rule, '>=', n(100), n(65))).toBe('65');
    expect(score(rule, '>=', n(100), n(90))).toBe('90');
    expect(score(rule, '>=', n(100), n(150))).toBe('100');
  });

  it('works on dates, in days', () => {
    const rule: ScoringRule = {
      kind: 'bands',
      mode: 'interpolated',
      points: [
        { at: d('2024-09-30'), score: dec(100) },
        { at: d('2024-10-30'), score: dec(0) },
      ],
    };
    expect(score(rule, '<=', d('2024-09-30'), d('2024-10-15'))).toBe('50');
  });

  it('refuses an empty scale and mixed kinds', () => {
    expect(scoreValue({ rule: { kind: 'bands', mode: 'fixed', points: [] }, comparator: '>=', target: n(1), actual: n(1), tolerance: null }).issues[0]!.code).toBe('empty-bands');
    expect(
      scoreValue({ rule: { kind: 'bands', mode: 'fixed', points: [{ at: d('2024-01-01'), score: dec(1) }] }, comparator: '>=', target: n(1), actual: n(1), tolerance: null }).issues[0]!.code,
    ).toBe('unit-mismatch');
  });
});

describe('threshold', () => {
  it('0 at the floor, 100 at the target, linear in between (>=)', () => {
    const rule: ScoringRule = { kind: 'threshold', floor: n(50) };
    expect(score(rule, '>=', n(100), n(40))).toBe('0');
    expect(score(rule, '>=', n(100), n(50))).toBe('0');
    expect(score(rule, '>=', n(100), n(75))).toBe('50');
    expect(score(rule, '>=', n(100), n(100))).toBe('100');
    expect(score(rule, '>=', n(100), n(140))).toBe('100');
  });

  it('mirrors for <= (the floor is the worst acceptable value above the target)', () => {
    const rule: ScoringRule = { kind: 'threshold', floor: n(10) };
    expect(score(rule, '<=', n(5), n(4))).toBe('100');
    expect(score(rule, '<=', n(5), n(7.5))).toBe('50');
    expect(score(rule, '<=', n(5), n(12))).toBe('0');
  });

  it('refuses a floor on the wrong side of the target', () => {
    const r = scoreValue({ rule: { kind: 'threshold', floor: n(120) }, comparator: '>=', target: n(100), actual: n(90), tolerance: null });
    expect(r.score).toBeNull();
    expect(r.issues[0]!.code).toBe('threshold-floor-order');
    // Each language writes the numbers its own way (issue 14).
    const half = scoreValue({ rule: { kind: 'threshold', floor: n('120.5') }, comparator: '>=', target: n('100.25'), actual: n(90), tolerance: null }).issues[0]!;
    expect(half.message).toBe('the threshold floor 120.5 must lie on the failing side of the target 100.25');
    expect(renderIssueCode(half.code, half.params, 'it')).toBe('la soglia minima 120,5 deve stare dal lato non raggiunto del target 100,25');
  });
});

describe('what cannot be scored', () => {
  it('a missing target', () => {
    const r = scoreValue({ rule: ON_OFF, comparator: '>=', target: null, actual: n(3), tolerance: null });
    expect(r.score).toBeNull();
    expect(r.issues[0]).toMatchObject({ severity: 'error', code: 'missing-target' });
  });

  it('a number against a date target', () => {
    const r = scoreValue({ rule: ON_OFF, comparator: '<=', target: d('2024-09-30'), actual: n(3), tolerance: null });
    expect(r.score).toBeNull();
    expect(r.issues[0]!.code).toBe('unit-mismatch');
  });
});

describe('describeScore', () => {
  it('says what was compared and how it was scored, its amounts as the table prints them in the unit', () => {
    const input = { rule: PROP, comparator: '>=' as const, target: n(100), actual: n(90), tolerance: null };
    expect(describeScore(input, scoreValue(input), 'percent')).toBe('90.00% ≥ 100.00%: not met, actual / target × 100 = 90 (proportional)');
    // A rule's floor and band points too: in the indicator's unit, not by their bare value.
    const floor = { rule: { kind: 'threshold' as const, floor: n(60) }, comparator: '>=' as const, target: n(80), actual: n(70), tolerance: null };
    expect(describeScore(floor, scoreValue(floor), 'percent', 'it')).toBe('70,00% ≥ 80,00%: non raggiunto → 50 (soglia: 0 a 60,00%, 100 al target, lineare tra i due)');
    expect(describeScore(floor, scoreValue(floor), 'percent', 'en')).toBe('70.00% ≥ 80.00%: not met → 50 (threshold: 0 at 60.00%, 100 at the target, linear between)');
    const bands = {
      rule: {
        kind: 'bands' as const,
        mode: 'fixed' as const,
        points: [
          { at: n(1587.1), score: dec(50) },
          { at: n(2000), score: dec(100) },
        ],
      },
      comparator: '>=' as const,
      target: n(2000),
      actual: n(1600),
      tolerance: null,
    };
    expect(describeScore(bands, scoreValue(bands), 'number', 'it')).toBe('1.600 ≥ 2.000: non raggiunto → 50 (scaglioni fissi: 1.587,10 → 50, 2.000 → 100)');
    expect(describeScore(bands, scoreValue(bands), 'number', 'en')).toBe('1,600 ≥ 2,000: not met → 50 (fixed bands: 1,587.10 → 50, 2,000 → 100)');
    const date = { rule: ON_OFF, comparator: '<=' as const, target: d('2024-09-30'), actual: d('2024-09-27'), tolerance: null };
    expect(describeScore(date, scoreValue(date), 'date')).toBe('27/09/2024 ≤ 30/09/2024: met → 100 (on/off)');
  });
});

describe('a rule and the unit it is read in', () => {
  it('fits when its floor or points are amounts of the unit (a percentage is a number)', () => {
    const floor: ScoringRule = { kind: 'threshold', floor: n(50) };
    const bands: ScoringRule = { kind: 'bands', mode: 'fixed', points: [{ at: { kind: 'date', value: '2024-09-30' }, score: dec(100) }] };
    expect((['number', 'percent', 'date', 'boolean'] as const).map((u) => ruleFitsUnit(floor, u))).toEqual([true, true, false, false]);
    expect((['number', 'percent', 'date', 'boolean'] as const).map((u) => ruleFitsUnit(bands, u))).toEqual([false, false, true, false]);
    expect(ruleFitsUnit({ kind: 'proportional' }, 'date')).toBe(true);
    // What the engine would say of the floor kept on a date: nothing scored.
    expect(scoreValue({ rule: floor, comparator: '>=', target: { kind: 'date', value: '2024-09-30' }, actual: { kind: 'date', value: '2024-08-31' }, tolerance: null }).issues[0]!.code).toBe(
      'unit-mismatch',
    );
  });
});
