/**
 * The pure part of tree editing: the code a new objective gets, and the API body an indicator
 * form makes (only what changed, for a patch). No React, no requests: tested beside this file.
 */
import type { Comparator, IndicatorInput, ScoringInput, TreeIndicator, TreeObjective } from './api/types.js';

/**
 * The first free code below `parent`, numbered as the plan numbers (`A.2` → `A.2.1`, `A.2.2`…);
 * at the root the first free capital letter (`A`, `B`, `C`…).
 *
 * @example nextChildCode([{ code: 'A' }, { code: 'A.1' }], 'A') // 'A.2'
 */
export function nextChildCode(objectives: ReadonlyArray<Pick<TreeObjective, 'code'>>, parent: string | null): string {
  const taken = new Set(objectives.map((o) => o.code));
  if (parent === null) {
    for (let c = 65; c <= 90; c++) if (!taken.has(String.fromCharCode(c))) return String.fromCharCode(c);
    let n = 1;
    while (taken.has(`Z${n}`)) n++;
    return `Z${n}`;
  }
  let n = 1;
  while (taken.has(`${parent}.${n}`)) n++;
  return `${parent}.${n}`;
}

/** What an objective's deletion takes with it, for the confirmation to say. */
export function deletionScope(objectives: readonly TreeObjective[], code: string): { children: number; indicators: number } {
  const node = objectives.find((o) => o.code === code);
  return { children: objectives.filter((o) => o.parent === code).length, indicators: node?.indicators.length ?? 0 };
}

/** The indicator form's fields, as typed (numbers in Italian notation allowed). */
export interface IndicatorForm {
  name: string;
  weight: string;
  comparator: Comparator;
  unit: TreeIndicator['unit'];
  target: string;
  scoring: 'on_off' | 'proportional' | 'threshold' | 'bands';
  floor: string;
  formula: 'none' | 'children_mean';
}

export const EMPTY_INDICATOR: IndicatorForm = { name: '', weight: '100', comparator: '>=', unit: 'number', target: '', scoring: 'on_off', floor: '', formula: 'none' };

/** An indicator as its edit form starts (the floor and the formula are not in the tree: kept unless changed). */
export function indicatorForm(i: TreeIndicator): IndicatorForm {
  return {
    name: i.name,
    weight: String(i.weight).replace('.', ','),
    comparator: (['>=', '<=', '='] as const).find((c) => c === i.comparator) ?? '>=',
    unit: i.unit,
    target: i.targetText.replace(/%$/, ''),
    scoring: i.scoring,
    floor: '',
    formula: i.derived ? 'children_mean' : 'none',
  };
}

/** A typed value as the API reads it in the unit: text as written (the server parses `1.587,10`, `30/09/2024`), `%` dropped, empty → null. */
function value(text: string, unit: IndicatorForm['unit']): string | null {
  const t = text.trim().replace(/\s*%$/, '');
  if (t === '') return null;
  return unit === 'boolean' ? t.toLowerCase() : t;
}

function scoring(form: IndicatorForm): ScoringInput | null | undefined {
  if (form.scoring === 'bands') return undefined;
  if (form.scoring === 'threshold') return { kind: 'threshold', floor: value(form.floor, form.unit) ?? '' };
  return { kind: form.scoring };
}

/** The body of `POST …/nodes/:code/indicators`. */
export function newIndicatorBody(form: IndicatorForm): IndicatorInput {
  const rule = scoring(form);
  return {
    name: form.name.trim(),
    weight: form.weight.trim(),
    comparator: form.comparator,
    unit: form.unit,
    target: value(form.target, form.unit),
    ...(rule === undefined ? {} : { scoring: rule }),
    formula: form.formula === 'children_mean' ? { kind: 'children_mean' } : null,
  };
}

/**
 * The body of `PATCH …/indicators/:id`: only the fields that differ from `before`, so what the
 * form cannot show (a bands rule, a floor, a formula) is never overwritten by accident. The unit
 * and target go together: a new unit re-reads the target.
 */
export function indicatorPatch(before: IndicatorForm, after: IndicatorForm): Partial<IndicatorInput> {
  const full = newIndicatorBody(after);
  const patch: Partial<IndicatorInput> = {};
  if (after.name.trim() !== before.name) patch.name = full.name;
  if (after.weight.trim() !== before.weight) patch.weight = full.weight;
  if (after.comparator !== before.comparator) patch.comparator = full.comparator;
  if (after.unit !== before.unit || after.target.trim() !== before.target) {
    patch.unit = full.unit;
    patch.target = full.target;
  }
  if (after.scoring !== before.scoring || (after.scoring === 'threshold' && after.floor.trim() !== '')) {
    const rule = scoring(after);
    if (rule !== undefined) patch.scoring = rule;
  }
  if (after.formula !== before.formula) patch.formula = full.formula ?? null;
  return patch;
}
