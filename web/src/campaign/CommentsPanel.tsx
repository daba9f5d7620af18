/**
 * The thread about an indicator in a period: who said what and when, and a box to answer (the
 * detail keys it by the value). `readOnly`: the indicator was deleted since the period closed; its
 * kept thread is read and the API refuses a new comment (409 `indicator-deleted`), so no box.
 * `archived`: the plan is archived (a past year put away): its threads are read, the API refuses a
 * new comment (409 `plan-archived`), so no box either, and the panel says why.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { usePlanWritten } from '../api/queries.js';
import { campaignApi } from './api.js';
import { useComments } from './queries.js';
import { momentText } from '../ui/format.js';
import { focusSoon } from '../ui/Form.js';
import { refusalSentence, sentence } from '../ui/sentence.js';
import { useKept, useReadError, type Kept } from '../ui/server-words.js';

export function CommentsPanel({
  planId,
  indicatorId,
  periodId,
  readOnly = false,
  archived = false,
}: {
  planId: string | number;
  indicatorId: string;
  periodId: string;
  readOnly?: boolean;
  archived?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const read = useComments(planId, indicatorId, periodId);
  const written = usePlanWritten(String(planId));
  const comments = read.data ?? null;
  // Not allowed to read the thread (401, 403): no panel at all.
  const e = read.error;
  // Said again on a change of language (a refusal by its code, the client's own words by their key).
  // A failed read in its words as a sentence; a fault of the app in the app's (its raw text in the console).
  const readError = useReadError();
  const error = e === null ? null : e instanceof ApiError && (e.status === 401 || e.status === 403) ? '' : sentence(readError(e));
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ kind: 'success' | 'danger'; text: Kept } | null>(null);
  const say = useKept();
  const [busy, setBusy] = useState(false);

  if (error === '') return null;

  async function send(e: FormEvent) {
    e.preventDefault();
    if (text.trim() === '') {
      setMessage({ kind: 'danger', text: { key: 'campaign.comments.empty' } });
      document.getElementById('comment-text')?.focus();
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await campaignApi.comment(planId, indicatorId, periodId, text);
      setText('');
      setMessage({ kind: 'success', text: { key: 'campaign.comments.sent' } });
      await written({ trees: false });
    } catch (err) {
      setMessage({ kind: 'danger', text: { error: err } });
    } finally {
      setBusy(false);
    }
    // The box was disabled while the comment was sent, which left the focus on the page's body:
    // it goes back to the box, described by the message saying whether the comment went.
    focusSoon('comment-text');
  }

  const when = (at: string): string => momentText(at, i18n.language);
  return (
    <section aria-labelledby="comments-title" className="mb-3" data-testid="comments">
      <h3 id="comments-title" className="h6">
        {t('campaign.comments.title')}
      </h3>
      {error !== null ? (
        <p className="text-danger small">{error}</p>
      ) : comments === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : comments.length === 0 ? (
        <p className="small">{t('campaign.comments.none')}</p>
      ) : (
        <ol className="small list-unstyled comment-list">
          {comments.map((c) => (
            <li key={c.id} className="mb-2" data-testid="comment">
              <span className="fw-semibold">{c.authorName}</span> <span className="muted">({t(`role.${c.authorRole}`)})</span>{' '}
              <time className="muted" dateTime={c.createdAt}>
                {when(c.createdAt)}
              </time>
              <span className="d-block comment-body">{c.body}</span>
            </li>
          ))}
        </ol>
      )}
      {message !== null && (
        <p
          id="comment-message"
          className={message.kind === 'success' ? 'small text-success' : 'small text-danger'}
          role={message.kind === 'success' ? 'status' : 'alert'}
          data-testid="comment-message"
        >
          {say(message.text, refusalSentence)}
        </p>
      )}
      {archived || readOnly ? (
        <p className="small muted" data-testid="comments-read-only">
          {t(archived ? 'campaign.comments.archived' : 'campaign.comments.readOnly')}
        </p>
      ) : (
        <form onSubmit={(e) => void send(e)} className="albero-form" noValidate>
          <fieldset disabled={busy}>
            <label htmlFor="comment-text" className="form-label">
              {t('campaign.comments.write')}
            </label>
            <textarea
              id="comment-text"
              className="form-control"
              rows={2}
              maxLength={5000}
              value={text}
              onChange={(e) => setText(e.target.value)}
              {...(message === null ? {} : { 'aria-describedby': 'comment-message' })}
              {...(message?.kind === 'danger' ? { 'aria-invalid': true } : {})}
            />
            <button type="submit" className="btn btn-outline-primary btn-sm mt-1" data-testid="comment-send">
              {t('campaign.comments.send')}
            </button>
          </fieldset>
        </form>
      )}
    </section>
  );
}
