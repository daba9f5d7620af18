/**
 * The pure part of tree editing: the code a new objective gets, and the API body an indicator
 * form makes (only what changed, for a patch). No React, no requests: tested beside this file.
 */
// The modules themselves, not src/core's index, which would bring the whole engine into the tree's first script.
import { dec, type Decimal } from '../../../src/core/decimal.js';
import { formatItalianDate, parseItalianDate, parseItalianNumber } from '../../../src/core/italian.js';
import { DEFAULT_RATIO_SCALE } from '../../../src/contract/defaults.js';
import type { Comparator, FormulaInput, IndicatorInput, RuleDocument, ScoringInput, TreeIndicator, TreeObjective } from '../api/types.js';

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

/** A rule's amount as the form shows it: `2,5`, `30/09/2024`, `sì`. */
export function amountInput(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatItalianDate(value) : value;
}

/** An indicator as its edit form starts, its rule's floor or points included. */
export function indicatorForm(i: TreeIndicator): IndicatorForm {
  const rule: RuleDocument | null | undefined = i.rule;
  return {
    name: i.name,
    weight: String(i.weight).replace('.', ','),
    comparator: (['>=', '<=', '='] as const).find((c) => c === i.comparator) ?? '>=',
    unit: i.unit,
    target: i.targetText.replace(/%$/, ''),
    scoring: i.scoring,
    floor: rule?.kind === 'threshold' ? amountInput(rule.floor) : '',
    bandMode: rule?.kind === 'bands' ? rule.mode : 'interpolated',
    points: rule?.kind === 'bands' ? rule.points.map((p) => ({ at: amountInput(p.at), score: amountInput(p.score) })) : EMPTY_INDICATOR.points,
    formula: i.formula?.kind ?? (i.derived ? 'children_mean' : 'none'),
    numerator: i.formula?.kind === 'ratio' ? i.formula.numerator : '',
    denominator: i.formula?.kind === 'ratio' ? i.formula.denominator : '',
    scale: i.formula?.kind === 'ratio' ? String(i.formula.scale).replace('.', ',') : DEFAULT_RATIO_SCALE,
    current: i.formula?.kind === 'trend' ? i.formula.current : '',
    previous: i.formula?.kind === 'trend' ? i.formula.previous : '',
    baseline: (i.baselineText ?? '').replace(/%$/, ''),
    baselineYear: i.baselineYear === null || i.baselineYear === undefined ? '' : String(i.baselineYear),
    target2: (i.nextTargets?.[0]?.targetText ?? '').replace(/%$/, ''),
    target3: (i.nextTargets?.[1]?.targetText ?? '').replace(/%$/, ''),
  };
}

/** The baseline year as typed: a number, null when empty, undefined when it is not a year. */
export function baselineYearValue(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{4}$/.test(t) ? Number(t) : undefined;
}

/** The horizon fields of a body: baseline, its year, the later targets (the year typed wrong is caught before: `baselineYearValue`). */
function horizonBody(form: IndicatorForm): Pick<IndicatorInput, 'baseline' | 'baselineYear' | 'nextTargets'> {
  const later = [value(form.target2, form.unit), value(form.target3, form.unit)] as [string | null, string | null];
  return {
    baseline: value(form.baseline, form.unit),
    baselineYear: baselineYearValue(form.baselineYear) ?? null,
    nextTargets: later[0] === null && later[1] === null ? null : later,
  };
}

/** A typed value as the API reads it in the unit: text as written (the server parses `1.587,10`, `30/09/2024`), `%` dropped, empty → null. */
function value(text: string, unit: IndicatorForm['unit']): string | null {
  const t = text.trim().replace(/\s*%$/, '');
  if (t === '') return null;
  return unit === 'boolean' ? t.toLowerCase() : t;
}

/** A number typed in Italian (`1.587,10`, `2,5`) or plain (`2.5`) notation; null when it is none. */
function readNumber(text: string): Decimal | null {
  const t = text.trim().replace(/\s*%$/, '');
  const read = parseItalianNumber(t);
  if (read !== null) return read.value;
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? dec(t) : null;
}

/** A point's value as the API reads it: numbers as plain decimals, dates ISO, yes/no as typed; null when unreadable or empty. */
export function pointValue(text: string, unit: IndicatorForm['unit']): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (unit === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : parseItalianDate(t);
  if (unit === 'boolean') return ['sì', 'si', 'no', 'true', 'false'].includes(t.toLowerCase()) ? t.toLowerCase() : null;
  return readNumber(t)?.toString() ?? null;
}

