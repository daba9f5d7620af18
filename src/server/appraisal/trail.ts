/**
 * A form's trail as its readers are told it, on screen (`GET /api/appraisals/:id/trail`) and on paper
 * (the form's PDF and DOCX): each entry as stored, who made it by name, and what it did and changed in
 * the reader's words (trail-words.ts), oldest first as the store keeps them. `reason` is the entry's
 * reason unless a change says it already (a step's note or reason is said once, dated, in its change).
 */
import type { Language } from '../../core/index.js';
import type { AuditEntry, Store } from '../../store/index.js';
import type { AccountNames } from '../actor-names.js';
import { formTrailWords, type TrailChange } from './trail-words.js';

export interface TrailEntryInWords extends AuditEntry {
  readonly userName: string | null;
  readonly what: string;
  readonly changes: TrailChange[];
}

export async function formTrailInWords(store: Store, names: AccountNames, formId: string, lang: Language): Promise<TrailEntryInWords[]> {
  // Who made each change by name, as the plans' trail says them (the program: migration 84's moves).
  const nameOf = await names.namer(lang);
  const entries = await store.appraisals.formTrail(formId);
  // The plans the entries name, by their title now (an entry that kept the title says that one).
  const planIds = new Set(entries.flatMap((e) => [e.before, e.after].map((side) => (side as { planId?: unknown } | null)?.planId).filter((id): id is string => typeof id === 'string')));
  const titles = new Map<string, string>();
  for (const id of planIds) {
    const plan = await store.getPlan(id);
    if (plan !== undefined) titles.set(id, plan.title);
  }
  const people = (await names.names()).byId;
  const units = new Map((await store.listUnits()).map((u) => [u.id, u.name]));
  const look = { person: (id: string) => people.get(id) ?? null, plan: (id: string) => titles.get(id) ?? null, unit: (id: string) => units.get(id) ?? null };
  return entries.map((e) => ({ ...e, userName: nameOf(e.user), ...formTrailWords(e, lang, look) }));
}
