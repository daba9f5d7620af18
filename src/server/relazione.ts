/**
 * The Relazione of a stored plan as io/relazione builds it: the year-end evaluation (or the plan
 * frozen at validation), the office's texts, the organisation units, the variances' causes and
 * corrective actions (store.variances), the previous year through the plan's predecessor (as the
 * OIV validated it; before that, for the public, only as it was closed), and the OIV's validation. One place, for the API's exports and
 * the public transparency pages alike.
 */
import { createHash } from 'node:crypto';
import { Decimal, evaluatePlan, ownValue, textKeyed, validatedEvaluation, ValidatedReading, type Band, type Evaluation, type Plan } from '../core/index.js';
import type { OrgSource } from '../core/appraisal/organisation.js';
import { CHANGED_SINCE, isFrozen, type ChangedSince } from '../contract/relazione-states.js';
import {
  comparedLevel,
  buildRelazione,
  buildValidationDocument,
  generatedTexts,
  type ObjectiveCause,
  type PlanRevision,
  type PreviousObjectives,
  type PreviousYearFigures,
  type RelazioneDocument,
  type RelazioneInput,
} from '../io/relazione/index.js';
import {
  canonicalJson,
  planToJson,
  type CoverCause,
  type CoverPreviousYear,
  type LastYearBasis,
  type PlanRecord,
  type PlanSnapshot,
  type RelazioneCover,
  type RelazioneFreeze,
  type RelazioneRecord,
  type RevisionRecord,
  type Store,
} from '../store/index.js';
import type { ComputedPlan, TreeService } from './tree.js';
import type { AccountNames } from './actor-names.js';
import { actText, publicRevision, revisionChangeText, revisionStepsText } from '../io/report/revisions.js';
import { derivedOnce, relazioneReads } from './relazione-reads.js';
import { individualOf } from './appraisal/individual.js';

const CAUSE_WORDS: Readonly<Record<string, string>> = { external: 'causa esterna', internal: 'causa interna', indicator: 'indicatore mal costruito' };

export interface StoredRelazione {
  readonly record: RelazioneRecord;
  readonly evaluation: Evaluation;
  readonly input: RelazioneInput;
  readonly periodLabel: string;
  /** The year-end period the Relazione reports on. */
  readonly periodId: string;
  /** The login of who recorded the OIV's decision → their name (the login when no account has it). */
  readonly deciderName: string | null;
}

/**
 * What the caller of `storedRelazione` has already read for this request, to be used again rather
 * than read twice: the plan as computed (a save of the review, which checked its values on it; the
 * freeze that made a transmitted Relazione's `seen`) and, with a freeze, the words around the
 * figures as it made them (`relazioneCover` with last year's figures).
 */
export interface AlreadyRead {
  readonly computed: ComputedPlan;
  readonly cover?: RelazioneCover;
}

/**
 * `forPublic`: the reader is the public (the transparency pages, an export without a session).
 * A Relazione not frozen by a validation (not validated) would otherwise show the year end as it
 * stands now: after a reopening, provisional values nobody has closed. The public reads it as the
 * period was last closed (the figures the OIV decided on). `read`: what the caller already read
 * (`AlreadyRead`); its cover is the office's reading (a validation's freeze), never the public's.
 */
