/**
 * An objective's or indicator's figures in every year it is linked to (next-year lineage): a table
 * (year, plan, target, actual, performance) and, with two years or more, a chart of the performance.
 * A year whose Relazione the OIV validated at another figure says that figure beside the reported
 * one, and the chart draws it, as that year's own screen colours its row by the validated band.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { keys } from '../api/queries.js';
import type { PlanSummary, TreeDocument } from '../api/types.js';
import { percent, useLang } from '../ui/format.js';
import { useReadError } from '../ui/server-words.js';
import { yearsApi } from './api.js';

const YearsChart = lazy(() => import('./YearsChart.js').then((m) => ({ default: m.YearsChart })));

interface Props {
  planId: PlanSummary['id'];
  /** The objective's code, or the indicator's id when `indicator` is set. */
  code: string;
  indicator: string | null;
  /** A new tree (after a save) may mean new figures: they are cached at its data version. */
  doc: TreeDocument;
}

export function YearsPanel({ planId, code, indicator, doc }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const read = useQuery({
    // The server says the targets and actuals in the screen's language (`N.E.` in English), as the tree's rows do.
    queryKey: keys.years(planId, code, indicator, lang, doc.dataVersion),
    queryFn: () => (indicator === null ? yearsApi.objectiveYears(planId, code, lang) : yearsApi.indicatorYears(planId, indicator, lang)),
  });
  const years = read.data ?? null;
  // A refusal said again by its code in the screen's language.
  const readError = useReadError();
  const error = read.error === null ? null : readError(read.error);
  return (
    <section aria-labelledby="years-title" className="mb-3" data-testid="years">
      <h3 id="years-title" className="h6">
        {t('years.title')}
      </h3>
      {error !== null ? (
        <p className="text-danger small">{t('detail.failed', { message: error })}</p>
      ) : years === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : years.years.length <= 1 ? (
        <p className="small muted">{t('years.empty')}</p>
      ) : (
        <>
          <div className="table-responsive">
            <table className="table table-sm small" data-testid="years-table">
              <caption className="visually-hidden">{t('years.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('years.year')}</th>
                  {indicator !== null && (
                    <>
                      <th scope="col" className="num">
                        {t('years.target')}
                      </th>
                      <th scope="col" className="num">
                        {t('years.actual')}
                      </th>
                    </>
                  )}
                  <th scope="col" className="num">
                    {t('years.performance')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {years.years.map((y) => {
                  // Figures of a period before the year end (its latest closed while the year end takes values): said with their date.
                  const at = (value: string): string => (value === '—' || y.period.yearEnd ? value : t('years.atPeriod', { value, period: y.period.label }));
                  return (
                    <tr key={y.planId} className={y.current ? 'table-active' : undefined} aria-current={y.current ? 'true' : undefined}>
                      <th scope="row">
                        {y.year} <span className="muted">({y.current ? t('years.current') : y.planTitle})</span>
                      </th>
                      {indicator !== null && (
                        <>
                          <td className="num">{y.targetText || '—'}</td>
                          <td className="num">{at(y.actualText || '—')}</td>
                        </>
                      )}
                      <td className="num" data-testid="years-performance">
                        {y.validated === null
                          ? at(percent(y.performance, lang))
                          : t(y.validated.reservations ? 'years.validatedReservations' : 'years.validated', {
                              validated: percent(y.validated.performance, lang),
                              reported: percent(y.performance, lang),
                            })}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Suspense fallback={null}>
            <YearsChart years={years.years} />
          </Suspense>
        </>
      )}
    </section>
  );
}
