/**
 * What no plan may define, whichever way it comes in: a table or template read from a file (the
 * CLI, the API's import), next year's plan rolled forward, an indicator edited over HTTP. Each
 * path asks here, so the rule is written once; each problem is an error located where the plan
 * came from (its file and line or cell, else its objective and indicator).
 *
 * Two rules: a formula (a ratio, a trend, the mean of the child objectives) yields a number, so
 * the indicator it computes is counted in numbers or percent, never in dates or yes/no, where its
 * value would score nothing; and a base measure is named by a word that can be a key of the values
 * entered for it (not `__proto__`, which no JSON object read keeps: it would be missing forever).
 */
import { problem, type Issue } from './issues.js';
import type { Formula, Indicator, Plan, SourceLocation, Unit } from './model.js';
import { amountKind } from './scoring.js';

/**
 * Whether an indicator computed by `formula` (null: entered, not computed) may be counted in `unit`.
 *
 * @example formulaFitsUnit({ kind: 'children_mean' }, 'date') // false
 */
export function formulaFitsUnit(formula: Formula | null, unit: Unit): boolean {
  return formula === null || amountKind(unit) === 'number';
}

/** The `formula-unit` error of one indicator (of the objective `node`) at `location`, or null when its formula fits its unit. */
export function formulaUnitProblem(node: string, indicator: Pick<Indicator, 'id' | 'name' | 'unit' | 'formula'>, location: SourceLocation): Issue | null {
  if (indicator.formula === null || formulaFitsUnit(indicator.formula, indicator.unit)) return null;
  return problem('error', 'formula-unit', { node, id: indicator.id, indicator: indicator.name, unit: indicator.unit, formula: indicator.formula.kind }, location);
}

/**
 * The base-measure names a value can never be given under: `__proto__` is dropped from every
 * object read from JSON (the API's body, the document's inputs). `constructor`, `toString` and the
 * like are kept and read by own key (evaluation.ts), so they are names like any other.
 */
const NOT_KEYS: ReadonlySet<string> = new Set(['__proto__']);

/** A formula's base measures by the field that names each: `numerator`/`denominator`, `current`/`previous`. */
export function baseMeasureFields(formula: Formula | null): [field: string, name: string][] {
  if (formula?.kind === 'ratio')
    return [
      ['numerator', formula.numerator],
      ['denominator', formula.denominator],
    ];
  if (formula?.kind === 'trend')
    return [
      ['current', formula.current],
      ['previous', formula.previous],
    ];
  return [];
}

/** The formula's fields naming a base measure no value can be entered for (`__proto__`). */
export function unkeyableBaseMeasures(formula: Formula | null): [field: string, name: string][] {
  return baseMeasureFields(formula).filter(([, name]) => NOT_KEYS.has(name));
}

/** The `base-measure-name` error of each such base measure of one indicator (of the objective `node`), at `location`'s `formula.<field>`. */
export function baseMeasureProblems(node: string, indicator: Pick<Indicator, 'id' | 'name' | 'formula'>, location: SourceLocation): Issue[] {
  return unkeyableBaseMeasures(indicator.formula).map(([field, name]) =>
    problem('error', 'base-measure-name', { node, id: indicator.id, indicator: indicator.name, name }, { ...location, field: `formula.${field}` }),
  );
}

/**
 * Every definition of `plan` no plan may hold, in plan order, each at the indicator's origin (the
 * file, sheet and cell it was read from) or, for a plan made in memory, at its objective and id.
 *
 * @example definitionProblems(plan).map((i) => i.code) // ['formula-unit'] for a ratio counted in dates
 */
export function definitionProblems(plan: Plan): Issue[] {
  const found: Issue[] = [];
  for (const node of plan.nodes) {
    for (const ind of node.indicators) {
      // Both rules are about a formula: an entered indicator (most of a big table) has nothing to check.
      if (ind.formula === null) continue;
      const at = ind.origin ?? { node: node.code, indicator: ind.id };
      const wrong = formulaUnitProblem(node.code, ind, at);
      if (wrong !== null) found.push(wrong);
      found.push(...baseMeasureProblems(node.code, ind, at));
    }
  }
  return found;
}
