/**
 * The pure part of tree editing: the code a new objective gets, and the API body an indicator
 * form makes (only what changed, for a patch). No React, no requests: tested beside this file.
 */
// The modules themselves, not src/core's index, which would bring the whole engine into the tree's first script.
import { dec, decimalJson } from '../../../src/core/decimal.js';
import { DEFAULT_RATIO_SCALE } from '../../../src/contract/defaults.js';
import type { Comparator, FormulaInput, IndicatorInput, RuleDocument, ScoringInput, TreeIndicator, TreeObjective } from '../api/types.js';
import { plainNumber, type Lang } from '../ui/format.js';
import { amountInput, numberProblem, parseInput, swapNotation, typedDecimal, unitNumber, valueProblem, yesNoIn } from '../ui/parse.js';

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

/** The indicator form's fields, as typed: numbers in the screen's notation (`1.587,10` / `1,587.10`), dates dd/mm/yyyy. */
export interface IndicatorForm {
  name: string;
  weight: string;
  comparator: Comparator;
  unit: TreeIndicator['unit'];
  target: string;
  scoring: 'on_off' | 'proportional' | 'threshold' | 'bands';
  floor: string;
  /** A bands rule: fixed (the band reached) or interpolated (straight lines between points). */
  bandMode: 'fixed' | 'interpolated';
  /** The band scale's points as typed: value in the indicator's unit → score 0–100. */
  points: BandPointForm[];
  formula: 'none' | 'children_mean' | 'ratio' | 'trend';
  /** Names of the base measures: numerator and denominator of a ratio, current and previous of a trend. */
  numerator: string;
  denominator: string;
  /** The ratio's multiplier, 100 for a percentage. */
  scale: string;
  current: string;
  previous: string;
  /** The three-year horizon as typed: the baseline in the unit and its year, the targets of the next two years. */
  baseline: string;
  baselineYear: string;
  target2: string;
  target3: string;
}

export const EMPTY_INDICATOR: IndicatorForm = {
  name: '',
  weight: '100',
  comparator: '>=',
  unit: 'number',
  target: '',
  scoring: 'on_off',
  floor: '',
  bandMode: 'interpolated',
  points: [
    { at: '', score: '0' },
    { at: '', score: '100' },
  ],
  formula: 'none',
  numerator: '',
  denominator: '',
  scale: DEFAULT_RATIO_SCALE,
  current: '',
  previous: '',
  baseline: '',
  baselineYear: '',
  target2: '',
  target3: '',
};

export interface BandPointForm {
  at: string;
  score: string;
}

/** An indicator as its edit form starts in `lang`'s notation, its rule's floor or points included. */
export function indicatorForm(i: TreeIndicator, lang: Lang): IndicatorForm {
  const rule: RuleDocument | null | undefined = i.rule;
  // From the values, every decimal kept (`0,123456`, `30/09/2024`, `sì` / `yes`), not as the tree
  // writes them: its four decimals would be what a save re-sends when the unit or the horizon
  // changes, rewriting a figure the user did not touch (a target of 0.123456 stored as 0.1235).
  const amount = (value: TreeIndicator['target'] | undefined) => amountInput(value, lang);
  return {
    name: i.name,
    weight: plainNumber(i.weight, lang),
    comparator: (['>=', '<=', '='] as const).find((c) => c === i.comparator) ?? '>=',
    unit: i.unit,
    target: amount(i.target),
    scoring: i.scoring,
    floor: rule?.kind === 'threshold' ? amountInput(rule.floor, lang) : '',
    bandMode: rule?.kind === 'bands' ? rule.mode : 'interpolated',
    points: rule?.kind === 'bands' ? rule.points.map((p) => ({ at: amountInput(p.at, lang), score: amountInput(p.score, lang) })) : EMPTY_INDICATOR.points,
    formula: i.formula?.kind ?? (i.derived ? 'children_mean' : 'none'),
    numerator: i.formula?.kind === 'ratio' ? i.formula.numerator : '',
    denominator: i.formula?.kind === 'ratio' ? i.formula.denominator : '',
    scale: i.formula?.kind === 'ratio' ? plainNumber(i.formula.scale, lang) : DEFAULT_RATIO_SCALE,
    current: i.formula?.kind === 'trend' ? i.formula.current : '',
    previous: i.formula?.kind === 'trend' ? i.formula.previous : '',
    baseline: amount(i.baseline),
    baselineYear: i.baselineYear === null || i.baselineYear === undefined ? '' : String(i.baselineYear),
    target2: amount(i.nextTargets?.[0]?.target),
    target3: amount(i.nextTargets?.[1]?.target),
  };
}

