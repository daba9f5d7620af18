/**
 * The store: where plan inputs, periods, measurements, accounts and the audit trail live.
 * Performance is never stored: `planForPeriod` gives back a core `Plan` and the engine computes.
 * Every mutation is one transaction that also writes its audit entry, so the trail accounts for
 * every accepted change. Expected refusals (a stale version, a locked period, an unknown id) are
 * values (`Result`), never thrown; the HTTP edge maps their codes to statuses.
 */
import type { AuditName } from './audit-names.js';
import type { AppraisalStore } from './appraisals.js';
import type { AttachmentStore } from './attachments.js';
import type { CommentStore } from './comments.js';
import type { EmailStore } from './emails.js';
import type { ReminderStore } from './reminders.js';
import type { FollowingBaseline, LastYearLink, LineageKind, LineageLink, Predecessors } from './lineage.js';
import type { LoginDeviceStore } from './login-devices.js';
import type { IdempotencyStore } from './idempotency.js';
import type { NewPeriod } from './periods.js';
// The roles are the contract's (zod-free), so the server, the command line and the web app name the same ones.
import { ROLES, type Role } from '../contract/permissions.js';
import { SIGN_IN_KINDS, type SignInKind } from '../contract/permissions.js';
import { PERIOD_STATES, type PeriodState } from '../contract/period-states.js';
import type { WorkState } from '../contract/campaign-states.js';
import type { VarianceStore } from './variances.js';
import type { RelazioneStore } from './relazioni.js';
import { SYSTEM_LOGIN } from '../core/actors.js';
import type { Amount, Comparator, Decimal, Evaluation, Formula, ImportedTableLike, MeasurementState, MessageParams, Plan, PlanSettings, ScoringRule, Unit } from './core-types.js';

export { ROLES, type Role, SIGN_IN_KINDS, type SignInKind };
export type { FollowingBaseline, LastYearLink, LineageKind, LineageLink, Predecessors } from './lineage.js';

export type PlanVersion = 'plan' | 'revision' | 'final';
export const PLAN_VERSIONS: readonly PlanVersion[] = ['plan', 'revision', 'final'];
// A period's states are the contract's (zod-free), as the roles are.
export { PERIOD_STATES, type PeriodState };

/**
 * Who made a change, as the audit trail records it: an account; the program itself (`SYSTEM`: the
 * demo data, migrations, the server's reminder timer); or the command line (`commandLineActor`:
 * the operating system's account that ran it: cli/actor.ts, core/actors.ts).
 */
export interface Actor {
  readonly id: string | null;
  readonly username: string;
}
export const SYSTEM: Actor = { id: null, username: SYSTEM_LOGIN };

export type FailureCode =
  | 'not-found'
  | 'conflict'
  | 'period-locked'
  | 'duplicate'
  | 'invalid-transition'
  // A closing with values entered and not reviewed, not acknowledged (period-store.ts transitionPeriod):
  | 'unreviewed-values'
  | 'has-children'
  | 'period-in-use'
  // Deleting an objective or indicator whose values in open periods go with it (tree-store.ts):
  | 'values-to-remove'
  | 'invalid'
  // A registry unit still owning objectives, indicators or units (units.ts):
  | 'in-use'
  // Adoption and revisions (revisions.ts):
  | 'revision-required'
  | 'revision-open'
  | 'not-adopted'
  | 'plan-archived'
  | 'plan-has-closed-periods'
  // The last plan of a body and year whose SMVP, appraisal forms or distributions would be left without a plan (plan-store.ts deletePlan):
  | 'plan-has-appraisals'
  // A plan appraisal forms were evaluated against, or whose forms no plan of its body and year could take (plan-store.ts deletePlan):
  | 'plan-has-forms'
  // An appraisal form linked to a plan of another body or year (appraisals.ts createForm, updateForm):
  | 'plan-other-body'
  | 'plan-other-year'
  | 'revision-reason-required'
  | 'invalid-act'
  | 'revision-before-adoption'
  | 'revision-before-previous'
  | 'date-outside-plan'
  | 'adoption-state'
  | 'revision-state'
  // A deadline set or moved on a closed or validated period (reviews.ts setDeadline): nothing is collected in it any more.
  | 'deadline-locked';
export interface Failure {
  readonly code: FailureCode;
  /** In English (logs, scripts); the API says it in the reader's language from `code` + `params`. */
  readonly message: string;
  readonly details?: Record<string, unknown>;
  /** The parameters of `code` in the message catalogue (`src/messages/api.ts`). */
  readonly params?: MessageParams;
}
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };
/** A refusal, whatever the write would have answered: a `Result` of any type. */
export type Refused = Extract<Result<never>, { readonly ok: false }>;

export interface PlanRecord {
  readonly id: string;
  readonly organisation: string;
  readonly title: string;
  readonly year: number;
  readonly version: PlanVersion;
  readonly published: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Grows by one with every change to the plan's inputs: the key of cached evaluations. */
  readonly dataVersion: number;
  /** draft: edited freely; adopted (by its act): changed only inside a revision. */
  readonly status: PlanStatus;
  readonly adoption: Adoption | null;
  /** Archived plans are kept whole and readable, hidden from the usual lists. */
  readonly archivedAt: string | null;
  /** The number of the revision open now (changes go into it), null when none. */
  readonly openRevision: number | null;
  /**
   * Grows by one with every change to the plan's own fields (title, published, kind, adoption,
   * archiving), not with its tree or values: a save names the one it read (`version` is the kind).
   */
  readonly editVersion: number;
  /** Who last changed those fields, and when (null: nobody since they were first kept). */
  readonly editedBy: string | null;
  readonly editedAt: string | null;
}

