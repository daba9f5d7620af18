/**
 * The shapes the HTTP API sends and receives (docs: the server's /api/openapi.json). The computed
 * tree is the engine's EvaluationDocument plus what only the server knows: versions for optimistic
 * concurrency, evidence, who may edit what, and the monitoring period.
 */
import type { ExplanationDocument, FormulaDocument } from '../../../src/contract/index.js';
import type { ChangesDocument } from '../../../src/io/json.js';
import type { Issue } from '../../../src/core/index.js';
import type { PeriodState } from '../../../src/contract/index.js';

// The documents and bodies the server declares in its contract (src/contract): one definition, no copies.
export type {
  Comparator,
  FormulaInput,
  IndicatorInput,
  IndicatorPatchInput,
  MeasurementInput,
  NodeInput,
  NodePatchInput,
  Period,
  PeriodState,
  RuleDocument,
  SaveAnswer,
  ScoringInput,
  TreeChanges,
  TreeClosing,
  TreeDocument,
  TreeIndicator,
  TreeObjective,
} from '../../../src/contract/index.js';

export type { Role } from '../../../src/contract/permissions.js';
import type { Role } from '../../../src/contract/permissions.js';

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
  /** The language of the emails Albero sends the account. */
  language?: 'it' | 'en';
}

/** An account as the administrator sees it (`GET /api/users`). */
export interface Account extends User {
  active: boolean;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Registry unit ids (the users page picks them from the registry). */
  unitIds: string[];
  email?: string | null;
  language?: 'it' | 'en';
  password: string;
}

export type AccountPatch = Partial<Pick<Account, 'displayName' | 'role' | 'units' | 'unitIds' | 'active' | 'email' | 'language'>> & { password?: string };

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

export interface ImportResult {
  plan: PlanSummary | null;
  issues: Array<Pick<Issue, 'severity' | 'code' | 'message'> & { location?: Issue['location'] | null }>;
}

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: ImportResult['issues']; details?: Record<string, unknown> };
}

export type ExportFormat = 'pdf' | 'xlsx' | 'csv' | 'json' | 'html';
