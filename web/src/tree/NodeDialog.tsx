/** Add a child objective (or a strategic area), or change an objective: code, title, weight, unit and person. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { TreeDocument, TreeObjective } from '../api/types.js';
import { NO_ERRORS } from '../ui/form-errors.js';
import { nextChildCode, weightsOffTotal, weightValue } from './tree-edit.js';
import { Dialog, Field, focusFirstError, focusSoon, FormAlert } from '../ui/Form.js';
import { plainNumber, useLang, useLanguageChange, type Lang } from '../ui/format.js';
import { swapNotation } from '../ui/parse.js';
import { AssignmentFields } from '../units/AssignmentFields.js';
import { DialogButtons, ReloadFound, useReload, useSave, WeightsTotal } from './EditParts.js';

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

/** An objective's fields as the dialog shows them: the weight in `lang`'s notation, '' for none. */
interface NodeFields {
  title: string;
  weight: string;
  unitId: string;
  personId: string;
}
const NO_FIELDS: NodeFields = { title: '', weight: '', unitId: '', personId: '' };
const fieldsOf = (o: Pick<TreeObjective, 'title' | 'weight' | 'unitId' | 'personId'>, lang: Lang): NodeFields => ({
  title: o.title,
  weight: o.weight === null ? '' : plainNumber(o.weight, lang),
  unitId: o.unitId ?? '',
  personId: o.personId ?? '',
});

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
  // The fields as typed, and the objective's version and fields they started from (a new one starts
  // empty). The unit and person are the objective's own ('' = as the objective above).
  const [typed, setTyped] = useState(() => (mode === 'edit' ? fieldsOf(objective, lang) : NO_FIELDS));
  const [started, setStarted] = useState(() => ({ version: objective.version, fields: typed }));
  const set = (key: keyof NodeFields) => (value: string) => setTyped((f) => ({ ...f, [key]: value }));
  const { title, weight, unitId, personId } = typed;
  const { errors, conflict, setConflict, setProblems, busy, save } = useSave(props.onDone, 'code');
  // The language changed with the dialog open: the weight typed (and the one it started from) is
  // written again in the new notation. Before the effect below: a newer version read in the same
  // render replaces both, in the new notation.
  useLanguageChange(lang, () => {
    setTyped((f) => ({ ...f, weight: swapNotation(f.weight) }));
    setStarted((s) => ({ ...s, fields: { ...s.fields, weight: swapNotation(s.fields.weight) } }));
  });
  // The reader asked to see what is stored (a stale save's reload): the next version read replaces what is typed.
  const { reloading, read, reload: readAgain, done: reloaded } = useReload(props.planId, props.onChanged);
  // What the reload found when no newer version came, said until the next save (by its key: again after a change of language).
  const [found, setFound] = useState<{ key: string; values?: Record<string, string> } | null>(null);
  // A newer version of the objective (the tree read again: a reload, a change of language) replaces
  // the fields only when nothing was typed since they started, or on a reload. Else what was typed
  // stays, and the save names the version it was typed on: refused as stale, naming who saved
  // meanwhile, with a reload; nothing typed is dropped, nothing stored is written over, unsaid.
  const typedSince = JSON.stringify(typed) !== JSON.stringify(started.fields);
  useEffect(() => {
    if (mode !== 'edit' || objective.version === started.version || (typedSince && !reloading)) return;
    const fresh = fieldsOf(objective, lang);
    setStarted({ version: objective.version, fields: fresh });
    setTyped(fresh);
    reloaded();
    setConflict(false);
    setProblems(NO_ERRORS);
  }, [objective, mode, lang, started.version, typedSince, reloading, reloaded, setConflict, setProblems]);
  // The read ended on the version the fields started from (or a new objective, which has none): the
  // refusal is over, what was typed stays, and the dialog says what it found.
  useEffect(() => {
    if (!read) return;
    reloaded();
    setConflict(false);
    setProblems(NO_ERRORS);
    setFound(mode === 'edit' ? { key: 'edit.reloadedSameNode', values: { code: objective.code } } : { key: 'edit.reloadedNew' });
    focusSoon('node-reloaded');
  }, [read, mode, objective.code, reloaded, setConflict, setProblems]);
  const reload = () => {
    setFound(null);
    readAgain();
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    // Read strictly in the screen's notation: `33,33` on an English screen is said, not guessed.
    const weighed = weightValue(weight, lang);
    if ('problem' in weighed) {
      // Kept by its key: a change of language says it again.
      const problems = { fields: { weight: weighed.problem }, general: null };
      setProblems(problems);
      focusFirstError(problems, 'node-');
      return;
    }
    const w = weighed.value;
    setFound(null);
    // Only a changed assignment is sent: on an adopted plan each change is one line of the revision.
    const assignment = {
      ...(started.fields.unitId !== unitId || mode === 'child' ? { unitId: unitId === '' ? null : unitId } : {}),
      ...(started.fields.personId !== personId || mode === 'child' ? { personId: personId === '' ? null : personId } : {}),
    };
    void save(
      () =>
        mode === 'child'
          ? api.addNode(props.planId, { code: code.trim(), title: title.trim(), parent, weight: w, ...assignment })
          : api.updateNode(props.planId, objective.code, { title: title.trim(), weight: w, ...assignment, version: started.version }),
      'node-',
    );
  }

  return (
    <Dialog
      title={mode === 'edit' ? `${t('edit.editNode')} ${objective.code}` : parent === null ? t('edit.addArea') : t('edit.addChild', { code: parent })}
      onClose={props.onClose}
      testId="node-dialog"
    >
      <FormAlert errors={errors} id="node-refused" {...(conflict ? { onReload: reload } : {})} />
      <ReloadFound text={found === null ? null : t(found.key, found.values)} id="node-reloaded" />
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
            {(aria) => <textarea {...aria} className="form-control" rows={2} value={title} onChange={(e) => set('title')(e.target.value)} required />}
          </Field>
          <Field id="node-weight" label={t('edit.weight')} hint={t('edit.weightHint')} error={errors.fields.weight}>
            {(aria) => <input {...aria} type="text" inputMode="decimal" className="form-control" value={weight} onChange={(e) => set('weight')(e.target.value)} />}
          </Field>
          <AssignmentFields prefix="node-" unitId={unitId} personId={personId} onUnit={set('unitId')} onPerson={set('personId')} errors={errors.fields} />
          <DialogButtons submit={t('common.save')} onClose={props.onClose} />
        </fieldset>
      </form>
    </Dialog>
  );
}
