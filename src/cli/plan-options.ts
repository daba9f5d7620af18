/**
 * The plan options every reading command shares, applied to a plan. Apart from shared.ts (which
 * loads commander and the messages) so that `verify`'s second thread applies them as the main
 * thread does while loading only the core (cli/verify-worker.ts).
 */
import { legendFromThresholds, type Decimal, type Plan, type ScoringRule } from '../core/index.js';

/** Options every reading command shares: the plan's legend and default scoring rule. */
export interface PlanOptions {
  legend?: [Decimal, Decimal];
  scoring?: ScoringRule['kind'];
}

/** The plan with the command line's legend and default rule, when given. */
export function applyPlanOptions(plan: Plan, options: PlanOptions): Plan {
  let settings = plan.settings;
  if (options.legend !== undefined) settings = { ...settings, legend: legendFromThresholds(options.legend[0], options.legend[1]) };
  if (options.scoring !== undefined) settings = { ...settings, defaultScoring: { kind: options.scoring } as ScoringRule };
  return settings === plan.settings ? plan : { ...plan, settings };
}
