/**
 * The store, written once in SQL both SQLite and PostgreSQL accept. The backends differ only in
 * their `Db` adapter and a few lines of DDL (migrations.ts).
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_SETTINGS, Decimal, evaluatePlan, rollForward, type Indicator, type Measurement, type Plan, type Objective } from '../core/index.js';
import { amountToJson, formulaFromJson, formulaToJson, inputsToJson, nextTargetsToJson, parse, ruleToJson, settingsFromJson, settingsToJson, text } from './codec.js';
import {
  baselineTyped,
  followingBaselines,
  lineageChain,
  linkToPredecessor,
  predecessorsOf,
  predecessorValues,
  touchSuccessors,
  type FollowingBaseline,
  type LineageKind,
  type LineageLink,
  type Predecessors,
} from './lineage.js';
import { SqlAttachments, type AttachmentStore } from './attachments.js';
import { SqlComments, type CommentStore } from './comments.js';
import { SqlEmails, type EmailStore } from './emails.js';
import { SqlReminders, type ReminderStore } from './reminders.js';
import { SqlLoginDevices, type LoginDeviceStore } from './login-devices.js';
import { one, type Db, type Param, type Queryable, type Row } from './db.js';
import { SqlAppraisals, type AppraisalStore } from './appraisals.js';
import { SqlVariances, type VarianceStore } from './variances.js';
import { SqlRelazioni, type RelazioneStore } from './relazioni.js';
import { migrate } from './migrations.js';
import { listAudit, recordAudit } from './audit-log.js';
import { periodLabel, SqlPeriods } from './period-store.js';
import { PLAN_SELECT, measurementJson, measurementRecord, periodRecord, planRecord } from './records.js';
import { fail, forUpdate, insertMany, isArchived, now, ok, shareLock, str, touch } from './shared.js';
import { SqlUsers } from './users.js';
import { SqlRevisions } from './revision-store.js';
import { indicatorFromRow, isTrendRow, readForNextYear, type Owners } from './next-year-read.js';
import { archivedRefusal, editGate, gateReason, recordChange, refuse, type Gate } from './revisions.js';
import { isLocked, italianDate, periodProblemText, periodsProblem, type NewPeriod } from './periods.js';
import { Reviews } from './reviews.js';
import { ensureUnitsByName, UnitRegistry, unknownUnit, unknownUser } from './units.js';
import type {
  Act,
  Actor,
  AuditEntry,
  FrozenSnapshot,
  NewRevision,
  PeriodHeader,
  RevisionPatch,
  RevisionRecord,
  AuditQuery,
  ImportInput,
  IndicatorContext,
  IndicatorInput,
  IndicatorMeta,
  IndicatorPatch,
  LoginFailure,
  MeasurementInput,
  MeasurementRecord,
  NewPlan,
  NewUser,
  NextYearInput,
  BaselineRefresh,
  NodeInput,
  ObjectiveMeta,
  NodePatch,
  PeriodClosing,
  PeriodRecord,
  PeriodState,
  PlanPatch,
  PlanRecord,
  Result,
  SessionRecord,
  Store,
  StoredMeasurement,
  UserPatch,
  UserRecord,
  CampaignData,
  Reassignment,
  ReviewAction,
  ReviewRecord,
  UnitImportRow,
  UnitInput,
  UnitPatch,
  UnitRecord,
} from './types.js';

/**
 * A period of last year's plan on the same day of the new year (29 February → 28 February); a
 * label naming the year follows it (`31/12/2024` → `31/12/2025`, `I semestre 2024` → `I semestre 2025`).
 */
function shiftPeriod(p: PeriodRecord, fromYear: number, year: number): NewPeriod {
  const [, month, day] = p.endsOn.split('-');
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const endsOn = `${year}-${month}-${month === '02' && day === '29' && !leap ? '28' : day}`;
  return { endsOn, label: p.label === italianDate(p.endsOn) ? italianDate(endsOn) : p.label.replace(new RegExp(`\\b${fromYear}\\b`, 'g'), String(year)) };
}

/** The monitoring periods a new plan starts with unless it is given its own: 30/06, 30/09 and the year end. */
export function defaultPeriods(year: number): Array<{ id: string; label: string; endsOn: string }> {
  return [
    { id: `${year}-06-30`, label: `30/06/${year}`, endsOn: `${year}-06-30` },
    { id: `${year}-09-30`, label: `30/09/${year}`, endsOn: `${year}-09-30` },
    { id: `${year}-12-31`, label: `31/12/${year}`, endsOn: `${year}-12-31` },
  ];
}

function nodeJson(r: Row): Record<string, unknown> {
  return {
    code: r.code,
    title: r.title,
    parent: r.parent,
    level: r.level,
    weight: str(r.weight),
    owner: r.owner,
    unitId: r.unit_id ?? null,
    personId: r.person_id ?? null,
    version: Number(r.version),
  };
}

function indicatorJson(r: Row): Record<string, unknown> {
  return {
    id: r.id,
    node: r.node_code,
    name: r.name,
    weight: str(r.weight),
    comparator: r.comparator,
    tolerance: str(r.tolerance),
    target: parse(r.target),
    unit: r.unit,
    scoring: parse(r.scoring),
    formula: parse(r.formula),
    owner: r.owner,
    unitId: r.unit_id ?? null,
    personId: r.person_id ?? null,
    source: r.source,
    notes: r.notes,
    baseline: parse(r.baseline),
    baselineYear: r.baseline_year === null || r.baseline_year === undefined ? null : Number(r.baseline_year),
    nextTargets: parse(r.next_targets),
    version: Number(r.version),
  };
}

export const INDICATOR_COLUMNS = [
  'plan_id',
  'id',
  'node_code',
  'position',
  'name',
  'weight',
  'comparator',
  'tolerance',
  'target',
  'unit',
  'scoring',
  'formula',
  'baseline',
  'source',
  'owner',
  'notes',
  'version',
  'baseline_year',
  'next_targets',
  'unit_id',
  'person_id',
] as const;

/** An indicator's row; `unitId` and `personId` given apart spare next-year a copy of 20,000 indicators. */
export function indicatorRow(planId: string, code: string, position: number, id: string, i: IndicatorInput, unitId = i.unitId ?? null, personId = i.personId ?? null): Param[] {
  return [
    planId,
    id,
    code,
    position,
    i.name,
    i.weight.toString(),
    i.comparator,
    i.tolerance?.toString() ?? null,
    text(amountToJson(i.target)),
    i.unit,
    text(ruleToJson(i.scoring ?? null)),
    text(formulaToJson(i.formula ?? null)),
    text(amountToJson(i.baseline ?? null)),
    i.source ?? null,
    i.owner ?? null,
    i.notes ?? null,
    1,
    i.baselineYear ?? null,
    text(nextTargetsToJson(i.nextTargets)),
    unitId,
    personId,
  ];
}

