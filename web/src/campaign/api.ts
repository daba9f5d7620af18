/** The campaign's calls (evidence, comments, variances, forecasts), on the app's one `request`. */
import { request } from '../api/client.js';
import type { Attachment, Comment, Forecast, ForecastOutcome, ReviewThread, Variance, VarianceCause, VarianceReport } from '../../../src/contract/index.js';

const enc = encodeURIComponent;
const value = (planId: string | number, indicatorId: string, periodId: string): string => `/api/plans/${enc(String(planId))}/indicators/${enc(indicatorId)}/measurements/${enc(periodId)}`;

export const campaignApi = {
  attachments: (planId: string | number, indicatorId: string, periodId: string) => request<Attachment[]>('GET', `${value(planId, indicatorId, periodId)}/attachments`),
  attach: (planId: string | number, indicatorId: string, periodId: string, file: File) => {
    const form = new FormData();
    form.set('file', file, file.name);
    return request<Attachment>('POST', `${value(planId, indicatorId, periodId)}/attachments`, form);
  },
  detach: (planId: string | number, indicatorId: string, periodId: string, id: string) => request<Attachment>('DELETE', `${value(planId, indicatorId, periodId)}/attachments/${enc(id)}`),
  /** A plain link: the browser downloads with the session cookie. */
  attachmentUrl: (planId: string | number, indicatorId: string, periodId: string, id: string) => `${value(planId, indicatorId, periodId)}/attachments/${enc(id)}`,

  /** The value's state and review steps: whether it is approved as it stands, by whom and when. */
  reviews: (planId: string | number, indicatorId: string, periodId: string) => request<ReviewThread>('GET', `${value(planId, indicatorId, periodId)}/reviews`),

  comments: (planId: string | number, indicatorId: string, periodId: string) => request<Comment[]>('GET', `${value(planId, indicatorId, periodId)}/comments`),
  comment: (planId: string | number, indicatorId: string, periodId: string, body: string) => request<Comment>('POST', `${value(planId, indicatorId, periodId)}/comments`, { body }),

  variances: (planId: string | number, periodId: string) => request<VarianceReport>('GET', `/api/plans/${enc(String(planId))}/periods/${enc(periodId)}/variances`),
  putVariance: (planId: string | number, code: string, periodId: string, input: { cause: VarianceCause; explanation: string; correctiveAction: string; version: number }) =>
    request<Variance>('PUT', `/api/plans/${enc(String(planId))}/nodes/${enc(code)}/variances/${enc(periodId)}`, input),
  putForecast: (planId: string | number, indicatorId: string, periodId: string, input: { reachable: ForecastOutcome; note: string; version: number }) =>
    request<Forecast>('PUT', `/api/plans/${enc(String(planId))}/indicators/${enc(indicatorId)}/forecasts/${enc(periodId)}`, input),
};
