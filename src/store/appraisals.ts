/**
 * Individual performance in the database: the SMVP per body and year (every save a new version,
 * the old ones kept), appraisal forms (one per person and year, the form's content as a JSON
 * document checked by the server against the SMVP), bonus distributions (each run kept), and
 * their own append-only audit trail: appraisals are personal data, so their trail is not in the
 * plan's trail that every signed-in account may read.
 *
 * Same rules as the rest of the store: one transaction per change with its audit entry, optimistic
 * versions on forms (`conflict` with the current record), refusals as values.
 */
import { randomUUID } from 'node:crypto';
import { compareNames } from '../core/names.js';
import { one, type Db, type Queryable, type Row } from './db.js';
import { fail, forUpdate, now, shareLock, str } from './shared.js';
import { refuse } from './revisions.js';
import { SYSTEM, type Actor, type AuditEntry, type Result } from './types.js';
import { codeFromName, kindFromName, unitKey, unitName } from './units.js';

export type StaffCategory = 'dirigente' | 'eq' | 'personale';
export type FormState = 'draft' | 'assigned' | 'interview' | 'evaluated' | 'accepted' | 'contested' | 'final';

export interface SmvpRecord {
  readonly organisation: string;
  readonly year: number;
  readonly version: number;
  /** The SMVP as JSON (core/appraisal/codec.ts reads it). */
  readonly document: unknown;
  readonly reason: string | null;
  readonly createdAt: string;
  readonly createdBy: string | null;
}

export interface FormRecord {
  readonly id: string;
  readonly organisation: string;
  readonly year: number;
  readonly personId: string;
  readonly evaluatorId: string;
  readonly category: StaffCategory;
  /** The plan whose tree gives the organisational components (null: none yet). */
  readonly planId: string | null;
  readonly state: FormState;
  /** The form's content as JSON: assignments, objectives, ratings, and the record of each step. */
  readonly document: Record<string, unknown>;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewForm {
  readonly organisation: string;
  readonly year: number;
  readonly personId: string;
  readonly evaluatorId: string;
  readonly category: StaffCategory;
  readonly planId: string | null;
  readonly document: Record<string, unknown>;
}

export interface FormChange {
  readonly evaluatorId?: string;
  readonly category?: StaffCategory;
  readonly planId?: string | null;
  readonly state?: FormState;
  readonly document: Record<string, unknown>;
}

export interface DistributionRecord {
  readonly organisation: string;
  readonly year: number;
  readonly category: StaffCategory;
  readonly version: number;
  readonly fundCents: string;
  /** Per person: form id, band, coefficient, effective days, cents; the rule applied. */
  readonly document: Record<string, unknown>;
  readonly createdAt: string;
  readonly createdBy: string | null;
}

export interface AppraisalStore {
  listSmvp(): Promise<Omit<SmvpRecord, 'document'>[]>;
  /** The latest version unless `version` is given. */
  getSmvp(organisation: string, year: number, version?: number): Promise<SmvpRecord | undefined>;
  /** The latest version's number (0: none), without its document: a tree read asks it each time to know whether its cached ranges are current. */
  smvpVersion(organisation: string, year: number): Promise<number>;
  /**
   * A new version (1 for the first), audited with the previous one as `before`. With
   * `expectedVersion` (the version the edit started from, 0: none yet), `conflict` when another was
   * saved meanwhile: two people editing the same SMVP do not silently undo each other.
   */
  saveSmvp(organisation: string, year: number, document: unknown, reason: string | null, actor: Actor, expectedVersion?: number): Promise<Result<SmvpRecord>>;

  listForms(filter?: { readonly year?: number }): Promise<FormRecord[]>;
  getForm(id: string): Promise<FormRecord | undefined>;
  /** `duplicate` when the person already has a form for that body and year; `conflict` at `organisation` when the body was corrected to another name that year. */
  createForm(input: NewForm, actor: Actor): Promise<Result<FormRecord>>;
  /**
   * Stored only when `expectedVersion` is current (else `conflict` with the current form); `action` names the audit entry.
   * With `expectedOrganisation` (the body the form was read under), `conflict` at `organisation` when a body correction moved it since.
   */
  updateForm(id: string, expectedVersion: number, change: FormChange, action: string, reason: string | null, actor: Actor, expectedOrganisation?: string): Promise<Result<FormRecord>>;
  /** The form's own trail, oldest first. */
  formTrail(id: string): Promise<AuditEntry[]>;
  /**
   * The appraisals' trail's latest entry (0: none). Every change of a form, an SMVP, a distribution
   * or a body's records is trailed in its own transaction, so a number that has not moved says none
   * of them changed: what is made from them may be kept under it (the Relazione's §5).
   */
  changes(): Promise<number>;

