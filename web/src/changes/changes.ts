/**
 * The changes between two versions of a plan as the "Modifiche" view shows them: the four groups
 * of `albero diff`, in its order, each with its rows and count, and the words for each kind of
 * change. Pure, so the screen only draws.
 */
import { comparisonSide, type ChangeSide } from '../../../src/core/messages/comparison.js';
import type { Change, ChangesResponse } from '../api/types.js';

export type ChangeGroup = Change['group'];
export type ChangeKind = Change['kind'];

/** From the plan's shape to its results, as the CLI prints them. */
export const CHANGE_GROUPS: readonly ChangeGroup[] = ['structure', 'plan', 'measurement', 'result'];

export interface ChangeSection {
  group: ChangeGroup;
  count: number;
  changes: Change[];
}

/** The groups that have changes, in order; the server's counts when it sent them. */
export function groupChanges(doc: Pick<ChangesResponse, 'changes'> & Partial<Pick<ChangesResponse, 'counts'>>): ChangeSection[] {
  return CHANGE_GROUPS.map((group) => {
    const changes = doc.changes.filter((c) => c.group === group);
    return { group, count: doc.counts?.[group] ?? changes.length, changes };
  }).filter((s) => s.count > 0);
}

/** The i18n key of a kind in words: `target` → `changes.kind.target`. */
export function kindKey(kind: ChangeKind): `changes.kind.${ChangeKind}` {
  return `changes.kind.${kind}`;
}

/**
 * One side of a change in the reader's language, said from its code and parameters by the
 * catalogue (the server's `beforeText` / `afterText` only for a code this build does not know);
 * '—' for the side of an added or removed item.
 */
export function sideText(change: Pick<Change, 'messageCode' | 'params' | 'beforeText' | 'afterText'>, side: ChangeSide, language: string): string {
  const said = comparisonSide(change.messageCode, change.params, side, language === 'en' ? 'en' : 'it');
  return (said === undefined ? (side === 'before' ? change.beforeText : change.afterText) : said) ?? '—';
}
