/**
 * The entry form's save: checked first (`entry-check.ts`), then sent with the version read, so a
 * concurrent save is a conflict (a warning naming who saved meanwhile and when, with a reload), never
 * an overwrite; the server's refusal said where it belongs (the base measures' beside them). A value
 * sent again as it stands is said as such: nothing was recorded.
 */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.js';
import type { Period, TreeIndicator } from '../api/types.js';
import { EVIDENCE_UPLOAD, evidenceChosen } from '../campaign/EvidencePanel.js';
import { campaignApi } from '../campaign/api.js';
import { useSession } from '../session.js';
import { focusSoon } from '../ui/Form.js';
import { useLang } from '../ui/format.js';
import type { ReadMeasures } from './base-measures.js';
import { checkEntry } from './entry-check.js';
import { refusalMessage, savedMessage } from './save-said.js';
import type { DetailProps } from './props.js';
import type { useEntryDraft } from './useEntryDraft.js';

type Draft = ReturnType<typeof useEntryDraft>;

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
  const { user } = useSession();
  const i = props.indicator;

  /** Whether the value's request for more still waits for its answer (a thread that cannot be read: not said). */
  async function sentBack(): Promise<boolean> {
    try {
      return (await campaignApi.reviews(props.planId, i.id, props.period.id)).state === 'returned';
    } catch {
      return false;
    }
  }

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
      // Sent as it stands, nothing was written: the form stays on this value and says so («Salvato» said
      // it was recorded), of a value sent back that this is no answer to its request, and of a file
      // chosen that it was not attached («Carica» takes the focus, as after a save that changed the value).
      if (r.unchanged) {
        const worklist = user?.role === 'referente' ? 'campaign.worklist' : 'campaign.worklistAll';
        draft.setMessage(savedMessage(r, await sentBack(), worklist, t, pending));
        if (pending !== null) focusSoon(EVIDENCE_UPLOAD);
        return;
      }
      if (pending !== null) {
        const values = { saved: i.name, file: pending };
        draft.setMessage({ kind: 'success', text: t('entry.savedFilePending', values), key: 'entry.savedFilePending', values });
        props.onSaved(r.changes);
        focusSoon(EVIDENCE_UPLOAD);
        return;
      }
      draft.setMessage(savedMessage(r, false, '', t));
      props.onSaved(r.changes, i.id);
    } catch (err) {
      // Told the value stored now, the person saves again over it: the draft is on that version now.
      // A unit changed meanwhile tells the indicator's version, not the value's: the draft stays on its own.
      if (err instanceof ApiError && err.code === 'conflict') draft.toldOf(err.body?.error.details?.reason === 'unit-changed' ? null : storedVersion(err));
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
      const key = `entry.${checked.problem}`;
      draft.setMessage({ kind: 'danger', text: t(key), key, ...(checked.focus !== null && !checked.measures ? { field: checked.focus } : {}) });
      if (checked.focus !== null) focusSoon(checked.focus);
      return;
    }
    // The unit it was typed in: one changed since to another kind of value is refused naming who changed it, not read in the new one.
    await send({ ...checked.body, version: draft.version, unit: i.unit });
  };
}
