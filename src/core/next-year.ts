/**
 * Next year's plan from this one (the PIAO's rolling three years): the same tree, codes, weights,
 * rules, formulas and owners; each target rolled forward; this year's year-end actuals become the
 * baselines; no values. Pure: the store and `albero next-year` both make the new plan with it.
 */
import type { Evaluation, IndicatorResult } from './evaluation.js';
import type { Amount, Indicator, Plan, Objective, ScoringRule } from './model.js';

export interface RollForward {
  /** The year of the plan rolled forward (the baselines' year); the new plan's is the one after. */
  readonly fromYear: number;
  /** The new plan's title (default: the old one with its year replaced). */
  readonly title?: string;
}

/**
 * The title of next year's plan: the old year in the title becomes the new one.
 *
 * @example nextYearTitle('Albero performance 2024', 2024, 2025) // 'Albero performance 2025'
 */
export function nextYearTitle(title: string, fromYear: number, year: number): string {
  return title.replace(new RegExp(`\\b${fromYear}\\b`, 'g'), String(year));
}

/**
 * The plan for the year after `options.fromYear` from `evaluation` (this year's plan evaluated at
 * its year end): only the next year, since a later year's plan is made from the plan of the year
 * before it (its baselines are that year's actuals). Per indicator:
 * - target: the target this year set for the next (`nextTargets[0]`), otherwise the same target
 *   (a date moved on a year); the new plan's later target is this one's `nextTargets[1]`, the
 *   last one left to set;
 * - baseline: this year's year-end actual with its year (for a derived indicator, its computed
 *   actual); with no actual (not measured, not achieved, N.V.) the older baseline stays;
 * - measurement: none.
 * Ids and codes are kept, so each objective and indicator has its predecessor under the same name.
 */
export function rollForward(evaluation: Evaluation, options: RollForward): Plan {
  const plan = evaluation.plan;
  // One pass over the results (a look-up per indicator would cost more than the whole evaluation).
  const results = evaluation.nodeResults;
  const nodes = plan.nodes.map((node, n): Objective => {
    const scored = results[n]?.objective.code === node.code ? results[n]!.indicators : null;
    return {
      code: node.code,
      title: node.title,
      parent: node.parent,
      ...(node.level === undefined ? {} : { level: node.level }),
      weight: node.weight,
      ...(node.owner === undefined ? {} : { owner: node.owner }),
      indicators: node.indicators.map((ind, k) => rollIndicator(ind, scored?.[k]?.indicator.id === ind.id ? scored[k] : evaluation.indicator(ind.id), options.fromYear)),
    };
  });
  return { title: options.title ?? nextYearTitle(plan.title, options.fromYear, options.fromYear + 1), nodes, settings: plan.settings };
}

function rollIndicator(ind: Indicator, result: IndicatorResult | undefined, fromYear: number): Indicator {
  const [planned, later] = ind.nextTargets ?? [null, null];
  const actual: Amount | null = result?.state === 'measured' ? result.actual : null;
  const measured = actual !== null;
  // Written out, not `{...rest}`: an object rest of 20,000 indicators cost half a second.
  return {
    id: ind.id,
    name: ind.name,
    weight: ind.weight,
    comparator: ind.comparator,
    tolerance: ind.tolerance,
    // A deadline kept from last year falls on the same day of the new year (30/04/2024 → 30/04/2025), as do a rule's dates.
    target: planned ?? aYearLater(ind.target),
    unit: ind.unit,
    scoring: shiftRule(ind.scoring),
    formula: ind.formula,
    measurement: NOT_MEASURED,
    baseline: measured ? actual : (ind.baseline ?? null),
    baselineYear: measured ? fromYear : (ind.baselineYear ?? null),
    nextTargets: [later, null],
    ...(ind.source === undefined ? {} : { source: ind.source }),
    ...(ind.owner === undefined ? {} : { owner: ind.owner }),
    ...(ind.notes === undefined ? {} : { notes: ind.notes }),
  };
}

const NOT_MEASURED = { state: 'not_measured' } as const;

/**
 * The plan as adopted, without a single value: every indicator `pending` (`valuesWithheld`), its
 * base measures gone, so nothing scores and no objective has a performance or band. What the public
 * reads of a period still taking values (server/public-periods.ts): its objectives, weights, targets
 * and baselines, never a provisional value. `notClosedWhenArchived`: its plan was archived with the
 * period not closed (its words say no result will come).
 */
export function withoutValues(plan: Plan, notClosedWhenArchived = false): Plan {
  return {
    ...plan,
    valuesWithheld: true,
    ...(notClosedWhenArchived ? { notClosedWhenArchived } : {}),
    nodes: plan.nodes.map((node) => ({ ...node, indicators: node.indicators.map((ind) => ({ ...ind, measurement: NOT_MEASURED })) })),
  };
}

/**
 * A date amount on the same day a year later (29 February → 28 February in a common year); other
 * amounts as they are. A plan rolls forward one year at a time (`rollForward`).
 *
 * @example aYearLater({ kind: 'date', value: '2024-02-29' }) // { kind: 'date', value: '2025-02-28' }
 */
export function aYearLater(amount: Amount | null): Amount | null {
  if (amount === null || amount.kind !== 'date') return amount;
  const [y, month, day] = amount.value.split('-');
  const year = Number(y) + 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return { kind: 'date', value: `${String(year).padStart(4, '0')}-${month}-${month === '02' && day === '29' && !leap ? '28' : day}` };
}

/** A rule's dates moved on a year, as the target's. */
function shiftRule(rule: ScoringRule | null): ScoringRule | null {
  if (rule?.kind === 'threshold') return { ...rule, floor: aYearLater(rule.floor)! };
  if (rule?.kind === 'bands') return { ...rule, points: rule.points.map((p) => ({ ...p, at: aYearLater(p.at)! })) };
  return rule;
}
