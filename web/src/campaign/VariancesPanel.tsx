/**
 * "Scostamenti": the objectives in yellow or red in the period, each with its cause (external,
 * internal, indicator badly built) and corrective action, written by whoever may (the controller any,
 * a referente their own); what is still missing is said as such.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { percent, useLang } from '../ui/format.js';
import { usePlanWritten } from '../api/queries.js';
import { campaignApi } from './api.js';
import { useVariances } from './queries.js';
import { VARIANCE_CAUSES } from '../../../src/contract/campaign-states.js';
import type { ShortObjective, Variance, VarianceCause } from '../../../src/contract/index.js';
import { refusalSentence, sentence } from '../ui/sentence.js';
import { useKept, useReadError, type Kept } from '../ui/server-words.js';
import { staleKept } from '../ui/stale-save.js';
import { usePlanLang } from '../ui/PlanText.js';

/** `archived`: the plan is archived, its variances read and not written (the report offers none to write, 409 plan-archived); said at the top. */
export function VariancesPanel({ planId, periodId, archived = false }: { planId: string | number; periodId: string; archived?: boolean }) {
  const { t } = useTranslation();
  const read = useVariances(planId, periodId);
  const written = usePlanWritten(String(planId));
  const report = read.data ?? null;
  // Said again on a change of language (a refusal by its code, the client's own words by their key).
  // A failed read in its words as a sentence; a fault of the app in the app's (its raw text in the console).
  const readError = useReadError();
  const error = read.error === null ? null : sentence(readError(read.error));

  return (
    <section aria-labelledby="variances-title" className="mb-3 variances" data-testid="variances">
      <h2 id="variances-title" className="h5">
        {t('campaign.variances.title')}
      </h2>
      {error !== null ? (
        <p className="text-danger">{error}</p>
      ) : report === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <p className="small">{t('campaign.variances.intro', { period: report.period.label })}</p>
          {archived && (
            <p className="small muted" data-testid="variances-archived">
              {t('campaign.variances.archived')}
            </p>
          )}
          {report.objectives.length === 0 ? (
            <p>{t('campaign.variances.none')}</p>
          ) : (
            // Keyed by the period too: a row kept from another period (the report of a period read
            // before is drawn at once from the cache) would show that period's draft and save it here.
            report.objectives.map((o) => <VarianceRow key={`${report.period.id}:${o.code}`} planId={planId} periodId={report.period.id} objective={o} onSaved={() => void written({ trees: false })} />)
          )}
        </>
      )}
    </section>
  );
}

