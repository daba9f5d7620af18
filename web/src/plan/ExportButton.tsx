/**
 * The PDF and workbook exports for a signed-in reader: the server draws the file on a worker
 * thread (`POST /api/plans/:id/exports`), this button shows how far it has got (objectives drawn
 * of all, as a progress bar a screen reader announces) and downloads the file when it is ready.
 * A 20,000-indicator annex takes seconds; the rest of the app stays usable meanwhile. The file's
 * own words (headings, bands, states) are in the screen's language.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKept, type Kept } from '../ui/server-words.js';
import { EXPORT_FAILURES, type ExportFailure } from '../../../src/contract/export-failures.js';
import type { ExportJob } from '../../../src/contract/index.js';
import { request } from '../api/client.js';
import { focusSoon } from '../ui/Form.js';
import { useLang } from '../ui/format.js';
import { refusalSentence } from '../ui/sentence.js';

type JobFormat = ExportJob['format'];

const enc = encodeURIComponent;
/** How often the job is asked for its progress. */
const POLL_MS = 400;

/** The words' key of why a job failed: its code, said in the reader's language; one this app does not know yet, as a drawing that failed. */
function failureWord(failure: ExportJob['failure']): `export.failure.${ExportFailure}` {
  return `export.failure.${failure !== null && (EXPORT_FAILURES as readonly string[]).includes(failure) ? failure : 'drawing-failed'}`;
}

export function ExportButton({ planId, format, period }: { planId: string; format: JobFormat; period: string | null | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [job, setJob] = useState<ExportJob | null>(null);
  // Kept as what it is (a key, the server's answer), said on each render: after a change of language, in the new one.
  const [failed, setError] = useState<Kept | null>(null);
  const say = useKept();
  const error = failed === null ? null : say(failed, refusalSentence);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  /**
   * The button is disabled while the file is drawn, which leaves a keyboard user's focus on the page's
   * body: once the job is over it goes back to the button (the file downloaded), or to why it failed.
   * Only when it was lost: a reader who went on meanwhile keeps their place.
   */
  const giveBack = (id: string) => {
    if (document.activeElement === null || document.activeElement === document.body) focusSoon(id);
  };

  async function start() {
    setError(null);
    try {
      // The server evaluates the whole plan before it queues the job: given the longer wait (client.ts).
      let current = await request<ExportJob>('POST', `/api/plans/${enc(planId)}/exports`, { format, lang, ...(period ? { period } : {}) }, 'long');
      setJob(current);
      while (alive.current && (current.state === 'queued' || current.state === 'running')) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        current = await request<ExportJob>('GET', `/api/exports/${enc(current.id)}`);
        if (alive.current) setJob(current);
      }
      if (!alive.current) return;
      if (current.state === 'failed') {
        // The button is offered again, the progress gone: a failed job is over, like a finished one.
        setJob(null);
        setError({ key: failureWord(current.failure) });
        giveBack(`export-${format}-error`);
        return;
      }
      // The file is an attachment: following the link downloads it and leaves the page as it is.
      const link = document.createElement('a');
      link.href = `/api/exports/${enc(current.id)}/file`;
      link.download = current.fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setJob(null);
      giveBack(`export-${format}`);
    } catch (e) {
      if (!alive.current) return;
      setJob(null);
      setError({ error: e });
      giveBack(`export-${format}-error`);
    }
  }

  const busy = job !== null;
  const percentDone = job === null || job.total === 0 ? 0 : Math.round((job.done / job.total) * 100);
  return (
    <span className="d-inline-flex align-items-center gap-2">
      <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => void start()} disabled={busy} id={`export-${format}`} data-testid={`export-${format}`}>
        {t(`export.${format}`)}
      </button>
      {busy && (
        <span className="d-inline-flex align-items-center gap-1 small" data-testid={`export-${format}-progress`}>
          <span className="progress" style={{ width: '6rem', height: '0.5rem' }}>
            <span
              className="progress-bar"
              role="progressbar"
              aria-label={t('export.progressLabel', { format: t(`export.${format}`) })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percentDone}
              style={{ width: `${percentDone}%` }}
            />
          </span>
          <span aria-live="polite">{job.state === 'queued' ? t('export.queued') : t('export.progress', { done: job.done, total: job.total })}</span>
        </span>
      )}
      {error !== null && (
        <span className="small text-danger" role="alert" id={`export-${format}-error`} tabIndex={-1}>
          {error}
        </span>
      )}
    </span>
  );
}
