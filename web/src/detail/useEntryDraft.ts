/**
 * The entry form's draft of one indicator's value: its fields, from the indicator (or a what-if
 * value carried in, or what was typed and not saved, `drafts.ts`), set again when another
 * indicator is shown. Typing a value into a "non misurato" indicator makes it measured; emptying it
 * goes back.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasurementState } from '../../../src/core/index.js';
import type { TreeIndicator } from '../api/types.js';
import { useLang, useLanguageChange, type Lang } from '../ui/format.js';
import { amountInput, swapNotation } from '../ui/parse.js';
import { isMeasuredFormula, measureTexts } from './base-measures.js';
import { forgetFields, keepFields, keptFields, type Typed } from './drafts.js';
import { staleDraftNotice } from './entry-check.js';
import type { DetailProps } from './props.js';

/** The form's message's id: a field a refusal is about is described by it. */
export const ENTRY_MESSAGE = 'entry-message';

/** What the form says; `field`, the id of the field a refusal is about (marked invalid and described by it). */
/**
 * `refused`: the refusal it says, kept as the server's answer; `key`: the form's own words, with their
 * `values` (`terms`: values that are words of the catalogue, by key) and, after them, a sentence more
 * (`then`). Either is said again on each render (`messageNow`): after a change of language, in the new one.
 */
export type EntryMessage = {
  kind: 'success' | 'danger' | 'warning' | 'info';
  text: string;
  field?: string;
  refused?: unknown;
  key?: string;
  values?: Record<string, unknown>;
  terms?: Record<string, string>;
  then?: { key: string; values?: Record<string, unknown> };
};

/** The state the form starts from: `pending` (values withheld, the public's reading) has none to enter; never editable, it reads as no value. */
const enteredState = (state: TreeIndicator['state']): MeasurementState => (state === 'pending' ? 'not_measured' : state);

/** The fields as the indicator stores them (a what-if value carried in taking the actual's place). */
function storedFields(i: TreeIndicator, carried: DetailProps['prefill'], lang: 'it' | 'en'): Typed {
  const formula = isMeasuredFormula(i.formula) ? i.formula : null;
  return {
    state: carried != null ? 'measured' : enteredState(i.state),
    actual: amountInput(carried != null ? carried.actual : i.actual, lang),
    measures: formula === null ? {} : measureTexts(formula, i.inputs, lang),
    reason: i.reason ?? '',
    evidence: i.evidence ?? '',
    source: i.source ?? '',
    notes: i.notes ?? '',
    autoMeasured: false,
  };
}

const sameTyped = (a: Typed, b: Typed): boolean => JSON.stringify({ ...a, autoMeasured: false }) === JSON.stringify({ ...b, autoMeasured: false });

/** The numbers typed written in `lang`'s notation, the same digits (typed in `from`'s). */
function inNotation(typed: Typed, unit: TreeIndicator['unit'], from: Lang, lang: Lang): Typed {
  if (from === lang) return typed;
  return {
    ...typed,
    actual: unit === 'number' || unit === 'percent' ? swapNotation(typed.actual) : typed.actual,
    measures: Object.fromEntries(Object.entries(typed.measures).map(([name, text]) => [name, swapNotation(text)])),
  };
}

/**
 * `key`: where what is typed is kept (`draftKey`: the reader, plan, period and indicator). `waiting`:
 * the screen is leaving `key`'s period (the form is disabled): nothing is kept under it meanwhile, not
 * even a what-if value carried in, which the next period's form takes up again.
 */