export async function storedRelazione(
  store: Store,
  trees: TreeService,
  names: AccountNames,
  plan: PlanRecord,
  record: RelazioneRecord,
  forPublic = false,
  read?: AlreadyRead,
): Promise<StoredRelazione> {
  const computed = read?.computed ?? (await trees.computed(plan.id));
  const reads = relazioneReads(trees);
  let evaluation = computed.evaluation;
  let frozenCover = record.frozenCover;
  if (record.frozenPlan !== null) {
    // The plan and the words a validation froze move only with the Relazione's version: evaluated
    // once per version, and the cover kept as one object (last year's figures in it read once too).
    const frozen = reads.keep(`${plan.id}\u0000frozen`, [record.version], () => ({ evaluation: evaluatePlan(record.frozenPlan!), cover: record.frozenCover }));
    evaluation = frozen.evaluation;
    frozenCover = frozen.cover;
  } else if (forPublic && computed.closing === null) {
    // Reopened since: the Relazione was transmitted, and decided on, with its year end closed. Its
    // last closing moves only with the plan's data version (a closing is a change of the plan's data).
    const period = computed.snapshot.period.id;
    const closed = await reads.keep(`${plan.id}\u0000public-closing`, [computed.dataVersion, period], async () => {
      const closing = await store.lastClosing(plan.id, period);
      return closing === undefined ? undefined : evaluatePlan(closing.plan);
    });
    if (closed !== undefined) evaluation = closed;
  }
  // Validated: the words as they were then; the plan went on since (revisions, renamed units).
  const cover = frozenCover ?? (read?.cover !== undefined && !forPublic ? read.cover : await relazioneCover(store, names, computed, plan, record.decidedBy));
  const causes = new Map<string, ObjectiveCause>();
  for (const [node, v] of Object.entries(cover.causes ?? (await causesOf(store, plan.id, computed.snapshot.period.id))))
    causes.set(node, { kind: CAUSE_WORDS[v.cause] ?? v.cause, cause: v.explanation, action: v.correctiveAction });
  // Last year's plan not published: the public is told so in place of its figures, whether the
  // comparison is read now or was kept by a validation (the plan report's rule, `lastYearPlan`).
  const last = forPublic ? await lastYearPlan(store, plan.id, true, frozenCover !== null && cover.previous === undefined) : undefined;
  const unpublished = last !== undefined && !last.readable ? last.plan.year : undefined;
  // Validated: last year as the comparison read it then (a cover kept before it was: as it stands).
  const previous =
    unpublished !== undefined
      ? undefined
      : cover.previous === undefined
        ? // A validation kept before last year was kept with it: read as it was found then, by next-year
          // only, so that its comparison does not change now that a year is also found by body.
          await previousYear(store, trees, plan.id, forPublic, frozenCover !== null)
        : cover.previous === null
          ? undefined
          : derivedOnce(KEPT_PREVIOUS, cover.previous, keptPreviousYear);
  const revisions = cover.revisions.map(revisionWords);
  // The forms in aggregate as a validation kept them (a cover kept before they were: none, section 5
  // stays as validated), or as a freeze read them for this answer, or as they stand.
  const individual = cover.individual !== undefined ? cover.individual : frozenCover !== null ? null : await individualOf(store, trees, plan.organisation, plan.year);
  const input: RelazioneInput = {
    revisions,
    body: cover.body,
    year: plan.year,
    computedAt: new Date(record.decidedAt ?? Date.now()),
    texts: record.texts,
    units: new Map(Object.entries(cover.units)),
    causes,
    ...(previous === undefined ? {} : { previous }),
    ...(unpublished === undefined ? {} : { previousUnpublished: unpublished }),
    validation: cover.decidedByName === null ? record : { ...record, decidedBy: cover.decidedByName },
    ...(individual === null ? {} : { individual }),
  };
  return { record, evaluation, input, periodLabel: computed.snapshot.period.label, periodId: computed.snapshot.period.id, deciderName: cover.decidedByName };
}

/**
 * An approved revision as the Relazione prints it (section 3.5): its date, act, reason and each
 * change in words; the Relazione is published, so without the office's notes, whoever reads it.
 */
function revisionWords(r: RevisionRecord): PlanRevision {
  const published = publicRevision(r);
  return {
    date: r.date,
    ...(r.act === null ? {} : { act: actText(r.act) }),
    reason: r.reason,
    // The net change of each record, and where its steps are when it recorded more (a register frozen
    // with a validation before steps were counted has none: it reads as validated).
    changes: [...published.changes.map((c) => revisionChangeText(c)), ...[revisionStepsText(published)].filter((s) => s !== null)],
  };
}

/**
 * The words around the Relazione's figures as they stand now: the body, each objective's unit (as
 * the year end reads them: its closing's, once closed), the year end's variances, the approved revisions (the register:
 * store.listRevisions) and who recorded the decision by name. Read live until the validation, which
 * keeps them (`RelazioneFreeze`): the documento di validazione names people as they read it, not
 * by the login name, which is no name and does not belong in a published document.
 */
export async function relazioneCover(store: Store, names: AccountNames, computed: ComputedPlan, plan: PlanRecord, decidedBy: string | null): Promise<RelazioneCover> {
  const units = derivedOnce(UNITS, computed.snapshot.nodes, unitsOf);
  const revisions = ((await store.listRevisions(plan.id)) ?? []).filter((r) => r.status === 'approved');
  // The Relazione and its documents are in Italian: the program or the command line said so too.
  const decidedByName = decidedBy === null ? null : (await names.namer('it'))(decidedBy);
  return { body: plan.organisation, units, causes: await causesOf(store, plan.id, computed.snapshot.period.id), revisions, decidedByName };
}

