/**
 * The year's Relazione as stored: the office's texts by section, the OIV's validation (state,
 * checklist, note, reservations, validated values per objective), whether it is published, and
 * the plan frozen at validation. Periods the controller has published to the public before their
 * closing (nobody outside reads a collecting period unless published, and then only its targets:
 * server/public-periods.ts; the rows stay as they were when the public read their values).
 *
 * States and moves are the contract's (contract/relazione-states.ts); who may move them is the server's. A
 * validated Relazione (with or without reservations) is frozen: its texts and review refuse
 * changes (`period-locked`, 423), it is rendered from the plan frozen at validation, and the
 * year-end period is validated with it in the same transaction.
 */
import {
  canMove,
  type ChangedSince,
  CHECKLIST_OUTCOMES,
  RELAZIONE_DECISIONS as DECISIONS,
  DEFAULT_CHECKLIST,
  isFrozen,
  type ChecklistPoint,
  type RelazioneState,
  type ValidatedValueOf,
  type ValidationRecordOf,
} from '../contract/relazione-states.js';
import { emptyOfficeSections } from '../contract/relazione-states.js';
import { relazioneValidatedReason } from '../messages/audit-reasons.js';
import type { PreviousYearPlan } from '../messages/relazione.js';
import { actorWords } from '../messages/actor-words.js';
import { english, type MessageParams, type Params } from '../messages/index.js';
import { recordAudit, recordPlanChange } from './audit-log.js';
import { parse, planFromJson, planToJson, sameStored } from './codec.js';
import type { Plan } from './core-types.js';
import { Decimal, textKeyed, type Band } from '../core/index.js';
import type { OrgSource } from '../core/appraisal/organisation.js';
import type { IndividualFigures } from '../core/appraisal/individual.js';
import { one, type Db, type Queryable, type Row } from './db.js';
import { lastYearOf } from './lineage.js';
import { openRevisionNumber, readRevisions, refuseIfArchived } from './revisions.js';
import { forUpdate, shareLock } from './shared.js';
import type { Actor, Result, RevisionRecord } from './types.js';

type ValidatedValue = ValidatedValueOf<Decimal>;

export interface RelazioneRecord extends ValidationRecordOf<Decimal> {
  readonly planId: string;
  /** The office's texts by section key (markup). */
  readonly texts: Readonly<Record<string, string>>;
  readonly published: boolean;
  readonly publishedAt: string | null;
  /** 0 before anything was stored; send it back with a change. */
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  /** The plan with its year-end values as validated; null until validated. */
  readonly frozenPlan: Plan | null;
  /** The words around the frozen figures as validated; null until validated. */
  readonly frozenCover: RelazioneCover | null;
}

/**
 * What a validated Relazione and its documento di validazione show besides the figures, as they
 * stood at the validation: the plan goes on after it (a revision may rename the plan or correct
 * the body, approve a change or add an act; a unit or the OIV's account may be renamed), and none
 * of that may move what the OIV validated. The plan's title is the frozen plan's own.
 */
export interface RelazioneCover {
  /** The body (the plan's organisation). */
  readonly body: string;
  /** Each objective's organisation unit, by code. */
  readonly units: Readonly<Record<string, string>>;
  /**
   * The year end's variances by objective code (the office may write them again once the year end
   * is reopened); absent in a cover kept before they were (read from the database then).
   */
  readonly causes?: Readonly<Record<string, CoverCause>>;
  /** The approved revisions as the register held them (the server says them in words). */
  readonly revisions: readonly RevisionRecord[];
  /** The name of who recorded the decision (their login when no account had it). */
  readonly decidedByName: string | null;
  /**
   * The plan's data version the frozen copy was made at (the route may make it again, identical,
   * after a change that left it so: `RelazioneFreeze`); absent in a cover kept before it was.
   */
  readonly dataVersion?: number;
  /**
   * Last year's figures the comparison (section 3.6) read when the OIV validated: last year may be
   * validated or corrected since, and what the OIV validated does not move. Null: no previous year
   * then; absent in a cover kept before they were (read as last year stands).
   */
  readonly previous?: CoverPreviousYear | null;
  /**
   * The year's appraisal forms and bonuses in aggregate as section 5 said them at the validation
   * (dated: the appraisals go on after it). Null: none then; absent in a cover kept before they
   * were, whose section 5 keeps the office's text alone, as it was validated.
   */
  readonly individual?: IndividualFigures | null;
}

