/**
 * The body's *Sistema di misurazione e valutazione della performance* (SMVP) as data: the rules an
 * appraisal form and the distribution of the bonus fund follow, per body and year.
 *
 * Everything a published SMVP states is here and nothing is code: the legend, the default scoring
 * rule, what N.V. and not-measured mean, what to do with weights that do not sum to 100, the
 * scheme of each staff category (component weights, behaviours and their weights, the bands that
 * turn a score into a rating and a bonus coefficient), and the rating scale of behaviours.
 * `smvpFromJson` is the one way in (the API, the JSON and XLSX imports): every problem comes back
 * as an issue naming its field (`schemes.1.bands.2.min`), never thrown.
 */
import { Decimal, HUNDRED, ZERO } from '../decimal.js';
import { problem, type Issue } from '../issues.js';
import type { NotMeasuredPolicy } from '../model.js';

export { CATEGORY_LABEL, NO_BAND_LABEL, type StaffCategory } from './categories.js';
import type { StaffCategory } from './categories.js';
export const STAFF_CATEGORIES: readonly StaffCategory[] = ['dirigente', 'eq', 'personale'];

/** The four parts of an appraisal: the body's performance, the unit's, individual objectives, behaviours. */
export type ComponentKind = 'body' | 'unit' | 'objectives' | 'behaviours';
export const COMPONENT_KINDS: readonly ComponentKind[] = ['body', 'unit', 'objectives', 'behaviours'];
export const COMPONENT_LABEL: Readonly<Record<ComponentKind, { it: string; en: string }>> = {
  body: { it: "Performance organizzativa dell'ente", en: "The body's performance" },
  unit: { it: 'Performance della struttura di appartenenza', en: "The unit's performance" },
  objectives: { it: 'Obiettivi individuali', en: 'Individual objectives' },
  behaviours: { it: 'Comportamenti organizzativi', en: 'Behaviours' },
};

/** N.V.: `exclude` leaves the mean and the other weights are re-normalised; `achieved` counts as 100 (neutralised for external causes). */
export type NotEvaluablePolicy = 'exclude' | 'achieved';
/** Weights that do not sum to 100: `strict` refuses them, `normalise` rescales them and says so. */
export type WeightPolicy = 'strict' | 'normalise';

export interface RatingLevel {
  /** What the evaluator gives (1, 2, 3…). */
  readonly value: number;
  readonly label: string;
  readonly description: string;
  /** The score in percent (0–100) the level is worth. */
  readonly score: Decimal;
}

export interface Behaviour {
  readonly code: string;
  readonly title: string;
  readonly description: string;
}

export interface RatingBand {
  readonly label: string;
  /** Score bounds in percent, both included, compared with the final score rounded to two decimals. */
  readonly min: Decimal;
  readonly max: Decimal;
  /** The bonus coefficient in percent: a person's share of the fund is proportional to it. */
  readonly share: Decimal;
}

export interface Scheme {
  readonly category: StaffCategory;
  /** Percent, summing to 100; a component at 0 is not part of the scheme. */
  readonly components: Readonly<Record<ComponentKind, Decimal>>;
  /** The behaviours rated for this category and their weights (summing to 100). */
  readonly behaviours: readonly { readonly code: string; readonly weight: Decimal }[];
  readonly bands: readonly RatingBand[];
}

export interface IndicatorThreshold {
  /** The objective the indicator belongs to and the indicator's name. */
  readonly code: string;
  readonly indicator: string;
  readonly green: Decimal;
  readonly yellow: Decimal;
}

export interface Smvp {
  readonly organisation: string;
  readonly year: number;
  /** The traffic lights: green above `green` (or from it when inclusive), yellow from `yellow`, red below. */
  readonly legend: { readonly green: Decimal; readonly yellow: Decimal; readonly greenInclusive: boolean; readonly yellowInclusive: boolean };
  /** Where a plan prints its own "range di valutazione" on a row. */
  readonly indicatorThresholds: readonly IndicatorThreshold[];
  readonly defaultScoring: 'on_off' | 'proportional';
  readonly notEvaluable: NotEvaluablePolicy;
  readonly notMeasured: NotMeasuredPolicy;
  readonly weightPolicy: WeightPolicy;
  readonly ratingScale: readonly RatingLevel[];
  readonly behaviours: readonly Behaviour[];
  readonly schemes: readonly Scheme[];
}

const CENT = new Decimal('0.01');

/**
 * Refuses a band table with a gap or an overlap, naming the place. Bands may be written in any
 * order (decrees list them from the best down); together they must cover 0–100 at the hundredth,
 * the precision a final score is compared at: a table "91–100, 76–90" leaves 90,01–90,99 without a
 * band and is refused, as is "91–100, 76–91" (91 in two bands).
 */