export type PlanStatus = 'draft' | 'adopted';
export const PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'adopted'];

/** The act that adopts a plan or approves a revision: e.g. "Delibera di Giunta" n. 12 of 2024-01-30. */
export interface Act {
  readonly kind: string;
  readonly number: string;
  /** ISO date. */
  readonly date: string;
}

export interface Adoption {
  readonly act: Act;
  readonly adoptedAt: string;
  readonly adoptedBy: string | null;
}

export type RevisionKind = 'variazione' | 'rimodulazione';
export const REVISION_KINDS: readonly RevisionKind[] = ['variazione', 'rimodulazione'];
/** `discarded`: opened and let go without changing the plan (no net change); kept on the record with its steps. */
export type RevisionStatus = 'open' | 'approved' | 'discarded';

/** Who discarded a revision, when and why, and the steps it recorded (they cancel out: a revision with a net change cannot be discarded). */
export interface RevisionDiscard {
  readonly at: string;
  readonly by: string | null;
  readonly reason: string | null;
  readonly steps: readonly RevisionChange[];
}

/** One change made inside a revision: the entity, and its fields before → after (whole entity for create and delete). */
export interface RevisionChange {
  readonly seq: number;
  readonly at: string;
  readonly user: string | null;
  readonly action: 'create' | 'update' | 'delete';
  readonly entity: 'plan' | 'node' | 'indicator';
  readonly entityId: string;
  readonly node: string | null;
  readonly indicator: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  /** The indicator's unit when the change was made (null: not an indicator's change, or recorded before units were kept). */
  readonly unit: Unit | null;
  /**
   * An indicator's name when the change was made, as the register reads it (store/revisions.ts
   * `namesAtChange`; a deleted objective's: its title); absent where the change is read as recorded (a Relazione's frozen register).
   */
  readonly name?: string;
}

/** A revision (variazione / rimodulazione) of an adopted plan. */
export interface RevisionRecord {
  /** 1, 2, … within the plan. */
  readonly number: number;
  readonly kind: RevisionKind;
  readonly reason: string;
  /** ISO date of the revision. */
  readonly date: string;
  /** The approving act; may be added after the approval. */
  readonly act: Act | null;
  readonly status: RevisionStatus;
  readonly openedAt: string;
  readonly openedBy: string | null;
  readonly approvedAt: string | null;
  readonly approvedBy: string | null;
  /** Its net change per objective, indicator or plan (core `netChanges`), in the order each was first changed. */
  readonly changes: readonly RevisionChange[];
  /** How many steps were recorded in it (each on the audit trail): more than `changes` when some were changed twice, or back. */
  readonly steps: number;
  /** Grows by one with every correction, approval or discard: a correction names the one it read. */
  readonly version: number;
  /** Its discard (null: not discarded); a discarded revision changed nothing in the plan. */
  readonly discarded: RevisionDiscard | null;
}

export interface NewRevision {
  readonly kind?: RevisionKind;
  readonly reason: string;
  /** Default: today. */
  readonly date?: string;
  readonly act?: Act | null;
}

export interface RevisionPatch {
  readonly reason?: string;
  readonly date?: string;
  readonly act?: Act | null;
}

/** What reading a period needs before deciding between its frozen closing and the live plan. */
export interface PeriodHeader {
  readonly record: PlanRecord;
  readonly period: PeriodRecord;
  readonly periods: readonly PeriodRecord[];
  /** The period's latest closing (null: never closed). */
  readonly closing: { readonly seq: number; readonly closedAt: string; readonly closedBy: string | null; readonly closedByName: string | null } | null;
}

/** A period's snapshot as frozen at its closing, with the API's metadata of that moment. */
export interface FrozenSnapshot {
  readonly seq: number;
  readonly closedAt: string;
  readonly closedBy: string | null;
  readonly plan: Plan;
  readonly nodes: ReadonlyMap<string, ObjectiveMeta>;
  readonly indicators: ReadonlyMap<string, IndicatorMeta>;
}

export interface PeriodRecord {
  readonly id: string;
  readonly label: string;
  /** ISO date. */
  readonly endsOn: string;
  readonly state: PeriodState;
  readonly updatedAt: string;
  /** ISO date by which referenti enter the period's values (null: none set). */
  readonly deadline: string | null;
  /** Grows by one with every change to the period (label, deadline, state): a save names the one it read. */
  readonly version: number;
}

/** A period's latest reopening as its row keeps it, with the period's label and state now. */
export interface PeriodReopening {
  /** ISO time of the move (the trail's entry has the same). */
  readonly at: string;
  /** The login of who reopened it (`system`, `cli:…` for the program and the command line); null: not recorded (nor when blank). */
  readonly user: string | null;
  /** As the trail keeps it; null: not recorded (nor when blank, as an older trail may hold it). */
  readonly reason: string | null;
  readonly label: string;
  readonly state: PeriodState;
}

/**
 * The versions of a period a move is made from: `sent`, the one the client read (optional, as every
 * save's); `checked`, the one the caller checked the mover's role against (the roles depend on the
 * state left). Either one stale refuses the move as `conflict`, nothing written.
 */
export interface MovedFrom {
  readonly sent?: number | undefined;
  readonly checked?: number | undefined;
}

