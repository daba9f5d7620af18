/**
 * The app's read cache (TanStack Query). Each screen reads through a hook keyed here; a write
 * marks stale the keys it changes (`markStale`) or puts its answer in (`putWritten`), cancelling
 * the reads under way first, so a reading shown from the cache is never older than the reader's
 * own last write. Other people's writes are read again when a screen mounts (staleTime 0)
 * or reloads; the window regaining focus does not refetch, and a failed read is not retried
 * (the screen says so, as it did before the cache).
 */
import { QueryClient, useQueryClient, type QueryFilters, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { PlanSummary, User } from './types.js';

type PlanId = PlanSummary['id'];

export function newQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 } } });
}

/** Whose cache it is: one per signed-in account and role, `''` for the public (App.tsx keeps one client per reader). */
export function readerOf(user: User | null): string {
  return user === null ? '' : `${String(user.id)}:${user.role}`;
}

/** Reads the page made before the first render (main.tsx) that no screen has mounted yet. */
const seeded = new WeakSet<object>();

/**
 * Puts a read already under way (or done) in the cache under `queryKey`, before the first render,
 * so the first screen draws from it at once (issue 15 §4). The screen that mounts it first takes it
 * as its own read (`refetchOnMount: unlessSeeded`), rather than reading again because staleTime is
 * 0; from then on, mounts read again as usual. Resolves when the read is in (or failed).
 */
export function seedRead(client: QueryClient, queryKey: QueryKey, read: Promise<unknown>): Promise<void> {
  const done = client.prefetchQuery({ queryKey, queryFn: () => read });
  const cache = client.getQueryCache();
  const query = cache.find({ queryKey, exact: true });
  if (query !== undefined) {
    seeded.add(query);
    const unsubscribe = cache.subscribe((event) => {
      if (event.type !== 'observerAdded' || event.query !== query) return;
      unsubscribe();
      // After this mount's own check (the observer is added just before it), not before.
      setTimeout(() => seeded.delete(query), 0);
    });
  }
  return done;
}

/** `refetchOnMount` of a read the first screen may find seeded: read again unless it is the page's own first read. */
export function unlessSeeded(query: object): boolean {
  return !seeded.has(query);
}

/**
 * After a write: the reads `filters` selects are marked stale, and those on screen read again. Every
 * write path goes through here. A read still under way left before the write, so its answer may not
 * have it. Invalidating alone cancels only a read that has something to fall back on (TanStack Query's
 * `cancelRefetch` applies to a query with data): a first read (nothing read yet) was waited for and
 * its old answer taken as current, shown again by a screen coming back to it while it was out (the
 * audit trail of a value just saved, a list of forms without the one just created). Cancelled first,
 * each goes back to what it held before it left (or to what a write put in with `setQueryData`) and
 * is read again, now or when a screen next shows it.
 */
export async function markStale(client: QueryClient, filters: QueryFilters): Promise<void> {
  await client.cancelQueries({ ...filters, fetchStatus: 'fetching' });
  await client.invalidateQueries(filters);
}

/**
 * A write's answer put in the cache as the read of `queryKey`: shown at once, not read again. A read
 * of it still under way left before the write, and its answer would put the older one back over it
 * (TanStack Query's own advice for data put in by hand: cancel the reads under way first).
 */
export async function putWritten<T>(client: QueryClient, queryKey: QueryKey, data: T): Promise<void> {
  await client.cancelQueries({ queryKey, exact: true, fetchStatus: 'fetching' });
  client.setQueryData<T>(queryKey, data);
}

