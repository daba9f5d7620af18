/**
 * What a revision (variazione) changes in the end: its recorded steps reduced to one net change per
 * objective, indicator or plan. The store keeps every step (`plan_revision_changes`, and each on the
 * audit trail); the register, the API, the reports and the Relazione disclose the net, read through
 * this one function. A weight moved 50 → 40 and back to 50 inside the revision is no change; a target
 * moved 60 → 55 → 50 is one change, 60 → 50; an objective added and deleted inside it was never
 * part of the plan before or after, so it is not listed.
 *
 * Pure: steps in, net changes out, in the order the revision first touched each record.
 *
 * @example
 * netChanges([
 *   { seq: 1, action: 'update', entity: 'indicator', entityId: 'A.1:1', before: { weight: '50' }, after: { weight: '40' }, … },
 *   { seq: 2, action: 'update', entity: 'indicator', entityId: 'A.1:1', before: { weight: '40' }, after: { weight: '50' }, … },
 * ]) // → []
 */

/** One recorded step of a revision: an update holds only the fields it changed, a creation or deletion the whole record. */
export interface RevisionStep {
  readonly seq: number;
  readonly at: string;
  readonly user: string | null;
  readonly action: 'create' | 'update' | 'delete';
  readonly entity: 'plan' | 'node' | 'indicator';
  readonly entityId: string;
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
}

type Fields = Readonly<Record<string, unknown>>;

/**
 * Fields said together with another: an organisation unit's name goes with its id (store/revisions.ts
 * `withUnitNames`), so a unit renamed in the registry between two steps that moved the objective
 * away and back is no change.
 */
const COMPANIONS: Readonly<Record<string, string>> = { unitName: 'unitId' };

/** The same value, whatever the order of an object's keys; a missing value is none. */
function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a ?? null) === canonical(b ?? null);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const record = v as Fields;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k] ?? null)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Each field's value before the first of `updates` that changed it. */
function firstBefore(updates: readonly RevisionStep[]): Record<string, unknown> {
  const first: Record<string, unknown> = {};
  for (const u of updates) for (const [k, v] of Object.entries(u.before ?? {})) if (!(k in first)) first[k] = v;
  return first;
}

/** Each field's value after the last of `updates` that changed it. */
function lastAfter(updates: readonly RevisionStep[]): Record<string, unknown> {
  const last: Record<string, unknown> = {};
  for (const u of updates) Object.assign(last, u.after ?? {});
  return last;
}

/** The fields whose first value differs from their last (a companion kept with the field it names). */
function netFields(before: Fields, after: Fields): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = new Set(keys.filter((k) => !(k in COMPANIONS) && !sameValue(before[k], after[k])));
  for (const k of keys) {
    if (!(changed.has(k) || changed.has(COMPANIONS[k] ?? ''))) continue;
    b[k] = before[k] ?? null;
    a[k] = after[k] ?? null;
  }
  return { before: b, after: a };
}

/** The records an objective's deletion took with it (its indicators), by id. */
function takenIndicators(step: RevisionStep): Fields[] {
  const list = step.action === 'delete' && step.entity === 'node' ? step.before?.indicators : undefined;
  return Array.isArray(list) ? list.filter((i): i is Fields => i !== null && typeof i === 'object' && typeof (i as Fields).id === 'string') : [];
}

/** A step with where it came from: an indicator deleted with its objective is a step of that deletion. */
interface Traced<S extends RevisionStep> {
  readonly step: S;
  /** True for an indicator's deletion read from its objective's: the objective's change says it. */
  readonly implied: boolean;
}

const keyOf = (entity: string, id: string): string => `${entity}\u0000${id}`;

/** A deletion's values lost and records kept, summed over several deletions of the same record. */
function mergedLosses(deletions: readonly RevisionStep[]): Record<string, unknown> {
  const removed = deletions.flatMap((d) => (Array.isArray(d.before?.removedValues) ? (d.before.removedValues as unknown[]) : []));
  const kept = deletions.map((d) => d.before?.keptRecords).filter((k): k is Fields => k !== null && typeof k === 'object');
  const sum = (field: string): number => kept.reduce((n, k) => n + (typeof k[field] === 'number' ? k[field] : 0), 0);
  return {
    ...(removed.length === 0 ? {} : { removedValues: removed }),
    ...(kept.length === 0 ? {} : { keptRecords: { values: sum('values'), files: sum('files'), comments: sum('comments') } }),
  };
}

