/**
 * The tree as the flat list of rows the virtualised table draws: each objective followed by its
 * indicators and then its child objectives, filtered and with collapsed branches left out.
 * Pure, so 10,000 indicators are flattened once per change, not per scroll.
 */
import type { Band, MeasurementState } from '../../../src/core/index.js';
import { assignedTo } from '../../../src/contract/permissions.js';
import type { TreeIndicator, TreeObjective } from '../api/types.js';
import { compareNames } from '../../../src/core/names.js';

export type Row =
  | { kind: 'objective'; key: string; objective: TreeObjective; depth: number; hasChildren: boolean; expanded: boolean }
  | { kind: 'indicator'; key: string; objective: TreeObjective; indicator: TreeIndicator; depth: number };

/** Who "my indicators" are for: the signed-in account, read by the server's own `assignedTo`. */
export interface Me {
  id: string;
  username: string;
  unitIds: readonly string[];
}

export interface Filters {
  area: string;
  band: Band | 'none' | '';
  /** An owner text from before the registry. */
  owner: string;
  /** A unit id from the registry ('none': no unit assigned); an item's own unit, else the nearest objective's above it. */
  unit: string;
  /** A person (account id); an item's own person, else the nearest objective's above it. */
  person: string;
  /** Only what is assigned to this account (the referente's own indicators); null: everyone's. */
  mine: Me | null;
  state: MeasurementState | '';
  search: string;
}

export const NO_FILTERS: Filters = { area: '', band: '', owner: '', unit: '', person: '', mine: null, state: '', search: '' };

function assignmentFilter(f: Filters): boolean {
  return f.owner !== '' || f.unit !== '' || f.person !== '' || f.mine !== null;
}

export function filtersActive(f: Filters): boolean {
  return f.area !== '' || f.band !== '' || assignmentFilter(f) || f.state !== '' || f.search.trim() !== '';
}

/**
 * Each objective's unit and person as they apply to it: its own, else the nearest objective's above.
 * Also every unit, person and owner on the way up, which is what the server's access rule reads.
 */
export interface Assigned {
  unitId: string | null;
  personId: string | null;
  chainUnits: string[];
  chainPeople: string[];
  chainOwners: string[];
}

export function assignments(objectives: readonly TreeObjective[]): Map<string, Assigned> {
  const byCode = new Map(objectives.map((o) => [o.code, o]));
  const result = new Map<string, Assigned>();
  const of = (o: TreeObjective, depth = 0): Assigned => {
    const known = result.get(o.code);
    if (known !== undefined) return known;
    const parent = o.parent === null ? undefined : byCode.get(o.parent);
    const above: Assigned = parent === undefined || depth > objectives.length ? { unitId: null, personId: null, chainUnits: [], chainPeople: [], chainOwners: [] } : of(parent, depth + 1);
    const own: Assigned = {
      unitId: o.unitId ?? above.unitId,
      personId: o.personId ?? above.personId,
      chainUnits: o.unitId ? [o.unitId, ...above.chainUnits] : above.chainUnits,
      chainPeople: o.personId ? [o.personId, ...above.chainPeople] : above.chainPeople,
      chainOwners: o.owner ? [o.owner, ...above.chainOwners] : above.chainOwners,
    };
    result.set(o.code, own);
    return own;
  };
  for (const o of objectives) of(o);
  return result;
}

/** An indicator's own unit and person over its objective's (the same rule as the server's). */
export function indicatorAssigned(i: TreeIndicator, objective: Assigned): Assigned {
  return {
    unitId: i.unitId ?? objective.unitId,
    personId: i.personId ?? objective.personId,
    chainUnits: i.unitId ? [i.unitId, ...objective.chainUnits] : objective.chainUnits,
    chainPeople: i.personId ? [i.personId, ...objective.chainPeople] : objective.chainPeople,
    chainOwners: i.owner ? [i.owner, ...objective.chainOwners] : objective.chainOwners,
  };
}

function assignedMatches(a: Assigned, owner: string | null, f: Filters): boolean {
  if (f.unit !== '' && (a.unitId ?? 'none') !== f.unit) return false;
  if (f.person !== '' && a.personId !== f.person) return false;
  if (f.owner !== '' && owner !== f.owner) return false;
  if (f.mine !== null) {
    const me = f.mine;
    // The owner chain holds the indicator's own owner and its objectives': the server's rule sees both.
    if (!assignedTo(me, { personIds: a.chainPeople, unitIds: a.chainUnits, indicatorOwner: null, objectiveOwners: a.chainOwners, objectiveUnitNames: [] })) return false;
  }
  return true;
}

function rootOf(code: string, parents: Map<string, string | null>): string {
  let c = code;
  for (let p = parents.get(c); p !== null && p !== undefined; p = parents.get(c)) c = p;
  return c;
}

