/** Add or change an indicator: rule, target, formula, bands, horizon, unit and person; only what changed is sent. */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { UNITS } from '../../../src/core/model.js';
import { api } from '../api/client.js';
import type { Comparator, TreeIndicator } from '../api/types.js';
import { NO_ERRORS } from '../ui/form-errors.js';
import { bandProblems, baselineYearValue, EMPTY_INDICATOR, formulaProblems, indicatorForm, indicatorPatch, newIndicatorBody, type IndicatorForm } from './tree-edit.js';
import { Dialog, Field, focusFirstError, FormAlert } from '../ui/Form.js';
import { AssignmentFields } from '../units/AssignmentFields.js';
import { DialogButtons, useSave, type ToolsProps } from './EditParts.js';

const COMPARATORS: Comparator[] = ['>=', '<=', '='];

export function IndicatorDialog(props: ToolsProps & { indicator: TreeIndicator | undefined; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { indicator } = props;
  const initial = indicator === undefined ? EMPTY_INDICATOR : indicatorForm(indicator);
  const [before, setBefore] = useState(initial);
  const [form, setForm] = useState(initial);
  // The indicator's own unit and person ('' = its objective's).
  const [unitId, setUnitId] = useState(indicator?.unitId ?? '');
  const [personId, setPersonId] = useState(indicator?.personId ?? '');
  const { errors, conflict, setConflict, setErrors, busy, save } = useSave(props.onDone);
  const set = <K extends keyof IndicatorForm>(key: K, value: IndicatorForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  // After a reload: the stored definition becomes the starting point again.
  const version = useRef(indicator?.definitionVersion);
  useEffect(() => {
    if (indicator === undefined || version.current === indicator.definitionVersion) return;
    version.current = indicator.definitionVersion;
    const fresh = indicatorForm(indicator);
    setBefore(fresh);
    setForm(fresh);
    setUnitId(indicator.unitId ?? '');
    setPersonId(indicator.personId ?? '');
    setConflict(false);
    setErrors(NO_ERRORS);
  }, [indicator, setConflict, setErrors]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = formulaProblems(form);
    const points = Object.entries(bandProblems(form));
    const badYear = baselineYearValue(form.baselineYear) === undefined;
    if (problems.length > 0 || points.length > 0 || badYear) {
      const found = {
        fields: Object.fromEntries([
          ...(badYear ? [['baselineYear', t('years.invalidYear')] as const] : []),
          ...points.map(([k, problem]) => [k, t(`edit.errors.points.${problem}`)] as const),
          ...problems.map((k) => [k, t(k === 'scale' ? 'edit.errors.scale' : 'edit.errors.measureName')] as const),
        ]),
        general: null,
      };
      setErrors(found);
      focusFirstError(found, 'ind-');
      return;
    }
    const assignment = {
      ...((indicator?.unitId ?? '') !== unitId ? { unitId: unitId === '' ? null : unitId } : {}),
      ...((indicator?.personId ?? '') !== personId ? { personId: personId === '' ? null : personId } : {}),
    };
    void save(
      () =>
        indicator === undefined
          ? api.addIndicator(props.planId, props.objective.code, { ...newIndicatorBody(form), ...assignment })
          : api.updateIndicator(props.planId, indicator.id, { ...indicatorPatch(before, form), ...assignment, version: indicator.definitionVersion }),
      'ind-',
    );
  }

  const setPoint = (k: number, key: 'at' | 'score', text: string) => setForm((f) => ({ ...f, points: f.points.map((p, n) => (n === k ? { ...p, [key]: text } : p)) }));
  const removePoint = (k: number) => {
    setForm((f) => ({ ...f, points: f.points.filter((_, n) => n !== k) }));
    // The focus stays in the list: on the row that took its place, or the add button.
    requestAnimationFrame(() => document.getElementById(form.points.length > 1 ? `ind-point-${Math.min(k, form.points.length - 2)}-at` : 'ind-point-add')?.focus());
  };
  const addPoint = () => {
    setForm((f) => ({ ...f, points: [...f.points, { at: '', score: '' }] }));
    requestAnimationFrame(() => document.getElementById(`ind-point-${form.points.length}-at`)?.focus());
  };
  const valueHint = form.unit === 'date' ? 'gg/mm/aaaa' : form.unit === 'boolean' ? 'sì/no' : '1.587,10';
  // The targets of the next two years are named by year: the plan's year is the first period's.
  const firstPeriod = props.doc.periods[0]?.endsOn ?? props.doc.periods[0]?.id ?? null;
  const planYear = firstPeriod === null || !/^\d{4}/.test(firstPeriod) ? null : Number(firstPeriod.slice(0, 4));

  const select = (id: 'comparator' | 'unit' | 'scoring' | 'formula' | 'bandMode', options: ReadonlyArray<readonly [string, string]>): ReactNode => (
    <Field id={`ind-${id}`} label={t(`edit.${id}`)} error={errors.fields[id]}>
      {(aria) => (
        <select {...aria} className="form-select" value={form[id]} onChange={(e) => set(id, e.target.value as never)}>
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <Dialog title={indicator === undefined ? `${t('edit.addIndicator')} — ${props.objective.code}` : t('edit.editIndicator')} onClose={props.onClose} testId="indicator-dialog">
      <FormAlert errors={errors} {...(conflict ? { onReload: props.onChanged } : {})} />
      <form onSubmit={submit} className="albero-form" noValidate>
        <fieldset disabled={busy}>
          <Field id="ind-name" label={t('edit.name')} error={errors.fields.name}>
            {(aria) => <textarea {...aria} className="form-control" rows={2} value={form.name} onChange={(e) => set('name', e.target.value)} required />}
          </Field>
          <div className="row g-2">
            <div className="col-sm-4">
              <Field id="ind-weight" label={t('edit.weight')} hint={t('edit.indicatorWeightHint')} error={errors.fields.weight}>
                {(aria) => <input {...aria} type="text" inputMode="decimal" className="form-control" value={form.weight} onChange={(e) => set('weight', e.target.value)} required />}
              </Field>
            </div>
            <div className="col-sm-4">
              {select(
                'comparator',
                COMPARATORS.map((c) => [c, t(`edit.comparators.${c}`)] as const),
              )}
            </div>
            <div className="col-sm-4">
              {select(
                'unit',
                UNITS.map((u) => [u, t(`edit.units.${u}`)] as const),
              )}
            </div>
          </div>
          <AssignmentFields prefix="ind-" unitId={unitId} personId={personId} onUnit={setUnitId} onPerson={setPersonId} errors={errors.fields} />
          <Field id="ind-target" label={t('edit.target')} hint={form.unit === 'date' ? 'gg/mm/aaaa' : form.unit === 'boolean' ? 'sì/no' : '1.587,10'} error={errors.fields.target}>
            {(aria) => <input {...aria} type="text" className="form-control" value={form.target} onChange={(e) => set('target', e.target.value)} />}
          </Field>
          <fieldset className="mb-3" data-testid="horizon">
            <legend className="h6">{t('years.horizon')}</legend>
            <p className="small muted">{t('years.horizonHint')}</p>
            <div className="row g-2">
              <div className="col-sm-6">
                <Field id="ind-baseline" label={t('years.baseline')} hint={valueHint} error={errors.fields.baseline}>
                  {(aria) => <input {...aria} type="text" className="form-control" value={form.baseline} onChange={(e) => set('baseline', e.target.value)} autoComplete="off" />}
                </Field>
              </div>
              <div className="col-sm-6">
                <Field id="ind-baselineYear" label={t('years.baselineYear')} hint="2023" error={errors.fields.baselineYear}>
                  {(aria) => (
                    <input {...aria} type="text" inputMode="numeric" className="form-control" value={form.baselineYear} onChange={(e) => set('baselineYear', e.target.value)} autoComplete="off" />
                  )}
                </Field>
              </div>
              {(['target2', 'target3'] as const).map((key, k) => (
                <div className="col-sm-6" key={key}>
                  <Field
                    id={`ind-${key}`}
                    label={t('years.targetOf', { year: planYear === null ? `+${k + 1}` : planYear + k + 1 })}
                    hint={valueHint}
                    error={errors.fields[key] ?? errors.fields[`nextTargets.${k}`]}
                  >
                    {(aria) => <input {...aria} type="text" className="form-control" value={form[key]} onChange={(e) => set(key, e.target.value)} autoComplete="off" />}
                  </Field>
                </div>
              ))}
            </div>
          </fieldset>
          {select(
            'scoring',
            (['on_off', 'proportional', 'threshold', 'bands'] as const).map((r) => [r, t(`edit.rules.${r}`)] as const),
          )}
          {form.scoring === 'threshold' && (
            <Field id="ind-floor" label={t('edit.floor')} error={errors.fields.scoring}>
              {(aria) => <input {...aria} type="text" className="form-control" value={form.floor} onChange={(e) => set('floor', e.target.value)} />}
            </Field>
          )}
          {form.scoring === 'bands' && (
            <>
              {select('bandMode', [
                ['interpolated', t('edit.bandModes.interpolated')],
                ['fixed', t('edit.bandModes.fixed')],
              ])}
              <fieldset className="mb-2" aria-describedby="ind-points-hint" data-testid="band-points">
                <legend className="form-label fs-6 mb-1">{t('edit.pointsLegend')}</legend>
                <small id="ind-points-hint" className="form-text d-block mb-1">
                  {t('edit.pointsHint', { example: valueHint })}
                </small>
                {errors.fields.scoring !== undefined && (
                  <div className="field-error" role="alert">
                    {errors.fields.scoring}
                  </div>
                )}
                <ol className="list-unstyled mb-1">
                  {form.points.map((p, k) => (
                    <li key={k} className="row g-2 align-items-start" data-testid={`band-point-${k}`}>
                      <div className="col-5">
                        <Field id={`ind-point-${k}-at`} label={t('edit.pointValue', { n: k + 1 })} error={errors.fields[`point-${k}-at`]}>
                          {(aria) => <input {...aria} type="text" className="form-control" value={p.at} onChange={(e) => setPoint(k, 'at', e.target.value)} autoComplete="off" />}
                        </Field>
                      </div>
                      <div className="col-1 pt-4 mt-2 text-center" aria-hidden="true">
                        →
                      </div>
                      <div className="col-4">
                        <Field id={`ind-point-${k}-score`} label={t('edit.pointScore', { n: k + 1 })} error={errors.fields[`point-${k}-score`]}>
                          {(aria) => (
                            <input {...aria} type="text" inputMode="decimal" className="form-control" value={p.score} onChange={(e) => setPoint(k, 'score', e.target.value)} autoComplete="off" />
                          )}
                        </Field>
                      </div>
                      <div className="col-2 pt-4 mt-2">
                        <Button color="secondary" outline size="sm" type="button" disabled={form.points.length <= 1} onClick={() => removePoint(k)} aria-label={t('edit.removePoint', { n: k + 1 })}>
                          {t('edit.remove')}
                        </Button>
                      </div>
                    </li>
                  ))}
                </ol>
                <Button id="ind-point-add" color="secondary" outline size="sm" type="button" disabled={form.points.length >= 50} onClick={addPoint}>
                  {t('edit.addPoint')}
                </Button>
              </fieldset>
            </>
          )}
          {select('formula', [
            ['none', t('edit.formulaNone')],
            ['children_mean', t('edit.formulaMean')],
            ['ratio', t('edit.formulaRatio')],
            ['trend', t('edit.formulaTrend')],
          ])}
          {(form.formula === 'ratio' || form.formula === 'trend') && (
            <fieldset className="mb-2" aria-describedby="ind-measures-hint" data-testid="formula-measures">
              <legend className="form-label fs-6 mb-1">{t('edit.measuresLegend')}</legend>
              <small id="ind-measures-hint" className="form-text d-block mb-1">
                {t('edit.measuresHint')}
              </small>
              <div className="row g-2">
                {(form.formula === 'ratio' ? (['numerator', 'denominator'] as const) : (['current', 'previous'] as const)).map((id) => (
                  <div className="col-sm-6" key={id}>
                    <Field id={`ind-${id}`} label={t(`edit.${id}`)} error={errors.fields[id]}>
                      {(aria) => <input {...aria} type="text" className="form-control" value={form[id]} onChange={(e) => set(id, e.target.value)} required autoComplete="off" spellCheck={false} />}
                    </Field>
                  </div>
                ))}
              </div>
              {form.formula === 'ratio' && (
                <Field id="ind-scale" label={t('edit.scale')} hint={t('edit.scaleHint')} error={errors.fields.scale}>
                  {(aria) => <input {...aria} type="text" inputMode="decimal" className="form-control" value={form.scale} onChange={(e) => set('scale', e.target.value)} />}
                </Field>
              )}
            </fieldset>
          )}
          <DialogButtons submit={t('common.save')} onClose={props.onClose} />
        </fieldset>
      </form>
    </Dialog>
  );
}