  /** `conflict` at `organisation` when the body was corrected to another name that year (its records went with it). */
  saveDistribution(organisation: string, year: number, category: StaffCategory, fundCents: bigint, document: Record<string, unknown>, actor: Actor): Promise<Result<DistributionRecord>>;
  /** The latest distribution of each category of that body and year. */
  distributions(organisation: string, year: number): Promise<DistributionRecord[]>;
  /** Bodies and years with at least one distribution (for the public aggregates). */
  distributionYears(): Promise<{ organisation: string; year: number }[]>;
  /** Records a body correction left under a name no plan of their year carries any more (strandedBodies), with what they are and where they may go. */
  strandedBodies(): Promise<StrandedGroup[]>;
  /**
   * HR says which body the records stranded under `organisation` in `year` belong to: all of them go
   * to `to` in one transaction, each on the appraisals' trail (who, when, from → to). `conflict`
   * (nothing moved) when they are stranded no more (moved by another, or a plan carries the name
   * again: at `organisation`), or `to` is no body of a plan of that year, or has records of its own
   * that year (at `to`). The value: how many records moved.
   */
  assignStrandedBody(organisation: string, year: number, to: string, actor: Actor): Promise<Result<number>>;
}

const json = (v: unknown): string => JSON.stringify(v);

function formRecord(r: Row): FormRecord {
  return {
    id: String(r.id),
    organisation: String(r.organisation),
    year: Number(r.year),
    personId: String(r.person_id),
    evaluatorId: String(r.evaluator_id),
    category: r.category as StaffCategory,
    planId: r.plan_id === null || r.plan_id === undefined ? null : String(r.plan_id),
    state: r.state as FormState,
    document: JSON.parse(String(r.document)) as Record<string, unknown>,
    version: Number(r.version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** What a stale save of a form is told of the form as it is now (a 409's `details`): enough to say the clash, nothing of its content. */
export function formClash(f: Pick<FormRecord, 'version' | 'state' | 'updatedAt'>): { version: number; state: FormState; updatedAt: string } {
  return { version: f.version, state: f.state, updatedAt: f.updatedAt };
}

/** The trail entry of a form's plan changed (updateForm's `action`): before → after are the plan's id and title, not the form. */
export const PLAN_CHANGED = 'plan-changed';

function formJson(f: FormRecord): Record<string, unknown> {
  return { personId: f.personId, evaluatorId: f.evaluatorId, category: f.category, planId: f.planId, state: f.state, document: f.document, version: f.version };
}

function distributionRecord(r: Row): DistributionRecord {
  return {
    organisation: String(r.organisation),
    year: Number(r.year),
    category: r.category as StaffCategory,
    version: Number(r.version),
    fundCents: String(r.fund_cents),
    document: JSON.parse(String(r.document)) as Record<string, unknown>,
    createdAt: String(r.created_at),
    createdBy: r.created_by === null ? null : String(r.created_by),
  };
}

async function trail(tx: Queryable, actor: Actor, action: string, entity: string, entityId: string, before: unknown, after: unknown, reason: string | null): Promise<void> {
  await tx.run(`INSERT INTO appraisal_audit (at, user_id, username, action, entity, entity_id, before, after, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    now(),
    actor.id,
    actor.username,
    action,
    entity,
    entityId,
    before === null || before === undefined ? null : json(before),
    after === null || after === undefined ? null : json(after),
    reason,
  ]);
}

/** The newest year first, the bodies of a year in names' order. */
const byYearAndBody = (rows: Row[]): Row[] => [...rows].sort((a, b) => Number(b.year) - Number(a.year) || compareNames(String(a.organisation), String(b.organisation)));

export class SqlAppraisals implements AppraisalStore {
  constructor(private readonly db: Db) {}

  async listSmvp(): Promise<Omit<SmvpRecord, 'document'>[]> {
    const rows = await this.db.all(
      `SELECT organisation, year, version, reason, created_at, created_by FROM smvp s WHERE version = (SELECT MAX(version) FROM smvp t WHERE t.organisation = s.organisation AND t.year = s.year)`,
    );
    // The newest year first, its bodies in names' order (core/names.ts), not the database's collation.
    return byYearAndBody(rows).map((r) => ({
      organisation: String(r.organisation),
      year: Number(r.year),
      version: Number(r.version),
      reason: r.reason === null ? null : String(r.reason),
      createdAt: String(r.created_at),
      createdBy: r.created_by === null ? null : String(r.created_by),
    }));
  }

  async getSmvp(organisation: string, year: number, version?: number): Promise<SmvpRecord | undefined> {
    const r =
      version === undefined
        ? await one(this.db, `SELECT * FROM smvp WHERE organisation = ? AND year = ? ORDER BY version DESC LIMIT 1`, [organisation, year])
        : await one(this.db, `SELECT * FROM smvp WHERE organisation = ? AND year = ? AND version = ?`, [organisation, year, version]);
    if (r === undefined) return undefined;
    return {
      organisation: String(r.organisation),
      year: Number(r.year),
      version: Number(r.version),
      document: JSON.parse(String(r.document)),
      reason: r.reason === null ? null : String(r.reason),
      createdAt: String(r.created_at),
      createdBy: r.created_by === null ? null : String(r.created_by),
    };
  }

  async smvpVersion(organisation: string, year: number): Promise<number> {
    const r = await one(this.db, `SELECT MAX(version) AS version FROM smvp WHERE organisation = ? AND year = ?`, [organisation, year]);
    return r === undefined || r.version === null ? 0 : Number(r.version);
  }

  async saveSmvp(organisation: string, year: number, document: unknown, reason: string | null, actor: Actor, expectedVersion?: number): Promise<Result<SmvpRecord>> {
    return this.db.transaction(async (tx) => {
      await lockBodyRecords(tx, this.db, SMVP_LOCK);
      const last = await one(tx, `SELECT version, document, created_by, created_at FROM smvp WHERE organisation = ? AND year = ? ORDER BY version DESC LIMIT 1`, [organisation, year]);
      // A body corrected while this save was made (followCorrectedBody, under the same lock) took
      // the SMVP to the corrected name: saved under the old one, this version would start a second
      // SMVP of a body no plan names that year, and the adopted one would not have it.
      const corrected = await bodyCorrectedTo(tx, organisation, year);
      if (corrected !== null) return refuse<SmvpRecord, 'conflict'>('conflict', { appraisal: 'smvp-body-corrected', from: organisation, to: corrected, year }, { field: 'organisation' });
      const current = last === undefined ? 0 : Number(last.version);
      if (expectedVersion !== undefined && current !== expectedVersion) {
        // Who saved the version now current and when, as any stale save says them (the edge names the person); never its document.
        const by = last === undefined ? null : str(last.created_by);
        const at = last === undefined ? null : str(last.created_at);
        return fail<SmvpRecord>(
          'conflict',
          `the SMVP was changed by ${by ?? 'someone else'} meanwhile (version ${current}, not ${expectedVersion}): reload it`,
          { current: { version: current, updatedBy: by, updatedAt: at } },
          { appraisal: 'smvp-changed', version: current, sent: expectedVersion, by },
        );
      }
      const version = current + 1;
      const at = now();
      await tx.run(`INSERT INTO smvp (organisation, year, version, document, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        organisation,
        year,
        version,
        json(document),
        reason,
        at,
        actor.username,
      ]);
      await trail(tx, actor, version === 1 ? 'create' : 'update', 'smvp', `${organisation}/${year}`, last === undefined ? null : JSON.parse(String(last.document)), document, reason);
      return { ok: true as const, value: { organisation, year, version, document, reason, createdAt: at, createdBy: actor.username } };
    });
  }

  async listForms(filter: { readonly year?: number } = {}): Promise<FormRecord[]> {
    const rows =
      filter.year === undefined
        ? await this.db.all(`SELECT * FROM appraisal_forms ORDER BY year DESC, created_at, id`)
        : await this.db.all(`SELECT * FROM appraisal_forms WHERE year = ? ORDER BY created_at, id`, [filter.year]);
    return rows.map(formRecord);
  }

  async getForm(id: string): Promise<FormRecord | undefined> {
    const r = await one(this.db, `SELECT * FROM appraisal_forms WHERE id = ?`, [id]);
    return r === undefined ? undefined : formRecord(r);
  }

  async createForm(input: NewForm, actor: Actor): Promise<Result<FormRecord>> {
    return this.db.transaction(async (tx) => {
      // The plan's row before the forms' lock, in a deletion's order (SqlPlans.deletePlan): one deleted meanwhile is not linked.
      if (input.planId !== null && !(await planStands(tx, this.db, input.planId))) return planGone<FormRecord>(input.planId);
      await lockBodyRecords(tx, this.db, FORM_LOCK);
      // As an SMVP's save (saveSmvp): a form made under a body corrected meanwhile would be the only
      // one of a body no plan names that year, apart from the person's others moved with the body.
      const corrected = await bodyCorrectedTo(tx, input.organisation, input.year);
      if (corrected !== null)
        return refuse<FormRecord, 'conflict'>('conflict', { appraisal: 'form-body-corrected', from: input.organisation, to: corrected, year: input.year, made: true }, { field: 'organisation' });
      if (input.planId !== null) {
        const mismatch = await planOfOtherBody<FormRecord>(tx, input.planId, input.organisation, input.year);
        if (mismatch !== null) return mismatch;
      }
      const existing = await one(tx, `SELECT id FROM appraisal_forms WHERE organisation = ? AND year = ? AND person_id = ?`, [input.organisation, input.year, input.personId]);
      if (existing !== undefined)
        return fail<FormRecord>('duplicate', `the person already has a form for ${input.year}`, { id: String(existing.id) }, { appraisal: 'form-duplicate', year: input.year });
      const id = randomUUID();
      const at = now();
      await tx.run(
        `INSERT INTO appraisal_forms (id, organisation, year, person_id, evaluator_id, category, plan_id, state, document, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, 1, ?, ?)`,
        [id, input.organisation, input.year, input.personId, input.evaluatorId, input.category, input.planId, json(input.document), at, at],
      );
      const record = formRecord((await one(tx, `SELECT * FROM appraisal_forms WHERE id = ?`, [id]))!);
      await trail(tx, actor, 'create', 'appraisal', id, null, formJson(record), null);
      return { ok: true as const, value: record };
    });
  }

  async updateForm(id: string, expectedVersion: number, change: FormChange, action: string, reason: string | null, actor: Actor, expectedOrganisation?: string): Promise<Result<FormRecord>> {
    return this.db.transaction(async (tx) => {
      // As createForm: the plan's row first, then the form's, the order a deletion locks them in (formsFollowDeletedPlan).
      if (change.planId !== undefined && change.planId !== null && !(await planStands(tx, this.db, change.planId))) return planGone<FormRecord>(change.planId);
      const r = await one(tx, `SELECT * FROM appraisal_forms WHERE id = ?${forUpdate(this.db)}`, [id]);
      if (r === undefined) return fail<FormRecord>('not-found', `there is no form with the id ${id}`, undefined, { appraisal: 'form-not-found', id });
      const before = formRecord(r);
      // A body correction moves the form without a new version (followCorrectedBody, which waits on
      // this row): a change made on the form as it was read under the old name (its SMVP, its
      // evaluation, its document without the name it was evaluated with) would be stored as the
      // corrected body's.
      if (expectedOrganisation !== undefined && before.organisation !== expectedOrganisation)
        return refuse<FormRecord, 'conflict'>(
          'conflict',
          { appraisal: 'form-body-corrected', from: expectedOrganisation, to: before.organisation, year: before.year, made: false },
          { field: 'organisation' },
        );
      if (change.planId !== undefined && change.planId !== null) {
        const mismatch = await planOfOtherBody<FormRecord>(tx, change.planId, before.organisation, before.year);
        if (mismatch !== null) return mismatch;
      }
      // The conflict says what the clash is (the version, state and time the form has now), not the form:
      // it goes to whoever sent the stale save, and a form is personal data read through its view alone.
      if (before.version !== expectedVersion)
        return fail<FormRecord>('conflict', `the form was changed meanwhile (version ${before.version}, not ${expectedVersion}): reload it`, formClash(before), {
          appraisal: 'form-changed',
          version: before.version,
          sent: expectedVersion,
        });
      const changed = await tx.run(
        `UPDATE appraisal_forms SET evaluator_id = ?, category = ?, plan_id = ?, state = ?, document = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
        [
          change.evaluatorId ?? before.evaluatorId,
          change.category ?? before.category,
          change.planId === undefined ? before.planId : change.planId,
          change.state ?? before.state,
          json(change.document),
          now(),
          id,
          expectedVersion,
        ],
      );
      if (changed.changes !== 1) return fail<FormRecord>('conflict', 'the form was changed meanwhile: reload it', undefined, { appraisal: 'form-changed' });
      const after = formRecord((await one(tx, `SELECT * FROM appraisal_forms WHERE id = ?`, [id]))!);
      if (action === PLAN_CHANGED) {
        // What changed, the plan (its id and title then), as a deletion's move keeps it; the rest
        // changed in the same save (rare: the screen sends the plan alone) is an update of its own.
        const titleOf = async (planId: string | null): Promise<string | null> => {
          const row = planId === null ? undefined : await one(tx, `SELECT title FROM plans WHERE id = ?`, [planId]);
          return row === undefined ? null : String(row.title);
        };
        await trail(
          tx,
          actor,
          PLAN_CHANGED,
          'appraisal',
          id,
          { planId: before.planId, planTitle: await titleOf(before.planId) },
          { planId: after.planId, planTitle: await titleOf(after.planId) },
          reason,
        );
        const rest = (f: FormRecord) => json({ ...formJson(f), planId: null, version: null });
        if (rest(before) !== rest(after)) await trail(tx, actor, 'update', 'appraisal', id, formJson(before), formJson(after), null);
      } else await trail(tx, actor, action, 'appraisal', id, formJson(before), formJson(after), reason);
      return { ok: true as const, value: after };
    });
  }

  async changes(): Promise<number> {
    const [row] = await this.db.all(`SELECT MAX(id) AS id FROM appraisal_audit`);
    return row?.id === null || row?.id === undefined ? 0 : Number(row.id);
  }

  async formTrail(id: string): Promise<AuditEntry[]> {
    const rows = await this.db.all(`SELECT * FROM appraisal_audit WHERE entity = 'appraisal' AND entity_id = ? ORDER BY id`, [id]);
    return rows.map((r) => ({
      id: Number(r.id),
      at: String(r.at),
      user: r.username === null ? null : String(r.username),
      action: String(r.action),
      entity: String(r.entity),
      entityId: String(r.entity_id),
      planId: null,
      before: r.before === null ? null : JSON.parse(String(r.before)),
      after: r.after === null ? null : JSON.parse(String(r.after)),
      reason: r.reason === null ? null : String(r.reason),
    }));
  }

  async saveDistribution(organisation: string, year: number, category: StaffCategory, fundCents: bigint, document: Record<string, unknown>, actor: Actor): Promise<Result<DistributionRecord>> {
    return this.db.transaction(async (tx) => {
      await lockBodyRecords(tx, this.db, DISTRIBUTION_LOCK);
      // As an SMVP's save (saveSmvp): the run was made of the forms read under the old name, which
      // went with the body; stored under it, it would be a body's no plan names that year.
      const corrected = await bodyCorrectedTo(tx, organisation, year);
      if (corrected !== null)
        return refuse<DistributionRecord, 'conflict'>('conflict', { appraisal: 'distribution-body-corrected', from: organisation, to: corrected, year }, { field: 'organisation' });
      const last = await one(tx, `SELECT version, fund_cents, document FROM bonus_distributions WHERE organisation = ? AND year = ? AND category = ? ORDER BY version DESC LIMIT 1`, [
        organisation,
        year,
        category,
      ]);
      const version = last === undefined ? 1 : Number(last.version) + 1;
      const at = now();
      await tx.run(`INSERT INTO bonus_distributions (organisation, year, category, version, fund_cents, document, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
        organisation,
        year,
        category,
        version,
        fundCents.toString(),
        json(document),
        at,
        actor.username,
      ]);
      await trail(
        tx,
        actor,
        'distribute',
        'bonus',
        `${organisation}/${year}/${category}`,
        last === undefined ? null : { fundCents: String(last.fund_cents), document: JSON.parse(String(last.document)) },
        { fundCents: fundCents.toString(), document },
        null,
      );
      return { ok: true as const, value: { organisation, year, category, version, fundCents: fundCents.toString(), document, createdAt: at, createdBy: actor.username } };
    });
  }

  async distributions(organisation: string, year: number): Promise<DistributionRecord[]> {
    const rows = await this.db.all(
      `SELECT * FROM bonus_distributions d WHERE organisation = ? AND year = ? AND version = (SELECT MAX(version) FROM bonus_distributions e WHERE e.organisation = d.organisation AND e.year = d.year AND e.category = d.category) ORDER BY category`,
      [organisation, year],
    );
    return rows.map(distributionRecord);
  }

  async distributionYears(): Promise<{ organisation: string; year: number }[]> {
    const rows = await this.db.all(`SELECT DISTINCT organisation, year FROM bonus_distributions`);
    return byYearAndBody(rows).map((r) => ({ organisation: String(r.organisation), year: Number(r.year) }));
  }

  async strandedBodies(): Promise<StrandedGroup[]> {
    // One transaction: the records, the plans and their trail as of one moment.
    return this.db.transaction(async (tx) => {
      const out: StrandedGroup[] = [];
      for (const body of await strandedBodies(tx)) {
        const corrections = await bodyCorrections(tx, body.year);
        // Where each correction leads: the name itself when a plan of the year carries it, else on through its later corrections.
        const leadsTo = new Set<string>();
        for (const name of body.correctedTo) {
          const end = (await carried(tx, name, body.year)) ? name : await bodyCorrectedTo(tx, name, body.year, corrections);
          if (end !== null && (await carried(tx, end, body.year))) leadsTo.add(end);
        }
        const bodies: StrandedTarget[] = [];
        for (const r of await tx.all(`SELECT DISTINCT o.name FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE p.year = ?`, [body.year])) {
          const name = String(r.name);
          bodies.push({ name, candidate: leadsTo.has(name), hasRecords: (await heldRecords(tx, name, body.year)) > 0 });
        }
        bodies.sort((a, b) => Number(b.candidate) - Number(a.candidate) || compareNames(a.name, b.name));
        out.push({ ...body, records: await recordsOf(tx, body.organisation, body.year), bodies });
      }
      return out;
    });
  }

  async assignStrandedBody(organisation: string, year: number, to: string, actor: Actor): Promise<Result<number>> {
    return this.db.transaction(async (tx) => {
      // The plans that carry `to` that year first (a correction or a deletion of one waits), then the
      // locks of the body's records in followCorrectedBody's order: the order a correction takes them.
      const targets = await tx.all(
        `SELECT p.id FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE o.name = ? AND p.year = ?${this.db.dialect === 'postgres' ? ' FOR SHARE OF p' : ''}`,
        [to, year],
      );
      await lockBodyRecords(tx, this.db, SMVP_LOCK);
      await lockBodyRecords(tx, this.db, DISTRIBUTION_LOCK);
      await lockBodyRecords(tx, this.db, FORM_LOCK);
      const again = await carried(tx, organisation, year);
      if (again || (await heldRecords(tx, organisation, year)) === 0)
        return refuse<number, 'conflict'>('conflict', { appraisal: 'stranded-gone', organisation, year, carried: again }, { field: 'organisation' });
      if (targets.length === 0) return refuse<number, 'conflict'>('conflict', { appraisal: 'stranded-target-gone', to, year }, { field: 'to' });
      if ((await heldRecords(tx, to, year)) > 0) return refuse<number, 'conflict'>('conflict', { appraisal: 'stranded-target-taken', from: organisation, to, year }, { field: 'to' });
      const moving = await heldRecords(tx, organisation, year);
      await moveBodyRecords(tx, actor, organisation, to, year, {}, forUpdate(this.db), 'assign-body');
      return { ok: true as const, value: moving };
    });
  }
}

/**
 * Migration 75's data step: forms named their units by text (`assignments[].unit`, and the unit
 * results frozen at the evaluation keyed by that text); they now name them by the registry's id.
 * A name is found as the registry finds names (`unitKey`: trimmed, case-insensitive); one the
 * registry lacks becomes a unit, as migration 20 did for the other unit texts. The form's version
 * does not move: the same form, its units written another way.
 */
export async function migrateAppraisalUnits(tx: Queryable): Promise<void> {
  const byKey = new Map<string, string>();
  const taken = new Set<string>();
  for (const u of await tx.all(`SELECT id, code, name_key FROM org_units`)) {
    byKey.set(String(u.name_key), String(u.id));
    taken.add(String(u.code).toLowerCase());
  }
  const at = now();
  const idOf = async (text: string): Promise<string> => {
    const key = unitKey(text);
    let id = byKey.get(key);
    if (id === undefined) {
      id = randomUUID();
      const name = unitName(text);
      await tx.run(`INSERT INTO org_units (id, code, name, name_key, kind, parent_id, head_user_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, 1, ?, ?)`, [
        id,
        codeFromName(name, taken),
        name,
        key,
        kindFromName(name),
        at,
        at,
      ]);
      byKey.set(key, id);
    }
    return id;
  };
  for (const row of await tx.all(`SELECT id, document FROM appraisal_forms ORDER BY created_at, id`)) {
    const doc = JSON.parse(String(row.document)) as { assignments?: Record<string, unknown>[]; evaluation?: { org?: { units?: Record<string, unknown> } } | null };
    let changed = false;
    for (const a of doc.assignments ?? []) {
      if (typeof a.unit !== 'string' || a.unitId !== undefined) continue;
      a.unitId = await idOf(a.unit);
      delete a.unit;
      changed = true;
    }
    const frozen = doc.evaluation?.org?.units;
    if (frozen !== undefined && doc.evaluation?.org !== undefined) {
      const units: Record<string, unknown> = {};
      for (const [name, score] of Object.entries(frozen)) units[await idOf(name)] = score;
      doc.evaluation.org.units = units;
      changed = true;
    }
    if (changed) await tx.run(`UPDATE appraisal_forms SET document = ? WHERE id = ?`, [json(doc), String(row.id)]);
  }
}

/**
 * A plan's body corrected (SqlPlans.updatePlan, in its transaction): the SMVP, the appraisal forms
 * and the art. 20 distributions of the body's year are keyed by the body's name, so they follow it
 * to `to`, each on the appraisals' trail as it was and is. They follow once no other plan of
 * `from` that year remains: till then they are still that body's (its other plans of the year read
 * them), and correcting the last one moves them. Only the key changes, and what was validated keeps
 * its name: the SMVP's document its own (as adopted), an evaluated form the name it was evaluated
 * with (frozen in its evaluation, which its view and printed document say). Refused (nothing changed) when
 * `to` already has records of its own that year: two SMVPs of one year cannot be one.
 */
export async function followCorrectedBody(tx: Queryable, db: Pick<Db, 'dialect'>, planId: string, from: string, to: string, year: number, actor: Actor): Promise<Result<number>> {
  // The locks the SMVP's, the distributions' and the forms' saves take, in this order: a save under
  // `from` lands before this reads (and is moved) or waits, then finds the body corrected (bodyCorrectedTo).
  await lockBodyRecords(tx, db, SMVP_LOCK);
  await lockBodyRecords(tx, db, DISTRIBUTION_LOCK);
  await lockBodyRecords(tx, db, FORM_LOCK);
  const others = await tx.all(`SELECT p.id FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE o.name = ? AND p.year = ? AND p.id <> ?`, [from, year, planId]);
  if (others.length > 0) {
    await formsLeaveCorrectedPlan(tx, db, planId, from, year, to, actor);
    return { ok: true, value: 0 };
  }
  const moving = await heldRecords(tx, from, year);
  if (moving === 0) return { ok: true, value: 0 };
  if ((await heldRecords(tx, to, year)) > 0) return refuse<number, 'conflict'>('conflict', { appraisal: 'body-records-taken', from, to, year }, { field: 'organisation' });
  await moveBodyRecords(tx, actor, from, to, year, {}, forUpdate(db));
  return { ok: true, value: moving };
}

/**
 * A plan's body corrected while another plan of the old body stays that year (followCorrectedBody):
 * the old body's records stay, and its forms not yet evaluated that read this plan would read
 * another body's results; they go to the old body's remaining plan (remainingPlan), each with a new
 * version and on the appraisals' trail (`plan-body-corrected`, the plan before → after). An evaluated
 * form keeps the plan it was scored on (its figures are frozen). Read FOR UPDATE after the plan's row.
 */
async function formsLeaveCorrectedPlan(tx: Queryable, db: Pick<Db, 'dialect'>, planId: string, from: string, year: number, to: string, actor: Actor): Promise<void> {
  const forms = await tx.all(`SELECT id, state FROM appraisal_forms WHERE plan_id = ? AND organisation = ? AND year = ? ORDER BY created_at, id${forUpdate(db)}`, [planId, from, year]);
  const live = forms.filter((f) => !EVALUATED_STATES.includes(f.state as FormState));
  if (live.length === 0) return;
  const target = await remainingPlan(tx, from, year, planId);
  if (target === null) return;
  const title = String((await one(tx, `SELECT title FROM plans WHERE id = ?`, [planId]))!.title);
  const at = now();
  for (const f of live) {
    await tx.run(`UPDATE appraisal_forms SET plan_id = ?, version = version + 1, updated_at = ? WHERE id = ?`, [target.id, at, String(f.id)]);
    await trail(tx, actor, 'plan-body-corrected', 'appraisal', String(f.id), { planId, planTitle: title, planOrganisation: to }, { planId: target.id, planTitle: target.title }, null);
  }
}

/** A body's records of a year, counted as HR knows them: the SMVP's versions, the forms, the staff categories with a distribution. */
export interface BodyRecordCounts {
  readonly smvpVersions: number;
  readonly forms: number;
  readonly distributions: number;
}

/**
 * A plan about to be deleted (SqlPlans.deletePlan, in its transaction): what of its body's year
 * would be left under a name no plan of that year carries, null when nothing would (another plan of
 * the body and year remains, or the body has no records that year). Deleted, the last plan would
 * strand them silently, where not even strandedBodies finds them unless the body was corrected
 * once. The locks are a body correction's, in its order (followCorrectedBody), after the plan's row:
 * a record saved under the body meanwhile lands before this counts (and refuses the deletion) or
 * waits, and a correction or deletion of the body's other plan is decided one after the other.
 */
export async function recordsLeftWithoutPlan(tx: Queryable, db: Pick<Db, 'dialect'>, planId: string, organisation: string, year: number): Promise<BodyRecordCounts | null> {
  await lockBodyRecords(tx, db, SMVP_LOCK);
  await lockBodyRecords(tx, db, DISTRIBUTION_LOCK);
  await lockBodyRecords(tx, db, FORM_LOCK);
  const others = await tx.all(`SELECT p.id FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE o.name = ? AND p.year = ? AND p.id <> ?`, [organisation, year, planId]);
  if (others.length > 0) return null;
  const at = [organisation, year];
  const count = async (sql: string): Promise<number> => Number((await one(tx, sql, at))!.n);
  const counts = {
    smvpVersions: await count(`SELECT COUNT(*) AS n FROM smvp WHERE organisation = ? AND year = ?`),
    forms: await count(`SELECT COUNT(*) AS n FROM appraisal_forms WHERE organisation = ? AND year = ?`),
    distributions: await count(`SELECT COUNT(DISTINCT category) AS n FROM bonus_distributions WHERE organisation = ? AND year = ?`),
  };
  return counts.smvpVersions + counts.forms + counts.distributions === 0 ? null : counts;
}

/** A form a plan's deletion would leave without its plan: its id and state. */
export interface FormInTheWay {
  readonly id: string;
  readonly state: FormState;
}

/**
 * What a plan's deletion does to the appraisal forms that take their organisational results from it
 * (`plan_id`): `moved` (how many went to `to`), or refused with the forms in the way.
 */
export type DeletedPlanForms =
  | { readonly ok: true; readonly moved: number; readonly to: { readonly id: string; readonly title: string } | null }
  | { readonly ok: false; readonly evaluated: readonly FormInTheWay[]; readonly unmovable: readonly FormInTheWay[] };

/** From the evaluation on a form keeps the organisational results it was scored with (its `evaluation.org`), and where they came from. */
const EVALUATED_STATES: readonly FormState[] = ['evaluated', 'accepted', 'contested', 'final'];

/**
 * A plan about to be deleted (SqlPlans.deletePlan, in its transaction, after recordsLeftWithoutPlan
 * took the records' locks): the forms that read their organisational results from it go to the plan
 * of the same body and year that remains — the one in use (not archived), published, newest made,
 * in that order: the one the body's results of the year are read from — each with a new version (a
 * save from the form as read against the deleted plan is then a stale one, 409) and on the
 * appraisals' trail (`plan-deleted`, the plan before → after). Till the evaluation a form's score is
 * provisional and reads the tree live, so it only changes its source. Refused, nothing moved, when a
 * form was evaluated against the plan (its frozen results and their source name that plan; moved, it
 * would claim another's), or when no plan of the body and year remains (a form of another body
 * pointing at this one: HR links it to a plan of its own body first). The forms are read FOR UPDATE
 * on PostgreSQL, after the plan's row: a step saved on one meanwhile (an evaluation) is waited for
 * and read, and a form linked to the plan meanwhile (createForm, updateForm, which share-lock the
 * plan's row first) is either read here or finds the plan gone.
 */
export async function formsFollowDeletedPlan(
  tx: Queryable,
  db: Pick<Db, 'dialect'>,
  plan: { readonly id: string; readonly title: string; readonly organisation: string; readonly year: number },
  actor: Actor,
  reason: string | null = null,
): Promise<DeletedPlanForms> {
  const forms = (await tx.all(`SELECT id, state FROM appraisal_forms WHERE plan_id = ? ORDER BY created_at, id${forUpdate(db)}`, [plan.id])).map((r) => ({
    id: String(r.id),
    state: r.state as FormState,
  }));
  if (forms.length === 0) return { ok: true, moved: 0, to: null };
  const evaluated = forms.filter((f) => EVALUATED_STATES.includes(f.state));
  const to = await remainingPlan(tx, plan.organisation, plan.year, plan.id);
  if (evaluated.length > 0 || to === null) return { ok: false, evaluated, unmovable: to === null ? forms.filter((f) => !evaluated.includes(f)) : [] };
  const at = now();
  for (const f of forms) {
    await tx.run(`UPDATE appraisal_forms SET plan_id = ?, version = version + 1, updated_at = ? WHERE id = ?`, [to.id, at, f.id]);
    await trail(tx, actor, 'plan-deleted', 'appraisal', f.id, { planId: plan.id, planTitle: plan.title }, { planId: to.id, planTitle: to.title }, reason);
  }
  return { ok: true, moved: forms.length, to };
}

/**
 * The plan of a body and year a form of a plan deleted goes to: the one in use (not archived),
 * published, newest made, in that order (the one the body's results of the year are read from);
 * null when none but `except` is left.
 */
async function remainingPlan(tx: Queryable, organisation: string, year: number, except: string): Promise<{ readonly id: string; readonly title: string } | null> {
  const target = await one(
    tx,
    `SELECT p.id, p.title FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE o.name = ? AND p.year = ? AND p.id <> ? ORDER BY CASE WHEN p.archived_at IS NULL THEN 0 ELSE 1 END, p.published DESC, p.created_at DESC, p.id DESC LIMIT 1`,
    [organisation, year, except],
  );
  return target === undefined ? null : { id: String(target.id), title: String(target.title) };
}

/**
 * Migration 83: forms whose plan was deleted before a deletion moved them (formsFollowDeletedPlan)
 * name a plan that is not there. By the same rule: a form not yet evaluated goes to its body's plan
 * of the year that remains (remainingPlan); an evaluated one keeps the figures and source it froze
 * and names no plan (`planId` null: another plan's would claim it was scored on that one), and so does
 * a form of a body and year no plan remains of (the body is then listed as stranded, for HR to
 * assign, and the form linked to a plan again). Each on the appraisals' trail as `plan-deleted` by
 * the program, the deleted plan's id and title (from the plans' trail, where it kept one) before.
 */
async function repairFormsOfDeletedPlans(tx: Queryable): Promise<void> {
  const titles = new Map<string, string>();
  for (const d of await planDeletions(tx)) if (d.title !== null) titles.set(d.planId, d.title);
  const forms = await tx.all(
    `SELECT f.id, f.plan_id, f.state, f.organisation, f.year FROM appraisal_forms f WHERE f.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.id = f.plan_id) ORDER BY f.created_at, f.id`,
  );
  const at = now();
  for (const f of forms) {
    const from = { planId: String(f.plan_id), planTitle: titles.get(String(f.plan_id)) ?? null };
    const to = EVALUATED_STATES.includes(f.state as FormState) ? null : await remainingPlan(tx, String(f.organisation), Number(f.year), from.planId);
    await tx.run(`UPDATE appraisal_forms SET plan_id = ?, version = version + 1, updated_at = ? WHERE id = ?`, [to?.id ?? null, at, String(f.id)]);
    await trail(tx, SYSTEM, 'plan-deleted', 'appraisal', String(f.id), from, { planId: to?.id ?? null, planTitle: to?.title ?? null, repaired: 83 }, null);
  }
}

export const FORM_PLAN_MIGRATION = {
  version: 83,
  name: "appraisal forms left naming a plan deleted before its forms followed it: those not evaluated go to the body's remaining plan of the year, the others name none and keep what they froze",
  sql: (): string[] => [],
  data: (tx: Queryable): Promise<void> => repairFormsOfDeletedPlans(tx),
};

/**
 * Whether the plan a form is to read its organisational results from is there, share-locked on
 * PostgreSQL: a deletion of it (which locks its row first) waits for the form to be stored and then
 * moves it with the others (formsFollowDeletedPlan), or has deleted it and the form is refused.
 */
async function planStands(tx: Queryable, db: Pick<Db, 'dialect'>, planId: string): Promise<boolean> {
  return (await one(tx, `SELECT id FROM plans WHERE id = ?${shareLock(db)}`, [planId])) !== undefined;
}

/**
 * A form takes its organisational results from a plan of its own body and year: another body's
 * would score the person on that body's results, another year's on a year the form is not about.
 * Read after planStands share-locked the plan's row (PostgreSQL): a body correction of the plan
 * (SqlPlans.updatePlan, which locks the row for update) has committed before this reads, or waits
 * for the form to be stored and then finds it under its body (followCorrectedBody). Null when the
 * plan is the form's.
 */
async function planOfOtherBody<T>(tx: Queryable, planId: string, organisation: string, year: number): Promise<Result<T> | null> {
  const plan = await one(tx, `SELECT p.title, p.year, o.name FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?`, [planId]);
  if (plan === undefined) return planGone<T>(planId);
  const planYear = Number(plan.year);
  if (planYear !== year) return refuse<T, 'plan-other-year'>('plan-other-year', { year, planYear }, { field: 'planId', planId });
  const planOrganisation = String(plan.name);
  if (planOrganisation !== organisation)
    return refuse<T, 'plan-other-body'>('plan-other-body', { organisation, year, planTitle: String(plan.title), planOrganisation, planYear }, { field: 'planId', planId });
  return null;
}

function planGone<T>(planId: string): Result<T> {
  return fail<T>('conflict', `the plan ${planId} was deleted meanwhile: choose another plan for the form`, { field: 'planId' }, { appraisal: 'form-plan-gone', planId });
}

/** How many rows of the year's SMVP versions, forms and distributions are under the body's name. */
async function heldRecords(tx: Queryable, organisation: string, year: number): Promise<number> {
  let n = 0;
  for (const table of BODY_TABLES) n += Number((await one(tx, `SELECT COUNT(*) AS n FROM ${table} WHERE organisation = ? AND year = ?`, [organisation, year]))!.n);
  return n;
}

/**
 * The year's SMVP, forms and distributions of `from` moved to `to`, each on the appraisals' trail as
 * it was and is (`mark`: what else the trail's `after` says of the move). Only the key changes, and
 * an evaluated form keeps the body's name it was evaluated (and signed) with, in its evaluation.
 * `lockForms` (PostgreSQL's FOR UPDATE): an evaluated form's document is read and written back, so
 * a step saved on it meanwhile (an acceptance, a contest, a conciliation: updateForm, which locks
 * the row) is waited for and read, never written over with the document as it was before.
 */
async function moveBodyRecords(tx: Queryable, actor: Actor, from: string, to: string, year: number, mark: Record<string, unknown>, lockForms = '', action = 'correct-body'): Promise<void> {
  const move = { organisation: to, ...mark };
  for (const r of await tx.all(`SELECT DISTINCT version FROM smvp WHERE organisation = ? AND year = ? ORDER BY version`, [from, year]))
    await trail(tx, actor, action, 'smvp', `${to}/${year}`, { organisation: from, version: Number(r.version) }, { ...move, version: Number(r.version) }, null);
  for (const r of await tx.all(`SELECT id, document FROM appraisal_forms WHERE organisation = ? AND year = ? ORDER BY id${lockForms}`, [from, year])) {
    // A form still open takes the corrected name.
    const document = JSON.parse(String(r.document)) as { evaluation?: { organisation?: string } | null };
    const evaluation = document.evaluation;
    const keeps = evaluation !== null && evaluation !== undefined && evaluation.organisation === undefined;
    if (keeps) await tx.run(`UPDATE appraisal_forms SET document = ? WHERE id = ?`, [json({ ...document, evaluation: { ...evaluation, organisation: from } }), String(r.id)]);
    await trail(tx, actor, action, 'appraisal', String(r.id), { organisation: from }, keeps ? { ...move, evaluatedAs: from } : move, null);
  }
  for (const r of await tx.all(`SELECT DISTINCT category FROM bonus_distributions WHERE organisation = ? AND year = ? ORDER BY category`, [from, year]))
    await trail(tx, actor, action, 'bonus', `${to}/${year}/${String(r.category)}`, { organisation: from }, move, null);
  for (const table of BODY_TABLES) await tx.run(`UPDATE ${table} SET organisation = ? WHERE organisation = ? AND year = ?`, [to, from, year]);
}

/**
 * PostgreSQL's transaction locks of the saves of a body's SMVP, of its distributions and of a new
 * form (SQLite lets one writer in at a time); an edit of a form waits on the form's row instead.
 */
const SMVP_LOCK = 4243;
const DISTRIBUTION_LOCK = 4244;
const FORM_LOCK = 4246;

async function lockBodyRecords(tx: Queryable, db: Pick<Db, 'dialect'>, key: typeof SMVP_LOCK | typeof DISTRIBUTION_LOCK | typeof FORM_LOCK): Promise<void> {
  if (db.dialect === 'postgres') await tx.all(`SELECT pg_advisory_xact_lock(${key})`);
}

/** A plan's body corrected, as the plan's audit trail records it (SqlPlans.updatePlan), in the order made. */
interface BodyCorrection {
  readonly from: string;
  readonly to: string;
}

/**
 * The corrections of the bodies of `year`'s plans, from the plans' own trail: it has them all, made
 * before the appraisals followed the body (followCorrectedBody) or after, with or without records to
 * move. A plan deleted since has taken its year with it, and its corrections are not counted.
 */
async function bodyCorrections(tx: Queryable, year: number): Promise<BodyCorrection[]> {
  const rows = await tx.all(`SELECT a.before, a.after FROM audit a JOIN plans p ON p.id = a.plan_id WHERE a.action = 'update' AND a.entity = 'plan' AND p.year = ? ORDER BY a.id`, [year]);
  const out: BodyCorrection[] = [];
  for (const r of rows) {
    const from = r.before === null ? undefined : (JSON.parse(String(r.before)) as { organisation?: unknown }).organisation;
    const to = r.after === null ? undefined : (JSON.parse(String(r.after)) as { organisation?: unknown }).organisation;
    if (typeof from === 'string' && typeof to === 'string' && from !== to) out.push({ from, to });
  }
  return out;
}

async function carried(tx: Queryable, organisation: string, year: number): Promise<boolean> {
  return (await one(tx, `SELECT 1 AS carried FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE o.name = ? AND p.year = ?`, [organisation, year])) !== undefined;
}

/**
 * The name the body `organisation` was corrected to for `year`, followed through later corrections
 * to one a plan of the year carries (or the last): null while a plan of the year still carries
 * `organisation`, or none was corrected from it. Each name's latest correction is the one followed.
 */
export async function bodyCorrectedTo(tx: Queryable, organisation: string, year: number, corrections?: readonly BodyCorrection[]): Promise<string | null> {
  if (await carried(tx, organisation, year)) return null;
  const next = new Map<string, string>();
  for (const c of corrections ?? (await bodyCorrections(tx, year))) next.set(c.from, c.to);
  let name = organisation;
  const seen = new Set([name]);
  while (next.has(name) && !seen.has(next.get(name)!)) {
    seen.add((name = next.get(name)!));
    if (await carried(tx, name, year)) break;
  }
  return name === organisation ? null : name;
}

/**
 * Records of a year under a body's name no plan of that year carries any more, its plans' trail
 * recording it corrected (to `correctedTo`, each name once) or its plans of that year deleted (their
 * titles in `deletedPlans`, each once: a record saved under the name after its last plan went).
 */
export interface StrandedBody {
  readonly organisation: string;
  readonly year: number;
  readonly correctedTo: readonly string[];
  readonly deletedPlans: readonly string[];
}

/** What is stranded under a body's name in a year: the SMVP's versions, the forms (by id, person, category and state), the categories distributed. */
export interface StrandedRecords {
  readonly smvpVersions: readonly number[];
  readonly forms: readonly { readonly id: string; readonly personId: string; readonly category: StaffCategory; readonly state: FormState }[];
  readonly distributions: readonly StaffCategory[];
}

/** A body a plan of the stranded records' year carries: `candidate` when the name's corrections lead there, `hasRecords` when it has its own that year (they could not join). */
export interface StrandedTarget {
  readonly name: string;
  readonly candidate: boolean;
  readonly hasRecords: boolean;
}

/** Stranded records as HR reads them: the body and its corrections, what the records are, and the bodies of the year they may go to (the corrections' first). */
export interface StrandedGroup extends StrandedBody {
  readonly records: StrandedRecords;
  readonly bodies: readonly StrandedTarget[];
}

async function recordsOf(tx: Queryable, organisation: string, year: number): Promise<StrandedRecords> {
  const at = [organisation, year];
  return {
    smvpVersions: (await tx.all(`SELECT version FROM smvp WHERE organisation = ? AND year = ? ORDER BY version`, at)).map((r) => Number(r.version)),
    forms: (await tx.all(`SELECT id, person_id, category, state FROM appraisal_forms WHERE organisation = ? AND year = ? ORDER BY created_at, id`, at)).map((r) => ({
      id: String(r.id),
      personId: String(r.person_id),
      category: r.category as StaffCategory,
      state: r.state as FormState,
    })),
    distributions: (await tx.all(`SELECT DISTINCT category FROM bonus_distributions WHERE organisation = ? AND year = ? ORDER BY category`, at)).map((r) => r.category as StaffCategory),
  };
}

/** A plan's deletion as the plans' trail kept it (the deletion's `before`, SqlPlans.deletePlan): what an older entry lacks is null. */
interface PlanDeletion {
  readonly planId: string;
  readonly organisation: string | null;
  readonly year: number | null;
  readonly title: string | null;
}

/** Every plan deletion on the plans' trail, in the order they were made. */
async function planDeletions(tx: Queryable): Promise<PlanDeletion[]> {
  return (await tx.all(`SELECT entity_id, before FROM audit WHERE action = 'delete' AND entity = 'plan' ORDER BY id`)).map((r) => {
    const before = r.before === null ? {} : (JSON.parse(String(r.before)) as { organisation?: unknown; year?: unknown; title?: unknown });
    return {
      planId: String(r.entity_id),
      organisation: typeof before.organisation === 'string' ? before.organisation : null,
      year: typeof before.year === 'number' ? before.year : null,
      title: typeof before.title === 'string' ? before.title : null,
    };
  });
}

/** The titles of the plans of each body and year deleted (planDeletions), keyed by year and body. */
async function deletedPlans(tx: Queryable): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const d of await planDeletions(tx)) {
    if (d.organisation === null || d.year === null) continue;
    const key = `${d.year}\u0000${d.organisation}`;
    const titles = out.get(key) ?? [];
    const title = d.title ?? '';
    if (!titles.includes(title)) titles.push(title);
    out.set(key, titles);
  }
  return out;
}

