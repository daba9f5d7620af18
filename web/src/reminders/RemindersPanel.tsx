/**
 * The outbox of deadline reminders for the controllo di gestione: each message sent (or waiting for
 * the mail server, or without an address) with its recipient, period, the deadline it was about and
 * the office day it was composed for, the number of values it listed, and "send now". The server decides who is due what; this panel only shows and asks.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKept, useReadError, type Kept } from '../ui/server-words.js';
import { Alert, Button } from 'design-react-kit';
import { reminders } from './api.js';
import { useOutbox, useRemindersSent } from './queries.js';
import { momentText, useLang } from '../ui/format.js';
import { renderFrom } from '../../../src/core/messages/catalogue.js';
import { MAIL_FAILURE_MESSAGES } from '../../../src/messages/mail-failures.js';
import { dateText } from '../ui/dates.js';
import { focusSoon } from '../ui/Form.js';

const when = (iso: string | null, language: string): string => (iso === null ? '—' : momentText(iso, language, 'short'));
/** An office date as the screens write dates, dd/mm/yyyy in either language; '—' for a message queued before migration 90. */
const day = (iso: string | null): string => (iso === null ? '—' : dateText(iso) || '—');

export function RemindersPanel({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const read = useOutbox(planId);
  const outbox = read.data ?? null;
  const sent = useRemindersSent();
  // The refusal kept as the server's answer, said on each render: after a change of language, in the new one.
  const [failed, setFailed] = useState<Kept | null>(null);
  const say = useKept();
  // A refusal in its words, a fault of the app in the app's (its raw text in the console).
  const readError = useReadError();
  const error = failed !== null ? say(failed) : read.error === null ? null : readError(read.error);
  const [notice, setNotice] = useState<Kept | null>(null);
  const [busy, setBusy] = useState(false);

  // The button is disabled while the reminders are sent, which left a keyboard user's focus on the
  // page's body: the answer (what was sent, or why not) takes it.
  async function sendNow() {
    setBusy(true);
    setNotice(null);
    let answer = 'reminders-notice';
    try {
      const run = await reminders.sendNow();
      setNotice({ key: 'reminders.ran', values: { queued: run.queued.length, sent: run.sent, retrying: run.retrying, failed: run.failed } });
      setFailed(null);
      await sent();
    } catch (e) {
      setFailed({ error: e });
      answer = 'reminders-error';
    } finally {
      setBusy(false);
    }
    focusSoon(answer);
  }

  return (
    <section className="border rounded p-2 mb-2" aria-labelledby="reminders-title" data-testid="reminders">
      <div className="d-flex justify-content-between align-items-center">
        <h2 id="reminders-title" className="h6 mb-1">
          {t('reminders.title')}
        </h2>
        <Button size="sm" color="primary" outline disabled={busy} onClick={() => void sendNow()} data-testid="reminders-send">
          {t('reminders.sendNow')}
        </Button>
      </div>
      {outbox !== null && (
        <p className="small text-muted mb-1" data-testid="reminders-settings">
          {t('reminders.settings', { before: outbox.settings.daysBefore, after: outbox.settings.daysAfter, head: outbox.settings.headAfter })}{' '}
          {outbox.settings.transport === 'log' ? t('reminders.noSmtp') : ''}
        </p>
      )}
      {notice !== null && (
        <p className="small mb-1" role="status" id="reminders-notice" tabIndex={-1} data-testid="reminders-notice">
          {say(notice)}
        </p>
      )}
      {error !== null && (
        <Alert color="danger" role="alert" id="reminders-error" tabIndex={-1}>
          {t('common.error', { message: error })}
        </Alert>
      )}
      {outbox !== null && outbox.reminders.length === 0 && <p className="small mb-0">{t('reminders.empty')}</p>}
      {outbox !== null && outbox.reminders.length > 0 && (
        <table className="table table-sm small mb-0" data-testid="reminders-table">
          <thead>
            <tr>
              <th scope="col">{t('reminders.when')}</th>
              <th scope="col">{t('reminders.to')}</th>
              <th scope="col">{t('reminders.period')}</th>
              <th scope="col">{t('reminders.deadline')}</th>
              <th scope="col">{t('reminders.day')}</th>
              <th scope="col">{t('reminders.stage')}</th>
              <th scope="col">{t('reminders.values')}</th>
              <th scope="col">{t('reminders.status')}</th>
            </tr>
          </thead>
          <tbody>
            {outbox.reminders.map((r) => (
              <tr key={r.id} data-status={r.status} data-user={r.username}>
                <td>{when(r.sentAt ?? r.createdAt, i18n.language)}</td>
                <td>
                  {r.username}
                  {r.address !== null && <span className="text-muted"> ({r.address})</span>}
                </td>
                <td>{r.periodId.split('-').reverse().join('/')}</td>
                <td data-testid="reminder-deadline">{day(r.deadline)}</td>
                <td data-testid="reminder-day">{day(r.day)}</td>
                <td>{t(`reminders.stages.${r.stage}`)}</td>
                <td>{r.indicators.length}</td>
                <td>
                  {t(`reminders.statuses.${r.status}`)}
                  {r.status === 'queued' && r.attempts > 0 && <span className="text-muted"> · {t('reminders.attempts', { count: r.attempts })}</span>}
                  {r.cancelReason !== null && <span className="text-muted"> · {t(`reminders.cancelReasons.${r.cancelReason}`)}</span>}
                  {/* Why it did not go, in the screen's language (by its code, whatever language the outbox was read in). */}
                  {r.lastFailure !== null && (
                    <span className="d-block text-muted" data-testid="reminder-error">
                      {renderFrom(MAIL_FAILURE_MESSAGES, 'mail-failure', r.lastFailure, lang)}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
