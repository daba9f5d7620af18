/**
 * The computed tree the API serves: the engine's `evaluationDocument` plus what only the server
 * knows (the period, versions for optimistic concurrency, evidence, owners, and whether the
 * current user may edit each value).
 *
 * Evaluations are cached per (plan, period, data version): a read costs one small query (the
 * plan's data version, which the tree route reads with the plan record) and, when nothing
 * changed, no recomputation, re-serialisation or compression, since the JSON text and its
 * encodings are kept per "who may edit what" key as well. A closed or validated period is cached
 * by its closing instead: the plan's later data versions are served the answer made before.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { computedFromChildren, Decimal, evaluatePlan, problem, reasonText, toJsonNumber, withoutValues, type Evaluation, type Indicator, type Language, type Plan, type Unit } from '../core/index.js';
import { indicatorThresholdBands, organisationalScores, smvpFromJson, type OrgScores, type UnitObjectives } from '../core/appraisal/index.js';
import type { ChangedAfterClosing, IssueDocument, OwnRange, TreeChanges, TreeClosing, TreeDocument, TreeIndicator, TreeObjective, TreeValidation } from '../contract/index.js';
import { validatedNumber, type ReportValidation } from '../io/report/validated.js';
import {
  actualText,
  type ActualWriting,
  amountFromJson,
  amountJson,
  amountText,
  definitionInputs,
  evaluationDocument,
  issueDocument,
  ownRangeDocument,
  settingsDocument,
  type EvaluationDocument,
  type IndicatorDocument,
  type ObjectiveDocument,
} from '../io/json.js';
import {
  inputsToJson,
  isLocked,
  toMeasurement,
  type IndicatorMeta,
  type MeasurementRecord,
  type ObjectiveMeta,
  type PlanSnapshot,
  type RelazioneDecision,
  type RevisionRecord,
  type Store,
  type UserRecord,
} from '../store/index.js';
import { renderCoded } from '../messages/index.js';
import { actorWords } from '../messages/actor-words.js';
import type { PeopleNames } from './actor-names.js';
import { must } from './errors.js';
import { OffThread } from './off-thread/pool.js';
import { mayEditValue, type Assignment } from './permissions.js';

// The tree's shape is declared once in the contract, which the web app reads too.
export type { ChangedAfterClosing, TreeChanges, TreeClosing, TreeDocument, TreeIndicator, TreeObjective } from '../contract/index.js';

/** The revisions with changes made after `closedAt` (the ones a closed period does not reflect); a discarded one changed nothing. */
export function revisionsAfter(revisions: readonly RevisionRecord[], closedAt: string): ChangedAfterClosing[] {
  return revisions
    .filter((r) => r.status !== 'discarded')
    .map((r) => ({ r, later: r.changes.filter((c) => c.at > closedAt).length }))
    .filter(({ later }) => later > 0)
    .map(({ r, later }) => ({ number: r.number, kind: r.kind, reason: r.reason, date: r.date, status: r.status, changes: later }));
}

/**
 * A closing as the public reads it: without the login name of who closed it, and without the
 * revisions still being drafted (the office's until approved), as the public register leaves them out.
 */
function publicClosing(closing: ComputedPlan['closing']): ComputedPlan['closing'] {
  return closing === null ? null : { ...closing, closedBy: null, closedByName: null, changedAfter: closing.changedAfter.filter((r) => r.status !== 'open') };
}

/** A closing as the office reads it: who closed it by name, the program and the command line in the reader's words. */
function namedClosing(closing: ComputedPlan['closing'], names: PeopleNames, language: Language): ComputedPlan['closing'] {
  return closing === null ? null : { ...closing, closedByName: actorWords(nameOfLogin(names, closing.closedBy, closing.closedByName), closing.closedBy, language) };
}

/** The current name of the account `login`; else `stored`, the name read with the plan or frozen with the closing (an account since removed). */
function nameOfLogin(names: PeopleNames, login: string | null | undefined, stored: string | null | undefined): string | null {
  return (login == null ? undefined : names.byLogin.get(login)) ?? stored ?? null;
}

/** The current name of the person `id` (an objective's or indicator's); else the name read or frozen with the plan. */
function nameOfPerson(names: PeopleNames, id: string | null | undefined, stored: string | null | undefined): string | null {
  return (id == null ? undefined : names.byId.get(id)) ?? stored ?? null;
}

/** A closing read once: the frozen plan, its evaluation and document, shared by every data version while the period stays closed. */
interface FrozenEntry {
  readonly plan: Plan;
  readonly nodes: ReadonlyMap<string, ObjectiveMeta>;
  readonly indicators: ReadonlyMap<string, IndicatorMeta>;
  readonly closedAt: string;
  readonly closedBy: string | null;
  readonly evaluation: Evaluation;
  readonly base: EvaluationDocument;
  /**
   * The last answer made from this closing, with what it showed beside the closing's figures (the
   * periods and their states, the revisions made after it). While those are the same, a new data
   * version of the plan (a value entered in an open period) is served this very answer: its JSON
   * text, compressed bytes and ETag, with the data version it was made at.
   */
  answer?: { readonly around: string; readonly computed: ComputedPlan };
}

