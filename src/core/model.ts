/**
 * The plan: a tree of objectives of any depth, each with weighted indicators.
 *
 * The plan holds inputs only (weights, targets, actuals, states, rules). Performance is always
 * computed from them by `evaluatePlan`; a value published somewhere else is a `StatedCell`, kept
 * apart and only ever compared against the computation.
 */
import type { Decimal } from './decimal.js';
import type { Band } from './band.js';
import type { Legend } from './legend.js';
import type { Language } from './words.js';
import type { PublicValidation } from './validated-values.js';

export type Comparator = '>=' | '<=' | '=';
export const COMPARATORS: readonly Comparator[] = ['>=', '<=', '='];

/** The unit of an indicator's target and actual. Percent values are held in percentage points (50 = 50%). */
export type Unit = 'number' | 'percent' | 'date' | 'boolean';
export const UNITS: readonly Unit[] = ['number', 'percent', 'date', 'boolean'];

/** A target or actual value: a number (in the indicator's unit), a calendar date (ISO `yyyy-mm-dd`) or yes/no. */
export type Amount = { readonly kind: 'number'; readonly value: Decimal } | { readonly kind: 'date'; readonly value: string } | { readonly kind: 'boolean'; readonly value: boolean };

/**
 * How far an indicator has been measured. The four states never collapse into each other:
 * `not_achieved` scores 0 and counts; `not_evaluable` (N.V.) leaves the computation with a reason;
 * `not_measured` has no data (the plan's `notMeasured` policy decides what that means): either
 * nothing entered yet, or declared not measured (`declared`, a value saved as such).
 */
export type MeasurementState = 'measured' | 'not_achieved' | 'not_evaluable' | 'not_measured';
export const MEASUREMENT_STATES: readonly MeasurementState[] = ['measured', 'not_achieved', 'not_evaluable', 'not_measured'];

/**
 * An indicator's state as a reading of the plan gives it: one of its measurement's states, or
 * `pending` (in corso di misurazione) in a plan whose values are withheld (`Plan.valuesWithheld`):
 * the period is still taking values, so the reader is not told "not measured", which would be a
 * fact about the indicator, but that its result is not available yet. Never entered nor stored.
 */
export type IndicatorState = MeasurementState | 'pending';
export const INDICATOR_STATES: readonly IndicatorState[] = [...MEASUREMENT_STATES, 'pending'];

/** The state of an indicator read from a plan whose values are not withheld (an appraisal's, a closing's): its measurement's. */
export function measuredState(state: IndicatorState): MeasurementState {
  if (state === 'pending') throw new Error('a plan whose values are withheld has no measurement states');
  return state;
}

export type Measurement =
  /** `actual` for a direct indicator; `inputs` (base measures) for a ratio or trend formula. */
  | { readonly state: 'measured'; readonly actual?: Amount; readonly inputs?: Readonly<Record<string, Decimal>> }
  | { readonly state: 'not_achieved' }
  | { readonly state: 'not_evaluable'; readonly reason: string }
  /**
   * `declared`: a value was saved as not measured, with the reason given (null: none). It counts as
   * entered (no reminder asks for it again), so the screens must not read it as missing; absent:
   * nothing entered yet.
   */
  | { readonly state: 'not_measured'; readonly declared?: { readonly reason: string | null } };

/** One point of a band or threshold scale: at this actual value, this score (0–100). */
export interface BandPoint {
  readonly at: Amount;
  readonly score: Decimal;
}

/**
 * How an indicator's actual becomes a score from 0 to 100.
 * - `on_off`: 100 when the comparator holds, else 0.
 * - `proportional`: actual/target for `>=`, target/actual for `<=`, capped at 100 (see scoring.ts for target 0 and negatives).
 * - `bands`: a scale of points; `fixed` gives the score of the band reached, `interpolated` draws straight lines between points.
 * - `threshold`: 0 at or beyond `floor`, 100 at the target, a straight line in between.
 */
export type ScoringRule =
  | { readonly kind: 'on_off' }
  | { readonly kind: 'proportional' }
  | { readonly kind: 'bands'; readonly mode: 'fixed' | 'interpolated'; readonly points: readonly BandPoint[] }
  | { readonly kind: 'threshold'; readonly floor: Amount };

/**
 * A derived indicator's actual is computed, not entered.
 * - `children_mean`: weighted mean of the performance of the objective's child objectives
 *   (their own weights where given, equal weights otherwise), in percent.
 * - `ratio`: numerator / denominator of two base measures, times `scale` (100 for a percentage).
 * - `trend`: year-over-year change `(current − previous) / previous × 100`, in percent.
 */