/**
 * The bodies whose year's SMVP, forms or distributions a body correction left behind: made before
 * they followed the body (followCorrectedBody), or where migration 84 could not tell where they go;
 * and those whose plans of the year were deleted: a record saved under the name just after its last
 * plan went (the deletion refuses while the body has records, plan-has-appraisals, but a save that
 * comes after it lands), or left by a deletion made before that refusal. A body with records and no
 * plan that never had one that year (an SMVP saved before its plan) is not one.
 */
export async function strandedBodies(tx: Queryable): Promise<StrandedBody[]> {
  const held = await tx.all(BODY_TABLES.map((table) => `SELECT DISTINCT organisation, year FROM ${table}`).join(' UNION '));
  const out: StrandedBody[] = [];
  const byYear = new Map<number, BodyCorrection[]>();
  let deleted: Map<string, string[]> | undefined;
  for (const r of byYearAndBody(held)) {
    const organisation = String(r.organisation);
    const year = Number(r.year);
    if (await carried(tx, organisation, year)) continue;
    if (!byYear.has(year)) byYear.set(year, await bodyCorrections(tx, year));
    const targets = [
      ...new Set(
        byYear
          .get(year)!
          .filter((c) => c.from === organisation)
          .map((c) => c.to),
      ),
    ];
    deleted ??= await deletedPlans(tx);
    const deletedTitles = deleted.get(`${year}\u0000${organisation}`) ?? [];
    if (targets.length > 0 || deletedTitles.length > 0) out.push({ organisation, year, correctedTo: targets, deletedPlans: deletedTitles });
  }
  return out;
}

