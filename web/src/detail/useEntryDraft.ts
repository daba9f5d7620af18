/**
 * The entry form's draft of one indicator's value: its fields, from the indicator (or a what-if
 * value carried in), set again when another indicator is shown. Typing a value into a "non
 * misurato" indicator makes it measured; emptying it goes back.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasurementState } from '../../../src/core/index.js';
import type { TreeIndicator } from '../api/types.js';
import { useLang, useLanguageChange } from '../ui/format.js';
import { amountInput, swapNotation } from '../ui/parse.js';
import { isMeasuredFormula, measureTexts } from './base-measures.js';
import type { DetailProps } from './props.js';

/** The form's message's id: a field a refusal is about is described by it. */
export const ENTRY_MESSAGE = 'entry-message';

/** What the form says; `field`, the id of the field a refusal is about (marked invalid and described by it). */
export type EntryMessage = { kind: 'success' | 'danger' | 'warning' | 'info'; text: string; field?: string };

/** The state the form starts from: `pending` (values withheld, the public's reading) has none to enter; never editable, it reads as no value. */
const enteredState = (state: TreeIndicator['state']): MeasurementState => (state === 'pending' ? 'not_measured' : state);

/** The fields a person types, as the form holds them. */
interface Typed {
  state: MeasurementState;
  actual: string;
  measures: Record<string, string>;
  reason: string;
  evidence: string;
  source: string;
  notes: string;
  autoMeasured: boolean;
}

/**
 * What was typed in an entry form and not saved, by plan, period and indicator. Leaving the form
 * (another indicator picked in the tree or the worklist, another period) dropped it without a word:
 * a referente who typed a value and a note, then looked at the next indicator, came back to an
 * empty form. It is kept here for this page's life and given back, said, when the form is opened
 * again; a save (or typing the stored value back) forgets it.
 */
const unsaved = new Map<string, Typed>();

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

/** `place`: the reader, plan and period the form enters a value for (with the indicator, where what was typed is kept). */
export function useEntryDraft(i: TreeIndicator, prefill: DetailProps['prefill'], savedNote: DetailProps['savedNote'], place: string) {
  const { t } = useTranslation();
  const lang = useLang();
  const carried = prefill?.id === i.id ? prefill : null;
  const key = `${place}|${i.id}`;
  // A carried what-if value is the person's latest word; else what they typed here before, unsaved.
  const kept = carried === null ? (unsaved.get(key) ?? null) : null;
  const start = kept ?? storedFields(i, carried, lang);
  const opening = (): EntryMessage | null =>
    carried !== null ? { kind: 'info', text: t('entry.carried') } : kept !== null ? { kind: 'info', text: t('entry.unsavedKept') } : savedNote ? { kind: 'success', text: savedNote } : null;
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
  const [message, setMessage] = useState<EntryMessage | null>(opening);
  const [busy, setBusy] = useState(false);
  /** The state became "measured" by typing a value (not chosen): emptying the value goes back. */
  const [autoMeasured, setAutoMeasured] = useState(start.autoMeasured);

  // Leaving this indicator or period (or the form going away), what differs from the stored value,
  // and was not just saved, is kept. Updated after each commit: the cleanup of the indicator left
  // runs before, so it reads that indicator's fields, not the next one's.
  const typedNow: Typed = { state, actual, measures, reason, evidence, source, notes, autoMeasured };
  const leaving = useRef({ key, typed: typedNow, stored: start, saved: null as Typed | null });
  useEffect(() => {
    leaving.current = { ...leaving.current, key, typed: typedNow, stored: storedFields(i, null, lang) };
  });
  useEffect(
    () => () => {
      const { key: left, typed, stored, saved } = leaving.current;
      if (sameTyped(typed, stored) || (saved !== null && sameTyped(typed, saved))) unsaved.delete(left);
      else unsaved.set(left, typed);
      leaving.current = { ...leaving.current, saved: null };
    },
    [key],
  );

  const mounted = useRef(false);
  useEffect(() => {
    // The first render already has them (a carried value, a note of the save that moved here).
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    setState(start.state);
    setActual(start.actual);
    setMeasures(start.measures);
    setTried(false);
    setAutoMeasured(start.autoMeasured);
    setServerMeasureError(null);
    setReason(start.reason);
    setEvidence(start.evidence);
    setSource(start.source);
    setNotes(start.notes);
    setMessage(opening());
  }, [key, carried]); // eslint-disable-line react-hooks/exhaustive-deps
  // The language changed with the form open: the numbers typed are written again in the new notation, the same digits.
  useLanguageChange(lang, () => {
    if (i.unit === 'number' || i.unit === 'percent') setActual((text) => swapNotation(text));
    setMeasures((texts) => Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, swapNotation(text)])));
  });
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
    setState,
    actual,
    setActual,
    measures,
    setMeasures,
    tried,
    setTried,
    serverMeasureError,
    setServerMeasureError,
    reason,
    setReason,
    evidence,
    setEvidence,
    source,
    setSource,
    notes,
    setNotes,
    message,
    setMessage,
    busy,
    setBusy,
    setAutoMeasured,
    typed,
    /** After a save: what was typed is stored, nothing to keep. */
    saved: () => {
      unsaved.delete(key);
      leaving.current = { ...leaving.current, saved: typedNow };
    },
  };
}
