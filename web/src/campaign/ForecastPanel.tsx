/** At a mid-year period: is the indicator's target still reachable by year end (yes / no / at risk)? */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlanWritten } from '../api/queries.js';
import { campaignApi } from './api.js';
import { useVariances } from './queries.js';
import { FORECAST_OUTCOMES } from '../../../src/contract/campaign-states.js';
import type { ForecastOutcome } from '../../../src/contract/index.js';
import { refusalSentence } from '../ui/sentence.js';
import { useKept, type Kept } from '../ui/server-words.js';
import { staleKept } from '../ui/stale-save.js';
import { usePlanLang } from '../ui/PlanText.js';

/** `archived`: the plan is archived, its forecast read and not changed (409 plan-archived); the panel says why. */
export function ForecastPanel({
  planId,
  indicatorId,
  periodId,
  editable,
  archived = false,
}: {
  planId: string | number;
  indicatorId: string;
  periodId: string;
  editable: boolean;
  archived?: boolean;
}) {
  const { t } = useTranslation();
  // The variances report carries the period's forecasts: one read shared with the variances panel.
  const read = useVariances(planId, periodId);
  const written = usePlanWritten(String(planId));
  const [message, setMessage] = useState<{ kind: 'success' | 'danger'; text: Kept } | null>(null);
  const say = useKept();
  // Someone else saved this forecast since it was read: what was typed is kept here (the form is
  // drawn again from the stored version read back) and theirs is shown above it, so a new save
  // replaces it knowingly, as the variances panel does.
  const [kept, setKept] = useState<Draft | null>(null);
  // The year end has no forecast; a refused read shows nothing.
  if (read.data === undefined || read.data.period.last) return null;
  const forecast = read.data.forecasts.find((f) => f.indicatorId === indicatorId) ?? null;

  async function save(input: Draft) {
    setMessage(null);
    if (input.reachable === null) {
      setMessage({ kind: 'danger', text: { key: 'campaign.forecast.reachableRequired' } });
      document.getElementById(`forecast-${FORECAST_OUTCOMES[0]}`)?.focus();
      return;
    }
    // "No" and "at risk" are warnings the controller acts on: the API asks their reason too.
    if (input.reachable !== 'yes' && input.note.trim() === '') {
      setMessage({ kind: 'danger', text: { key: 'campaign.forecast.noteRequired' } });
      document.getElementById('forecast-note')?.focus();
      return;
    }
    try {
      await campaignApi.putForecast(planId, indicatorId, periodId, { reachable: input.reachable, note: input.note, version: forecast?.version ?? 0 });
      setMessage({ kind: 'success', text: { key: 'campaign.forecast.saved' } });
      setKept(null);
      await written({ trees: false });
    } catch (err) {
      // Kept as key, who and when: a change of language says it again (as words, it stayed in the first).
      const stale = staleKept(err, { named: 'campaign.forecast.conflictBy', anonymous: 'campaign.forecast.conflict' });
      setMessage({ kind: 'danger', text: stale ?? { error: err } });
      if (stale !== null) {
        setKept(input);
        await written({ trees: false });
      }
    }
  }

  return (
    <section aria-labelledby="forecast-title" className="mb-3" data-testid="forecast">
      <h3 id="forecast-title" className="h6">
        {t('campaign.forecast.title')}
      </h3>
      {!editable || archived ? (
        <>
          <p className="small" data-testid="forecast-read">
            {forecast === null ? t('campaign.forecast.none') : <ForecastWords forecast={forecast} />}
          </p>
          {archived && (
            <p className="small muted" data-testid="forecast-archived">
              {t('campaign.forecast.archived')}
            </p>
          )}
        </>
      ) : (
        <>
          {kept !== null && forecast !== null && (
            <div className="border border-warning rounded p-2 mb-2" data-testid="forecast-stored">
              <p className="small mb-1">{t('campaign.forecast.storedBy', { by: forecast.updatedByName ?? '—' })}</p>
              <p className="small mb-0">
                <ForecastWords forecast={forecast} />
              </p>
            </div>
          )}
          {/* Keyed by the stored forecast's version: a save read back sets the fields as stored, unless what was typed is kept. */}
          <ForecastForm key={forecast?.version ?? 0} initial={kept ?? { reachable: forecast?.reachable ?? null, note: forecast?.note ?? '' }} onSave={(input) => void save(input)} />
        </>
      )}
      {message !== null && (
        <p className={message.kind === 'success' ? 'small text-success' : 'small text-danger'} role={message.kind === 'success' ? 'status' : 'alert'}>
          {say(message.text, refusalSentence)}
        </p>
      )}
    </section>
  );
}

/** What the form holds: no outcome until someone chooses one. */
interface Draft {
  reachable: ForecastOutcome | null;
  note: string;
}

/** A stored forecast: whether the target is reachable (the app's words), and the office's note (the plan's language). */
function ForecastWords({ forecast }: { forecast: { reachable: ForecastOutcome; note: string | null } }) {
  const { t } = useTranslation();
  const planLang = usePlanLang();
  return (
    <>
      {t(`campaign.forecast.${forecast.reachable}`)}
      {forecast.note ? ' — ' : ''}
      {forecast.note ? <span lang={planLang}>{forecast.note}</span> : ''}
    </>
  );
}

function ForecastForm({ initial, onSave }: { initial: Draft; onSave: (input: Draft) => void }) {
  const { t } = useTranslation();
  // Nothing checked until someone answers: a preselected "yes" was saved as the forecast by whoever
  // only wrote a note.
  const [reachable, setReachable] = useState<ForecastOutcome | null>(initial.reachable);
  const [note, setNote] = useState(initial.note);
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