function VarianceRow({ planId, periodId, objective: o, onSaved }: { planId: string | number; periodId: string; objective: ShortObjective; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const planLang = usePlanLang();
  // No cause chosen until someone chooses one: a preselected "internal" was recorded as the cause
  // by whoever only wrote the explanation, and the cause weighs on the unit's appraisal.
  const [cause, setCause] = useState<VarianceCause | ''>(o.variance?.cause ?? '');
  const [explanation, setExplanation] = useState(o.variance?.explanation ?? '');
  const [action, setAction] = useState(o.variance?.correctiveAction ?? '');
  const [message, setMessage] = useState<{ kind: 'success' | 'danger'; text: Kept } | null>(null);
  const say = useKept();
  // Someone else saved this variance since it was read: theirs is shown beside the form, which
  // keeps what was typed (the report read again brings their version, so a new save replaces it).
  const [overtaken, setOvertaken] = useState(false);
  const id = `variance-${o.code.replace(/[^A-Za-z0-9]/g, '-')}`;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (cause === '') {
      setMessage({ kind: 'danger', text: { key: 'campaign.variances.causeRequired' } });
      document.getElementById(`${id}-cause`)?.focus();
      return;
    }
    if (explanation.trim() === '') {
      setMessage({ kind: 'danger', text: { key: 'campaign.variances.explanationRequired' } });
      document.getElementById(`${id}-explanation`)?.focus();
      return;
    }
    try {
      await campaignApi.putVariance(planId, o.code, periodId, { cause, explanation, correctiveAction: action, version: o.variance?.version ?? 0 });
      setMessage({ kind: 'success', text: { key: 'campaign.variances.saved', values: { code: o.code } } });
      setOvertaken(false);
      onSaved();
    } catch (err) {
      // Kept as key, who and when: a change of language says it again (as words, it stayed in the first).
      const stale = staleKept(err, { named: 'campaign.variances.conflictBy', anonymous: 'campaign.variances.conflict' });
      setMessage({ kind: 'danger', text: stale ?? { error: err } });
      if (stale !== null) {
        setOvertaken(true);
        onSaved();
      }
    }
  }

  return (
    <article className="border rounded p-2 mb-2" aria-labelledby={`${id}-title`} data-testid="variance">
      <h3 id={`${id}-title`} className="h6 mb-1">
        <span lang={planLang}>
          {o.code} {o.title}
        </span>{' '}
        — {percent(o.performance, lang)} ({t(`band.${o.band ?? 'none'}`)})
      </h3>
      {!o.editable ? (
        o.variance === null ? (
          <p className="small muted mb-0">{t('campaign.variances.missing')}</p>
        ) : (
          <StoredVariance variance={o.variance} />
        )
      ) : (
        <form onSubmit={(e) => void save(e)} className="albero-form" noValidate>
          {o.variance === null && <p className="small muted mb-1">{t('campaign.variances.missing')}</p>}
          {overtaken && o.variance !== null && (
            <div className="border border-warning rounded p-2 mb-2" data-testid="variance-stored">
              <p className="small mb-1">{t('campaign.variances.storedBy', { by: o.variance.updatedByName ?? '—' })}</p>
              <StoredVariance variance={o.variance} />
            </div>
          )}
          <label htmlFor={`${id}-cause`} className="form-label">
            {t('campaign.variances.cause')}
          </label>
          <select id={`${id}-cause`} className="form-select form-select-sm mb-1" value={cause} onChange={(e) => setCause(e.target.value as VarianceCause | '')}>
            <option value="">{t('campaign.variances.chooseCause')}</option>
            {VARIANCE_CAUSES.map((c) => (
              <option key={c} value={c}>
                {t(`campaign.variances.causes.${c}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-explanation`} className="form-label">
            {t('campaign.variances.explanation')}
          </label>
          <textarea id={`${id}-explanation`} className="form-control form-control-sm mb-1" rows={2} value={explanation} onChange={(e) => setExplanation(e.target.value)} />
          <label htmlFor={`${id}-action`} className="form-label">
            {t('campaign.variances.action')}
          </label>
          <textarea id={`${id}-action`} className="form-control form-control-sm mb-1" rows={2} value={action} onChange={(e) => setAction(e.target.value)} />
          <button type="submit" className="btn btn-outline-primary btn-sm">
            {t('campaign.variances.save')}
          </button>
          {message !== null && (
            <p className={message.kind === 'success' ? 'small text-success mb-0' : 'small text-danger mb-0'} role={message.kind === 'success' ? 'status' : 'alert'}>
              {say(message.text, refusalSentence)}
            </p>
          )}
        </form>
      )}
    </article>
  );
}

/** A variance as stored: its cause, explanation and corrective action. */
function StoredVariance({ variance }: { variance: Variance }) {
  const { t } = useTranslation();
  const planLang = usePlanLang();
  return (
    <dl className="row small mb-0">
      <dt className="col-4">{t('campaign.variances.cause')}</dt>
      <dd className="col-8">{t(`campaign.variances.causes.${variance.cause}`)}</dd>
      <dt className="col-4">{t('campaign.variances.explanation')}</dt>
      <dd className="col-8" lang={planLang}>
        {variance.explanation}
      </dd>
      <dt className="col-4">{t('campaign.variances.action')}</dt>
      <dd className="col-8" lang={variance.correctiveAction ? planLang : undefined}>
        {variance.correctiveAction || '—'}
      </dd>
    </dl>
  );
}
