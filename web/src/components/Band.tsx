import { useTranslation } from 'react-i18next';
import { BAND_MARK as SYMBOL, type Band } from '../../../src/core/legend.js';
import { percent } from '../format.js';

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
export function Performance({ value, band, simulated }: { value: number | null; band: Band | null; simulated?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="performance">
      <span className={`perf-value perf-${band ?? 'none'}`}>{value === null ? t('tree.noPerformance') : percent(value)}</span>{' '}
      <BandBadge band={band} />
      {simulated === true && <span className="badge-sim">{t('whatif.simulated')}</span>}
    </span>
  );
}

export function Legend({ legend }: { legend: Array<{ band: Band; label: string }> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="legend-title" className="legend">
      <h2 id="legend-title" className="h6 mb-1">
        {t('tree.legend')}
      </h2>
      <ul className="list-inline mb-0">
        {legend.map((r) => (
          <li key={r.band} className="list-inline-item me-3">
            <BandBadge band={r.band} /> {r.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
