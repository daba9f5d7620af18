/**
 * Individual performance's reads through the app's query cache (see `api/queries.ts`): the list of
 * forms per year and language, one form per language, the people HR may pick. A write (a new form,
 * a step, objectives, ratings) puts the form it answers into the cache and marks the lists and the
 * form's other language stale, so no screen shows an older form than its reader's last write.
 * The SMVP of a year is read here too, and a save of it puts the version saved into the cache.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { keys, markStale, putWritten } from '../api/queries.js';
import { appraisalApi, peopleApi, smvpApi } from './api.js';
import type { AppraisalForm, FormTrailEntry, SmvpSaved, SmvpVersion } from '../../../src/contract/index.js';
import type { SmvpDocument } from './SmvpPage.js';

type Lang = 'it' | 'en';

export const appraisalKeys = {
  all: ['appraisals'] as const,
  lists: ['appraisals', 'list'] as const,
  list: (year: number, lang: Lang) => ['appraisals', 'list', year, lang] as const,
  form: (id: string) => ['appraisals', 'form', id] as const,
  formIn: (id: string, lang: Lang) => ['appraisals', 'form', id, lang] as const,
  /** Under the form's key: a write to the form marks its trail stale with it. */
  trailIn: (id: string, lang: Lang) => ['appraisals', 'form', id, 'trail', lang] as const,
  people: ['appraisals', 'people'] as const,
  stranded: (lang: Lang) => ['appraisals', 'stranded', lang] as const,
};

export const useAppraisalList = (year: number, lang: Lang) => useQuery({ queryKey: appraisalKeys.list(year, lang), queryFn: () => appraisalApi.list(lang, year) });

/**
 * One form in the reader's language. The same form read in the other language stays on the screen
 * while the new one is read: the screen is not unmounted meanwhile, so what is typed and not sent
 * (the plan control's choice and reason) stays. Another form starts from "loading".
 */
export const useAppraisalForm = (id: string, lang: Lang) =>
  useQuery({
    queryKey: appraisalKeys.formIn(id, lang),
    queryFn: () => appraisalApi.get(id, lang),
    placeholderData: (previous: AppraisalForm | undefined, previousQuery) => (previousQuery !== undefined && previousQuery.queryKey[2] === id ? previous : undefined),
  });

/** The form's trail in the reader's language (who, when, what, why, before → after in words). */
export const useFormTrail = (id: string, lang: Lang, enabled: boolean) =>
  useQuery({
    queryKey: appraisalKeys.trailIn(id, lang),
    queryFn: () => appraisalApi.trail(id, lang),
    enabled,
    placeholderData: (previous: FormTrailEntry[] | undefined, previousQuery) => (previousQuery !== undefined && previousQuery.queryKey[2] === id ? previous : undefined),
  });

/** Records left under a corrected body (HR's only: `enabled` false for others, who would be refused). */
export const useStranded = (lang: Lang, enabled: boolean) => useQuery({ queryKey: appraisalKeys.stranded(lang), queryFn: () => appraisalApi.stranded(lang), enabled });

export const usePeople = () => useQuery({ queryKey: appraisalKeys.people, queryFn: peopleApi.list });

/** Records a form the server answered after a write: shown at once in `lang` (resolved then), read again elsewhere. */
export function useFormWritten(): (form: AppraisalForm, lang: Lang) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (form: AppraisalForm, lang: Lang) => {
      await putWritten(client, appraisalKeys.formIn(form.id, lang), form);
      void markStale(client, { queryKey: appraisalKeys.form(form.id), predicate: (q) => q.queryKey[3] !== lang });
      void markStale(client, { queryKey: appraisalKeys.lists });
    },
    [client],
  );
}

/** A version as the server sends it, its document (which the contract leaves to the SMVP's codec) read as the SMVP screen edits it. */
export type SmvpRecord = Omit<SmvpVersion, 'document'> & { document: SmvpDocument };

/** A year's SMVP as read: a version, or (for the latest) none saved yet, with the example the server offers to start from. */
export type SmvpRead = { record: SmvpRecord; example: null } | { record: null; example: SmvpDocument | null };

/**
 * Reads a year's SMVP (`version` null: the latest) as the cache keeps it. No SMVP saved for the year
 * is an answer, not a failure (`version: null`, with the example the screen offers); a missing
 * earlier version is a failure (404).
 */
export async function readSmvp(year: number, version: number | null): Promise<SmvpRead> {
  const read = await smvpApi.get(year, version ?? undefined);
  if (read.version === null) return { record: null, example: read.example as SmvpDocument };
  return { record: read as SmvpRecord, example: null };
}

/**
 * A year's SMVP, the latest (`version` null) or an earlier version. The screen edits a draft of its
 * own, copied from this answer, so a read again never overwrites what is being typed; the window
 * regaining focus does not read again (said here, not only as the app's default), and a mount does
 * (staleTime 0), so the screen opened again shows another editor's save.
 */
export const useSmvp = (year: number, version: number | null) => useQuery({ queryKey: keys.smvp(year, version), queryFn: () => readSmvp(year, version), staleTime: 0, refetchOnWindowFocus: false });

/**
 * Records a version of a year's SMVP the server saved: it becomes the year's latest and that version
 * at once (no read again); the year's other reads are marked stale, and the forms too (a form not
 * yet rated is computed under the latest SMVP).
 */
export async function smvpSaved(client: QueryClient, year: number, { issues: _issues, ...version }: SmvpSaved): Promise<void> {
  const read: SmvpRead = { record: version as SmvpRecord, example: null };
  const set = [keys.smvp(year, null), keys.smvp(year, version.version)];
  await Promise.all(set.map((key) => putWritten(client, key, read)));
  void markStale(client, { queryKey: keys.smvpYear(year), predicate: (q) => !set.some((key) => key[2] === q.queryKey[2]) });
  void markStale(client, { queryKey: appraisalKeys.all });
}

/** `smvpSaved` on the app's cache. */
export function useSmvpSaved(): (year: number, saved: SmvpSaved) => Promise<void> {
  const client = useQueryClient();
  return useCallback((year: number, saved: SmvpSaved) => smvpSaved(client, year, saved), [client]);
}
