/**
 * The monitoring campaign's reads through the app's query cache (see `api/queries.ts`), all under
 * `keys.campaign(planId)`: every write to the plan's data (`usePlanWritten`) marks them stale, so the
 * worklist, the dashboard and a value's files and comments follow a save, a review or a transition
 * whichever period the tree shows. The variances report is one read for its panel and the forecast.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { keys } from '../api/queries.js';
import { campaignApi } from './api.js';
import { campaign, type WorklistStateFilter } from './campaign-api.js';

type PlanId = string | number;
export interface WorklistFilters {
  period: string;
  unit: string;
  state: WorklistStateFilter | '';
  /** Only the values assigned to the reader (a referente's are always theirs). */
  mine: boolean;
}

/** A page of a list: `offset` rows skipped, `limit` rows. */
export interface ListPage {
  offset: number;
  limit: number;
}

export const campaignKeys = {
  worklist: (planId: PlanId, f: WorklistFilters, page: ListPage) => [...keys.campaign(String(planId)), 'worklist', f.period, f.unit, f.state, f.mine, page.offset, page.limit] as const,
  dashboard: (planId: PlanId) => [...keys.campaign(String(planId)), 'dashboard'] as const,
  closing: (planId: PlanId, periodId: string) => [...keys.campaign(String(planId)), 'closing', periodId] as const,
  /** One value's evidence files and comments. */
  attachments: (planId: PlanId, indicatorId: string, periodId: string) => [...keys.campaign(String(planId)), 'value', indicatorId, periodId, 'attachments'] as const,
  comments: (planId: PlanId, indicatorId: string, periodId: string) => [...keys.campaign(String(planId)), 'value', indicatorId, periodId, 'comments'] as const,
  /** One value's review thread (its state and steps). */
  review: (planId: PlanId, indicatorId: string, periodId: string) => [...keys.campaign(String(planId)), 'value', indicatorId, periodId, 'review'] as const,
  variances: (planId: PlanId, periodId: string) => [...keys.campaign(String(planId)), 'variances', periodId] as const,
};

/** A page of the worklist: the server filters, counts and pages it (a big plan's list is ≈19,000 rows). */
export const useWorklist = (planId: string, f: WorklistFilters, page: ListPage) =>
  useQuery({
    queryKey: campaignKeys.worklist(planId, f, page),
    queryFn: () =>
      campaign.worklist(planId, {
        ...(f.period ? { period: f.period } : {}),
        ...(f.unit ? { unit: f.unit } : {}),
        ...(f.state ? { state: f.state } : {}),
        ...(f.mine ? { mine: '1' as const } : {}),
        ...page,
      }),
    // The list shown stays while another filter's or page's is read, as before the cache.
    placeholderData: keepPreviousData,
  });

export const useDashboard = (planId: string) => useQuery({ queryKey: campaignKeys.dashboard(planId), queryFn: () => campaign.dashboard(planId) });

export const useClosingPreview = (planId: string, periodId: string) => useQuery({ queryKey: campaignKeys.closing(planId, periodId), queryFn: () => campaign.closingPreview(planId, periodId) });

export const useAttachments = (planId: PlanId, indicatorId: string, periodId: string) =>
  useQuery({ queryKey: campaignKeys.attachments(planId, indicatorId, periodId), queryFn: () => campaignApi.attachments(planId, indicatorId, periodId) });

/** The value's review thread, read only when `enabled` (by those who may change the value's files). */
export const useReviewThread = (planId: PlanId, indicatorId: string, periodId: string, enabled: boolean) =>
  useQuery({ queryKey: campaignKeys.review(planId, indicatorId, periodId), queryFn: () => campaignApi.reviews(planId, indicatorId, periodId), enabled });

export const useComments = (planId: PlanId, indicatorId: string, periodId: string) =>
  useQuery({ queryKey: campaignKeys.comments(planId, indicatorId, periodId), queryFn: () => campaignApi.comments(planId, indicatorId, periodId) });

export const useVariances = (planId: PlanId, periodId: string) => useQuery({ queryKey: campaignKeys.variances(planId, periodId), queryFn: () => campaignApi.variances(planId, periodId) });
