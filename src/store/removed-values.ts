/**
 * What deleting an objective or an indicator takes with it from the periods. Its values, evidence
 * files and review steps are stored against the indicator and go with its row; those of the periods
 * still open are the referenti's work of this year, so the deletion waits until the user has been
 * told (`values-to-remove`, what each period would lose) and confirms, and then keeps them in its
 * revision change and audit entry (`removedValues`), read back in the register. A closed or
 * validated period loses nothing: its values, reviews and evidence files are kept whole, with every
 * comment thread, by `kept-records.ts`, so they are neither asked about nor listed here.
 */
import type { PeriodLoss, ValuesToRemove } from '../contract/index.js';
import type { Queryable, Row } from './db.js';
import { attachmentJson, attachmentRecord } from './attachments.js';
import { isLocked } from './periods.js';
import { measurementJson, measurementRecord } from './records.js';
import { refuse } from './revisions.js';
import type { PeriodState, Result } from './types.js';

/** The indicators a deletion takes: one, or every indicator of an objective. */
export type Removed = { readonly indicator: string } | { readonly node: string };

/** The rows of `table` (aliased `t`) of the removed indicators, with their period's label and state. */
function rowsOf(q: Queryable, table: string, columns: string, planId: string, removed: Removed, order: string): Promise<Row[]> {
  const scope = 'indicator' in removed ? 't.indicator_id = ?' : 't.indicator_id IN (SELECT id FROM indicators WHERE plan_id = ? AND node_code = ?)';
  const params = 'indicator' in removed ? [planId, removed.indicator] : [planId, planId, removed.node];
  return q.all(
    `SELECT ${columns}, p.label AS period_label, p.state AS period_state, p.ends_on AS period_ends FROM ${table} t JOIN periods p ON p.plan_id = t.plan_id AND p.id = t.period_id WHERE t.plan_id = ? AND ${scope} ORDER BY p.ends_on, p.id, t.indicator_id, ${order}`,
    params,
  );
}

const open = (r: Row): boolean => !isLocked(r.period_state as PeriodState);

/**
 * The values of the removed indicators in the periods still open, whole, as the register keeps them:
 * the period, the indicator, the value with who entered it and its source, its evidence files (by
 * name and SHA-256, never their bytes) and its last review step. Or the refusal that says what would
 * be lost, when the caller has not confirmed it.
 */
export async function removedValues(q: Queryable, planId: string, removed: Removed, confirmed: boolean): Promise<Result<Record<string, unknown>[]>> {
  const files = (
    await rowsOf(q, 'attachments', 't.id, t.plan_id, t.indicator_id, t.period_id, t.name, t.media_type, t.size, t.sha256, t.uploaded_by, t.uploaded_at', planId, removed, 't.uploaded_at, t.id')
  ).filter(open);
  const values = (await rowsOf(q, 'measurements', 't.*', planId, removed, 't.period_id')).filter(open);
  const reviews = (await rowsOf(q, 'measurement_reviews', 't.*', planId, removed, 't.id')).filter(open);
  const key = (r: Row): string => `${String(r.period_ends)}\u0000${String(r.period_id)}\u0000${String(r.indicator_id)}`;
  const kept = new Map<string, Record<string, unknown>>();
  const entry = (r: Row): Record<string, unknown> => {
    let e = kept.get(key(r));
    if (e === undefined) {
      e = { period: String(r.period_id), periodLabel: String(r.period_label), indicator: String(r.indicator_id), value: null, files: [], review: null };
      kept.set(key(r), e);
    }
    return e;
  };
  for (const r of values) {
    // The value as the audit trail keeps every value (who entered it, when, from which source).
    entry(r).value = measurementJson(measurementRecord(r));
  }
  for (const r of files) (entry(r).files as unknown[]).push({ ...attachmentJson(attachmentRecord(r)), uploadedBy: r.uploaded_by ?? null, uploadedAt: String(r.uploaded_at) });
  // The last step of the review, as the campaign shows it (a step about an older version is stale).
  for (const r of reviews) entry(r).review = { action: String(r.action), by: String(r.username), at: String(r.at), note: r.note ?? null, measurementVersion: Number(r.measurement_version) };
  const lost = [...kept.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  if (!confirmed) {
    const periods = periodLosses(lost);
    if (periods.length > 0) {
      const details: ValuesToRemove = { values: periods.reduce((n, p) => n + p.values, 0), files: periods.reduce((n, p) => n + p.files, 0), periods };
      return refuse('values-to-remove', { values: details.values, files: details.files, periods: periods.map((p) => p.label) }, details);
    }
  }
  return { ok: true, value: lost };
}

/** Per open period, the values (measured, not achieved, not evaluable) and files a deletion takes; periods losing neither are left out. */
function periodLosses(lost: readonly Record<string, unknown>[]): PeriodLoss[] {
  const byPeriod = new Map<string, PeriodLoss>();
  for (const e of lost) {
    const value = e.value as { state: string } | null;
    const counted = { values: value !== null && value.state !== 'not_measured' ? 1 : 0, files: (e.files as unknown[]).length };
    if (counted.values + counted.files === 0) continue;
    const was = byPeriod.get(String(e.period)) ?? { period: String(e.period), label: String(e.periodLabel), values: 0, files: 0 };
    byPeriod.set(String(e.period), { ...was, values: was.values + counted.values, files: was.files + counted.files });
  }
  return [...byPeriod.values()];
}