export interface ComputedPlan {
  snapshot: PlanSnapshot;
  readonly evaluation: Evaluation;
  readonly base: EvaluationDocument;
  /** The plan's data version this evaluation reflects. */
  dataVersion: number;
  /** Indicator id → who it is assigned to (its own owner, its objective's and ancestors' owners and units). */
  readonly assignments: ReadonlyMap<string, Assignment>;
  /** The tree's answer per editability key and branch: its JSON text, and its encodings made when first asked for. */
  readonly texts: Map<string, CachedText>;
  /** Set when the period is read from its frozen closing (closed or validated). */
  readonly closing: TreeClosing | null;
  /** What, beside the data version, tells this answer from another (a frozen closing's seq and surroundings); '' when read live. */
  readonly tag: string;
  /**
   * The SMVP's own ranges of this plan's rows, by indicator id, for the SMVP version in `key`
   * (`withOwnRanges`); undefined until asked, and again after a value changes the scores.
   */
  ownRanges?: { readonly key: string; readonly byIndicator: ReadonlyMap<string, OwnRange> } | undefined;
  /**
   * The baselines taken from last year that no longer match its year-end actual, by indicator id
   * (`withBaselineChanges`): they move only with this plan's data version (a value written in last
   * year's plan touches its successors), so they are read once per entry.
   */
  baselineChanges?: ReadonlyMap<string, BaselineChange>;
  /**
   * The SHA-256 of the evaluation's plan as `planToJson` writes it, at `dataVersion` (the Relazione's
   * `seen`, server/relazione.ts `planDigest`): a value saved in place moves the data version with it.
   */
  planDigest?: { readonly dataVersion: number; readonly digest: string };
  /**
   * The OIV's validation of the Relazione as this tree states it (`withValidation`), for the
   * Relazione's decision in `key` ('' : none): publishing the Relazione moves neither the plan's data
   * version nor the closing, so the answer's text and ETag follow this key too.
   */
  validation?: {
    readonly key: string;
    readonly document: TreeValidation | null;
    /** The login of who reopened the year end still taking values (`document.reopening`), named for each reader by `document()`. */
    readonly reopenedBy?: string | null;
  };
  /**
   * Set when this is the year end as the OIV validated it, read by the public after the
   * administrator reopened it (`asValidated`): the plan frozen with the validation, not the period's
   * values now. `at`: the reopening's ISO time. `figures` `closed-again`: the period's own values,
   * closed again since, read by the public with the validated Relazione withdrawn and no newer
   * validation (`closedAgain`): every page says they are not the ones the OIV validated.
   */
  readonly reopened?: { readonly at: string; readonly decidedAt: string; readonly reservations: boolean; readonly figures: 'validated' | 'closed-again' };
}

/**
 * The tree's `validation` as the public reads it: once the Relazione is published, as /trasparenza
 * does; the year end closed again after the decision (`periodId` null) and not read as validated,
 * without the Relazione's figures, which are not the period's (closed again, or validated again by
 * the OIV since), and, when it is read with its own values after the Relazione was withdrawn, only
 * when it was validated and reopened, which the screen says (`reopenedAt`).
 */
function publicValidation(computed: ComputedPlan): TreeValidation | null {
  const document = computed.validation?.document ?? null;
  const closedAgain = computed.reopened?.figures === 'closed-again';
  if (document === null || (!document.published && !closedAgain)) return null;
  // Who reopened the year end and why are the office's: the public reads it as validated meanwhile.
  if (document.periodId !== null) return { ...document, reopening: null };
  return { ...document, objectives: [], summary: null, body: null, reopening: null };
}

/**
 * The OIV's validated figure of objective `code` as `user` reads the tree's `validation` (the public
 * only once the Relazione is published), or null where the tree states none: not validated, no
 * figure differing from the reported one, or the year end closed again since. The tree's own rule,
 * for answers that quote one objective (its years) to say what the tree says.
 */
export function validatedObjectiveFor(computed: ComputedPlan, user: UserRecord | null, code: string): TreeValidation['objectives'][number] | null {
  const validation = user === null ? publicValidation(computed) : (computed.validation?.document ?? null);
  return validation?.objectives.find((o) => o.code === code) ?? null;
}

/** The tree's `validation` as the office reads it: who reopened the year end still taking values, by name in the reader's words. */
function officeValidation(computed: ComputedPlan, names: PeopleNames, language: Language): TreeValidation | null {
  const document = computed.validation?.document ?? null;
  if (document === null || document.reopening === null) return document;
  const login = computed.validation?.reopenedBy ?? null;
  return { ...document, reopening: { ...document.reopening, by: actorWords(nameOfLogin(names, login, null), login, language) } };
}

/** The OIV's validated values for `TreeService.orgScores`: objective code → performance, on the plan as validated. */
export interface OrgValidation {
  readonly plan: Plan | null;
  readonly values: ReadonlyMap<string, Decimal>;
}

/** The predecessor's year-end actual now, beside a baseline taken from it before (206 → 210). */
export type BaselineChange = NonNullable<TreeIndicator['baselineChange']>;

/** The content codings the tree is served in, best first. */
export type Encoding = 'br' | 'gzip' | 'identity';

interface CachedText {
  readonly text: string;
  /** The weak ETag of this answer (data version, period, editability key and branch). */
  readonly etag: string;
  /** The `PeopleNames.stamp` it was made with: other names, another text. */
  readonly names: string;
  identity?: Buffer;
  /** The compressed bytes, being made or made: two requests at once share one compression. */
  gzip?: Promise<Buffer>;
  br?: Promise<Buffer>;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The coding to answer in for an `Accept-Encoding` header: brotli (≈30% smaller than gzip for the
 * tree) when accepted, gzip otherwise, else none. A coding with `q=0` is refused.
 *
 * @example preferredEncoding('gzip, deflate, br') // 'br'
 * @example preferredEncoding('br;q=0, gzip') // 'gzip'
 */
export function preferredEncoding(header: string | undefined): Encoding {
  if (header === undefined || header === '') return 'identity';
  let br = false;
  let gzip = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    if (q !== undefined && !(Number(q) > 0)) continue;
    if (coding === 'br') br = true;
    else if (coding === 'gzip' || coding === 'x-gzip' || coding === '*') gzip = true;
  }
  return br ? 'br' : gzip ? 'gzip' : 'identity';
}

function assignments(snapshot: PlanSnapshot): Map<string, Assignment> {
  const parent = new Map(snapshot.plan.nodes.map((n) => [n.code, n.parent]));
  const result = new Map<string, Assignment>();
  for (const node of snapshot.plan.nodes) {
    const owners: string[] = [];
    const units: string[] = [];
    const unitIds: string[] = [];
    const personIds: string[] = [];
    for (let code: string | null | undefined = node.code, guard = 0; code != null && guard < 64; code = parent.get(code), guard++) {
      const meta = snapshot.nodes.get(code);
      if (meta?.owner) owners.push(meta.owner);
      if (meta?.unitName) units.push(meta.unitName);
      if (meta?.unitId) unitIds.push(meta.unitId);
      if (meta?.personId) personIds.push(meta.personId);
    }
    for (const ind of node.indicators) {
      const own = snapshot.indicators.get(ind.id);
      result.set(ind.id, {
        indicatorOwner: ind.owner ?? null,
        objectiveOwners: owners,
        objectiveUnitNames: units,
        unitIds: own?.unitId ? [own.unitId, ...unitIds] : unitIds,
        personIds: own?.personId ? [own.personId, ...personIds] : personIds,
      });
    }
  }
  return result;
}

