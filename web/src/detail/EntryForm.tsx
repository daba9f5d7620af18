/** Data entry of one indicator's value for the period shown. */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import type { MeasurementState } from '../../../src/core/index.js';
import { api, ApiError } from '../api/client.js';
import type { TreeIndicator } from '../api/types.js';
import { useSession } from '../session.js';
import { formErrors } from '../ui/form-errors.js';
import { Field } from '../ui/Form.js';
import { implausibleValue, inputText, numberProblem, parseInput } from '../ui/parse.js';
import { actualPreview, baseMeasures, readMeasures } from './base-measures.js';
import { useEntryDraft } from './useEntryDraft.js';
import { formulaText } from './IndicatorPanel.js';
import type { DetailProps } from './props.js';
import { useLang, type Lang } from '../ui/format.js';

/** The value someone else saved, from a 409's `details.current`, in the indicator's notation. */
function describeCurrent(current: unknown, i: TreeIndicator, lang: Lang): string {
  if (current === null || typeof current !== 'object') return '?';
  const c = current as Record<string, unknown>;
  if (typeof c.actualText === 'string' && c.actualText !== '') return c.actualText;
  let actual = c.actual;
  if (actual !== null && typeof actual === 'object' && 'value' in actual) actual = (actual as { value: unknown }).value;
  const text = typeof actual === 'number' || typeof actual === 'string' || typeof actual === 'boolean' ? inputText(actual, i.unit, lang) : '—';
  const who = typeof c.enteredBy === 'string' ? ` (${c.enteredBy})` : '';
  return `${text}${typeof c.state === 'string' && c.state !== 'measured' ? ` [${c.state}]` : ''}${who}`;
}

const STATES: MeasurementState[] = ['measured', 'not_achieved', 'not_evaluable', 'not_measured'];

/**
 * Data entry for a referente: saved with the version read, so a concurrent save is a conflict, never
 * an overwrite. A ratio or trend indicator takes its base measures instead of an actual.
 */