export type PointProblem = 'empty' | 'value' | 'score' | 'order';

/**
 * What is wrong with the band points before sending, keyed by field (`point-0-at`,
 * `point-1-score`), in the form's order: an empty value or score, a value unreadable in the unit,
 * a score outside 0–100, a value not above the one before.
 *
 * @example bandProblems({ ...form, points: [{ at: '10', score: '0' }, { at: '5', score: '120' }] }) // { 'point-1-at': 'order', 'point-1-score': 'score' }
 */
export function bandProblems(form: IndicatorForm): Record<string, PointProblem> {
  const problems: Record<string, PointProblem> = {};
  if (form.scoring !== 'bands') return problems;
  let previous: string | null = null;
  form.points.forEach((p, k) => {
    const at = pointValue(p.at, form.unit);
    if (p.at.trim() === '') problems[`point-${k}-at`] = 'empty';
    else if (at === null) problems[`point-${k}-at`] = 'value';
    else {
      if (previous !== null && form.unit !== 'boolean' && !increasing(previous, at, form.unit)) problems[`point-${k}-at`] = 'order';
      previous = at;
    }
    const score = readNumber(p.score);
    if (p.score.trim() === '') problems[`point-${k}-score`] = 'empty';
    else if (score === null || score.lt(0) || score.gt(100)) problems[`point-${k}-score`] = 'score';
  });
  return problems;
}

function increasing(before: string, after: string, unit: IndicatorForm['unit']): boolean {
  return unit === 'date' ? after > before : dec(after).gt(dec(before));
}

/** The bands rule as the API reads it (check `bandProblems` first: what cannot be read goes as typed, for the server to refuse). */
export function bandsRule(form: IndicatorForm): ScoringInput {
  return {
    kind: 'bands',
    mode: form.bandMode,
    points: form.points.map((p) => ({ at: pointValue(p.at, form.unit) ?? p.at.trim(), score: readNumber(p.score)?.toString() ?? p.score.trim() })),
  };
}

function scoring(form: IndicatorForm): ScoringInput | null | undefined {
  if (form.scoring === 'bands') return form.points.length === 0 ? undefined : bandsRule(form);
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
      const scale = form.scale.trim() === '' ? DEFAULT_RATIO_SCALE : form.scale.trim();
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

/**
 * Everything the form can tell is wrong before sending, as field (`ind-<field>`) and the words' key,
 * in the order the focus takes them: the baseline's year, the band points, the formula's fields.
 */
export function indicatorFormProblems(form: IndicatorForm): Array<readonly [field: string, key: string]> {
  return [
    ...(baselineYearValue(form.baselineYear) === undefined ? [['baselineYear', 'years.invalidYear'] as const] : []),
    ...Object.entries(bandProblems(form)).map(([field, problem]) => [field, `edit.errors.points.${problem}`] as const),
    ...formulaProblems(form).map((field) => [field, field === 'scale' ? 'edit.errors.scale' : 'edit.errors.measureName'] as const),
  ];
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
    // Only what was typed: a new indicator without a horizon sends none.
    ...Object.fromEntries(Object.entries(horizonBody(form)).filter(([, v]) => v !== null)),
  };
}

/**
 * The body of `PATCH …/indicators/:id`: only the fields that differ from `before`, so what the
 * form did not change (a rule and its floor or points) is never overwritten by accident. The unit
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
  const ruleChanged =
    after.scoring === 'threshold' ? after.floor.trim() !== before.floor.trim() : after.scoring === 'bands' ? JSON.stringify(bandsRule(after)) !== JSON.stringify(bandsRule(before)) : false;
  if (after.scoring !== before.scoring || ruleChanged) {
    const rule = scoring(after);
    if (rule !== undefined) patch.scoring = rule;
  }
  if (JSON.stringify(formula(after)) !== JSON.stringify(formula(before))) patch.formula = full.formula ?? null;
  // The horizon is read in the unit too: sent whole when any of it, or the unit, changed.
  const horizon = (f: IndicatorForm): string => [f.baseline, f.baselineYear, f.target2, f.target3].map((x) => x.trim()).join('\u0000');
  if (after.unit !== before.unit || horizon(after) !== horizon(before)) Object.assign(patch, horizonBody(after));
  return patch;
}
