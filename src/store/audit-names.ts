/**
 * The names the audit trail says its entries by, read when the trail is read (what was recorded
 * stays as it was; the words are made at read time): every entry about an indicator (its edits,
 * its addition and deletion, its values, reviews, forecasts, evidence files and comments) by the
 * name the indicator had at the entry, a deletion's indicators by the names its own record holds,
 * and an objective's entries (its edits, its variances) by the title it had at the entry.
 */
import { parse } from './codec.js';
import type { Queryable } from './db.js';
import { namesAtChange, type NamingStep } from './revisions.js';
import type { AuditEntry } from './types.js';

/** What an entry is said by: its subject's name, and the objective's code when its id does not say it (an evidence file's, a comment's). */
export interface AuditName {
  readonly name: string;
  readonly node?: string;
}

/** The entities about one period of an indicator, their id `A.2.1:2@2024-12-31`. */
const PERIOD_ENTITIES = new Set(['measurement', 'review', 'forecast']);
/** The entities about an indicator whose id is their own (an evidence file's, a comment's): the indicator is the entry's `indicator_id`. */
const THREAD_ENTITIES = new Set(['attachment', 'comment']);

/** The indicator of an entry about one period of it (`A.2.1:2@2024-12-31` → `A.2.1:2`); undefined for any other entry. */
function periodIndicator(e: Pick<AuditEntry, 'entity' | 'entityId'>): string | undefined {
  if (!PERIOD_ENTITIES.has(e.entity)) return undefined;
  const at = e.entityId.lastIndexOf('@');
  return at > 0 ? e.entityId.slice(0, at) : undefined;
}

/** The objective a variance is of (`A.2.1@2024-06-30` → `A.2.1`), an objective's entry its own code; undefined for any other entry. */
function objectiveOf(e: Pick<AuditEntry, 'entity' | 'entityId'>): string | undefined {
  if (e.entity === 'node') return e.entityId;
  if (e.entity !== 'variance') return undefined;
  const at = e.entityId.lastIndexOf('@');
  return at > 0 ? e.entityId.slice(0, at) : undefined;
}

const record = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The title each objective had at each step (`steps` in the order they were made; undefined for a
 * step of no objective), walked back from the titles the plan holds now as `namesAtChange` walks
 * the indicators' names: every retitling is an entry holding the title before and after.
 */
function titlesAtChange(steps: readonly NamingStep[], now: readonly { code: unknown; title: unknown }[]): (string | undefined)[] {
  const current = new Map(now.map((r) => [String(r.code), String(r.title)]));
  const titles: (string | undefined)[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    if (s.entity !== 'node') continue;
    const code = s.entityId;
    titles[k] = s.action === 'delete' ? (text(s.before?.title) ?? current.get(code)) : (text(s.after?.title) ?? current.get(code));
    if (s.action === 'create') current.delete(code);
    else if (text(s.before?.title) !== undefined) current.set(code, text(s.before!.title)!);
  }
  return titles;
}

/**
 * Each named entry's name, by its id: an entry about an indicator by the name it had at the entry,
 * walked back from the names the plan holds now through the trail's entries of its indicators and
 * objectives made after it (`namesAtChange`: every rename, draft or revised, is such an entry,
 * holding the name before and after); a deletion of an indicator or an objective by the name its
 * record holds; an objective's entry by its title at the entry. Entries of no plan, and any other,
 * are left out.
 */
export async function auditNames(q: Queryable, entries: readonly AuditEntry[]): Promise<Map<number, AuditName>> {
  const named = new Map<number, AuditName>();
  const byPlan = new Map<string, AuditEntry[]>();
  for (const e of entries) {
    const about = e.entity === 'indicator' || periodIndicator(e) !== undefined || THREAD_ENTITIES.has(e.entity) || objectiveOf(e) !== undefined;
    if (e.planId === null || !about) continue;
    byPlan.set(e.planId, [...(byPlan.get(e.planId) ?? []), e]);
  }
  for (const [planId, list] of byPlan) {
    // An evidence file's or a comment's indicator is not in its id: the entry keeps it beside.
    const threads = list.filter((e) => THREAD_ENTITIES.has(e.entity)).map((e) => e.id);
    const kept = new Map<number, { indicator: string; node: string | undefined }>();
    for (let k = 0; k < threads.length; k += 500) {
      const ids = threads.slice(k, k + 500);
      const rows = await q.all(`SELECT id, indicator_id, node_code FROM audit WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
      for (const r of rows) if (r.indicator_id !== null && r.indicator_id !== undefined) kept.set(Number(r.id), { indicator: String(r.indicator_id), node: text(r.node_code) });
    }
    // Only the entries from the earliest one asked about on matter to the walk.
    const from = Math.min(...list.map((e) => e.id));
    const trail = await q.all(`SELECT id, action, entity, entity_id, before, after FROM audit WHERE plan_id = ? AND entity IN ('indicator', 'node') AND id >= ? ORDER BY id`, [planId, from]);
    const steps = new Map<number, NamingStep>();
    for (const r of trail)
      steps.set(Number(r.id), { entity: String(r.entity), action: String(r.action), entityId: String(r.entity_id), before: record(parse(r.before)), after: record(parse(r.after)) });
    // An entry about an indicator or an objective that is not a step of its definition changes no
    // name: it reads the name as it stood (a variance, an objective's title).
    for (const e of list) {
      const indicator = periodIndicator(e) ?? kept.get(e.id)?.indicator;
      if (indicator !== undefined) steps.set(e.id, { entity: 'indicator', action: 'value', entityId: indicator, before: null, after: null });
      else if (e.entity === 'variance' && objectiveOf(e) !== undefined) steps.set(e.id, { entity: 'node', action: 'value', entityId: objectiveOf(e)!, before: null, after: null });
    }
    const order = [...steps.keys()].sort((a, b) => a - b);
    const walked = order.map((id) => steps.get(id)!);
    const names = namesAtChange(walked, await q.all(`SELECT id, name FROM indicators WHERE plan_id = ?`, [planId]));
    const titles = titlesAtChange(walked, await q.all(`SELECT code, title FROM nodes WHERE plan_id = ?`, [planId]));
    const asked = new Map(list.map((e) => [e.id, e]));
    order.forEach((id, k) => {
      const e = asked.get(id);
      if (e === undefined) return;
      // An objective's deletion is named by its title in `namesAtChange` (its values' names go by it).
      const name = e.entity === 'node' && e.action !== 'delete' ? titles[k] : e.entity === 'variance' ? titles[k] : names[k];
      const node = kept.get(id)?.node;
      if (name !== undefined) named.set(id, node === undefined ? { name } : { name, node });
    });
  }
  return named;
}