/** Last year's figures as a validation kept them: the year, where they came from, each objective's performance (decimal text) and band by code. */
export interface CoverPreviousYear {
  readonly year: number | null;
  readonly source: OrgSource;
  readonly objectives: Readonly<Record<string, { readonly performance: string | null; readonly band: Band | null }>>;
  /** Which plan they are of and how it was found; absent in a validation kept before it was told (its text stays as it was). */
  readonly plan?: PreviousYearPlan;
}

/** An objective's variance as the year end held it: the guideline's cause, its explanation and the corrective action. */
export interface CoverCause {
  readonly cause: string;
  readonly explanation: string;
  readonly correctiveAction: string;
}

/** What a validation freezes: the year-end plan and the words around it. */
export interface RelazioneFreeze {
  readonly plan: Plan;
  readonly cover: RelazioneCover;
  /**
   * The plan's data version the route read before making them: the store compares it under the
   * plan's lock, and refuses (`plan-changed-since`) when a change was made in between (a value saved
   * in any period, the year end reopened and closed again, a draft renamed). The route then makes the
   * freeze again and validates when it is the same (server/relazione.ts `freezeChanges`).
   */
  readonly dataVersion: number;
  /**
   * Last year's plan and its Relazione's version as the route read them before making last year's
   * figures (null: the plan had no previous year): compared under a share lock on last year's plan
   * (`previous-year-changed-since`), which a move of its Relazione or a change of its data waits on.
   */
  readonly lastYear: LastYearBasis | null;
}

/** What last year's figures were made from: its plan's data version and its Relazione's version (0: none stored). */
export interface LastYearBasis {
  readonly planId: string;
  readonly dataVersion: number;
  readonly relazioneVersion: number;
}

export interface ReviewInput {
  readonly note: string;
  readonly reservations: string;
  readonly checklist: readonly ChecklistPoint[];
  readonly values: readonly ValidatedValue[];
}

export interface PublishedPeriod {
  readonly periodId: string;
  readonly publishedAt: string;
  readonly publishedBy: string | null;
}

/**
 * The OIV's decision on a validated Relazione (validated, or with reservations), as a tree read
 * needs it on every request: a few columns, no texts nor frozen plan.
 */
export interface RelazioneDecision {
  readonly reservations: boolean;
  /** ISO time of the decision. */
  readonly decidedAt: string;
  readonly published: boolean;
  /** The Relazione's version: its publication, withdrawal or any other write moves it. */
  readonly version: number;
  /** The year-end period (the plan's last), whose figures it validated; null: the plan has no period. */
  readonly yearEnd: string | null;
  /**
   * The year end was closed again after the decision (reopened by the administrator, the validation
   * void): its state now is not the one the decision gave it.
   */
  readonly closedSince: boolean;
  /**
   * The year end's closing the decision was made on (its latest at the decision's time), whose
   * metadata stands beside the frozen plan where the year end is read as validated; null: none.
   */
  readonly closingSeq: number | null;
}

export interface RelazioneStore {
  /** The plan's Relazione (a fresh draft when nothing was stored); undefined for an unknown plan. */
  getRelazione(planId: string): Promise<RelazioneRecord | undefined>;
  /** The OIV's decision when the Relazione is validated (also with reservations); undefined otherwise. Two small queries. */
  validatedDecision(planId: string): Promise<RelazioneDecision | undefined>;
  /** The office's texts, whole (keys absent are removed); only in draft or after a refusal. */
  putRelazioneTexts(planId: string, texts: Readonly<Record<string, string>>, expectedVersion: number, actor: Actor): Promise<Result<RelazioneRecord>>;
  /** The OIV's working review (checklist, note, reservations, validated values); only while transmitted. */
  putRelazioneReview(planId: string, review: ReviewInput, expectedVersion: number, actor: Actor): Promise<Result<RelazioneRecord>>;
  /**
   * A move of the state machine; `freeze` is the year-end plan and its cover to keep when the move validates.
   * Transmitting needs the year-end period closed (or validated): the figures must be final.
   */
  /** `confirmEmpty`: transmit even with sections only the office writes left empty (refused otherwise). */
  moveRelazione(planId: string, to: RelazioneState, reason: string | null, freeze: RelazioneFreeze | null, actor: Actor, confirmEmpty?: boolean): Promise<Result<RelazioneRecord>>;
  /** Publishes (or withdraws) the Relazione; only a decided one (validated, with reservations, or not). */
  publishRelazione(planId: string, published: boolean, actor: Actor): Promise<Result<RelazioneRecord>>;
  listPublishedPeriods(planId: string): Promise<PublishedPeriod[]>;
  /** The controller publishes (or withdraws) a period's values to the public. */
  publishPeriod(planId: string, periodId: string, published: boolean, actor: Actor): Promise<Result<PublishedPeriod[]>>;
}

