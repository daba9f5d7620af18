/** The calls of individual performance (forms, steps, the fund), on the app's one `request`. */
import { query, request } from '../api/client.js';
import type {
  AppraisalForm,
  AppraisalPerson,
  AssignStrandedBody,
  Distribution,
  FormAction,
  FormObjective,
  FormSummary,
  FormTrailEntry,
  SmvpRead,
  SmvpSaved,
  StaffCategory,
  StrandedAssigned,
  StrandedBody,
} from '../../../src/contract/index.js';

const enc = encodeURIComponent;

export interface ObjectiveInput extends Omit<FormObjective, 'id' | 'reason'> {
  id?: string;
  reason?: string | null;
}

export const appraisalApi = {
  list: (lang: string, year?: number) => request<FormSummary[]>('GET', `/api/appraisals${query({ year, lang })}`),
  get: (id: string, lang: string) => request<AppraisalForm>('GET', `/api/appraisals/${enc(id)}${query({ lang })}`),
  create: (input: {
    year: number;
    personId: string;
    evaluatorId: string;
    category: StaffCategory;
    planId?: string | null;
    assignments?: { unitId: string; from: string; to: string; partTime: number }[];
  }) => request<AppraisalForm>('POST', '/api/appraisals', input),
  patch: (id: string, lang: string, input: { version: number; objectives?: ObjectiveInput[]; ratings?: Record<string, number>; planId?: string; reason?: string }) =>
    request<AppraisalForm>('PATCH', `/api/appraisals/${enc(id)}${query({ lang })}`, input),
  act: (id: string, lang: string, input: { action: FormAction; version: number; note?: string; reason?: string; outcome?: 'confirmed' | 'revised' }) =>
    request<AppraisalForm>('POST', `/api/appraisals/${enc(id)}/actions${query({ lang })}`, input),
  trail: (id: string, lang: string) => request<FormTrailEntry[]>('GET', `/api/appraisals/${enc(id)}/trail${query({ lang })}`),
  documentUrl: (id: string, format: 'pdf' | 'docx', lang: string) => `/api/appraisals/${enc(id)}/document${query({ format, lang })}`,
  distribute: (year: number, category: StaffCategory, fund: string) => request<Distribution>('POST', `/api/rewards/${year}/distribute`, { category, fund }),
  /** Records left under a corrected body (HR), said in `lang`. */
  stranded: (lang: string) => request<StrandedBody[]>('GET', `/api/appraisals/stranded-bodies${query({ lang })}`),
  assignStranded: (lang: string, input: AssignStrandedBody) => request<StrandedAssigned>('POST', `/api/appraisals/stranded-bodies/assign${query({ lang })}`, input),
  aggregatesUrl: (year: number, format: 'xlsx' | 'csv', lang: string) => `/api/rewards/${year}/aggregates${query({ format, lang })}`,
};

export const peopleApi = {
  list: () => request<AppraisalPerson[]>('GET', '/api/appraisals/people'),
};

/** The SMVP of a year: one version (the latest without `version`), and a save, always a new version. */
export const smvpApi = {
  get: (year: number, version?: number) => request<SmvpRead>('GET', `/api/smvp/${year}${query({ version })}`),
  save: (year: number, organisation: string, input: { document: unknown; version: number; reason?: string }) => request<SmvpSaved>('PUT', `/api/smvp/${year}${query({ organisation })}`, input),
};