export class SqlStore implements Store {
  readonly dialect: Db['dialect'];
  readonly appraisals: AppraisalStore;
  readonly attachments: AttachmentStore;
  readonly comments: CommentStore;
  readonly loginDevices: LoginDeviceStore;
  readonly variances: VarianceStore;
  readonly relazioni: RelazioneStore;
  readonly emails: EmailStore;
  readonly reminders: ReminderStore;
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
    this.variances = new SqlVariances(db);
    this.emails = new SqlEmails(db);
    this.reminders = new SqlReminders(db);
    this.relazioni = new SqlRelazioni(db);
    this.units = new UnitRegistry(db);
    this.userStore = new SqlUsers(db);
    this.revisionStore = new SqlRevisions(db);
    this.periodStore = new SqlPeriods(db, (tx, planId, periodId) => this.readPlanForPeriod(tx, planId, periodId));
    this.reviews = new Reviews(db, periodRecord, async (q, planId) => {
      const r = await one(q, `${PLAN_SELECT} WHERE p.id = ?`, [planId]);
      return r === undefined ? undefined : planRecord(r);
    });
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

  setPeriodDeadline(planId: string, periodId: string, deadline: string | null, actor: Actor): Promise<Result<PeriodRecord>> {
    return this.reviews.setDeadline(planId, periodId, deadline, actor);
  }

  reviewMeasurement(planId: string, indicatorId: string, periodId: string, action: ReviewAction, note: string | null, expectedVersion: number, actor: Actor): Promise<Result<ReviewRecord>> {
    return this.reviews.review(planId, indicatorId, periodId, action, note, expectedVersion, actor);
  }

  listReviews(planId: string, indicatorId: string, periodId: string): Promise<ReviewRecord[]> {
    return this.reviews.list(planId, indicatorId, periodId);
  }

  campaignData(planId: string): Promise<CampaignData | undefined> {
    return this.reviews.campaign(planId);
  }

  campaignVersion(planId: string): Promise<string | undefined> {
    return this.reviews.campaignVersion(planId);
  }

  /** The unit a node or indicator write names: by id (checked), or by name (found or created). */
  private async unitFor(tx: Queryable, input: { unit?: string | null; unitId?: string | null }, actor: Actor): Promise<Result<string | null | undefined>> {
    if (input.unitId !== undefined) {
      if (input.unitId !== null && (await unknownUnit(tx, [input.unitId])) !== undefined) return refuse('invalid', { field: 'unitId', reason: 'unknown-unit', id: input.unitId }, { field: 'unitId' });
      return ok(input.unitId);
    }
    if (input.unit === undefined) return ok(undefined);
    if (input.unit === null || input.unit.trim() === '') return ok(null);
    return ok((await ensureUnitsByName(tx, [input.unit], actor))[0]!);
  }

  private async personFor(tx: Queryable, personId: string | null | undefined): Promise<Result<string | null | undefined>> {
    if (personId !== undefined && personId !== null && (await unknownUser(tx, [personId])) !== undefined)
      return refuse('invalid', { field: 'personId', reason: 'unknown-person', id: personId }, { field: 'personId' });
    return ok(personId);
  }

