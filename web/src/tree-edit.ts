/**
 * The pure part of tree editing: the code a new objective gets, and the API body an indicator
 * form makes (only what changed, for a patch). No React, no requests: tested beside this file.
 */
import { parseItalianNumber } from '../../src/core/index.js';
import type { Comparator, FormulaInput, IndicatorInput, ScoringInput, TreeIndicator, TreeObjective } from './api/types.js';

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
  formula: 'none' | 'children_mean' | 'ratio' | 'trend';
  /** Names of the base measures: numerator and denominator of a ratio, current and previous of a trend. */
  numerator: string;
  denominator: string;
  /** The ratio's multiplier, 100 for a percentage. */
  scale: string;
  current: string;
  previous: string;
}

export const EMPTY_INDICATOR: IndicatorForm = {
  name: '',
  weight: '100',
  comparator: '>=',
  unit: 'number',
  target: '',
  scoring: 'on_off',
  floor: '',
  formula: 'none',
  numerator: '',
  denominator: '',
  scale: '100',
  current: '',
  previous: '',
};

/** An indicator as its edit form starts (the floor is not in the tree: kept unless changed). */
export function indicatorForm(i: TreeIndicator): IndicatorForm {
  return {
    name: i.name,
    weight: String(i.weight).replace('.', ','),
    comparator: (['>=', '<=', '='] as const).find((c) => c === i.comparator) ?? '>=',
    unit: i.unit,
    target: i.targetText.replace(/%$/, ''),
    scoring: i.scoring,
    floor: '',
    formula: i.formula?.kind ?? (i.derived ? 'children_mean' : 'none'),
    numerator: i.formula?.kind === 'ratio' ? i.formula.numerator : '',
    denominator: i.formula?.kind === 'ratio' ? i.formula.denominator : '',
    scale: i.formula?.kind === 'ratio' ? String(i.formula.scale).replace('.', ',') : '100',
    current: i.formula?.kind === 'trend' ? i.formula.current : '',
    previous: i.formula?.kind === 'trend' ? i.formula.previous : '',
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

/**
 * The formula as the API reads it. The scale is sent as a plain decimal (`1.000` is a thousand, as
 * the Italian form reads it, not the API's one); text that is no number goes as typed, so the
 * server's refusal is shown next to the field.
 *
 * @example formula({ ...EMPTY_INDICATOR, formula: 'ratio', numerator: 'evase', denominator: 'ricevute' }) // { kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: '100' }
 */
export function formula(form: IndicatorForm): FormulaInput | null {
  switch (form.formula) {
    case 'none':
      return null;
    case 'children_mean':
      return { kind: 'children_mean' };
    case 'ratio': {
      const scale = form.scale.trim() === '' ? '100' : form.scale.trim();
      const read = parseItalianNumber(scale);
      return { kind: 'ratio', numerator: form.numerator.trim(), denominator: form.denominator.trim(), scale: read === null ? scale : read.value.toString() };
    }
    case 'trend':
      return { kind: 'trend', current: form.current.trim(), previous: form.previous.trim() };
  }
}

/**
 * The formula fields the form itself can tell are wrong before sending: an empty measure name, a
 * scale that is no number. The server checks the same; this says it next to the very field.
 */
export function formulaProblems(form: IndicatorForm): Array<'numerator' | 'denominator' | 'scale' | 'current' | 'previous'> {
  if (form.formula === 'ratio') {
    const scale = form.scale.trim();
    return [...(['numerator', 'denominator'] as const).filter((k) => form[k].trim() === ''), ...(scale !== '' && parseItalianNumber(scale) === null ? (['scale'] as const) : [])];
  }
  if (form.formula === 'trend') return (['current', 'previous'] as const).filter((k) => form[k].trim() === '');
  return [];
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
    formula: formula(form),
  };
}

/**
 * The body of `PATCH …/indicators/:id`: only the fields that differ from `before`, so what the
 * form cannot show (a bands rule, a floor) is never overwritten by accident. The unit
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
  if (JSON.stringify(formula(after)) !== JSON.stringify(formula(before))) patch.formula = full.formula ?? null;
  return patch;
}
