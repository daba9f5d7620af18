/** At a mid-year period: is the indicator's target still reachable by year end (yes / no / at risk)? */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { campaignApi } from './api.js';
import { FORECAST_OUTCOMES, type Forecast, type ForecastOutcome } from './types.js';

export function ForecastPanel({ planId, indicatorId, periodId, editable }: { planId: string | number; indicatorId: string; periodId: string; editable: boolean }) {
  const { t } = useTranslation();
  const [forecast, setForecast] = useState<Forecast | null | undefined>(undefined);
  const [reachable, setReachable] = useState<ForecastOutcome>('yes');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const [hidden, setHidden] = useState(false);

  const load = (): Promise<void> =>
    campaignApi
      .variances(planId, periodId)
      .then((r) => {
        if (r.period.last) return setHidden(true);
        const found = r.forecasts.find((f) => f.indicatorId === indicatorId) ?? null;
        setForecast(found);
        setReachable(found?.reachable ?? 'yes');
        setNote(found?.note ?? '');
      })
      .catch(() => setHidden(true));

  useEffect(() => {
    setForecast(undefined);
    setHidden(false);
    setMessage(null);
    void load();
  }, [planId, indicatorId, periodId]); // eslint-disable-line react-hooks/exhaustive-deps

  if (hidden || forecast === undefined) return null;

  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      const saved = await campaignApi.putForecast(planId, indicatorId, periodId, { reachable, note, version: forecast?.version ?? 0 });
      setForecast(saved);
      setMessage({ kind: 'success', text: t('campaign.forecast.saved') });
    } catch (err) {
      setMessage({ kind: 'danger', text: err instanceof ApiError && err.code === 'conflict' ? t('campaign.forecast.conflict') : err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <section aria-labelledby="forecast-title" className="mb-3" data-testid="forecast">
      <h3 id="forecast-title" className="h6">
        {t('campaign.forecast.title')}
      </h3>
      {!editable ? (
        <p className="small">{forecast === null ? t('campaign.forecast.none') : `${t(`campaign.forecast.${forecast.reachable}`)}${forecast.note ? ` — ${forecast.note}` : ''}`}</p>
      ) : (
        <form onSubmit={(e) => void save(e)} className="albero-form">
          <fieldset className="mb-2">
            <legend className="form-label fs-6 mb-1">{t('campaign.forecast.reachable')}</legend>
            {FORECAST_OUTCOMES.map((o) => (
              <div className="form-check form-check-inline" key={o}>
                <input className="form-check-input" type="radio" name="forecast-reachable" id={`forecast-${o}`} value={o} checked={reachable === o} onChange={() => setReachable(o)} />
                <label className="form-check-label" htmlFor={`forecast-${o}`}>
                  {t(`campaign.forecast.${o}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <label htmlFor="forecast-note" className="form-label">
            {t('campaign.forecast.note')}
          </label>
          <input id="forecast-note" type="text" className="form-control form-control-sm" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="btn btn-outline-primary btn-sm mt-1">
            {t('campaign.forecast.save')}
          </button>
          {message !== null && (
            <p className={message.kind === 'success' ? 'small text-success' : 'small text-danger'} role={message.kind === 'success' ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
