/**
 * Plans as stored: listed, read, created (with their periods), imported (the tree and the year
 * end's values in a few batched inserts), renamed, published, deleted while no period is closed,
 * and rolled into next year's plan (`nextYear`, linked to this one by lineage.ts). Every change is
 * one transaction with its audit entry.
 */
import { randomUUID } from 'node:crypto';
import { computedFromChildren, DEFAULT_SETTINGS, definitionProblems, evaluatePlan, PLAN_TITLE_MAX, rollForward, type Plan } from '../core/index.js';
import { baselineRefreshedReason, importedAssignmentReason, samePlanRenamedReason } from '../messages/audit-reasons.js';
import { english, type StoredMeanwhile } from '../messages/index.js';
import { followCorrectedBody, formsFollowDeletedPlan, recordsLeftWithoutPlan } from './appraisals.js';
import { AUDIT_COLUMNS, auditRow, recordAudit } from './audit-log.js';
import { amountToJson, settingsToJson, text } from './codec.js';
import { one, type Db, type Param, type Queryable, type Row } from './db.js';
import {
  bodySuccessorsOf,
  followingBaselines,
  lastYearOf,
  lineageChain,
  linkToPredecessor,
  predecessorsOf,
  type FollowingBaseline,
  type LastYearLink,
  type LineageKind,
  type LineageLink,
  type Predecessors,
} from './lineage.js';
import { MEASUREMENT_COLUMNS, measurementParams } from './measurement-store.js';
import { readForNextYear, type Owners } from './next-year-read.js';
import { periodLabel } from './period-store.js';
import { italianDate, periodProblemText, periodsProblem, type NewPeriod } from './periods.js';
import { readPlanForPeriod, readPlanHead } from './plan-read.js';
import { PLAN_SELECT, planRecord, planSaved, readPlanRecord } from './records.js';
import { archivedRefusal, editGate, gateReason, recordChange, refuse, type Gate } from './revisions.js';
import { fail, forUpdate, insertMany, noPlan, now, ok, staleSave, touch } from './shared.js';
import { INDICATOR_COLUMNS, indicatorJson, indicatorRow, staleDefinition } from './tree-store.js';
import {
  SYSTEM,
  type Actor,
  type BaselineRefresh,
  type ImportInput,
  type NewPlan,
  type NextYearInput,
  type PeriodRecord,
  type PlanPatch,
  type PlanRecord,
  type PlanSnapshot,
  type PlanVersion,
  type Result,
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

/**
 * What identifies a plan: its body, year, version and title (the unique index `plans_by_title`,
 * migration 78). The initial plan and its revision may share a title as two versions; two plans
 * of one version may not, or a next-year asked twice at once made the year's plan twice.
 */
interface PlanKey {
  readonly organisation: string;
  readonly year: number;
  readonly version: PlanVersion;
  readonly title: string;
}

/** The plan holding `key`, other than `except`. */
async function planHolding(q: Queryable, key: PlanKey, except?: string): Promise<{ id: string; createdAt: string } | undefined> {
  const r = await one(
    q,
    `SELECT p.id, p.created_at FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE o.name = ? AND p.year = ? AND p.version = ? AND p.title = ?${except === undefined ? '' : ' AND p.id <> ?'}`,
    [key.organisation, key.year, key.version, key.title, ...(except === undefined ? [] : [except])],
  );
  return r === undefined ? undefined : { id: String(r.id), createdAt: String(r.created_at) };
}

/**
 * The refusal of a plan whose key another plan holds, naming it (`details.planId`): `conflict`
 * when that plan was made `meanwhile`, while this request waited (the later of two requests at
 * once: on the row lock of the plan both read, or on the unique index), `duplicate` when it was
 * there before the request was asked (it is not a moment's clash: reloading shows it).
 */
function planTaken<T>(key: PlanKey, holder: { id: string }, meanwhile: boolean, field: string): Result<T> {
  const details = { field, planId: holder.id };
  if (meanwhile) {
    const params: StoredMeanwhile = { constraint: 'unique', subject: 'plan-title', year: key.year, title: key.title };
    return fail('conflict', english('conflict', params), details, { ...params });
  }
  return fail('duplicate', `there is already a ${key.year} plan titled “${key.title}”`, details, { what: 'plan-year', id: String(key.year), label: key.title });
}

/**
 * Migration 78's data step, before the unique index: plans stored twice under one key (a next-year
 * asked twice at once, or a plan created or imported again) keep working, and nothing of them is
 * lost. The first made keeps its title; each later one gets a suffix ("Piano 2025 (2)"), cut to
 * fit the title's limit, free among every title of its key, with an entry in the audit trail that
 * says why (the plan's id and data stay, so links and exports still find it).
 */
export async function separateSamePlans(tx: Queryable): Promise<void> {
  const rows = await tx.all(`SELECT id, organisation_id, year, version, title FROM plans ORDER BY created_at, id`);
  const keyOf = (r: Row, title: string): string => JSON.stringify([r.organisation_id, Number(r.year), r.version, title]);
  const taken = new Set(rows.map((r) => keyOf(r, String(r.title))));
  const kept = new Set<string>();
  const at = now();
  for (const r of rows) {
    const title = String(r.title);
    if (!kept.has(keyOf(r, title))) {
      kept.add(keyOf(r, title));
      continue;
    }
    let renamed = title;
    for (let n = 2; taken.has(keyOf(r, renamed)); n++) renamed = `${title.slice(0, PLAN_TITLE_MAX - ` (${n})`.length)} (${n})`;
    taken.add(keyOf(r, renamed));
    kept.add(keyOf(r, renamed));
    const id = String(r.id);
    // The title is part of the plan's definition: cached evaluations of it are stale.
    await tx.run(`UPDATE plans SET title = ?, data_version = data_version + 1, updated_at = ? WHERE id = ?`, [renamed, at, id]);
    await recordAudit(
      tx,
      SYSTEM,
      {
        action: 'update',
        entity: 'plan',
        entityId: id,
        planId: id,
        before: { title },
        after: { title: renamed },
        // The program's reason, not a person's: said in the reader's language when the trail is read.
        reason: samePlanRenamedReason(Number(r.year)),
      },
      at,
    );
  }
  await tx.run(`CREATE UNIQUE INDEX plans_by_title ON plans (organisation_id, year, version, title)`);
}

/** Plans, their creation, import, next year and deletion: each change one transaction with its audit entry. */
/**
 * A plan's own rules (core/definition.ts) as the store's refusal: the first problem, at its
 * objective and indicator, said by the catalogue (`invalid`, reason `formula-unit`).
 */
function definitionRefusal<T>(plan: Plan): Result<T> | null {
  // The base measures' names are refused where a plan is read (io/load.ts, the routes); a plan stored before keeps its own.
  const wrong = definitionProblems(plan).find((i) => i.code === 'formula-unit');
  if (wrong === undefined) return null;
  const p = wrong.params as { node: string; id: string; indicator: string; unit: string; formula: string };
  return fail(
    'invalid',
    `${p.node} ${p.id}: ${wrong.message}`,
    { node: p.node, indicator: p.id, field: 'unit' },
    { reason: 'formula-unit', field: 'unit', code: p.node, id: p.id, label: p.indicator, unit: p.unit, formula: p.formula },
  );
}

/**
 * The audit trail's entry of each objective and indicator the file assigned a unit or a person,
 * as an assignment made on screen writes it (`reassign`: before and after, unit and person ids),
 * so who gave a referente their worklist is on the record whichever way it came. Written as rows
 * at once: a big plan assigns thousands.
 */
function importedAssignments(planId: string, plan: Plan, input: ImportInput, actor: Actor, at: string): Param[][] {
  const reason = importedAssignmentReason();
  const rows: Param[][] = [];
  const entry = (entity: 'node' | 'indicator', entityId: string, node: string, indicator: string | null, unitId: string | null, personId: string | null): void => {
    if (unitId === null && personId === null) return;
    rows.push(auditRow(actor, { action: 'update', entity, entityId, planId, node, indicator, before: { unitId: null, personId: null }, after: { unitId, personId }, reason }, at));
  };
  for (const n of plan.nodes) {
    entry('node', n.code, n.code, null, input.unitIds?.objectives.get(n.code) ?? null, input.personIds?.objectives.get(n.code) ?? null);
    for (const i of n.indicators) entry('indicator', i.id, n.code, i.id, input.unitIds?.indicators.get(i.id) ?? null, input.personIds?.indicators.get(i.id) ?? null);
  }
  return rows;
}

export class SqlPlans {
  constructor(private readonly db: Db) {}

  async listPlans(options: { readonly archived?: 'exclude' | 'only' | 'all' } = {}): Promise<PlanRecord[]> {
    const archived = options.archived ?? 'exclude';
    const where = archived === 'exclude' ? ' WHERE p.archived_at IS NULL' : archived === 'only' ? ' WHERE p.archived_at IS NOT NULL' : '';
    return (await this.db.all(`${PLAN_SELECT}${where} ORDER BY p.year DESC, p.created_at DESC, p.id`)).map(planRecord);
  }

  async getPlan(planId: string): Promise<PlanRecord | undefined> {
    return readPlanRecord(this.db, planId);
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

  /**
   * The plan's row, its periods and its audit entry; refused when its key is taken (`asked`: when
   * the request came, to tell a plan made meanwhile from one that was there; `field`: the input
   * the refusal points at).
   */
  private async insertPlan(
    tx: Queryable,
    input: NewPlan,
    actor: Actor,
    action: string,
    taken: { readonly asked: string; readonly field: string },
    extra: Record<string, unknown> = {},
  ): Promise<Result<PlanRecord>> {
    const key: PlanKey = { organisation: input.organisation ?? 'Ente', year: input.year, version: input.version ?? 'plan', title: input.title };
    const there = await planHolding(tx, key);
    if (there !== undefined) return planTaken(key, there, there.createdAt >= taken.asked, taken.field);
    const id = randomUUID();
    const at = now();
    const organisation = await this.organisationId(tx, key.organisation);
    // Another request's plan committed after the check above (on PostgreSQL, two next-years of two
    // plans lock different rows): the index lets one in, the other inserts nothing and names it.
    const inserted = await tx.run(
      `INSERT INTO plans (id, organisation_id, title, year, version, published, settings, data_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, 1, ?, ?) ON CONFLICT (organisation_id, year, version, title) DO NOTHING`,
      [id, organisation, key.title, key.year, key.version, JSON.stringify(settingsToJson(input.settings ?? DEFAULT_SETTINGS)), at, at],
    );
    if (inserted.changes !== 1) {
      const holder = await planHolding(tx, key);
      if (holder === undefined) throw new Error(`plan ${key.year} "${key.title}": the insert did nothing, and no plan holds its title`);
      return planTaken(key, holder, true, taken.field);
    }
    await insertMany(
      tx,
      'periods',
      ['plan_id', 'id', 'label', 'ends_on', 'state', 'updated_at'],
      (input.periods ?? defaultPeriods(input.year)).map((p) => [id, p.endsOn, periodLabel(p), p.endsOn, 'open', at]),
    );
    const record = (await readPlanRecord(tx, id))!;
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
    return ok(record);
  }

  async createPlan(input: NewPlan, actor: Actor): Promise<Result<PlanRecord>> {
    const asked = now();
    const problem = input.periods === undefined ? null : periodsProblem(input.periods, input.year);
    if (problem !== null) {
      const field = problem.index < 0 ? 'periods' : `periods.${problem.index}.endsOn`;
      return fail('invalid', periodProblemText(problem.problem), { field }, { field, ...problem.problem });
    }
    return this.db.transaction((tx) => this.insertPlan(tx, input, actor, 'create', { asked, field: 'title' }));
  }

  async importPlan(input: ImportInput, actor: Actor): Promise<Result<PlanRecord>> {
    const asked = now();
    const { plan } = input.table;
    const seen = new Set<string>();
    for (const node of plan.nodes) {
      // Codes differing only by case are one code (as addNode holds them).
      const key = node.code.toLowerCase();
      if (seen.has(key)) return fail('invalid', `the code ${node.code} is used twice`, { node: node.code }, { reason: 'code-twice', code: node.code });
      seen.add(key);
    }
    const wrong = definitionRefusal<PlanRecord>(plan);
    if (wrong !== null) return wrong;
    return this.db.transaction(async (tx) => {
      const inserted = await this.insertPlan(
        tx,
        { title: input.title ?? plan.title, year: input.year, organisation: input.organisation, version: input.version, settings: plan.settings },
        actor,
        'import',
        { asked, field: 'title' },
      );
      if (!inserted.ok) return inserted;
      const record = inserted.value;
      const yearEnd = defaultPeriods(input.year)[2]!.id;
      const at = now();
      await insertMany(
        tx,
        'nodes',
        ['plan_id', 'code', 'position', 'parent', 'title', 'level', 'weight', 'owner', 'unit', 'version', 'unit_id', 'person_id'],
        plan.nodes.map((n, position) => [
          record.id,
          n.code,
          position,
          n.parent,
          n.title,
          n.level ?? null,
          n.weight?.toString() ?? null,
          n.owner ?? null,
          null,
          1,
          input.unitIds?.objectives.get(n.code) ?? null,
          input.personIds?.objectives.get(n.code) ?? null,
        ]),
      );
      const indicators: Param[][] = [];
      const measurements: Param[][] = [];
      for (const node of plan.nodes) {
        node.indicators.forEach((ind, position) => {
          indicators.push(indicatorRow(record.id, node.code, position, ind.id, ind, input.unitIds?.indicators.get(ind.id) ?? null, input.personIds?.indicators.get(ind.id) ?? null));
          const m = ind.measurement;
          if (m.state === 'not_measured' || computedFromChildren(ind.formula)) return;
          measurements.push(measurementParams(record.id, ind.id, yearEnd, m, actor, at, 1, { source: ind.source ?? null, notes: null, evidence: null }));
        });
      }
      await insertMany(tx, 'indicators', INDICATOR_COLUMNS, indicators);
      await insertMany(tx, 'measurements', MEASUREMENT_COLUMNS, measurements);
      await insertMany(tx, 'audit', AUDIT_COLUMNS, importedAssignments(record.id, plan, input, actor, at));
      return ok(record);
    });
  }

  async nextYear(planId: string, input: NextYearInput, actor: Actor): Promise<Result<PlanRecord>> {
    const asked = now();
    return this.db.transaction(async (tx) => {
      // Two next-years of one plan at once: the second waits here, then finds the first's plan.
      const locked = await one(tx, `SELECT data_version FROM plans WHERE id = ?${forUpdate(this.db)}`, [planId]);
      if (locked === undefined) return noPlan(planId);
      // The caller's evaluation when it is of this very version and of the year end; else read here.
      const basis = input.basis;
      const current = basis !== undefined && basis.dataVersion === Number(locked.data_version) && basis.snapshot.period.id === basis.snapshot.periods.at(-1)?.id ? basis : undefined;
      // Without one, the narrow read: the definitions and the year end's values, no names or meta.
      let source: { record: PlanRecord; periods: readonly PeriodRecord[]; plan: Plan; nodeOwners: ReadonlyMap<string, Owners>; indicatorOwners: ReadonlyMap<string, Owners> };
      if (current !== undefined) {
        const { record, periods, plan, nodes, indicators } = current.snapshot;
        source = { record, periods, plan, nodeOwners: nodes, indicatorOwners: indicators };
      } else {
        const head = await readPlanHead(tx, planId);
        if (!head.ok) return head;
        const { record, settings, period, periods } = head.value;
        const read = await readForNextYear(tx, planId, period.id);
        source = { record, periods, plan: { title: record.title, nodes: read.nodes, settings }, nodeOwners: read.nodeOwners, indicatorOwners: read.indicatorOwners };
      }
      const { record: from, periods, nodeOwners, indicatorOwners } = source;
      // Next year's plan is made from this one: a later year from the plan of the year before it (its baselines are that year's actuals).
      if (input.year !== from.year + 1) {
        return fail(
          'invalid',
          `this is the ${from.year} plan: its next year's plan is ${from.year + 1}'s, not ${input.year}'s`,
          { field: 'year' },
          { field: 'year', reason: 'next-year', year: from.year, asked: input.year },
        );
      }
      const plan = rollForward(current?.evaluation ?? evaluatePlan(source.plan), { fromYear: from.year, ...(input.title === undefined ? {} : { title: input.title }) });
      // A plan stored before the rule held may carry the pair: next year's would copy it.
      const wrong = definitionRefusal<PlanRecord>(plan);
      if (wrong !== null) return wrong;
      // Two next-years of one plan at once: the second waited on the lock above and finds the
      // first's plan here (`conflict`, naming it); a plan there before is a `duplicate`.
      const inserted = await this.insertPlan(
        tx,
        { title: plan.title, year: input.year, organisation: from.organisation, settings: plan.settings, periods: periods.map((p) => shiftPeriod(p, from.year, input.year)) },
        actor,
        'next-year',
        { asked, field: 'year' },
        { from: planId },
      );
      if (!inserted.ok) return inserted;
      const record = inserted.value;
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

  async lastYear(planId: string): Promise<LastYearLink | null | undefined> {
    return lastYearOf(this.db, planId);
  }

  async bodySuccessors(planId: string): Promise<string[]> {
    return bodySuccessorsOf(this.db, planId);
  }

  async followingBaselines(planId: string): Promise<FollowingBaseline[] | undefined> {
    if ((await one(this.db, `SELECT id FROM plans WHERE id = ?`, [planId])) === undefined) return undefined;
    return followingBaselines(this.db, planId);
  }

  async refreshBaselines(planId: string, updates: readonly BaselineRefresh[], actor: Actor): Promise<Result<number>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, this.db, planId);
      if (!gate.ok) return gate;
      // Every indicator checked before any is written: a refusal leaves the plan as it was.
      const befores: Row[] = [];
      for (const u of updates) {
        const before = await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, u.indicatorId]);
        if (before === undefined) return fail('not-found', `there is no indicator ${u.indicatorId} in this plan`, undefined, { what: 'indicator', id: u.indicatorId });
        if (Number(before.version) !== u.version) return staleDefinition(tx, planId, 'indicator', u.indicatorId, before, u.version);
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
        await recordAudit(tx, actor, { action: 'refresh-baseline', planId, ...change, reason: baselineRefreshedReason(u.baselineYear, gate.value.revision) });
      }
      if (updates.length > 0) await touch(tx, planId);
      return ok(updates.length);
    });
  }

  async updatePlan(planId: string, patch: PlanPatch, actor: Actor, expectedEditVersion?: number): Promise<Result<PlanRecord>> {
    const asked = now();
    return this.db.transaction(async (tx) => {
      const b = await readPlanRecord(tx, planId, this.db.dialect === 'postgres' ? ' FOR UPDATE OF p' : '');
      if (b === undefined) return noPlan(planId);
      const stale = staleSave<PlanRecord>('plan', `plan "${b.title}"`, expectedEditVersion, planSaved(b));
      if (stale !== null) return stale;
      const next = { title: patch.title ?? b.title, organisation: patch.organisation ?? b.organisation, published: patch.published ?? b.published, version: patch.version ?? b.version };
      // Saved as it stands (two desks publishing at once, the second after the first): nothing to write,
      // no version moved, no entry on the trail saying a change that is none — as a value saved again.
      if (next.title === b.title && next.organisation === b.organisation && next.published === b.published && next.version === b.version) return ok(b);
      // Title and body both name the plan (and a plan of theirs, the year and the version is one alone).
      const renamed = next.title !== b.title || next.organisation !== b.organisation;
      if (renamed || next.version !== b.version) {
        const key: PlanKey = { organisation: next.organisation, year: b.year, version: next.version, title: next.title };
        const there = await planHolding(tx, key, planId);
        if (there !== undefined) return planTaken(key, there, there.createdAt >= asked, next.title !== b.title ? 'title' : 'organisation');
      }
      // The title and the body are part of the plan's definition (a revision once adopted); publishing is not.
      let gate: Gate = { revision: null };
      if (renamed) {
        const checked = await editGate(tx, this.db, planId);
        // The refusal says what was asked: a body corrected outside a revision is said as such, naming both.
        if (!checked.ok)
          return checked.error.code === 'revision-required' && next.organisation !== b.organisation
            ? refuse('revision-required', { body: { from: b.organisation, to: next.organisation } }, { planId, field: 'organisation' })
            : checked;
        gate = checked.value;
      } else if (b.archivedAt !== null && next.version !== b.version) {
        return archivedRefusal(planId);
      }
      const at = now();
      // A body corrected moves this plan to the body of that name (made if new), and the year's SMVP,
      // appraisal forms and distributions with it (appraisals.ts followCorrectedBody); the plan's other years keep theirs.
      let organisationId: string | null = null;
      if (next.organisation !== b.organisation) {
        const followed = await followCorrectedBody(tx, this.db, planId, b.organisation, next.organisation, b.year, actor);
        if (!followed.ok) return followed;
        organisationId = await this.organisationId(tx, next.organisation);
      }
      await tx.run(
        `UPDATE plans SET title = ?, organisation_id = COALESCE(?, organisation_id), published = ?, version = ?, updated_at = ?, edit_version = edit_version + 1, edited_by = ?, edited_at = ? WHERE id = ?`,
        [next.title, organisationId, next.published ? 1 : 0, next.version, at, actor.username, at, planId],
      );
      if (renamed) {
        // Only what changed, as the register of changes says it (titolo, ente).
        const before: Record<string, string> = {};
        const after: Record<string, string> = {};
        if (next.title !== b.title) [before.title, after.title] = [b.title, next.title];
        if (next.organisation !== b.organisation) [before.organisation, after.organisation] = [b.organisation, next.organisation];
        await tx.run(`UPDATE plans SET data_version = data_version + 1 WHERE id = ?`, [planId]);
        await recordChange(tx, planId, gate, actor, { action: 'update', entity: 'plan', entityId: planId, before, after }, at);
      }
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'plan',
        entityId: planId,
        planId,
        before: { title: b.title, organisation: b.organisation, published: b.published, version: b.version },
        after: next,
        reason: gateReason(gate),
      });
      return ok((await readPlanRecord(tx, planId))!);
    });
  }

  /** `reason`: why (optional), kept on the audit and on the trail of each form the deletion moves. */
  async deletePlan(planId: string, actor: Actor, reason: string | null = null): Promise<Result<PlanRecord>> {
    return this.db.transaction(async (tx) => {
      // The plan's row first, as a body correction takes it (updatePlan), then its records' locks.
      const b = await readPlanRecord(tx, planId, this.db.dialect === 'postgres' ? ' FOR UPDATE OF p' : '');
      if (b === undefined) return noPlan(planId);
      // An archived plan is a closed record, kept whole: deleting it is a change like any other, so it
      // is brought back from the archive first (that move and the deletion's reason both on the trail).
      if (b.archivedAt !== null) return archivedRefusal(planId, true);
      // Closed and validated results are kept: such a plan is archived, never deleted.
      const locked = (await tx.all(`SELECT id, label, state FROM periods WHERE plan_id = ? AND state IN ('closed', 'validated') ORDER BY ends_on`, [planId])).map((r) => ({
        id: String(r.id),
        label: String(r.label),
        state: String(r.state),
      }));
      if (locked.length > 0) {
        return refuse('plan-has-closed-periods', { periods: locked.map((p) => p.label), states: locked.map((p) => p.state) }, { periods: locked });
      }
      // The body's SMVP, forms and distributions of the year are keyed by its name, not by the plan:
      // the last plan carrying the name gone, HR's records would be left under a body no plan names.
      const left = await recordsLeftWithoutPlan(tx, this.db, planId, b.organisation, b.year);
      if (left !== null)
        return refuse('plan-has-appraisals', { organisation: b.organisation, year: b.year, ...left }, { field: 'organisation', organisation: b.organisation, year: b.year, records: left });
      // The forms that read their organisational results from this plan go to the body's plan of the year that remains.
      const forms = await formsFollowDeletedPlan(tx, this.db, b, actor, reason);
      if (!forms.ok) {
        const inTheWay = [...forms.evaluated, ...forms.unmovable];
        return refuse(
          'plan-has-forms',
          { organisation: b.organisation, year: b.year, evaluated: forms.evaluated.length, unmovable: forms.unmovable.length },
          { field: 'forms', forms: inTheWay.map((f) => ({ id: f.id, state: f.state, evaluated: forms.evaluated.includes(f) })) },
        );
      }
      await tx.run(`DELETE FROM plans WHERE id = ?`, [planId]);
      await recordAudit(tx, actor, { action: 'delete', entity: 'plan', entityId: planId, planId, before: { title: b.title, year: b.year, organisation: b.organisation, version: b.version }, reason });
      return ok(b);
    });
  }

  async planForPeriod(planId: string, periodId?: string): Promise<Result<PlanSnapshot>> {
    // One transaction: the plan, its tree and its measurements are read as of one moment.
    return this.db.transaction((tx) => readPlanForPeriod(tx, planId, periodId));
  }
}
