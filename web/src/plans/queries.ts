/**
 * The plans list's reads through the app's query cache (see `api/queries.ts`): the plans in use and
 * the archived ones. A write to a plan (create, import, publish, archive, delete) marks every read
 * under `keys.plans` stale, so both lists and the plan's own summary are read again once.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, request } from '../api/client.js';
import type { WorkDue } from '../../../src/contract/index.js';
import { keys, markStale } from '../api/queries.js';

export const plansKeys = {
  /** Under `keys.plans`, so a plan's write marks it stale too; an object never equals a plan's id. */
  archived: [...keys.plans, { archived: true }] as const,
};

export const usePlans = () => useQuery({ queryKey: keys.plans, queryFn: api.plans });

export const useArchivedPlans = (enabled: boolean) => useQuery({ queryKey: plansKeys.archived, queryFn: api.plansArchived, enabled });

/** After a write to any plan: the lists and the plans' summaries are read again. */
export function usePlansChanged(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => markStale(client, { queryKey: keys.plans }), [client]);
}

/** What waits for the signed-in person across the plans (`GET /api/work-due`); read each time the plans list opens. */
export const useWorkDue = (enabled: boolean) => useQuery({ queryKey: ['work-due'], queryFn: () => request<WorkDue>('GET', '/api/work-due'), enabled, staleTime: 0 });