export function EntryForm(props: DetailProps & { indicator: TreeIndicator }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useSession();
  const i = props.indicator;
  const {
    formula,
    state,
    setState,
    actual,
    setActual,
    measures,
    setMeasures,
    tried,
    setTried,
    serverMeasureError,
    setServerMeasureError,
    reason,
    setReason,
    evidence,
    setEvidence,
    source,
    setSource,
    notes,
    setNotes,
    message,
    setMessage,
    busy,
    setBusy,
    setAutoMeasured,
    typed,
  } = useEntryDraft(i, props.prefill, props.savedNote);
  const period = props.doc.period;

  if (user === null) return null;
  if (period === null) return <p className="small">{t('entry.noPeriod')}</p>;
  // Not disabled while saving: a disabled field drops the keyboard's focus to the page; a second submit is ignored instead.
  const disabled = props.locked;
  // The value is asked at once for an indicator not yet measured: typing one means "measured".
  const valueShown = state === 'measured' || state === 'not_measured';
  const read = formula === null ? null : readMeasures(formula, measures, lang);
  const implausible = state === 'measured' ? implausibleValue(actual, i.unit, lang) : null;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setMessage(null);
    setServerMeasureError(null);
    const measured = state === 'measured' && read !== null;
    if (measured && read.inputs === null) {
      setTried(true);
      setMessage({ kind: 'danger', text: t('entry.fixMeasures') });
      const first = baseMeasures(formula!).findIndex((m) => read.problems[m.name] !== undefined);
      requestAnimationFrame(() => document.getElementById(`entry-measure-${first}`)?.focus());
      return;
    }
    const value = state === 'measured' && !measured ? parseInput(actual, i.unit, lang) : null;
    if (state === 'measured' && !measured && (value === undefined || value === null)) {
      const why = i.unit === 'number' || i.unit === 'percent' ? numberProblem(actual, i.unit, lang) : null;
      setMessage({ kind: 'danger', text: t(i.unit === 'date' ? 'entry.invalidDate' : why !== null ? `entry.${why}` : 'entry.invalidNumber') });
      return;
    }
    if (state === 'not_evaluable' && reason.trim() === '') {
      setMessage({ kind: 'danger', text: t('entry.reasonRequired') });
      return;
    }
    setBusy(true);
    try {
      const r = await api.saveMeasurement(props.planId, i.id, period!.id, {
        state,
        actual: value ?? null,
        ...(measured ? { inputs: read.inputs } : {}),
        reason: state === 'not_evaluable' ? reason.trim() : null,
        evidence: evidence.trim() || null,
        source: source.trim() || null,
        notes: notes.trim() || null,
        version: i.version,
      });
      setMessage({ kind: 'success', text: t('entry.saved') });
      setTried(false);
      props.onSaved(r.changes, i.id);
    } catch (err) {
      const inputsError = err instanceof ApiError ? formErrors(err, () => null).fields.inputs : undefined;
      if (inputsError !== undefined) {
        // The server's word on the base measures goes next to them.
        setServerMeasureError(inputsError);
        setMessage({ kind: 'danger', text: t('entry.fixMeasures') });
        requestAnimationFrame(() => document.getElementById('entry-measure-0')?.focus());
      } else if (err instanceof ApiError && err.code === 'conflict') {
        setMessage({ kind: 'warning', text: t('entry.conflict', { current: describeCurrent(err.body?.error.details?.current, i, lang) }) });
      } else if (err instanceof ApiError && err.code === 'period-locked') {
        setMessage({ kind: 'danger', text: t('entry.locked', { message: err.message }) });
      } else if (err instanceof ApiError && err.status === 403) {
        setMessage({ kind: 'danger', text: t('entry.forbidden') });
      } else {
        setMessage({ kind: 'danger', text: t('common.error', { message: err instanceof Error ? err.message : String(err) }) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="entry-title" className="entry mb-3">
      <h3 id="entry-title" className="h6">
        {t('entry.title')} — {period.label}
      </h3>
      {message !== null && (
        <Alert color={message.kind} role={message.kind === 'success' || message.kind === 'info' ? 'status' : 'alert'} data-testid="entry-message">
          {message.text}
          {message.kind === 'warning' && (
            <button type="button" className="btn btn-link btn-sm" onClick={() => props.onSaved(undefined)}>
              {t('entry.reload')}
            </button>
          )}
        </Alert>
      )}
      <form onSubmit={(e) => void save(e)} className="albero-form">
        <fieldset disabled={disabled} aria-busy={busy}>
          {valueShown && formula !== null && read !== null && (
            <fieldset className="mb-2" aria-describedby={`entry-measures-hint${serverMeasureError === null ? '' : ' entry-measures-error'}`} data-testid="entry-measures">
              <legend className="form-label fs-6 mb-1">{t('entry.measures')}</legend>
              <small id="entry-measures-hint" className="form-text d-block mb-1">
                {t('entry.measuresHint', { formula: formulaText(formula, lang) })}
              </small>
              {baseMeasures(formula).map((m, k) => {
                const problem = tried ? read.problems[m.name] : read.problems[m.name] === 'zero' ? 'zero' : undefined;
                const id = `entry-measure-${k}`;
                return (
                  <Field
                    key={m.name}
                    id={id}
                    label={`${t(`entry.roles.${m.role}`)}: ${m.name}`}
                    hint={t('entry.notation.number')}
                    error={problem === undefined ? undefined : t(`entry.problems.${problem}`)}
                  >
                    {(aria) => (
                      <input
                        {...aria}
                        {...(serverMeasureError !== null && problem === undefined ? { 'aria-invalid': true as const } : {})}
                        type="text"
                        inputMode="decimal"
                        className="form-control"
                        data-measure={m.name}
                        value={measures[m.name] ?? ''}
                        onChange={(e) => {
                          const next = { ...measures, [m.name]: e.target.value };
                          setMeasures(next);
                          typed(Object.values(next).some((v) => v.trim() !== ''));
                        }}
                      />
                    )}
                  </Field>
                );
              })}
              <div id="entry-measures-error" className="field-error" aria-live="polite" data-testid="entry-measures-error">
                {serverMeasureError}
              </div>
              <p className="mb-0">
                <span className="fw-semibold">{t('entry.computed')}: </span>
                <output
                  htmlFor={baseMeasures(formula)
                    .map((_, k) => `entry-measure-${k}`)
                    .join(' ')}
                  data-testid="entry-computed"
                >
                  {read.actual === null ? t('entry.computedNone') : actualPreview(read.actual, i.unit, lang)}
                </output>
              </p>
            </fieldset>
          )}
          {valueShown && formula === null && (
            <div className="mb-2">
              <label htmlFor="entry-actual" className="form-label">
                {t('entry.actual')} ({i.unit === 'percent' ? '%' : t(`entry.notation.${i.unit}`)})
              </label>
              <input
                id="entry-actual"
                type="text"
                className="form-control"
                value={actual}
                onChange={(e) => {
                  setActual(e.target.value);
                  typed(e.target.value.trim() !== '');
                }}
                inputMode={i.unit === 'number' || i.unit === 'percent' ? 'decimal' : undefined}
                aria-describedby={['entry-actual-hint', ...(implausible !== null ? ['entry-actual-warning'] : [])].join(' ')}
              />
              <small id="entry-actual-hint" className="form-text d-block">
                {t('entry.valueHint')}
              </small>
              {implausible !== null && (
                <div id="entry-actual-warning" className="form-text text-warning-emphasis" role="status">
                  {t('entry.implausiblePercent', { value: implausible.value })}
                </div>
              )}
            </div>
          )}
          <div className="mb-2">
            <label htmlFor="entry-state" className="form-label">
              {t('entry.state')}
            </label>
            <select
              id="entry-state"
              className="form-select"
              value={state}
              onChange={(e) => {
                setState(e.target.value as MeasurementState);
                setAutoMeasured(false);
              }}
            >
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`state.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {state === 'not_evaluable' && (
            <div className="mb-2">
              <label htmlFor="entry-reason" className="form-label">
                {t('entry.reason')}
              </label>
              <input id="entry-reason" type="text" className="form-control" value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          <div className="mb-2">
            <label htmlFor="entry-evidence" className="form-label">
              {t('entry.evidence')}
            </label>
            <input id="entry-evidence" type="text" className="form-control" value={evidence} onChange={(e) => setEvidence(e.target.value)} />
          </div>
          <div className="mb-2">
            <label htmlFor="entry-source" className="form-label">
              {t('campaign.source.label')}
            </label>
            <input id="entry-source" type="text" className="form-control" value={source} onChange={(e) => setSource(e.target.value)} aria-describedby="entry-source-hint" />
            <small id="entry-source-hint" className="form-text d-block">
              {t('campaign.source.hint')}
            </small>
          </div>
          <div className="mb-2">
            <label htmlFor="entry-notes" className="form-label">
              {t('entry.notes')}
            </label>
            <textarea id="entry-notes" className="form-control" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </div>
          <Button color="primary" type="submit" data-testid="entry-save">
            {t('entry.save')}
          </Button>
        </fieldset>
      </form>
    </section>
  );
}