/** Query keys, from the widest to the narrowest, so one prefix invalidates a plan's trees or a node's reads. */
export const keys = {
  plans: ['plans'] as const,
  /** The registry's units (`/api/units`). */
  units: ['units'] as const,
  /** Whether the server offers sign-in through an identity provider (`/api/session/oidc`). */
  oidc: ['session', 'oidc'] as const,
  /** Every read of a year's SMVP (what a save of that year changes). */
  smvpYear: (year: number) => ['smvp', year] as const,
  /** A year's SMVP: `version` null for the latest (or none saved yet), else that earlier version. No language: the document is the same in either. */
  smvp: (year: number, version: number | null) => ['smvp', year, version] as const,
  plan: (planId: PlanId) => ['plans', String(planId)] as const,
  /** The register of a plan's revisions (all its reads: what a revision's step changes). */
  revisionsOf: (planId: PlanId) => ['plans', String(planId), 'revisions'] as const,
  /** The register as read at the plan's state and open revision: read again when either moves. */
  revisions: (planId: PlanId, status: string, openRevision: number | null) => ['plans', String(planId), 'revisions', status, openRevision] as const,
  /** A plan's periods. */
  periods: (planId: PlanId) => ['plans', String(planId), 'periods'] as const,
  /** The plan year's Relazione sulla performance. */
  relazione: (planId: PlanId) => ['plans', String(planId), 'relazione'] as const,
  /** The baselines taken from last year that were corrected since (read again after any write to the plan, see `usePlanWritten`). */
  baselines: (planId: PlanId) => ['plans', String(planId), 'baselines'] as const,
  /** The baselines as read in `lang`: the server says their amounts (`1.587,10`, `1,587.10`). */
  baselinesIn: (planId: PlanId, lang: 'it' | 'en') => ['plans', String(planId), 'baselines', lang] as const,
  /** What next-year would take as baselines today (values not approved, a year end not closed), read when its form opens. */
  nextYearBaselines: (planId: PlanId) => ['plans', String(planId), 'next-year'] as const,
  /** A plan's monitoring campaign: worklist, dashboard, closing preview, a value's evidence and comments, variances (`campaign/queries.ts`). */
  campaign: (planId: PlanId) => ['campaign', String(planId)] as const,
  /** The comparisons of a plan's periods ("Confronta / Modifiche", `changes/queries.ts`). */
  changes: (planId: PlanId) => ['changes', String(planId)] as const,
  /** Every period's tree of a plan (what a value, a transition or a tree edit changes). */
  trees: (planId: PlanId) => ['tree', String(planId)] as const,
  /**
   * `period` null: the period the server opens by default. Keyed by the language the tree was asked
   * in: the server says its reasons, issues and amount texts in it, so a switch reads the tree again.
   */
  tree: (planId: PlanId, period: string | null, lang: 'it' | 'en') => ['tree', String(planId), period, lang] as const,
  /** An objective's or indicator's reads in the detail (explanation, history, audit). */
  node: (planId: PlanId) => ['node', String(planId)] as const,
  // Keys hold the plan's data version, never a whole document (a key is hashed on each render).
  explanation: (planId: PlanId, code: string, period: string | null, lang: 'it' | 'en', dataVersion: number) => ['node', String(planId), 'explanation', code, period, lang, dataVersion] as const,
  /** An objective's (`indicator` null) or an indicator's figures in every linked year, their texts in `lang`. */
  years: (planId: PlanId, code: string, indicator: string | null, lang: 'it' | 'en', dataVersion: number) => ['node', String(planId), 'years', code, indicator, lang, dataVersion] as const,
  /**
   * Not keyed by the tree's data version: a closed period's tree keeps the version of its closing,
   * so the trail would not follow a write while it is on screen. Every write marks it stale instead.
   * Keyed by the reader's language: the server words each entry's `message` in it.
   */
  audit: (planId: PlanId, node: string | undefined, indicator: string | undefined, lang: 'it' | 'en') => ['node', String(planId), 'audit', node ?? null, indicator ?? null, lang] as const,
};

/**
 * After a write to a plan's data (a value, a review, a transition, a tree edit): the reads that
 * follow its data are marked stale and those on screen read again, whichever period is shown.
 * A closed period's tree keeps the data version of its closing, so keys holding the tree's version
 * would not move: the plan's trees, the detail's reads, the campaign and the baselines notice are
 * invalidated here instead (and the comparisons). `trees: false` when the write cannot change a tree (a comment, a file).
 * A tree edit inside an open revision is recorded in it: the register on screen is read again too, else it
 * showed the revision without the change just made, and offered to discard it as empty (refused by the server).
 */
export function usePlanWritten(planId: PlanId): (options?: { trees?: boolean }) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (options = {}) => {
      const stale = [keys.node(planId), keys.campaign(planId), keys.baselines(planId), keys.changes(planId), ...(options.trees === false ? [] : [keys.trees(planId), keys.revisionsOf(planId)])];
      await Promise.all(stale.map((queryKey) => markStale(client, { queryKey })));
    },
    [client, planId],
  );
}
