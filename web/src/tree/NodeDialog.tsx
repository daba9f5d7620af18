/** Add a child objective (or a strategic area), or change an objective: code, title, weight, unit and person. */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { TreeDocument, TreeObjective } from '../api/types.js';
import { NO_ERRORS } from '../ui/form-errors.js';
import { nextChildCode, weightsOffTotal, weightValue } from './tree-edit.js';
import { Dialog, Field, focusFirstError, FormAlert } from '../ui/Form.js';
import { plainNumber, useLang, useLanguageChange } from '../ui/format.js';
import { swapNotation } from '../ui/parse.js';
import { AssignmentFields } from '../units/AssignmentFields.js';
import { DialogButtons, useSave, WeightsTotal } from './EditParts.js';

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

export function NodeDialog(props: NodeDialogProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { mode } = props;
  // Only a new area has no objective; an edit always has one.
  const objective = useMemo(
    () => props.objective ?? ({ code: '', title: '', weight: null, version: 0, unitId: null, personId: null } as Pick<TreeObjective, 'code' | 'title' | 'weight' | 'version' | 'unitId' | 'personId'>),
    [props.objective],
  );
  const parent = props.objective?.code ?? null;
  const [code, setCode] = useState(() => nextChildCode(props.doc.objectives, parent));
  const [title, setTitle] = useState(mode === 'edit' ? objective.title : '');
  const [weight, setWeight] = useState(mode === 'edit' && objective.weight !== null ? plainNumber(objective.weight, lang) : '');
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
    setWeight(objective.weight === null ? '' : plainNumber(objective.weight, lang));
    setUnitId(objective.unitId ?? '');
    setPersonId(objective.personId ?? '');
    setConflict(false);
    setErrors(NO_ERRORS);
  }, [objective, mode, lang, setConflict, setErrors]);
  // The language changed with the dialog open: the weight typed is written again in the new notation.
  useLanguageChange(lang, () => setWeight((w) => swapNotation(w)));

  function submit(e: FormEvent) {
    e.preventDefault();
    // Read strictly in the screen's notation: `33,33` on an English screen is said, not guessed.
    const read = weightValue(weight, lang);
    if ('problem' in read) {
      const found = { fields: { weight: t(read.problem) }, general: null };
      setErrors(found);
      focusFirstError(found, 'node-');
      return;
    }
    const w = read.value;
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
    <Dialog
      title={mode === 'edit' ? `${t('edit.editNode')} ${objective.code}` : parent === null ? t('edit.addArea') : t('edit.addChild', { code: parent })}
      onClose={props.onClose}
      testId="node-dialog"
    >
      <FormAlert errors={errors} id="node-refused" {...(conflict ? { onReload: props.onChanged } : {})} />
      {/* The objective's own indicators' weights, changed in their dialogs: said here too, as its detail says it. */}
      {mode === 'edit' && props.objective !== null && <WeightsTotal code={props.objective.code} total={weightsOffTotal(props.objective)} />}
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
