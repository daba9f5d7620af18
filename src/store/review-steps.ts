/**
 * A value's review steps as the store reads them, and the one answer to "is this value approved as it
 * stands?" that the review, the evidence files and a value's write all take: a review step is about one
 * version of a value, so an approval whose version is older than the value's is an approval the value
 * has since left behind (superseded: the value is back to review).
 */
import { one, type Queryable, type Row } from './db.js';
import { str } from './shared.js';
import type { ReviewAction, ReviewRecord } from './types.js';

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

/** The approval standing on the value at `version`: its latest step, when that approves this very version. */
export function approvalAsItStands(latest: ReviewRecord | undefined, version: number | undefined): ReviewRecord | undefined {
  return latest !== undefined && latest.action === 'approve' && latest.measurementVersion === version ? latest : undefined;
}

/**
 * The approval the value left behind: its latest step approves an earlier version, so the value was
 * changed after it and waits to be reviewed again (the worklist says «da rivedere» and who approved).
 */
export function supersededApproval(latest: ReviewRecord | undefined, version: number | undefined): ReviewRecord | undefined {
  return latest !== undefined && version !== undefined && latest.action === 'approve' && latest.measurementVersion < version ? latest : undefined;
}
