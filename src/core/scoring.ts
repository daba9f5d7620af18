/**
 * Scoring: how one measured value becomes a score from 0 to 100 under a rule.
 *
 * Edge cases, settled once for every rule (and tested in scoring.test.ts):
 * - A score is always within [0, 100]; there is no over-achievement bonus.
 * - `proportional` gives 100 whenever the comparator holds, so it never scores below `on_off`.
 *   Below target with `>=` it is actual/target; with `<=` target/actual. A ratio is only meaningful
 *   when both sides are positive: a negative or zero actual under `>=` scores 0, and under `<=` a
 *   target below zero that is not met scores 0 (C.1.3 `<= -1`, actual −18,72 is met: 100).
 *   Target 0 therefore behaves as on/off: `>= 0` is met by any actual ≥ 0, `<= 0` by any actual ≤ 0.
 * - `=` is met when |actual − target| ≤ tolerance (0 if none). Proportionally it loses the relative
 *   distance: 100 − |actual − target| / |target| × 100, floored at 0; with target 0 it is on/off.
 * - Dates compare as calendar days; `proportional` on a date or yes/no falls back to on/off, with a
 *   note, because a ratio of dates means nothing. Bands and thresholds on dates work in days.
 * - A missing target, or an actual of another kind than the target (a number against a date), is
 *   not scored: the indicator leaves the mean and an error says why.
 */
import { tableNumberText } from './amount-words.js';
import { Decimal, HUNDRED, ZERO, clamp } from './decimal.js';
import { decimalToFraction, isSafe, setFraction, type Fraction } from './fraction.js';
import { saidIssue, type Issue } from './issues.js';
import { said, type Said } from './messages/index.js';
import type { Amount, BandPoint, Comparator, ScoringRule, Unit } from './model.js';
import { COMPARATOR_SIGN, WORDS, type Language } from './words.js';

export interface ScoredValue {
  /** 0–100, or null when the value could not be scored (see `issues`). */
  readonly score: Decimal | null;
  /** Whether the comparator holds; null when not scored. */
  readonly met: boolean | null;
  readonly issues: readonly Issue[];
}

