/** What the detail of an objective or indicator is given by the plan view. */
import type { Explanation, TreeChanges, TreeDocument } from '../api/types.js';
import type { PeriodComing } from '../plan/period-coming.js';
import type { Selection } from '../tree/TreeTable.js';

/** The entry form's opening notice after a save moved it on: its catalogue key and values. */
export type SavedNote = { key: string; values: Record<string, unknown> };

export interface DetailProps {
  planId: string;
  doc: TreeDocument;
  selection: NonNullable<Selection>;
  /** Set in what-if: the explanation comes from the simulated evaluation, not the server. */
  localExplanation: ((code: string, lang: 'it' | 'en') => Explanation | null) | null;
  locked: boolean;
  /**
   * May the plan's definition be changed from this view? Not on a closed or validated period (read
   * as frozen at its closing), an archived plan, or an adopted plan without an open revision.
   */
  definitionEditable?: boolean;
  /** The plan is archived (a past year put away): read and exported, never changed; its threads take no comment. */
  archived?: boolean;
  /** In what-if nothing is saved: the entry form is hidden. */
  whatIf: boolean;
  onClose: () => void;
  /** After a change: a value's save passes what it changed and the indicator saved; else the tree is read again. */
  onSaved: (changes: TreeChanges | undefined, savedId?: string) => void;
  whatIfTools: React.ReactNode;
  /** Changed (> 0) when the detail is opened from the keyboard or moves on after a save: the focus goes into it; 0 leaves it. */
  focusEntry?: number;
  /** A what-if value carried into the entry form of that indicator ("usa il valore simulato"). */
  prefill?: { id: string; actual: number | string | boolean | null } | null;
  /**
   * Said at the top of the entry form (the value just saved, when the form moved to the next
   * indicator): kept by key and values, so a change of language says it again.
   */
  savedNote?: SavedNote | null;
  /**
   * The period the screen is moving to while `doc` is still another's (`periodComing`): the entry form
   * and the panels' writes wait for it, so nothing is written (nor kept as a draft) for the period left;
   * the plan's editing tools too, so the plan is not changed from a tree about to be replaced.
   */
  coming?: PeriodComing | null;
}
