/**
 * Which period's values the public may see: a closed or validated period (final figures), or one
 * the controller has published (POST …/periods/:periodId/publication). A collecting period's
 * values are provisional: without publication nobody outside sees them.
 */
import type { Store } from '../store/index.js';
import { HttpError } from './errors.js';

/** The period the public reads: the one asked for if visible, else (none asked) the latest visible one. */
export async function publicPeriod(store: Store, planId: string, requested: string | undefined): Promise<string> {
  const periods = (await store.listPeriods(planId)) ?? [];
  const published = new Set((await store.relazioni.listPublishedPeriods(planId)).map((p) => p.periodId));
  const visible = periods.filter((p) => p.state === 'closed' || p.state === 'validated' || published.has(p.id)).sort((a, b) => (a.endsOn < b.endsOn ? -1 : a.endsOn > b.endsOn ? 1 : 0));
  if (requested !== undefined) {
    if (!periods.some((p) => p.id === requested)) throw new HttpError(404, 'not-found', `the plan has no period ${requested}`);
    if (!visible.some((p) => p.id === requested)) throw new HttpError(404, 'not-found', `the values of the period ${requested} are not published`);
    return requested;
  }
  const last = visible[visible.length - 1];
  if (last === undefined) throw new HttpError(404, 'not-found', 'no period of this plan has published values yet');
  return last.id;
}
