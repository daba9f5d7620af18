/**
 * The names the audit trail says its entries by, read when the trail is read (what was recorded
 * stays as it was; the words are made at read time): a value's or a review's indicator by the
 * name it had at the entry, and a deletion's indicators by the names its own record holds.
 */
import { parse } from './codec.js';
import type { Queryable } from './db.js';
import { namesAtChange, type NamingStep } from './revisions.js';
import type { AuditEntry } from './types.js';

/** The indicator of a value's or a review's entry (`A.2.1:2@2024-12-31`); undefined for any other entry. */
function valueIndicator(e: Pick<AuditEntry, 'entity' | 'entityId'>): string | undefined {
  if (e.entity !== 'measurement' && e.entity !== 'review') return undefined;
  const at = e.entityId.lastIndexOf('@');
  return at > 0 ? e.entityId.slice(0, at) : undefined;
}

const record = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * Each named entry's name, by its id: a value's or a review's indicator as it was named at the
 * entry, walked back from the names the plan holds now through the trail's entries of its
 * indicators and objectives made after it (`namesAtChange`: every rename, draft or revised, is
 * such an entry, holding the name before and after); a deletion of an indicator or an objective by
 * the name its record holds. Entries of no plan, and any other, are left out.
 */
export async function auditNames(q: Queryable, entries: readonly AuditEntry[]): Promise<Map<number, string>> {
  const named = new Map<number, string>();
  const byPlan = new Map<string, AuditEntry[]>();
  for (const e of entries) {
    if (e.planId === null || (valueIndicator(e) === undefined && !(e.action === 'delete' && (e.entity === 'indicator' || e.entity === 'node')))) continue;
    byPlan.set(e.planId, [...(byPlan.get(e.planId) ?? []), e]);
  }
  for (const [planId, list] of byPlan) {
    // Only the entries from the earliest one asked about on matter to the walk.
    const from = Math.min(...list.map((e) => e.id));
    const trail = await q.all(`SELECT id, action, entity, entity_id, before, after FROM audit WHERE plan_id = ? AND entity IN ('indicator', 'node') AND id >= ? ORDER BY id`, [planId, from]);
    const steps = new Map<number, NamingStep>();
    for (const r of trail)
      steps.set(Number(r.id), { entity: String(r.entity), action: String(r.action), entityId: String(r.entity_id), before: record(parse(r.before)), after: record(parse(r.after)) });
    // A value's entry is a step that changes no name: it reads the indicator's name as it stood.
    for (const e of list) {
      const indicator = valueIndicator(e);
      if (indicator !== undefined) steps.set(e.id, { entity: 'indicator', action: 'value', entityId: indicator, before: null, after: null });
    }
    const order = [...steps.keys()].sort((a, b) => a - b);
    const names = namesAtChange(
      order.map((id) => steps.get(id)!),
      await q.all(`SELECT id, name FROM indicators WHERE plan_id = ?`, [planId]),
    );
    const asked = new Set(list.map((e) => e.id));
    order.forEach((id, k) => {
      const name = names[k];
      if (asked.has(id) && name !== undefined) named.set(id, name);
    });
  }
  return named;
}
