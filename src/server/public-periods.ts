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
import { isLocked, type RelazioneRecord, type Store, type UserRecord } from '../store/index.js';
import type { Deps } from './api.js';
import { refuse } from './errors.js';
import type { ComputedPlan } from './tree.js';

/** The periods the public reads (closed, validated or published), oldest first, and every period of the plan. */
async function periodsOf(store: Store, planId: string): Promise<{ all: readonly { id: string; label: string }[]; visible: readonly { id: string; label: string }[] }> {
  const periods = (await store.listPeriods(planId)) ?? [];
  const published = new Set((await store.relazioni.listPublishedPeriods(planId)).map((p) => p.periodId));
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
  // Final values (closed or validated) are read as they are; any other period's are provisional.
  return isLocked(computed.snapshot.period.state) ? computed : trees.targetsOnly(computed);
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
 */
export async function publishedValidation(store: Store, planId: string, computed: ComputedPlan): Promise<ReportValidation | undefined> {
  if (!isLocked(computed.snapshot.period.state)) return undefined;
  const record = await store.relazioni.getRelazione(planId);
  if (record === undefined || !record.published) return undefined;
  const periods = (await store.listPeriods(planId)) ?? [];
  if (periods[periods.length - 1]?.id !== computed.snapshot.period.id) return undefined;
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
