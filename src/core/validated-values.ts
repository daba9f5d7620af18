/**
 * The OIV's validated values checked against each other by the plan's rules. A parent objective
 * whose performance is made from its children (an area rolling them up, or an objective with a
 * `children_mean` indicator) cannot be validated at a value its children, as validated (or as
 * reported where the OIV left them), do not give: the Relazione would show an area at 85% over
 * objectives whose weighted mean is 78%. Pure: the server refuses such a row unless the OIV says
 * the difference is deliberate, the Relazione and the documento di validazione state it.
 */
import { Decimal, round } from './decimal.js';
import { evaluatePlan, weightedMean, type Evaluation } from './evaluation.js';
import { ruleCeiling } from './scoring.js';
import { classify } from './legend.js';
import type { Band } from './band.js';
import { computedFromChildren, type Plan } from './model.js';

/** A validated value as this check reads it (the store's, the request's, the document's alike). */
export interface ValidatedFigure {
  readonly code: string;
  readonly validated: Decimal;
}

/**
 * The highest performance the plan's scoring can give an objective: the ceiling of a figure the OIV
 * validates. An objective's performance is a weighted mean of its indicators' scores (and of its
 * children's performance), so it never exceeds the highest score of the rules the plan uses, its
 * default and each indicator's own. A validated 150 on a plan whose rules stop at 100 is no
 * performance the plan can have: the Relazione would print it beside a band and the appraisal forms
 * would score people on it.
 *
 * @example performanceCeiling(plan) // Decimal(100): every rule today scores within [0, 100]
 */
export function performanceCeiling(plan: Plan): Decimal {
  let ceiling = ruleCeiling(plan.settings.defaultScoring);
  for (const node of plan.nodes) for (const indicator of node.indicators) if (indicator.scoring !== null) ceiling = Decimal.max(ceiling, ruleCeiling(indicator.scoring));
  return ceiling;
}

/**
 * The validated values read against the plan as reported: what each one's children give
 * (`fromChildren`) and the objectives that follow them (`following`), both from one evaluation
 * with every validated value forced, made once and only when asked. A save of the OIV's review
 * checks its values and answers with both: one reading serves the whole request
 * (docs/benchmarks.md, "oivbench").
 *
 * @example
 *   // A.2 = 30% trend + 70% mean of A.2.1 and A.2.2: with A.2.1 validated at 75,5 it gives 91,425.
 *   const reading = new ValidatedReading(evaluatePlan(plan), [{ code: 'A.2.1', validated: new Decimal(75.5) }, { code: 'A.2', validated: new Decimal(85) }]);
 *   reading.fromChildren(); // → [undefined, Decimal(91.425)]
 *   reading.following(); // the objectives above them whose performance moves
 */
export class ValidatedReading {
  private readonly plan: Plan;
  private validated: Evaluation | undefined;
  private given: (Decimal | null | undefined)[] | undefined;
  private follows: FollowingObjective[] | undefined;

  /** `reported`: the plan's evaluation with no value forced, the figures the OIV's values differ from. */
  constructor(
    readonly reported: Evaluation,
    readonly values: readonly ValidatedFigure[],
  ) {
    this.plan = reported.currentPlan();
  }

  /**
   * For each of the values, in order, the performance its children give by the plan's rules, every
   * other validated value taken as validated: undefined when the objective is not made from its
   * children (a leaf, an objective scored by its own indicators alone, a code the plan lacks) or
   * when none of the objectives below it is validated (then it differs from the reported value
   * only, as any objective may); null when its children give none (none measured).
   */
  fromChildren(): (Decimal | null | undefined)[] {
    return (this.given ??= fromChildren(this.plan, this.values, () => this.forced()));
  }

  /**
   * The objectives the OIV did not validate whose performance moves with the values it did (an area
   * above a validated objective): each with its reported performance and the one it follows, in the
   * plan's order. The engine rolls them up from the validated values (`EvaluationOptions.forced`), as
   * the appraisal forms take them; the Relazione says so beside the validated ones.
   */
  following(): FollowingObjective[] {
    if (this.follows !== undefined) return this.follows;
    if (this.values.length === 0) return (this.follows = []);
    const validated = this.forced();
    const given = new Set(this.values.map((v) => v.code));
    return (this.follows = this.plan.nodes.flatMap((n) => {
      if (given.has(n.code)) return [];
      const before = this.reported.node(n.code)?.performance ?? null;
      const after = validated.node(n.code)?.performance ?? null;
      const same = before === null || after === null ? before === after : round(before).equals(round(after));
      return same ? [] : [{ code: n.code, reported: before, following: after }];
    }));
  }

  /** The plan evaluated with every validated value forced (`validatedEvaluation`), made once. */
  forced(): Evaluation {
    return (this.validated ??= validatedEvaluation(this.plan, this.values));
  }
}

/** An objective the OIV did not validate whose performance moves with the values it did. */
export interface FollowingObjective {
  readonly code: string;
  readonly reported: Decimal | null;
  readonly following: Decimal | null;
}

/**
 * The plan evaluated with every validated value forced, as the appraisal forms take them: what the
 * OIV validated (the Relazione's comparison reads last year's figures so, once validated).
 */
export function validatedEvaluation(plan: Plan, values: readonly ValidatedFigure[]): Evaluation {
  return evaluatePlan(plan, { forced: new Map(values.map((v) => [v.code, v.validated])) });
}