/**
 * The net change of each record a revision touched, from its steps in the order they were made:
 * - changed only: each field from its first "before" to its last "after", a field back where it
 *   started left out, the record left out when no field is left;
 * - there before and deleted: the deletion of the record as it was before the revision;
 * - added: the addition of the record as it stands at the end;
 * - added and deleted inside the revision: nothing;
 * - there before, deleted and added again: the deletion and the new addition (a new record, whose
 *   values and history start again).
 * An objective's deletion lists its indicators as they were before the revision, without the ones
 * added inside it. Each net change keeps the last step's time and author, and `steps`: the
 * sequence numbers of the steps it sums up (its first one sets its place in the list).
 */
export function netChanges<S extends RevisionStep>(steps: readonly S[]): (S & { readonly steps: readonly number[] })[] {
  const ordered = [...steps].sort((a, b) => a.seq - b.seq);
  const groups = new Map<string, Traced<S>[]>();
  const add = (key: string, traced: Traced<S>): void => {
    const list = groups.get(key) ?? [];
    list.push(traced);
    groups.set(key, list);
  };
  for (const step of ordered) {
    add(keyOf(step.entity, step.entityId), { step, implied: false });
    for (const indicator of takenIndicators(step)) {
      const id = String(indicator.id);
      add(keyOf('indicator', id), { step: { ...step, entity: 'indicator', entityId: id, before: indicator, after: null }, implied: true });
    }
  }
  const indicatorSteps = (id: string): readonly Traced<S>[] => groups.get(keyOf('indicator', id)) ?? [];
  /** An indicator as it was before the revision, for an objective deleted at `seq`; null: added inside the revision. */
  const indicatorBefore = (record: Fields, seq: number): Fields | null => {
    const earlier = indicatorSteps(String(record.id)).filter((t) => t.step.seq < seq);
    if (earlier.some((t) => t.step.action === 'create')) return null;
    return { ...record, ...firstBefore(earlier.filter((t) => t.step.action === 'update').map((t) => t.step)) };
  };

  const net: (S & { readonly steps: readonly number[] })[] = [];
  const made = (base: S, part: readonly Traced<S>[], change: Pick<RevisionStep, 'action' | 'before' | 'after'>): void => {
    const last = part[part.length - 1]!.step;
    net.push({ ...last, ...change, seq: part[0]!.step.seq, entity: base.entity, entityId: base.entityId, steps: part.map((t) => t.step.seq) } as S & { readonly steps: readonly number[] });
  };

  for (const group of groups.values()) {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const base = group.find((t) => !t.implied)?.step ?? first.step;
    const existedBefore = first.step.action !== 'create';
    const existsAfter = last.step.action !== 'delete';
    const deletions = group.filter((t) => t.step.action === 'delete');
    const firstDeletion = group.findIndex((t) => t.step.action === 'delete');
    const lastCreation = group.map((t) => t.step.action).lastIndexOf('create');

    if (existedBefore && firstDeletion === -1) {
      const updates = group.map((t) => t.step);
      const fields = netFields(firstBefore(updates), lastAfter(updates));
      if (Object.keys(fields.after).length > 0) made(base, group, { action: 'update', ...fields });
      continue;
    }
    // The deletion of the record as it was before the revision; one taken with its objective is said there.
    if (existedBefore && !group[firstDeletion]!.implied) {
      const upTo = group.slice(0, firstDeletion + 1);
      const deleted = group[firstDeletion]!.step;
      const original: Record<string, unknown> = { ...deleted.before, ...firstBefore(upTo.filter((t) => t.step.action === 'update').map((t) => t.step)), ...mergedLosses(deletions.map((t) => t.step)) };
      const taken = takenIndicators(deleted);
      if (taken.length > 0) original.indicators = taken.map((i) => indicatorBefore(i, deleted.seq)).filter((i): i is Fields => i !== null);
      made(base, existsAfter ? upTo : group, { action: 'delete', before: original, after: null });
    }
    // The record added (again) inside the revision, as it stands at the end.
    if (existsAfter) {
      const life = group.slice(lastCreation);
      made(life[0]!.step, life, { action: 'create', before: null, after: { ...life[0]!.step.after, ...lastAfter(life.slice(1).map((t) => t.step)) } });
    }
  }
  return net.sort((a, b) => a.seq - b.seq);
}