/**
 * The form as typed, written again after a change of language from `lang`'s other one: numbers in
 * `lang`'s notation, the same digits (`1.587,10` ⇄ `1,587.10`), yes/no in its words. Names and
 * text that is no number stay as typed.
 */
export function formIn(form: IndicatorForm, lang: Lang): IndicatorForm {
  const numeric = form.unit === 'number' || form.unit === 'percent';
  const amount = (t: string): string => (numeric ? swapNotation(t) : form.unit === 'boolean' ? yesNoIn(t, lang) : t);
  return {
    ...form,
    weight: swapNotation(form.weight),
    scale: swapNotation(form.scale),
    target: amount(form.target),
    floor: amount(form.floor),
    baseline: amount(form.baseline),
    target2: amount(form.target2),
    target3: amount(form.target3),
    points: form.points.map((p) => ({ at: amount(p.at), score: swapNotation(p.score) })),
  };
}

/** The baseline year as typed: a number, null when empty, undefined when it is not a year. */
export function baselineYearValue(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{4}$/.test(t) ? Number(t) : undefined;
}

/** The horizon fields of a body: baseline, its year, the later targets (the year typed wrong is caught before: `baselineYearValue`). */
function horizonBody(form: IndicatorForm, lang: Lang): Pick<IndicatorInput, 'baseline' | 'baselineYear' | 'nextTargets'> {
  const later = [sent(form.target2, form.unit, lang), sent(form.target3, form.unit, lang)] as [string | number | null, string | number | null];
  return {
    baseline: sent(form.baseline, form.unit, lang),
    baselineYear: baselineYearValue(form.baselineYear) ?? null,
    nextTargets: later[0] === null && later[1] === null ? null : later,
  };
}

/**
 * A value typed in the unit, read strictly in `lang`'s notation, as the API reads it exactly:
 * numbers as plain decimals (`1.587,10` / `1,587.10` → `1587.10`, `%` allowed for a percentage),
 * dates ISO, yes/no as `true`/`false`; null when empty, undefined when it cannot be read.
 */
export function amountValue(text: string, unit: IndicatorForm['unit'], lang: Lang): string | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (unit === 'number' || unit === 'percent') {
    const n = unitNumber(t, unit, lang);
    return n === null ? undefined : n.toFixed();
  }
  const read = parseInput(t, unit, lang);
  return read === null || read === undefined ? undefined : String(read);
}

/**
 * A value as the body sends it: read in `lang` (`amountValue`), a number as `decimalJson` writes it
 * (a JSON number when a double holds it exactly, else its exact text: the server reads a text
 * `1.587` as Italian thousands, so 1,587 typed on an Italian screen must not go as one), or as typed
 * when unreadable (checked before: `indicatorFormProblems`).
 */
function sent(text: string, unit: IndicatorForm['unit'], lang: Lang): string | number | null {
  const read = amountValue(text, unit, lang);
  if (read === undefined) return text.trim();
  return read !== null && (unit === 'number' || unit === 'percent') ? decimalJson(dec(read)) : read;
}

/** A plain number typed in `lang`'s notation (a weight, a score, a scale; `%` allowed), as an exact decimal text; null when it is none. */
function decimalValue(text: string, lang: Lang): string | null {
  const read = typedDecimal(text, lang);
  return 'value' in read ? read.value : null;
}

/**
 * A weight as typed (`33,33` / `33.33`, `%` allowed) read strictly in `lang`'s notation: the exact
 * decimal the API reads (null when empty), or the words' key of why it cannot be read.
 *
 * @example weightValue('33.33', 'it') // { problem: 'entry.otherNotation' }
 */