export class TreeService {
  private readonly cache = new Map<string, ComputedPlan>();
  /**
   * Per cache key, the plan's data version its entry was last found current at. A period read from
   * its closing keeps the answer made before, with the data version it was made at (its ETag), while
   * the plan's moves on with values entered in other periods: without this, every read at the plan's
   * new version would load the period's header again to find the same answer.
   */
  private readonly currentAt = new Map<string, number>();
  private readonly loading = new Map<string, Promise<ComputedPlan>>();
  /** Frozen closings by (plan, period, closing): a closed period's evaluation survives the plan's later data versions. */
  private readonly frozen = new Map<string, Promise<FrozenEntry | undefined>>();
  /**
   * Big plans whose Evaluation object is not made yet (only their document, on a worker): what
   * else is derived from them (own ranges, appraisal results) is made on a worker too, from the
   * plan as loaded. A value written in place (`applyMeasurement`) makes the Evaluation first.
   */
  private readonly unevaluated = new WeakSet<Plan>();
  /** The targets-only reads (`targetsOnly`) of the entries they were made from. */
  private readonly withheld = new WeakMap<ComputedPlan, { readonly dataVersion: number; readonly made: Promise<ComputedPlan> }>();
  /** The OIV's validated figures by plan, for the Relazione's decision in `key` (`withValidation`). */
  private readonly figures = new Map<string, { readonly key: string; readonly made: Promise<ReportValidation | undefined> }>();
  constructor(
    private readonly store: Store,
    private readonly maxEntries = 32,
    /** Big plans are evaluated on a worker thread: the first read of a 200,000-indicator plan does not stall other requests. */
    private readonly offThread = new OffThread(),
  ) {}

  /**
   * The evaluation and its document: in place for a small plan; for a big one the document is made
   * on a worker and the Evaluation object (explanations, exports, a stored value's incremental
   * update) only when first asked for, so a plain tree read never evaluates on the event loop.
   */
  private async evaluate(plan: Plan): Promise<{ readonly evaluation: Evaluation; readonly base: EvaluationDocument }> {
    let indicators = 0;
    for (const node of plan.nodes) indicators += node.indicators.length;
    if (indicators < this.offThread.inlineIndicators) {
      const evaluation = evaluatePlan(plan);
      return { evaluation, base: evaluationDocument(evaluation) };
    }
    const base = await this.offThread.evaluationDocument(plan);
    let evaluation: Evaluation | undefined;
    const unevaluated = this.unevaluated;
    unevaluated.add(plan);
    return {
      get evaluation() {
        if (evaluation === undefined) {
          evaluation = evaluatePlan(plan);
          unevaluated.delete(plan);
        }
        return evaluation;
      },
      base,
    };
  }

  /**
   * The plan computed for a period; throws the store's refusal (404) at the edge. `dataVersion`:
   * the plan's data version if the caller has just read it (its plan record), to save a query.
   */
  async computed(planId: string, periodId?: string, dataVersion?: number): Promise<ComputedPlan> {
    dataVersion ??= await this.store.dataVersion(planId);
    const key = `${planId}\u0000${periodId ?? ''}`;
    const hit = this.cache.get(key);
    if (hit !== undefined && dataVersion !== undefined && (hit.dataVersion === dataVersion || this.currentAt.get(key) === dataVersion)) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    // Many readers arriving at a new version share one load instead of each evaluating the plan.
    const loadKey = `${key}\u0000${dataVersion ?? 'none'}`;
    let loading = this.loading.get(loadKey);
    if (loading === undefined) {
      loading = this.load(planId, periodId, key).finally(() => this.loading.delete(loadKey));
      this.loading.set(loadKey, loading);
    }
    return loading;
  }

  private async load(planId: string, periodId: string | undefined, key: string): Promise<ComputedPlan> {
    const entry = (await this.loadFrozen(planId, periodId)) ?? (await this.live(must(await this.store.planForPeriod(planId, periodId))));
    const snapshot = entry.snapshot;
    const keep = (k: string): void => {
      // A slow load must not replace a newer entry that a write brought forward meanwhile.
      const current = this.cache.get(k);
      if (current === undefined || current.dataVersion <= entry.dataVersion) {
        this.cache.set(k, entry);
        // The plan's version its header (or its live read) was taken at: a closing's answer made before is current there too.
        this.currentAt.set(k, snapshot.record.dataVersion);
      }
    };
    keep(key);
    // A read of the default period and a read naming it share one entry.
    if (periodId === undefined) keep(`${planId}\u0000${snapshot.period.id}`);
    else if (snapshot.periods[snapshot.periods.length - 1]?.id === periodId) keep(`${planId}\u0000`);
    keepNewest(this.cache, this.maxEntries, (oldest) => this.currentAt.delete(oldest));
    return entry;
  }

  /**
   * The period's plan without its values (`withoutValues`), once per data version of the entry it
   * is made from: what the public reads of a period still taking values. Its own `tag` gives it
   * ETags of its own, so a browser that kept the provisional values served before under the same
   * data version is not told they are still current.
   */
  targetsOnly(computed: ComputedPlan): Promise<ComputedPlan> {
    const kept = this.withheld.get(computed);
    if (kept !== undefined && kept.dataVersion === computed.dataVersion) return kept.made;
    const { snapshot } = computed;
    const indicators = new Map([...snapshot.indicators].map(([id, meta]) => [id, { ...meta, measurement: null }]));
    // Archiving moves the data version: an entry made before it is never read after it.
    const made = this.live({ ...snapshot, plan: withoutValues(snapshot.plan, snapshot.record.archivedAt !== null), indicators }, 'targets-only');
    this.withheld.set(computed, { dataVersion: computed.dataVersion, made });
    return made;
  }

  /**
   * The year end as the OIV validated it, for the public once the administrator reopened it after
   * the decision (server/public-periods.ts `publicComputed`): `snapshot` holds the plan the
   * Relazione froze, the period said validated, `closing` the closing the decision was made on.
   * Its own `tag`: its ETags are never the live period's.
   */
  async asValidated(snapshot: PlanSnapshot, closing: TreeClosing | null, reopened: NonNullable<ComputedPlan['reopened']>): Promise<ComputedPlan> {
    return this.live(snapshot, `as-validated\u0000${reopened.decidedAt}\u0000${reopened.at}`, closing, reopened);
  }

  private async live(snapshot: PlanSnapshot, tag = '', closing: TreeClosing | null = null, reopened?: ComputedPlan['reopened']): Promise<ComputedPlan> {
    const evaluated = await this.evaluate(snapshot.plan);
    return {
      snapshot,
      get evaluation() {
        return evaluated.evaluation;
      },
      base: evaluated.base,
      assignments: assignments(snapshot),
      texts: new Map(),
      dataVersion: snapshot.record.dataVersion,
      closing,
      tag,
      ...(reopened === undefined ? {} : { reopened }),
    };
  }

