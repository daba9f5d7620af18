/**
 * The audit trail as the store's aggregate modules write it (attachments, comments, variances,
 * reminders): the same append-only table and columns as the plan store's own entries, in the
 * caller's transaction, so an accepted change and its entry are stored together or not at all.
 */
import { parse } from './codec.js';
import type { Param, Queryable } from './db.js';
import { str, touch } from './shared.js';
import type { Actor, AuditEntry, AuditQuery } from './types.js';

export interface AuditWrite {
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly planId?: string | null;
  readonly node?: string | null;
  readonly indicator?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly reason?: string | null;
}

/** The audit table's columns as an entry is written (its id is the database's). */
export const AUDIT_COLUMNS = ['at', 'user_id', 'username', 'action', 'entity', 'entity_id', 'plan_id', 'node_code', 'indicator_id', 'before', 'after', 'reason'] as const;

/** An entry's values in `AUDIT_COLUMNS` order: one written alone (`recordAudit`), or many at once. */
export function auditRow(actor: Actor, entry: AuditWrite, at = new Date().toISOString()): Param[] {
  return [
    at,
    actor.id,
    actor.username,
    entry.action,
    entry.entity,
    entry.entityId,
    entry.planId ?? null,
    entry.node ?? null,
    entry.indicator ?? null,
    entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    entry.reason ?? null,
  ];
}

/**
 * Who saved the version `version` of an objective, an indicator or a unit of the registry (`planId`
 * null: a unit belongs to no plan), and when, for a stale save's refusal: their rows keep no author,
 * the trail does (every change to them writes its entry in the same transaction, so the latest is
 * the one that made the current version). Null when that entry says another version (or none is
 * there): better left unnamed than named wrong.
 */
export async function savedVersion(tx: Queryable, planId: string | null, entity: 'node' | 'indicator' | 'unit', id: string, version: number): Promise<{ updatedBy: string; updatedAt: string } | null> {
  const rows =
    planId === null
      ? await tx.all(`SELECT username, at, after FROM audit WHERE plan_id IS NULL AND entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`, [entity, id])
      : await tx.all(`SELECT username, at, after FROM audit WHERE plan_id = ? AND entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`, [planId, entity, id]);
  const last = rows[0];
  if (last === undefined) return null;
  const after = parse(last.after);
  const saved = after !== null && typeof after === 'object' && 'version' in after ? (after as { version: unknown }).version : undefined;
  if (saved !== undefined && Number(saved) !== version) return null;
  return { updatedBy: String(last.username), updatedAt: String(last.at) };
}

/**
 * Who gave an indicator its unit `unit` and when, for a value refused because the unit changed after
 * the screen read it: the trail's latest entry of the indicator that changed its unit (or created it),
 * written in the change's own transaction. Null when that entry set another unit (or none is there,
 * e.g. a plan imported whole): better left unnamed than named wrong.
 */
export async function unitSetBy(tx: Queryable, planId: string, indicatorId: string, unit: string): Promise<{ updatedBy: string; updatedAt: string } | null> {
  const rows = await tx.all(`SELECT username, at, before, after FROM audit WHERE plan_id = ? AND entity = 'indicator' AND entity_id = ? ORDER BY id DESC`, [planId, indicatorId]);
  const unitOf = (side: unknown): unknown => (side !== null && typeof side === 'object' && 'unit' in side ? (side as { unit: unknown }).unit : undefined);
  for (const r of rows) {
    const [before, after] = [unitOf(parse(r.before)), unitOf(parse(r.after))];
    // An entry that did not touch the unit (a name, a weight, a deletion) is not the one.
    if (after === undefined || after === before) continue;
    return after === unit ? { updatedBy: String(r.username), updatedAt: String(r.at) } : null;
  }
  return null;
}

export async function recordAudit(tx: Queryable, actor: Actor, entry: AuditWrite, at = new Date().toISOString()): Promise<void> {
  await tx.run(`INSERT INTO audit (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`, auditRow(actor, entry, at));
}

/**
 * The tail of a change to a plan, in the change's transaction: the plan's data version bumped (the
 * cache key of its evaluations) and the entry written.
 */
export async function recordPlanChange(tx: Queryable, actor: Actor, entry: AuditWrite & { readonly planId: string }, at?: string): Promise<void> {
  await touch(tx, entry.planId);
  await recordAudit(tx, actor, entry, at);
}

/** The trail, newest first, narrowed to a plan (or plans), an objective or an indicator. */
export async function listAudit(q: Queryable, query: AuditQuery): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: Param[] = [];
  if (query.planId !== undefined) (where.push('plan_id = ?'), params.push(query.planId));
  if (query.plans !== undefined) {
    if (query.plans.length === 0) return [];
    where.push(`plan_id IN (${query.plans.map(() => '?').join(', ')})`);
    params.push(...query.plans);
  }
  if (query.node !== undefined) (where.push('node_code = ?'), params.push(query.node));
  if (query.indicator !== undefined) (where.push('indicator_id = ?'), params.push(query.indicator));
  if (query.entity !== undefined) (where.push('entity = ?'), params.push(query.entity));
  if (query.entityId !== undefined) (where.push('entity_id = ?'), params.push(query.entityId));
  if (query.restricted !== undefined && query.restricted.entities.length > 0) {
    const { entities, indicators } = query.restricted;
    let clause = `entity NOT IN (${entities.map(() => '?').join(', ')})`;
    params.push(...entities);
    for (const [plan, ids] of indicators) {
      if (ids.length === 0) continue;
      clause += ` OR (plan_id = ? AND indicator_id IN (${ids.map(() => '?').join(', ')}))`;
      params.push(plan, ...ids);
    }
    where.push(`(${clause})`);
  }
  params.push(Math.max(1, Math.min(query.limit ?? 100, 10_000)));
  const rows = await q.all(`SELECT * FROM audit${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`, params);
  return rows.map((r) => ({
    id: Number(r.id),
    at: String(r.at),
    user: str(r.username),
    action: String(r.action),
    entity: String(r.entity),
    entityId: String(r.entity_id),
    planId: str(r.plan_id),
    before: parse(r.before),
    after: parse(r.after),
    reason: str(r.reason),
  }));
}
