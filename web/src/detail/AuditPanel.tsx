/** The audit trail of an objective or indicator: who changed what, when, from what to what (the catalogue's sentence), and why. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.js';
import { keys } from '../api/queries.js';
import { changeText, shortName } from '../../../src/messages/changes.js';
import { momentText } from '../ui/format.js';
import { WithPlanText } from '../ui/PlanText.js';
import { actorName } from '../ui/people.js';
import { useReadError } from '../ui/server-words.js';

export function AuditPanel({ planId, node, indicator }: { planId: string; node: string | undefined; indicator: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'it';
  // Every write to the plan marks it stale (`usePlanWritten`): a save or a transition means new entries.
  const read = useQuery({ queryKey: keys.audit(planId, node, indicator, language), queryFn: () => api.audit({ planId, ...(indicator ? { indicator } : { node }), limit: 50 }) });
  const entries = read.data ?? null;
  const e = read.error;
  // A refusal said again by its code in the screen's language: the one shown meanwhile is the other language's read.
  const readError = useReadError();
  // Signed out (401): the public sees no trail, and no heading either.
  const error = e === null ? null : e instanceof ApiError && e.status === 401 ? '' : readError(e);
  if (error === '') return null;
  return (
    <section aria-labelledby="audit-title" className="mb-3">
      <h3 id="audit-title" className="h6">
        {t('detail.audit')}
      </h3>
      {error !== null ? (
        <p className="text-danger small">{t('detail.failed', { message: error })}</p>
      ) : entries === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="small">{t('detail.noAudit')}</p>
      ) : (
        <ul className="small audit-list" data-testid="audit">
          {entries.map((e) => (
            <li key={String(e.id)}>
              <time dateTime={e.at}>{momentText(e.at, language)}</time> — <strong>{actorName(e.userName, e.user, i18n) ?? '—'}</strong>:{' '}
              {/* The subject's name is the plan's Italian text; a reason is not marked: it may be the program's, said in the screen's language. */}
              <WithPlanText sentence={changeText(e, language)} quoted={e.name === undefined ? '' : shortName(e.name)} />
              {e.reason ? ` (${e.reason})` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
