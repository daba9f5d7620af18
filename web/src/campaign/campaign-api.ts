/**
 * The monitoring campaign's calls: the organisation registry, the worklist, the review of values,
 * the completion dashboard, deadlines, the closing checklist and temporary passwords.
 */
import type {
  ClosingPreview,
  Dashboard,
  Done,
  OrgUnit,
  Period,
  Person,
  Reassigned,
  ReviewAction,
  ReviewStep,
  UnitsImported,
  User,
  Worklist,
  WorklistStateFilter,
  WorkState,
} from '../../../src/contract/index.js';
import { request } from '../api/client.js';

// The campaign's documents are the server's contract (src/contract/campaign.ts): one definition, no copies.
export type { ClosingPreview, Dashboard, Person, Worklist, WorkItem, WorklistItem, WorklistStateFilter, WorkState } from '../../../src/contract/index.js';
/** A unit of the organisation registry (the contract's `OrgUnit`: `Unit` there is the unit of measure). */
export type Unit = OrgUnit;

const enc = encodeURIComponent;

export const campaign = {
  units: () => request<Unit[]>('GET', '/api/units'),
  people: () => request<Person[]>('GET', '/api/people'),
  createUnit: (input: { code: string; name: string; kind: string; parentId?: string | null; headId?: string | null; members?: string[] }) => request<Unit>('POST', '/api/units', input),
  updateUnit: (id: string, patch: Partial<Omit<Unit, 'id' | 'version' | 'updatedAt'>> & { version?: number }) => request<Unit>('PATCH', `/api/units/${enc(id)}`, patch),
  deleteUnit: (id: string) => request<Unit>('DELETE', `/api/units/${enc(id)}`),
  importUnits: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.set('file', file);
    return request<UnitsImported>('POST', `/api/units/import${dryRun ? '?dryRun=true' : ''}`, form);
  },
  unitsExportUrl: (format: 'csv' | 'xlsx') => `/api/units/export?format=${format}`,
  reassign: (planId: string, change: { nodes?: string[]; indicators?: string[]; unitId?: string | null; personId?: string | null }) =>
    request<Reassigned>('POST', `/api/plans/${enc(planId)}/reassign`, change),
  /** A page of the worklist (`offset` rows skipped, `limit` sent), with the counts and total of every row the filters keep. */
  worklist: (planId: string, query: { period?: string; unit?: string; person?: string; state?: WorklistStateFilter; mine?: '1'; offset?: number; limit?: number } = {}) => {
    const q = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]]))).toString();
    return request<Worklist>('GET', `/api/plans/${enc(planId)}/worklist${q ? `?${q}` : ''}`);
  },
  dashboard: (planId: string) => request<Dashboard>('GET', `/api/plans/${enc(planId)}/dashboard`),
  dashboardExportUrl: (planId: string) => `/api/plans/${enc(planId)}/dashboard/export`,
  /** `state`: the value's review state as listed; 409 `conflict` when another desk reviewed it since (who, when, the state now). */
  review: (planId: string, indicatorId: string, periodId: string, action: ReviewAction, version: number, state: WorkState, note?: string) =>
    request<ReviewStep>('POST', `/api/plans/${enc(planId)}/indicators/${enc(indicatorId)}/measurements/${enc(periodId)}/reviews`, {
      action,
      version,
      state,
      ...(note !== undefined ? { note } : {}),
    }),
  /** `version`: the period's as read; 409 `conflict` when another desk changed the period since. */
  setDeadline: (planId: string, periodId: string, deadline: string | null, version: number) =>
    request<Period>('PUT', `/api/plans/${enc(planId)}/periods/${enc(periodId)}/deadline`, { deadline, version }),
  closingPreview: (planId: string, periodId: string) => request<ClosingPreview>('GET', `/api/plans/${enc(planId)}/periods/${enc(periodId)}/closing-preview`),
  temporaryPassword: (userId: string, password: string) => request<User>('POST', `/api/users/${enc(userId)}/temporary-password`, { password }),
  changeOwnPassword: (current: string, next: string) => request<Done>('POST', '/api/users/me/password', { current, next }),
  /** The language of the emails Albero sends the signed-in person. */
  setOwnLanguage: (language: 'it' | 'en') => request<User>('PATCH', '/api/users/me', { language }),
};
