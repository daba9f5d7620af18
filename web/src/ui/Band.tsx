import { useTranslation } from 'react-i18next';
import { BAND_MARK as SYMBOL, type Band } from '../../../src/core/band.js';
import { percent, useLang, type Lang } from './format.js';
import { legendRanges, type LegendRuleDocument } from './legend.js';

// A shape as well as a colour and a word: the band is never told by colour alone (WCAG 1.4.1);
// the same shapes as the reports and the command line.

export function BandBadge({ band }: { band: Band | null }) {
  const { t } = useTranslation();
  const key = band ?? 'none';
  return (
    <span className={`band band-${key}`} data-band={key}>
      <span aria-hidden="true">{SYMBOL[key]}</span> {t(`band.${key}`)}
    </span>
  );
}

/** A performance with its band beside it. */
export function Performance(props: { value: number | null; band: Band | null; simulated?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return <PerformanceText {...props} t={t} lang={lang} />;
}

/**
 * The same, with the translation passed in: the tree's rows take `t` from the table instead of
 * each subscribing to the language (a jump through a big tree mounts dozens of rows at once).
 */
export function PerformanceText({ value, band, simulated, t, lang }: { value: number | null; band: Band | null; simulated?: boolean; t: (key: string) => string; lang: Lang }) {
  const key = band ?? 'none';
  return (
    <span className="performance">
      <span className={`perf-value perf-${key}`}>{value === null ? t('tree.noPerformance') : percent(value, lang)}</span>{' '}
      <span className={`band band-${key}`} data-band={key}>
        <span aria-hidden="true">{SYMBOL[key]}</span> {t(`band.${key}`)}
      </span>
      {simulated === true && <span className="badge-sim">{t('whatif.simulated')}</span>}
    </span>
  );
}

/** The plan's legend: its own (Italian) labels on an Italian screen, each rule's range in words on an English one. */
export function Legend({ legend }: { legend: readonly LegendRuleDocument[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ranges = legendRanges(legend, lang);
  return (
    <section aria-labelledby="legend-title" className="legend">
      <h2 id="legend-title" className="h6 mb-1">
        {t('tree.legend')}
      </h2>
      <ul className="list-inline mb-0">
        {legend.map((r, k) => (
          <li key={r.band} className="list-inline-item me-3" data-testid={`legend-${r.band}`}>
            <BandBadge band={r.band} /> {lang === 'it' || ranges[k]!.length === 0 ? r.label : t('tree.legendRange', { range: ranges[k]!.join(` ${t('tree.legendAnd')} `) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
