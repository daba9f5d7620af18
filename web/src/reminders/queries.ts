/** The reminders' outbox through the app's query cache (see `api/queries.ts`). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { markStale } from '../api/queries.js';
import { reminders } from './api.js';

export const remindersKeys = {
  all: ['reminders'] as const,
  outbox: (planId: string) => ['reminders', planId] as const,
};

export const useOutbox = (planId: string) => useQuery({ queryKey: remindersKeys.outbox(planId), queryFn: () => reminders.outbox(planId) });

/** After "send now": a run may send the reminders of every plan, so each plan's outbox is read again. */
export function useRemindersSent(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => markStale(client, { queryKey: remindersKeys.all }), [client]);
}
