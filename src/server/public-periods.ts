/**
 * Which period the public may read, and what of it: a closed or validated period with its values
 * (final figures), or one still taking values that the controller has published (POST
 * …/periods/:periodId/publication), of which the public reads the adopted plan only, its targets
 * without a value, performance or band: what is published never includes provisional values
 * (d.lgs. 33/2013; docs/domain.md, "Transparency"). A publication stored before this rule held
 * reads so too: the values show once the period is closed. Without publication nobody outside
 * reads a period still open. Every route that shows the public a period (tree, explanation,
 * exports, changes, years, transparency pages) asks here.
 */
import { evaluatePlan, publicValidation } from '../core/index.js';
import { isFrozen } from '../contract/relazione-states.js';
import { reportValidation, type ReportValidation } from '../io/report/validated.js';
import { publicPeriodStateWord, reopenedValidatedText } from '../io/report/texts.js';
import type { Language } from '../messages/index.js';
import { isLocked, type PlanSnapshot, type RelazioneDecision, type RelazioneRecord, type Store, type UserRecord } from '../store/index.js';
import type { Deps } from './api.js';
import { refuse } from './errors.js';
import { yearEndReopening } from './year-end-reopening.js';
import { relazioneReads } from './relazione-reads.js';
import { revisionsAfter, type ComputedPlan } from './tree.js';

/**
 * The periods the public reads (closed, validated or published), oldest first, and every period of
 * the plan. The year end of a validated Relazione that is published stays among them when the
 * administrator reopens it: the public reads it as the OIV validated it (`publicComputed`).
 */
async function periodsOf(store: Store, planId: string): Promise<{ all: readonly { id: string; label: string }[]; visible: readonly { id: string; label: string }[] }> {
  const periods = (await store.listPeriods(planId)) ?? [];
  const published = new Set((await store.relazioni.listPublishedPeriods(planId)).map((p) => p.periodId));
  const decision = await store.relazioni.validatedDecision(planId);
  if (decision?.published === true && decision.yearEnd !== null) published.add(decision.yearEnd);
  const visible = periods.filter((p) => p.state === 'closed' || p.state === 'validated' || published.has(p.id));
  return { all: periods, visible };
}

/** The period the public reads: the one asked for if visible, else (none asked) the latest visible one. */
export async function publicPeriod(store: Store, planId: string, requested: string | undefined): Promise<string> {
  const { all, visible } = await periodsOf(store, planId);
  if (requested !== undefined) {
    if (!all.some((p) => p.id === requested)) throw refuse(404, 'not-found', { what: 'period', id: requested });
    const asked = all.find((p) => p.id === requested)!;
    // A shared link to a period not (or no longer) published: said by its label, with the periods the reader may open instead (details, for the screen's links).
    if (!visible.some((p) => p.id === requested))
      throw refuse(
        404,
        'not-found',
        { what: 'unpublished-period', id: requested, label: asked.label, published: visible.map((p) => p.label) },
        { details: { period: { id: asked.id, label: asked.label }, published: visible.map((p) => ({ id: p.id, label: p.label })) } },
      );
    return requested;
  }
  const last = visible[visible.length - 1];
  if (last === undefined) throw refuse(404, 'not-found', { what: 'published-period' });
  return last.id;
}

/** The latest period the public reads (its values only once closed or validated); undefined when none is. */
export async function latestPublicPeriod(store: Store, planId: string): Promise<string | undefined> {
  const { visible } = await periodsOf(store, planId);
  return visible[visible.length - 1]?.id;
}

/**
 * The computed plan the public reads for a period (the one asked for, else the latest it may
 * read): with its values when final, else its targets only (`TreeService.targetsOnly`).
 */
export async function publicComputed({ store, trees }: Pick<Deps, 'store' | 'trees'>, planId: string, requested: string | undefined, dataVersion?: number): Promise<ComputedPlan> {
  const computed = await trees.computed(planId, await publicPeriod(store, planId, requested), dataVersion);
  // The year end reopened after the OIV validated it, the validated Relazione published: as validated.
  const validated = await asValidated({ store, trees }, computed);
  if (validated !== undefined) return validated;
  const again = await closedAgain({ store, trees }, computed);
  if (again !== undefined) return again;
  // Final values (closed or validated) are read as they are; any other period's are provisional.
  return isLocked(computed.snapshot.period.state) ? computed : trees.targetsOnly(computed);
}

/**
 * The year end as the OIV validated it, when the administrator reopened it after the decision (the
 * validation void) while the validated Relazione stays published: what the OIV validated is not
 * provisional, and it is what the published Relazione reports. The plan the Relazione froze (its
 * values as validated; the OIV's own values are stated beside them, `publishedValidation`), with
 * the metadata of the closing the decision was made on, the period said validated, never the
 * reopened period's values: while it takes values again, and once closed again, until a new
 * validation. `reopened` says when it was reopened, which every page says. Undefined otherwise: the
 * year end as decided, another period, the Relazione not validated or withdrawn from publication.
 */
