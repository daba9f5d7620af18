/**
 * A plan's summary and the tree of the period shown, through the query cache. Writes go through
 * `reload` (the plan's trees are read again) or `applySaved` (a value's answer applied in place).
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { periodOfAddress } from '../api/early.js';
import { keys, markStale, unlessSeeded, usePlanWritten } from '../api/queries.js';
import type { TreeChanges, TreeDocument } from '../api/types.js';
import { applyChanges } from '../tree/tree-changes.js';
import { periodComing } from './period-coming.js';
import { useLang } from '../ui/format.js';
import { useReadError } from '../ui/server-words.js';
import { useSession } from '../session.js';

export function usePlanData(planId: string) {
  const client = useQueryClient();
  const lang = useLang();
  // null: the period the server opens by default, until the reader picks one; a shared link's `?period=` opens that one.
  const [requested, setRequested] = useState<string | null>(() => periodOfAddress(window.location));
  // The address follows the period asked for, so that a reload or a link copied from it opens the
  // same period (it kept the first one's, or none). Replaced, not pushed: the period is a view of
  // this screen, so the back button leaves the plan as it came, rather than stepping through periods.
  useEffect(() => {
    if (periodOfAddress(window.location) === requested) return;
    const params = new URLSearchParams(window.location.search);
    if (requested === null) params.delete('period');
    else params.set('period', requested);
    const search = params.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search === '' ? '' : `?${search}`}${window.location.hash}`);
  }, [requested]);
  // Opened from the plan's address, both may be in before the first render (main.tsx seeds them).
  const planQuery = useQuery({ queryKey: keys.plan(planId), queryFn: () => api.plan(planId), refetchOnMount: unlessSeeded });
  // The previous period's tree stays on screen while the next one is read, as before the cache.
  // In the screen's language: a switch reads it again, the tree in the other language staying on screen
  // meanwhile (an open form keeps what was typed: its draft is reset only for another indicator).
  const treeQuery = useQuery({ queryKey: keys.tree(planId, requested, lang), queryFn: () => api.tree(planId, requested, lang), placeholderData: keepPreviousData, refetchOnMount: unlessSeeded });
  const tree = treeQuery.data ?? null;
  // Opened without a period, the office's screen moves to the period collecting (or, between
  // campaigns, the latest closed): `periodComing` says which. Once the reader picks a period it stays.
  const signedIn = useSession().user !== null;
  const coming = periodComing(tree, requested, signedIn);
  const switching = requested === null && coming !== null;
  const comingId = coming?.id ?? null;
  useEffect(() => {
    if (switching && comingId !== null) setRequested(comingId);
  }, [switching, comingId]);
  // A failed action's error, kept as it was thrown and said on each render (after a change of
  // language, in the new one); cleared when the tree is read again.
  const [failed, setFailed] = useState<{ error: unknown } | null>(null);
  useEffect(() => setFailed(null), [treeQuery.dataUpdatedAt]);
  const setError = useCallback((error: unknown) => setFailed(error === null ? null : { error }), []);
  const readError = useReadError();

  const written = usePlanWritten(planId);
  /** Shows `period` (null: the server's default) and reads the plan's trees (and what follows its data) again. */
  const reload = useCallback(
    (period: string | null) => {
      setRequested(period);
      void written();
    },
    [written],
  );
  const reloadPlan = useCallback(() => void markStale(client, { queryKey: keys.plans }), [client]);

  /** A value's save: its changes applied in place, or the tree read again when they do not follow. */
  const applySaved = useCallback(
    (changes: TreeChanges | undefined) => {
      const key = keys.tree(planId, requested, lang);
      const current = client.getQueryData<TreeDocument>(key);
      const next = changes !== undefined && current !== undefined ? applyChanges(current, changes) : null;
      if (next === null) return reload(current?.period?.id ?? requested);
      // A read of this tree still under way left before the save: its answer would put the old
      // value back over the new one. Cancelled (the save's tree kept), it is read again after the save.
      const reading = client.isFetching({ queryKey: key, exact: true }) > 0;
      client.setQueryData(key, next);
      if (reading) void markStale(client, { queryKey: key, exact: true });
      // The other periods' trees (and this one's in the other language), the detail's reads (history, audit) and the campaign may show the value too.
      void markStale(client, { queryKey: keys.trees(planId), predicate: (q) => q.queryKey[2] !== requested || q.queryKey[3] !== lang });
      void written({ trees: false });
    },
    [client, planId, requested, lang, reload, written],
  );

  const loadError = treeQuery.error === null ? null : readError(treeQuery.error);
  return {
    tree,
    /**
     * Nothing of the screen is still to come: the tree shown is the period it stays on (not the one
     * before a switch, nor the server's default about to be replaced by the period collecting) and no
     * read of it or of the plan's summary is under way. Said on the screen (`data-ready`) for scripts
     * and tests, which would otherwise act on a tree about to be replaced.
     */
    settled: tree !== null && !treeQuery.isPlaceholderData && !treeQuery.isFetching && !switching && !planQuery.isPending && !planQuery.isFetching,
    /**
     * The period the screen is moving to while the tree shown is still another's (a switch pending, its
     * tree being read), else null: the forms that write for the period shown wait for it meanwhile.
     */
    coming,
    plan: planQuery.data ?? null,
    /** The period shown in the selector: the one asked for, else the tree's. */
    periodId: requested ?? tree?.period?.id ?? null,
    error: failed !== null ? readError(failed.error) : loadError,
    /** Why the tree could not be read (its refusal's details: a period not published, and those that are). */
    loadFailure: treeQuery.error,
    setError,
    reload,
    reloadPlan,
    applySaved,
  };
}