/**
 * A move's versions (`MovedFrom`) and, for a closing, whether the closer knowingly closes with values
 * still unreviewed: without it such a closing is refused (`unreviewed-values`, listing them); with it
 * the period closes and the trail's entry of the move records how many there were (`unreviewed`).
 * A number is how many the closer saw listed: more found under the closing's lock (values come in
 * since the list was read) are refused the same way, with `seen` in the refusal's params; `true`
 * acknowledges whatever is there.
 */
export interface PeriodMoveOptions extends MovedFrom {
  readonly acknowledgeUnreviewed?: boolean | number | undefined;
}

/** A value entered and not reviewed as it stands, named by a refused closing (`unreviewed-values`). */
export interface UnreviewedValue {
  readonly indicatorId: string;
  readonly indicator: string;
  /** The indicator's objective (its code). */
  readonly node: string;
  /** Approved once, then changed: the approval is of an earlier version. */
  readonly approvalSuperseded: boolean;
}

/**
 * A period after a move. A reopening also names the indicators whose value in it was entered
 * before their unit changed (a number, now a date): kept as closed, never rewritten, they score
 * nothing until entered again in the new unit.
 */
export interface PeriodMoved extends PeriodRecord {
  readonly enteredInOldUnit?: readonly EnteredInOldUnit[];
}

/** An indicator whose recorded actual its current unit cannot read (`PeriodMoved.enteredInOldUnit`). */
export interface EnteredInOldUnit {
  readonly indicatorId: string;
  readonly indicator: string;
  /** The indicator's unit now. */
  readonly unit: Unit;
}

/** Failed sign-ins under one key (`u:<username>` or `a:<address>`); times in epoch milliseconds. */
export interface LoginFailure {
  readonly key: string;
  readonly count: number;
  readonly firstAt: number;
  /** No sign-in under this key before this moment. */
  readonly until: number;
}

/** A period as it was when it was closed (the latest closing, after any reopening). */
export interface PeriodClosing {
  readonly periodId: string;
  /** 1 for the first closing, 2 after one reopening… */
  readonly seq: number;
  readonly closedAt: string;
  readonly closedBy: string | null;
  /** Their display name (the username when the account is gone). */
  readonly closedByName: string | null;
  /** The plan with the period's measurements, frozen. */
  readonly plan: Plan;
}

export interface MeasurementRecord {
  readonly indicatorId: string;
  readonly periodId: string;
  readonly state: MeasurementState;
  readonly actual: Amount | null;
  readonly inputs: Readonly<Record<string, Decimal>> | null;
  readonly reason: string | null;
  readonly evidence: string | null;
  readonly source: string | null;
  readonly notes: string | null;
  readonly enteredBy: string | null;
  readonly enteredAt: string;
  /** 0 when nothing was ever entered for this indicator and period. */
  readonly version: number;
}

/**
 * A stored write, with the plan's data version it produced (the cache key it makes current).
 * `unchanged`: the write said the value exactly as it stood, so nothing was written (the same
 * version, the plan's data version as it was, no audit entry, an approval still standing).
 */
export type StoredMeasurement = MeasurementRecord & { readonly planDataVersion: number; readonly unchanged: boolean };

/** An actual recorded in a period still taking values (`Store.openActuals`). */
export interface OpenActual {
  readonly periodId: string;
  readonly label: string;
  readonly actual: Amount;
}

/** What deciding on a write to one indicator needs: its unit and formula, and who it is assigned to. */
export interface IndicatorContext {
  readonly objective: string;
  readonly unit: Unit;
  /** The rule as stored, its floor or points read in `unit` when they were given. */
  readonly scoring: ScoringRule | null;
  /** The target, the baseline and next years' targets as stored, read in `unit` too. */
  readonly target: Amount | null;
  readonly baseline: Amount | null;
  readonly nextTargets: readonly [Amount | null, Amount | null];
  readonly formula: Formula | null;
  readonly owner: string | null;
  /** Owners and units of the indicator's objective and all its ancestors. */
  readonly objectiveOwners: readonly string[];
  readonly objectiveUnitNames: readonly string[];
  /** Unit ids and person ids of the indicator and of its objective and ancestors. */
  readonly unitIds: readonly string[];
  readonly personIds: readonly string[];
}

/** Who may read a deleted indicator's kept records (`kept-records.ts`): its assignment when it was deleted. */
export type KeptAssignment = Pick<IndicatorContext, 'owner' | 'objectiveOwners' | 'objectiveUnitNames' | 'unitIds' | 'personIds'>;

export interface KeptIndicator extends KeptAssignment {
  readonly indicatorId: string;
  readonly objective: string;
  readonly name: string;
  readonly deletedAt: string;
}

/** What a deletion kept: counted for its audit entry and revision change (`keptRecords`). */
export interface KeptCounts {
  readonly values: number;
  readonly files: number;
  readonly comments: number;
}

export interface ObjectiveMeta {
  readonly owner: string | null;
  /** The unit's name (from the registry). */
  readonly unitName: string | null;
  readonly unitId: string | null;
  /** The person responsible (a user id), if any, and their name. */
  readonly personId: string | null;
  readonly person: string | null;
  readonly version: number;
}

export interface IndicatorMeta {
  /** The definition's version (weight, target, rule…), for PATCH. */
  readonly definitionVersion: number;
  readonly measurement: MeasurementRecord | null;
  /**
   * The display name of the account holding the login that entered the value (`measurement.enteredBy`);
   * null when no account holds it (the program, the command line, an account deleted) or nothing was
   * entered; undefined in a closing frozen before it was kept.
   */
  readonly enteredByName?: string | null;
  /** The indicator's own unit and person (null: those of its objective apply). */
  readonly unitId: string | null;
  readonly unit: string | null;
  readonly personId: string | null;
  readonly person: string | null;
}

