/**
 * The form's trail on its screen (`GET /api/appraisals/:id/trail`), for everyone who may read the
 * form (the route's rule: the person, the evaluator, HR, the administrator, the OIV for managers):
 * each entry newest first with when, who, what happened, the reason given, and what changed before →
 * after, all in the server's words in the reader's language. A list of articles a screen reader walks
 * by heading; the arrow is said as a word.
 */
import { useTranslation } from 'react-i18next';
import { momentParts } from '../ui/format.js';
import { useErrorText } from './AppraisalsPage.js';
import { useFormTrail } from './queries.js';

export function FormTrail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  const errorText = useErrorText();
  const read = useFormTrail(id, lang, true);
  const entries = read.data === undefined ? null : [...read.data].reverse();
  return (
    <section aria-labelledby="trail-title" className="mb-3" data-testid="form-trail">
      <h2 className="h4" id="trail-title">
        {t('appraisal.trail.title')}
      </h2>
      {read.error !== null && read.data === undefined ? (
        <p className="alert alert-danger" role="alert" data-testid="trail-error">
          {errorText(read.error)}
        </p>
      ) : entries === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : entries.length === 0 ? (
        <p>{t('appraisal.trail.empty')}</p>
      ) : (
        <>
          <p className="small">{t('appraisal.trail.intro')}</p>
          <ol className="list-unstyled" data-testid="trail-entries">
            {entries.map((e) => (
              <li key={e.id} className="border-start border-3 ps-2 mb-3 text-break" data-testid="trail-entry">
                <h3 className="h6 mb-1">
                  <span data-testid="trail-what">{e.what}</span>
                </h3>
                <p className="mb-1 small" data-testid="trail-when">
                  <time dateTime={e.at}>{t('appraisal.trail.when', momentParts(e.at, lang))}</time>,{' '}
                  {e.userName === null && e.user === null ? t('appraisal.trail.unknown') : t('appraisal.trail.by', { name: e.userName ?? e.user })}
                </p>
                {e.reason !== null && (
                  <p className="mb-1" data-testid="trail-reason">
                    {t('appraisal.trail.reason')}: {e.reason}
                  </p>
                )}
                {e.changes.length > 0 && (
                  <ul className="mb-0" aria-label={t('appraisal.trail.changes')} data-testid="trail-changes">
                    {e.changes.map((c, i) => (
                      <li key={i}>
                        {c.field}: {c.before} <span aria-hidden="true">→</span>
                        <span className="visually-hidden"> {t('appraisal.trail.becomes')} </span> {c.after}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