export type Formula =
  | { readonly kind: 'children_mean' }
  | { readonly kind: 'ratio'; readonly numerator: string; readonly denominator: string; readonly scale: Decimal }
  | { readonly kind: 'trend'; readonly current: string; readonly previous: string };

/**
 * Whether an indicator with `formula` (null: entered) has its actual computed from its objective's
 * children: nothing to enter, forecast or review, so the campaign, the closing and the value's write
 * leave it out. Decided on the formula as read, its kind, never on its stored text: a ratio's base
 * measure may be named `children_mean` and is entered like any other. The one test of that kind
 * (the engine, the explanation, the readers and writers): a type guard, so that past it a formula is
 * a ratio or a trend.
 *
 * @example computedFromChildren({ kind: 'children_mean' }) // true
 * @example computedFromChildren({ kind: 'trend', current: 'children_mean', previous: 'prima' }) // false
 */
export function computedFromChildren(formula: { readonly kind: string } | null | undefined): formula is { readonly kind: 'children_mean' } {
  return formula?.kind === 'children_mean';
}

export interface Indicator {
  /** Stable within a plan: `<objective code>:<position>` for imported plans, a database id otherwise. */
  readonly id: string;
  readonly name: string;
  /** Weight in its objective, in percent. */
  readonly weight: Decimal;
  readonly comparator: Comparator;
  /** For `=`: the largest difference still counted as equal. */
  readonly tolerance: Decimal | null;
  readonly target: Amount | null;
  readonly unit: Unit;
  /** null: the plan's default rule. */
  readonly scoring: ScoringRule | null;
  readonly formula: Formula | null;
  readonly measurement: Measurement;
  /** The three-year horizon (PIAO): the last known value before the plan, in the indicator's unit, and the year it refers to. */
  readonly baseline?: Amount | null;
  readonly baselineYear?: number | null;
  /** Targets of the two years after the plan's (`target` is the plan's year's): [year + 1, year + 2], null where not set. */
  readonly nextTargets?: readonly [Amount | null, Amount | null];
  /**
   * For a `trend` formula: last year's value of the quantity, from the indicator's predecessor in
   * last year's plan (its year-end `current` base measure, or its actual). Used as the `previous`
   * base measure when none is entered.
   */
  readonly predecessorValue?: PredecessorValue | null;
  readonly source?: string;
  readonly owner?: string;
  readonly notes?: string;
  readonly origin?: SourceLocation;
}

/** Last year's value of an indicator's quantity, as its successor's trend reads it. */
export interface PredecessorValue {
  readonly value: Decimal;
  /** The year of the plan it comes from. */
  readonly year: number;
}

export interface Objective {
  /** Unique in the plan: `A`, `A.1`, `B.4.2`… */
  readonly code: string;
  readonly title: string;
  /** null for a root (an area). */
  readonly parent: string | null;
  /** Free text from the plan: `area`, `strategic`, `operational`, or a body's own level names. */
  readonly level?: string;
  /** Own weight in the parent's mean of its children, in percent; null: children count equally. */
  readonly weight: Decimal | null;
  readonly indicators: readonly Indicator[];
  readonly owner?: string;
  readonly origin?: SourceLocation;
}

/** What to do with an indicator that has no data yet (GZOOM calls this the missing-value policy). */
export type NotMeasuredPolicy = 'skip' | 'zero' | 'block';

export interface PlanSettings {
  /** Used by every indicator whose own `scoring` is null. */
  readonly defaultScoring: ScoringRule;
  readonly legend: Legend;
  readonly notMeasured: NotMeasuredPolicy;
}

export interface Plan {
  readonly title: string;
  /** In file order; a parent comes before its children. */
  readonly nodes: readonly Objective[];
  readonly settings: PlanSettings;
  /**
   * The plan as adopted, read while its period still takes values (`withoutValues`: what the public
   * reads of it): every indicator is `pending`, none scores or blocks whatever the `notMeasured`
   * policy, so no objective has a performance.
   */
  readonly valuesWithheld?: true;
  /**
   * With `valuesWithheld`: the plan was archived before this period was closed, so its results will
   * never be given: the words say so (`resultsNotClosed`), not that the period is in progress.
   */
  readonly notClosedWhenArchived?: true;
}

/** How big a plan is, as every summary and document says it. */
export interface PlanSize {
  /** The objectives without a parent: the areas strategiche. */
  readonly areas: number;
  /** The objectives under the areas, at any level. */
  readonly objectives: number;
  readonly indicators: number;
}

/**
 * A plan counted one way everywhere: the areas apart from the objectives under them, as the
 * Relazione says "3 aree strategiche, 46 obiettivi" (the CLI's "49 objectives" counted the areas
 * as objectives too, and disagreed with the document it had just written).
 *
 * @example planSize(plan) // { areas: 3, objectives: 46, indicators: 88 } for the 2024 fixture
 */
