/** At a mid-year period: is the indicator's target still reachable by year end (yes / no / at risk)? */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { usePlanWritten } from '../api/queries.js';
import { campaignApi } from './api.js';
import { useVariances } from './queries.js';
import { FORECAST_OUTCOMES } from '../../../src/contract/campaign-states.js';
import type { Forecast, ForecastOutcome } from '../../../src/contract/index.js';

export function ForecastPanel({ planId, indicatorId, periodId, editable }: { planId: string | number; indicatorId: string; periodId: string; editable: boolean }) {
  const { t } = useTranslation();
  // The variances report carries the period's forecasts: one read shared with the variances panel.
  const read = useVariances(planId, periodId);
  const written = usePlanWritten(String(planId));
  const [message, setMessage] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  // The year end has no forecast; a refused read shows nothing.
  if (read.data === undefined || read.data.period.last) return null;
  const forecast = read.data.forecasts.find((f) => f.indicatorId === indicatorId) ?? null;

  async function save(input: { reachable: ForecastOutcome | null; note: string }) {
    setMessage(null);
    if (input.reachable === null) {
      setMessage({ kind: 'danger', text: t('campaign.forecast.reachableRequired') });
      document.getElementById(`forecast-${FORECAST_OUTCOMES[0]}`)?.focus();
      return;
    }
    try {
      await campaignApi.putForecast(planId, indicatorId, periodId, { reachable: input.reachable, note: input.note, version: forecast?.version ?? 0 });
      setMessage({ kind: 'success', text: t('campaign.forecast.saved') });
      await written({ trees: false });
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
        // Keyed by the stored forecast's version: a save read back sets the fields as stored.
        <ForecastForm key={forecast?.version ?? 0} stored={forecast} onSave={(input) => void save(input)} />
      )}
      {message !== null && (
        <p className={message.kind === 'success' ? 'small text-success' : 'small text-danger'} role={message.kind === 'success' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

function ForecastForm({ stored, onSave }: { stored: Forecast | null; onSave: (input: { reachable: ForecastOutcome | null; note: string }) => void }) {
  const { t } = useTranslation();
  // Nothing checked until someone answers: a preselected "yes" was saved as the forecast by whoever
  // only wrote a note.
  const [reachable, setReachable] = useState<ForecastOutcome | null>(stored?.reachable ?? null);
  const [note, setNote] = useState(stored?.note ?? '');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ reachable, note });
      }}
      className="albero-form"
    >
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
    </form>
  );
}