  /**
   * A closed or validated period, read from its latest closing: the figures as they stood when it
   * was closed, whatever the plan became since. The frozen evaluation and the answer made from it
   * are kept per closing, so a new data version of the plan (a value entered in an open period)
   * costs one small query (the period's header) and the revisions, neither a re-evaluation nor a
   * re-serialisation; a revision listed against it or a change of the periods' states makes a new
   * answer from the same evaluation. A reopening drops them. undefined: read it live.
   */
  private async loadFrozen(planId: string, periodId: string | undefined): Promise<ComputedPlan | undefined> {
    const header = must(await this.store.periodHeader(planId, periodId));
    const periodKey = `${planId}\u0000${header.period.id}\u0000`;
    if (!isLocked(header.period.state) || header.closing === null) {
      // Reopened: its closings are not read again until it is closed anew (a new seq).
      for (const k of this.frozen.keys()) if (k.startsWith(periodKey)) this.frozen.delete(k);
      return undefined;
    }
    const frozenKey = `${periodKey}${header.closing.seq}`;
    let frozen = this.frozen.get(frozenKey);
    if (frozen === undefined) {
      frozen = this.store.frozenSnapshot(planId, header.period.id, header.closing.seq).then(async (f) => {
        if (f === undefined) return undefined;
        const evaluated = await this.evaluate(f.plan);
        return {
          plan: f.plan,
          nodes: f.nodes,
          indicators: f.indicators,
          closedAt: f.closedAt,
          closedBy: f.closedBy,
          get evaluation() {
            return evaluated.evaluation;
          },
          base: evaluated.base,
        };
      });
      frozen.catch(() => this.frozen.delete(frozenKey));
      this.frozen.set(frozenKey, frozen);
      keepNewest(this.frozen, this.maxEntries);
    }
    const f = await frozen;
    if (f === undefined) return undefined;
    const revisions = header.record.status === 'adopted' ? ((await this.store.listRevisions(planId)) ?? []) : [];
    const changedAfter = revisionsAfter(revisions, f.closedAt);
    // The closing's indicators since deleted: the screen offers no comment on their threads, which the API refuses.
    const kept = await this.store.keptIndicatorIds(planId);
    const deletedIndicators = kept.size === 0 ? [] : f.plan.nodes.flatMap((n) => n.indicators.filter((i) => kept.has(i.id)).map((i) => i.id));
    const snapshot: PlanSnapshot = { record: header.record, period: header.period, periods: header.periods, plan: f.plan, nodes: f.nodes, indicators: f.indicators };
    // The closing's figures cannot change until it is reopened: only what the tree shows around them can.
    const around = JSON.stringify([header.period, header.periods, changedAfter, deletedIndicators, header.closing.closedByName]);
    if (f.answer?.around === around) {
      // The plan record as it is now for those reading it beside the tree (an export's title); the answer is unchanged.
      f.answer.computed.snapshot = snapshot;
      return f.answer.computed;
    }
    const computed: ComputedPlan = {
      snapshot,
      get evaluation() {
        return f.evaluation;
      },
      base: f.base,
      assignments: f.answer?.computed.assignments ?? assignments(snapshot),
      texts: new Map(),
      dataVersion: header.record.dataVersion,
      closing: { seq: header.closing.seq, closedAt: f.closedAt, closedBy: f.closedBy, closedByName: header.closing.closedByName, changedAfter, deletedIndicators },
      tag: `${header.closing.seq}\u0000${around}`,
    };
    f.answer = { around, computed };
    return computed;
  }

  /**
   * Brings the rows' own SMVP ranges up to the latest SMVP of the plan's body and year: one small
   * query (its version number); the SMVP is read and the rows banded only when that version, or
   * the scores (`applyMeasurement`), changed. Banded by the engine's exact scores, as the
   * objective's explanation is. A new SMVP version changes the tree's text and ETag.
   */
  async withOwnRanges(computed: ComputedPlan): Promise<void> {
    const { organisation, year } = computed.snapshot.record;
    const version = await this.store.appraisals.smvpVersion(organisation, year);
    const key = `${organisation}\u0000${year}\u0000${version}`;
    if (computed.ownRanges?.key === key) return;
    const record = version === 0 ? undefined : await this.store.appraisals.getSmvp(organisation, year, version);
    const smvp = record === undefined ? null : smvpFromJson(record.document).value;
    // Without rows of its own the evaluation is not needed (a big plan's is made only when asked).
    const bands =
      smvp === null || smvp.indicatorThresholds.length === 0
        ? []
        : await this.derived(
            computed,
            (e) => indicatorThresholdBands(e, smvp),
            (plan) => this.offThread.thresholdBands(plan, record!.document),
          );
    const before = computed.ownRanges;
    computed.ownRanges = { key, byIndicator: new Map(bands.map((b) => [b.indicatorId, ownRangeDocument(b, version)])) };
    if (bands.length > 0 || (before?.byIndicator.size ?? 0) > 0) computed.texts.clear();
  }

  /**
   * The organisational results of the plan for appraisal forms (the body's roll-up, each registry
   * unit's objectives). `validated`: the OIV's validation, whose values count instead of the
   * reported ones; they are taken on the plan as validated (`plan`, the Relazione's frozen plan;
   * null: this evaluation's), in an evaluation of their own: this one stays the reported tree.
   */
  orgScores(computed: ComputedPlan, validated?: OrgValidation): Promise<OrgScores & { detail: ReadonlyMap<string, UnitObjectives> }> {
    const unitOf = (code: string): string | null => computed.snapshot.nodes.get(code)?.unitId ?? null;
    if (validated !== undefined) {
      const own = computed.snapshot.plan;
      // A value written in place (`applyMeasurement`) is in the Evaluation's plan, not the snapshot's.
      const plan = validated.plan ?? (this.unevaluated.has(own) ? own : computed.evaluation.currentPlan());
      return this.offThread.orgScores(plan, Object.fromEntries(plan.nodes.map((n) => [n.code, unitOf(n.code)])), validated.values);
    }
    return this.derived(
      computed,
      (e) => organisationalScores(e, unitOf),
      (plan) => this.offThread.orgScores(plan, Object.fromEntries(plan.nodes.map((n) => [n.code, unitOf(n.code)]))),
    );
  }