/**
 * Migration 84's data step: records a body correction left under the old name before they followed
 * it are moved as followCorrectedBody would, by the program (`repaired`: 84 on the trail), where
 * there is no doubt where they go: one correction from that name that year (followed on through
 * later ones, each of them alone too), to a body that has no records of its own that year. The others
 * stay, and strandedBodies says them (GET /api/appraisals/stranded-bodies) for HR to sort out.
 */
export async function repairStrandedBodies(tx: Queryable): Promise<void> {
  for (const body of await strandedBodies(tx)) {
    const corrections = await bodyCorrections(tx, body.year);
    const to = await bodyCorrectedTo(tx, body.organisation, body.year, corrections);
    if (to === null) continue;
    // Each name on the way corrected once alone: a name corrected twice that year says two places.
    let name = body.organisation;
    let single = true;
    const seen = new Set<string>();
    while (name !== to && !seen.has(name)) {
      seen.add(name);
      const leaving = corrections.filter((c) => c.from === name);
      if (leaving.length !== 1) single = false;
      name = leaving.at(-1)?.to ?? to;
    }
    if (!single || (await heldRecords(tx, to, body.year)) > 0) continue;
    await moveBodyRecords(tx, SYSTEM, body.organisation, to, body.year, { repaired: 84 });
  }
}

/** Migration 84: defined beside the store whose records it moves. */
export const STRANDED_BODY_MIGRATION = {
  version: 84,
  name: "an SMVP, forms and distributions a body correction left under the body's old name before they followed it go to the corrected body, where that is unambiguous",
  sql: (): string[] => [],
  data: (tx: Queryable): Promise<void> => repairStrandedBodies(tx),
};

/** The tables keyed by a body's name and year. */
const BODY_TABLES = ['smvp', 'appraisal_forms', 'bonus_distributions'] as const;