/**
 * Each objective's unit by code, as the snapshot names them: made once per snapshot's objectives (a
 * map nobody changes; a new data version read live, or a new closing, is another one).
 */
const UNITS = new WeakMap<PlanSnapshot['nodes'], Readonly<Record<string, string>>>();
function unitsOf(nodes: PlanSnapshot['nodes']): Readonly<Record<string, string>> {
  const units = textKeyed<string>();
  for (const [code, meta] of nodes) if (meta.unitName !== null && meta.unitName !== '') units[code] = meta.unitName;
  return units;
}

/** The year end's variances by objective: the causes and corrective actions (store.variances). */
async function causesOf(store: Store, planId: string, periodId: string): Promise<Record<string, CoverCause>> {
  const causes = textKeyed<CoverCause>();
  for (const v of await store.variances.listVariances(planId, periodId)) causes[v.node] = { cause: v.cause, explanation: v.explanation, correctiveAction: v.correctiveAction };
  return causes;
}

/**
 * Last year's plan (the plan's predecessor, else the same body's plan of the year before: store
 * `lastYear`; undefined: none) and whether the reader may read its
 * figures: the office always, the public only once the body published that plan. One rule for the
 * plan report's previous-year column and the Relazione's comparison (section 3.6): a published
 * Relazione shows no figures of a year whose plan the body keeps to itself.
 */
export async function lastYearPlan(store: Store, planId: string, forPublic: boolean, lineageOnly = false): Promise<LastYearPlan | undefined> {
  const link = await store.lastYear(planId);
  if (link == null || (lineageOnly && link.found !== 'lineage')) return undefined;
  const plan = await store.getPlan(link.planId);
  return plan === undefined ? undefined : { plan, readable: plan.published || !forPublic, found: link.found, candidates: link.candidates };
}

/** Last year's plan (`lastYearPlan`), whether the reader may read it, and how it was found (store `lastYearOf`). */
export interface LastYearPlan {
  readonly plan: PlanRecord;
  readonly readable: boolean;
  readonly found: 'lineage' | 'body';
  readonly candidates: number;
}

/**
 * Last year's figures, from the plan's predecessor; undefined (no comparison) without one, or when the
 * reader is the public and the body has not published it (`lastYearPlan`). Once the
 * OIV validated last year's Relazione, what it validated: the plan frozen with it and its validated
 * values (as the appraisal forms take them), which no later revision or correction of last year's
 * plan moves. Until then the reported figures, said as not validated: the office reads its year end
 * as it stands; the public only figures somebody closed: the year end as last closed (its frozen
 * figures), never values still being collected, and no comparison while it was never closed (a
 * mid-year period's figures under last year's heading would pass for its results).
 */
export async function previousYear(
  store: Store,
  trees: TreeService,
  planId: string,
  forPublic: boolean,
  lineageOnly = false,
): Promise<(PreviousYearFigures & { year: number; evaluation: Evaluation }) | undefined> {
  return (await previousYearRead(store, trees, planId, forPublic, lineageOnly)).figures;
}

/** `previousYear`'s figures and what they were made from, read before them (null: no previous year). */
async function previousYearRead(
  store: Store,
  trees: TreeService,
  planId: string,
  forPublic: boolean,
  lineageOnly = false,
): Promise<{ figures: (PreviousYearFigures & { year: number; evaluation: Evaluation }) | undefined; basis: LastYearBasis | null }> {
  const last = await lastYearPlan(store, planId, forPublic, lineageOnly);
  if (last === undefined) return { figures: undefined, basis: null };
  const before = last.plan;
  const relazione = last.readable ? await store.relazioni.getRelazione(before.id) : undefined;
  const basis: LastYearBasis = { planId: before.id, dataVersion: before.dataVersion, relazioneVersion: relazione?.version ?? 0 };
  if (!last.readable) return { figures: undefined, basis };
  // Made from last year's plan at its data version and its Relazione at its version, read above, and
  // nothing else: kept while both are the same (a validated year's evaluation, last year's closing).
  // How it was found and its title are said with the figures: another plan of the body added, or
  // last year's renamed, makes them again.
  const key = [before.id, before.dataVersion, basis.relazioneVersion, last.found, last.candidates, before.title, lineageOnly];
  const figures = await relazioneReads(trees).keep(`${planId}\u0000previous\u0000${forPublic}`, key, () => previousFigures(store, trees, last, relazione, forPublic));
  return { figures, basis };
}

