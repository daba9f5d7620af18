/**
 * HR links a form whose plan is missing to a plan of the form's body and year: a choice among the
 * plans the web already reads (title, state), saved against the form's version (`PATCH` with
 * `planId`). The form read after the save computes its score; a stale version is the usual clash,
 * a plan of another body or year is said at the choice in the reader's language.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppraisalForm, PlanSummary } from '../../../src/contract/index.js';
import { ApiError } from '../api/client.js';
import { FieldProblem, invalidIf } from '../ui/FieldProblem.js';
import { issuesByField } from '../ui/form-errors.js';
import { momentParts } from '../ui/format.js';
import { usePlans } from '../plans/queries.js';
import { appraisalApi } from './api.js';
import { useErrorText } from './AppraisalsPage.js';
import { useFormWritten } from './queries.js';

const FIELD = 'relink-plan';

/** The server's words (a clause) said alone beside the choice: capitalised, with their full stop. */
const sentence = (words: string): string => `${words.charAt(0).toUpperCase()}${words.slice(1)}${words.endsWith('.') ? '' : '.'}`;

/** What a plan is now, in words: adopted or draft, and published. */
function useStateWords(): (p: PlanSummary) => string {
  const { t } = useTranslation();
  return (p) => [t(`appraisal.relink.${p.status}`), ...(p.published ? [t('appraisal.relink.published')] : [])].join(', ');
}

export function PlanRelink({ id, organisation, year, version, onReload }: { id: string; organisation: string; year: number; version: number; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  const plans = (usePlans().data ?? null)?.filter((p) => p.organisation === organisation && p.year === year) ?? null;
  const stateOf = useStateWords();
  const written = useFormWritten();
  const errorText = useErrorText();
  const [planId, setPlanId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [clash, setClash] = useState<string | null>(null);

  async function save() {
    setProblem(null);
    setError(null);
    setClash(null);
    if (planId === '') {
      setProblem(t('appraisal.relink.choose'));
      document.getElementById(FIELD)?.focus();
      return;
    }
    try {
      const form: AppraisalForm = await appraisalApi.patch(id, lang, { version, planId });
      // The form as saved takes the place of the refused read: its screen shows the score.
      await written(form, lang);
    } catch (e) {
      const changedAt = e instanceof ApiError && e.status === 409 && e.code === 'conflict' ? e.body?.error.details?.updatedAt : undefined;
      if (typeof changedAt === 'string') return setClash(changedAt);
      // A 422 (a plan of another body or year) names `planId` in an issue; a 409 (the plan deleted meanwhile) in its details.
      const atPlan = e instanceof ApiError ? (issuesByField(e.body).planId ?? (e.body?.error.details?.field === 'planId' ? e.message : undefined)) : undefined;
      if (atPlan !== undefined) {
        setProblem(sentence(atPlan));
        document.getElementById(FIELD)?.focus();
      } else setError(errorText(e));
    }
  }

  return (
    <section aria-labelledby="relink-title" className="border rounded p-3 mb-3" data-testid="form-relink">
      <h2 className="h4" id="relink-title">
        {t('appraisal.relink.title')}
      </h2>
      {plans === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : plans.length === 0 ? (
        <p data-testid="relink-none">{t('appraisal.relink.none', { organisation, year })}</p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor={FIELD} className="d-block">
            {t('appraisal.relink.plan', { organisation, year })}
          </label>
          <select id={FIELD} className="form-select mb-2" style={{ maxWidth: '36em' }} value={planId} onChange={(e) => setPlanId(e.target.value)} data-testid={FIELD} {...invalidIf(FIELD, problem)}>
            <option value="">{t('appraisal.relink.choose')}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {t('appraisal.relink.option', { title: p.title, state: stateOf(p) })}
              </option>
            ))}
          </select>
          <FieldProblem id={FIELD} message={problem} />
          <button type="submit" className="btn btn-primary btn-sm mt-2" data-testid="relink-save">
            {t('appraisal.relink.save')}
          </button>
        </form>
      )}
      {error !== null && (
        <p className="alert alert-danger mt-2" role="alert" data-testid="relink-error">
          {error}
        </p>
      )}
      {clash !== null && (
        <div className="alert alert-warning mt-2" role="alert" data-testid="form-clash">
          <p className="mb-2">{t('appraisal.form.clash', momentParts(clash, 'it'))}</p>
          <button
            type="button"
            className="btn btn-sm btn-outline-primary"
            data-testid="form-reload"
            onClick={() => {
              setClash(null);
              onReload();
            }}
          >
            {t('appraisal.form.reload')}
          </button>
        </div>
      )}
    </section>
  );
}
