/**
 * An appraisal form's individual objectives as the evaluator types them (issue 14): weight, target
 * and actual as text in the screen's notation (`1.587,10` / `1,587.10`, dates dd/mm/yyyy), read
 * back strictly on saving; what cannot be read is said at its field, in the screen's language.
 * Pure, tested beside this file; `AppraisalFormView.tsx` draws.
 */
import type { AppraisalForm } from '../../../src/contract/index.js';
import { plainNumber, type Lang } from '../ui/format.js';
import { amountInput, parseInput, requiredDecimal, swapNotation, valueProblem, yesNoIn } from '../ui/parse.js';
import type { ObjectiveInput } from './api.js';

/** One objective as typed: the numbers and dates as text. */
export interface ObjectiveDraft extends Omit<ObjectiveInput, 'weight' | 'target' | 'actual'> {
  weight: string;
  target: string;
  actual: string;
}

/** The objective as its fields start, from the form the server gave. */
export function objectiveDraft(o: AppraisalForm['objectives'][number], lang: Lang): ObjectiveDraft {
  return {
    id: o.id,
    title: o.title,
    weight: plainNumber(o.weight, lang),
    comparator: o.comparator,
    target: amountInput(o.target, lang),
    unit: o.unit,
    scoring: o.scoring,
    state: o.state,
    actual: amountInput(o.actual, lang),
    reason: o.reason,
  };
}

/** A new, empty objective. */
export const NEW_OBJECTIVE: ObjectiveDraft = { title: '', weight: '0', comparator: '>=', target: '', unit: 'number', scoring: null, state: 'not_measured', actual: '' };

/** The objectives typed in one language written again in `lang` after a change of language: numbers digit for digit, yes/no in its words. */
export function draftsIn(drafts: readonly ObjectiveDraft[], lang: Lang): ObjectiveDraft[] {
  const amount = (text: string, unit: ObjectiveDraft['unit']): string => {
    if (unit === 'number' || unit === 'percent') return swapNotation(text);
    return unit === 'boolean' ? yesNoIn(text, lang) : text;
  };
  return drafts.map((d) => ({ ...d, weight: swapNotation(d.weight), target: amount(d.target, d.unit), actual: amount(d.actual, d.unit) }));
}

/**
 * The objectives as the API reads them, each typed value read strictly in `lang`'s notation (JSON
 * numbers, ISO dates, booleans); or the fields that cannot be read, keyed `objective-<n>-<field>`
 * (n from 0) → the words' key (`entry.otherNotation`…). The actual counts only when measured.
 *
 * @example objectivesBody([{ ...NEW_OBJECTIVE, weight: '60', target: '1,5' }], 'en') // { problems: { 'objective-0-target': 'entry.otherNotation' } }
 */
export function objectivesBody(drafts: readonly ObjectiveDraft[], lang: Lang): { objectives: ObjectiveInput[] } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const objectives = drafts.map((d, n): ObjectiveInput => {
    // A weight is always given: an empty one is said, not taken as 0.
    const weight = requiredDecimal(d.weight, lang);
    if ('problem' in weight) problems[`objective-${n}-weight`] = weight.problem;
    const target = parseInput(d.target, d.unit, lang);
    if (target === undefined) problems[`objective-${n}-target`] = valueProblem(d.target, d.unit, lang)!;
    const measured = d.state === 'measured';
    const actual = measured ? parseInput(d.actual, d.unit, lang) : null;
    if (actual === undefined) problems[`objective-${n}-actual`] = valueProblem(d.actual, d.unit, lang)!;
    return {
      ...d,
      weight: Number('value' in weight ? weight.value : 0),
      target: target ?? null,
      actual: actual ?? null,
    };
  });
  return Object.keys(problems).length > 0 ? { problems } : { objectives };
}
