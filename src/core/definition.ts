/**
 * What no plan may define, whichever way it comes in: a table or template read from a file (the
 * CLI, the API's import), next year's plan rolled forward, an indicator edited over HTTP. Each
 * path asks here, so the rule is written once; each problem is an error located where the plan
 * came from (its file and line or cell, else its objective and indicator).
 *
 * Today one rule: a formula (a ratio, a trend, the mean of the child objectives) yields a number,
 * so the indicator it computes is counted in numbers or percent, never in dates or yes/no, where
 * its value would score nothing.
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
 * Every definition of `plan` no plan may hold, in plan order, each at the indicator's origin (the
 * file, sheet and cell it was read from) or, for a plan made in memory, at its objective and id.
 *
 * @example definitionProblems(plan).map((i) => i.code) // ['formula-unit'] for a ratio counted in dates
 */
export function definitionProblems(plan: Plan): Issue[] {
  const found: Issue[] = [];
  for (const node of plan.nodes) {
    for (const ind of node.indicators) {
      const wrong = formulaUnitProblem(node.code, ind, ind.origin ?? { node: node.code, indicator: ind.id });
      if (wrong !== null) found.push(wrong);
    }
  }
  return found;
}
