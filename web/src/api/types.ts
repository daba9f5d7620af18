/**
 * The shapes the HTTP API sends and receives (docs: the server's /api/openapi.json). The computed
 * tree is the engine's EvaluationDocument plus what only the server knows: versions for optimistic
 * concurrency, evidence, who may edit what, and the monitoring period.
 */
import type { EvaluationDocument, ExplanationDocument, IndicatorDocument, ObjectiveDocument } from '../../../src/io/json.js';
import type { Issue, MeasurementState } from '../../../src/core/index.js';

export type Role = 'admin' | 'controller' | 'referente' | 'oiv';

export interface User {
  id: string | number;
  username: string;
  displayName: string;
  role: Role;
  units: string[];
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface PlanSummary {
  id: string | number;
  organisation: string | null;
  title: string;
  year: number;
  version: 'plan' | 'revision' | 'final';
  published: boolean;
  createdAt: string;
}

export type PeriodState = 'open' | 'collecting' | 'closed' | 'validated';

export interface Period {
  id: string;
  label: string;
  endsOn: string | null;
  state: PeriodState;
  updatedAt?: string;
  /** Why it was reopened or locked, when the server says. */
  reason?: string | null;
}

export interface TreeIndicator extends IndicatorDocument {
  version: number;
  evidence: string | null;
  source: string | null;
  notes: string | null;
  editable: boolean;
}

export interface TreeObjective extends Omit<ObjectiveDocument, 'indicators'> {
  owner: string | null;
  unit: string | null;
  indicators: TreeIndicator[];
}

export interface TreeDocument extends Omit<EvaluationDocument, 'objectives'> {
  planId: string | number;
  period: Period | null;
  periods: Period[];
  objectives: TreeObjective[];
}

/** `GET /api/plans/:id/nodes/:code/explanation`: the same document as `albero explain --json`. */
export type Explanation = ExplanationDocument;

export interface AuditEntry {
  id: string | number;
  at: string;
  user: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface MeasurementInput {
  state: MeasurementState;
  actual?: number | string | boolean | null;
  reason?: string | null;
  evidence?: string | null;
  source?: string | null;
  notes?: string | null;
  version: number;
}

export interface ImportResult {
  plan: PlanSummary | null;
  issues: Array<Pick<Issue, 'severity' | 'code' | 'message'> & { location?: Issue['location'] | null }>;
}

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: ImportResult['issues']; details?: Record<string, unknown> };
}

export type ExportFormat = 'pdf' | 'xlsx' | 'csv' | 'json' | 'html';