/** Last year's figures from its plan `before` and its Relazione as read (`previousYearRead`). */
async function previousFigures(
  store: Store,
  trees: TreeService,
  last: LastYearPlan,
  relazione: RelazioneRecord | undefined,
  forPublic: boolean,
): Promise<(PreviousYearFigures & { year: number; evaluation: Evaluation }) | undefined> {
  const before = last.plan;
  // Which plan, and its objectives at the compared level: the comparison says what it could not match.
  const figures = (evaluation: Evaluation, source: OrgSource): PreviousYearFigures & { year: number; evaluation: Evaluation } => ({
    year: before.year,
    evaluation,
    source,
    plan: {
      id: before.id,
      title: before.title,
      found: last.found,
      candidates: last.candidates,
      objectives: evaluation.nodeResults.filter((r) => comparedLevel(r.objective.code)).map((r) => ({ code: r.objective.code, title: r.objective.title })),
    },
  });
  if (relazione !== undefined && isFrozen(relazione.state) && relazione.frozenPlan !== null) {
    const source: OrgSource = { kind: 'validated', at: relazione.decidedAt ?? relazione.updatedAt ?? '', reservations: relazione.state === 'validated_with_reservations' };
    return figures(validatedEvaluation(relazione.frozenPlan, relazione.values), source);
  }
  const source: OrgSource = { kind: 'reported', relazione: relazione === undefined || isFrozen(relazione.state) ? null : relazione.state };
  const computed = await trees.computed(before.id, undefined, before.dataVersion);
  // Closed or validated: already read from its closing (and kept by the tree service).
  if (!forPublic || computed.closing !== null) return figures(computed.evaluation, source);
  const closing = await store.lastClosing(before.id, computed.snapshot.period.id);
  return closing === undefined ? undefined : figures(evaluatePlan(closing.plan), source);
}

/** A freeze as the route made it: the freeze, the plan computed it was made from, and its parts (`freezeParts`), made when first asked. */
export interface MadeFreeze {
  readonly freeze: RelazioneFreeze;
  readonly computed: ComputedPlan;
  readonly parts: () => FreezeParts;
}

/**
 * What the OIV's validation freezes, made from the store as it is now: the year end's plan with its
 * values (`currentPlan()`: a value saved since the cached evaluation was made is written into it in
 * place), the words around it (the body, the units, the variances, the approved revisions, the
 * decider's name: the plan goes on after the validation, the validated documents do not) and last
 * year's figures as the comparison reads them (its later validation or correction would otherwise
 * move a comparison the OIV validated). Each version it was made from is read before what it
 * versions (`plan`, given by the caller, before the year end; last year's plan before its figures),
 * so a change between the two makes the store refuse, never freeze a copy older than its version.
 * `decider`: the login recording the decision (the store names them as their account is named when
 * it commits); null, none yet.
 */
export async function validationFreeze(store: Store, trees: TreeService, names: AccountNames, plan: PlanRecord, decider: string | null): Promise<MadeFreeze> {
  const computed = await trees.computed(plan.id, undefined, plan.dataVersion);
  const lastYear = await previousYearRead(store, trees, plan.id, false);
  const previous = lastYear.figures === undefined ? null : derivedOnce(COVER_PREVIOUS, lastYear.figures, coverPreviousYear);
  // The forms in aggregate are kept as read now, dated; not a part the decision is refused over
  // (`FREEZE_PARTS`): the appraisals go on while the OIV reads, and §5 says the day of its figures.
  const individual = await individualOf(store, trees, plan.organisation, plan.year);
  const cover = { ...(await relazioneCover(store, names, computed, plan, decider)), previous, individual };
  // The plan and the version the cached evaluation is at, taken together (no await between): a value
  // saved in place moves both at once, so the plan's digest kept for that version is of this plan.
  // Its copy is made once per state of the evaluation (`changes`).
  const evaluation = computed.evaluation;
  const frozenPlan = relazioneReads(trees).keep(`${plan.id}\u0000current`, [evaluation, evaluation.changes], () => evaluation.currentPlan());
  const at = computed.dataVersion;
  const freeze: RelazioneFreeze = { plan: frozenPlan, cover, dataVersion: plan.dataVersion, lastYear: lastYear.basis };
  let parts: FreezeParts | undefined;
  return { freeze, computed, parts: () => (parts ??= freezeParts(freeze, planDigest(computed, frozenPlan, at))) };
}