  /**
   * Something derived from the plan's evaluation: from the Evaluation object when it is made (small
   * plans, or after a value written in place), else on a worker, so a big plan is never evaluated
   * on the event loop for it. A value written while the worker ran is taken in place.
   */
  private async derived<T>(computed: ComputedPlan, inPlace: (evaluation: Evaluation) => T, onWorker: (plan: Plan) => Promise<T>): Promise<T> {
    const plan = computed.snapshot.plan;
    if (this.unevaluated.has(plan)) {
      const dataVersion = computed.dataVersion;
      const made = await onWorker(plan);
      if (computed.dataVersion === dataVersion) return made;
    }
    return inPlace(computed.evaluation);
  }

  /**
   * Fills in `baselineChanges` once per entry with `read` (the baselines route's comparison). A
   * period read from its closing shows its baselines as they stood: no changes.
   */
  async withBaselineChanges(computed: ComputedPlan, read: () => Promise<ReadonlyMap<string, BaselineChange>>): Promise<void> {
    if (computed.baselineChanges !== undefined) return;
    const changes = computed.closing === null ? await read() : new Map<string, BaselineChange>();
    if (computed.baselineChanges !== undefined) return;
    computed.baselineChanges = changes;
    if (changes.size > 0) computed.texts.clear();
  }

  /**
   * Brings the tree's `validation` up to the Relazione's decision (one small query, made by the
   * caller): the figures (`figures`: the frozen plan evaluated with the OIV's values) are made once
   * per plan and decision, and only for the year end read with its values. A new decision, its
   * publication or withdrawal changes the tree's text and ETag. The year end closed again since the
   * decision and read with its own values states none of them: they were the OIV's for the values as
   * they stood at its validation, not for these; while it stays closed (not validated again) the
   * tree says when it was reopened (`reopening`: the latest reopening since the decision, asked only
   * then), which the screens say with the values not being the validated ones. While the year end
   * reopened takes values (not closed again), the office's tree says when, by whom and why it was
   * reopened (`reopening` asked then too): the validated figures do not hold for values changed since.
   */
  async withValidation(
    computed: ComputedPlan,
    decision: RelazioneDecision | undefined,
    figures: () => Promise<ReportValidation | undefined>,
    reopening: () => Promise<{ readonly at: string; readonly user: string | null; readonly reason: string | null } | null> = async () => null,
  ): Promise<void> {
    const key = decision === undefined ? '' : `${decision.version}\u0000${decision.yearEnd ?? ''}\u0000${decision.closedSince}`;
    if ((computed.validation?.key ?? '') === key) return;
    const period = computed.snapshot.period;
    // Closed again since the decision and not read as validated: the Relazione's figures are not this period's.
    const voided = decision?.closedSince === true && computed.reopened?.figures !== 'validated';
    const yearEnd = decision !== undefined && decision.yearEnd === period.id;
    const stated = yearEnd && !voided && isLocked(period.state) ? await this.validationFigures(computed.snapshot.record.id, key, figures) : undefined;
    // The office's own reading of the year end closed again (the public's `closedAgain` says its own `reopened`),
    // or taking values again since the decision (the public reads it as validated meanwhile: `reopened`).
    const closedAgain = yearEnd && voided && period.state === 'closed';
    const collecting = yearEnd && computed.reopened === undefined && !isLocked(period.state);
    const latest = closedAgain || collecting ? await reopening() : null;
    const reopenedAt = computed.reopened?.at ?? (closedAgain ? (latest?.at ?? null) : null);
    const reopened = collecting ? latest : null;
    const byCode = new Map(computed.base.objectives.map((o) => [o.code, o]));
    const objectives = Object.entries(stated?.objectives ?? {}).map(([code, o]) => ({
      code,
      title: byCode.get(code)?.title ?? null,
      reported: byCode.get(code)?.performance ?? null,
      validated: validatedNumber(o.validated),
      band: o.band,
      direct: o.direct,
      note: o.note,
    }));
    const document: TreeValidation | null =
      decision === undefined
        ? null
        : {
            decidedAt: decision.decidedAt,
            reservations: decision.reservations,
            published: decision.published,
            // The year end read as validated after a reopening is the decision's period again.
            periodId: voided ? null : decision.yearEnd,
            reopenedAt,
            reopening: reopened === null ? null : { at: reopened.at, by: null, reason: reopened.reason },
            objectives,
            summary: objectives.length === 0 ? null : validatedSummary(computed.base, objectives),
            body: stated?.body == null ? null : { reported: validatedNumber(stated.body.reported), validated: validatedNumber(stated.body.validated), band: stated.body.band },
          };
    computed.validation = { key, document, reopenedBy: reopened?.user ?? null };
    computed.texts.clear();
  }

  /**
   * The validated figures of a plan's decision, made once per decision (every period's entry and every
   * reader share them), kept by the tree cache's rule (`keepNewest`): a plan read is the most recent.
   */
  private validationFigures(planId: string, key: string, make: () => Promise<ReportValidation | undefined>): Promise<ReportValidation | undefined> {
    const known = this.figures.get(planId);
    this.figures.delete(planId);
    if (known !== undefined && known.key === key) {
      this.figures.set(planId, known);
      return known.made;
    }
    const made = make();
    this.figures.set(planId, { key, made });
    keepNewest(this.figures, this.maxEntries);
    // A failed reading is not kept: the next read tries again.
    made.catch(() => this.figures.get(planId)?.made === made && this.figures.delete(planId));
    return made;
  }

  /** The cached evaluation if it reflects exactly `dataVersion` (e.g. right after `applyMeasurement`). */
  cachedAt(planId: string, periodId: string, dataVersion: number): ComputedPlan | undefined {
    const entry = this.cache.get(`${planId}\u0000${periodId}`);
    return entry !== undefined && entry.dataVersion === dataVersion ? entry : undefined;
  }

  /** One key per distinct answer to "which values may this user edit?". */
  editKey(user: UserRecord | null, computed: ComputedPlan): string {
    // The public's answer is its own: no internal notes, evidence or who entered what.
    if (user === null) return 'public';
    if (readOnly(computed.snapshot)) return 'none';
    if (user.role === 'admin' || user.role === 'controller') return 'all';
    if (user.role === 'referente') return `ref\u0000${user.id}\u0000${user.username}\u0000${[...user.unitIds].sort().join('\u0000')}`;
    return 'none';
  }

