/** The entry form's fields: the base measures (ratio, trend) or the actual, the state, and the value's reason, evidence, source and notes. */
import { useTranslation } from 'react-i18next';
import type { MeasurementState } from '../../../src/core/index.js';
import type { TreeIndicator } from '../api/types.js';
import { momentParts, useLang } from '../ui/format.js';
import { Field } from '../ui/Form.js';
import { implausibleValue } from '../ui/parse.js';
import { actualPreview, baseMeasures, type MeasuredFormula, type ReadMeasures } from './base-measures.js';
import { formulaText } from './IndicatorPanel.js';
import { ENTRY_MESSAGE, type useEntryDraft } from './useEntryDraft.js';

type Draft = ReturnType<typeof useEntryDraft>;

const STATES: MeasurementState[] = ['measured', 'not_achieved', 'not_evaluable', 'not_measured'];

/** A ratio's or trend's base measures, each with its problem once a save was tried, and the actual they give. */
export function MeasuresFields({ draft, formula, read, unit }: { draft: Draft; formula: MeasuredFormula; read: ReadMeasures; unit: TreeIndicator['unit'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { serverMeasureError } = draft;
  const measures = baseMeasures(formula);
  return (
    <fieldset className="mb-2" aria-describedby={`entry-measures-hint${serverMeasureError === null ? '' : ' entry-measures-error'}`} data-testid="entry-measures">
      <legend className="form-label fs-6 mb-1">{t('entry.measures')}</legend>
      <small id="entry-measures-hint" className="form-text d-block mb-1">
        {t('entry.measuresHint', { formula: formulaText(formula, lang) })}
      </small>
      {measures.map((m, k) => (
        <MeasureField key={m.name} draft={draft} k={k} measure={m} problem={draft.tried ? read.problems[m.name] : read.problems[m.name] === 'zero' ? 'zero' : undefined} />
      ))}
      <div id="entry-measures-error" className="field-error" aria-live="polite" data-testid="entry-measures-error">
        {serverMeasureError}
      </div>
      <p className="mb-0">
        <span className="fw-semibold">{t('entry.computed')}: </span>
        <output htmlFor={measures.map((_, k) => `entry-measure-${k}`).join(' ')} data-testid="entry-computed">
          {read.actual === null ? t('entry.computedNone') : actualPreview(read.actual, unit, lang)}
        </output>
      </p>
    </fieldset>
  );
}

/** One base measure; typing into it may make the state "measured" (`typed`). */
function MeasureField({ draft, k, measure, problem }: { draft: Draft; k: number; measure: ReturnType<typeof baseMeasures>[number]; problem: string | undefined }) {
  const { t } = useTranslation();
  const { measures, setMeasures, typed, serverMeasureError } = draft;
  return (
    <Field
      id={`entry-measure-${k}`}
      label={`${t(`entry.roles.${measure.role}`)}: ${measure.name}`}
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
          data-measure={measure.name}
          value={measures[measure.name] ?? ''}
          onChange={(e) => {
            const next = { ...measures, [measure.name]: e.target.value };
            setMeasures(next);
            typed(Object.values(next).some((v) => v.trim() !== ''));
          }}
        />
      )}
    </Field>
  );
}

/** The actual, in the indicator's notation, with a warning for a percentage that looks mistyped. */
export function ActualField({ draft, unit }: { draft: Draft; unit: TreeIndicator['unit'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { actual, setActual, typed } = draft;
  const implausible = draft.state === 'measured' ? implausibleValue(actual, unit, lang) : null;
  const refused = draft.message?.field === 'entry-actual';
  return (
    <div className="mb-2">
      <label htmlFor="entry-actual" className="form-label">
        {t('entry.actual')} ({unit === 'percent' ? '%' : t(`entry.notation.${unit}`)})
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
        inputMode={unit === 'number' || unit === 'percent' ? 'decimal' : undefined}
        aria-describedby={['entry-actual-hint', ...(implausible !== null ? ['entry-actual-warning'] : []), ...(refused ? [ENTRY_MESSAGE] : [])].join(' ')}
        {...(refused ? { 'aria-invalid': true as const } : {})}
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
  );
}

/** The value's state, chosen (not made "measured" by typing). */
export function StateField({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  return (
    <div className="mb-2">
      <label htmlFor="entry-state" className="form-label">
        {t('entry.state')}
      </label>
      <select
        id="entry-state"
        className="form-select"
        value={draft.state}
        onChange={(e) => {
          draft.setState(e.target.value as MeasurementState);
          draft.setAutoMeasured(false);
        }}
      >
        {STATES.map((s) => (
          <option key={s} value={s}>
            {t(`state.${s}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The reason (asked for a value not evaluable, optional for one not measured), the evidence, the source and the notes. */
export function NoteFields({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const lang = useLang();
  // The example extraction is dated today, as the value being entered would be: not a fixed year that ages with the plan.
  const today = momentParts(new Date().toISOString(), lang).day;
  return (
    <>
      {(draft.state === 'not_evaluable' || draft.state === 'not_measured') && (
        <TextField
          id="entry-reason"
          label={t(draft.state === 'not_evaluable' ? 'entry.reason' : 'entry.reasonNotMeasured')}
          value={draft.reason}
          onChange={draft.setReason}
          refused={draft.message?.field === 'entry-reason'}
        />
      )}
      <TextField id="entry-evidence" label={t('entry.evidence')} value={draft.evidence} onChange={draft.setEvidence} />
      <TextField id="entry-source" label={t('campaign.source.label')} hint={t('campaign.source.hint', { date: today })} value={draft.source} onChange={draft.setSource} />
      <div className="mb-2">
        <label htmlFor="entry-notes" className="form-label">
          {t('entry.notes')}
        </label>
        <textarea id="entry-notes" className="form-control" rows={2} value={draft.notes} onChange={(e) => draft.setNotes(e.target.value)} />
      </div>
    </>
  );
}

/** A labelled text input, with its hint below when it has one; `refused`: the form's message is about it. */
function TextField({ id, label, hint, value, onChange, refused = false }: { id: string; label: string; hint?: string; value: string; onChange: (v: string) => void; refused?: boolean }) {
  const described = [...(hint === undefined ? [] : [`${id}-hint`]), ...(refused ? [ENTRY_MESSAGE] : [])].join(' ');
  return (
    <div className="mb-2">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <input
        id={id}
        type="text"
        className="form-control"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...(described === '' ? {} : { 'aria-describedby': described })}
        {...(refused ? { 'aria-invalid': true as const } : {})}
      />
      {hint !== undefined && (
        <small id={`${id}-hint`} className="form-text d-block">
          {hint}
        </small>
      )}
    </div>
  );
}
