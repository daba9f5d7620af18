/**
 * The baselines a plan took from last year's year end that no longer match it, as the tree shows
 * them ("206 → 210"), the baselines' page lists them and a refresh stores them: one reading for
 * the tree's answer (tree-answer.ts), the years' and the exports' routes.
 */
import type { Amount, Language } from '../core/index.js';
import type { ChangedBaseline } from '../contract/index.js';
import { amountJson, amountText } from '../io/json.js';
import type { Deps } from './api.js';
import { refuse } from './errors.js';

const sameAmount = (a: Amount | null, b: Amount | null): boolean => JSON.stringify(amountJson(a)) === JSON.stringify(amountJson(b));

/**
 * The baselines of this plan that came from its predecessor's year end and no longer match it: the
 * predecessor's year-end actual (as its tree reads it: the frozen closing once closed) was corrected
 * after next-year, or withdrawn. What next-year would take today is the measured actual with its year;
 * with none, an older baseline stays (as next-year keeps it), and only one from that year is stale.
 * The amount texts are in `language`, as the tree's (`1.587,10`; `1,587.10`).
 */
export async function changedBaselines(
  { store, trees }: Pick<Deps, 'store' | 'trees'>,
  planId: string,
  language: Language = 'it',
): Promise<{ following: number; changed: ChangedBaseline[]; values: Map<string, Amount> }> {
  const following = await store.followingBaselines(planId);
  if (following === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
  const years = new Map<string, { year: number; computed: Awaited<ReturnType<typeof trees.computed>> } | null>();
  const changed: ChangedBaseline[] = [];
  // The predecessors' current actuals as values, for a refresh to store exactly what was compared.
  const values = new Map<string, Amount>();
  for (const f of following) {
    let from = years.get(f.predecessor.planId);
    if (from === undefined) {
      const plan = await store.getPlan(f.predecessor.planId);
      from = plan === undefined ? null : { year: plan.year, computed: await trees.computed(plan.id, undefined, plan.dataVersion) };
      years.set(f.predecessor.planId, from);
    }
    if (from === null) continue;
    const r = from.computed.evaluation.indicator(f.predecessor.ref);
    const current = r?.state === 'measured' ? r.actual : null;
    const stale = current === null ? f.baselineYear === from.year && f.baseline !== null : f.baselineYear !== from.year || !sameAmount(f.baseline, current);
    if (!stale) continue;
    if (current !== null) values.set(f.indicatorId, current);
    const period = from.computed.snapshot.period;
    changed.push({
      indicatorId: f.indicatorId,
      code: f.code,
      name: f.name,
      unit: f.unit,
      definitionVersion: f.version,
      baseline: amountJson(f.baseline),
      baselineText: amountText(f.baseline, f.unit, language),
      baselineYear: f.baselineYear,
      current: amountJson(current),
      currentText: amountText(current, f.unit, language),
      currentYear: from.year,
      predecessor: { planId: f.predecessor.planId, indicatorId: f.predecessor.ref, period: { id: period.id, label: period.label, state: period.state } },
    });
  }
  return { following: following.length, changed, values };
}
