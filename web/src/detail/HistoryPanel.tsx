/** An objective's or indicator's numbers in every period of the plan, each period's tree read through the cache. */
import { lazy, Suspense } from 'react';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { keys } from '../api/queries.js';
import type { Period, TreeDocument, TreeIndicator } from '../api/types.js';
import { actualText, amountText, percent, useLang } from '../ui/format.js';

const HistoryChart = lazy(() => import('../plan/Charts.js').then((m) => ({ default: m.HistoryChart })));

interface HistoryPoint {
  period: Period;
  /** The chart's numbers. */
  actual: number | null;
  target: number | null;
  /** The table's words in the screen's language (60,00%, 30/09/2024, N.V.; 60.00%, N.E. in English); '' when none. */
  actualShown: string;
  targetShown: string;
  performance: number | null;
}

/** An objective's or indicator's numbers in every period of the plan (one tree per period). */
export function HistoryPanel({ planId, doc, code, indicator }: { planId: string; doc: TreeDocument; code: string; indicator: TreeIndicator | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  // Each period's tree through the cache (the one shown is `doc` itself), shared with the plan view.
  const others = useQueries({
    queries: doc.periods.map((p) => ({
      queryKey: keys.tree(planId, p.id, lang),
      queryFn: () => api.tree(planId, p.id, lang),
      enabled: p.id !== doc.period?.id,
    })),
  });
  const pending = others.some((q, n) => doc.periods[n]!.id !== doc.period?.id && q.isPending && q.fetchStatus !== 'idle');
  const points: HistoryPoint[] | null = pending
    ? null
    : doc.periods.map((p, n) => {
        const tree = p.id === doc.period?.id ? doc : (others[n]?.data ?? null);
        const o = tree?.objectives.find((x) => x.code === code);
        const i = indicator ? o?.indicators.find((x) => x.id === indicator.id) : undefined;
        const num = (v: unknown) => (typeof v === 'number' ? v : null);
        return {
          period: p,
          actual: i ? num(i.actual) : null,
          target: i ? num(i.target) : null,
          actualShown: i ? actualText(i, lang) : '',
          targetShown: i ? amountText(i.target, i.unit, lang) : '',
          performance: indicator ? (i?.performance ?? null) : (o?.performance ?? null),
        };
      });
  if (doc.periods.length === 0) return null;
  return (
    <section aria-labelledby="history-title" className="mb-3">
      <h3 id="history-title" className="h6">
        {indicator ? t('charts.history') : t('detail.history')}
      </h3>
      {points === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <table className="table table-sm small" data-testid="history">
            <thead>
              <tr>
                <th scope="col">{t('period.label')}</th>
                {indicator && (
                  <>
                    <th scope="col" className="num">
                      {t('tree.actual')}
                    </th>
                    <th scope="col" className="num">
                      {t('tree.target')}
                    </th>
                  </>
                )}
                <th scope="col" className="num">
                  {indicator ? t('tree.kpi') : t('tree.performance')}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.period.id}>
                  <th scope="row">
                    {p.period.label} <span className="muted">({t(`period.${p.period.state}`)})</span>
                  </th>
                  {indicator && (
                    <>
                      <td className="num">{p.actualShown || '—'}</td>
                      <td className="num">{p.targetShown || '—'}</td>
                    </>
                  )}
                  <td className="num">{percent(p.performance, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {indicator && points.length > 1 && (
            <Suspense fallback={null}>
              <HistoryChart points={points.map((p) => ({ label: p.period.label, actual: p.actual, target: p.target }))} unit={indicator.unit} />
            </Suspense>
          )}
        </>
      )}
    </section>
  );
}