/**
 * The parts of what a validation freezes that the OIV reads, in this order, each named as a refusal
 * names it in `details.changed` (contract/relazione-states.ts `CHANGED_SINCE`): the approved
 * revisions, the year end's plan and the body, the variances' explanations, the objectives' units,
 * last year's figures. The decider's name is not one: it is the name of the OIV member validating,
 * not content they checked (the store names them as their account is named when the validation
 * commits).
 */
export const FREEZE_PARTS = CHANGED_SINCE;
export type FreezePart = ChangedSince;
/** Each part as text: two freezes with the same text of a part hold the same part. */
export type FreezeParts = Readonly<Record<FreezePart, string>>;

/**
 * The parts of `freeze` (`FREEZE_PARTS`) as text, the one list the validation's comparison
 * (`freezeChanges`) and the screen's digest (`seenDigest`) both read. The plan is taken by the
 * SHA-256 of its JSON as `planToJson` makes it (every object in it is built in a fixed key order;
 * the one map keyed by the user, a measure's inputs, in sorted order), `planDigest` when the caller
 * kept it; the small parts by their canonical JSON (keys sorted: the variances and the revisions are
 * read back from the database, whose order of keys is not the code's).
 *
 * The revisions are taken as the Relazione prints them (section 3.5: date, act, reason, each change
 * in words, without the office's notes), with their numbers: a validation must refuse when a
 * revision the Relazione lists was approved, or corrected in what the Relazione says of it, after
 * the OIV read it; a correction that leaves the printed words as they were (a version moved, a
 * field no document prints) leaves the document the OIV read as it was. The store still refuses
 * on any version moved (number → version, under the plan's lock); the route then compares these.
 */
export function freezeParts(freeze: RelazioneFreeze, planDigest = digestOf(JSON.stringify(planToJson(freeze.plan)))): FreezeParts {
  return {
    'revision-approved-since': canonicalJson(freeze.cover.revisions.map((r) => ({ number: r.number, ...revisionWords(r) }))),
    'plan-changed-since': JSON.stringify([freeze.cover.body, planDigest]),
    'variances-changed-since': canonicalJson(freeze.cover.causes ?? {}),
    'units-changed-since': derivedOnce(CANONICAL, freeze.cover.units, canonicalJson),
    'previous-year-changed-since': freeze.cover.previous == null ? canonicalJson(null) : derivedOnce(CANONICAL, freeze.cover.previous, canonicalJson),
  };
}

/** The canonical JSON of the big parts of a freeze (the units, last year's figures), once per object (kept ones: nobody changes them). */
const CANONICAL = new WeakMap<object, string>();

const digestOf = (text: string): string => createHash('sha256').update(text).digest('base64url');

/**
 * The SHA-256 of `plan`'s JSON (`planToJson`), the plan the cached evaluation `computed` held at data
 * version `at`: kept with it (`ComputedPlan.planDigest`) and given again while the evaluation is at
 * that version. A value saved in place moves its data version with it (`TreeService.applyMeasurement`),
 * so a kept digest is never given for another plan; a read at another version digests the plan again.
 */
function planDigest(computed: ComputedPlan, plan: Plan, at: number): string {
  if (computed.planDigest?.dataVersion === at) return computed.planDigest.digest;
  const digest = digestOf(JSON.stringify(planToJson(plan)));
  if (computed.dataVersion === at) computed.planDigest = { dataVersion: at, digest };
  return digest;
}

/**
 * What differs between two freezes of one Relazione (`FREEZE_PARTS`, in their order; empty: the same
 * document), and the number of the first revision that differs: the validation refuses only for
 * these, and the route, when the store found the plan or last year moved in between, freezes again
 * and compares with what it froze first.
 */
export function freezeChanges(first: MadeFreeze, now: MadeFreeze): { changed: FreezePart[]; revision: number | null } {
  const [was, is] = [first.parts(), now.parts()];
  const changed = FREEZE_PARTS.filter((p) => was[p] !== is[p]);
  if (!changed.includes('revision-approved-since')) return { changed, revision: null };
  const words = (f: RelazioneFreeze): Map<number, string> => new Map(f.cover.revisions.map((r) => [r.number, canonicalJson(revisionWords(r))]));
  const [before, after] = [words(first.freeze), words(now.freeze)];
  const revision = [...now.freeze.cover.revisions, ...first.freeze.cover.revisions].find((r) => before.get(r.number) !== after.get(r.number));
  return { changed, revision: revision?.number ?? null };
}

