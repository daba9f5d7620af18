/**
 * Rows as records: a plan, a period, a stored value, as the store reads them back in every module
 * (the same columns whichever aggregate reads them).
 */
import { reasonText, type Measurement } from '../core/index.js';
import { amountFromJson, amountToJson, inputsFromJson, inputsToJson, parse, sameStored } from './codec.js';
import { one, type Queryable, type Row } from './db.js';
import { planAct } from './revisions.js';
import { str, type SavedAs } from './shared.js';
import type { MeasurementRecord, PeriodRecord, PeriodState, PlanRecord } from './types.js';

export const PLAN_SELECT = `SELECT p.id, o.name AS organisation, p.title, p.year, p.version, p.published, p.created_at, p.updated_at, p.data_version, p.status, p.act_kind, p.act_number, p.act_date, p.adopted_at, p.adopted_by, p.archived_at, p.edit_version, p.edited_by, p.edited_at, (SELECT r.seq FROM plan_revisions r WHERE r.plan_id = p.id AND r.status = 'open') AS open_revision FROM plans p JOIN organisations o ON o.id = p.organisation_id`;

export function planRecord(r: Row): PlanRecord {
  return {
    id: String(r.id),
    organisation: String(r.organisation),
    title: String(r.title),
    year: Number(r.year),
    version: r.version as PlanRecord['version'],
    published: Number(r.published) === 1,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    dataVersion: Number(r.data_version),
    status: r.status === 'adopted' ? 'adopted' : 'draft',
    adoption: r.status === 'adopted' ? { act: planAct(r)!, adoptedAt: String(r.adopted_at), adoptedBy: str(r.adopted_by) } : null,
    archivedAt: str(r.archived_at),
    openRevision: r.open_revision === null || r.open_revision === undefined ? null : Number(r.open_revision),
    editVersion: Number(r.edit_version),
    editedBy: str(r.edited_by),
    editedAt: str(r.edited_at),
  };
}

/** A plan's record, or undefined when there is none; `lock` is appended to the query (e.g. ` FOR UPDATE OF p`). */
export async function readPlanRecord(q: Queryable, planId: string, lock = ''): Promise<PlanRecord | undefined> {
  const r = await one(q, `${PLAN_SELECT} WHERE p.id = ?${lock}`, [planId]);
  return r === undefined ? undefined : planRecord(r);
}

export function periodRecord(r: Row): PeriodRecord {
  return {
    id: String(r.id),
    label: String(r.label),
    endsOn: String(r.ends_on),
    state: r.state as PeriodState,
    updatedAt: String(r.updated_at),
    deadline: r.deadline === null || r.deadline === undefined ? null : String(r.deadline),
    version: Number(r.version),
  };
}

/** Who last changed a period and when, with its version (what a stale save's refusal tells). */
export function periodSaved(r: Row): SavedAs {
  return { version: Number(r.version), updatedBy: str(r.updated_by), updatedAt: str(r.updated_at) };
}

/** Who last changed a plan's own fields and when, with their version. */
export function planSaved(p: PlanRecord): SavedAs {
  return { version: p.editVersion, updatedBy: p.editedBy, updatedAt: p.editedAt };
}

export function measurementRecord(r: Row): MeasurementRecord {
  const inputs = parse(r.inputs) as Record<string, string> | null;
  return {
    indicatorId: String(r.indicator_id),
    periodId: String(r.period_id),
    state: r.state as MeasurementRecord['state'],
    actual: amountFromJson(parse(r.actual)),
    inputs: inputs === null ? null : inputsFromJson(inputs),
    reason: str(r.reason),
    evidence: str(r.evidence),
    source: str(r.source),
    notes: str(r.notes),
    enteredBy: str(r.entered_by),
    enteredAt: String(r.entered_at),
    version: Number(r.version),
  };
}

/** A measurement as the audit trail keeps it: plain JSON (a reason the program wrote as its code). */
export function measurementJson(m: MeasurementRecord | undefined): Record<string, unknown> | null {
  if (m === undefined) return null;
  return {
    state: m.state,
    actual: amountToJson(m.actual),
    inputs: m.inputs === null ? null : inputsToJson(m.inputs),
    reason: m.reason,
    evidence: m.evidence,
    source: m.source,
    notes: m.notes,
    enteredBy: m.enteredBy,
    enteredAt: m.enteredAt,
    version: m.version,
  };
}

/**
 * Whether two rows say the same value: state, figure (12,50 is 12,5), base measures, reason,
 * evidence, source and notes; who entered it, when and its version aside.
 */
export function sameValue(a: MeasurementRecord, b: MeasurementRecord): boolean {
  const said = (m: MeasurementRecord) => ({ ...measurementJson(m), enteredBy: null, enteredAt: null, version: null });
  return sameStored(said(a), said(b));
}

/** A measurement as the API's conflict details show it: its JSON, a reason the program wrote in its Italian words (as stored before migration 80). */
export function measurementDetails(m: MeasurementRecord | undefined): Record<string, unknown> | null {
  const json = measurementJson(m);
  return json === null || typeof json.reason !== 'string' ? json : { ...json, reason: reasonText(json.reason, 'it') };
}

/**
 * A stale save's `details.current` of a value: the stored value (`measurementDetails`) with who saved it
 * and when as every stale save says them (`updatedBy`, `updatedAt`; the edge names the person), so a
 * screen names the other desk as it does for a plan, a period, a variance or a forecast.
 */
export function measurementSavedAs(m: MeasurementRecord | undefined): Record<string, unknown> | null {
  const details = measurementDetails(m);
  return details === null || m === undefined ? details : { ...details, updatedBy: m.enteredBy, updatedAt: m.enteredAt };
}

/** A stored value as the engine's `Measurement` (nothing stored: not measured). */
export function toMeasurement(m: MeasurementRecord | null): Measurement {
  if (m === null) return { state: 'not_measured' };
  switch (m.state) {
    case 'measured':
      return { state: 'measured', ...(m.actual !== null ? { actual: m.actual } : {}), ...(m.inputs !== null ? { inputs: m.inputs } : {}) };
    case 'not_evaluable':
      return { state: 'not_evaluable', reason: m.reason ?? '' };
    case 'not_measured':
      // A row saved as not measured: declared so (it counts as entered), unlike no row at all.
      return { state: 'not_measured', declared: { reason: m.reason === null || m.reason.trim() === '' ? null : m.reason } };
    default:
      return { state: m.state };
  }
}
