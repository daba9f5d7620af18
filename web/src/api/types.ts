/**
 * The shapes the HTTP API sends and receives (docs: the server's /api/openapi.json). The computed
 * tree is the engine's EvaluationDocument plus what only the server knows: versions for optimistic
 * concurrency, evidence, who may edit what, and the monitoring period.
 */
import type { ChangesAnswer, ExplanationDocument, FormulaDocument, IssueDocument, SignInKind, User } from '../../../src/contract/index.js';

// The documents and bodies the server declares in its contract (src/contract): one definition, no copies.
export type {
  Act,
  AuditEntry,
  ChangesSide,
  Comparator,
  Done,
  FormulaInput,
  IndicatorInput,
  IndicatorPatchInput,
  IndicatorSaved,
  IssueDocument,
  MeasurementInput,
  NodeInput,
  NodePatchInput,
  ObjectiveSaved,
  Period,
  PeriodMoved,
  PeriodState,
  PlanImported,
  PlanImportPreview,
  PlanSummary,
  Revision,
  RevisionChange,
  RevisionEntry,
  RuleDocument,
  SaveAnswer,
  ScoringInput,
  Session,
  SessionRead,
  TreeChanges,
  TreeClosing,
  TreeDocument,
  TreeIndicator,
  TreeObjective,
  UploadLimits,
  User,
  ValuesToRemove,
} from '../../../src/contract/index.js';

export type { Role } from '../../../src/contract/permissions.js';
import type { Role } from '../../../src/contract/permissions.js';

/** An account as the administrator sees it (`GET /api/users`): the same document as the session's user. */
export type Account = User;

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Registry unit ids (the users page picks them from the registry). */
  unitIds: string[];
  email?: string | null;
  language?: 'it' | 'en';
  /** `password` unless given; a `provider` account is sent without a password. */
  signIn?: SignInKind;
  password?: string;
}

export type AccountPatch = Partial<Pick<Account, 'displayName' | 'role' | 'units' | 'unitIds' | 'active' | 'email' | 'language' | 'signIn'>> & { password?: string };

export type Formula = FormulaDocument;

/** `GET /api/plans/:id/nodes/:code/explanation`: the same document as `albero explain --json`. */
export type Explanation = ExplanationDocument;

/** `GET /api/plans/:id/changes`: the same document as `albero diff --json`, with the two sides compared. */
export type ChangesResponse = ChangesAnswer;

export type Change = ChangesResponse['changes'][number];

/** A refusal: its stable code, its message in the reader's language, the located issues of a refused file or body. */
export interface ApiErrorBody {
  /** `params`: the refusal's parameters (the catalogue's), for a screen that says it in its own words. */
  error: { code: string; message: string; params?: Record<string, unknown>; issues?: IssueDocument[]; details?: Record<string, unknown> };
}

export type ExportFormat = 'pdf' | 'xlsx' | 'csv' | 'json' | 'html';
