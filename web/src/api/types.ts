/**
 * The shapes the HTTP API sends and receives (docs: the server's /api/openapi.json). The computed
 * tree is the engine's EvaluationDocument plus what only the server knows: versions for optimistic
 * concurrency, evidence, who may edit what, and the monitoring period.
 */
import type { ChangesDocument, EvaluationDocument, ExplanationDocument, FormulaDocument, IndicatorDocument, ObjectiveDocument, RuleDocument } from '../../../src/io/json.js';

export type { RuleDocument };
import type { Issue, MeasurementState } from '../../../src/core/index.js';

export type Role = 'admin' | 'controller' | 'referente' | 'oiv' | 'personale';

export interface User {
  id: string | number;
  username: string;
  displayName: string;
  role: Role;
  units: string[];
  unitIds?: string[];
  /** A temporary password: the app asks for a new one before anything else. */
  mustChangePassword?: boolean;
  /** Reminders go to it; a sign-in through the identity provider may be matched by it. */
  email?: string | null;
}

/** An account as the administrator sees it (`GET /api/users`). */
export interface Account extends User {
  active: boolean;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  units: string[];
  email?: string | null;
  password: string;
}

export type AccountPatch = Partial<Pick<Account, 'displayName' | 'role' | 'units' | 'active' | 'email'>> & { password?: string };

export type Comparator = '>=' | '<=' | '=';
export type ScoringInput =
  | { kind: 'on_off' }
  | { kind: 'proportional' }
  | { kind: 'threshold'; floor: number | string | boolean }
  | { kind: 'bands'; mode: 'fixed' | 'interpolated'; points: Array<{ at: number | string | boolean; score: number | string }> };

/** `POST /api/plans/:id/nodes`. */
export interface NodeInput {
  code: string;
  title: string;
  parent: string | null;
  weight?: string | null;
  version?: number;
}

/** `POST /api/plans/:id/nodes/:code/indicators` (and, partly, `PATCH …/indicators/:id`). */
export interface IndicatorInput {
  name: string;
  weight: string;
  comparator: Comparator;
  target: number | string | boolean | null;
  unit: IndicatorDocument['unit'];
  scoring?: ScoringInput | null;
  formula?: FormulaInput | null;
  /** The three-year horizon, as typed values in the unit (null clears). */
  baseline?: number | string | boolean | null;
  baselineYear?: number | null;
  nextTargets?: [number | string | boolean | null, number | string | boolean | null] | null;
}

/** A formula as tree editing sends it; `scale` as typed (Italian notation allowed). */
export type FormulaInput =
  | { kind: 'children_mean' }
  | { kind: 'ratio'; numerator: string; denominator: string; scale: string }
  | { kind: 'trend'; current: string; previous: string };

export type Formula = FormulaDocument;

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
  /** draft: edited freely; adopted (by its act): changed only inside a revision. */
  status?: 'draft' | 'adopted';
  adoption?: { act: Act; adoptedAt: string; adoptedBy: string | null } | null;
  archived?: boolean;
  archivedAt?: string | null;
  /** The number of the revision open now, null when none. */
  openRevision?: number | null;
}

/** An adopting or approving act: "Delibera di Giunta" n. 12 of 2024-01-30. */
export interface Act {
  kind: string;
  number: string;
  date: string;
}

/** One change inside a revision: before → after (only the changed fields of an update; the whole entity for create and delete). */
export interface RevisionChange {
  seq: number;
  at: string;
  user: string | null;
  action: 'create' | 'update' | 'delete';
  entity: 'plan' | 'node' | 'indicator';
  entityId: string;
  node: string | null;
  indicator: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** `GET /api/plans/:id/revisions`: a variazione / rimodulazione with its changes and the closed periods it came after. */
export interface Revision {
  number: number;
  kind: 'variazione' | 'rimodulazione';
  reason: string;
  date: string;
  act: Act | null;
  status: 'open' | 'approved';
  openedAt: string;
  openedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  changes: RevisionChange[];
  afterClosingOf: Array<{ periodId: string; label: string; state: PeriodState; closedAt: string }>;
}

/** A closed or validated period read from its closing, and the revisions made since. */
export interface TreeClosing {
  seq: number;
  closedAt: string;
  closedBy: string | null;
  changedAfter: Array<{ number: number; kind: Revision['kind']; reason: string; date: string; status: Revision['status']; changes: number }>;
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
  /** The definition's version: tree edits of the indicator are sent against it (409 when stale). */
  definitionVersion: number;
  evidence: string | null;
  source: string | null;
  notes: string | null;
  editable: boolean;
  /** A derived indicator's formula (null for a direct one): data entry asks for its base measures. */
  formula: FormulaDocument | null;
  /** The base measures entered for the period, as exact decimal text; null when none. */
  inputs: Record<string, string> | null;
  /** The indicator's own scoring rule with its details (null: the plan's default); numbers as numbers, dates ISO. */
  rule: RuleDocument | null;
  /** The three-year horizon: the baseline (in the unit, with its text and year) and the targets of the plan's year + 1 and + 2. */
  baseline: number | string | boolean | null;
  baselineText: string;
  baselineYear: number | null;
  nextTargets: Array<{ year: number; target: number | string | boolean | null; targetText: string }>;
  /** A trend's previous-year value taken from its predecessor in last year's plan (null when none). */
  previousValue: { value: number; year: number } | null;
  /** The indicator's own organisation unit (id and name) and person (id and name); null: its objective's apply. */
  unitId?: string | null;
  unitName?: string | null;
  personId?: string | null;
  person?: string | null;
}

export interface TreeObjective extends Omit<ObjectiveDocument, 'indicators'> {
  owner: string | null;
  unit: string | null;
  /** The objective's organisation unit (`unit` is its name) and person responsible, from the registry; null: the objective above's apply. */
  unitId?: string | null;
  personId?: string | null;
  person?: string | null;
  /** The objective's version: tree edits are sent against it (409 when stale). */
  version: number;
  indicators: TreeIndicator[];
}

export interface TreeDocument extends Omit<EvaluationDocument, 'objectives'> {
  planId: string | number;
  period: Period | null;
  periods: Period[];
  /** Set when the period is closed or validated: its figures are those frozen at its closing. */
  closing?: TreeClosing | null;
  objectives: TreeObjective[];
}

/** `GET /api/plans/:id/nodes/:code/explanation`: the same document as `albero explain --json`. */
export type Explanation = ExplanationDocument;

/** One side of `GET /api/plans/:id/changes`; `closing` when the earlier side is the period as last closed. */
export interface ChangesSide {
  planId: string | number;
  period: string;
  closing?: { seq: number; closedAt: string; closedBy: string | null };
}

/** `GET /api/plans/:id/changes`: the same document as `albero diff --json`. */
export interface ChangesResponse extends ChangesDocument {
  before: ChangesSide;
  after: ChangesSide;
}

export type Change = ChangesResponse['changes'][number];

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
  /** The base measures of a ratio or trend indicator, by name, as decimal text (`"45"`, `"3.5"`). */
  inputs?: Record<string, string> | null;
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
