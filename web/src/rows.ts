/**
 * The tree as the flat list of rows the virtualised table draws: each objective followed by its
 * indicators and then its child objectives, filtered and with collapsed branches left out.
 * Pure, so 10,000 indicators are flattened once per change, not per scroll.
 */
import type { Band, MeasurementState } from '../../src/core/index.js';
import type { TreeIndicator, TreeObjective } from './api/types.js';

export type Row =
  | { kind: 'objective'; key: string; objective: TreeObjective; depth: number; hasChildren: boolean; expanded: boolean }
  | { kind: 'indicator'; key: string; objective: TreeObjective; indicator: TreeIndicator; depth: number };

export interface Filters {
  area: string;
  band: Band | 'none' | '';
  owner: string;
  state: MeasurementState | '';
  search: string;
}

export const NO_FILTERS: Filters = { area: '', band: '', owner: '', state: '', search: '' };

export function filtersActive(f: Filters): boolean {
  return f.area !== '' || f.band !== '' || f.owner !== '' || f.state !== '' || f.search.trim() !== '';
}

function rootOf(code: string, parents: Map<string, string | null>): string {
  let c = code;
  for (let p = parents.get(c); p !== null && p !== undefined; p = parents.get(c)) c = p;
  return c;
}

function indicatorMatches(i: TreeIndicator, o: TreeObjective, f: Filters, needle: string): boolean {
  if (f.state !== '' && i.state !== f.state) return false;
  if (f.owner !== '' && (i.owner ?? o.owner) !== f.owner) return false;
  if (needle !== '' && !`${i.id} ${i.name}`.toLowerCase().includes(needle)) return false;
  return true;
}

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
  const needle = filters.search.trim().toLowerCase();
  // Which indicators (per objective) and objectives are shown when filtering.
  const shownIndicators = new Map<string, TreeIndicator[]>();
  const shown = new Set<string>();
  for (const o of objectives) {
    if (filters.area !== '' && rootOf(o.code, parents) !== filters.area) continue;
    if (filters.band !== '' && (o.band ?? 'none') !== filters.band) continue;
    const selfMatch = needle === '' || `${o.code} ${o.title}`.toLowerCase().includes(needle);
    const indFilter = filters.state !== '' || filters.owner !== '' || (needle !== '' && !selfMatch);
    const inds = indFilter ? o.indicators.filter((i) => indicatorMatches(i, o, { ...filters, search: selfMatch ? '' : filters.search }, selfMatch ? '' : needle)) : o.indicators;
    const ownerMatch = filters.owner === '' || o.owner === filters.owner || inds.length > 0;
    const match = indFilter ? inds.length > 0 || (selfMatch && needle !== '' && filters.state === '' && ownerMatch) : selfMatch && ownerMatch;
    if (!match) continue;
    shownIndicators.set(o.code, inds);
    for (let c: string | null | undefined = o.code; c !== null && c !== undefined && !shown.has(c); c = parents.get(c)) shown.add(c);
  }
  const rows: Row[] = [];
  const walk = (parent: string | null, depth: number): void => {
    for (const o of children.get(parent) ?? []) {
      if (active && !shown.has(o.code)) continue;
      const kids = children.get(o.code) ?? [];
      const inds = active ? shownIndicators.get(o.code) ?? [] : o.indicators;
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
  return [...set].sort((a, b) => a.localeCompare(b, 'it'));
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
