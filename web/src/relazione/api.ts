/** The year's Relazione and its validation by the OIV, on the app's one `request` (routes in src/server/routes/relazione.ts). */
import { request } from '../api/client.js';
import type { PlanSummary } from '../api/types.js';

export type RelazioneState = 'draft' | 'transmitted' | 'validated' | 'validated_with_reservations' | 'not_validated';
export type Outcome = 'yes' | 'partly' | 'no';

export interface ChecklistPoint {
  label: string;
  outcome: Outcome | null;
  note: string;
}

export interface ValidatedValue {
  code: string;
  validated: number;
  note: string;
}

/** GET /api/plans/:id/relazione. */
export interface Relazione {
  state: RelazioneState;
  texts: Record<string, string>;
  /** The sentences written from the data, by section: what the office may start from. */
  generated: Record<string, string>;
  /** The keys of the sections the office writes, in the document's order. */
  sections: string[];
  note: string;
  reservations: string;
  checklist: ChecklistPoint[];
  values: ValidatedValue[];
  published: boolean;
  publishedAt: string | null;
  transmittedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  frozen: boolean;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface Review {
  note: string;
  reservations: string;
  checklist: ChecklistPoint[];
  /** The validated performance as typed ("85,5"): the server reads the Italian comma. */
  values: { code: string; validated: string; note: string }[];
  version: number;
}

export const DECISIONS: readonly RelazioneState[] = ['validated', 'validated_with_reservations', 'not_validated'];

const base = (planId: PlanSummary['id']): string => `/api/plans/${encodeURIComponent(String(planId))}/relazione`;

export const relazioneApi = {
  get: (planId: PlanSummary['id']) => request<Relazione>('GET', base(planId)),
  putTexts: (planId: PlanSummary['id'], texts: Record<string, string>, version: number) => request<Relazione>('PUT', `${base(planId)}/texts`, { texts, version }),
  putReview: (planId: PlanSummary['id'], review: Review) => request<Relazione>('PUT', `${base(planId)}/review`, review),
  move: (planId: PlanSummary['id'], to: RelazioneState) => request<Relazione>('POST', `${base(planId)}/transition`, { to }),
  publish: (planId: PlanSummary['id'], published: boolean) => request<Relazione>('POST', `${base(planId)}/publication`, { published }),
  fileUrl: (planId: PlanSummary['id'], what: 'export' | 'validation', format: 'docx' | 'pdf' | 'html') => `${base(planId)}/${what}?format=${format}`,
};
