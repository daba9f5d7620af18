/**
 * Tree editing for the controllo di gestione, from an objective's or indicator's detail: add a
 * child objective, change or delete an objective, add, change or delete an indicator. Every change
 * is sent against the version the tree showed: a 409 says someone else got there first, with a
 * reload, and nothing is overwritten. After a change the tree (and its performances) is read again.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { UNITS } from '../../../src/core/index.js';
import { api } from '../api/client.js';
import type { Comparator, TreeDocument, TreeIndicator, TreeObjective } from '../api/types.js';
import { NO_ERRORS, type FormErrors } from '../ui/form-errors.js';
import { bandProblems, baselineYearValue, deletionScope, EMPTY_INDICATOR, formulaProblems, indicatorForm, indicatorPatch, newIndicatorBody, nextChildCode, type IndicatorForm } from './tree-edit.js';
import { Dialog, Field, focusFirstError, FormAlert, Notice, useRefusal } from '../ui/Form.js';
import '../years/i18n.js';
import { AssignmentFields } from '../units/AssignmentFields.js';

interface ToolsProps {
  planId: string;
  doc: TreeDocument;
  objective: TreeObjective;
  /** Read the tree again (after a change, or to see what someone else saved). */
  onChanged: () => void;
  /** The selected item is gone. */
  onDeleted: () => void;
}

type Open = null | 'child' | 'node' | 'delete-node' | 'indicator' | 'edit-indicator' | 'delete-indicator';

