/**
 * Which period's values the public may see: a closed or validated period (final figures), or one
 * the controller has published (POST …/periods/:periodId/publication). A collecting period's
 * values are provisional: without publication nobody outside sees them. Every route that shows
 * the public a period's values (tree, exports, changes, years, transparency pages) asks here.
 */
import type { Store } from '../store/index.js';
import { refuse } from './errors.js';

/** The periods whose values the public reads, oldest first, and every period of the plan. */
async function periodsOf(store: Store, planId: string): Promise<{ all: readonly { id: string; label: string }[]; visible: readonly { id: string; label: string }[] }> {
  const periods = (await store.listPeriods(planId)) ?? [];
  const published = new Set((await store.relazioni.listPublishedPeriods(planId)).map((p) => p.periodId));
  const visible = periods.filter((p) => p.state === 'closed' || p.state === 'validated' || published.has(p.id)).sort((a, b) => (a.endsOn < b.endsOn ? -1 : a.endsOn > b.endsOn ? 1 : 0));
  return { all: periods, visible };
}

/** The period the public reads: the one asked for if visible, else (none asked) the latest visible one. */
export async function publicPeriod(store: Store, planId: string, requested: string | undefined): Promise<string> {
  const { all, visible } = await periodsOf(store, planId);
  if (requested !== undefined) {
    if (!all.some((p) => p.id === requested)) throw refuse(404, 'not-found', { what: 'period', id: requested });
    const asked = all.find((p) => p.id === requested)!;
    // A shared link to a period not (or no longer) published: said by its label, with the periods the reader may open instead (details, for the screen's links).
    if (!visible.some((p) => p.id === requested))
      throw refuse(
        404,
        'not-found',
        { what: 'unpublished-period', id: requested, label: asked.label, published: visible.map((p) => p.label) },
        { details: { period: { id: asked.id, label: asked.label }, published: visible.map((p) => ({ id: p.id, label: p.label })) } },
      );
    return requested;
  }
  const last = visible[visible.length - 1];
  if (last === undefined) throw refuse(404, 'not-found', { what: 'published-period' });
  return last.id;
}

/** The latest period whose values the public reads; undefined when none is. */
export async function latestPublicPeriod(store: Store, planId: string): Promise<string | undefined> {
  const { visible } = await periodsOf(store, planId);
  return visible[visible.length - 1]?.id;
}
