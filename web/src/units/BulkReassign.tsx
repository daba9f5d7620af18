/**
 * Bulk reassignment: the plan's editors pick objectives and indicators (those the tree's filters
 * show, or all that a unit holds) and move them to another unit and/or person in one request
 * (`POST /api/plans/:id/reassign`, one audited change each). On an adopted plan this is a change
 * like any other: without an open revision the server answers 409 `revision-required`, said here.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { campaign } from '../campaign/campaign-api.js';
import type { TreeDocument } from '../api/types.js';
import { NO_ERRORS, type FormErrors } from '../ui/form-errors.js';
import type { Row } from '../tree/rows.js';
import { Dialog, DialogActions, Field, focusFirstError, focusSoon, FormAlert, Notice, useFormErrors } from '../ui/Form.js';
import type { Kept } from '../ui/server-words.js';
import { PersonOptions, UnitOptions } from './AssignmentFields.js';
import { useRegistry } from './queries.js';

/** An item of the list: an objective by its code, an indicator by its id. */
type Key = `o:${string}` | `i:${string}`;

/** What a unit holds itself (objectives and indicators assigned to it by their own field). */
export function heldBy(doc: TreeDocument, unitId: string): Key[] {
  const keys: Key[] = [];
  for (const o of doc.objectives) {
    if (o.unitId === unitId) keys.push(`o:${o.code}`);
    for (const i of o.indicators) if (i.unitId === unitId) keys.push(`i:${i.id}`);
  }
  return keys;
}

