/**
 * The year's Relazione through the app's query cache (see `api/queries.ts`), under
 * `keys.relazione(planId)`: its page and the revisions' form (which says a validated year stays as
 * validated) read it through this one hook, so both share one answer and every write's update.
 */
import { useQuery } from '@tanstack/react-query';
import { keys } from '../api/queries.js';
import type { PlanSummary } from '../api/types.js';
import { relazioneApi } from './api.js';

/** `enabled` false: not read (a reader who may not see it, a plan not adopted). */
export const useRelazione = (planId: PlanSummary['id'], enabled = true) => useQuery({ queryKey: keys.relazione(planId), queryFn: () => relazioneApi.get(planId), enabled });
