/**
 * The row whose detail is open and where the keyboard focus goes: into the detail when asked
 * (Enter, a save moving on), back to the row on Escape. `focusEntry` changes to ask for the focus.
 */
import { useCallback, useRef, useState } from 'react';
import type { SavedNote } from '../detail/props.js';
import { selectionKey, type Selection, type SelectHow, type TreeHandle } from '../tree/TreeTable.js';

export type Prefill = { id: string; actual: number | string | boolean | null };

export function useSelection() {
  const [selection, setSelection] = useState<Selection>(null);
  const treeHandle = useRef<TreeHandle | null>(null);
  const [focusEntry, setFocusEntry] = useState(0);
  const [savedNote, setSavedNote] = useState<SavedNote | null>(null);
  const [prefill, setPrefill] = useState<Prefill | null>(null);
  const onSelect = useCallback((s: Selection, how?: SelectHow) => {
    setSelection(s);
    setSavedNote(null);
    setPrefill(null);
    setFocusEntry((n) => (how === 'keyboard' ? n + 1 : 0));
  }, []);
  const askFocus = useCallback(() => setFocusEntry((n) => n + 1), []);
  const onClose = useCallback(() => {
    const key = selection === null ? null : selectionKey(selection);
    setSelection(null);
    setSavedNote(null);
    if (key !== null) requestAnimationFrame(() => treeHandle.current?.focusRow(key));
  }, [selection]);
  return { selection, setSelection, treeHandle, focusEntry, askFocus, savedNote, setSavedNote, prefill, setPrefill, onSelect, onClose };
}