export function planSize(plan: Pick<Plan, 'nodes'>): PlanSize {
  const areas = plan.nodes.filter((n) => n.parent === null).length;
  return { areas, objectives: plan.nodes.length - areas, indicators: plan.nodes.reduce((t, n) => t + n.indicators.length, 0) };
}

/**
 * The years a plan may be for, the first and last included: one range for the API and the command
 * line, wide enough for any plan kept or drafted, narrow enough to refuse a typing slip (`0000`).
 */
export const PLAN_YEARS = { first: 1990, last: 2100 } as const;

/**
 * The most characters a plan's title may have (after trimming, counted as JavaScript counts a
 * string's length): one limit for the API's plan bodies and `albero next-year --title`.
 */
export const PLAN_TITLE_MAX = 300;

/** The most characters a body's (ente's) name may have, after trimming: as a plan is made, or its body corrected. */
export const ORGANISATION_MAX = 300;

/** Where something came from, for messages a person can act on. */
export interface SourceLocation {
  readonly file?: string;
  readonly line?: number;
  /** A registry's row (CSV record or sheet row), where the file is read as rows of a table. */
  readonly row?: number;
  readonly sheet?: string;
  readonly cell?: string;
  readonly column?: string;
  readonly node?: string;
  readonly indicator?: string;
  readonly field?: string;
}

/**
 * A value printed in a published table that follows from other cells: checked, never trusted.
 * `value` null means the cell was empty.
 */
export interface StatedCell {
  readonly cell: 'performance_kpi' | 'performance_objective' | 'actual';
  /** The objective the cell belongs to. */
  readonly code: string;
  /** Set for indicator cells. */
  readonly indicator?: string;
  readonly value: Decimal | null;
  readonly origin: SourceLocation;
}

/** An objective's band as a computed document states it (the open data's `band`), checked by `verify`. */
export interface StatedBand {
  readonly code: string;
  readonly band: Band | null;
  readonly origin: SourceLocation;
}

/** A plan read from a published table, with the values the table stated (io reads it; the store keeps it). */
export interface ImportedTable {
  readonly plan: Plan;
  readonly stated: readonly StatedCell[];
  /** The objectives' bands a computed document states (a table states none), for `verify`. */
  readonly statedBands?: readonly StatedBand[];
  /**
   * The language the published table is headed in (`Obiettivo, …` or `Objective, …`), which names
   * its stated cells to the reader (`verify`); absent for the template, whose heads are Italian.
   */
  readonly language?: Language;
  /**
   * What a computed plan's open data (dati.json) state beside the plan: the body, the year, the act
   * adopting it and the OIV's published validation; absent for every other input (a table, the
   * import document, the server's tree, `evaluate --json`'s document, which has no metadata).
   */
  readonly publication?: Publication;
  /**
   * The baseline years read, each at its cell: the plan's year is known only once the table is read
   * (the form's, or the title's), so the importer checks them against it then (none after it).
   */
  readonly baselineYears?: readonly { readonly indicator: string; readonly year: number; readonly origin: SourceLocation }[];
  /**
   * The units (strutture) the template's rows assign their objective or indicator to, each at its
   * Struttura cell, as written (a name or a code): only a store's registry knows the units, so the
   * server finds them when it imports the plan (an unknown one is an error at its cell).
   */
  readonly assignedUnits?: readonly UnitAssignment[];
  /**
   * The people (referenti) the template's rows assign their objective or indicator to, each at its
   * Referente cell, as written (an account's e-mail or username): only a store knows the accounts,
   * so the server finds them when it imports the plan (an unknown one is an error at its cell).
   */
  readonly assignedPeople?: readonly PersonAssignment[];
}

/** What the open data say of a plan besides its figures (`ImportedTable.publication`); null: not said. */
export interface Publication {
  readonly body: string | null;
  readonly year: number | null;
  readonly adoption: { readonly kind: string; readonly number: string; readonly date: string } | null;
  /** The OIV's validation as the public plan states it (validated, or with reservations; figures that differ only). */
  readonly validation: PublicValidation | null;
}

/** One row's Struttura: the objective's (no `indicator`) or the indicator's unit, by name or code. */
export interface UnitAssignment {
  readonly objective: string;
  readonly indicator?: string;
  readonly unit: string;
  readonly origin: SourceLocation;
}

/** One row's Referente: the person the objective (no `indicator`) or the indicator is assigned to, by e-mail or username. */
export interface PersonAssignment {
  readonly objective: string;
  readonly indicator?: string;
  readonly person: string;
  readonly origin: SourceLocation;
}
