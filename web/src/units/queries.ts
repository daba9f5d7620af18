/**
 * The organisation registry's reads through the app's query cache (see `api/queries.ts`): the units,
 * the active people the pickers offer, and the accounts the administrator manages. A write to any
 * of them (a unit, an import, an account) marks all three stale: a unit's members are accounts, and
 * an account's units are units, so each list shows the other's change when next on screen.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api/client.js';
import { keys, markStale } from '../api/queries.js';
import { campaign, type Person, type Unit } from '../campaign/campaign-api.js';

export const registryKeys = {
  units: keys.units,
  /** The active accounts a unit's head, members or an assignment is picked from (`/api/people`). */
  people: ['people'] as const,
  /** The administrator's accounts (`/api/users`). */
  users: ['users'] as const,
};

export const useUnits = () => useQuery({ queryKey: registryKeys.units, queryFn: campaign.units });
export const usePeople = () => useQuery({ queryKey: registryKeys.people, queryFn: campaign.people });
export const useUsers = () => useQuery({ queryKey: registryKeys.users, queryFn: api.users });

export interface Registry {
  units: Unit[];
  people: Person[];
}

/** The registry and the people; null while loading, empty lists when refused (the fields still work, inherited). */
export function useRegistry(): Registry | null {
  const units = useUnits();
  const people = usePeople();
  if (units.isPending || people.isPending) return units.isError || people.isError ? { units: [], people: [] } : null;
  return { units: units.data ?? [], people: people.data ?? [] };
}

/** After a write to a unit or an account: the units, the people and the accounts are read again. */
export function useRegistryChanged(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(async () => {
    await Promise.all(Object.values(registryKeys).map((queryKey) => markStale(client, { queryKey })));
  }, [client]);
}