export interface ScoringInput {
  readonly comparator: Comparator;
  readonly tolerance: Decimal | null;
  readonly target: Amount | null;
  readonly actual: Amount;
  readonly rule: ScoringRule;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date: the axis on which dates are compared and interpolated. */
export function epochDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** The point of an amount on a numeric axis: numbers as they are, dates in days, yes/no as 1/0. */
export function axisValue(amount: Amount): Decimal {
  switch (amount.kind) {
    case 'number':
      return amount.value;
    case 'date':
      return new Decimal(epochDay(amount.value));
    case 'boolean':
      return amount.value ? new Decimal(1) : ZERO;
  }
}

/**
 * The order of two decimals. Decimals of at most seven significant digits (one base-1e7 word, the
 * usual target and actual) are compared as JavaScript numbers built from their documented digits
 * and exponent: two different such decimals differ by far more than a double's rounding error,
 * so the order is exact and no float ever stands for a value. Others use decimal.js's comparison.
 */
export function compare(a: Decimal, b: Decimal): number {
  const x = smallNumber(a);
  const y = smallNumber(b);
  if (x === x && y === y) return x < y ? -1 : x > y ? 1 : 0; // x === x: not NaN
  return a.cmp(b);
}

function smallNumber(value: Decimal): number {
  const digits = value.d;
  if (digits === null || digits.length !== 1) return NaN;
  const word = digits[0]!;
  const length = word < 10 ? 1 : word < 100 ? 2 : word < 1000 ? 3 : word < 1e4 ? 4 : word < 1e5 ? 5 : word < 1e6 ? 6 : 7;
  const shift = value.e - length + 1;
  return value.s * (shift >= 0 ? word * 10 ** shift : word / 10 ** -shift);
}

/** Whether `actual comparator target` holds. */
export function comparatorHolds(comparator: Comparator, actual: Decimal, target: Decimal, tolerance: Decimal | null): boolean {
  switch (comparator) {
    case '>=':
      return compare(actual, target) >= 0;
    case '<=':
      return compare(actual, target) <= 0;
    case '=':
      return actual
        .minus(target)
        .abs()
        .lessThanOrEqualTo(tolerance ?? ZERO);
  }
}

/** `comparatorHolds` on amounts; dates compare as ISO strings unless a tolerance in days is needed. */
function amountHolds(comparator: Comparator, actual: Amount, target: Amount, tolerance: Decimal | null): boolean {
  if (actual.kind === 'number' && target.kind === 'number') return comparatorHolds(comparator, actual.value, target.value, tolerance);
  if (actual.kind === 'date' && target.kind === 'date' && (comparator !== '=' || tolerance === null)) {
    const a = actual.value;
    const t = target.value;
    return comparator === '>=' ? a >= t : comparator === '<=' ? a <= t : a === t;
  }
  return comparatorHolds(comparator, axisValue(actual), axisValue(target), tolerance);
}

/** The kind of amount an indicator counted in `unit` holds: a percentage is a number too. */
export function amountKind(unit: Unit): Amount['kind'] {
  return unit === 'date' ? 'date' : unit === 'boolean' ? 'boolean' : 'number';
}

/**
 * Whether a rule's own amounts (a threshold's floor, the bands' points) are of `unit`'s kind: a
 * floor of 50 kept on an indicator now counted in dates scores nothing (`unit-mismatch`).
 *
 * @example ruleFitsUnit({ kind: 'threshold', floor: { kind: 'number', value: dec(50) } }, 'date') // false
 */
export function ruleFitsUnit(rule: ScoringRule, unit: Unit): boolean {
  const kind = amountKind(unit);
  if (rule.kind === 'threshold') return rule.floor.kind === kind;
  if (rule.kind === 'bands') return rule.points.every((p) => p.at.kind === kind);
  return true;
}

/**
 * The highest score `rule` can give. Every rule scores within [0, 100] (no over-achievement bonus,
 * the bands' points clamped to 100): a rule that allowed more (GZOOM's interpolation up to 200 or
 * 300) would say its own ceiling here, and the OIV's validated figures follow it
 * (`performanceCeiling`).
 *
 * @example ruleCeiling({ kind: 'proportional' }) // Decimal(100)
 */
export function ruleCeiling(rule: ScoringRule): Decimal {
  switch (rule.kind) {
    case 'on_off':
    case 'proportional':
    case 'bands':
    case 'threshold':
      return HUNDRED;
  }
}

/** Scores one measured value. Pure; never throws for bad data, returns an issue instead. */
export function scoreValue(input: ScoringInput): ScoredValue {
  return scoreAmounts(input.rule, input.comparator, input.tolerance, input.target, input.actual);
}

/** `scoreValue` with positional arguments, for the evaluation's hot loop (no input object). */
export function scoreAmounts(rule: ScoringRule, comparator: Comparator, tolerance: Decimal | null, target: Amount | null, actual: Amount): ScoredValue {
  if (target === null) {
    return unscored(said('missing-target', {}));
  }
  if (target.kind !== actual.kind) {
    return unscored(said('unit-mismatch', { actual: actual.kind, target: target.kind }));
  }
  const met = amountHolds(comparator, actual, target, tolerance);
  // The common case (on/off, or any rule once met) allocates nothing: a million indicators score fast.
  if (rule.kind === 'on_off' || (met && rule.kind === 'proportional')) return met ? MET : NOT_MET;
  const a = axisValue(actual);
  const t = axisValue(target);

  switch (rule.kind) {
    case 'proportional': {
      if (actual.kind !== 'number') {
        const note = saidIssue('info', said('proportional-on-non-number', { actual: actual.kind }));
        return scored(met ? HUNDRED : ZERO, met, [note]);
      }
      // Below target the ratio is already within [0, 100): no clamp needed.
      return { score: proportionalShortfall(comparator, a, t), met: false, issues: NO_ISSUES };
    }
    case 'bands':
      return scoreOnScale(rule.points, rule.mode, comparator, a, actual.kind, met);
    case 'threshold': {
      if (rule.floor.kind !== actual.kind) {
        return unscored(said('unit-mismatch', { floor: rule.floor.kind, actual: actual.kind }));
      }
      const floor = axisValue(rule.floor);
      const ordered = comparator === '>=' ? floor.lessThan(t) : comparator === '<=' ? floor.greaterThan(t) : false;
      if (!ordered) {
        return unscored(said('threshold-floor-order', comparator === '=' ? {} : { floor: show(rule.floor, undefined, 'en'), target: show(target, undefined, 'en') }));
      }
      const scale: BandPoint[] = [
        { at: rule.floor, score: ZERO },
        { at: target, score: HUNDRED },
      ];
      return scoreOnScale(scale, 'interpolated', comparator, a, actual.kind, met);
    }
  }
}

const targetPart: Fraction = { num: 0, den: 1 };
const actualPart: Fraction = { num: 0, den: 1 };

/**
 * The fast path of `scoreAmounts` for evaluating big plans: on/off on numbers and dates, and
 * proportional with `>=` or `<=`, the score written into `out` as an exact fraction (see
 * fraction.ts). Returns 1 when the comparator holds, 0 when it does not, and -1 when this path does
 * not apply (another rule, `=`, something to report, a value too long for a fraction): the caller
 * then uses `scoreAmounts`, which gives the same score as a decimal.
 */
export function scoreAmountFraction(rule: ScoringRule, comparator: Comparator, target: Amount | null, actual: Amount, out: Fraction): number {
  if (target === null || comparator === '=' || (rule.kind !== 'on_off' && rule.kind !== 'proportional')) return -1;
  if (actual.kind === 'number') {
    if (!decimalToFraction(actual.value, actualPart)) return -1;
    return scoreNumberFraction(rule, comparator, target, actualPart.num, actualPart.den, out);
  }
  if (actual.kind !== 'date' || target.kind !== 'date') return -1;
  const met = comparator === '>=' ? actual.value >= target.value : actual.value <= target.value;
  if (!met && rule.kind === 'proportional') return -1; // on/off with a note: the general path says so
  out.num = met ? 100 : 0;
  out.den = 1;
  return met ? 1 : 0;
}

/** `scoreAmountFraction` for a number actual given as the fraction aNum/aDen (a derived actual). */
export function scoreNumberFraction(rule: ScoringRule, comparator: Comparator, target: Amount | null, aNum: number, aDen: number, out: Fraction): number {
  if (target === null || target.kind !== 'number' || comparator === '=' || (rule.kind !== 'on_off' && rule.kind !== 'proportional')) return -1;
  if (!decimalToFraction(target.value, targetPart)) return -1;
  const tNum = targetPart.num;
  const tDen = targetPart.den;
  // a/aDen against t/tDen by cross-multiplication (both denominators positive).
  const left = aNum * tDen;
  const right = tNum * aDen;
  if (!isSafe(left) || !isSafe(right)) return -1;
  const met = comparator === '>=' ? left >= right : left <= right;
  if (met || rule.kind === 'on_off') {
    out.num = met ? 100 : 0;
    out.den = 1;
    return met ? 1 : 0;
  }
  // Below target, as proportionalShortfall: actual/target (>=) or target/actual (<=), times 100.
  const usable = comparator === '>=' ? tNum > 0 && aNum >= 0 : tNum >= 0 && aNum > 0;
  if (!usable) {
    out.num = 0;
    out.den = 1;
    return 0;
  }
  const ok = comparator === '>=' ? setFraction(out, left * 100, right) : setFraction(out, right * 100, left);
  return ok ? 0 : -1;
}

/** Score below target under the proportional rule (the comparator does not hold). */
function proportionalShortfall(comparator: Comparator, a: Decimal, t: Decimal): Decimal {
  switch (comparator) {
    case '>=':
      return t.greaterThan(ZERO) && a.greaterThanOrEqualTo(ZERO) ? a.div(t).times(HUNDRED) : ZERO;
    case '<=':
      return t.greaterThanOrEqualTo(ZERO) && a.greaterThan(ZERO) ? t.div(a).times(HUNDRED) : ZERO;
    case '=':
      if (t.isZero()) return ZERO;
      return Decimal.max(ZERO, HUNDRED.minus(a.minus(t).abs().div(t.abs()).times(HUNDRED)));
  }
}

/**
 * A scale of points on the actual's axis. `interpolated`: straight lines between points, flat
 * beyond the ends. `fixed`: the band reached — for `>=` the last point at or below the actual, for
 * `<=` the first point at or above it (0 when none is reached).
 */
function scoreOnScale(points: readonly BandPoint[], mode: 'fixed' | 'interpolated', comparator: Comparator, a: Decimal, kind: Amount['kind'], met: boolean): ScoredValue {
  if (points.length === 0) return unscored(said('empty-bands', {}));
  if (points.some((p) => p.at.kind !== kind)) {
    return unscored(said('unit-mismatch', { bands: kind }));
  }
  const scale = points.map((p) => ({ x: axisValue(p.at), score: clamp(p.score, ZERO, HUNDRED) })).sort((p, q) => p.x.comparedTo(q.x));
  let score: Decimal;
  if (mode === 'fixed') {
    if (comparator === '<=') {
      const reached = scale.find((p) => p.x.greaterThanOrEqualTo(a));
      score = reached?.score ?? ZERO;
    } else {
      let reached: Decimal | undefined;
      for (const p of scale) if (p.x.lessThanOrEqualTo(a)) reached = p.score;
      score = reached ?? ZERO;
    }
  } else {
    const first = scale[0]!;
    const last = scale[scale.length - 1]!;
    if (a.lessThanOrEqualTo(first.x)) score = first.score;
    else if (a.greaterThanOrEqualTo(last.x)) score = last.score;
    else {
      score = last.score;
      for (let i = 1; i < scale.length; i++) {
        const lo = scale[i - 1]!;
        const hi = scale[i]!;
        if (a.lessThanOrEqualTo(hi.x)) {
          const span = hi.x.minus(lo.x);
          score = span.isZero() ? hi.score : lo.score.plus(hi.score.minus(lo.score).times(a.minus(lo.x)).div(span));
          break;
        }
      }
    }
  }
  return scored(score, met);
}

const NO_ISSUES: readonly Issue[] = [];
const MET: ScoredValue = { score: HUNDRED, met: true, issues: NO_ISSUES };
const NOT_MET: ScoredValue = { score: ZERO, met: false, issues: NO_ISSUES };

function scored(score: Decimal, met: boolean, issues: readonly Issue[] = NO_ISSUES): ScoredValue {
  return { score: clamp(score, ZERO, HUNDRED), met, issues };
}

function unscored(s: Said): ScoredValue {
  return { score: null, met: null, issues: [saidIssue('error', s)] };
}

/**
 * One line saying how a value was scored, for explanations: `6 ≥ 5: met, 100 (on/off)`.
 * Made on demand, not during evaluation, so evaluating a million indicators builds no text.
 */
export function describeScore(input: ScoringInput, result: ScoredValue, unit?: Unit, language: Language = 'en'): string {
  const { comparator, tolerance, target, actual, rule } = input;
  const w = WORDS[language];
  if (result.score === null || target === null) {
    return `${w.notScored}: ${result.issues.map((i) => i.message).join('; ')}`;
  }
  const shown = `${show(actual, unit, language)} ${COMPARATOR_SIGN[comparator]} ${show(target, unit, language)}${comparator === '=' && tolerance !== null ? ` ± ${fmt(tolerance, 4, language)}` : ''}`;
  const verdict = result.met === true ? w.met : w.notMet;
  switch (rule.kind) {
    case 'on_off':
      return `${shown}: ${verdict} → ${fmt(result.score, 2, language)} (${w.onOff})`;
    case 'proportional': {
      if (actual.kind !== 'number') return `${shown}: ${verdict} → ${fmt(result.score, 2, language)} (${w.onOffNoRatio(actual.kind)})`;
      const formula = comparator === '>=' ? w.actualOverTarget : comparator === '<=' ? w.targetOverActual : w.relativeDistance;
      return result.met === true ? `${shown}: ${w.met} → 100 (${w.proportionalCapped})` : `${shown}: ${w.notMet}, ${formula} = ${fmt(result.score, 2, language)} (${w.proportional})`;
    }
    case 'bands':
      return `${shown}: ${verdict} → ${fmt(result.score, 2, language)} (${w.bands(rule.mode)}: ${rule.points.map((p) => `${show(p.at, unit, language)} → ${fmt(p.score, 2, language)}`).join(', ')})`;
    case 'threshold':
      return `${shown}: ${verdict} → ${fmt(result.score, 2, language)} (${w.threshold(show(rule.floor, unit, language))})`;
  }
}

/** Compact rendering for explanations: `93`, `56,67`, `0,035` in Italian; `56.67`, `0.035` in English. */
export function fmt(value: Decimal, places = 2, language: Language = 'it'): string {
  const rounded = value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  return language === 'it' ? rounded.toString().replace('.', ',') : rounded.toString();
}

/**
 * An amount of an explanation (an actual, a target, a rule's floor or band point) in its
 * indicator's unit as the published table prints it: `60,00%`, `1.587,10`, `500` in Italian;
 * `60.00%`, `1,587.10` in English (core/amount-words.ts). Without a unit, a number as it reads.
 */
export function show(amount: Amount, unit?: Unit, language: Language = 'en'): string {
  switch (amount.kind) {
    case 'number':
      return unit === undefined ? fmt(amount.value, 4, language) : tableNumberText(amount.value.toFixed(), unit, language);
    case 'date': {
      const [y, m, d] = amount.value.split('-');
      return `${d}/${m}/${y}`;
    }
    case 'boolean':
      return amount.value ? (language === 'it' ? 'sì' : 'yes') : 'no';
  }
}