/**
 * What a validation would freeze now as the Relazione's answer carries it (`seen`), for the OIV's
 * decision to send back: the SHA-256 of each part (`freezeParts`, in `FREEZE_PARTS`' order), joined by dots. Without the
 * versions the freeze was made at: a change that leaves the document as it was (a value saved in
 * another period) leaves it as it was too.
 *
 * @example seenDigest(made) // 'mL3…Q.4f…w.…' (five digests)
 */
export function seenDigest(made: MadeFreeze): string {
  return seenPartDigests(made).join('.');
}

function seenPartDigests(made: MadeFreeze): string[] {
  const parts = made.parts();
  return FREEZE_PARTS.map((p) => digestOf(parts[p]));
}

/**
 * The parts of `made` that differ from what the screen showed (`seen`, a `seenDigest`): empty,
 * the same document; null, they differ and which cannot be told (not a digest this server makes).
 */
export function seenChanges(seen: string, made: MadeFreeze): FreezePart[] | null {
  const was = seen.split('.');
  const now = seenPartDigests(made);
  if (was.length !== now.length || !was.every((d) => /^[\w-]{43}$/.test(d))) return null;
  return FREEZE_PARTS.filter((_, i) => was[i] !== now[i]);
}

/** Of last year's figures (kept while last year is the same), the cover's copy; of a kept cover's copy, the figures the comparison reads. */
const COVER_PREVIOUS = new WeakMap<PreviousYearFigures & { evaluation: Evaluation }, CoverPreviousYear>();
const KEPT_PREVIOUS = new WeakMap<CoverPreviousYear, RelazioneInput['previous']>();

/** Last year's figures as a validation keeps them in its cover (`RelazioneCover.previous`): every objective's performance and band. */
export function coverPreviousYear(previous: PreviousYearFigures & { evaluation: Evaluation }): CoverPreviousYear {
  const objectives = textKeyed<{ performance: string | null; band: Band | null }>();
  // A code given twice: its first objective, as the comparison reads a computed plan (`node(code)`).
  for (const r of previous.evaluation.nodeResults) objectives[r.objective.code] ??= { performance: r.performance === null ? null : r.performance.toString(), band: r.band };
  return { year: previous.year ?? null, source: previous.source ?? { kind: 'reported', relazione: null }, objectives, ...(previous.plan === undefined ? {} : { plan: previous.plan }) };
}

/** The figures a validation kept of last year, as the comparison reads them; undefined: there was no previous year. */
function keptPreviousYear(kept: CoverPreviousYear): RelazioneInput['previous'] {
  const node = (code: string): ReturnType<PreviousObjectives['node']> => {
    const o = ownValue(kept.objectives, code);
    return o === undefined ? undefined : { performance: o.performance === null ? null : new Decimal(o.performance), band: o.band };
  };
  return { ...(kept.year === null ? {} : { year: kept.year }), source: kept.source, evaluation: { node }, ...(kept.plan === undefined ? {} : { plan: kept.plan }) };
}

/**
 * The sentences generated from the data (the screen offers them to edit): made from the evaluation
 * and last year's figures alone (`generatedTexts`), so kept while the evaluation is the same object
 * with no change made through it and last year's figures are the same object (kept while last year's
 * plan and Relazione are at the same versions, or kept by the validation).
 */
export function generatedOf(trees: TreeService, r: StoredRelazione): Record<string, string> {
  const { evaluation, input } = r;
  return relazioneReads(trees).keep(`${r.record.planId}\u0000generated`, [evaluation, evaluation.changes, input.previous], () => generatedTexts(evaluation, input));
}

/**
 * The OIV's validated values read against `evaluation` (`ValidatedReading`: what their children give,
 * the objectives that follow them): made from the evaluation and the values alone, which move only
 * with the Relazione's version; kept while both are the same. `made`: the reading a save of the review
 * already made of these values against this evaluation (`readsAs`), kept in its place.
 */
export function validatedReadingOf(trees: TreeService, record: RelazioneRecord, evaluation: Evaluation, made?: ValidatedReading): ValidatedReading {
  return relazioneReads(trees).keep(`${record.planId}\u0000reading`, [evaluation, evaluation.changes, record.version], () => made ?? new ValidatedReading(evaluation, record.values));
}

export function relazioneDocument(r: StoredRelazione): RelazioneDocument {
  return buildRelazione(r.evaluation, r.input);
}

export function validationDocument(r: StoredRelazione): RelazioneDocument {
  return buildValidationDocument(r.evaluation, r.input.validation ?? r.record, {
    ...(r.input.body === undefined ? {} : { body: r.input.body }),
    ...(r.input.year === undefined ? {} : { year: r.input.year }),
  });
}
