/** The year's Relazione and its validation by the OIV, on the app's one `request` (routes in src/server/routes/relazione.ts). */
import { request } from '../api/client.js';
import type { PlanSummary } from '../api/types.js';
import type { Relazione, RelazioneMoveInput, RelazioneReviewInput, RelazioneState } from '../../../src/contract/index.js';

// The documents and bodies as the server declares them (src/contract/relazione.ts): types only.
export type { ChecklistPoint, ChecklistOutcome as Outcome, Relazione, RelazioneReviewInput as Review, RelazioneState } from '../../../src/contract/index.js';

export const DECISIONS: readonly RelazioneState[] = ['validated', 'validated_with_reservations', 'not_validated'];

const base = (planId: PlanSummary['id']): string => `/api/plans/${encodeURIComponent(String(planId))}/relazione`;

export const relazioneApi = {
  get: (planId: PlanSummary['id']) => request<Relazione>('GET', base(planId)),
  putTexts: (planId: PlanSummary['id'], texts: Record<string, string>, version: number) => request<Relazione>('PUT', `${base(planId)}/texts`, { texts, version }),
  putReview: (planId: PlanSummary['id'], review: RelazioneReviewInput) => request<Relazione>('PUT', `${base(planId)}/review`, review),
  /**
   * `confirmEmpty`: sent on with sections only the office writes left empty (refused otherwise).
   * `seen`: the OIV's decision on the Relazione as the screen showed it (its answer's `seen`).
   */
  move: (planId: PlanSummary['id'], to: RelazioneState, { confirmEmpty = false, seen = null }: { confirmEmpty?: boolean; seen?: string | null } = {}) =>
    request<Relazione>('POST', `${base(planId)}/transition`, { to, ...(confirmEmpty ? { confirmEmpty } : {}), ...(seen === null ? {} : { seen }) } satisfies RelazioneMoveInput),
  publish: (planId: PlanSummary['id'], published: boolean) => request<Relazione>('POST', `${base(planId)}/publication`, { published }),
  fileUrl: (planId: PlanSummary['id'], what: 'export' | 'validation', format: 'docx' | 'pdf' | 'html') => `${base(planId)}/${what}?format=${format}`,
};