function fromChildren(plan: Plan, values: readonly ValidatedFigure[], validated: () => Evaluation): (Decimal | null | undefined)[] {
  const parents = new Set(plan.nodes.flatMap((n) => (n.parent === null ? [] : [n.parent])));
  const byCode = new Map(plan.nodes.map((n) => [n.code, n]));
  // The objectives with a validated value somewhere below them, walking up from each value once.
  const aboveValidated = new Set<string>();
  for (const v of values) {
    // At most as many steps as nodes: a plan's tree has no cycle, but a stored one is not trusted to.
    let steps = plan.nodes.length;
    for (let up = byCode.get(v.code)?.parent ?? null; up !== null && steps-- > 0; up = byCode.get(up)?.parent ?? null) aboveValidated.add(up);
  }
  // One evaluation with every validated value forced serves them all: a parent's performance is
  // made from its own indicators and its subtree only, so what the rules give it before its own
  // value replaces it is what they give with every other value forced (a grandchild's reaches it
  // through its child) and its own not. One evaluation per parent took seconds on a 20,000-indicator
  // plan (docs/benchmarks.md, "oivbench").
  return values.map((v) => {
    const node = byCode.get(v.code);
    if (node === undefined || !parents.has(node.code)) return undefined;
    // Its own indicators alone make it: its children do not enter, whatever they are validated at.
    if (node.indicators.length > 0 && !node.indicators.some((i) => computedFromChildren(i.formula))) return undefined;
    // None of its objectives validated: the OIV differs from the reported value alone, as it may for
    // any objective (the documents print both, with its note); there is nothing to set it against.
    if (!aboveValidated.has(v.code)) return undefined;
    return validated().computedPerformance(v.code) ?? null;
  });
}

/** Whether a validated value and what its children give differ as the documents print them (two decimals). */
export function differsFromChildren(validated: Decimal, fromChildren: Decimal | null | undefined): boolean {
  if (fromChildren === undefined) return false;
  return fromChildren === null || !round(validated).equals(round(fromChildren));
}

/**
 * The body's performance: the weighted mean of its areas (the plan's roots), by their weights when
 * every area has one, else alike, areas without a performance left out. The Relazione's section 3.1
 * and the appraisal forms' organisational component say this one figure.
 */
export function bodyPerformance(evaluation: Evaluation): { readonly performance: Decimal | null; readonly areas: number; readonly weighted: boolean } {
  const roots = evaluation.plan.nodes.filter((n) => n.parent === null);
  const weighted = roots.length > 0 && roots.every((r) => r.weight !== null);
  const terms = roots.flatMap((r) => {
    const p = evaluation.node(r.code)?.performance ?? null;
    return p === null ? [] : [{ weight: weighted ? r.weight! : new Decimal(1), value: p }];
  });
  return { performance: weightedMean(terms), areas: roots.length, weighted };
}

/** An objective whose public figure the OIV's validation changes. */
export interface PublicValidatedObjective {
  readonly code: string;
  /** The figure the reported one gives way to: the OIV's own value, or (not `direct`) what the plan's rules give from them. */
  readonly validated: Decimal | null;
  readonly band: Band | null;
  /** The OIV gave this objective a value of its own (with `note`); else it follows the values of the objectives below it. */
  readonly direct: boolean;
  readonly note: string | null;
}

/**
 * What the public pages state beside the reported figures once the OIV's validation (validated, or
 * with reservations) is published: each objective whose validated figure differs from the reported
 * one as printed (two decimals), and the body's figure when it moves. Made by `ValidatedReading`,
 * as the Relazione's validation chapter makes its table: one formula for both.
 */
export interface PublicValidation {
  /** When the OIV decided (ISO time). */
  readonly decidedAt: string;
  readonly reservations: boolean;
  /** By objective code, in the plan's order. */
  readonly objectives: ReadonlyMap<string, PublicValidatedObjective>;
  /** The body's figure, reported and validated; null when the validated values leave it as reported. */
  readonly body: { readonly reported: Decimal | null; readonly validated: Decimal | null; readonly band: Band | null } | null;
}

/**
 * `reported`: the plan the OIV validated, evaluated as reported (the Relazione's frozen plan);
 * `values`: its validated values with their notes. Null when no figure differs from the reported one
 * (no value, or the OIV confirmed the reported ones): the public pages then say nothing more.
 *
 * @example
 *   // B.1 reported 56%, validated 50%: B (80,25%) follows at 78,75%, yellow.
 *   publicValidation(evaluatePlan(frozen), [{ code: 'B.1', validated: new Decimal(50), note: '…' }], { decidedAt, reservations: false });
 */
export function publicValidation(
  reported: Evaluation,
  values: readonly (ValidatedFigure & { readonly note: string })[],
  decision: { readonly decidedAt: string; readonly reservations: boolean },
): PublicValidation | null {
  const legend = reported.plan.settings.legend;
  const reading = new ValidatedReading(reported, values);
  const same = (a: Decimal | null, b: Decimal | null): boolean => (a === null || b === null ? a === b : round(a).equals(round(b)));
  const found = new Map<string, PublicValidatedObjective>();
  for (const v of values) {
    if (same(reported.node(v.code)?.performance ?? null, v.validated) || reported.node(v.code) === undefined) continue;
    found.set(v.code, { code: v.code, validated: v.validated, band: classify(v.validated, legend), direct: true, note: v.note.trim() === '' ? null : v.note });
  }
  for (const f of reading.following()) found.set(f.code, { code: f.code, validated: f.following, band: classify(f.following, legend), direct: false, note: null });
  if (found.size === 0) return null;
  const objectives = new Map(reported.plan.nodes.flatMap((n) => (found.has(n.code) ? [[n.code, found.get(n.code)!] as const] : [])));
  const before = bodyPerformance(reported).performance;
  const after = bodyPerformance(reading.forced()).performance;
  const body = same(before, after) ? null : { reported: before, validated: after, band: classify(after, legend) };
  return { decidedAt: decision.decidedAt, reservations: decision.reservations, objectives, body };
}
