/**
 * What changed between two versions of a plan: two periods of one plan (the 30/06 monitoring
 * against the year end), a plan against its revision, or a period against itself as it was last
 * closed (what a reopening changed). The OIV and the controllo di gestione read it before
 * validating; the plan group lists the target and weight changes to disclose.
 */
import {
  comparePlans,
  compareValueRecords,
  evaluatePlan,
  measuredState,
  withoutValues,
  type Evaluation,
  type Indicator,
  type Language,
  type Plan,
  type PlanChange,
  type ValueRecord,
} from '../../core/index.js';
import { isLocked, type FrozenSnapshot, type IndicatorMeta, type MeasurementRecord } from '../../store/index.js';
import { type ChangeDocument, type ChangesAnswer, ChangesAnswerSchema } from '../../contract/index.js';
import { actualText, amountJson, changesDocument } from '../../io/json.js';
import type { RouteModule } from '../api.js';
import { currentUser } from '../auth.js';
import { issueOf, refuse } from '../errors.js';
import { readerComputed } from '../public-periods.js';
import { flagQuery, param, replyLanguage } from '../validation.js';
import { readablePlan } from '../plan-access.js';
import { type ActorNamer } from '../actor-names.js';

/** Each indicator's source and evidence as recorded in the period (indicators with a value only). */
function valueRecords(indicators: ReadonlyMap<string, IndicatorMeta>): Map<string, ValueRecord> {
  const records = new Map<string, ValueRecord>();
  for (const [id, meta] of indicators) if (meta.measurement !== null) records.set(id, { source: meta.measurement.source, evidence: meta.measurement.evidence });
  return records;
}

/** The source and evidence changes after the actuals' (the plan's order groups nothing), before the performances. */
function withValueRecords(changes: readonly PlanChange[], records: readonly PlanChange[]): PlanChange[] {
  let at = changes.findIndex((c) => c.group === 'result');
  for (let k = 0; k < changes.length; k++) if (changes[k]!.group === 'measurement') at = k + 1;
  if (at === -1) at = changes.length;
  return [...changes.slice(0, at), ...records, ...changes.slice(at)];
}

/**
 * Each `indicator-removed` change whose indicator a revision deleted with the closing's value beside
 * its definition, read-only: deleted while the period was closed, the value the deletion kept
 * (`keptValue`, `kept-records.ts`); deleted after the period was reopened, its value removed with
 * the user's confirmation (the revision change's `removedValues`), the value the closing froze
 * (`closingValue`), which no live row holds any more. The change names the indicator by its
 * objective and name, not its id: a removed one is matched to the closing's deleted indicators of
 * that objective and name, in the closing's order, as the comparison lists them. Who entered it by
 * name (`nameOf`).
 */
function withClosingValues(
  changes: ChangeDocument[],
  closing: Evaluation,
  frozen: FrozenSnapshot | undefined,
  later: Plan,
  kept: ReadonlyMap<string, MeasurementRecord>,
  language: Language,
  nameOf: ActorNamer,
): ChangeDocument[] {
  if (kept.size === 0 && frozen === undefined) return changes;
  const present = new Set(later.nodes.flatMap((n) => n.indicators.map((i) => i.id)));
  const deleted = closing.plan.nodes.flatMap((n) => n.indicators.filter((i) => !present.has(i.id)).map((i) => ({ code: n.code, indicator: i })));
  /** The closing's state and actual of the indicator whose value `value` is, in the table's format. */
  const shown = (indicator: Indicator, value: MeasurementRecord | null) => {
    // A derived indicator's actual is made from its base measures, as the closing made it; an
    // indicator the snapshot holds no record of (an older closing's) is read from the closing's plan.
    const computed = indicator.formula === null && value !== null ? undefined : closing.indicator(indicator.id);
    // The closing's own plan: never one whose values are withheld (the public is given no closing value).
    const state = computed === undefined ? value!.state : measuredState(computed.state);
    const actual = computed === undefined ? value!.actual : computed.actual;
    return { state, actual: amountJson(actual), actualText: actualText(state, actual, indicator, language) };
  };
  return changes.map((c) => {
    if (c.kind !== 'indicator-removed') return c;
    const at = deleted.findIndex((d) => d.code === c.code && d.indicator.name === c.indicator);
    if (at === -1) return c;
    const { indicator } = deleted.splice(at, 1)[0]!;
    const value = kept.get(indicator.id);
    if (value !== undefined) return { ...c, keptValue: { ...shown(indicator, value), enteredBy: value.enteredBy, enteredByName: nameOf(value.enteredBy), enteredAt: value.enteredAt } };
    const record = frozen?.indicators.get(indicator.id)?.measurement ?? null;
    // An indicator the closing held no value of has nothing to show.
    if (frozen === undefined || (record === null && (closing.indicator(indicator.id)?.state ?? 'not_measured') === 'not_measured')) return c;
    return { ...c, closingValue: { ...shown(indicator, record), enteredBy: record?.enteredBy ?? null, enteredByName: nameOf(record?.enteredBy ?? null), enteredAt: record?.enteredAt ?? null } };
  });
}

