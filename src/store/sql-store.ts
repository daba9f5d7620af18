/**
 * The store, written once in SQL both SQLite and PostgreSQL accept: a facade over one module per
 * aggregate (plans, the plan's read, the tree, values, periods, revisions, units, reviews, users,
 * the audit trail; the campaign's own stores as properties). The backends differ only in their
 * `Db` adapter and a few lines of DDL (migrations.ts).
 */
import { SqlAppraisals, type AppraisalStore } from './appraisals.js';
import { SqlAttachments, type AttachmentStore } from './attachments.js';
import { listAudit } from './audit-log.js';
import { auditNames, type AuditName } from './audit-names.js';
import { SqlComments, type CommentStore } from './comments.js';
import type { Db } from './db.js';
import type { WorkState } from '../contract/campaign-states.js';
import { SqlEmails, type EmailStore } from './emails.js';
import type { FollowingBaseline, LastYearLink, LineageKind, LineageLink, Predecessors } from './lineage.js';
import { keptIndicator, keptIndicatorIds, keptValues } from './kept-records.js';
import { SqlLoginDevices, type LoginDeviceStore } from './login-devices.js';
import { SqlIdempotency, type IdempotencyStore } from './idempotency.js';
import { SqlMeasurements } from './measurement-store.js';
import { migrate } from './migrations.js';
import { SqlPeriods } from './period-store.js';
import type { NewPeriod } from './periods.js';
import { SqlPlans } from './plan-store.js';
import { readPlanRecord } from './records.js';
import { SqlRelazioni, type RelazioneStore } from './relazioni.js';
import { SqlReminders, type ReminderStore } from './reminders.js';
import { SqlRevisions } from './revision-store.js';
import { Reviews } from './reviews.js';
import { SqlTree } from './tree-store.js';
import { UnitRegistry } from './units.js';
import { SqlUsers } from './users.js';
import { SqlVariances, type VarianceStore } from './variances.js';
import type {
  Act,
  Actor,
  PeriodMoveOptions,
  PeriodMoved,
  AuditEntry,
  AuditQuery,
  BaselineRefresh,
  CampaignData,
  FrozenSnapshot,
  ImportInput,
  IndicatorContext,
  KeptIndicator,
  IndicatorInput,
  IndicatorPatch,
  LoginFailure,
  MeasurementInput,
  MeasurementRecord,
  NewPlan,
  NewRevision,
  NewUser,
  NextYearInput,
  NodeInput,
  NodePatch,
  ObjectiveMeta,
  OpenActual,
  PeriodClosing,
  PeriodHeader,
  PeriodRecord,
  PeriodReopening,
  PeriodState,
  PlanPatch,
  PlanRecord,
  PlanSnapshot,
  Reassignment,
  Result,
  ReviewAction,
  ReviewRecord,
  ReviewFilter,
  ReviewPage,
  RevisionPatch,
  RevisionRecord,
  SessionRecord,
  Store,
  StoredMeasurement,
  UnitImportRow,
  UnitInput,
  UnitPatch,
  UnitRecord,
  UserPatch,
  UserName,
  UserRecord,
} from './types.js';

export class SqlStore implements Store {
  readonly dialect: Db['dialect'];
  readonly appraisals: AppraisalStore;
  readonly attachments: AttachmentStore;
  readonly comments: CommentStore;
  readonly loginDevices: LoginDeviceStore;
  readonly idempotency: IdempotencyStore;
  readonly variances: VarianceStore;
  readonly relazioni: RelazioneStore;
  readonly emails: EmailStore;
  readonly reminders: ReminderStore;
  private readonly plans: SqlPlans;
  private readonly tree: SqlTree;
  private readonly measurements: SqlMeasurements;
  private readonly units: UnitRegistry;
  private readonly reviews: Reviews;
  private readonly userStore: SqlUsers;
  private readonly periodStore: SqlPeriods;
  private readonly revisionStore: SqlRevisions;
  private constructor(private readonly db: Db) {
    this.dialect = db.dialect;
    this.appraisals = new SqlAppraisals(db);
    this.attachments = new SqlAttachments(db);
    this.comments = new SqlComments(db);
    this.loginDevices = new SqlLoginDevices(db);
    this.idempotency = new SqlIdempotency(db);
    this.variances = new SqlVariances(db);
    this.emails = new SqlEmails(db);
    this.reminders = new SqlReminders(db);
    this.relazioni = new SqlRelazioni(db);
    this.plans = new SqlPlans(db);
    this.tree = new SqlTree(db);
    this.measurements = new SqlMeasurements(db);
    this.units = new UnitRegistry(db);
    this.userStore = new SqlUsers(db);
    this.revisionStore = new SqlRevisions(db);
    this.periodStore = new SqlPeriods(db);
    this.reviews = new Reviews(db);
  }