/** A plan as the engine wants it for one period, with what the API shows beside the numbers. */
export interface PlanSnapshot {
  readonly record: PlanRecord;
  readonly period: PeriodRecord;
  readonly periods: readonly PeriodRecord[];
  readonly plan: Plan;
  readonly nodes: ReadonlyMap<string, ObjectiveMeta>;
  readonly indicators: ReadonlyMap<string, IndicatorMeta>;
}

export interface NewPlan {
  readonly title: string;
  readonly year: number;
  readonly organisation?: string;
  readonly version?: PlanVersion;
  readonly settings?: PlanSettings;
  /** The monitoring periods (dates in the plan's year, each once); default: 30/06, 30/09, 31/12. */
  readonly periods?: readonly NewPeriod[];
}

/** Next year's plan from this one: its year (after this plan's) and, optionally, its title (default: this one's with the year replaced). */
/** A baseline taken over from the predecessor's corrected year-end actual. */
export interface BaselineRefresh {
  readonly indicatorId: string;
  readonly version: number;
  readonly baseline: Amount;
  readonly baselineYear: number;
}

export interface NextYearInput {
  readonly year: number;
  readonly title?: string;
  /**
   * The plan at its year end as the caller already has it evaluated (a cached tree): used when the
   * plan is still at that data version, so a big plan is not read and evaluated twice; otherwise
   * the store reads it in its own transaction.
   */
  readonly basis?: { readonly snapshot: PlanSnapshot; readonly evaluation: Evaluation; readonly dataVersion: number };
}

export interface PlanPatch {
  readonly title?: string;
  /** The body's name corrected: part of the plan's definition, as its title. */
  readonly organisation?: string;
  readonly published?: boolean;
  readonly version?: PlanVersion;
}

export interface NodeInput {
  readonly code: string;
  readonly title: string;
  readonly parent: string | null;
  readonly level?: string | null;
  readonly weight: Decimal | null;
  readonly owner?: string | null;
  /** A unit by name (found trimmed and case-insensitively; created when the registry lacks it). */
  readonly unit?: string | null;
  readonly unitId?: string | null;
  readonly personId?: string | null;
}

export interface NodePatch {
  readonly title?: string;
  readonly level?: string | null;
  readonly weight?: Decimal | null;
  readonly owner?: string | null;
  /** A unit by name (found trimmed and case-insensitively; created when the registry lacks it). */
  readonly unit?: string | null;
  readonly unitId?: string | null;
  readonly personId?: string | null;
}

export interface IndicatorInput {
  readonly name: string;
  readonly weight: Decimal;
  readonly comparator: Comparator;
  readonly tolerance?: Decimal | null;
  readonly target: Amount | null;
  readonly unit: Unit;
  readonly scoring?: ScoringRule | null;
  readonly formula?: Formula | null;
  readonly owner?: string | null;
  readonly source?: string | null;
  readonly notes?: string | null;
  readonly unitId?: string | null;
  readonly personId?: string | null;
  /** The three-year horizon: the baseline (in the indicator's unit) and its year, the targets of the plan's year + 1 and + 2. */
  readonly baseline?: Amount | null;
  readonly baselineYear?: number | null;
  readonly nextTargets?: readonly [Amount | null, Amount | null];
}

export type IndicatorPatch = Partial<IndicatorInput>;

export interface MeasurementInput {
  readonly state: MeasurementState;
  readonly actual: Amount | null;
  readonly inputs?: Readonly<Record<string, Decimal>> | null;
  readonly reason?: string | null;
  /** Left out (undefined): the stored one stays; null clears it. The same for `source` and `notes`. */
  readonly evidence?: string | null;
  readonly source?: string | null;
  readonly notes?: string | null;
}

/** An account as answers name it: its id, its login and its display name (`Store.userNames`). */
export type UserName = Pick<UserRecord, 'id' | 'username' | 'displayName'>;

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  /** For reminders and for matching a sign-in through the identity provider (migration 28). */
  readonly email?: string | null;
  /** The language of the emails sent to the account (migration 62; Italian unless set). */
  readonly language?: 'it' | 'en';
  readonly displayName: string;
  readonly role: Role;
  /** The names of the units the user is a member of. */
  readonly units: readonly string[];
  /** Ids of the units the user is a member or the head of (what permissions are decided on). */
  readonly unitIds: readonly string[];
  readonly active: boolean;
  /** Its own password, or the identity provider (migration 76). */
  readonly signIn: SignInKind;
  readonly createdAt: string;
  /** A temporary password was set: nothing else is allowed until the user changes it. */
  readonly mustChangePassword: boolean;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** Units by name (found trimmed and case-insensitively; created when the registry lacks them). */
  readonly units?: readonly string[];
  readonly unitIds?: readonly string[];
  /** Ignored for a `provider` account, which has no password here. */
  readonly passwordHash: string;
  /** `password` unless given. */
  readonly signIn?: SignInKind;
  readonly mustChangePassword?: boolean;
  /** Set with the account, in its one transaction: a refused email leaves no account behind. */
  readonly email?: string | null;
  readonly language?: 'it' | 'en';
}