/**
 * Migration 82: the Relazioni validated before their cover was kept get one, made from what the
 * database holds now (nothing older is left to read): the body's name, the approved revisions,
 * the decider's name, the year end's variances, and each objective's unit as the year end's last closing froze it (the
 * figures' own closing; the plan's units where no closing kept them). A revision approved since
 * such a validation is therefore listed in it: the one thing this cannot undo.
 */
export const COVER_MIGRATION = {
  version: 82,
  name: "a validated Relazione keeps the words around its figures (the body, the approved revisions, the units, the OIV's name) as they stood at the validation",
  sql: (): string[] => [`ALTER TABLE relazioni ADD COLUMN frozen_cover TEXT`],
  data: async (tx: Queryable): Promise<void> => {
    const rows = await tx.all(
      `SELECT r.plan_id, r.decided_by, o.name AS body FROM relazioni r JOIN plans p ON p.id = r.plan_id JOIN organisations o ON o.id = p.organisation_id WHERE r.frozen_plan IS NOT NULL`,
    );
    for (const r of rows) {
      const planId = String(r.plan_id);
      const decider = r.decided_by === null ? undefined : await one(tx, `SELECT display_name FROM users WHERE username = ?`, [String(r.decided_by)]);
      const cover: RelazioneCover = {
        body: String(r.body),
        units: await unitsNow(tx, planId),
        causes: await causesNow(tx, planId),
        revisions: (await readRevisions(tx, planId)).filter((v) => v.status === 'approved'),
        decidedByName: decider === undefined ? (r.decided_by === null ? null : String(r.decided_by)) : String(decider.display_name),
      };
      await tx.run(`UPDATE relazioni SET frozen_cover = ? WHERE plan_id = ?`, [JSON.stringify(cover), planId]);
    }
  },
};

/** The year end's variances by objective. */
async function causesNow(tx: Queryable, planId: string): Promise<Record<string, CoverCause>> {
  const causes = textKeyed<CoverCause>();
  const rows = await tx.all(
    `SELECT v.node_code, v.cause, v.explanation, v.corrective_action FROM variances v WHERE v.plan_id = ? AND v.period_id = (SELECT id FROM periods WHERE plan_id = ? ORDER BY ends_on DESC, id DESC LIMIT 1)`,
    [planId, planId],
  );
  for (const v of rows) causes[String(v.node_code)] = { cause: String(v.cause), explanation: String(v.explanation), correctiveAction: String(v.corrective_action) };
  return causes;
}

/** Each objective's unit name: from the year end's last closing when it kept them, else the plan's. */
async function unitsNow(tx: Queryable, planId: string): Promise<Record<string, string>> {
  const units = textKeyed<string>();
  const closing = await one(
    tx,
    `SELECT c.meta FROM period_closings c JOIN periods p ON p.plan_id = c.plan_id AND p.id = c.period_id WHERE c.plan_id = ? ORDER BY p.ends_on DESC, p.id DESC, c.seq DESC LIMIT 1`,
    [planId],
  );
  const meta = closing?.meta == null ? null : (parse(closing.meta) as { nodes?: Record<string, { unit?: string | null }> } | null);
  if (meta?.nodes !== undefined) {
    for (const [code, n] of Object.entries(meta.nodes)) if (n.unit != null && n.unit !== '') units[code] = n.unit;
    return units;
  }
  for (const n of await tx.all(`SELECT n.code, u.name FROM nodes n JOIN org_units u ON u.id = n.unit_id WHERE n.plan_id = ?`, [planId]))
    if (n.name !== null && n.name !== '') units[String(n.code)] = String(n.name);
  return units;
}

function checklistFrom(json: unknown): ChecklistPoint[] {
  if (!Array.isArray(json)) return [...DEFAULT_CHECKLIST];
  return json.map((p: Record<string, unknown>) => ({
    label: String(p.label ?? ''),
    outcome: CHECKLIST_OUTCOMES.includes(p.outcome as never) ? (p.outcome as ChecklistPoint['outcome']) : null,
    note: String(p.note ?? ''),
  }));
}

function valuesFrom(json: unknown): ValidatedValue[] {
  if (!Array.isArray(json)) return [];
  return json.map((v: Record<string, unknown>) => ({ code: String(v.code), validated: new Decimal(String(v.validated)), note: String(v.note ?? ''), deliberate: v.deliberate === true }));
}

