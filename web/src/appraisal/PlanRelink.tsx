/**
 * HR links a form to another plan of its body and year: a form whose plan is missing (`missing`),
 * or one whose plan stands, before its evaluation (the body adopted a second plan that year), then
 * with the reason, which the server keeps on the form's trail. Offered are all the plans of the
 * body and year, archived ones included, each with its state; saved against the form's version
 * (`PATCH` with `planId`, `reason`). Whether the reader sees this at all is the server's to say
 * (`may.changePlan`, or the missing plan's refusal's `mayChangePlan`). The form read after the save
 * computes its score; a stale version is the usual clash, a refusal is said at its field in the
 * reader's language.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppraisalForm, PlanSummary } from '../../../src/contract/index.js';
import { ApiError } from '../api/client.js';
import { useKept, type Kept } from '../ui/server-words.js';
import { FieldProblem, invalidIf } from '../ui/FieldProblem.js';
import { focusSoon } from '../ui/Form.js';
import { issuesByField } from '../ui/form-errors.js';
import { sentence } from '../ui/sentence.js';
import { useArchivedPlans, usePlans } from '../plans/queries.js';
import { appraisalApi } from './api.js';
import { useErrorText } from './AppraisalsPage.js';
import { FormAlerts } from './FormAlerts.js';
import { useFormWritten } from './queries.js';

const FIELD = 'relink-plan';
const REASON = 'relink-reason';
const NONE = 'relink-none';

/** What a refusal says of the plan chosen: an issue at `planId`, or a refusal naming it in its details (the plan deleted meanwhile). */
function atPlanOf(e: unknown): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  return issuesByField(e.body).planId ?? (e.body?.error.details?.field === 'planId' ? e.message : undefined);
}

/** What a plan is now, in words: adopted or draft, published, archived. */
function useStateWords(): (p: PlanSummary) => string {
  const { t } = useTranslation();
  return (p) => [t(`appraisal.relink.${p.status}`), ...(p.published ? [t('appraisal.relink.published')] : []), ...(p.archived ? [t('appraisal.relink.archived')] : [])].join(', ');
}

