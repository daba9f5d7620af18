/** An indicator's three-year horizon in its facts list: baseline → target, a baseline last year's corrected actual moved on (206 → 210), the later targets, a trend's value from last year's plan. */
import { useTranslation } from 'react-i18next';
import type { TreeIndicator } from '../api/types.js';
import { plainNumber, useLang } from '../ui/format.js';

/** "206 (2024) → 10", or the target alone when there is no baseline. */
export function baselineToTarget(i: Pick<TreeIndicator, 'baselineText' | 'baselineYear' | 'targetText'>, t: (key: string, options?: Record<string, unknown>) => string): string | null {
  if (i.baselineText === '') return null;
  return t('years.baselineArrow', { baseline: i.baselineText, year: i.baselineYear ?? '—', target: i.targetText || '—' });
}

export function HorizonFacts({ indicator: i }: { indicator: TreeIndicator }) {
  const { t } = useTranslation();
  const lang = useLang();
  const arrow = baselineToTarget(i, t);
  const later = i.nextTargets.filter((n) => n.targetText !== '');
  return (
    <>
      <dt className="col-5">{t('years.baselineTarget')}</dt>
      <dd className="col-7" data-testid="baseline-target">
        {arrow ?? `${t('years.noBaseline')} → ${i.targetText || '—'}`}
      </dd>
      {i.baselineChange !== null && (
        <dd className="col-12 small text-warning-emphasis" data-testid="baseline-change">
          {i.baselineChange.current === null
            ? t('years.baselineWithdrawn', { baseline: i.baselineText, year: i.baselineChange.currentYear })
            : t('years.baselineChanged', { baseline: i.baselineText, current: i.baselineChange.currentText, year: i.baselineChange.currentYear })}
        </dd>
      )}
      {later.length > 0 && (
        <>
          <dt className="col-5">{t('years.laterTargets')}</dt>
          <dd className="col-7" data-testid="later-targets">
            {later.map((n) => `${n.year}: ${n.targetText}`).join(' · ')}
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
