/**
 * The organisational components of a form, read from the evaluated tree: the body's performance
 * (the roll-up of the plan's areas, as the Relazione's section 3.3 gives it) and each unit's (the
 * mean of the performance of the objectives assigned to the unit, counting only the topmost ones
 * so a child objective of the same unit is not counted twice: its result is already in its parent).
 */
import { Decimal } from '../decimal.js';
import { evaluatePlan, weightedMean, type Evaluation } from '../evaluation.js';
import { bodyPerformance } from '../validated-values.js';
import { momentDayText } from '../messages/catalogue.js';
import { formatPercentIn } from '../italian.js';
import type { Plan } from '../model.js';
import type { Language } from '../words.js';
import type { OrgScores } from './form.js';

/**
 * An objective counted in a unit's result: `performance` is the value used. `reported`: present
 * only when the value used is not the reported one, the value the reported tree gives it, so the
 * reader sees what the OIV changed: the objective took the OIV's validated value
 * (`Evaluation.isForced`), or, with `rolledUp`, it rolls up from objectives below it that did.
 */
export interface UnitObjective {
  readonly code: string;
  readonly title: string;
  readonly performance: Decimal | null;
  readonly reported?: Decimal | null;
  readonly rolledUp?: true;
}

export interface UnitObjectives {
  readonly unit: string;
  readonly objectives: readonly UnitObjective[];
  readonly performance: Decimal | null;
}

/**
 * `unitOf(code)`: the registry id of the unit an objective is assigned to, or null. `reported`:
 * the plan evaluated as reported, when `evaluation` has the OIV's values forced; it gives the
 * reported value beside each forced one (the Relazione compares the two the same way).
 */
export function organisationalScores(evaluation: Evaluation, unitOf: (code: string) => string | null, reported?: Evaluation): OrgScores & { readonly detail: ReadonlyMap<string, UnitObjectives> } {
  const nodes = evaluation.plan.nodes;
  const body = bodyPerformance(evaluation).performance;
  const parentOf = new Map(nodes.map((n) => [n.code, n.parent]));
  const byUnit = new Map<string, UnitObjective[]>();
  for (const n of nodes) {
    const unit = unitOf(n.code);
    if (unit === null || unit === '') continue;
    let ancestor = n.parent;
    let covered = false;
    while (ancestor !== null && ancestor !== undefined) {
      if (unitOf(ancestor) === unit) {
        covered = true;
        break;
      }
      ancestor = parentOf.get(ancestor) ?? null;
    }
    if (covered) continue;
    const list = byUnit.get(unit) ?? [];
    const performance = evaluation.node(n.code)?.performance ?? null;
    const wasReported = reported?.node(n.code)?.performance ?? null;
    // An objective above one the OIV changed moves with it: not the reported value either, and said so.
    const moved = reported !== undefined && !sameValue(performance, wasReported);
    const forced = evaluation.isForced(n.code);
    list.push({
      code: n.code,
      title: n.title,
      performance,
      ...(forced ? { reported: wasReported } : moved ? { reported: wasReported, rolledUp: true as const } : {}),
    });
    byUnit.set(unit, list);
  }
  const units = new Map<string, Decimal | null>();
  const detail = new Map<string, UnitObjectives>();
  for (const [unit, objectives] of byUnit) {
    const performance = weightedMean(objectives.filter((o) => o.performance !== null).map((o) => ({ weight: new Decimal(1), value: o.performance! })));
    units.set(unit, performance);
    detail.set(unit, { unit, objectives, performance });
  }
  return { body, units, detail };
}

/**
 * `organisationalScores` of a plan with the OIV's validated values forced (`EvaluationOptions.forced`;
 * none: the plan as reported), in place or on a worker alike.
 */
export function organisationalScoresOf(plan: Plan, unitOf: (code: string) => string | null, forced: ReadonlyMap<string, Decimal>): ReturnType<typeof organisationalScores> {
  // The reported values beside the forced ones: the plan evaluated a second time, only when the OIV changed some.
  return organisationalScores(evaluatePlan(plan, { forced }), unitOf, forced.size === 0 ? undefined : evaluatePlan(plan));
}

const sameValue = (a: Decimal | null, b: Decimal | null): boolean => (a === null || b === null ? a === b : a.equals(b));

/**
 * Where a form's organisational results come from. `validated`: the Relazione was validated by
 * the OIV (with reservations or not) on `at` (ISO time), and the values the OIV validated count
 * instead of the reported ones. `reported`: the figures of the tree as reported, the Relazione
 * being `relazione` (a draft, with the OIV, or not validated); null when not known (a form
 * evaluated before the source was recorded, which took the reported figures).
 */
export type OrgSource =
  { readonly kind: 'validated'; readonly at: string; readonly reservations: boolean } | { readonly kind: 'reported'; readonly relazione: 'draft' | 'transmitted' | 'not_validated' | null };

/**
 * The source said to the person, the evaluator and HR, on the form's screen and document.
 *
 * @example orgSourceText({ kind: 'validated', at: '2025-05-15T09:00:00Z', reservations: false }, 'it')
 *   // "Risultati organizzativi: valori validati dall'OIV (Relazione validata il 15/05/2025)"
 */
export function orgSourceText(source: OrgSource, language: Language): string {
  const it = language === 'it';
  if (source.kind === 'validated') {
    // The body's day of the validation, not the UTC one its stored moment starts with.
    const day = momentDayText(source.at);
    return it
      ? `Risultati organizzativi: valori validati dall'OIV (Relazione validata${source.reservations ? ' con riserve' : ''} il ${day})`
      : `Organisational results: the values validated by the OIV (Relazione validated${source.reservations ? ' with reservations' : ''} on ${day})`;
  }
  const why =
    source.relazione === null
      ? null
      : source.relazione === 'not_validated'
        ? { it: "Relazione non validata dall'OIV", en: 'Relazione not validated by the OIV' }
        : { it: "Relazione non ancora validata dall'OIV", en: 'Relazione not yet validated by the OIV' };
  return it ? `Risultati organizzativi: valori rendicontati${why === null ? '' : ` (${why.it})`}` : `Organisational results: the reported values${why === null ? '' : ` (${why.en})`}`;
}

/**
 * Where an objective counted in a unit's result got its value, said beside the value on the form's
 * screen and document: the OIV's validated value (which counts) with the reported one, the value
 * recomputed from the OIV's values below it with the reported one, or the reported value.
 *
 * @example unitObjectiveSource({ code: 'A.1', title: '…', performance: new Decimal(60), reported: new Decimal(95) }, 'it')
 *   // "valore validato dall'OIV, conta (rendicontato 95,00%)"
 */
export function unitObjectiveSource(objective: UnitObjective, language: Language): string {
  const it = language === 'it';
  if (objective.reported === undefined) return it ? 'valore rendicontato' : 'reported value';
  const reported = objective.reported === null ? (it ? 'nessun valore' : 'no value') : formatPercentIn(objective.reported, language);
  if (objective.rolledUp === true)
    return it ? `ricalcolato dai valori validati dall'OIV, conta (rendicontato ${reported})` : `recomputed from the values validated by the OIV, which counts (reported ${reported})`;
  return it ? `valore validato dall'OIV, conta (rendicontato ${reported})` : `value validated by the OIV, which counts (reported ${reported})`;
}
