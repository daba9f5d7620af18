/**
 * What the entry form says after a save (`useEntrySave.ts`): saved; sent again as it stands, so
 * nothing recorded; refused, in the refusal's own words, another desk's save named by who and when.
 */
import type { TFunction } from 'i18next';
import type { MeasurementState } from '../../../src/core/index.js';
import { ApiError } from '../api/client.js';
import type { SaveAnswer, TreeIndicator } from '../api/types.js';
import { formErrors } from '../ui/form-errors.js';
import { unexpectedError } from '../ui/refusal.js';
import { withTerms } from '../ui/server-words.js';
import type { Lang } from '../ui/format.js';
import { staleSaid } from '../ui/stale-save.js';
import { describeCurrent } from './entry-check.js';
import type { EntryMessage } from './useEntryDraft.js';

/**
 * What the form says after a save the server took: saved, or, the value sent again as it stands
 * (`unchanged`), that nothing changed and nothing was recorded; of a value sent back (`sentBack`: its
 * request for more still waits), also that such a save answers no request, and where to answer it
 * (`worklist`: the key of the reader's name of the list holding «Rispondi»). `pending`: the name of a file chosen
 * in the evidence field and not sent. «Nessuna modifica» alone let it seem attached with the save:
 * the form names it and says it was not (a save that changed the value says so in its own words).
 */
export function savedMessage(answer: Pick<SaveAnswer, 'unchanged'>, sentBack: boolean, worklist: string, t: TFunction, pending: string | null = null): EntryMessage {
  if (!answer.unchanged) return { kind: 'success', text: t('entry.saved'), key: 'entry.saved' };
  // Kept by keys, the list named by its own: a change of language says it all again (messageNow).
  const said: EntryMessage = sentBack ? { kind: 'info', text: '', key: 'entry.unchangedSentBack', terms: { worklist } } : { kind: 'info', text: '', key: 'entry.unchanged' };
  return wordsNow(pending === null ? said : { ...said, then: { key: 'entry.unchangedFilePending', values: { file: pending } } }, t);
}

/** A message kept by its keys, said now. */
function wordsNow(message: EntryMessage, t: TFunction): EntryMessage {
  if (message.key === undefined) return message;
  const first = t(
    message.key,
    withTerms(message.values, message.terms, (key) => t(key)),
  );
  return { ...message, text: message.then === undefined ? first : `${first} ${t(message.then.key, message.then.values)}` };
}

/**
 * What the form says after a refused save, the refusal kept with it (`refused`); `measures` is the
 * server's word for the base measures.
 */
export function refusalMessage(err: unknown, i: Pick<TreeIndicator, 'unit'>, t: TFunction, lang: Lang): { message: EntryMessage; measures: string | null } {
  const said = refusalWords(err, i, t, lang);
  return { ...said, message: { ...said.message, refused: err } };
}

/**
 * `message` said now, in `lang`: a refusal again from the server's answer it keeps (`inLanguage`: its
 * words by their code and parameters), the form's own problem or notice by its key and values; any other as it is.
 */
export function messageNow(message: EntryMessage, i: Pick<TreeIndicator, 'unit'>, t: TFunction, lang: Lang, inLanguage: (error: unknown) => unknown): EntryMessage {
  if (message.refused !== undefined) return { ...message, text: refusalWords(inLanguage(message.refused), i, t, lang).message.text };
  return wordsNow(message, t);
}

function refusalWords(err: unknown, i: Pick<TreeIndicator, 'unit'>, t: TFunction, lang: Lang): { message: EntryMessage; measures: string | null } {
  const measures = err instanceof ApiError ? (formErrors(err, () => null).fields.inputs ?? null) : null;
  if (measures !== null) return { message: { kind: 'danger', text: t('entry.fixMeasures') }, measures };
  if (err instanceof ApiError && err.code === 'conflict' && err.body?.error.details?.reason === 'unit-changed') {
    // Not another value saved: the indicator's unit changed, said with who changed it and when (its own `details.current`).
    const current = err.body.error.details.current as { unit?: unknown } | undefined;
    const unit = typeof current?.unit === 'string' ? t(`edit.units.${current.unit}`) : '—';
    const said = staleSaid(err, lang, (key, params) => t(key, { ...params, unit }), { named: 'entry.unitChangedBy', anonymous: 'entry.unitChanged' });
    return { message: { kind: 'danger', text: said ?? t('entry.unitChanged', { unit }) }, measures };
  }
  if (err instanceof ApiError && err.code === 'conflict') {
    const stored = err.body?.error.details?.current;
    const stateWord = (s: MeasurementState): string => t(`state.${s}`);
    // Who saved it and when said in the sentence (`staleSaid`): the value alone beside it; a refusal
    // naming no one keeps "someone else" and the name beside the value, as before.
    const alone = stored !== null && typeof stored === 'object' ? { actual: (stored as Record<string, unknown>).actual, state: (stored as Record<string, unknown>).state } : stored;
    const said = staleSaid(err, lang, (key, params) => t(key, { ...params, current: describeCurrent(key === 'entry.conflictBy' ? alone : stored, i, lang, stateWord) }), {
      named: 'entry.conflictBy',
      anonymous: 'entry.conflict',
    });
    return { message: { kind: 'warning', text: said ?? t('entry.conflict', { current: describeCurrent(stored, i, lang, stateWord) }) }, measures };
  }
  if (err instanceof ApiError && err.code === 'period-locked') return { message: { kind: 'danger', text: t('entry.locked', { message: err.message }) }, measures };
  if (err instanceof ApiError && err.status === 403) return { message: { kind: 'danger', text: t('entry.forbidden') }, measures };
  // Anything but the server's refusal is a fault of the app («Cannot read properties…»): its raw words go to the console.
  return { message: { kind: 'danger', text: err instanceof ApiError ? t('common.error', { message: err.message }) : unexpectedError(err, t) }, measures };
}
