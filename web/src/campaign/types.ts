/**
 * The campaign's documents as the API sends them (routes/attachments.ts, comments.ts,
 * variances.ts): evidence files, comment threads, variances and forecasts.
 */
import type { Role } from '../api/types.js';

export interface Attachment {
  id: string;
  indicatorId: string;
  periodId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface Comment {
  id: string;
  author: string;
  authorName: string;
  authorRole: Role;
  body: string;
  createdAt: string;
}

export type VarianceCause = 'external' | 'internal' | 'indicator';
export const VARIANCE_CAUSES: readonly VarianceCause[] = ['external', 'internal', 'indicator'];
export type ForecastOutcome = 'yes' | 'no' | 'at_risk';
export const FORECAST_OUTCOMES: readonly ForecastOutcome[] = ['yes', 'no', 'at_risk'];

export interface Variance {
  node: string;
  periodId: string;
  cause: VarianceCause;
  explanation: string;
  correctiveAction: string;
  updatedBy: string | null;
  updatedAt: string;
  version: number;
}

export interface Forecast {
  indicatorId: string;
  periodId: string;
  reachable: ForecastOutcome;
  note: string;
  updatedBy: string | null;
  updatedAt: string;
  version: number;
}

/** An objective short of green in a period, with its variance when one was written. */
export interface ShortObjective {
  code: string;
  title: string;
  performance: number | null;
  band: 'yellow' | 'red';
  editable: boolean;
  variance: Variance | null;
}

export interface VarianceReport {
  period: { id: string; label: string; state: string; last: boolean };
  objectives: ShortObjective[];
  forecasts: Forecast[];
}
