/**
 * The audit trail as the store's aggregate modules write it (attachments, comments, variances,
 * reminders): the same append-only table and columns as the plan store's own entries, in the
 * caller's transaction, so an accepted change and its entry are stored together or not at all.
 */
import type { Queryable } from './db.js';
import type { Actor } from './types.js';

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

export async function recordAudit(tx: Queryable, actor: Actor, entry: AuditWrite, at = new Date().toISOString()): Promise<void> {
  await tx.run(`INSERT INTO audit (at, user_id, username, action, entity, entity_id, plan_id, node_code, indicator_id, before, after, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
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
  ]);
}