export function PlanRelink({
  id,
  organisation,
  year,
  version,
  planId: current,
  missing,
  onReload,
}: {
  id: string;
  organisation: string;
  year: number;
  version: number;
  /** The plan the form names now (missing or not); null: none. */
  planId: string | null;
  /** The form's plan is not there: linking it mends it, no reason asked. */
  missing: boolean;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  // A healthy form's screen shows the control closed: HR opens it when the plan is to change.
  const [open, setOpen] = useState(missing);
  const inUse = usePlans();
  // Archived plans are read too: one may be the form's, or the one the year is measured on.
  const archived = useArchivedPlans(true);
  const all = inUse.data === undefined || archived.data === undefined ? null : [...inUse.data, ...archived.data];
  const ofForm = all?.filter((p) => p.organisation === organisation && p.year === year) ?? null;
  const plans = ofForm?.filter((p) => p.id !== current) ?? null;
  const currentPlan = ofForm?.find((p) => p.id === current) ?? null;
  const stateOf = useStateWords();
  const written = useFormWritten();
  const errorText = useErrorText();
  const [planId, setPlanId] = useState('');
  const [reason, setReason] = useState('');
  // Kept as what they are (a key, the server's answer) and said on each render: again after a change of language.
  const [kept, setProblems] = useState<{ plan: Kept | null; reason: Kept | null }>({ plan: null, reason: null });
  const [refused, setError] = useState<Kept | null>(null);
  const say = useKept();
  const problems = {
    plan: kept.plan === null ? null : say(kept.plan, (e) => sentence(atPlanOf(e) ?? errorText(e))),
    reason: kept.reason === null ? null : say(kept.reason, (e) => sentence((e instanceof ApiError ? issuesByField(e.body).reason : undefined) ?? errorText(e))),
  };
  const error = refused === null ? null : say(refused, errorText);
  const [clash, setClash] = useState<string | null>(null);
  // Opened from its button, the choice takes the focus once the plans are read (the button is gone);
  // with no other plan to choose, the sentence saying so does (read out, and the keyboard goes on from it).
  const opened = useRef(false);
  const ready = plans !== null;
  const none = plans?.length === 0;
  useEffect(() => {
    if (opened.current && ready) {
      opened.current = false;
      focusSoon(none ? NONE : FIELD);
    }
  }, [open, ready, none]);

  async function save() {
    setProblems({ plan: null, reason: null });
    setError(null);
    setClash(null);
    if (planId === '') {
      setProblems({ plan: { key: 'appraisal.relink.choose' }, reason: null });
      document.getElementById(FIELD)?.focus();
      return;
    }
    try {
      const form: AppraisalForm = await appraisalApi.patch(id, lang, { version, planId, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) });
      // The form as saved takes the place of the one read (or of the refused read): its screen shows the score.
      await written(form, lang);
    } catch (e) {
      const changedAt = e instanceof ApiError && e.status === 409 && e.code === 'conflict' ? e.body?.error.details?.updatedAt : undefined;
      if (typeof changedAt === 'string') return setClash(changedAt);
      // A 422 names its field in an issue (`planId`: a plan of another body or year; `reason`: none given); a 409 in its details (the plan deleted meanwhile, the form evaluated meanwhile).
      const byField = e instanceof ApiError ? issuesByField(e.body) : {};
      if (byField.reason !== undefined) {
        setProblems({ plan: null, reason: { error: e } });
        document.getElementById(REASON)?.focus();
      } else if (atPlanOf(e) !== undefined) {
        setProblems({ plan: { error: e }, reason: null });
        document.getElementById(FIELD)?.focus();
      } else setError({ error: e });
    }
  }

  return (
    <section aria-labelledby="relink-title" className="border rounded p-3 mb-3" data-testid="form-relink">
      <h2 className="h4" id="relink-title">
        {t(missing ? 'appraisal.relink.title' : 'appraisal.relink.changeTitle')}
      </h2>
      {!missing && ofForm !== null && (
        <p data-testid="relink-current">{currentPlan === null ? t('appraisal.relink.currentNone') : t('appraisal.relink.current', { title: currentPlan.title, state: stateOf(currentPlan) })}</p>
      )}
      {!open ? (
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          id="relink-open"
          aria-expanded={false}
          aria-controls="relink-form"
          data-testid="relink-open"
          onClick={() => {
            opened.current = true;
            setOpen(true);
          }}
        >
          {t('appraisal.relink.open')}
        </button>
      ) : plans === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : plans.length === 0 ? (
        <p id={NONE} tabIndex={-1} data-testid="relink-none">
          {t(missing ? 'appraisal.relink.none' : 'appraisal.relink.noOther', { organisation, year })}
        </p>
      ) : (
        <form
          id="relink-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor={FIELD} className="d-block">
            {t('appraisal.relink.plan', { organisation, year })}
          </label>
          <select
            id={FIELD}
            className="form-select mb-2"
            style={{ maxWidth: '36em' }}
            value={planId}
            onChange={(e) => setPlanId(e.target.value)}
            data-testid={FIELD}
            {...invalidIf(FIELD, problems.plan)}
          >
            <option value="">{t('appraisal.relink.choose')}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {t('appraisal.relink.option', { title: p.title, state: stateOf(p) })}
              </option>
            ))}
          </select>
          <FieldProblem id={FIELD} message={problems.plan} />
          <label htmlFor={REASON} className="d-block mt-2">
            {t(missing ? 'appraisal.relink.reasonOptional' : 'appraisal.relink.reason')}
          </label>
          <input
            id={REASON}
            type="text"
            className="form-control"
            style={{ maxWidth: '36em' }}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid={REASON}
            aria-required={!missing}
            {...invalidIf(REASON, problems.reason)}
          />
          <FieldProblem id={REASON} message={problems.reason} />
          <button type="submit" className="btn btn-primary btn-sm mt-2" data-testid="relink-save">
            {t(missing ? 'appraisal.relink.save' : 'appraisal.relink.saveChange')}
          </button>
        </form>
      )}
      <FormAlerts
        error={error}
        clashAt={clash}
        errorTestId="relink-error"
        onReload={() => {
          setClash(null);
          onReload();
        }}
      />
    </section>
  );
}