export function weightValue(text: string, lang: Lang): { value: string | null } | { problem: string } {
  const read = typedDecimal(text, lang);
  return 'problem' in read && read.problem === 'entry.invalidNumber' ? { problem: 'edit.errors.field.weight' } : read;
}

/**
 * What an objective's indicators' weights add up to, as an exact decimal text, when that is not
 * 100: the tree's `weights-not-100`, said where the office changes a weight. With `typed`, the
 * weight being typed for one of them (a new one: `indicatorId` undefined) counts instead of its
 * stored one, so it is said as the office types. Null when they add up to 100, when the objective
 * has no indicator, or while the weight typed cannot be read (its field says why on saving).
 * Never a reason not to save: an office fixes weights in steps.
 *
 * @example weightsOffTotal({ indicators: [{ id: 'A:1', weight: 60 }, { id: 'A:2', weight: 40 }] }, { indicatorId: 'A:1', weight: '113', lang: 'it' }) // '153'
 */
export function weightsOffTotal(
  objective: { indicators: ReadonlyArray<Pick<TreeIndicator, 'id' | 'weight'>> },
  typed?: { indicatorId: string | undefined; weight: string; lang: Lang },
): string | null {
  let total = dec(0);
  if (typed !== undefined) {
    const read = weightValue(typed.weight, typed.lang);
    if ('problem' in read || read.value === null) return null;
    total = dec(read.value);
  } else if (objective.indicators.length === 0) return null;
  for (const i of objective.indicators) if (i.id !== typed?.indicatorId) total = total.plus(dec(String(i.weight)));
  return total.eq(100) ? null : total.toString();
}

/** A point's value as the API reads it: numbers as plain decimals (in `lang`'s notation), dates ISO, yes/no; null when unreadable or empty. */
export function pointValue(text: string, unit: IndicatorForm['unit'], lang: Lang): string | null {
  return amountValue(text, unit, lang) ?? null;
}

export type PointProblem = 'empty' | 'value' | 'score' | 'order' | 'otherNotation';

/**
 * What is wrong with the band points before sending, keyed by field (`point-0-at`,
 * `point-1-score`), in the form's order: an empty value or score, a value unreadable in the unit
 * (or written in the other language's notation), a score outside 0–100, a value not above the one before.
 *
 * @example bandProblems({ ...form, points: [{ at: '10', score: '0' }, { at: '5', score: '120' }] }, 'it') // { 'point-1-at': 'order', 'point-1-score': 'score' }
 */
export function bandProblems(form: IndicatorForm, lang: Lang): Record<string, PointProblem> {
  const problems: Record<string, PointProblem> = {};
  if (form.scoring !== 'bands') return problems;
  let previous: string | null = null;
  form.points.forEach((p, k) => {
    const at = pointValue(p.at, form.unit, lang);
    if (p.at.trim() === '') problems[`point-${k}-at`] = 'empty';
    else if (at === null) problems[`point-${k}-at`] = valueProblem(p.at, form.unit, lang) === 'entry.otherNotation' ? 'otherNotation' : 'value';
    else {
      if (previous !== null && form.unit !== 'boolean' && !increasing(previous, at, form.unit)) problems[`point-${k}-at`] = 'order';
      previous = at;
    }
    const score = decimalValue(p.score, lang);
    if (p.score.trim() === '') problems[`point-${k}-score`] = 'empty';
    else if (score === null && numberProblem(p.score, 'number', lang) === 'otherNotation') problems[`point-${k}-score`] = 'otherNotation';
    else if (score === null || dec(score).lt(0) || dec(score).gt(100)) problems[`point-${k}-score`] = 'score';
  });
  return problems;
}

function increasing(before: string, after: string, unit: IndicatorForm['unit']): boolean {
  return unit === 'date' ? after > before : dec(after).gt(dec(before));
}

/** The bands rule as the API reads it (check `bandProblems` first: what cannot be read goes as typed, for the server to refuse). */
export function bandsRule(form: IndicatorForm, lang: Lang): ScoringInput {
  return {
    kind: 'bands',
    mode: form.bandMode,
    points: form.points.map((p) => ({ at: sent(p.at, form.unit, lang) ?? '', score: decimalValue(p.score, lang) ?? p.score.trim() })),
  };
}

