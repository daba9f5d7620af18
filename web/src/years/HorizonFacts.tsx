/** An indicator's three-year horizon in its facts list: baseline → target, a baseline last year's corrected actual moved on (206 → 210), the later targets, a trend's value from last year's plan. */
import { useTranslation } from 'react-i18next';
import type { TreeIndicator } from '../api/types.js';
import { amountText, plainNumber, useLang, type Lang } from '../ui/format.js';

/** "206 (2024) → 10" in the screen's notation; null when there is no baseline. */
export function baselineToTarget(i: Pick<TreeIndicator, 'baseline' | 'baselineYear' | 'target' | 'unit'>, t: (key: string, options?: Record<string, unknown>) => string, lang: Lang): string | null {
  const baseline = amountText(i.baseline, i.unit, lang);
  if (baseline === '') return null;
  return t('years.baselineArrow', { baseline, year: i.baselineYear ?? '—', target: amountText(i.target, i.unit, lang) || '—' });
}

export function HorizonFacts({ indicator: i }: { indicator: TreeIndicator }) {
  const { t } = useTranslation();
  const lang = useLang();
  const arrow = baselineToTarget(i, t, lang);
  const later = i.nextTargets.filter((n) => n.target !== null);
  const baseline = amountText(i.baseline, i.unit, lang);
  return (
    <>
      <dt className="col-5">{t('years.baselineTarget')}</dt>
      <dd className="col-7" data-testid="baseline-target">
        {arrow ?? `${t('years.noBaseline')} → ${amountText(i.target, i.unit, lang) || '—'}`}
      </dd>
      {i.baselineChange !== null && (
        <dd className="col-12 small text-warning-emphasis" data-testid="baseline-change">
          {i.baselineChange.current === null
            ? t('years.baselineWithdrawn', { baseline, year: i.baselineChange.currentYear })
            : t('years.baselineChanged', { baseline, current: amountText(i.baselineChange.current, i.unit, lang), year: i.baselineChange.currentYear })}
        </dd>
      )}
      {later.length > 0 && (
        <>
          <dt className="col-5">{t('years.laterTargets')}</dt>
          <dd className="col-7" data-testid="later-targets">
            {later.map((n) => `${n.year}: ${amountText(n.target, i.unit, lang)}`).join(' · ')}
          </dd>
        </>
      )}
      {i.previousValue !== null && (
        <dd className="col-12 small muted" data-testid="previous-value">
          {t('years.previousFromPredecessor', { value: plainNumber(i.previousValue.value, lang), year: i.previousValue.year })}
        </dd>
      )}
    </>
  );
}