  /** The tree's `validation` as `user` reads it (the public, or the office with who reopened the year end named in `language`). */
  validationFor(computed: ComputedPlan, user: UserRecord | null, names: PeopleNames, language: Language = 'it'): TreeValidation | null {
    return user === null ? publicValidation(computed) : officeValidation(computed, names, language);
  }

  /** `under`: only that objective and its descendants (a branch of a big plan); the summary stays the whole plan's. */
  document(computed: ComputedPlan, user: UserRecord | null, names: PeopleNames, under?: string, language: Language = 'it'): TreeDocument {
    const { snapshot, base } = computed;
    const locked = readOnly(snapshot);
    const objectives = under === undefined ? base.objectives : branch(base.objectives, under);
    const texts = amountTexts(language);
    return {
      ...base,
      planId: snapshot.record.id,
      dataVersion: computed.dataVersion,
      period: snapshot.period,
      // The public is offered the periods it may read: the closed or validated ones and the one shown
      // (published by the controller). Offered one still open, it picked it and got a screen-wide
      // error. (A second published open period, not the latest, stays readable by its ?period= only.)
      periods: user === null ? snapshot.periods.filter((p) => p.id === snapshot.period.id || isLocked(p.state)) : snapshot.periods,
      closing: user === null ? publicClosing(computed.closing) : namedClosing(computed.closing, names, language),
      settings: settingsDocument(snapshot.plan.settings),
      objectives: objectives.map((o) => objectiveView(computed, o, user, names, locked, texts)),
      issues: treeIssues(computed, language),
      validation: this.validationFor(computed, user, names, language),
    };
  }

  /**
   * What a value entered for `indicatorId` changed in the tree, for the answer to a save: the
   * indicator's objective and its ancestors (the engine re-scores exactly that path), the
   * summary and the issues, at the computed data version. A client holding the tree of the
   * version before applies it in place; any other client reads the tree again.
   */
  changes(computed: ComputedPlan, indicatorId: string, user: UserRecord | null, names: PeopleNames, language: Language = 'it'): TreeChanges {
    const { snapshot, base } = computed;
    const locked = readOnly(snapshot);
    const byCode = new Map<string, ObjectiveDocument>();
    let home: ObjectiveDocument | undefined;
    for (const o of base.objectives) {
      byCode.set(o.code, o);
      if (home === undefined && o.indicators.some((i) => i.id === indicatorId)) home = o;
    }
    const path: TreeObjective[] = [];
    const texts = amountTexts(language);
    for (let o = home; o !== undefined; o = o.parent === null ? undefined : byCode.get(o.parent)) path.push(objectiveView(computed, o, user, names, locked, texts));
    return { planId: snapshot.record.id, periodId: snapshot.period.id, dataVersion: computed.dataVersion, summary: base.summary, issues: treeIssues(computed, language), objectives: path };
  }

  /** The tree as JSON text, serialised once per data version, editability key, language and names. */
  text(computed: ComputedPlan, user: UserRecord | null, names: PeopleNames, language: Language = 'it'): string {
    return this.cached(computed, user, names, undefined, language).text;
  }

  /** The ETag of the tree (or a branch) this user is served at this version, in this language, with these names. */
  etag(computed: ComputedPlan, user: UserRecord | null, names: PeopleNames, under?: string, language: Language = 'it'): string {
    return this.cached(computed, user, names, under, language).etag;
  }

  /**
   * The tree (or a branch) as UTF-8 bytes in a content coding: encoded and compressed once per
   * version and key, not per request. Brotli at quality 5 makes the 2.5 MB tree of 5,000
   * indicators 88 kB in ≈30 ms (gzip level 6: 125 kB in ≈25 ms); higher qualities cost seconds.
   * Compression runs on libuv's thread pool, not the event loop: a 20,000-indicator tree takes
   * a few hundred milliseconds to compress, during which other requests are answered.
   */
  async bytes(computed: ComputedPlan, user: UserRecord | null, names: PeopleNames, encoding: Encoding, under?: string, language: Language = 'it'): Promise<Buffer> {
    const cached = this.cached(computed, user, names, under, language);
    if (encoding === 'br') {
      return (cached.br ??= brotliAsync(cached.text, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(cached.text) } }));
    }
    if (encoding === 'gzip') return (cached.gzip ??= gzipAsync(cached.text, { level: 6 }));
    return (cached.identity ??= Buffer.from(cached.text, 'utf8'));
  }

  private cached(computed: ComputedPlan, user: UserRecord | null, names: PeopleNames, under?: string, language: Language = 'it'): CachedText {
    // Italian keeps the key it always had; another language is an answer of its own.
    const key = `${this.editKey(user, computed)}\u0000${under ?? ''}${language === 'it' ? '' : `\u0000${language}`}`;
    let cached = computed.texts.get(key);
    // An account renamed since it was made: the same evaluation, said again with the names now.
    if (cached === undefined || cached.names !== names.stamp) {
      // The key is hashed so that the ETag shows neither the username nor the units.
      // The SMVP's version is part of the answer when it gives rows their own range.
      const ranges = computed.ownRanges !== undefined && computed.ownRanges.byIndicator.size > 0 ? computed.ownRanges.key : '';
      const etag = `W/"${computed.dataVersion}-${computed.snapshot.period.id}-${createHash('sha1')
        .update(key)
        .update(ranges)
        .update(computed.tag)
        .update(names.stamp)
        .update(computed.validation?.key ?? '')
        .digest('base64url')
        .slice(0, 12)}"`;
      cached = { text: JSON.stringify(this.document(computed, user, names, under, language)), etag, names: names.stamp };
      if (computed.texts.size > 64) computed.texts.clear();
      computed.texts.set(key, cached);
    }
    return cached;
  }

  /**
   * Brings a cached evaluation forward by one stored write, without reloading the plan: when the
   * cache holds exactly the version before this write, the engine re-scores the indicator and
   * the path to the root, and only those objectives of the document are redone. Otherwise the
   * next read reloads (correct, only slower). `enteredByName`: the display name of the account that
   * entered it (the tree names who entered each value).
   */
  applyMeasurement(planId: string, periodId: string, record: MeasurementRecord, dataVersion: number, enteredByName: string | null): void {
    const entry = this.cache.get(`${planId}\u0000${periodId}`);
    // A frozen closing is never brought forward (its period refuses values; its evaluation is shared).
    if (entry === undefined || entry.closing !== null || entry.dataVersion !== dataVersion - 1 || entry.snapshot.period.id !== periodId) return;
    const changed = entry.evaluation.setMeasurement(record.indicatorId, toMeasurement(record));
    const meta = entry.snapshot.indicators.get(record.indicatorId);
    const indicators = new Map(entry.snapshot.indicators);
    indicators.set(record.indicatorId, {
      definitionVersion: meta?.definitionVersion ?? 0,
      unitId: meta?.unitId ?? null,
      unit: meta?.unit ?? null,
      personId: meta?.personId ?? null,
      person: meta?.person ?? null,
      measurement: record,
      enteredByName,
    });
    entry.snapshot = { ...entry.snapshot, indicators, record: { ...entry.snapshot.record, dataVersion } };
    entry.dataVersion = dataVersion;
    this.currentAt.set(`${planId}\u0000${periodId}`, dataVersion);
    patchDocument(entry.base, entry.evaluation, changed);
    // A changed score may change a row's own band: banded again at the next read.
    if (entry.ownRanges !== undefined && entry.ownRanges.byIndicator.size > 0) entry.ownRanges = undefined;
    entry.texts.clear();
  }

  /** Ends the worker threads (the server is stopping). */
  close(): Promise<void> {
    return this.offThread.close();
  }

  indicator(computed: ComputedPlan, indicatorId: string, user: UserRecord | null, names: PeopleNames, language: Language = 'it'): TreeIndicator | undefined {
    for (const o of computed.base.objectives) {
      const found = o.indicators.find((i) => i.id === indicatorId);
      if (found !== undefined) return indicatorView(computed, found, user, names, isLocked(computed.snapshot.period.state), amountTexts(language));
    }
    return undefined;
  }
}