function scoring(form: IndicatorForm, lang: Lang): ScoringInput | null | undefined {
  if (form.scoring === 'bands') return form.points.length === 0 ? undefined : bandsRule(form, lang);
  if (form.scoring === 'threshold') return { kind: 'threshold', floor: sent(form.floor, form.unit, lang) ?? '' };
  return { kind: form.scoring };
}

/**
 * The formula as the API reads it. The scale is read in `lang`'s notation and sent as a plain
 * decimal (`1.000` on an Italian screen is a thousand, not the API's one); text that is no number
 * goes as typed, so the server's refusal is shown next to the field.
 *
 * @example formula({ ...EMPTY_INDICATOR, formula: 'ratio', numerator: 'evase', denominator: 'ricevute' }, 'it') // { kind: 'ratio', numerator: 'evase', denominator: 'ricevute', scale: '100' }
 */
export function formula(form: IndicatorForm, lang: Lang): FormulaInput | null {
  switch (form.formula) {
    case 'none':
      return null;
    case 'children_mean':
      return { kind: 'children_mean' };
    case 'ratio': {
      const scale = form.scale.trim() === '' ? DEFAULT_RATIO_SCALE : form.scale.trim();
      return { kind: 'ratio', numerator: form.numerator.trim(), denominator: form.denominator.trim(), scale: decimalValue(scale, lang) ?? scale };
    }
    case 'trend':
      return { kind: 'trend', current: form.current.trim(), previous: form.previous.trim() };
  }
}

const FORMULAS: ReadonlyArray<IndicatorForm['formula']> = ['none', 'children_mean', 'ratio', 'trend'];
const NUMBER_UNITS: ReadonlyArray<IndicatorForm['unit']> = ['number', 'percent'];

/**
 * The units the form offers: a formula gives a number, so an indicator computed by one is counted
 * in numbers or percent (the server refuses a date or yes/no). The unit the form holds is always
 * offered, so a stored one is shown as it is.
 *
 * @example unitChoices({ ...EMPTY_INDICATOR, formula: 'ratio' }, UNITS) // ['number', 'percent']
 */
export function unitChoices(form: Pick<IndicatorForm, 'unit' | 'formula'>, units: ReadonlyArray<IndicatorForm['unit']>): Array<IndicatorForm['unit']> {
  return units.filter((u) => form.formula === 'none' || NUMBER_UNITS.includes(u) || u === form.unit);
}

/** The formulas the form offers: none for an indicator in dates or yes/no (its value is entered), else all; the one held always. */
export function formulaChoices(form: Pick<IndicatorForm, 'unit' | 'formula'>): Array<IndicatorForm['formula']> {
  return FORMULAS.filter((f) => f === 'none' || f === form.formula || NUMBER_UNITS.includes(form.unit));
}

/**
 * The formula fields the form itself can tell are wrong before sending: an empty measure name, a
 * scale that is no number in `lang`'s notation. The server checks the same; this says it next to the very field.
 */
export function formulaProblems(form: IndicatorForm, lang: Lang): Array<'numerator' | 'denominator' | 'scale' | 'current' | 'previous'> {
  if (form.formula === 'ratio') {
    const scale = form.scale.trim();
    return [...(['numerator', 'denominator'] as const).filter((k) => form[k].trim() === ''), ...(scale !== '' && decimalValue(scale, lang) === null ? (['scale'] as const) : [])];
  }
  if (form.formula === 'trend') return (['current', 'previous'] as const).filter((k) => form[k].trim() === '');
  return [];
}

/**
 * Everything the form can tell is wrong before sending, as field (`ind-<field>`) and the words' key,
 * in the order the focus takes them: the weight, the target, the horizon (the baseline's year
 * among it), the floor or band points, the formula's fields. Numbers are read strictly in `lang`'s
 * notation: `1,5` on an English screen (`1.5` on an Italian one) is said as the other notation.
 */
