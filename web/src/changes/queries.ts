/**
 * "Confronta / Modifiche" through the app's query cache (see `api/queries.ts`): a comparison is read
 * when asked for, keyed by what it compares and by the reader's language, under
 * `keys.changes(planId)`, which every write to the plan marks stale. The server words the answer in
 * the reader's language (each change's `message`, `beforeText`, `afterText`), so an Italian answer
 * is never kept for an English screen: another language reads the comparison again, and the one
 * shown stays on screen meanwhile (the panel says each change from its code and parameters).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { keys } from '../api/queries.js';
import type { ChangesResponse, PlanSummary } from '../api/types.js';
import type { Lang } from '../ui/format.js';

export type ChangesParams = Parameters<typeof api.changes>[1];

export const changesKeys = {
  compared: (planId: PlanSummary['id'], params: ChangesParams, lang: Lang) =>
    [...keys.changes(planId), params.period ?? null, params.againstClosing === true, params.againstPeriod ?? null, params.against === undefined ? null : String(params.against), lang] as const,
};

/** Whether two comparisons' keys differ in the language only (the last part of the key). */
export function sameButLanguage(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && JSON.stringify(a.slice(0, -1)) === JSON.stringify(b.slice(0, -1));
}

/** `params` null: nothing asked yet (no read). */
export function useChanges(planId: PlanSummary['id'], params: ChangesParams | null, lang: Lang) {
  const queryKey = changesKeys.compared(planId, params ?? {}, lang);
  return useQuery({
    queryKey,
    queryFn: () => api.changes(planId, params ?? {}),
    enabled: params !== null,
    // The same comparison in the other language stays shown while it is read again; another comparison starts from "loading".
    placeholderData: (previous: ChangesResponse | undefined, previousQuery) => (previousQuery !== undefined && sameButLanguage(previousQuery.queryKey, queryKey) ? previous : undefined),
  });
}