/** The editing buttons under an objective's or an indicator's detail, and the dialog they open. */
export function TreeEditTools({ indicator, ...props }: ToolsProps & { indicator?: TreeIndicator | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { objective, doc } = props;
  const close = () => setOpen(null);
  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    props.onChanged();
  };
  const deleted = () => {
    setOpen(null);
    props.onDeleted();
    props.onChanged();
  };
  useEffect(() => setNotice(null), [objective.code, indicator?.id]);

  const scope = deletionScope(doc.objectives, objective.code);
  const actions: Array<[Exclude<Open, null>, string]> =
    indicator === undefined
      ? [
          ['child', t('edit.addChild', { code: objective.code })],
          ['indicator', t('edit.addIndicator')],
          ['node', t('edit.editNode')],
          ['delete-node', t('edit.deleteNode')],
        ]
      : [
          ['edit-indicator', t('edit.editIndicator')],
          ['delete-indicator', t('edit.deleteIndicator')],
        ];
  return (
    <section className="tree-edit-tools mb-3" aria-labelledby="edit-tools-title" data-testid="edit-tools">
      <h3 id="edit-tools-title" className="h6">
        {t('edit.tools')}
      </h3>
      <Notice text={notice} testId="edit-notice" />
      <div className="d-flex flex-wrap gap-2">
        {actions.map(([action, label]) => (
          <Button key={action} size="xs" color={action.startsWith('delete') ? 'danger' : 'primary'} outline onClick={() => setOpen(action)} data-testid={`open-${action}`}>
            {label}
          </Button>
        ))}
      </div>
      {open === 'child' && <NodeDialog {...props} mode="child" onClose={close} onDone={() => done(t('edit.saved'))} />}
      {open === 'node' && <NodeDialog {...props} mode="edit" onClose={close} onDone={() => done(t('edit.saved'))} />}
      {open === 'indicator' && <IndicatorDialog {...props} indicator={undefined} onClose={close} onDone={() => done(t('edit.saved'))} />}
      {open === 'edit-indicator' && indicator !== undefined && <IndicatorDialog {...props} indicator={indicator} onClose={close} onDone={() => done(t('edit.saved'))} />}
      {open === 'delete-node' && (
        <ConfirmDialog
          title={t('edit.deleteNode')}
          blocked={scope.children > 0 ? t('edit.hasChildren', { code: objective.code, count: scope.children }) : null}
          onClose={close}
          onConfirm={() => api.deleteNode(props.planId, objective.code)}
          onDone={deleted}
        >
          {scope.indicators > 0 ? t('edit.confirmNode', { code: objective.code, title: objective.title, count: scope.indicators }) : t('edit.confirmNodeNone', { code: objective.code, title: objective.title })}
        </ConfirmDialog>
      )}
      {open === 'delete-indicator' && indicator !== undefined && (
        <ConfirmDialog
          title={t('edit.deleteIndicator')}
          blocked={null}
          onClose={close}
          onConfirm={() => api.deleteIndicator(props.planId, indicator.id)}
          onDone={deleted}
        >
          {t('edit.confirmIndicator', { name: indicator.name, code: objective.code })}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** For the plan's editors above the tree: a new strategic area (the only way into an empty plan). */
export function AddAreaButton({ planId, doc, onChanged }: { planId: string; doc: TreeDocument; onChanged: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <button type="button" className="btn btn-sm btn-link p-0" onClick={() => setOpen(true)} data-testid="open-area">
        {t('edit.addArea')}
      </button>
      <Notice text={notice} testId="area-notice" />
      {open && (
        <NodeDialog
          planId={planId}
          doc={doc}
          mode="child"
          objective={null}
          onChanged={onChanged}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            setNotice(t('edit.saved'));
            onChanged();
          }}
        />
      )}
    </>
  );
}

/** Saves with `send`; a refusal becomes field errors, a stale version a reload offer. */
function useSave(onDone: () => void, duplicateField?: string) {
  const refusal = useRefusal('edit.errors');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  async function save(send: () => Promise<unknown>, prefix: string) {
    setBusy(true);
    setConflict(false);
    try {
      await send();
      setErrors(NO_ERRORS);
      onDone();
    } catch (err) {
      const found = refusal(err, duplicateField);
      setErrors(found);
      setConflict((err as { code?: unknown }).code === 'conflict');
      focusFirstError(found, prefix);
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, conflict, setConflict, busy, save };
}

function DialogButtons({ submit, onClose }: { submit: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="d-flex gap-2 mt-3">
      <Button color="primary" type="submit" data-testid="dialog-submit">
        {submit}
      </Button>
      <Button color="secondary" outline type="button" onClick={onClose}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}

interface NodeDialogProps {
  planId: string;
  doc: TreeDocument;
  /** `child`: a new objective under `objective` (a new area when null); `edit`: `objective` itself. */
  mode: 'child' | 'edit';
  objective: TreeObjective | null;
  onChanged: () => void;
  onClose: () => void;
  onDone: () => void;
}

function NodeDialog(props: NodeDialogProps) {
  const { t } = useTranslation();
  const { mode } = props;
  // Only a new area has no objective; an edit always has one.
  const objective = props.objective ?? ({ code: '', title: '', weight: null, version: 0, unitId: null, personId: null } as Pick<TreeObjective, 'code' | 'title' | 'weight' | 'version' | 'unitId' | 'personId'>);
  const parent = props.objective?.code ?? null;
  const [code, setCode] = useState(() => nextChildCode(props.doc.objectives, parent));
  const [title, setTitle] = useState(mode === 'edit' ? objective.title : '');
  const [weight, setWeight] = useState(mode === 'edit' && objective.weight !== null ? String(objective.weight).replace('.', ',') : '');
  // The unit and person of the objective itself ('' = as the objective above).
  const [unitId, setUnitId] = useState(mode === 'edit' ? (objective.unitId ?? '') : '');
  const [personId, setPersonId] = useState(mode === 'edit' ? (objective.personId ?? '') : '');
  const { errors, conflict, setConflict, setErrors, busy, save } = useSave(props.onDone, 'code');
  // After a reload the form shows what is stored now, to be changed again on the new version.
  const version = useRef(objective.version);
  useEffect(() => {
    if (mode !== 'edit' || version.current === objective.version) return;
    version.current = objective.version;
    setTitle(objective.title);
    setWeight(objective.weight === null ? '' : String(objective.weight).replace('.', ','));
    setUnitId(objective.unitId ?? '');
    setPersonId(objective.personId ?? '');
    setConflict(false);
    setErrors(NO_ERRORS);
  }, [objective, mode, setConflict, setErrors]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const w = weight.trim() === '' ? null : weight.trim();
    // Only a changed assignment is sent: on an adopted plan each change is one line of the revision.
    const assignment = {
      ...((objective.unitId ?? '') !== unitId || mode === 'child' ? { unitId: unitId === '' ? null : unitId } : {}),
      ...((objective.personId ?? '') !== personId || mode === 'child' ? { personId: personId === '' ? null : personId } : {}),
    };
    void save(
      () =>
        mode === 'child'
          ? api.addNode(props.planId, { code: code.trim(), title: title.trim(), parent, weight: w, ...assignment })
          : api.updateNode(props.planId, objective.code, { title: title.trim(), weight: w, ...assignment, version: objective.version }),
      'node-',
    );
  }

  return (
    <Dialog title={mode === 'edit' ? `${t('edit.editNode')} ${objective.code}` : parent === null ? t('edit.addArea') : t('edit.addChild', { code: parent })} onClose={props.onClose} testId="node-dialog">
      <FormAlert errors={errors} {...(conflict ? { onReload: props.onChanged } : {})} />
      <form onSubmit={submit} className="albero-form" noValidate>
        <fieldset disabled={busy}>
          {mode === 'child' && (
            <Field id="node-code" label={t('edit.code')} error={errors.fields.code}>
              {(aria) => <input {...aria} type="text" className="form-control" value={code} onChange={(e) => setCode(e.target.value)} required />}
            </Field>
          )}
          <Field id="node-title" label={t('edit.title')} error={errors.fields.title}>
            {(aria) => <textarea {...aria} className="form-control" rows={2} value={title} onChange={(e) => setTitle(e.target.value)} required />}
          </Field>
          <Field id="node-weight" label={t('edit.weight')} hint={t('edit.weightHint')} error={errors.fields.weight}>
            {(aria) => <input {...aria} type="text" inputMode="decimal" className="form-control" value={weight} onChange={(e) => setWeight(e.target.value)} />}
          </Field>
          <AssignmentFields prefix="node-" unitId={unitId} personId={personId} onUnit={setUnitId} onPerson={setPersonId} errors={errors.fields} />
          <DialogButtons submit={t('common.save')} onClose={props.onClose} />
        </fieldset>
      </form>
    </Dialog>
  );
}

const COMPARATORS: Comparator[] = ['>=', '<=', '='];

function IndicatorDialog(props: ToolsProps & { indicator: TreeIndicator | undefined; onClose: () => void; onDone: () => void }) {
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
            <div className="col-sm-4">{select('comparator', COMPARATORS.map((c) => [c, t(`edit.comparators.${c}`)] as const))}</div>
            <div className="col-sm-4">{select('unit', UNITS.map((u) => [u, t(`edit.units.${u}`)] as const))}</div>
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
                  {(aria) => <input {...aria} type="text" inputMode="numeric" className="form-control" value={form.baselineYear} onChange={(e) => set('baselineYear', e.target.value)} autoComplete="off" />}
                </Field>
              </div>
              {(['target2', 'target3'] as const).map((key, k) => (
                <div className="col-sm-6" key={key}>
                  <Field id={`ind-${key}`} label={t('years.targetOf', { year: planYear === null ? `+${k + 1}` : planYear + k + 1 })} hint={valueHint} error={errors.fields[key] ?? errors.fields[`nextTargets.${k}`]}>
                    {(aria) => <input {...aria} type="text" className="form-control" value={form[key]} onChange={(e) => set(key, e.target.value)} autoComplete="off" />}
                  </Field>
                </div>
              ))}
            </div>
          </fieldset>
          {select('scoring', (['on_off', 'proportional', 'threshold', 'bands'] as const).map((r) => [r, t(`edit.rules.${r}`)] as const))}
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
                          {(aria) => <input {...aria} type="text" inputMode="decimal" className="form-control" value={p.score} onChange={(e) => setPoint(k, 'score', e.target.value)} autoComplete="off" />}
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

function ConfirmDialog(props: { title: string; blocked: string | null; children: ReactNode; onClose: () => void; onConfirm: () => Promise<unknown>; onDone: () => void }) {
  const { t } = useTranslation();
  const { errors, busy, save } = useSave(props.onDone);
  return (
    <Dialog title={props.title} onClose={props.onClose} testId="confirm-dialog">
      <FormAlert errors={errors} />
      {props.blocked !== null ? (
        <p data-testid="confirm-text">{props.blocked}</p>
      ) : (
        <p data-testid="confirm-text">{props.children}</p>
      )}
      <div className="d-flex gap-2 mt-3">
        {props.blocked === null && (
          <Button color="danger" type="button" disabled={busy} onClick={() => void save(props.onConfirm, 'confirm-')} data-testid="confirm-delete">
            {t('edit.delete')}
          </Button>
        )}
        <Button color="secondary" outline type="button" onClick={props.onClose} autoFocus>
          {t('common.cancel')}
        </Button>
      </div>
    </Dialog>
  );
}