const valuesJson = (values: readonly ValidatedValue[]): unknown[] => values.map((v) => ({ code: v.code, validated: v.validated.toString(), note: v.note, deliberate: v.deliberate }));

function record(planId: string, r: Row | undefined): RelazioneRecord {
  if (r === undefined) {
    return {
      planId,
      state: 'draft',
      texts: {},
      note: '',
      reservations: '',
      checklist: DEFAULT_CHECKLIST,
      values: [],
      transmittedAt: null,
      decidedAt: null,
      decidedBy: null,
      published: false,
      publishedAt: null,
      version: 0,
      updatedAt: null,
      updatedBy: null,
      frozenPlan: null,
      frozenCover: null,
    };
  }
  const texts = parse(r.texts);
  return {
    planId,
    state: r.state as RelazioneState,
    texts: typeof texts === 'object' && texts !== null ? (texts as Record<string, string>) : {},
    note: String(r.note),
    reservations: String(r.reservations),
    checklist: checklistFrom(parse(r.checklist)),
    values: valuesFrom(parse(r.validated_values)),
    transmittedAt: r.transmitted_at === null ? null : String(r.transmitted_at),
    decidedAt: r.decided_at === null ? null : String(r.decided_at),
    decidedBy: r.decided_by === null ? null : String(r.decided_by),
    published: Number(r.published) === 1,
    publishedAt: r.published_at === null ? null : String(r.published_at),
    version: Number(r.version),
    updatedAt: String(r.updated_at),
    updatedBy: r.updated_by === null ? null : String(r.updated_by),
    frozenPlan: r.frozen_plan === null || r.frozen_plan === undefined ? null : planFromJson(parse(r.frozen_plan)),
    frozenCover: r.frozen_cover === null || r.frozen_cover === undefined ? null : (parse(r.frozen_cover) as RelazioneCover),
  };
}

/** What the audit trail keeps of a Relazione (texts by length, the frozen plan left out). */
function auditView(r: RelazioneRecord): Record<string, unknown> {
  return { state: r.state, texts: r.texts, note: r.note, reservations: r.reservations, checklist: r.checklist, values: valuesJson(r.values), published: r.published, version: r.version };
}

type RefusalCode = 'not-found' | 'period-locked' | 'conflict' | 'invalid' | 'invalid-transition';
type Refusal = { ok: false; error: { code: RefusalCode; message: string; details?: Record<string, unknown>; params: MessageParams } };

/** A refusal by code and parameters: the API says it in the reader's language (messages/relazione.ts). */
function refusal<K extends RefusalCode>(code: K, params: Params<K>, details?: Record<string, unknown>): Refusal {
  return { ok: false, error: { code, message: english(code, params), params: params as MessageParams, ...(details === undefined ? {} : { details }) } };
}

/**
 * What a validation's freeze was made from moved since the route read it; the route makes the
 * freeze again and compares (server/relazione.ts `freezeChanges`): the same, it asks again; else this
 * is the answer, with the reason of what differs.
 */
function changedSince(reason: ChangedSince): Refusal {
  return refusal('conflict', { relazione: reason }, { reason, changed: [reason] });
}

function sameLastYear(now: LastYearBasis | null, read: LastYearBasis | null): boolean {
  if (now === null || read === null) return now === read;
  return now.planId === read.planId && now.dataVersion === read.dataVersion && now.relazioneVersion === read.relazioneVersion;
}

export class SqlRelazioni implements RelazioneStore {
  constructor(private readonly db: Db) {}

  async validatedDecision(planId: string): Promise<RelazioneDecision | undefined> {
    const row = await one(
      this.db,
      `SELECT r.state, r.published, r.decided_at, r.version, (SELECT p.id FROM periods p WHERE p.plan_id = r.plan_id ORDER BY p.ends_on DESC, p.id DESC LIMIT 1) AS year_end
         FROM relazioni r WHERE r.plan_id = ? AND r.state IN ('validated', 'validated_with_reservations')`,
      [planId],
    );
    if (row === undefined) return undefined;
    const decidedAt = row.decided_at == null ? '' : String(row.decided_at);
    const yearEnd = row.year_end == null ? null : String(row.year_end);
    const closings =
      yearEnd === null || decidedAt === ''
        ? undefined
        : await one(
            this.db,
            `SELECT MAX(CASE WHEN closed_at > ? THEN 1 ELSE 0 END) AS again, MAX(CASE WHEN closed_at <= ? THEN seq END) AS seq FROM period_closings WHERE plan_id = ? AND period_id = ?`,
            [decidedAt, decidedAt, planId, yearEnd],
          );
    return {
      reservations: row.state === 'validated_with_reservations',
      decidedAt,
      published: Number(row.published) === 1,
      version: Number(row.version),
      yearEnd,
      closedSince: Number(closings?.again ?? 0) === 1,
      closingSeq: closings?.seq == null ? null : Number(closings.seq),
    };
  }