export const changeRoutes: RouteModule = (api, deps) => {
  const { store, trees } = deps;
  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/changes',
      tag: 'tree',
      summary: 'What changed from an earlier version (another period of this plan, or another plan) to this one (as `albero diff --json`)',
      roles: 'everyone',
      access: 'signed in; the public for published plans (both must be readable), and only periods whose values it reads (closed, validated or published; the default: the latest such)',
      query: {
        period: 'the period of this plan (default: the year end; for the public, the latest period whose values are published)',
        against: 'the earlier plan (default: this plan)',
        againstPeriod: "the earlier plan's period (default: its year end)",
        againstClosing: 'true: compare the period with itself as it was last closed (what a reopening changed)',
      },
      responses: {
        200: { description: '{before, after, counts, changes}', schema: ChangesAnswerSchema },
        400: 'nothing to compare (neither against, againstPeriod nor againstClosing)',
        404: 'unknown plan or period, a period never closed, or (public) a period whose values are not published',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      // The changes' words and numbers (rules, legend, states, decimals) in the reader's language.
      const language = replyLanguage(c);
      c.header('Content-Language', language);
      c.header('Vary', 'Accept-Language', { append: true });
      const requestedPeriod = c.req.query('period') || undefined;
      const against = c.req.query('against') || planId;
      const requestedAgainstPeriod = c.req.query('againstPeriod') || undefined;
      // The public compares only what it may read: each side's period closed or validated, or the
      // targets of one published while still taking values (then both sides without values, or the
      // comparison would list the final values as gone).
      const user = currentUser(c);
      const anonymous = user === null;
      const againstClosing = flagQuery(c, 'againstClosing');
      if (againstClosing) {
        await readablePlan(c, store, planId);
        const later = await readerComputed(deps, user, planId, requestedPeriod);
        const closing = await store.lastClosing(planId, later.snapshot.period.id);
        if (closing === undefined) throw refuse(404, 'not-found', { what: 'closing', id: later.snapshot.period.id });
        // The closing froze each value's source and evidence beside it: a reopening that corrected
        // only those is listed too, with the actuals (the public never reads them).
        const frozen = anonymous ? undefined : await store.frozenSnapshot(planId, closing.periodId, closing.seq);
        const records = frozen === undefined ? [] : compareValueRecords(later.snapshot.plan, valueRecords(frozen.indicators), valueRecords(later.snapshot.indicators));
        // The public reads a period still taking values as its targets alone: both sides without values.
        const bare = anonymous && !isLocked(later.snapshot.period.state);
        const closed = evaluatePlan(bare ? withoutValues(closing.plan) : closing.plan);
        const document = changesDocument(withValueRecords(comparePlans(closed, later.evaluation), records), language);
        // The deleted indicators' values at the closing, with who entered them: the office's record, never the public's.
        const kept = anonymous ? new Map<string, MeasurementRecord>() : await store.keptValues(planId, closing.periodId);
        // Who closed it is the office's, as on the tree (`publicClosing`): the public reads when, not whom.
        // Named as the tree names them: the server's names of the accounts, in the reader's words.
        const nameOf = await deps.names.namer(language);
        const closer = anonymous ? { closedBy: null, closedByName: null } : { closedBy: closing.closedBy, closedByName: nameOf(closing.closedBy) ?? closing.closedByName };
        return reply(200, {
          before: { planId, period: closing.periodId, closing: { seq: closing.seq, closedAt: closing.closedAt, ...closer } },
          after: { planId, period: later.snapshot.period.id },
          ...document,
          changes: withClosingValues(document.changes, closed, frozen, later.snapshot.plan, kept, language, nameOf),
        } satisfies ChangesAnswer);
      }
      if (against === planId && requestedAgainstPeriod === undefined) {
        throw refuse(400, 'invalid-query', { field: 'against', problem: 'compare-with' }, { issues: [issueOf('invalid-query', { field: 'against', problem: 'compare-with' }, { field: 'against' })] });
      }
      await readablePlan(c, store, planId);
      if (against !== planId) await readablePlan(c, store, against);
      // This plan's period first: a refusal of both sides names this one (no period published yet).
      let later = await readerComputed(deps, user, planId, requestedPeriod);
      let earlier = await readerComputed(deps, user, against, requestedAgainstPeriod);
      // A side still taking values is read as its targets already (`readerComputed`): the final side joins it.
      const asTargets = (side: typeof later) => (isLocked(side.snapshot.period.state) ? trees.targetsOnly(side) : side);
      if (anonymous && !(isLocked(earlier.snapshot.period.state) && isLocked(later.snapshot.period.state))) [earlier, later] = await Promise.all([asTargets(earlier), asTargets(later)]);
      return reply(200, {
        before: { planId: against, period: earlier.snapshot.period.id },
        after: { planId, period: later.snapshot.period.id },
        ...changesDocument(comparePlans(earlier.evaluation, later.evaluation), language),
      } satisfies ChangesAnswer);
    },
  );
};
