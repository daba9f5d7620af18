/**
 * The organisational components of a form, read from the evaluated tree: the body's performance
 * (the roll-up of the plan's areas, as the Relazione's section 3.3 gives it) and each unit's (the
 * mean of the performance of the objectives assigned to the unit, counting only the topmost ones
 * so a child objective of the same unit is not counted twice: its result is already in its parent).
 */
import { Decimal } from '../decimal.js';
import { weightedMean, type Evaluation } from '../evaluation.js';
import { formatItalianDate } from '../italian-date.js';
import type { Language } from '../words.js';
import type { OrgScores } from './form.js';

export interface UnitObjectives {
  readonly unit: string;
  readonly objectives: readonly { readonly code: string; readonly performance: Decimal | null }[];
  readonly performance: Decimal | null;
}

/** `unitOf(code)`: the registry id of the unit an objective is assigned to, or null. */
export function organisationalScores(evaluation: Evaluation, unitOf: (code: string) => string | null): OrgScores & { readonly detail: ReadonlyMap<string, UnitObjectives> } {
  const nodes = evaluation.plan.nodes;
  const roots = nodes.filter((n) => n.parent === null);
  const allWeighted = roots.length > 0 && roots.every((r) => r.weight !== null);
  const body = weightedMean(
    roots.flatMap((r) => {
      const p = evaluation.node(r.code)?.performance ?? null;
      return p === null ? [] : [{ weight: allWeighted ? r.weight! : new Decimal(1), value: p }];
    }),
  );
  const parentOf = new Map(nodes.map((n) => [n.code, n.parent]));
  const byUnit = new Map<string, { code: string; performance: Decimal | null }[]>();
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
    list.push({ code: n.code, performance: evaluation.node(n.code)?.performance ?? null });
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
    const day = formatItalianDate(source.at.slice(0, 10));
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
