/**
 * An objective's or indicator's figures in every year it is linked to (next-year lineage): a table
 * (year, plan, target, actual, performance) and, with two years or more, a chart of the performance.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { keys } from '../api/queries.js';
import type { PlanSummary, TreeDocument } from '../api/types.js';
import { amountText, percent, useLang, type AmountUnit, type Lang } from '../ui/format.js';
import { yearsApi } from './api.js';

/**
 * A year's target or actual in the screen's notation, from its value (the server's text is Italian);
 * an objective's empty text and an actual's `N.V.` as the server says them, there being no figure.
 */
function yearAmount(value: number | string | boolean | null, text: string, unit: AmountUnit | null, lang: Lang): string {
  return unit === null || text === 'N.V.' ? text : amountText(value, unit, lang);
}

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
    queryKey: keys.years(planId, code, indicator, doc.dataVersion),
    queryFn: () => (indicator === null ? yearsApi.objectiveYears(planId, code) : yearsApi.indicatorYears(planId, indicator)),
  });
  const years = read.data ?? null;
  const error = read.error === null ? null : read.error instanceof Error ? read.error.message : String(read.error);
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
                {years.years.map((y) => (
                  <tr key={y.planId} className={y.current ? 'table-active' : undefined} aria-current={y.current ? 'true' : undefined}>
                    <th scope="row">
                      {y.year} <span className="muted">({y.current ? t('years.current') : y.planTitle})</span>
                    </th>
                    {indicator !== null && (
                      <>
                        <td className="num">{yearAmount(y.target, y.targetText, y.unit, lang) || '—'}</td>
                        <td className="num">{yearAmount(y.actual, y.actualText, y.unit, lang) || '—'}</td>
                      </>
                    )}
                    <td className="num">{percent(y.performance, lang)}</td>
                  </tr>
                ))}
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
