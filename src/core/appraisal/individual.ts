/**
 * The individual performance of a year in aggregate, as the Relazione's §5 reports it (guideline
 * n. 3/2018): the forms by staff category and state, the concluded forms by rating band, and the
 * bonuses as the art. 20 table publishes them. Plain data (JSON): a validation keeps it with the
 * Relazione's cover, and the documents say it as it was then.
 *
 * **No one identifiable.** The art. 20 table's threshold (`SMALL_GROUP`, disclosure.ts) is the one
 * used here: a category with fewer forms is merged with the other small ones, and, when those
 * together are still fewer, with the smallest of the others, so that no row counts the states of one
 * or two people (their dispute is personal); a category with fewer concluded forms has no band
 * distribution (one rating among two known people is theirs). Fewer forms than that in all: nothing
 * but that is said.
 *
 * @example
 * individualFigures({ at: '2025-05-30', forms: [{ category: 'eq', state: 'final', band: 'Buono' }, …], bandOrder: { eq: ['Eccellente', 'Buono'] }, bonuses: null })
 */
import { SMALL_GROUP } from './disclosure.js';
import { STAFF_CATEGORIES } from './smvp.js';
import type { StaffCategory } from './categories.js';
import type { FormState } from './workflow.js';

/** A form as the aggregate reads it; `band`: a final form's band label, null when it falls in none. */
export interface FormFigure {
  readonly category: StaffCategory;
  readonly state: FormState;
  readonly band: string | null;
}

/** A row of the forms by state: one category, or small ones merged (`categories` lists them). */
export interface StateRow {
  readonly categories: readonly StaffCategory[];
  readonly forms: number;
  /** `final`. */
  readonly concluded: number;
  /** `contested`: disputed, in conciliation. */
  readonly disputed: number;
  /** Every other state, from the draft to the acceptance. */
  readonly inProgress: number;
}

/** A category's concluded forms by band, in the SMVP's order (highest first), the forms in no band last (`band` null). */
export interface BandDistribution {
  readonly category: StaffCategory;
  readonly rows: readonly { readonly band: string | null; readonly people: number }[];
}

/** A row of the art. 20 table as published (routes/rewards.ts): amounts null where withheld. */
export interface BonusRow {
  readonly category: StaffCategory;
  /** Null: the people with no band. */
  readonly band: string | null;
  readonly people: number;
  readonly totalCents: string | null;
  readonly meanCents: string | null;
}

export interface IndividualFigures {
  /** The day the figures were read (ISO `YYYY-MM-DD`, the body's day). */
  readonly at: string;
  readonly total: number;
  readonly concluded: number;
  /** Fewer than `SMALL_GROUP` forms in all: no figure but their being few is given. */
  readonly withheld: boolean;
  readonly states: readonly StateRow[];
  readonly bands: readonly BandDistribution[];
  /** Categories with forms whose band distribution is not given: fewer than `SMALL_GROUP` concluded. */
  readonly bandsWithheld: readonly StaffCategory[];
  /** The published bonuses; null: no fund shared out for the year yet. */
  readonly bonuses: readonly BonusRow[] | null;
}

export interface IndividualInput {
  readonly at: string;
  readonly forms: readonly FormFigure[];
  /** Each category's band labels as its SMVP scheme orders them (highest first). */
  readonly bandOrder: Partial<Record<StaffCategory, readonly string[]>>;
  readonly bonuses: readonly BonusRow[] | null;
}

function stateRow(categories: readonly StaffCategory[], forms: readonly FormFigure[]): StateRow {
  const own = forms.filter((f) => categories.includes(f.category));
  const concluded = own.filter((f) => f.state === 'final').length;
  const disputed = own.filter((f) => f.state === 'contested').length;
  return { categories, forms: own.length, concluded, disputed, inProgress: own.length - concluded - disputed };
}

/** The aggregate of `input.forms` (see the module's rule on small groups). */
export function individualFigures(input: IndividualInput): IndividualFigures {
  const { forms } = input;
  const total = forms.length;
  const concluded = forms.filter((f) => f.state === 'final').length;
  const count = (c: StaffCategory): number => forms.filter((f) => f.category === c).length;
  const present = STAFF_CATEGORIES.filter((c) => count(c) > 0);
  if (total < SMALL_GROUP) return { at: input.at, total, concluded, withheld: true, states: [], bands: [], bandsWithheld: [], bonuses: input.bonuses };
  const small = present.filter((c) => count(c) < SMALL_GROUP);
  const large = present.filter((c) => count(c) >= SMALL_GROUP);
  const merged = [...small];
  // Still too few together: the smallest of the others joins them (among equals the later one).
  while (merged.length > 0 && merged.reduce((n, c) => n + count(c), 0) < SMALL_GROUP && large.length > 0) {
    const smallest = large.reduce((a, b) => (count(b) <= count(a) ? b : a));
    large.splice(large.indexOf(smallest), 1);
    merged.push(smallest);
  }
  const order = (cs: readonly StaffCategory[]): StaffCategory[] => STAFF_CATEGORIES.filter((c) => cs.includes(c));
  const states = [...large.map((c) => stateRow([c], forms)), ...(merged.length === 0 ? [] : [stateRow(order(merged), forms)])];
  const bands: BandDistribution[] = [];
  const bandsWithheld: StaffCategory[] = [];
  for (const category of present) {
    const final = forms.filter((f) => f.category === category && f.state === 'final');
    if (final.length < SMALL_GROUP) {
      bandsWithheld.push(category);
      continue;
    }
    const labels = input.bandOrder[category] ?? [...new Set(final.flatMap((f) => (f.band === null ? [] : [f.band])))];
    const rows: { band: string | null; people: number }[] = labels.map((band) => ({ band, people: final.filter((f) => f.band === band).length }));
    const unbanded = final.filter((f) => f.band === null || !labels.includes(f.band)).length;
    if (unbanded > 0) rows.push({ band: null, people: unbanded });
    bands.push({ category, rows });
  }
  return { at: input.at, total, concluded, withheld: false, states, bands, bandsWithheld, bonuses: input.bonuses };
}
