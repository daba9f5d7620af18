/**
 * The organisation registry as the screens show it: units in a tree by parent (parents first,
 * siblings by code), the units a parent field may offer (not the unit itself nor any under it),
 * and the people an assignment field may name. Pure.
 */
import type { Unit } from '../campaign/campaign-api.js';

export interface UnitRow {
  unit: Unit;
  depth: number;
}

/** The units in tree order: each unit followed by those under it; a unit whose parent is unknown starts a branch. */
export function unitTree(units: readonly Unit[]): UnitRow[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code, 'it', { numeric: true }));
  const rows: UnitRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number): void => {
    for (const u of children.get(parent) ?? []) {
      // A cycle cannot be stored (the API refuses it); the guard keeps a bad answer from looping.
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      rows.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** The unit and every unit under it: none of them can become its parent. */
export function unitAndBelow(units: readonly Unit[], id: string): Set<string> {
  const found = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) {
      if (u.parentId !== null && found.has(u.parentId) && !found.has(u.id)) {
        found.add(u.id);
        grew = true;
      }
    }
  }
  return found;
}

/** "UI — Ufficio Internazionalizzazione", as a select shows a unit. */
export function unitLabel(u: Pick<Unit, 'code' | 'name'>): string {
  return `${u.code} — ${u.name}`;
}