export function bandProblems(bands: readonly RatingBand[], field: string): Issue[] {
  const issues: Issue[] = [];
  const at = (i: number, f: string): { field: string } => ({ field: `${field}.${i}.${f}` });
  if (bands.length === 0) return [problem('error', 'bands-empty', {}, { field })];
  bands.forEach((b, i) => {
    if (b.min.greaterThan(b.max)) issues.push(problem('error', 'band-reversed', { label: b.label, min: b.min.toString(), max: b.max.toString() }, at(i, 'min')));
    if (b.min.lessThan(ZERO) || b.max.greaterThan(HUNDRED)) issues.push(problem('error', 'band-out-of-range', { label: b.label }, at(i, b.min.lessThan(ZERO) ? 'min' : 'max')));
    if (b.min.decimalPlaces() > 2 || b.max.decimalPlaces() > 2) issues.push(problem('error', 'band-precision', { label: b.label }, at(i, 'min')));
    if (b.share.lessThan(ZERO) || b.share.greaterThan(HUNDRED)) issues.push(problem('error', 'band-share', { label: b.label }, at(i, 'share')));
  });
  if (issues.length > 0) return issues;
  const order = bands.map((b, i) => ({ b, i })).sort((x, y) => x.b.min.comparedTo(y.b.min) || x.i - y.i);
  const lowest = order[0]!;
  if (!lowest.b.min.isZero()) issues.push(problem('error', 'band-gap', { from: '0', to: lowest.b.min.minus(CENT).toString() }, at(lowest.i, 'min')));
  const highest = order.reduce((best, x) => (x.b.max.greaterThan(best.b.max) ? x : best), order[0]!);
  if (!highest.b.max.equals(HUNDRED)) issues.push(problem('error', 'band-gap', { from: highest.b.max.plus(CENT).toString(), to: '100' }, at(highest.i, 'max')));
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const next = order[k]!;
    const expected = prev.b.max.plus(CENT);
    if (next.b.min.lessThanOrEqualTo(prev.b.max)) {
      issues.push(
        problem(
          'error',
          'band-overlap',
          { label: next.b.label, min: next.b.min.toString(), max: next.b.max.toString(), other: prev.b.label, otherMin: prev.b.min.toString(), otherMax: prev.b.max.toString() },
          at(next.i, 'min'),
        ),
      );
    } else if (next.b.min.greaterThan(expected)) {
      issues.push(problem('error', 'band-gap', { from: expected.toString(), to: next.b.min.minus(CENT).toString(), after: prev.b.label, before: next.b.label }, at(next.i, 'min')));
    }
  }
  return issues;
}

/** The band of a final score (rounded half up to two decimals first); null when the table has none for it. */
export function bandOf(score: Decimal, bands: readonly RatingBand[]): RatingBand | null {
  const shown = score.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return bands.find((b) => shown.greaterThanOrEqualTo(b.min) && shown.lessThanOrEqualTo(b.max)) ?? null;
}

/** The sum of weights and whether it is 100, for the weight policy. */
export function weightTotal(weights: readonly Decimal[]): Decimal {
  return weights.reduce((a, w) => a.plus(w), ZERO);
}

export function schemeOf(smvp: Smvp, category: StaffCategory): Scheme | undefined {
  return smvp.schemes.find((s) => s.category === category);
}

export function levelOf(smvp: Smvp, value: number): RatingLevel | undefined {
  return smvp.ratingScale.find((l) => l.value === value);
}

/** Every rule an SMVP must keep, each problem at its field. */
export function smvpProblems(smvp: Smvp): Issue[] {
  const issues: Issue[] = [];
  const { legend } = smvp;
  if (legend.yellow.greaterThan(legend.green)) issues.push(problem('error', 'legend-order', { green: legend.green.toString(), yellow: legend.yellow.toString() }, { field: 'legend.yellow' }));
  smvp.indicatorThresholds.forEach((t, i) => {
    if (t.yellow.greaterThan(t.green))
      issues.push(problem('error', 'legend-order', { green: t.green.toString(), yellow: t.yellow.toString(), code: t.code, indicator: t.indicator }, { field: `indicatorThresholds.${i}.yellow` }));
  });
  if (smvp.ratingScale.length < 2) issues.push(problem('error', 'scale-too-short', {}, { field: 'ratingScale' }));
  const values = new Set<number>();
  smvp.ratingScale.forEach((l, i) => {
    if (values.has(l.value)) issues.push(problem('error', 'scale-duplicate', { value: l.value }, { field: `ratingScale.${i}.value` }));
    values.add(l.value);
    if (l.score.lessThan(ZERO) || l.score.greaterThan(HUNDRED)) issues.push(problem('error', 'scale-score', { value: l.value }, { field: `ratingScale.${i}.score` }));
  });
  const codes = new Set<string>();
  smvp.behaviours.forEach((b, i) => {
    if (codes.has(b.code)) issues.push(problem('error', 'behaviour-duplicate', { code: b.code }, { field: `behaviours.${i}.code` }));
    codes.add(b.code);
  });
  const categories = new Set<StaffCategory>();
  smvp.schemes.forEach((s, i) => {
    if (categories.has(s.category)) issues.push(problem('error', 'scheme-duplicate', { category: s.category }, { field: `schemes.${i}.category` }));
    categories.add(s.category);
    const total = weightTotal(COMPONENT_KINDS.map((k) => s.components[k]));
    if (!total.equals(HUNDRED)) issues.push(problem('error', 'component-weights', { category: s.category, total: total.toString() }, { field: `schemes.${i}.components` }));
    COMPONENT_KINDS.forEach((k) => {
      if (s.components[k].lessThan(ZERO)) issues.push(problem('error', 'component-weight-negative', { category: s.category, component: k }, { field: `schemes.${i}.components.${k}` }));
    });
    if (s.components.behaviours.greaterThan(ZERO)) {
      if (s.behaviours.length === 0) issues.push(problem('error', 'behaviours-missing', { category: s.category, weight: s.components.behaviours.toString() }, { field: `schemes.${i}.behaviours` }));
      else {
        const bt = weightTotal(s.behaviours.map((b) => b.weight));
        if (!bt.equals(HUNDRED)) issues.push(problem('error', 'behaviour-weights', { category: s.category, total: bt.toString() }, { field: `schemes.${i}.behaviours` }));
      }
    }
    s.behaviours.forEach((b, j) => {
      if (!codes.has(b.code)) issues.push(problem('error', 'behaviour-unknown', { category: s.category, code: b.code }, { field: `schemes.${i}.behaviours.${j}.code` }));
    });
    issues.push(...bandProblems(s.bands, `schemes.${i}.bands`));
  });
  return issues;
}
