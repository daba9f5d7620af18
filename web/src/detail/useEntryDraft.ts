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

export function useEntryDraft(i: TreeIndicator, prefill: DetailProps['prefill'], savedNote: DetailProps['savedNote']) {
  const { t } = useTranslation();
  const lang = useLang();
  const carried = prefill?.id === i.id ? prefill : null;
  const [state, setState] = useState<MeasurementState>(carried !== null ? 'measured' : enteredState(i.state));
  const [actual, setActual] = useState(amountInput(carried !== null ? carried.actual : i.actual, lang));
  const formula = isMeasuredFormula(i.formula) ? i.formula : null;
  const [measures, setMeasures] = useState(() => (formula === null ? {} : measureTexts(formula, i.inputs, lang)));
  // Problems are said once a save was tried (not while the first number is being typed); the server's after a refusal.
  const [tried, setTried] = useState(false);
  const [serverMeasureError, setServerMeasureError] = useState<string | null>(null);
  const [reason, setReason] = useState(i.reason ?? '');
  const [evidence, setEvidence] = useState(i.evidence ?? '');
  const [source, setSource] = useState(i.source ?? '');
  const [notes, setNotes] = useState(i.notes ?? '');
  const [message, setMessage] = useState<EntryMessage | null>(carried !== null ? { kind: 'info', text: t('entry.carried') } : savedNote ? { kind: 'success', text: savedNote } : null);
  const [busy, setBusy] = useState(false);
  /** The state became "measured" by typing a value (not chosen): emptying the value goes back. */
  const [autoMeasured, setAutoMeasured] = useState(false);

  const mounted = useRef(false);
  useEffect(() => {
    // The first render already has them (a carried value, a note of the save that moved here).
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    setState(carried !== null ? 'measured' : enteredState(i.state));
    setActual(amountInput(carried !== null ? carried.actual : i.actual, lang));
    setMeasures(formula === null ? {} : measureTexts(formula, i.inputs, lang));
    setTried(false);
    setAutoMeasured(false);
    setServerMeasureError(null);
    setReason(i.reason ?? '');
    setEvidence(i.evidence ?? '');
    setSource(i.source ?? '');
    setNotes(i.notes ?? '');
    setMessage(carried !== null ? { kind: 'info', text: t('entry.carried') } : savedNote ? { kind: 'success', text: savedNote } : null);
  }, [i.id, carried]); // eslint-disable-line react-hooks/exhaustive-deps
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
  };
}