export function useEntryDraft(i: TreeIndicator, prefill: DetailProps['prefill'], savedNote: DetailProps['savedNote'], key: string, waiting = false) {
  const { t } = useTranslation();
  const lang = useLang();
  const carried = prefill?.id === i.id ? prefill : null;
  // A carried what-if value is the person's latest word; else what they typed here before and did
  // not save (on this page, or before a reload); else the stored value. Read when the form starts
  // and when it moves to another value, not at every render.
  //
  // `base`: the version of the stored value the fields were typed on, which a save names (null: nothing
  // typed yet, the stored value's own). A draft typed on a value another desk saved again since says
  // so as it comes back, with the value now stored: told, the person's save replaces it.
  const begin = (): { typed: Typed; opening: EntryMessage | null; theirs: boolean; base: number | null } => {
    const kept = carried === null ? keptFields(key) : null;
    if (carried !== null) return { typed: storedFields(i, carried, lang), opening: { kind: 'info', text: t('entry.carried') }, theirs: true, base: i.version };
    if (kept !== null) {
      const typed = inNotation(kept.typed, i.unit, kept.lang, lang);
      if (kept.version !== null && kept.version !== i.version) {
        return { typed, opening: { kind: 'warning', text: staleDraftNotice(i, lang, t) }, theirs: true, base: i.version };
      }
      return { typed, opening: { kind: 'info', text: t('entry.unsavedKept') }, theirs: true, base: i.version };
    }
    return { typed: storedFields(i, null, lang), opening: savedNote ? { kind: 'success', text: t(savedNote.key, savedNote.values), ...savedNote } : null, theirs: false, base: null };
  };
  const [first] = useState(begin);
  const start = first.typed;
  const [state, setState] = useState<MeasurementState>(start.state);
  const [actual, setActual] = useState(start.actual);
  const formula = isMeasuredFormula(i.formula) ? i.formula : null;
  const [measures, setMeasures] = useState(start.measures);
  // Problems are said once a save was tried (not while the first number is being typed); the server's after a refusal.
  const [tried, setTried] = useState(false);
  const [serverMeasureError, setServerMeasureError] = useState<string | null>(null);
  const [reason, setReason] = useState(start.reason);
  const [evidence, setEvidence] = useState(start.evidence);
  const [source, setSource] = useState(start.source);
  const [notes, setNotes] = useState(start.notes);
  const [message, setMessage] = useState<EntryMessage | null>(first.opening);
  const [busy, setBusy] = useState(false);
  /** The state became "measured" by typing a value (not chosen): emptying the value goes back. */
  const [autoMeasured, setAutoMeasured] = useState(start.autoMeasured);
  // Whose fields the form holds: on the render where another value's key arrives they are still the
  // value left's, until the effect below sets them; they must not be kept under the new key.
  const [fieldsOf, setFieldsOf] = useState(key);
  // Whether the person typed (or chose) something in the form, or it came back from a draft or a
  // what-if value they carried in: only then is it kept. Fields no one touched may still differ from
  // the stored value when that changes under them (another desk's save, a reason the program writes
  // read again in another language): kept, they came back after a reload in place of the value
  // stored since.
  const [touched, setTouched] = useState(first.theirs);
  const [base, setBase] = useState<number | null>(first.base);
  /** The fields as the last save sent them: the tree read after it may write them otherwise (`7` for `7,0`), and they are stored. */
  const saved = useRef<Typed | null>(null);

  // What differs from the stored value, and was not just saved, is kept as it changes: a reload or a
  // closed tab gives it no moment to be kept in later. Only when the fields (or the stored value
  // they are compared with) change: the review found the stored fields made again at every render.
  const stored = useMemo(() => storedFields(i, null, lang), [i, lang]);
  useEffect(() => {
    if (fieldsOf !== key || !touched || waiting) return;
    const typed: Typed = { state, actual, measures, reason, evidence, source, notes, autoMeasured };
    if (sameTyped(typed, stored) || (saved.current !== null && sameTyped(typed, saved.current))) forgetFields(key);
    else keepFields(key, typed, lang, base ?? i.version);
  }, [fieldsOf, touched, waiting, key, state, actual, measures, reason, evidence, source, notes, autoMeasured, stored, lang, base, i.version]);

  const mounted = useRef(false);
  useEffect(() => {
    // The first render already has them (a carried value, a note of the save that moved here).
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const next = begin();
    saved.current = null;
    setFieldsOf(key);
    setTouched(next.theirs);
    setBase(next.base);
    setState(next.typed.state);
    setActual(next.typed.actual);
    setMeasures(next.typed.measures);
    setTried(false);
    setAutoMeasured(next.typed.autoMeasured);
    setServerMeasureError(null);
    setReason(next.typed.reason);
    setEvidence(next.typed.evidence);
    setSource(next.typed.source);
    setNotes(next.typed.notes);
    setMessage(next.opening);
  }, [key, carried]); // eslint-disable-line react-hooks/exhaustive-deps
  // The language changed with the form open: the numbers typed are written again in the new notation, the same digits.
  useLanguageChange(lang, () => {
    if (i.unit === 'number' || i.unit === 'percent') setActual((text) => swapNotation(text));
    setMeasures((texts) => Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, swapNotation(text)])));
  });
  /** A setter of a field the person types in: marks the form touched. */
  function byHand<T>(set: (value: T) => void): (value: T) => void {
    return (value) => {
      setTouched(true);
      // The value as it stood when typing began: a save made after another desk's is a conflict.
      setBase((b) => b ?? i.version);
      set(value);
    };
  }
  function typed(something: boolean): void {
    if (something && state === 'not_measured') {
      setState('measured');
      setAutoMeasured(true);
    } else if (!something && state === 'measured' && autoMeasured) {
      setState('not_measured');
      setAutoMeasured(false);
    }
  }
  return {
    formula,
    state,
    setState: byHand(setState),
    actual,
    setActual: byHand(setActual),
    measures,
    setMeasures: byHand(setMeasures),
    tried,
    setTried,
    serverMeasureError,
    setServerMeasureError,
    reason,
    setReason: byHand(setReason),
    evidence,
    setEvidence: byHand(setEvidence),
    source,
    setSource: byHand(setSource),
    notes,
    setNotes: byHand(setNotes),
    message,
    setMessage,
    busy,
    setBusy,
    setAutoMeasured,
    typed,
    /** The version of the stored value a save names: the one typed on, else the stored value's own. */
    version: base ?? i.version,
    /** After a refused save that said the value stored now (version `current`): the person was told, a save again replaces it. */
    toldOf: (current: number | null) => setBase(current),
    /** After a save: what was typed is stored, nothing to keep. */
    saved: () => {
      saved.current = { state, actual, measures, reason, evidence, source, notes, autoMeasured };
      setBase(null);
      forgetFields(key);
    },
  };
}
