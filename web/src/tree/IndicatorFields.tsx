/**
 * The indicator dialog's fields, in the order the dialog shows them: name, weight, comparator and
 * unit; the target; the three-year horizon; the scoring rule with its floor or band points; the
 * formula with its base measures. Each part draws from the dialog's `useIndicatorForm`.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button } from 'design-react-kit';
import { UNITS } from '../../../src/core/model.js';
import type { Comparator } from '../api/types.js';
import { Field } from '../ui/Form.js';
import { formulaChoices, unitChoices, type IndicatorForm } from './tree-edit.js';
import type { IndicatorFormState } from './useIndicatorForm.js';

const COMPARATORS: Comparator[] = ['>=', '<=', '='];

type Part = { state: IndicatorFormState };

/** How a value of the indicator's unit is typed, in the screen's language: `1.587,10` / `1,587.10`, `gg/mm/aaaa` / `dd/mm/yyyy`. */
export const valueHint = (unit: IndicatorForm['unit'], t: TFunction) => t(`entry.notation.${unit === 'percent' ? 'number' : unit}`);

/** A labelled select of one of the form's choices. */
function Choice({ state, id, options }: Part & { id: 'comparator' | 'unit' | 'scoring' | 'formula' | 'bandMode'; options: ReadonlyArray<readonly [string, string]> }) {
  const { t } = useTranslation();
  return (
    <Field id={`ind-${id}`} label={t(`edit.${id}`)} error={state.errors.fields[id]}>
      {(aria) => (
        <select {...aria} className="form-select" value={state.form[id]} onChange={(e) => state.set(id, e.target.value as never)}>
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A labelled text input of one of the form's texts. */
function Text({ state, id, label, hint, ...input }: Part & { id: keyof IndicatorForm & string; label: string; hint?: string; inputMode?: 'decimal' | 'numeric'; required?: boolean; plain?: boolean }) {
  const { form, errors, set } = state;
  const { plain, ...attributes } = input;
  return (
    <Field id={`ind-${id}`} label={label} {...(hint === undefined ? {} : { hint })} error={errors.fields[id]}>
      {(aria) => (
        <input
          {...aria}
          type="text"
          className="form-control"
          value={form[id] as string}
          onChange={(e) => set(id, e.target.value as never)}
          {...attributes}
          {...(plain === true ? { autoComplete: 'off' } : {})}
        />
      )}
    </Field>
  );
}

/** Name, weight, comparator and unit. */
export function BasicFields({ state }: Part) {
  const { t } = useTranslation();
  return (
    <>
      <Field id="ind-name" label={t('edit.name')} error={state.errors.fields.name}>
        {(aria) => <textarea {...aria} className="form-control" rows={2} value={state.form.name} onChange={(e) => state.set('name', e.target.value)} required />}
      </Field>
      <div className="row g-2">
        <div className="col-sm-4">
          <Text state={state} id="weight" label={t('edit.weight')} hint={t('edit.indicatorWeightHint')} inputMode="decimal" required />
        </div>
        <div className="col-sm-4">
          <Choice state={state} id="comparator" options={COMPARATORS.map((c) => [c, t(`edit.comparators.${c}`)] as const)} />
        </div>
        <div className="col-sm-4">
          <Choice state={state} id="unit" options={unitChoices(state.form, UNITS).map((u) => [u, t(`edit.units.${u}`)] as const)} />
        </div>
      </div>
    </>
  );
}

/** The target, in the indicator's unit. */
export function TargetField({ state }: Part) {
  const { t } = useTranslation();
  return <Text state={state} id="target" label={t('edit.target')} hint={valueHint(state.form.unit, t)} />;
}

/** The three-year horizon: the baseline and its year, the targets of the next two years named by year (`planYear` null: "+1", "+2"). */
export function HorizonFields({ state, planYear }: Part & { planYear: number | null }) {
  const { t } = useTranslation();
  const hint = valueHint(state.form.unit, t);
  return (
    <fieldset className="mb-3" data-testid="horizon">
      <legend className="h6">{t('years.horizon')}</legend>
      <p className="small muted">{t('years.horizonHint')}</p>
      <div className="row g-2">
        <div className="col-sm-6">
          <Text state={state} id="baseline" label={t('years.baseline')} hint={hint} plain />
        </div>
        <div className="col-sm-6">
          <Text state={state} id="baselineYear" label={t('years.baselineYear')} hint="2023" inputMode="numeric" plain />
        </div>
        {(['target2', 'target3'] as const).map((key, k) => (
          <div className="col-sm-6" key={key}>
            <Field
              id={`ind-${key}`}
              label={t('years.targetOf', { year: planYear === null ? `+${k + 1}` : planYear + k + 1 })}
              hint={hint}
              error={state.errors.fields[key] ?? state.errors.fields[`nextTargets.${k}`]}
            >
              {(aria) => <input {...aria} type="text" className="form-control" value={state.form[key]} onChange={(e) => state.set(key, e.target.value)} autoComplete="off" />}
            </Field>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The scoring rule, with a threshold's floor or a bands rule's mode and points. */
export function ScoringFields({ state }: Part) {
  const { t } = useTranslation();
  const { form } = state;
  return (
    <>
      <Choice state={state} id="scoring" options={(['on_off', 'proportional', 'threshold', 'bands'] as const).map((r) => [r, t(`edit.rules.${r}`)] as const)} />
      {form.scoring === 'threshold' && (
        <Field id="ind-floor" label={t('edit.floor')} hint={valueHint(form.unit, t)} error={state.errors.fields.floor ?? state.errors.fields.scoring}>
          {(aria) => <input {...aria} type="text" className="form-control" value={form.floor} onChange={(e) => state.set('floor', e.target.value)} />}
        </Field>
      )}
      {form.scoring === 'bands' && (
        <>
          <Choice
            state={state}
            id="bandMode"
            options={[
              ['interpolated', t('edit.bandModes.interpolated')],
              ['fixed', t('edit.bandModes.fixed')],
            ]}
          />
          <BandPoints state={state} />
        </>
      )}
    </>
  );
}

/** The band scale's points (value → score), at least one and at most 50. */
function BandPoints({ state }: Part) {
  const { t } = useTranslation();
  const { form, errors } = state;
  return (
    <fieldset className="mb-2" aria-describedby="ind-points-hint" data-testid="band-points">
      <legend className="form-label fs-6 mb-1">{t('edit.pointsLegend')}</legend>
      <small id="ind-points-hint" className="form-text d-block mb-1">
        {t('edit.pointsHint', { example: valueHint(form.unit, t) })}
      </small>
      {errors.fields.scoring !== undefined && (
        <div className="field-error" role="alert">
          {errors.fields.scoring}
        </div>
      )}
      <ol className="list-unstyled mb-1">
        {form.points.map((p, k) => (
          <BandPoint key={k} state={state} k={k} point={p} />
        ))}
      </ol>
      <Button id="ind-point-add" color="secondary" outline size="sm" type="button" disabled={form.points.length >= 50} onClick={state.points.addPoint}>
        {t('edit.addPoint')}
      </Button>
    </fieldset>
  );
}

/** One point of the band scale: its value, its score, and its removal (not of the last one). */
function BandPoint({ state, k, point }: Part & { k: number; point: IndicatorForm['points'][number] }) {
  const { t } = useTranslation();
  const { errors, points } = state;
  return (
    <li className="row g-2 align-items-start" data-testid={`band-point-${k}`}>
      <div className="col-5">
        <Field id={`ind-point-${k}-at`} label={t('edit.pointValue', { n: k + 1 })} error={errors.fields[`point-${k}-at`]}>
          {(aria) => <input {...aria} type="text" className="form-control" value={point.at} onChange={(e) => points.setPoint(k, 'at', e.target.value)} autoComplete="off" />}
        </Field>
      </div>
      <div className="col-1 pt-4 mt-2 text-center" aria-hidden="true">
        →
      </div>
      <div className="col-4">
        <Field id={`ind-point-${k}-score`} label={t('edit.pointScore', { n: k + 1 })} error={errors.fields[`point-${k}-score`]}>
          {(aria) => <input {...aria} type="text" inputMode="decimal" className="form-control" value={point.score} onChange={(e) => points.setPoint(k, 'score', e.target.value)} autoComplete="off" />}
        </Field>
      </div>
      <div className="col-2 pt-4 mt-2">
        <Button color="secondary" outline size="sm" type="button" disabled={state.form.points.length <= 1} onClick={() => points.removePoint(k)} aria-label={t('edit.removePoint', { n: k + 1 })}>
          {t('edit.remove')}
        </Button>
      </div>
    </li>
  );
}

const FORMULA_LABELS = { none: 'edit.formulaNone', children_mean: 'edit.formulaMean', ratio: 'edit.formulaRatio', trend: 'edit.formulaTrend' } as const;

/** The formula, with a ratio's or trend's base measure names (and a ratio's scale); a date or yes/no indicator is offered none. */
export function FormulaFields({ state }: Part) {
  const { t } = useTranslation();
  const { form } = state;
  return (
    <>
      <Choice state={state} id="formula" options={formulaChoices(form).map((f) => [f, t(FORMULA_LABELS[f])] as const)} />
      {(form.formula === 'ratio' || form.formula === 'trend') && (
        <fieldset className="mb-2" aria-describedby="ind-measures-hint" data-testid="formula-measures">
          <legend className="form-label fs-6 mb-1">{t('edit.measuresLegend')}</legend>
          <small id="ind-measures-hint" className="form-text d-block mb-1">
            {t('edit.measuresHint')}
          </small>
          <div className="row g-2">
            {(form.formula === 'ratio' ? (['numerator', 'denominator'] as const) : (['current', 'previous'] as const)).map((id) => (
              <div className="col-sm-6" key={id}>
                <Field id={`ind-${id}`} label={t(`edit.${id}`)} error={state.errors.fields[id]}>
                  {(aria) => <input {...aria} type="text" className="form-control" value={form[id]} onChange={(e) => state.set(id, e.target.value)} required autoComplete="off" spellCheck={false} />}
                </Field>
              </div>
            ))}
          </div>
          {form.formula === 'ratio' && <Text state={state} id="scale" label={t('edit.scale')} hint={t('edit.scaleHint')} inputMode="decimal" />}
        </fieldset>
      )}
    </>
  );
}