/** `waiting`: the screen is moving to another period (`periodComing`); the button waits for it (the toolbar says why). */
export function BulkReassignButton({ waiting = false, ...props }: { planId: string; doc: TreeDocument; rows: readonly Row[]; onChanged: () => void; waiting?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<Kept | null>(null);
  return (
    <>
      <button type="button" className="btn btn-sm btn-link p-0" disabled={waiting} onClick={() => setOpen(true)} data-testid="open-reassign">
        {t('assign.bulk')}
      </button>
      <Notice text={notice} testId="reassign-notice" />
      {open && (
        <BulkReassignDialog
          {...props}
          onClose={() => setOpen(false)}
          onDone={(message) => {
            setOpen(false);
            setNotice(message);
            props.onChanged();
          }}
        />
      )}
    </>
  );
}

const KEEP = '';
const CLEAR = '-';

function BulkReassignDialog({ planId, doc, rows, onClose, onDone }: { planId: string; doc: TreeDocument; rows: readonly Row[]; onClose: () => void; onDone: (message: Kept) => void }) {
  const { t } = useTranslation();
  // Kept as keys or as the refusal, said on each render: the dialog's own selector changes the language.
  const { errors, setProblems, refuse } = useFormErrors('units.errors');
  const registry = useRegistry();
  const [selected, setSelected] = useState<Set<Key>>(new Set());
  const [from, setFrom] = useState('');
  const [toUnit, setToUnit] = useState(KEEP);
  const [toPerson, setToPerson] = useState(KEEP);
  const [busy, setBusy] = useState(false);
  const items = useMemo(
    () =>
      rows.map((r) =>
        r.kind === 'objective'
          ? { key: `o:${r.objective.code}` as Key, depth: r.depth, label: t('assign.objective', { code: r.objective.code, title: r.objective.title }) }
          : { key: `i:${r.indicator.id}` as Key, depth: r.depth, label: t('assign.indicator', { code: r.objective.code, name: r.indicator.name }) },
      ),
    [rows, t],
  );

  const toggle = (key: Key, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  async function submit() {
    setProblems(NO_ERRORS);
    if (selected.size === 0) return setProblems({ fields: {}, general: 'assign.nothing' });
    if (toUnit === KEEP && toPerson === KEEP) return setProblems({ fields: {}, general: 'assign.noChange' });
    const nodes = [...selected].filter((k) => k.startsWith('o:')).map((k) => k.slice(2));
    const indicators = [...selected].filter((k) => k.startsWith('i:')).map((k) => k.slice(2));
    setBusy(true);
    try {
      const r = await campaign.reassign(planId, {
        ...(nodes.length > 0 ? { nodes } : {}),
        ...(indicators.length > 0 ? { indicators } : {}),
        ...(toUnit === KEEP ? {} : { unitId: toUnit === CLEAR ? null : toUnit }),
        ...(toPerson === KEEP ? {} : { personId: toPerson === CLEAR ? null : toPerson }),
      });
      onDone({ key: 'assign.done', values: { nodes: r.nodes, indicators: r.indicators } });
    } catch (err) {
      // A plan that needs a revision first: the dialog's own words, by key (only where they go matters below).
      const revision: FormErrors = { fields: {}, general: 'assign.revision' };
      const refused = err instanceof ApiError && err.code === 'revision-required' ? revision : refuse(err);
      if (refused === revision) setProblems(revision);
      // The form was disabled while it was sent, which left the focus on the page's body: the refusal takes it.
      if (refused.general !== null) focusSoon('reassign-refused');
      else focusFirstError(refused, 'reassign-');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('assign.bulkTitle')} onClose={onClose} testId="reassign-dialog">
      <p>{t('assign.bulkIntro')}</p>
      <FormAlert errors={errors} id="reassign-refused" />
      <form
        className="albero-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset disabled={busy}>
          <Field id="reassign-from" label={t('assign.bulkFrom')}>
            {(aria) => (
              <select
                {...aria}
                className="form-select"
                value={from}
                onChange={(e) => {
                  setFrom(e.target.value);
                  if (e.target.value !== '') setSelected(new Set(heldBy(doc, e.target.value)));
                }}
              >
                <UnitOptions units={registry?.units ?? []} empty={t('assign.bulkPick')} />
              </select>
            )}
          </Field>
          <fieldset className="mb-2" data-testid="reassign-items">
            <legend className="form-label fs-6 mb-1">{t('assign.items')}</legend>
            <div className="d-flex flex-wrap gap-3 small mb-1">
              <span aria-live="polite" data-testid="reassign-count">
                {t('assign.selected', { count: selected.size })}
              </span>
              <button type="button" className="btn btn-sm btn-link p-0" onClick={() => setSelected(new Set(items.map((i) => i.key)))}>
                {t('assign.selectAll')}
              </button>
              <button type="button" className="btn btn-sm btn-link p-0" onClick={() => setSelected(new Set())}>
                {t('assign.clearAll')}
              </button>
            </div>
            <div className="albero-checklist">
              {items.map((item, k) => (
                <div className="form-check" key={item.key} style={{ marginLeft: `${item.depth}rem` }}>
                  <input
                    id={`reassign-item-${k}`}
                    type="checkbox"
                    className="form-check-input"
                    data-key={item.key}
                    checked={selected.has(item.key)}
                    onChange={(e) => toggle(item.key, e.target.checked)}
                  />
                  <label htmlFor={`reassign-item-${k}`} className="form-check-label">
                    {item.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <div className="row g-2">
            <div className="col-sm-6">
              <Field id="reassign-unit" label={t('assign.toUnit')}>
                {(aria) => (
                  <select {...aria} className="form-select" value={toUnit} onChange={(e) => setToUnit(e.target.value)}>
                    <UnitOptions units={registry?.units ?? []} empty={t('assign.keep')} />
                    <option value={CLEAR}>{t('assign.clear')}</option>
                  </select>
                )}
              </Field>
            </div>
            <div className="col-sm-6">
              <Field id="reassign-person" label={t('assign.toPerson')}>
                {(aria) => (
                  <select {...aria} className="form-select" value={toPerson} onChange={(e) => setToPerson(e.target.value)}>
                    <PersonOptions people={registry?.people ?? []} empty={t('assign.keep')} />
                    <option value={CLEAR}>{t('assign.clear')}</option>
                  </select>
                )}
              </Field>
            </div>
          </div>
          <DialogActions submit={t('assign.submit')} submitTestId="reassign-submit" onCancel={onClose} />
        </fieldset>
      </form>
    </Dialog>
  );
}