function indicatorMatches(i: TreeIndicator, o: TreeObjective, assigned: Assigned, f: Filters, needle: string): boolean {
  if (f.state !== '' && i.state !== f.state) return false;
  if (assignmentFilter(f) && !assignedMatches(indicatorAssigned(i, assigned), i.owner ?? o.owner, f)) return false;
  if (needle !== '' && !`${i.id} ${i.name}`.toLowerCase().includes(needle)) return false;
  return true;
}

const NOBODY: Assigned = { unitId: null, personId: null, chainUnits: [], chainPeople: [], chainOwners: [] };

/** Objectives that match by themselves; their indicators that match; and ancestors for context. */
export function visibleRows(objectives: readonly TreeObjective[], filters: Filters, collapsed: ReadonlySet<string>): Row[] {
  const parents = new Map(objectives.map((o) => [o.code, o.parent]));
  const children = new Map<string | null, TreeObjective[]>();
  for (const o of objectives) {
    const list = children.get(o.parent) ?? [];
    list.push(o);
    children.set(o.parent, list);
  }
  const active = filtersActive(filters);
  const byAssignment = assignmentFilter(filters);
  const assigned = byAssignment ? assignments(objectives) : null;
  const needle = filters.search.trim().toLowerCase();
  // Which indicators (per objective) and objectives are shown when filtering.
  const shownIndicators = new Map<string, TreeIndicator[]>();
  const shown = new Set<string>();
  for (const o of objectives) {
    if (filters.area !== '' && rootOf(o.code, parents) !== filters.area) continue;
    if (filters.band !== '' && (o.band ?? 'none') !== filters.band) continue;
    const selfMatch = needle === '' || `${o.code} ${o.title}`.toLowerCase().includes(needle);
    const own = assigned?.get(o.code) ?? null;
    // The objective itself is assigned as asked (its own owner text, unit or person, or the nearest above).
    const selfAssigned = own === null || assignedMatches(own, o.owner, filters);
    const indFilter = filters.state !== '' || byAssignment || (needle !== '' && !selfMatch);
    const inds = indFilter ? o.indicators.filter((i) => indicatorMatches(i, o, own ?? NOBODY, { ...filters, search: selfMatch ? '' : filters.search }, selfMatch ? '' : needle)) : o.indicators;
    // An objective shows for itself when searched by its words, or assigned as asked with no indicators to show it by.
    const match = indFilter ? inds.length > 0 || (selfMatch && filters.state === '' && selfAssigned && (needle !== '' || (byAssignment && o.indicators.length === 0))) : selfMatch;
    if (!match) continue;
    shownIndicators.set(o.code, inds);
    for (let c: string | null | undefined = o.code; c !== null && c !== undefined && !shown.has(c); c = parents.get(c)) shown.add(c);
  }
  const rows: Row[] = [];
  const walk = (parent: string | null, depth: number): void => {
    for (const o of children.get(parent) ?? []) {
      if (active && !shown.has(o.code)) continue;
      const kids = children.get(o.code) ?? [];
      const inds = active ? (shownIndicators.get(o.code) ?? []) : o.indicators;
      const expanded = !collapsed.has(o.code);
      rows.push({ kind: 'objective', key: `o:${o.code}`, objective: o, depth, hasChildren: kids.length > 0 || inds.length > 0, expanded });
      if (!expanded) continue;
      for (const i of inds) rows.push({ kind: 'indicator', key: `i:${i.id}`, objective: o, indicator: i, depth: depth + 1 });
      walk(o.code, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

export function areas(objectives: readonly TreeObjective[]): TreeObjective[] {
  return objectives.filter((o) => o.parent === null);
}

export function owners(objectives: readonly TreeObjective[]): string[] {
  const set = new Set<string>();
  for (const o of objectives) {
    if (o.owner) set.add(o.owner);
    for (const i of o.indicators) if (i.owner) set.add(i.owner);
  }
  return [...set].sort(compareNames);
}

/**
 * After a save, the indicator to fill next: the next row (in the tree's order, wrapping around)
 * whose value the user may enter and which has none yet in the period; else the next editable
 * indicator row after this one; null when there is no other.
 */
export function nextToFill(rows: readonly Row[], fromKey: string): Extract<Row, { kind: 'indicator' }> | null {
  const from = rows.findIndex((r) => r.key === fromKey);
  const editable = (r: Row): r is Extract<Row, { kind: 'indicator' }> => r.kind === 'indicator' && r.indicator.editable && r.key !== fromKey;
  for (let k = 1; k < rows.length; k++) {
    const r = rows[(from + k + rows.length) % rows.length]!;
    if (editable(r) && r.indicator.state === 'not_measured' && r.indicator.actual === null) return r;
  }
  for (let k = from + 1; k < rows.length; k++) if (editable(rows[k]!)) return rows[k] as Extract<Row, { kind: 'indicator' }>;
  return null;
}