/**
 * The tree's summary with the bands following the validated figures: each objective scored by its
 * indicators that the validation changes counts in its validated band instead of its reported one,
 * as the public plan page counts them (io/report/validated.ts `validatedSummary`).
 */
function validatedSummary(base: EvaluationDocument, validated: readonly { readonly code: string; readonly band: TreeValidation['objectives'][number]['band'] }[]): EvaluationDocument['summary'] {
  const summary = { ...base.summary };
  const bands = new Map(validated.map((v) => [v.code, v.band]));
  for (const o of base.objectives) {
    if (o.basis !== 'indicators' || !bands.has(o.code)) continue;
    summary[o.band ?? 'none']--;
    summary[bands.get(o.code) ?? 'none']++;
  }
  return summary;
}

/**
 * The one eviction rule of the service's caches: past `max` entries, the oldest in the map's order
 * go (a hit is moved to the end by its reader, so the least recently used go first); `evicted` hears
 * of each key, to drop what is kept beside it.
 */
function keepNewest<K, V>(map: Map<K, V>, max: number, evicted?: (key: K) => void): void {
  while (map.size > max) {
    const oldest = map.keys().next().value as K;
    map.delete(oldest);
    evicted?.(oldest);
  }
}

/** The plan's indicators by id, made once per plan: a tree read needs the definitions, never the Evaluation object. */
const DEFINITIONS = new WeakMap<Plan, Map<string, Indicator>>();
function definitionOf(plan: Plan, id: string): Indicator | undefined {
  let byId = DEFINITIONS.get(plan);
  if (byId === undefined) {
    byId = new Map();
    for (const node of plan.nodes) for (const indicator of node.indicators) if (!byId.has(indicator.id)) byId.set(indicator.id, indicator);
    DEFINITIONS.set(plan, byId);
  }
  return byId.get(id);
}

/** Whether the document has the objective `code`. */
export function hasObjective(computed: ComputedPlan, code: string): boolean {
  return computed.base.objectives.some((o) => o.code === code);
}

/** An objective and its descendants, in plan order (parents come before their children). */
function branch(objectives: readonly ObjectiveDocument[], root: string): ObjectiveDocument[] {
  const inside = new Set([root]);
  return objectives.filter((o) => {
    if (o.code === root || (o.parent !== null && inside.has(o.parent))) {
      inside.add(o.code);
      return true;
    }
    return false;
  });
}

/**
 * Whether no value of the period may be written: the period is closed or validated, or the plan is
 * archived (it refuses every write, 409 `plan-archived`). The tree's `editable` says so, as the
 * variances report does; archiving moves the plan's data version, so the answer is made again.
 */
function readOnly(snapshot: PlanSnapshot): boolean {
  return isLocked(snapshot.period.state) || snapshot.record.archivedAt !== null;
}

function objectiveView(computed: ComputedPlan, o: ObjectiveDocument, user: UserRecord | null, names: PeopleNames, locked: boolean, texts: AmountTexts): TreeObjective {
  const meta = computed.snapshot.nodes.get(o.code);
  return {
    ...o,
    owner: meta?.owner ?? null,
    unit: meta?.unitName ?? null,
    unitId: meta?.unitId ?? null,
    // The owner (the Relazione's «responsabile», in the open data too) and the unit are public; the account
    // named is the office's, as the exports give the people to signed-in readers only.
    personId: user === null ? null : (meta?.personId ?? null),
    person: user === null ? null : nameOfPerson(names, meta?.personId, meta?.person),
    version: meta?.version ?? 0,
    indicators: o.indicators.map((i) => indicatorView(computed, i, user, names, locked, texts)),
  };
}

/** An indicator the plan no longer defines: no rule, formula, tolerance nor last year's value. */
const NO_DEFINITION = { tolerance: null, scoring: null, formula: null, predecessorValue: null } as const;