async function asValidated({ store, trees }: Pick<Deps, 'store' | 'trees'>, computed: ComputedPlan): Promise<ComputedPlan | undefined> {
  const { record: plan, period, periods } = computed.snapshot;
  if (periods[periods.length - 1]?.id !== period.id) return undefined;
  const decision = await store.relazioni.validatedDecision(plan.id);
  if (decision === undefined || !decision.published || decision.yearEnd !== period.id) return undefined;
  // Validated: as the decision left it, or validated again by the OIV once closed again (the newer
  // validation holds, its own figures read as they are, nothing said of the reopening).
  if (period.state === 'validated') return undefined;
  // Made again when the Relazione moves (published, withdrawn) or the period's entry does.
  return relazioneReads(trees).keep(`${plan.id}\u0000public-as-validated`, [decision.version, decision.closedSince, computed, computed.dataVersion], async () => {
    const [record, reopening] = await Promise.all([store.relazioni.getRelazione(plan.id), yearEndReopening(store, plan.id, period.id, decision.decidedAt)]);
    if (record?.frozenPlan == null || reopening === null) return undefined;
    const frozen = decision.closingSeq === null ? undefined : await store.frozenSnapshot(plan.id, period.id, decision.closingSeq);
    const asDecided = { ...period, state: 'validated' as const };
    const snapshot: PlanSnapshot = {
      record: plan,
      period: asDecided,
      periods: periods.map((p) => (p.id === period.id ? asDecided : p)),
      plan: record.frozenPlan,
      nodes: frozen?.nodes ?? computed.snapshot.nodes,
      indicators: frozen?.indicators ?? computed.snapshot.indicators,
    };
    const revisions = plan.status === 'adopted' ? ((await store.listRevisions(plan.id)) ?? []) : [];
    const closing =
      frozen === undefined
        ? null
        : { seq: frozen.seq, closedAt: frozen.closedAt, closedBy: frozen.closedBy, closedByName: null, changedAfter: revisionsAfter(revisions, frozen.closedAt), deletedIndicators: [] };
    return trees.asValidated(snapshot, closing, { at: reopening.at, decidedAt: decision.decidedAt, reservations: decision.reservations, figures: 'validated' });
  });
}

/**
 * The year end reopened after the OIV validated it and closed again, the validated Relazione not
 * published (withdrawn) and the period not validated again: its values are final for the office,
 * and the public reads them as any closed period's, but never as if the OIV had validated them —
 * the period's entry with `reopened` (`figures` `closed-again`), which every page says in words
 * (`publicStateText`) and in the open data's `reopenedAt` (`publicPeriodDates`). Until the OIV
 * validates the period again, or the Relazione is published again (then `asValidated`). Undefined
 * otherwise. The entry is the period's own, copied with its own answers (texts, validation), kept
 * while the Relazione and the period's entry stay the same.
 */
async function closedAgain({ store, trees }: Pick<Deps, 'store' | 'trees'>, computed: ComputedPlan): Promise<ComputedPlan | undefined> {
  const { record: plan, period, periods } = computed.snapshot;
  if (period.state !== 'closed' || periods[periods.length - 1]?.id !== period.id) return undefined;
  const decision = await store.relazioni.validatedDecision(plan.id);
  if (decision === undefined || decision.published || decision.yearEnd !== period.id || !decision.closedSince) return undefined;
  return relazioneReads(trees).keep(`${plan.id}\u0000public-closed-again`, [decision.version, computed, computed.dataVersion], async () => {
    const reopening = await yearEndReopening(store, plan.id, period.id, decision.decidedAt);
    if (reopening === null) return undefined;
    const reopened = { at: reopening.at, decidedAt: decision.decidedAt, reservations: decision.reservations, figures: 'closed-again' as const };
    const { validation: _answered, ...rest } = computed;
    return { ...rest, evaluation: computed.evaluation, texts: new Map(), tag: `${computed.tag}\u0000closed-again\u0000${reopening.at}`, reopened };
  });
}

/**
 * What a reuser's script reads of the period beside its state in words (dati.json's `validatedAt`,
 * `reopenedAt`; docs/open-data.md): `validatedAt` the ISO time the OIV validated the figures shown
 * (the period validated: its latest validation, as its own row keeps it, `Store.periodValidatedAt`;
 * the year end read as validated after a reopening: the decision), null when they are not validated
 * figures (or a period validated before that was kept, with no entry on the trail); `reopenedAt` the ISO time the office
 * reopened the year end after the OIV's validation, null when it was not, or was validated again since.
 */
export async function publicPeriodDates(store: Store, computed: ComputedPlan): Promise<{ readonly validatedAt: string | null; readonly reopenedAt: string | null }> {
  const reopened = computed.reopened;
  if (reopened !== undefined) return { validatedAt: reopened.figures === 'validated' ? reopened.decidedAt : null, reopenedAt: reopened.at };
  const { record: plan, period } = computed.snapshot;
  if (period.state === 'validated') return { validatedAt: await store.periodValidatedAt(plan.id, period.id), reopenedAt: null };
  const decision = await store.relazioni.validatedDecision(plan.id);
  if (decision === undefined || decision.yearEnd !== period.id) return { validatedAt: null, reopenedAt: null };
  return { validatedAt: null, reopenedAt: (await yearEndReopening(store, plan.id, period.id, decision.decidedAt))?.at ?? null };
}

