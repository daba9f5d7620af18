/**
 * The entry form's save: checked first (`entry-check.ts`), then sent with the version read, so a
 * concurrent save is a conflict (a warning with a reload), never an overwrite; the server's refusal
 * said where it belongs (the base measures' beside them).
 */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, ApiError } from '../api/client.js';
import type { Period, TreeIndicator } from '../api/types.js';
import { formErrors } from '../ui/form-errors.js';
import { EVIDENCE_UPLOAD, evidenceChosen } from '../campaign/EvidencePanel.js';
import { focusSoon } from '../ui/Form.js';
import { useLang, type Lang } from '../ui/format.js';
import type { ReadMeasures } from './base-measures.js';
import { checkEntry, describeCurrent } from './entry-check.js';
import type { DetailProps } from './props.js';
import type { EntryMessage, useEntryDraft } from './useEntryDraft.js';

type Draft = ReturnType<typeof useEntryDraft>;

/** What the form says after a refused save; `measures` is the server's word for the base measures. */
function refusalMessage(err: unknown, i: TreeIndicator, t: TFunction, lang: Lang): { message: EntryMessage; measures: string | null } {
  const measures = err instanceof ApiError ? (formErrors(err, () => null).fields.inputs ?? null) : null;
  if (measures !== null) return { message: { kind: 'danger', text: t('entry.fixMeasures') }, measures };
  if (err instanceof ApiError && err.code === 'conflict')
    return { message: { kind: 'warning', text: t('entry.conflict', { current: describeCurrent(err.body?.error.details?.current, i, lang, (s) => t(`state.${s}`)) }) }, measures };
  if (err instanceof ApiError && err.code === 'period-locked') return { message: { kind: 'danger', text: t('entry.locked', { message: err.message }) }, measures };
  if (err instanceof ApiError && err.status === 403) return { message: { kind: 'danger', text: t('entry.forbidden') }, measures };
  return { message: { kind: 'danger', text: t('common.error', { message: err instanceof Error ? err.message : String(err) }) }, measures };
}

/** The version of the value stored now, as a conflict's refusal says it (null: not said, the next save names the stored value's). */
function storedVersion(err: ApiError): number | null {
  const current = err.body?.error.details?.current;
  const version = current !== null && typeof current === 'object' ? (current as { version?: unknown }).version : err.body?.error.params?.version;
  return typeof version === 'number' ? version : null;
}

/** The form's submit handler; a second submit while one is under way is ignored. */
export function useEntrySave(props: Pick<DetailProps, 'planId' | 'onSaved'> & { indicator: TreeIndicator; period: Period }, draft: Draft, read: ReadMeasures | null) {
  const { t } = useTranslation();
  const lang = useLang();
  const i = props.indicator;

  async function send(body: Parameters<typeof api.saveMeasurement>[3]) {
    draft.setBusy(true);
    try {
      const r = await api.saveMeasurement(props.planId, i.id, props.period.id, body, lang);
      draft.saved();
      draft.setTried(false);
      // A file chosen in the evidence field and not yet sent is this value's: moving on to the next
      // indicator would drop it with the panel, and «Carica» pressed after the move attached the next
      // indicator's. The form stays on this value and says the file is still to send.
      const pending = evidenceChosen();
      if (pending !== null) {
        draft.setMessage({ kind: 'success', text: t('entry.savedFilePending', { saved: i.name, file: pending }) });
        props.onSaved(r.changes);
        focusSoon(EVIDENCE_UPLOAD);
        return;
      }
      draft.setMessage({ kind: 'success', text: t('entry.saved') });
      props.onSaved(r.changes, i.id);
    } catch (err) {
      // Told the value stored now, the person saves again over it: the draft is on that version now.
      if (err instanceof ApiError && err.code === 'conflict') draft.toldOf(storedVersion(err));
      const { message, measures } = refusalMessage(err, i, t, lang);
      draft.setServerMeasureError(measures);
      draft.setMessage(message);
      if (measures !== null) focusSoon('entry-measure-0');
    } finally {
      draft.setBusy(false);
    }
  }

  return async function save(e: FormEvent) {
    e.preventDefault();
    if (draft.busy) return;
    draft.setMessage(null);
    draft.setServerMeasureError(null);
    const checked = checkEntry(draft, i.unit, draft.formula, read, lang);
    if ('problem' in checked) {
      if (checked.measures) draft.setTried(true);
      draft.setMessage({ kind: 'danger', text: t(`entry.${checked.problem}`), ...(checked.focus !== null && !checked.measures ? { field: checked.focus } : {}) });
      if (checked.focus !== null) focusSoon(checked.focus);
      return;
    }
    await send({ ...checked.body, version: draft.version });
  };
}
