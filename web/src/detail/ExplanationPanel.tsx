import { BandBadge } from '../ui/Band.js';
/** How an objective's performance is computed: the formula, each contribution, the indicators' rules. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { keys } from '../api/queries.js';
import type { TreeDocument } from '../api/types.js';
import { percent, weight } from '../ui/format.js';
import { planTextLanguage } from '../../../src/core/words.js';
import { sentence } from '../ui/sentence.js';
import { useReadError } from '../ui/server-words.js';
import type { DetailProps } from './props.js';

export function ExplanationPanel({ planId, code, period, local, doc }: { planId: string; code: string; period: string | null; local: DetailProps['localExplanation']; doc: TreeDocument }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  // In what-if the explanation is the simulation's, computed here; else the server's, cached at the
  // plan's data version (a save's new document reads it again).
  const read = useQuery({ queryKey: keys.explanation(planId, code, period, lang, doc.dataVersion), queryFn: () => api.explanation(planId, code, period, lang), enabled: local === null });
  const explanation = local !== null ? local(code, lang) : (read.data ?? null);
  // A refusal said again by its code in the screen's language.
  const readError = useReadError();
  const error = local !== null || read.error === null ? null : readError(read.error);
  if (error !== null) return <p className="text-danger">{t('detail.failed', { message: error })}</p>;
  if (explanation === null) return <p role="status">{t('common.loading')}</p>;
  return (
    <section aria-labelledby="explanation-title" className="mb-3" data-testid="explanation">
      <h3 id="explanation-title" className="h6">
        {t('detail.explanation')}
      </h3>
      {explanation.notice !== undefined && (
        <p className="small mb-2" data-testid="explanation-notice">
          <strong>{sentence(explanation.notice)}</strong>
        </p>
      )}
      <p className="formula">
        <code>{explanation.formula}</code>
      </p>
      {explanation.contributions.length > 0 && (
        <div className="table-responsive">
          <table className="table table-sm small">
            <caption className="visually-hidden">{t('detail.contributions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('detail.contributions')}</th>
                <th scope="col" className="num">
                  {t('tree.weight')}
                </th>
                <th scope="col" className="num">
                  {t('detail.share')}
                </th>
                <th scope="col" className="num">
                  {t('detail.score')}
                </th>
                <th scope="col" className="num">
                  {t('detail.points')}
                </th>
              </tr>
            </thead>
            <tbody>
              {explanation.contributions.map((c) => (
                <tr key={c.ref}>
                  <td>
                    {c.label}
                    {c.excluded ? (
                      <span className="d-block muted">
                        ({t('detail.excluded')}: {String(c.excluded)})
                      </span>
                    ) : c.pending ? (
                      // Not left out: its result is not published yet (the period is in progress).
                      <span className="d-block muted">({c.pending})</span>
                    ) : null}
                  </td>
                  <td className="num">{weight(c.weight, lang)}</td>
                  <td className="num">{c.share === null ? '—' : percent(Math.round(c.share * 1e6) / 1e4, lang)}</td>
                  <td className="num">{c.score === null ? '—' : percent(c.score, lang)}</td>
                  <td className="num">{c.points === null ? '—' : percent(c.points, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small">{t('detail.mean')}</p>
      {explanation.thresholds !== undefined && explanation.thresholds.length > 0 && (
        <>
          <h4 className="h6">{t('detail.ownRanges')}</h4>
          <ul className="small" data-testid="own-ranges">
            {explanation.thresholds.map((r) => (
              <li key={r.indicatorId}>
                {r.text} <BandBadge band={r.band} />
              </li>
            ))}
          </ul>
        </>
      )}
      {explanation.indicators.length > 0 && (
        <>
          <h4 className="h6">{t('detail.indicators')}</h4>
          <ul className="small">
            {explanation.indicators.map((i) => (
              <li key={i.id}>
                {/* A not measured one's scoring says whether it was declared so or is not entered yet. */}
                <strong lang={planTextLanguage(lang)}>{i.name}</strong> — {i.state === 'not_measured' ? i.scoring : `${t(`state.${i.state}`)}: ${i.scoring}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