  /** Opens the store on a database, bringing its schema up to date first. */
  static async open(db: Db): Promise<SqlStore> {
    await migrate(db);
    return new SqlStore(db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async listPlans(options: { readonly archived?: 'exclude' | 'only' | 'all' } = {}): Promise<PlanRecord[]> {
    const archived = options.archived ?? 'exclude';
    const where = archived === 'exclude' ? ' WHERE p.archived_at IS NULL' : archived === 'only' ? ' WHERE p.archived_at IS NOT NULL' : '';
    return (await this.db.all(`${PLAN_SELECT}${where} ORDER BY p.year DESC, p.created_at DESC, p.id`)).map(planRecord);
  }

  async getPlan(planId: string): Promise<PlanRecord | undefined> {
    const r = await one(this.db, `${PLAN_SELECT} WHERE p.id = ?`, [planId]);
    return r === undefined ? undefined : planRecord(r);
  }

  async dataVersion(planId: string): Promise<number | undefined> {
    const r = await one(this.db, `SELECT data_version FROM plans WHERE id = ?`, [planId]);
    return r === undefined ? undefined : Number(r.data_version);
  }

  private async organisationId(tx: Queryable, name: string): Promise<string> {
    const found = await one(tx, `SELECT id FROM organisations WHERE name = ?`, [name]);
    if (found !== undefined) return String(found.id);
    const id = randomUUID();
    await tx.run(`INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`, [id, name, now()]);
    return String((await one(tx, `SELECT id FROM organisations WHERE name = ?`, [name]))!.id);
  }

  private async insertPlan(tx: Queryable, input: NewPlan, actor: Actor, action: string, extra: Record<string, unknown> = {}): Promise<PlanRecord> {
    const id = randomUUID();
    const at = now();
    const organisation = await this.organisationId(tx, input.organisation ?? 'Ente');
    await tx.run(`INSERT INTO plans (id, organisation_id, title, year, version, published, settings, data_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, 1, ?, ?)`, [
      id,
      organisation,
      input.title,
      input.year,
      input.version ?? 'plan',
      JSON.stringify(settingsToJson(input.settings ?? DEFAULT_SETTINGS)),
      at,
      at,
    ]);
    await insertMany(
      tx,
      'periods',
      ['plan_id', 'id', 'label', 'ends_on', 'state', 'updated_at'],
      (input.periods ?? defaultPeriods(input.year)).map((p) => [id, p.endsOn, periodLabel(p), p.endsOn, 'open', at]),
    );
    const record = planRecord((await one(tx, `${PLAN_SELECT} WHERE p.id = ?`, [id]))!);
    await recordAudit(tx, actor, {
      action,
      entity: 'plan',
      entityId: id,
      planId: id,
      after: {
        title: record.title,
        year: record.year,
        organisation: record.organisation,
        version: record.version,
        ...(input.periods === undefined ? {} : { periods: input.periods.map((p) => ({ endsOn: p.endsOn, label: periodLabel(p) })) }),
        ...extra,
      },
    });
    return record;
  }

  async createPlan(input: NewPlan, actor: Actor): Promise<Result<PlanRecord>> {
    const problem = input.periods === undefined ? null : periodsProblem(input.periods, input.year);
    if (problem !== null) {
      const field = problem.index < 0 ? 'periods' : `periods.${problem.index}.endsOn`;
      return fail('invalid', periodProblemText(problem.problem), { field }, { field, ...problem.problem });
    }
    return ok(await this.db.transaction((tx) => this.insertPlan(tx, input, actor, 'create')));
  }

  async importPlan(input: ImportInput, actor: Actor): Promise<Result<PlanRecord>> {
    const { plan } = input.table;
    const seen = new Set<string>();
    for (const node of plan.nodes) {
      if (seen.has(node.code)) return fail('invalid', `the code ${node.code} is used twice`, { node: node.code }, { reason: 'code-twice', code: node.code });
      seen.add(node.code);
    }
    return ok(
      await this.db.transaction(async (tx) => {
        const record = await this.insertPlan(
          tx,
          { title: input.title ?? plan.title, year: input.year, organisation: input.organisation, version: input.version, settings: plan.settings },
          actor,
          'import',
        );
        const yearEnd = defaultPeriods(input.year)[2]!.id;
        const at = now();
        await insertMany(
          tx,
          'nodes',
          ['plan_id', 'code', 'position', 'parent', 'title', 'level', 'weight', 'owner', 'unit', 'version'],
          plan.nodes.map((n, position) => [record.id, n.code, position, n.parent, n.title, n.level ?? null, n.weight?.toString() ?? null, n.owner ?? null, null, 1]),
        );
        const indicators: Param[][] = [];
        const measurements: Param[][] = [];
        for (const node of plan.nodes) {
          node.indicators.forEach((ind, position) => {
            indicators.push(indicatorRow(record.id, node.code, position, ind.id, ind));
            const m = ind.measurement;
            if (m.state === 'not_measured' || ind.formula?.kind === 'children_mean') return;
            measurements.push(measurementParams(record.id, ind.id, yearEnd, m, actor, at, 1, { source: ind.source ?? null, notes: null, evidence: null }));
          });
        }
        await insertMany(tx, 'indicators', INDICATOR_COLUMNS, indicators);
        await insertMany(tx, 'measurements', MEASUREMENT_COLUMNS, measurements);
        return record;
      }),
    );
  }

  async nextYear(planId: string, input: NextYearInput, actor: Actor): Promise<Result<PlanRecord>> {
    return this.db.transaction(async (tx) => {
      // Two next-years of one plan at once: the second waits here, then finds the first's plan.
      const locked = await one(tx, `SELECT data_version FROM plans WHERE id = ?${forUpdate(this.db)}`, [planId]);
      if (locked === undefined) return fail('not-found', `there is no plan with the id ${planId}`, undefined, { what: 'plan', id: planId });
      // The caller's evaluation when it is of this very version and of the year end; else read here.
      const basis = input.basis;
      const current = basis !== undefined && basis.dataVersion === Number(locked.data_version) && basis.snapshot.period.id === basis.snapshot.periods.at(-1)?.id ? basis : undefined;
      // Without one, the narrow read: the definitions and the year end's values, no names or meta.
      let source: { record: PlanRecord; periods: readonly PeriodRecord[]; plan: Plan; nodeOwners: ReadonlyMap<string, Owners>; indicatorOwners: ReadonlyMap<string, Owners> };
      if (current !== undefined) {
        const { record, periods, plan, nodes, indicators } = current.snapshot;
        source = { record, periods, plan, nodeOwners: nodes, indicatorOwners: indicators };
      } else {
        const head = await this.readPlanHead(tx, planId);
        if (!head.ok) return head;
        const { record, settings, period, periods } = head.value;
        const read = await readForNextYear(tx, planId, period.id);
        source = { record, periods, plan: { title: record.title, nodes: read.nodes, settings }, nodeOwners: read.nodeOwners, indicatorOwners: read.indicatorOwners };
      }
      const { record: from, periods, nodeOwners, indicatorOwners } = source;
      if (input.year <= from.year) return fail('invalid', `the next year's plan must be for a year after ${from.year}`, { field: 'year' }, { field: 'year', reason: 'next-year', year: from.year });
      const plan = rollForward(current?.evaluation ?? evaluatePlan(source.plan), { fromYear: from.year, year: input.year, ...(input.title === undefined ? {} : { title: input.title }) });
      const clash = await one(tx, `SELECT p.id FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE p.year = ? AND p.title = ? AND o.name = ?`, [
        input.year,
        plan.title,
        from.organisation,
      ]);
      if (clash !== undefined)
        return fail(
          'duplicate',
          `there is already a ${input.year} plan titled "${plan.title}"`,
          { field: 'year', planId: String(clash.id) },
          { what: 'plan-year', id: String(input.year), label: plan.title },
        );
      const record = await this.insertPlan(
        tx,
        { title: plan.title, year: input.year, organisation: from.organisation, settings: plan.settings, periods: periods.map((p) => shiftPeriod(p, from.year, input.year)) },
        actor,
        'next-year',
        { from: planId },
      );
      await insertMany(
        tx,
        'nodes',
        ['plan_id', 'code', 'position', 'parent', 'title', 'level', 'weight', 'owner', 'unit', 'version', 'unit_id', 'person_id'],
        plan.nodes.map((n, position) => {
          const owners = nodeOwners.get(n.code);
          return [record.id, n.code, position, n.parent, n.title, n.level ?? null, n.weight?.toString() ?? null, n.owner ?? null, null, 1, owners?.unitId ?? null, owners?.personId ?? null];
        }),
      );
      // Next year's objectives and indicators stay with the same units and people (by id).
      const indicators: Param[][] = [];
      for (const node of plan.nodes)
        node.indicators.forEach((ind, position) => {
          const owners = indicatorOwners.get(ind.id);
          indicators.push(indicatorRow(record.id, node.code, position, ind.id, ind, owners?.unitId ?? null, owners?.personId ?? null));
        });
      await insertMany(tx, 'indicators', INDICATOR_COLUMNS, indicators);
      await linkToPredecessor(tx, record.id, planId);
      return ok(record);
    });
  }

  async lineage(planId: string, kind: LineageKind, ref: string): Promise<LineageLink[] | undefined> {
    return lineageChain(this.db, kind, planId, ref);
  }

  async predecessors(planId: string): Promise<Predecessors | undefined> {
    return predecessorsOf(this.db, planId);
  }

  async followingBaselines(planId: string): Promise<FollowingBaseline[] | undefined> {
    if ((await one(this.db, `SELECT id FROM plans WHERE id = ?`, [planId])) === undefined) return undefined;
    return followingBaselines(this.db, planId);
  }

  async refreshBaselines(planId: string, updates: readonly BaselineRefresh[], actor: Actor): Promise<Result<number>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, planId, shareLock(this.db));
      if (!gate.ok) return gate;
      // Every indicator checked before any is written: a refusal leaves the plan as it was.
      const befores: Row[] = [];
      for (const u of updates) {
        const before = await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, u.indicatorId]);
        if (before === undefined) return fail('not-found', `there is no indicator ${u.indicatorId} in this plan`, undefined, { what: 'indicator', id: u.indicatorId });
        if (Number(before.version) !== u.version) {
          return fail(
            'conflict',
            `indicator ${u.indicatorId} was changed by someone else (version ${String(before.version)}, you sent ${u.version})`,
            { current: indicatorJson(before) },
            { what: 'indicator', id: u.indicatorId, version: Number(before.version), sent: u.version },
          );
        }
        befores.push(before);
      }
      const at = now();
      for (const [k, u] of updates.entries()) {
        const before = befores[k]!;
        await tx.run(`UPDATE indicators SET baseline = ?, baseline_year = ?, version = version + 1 WHERE plan_id = ? AND id = ?`, [
          text(amountToJson(u.baseline)),
          u.baselineYear,
          planId,
          u.indicatorId,
        ]);
        const after = (await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?`, [planId, u.indicatorId]))!;
        const change = { entity: 'indicator' as const, entityId: u.indicatorId, node: String(before.node_code), indicator: u.indicatorId, before: indicatorJson(before), after: indicatorJson(after) };
        await recordChange(tx, planId, gate.value, actor, { action: 'update', ...change }, at);
        const why = `baseline aggiornata al consuntivo ${u.baselineYear} corretto nel piano precedente`;
        const reason = gateReason(gate.value);
        await recordAudit(tx, actor, { action: 'refresh-baseline', planId, ...change, reason: reason === null ? why : `${reason}; ${why}` });
      }
      if (updates.length > 0) await touch(tx, planId);
      return ok(updates.length);
    });
  }

  async updatePlan(planId: string, patch: PlanPatch, actor: Actor): Promise<Result<PlanRecord>> {
    return this.db.transaction(async (tx) => {
      const before = await one(tx, `${PLAN_SELECT} WHERE p.id = ?${this.db.dialect === 'postgres' ? ' FOR UPDATE OF p' : ''}`, [planId]);
      if (before === undefined) return fail('not-found', `there is no plan with the id ${planId}`, undefined, { what: 'plan', id: planId });
      const b = planRecord(before);
      const next = { title: patch.title ?? b.title, published: patch.published ?? b.published, version: patch.version ?? b.version };
      // The title is part of the plan's definition (a revision once adopted); publishing is not.
      let gate: Gate = { revision: null };
      if (next.title !== b.title) {
        const checked = await editGate(tx, planId, shareLock(this.db));
        if (!checked.ok) return checked;
        gate = checked.value;
      } else if (b.archivedAt !== null && next.version !== b.version) {
        return archivedRefusal(planId);
      }
      const at = now();
      await tx.run(`UPDATE plans SET title = ?, published = ?, version = ?, updated_at = ? WHERE id = ?`, [next.title, next.published ? 1 : 0, next.version, at, planId]);
      if (next.title !== b.title) {
        await tx.run(`UPDATE plans SET data_version = data_version + 1 WHERE id = ?`, [planId]);
        await recordChange(tx, planId, gate, actor, { action: 'update', entity: 'plan', entityId: planId, before: { title: b.title }, after: { title: next.title } }, at);
      }
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'plan',
        entityId: planId,
        planId,
        before: { title: b.title, published: b.published, version: b.version },
        after: next,
        reason: gateReason(gate),
      });
      return ok(planRecord((await one(tx, `${PLAN_SELECT} WHERE p.id = ?`, [planId]))!));
    });
  }

  async deletePlan(planId: string, actor: Actor): Promise<Result<PlanRecord>> {
    return this.db.transaction(async (tx) => {
      const before = await one(tx, `${PLAN_SELECT} WHERE p.id = ?`, [planId]);
      if (before === undefined) return fail('not-found', `there is no plan with the id ${planId}`, undefined, { what: 'plan', id: planId });
      const b = planRecord(before);
      // Closed and validated results are kept: such a plan is archived, never deleted.
      const locked = (await tx.all(`SELECT id, label, state FROM periods WHERE plan_id = ? AND state IN ('closed', 'validated') ORDER BY ends_on`, [planId])).map((r) => ({
        id: String(r.id),
        label: String(r.label),
        state: String(r.state),
      }));
      if (locked.length > 0) {
        return refuse('plan-has-closed-periods', { periods: locked.map((p) => p.label), states: locked.map((p) => p.state) }, { periods: locked });
      }
      await tx.run(`DELETE FROM plans WHERE id = ?`, [planId]);
      await recordAudit(tx, actor, { action: 'delete', entity: 'plan', entityId: planId, planId, before: { title: b.title, year: b.year, organisation: b.organisation, version: b.version } });
      return ok(b);
    });
  }

  async planForPeriod(planId: string, periodId?: string): Promise<Result<import('./types.js').PlanSnapshot>> {
    // One transaction: the plan, its tree and its measurements are read as of one moment.
    return this.db.transaction((tx) => this.readPlanForPeriod(tx, planId, periodId));
  }

  /** The plan's record, settings and periods, and the period asked for (default: the last). */
  private async readPlanHead(
    tx: Queryable,
    planId: string,
    periodId?: string,
  ): Promise<Result<{ record: PlanRecord; settings: ReturnType<typeof settingsFromJson>; period: PeriodRecord; periods: PeriodRecord[] }>> {
    const planRow = await one(tx, `${PLAN_SELECT} WHERE p.id = ?`, [planId]);
    if (planRow === undefined) return fail('not-found', `there is no plan with the id ${planId}`, undefined, { what: 'plan', id: planId });
    const settingsRow = await one(tx, `SELECT settings FROM plans WHERE id = ?`, [planId]);
    const periods = (await tx.all(`SELECT * FROM periods WHERE plan_id = ? ORDER BY ends_on, id`, [planId])).map(periodRecord);
    const period = periodId === undefined ? periods[periods.length - 1] : periods.find((p) => p.id === periodId);
    if (period === undefined) {
      return fail(
        'not-found',
        periodId === undefined ? 'this plan has no monitoring period' : `the plan has no period ${periodId} (its periods are ${periods.map((p) => p.id).join(', ')})`,
        { periods: periods.map((p) => p.id) },
        periodId === undefined ? { what: 'periods' } : { what: 'period', id: periodId, periods: periods.map((p) => p.id) },
      );
    }
    return ok({ record: planRecord(planRow), settings: settingsFromJson(parse(settingsRow!.settings)), period, periods });
  }

  private async readPlanForPeriod(tx: Queryable, planId: string, periodId?: string): Promise<Result<import('./types.js').PlanSnapshot>> {
    const head = await this.readPlanHead(tx, planId, periodId);
    if (!head.ok) return head;
    const { record, settings, period, periods } = head.value;
    const nodeRows = await tx.all(
      `SELECT n.*, u.name AS unit_name, pu.display_name AS person_name FROM nodes n LEFT JOIN org_units u ON u.id = n.unit_id LEFT JOIN users pu ON pu.id = n.person_id WHERE n.plan_id = ? ORDER BY n.position, n.code`,
      [planId],
    );
    const indicatorRows = await tx.all(
      `SELECT i.*, ou.name AS unit_name, pu.display_name AS person_name FROM indicators i LEFT JOIN org_units ou ON ou.id = i.unit_id LEFT JOIN users pu ON pu.id = i.person_id WHERE i.plan_id = ? ORDER BY i.node_code, i.position, i.id`,
      [planId],
    );
    const measurementRows = await tx.all(`SELECT * FROM measurements WHERE plan_id = ? AND period_id = ?`, [planId, period.id]);
    const measured = new Map<string, MeasurementRecord>();
    for (const r of measurementRows) measured.set(String(r.indicator_id), measurementRecord(r));
    // Trends read last year's value from their predecessors (one query, only when the plan has a trend).
    const previous = indicatorRows.some(isTrendRow) ? await predecessorValues(tx, planId) : undefined;
    const byNode = new Map<string, Indicator[]>();
    const indicatorMeta = new Map<string, IndicatorMeta>();
    for (const r of indicatorRows) {
      const id = String(r.id);
      const m = measured.get(id) ?? null;
      const indicator = indicatorFromRow(r, toMeasurement(m), previous?.get(id));
      const list = byNode.get(String(r.node_code)) ?? [];
      list.push(indicator);
      byNode.set(String(r.node_code), list);
      indicatorMeta.set(id, { definitionVersion: Number(r.version), measurement: m, unitId: str(r.unit_id), unit: str(r.unit_name), personId: str(r.person_id), person: str(r.person_name) });
    }
    const nodeMeta = new Map<string, ObjectiveMeta>();
    const nodes: Objective[] = nodeRows.map((r) => {
      const code = String(r.code);
      nodeMeta.set(code, { owner: str(r.owner), unitName: str(r.unit_name), unitId: str(r.unit_id), personId: str(r.person_id), person: str(r.person_name), version: Number(r.version) });
      return {
        code,
        title: String(r.title),
        parent: str(r.parent),
        ...(r.level !== null ? { level: String(r.level) } : {}),
        weight: r.weight === null ? null : new Decimal(String(r.weight)),
        indicators: byNode.get(code) ?? [],
        ...(r.owner !== null ? { owner: String(r.owner) } : {}),
      };
    });
    return ok({
      record,
      period,
      periods,
      plan: { title: record.title, nodes, settings },
      nodes: nodeMeta,
      indicators: indicatorMeta,
    });
  }

  async addNode(planId: string, input: NodeInput, actor: Actor): Promise<Result<ObjectiveMeta>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, planId, shareLock(this.db));
      if (!gate.ok) return gate;
      if ((await one(tx, `SELECT code FROM nodes WHERE plan_id = ? AND code = ?`, [planId, input.code])) !== undefined)
        return fail('duplicate', `the plan already has an objective ${input.code}`, undefined, { what: 'objective', id: input.code });
      if (input.parent !== null && (await one(tx, `SELECT code FROM nodes WHERE plan_id = ? AND code = ?`, [planId, input.parent])) === undefined) {
        return fail('not-found', `the parent objective ${input.parent} does not exist in this plan`, undefined, { what: 'objective', id: String(input.parent) });
      }
      const unit = await this.unitFor(tx, input, actor);
      if (!unit.ok) return unit;
      const person = await this.personFor(tx, input.personId);
      if (!person.ok) return person;
      const last = await one(tx, `SELECT MAX(position) AS p FROM nodes WHERE plan_id = ?`, [planId]);
      const position = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
      await tx.run(`INSERT INTO nodes (plan_id, code, position, parent, title, level, weight, owner, unit, version, unit_id, person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?)`, [
        planId,
        input.code,
        position,
        input.parent,
        input.title,
        input.level ?? null,
        input.weight?.toString() ?? null,
        input.owner ?? null,
        unit.value ?? null,
        person.value ?? null,
      ]);
      const after = (await one(tx, `SELECT * FROM nodes WHERE plan_id = ? AND code = ?`, [planId, input.code]))!;
      await touch(tx, planId);
      await recordChange(tx, planId, gate.value, actor, { action: 'create', entity: 'node', entityId: input.code, node: input.code, after: nodeJson(after) }, now());
      await recordAudit(tx, actor, { action: 'create', entity: 'node', entityId: input.code, planId, node: input.code, after: nodeJson(after), reason: gateReason(gate.value) });
      return ok(await this.nodeMeta(tx, planId, input.code));
    });
  }

  async updateNode(planId: string, code: string, patch: NodePatch, expectedVersion: number | undefined, actor: Actor): Promise<Result<ObjectiveMeta>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, planId, shareLock(this.db));
      if (!gate.ok) return gate;
      const before = await one(tx, `SELECT * FROM nodes WHERE plan_id = ? AND code = ?${forUpdate(this.db)}`, [planId, code]);
      if (before === undefined) return fail('not-found', `there is no objective ${code} in this plan`, undefined, { what: 'objective', id: code });
      if (expectedVersion !== undefined && Number(before.version) !== expectedVersion) {
        return fail(
          'conflict',
          `objective ${code} was changed by someone else (version ${String(before.version)}, you sent ${expectedVersion})`,
          { current: nodeJson(before) },
          { what: 'objective', id: code, version: Number(before.version), sent: expectedVersion },
        );
      }
      const has = <K extends keyof NodePatch>(k: K): boolean => Object.prototype.hasOwnProperty.call(patch, k);
      const unit = await this.unitFor(tx, { ...(has('unit') ? { unit: patch.unit ?? null } : {}), ...(has('unitId') ? { unitId: patch.unitId ?? null } : {}) }, actor);
      if (!unit.ok) return unit;
      const person = await this.personFor(tx, has('personId') ? (patch.personId ?? null) : undefined);
      if (!person.ok) return person;
      await tx.run(`UPDATE nodes SET title = ?, level = ?, weight = ?, owner = ?, unit_id = ?, person_id = ?, version = version + 1 WHERE plan_id = ? AND code = ?`, [
        patch.title ?? String(before.title),
        has('level') ? (patch.level ?? null) : str(before.level),
        has('weight') ? (patch.weight?.toString() ?? null) : str(before.weight),
        has('owner') ? (patch.owner ?? null) : str(before.owner),
        unit.value === undefined ? str(before.unit_id) : unit.value,
        person.value === undefined ? str(before.person_id) : person.value,
        planId,
        code,
      ]);
      const after = (await one(tx, `SELECT * FROM nodes WHERE plan_id = ? AND code = ?`, [planId, code]))!;
      await touch(tx, planId);
      await recordChange(tx, planId, gate.value, actor, { action: 'update', entity: 'node', entityId: code, node: code, before: nodeJson(before), after: nodeJson(after) }, now());
      await recordAudit(tx, actor, { action: 'update', entity: 'node', entityId: code, planId, node: code, before: nodeJson(before), after: nodeJson(after), reason: gateReason(gate.value) });
      return ok(await this.nodeMeta(tx, planId, code));
    });
  }

  async deleteNode(planId: string, code: string, actor: Actor): Promise<Result<null>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, planId, shareLock(this.db));
      if (!gate.ok) return gate;
      const before = await one(tx, `SELECT * FROM nodes WHERE plan_id = ? AND code = ?`, [planId, code]);
      if (before === undefined) return fail('not-found', `there is no objective ${code} in this plan`, undefined, { what: 'objective', id: code });
      const children = await tx.all(`SELECT code FROM nodes WHERE plan_id = ? AND parent = ? ORDER BY position`, [planId, code]);
      if (children.length > 0)
        return fail('has-children', `objective ${code} has child objectives (${children.map((c) => String(c.code)).join(', ')}): delete them first`, undefined, {
          code,
          children: children.map((c) => String(c.code)),
        });
      const indicators = await tx.all(`SELECT * FROM indicators WHERE plan_id = ? AND node_code = ?`, [planId, code]);
      await tx.run(`DELETE FROM nodes WHERE plan_id = ? AND code = ?`, [planId, code]);
      await touch(tx, planId);
      const removed = { ...nodeJson(before), indicators: indicators.map(indicatorJson) };
      await recordChange(tx, planId, gate.value, actor, { action: 'delete', entity: 'node', entityId: code, node: code, before: removed }, now());
      await recordAudit(tx, actor, { action: 'delete', entity: 'node', entityId: code, planId, node: code, before: removed, reason: gateReason(gate.value) });
      return ok(null);
    });
  }

  async addIndicator(planId: string, code: string, input: IndicatorInput, actor: Actor): Promise<Result<{ id: string; version: number }>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, planId, shareLock(this.db));
      if (!gate.ok) return gate;
      if ((await one(tx, `SELECT code FROM nodes WHERE plan_id = ? AND code = ?`, [planId, code])) === undefined)
        return fail('not-found', `there is no objective ${code} in this plan`, undefined, { what: 'objective', id: code });
      const existing = await tx.all(`SELECT id, position FROM indicators WHERE plan_id = ? AND node_code = ?`, [planId, code]);
      const ids = new Set(existing.map((r) => String(r.id)));
      let n = existing.length + 1;
      while (ids.has(`${code}:${n}`)) n++;
      const id = `${code}:${n}`;
      const position = existing.reduce((max, r) => Math.max(max, Number(r.position) + 1), 0);
      if (input.unitId !== undefined && input.unitId !== null && (await unknownUnit(tx, [input.unitId])) !== undefined)
        return refuse('invalid', { field: 'unitId', reason: 'unknown-unit', id: input.unitId }, { field: 'unitId' });
      const person = await this.personFor(tx, input.personId);
      if (!person.ok) return person;
      await insertMany(tx, 'indicators', INDICATOR_COLUMNS, [indicatorRow(planId, code, position, id, input)]);
      const after = (await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?`, [planId, id]))!;
      await touch(tx, planId);
      await recordChange(tx, planId, gate.value, actor, { action: 'create', entity: 'indicator', entityId: id, node: code, indicator: id, after: indicatorJson(after) }, now());
      await recordAudit(tx, actor, { action: 'create', entity: 'indicator', entityId: id, planId, node: code, indicator: id, after: indicatorJson(after), reason: gateReason(gate.value) });
      return ok({ id, version: 1 });
    });
  }

  async updateIndicator(planId: string, indicatorId: string, patch: IndicatorPatch, expectedVersion: number, actor: Actor): Promise<Result<{ id: string; version: number }>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, planId, shareLock(this.db));
      if (!gate.ok) return gate;
      const before = await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, indicatorId]);
      if (before === undefined) return fail('not-found', `there is no indicator ${indicatorId} in this plan`, undefined, { what: 'indicator', id: indicatorId });
      if (Number(before.version) !== expectedVersion) {
        return fail(
          'conflict',
          `indicator ${indicatorId} was changed by someone else (version ${String(before.version)}, you sent ${expectedVersion})`,
          { current: indicatorJson(before) },
          { what: 'indicator', id: indicatorId, version: Number(before.version), sent: expectedVersion },
        );
      }
      const has = (k: keyof IndicatorPatch): boolean => Object.prototype.hasOwnProperty.call(patch, k);
      const pick = (k: keyof IndicatorPatch, encoded: Param, column: string): Param => (has(k) ? encoded : (before[column] as Param));
      if (has('unitId') && patch.unitId !== null && patch.unitId !== undefined && (await unknownUnit(tx, [patch.unitId])) !== undefined)
        return refuse('invalid', { field: 'unitId', reason: 'unknown-unit', id: patch.unitId }, { field: 'unitId' });
      const person = await this.personFor(tx, has('personId') ? (patch.personId ?? null) : undefined);
      if (!person.ok) return person;
      const changed = await tx.run(
        `UPDATE indicators SET name = ?, weight = ?, comparator = ?, tolerance = ?, target = ?, unit = ?, scoring = ?, formula = ?, owner = ?, source = ?, notes = ?, baseline = ?, baseline_year = ?, next_targets = ?, unit_id = ?, person_id = ?, version = version + 1 WHERE plan_id = ? AND id = ? AND version = ?`,
        [
          patch.name ?? str(before.name),
          patch.weight?.toString() ?? str(before.weight),
          patch.comparator ?? str(before.comparator),
          pick('tolerance', patch.tolerance?.toString() ?? null, 'tolerance'),
          pick('target', text(amountToJson(patch.target ?? null)), 'target'),
          patch.unit ?? str(before.unit),
          pick('scoring', text(ruleToJson(patch.scoring ?? null)), 'scoring'),
          pick('formula', text(formulaToJson(patch.formula ?? null)), 'formula'),
          pick('owner', patch.owner ?? null, 'owner'),
          pick('source', patch.source ?? null, 'source'),
          pick('notes', patch.notes ?? null, 'notes'),
          pick('baseline', text(amountToJson(patch.baseline ?? null)), 'baseline'),
          pick('baselineYear', patch.baselineYear ?? null, 'baseline_year'),
          pick('nextTargets', text(nextTargetsToJson(patch.nextTargets)), 'next_targets'),
          pick('unitId', patch.unitId ?? null, 'unit_id'),
          pick('personId', patch.personId ?? null, 'person_id'),
          planId,
          indicatorId,
          expectedVersion,
        ],
      );
      if (changed.changes !== 1) return fail('conflict', `indicator ${indicatorId} was changed by someone else`, undefined, { what: 'indicator', id: indicatorId });
      const after = (await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]))!;
      if (has('baseline') || has('baselineYear')) await baselineTyped(tx, planId, indicatorId);
      await touch(tx, planId);
      await recordChange(
        tx,
        planId,
        gate.value,
        actor,
        { action: 'update', entity: 'indicator', entityId: indicatorId, node: String(before.node_code), indicator: indicatorId, before: indicatorJson(before), after: indicatorJson(after) },
        now(),
      );
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'indicator',
        entityId: indicatorId,
        planId,
        node: String(before.node_code),
        indicator: indicatorId,
        before: indicatorJson(before),
        after: indicatorJson(after),
        reason: gateReason(gate.value),
      });
      return ok({ id: indicatorId, version: Number(after.version) });
    });
  }

  async deleteIndicator(planId: string, indicatorId: string, actor: Actor): Promise<Result<null>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, planId, shareLock(this.db));
      if (!gate.ok) return gate;
      const before = await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
      if (before === undefined) return fail('not-found', `there is no indicator ${indicatorId} in this plan`, undefined, { what: 'indicator', id: indicatorId });
      await tx.run(`DELETE FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
      await touch(tx, planId);
      await recordChange(
        tx,
        planId,
        gate.value,
        actor,
        { action: 'delete', entity: 'indicator', entityId: indicatorId, node: String(before.node_code), indicator: indicatorId, before: indicatorJson(before) },
        now(),
      );
      await recordAudit(tx, actor, {
        action: 'delete',
        entity: 'indicator',
        entityId: indicatorId,
        planId,
        node: String(before.node_code),
        indicator: indicatorId,
        before: indicatorJson(before),
        reason: gateReason(gate.value),
      });
      return ok(null);
    });
  }

  async getMeasurement(planId: string, indicatorId: string, periodId: string): Promise<MeasurementRecord | undefined> {
    const r = await one(this.db, `SELECT * FROM measurements WHERE plan_id = ? AND indicator_id = ? AND period_id = ?`, [planId, indicatorId, periodId]);
    return r === undefined ? undefined : measurementRecord(r);
  }

  async putMeasurement(planId: string, indicatorId: string, periodId: string, input: MeasurementInput, expectedVersion: number, actor: Actor): Promise<Result<StoredMeasurement>> {
    return this.db.transaction(async (tx) => {
      // Share-lock the period (PostgreSQL): a close waits for writes in flight, and a write after it sees the lock.
      const period = await one(tx, `SELECT * FROM periods WHERE plan_id = ? AND id = ?${this.db.dialect === 'postgres' ? ' FOR SHARE' : ''}`, [planId, periodId]);
      if (period === undefined) return fail('not-found', `the plan has no period ${periodId}`, undefined, { what: 'period', id: periodId });
      if (await isArchived(tx, planId)) return archivedRefusal(planId);
      const indicator = await one(tx, `SELECT node_code, formula FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
      if (indicator === undefined) return fail('not-found', `there is no indicator ${indicatorId} in this plan`, undefined, { what: 'indicator', id: indicatorId });
      if (isLocked(period.state as PeriodState)) {
        return fail(
          'period-locked',
          `the period ${String(period.label)} is ${String(period.state)}: its values can no longer be changed (a controller can reopen it, giving a reason)`,
          { period: periodRecord(period) },
          { label: String(period.label), state: String(period.state) },
        );
      }
      const beforeRow = await one(tx, `SELECT * FROM measurements WHERE plan_id = ? AND indicator_id = ? AND period_id = ?${forUpdate(this.db)}`, [planId, indicatorId, periodId]);
      const before = beforeRow === undefined ? undefined : measurementRecord(beforeRow);
      const current = before?.version ?? 0;
      if (current !== expectedVersion) {
        return fail(
          'conflict',
          `this value was changed by ${before?.enteredBy ?? 'someone else'} in the meantime (version ${current}, you sent ${expectedVersion}): reload and try again`,
          { current: measurementJson(before) },
          { what: 'measurement', by: before?.enteredBy ?? null, version: current, sent: expectedVersion },
        );
      }
      const at = now();
      const params = measurementParams(planId, indicatorId, periodId, toMeasurementLike(input), actor, at, current + 1, {
        evidence: input.evidence ?? null,
        source: input.source ?? null,
        notes: input.notes ?? null,
      });
      if (before === undefined) {
        // Two first writes at once: the primary key lets one in, the other sees a conflict.
        const inserted = await tx.run(`INSERT INTO measurements (${MEASUREMENT_COLUMNS.join(', ')}) VALUES (${MEASUREMENT_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`, params);
        if (inserted.changes !== 1)
          return fail(
            'conflict',
            'this value was entered by someone else in the meantime: reload and try again',
            { current: measurementJson(await this.readMeasurement(tx, planId, indicatorId, periodId)) },
            { what: 'measurement', entered: true },
          );
      } else {
        const updated = await tx.run(
          `UPDATE measurements SET state = ?, actual = ?, inputs = ?, reason = ?, evidence = ?, source = ?, notes = ?, entered_by = ?, entered_at = ?, version = ? WHERE plan_id = ? AND indicator_id = ? AND period_id = ? AND version = ?`,
          [...params.slice(3, 13), planId, indicatorId, periodId, expectedVersion],
        );
        if (updated.changes !== 1)
          return fail(
            'conflict',
            'this value was changed by someone else in the meantime: reload and try again',
            { current: measurementJson(await this.readMeasurement(tx, planId, indicatorId, periodId)) },
            { what: 'measurement' },
          );
      }
      const after = (await this.readMeasurement(tx, planId, indicatorId, periodId))!;
      await touch(tx, planId);
      // A successor's trend reads this value as its previous one: its cached evaluations are stale.
      await touchSuccessors(tx, planId, indicatorId);
      await recordAudit(tx, actor, {
        action: 'measure',
        entity: 'measurement',
        entityId: `${indicatorId}@${periodId}`,
        planId,
        node: String(indicator.node_code),
        indicator: indicatorId,
        before: measurementJson(before),
        after: measurementJson(after),
      });
      const planDataVersion = Number((await one(tx, `SELECT data_version FROM plans WHERE id = ?`, [planId]))!.data_version);
      return ok({ ...after, planDataVersion });
    });
  }

  async indicatorContext(planId: string, indicatorId: string): Promise<IndicatorContext | undefined> {
    const row = await one(this.db, `SELECT node_code, unit, formula, owner, unit_id, person_id FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
    if (row === undefined) return undefined;
    const nodeOwners: string[] = [];
    const nodeUnits: string[] = [];
    const unitIds: string[] = row.unit_id === null ? [] : [String(row.unit_id)];
    const personIds: string[] = row.person_id === null ? [] : [String(row.person_id)];
    // Walk up the tree (a few levels); the guard stops a corrupted cycle.
    let code: string | null = String(row.node_code);
    for (let depth = 0; code !== null && depth < 64; depth++) {
      const node: Row | undefined = await one(
        this.db,
        `SELECT n.parent, n.owner, n.unit_id, n.person_id, u.name AS unit_name FROM nodes n LEFT JOIN org_units u ON u.id = n.unit_id WHERE n.plan_id = ? AND n.code = ?`,
        [planId, code],
      );
      if (node === undefined) break;
      if (node.owner !== null) nodeOwners.push(String(node.owner));
      if (node.unit_name !== null) nodeUnits.push(String(node.unit_name));
      if (node.unit_id !== null) unitIds.push(String(node.unit_id));
      if (node.person_id !== null) personIds.push(String(node.person_id));
      code = str(node.parent);
    }
    return {
      objective: String(row.node_code),
      unit: row.unit as IndicatorContext['unit'],
      formula: formulaFromJson(parse(row.formula)),
      owner: str(row.owner),
      objectiveOwners: nodeOwners,
      objectiveUnitNames: nodeUnits,
      unitIds,
      personIds,
    };
  }

  private async nodeMeta(tx: Queryable, planId: string, code: string): Promise<ObjectiveMeta> {
    const r = (await one(
      tx,
      `SELECT n.owner, n.unit_id, n.person_id, n.version, u.name AS unit_name, pu.display_name AS person_name FROM nodes n LEFT JOIN org_units u ON u.id = n.unit_id LEFT JOIN users pu ON pu.id = n.person_id WHERE n.plan_id = ? AND n.code = ?`,
      [planId, code],
    ))!;
    return { owner: str(r.owner), unitName: str(r.unit_name), unitId: str(r.unit_id), personId: str(r.person_id), person: str(r.person_name), version: Number(r.version) };
  }

  private async readMeasurement(tx: Queryable, planId: string, indicatorId: string, periodId: string): Promise<MeasurementRecord | undefined> {
    const r = await one(tx, `SELECT * FROM measurements WHERE plan_id = ? AND indicator_id = ? AND period_id = ?`, [planId, indicatorId, periodId]);
    return r === undefined ? undefined : measurementRecord(r);
  }

  listPeriods(planId: string): Promise<PeriodRecord[] | undefined> {
    return this.periodStore.listPeriods(planId);
  }

  addPeriod(planId: string, period: NewPeriod, actor: Actor): Promise<Result<PeriodRecord>> {
    return this.periodStore.addPeriod(planId, period, actor);
  }

  renamePeriod(planId: string, periodId: string, label: string, actor: Actor): Promise<Result<PeriodRecord>> {
    return this.periodStore.renamePeriod(planId, periodId, label, actor);
  }

  deletePeriod(planId: string, periodId: string, actor: Actor): Promise<Result<PeriodRecord>> {
    return this.periodStore.deletePeriod(planId, periodId, actor);
  }

  transitionPeriod(planId: string, periodId: string, to: PeriodState, reason: string | null, actor: Actor): Promise<Result<PeriodRecord>> {
    return this.periodStore.transitionPeriod(planId, periodId, to, reason, actor);
  }

  lastClosing(planId: string, periodId: string): Promise<PeriodClosing | undefined> {
    return this.periodStore.lastClosing(planId, periodId);
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

  updateRevision(planId: string, number: number, patch: RevisionPatch, actor: Actor): Promise<Result<RevisionRecord>> {
    return this.revisionStore.updateRevision(planId, number, patch, actor);
  }

  approveRevision(planId: string, number: number, act: Act | null, actor: Actor): Promise<Result<RevisionRecord>> {
    return this.revisionStore.approveRevision(planId, number, act, actor);
  }

  discardRevision(planId: string, number: number, actor: Actor): Promise<Result<RevisionRecord>> {
    return this.revisionStore.discardRevision(planId, number, actor);
  }

  countUsers(): Promise<number> {
    return this.userStore.countUsers();
  }

  listUsers(): Promise<UserRecord[]> {
    return this.userStore.listUsers();
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
}

const MEASUREMENT_COLUMNS = ['plan_id', 'indicator_id', 'period_id', 'state', 'actual', 'inputs', 'reason', 'evidence', 'source', 'notes', 'entered_by', 'entered_at', 'version'] as const;

type MeasurementLike = { state: MeasurementRecord['state']; actual?: MeasurementRecord['actual']; inputs?: MeasurementRecord['inputs']; reason?: string | null };

function toMeasurementLike(input: MeasurementInput): MeasurementLike {
  return { state: input.state, actual: input.actual, inputs: input.inputs ?? null, reason: input.reason ?? null };
}

function measurementParams(
  planId: string,
  indicatorId: string,
  periodId: string,
  m: Measurement | MeasurementLike,
  actor: Actor,
  at: string,
  version: number,
  extra: { evidence: string | null; source: string | null; notes: string | null },
): Param[] {
  const like = m as MeasurementLike;
  const inputs = like.inputs;
  return [
    planId,
    indicatorId,
    periodId,
    m.state,
    m.state === 'measured' ? text(amountToJson(like.actual ?? null)) : null,
    m.state === 'measured' && inputs !== undefined && inputs !== null ? JSON.stringify(inputsToJson(inputs)) : null,
    m.state === 'not_evaluable' ? (like.reason ?? null) : null,
    extra.evidence,
    extra.source,
    extra.notes,
    actor.username,
    at,
    version,
  ];
}

/** A stored value as the engine's `Measurement` (nothing stored: not measured). */
export function toMeasurement(m: MeasurementRecord | null): Measurement {
  if (m === null) return { state: 'not_measured' };
  switch (m.state) {
    case 'measured':
      return { state: 'measured', ...(m.actual !== null ? { actual: m.actual } : {}), ...(m.inputs !== null ? { inputs: m.inputs } : {}) };
    case 'not_evaluable':
      return { state: 'not_evaluable', reason: m.reason ?? '' };
    default:
      return { state: m.state };
  }
}