  private async read(tx: Queryable, planId: string, lock: boolean): Promise<RelazioneRecord | undefined> {
    const plan = await one(tx, `SELECT id FROM plans WHERE id = ?${lock ? forUpdate(this.db) : ''}`, [planId]);
    if (plan === undefined) return undefined;
    return record(planId, await one(tx, `SELECT * FROM relazioni WHERE plan_id = ?${lock ? forUpdate(this.db) : ''}`, [planId]));
  }

  private async write(
    tx: Queryable,
    before: RelazioneRecord,
    after: Omit<RelazioneRecord, 'version' | 'updatedAt' | 'updatedBy'>,
    actor: Actor,
    audit: { action: string; reason?: string | null },
  ): Promise<RelazioneRecord> {
    const at = new Date().toISOString();
    const version = before.version + 1;
    const params = [
      after.state,
      JSON.stringify(after.texts),
      after.note,
      after.reservations,
      JSON.stringify(after.checklist),
      JSON.stringify(valuesJson(after.values)),
      after.frozenPlan === null ? null : JSON.stringify(planToJson(after.frozenPlan)),
      after.frozenCover === null ? null : JSON.stringify(after.frozenCover),
      after.published ? 1 : 0,
      after.publishedAt,
      after.transmittedAt,
      after.decidedAt,
      after.decidedBy,
      version,
      at,
      actor.username,
    ];
    if (before.version === 0) {
      await tx.run(
        `INSERT INTO relazioni (state, texts, note, reservations, checklist, validated_values, frozen_plan, frozen_cover, published, published_at, transmitted_at, decided_at, decided_by, version, updated_at, updated_by, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [...params, before.planId],
      );
    } else {
      await tx.run(
        `UPDATE relazioni SET state = ?, texts = ?, note = ?, reservations = ?, checklist = ?, validated_values = ?, frozen_plan = ?, frozen_cover = ?, published = ?, published_at = ?, transmitted_at = ?, decided_at = ?, decided_by = ?, version = ?, updated_at = ?, updated_by = ? WHERE plan_id = ?`,
        [...params, before.planId],
      );
    }
    const stored: RelazioneRecord = { ...after, version, updatedAt: at, updatedBy: actor.username };
    await recordAudit(
      tx,
      actor,
      { action: audit.action, entity: 'relazione', entityId: before.planId, planId: before.planId, before: auditView(before), after: auditView(stored), reason: audit.reason ?? null },
      at,
    );
    return stored;
  }

  private frozen(r: RelazioneRecord): Refusal {
    return refusal('period-locked', { relazione: 'frozen', state: r.state }, { state: r.state });
  }

  /**
   * A save made from version `expected`: who saved the version now current and when
   * (`details.current`, as every stale save tells them; the edge names the person), never its texts.
   */
  private stale(r: RelazioneRecord, expected: number): Refusal {
    return refusal(
      'conflict',
      { relazione: 'stale', version: r.version, sent: expected, by: r.updatedBy },
      { version: r.version, current: { version: r.version, updatedBy: r.updatedBy, updatedAt: r.updatedAt } },
    );
  }

  async getRelazione(planId: string): Promise<RelazioneRecord | undefined> {
    return this.read(this.db, planId, false);
  }

  async putRelazioneTexts(planId: string, texts: Readonly<Record<string, string>>, expectedVersion: number, actor: Actor): Promise<Result<RelazioneRecord>> {
    return this.db.transaction(async (tx) => {
      const before = await this.read(tx, planId, true);
      if (before === undefined) return refusal('not-found', { what: 'plan', id: planId });
      // A past year put away keeps its Relazione as it was archived (`read` holds the plan's row).
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      if (isFrozen(before.state)) return this.frozen(before);
      if (before.version !== expectedVersion) return this.stale(before, expectedVersion);
      if (before.state === 'transmitted') return refusal('invalid-transition', { relazione: 'with-oiv' }, { state: before.state });
      const clean = Object.fromEntries(Object.entries(texts).filter(([, v]) => v.trim() !== ''));
      return { ok: true, value: await this.write(tx, before, { ...before, texts: clean }, actor, { action: 'update' }) };
    });
  }

  async putRelazioneReview(planId: string, review: ReviewInput, expectedVersion: number, actor: Actor): Promise<Result<RelazioneRecord>> {
    return this.db.transaction(async (tx) => {
      const before = await this.read(tx, planId, true);
      if (before === undefined) return refusal('not-found', { what: 'plan', id: planId });
      // A past year put away keeps its Relazione as it was archived (`read` holds the plan's row).
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      if (isFrozen(before.state)) return this.frozen(before);
      if (before.version !== expectedVersion) return this.stale(before, expectedVersion);
      if (before.state !== 'transmitted') return refusal('invalid-transition', { relazione: 'not-transmitted', state: before.state }, { state: before.state });
      for (const [i, v] of review.values.entries()) {
        // Located at the row's code, where the form shows the objective it names.
        if ((await one(tx, `SELECT code FROM nodes WHERE plan_id = ? AND code = ?`, [planId, v.code])) === undefined)
          return refusal('invalid', { relazione: 'unknown-objective', code: v.code }, { field: `values.${i}.code`, code: v.code });
      }
      return {
        ok: true,
        value: await this.write(tx, before, { ...before, note: review.note, reservations: review.reservations, checklist: review.checklist, values: review.values }, actor, { action: 'review' }),
      };
    });
  }

  async moveRelazione(planId: string, to: RelazioneState, reason: string | null, freeze: RelazioneFreeze | null, actor: Actor, confirmEmpty = false): Promise<Result<RelazioneRecord>> {
    return this.db.transaction(async (tx) => {
      // Last year's plan share-locked before this plan's row is: a change of last year's data locks
      // its plan, then moves this plan's data version (lineage.ts `touchSuccessors`); taken in that
      // same order, the two never wait on each other.
      const lastYear = freeze !== null && isFrozen(to) ? await this.lastYear(tx, planId) : null;
      const before = await this.read(tx, planId, true);
      if (before === undefined) return refusal('not-found', { what: 'plan', id: planId });
      // A past year put away keeps its Relazione as it was archived (`read` holds the plan's row).
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      if (isFrozen(before.state)) return this.frozen(before);
      if (canMove(before.state, to) === null) {
        return refusal('invalid-transition', { relazione: 'move', from: before.state, to }, { from: before.state, to });
      }
      // An open revision's changes are already in the plan the validation would freeze, yet not in
      // its approved revisions (section 3.5, the cover): the validated Relazione would report a plan
      // its own register does not explain. The office decides the revision first. Checked here, under
      // the plan's row lock `read` took (PostgreSQL; SQLite's transaction is IMMEDIATE), which opening a
      // revision takes too: one opened while the route made the freeze is seen, one opened after
      // this commits comes after the validation.
      if (isFrozen(to)) {
        const open = await openRevisionNumber(tx, planId);
        if (open !== null) return refusal('invalid-transition', { relazione: 'revision-open', number: open }, { reason: 'revision-open', revision: open });
        // The freeze's cover lists the approved revisions as the route read them: one opened and
        // approved since (or its act corrected) would be missing, or stand as it was, in the
        // validated Relazione, its changes not in the frozen plan either. The OIV validates again.
        const listed = new Map((freeze?.cover.revisions ?? []).map((r) => [r.number, r.version]));
        const since = (await readRevisions(tx, planId)).find((r) => r.status === 'approved' && listed.get(r.number) !== r.version);
        if (since !== undefined) return refusal('conflict', { relazione: 'revision-approved-since', number: since.number }, { reason: 'revision-approved-since', revision: since.number });
        // Any other change of the plan since the route read it, outside any revision (every change
        // bumps the data version in its own transaction, under this lock), or of last year's plan or
        // Relazione (under the share lock taken above): the freeze was made from them as they were.
        // The route makes it again and comes back when it is the same (a value saved in another
        // period, a draft renamed); else the OIV validates again, on the plan as it is.
        if (freeze !== null) {
          const read = await one(tx, `SELECT data_version FROM plans WHERE id = ?`, [planId]);
          if (read !== undefined && Number(read.data_version) !== freeze.dataVersion) return changedSince('plan-changed-since');
          if (!sameLastYear(lastYear, freeze.lastYear)) return changedSince('previous-year-changed-since');
        }
      }
      const last = await one(tx, `SELECT id, label, state FROM periods WHERE plan_id = ? ORDER BY ends_on DESC, id DESC LIMIT 1${forUpdate(this.db)}`, [planId]);
      if (to === 'transmitted' && last !== undefined && last.state !== 'closed' && last.state !== 'validated') {
        return refusal('invalid-transition', { relazione: 'period-not-closed', label: String(last.label) }, { reason: 'period-not-closed', period: String(last.id), state: String(last.state) });
      }
      // A section nobody wrote reaches the OIV as «Sezione non ancora compilata»: sent so only when
      // the office says it means to (a Relazione sent empty by a slip would be reviewed as it stands).
      const empty = to === 'transmitted' && !confirmEmpty ? emptyOfficeSections(before.texts) : [];
      if (empty.length > 0) return refusal('invalid', { relazione: 'sections-empty', sections: empty }, { field: `texts.${empty[0]}`, sections: empty });
      const at = new Date().toISOString();
      const decided = DECISIONS.includes(to);
      // Transmitted with its year end closed, the Relazione may meet a reopening while the OIV reads
      // it: a decision then would be on values nobody closed (and a validation would freeze them,
      // leaving the period still taking values). The OIV decides once the year end is closed again.
      if (decided && last !== undefined && last.state !== 'closed' && last.state !== 'validated') {
        return refusal('invalid-transition', { relazione: 'period-reopened', label: String(last.label) }, { reason: 'period-not-closed', period: String(last.id), state: String(last.state) });
      }
      // What the freeze carries beside the plan and moves without its data version, read here under
      // the lock its writers wait on: the year end's variances (a variance is written under a share
      // lock on its period, which this transaction holds for update since `last` was read).
      if (isFrozen(to) && freeze !== null && last !== undefined && !sameStored(await causesNow(tx, planId), freeze.cover.causes ?? {})) return changedSince('variances-changed-since');
      // The decider is named as their account is named as this commits (its row share-locked: a rename
      // waits for the validation, or the validation for the rename), whatever name the route read: it
      // is the OIV member validating, not content they checked, and a rename in between refuses nothing.
      const deciderName = isFrozen(to) && freeze !== null ? await this.accountName(tx, actor) : null;
      if (decided && to === 'validated_with_reservations' && before.reservations.trim() === '') {
        return refusal('invalid', { relazione: 'reservations-required' }, { field: 'reservations' });
      }
      // The documento di validazione records the checks the validation rests on: a validation
      // with none, or with a point never assessed ("non valutato"), would certify what nobody checked.
      if (isFrozen(to)) {
        if (before.checklist.length === 0) return refusal('invalid', { relazione: 'checklist-empty' }, { field: 'checklist' });
        const open = before.checklist.findIndex((p) => p.outcome === null);
        if (open >= 0) return refusal('invalid', { relazione: 'checklist-unassessed', label: before.checklist[open]!.label }, { field: `checklist.${open}.outcome` });
      }
      // A check answered "no" is a finding against the Relazione: a plain validation would certify
      // it without saying so. It takes at least the reservations, which the documento states.
      if (to === 'validated') {
        const failed = before.checklist.findIndex((p) => p.outcome === 'no');
        if (failed >= 0) return refusal('invalid', { relazione: 'checklist-failed', label: before.checklist[failed]!.label }, { field: `checklist.${failed}.outcome` });
      }
      // A Relazione not validated goes back to the office to be corrected, and the documento di
      // validazione is published: both need the OIV's reasons, in its note. A reason sent with the
      // decision is that note when the OIV wrote none (it was kept in the audit trail alone).
      const note = to === 'not_validated' && before.note.trim() === '' ? (reason ?? '') : before.note;
      if (to === 'not_validated' && note.trim() === '') return refusal('invalid', { relazione: 'note-required' }, { field: 'note' });
      if (isFrozen(to) && last !== undefined && last.state === 'closed') {
        // The figures are frozen with the Relazione: the year-end period is validated with it. A
        // change of the plan's data, as any period transition: readers of the tree (and every
        // export made from it) must see the period validated, not the "closed" they cached.
        await tx.run(`UPDATE periods SET state = 'validated', validated_at = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE plan_id = ? AND id = ?`, [
          at,
          at,
          actor.username,
          planId,
          String(last.id),
        ]);
        await recordPlanChange(
          tx,
          actor,
          { action: 'validate', entity: 'period', entityId: String(last.id), planId, before: { state: 'closed' }, after: { state: 'validated' }, reason: relazioneValidatedReason() },
          at,
        );
      }
      const after: Omit<RelazioneRecord, 'version' | 'updatedAt' | 'updatedBy'> = {
        ...before,
        state: to,
        note,
        transmittedAt: to === 'transmitted' ? at : before.transmittedAt,
        decidedAt: decided ? at : to === 'draft' ? null : before.decidedAt,
        decidedBy: decided ? actor.username : to === 'draft' ? null : before.decidedBy,
        frozenPlan: isFrozen(to) ? (freeze?.plan ?? null) : null,
        frozenCover: isFrozen(to) && freeze !== null ? { ...freeze.cover, decidedByName: deciderName, dataVersion: freeze.dataVersion } : null,
        published: to === 'draft' ? false : before.published,
        publishedAt: to === 'draft' ? null : before.publishedAt,
      };
      return { ok: true, value: await this.write(tx, before, after, actor, { action: decided ? 'validate' : 'transition', reason }) };
    });
  }

  /**
   * The name the Relazione's documents give `actor` (Italian, their language): their account's
   * display name as this transaction reads it, the row share-locked until it commits.
   */
  private async accountName(tx: Queryable, actor: Actor): Promise<string | null> {
    const account = await one(tx, `SELECT display_name FROM users WHERE username = ?${shareLock(this.db)}`, [actor.username]);
    return actorWords(account === undefined ? null : String(account.display_name), actor.username, 'it');
  }

  /** This plan's previous year as a validation's freeze names it (`LastYearBasis`), its plan share-locked; null: none. */
  private async lastYear(tx: Queryable, planId: string): Promise<LastYearBasis | null> {
    // Found as the route found it (`lastYearOf`): another plan of that body chosen since is a change too.
    const link = await lastYearOf(tx, planId);
    if (link == null) return null;
    const plan = await one(tx, `SELECT id, data_version FROM plans WHERE id = ?${shareLock(this.db)}`, [link.planId]);
    if (plan === undefined) return null;
    const relazione = await one(tx, `SELECT version FROM relazioni WHERE plan_id = ?`, [String(plan.id)]);
    return { planId: String(plan.id), dataVersion: Number(plan.data_version), relazioneVersion: relazione === undefined ? 0 : Number(relazione.version) };
  }

  async publishRelazione(planId: string, published: boolean, actor: Actor): Promise<Result<RelazioneRecord>> {
    return this.db.transaction(async (tx) => {
      const before = await this.read(tx, planId, true);
      if (before === undefined) return refusal('not-found', { what: 'plan', id: planId });
      // Publishing is not changing: as the plan's own publication (plan-store `updatePlan`), the
      // Relazione of an archived plan is published or withdrawn as ever (transparency outlives the archive).
      if (published && !DECISIONS.includes(before.state)) {
        return refusal('invalid-transition', { relazione: 'not-decided', state: before.state }, { state: before.state });
      }
      if (before.published === published) return { ok: true, value: before };
      return {
        ok: true,
        value: await this.write(tx, before, { ...before, published, publishedAt: published ? new Date().toISOString() : null }, actor, { action: published ? 'publish' : 'unpublish' }),
      };
    });
  }

  async listPublishedPeriods(planId: string): Promise<PublishedPeriod[]> {
    const rows = await this.db.all(`SELECT period_id, published_at, published_by FROM published_periods WHERE plan_id = ? ORDER BY period_id`, [planId]);
    return rows.map((r) => ({ periodId: String(r.period_id), publishedAt: String(r.published_at), publishedBy: r.published_by === null ? null : String(r.published_by) }));
  }

  async publishPeriod(planId: string, periodId: string, published: boolean, actor: Actor): Promise<Result<PublishedPeriod[]>> {
    const done = await this.db.transaction(async (tx): Promise<Refusal | null> => {
      const period = await one(tx, `SELECT label FROM periods WHERE plan_id = ? AND id = ?`, [planId, periodId]);
      if (period === undefined) return refusal('not-found', { what: 'period', id: periodId });
      const at = new Date().toISOString();
      const changed = published
        ? await tx.run(`INSERT INTO published_periods (plan_id, period_id, published_at, published_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, [planId, periodId, at, actor.username])
        : await tx.run(`DELETE FROM published_periods WHERE plan_id = ? AND period_id = ?`, [planId, periodId]);
      if (changed.changes > 0)
        await recordAudit(tx, actor, { action: published ? 'publish' : 'unpublish', entity: 'period', entityId: periodId, planId, before: { published: !published }, after: { published } }, at);
      return null;
    });
    if (done !== null) return done;
    return { ok: true, value: await this.listPublishedPeriods(planId) };
  }
}
