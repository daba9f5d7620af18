/**
 * The evidence files of a value: listed with who attached them and their SHA-256, downloaded by a
 * plain link, attached and removed by whoever may enter the value while the period is open and the
 * value is not approved as it stands (its files stay as approved, the panel says why). A file
 * chosen and not sent stays chosen when the panel goes and comes back, or is named to choose again
 * after the page was loaded again (`detail/drafts.ts`).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, sessionLimits } from '../api/client.js';
import { usePlanWritten } from '../api/queries.js';
import { campaignApi } from './api.js';
import { useAttachments, useReviewThread } from './queries.js';
import type { Attachment } from '../../../src/contract/index.js';
import { EVIDENCE_EXTENSIONS, EVIDENCE_GROUPS, groupExtensions } from '../../../src/contract/evidence-formats.js';
import { renderFrom } from '../../../src/core/messages/catalogue.js';
import { CAMPAIGN_MESSAGES } from '../../../src/messages/campaign.js';
import { momentText, useLang } from '../ui/format.js';
import { ActionDialog } from '../ui/ActionDialog.js';
import { focusSoon } from '../ui/Form.js';
import { FileInput } from '../ui/FileInput.js';
import { draftKey, fileToChooseAgain, forgetFile, keepFile, keptFile } from '../detail/drafts.js';
import { useSession } from '../session.js';
import { refusalSentence, sentence } from '../ui/sentence.js';
import { useKept, useReadError, type Kept } from '../ui/server-words.js';

interface Props {
  planId: string | number;
  indicatorId: string;
  /** The indicator's name, said where a file is attached. */
  indicatorName: string;
  periodId: string;
  /** May attach and remove (the value's editors). */
  editable: boolean;
  /** The period is closed or validated. */
  locked: boolean;
  /** The plan is archived: its files are read and downloaded, none added or removed (409 plan-archived), and the panel says why. */
  archived?: boolean;
}