  /** Opens the store on a database, bringing its schema up to date first. */
  static async open(db: Db): Promise<SqlStore> {
    await migrate(db);
    return new SqlStore(db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  listPlans(options: { readonly archived?: 'exclude' | 'only' | 'all' } = {}): Promise<PlanRecord[]> {
    return this.plans.listPlans(options);
  }

  getPlan(planId: string): Promise<PlanRecord | undefined> {
    return readPlanRecord(this.db, planId);
  }

  dataVersion(planId: string): Promise<number | undefined> {
    return this.plans.dataVersion(planId);
  }

  createPlan(input: NewPlan, actor: Actor): Promise<Result<PlanRecord>> {
    return this.plans.createPlan(input, actor);
  }

  importPlan(input: ImportInput, actor: Actor): Promise<Result<PlanRecord>> {
    return this.plans.importPlan(input, actor);
  }

  nextYear(planId: string, input: NextYearInput, actor: Actor): Promise<Result<PlanRecord>> {
    return this.plans.nextYear(planId, input, actor);
  }

  lineage(planId: string, kind: LineageKind, ref: string): Promise<LineageLink[] | undefined> {
    return this.plans.lineage(planId, kind, ref);
  }

  predecessors(planId: string): Promise<Predecessors | undefined> {
    return this.plans.predecessors(planId);
  }

  lastYear(planId: string): Promise<LastYearLink | null | undefined> {
    return this.plans.lastYear(planId);
  }

  bodySuccessors(planId: string): Promise<string[]> {
    return this.plans.bodySuccessors(planId);
  }

  followingBaselines(planId: string): Promise<FollowingBaseline[] | undefined> {
    return this.plans.followingBaselines(planId);
  }

  refreshBaselines(planId: string, updates: readonly BaselineRefresh[], actor: Actor): Promise<Result<number>> {
    return this.plans.refreshBaselines(planId, updates, actor);
  }

  updatePlan(planId: string, patch: PlanPatch, actor: Actor, expectedEditVersion?: number): Promise<Result<PlanRecord>> {
    return this.plans.updatePlan(planId, patch, actor, expectedEditVersion);
  }

  deletePlan(planId: string, actor: Actor, reason: string | null = null): Promise<Result<PlanRecord>> {
    return this.plans.deletePlan(planId, actor, reason);
  }

  planForPeriod(planId: string, periodId?: string): Promise<Result<PlanSnapshot>> {
    return this.plans.planForPeriod(planId, periodId);
  }

  addNode(planId: string, input: NodeInput, actor: Actor): Promise<Result<ObjectiveMeta>> {
    return this.tree.addNode(planId, input, actor);
  }

  updateNode(planId: string, code: string, patch: NodePatch, expectedVersion: number | undefined, actor: Actor): Promise<Result<ObjectiveMeta>> {
    return this.tree.updateNode(planId, code, patch, expectedVersion, actor);
  }

  deleteNode(planId: string, code: string, actor: Actor, removeValues = false): Promise<Result<null>> {
    return this.tree.deleteNode(planId, code, actor, removeValues);
  }

  addIndicator(planId: string, code: string, input: IndicatorInput, actor: Actor): Promise<Result<{ id: string; version: number }>> {
    return this.tree.addIndicator(planId, code, input, actor);
  }

  updateIndicator(planId: string, indicatorId: string, patch: IndicatorPatch, expectedVersion: number, actor: Actor): Promise<Result<{ id: string; version: number }>> {
    return this.tree.updateIndicator(planId, indicatorId, patch, expectedVersion, actor);
  }

  deleteIndicator(planId: string, indicatorId: string, actor: Actor, removeValues = false): Promise<Result<null>> {
    return this.tree.deleteIndicator(planId, indicatorId, actor, removeValues);
  }

  getMeasurement(planId: string, indicatorId: string, periodId: string): Promise<MeasurementRecord | undefined> {
    return this.measurements.getMeasurement(planId, indicatorId, periodId);
  }

  async putMeasurement(planId: string, indicatorId: string, periodId: string, input: MeasurementInput, expectedVersion: number, actor: Actor): Promise<Result<StoredMeasurement>> {
    const stored = await this.measurements.putMeasurement(planId, indicatorId, periodId, input, expectedVersion, actor);
    if (stored.ok && !stored.value.unchanged) this.reviews.valueStored(planId, stored.value.planDataVersion);
    return stored;
  }

  indicatorContext(planId: string, indicatorId: string): Promise<IndicatorContext | undefined> {
    return this.measurements.indicatorContext(planId, indicatorId);
  }

  keptIndicator(planId: string, indicatorId: string): Promise<KeptIndicator | undefined> {
    return keptIndicator(this.db, planId, indicatorId);
  }

  keptIndicatorIds(planId: string): Promise<ReadonlySet<string>> {
    return keptIndicatorIds(this.db, planId);
  }

  keptValues(planId: string, periodId: string): Promise<ReadonlyMap<string, MeasurementRecord>> {
    return keptValues(this.db, planId, periodId);
  }

  openActuals(planId: string, indicatorId: string): Promise<OpenActual[]> {
    return this.measurements.openActuals(planId, indicatorId);
  }

  listUnits(): Promise<UnitRecord[]> {
    return this.units.list();
  }

  getUnit(id: string): Promise<UnitRecord | undefined> {
    return this.units.get(id);
  }

  findUnitsByName(names: readonly string[]): Promise<{ ids: string[]; unknown: string[] }> {
    return this.units.findByName(names);
  }

  createUnit(input: UnitInput, actor: Actor): Promise<Result<UnitRecord>> {
    return this.units.create(input, actor);
  }

  updateUnit(id: string, patch: UnitPatch, expectedVersion: number | undefined, actor: Actor): Promise<Result<UnitRecord>> {
    return this.units.update(id, patch, expectedVersion, actor);
  }

  deleteUnit(id: string, actor: Actor): Promise<Result<UnitRecord>> {
    return this.units.delete(id, actor);
  }

  importUnits(rows: readonly UnitImportRow[], actor: Actor, dryRun = false): Promise<Result<{ created: number; updated: number }>> {
    return this.units.import(rows, actor, dryRun);
  }

  reassign(planId: string, change: Reassignment, actor: Actor): Promise<Result<{ nodes: number; indicators: number }>> {
    return this.units.reassign(planId, change, actor);
  }

  setPeriodDeadline(planId: string, periodId: string, deadline: string | null, actor: Actor, expectedVersion?: number): Promise<Result<PeriodRecord>> {
    return this.reviews.setDeadline(planId, periodId, deadline, actor, expectedVersion);
  }

  reviewMeasurement(
    planId: string,
    indicatorId: string,
    periodId: string,
    action: ReviewAction,
    note: string | null,
    expectedVersion: number,
    actor: Actor,
    seenState?: WorkState,
  ): Promise<Result<ReviewRecord>> {
    return this.reviews.review(planId, indicatorId, periodId, action, note, expectedVersion, actor, seenState);
  }

  listReviews(planId: string, indicatorId: string, periodId: string): Promise<ReviewRecord[]> {
    return this.reviews.list(planId, indicatorId, periodId);
  }

  campaignData(planId: string): Promise<CampaignData | undefined> {
    return this.reviews.campaign(planId);
  }

  reviewPage(planId: string, periodId: string, filter: ReviewFilter, page: { offset: number; limit: number }): Promise<ReviewPage> {
    return this.reviews.page(planId, periodId, filter, page);
  }

  campaignVersion(planId: string): Promise<string | undefined> {
    return this.reviews.campaignVersion(planId);
  }

  listPeriods(planId: string): Promise<PeriodRecord[] | undefined> {
    return this.periodStore.listPeriods(planId);
  }

  addPeriod(planId: string, period: NewPeriod, actor: Actor): Promise<Result<PeriodRecord>> {
    return this.periodStore.addPeriod(planId, period, actor);
  }

  renamePeriod(planId: string, periodId: string, label: string, actor: Actor, expectedVersion?: number): Promise<Result<PeriodRecord>> {
    return this.periodStore.renamePeriod(planId, periodId, label, actor, expectedVersion);
  }

  deletePeriod(planId: string, periodId: string, actor: Actor): Promise<Result<PeriodRecord>> {
    return this.periodStore.deletePeriod(planId, periodId, actor);
  }

  transitionPeriod(planId: string, periodId: string, to: PeriodState, reason: string | null, actor: Actor, from?: PeriodMoveOptions): Promise<Result<PeriodMoved>> {
    return this.periodStore.transitionPeriod(planId, periodId, to, reason, actor, from);
  }

  lastClosing(planId: string, periodId: string): Promise<PeriodClosing | undefined> {
    return this.periodStore.lastClosing(planId, periodId);
  }

  periodValidatedAt(planId: string, periodId: string): Promise<string | null> {
    return this.periodStore.periodValidatedAt(planId, periodId);
  }

  periodReopening(planId: string, periodId: string, since: string): Promise<PeriodReopening | null> {
    return this.periodStore.periodReopening(planId, periodId, since);
  }

  periodHeader(planId: string, periodId?: string): Promise<Result<PeriodHeader>> {
    return this.periodStore.periodHeader(planId, periodId);
  }

  frozenSnapshot(planId: string, periodId: string, seq: number): Promise<FrozenSnapshot | undefined> {
    return this.periodStore.frozenSnapshot(planId, periodId, seq);
  }

  adoptPlan(planId: string, act: Act, actor: Actor): Promise<Result<PlanRecord>> {
    return this.revisionStore.adoptPlan(planId, act, actor);
  }

  archivePlan(planId: string, archived: boolean, actor: Actor): Promise<Result<PlanRecord>> {
    return this.revisionStore.archivePlan(planId, archived, actor);
  }

  listRevisions(planId: string): Promise<RevisionRecord[] | undefined> {
    return this.revisionStore.listRevisions(planId);
  }

  openRevision(planId: string, input: NewRevision, actor: Actor): Promise<Result<RevisionRecord>> {
    return this.revisionStore.openRevision(planId, input, actor);
  }

  updateRevision(planId: string, number: number, patch: RevisionPatch, actor: Actor, expectedVersion?: number): Promise<Result<RevisionRecord>> {
    return this.revisionStore.updateRevision(planId, number, patch, actor, expectedVersion);
  }

  approveRevision(planId: string, number: number, act: Act | null, actor: Actor, expectedVersion?: number): Promise<Result<RevisionRecord>> {
    return this.revisionStore.approveRevision(planId, number, act, actor, expectedVersion);
  }

  discardRevision(planId: string, number: number, actor: Actor, expectedVersion?: number, reason?: string | null): Promise<Result<RevisionRecord>> {
    return this.revisionStore.discardRevision(planId, number, actor, expectedVersion, reason ?? null);
  }

  countUsers(): Promise<number> {
    return this.userStore.countUsers();
  }

  listUsers(): Promise<UserRecord[]> {
    return this.userStore.listUsers();
  }

  userNamesStamp(): Promise<string> {
    return this.userStore.userNamesStamp();
  }

  userNames(): Promise<UserName[]> {
    return this.userStore.userNames();
  }

  getUser(id: string): Promise<UserRecord | undefined> {
    return this.userStore.getUser(id);
  }

  findLogin(username: string): Promise<(UserRecord & { passwordHash: string }) | undefined> {
    return this.userStore.findLogin(username);
  }

  createUser(input: NewUser, actor: Actor): Promise<Result<UserRecord>> {
    return this.userStore.createUser(input, actor);
  }

  updateUser(id: string, patch: UserPatch, actor: Actor): Promise<Result<UserRecord>> {
    return this.userStore.updateUser(id, patch, actor);
  }

  recordRefusedSignIn(user: UserRecord): Promise<void> {
    return this.userStore.recordRefusedSignIn(user);
  }

  createSession(id: string, userId: string, csrfToken: string, expiresAt: string): Promise<void> {
    return this.userStore.createSession(id, userId, csrfToken, expiresAt);
  }

  findSession(id: string): Promise<SessionRecord | undefined> {
    return this.userStore.findSession(id);
  }

  deleteSession(id: string): Promise<void> {
    return this.userStore.deleteSession(id);
  }

  loginFailures(keys: readonly string[]): Promise<LoginFailure[]> {
    return this.userStore.loginFailures(keys);
  }

  addLoginFailure(key: string, now: number, windowMs: number, lockFor: (count: number) => number): Promise<LoginFailure> {
    return this.userStore.addLoginFailure(key, now, windowMs, lockFor);
  }

  clearLoginFailures(keys: readonly string[]): Promise<void> {
    return this.userStore.clearLoginFailures(keys);
  }

  listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return listAudit(this.db, query);
  }

  auditNames(entries: readonly AuditEntry[]): Promise<Map<number, AuditName>> {
    return auditNames(this.db, entries);
  }
}