export interface UserPatch {
  readonly displayName?: string;
  readonly role?: Role;
  /** Units by name (as in NewUser). */
  readonly units?: readonly string[];
  readonly unitIds?: readonly string[];
  readonly active?: boolean;
  /** To `provider`: the password is dropped; to `password`: with passwordHash (the route asks for it). */
  readonly signIn?: SignInKind;
  readonly passwordHash?: string;
  /** With passwordHash: true for a temporary password set by the administrator. */
  readonly mustChangePassword?: boolean;
}

/** An organisation unit (struttura): Area, Settore, Servizio, Ufficio… */
export interface UnitRecord {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parentId: string | null;
  /** The head (dirigente / responsabile): a user id. */
  readonly headId: string | null;
  /** Member user ids. */
  readonly members: readonly string[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface UnitInput {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parentId?: string | null;
  readonly headId?: string | null;
  readonly members?: readonly string[];
}

export type UnitPatch = Partial<UnitInput>;

/** One row of a registry import: references by code (parent) and by username (head, members). */
export interface UnitImportRow {
  /** The row number as the file shows it (header = 1). */
  readonly row: number;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parent: string | null;
  readonly head: string | null;
  readonly members: readonly string[];
}

export interface UnitImportIssue {
  readonly row: number;
  readonly field: string;
  /** In English; `code` (`invalid-row`) and `params` say it in the reader's language. */
  readonly message: string;
  readonly code: string;
  readonly params?: MessageParams;
}

/** Reassign objectives and indicators of a plan to a unit and/or a person (undefined: unchanged; null: cleared). */
export interface Reassignment {
  readonly nodes?: readonly string[];
  readonly indicators?: readonly string[];
  readonly unitId?: string | null;
  readonly personId?: string | null;
}

export type ReviewAction = 'approve' | 'return' | 'answer';

/** One step of a value's review: an approval, a request for more (richiesta di integrazione), an answer. */
export interface ReviewRecord {
  readonly id: number;
  readonly indicatorId: string;
  readonly periodId: string;
  /** The measurement version the step was about (a new value after it makes it stale). */
  readonly measurementVersion: number;
  readonly action: ReviewAction;
  readonly note: string | null;
  readonly by: string;
  /** The person's display name (the username of an account since deleted). */
  readonly byName: string;
  readonly at: string;
}

/**
 * Which values of a period the review list keeps; each left out keeps any. The unit and the person
 * are each value's own, else its objective's or the nearest ancestor's (as `Campaign` resolves them).
 */
export interface ReviewFilter {
  /**
   * Only those assigned to this account (`assignedTo` in contract/permissions.ts): its person, one
   * of its units, or its username as owner, on the indicator or on any objective above it.
   */
  readonly assignedTo?: { readonly id: string; readonly username: string; readonly unitIds: readonly string[] };
  /** Null: the values with no unit. */
  readonly unitId?: string | null;
  readonly personId?: string;
  readonly states?: readonly WorkState[];
}

/**
 * A row of the review list as the store reads it: the value's place, whose it is, its state and
 * latest review step, and what was entered against which target with the evidence files' names, so
 * the controller approves or sends back what they see.
 */
export interface ReviewRow {
  readonly indicatorId: string;
  readonly indicator: string;
  readonly node: string;
  /** The objective's title. */
  readonly objective: string;
  readonly unitId: string | null;
  readonly unit: string | null;
  readonly personId: string | null;
  readonly person: string | null;
  readonly state: WorkState;
  readonly enteredBy: string | null;
  readonly enteredAt: string | null;
  /** The latest review step on the value, whichever version it was about. */
  readonly latest: ReviewRecord | null;
  /** The indicator's unit of measure (`unit` is the organisation unit here). */
  readonly unitOfMeasure: Unit;
  readonly target: Amount | null;
  readonly comparator: Comparator;
  /** Null: nothing entered yet. */
  readonly value: {
    /** The stored value's version: the one a review step is about. */
    readonly version: number;
    readonly state: MeasurementState;
    readonly actual: Amount | null;
    readonly reason: string | null;
    readonly evidence: string | null;
    readonly source: string | null;
    readonly notes: string | null;
    readonly files: ReadonlyArray<{ id: string; name: string }>;
  } | null;
}

/** A page of the review list, with how many values the filter keeps in each state (all of them, not the page's). */
export interface ReviewPage {
  readonly counts: Readonly<Record<WorkState, number>>;
  readonly rows: readonly ReviewRow[];
}

/** What the campaign views (worklist, dashboard, closing checklist) need of a plan, read in one go. */
export interface CampaignData {
  readonly record: PlanRecord;
  readonly periods: readonly PeriodRecord[];
  readonly nodes: ReadonlyArray<{ code: string; parent: string | null; title: string; owner: string | null; unitId: string | null; personId: string | null }>;
  readonly indicators: ReadonlyArray<{ id: string; node: string; name: string; owner: string | null; unitId: string | null; personId: string | null; derived: boolean }>;
  /** Per period id: indicator id → the stored value's version, state, who and when. */
  readonly measurements: ReadonlyMap<string, ReadonlyMap<string, { version: number; state: string; enteredBy: string | null; enteredAt: string }>>;
  /** Per period id: indicator id → the latest review step. */
  readonly reviews: ReadonlyMap<string, ReadonlyMap<string, ReviewRecord>>;
}

export interface SessionRecord {
  readonly user: UserRecord;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly user: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly planId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
}

export interface AuditQuery {
  readonly planId?: string;
  /** Only entries of these plans (entries of no plan, such as accounts, left out): what a reader may see. */
  readonly plans?: readonly string[];
  readonly node?: string;
  readonly indicator?: string;
  /** Only entries of this entity (`period`), and of this one of them when `entityId` is given. */
  readonly entity?: string;
  readonly entityId?: string;
  readonly limit?: number;
  /**
   * Entries of these entities (comment threads, evidence files) only for the indicators listed
   * per plan id, none of another: what a reader who may not read every thread sees of them.
   */
  readonly restricted?: { readonly entities: readonly string[]; readonly indicators: ReadonlyMap<string, readonly string[]> };
}

export interface ImportInput {
  readonly table: ImportedTableLike;
  readonly title?: string;
  readonly year: number;
  readonly organisation?: string;
  readonly version?: PlanVersion;
  /** The registry's unit id each objective (by code) and indicator (by id) is assigned to, found by the caller from the table's Struttura cells. */
  readonly unitIds?: { readonly objectives: ReadonlyMap<string, string>; readonly indicators: ReadonlyMap<string, string> };
  /** The account id each objective (by code) and indicator (by id) is assigned to, found by the caller from the table's Referente cells. */
  readonly personIds?: { readonly objectives: ReadonlyMap<string, string>; readonly indicators: ReadonlyMap<string, string> };
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Individual performance: SMVP, appraisal forms, bonus distributions (appraisals.ts). */
  readonly appraisals: AppraisalStore;
  close(): Promise<void>;

  /** Evidence files of a measurement (attachments.ts). */
  readonly attachments: AttachmentStore;
  /** Browsers trusted for an account after a good sign-in (login-devices.ts). */
  readonly loginDevices: LoginDeviceStore;
  /** Idempotency keys of writes, so that one sent again after its answer was lost is not made twice (idempotency.ts). */
  readonly idempotency: IdempotencyStore;
  /** Comment threads per indicator and period (comments.ts). */
  readonly comments: CommentStore;
  /** Variances per objective and forecasts per indicator (variances.ts): what the Relazione reads. */
  readonly variances: VarianceStore;
  /** Accounts' email addresses (emails.ts). */
  readonly emails: EmailStore;
  /** The outbox of deadline reminders (reminders.ts). */
  readonly reminders: ReminderStore;
  /** The year's Relazione, its validation by the OIV, publication; periods published to the public (relazioni.ts). */
  readonly relazioni: RelazioneStore;

  /** Archived plans are left out unless asked for (`archived: 'only'` or `'all'`). */
  listPlans(options?: { readonly archived?: 'exclude' | 'only' | 'all' }): Promise<PlanRecord[]>;
  getPlan(planId: string): Promise<PlanRecord | undefined>;
  createPlan(input: NewPlan, actor: Actor): Promise<Result<PlanRecord>>;
  /** The plan's inputs from a published table, in one transaction; the table's actuals become the year-end period's measurements. */
  importPlan(input: ImportInput, actor: Actor): Promise<Result<PlanRecord>>;
  /** `expectedEditVersion`: the plan's `editVersion` the change was made from (`conflict` when another change came since); left out, none is checked. */
  updatePlan(planId: string, patch: PlanPatch, actor: Actor, expectedEditVersion?: number): Promise<Result<PlanRecord>>;
  deletePlan(planId: string, actor: Actor, reason?: string | null): Promise<Result<PlanRecord>>;
  /**
   * Next year's plan (a draft, unpublished): the same tree, rules, owners and units, targets rolled
   * forward, this year's year-end actuals as baselines, periods on the same days, no values; each
   * objective and indicator linked to this one's. `duplicate` when that year has a plan of that title.
   */
  nextYear(planId: string, input: NextYearInput, actor: Actor): Promise<Result<PlanRecord>>;
  /** Every year an objective (`node`, by code) or indicator (by id) is linked to, oldest first; undefined when unknown. */
  lineage(planId: string, kind: LineageKind, ref: string): Promise<LineageLink[] | undefined>;
  /** The plan's predecessor and, per objective and indicator, the one it continues; undefined for an unknown plan. */
  predecessors(planId: string): Promise<Predecessors | undefined>;
  /** The plan's last year: its predecessor, else the same body's plan of the year before (`lastYearOf`); null: none; undefined for an unknown plan. */
  lastYear(planId: string): Promise<LastYearLink | null | undefined>;
  /** The plans of the year after that take this one as their last year by body, not by next-year (`bodySuccessorsOf`). */
  bodySuccessors(planId: string): Promise<string[]>;
  /** The plan's indicators whose baselines follow their predecessors' year-end actuals (none typed since); undefined for an unknown plan. */
  followingBaselines(planId: string): Promise<FollowingBaseline[] | undefined>;
  /**
   * Takes over the predecessors' corrected year-end actuals as baselines: each indicator at the
   * version it was read at (`conflict` otherwise, nothing changed); a change of the definition, so
   * an adopted plan needs an open revision. Audited as `refresh-baseline`, before → after.
   */
  refreshBaselines(planId: string, updates: readonly BaselineRefresh[], actor: Actor): Promise<Result<number>>;
  /** The cheap check a cache makes before reusing an evaluation. */
  dataVersion(planId: string): Promise<number | undefined>;
  /** `periodId` undefined: the last period (the year end). */
  planForPeriod(planId: string, periodId?: string): Promise<Result<PlanSnapshot>>;

  addNode(planId: string, input: NodeInput, actor: Actor): Promise<Result<ObjectiveMeta>>;
  updateNode(planId: string, code: string, patch: NodePatch, expectedVersion: number | undefined, actor: Actor): Promise<Result<ObjectiveMeta>>;
  /**
   * Refused with `values-to-remove` (details: the periods still open and what each would lose)
   * unless `removeValues`. What is removed is kept in the revision's change and the audit entry; the
   * closed and validated periods' values, reviews and files, and every comment thread, are kept
   * whole (`kept-records.ts`, counted as `keptRecords`).
   */
  deleteNode(planId: string, code: string, actor: Actor, removeValues?: boolean): Promise<Result<null>>;
  addIndicator(planId: string, code: string, input: IndicatorInput, actor: Actor): Promise<Result<{ id: string; version: number }>>;
  updateIndicator(planId: string, indicatorId: string, patch: IndicatorPatch, expectedVersion: number, actor: Actor): Promise<Result<{ id: string; version: number }>>;
  /** As `deleteNode`, for one indicator. */
  deleteIndicator(planId: string, indicatorId: string, actor: Actor, removeValues?: boolean): Promise<Result<null>>;

  /** Optimistic: stored only when `expectedVersion` is the current version (0: nothing entered yet). */
  putMeasurement(planId: string, indicatorId: string, periodId: string, input: MeasurementInput, expectedVersion: number, actor: Actor): Promise<Result<StoredMeasurement>>;
  indicatorContext(planId: string, indicatorId: string): Promise<IndicatorContext | undefined>;
  /** A deleted indicator whose records a deletion kept (its closed periods' values and files, its threads), read-only; undefined for any other. */
  keptIndicator(planId: string, indicatorId: string): Promise<KeptIndicator | undefined>;
  /** The ids of the plan's deleted indicators whose records are kept (every deleted indicator's: a deletion names each). */
  keptIndicatorIds(planId: string): Promise<ReadonlySet<string>>;
  /** The deleted indicators' values kept in a period (it was closed or validated at the deletion), by indicator id; read-only. */
  keptValues(planId: string, periodId: string): Promise<ReadonlyMap<string, MeasurementRecord>>;
  /**
   * The actuals recorded for an indicator in the periods still taking values (open or collecting),
   * by period date: what a new unit would have to read. Closed and validated periods are left out:
   * they are read as they were closed.
   */
  openActuals(planId: string, indicatorId: string): Promise<OpenActual[]>;
  getMeasurement(planId: string, indicatorId: string, periodId: string): Promise<MeasurementRecord | undefined>;

  /** The plan's periods in date order, the year end last (callers take the last as the year end); undefined without the plan. */
  listPeriods(planId: string): Promise<PeriodRecord[] | undefined>;
  /** A new open period; its id is its date, so a date already used is a `duplicate`. */
  addPeriod(planId: string, period: NewPeriod, actor: Actor): Promise<Result<PeriodRecord>>;
  /** `expectedVersion`: the period's version read (`conflict` when stale); left out, none is checked. */
  renamePeriod(planId: string, periodId: string, label: string, actor: Actor, expectedVersion?: number): Promise<Result<PeriodRecord>>;
  /** Only an open period without any measurement, and never the plan's last one (`period-in-use`). */
  deletePeriod(planId: string, periodId: string, actor: Actor): Promise<Result<PeriodRecord>>;
  /**
   * `from`: the versions the move was made from (`conflict` when the period changed since either;
   * left out, none is checked), and whether a closing knowingly leaves values unreviewed (refused
   * `unreviewed-values` otherwise, when there are any).
   */
  transitionPeriod(planId: string, periodId: string, to: PeriodState, reason: string | null, actor: Actor, from?: PeriodMoveOptions): Promise<Result<PeriodMoved>>;
  /** The period as it was last closed (frozen in the same transaction as the closing); undefined if never closed. */
  lastClosing(planId: string, periodId: string): Promise<PeriodClosing | undefined>;
  /** ISO time the period last became validated (by the OIV, or with the Relazione it validated), from the period's own row; null: not validated now, or unknown (validated before migration 85 with no entry on the trail). */
  periodValidatedAt(planId: string, periodId: string): Promise<string | null>;
  /**
   * The period's latest reopening (a move back to collecting from closed or validated), from the
   * period's own row, when it came after `since` (an ISO time: the OIV's decision); null: none since.
   * Before migration 87 kept it there it was looked for in the last 10,000 entries of the trail.
   */
  periodReopening(planId: string, periodId: string, since: string): Promise<PeriodReopening | null>;
  /** The plan record, its periods and the period's latest closing: cheap, to decide how to read the period. */
  periodHeader(planId: string, periodId?: string): Promise<Result<PeriodHeader>>;
  /** A closing of a period as frozen, with the metadata the tree shows (owners, versions, evidence). */
  frozenSnapshot(planId: string, periodId: string, seq: number): Promise<FrozenSnapshot | undefined>;

  /** draft → adopted, with its act. */
  adoptPlan(planId: string, act: Act, actor: Actor): Promise<Result<PlanRecord>>;
  /** Archive (hide from lists, keep whole, refuse changes) or bring back. */
  archivePlan(planId: string, archived: boolean, actor: Actor): Promise<Result<PlanRecord>>;
  listRevisions(planId: string): Promise<RevisionRecord[] | undefined>;
  /** Opens a revision of an adopted plan (one at a time): the changes made while it is open belong to it. */
  openRevision(planId: string, input: NewRevision, actor: Actor): Promise<Result<RevisionRecord>>;
  /** Reason and date while open; the act at any time (it may come after the approval). */
  /** `expectedVersion`: the revision's version read (`conflict` when stale); left out, none is checked. */
  updateRevision(planId: string, number: number, patch: RevisionPatch, actor: Actor, expectedVersion?: number): Promise<Result<RevisionRecord>>;
  /** Closes an open revision that holds changes, with its act if known; `expectedVersion`: the revision's version read (`conflict` when stale), left out none is checked. */
  approveRevision(planId: string, number: number, act: Act | null, actor: Actor, expectedVersion?: number): Promise<Result<RevisionRecord>>;
  /**
   * Discards an open revision that holds no net change (opened by mistake, or its steps cancel out):
   * kept on the record with its steps, marked discarded with who, when and `reason` (null: none).
   * `expectedVersion`: the revision's version read (`conflict` when stale), left out none is checked.
   */
  discardRevision(planId: string, number: number, actor: Actor, expectedVersion?: number, reason?: string | null): Promise<Result<RevisionRecord>>;

  /** The failed sign-ins recorded under these keys (none: absent). */
  loginFailures(keys: readonly string[]): Promise<LoginFailure[]>;
  /**
   * One more failure under `key`, atomically: the count starts again when the last series began
   * more than `windowMs` ago; `lockFor(count)` says how long that count locks (ms, 0: not at all).
   * Series older than the window are dropped on the way.
   */
  addLoginFailure(key: string, now: number, windowMs: number, lockFor: (count: number) => number): Promise<LoginFailure>;
  clearLoginFailures(keys: readonly string[]): Promise<void>;

  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
  /** The names the trail says `entries` by (store/audit-names.ts): an entry about an indicator by its name at the entry, an objective's by its title then, a deletion by its record's name; by entry id. */
  auditNames(entries: readonly AuditEntry[]): Promise<Map<number, AuditName>>;

  countUsers(): Promise<number>;
  listUsers(): Promise<UserRecord[]>;
  /**
   * Every account's id, login and display name, by id, and nothing else: what an answer names people
   * by, read at answer time so that a rename shows at once in answers made from cached data.
   */
  userNames(): Promise<UserName[]>;
  /**
   * Every account's id, login and display name as one text: another text, another name somewhere.
   * Cheaper than `userNames` (one row), to tell whether names read before are still current.
   */
  userNamesStamp(): Promise<string>;
  getUser(id: string): Promise<UserRecord | undefined>;
  findLogin(username: string): Promise<(UserRecord & { passwordHash: string }) | undefined>;
  createUser(input: NewUser, actor: Actor): Promise<Result<UserRecord>>;
  updateUser(id: string, patch: UserPatch, actor: Actor): Promise<Result<UserRecord>>;
  /**
   * A sign-in through the identity provider refused because the account signs in with its password:
   * audited as `sign-in-refused` on the account, by the person the provider named (its account).
   */
  recordRefusedSignIn(user: UserRecord): Promise<void>;

  listUnits(): Promise<UnitRecord[]>;
  getUnit(id: string): Promise<UnitRecord | undefined>;
  /** Units by name, trimmed and case-insensitively; the names not found are listed. */
  findUnitsByName(names: readonly string[]): Promise<{ ids: string[]; unknown: string[] }>;
  createUnit(input: UnitInput, actor: Actor): Promise<Result<UnitRecord>>;
  updateUnit(id: string, patch: UnitPatch, expectedVersion: number | undefined, actor: Actor): Promise<Result<UnitRecord>>;
  /** Refused (`in-use`) while objectives, indicators or child units refer to it. */
  deleteUnit(id: string, actor: Actor): Promise<Result<UnitRecord>>;
  /** All rows or none: every problem with its row (`invalid`, details.issues). */
  importUnits(rows: readonly UnitImportRow[], actor: Actor, dryRun?: boolean): Promise<Result<{ created: number; updated: number }>>;
  reassign(planId: string, change: Reassignment, actor: Actor): Promise<Result<{ nodes: number; indicators: number }>>;

  /** `expectedVersion`: the period's version read (`conflict` when stale); left out, none is checked. */
  setPeriodDeadline(planId: string, periodId: string, deadline: string | null, actor: Actor, expectedVersion?: number): Promise<Result<PeriodRecord>>;
  /**
   * A review step on the value as it is now (`expectedVersion`: the value's version the reviewer saw;
   * `seenState`: its review state as they saw it, `conflict` naming who reviewed it since when it
   * moved on — another desk's approval or request on the same version; left out, none is checked).
   */
  reviewMeasurement(
    planId: string,
    indicatorId: string,
    periodId: string,
    action: ReviewAction,
    note: string | null,
    expectedVersion: number,
    actor: Actor,
    seenState?: WorkState,
  ): Promise<Result<ReviewRecord>>;
  listReviews(planId: string, indicatorId: string, periodId: string): Promise<ReviewRecord[]>;
  campaignData(planId: string): Promise<CampaignData | undefined>;
  /**
   * A page of a period's review list in plan order (`offset` rows skipped, at most `limit`), each row
   * with its target and its value with its evidence files' names (never their bytes), and the
   * counts per state of every value `filter` keeps; filtered and counted by the database.
   */
  reviewPage(planId: string, periodId: string, filter: ReviewFilter, page: { offset: number; limit: number }): Promise<ReviewPage>;
  /** Changes whenever what `campaignData` reads changes (values, periods, assignments, reviews): a cache key, `<plan data version>:<reviews>`. */
  campaignVersion(planId: string): Promise<string | undefined>;

  createSession(id: string, userId: string, csrfToken: string, expiresAt: string): Promise<void>;
  findSession(id: string): Promise<SessionRecord | undefined>;
  deleteSession(id: string): Promise<void>;
}