/**
 * The state of the period the public reads, in words (`publicPeriodStateWord`); the year end read as
 * the OIV validated it after a reopening says so plainly: reopened on that day, the figures shown
 * those the OIV validated on its day.
 */
export async function publicStateText(store: Store, computed: ComputedPlan, language: Language = 'it'): Promise<string> {
  const reopened = computed.reopened;
  if (reopened !== undefined) return reopenedValidatedText(reopened, language);
  const { record } = computed.snapshot;
  return publicPeriodStateWord(await periodWordOf(store, record.id, computed.snapshot.period, true), language, record.archivedAt !== null);
}

/** The computed plan a reader reads: a signed-in reader any period (the last by default), the public as `publicComputed`. */
export function readerComputed(deps: Pick<Deps, 'store' | 'trees'>, user: UserRecord | null, planId: string, requested: string | undefined, dataVersion?: number): Promise<ComputedPlan> {
  return user === null ? publicComputed(deps, planId, requested, dataVersion) : deps.trees.computed(planId, requested, dataVersion);
}

/**
 * The OIV's validation as the public plan states it beside the reported figures (`publicValidation`:
 * the Relazione's own reading of the validated values), for `computed`, a period the public reads:
 * only once the Relazione is validated (also with reservations) and published, only for its year
 * end (the plan's last period, which the Relazione reports on) read with its values, and only where
 * a figure differs. Undefined otherwise: before the publication, a Relazione not validated, a
 * monitoring period or a period read as its targets alone show the reported figures, nothing more.
 * `forPublic` false: the office's reading, as its tree states it, from the OIV's decision on,
 * published or not (the office's exports: before, they printed the reported figures alone under a
 * year end said «validato dall'OIV», against the office's own screen).
 */
export async function publishedValidation(store: Store, planId: string, computed: ComputedPlan, forPublic = true): Promise<ReportValidation | undefined> {
  if (!isLocked(computed.snapshot.period.state)) return undefined;
  const record = await store.relazioni.getRelazione(planId);
  if (record === undefined || (forPublic && !record.published)) return undefined;
  const periods = (await store.listPeriods(planId)) ?? [];
  if (periods[periods.length - 1]?.id !== computed.snapshot.period.id) return undefined;
  // Closed again after the decision and not read as validated (validated again by the OIV since): the Relazione's figures are not this period's.
  if (computed.reopened?.figures !== 'validated' && (await store.relazioni.validatedDecision(planId))?.closedSince === true) return undefined;
  return validatedFigures(record);
}

/**
 * The figures the OIV validated of a Relazione validated (also with reservations): its values over
 * the plan it froze, as the Relazione reads them (`publicValidation`); undefined when none differs
 * from the reported one, or the Relazione is not validated. The public plan page and the tree read
 * them alike.
 */
export function validatedFigures(record: RelazioneRecord): ReportValidation | undefined {
  if (!isFrozen(record.state) || record.frozenPlan === null || record.values.length === 0) return undefined;
  const figures = publicValidation(evaluatePlan(record.frozenPlan), record.values, {
    decidedAt: record.decidedAt ?? record.updatedAt ?? '',
    reservations: record.state === 'validated_with_reservations',
  });
  return figures === null ? undefined : reportValidation(figures);
}

/**
 * The word of a period's state the documents print (`periodStateWord`): its stored state, except the
 * year end validated with the Relazione the OIV validated with reservations, said
 * `validated_with_reservations` («validato dall'OIV con riserve»), to the public once the Relazione is
 * published (its decision is the OIV's published act). A year end closed again after the decision
 * (reopened by the administrator) is said by its own state. One small query.
 */
export async function periodWordOf(store: Store, planId: string, period: { readonly id: string; readonly state: string }, publicReader: boolean): Promise<string> {
  if (period.state !== 'validated') return period.state;
  const decision = await store.relazioni.validatedDecision(planId);
  const withIt = decision !== undefined && decision.reservations && decision.yearEnd === period.id && !decision.closedSince && (decision.published || !publicReader);
  return withIt ? 'validated_with_reservations' : period.state;
}

/**
 * The OIV's validated figures beside the reported ones, and the decision the period's word follows
 * (the tree's `validation`; made once per decision): the tree and an objective's explanation read
 * the same one, so both say the same of a year end reopened since.
 */
export async function withDecision({ store, trees }: Pick<Deps, 'store' | 'trees'>, computed: ComputedPlan, decision: RelazioneDecision | undefined): Promise<void> {
  const planId = computed.snapshot.record.id;
  await trees.withValidation(
    computed,
    decision,
    async () => {
      const record = await store.relazioni.getRelazione(planId);
      return record === undefined ? undefined : validatedFigures(record);
    },
    async () => (decision === undefined ? null : yearEndReopening(store, planId, computed.snapshot.period.id, decision.decidedAt)),
  );
}