export function size(bytes: number, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'it-IT';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** The file picker's filter: exactly the extensions the server accepts. */
const ACCEPT = EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(',');

/** The upload button's id: the focus goes there when a value was saved with a file chosen and not sent. */
export const EVIDENCE_UPLOAD = 'evidence-upload';

/** The name of the file chosen in the evidence field and not yet sent, or null (one detail, one field on the page). */
export function evidenceChosen(): string | null {
  const field = document.getElementById('evidence-file');
  return field instanceof HTMLInputElement ? (field.files?.[0]?.name ?? null) : null;
}

export function EvidencePanel({ planId, indicatorId, indicatorName, periodId, editable, locked, archived = false }: Props) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  // The limit this server was started with (ALBERO_MAX_ATTACHMENT_MB), as the session brought it.
  const limit = sessionLimits()?.attachmentBytes ?? null;
  const read = useAttachments(planId, indicatorId, periodId);
  const written = usePlanWritten(String(planId));
  const files = read.data ?? null;
  // Not allowed to read the files (401; 403: HR, a referente of another unit): no panel at all, as the thread's.
  const e = read.error;
  // Said again on a change of language (a refusal by its code, the client's own words by their key).
  // A failed read in its words as a sentence; a fault of the app in the app's (its raw text in the console).
  const readError = useReadError();
  const error = e === null ? null : e instanceof ApiError && (e.status === 401 || e.status === 403) ? '' : sentence(readError(e));
  const [message, setMessage] = useState<{ kind: 'success' | 'info' | 'danger'; text: Kept } | null>(null);
  const say = useKept();
  // The file that already holds the bytes just sent again (a 409): marked in the list.
  const [already, setAlready] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The file asked about before it is removed. */
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // Where the file chosen and not sent is kept: with the value's draft, the reader's own.
  const { user } = useSession();
  const key = user === null ? null : draftKey(user, { planId, periodId, indicatorId });
  const [chosen, setChosen] = useState(() => (key === null ? null : keptFile(key)));
  const [again, setAgain] = useState(() => (key === null ? null : fileToChooseAgain(key)));
  const changeable = editable && !locked && !archived;
  // The value approved as it stands keeps the files it was approved with (the server refuses their
  // removal and any new one, 409 `evidence-approved`): known before a file is pressed, from the
  // value's review thread. Until the thread is read no removal is offered; a thread that cannot be
  // read leaves it to the server to say. The upload is offered while the thread is read (the entry
  // form may send the focus to it), and goes once the thread says the value is approved.
  const thread = useReviewThread(planId, indicatorId, periodId, changeable);
  const approval = thread.data?.state === 'approved' ? (thread.data.steps.at(-1) ?? null) : null;
  const removable = changeable && (thread.data !== undefined || thread.error !== null) && approval === null;
  const addable = changeable && approval === null;
  // The panel was left with a file chosen: it is put back in the field, so «Carica» and a save see it as before.
  useEffect(() => {
    const field = input.current;
    if (field === null || chosen === null || field.files?.[0] === chosen) return;
    try {
      const list = new DataTransfer();
      list.items.add(chosen);
      field.files = list.files;
    } catch {
      // A browser that cannot set a field's files: the upload takes the kept one (below); the line under the field names it.
    }
  }, [chosen, addable]);

  if (error === '') return null;

  /** No file waits to be sent any more (sent, already there, or not wanted). */
  function done() {
    if (key !== null) forgetFile(key);
    setChosen(null);
    setAgain(null);
  }

  /** The file chosen (or to choose again) is not wanted: the field emptied, the focus on it to choose another. */
  function drop() {
    if (input.current) input.current.value = '';
    done();
    focusSoon('evidence-file');
  }

  function choose(file: File | null) {
    if (key === null) return;
    if (file !== null) {
      keepFile(key, file);
      setChosen(file);
      setAgain(null);
    } else if (chosen !== null) {
      // The picker closed without a file empties the field: nothing waits then (a name to choose again still does).
      forgetFile(key);
      setChosen(null);
    }
  }

  async function upload(e: FormEvent) {
    e.preventDefault();
    // A second submit while one is under way is ignored (the form stays enabled, see below).
    if (busy) return;
    const file = input.current?.files?.[0] ?? chosen ?? undefined;
    if (file === undefined) {
      setMessage({ kind: 'danger', text: { key: 'campaign.evidence.choose' } });
      input.current?.focus();
      return;
    }
    if (limit !== null && file.size > limit) {
      // Refused before sending it, in the server's own words for the 413: no wait for a file it would not keep.
      // Kept by their code, said again after a change of language.
      const params = { limit };
      setMessage({ kind: 'danger', text: { coded: { code: 'evidence-too-large', params, message: renderFrom(CAMPAIGN_MESSAGES, 'evidence-too-large', params, lang)!, said: lang } } });
      focusSoon('evidence-file');
      return;
    }
    setBusy(true);
    setMessage(null);
    setAlready(null);
    try {
      const stored = await campaignApi.attach(planId, indicatorId, periodId, file);
      setMessage({ kind: 'success', text: { key: 'campaign.evidence.uploaded', values: { name: stored.name, indicator: indicatorName } } });
      if (input.current) input.current.value = '';
      done();
      await written({ trees: false });
    } catch (err) {
      const existing = alreadyAttached(err);
      if (existing !== null) {
        // Nothing is missing: the value holds this file already. Said as news, not as an error, and
        // the file that holds it is marked in the list; the field is cleared for the next one.
        setMessage({ kind: 'info', text: { error: err } });
        setAlready(existing);
        if (input.current) input.current.value = '';
        done();
        return;
      }
      setMessage({ kind: 'danger', text: { error: err } });
      // Approved meanwhile (by another screen): the thread read again takes the upload away and says why.
      if (err instanceof ApiError && err.code === 'evidence-approved') void thread.refetch();
      // The refused file's field takes the focus, described by the refusal: choose another.
      focusSoon('evidence-file');
    } finally {
      setBusy(false);
    }
  }

  /** Removes the file asked about; a refusal is said in the dialog. Done, the message saying it takes the focus (the file's row is gone). */
  async function remove(file: Attachment) {
    await campaignApi.detach(planId, indicatorId, periodId, file.id);
    setRemoving(null);
    setMessage({ kind: 'success', text: { key: 'campaign.evidence.removed', values: { name: file.name } } });
    focusSoon('evidence-message');
    await written({ trees: false });
  }

  const refused = message?.kind === 'danger';
  const described = ['evidence-file-hint', ...(again !== null ? ['evidence-again'] : []), ...(refused ? ['evidence-message'] : [])].join(' ');
  return (
    <section aria-labelledby="evidence-title" className="mb-3" data-testid="evidence-files">
      <h3 id="evidence-title" className="h6">
        {t('campaign.evidence.title')}
      </h3>
      {error !== null ? (
        <p className="text-danger small">{error}</p>
      ) : files === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : files.length === 0 ? (
        <p className="small">{t('campaign.evidence.none')}</p>
      ) : (
        <ul className="small list-unstyled evidence-list">
          {files.map((f) => (
            <li key={f.id} className={f.id === already ? 'mb-1 fw-semibold' : 'mb-1'} data-testid="evidence-file" {...(f.id === already ? { 'data-already': true } : {})}>
              <a href={campaignApi.attachmentUrl(planId, indicatorId, periodId, f.id)} download={f.name}>
                {f.name}
              </a>{' '}
              {f.id === already && <span className="badge text-bg-info ms-1">{t('campaign.evidence.already')}</span>}{' '}
              <span className="muted">
                ({size(f.size, i18n.language)}, {t('campaign.evidence.by', { who: f.uploadedByName ?? '—', at: momentText(f.uploadedAt, i18n.language) })})
              </span>
              <span className="d-block muted text-break" title={f.sha256}>
                {t('campaign.evidence.hash', { hash: `${f.sha256.slice(0, 16)}…` })}
              </span>
              {removable && (
                <button type="button" className="btn btn-link btn-sm p-0" onClick={() => setRemoving(f)} aria-label={t('campaign.evidence.removeLabel', { name: f.name })}>
                  {t('campaign.evidence.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {changeable && approval !== null && files !== null && (
        <p className="small muted" data-testid="evidence-approved">
          {t(files.length > 0 ? 'campaign.evidence.approvedKept' : 'campaign.evidence.approvedNone', { by: approval.byName, at: momentText(approval.at, i18n.language, 'short') })}
        </p>
      )}
      {removing !== null && (
        <ActionDialog
          title={t('campaign.evidence.removeTitle')}
          action={t('campaign.evidence.removeTitle')}
          testId="evidence-remove-dialog"
          onConfirm={() => remove(removing)}
          refusal={refusalSentence}
          onClose={() => setRemoving(null)}
        >
          <p>{t('campaign.evidence.confirmRemove', { name: removing.name })}</p>
          <p className="mb-0">{t('campaign.evidence.removeConsequence', { indicator: indicatorName })}</p>
        </ActionDialog>
      )}
      {message !== null && (
        <p
          id="evidence-message"
          tabIndex={-1}
          className={message.kind === 'success' ? 'small text-success' : message.kind === 'info' ? 'small text-info-emphasis' : 'small text-danger'}
          role={message.kind === 'danger' ? 'alert' : 'status'}
          data-testid="evidence-message"
        >
          {/* The catalogue's refusals are clauses (a file too large, said before asking, comes as its code): alone here, a sentence. */}
          {message.kind === 'danger' ? sentence(say(message.text, refusalSentence)) : say(message.text, refusalSentence)}
        </p>
      )}
      {archived ? (
        <p className="small muted" data-testid="evidence-archived">
          {t('campaign.evidence.archived')}
        </p>
      ) : (
        editable && locked && <p className="small muted">{t('campaign.evidence.locked')}</p>
      )}
      {addable && (
        <form onSubmit={(e) => void upload(e)} className="albero-form" noValidate>
          {/* Not disabled while uploading: a disabled button drops the keyboard's focus to the page. */}
          <fieldset aria-busy={busy}>
            {/* Named: after a save the detail may have moved on to the next indicator, whose file this is then. */}
            <label htmlFor="evidence-file" className="form-label">
              {t('campaign.evidence.file', { indicator: indicatorName })}
            </label>
            <FileInput
              id="evidence-file"
              ref={input}
              file={chosen}
              small
              chosenWords={(file) => t('campaign.evidence.chosen', { name: file.name, size: size(file.size, i18n.language) })}
              accept={ACCEPT}
              aria-describedby={described}
              {...(refused ? { 'aria-invalid': true as const } : {})}
              onChange={(e) => choose(e.target.files?.[0] ?? null)}
            />
            <small id="evidence-file-hint" className="form-text d-block mb-1">
              {t('campaign.evidence.hint', { types: acceptedTypes(t) })}
              {limit !== null && ` ${t('campaign.evidence.limit', { size: size(limit, i18n.language) })}`}
            </small>
            {/* The file is named once, by the field's words above (read with it, announced): here only the way to take it back. */}
            {chosen !== null && (
              <p className="small mb-1" data-testid="evidence-chosen">
                <DropButton name={chosen.name} onClick={drop} />
              </p>
            )}
            {again !== null && (
              <p id="evidence-again" className="small text-warning-emphasis mb-1" role="status" data-testid="evidence-again">
                {t('campaign.evidence.chooseAgain', { name: again })} <DropButton name={again} onClick={drop} />
              </p>
            )}
            <button type="submit" id={EVIDENCE_UPLOAD} className="btn btn-outline-primary btn-sm" data-testid="evidence-upload">
              {busy ? t('campaign.evidence.uploading') : t('campaign.evidence.upload')}
            </button>
          </fieldset>
        </form>
      )}
    </section>
  );
}

/** Takes back the file chosen and not sent (or the one named to choose again). */
function DropButton({ name, onClick }: { name: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-link btn-sm p-0 align-baseline" onClick={onClick} aria-label={t('campaign.evidence.dropLabel', { name })} data-testid="evidence-drop">
      {t('campaign.evidence.drop')}
    </button>
  );
}

/** The accepted types as the hint says them: each group's word and its extensions, in the contract's order. */
export function acceptedTypes(t: (key: string) => string): string {
  return EVIDENCE_GROUPS.map(
    (g) =>
      `${t(`campaign.evidence.groups.${g}`)} (${groupExtensions(g)
        .map((e) => `.${e}`)
        .join(', ')})`,
  ).join('; ');
}

/** The id of the file already holding the bytes of a refused upload (409 evidence-already-attached), else null. */
function alreadyAttached(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.code !== 'evidence-already-attached') return null;
  const existing = err.body?.error.details?.attachment as Partial<Attachment> | undefined;
  return typeof existing?.id === 'string' ? existing.id : null;
}
