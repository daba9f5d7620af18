/**
 * A value's review steps as the store reads them, and the one answer to "is this value approved as it
 * stands?" that the review, the evidence files and a value's write all take: a review step is about one
 * version of a value, so an approval whose version is older than the value's is an approval the value
 * has since left behind (superseded: the value is back to review).
 */
import { one, type Queryable, type Row } from './db.js';
import { str } from './shared.js';
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
 * Whether an indicator's value is computed, never entered: a mean of its children's performance.
 * Such a value has nothing to enter or review, so the campaign and the closing leave it out.
 */
export function computedFromChildren(formula: unknown): boolean {
  return formula != null && String(formula).includes('children_mean');
}

/**
 * Each value entered in the period with its state (`valueState`) and its latest step, by indicator,
 * as `q` reads them (under the closing's lock, or in a page's snapshot). Values only: an indicator
 * without one is to enter, which the caller's list of indicators says.
 */
export async function enteredStates(q: Queryable, planId: string, periodId: string): Promise<Map<string, { state: WorkState; version: number; latest: StepOf | undefined }>> {
  const rows = await q.all(
    `WITH latest AS (SELECT indicator_id, MAX(id) AS id FROM measurement_reviews WHERE plan_id = ? AND period_id = ? GROUP BY indicator_id)
     SELECT m.indicator_id, m.version, r.action, r.measurement_version
     FROM measurements m LEFT JOIN latest l ON l.indicator_id = m.indicator_id LEFT JOIN measurement_reviews r ON r.id = l.id
     WHERE m.plan_id = ? AND m.period_id = ?`,
    [planId, periodId, planId, periodId],
  );
  const out = new Map<string, { state: WorkState; version: number; latest: StepOf | undefined }>();
  for (const r of rows) {
    const version = Number(r.version);
    const latest = r.action == null ? undefined : { action: r.action as ReviewAction, measurementVersion: Number(r.measurement_version) };
    out.set(String(r.indicator_id), { state: valueState(version, latest), version, latest });
  }
  return out;
}

/**
 * The approval the value left behind: its latest step approves an earlier version, so the value was
 * changed after it and waits to be reviewed again (the worklist says «da rivedere» and who approved).
 */
export function supersededApproval<S extends StepOf>(latest: S | undefined, version: number | undefined): S | undefined {
  return latest !== undefined && version !== undefined && latest.action === 'approve' && latest.measurementVersion < version ? latest : undefined;
}