function indicatorView(computed: ComputedPlan, i: IndicatorDocument, user: UserRecord | null, names: PeopleNames, locked: boolean, texts: AmountTexts): TreeIndicator {
  const meta = computed.snapshot.indicators.get(i.id);
  const m = meta?.measurement ?? null;
  const assignment = computed.assignments.get(i.id);
  const definition = definitionOf(computed.snapshot.plan, i.id);
  const baselineChange = user === null ? null : (computed.baselineChanges?.get(i.id) ?? null);
  return {
    ...i,
    ...texts.of(i, m, definition?.formula ?? null),
    // Saved as not measured, its reason said as N.V.'s is (to the office: the public documents carry none).
    ...(i.state === 'not_measured' && m?.state === 'not_measured' && user !== null ? { reason: m.reason === null || m.reason.trim() === '' ? null : reasonText(m.reason, texts.language) } : {}),
    version: m?.version ?? 0,
    definitionVersion: meta?.definitionVersion ?? 0,
    // Internal to the office and the OIV: never shown to the public.
    evidence: user === null ? null : (m?.evidence ?? null),
    source: user === null ? null : (m?.source ?? null),
    notes: user === null ? null : (m?.notes ?? null),
    enteredBy: user === null ? null : (m?.enteredBy ?? null),
    enteredByName: user === null ? null : actorWords(nameOfLogin(names, m?.enteredBy, meta?.enteredByName), m?.enteredBy, texts.language),
    enteredAt: user === null ? null : (m?.enteredAt ?? null),
    ...definitionInputs(definition ?? NO_DEFINITION),
    inputs: m?.inputs == null ? null : inputsToJson(m.inputs),
    unitId: meta?.unitId ?? null,
    unitName: meta?.unit ?? null,
    // The account named, to the office only (as on the objective).
    personId: user === null ? null : (meta?.personId ?? null),
    person: user === null ? null : nameOfPerson(names, meta?.personId, meta?.person),
    baseline: amountJson(definition?.baseline ?? null),
    baselineText: texts.amount(definition?.baseline ?? null, i.unit),
    baselineYear: definition?.baselineYear ?? null,
    nextTargets: [0, 1].map((k) => {
      const target = definition?.nextTargets?.[k] ?? null;
      return { year: computed.snapshot.record.year + k + 1, target: amountJson(target), targetText: texts.amount(target, i.unit) };
    }),
    // Read from last year's plan whatever its periods' publication: not for the public.
    baselineChange: baselineChange === null || texts.language === 'it' ? baselineChange : { ...baselineChange, currentText: texts.json(baselineChange.current, i.unit) },
    ownRange: computed.ownRanges?.byIndicator.get(i.id) ?? null,
    // Means of child objectives are computed; ratio and trend indicators take their base measures.
    editable: !locked && !(i.derived && computedFromChildren(definition?.formula)) && assignment !== undefined && mayEditValue(user, assignment),
  };
}

/**
 * The tree's issues in the reader's language (they were said in English only), with the objectives
 * whose indicators' weights do not add up to 100%: the API and the editor take such weights (an
 * office fixes them in steps), the scores are re-proportioned, and the office is told as the
 * importer tells it (`weights-not-100`), at the objective.
 */
function treeIssues(computed: ComputedPlan, language: Language): IssueDocument[] {
  const weights: IssueDocument[] = [];
  for (const node of computed.snapshot.plan.nodes) {
    if (node.indicators.length === 0) continue;
    const total = node.indicators.reduce((t, i) => t.plus(i.weight), new Decimal(0));
    if (!total.eq(100)) weights.push(issueDocument(problem('warning', 'weights-not-100', { code: node.code, total: total.toString() }, { node: node.code })));
  }
  return [...computed.base.issues, ...weights].map((i) => ({ ...i, message: renderCoded(i, language) }));
}

/**
 * The amount texts of a tree in one language. The cached document (`base`) says them in Italian,
 * as it always did; another language says them again from the document's own amounts, once per
 * answer made (the answer is then cached per language like the Italian one). A plan shares few
 * distinct amounts among many indicators, so each text is made once per answer.
 */
interface AmountTexts {
  readonly language: Language;
  /**
   * `targetText`, `actualText` and a reason the program wrote of an indicator in this language (none
   * to change in Italian), the reason from its `stored` value (the document holds its Italian words).
   */
  of(i: IndicatorDocument, stored: Pick<MeasurementRecord, 'state' | 'reason'> | null, formula: ActualWriting['formula']): Partial<Pick<IndicatorDocument, 'targetText' | 'actualText' | 'reason'>>;
  /** `amountText` of a definition's amount. */
  amount(amount: Parameters<typeof amountText>[0], unit: Unit): string;
  /** `amountText` of an amount as the documents write it (`amountJson`). */
  json(amount: IndicatorDocument['actual'], unit: Unit): string;
}

const ITALIAN_TEXTS: AmountTexts = {
  language: 'it',
  of: () => ({}),
  amount: (amount, unit) => amountText(amount, unit),
  json: (amount, unit) => amountText(amountFromJson(amount), unit),
};

function amountTexts(language: Language): AmountTexts {
  if (language === 'it') return ITALIAN_TEXTS;
  const made = new Map<string, string>();
  const json = (amount: IndicatorDocument['actual'], unit: Unit): string => {
    if (amount === null) return '';
    const key = `${unit}\u0000${typeof amount}\u0000${String(amount)}`;
    let text = made.get(key);
    if (text === undefined) made.set(key, (text = amountText(amountFromJson(amount), unit, language)));
    return text;
  };
  return {
    language,
    of: (i, stored, formula) => ({
      targetText: json(i.target, i.unit),
      // A weighted mean's actual is said as a performance (actualAmountText), so is not among the amounts shared.
      actualText: i.state === 'not_evaluable' || computedFromChildren(formula) ? actualText(i.state, amountFromJson(i.actual), { unit: i.unit, formula }, language) : json(i.actual, i.unit),
      reason: i.reason === null ? null : stored?.state === 'not_evaluable' && stored.reason !== null ? reasonText(stored.reason, language) : i.reason,
    }),
    amount: (amount, unit) => amountText(amount, unit, language),
    json,
  };
}

/**
 * Redoes the objectives `codes` of a document after an incremental re-evaluation, field for field
 * as `evaluationDocument` writes them (tree.test.ts checks the result equals a fresh document).
 */
export function patchDocument(doc: EvaluationDocument, evaluation: Evaluation, codes: readonly string[]): void {
  const wanted = new Set(codes);
  for (const o of doc.objectives) {
    if (!wanted.has(o.code)) continue;
    const r = evaluation.node(o.code);
    if (r === undefined) continue;
    o.performance = toJsonNumber(r.performance);
    o.band = r.band;
    o.basis = r.basis;
    o.indicators = o.indicators.map((d, k) => {
      const i = r.indicators[k];
      if (i === undefined || i.indicator.id !== d.id) return d;
      const m = i.indicator.measurement;
      return {
        ...d,
        actual: amountJson(i.actual),
        actualText: actualText(i.state, i.actual, i.indicator),
        state: i.state,
        reason: m.state === 'not_evaluable' ? reasonText(m.reason, 'it') : null,
        performance: toJsonNumber(i.performance),
        met: i.met,
        counted: i.counted,
      };
    });
  }
  const summary = { objectives: 0, green: 0, yellow: 0, red: 0, none: 0 };
  for (const o of doc.objectives) {
    if (o.basis !== 'indicators') continue;
    summary.objectives++;
    summary[o.band ?? 'none']++;
  }
  doc.summary = summary;
  doc.issues = evaluation.issues().map(issueDocument);
}
