/** The plan across years: next year's plan and an objective's or indicator's linked years, on the app's one `request`. */
import { query, request } from '../api/client.js';
import type { PlanSummary } from '../api/types.js';
import type { YearsDocument } from '../../../src/contract/index.js';
import type { BaselineRefreshBody, BaselinesDocument, NextYearBaselines, NextYearPlan } from '../../../src/contract/index.js';

export type { BaselinesDocument } from '../../../src/contract/index.js';

export type { YearDocument, YearsDocument } from '../../../src/contract/index.js';

const enc = encodeURIComponent;

export const yearsApi = {
  /** 201 the new plan; 409 `duplicate` (details.planId) when that year already has a plan of that title, `conflict` when another request made it meanwhile. */
  nextYear: (planId: PlanSummary['id'], input: { year: number; title?: string }) => request<NextYearPlan>('POST', `/api/plans/${enc(String(planId))}/next-year`, input),
  /** What next-year would take as baselines today: how many from values not approved yet, from a year end not closed. */
  nextYearBaselines: (planId: PlanSummary['id']) => request<NextYearBaselines>('GET', `/api/plans/${enc(String(planId))}/next-year`),
  /** The amount texts (`targetText`, `actualText`) come in `lang`, the screen's language. */
  objectiveYears: (planId: PlanSummary['id'], code: string, lang: 'it' | 'en') => request<YearsDocument>('GET', `/api/plans/${enc(String(planId))}/nodes/${enc(code)}/years${query({ lang })}`),
  indicatorYears: (planId: PlanSummary['id'], indicatorId: string, lang: 'it' | 'en') =>
    request<YearsDocument>('GET', `/api/plans/${enc(String(planId))}/indicators/${enc(indicatorId)}/years${query({ lang })}`),
  /** The baselines taken from last year's plan whose year-end actual was corrected since; their texts (`baselineText`, `currentText`) in `lang`. */
  baselines: (planId: PlanSummary['id'], lang: 'it' | 'en') => request<BaselinesDocument>('GET', `/api/plans/${enc(String(planId))}/baselines${query({ lang })}`),
  /** Takes the corrections over (the named indicators, or all); 409 `revision-required` on an adopted plan without an open revision. */
  refreshBaselines: (planId: PlanSummary['id'], body: BaselineRefreshBody, lang: 'it' | 'en') =>
    request<BaselinesDocument>('POST', `/api/plans/${enc(String(planId))}/baselines/refresh${query({ lang })}`, body),
};
