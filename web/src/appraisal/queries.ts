/**
 * Individual performance's reads through the app's query cache (see `api/queries.ts`): the list of
 * forms per year and language, one form per language, the people HR may pick. A write (a new form,
 * a step, objectives, ratings) puts the form it answers into the cache and marks the lists and the
 * form's other language stale, so no screen shows an older form than its reader's last write.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { appraisalApi, peopleApi } from './api.js';
import type { AppraisalForm } from '../../../src/contract/index.js';

type Lang = 'it' | 'en';

export const appraisalKeys = {
  all: ['appraisals'] as const,
  lists: ['appraisals', 'list'] as const,
  list: (year: number, lang: Lang) => ['appraisals', 'list', year, lang] as const,
  form: (id: string) => ['appraisals', 'form', id] as const,
  formIn: (id: string, lang: Lang) => ['appraisals', 'form', id, lang] as const,
  people: ['appraisals', 'people'] as const,
};

export const useAppraisalList = (year: number, lang: Lang) => useQuery({ queryKey: appraisalKeys.list(year, lang), queryFn: () => appraisalApi.list(lang, year) });

export const useAppraisalForm = (id: string, lang: Lang) => useQuery({ queryKey: appraisalKeys.formIn(id, lang), queryFn: () => appraisalApi.get(id, lang) });

export const usePeople = () => useQuery({ queryKey: appraisalKeys.people, queryFn: peopleApi.list });

/** Records a form the server answered after a write: shown at once in `lang`, read again elsewhere. */
export function useFormWritten(): (form: AppraisalForm, lang: Lang) => void {
  const client = useQueryClient();
  return useCallback(
    (form: AppraisalForm, lang: Lang) => {
      client.setQueryData(appraisalKeys.formIn(form.id, lang), form);
      void client.invalidateQueries({ queryKey: appraisalKeys.form(form.id), predicate: (q) => q.queryKey[3] !== lang });
      void client.invalidateQueries({ queryKey: appraisalKeys.lists });
    },
    [client],
  );
}
