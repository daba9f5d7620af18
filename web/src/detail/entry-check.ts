/**
 * The entry form's rules, pure: what a save sends, or why it cannot be sent (an `entry.*` word and
 * the field that takes the focus); and a conflict's value someone else saved, in the indicator's
 * notation. `EntryForm.tsx` draws, `useEntrySave.ts` sends.
 */
import { MEASUREMENT_STATES, type MeasurementState } from '../../../src/core/model.js';
import { actorWords } from '../../../src/messages/actor-words.js';
import type { MeasurementInput, TreeIndicator } from '../api/types.js';
import { amountText, type Lang } from '../ui/format.js';
import { parseInput, valueProblem } from '../ui/parse.js';
import { staleSaveWords } from '../ui/stale-save.js';
import { baseMeasures, type MeasuredFormula, type ReadMeasures } from './base-measures.js';

/** What the reader typed and chose. */
export interface EntryValues {
  state: MeasurementState;
  actual: string;
  reason: string;
  evidence: string;
  source: string;
  notes: string;
}

/** Why the form cannot be sent: the word (`entry.<problem>`) and the field's id to focus, if any. */
export interface EntryProblem {
  problem: string;
  focus: string | null;
  /** The base measures' own problems are now said beside them. */
  measures: boolean;
}

/**
 * The body of the save (without the version), or the first problem. `read` is the base measures as
 * read (null: the indicator takes an actual, not base measures); the actual is read in `lang`'s notation.
 */
export function checkEntry(
  values: EntryValues,
  unit: TreeIndicator['unit'],
  formula: MeasuredFormula | null,
  read: ReadMeasures | null,
  lang: Lang,
): { body: Omit<MeasurementInput, 'version'> } | EntryProblem {
  const { state } = values;
  const measured = state === 'measured' && read !== null;
  if (measured && read.inputs === null) {
    const first = baseMeasures(formula!).findIndex((m) => read.problems[m.name] !== undefined);
    return { problem: 'fixMeasures', focus: `entry-measure-${first}`, measures: true };
  }
  const value = state === 'measured' && !measured ? parseInput(values.actual, unit, lang) : null;
  if (state === 'measured' && !measured && (value === undefined || value === null)) {
    // A measured actual is required: empty is said as unreadable, under `entry.` as the other problems.
    const problem = valueProblem(values.actual, unit, lang, true)!.slice('entry.'.length);
    return { problem, focus: 'entry-actual', measures: false };
  }
  if (state === 'not_evaluable' && values.reason.trim() === '') return { problem: 'reasonRequired', focus: 'entry-reason', measures: false };
  return {
    body: {
      state,
      actual: value ?? null,
      ...(measured ? { inputs: read.inputs! } : {}),
      // Not measured may say why (optional): the screens then read it «non misurato (dichiarato: …)».
      reason: state === 'not_evaluable' || state === 'not_measured' ? values.reason.trim() || null : null,
      evidence: values.evidence.trim() || null,
      source: values.source.trim() || null,
      notes: values.notes.trim() || null,
    },
  };
}

/**
 * The value someone else saved, from a 409's `details.current` (the stored measurement: its
 * `actual` as `{kind, value}`, a number's value as exact decimal text) or the tree's indicator, as
 * the tree writes figures; a state other than measured in the screen's words (`stateWord`, the
 * `state.*` words); who saved it as the screens name people (`enteredByName` beside the login
 * `enteredBy`: the account's name, the program and the command line in words).
 */
export function describeCurrent(current: unknown, i: Pick<TreeIndicator, 'unit'>, lang: Lang, stateWord: (state: MeasurementState) => string): string {
  if (current === null || typeof current !== 'object') return '?';
  const c = current as Record<string, unknown>;
  let actual = c.actual;
  if (actual !== null && typeof actual === 'object' && 'value' in actual) actual = (actual as { value: unknown }).value;
  const text = typeof actual === 'number' || typeof actual === 'string' || typeof actual === 'boolean' ? amountText(actual, i.unit, lang) : '—';
  const name = actorWords(typeof c.enteredByName === 'string' ? c.enteredByName : null, typeof c.enteredBy === 'string' ? c.enteredBy : null, lang);
  const who = name === null ? '' : ` (${name})`;
  const state = MEASUREMENT_STATES.find((s) => s === c.state);
  return `${text}${state !== undefined && state !== 'measured' ? ` [${stateWord(state)}]` : ''}${who}`;
}

/**
 * What the form says as a draft comes back that was typed on a value another desk saved again since:
 * who saved it and when (the tree's `enteredByName`, `enteredAt`) and the value now stored, or
 * "someone else" (`entry.unsavedKeptStale`) when the tree names no one and no moment.
 */
export function staleDraftNotice(
  i: Pick<TreeIndicator, 'unit' | 'actual' | 'state' | 'enteredBy' | 'enteredByName' | 'enteredAt'>,
  lang: Lang,
  t: (key: string, params?: Record<string, string>) => string,
): string {
  const stateWord = (s: MeasurementState): string => t(`state.${s}`);
  const by = actorWords(i.enteredByName, i.enteredBy, lang);
  if (by === null && i.enteredAt === null) return t('entry.unsavedKeptStale', { current: describeCurrent(i, i, lang, stateWord) });
  // Who is said in the sentence: the value alone in `current`.
  const current = describeCurrent({ actual: i.actual, state: i.state }, i, lang, stateWord);
  return t('entry.unsavedKeptStaleBy', { current, ...staleSaveWords({ by, at: i.enteredAt }, lang, t('common.someoneElse')) });
}
