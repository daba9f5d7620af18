/**
 * A value's review steps as the store reads them, and the one answer to "is this value approved as it
 * stands?" that the review, the evidence files and a value's write all take: a review step is about one
 * version of a value, so an approval whose version is older than the value's is an approval the value
 * has since left behind (superseded: the value is back to review).
 */
import { computedFromChildren } from '../core/index.js';
import { formulaFromJson, parse } from './codec.js';
import { one, type Db, type Queryable, type Row } from './db.js';
import { byCode, str } from './shared.js';
import type { ReviewAction, ReviewRecord } from './types.js';
import type { WorkState } from '../contract/campaign-states.js';

/** Review steps with their author's display name (the thread names the person, as the rest of the app does). */
export const STEPS = `SELECT r.*, u.display_name AS by_name FROM measurement_reviews r LEFT JOIN users u ON u.id = r.user_id`;

export function reviewRecord(r: Row): ReviewRecord {
  return {
    id: Number(r.id),
    indicatorId: String(r.indicator_id),
    periodId: String(r.period_id),
    measurementVersion: Number(r.measurement_version),
    action: r.action as ReviewAction,
    note: str(r.note),
    by: String(r.username),
    byName: r.by_name == null ? String(r.username) : String(r.by_name),
    at: String(r.at),
  };
}

/** The value's latest review step (undefined: never reviewed), read in `q`. */
export async function latestStep(q: Queryable, planId: string, indicatorId: string, periodId: string): Promise<ReviewRecord | undefined> {
  const last = await one(q, `${STEPS} WHERE r.plan_id = ? AND r.indicator_id = ? AND r.period_id = ? ORDER BY r.id DESC LIMIT 1`, [planId, indicatorId, periodId]);
  return last === undefined ? undefined : reviewRecord(last);
}

/** What of a review step its value's state depends on: what it did, to which version. */
export type StepOf = Pick<ReviewRecord, 'action' | 'measurementVersion'>;

/** The approval standing on the value at `version`: its latest step, when that approves this very version. */
export function approvalAsItStands<S extends StepOf>(latest: S | undefined, version: number | undefined): S | undefined {
  return latest !== undefined && latest.action === 'approve' && latest.measurementVersion === version ? latest : undefined;
}

/**
 * A value's state by its latest review step, the one rule of «entered and not reviewed as it
 * stands»: approved only while the approval is of the value as it stands (`approvalAsItStands`),
 * sent back only while the request is about it; anything else entered (never reviewed, answered,
 * changed after its approval or its request) waits for review. The campaign's lists
 * (server/campaign.ts `stateOf`), the review list's pages and the closing's refusal all take it.
 */
export function valueState(version: number | undefined, latest: StepOf | undefined): WorkState {
  if (version === undefined) return 'to_enter';
  if (approvalAsItStands(latest, version) !== undefined) return 'approved';
  return latest !== undefined && latest.measurementVersion === version && latest.action === 'return' ? 'returned' : 'entered';
}

/**
 * `computedFromChildren` (core/model.ts) of a formula as the indicators table stores it, JSON text
 * or null: read as a formula first, so only its kind decides, never a base measure's name in the text.
 */
export function storedComputedFromChildren(formula: unknown): boolean {
  return formula != null && computedFromChildren(formulaFromJson(parse(formula)));
}

/** A value entered in the period, with its indicator's name and objective and its state by the one rule (`valueState`). */
export interface EnteredValue {
  readonly indicatorId: string;
  readonly indicator: string;
  readonly node: string;
  readonly state: WorkState;
  readonly version: number;
  readonly latest: StepOf | undefined;
}

/** The latest review step's columns of a row (`action`, `measurement_version`; null: never reviewed). */
function stepOfRow(r: Row): StepOf | undefined {
  return r.action == null ? undefined : { action: r.action as ReviewAction, measurementVersion: Number(r.measurement_version) };
}

/** The period's values with their version and latest review step: `columns` more of the value, `join` more tables, `order` the rows' order. */
function valuesWithLatestStep(q: Queryable, planId: string, periodId: string, more: { columns: string; join: string; order: string }): Promise<Row[]> {
  return q.all(
    `WITH latest AS (SELECT indicator_id, MAX(id) AS id FROM measurement_reviews WHERE plan_id = ? AND period_id = ? GROUP BY indicator_id)
     SELECT m.indicator_id, m.version, r.action, r.measurement_version${more.columns}
     FROM measurements m${more.join}
     LEFT JOIN latest l ON l.indicator_id = m.indicator_id LEFT JOIN measurement_reviews r ON r.id = l.id
     WHERE m.plan_id = ? AND m.period_id = ?${more.order}`,
    [planId, periodId, planId, periodId],
  );
}

/**
 * The values entered in the period, each with its state (`valueState`) and its latest step, as `q`
 * reads them (under the closing's lock, or in a page's snapshot): the period's values joined with
 * their indicators alone, never the plan's other indicators (an indicator without a value is to
 * enter, which the caller's list of indicators says), in plan order (objective code, position). A
 * mean of the children is computed, never entered, so it is left out (`computedFromChildren`, on
 * the formula as read): the closing's count and the campaign's lists leave out the same values, as
 * the review list's pages do by their list of indicators (`valueStates`).
 */
export async function enteredValues(q: Queryable, db: Pick<Db, 'dialect'>, planId: string, periodId: string): Promise<EnteredValue[]> {
  const rows = await valuesWithLatestStep(q, planId, periodId, {
    columns: ', i.name, i.node_code, i.formula',
    join: ' JOIN indicators i ON i.plan_id = m.plan_id AND i.id = m.indicator_id',
    // Code-point order on both backends (`byCode`), as the worklist and the variances list them.
    order: ` ORDER BY ${byCode(db, 'i.node_code')}, i.position, ${byCode(db, 'i.id')}`,
  });
  const out: EnteredValue[] = [];
  for (const r of rows) {
    if (storedComputedFromChildren(r.formula)) continue;
    const version = Number(r.version);
    const latest = stepOfRow(r);
    out.push({ indicatorId: String(r.indicator_id), indicator: String(r.name), node: String(r.node_code), state: valueState(version, latest), version, latest });
  }
  return out;
}

/**
 * The state (`valueState`) of each value entered in the period, by indicator id, read without its
 * indicator: for a caller whose own list of indicators already leaves the means of the children
 * out and gives the order (the review list's pages), so no value's formula is read and tested again.
 */
export async function valueStates(q: Queryable, planId: string, periodId: string): Promise<Map<string, WorkState>> {
  const rows = await valuesWithLatestStep(q, planId, periodId, { columns: '', join: '', order: '' });
  return new Map(rows.map((r) => [String(r.indicator_id), valueState(Number(r.version), stepOfRow(r))]));
}

/**
 * The approval the value left behind: its latest step approves an earlier version, so the value was
 * changed after it and waits to be reviewed again (the worklist says «da rivedere» and who approved).
 */
export function supersededApproval<S extends StepOf>(latest: S | undefined, version: number | undefined): S | undefined {
  return latest !== undefined && version !== undefined && latest.action === 'approve' && latest.measurementVersion < version ? latest : undefined;
}