export function indicatorFormProblems(form: IndicatorForm, lang: Lang): Array<readonly [field: string, key: string]> {
  const problems: Array<readonly [string, string]> = [];
  const weight = weightValue(form.weight, lang);
  if ('problem' in weight) problems.push(['weight', weight.problem]);
  for (const field of ['target', 'baseline'] as const) {
    const problem = valueProblem(form[field], form.unit, lang);
    if (problem !== null) problems.push([field, problem]);
  }
  if (baselineYearValue(form.baselineYear) === undefined) problems.push(['baselineYear', 'years.invalidYear']);
  for (const field of ['target2', 'target3'] as const) {
    const problem = valueProblem(form[field], form.unit, lang);
    if (problem !== null) problems.push([field, problem]);
  }
  const floor = form.scoring === 'threshold' ? valueProblem(form.floor, form.unit, lang) : null;
  if (floor !== null) problems.push(['floor', floor]);
  for (const [field, problem] of Object.entries(bandProblems(form, lang))) problems.push([field, problem === 'otherNotation' ? 'entry.otherNotation' : `edit.errors.points.${problem}`]);
  for (const field of formulaProblems(form, lang)) {
    const scaleWhy = field === 'scale' ? numberProblem(form.scale, 'number', lang) : null;
    problems.push([field, field !== 'scale' ? 'edit.errors.measureName' : scaleWhy === 'otherNotation' ? 'entry.otherNotation' : 'edit.errors.scale']);
  }
  return problems;
}

/** The body of `POST …/nodes/:code/indicators`, numbers read in `lang`'s notation and sent as plain decimals. */
export function newIndicatorBody(form: IndicatorForm, lang: Lang): IndicatorInput {
  const rule = scoring(form, lang);
  return {
    name: form.name.trim(),
    weight: decimalValue(form.weight, lang) ?? form.weight.trim(),
    comparator: form.comparator,
    unit: form.unit,
    target: sent(form.target, form.unit, lang),
    ...(rule === undefined ? {} : { scoring: rule }),
    formula: formula(form, lang),
    // Only what was typed: a new indicator without a horizon sends none.
    ...Object.fromEntries(Object.entries(horizonBody(form, lang)).filter(([, v]) => v !== null)),
  };
}

/**
 * The body of `PATCH …/indicators/:id`: only the fields that differ from `before` (both as typed in
 * `lang`), so what the form did not change (a rule and its floor or points) is never overwritten
 * by accident. The unit and target go together: a new unit re-reads the target, the horizon and
 * the rule's floor or points.
 */
export function indicatorPatch(before: IndicatorForm, after: IndicatorForm, lang: Lang): Partial<IndicatorInput> {
  const full = newIndicatorBody(after, lang);
  const patch: Partial<IndicatorInput> = {};
  if (after.name.trim() !== before.name) patch.name = full.name;
  if (after.weight.trim() !== before.weight) patch.weight = full.weight;
  if (after.comparator !== before.comparator) patch.comparator = full.comparator;
  if (after.unit !== before.unit || after.target.trim() !== before.target) {
    patch.unit = full.unit;
    patch.target = full.target;
  }
  const ruleChanged =
    after.scoring === 'threshold' ? after.floor.trim() !== before.floor.trim() : after.scoring === 'bands' ? JSON.stringify(bandsRule(after, lang)) !== JSON.stringify(bandsRule(before, lang)) : false;
  // A floor or points are read in the unit too: with a new unit they go again, read in it (the
  // server refuses to keep a floor of 50 for a date; `indicatorFormProblems` says so at the field first).
  const ruleInNewUnit = after.unit !== before.unit && (after.scoring === 'threshold' || after.scoring === 'bands');
  if (after.scoring !== before.scoring || ruleChanged || ruleInNewUnit) {
    const rule = scoring(after, lang);
    if (rule !== undefined) patch.scoring = rule;
  }
  if (JSON.stringify(formula(after, lang)) !== JSON.stringify(formula(before, lang))) patch.formula = full.formula ?? null;
  // The horizon is read in the unit too: sent whole when any of it, or the unit, changed.
  const horizon = (f: IndicatorForm): string => [f.baseline, f.baselineYear, f.target2, f.target3].map((x) => x.trim()).join('\u0000');
  if (after.unit !== before.unit || horizon(after) !== horizon(before)) Object.assign(patch, horizonBody(after, lang));
  return patch;
}
