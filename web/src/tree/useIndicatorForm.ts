/**
 * The indicator dialog's data: the form as typed (`IndicatorForm`, `tree-edit.ts`) and the
 * definition it started from, the indicator's own unit and person, the band points' list, and the
 * submit: checked first (`indicatorFormProblems`), then only what changed is sent against the
 * `definitionVersion` it was typed on (a new one is sent whole). A newer definition read meanwhile
 * (another desk saved; read with a change of language) leaves what was typed, so the save is refused
 * as stale rather than written over it; after a reload the stored definition becomes the starting
 * point again, and a reload that finds no newer one (a refusal not about the version) ends, saying so.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { TreeIndicator } from '../api/types.js';
import { NO_ERRORS } from '../ui/form-errors.js';
import { focusFirstError, focusSoon } from '../ui/Form.js';
import { useLang, useLanguageChange, type Lang } from '../ui/format.js';
import { useReload, useSave, type ToolsProps } from './EditParts.js';
import { EMPTY_INDICATOR, formIn, indicatorForm, indicatorFormProblems, indicatorPatch, newIndicatorBody, type IndicatorForm } from './tree-edit.js';

export type IndicatorFormState = ReturnType<typeof useIndicatorForm>;

export function useIndicatorForm(props: Pick<ToolsProps, 'planId' | 'objective' | 'onChanged'> & { indicator: TreeIndicator | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const { indicator } = props;
  const lang = useLang();
  // The definition the form started from (the indicator as read when the dialog opened, or since
  // adopted): its version is the one a save names, its unit and person what an assignment is compared to.
  const [started, setStarted] = useState(indicator);
  // The form read from it; both start as the same object.
  const [before, setBefore] = useState(() => (indicator === undefined ? EMPTY_INDICATOR : indicatorForm(indicator, lang)));
  const [form, setForm] = useState(before);
  // The indicator's own unit and person ('' = its objective's).
  const [unitId, setUnitId] = useState(indicator?.unitId ?? '');
  const [personId, setPersonId] = useState(indicator?.personId ?? '');
  const saving = useSave(props.onDone);
  const { setConflict, setProblems } = saving;
  const set = <K extends keyof IndicatorForm>(key: K, value: IndicatorForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  // The language changed with the dialog open: what is typed (and what it started from, for the
  // patch) is written again in the new notation, the same digits, as the entry form does. Before the
  // effect below: a newer definition read in the same render replaces both, in the new notation.
  useLanguageChange(lang, (to) => {
    setBefore((f) => formIn(f, to));
    setForm((f) => formIn(f, to));
  });
  // The reader asked to see what is stored (a stale save's reload): the next definition read replaces what is typed.
  const { reloading, read, reload: readAgain, done: reloaded } = useReload(props.planId, props.onChanged);
  // What the reload found when no newer definition came, said until the next save (by its key: again after a change of language).
  const [found, setFound] = useState<string | null>(null);
  // A newer definition (the tree read again: a reload, a change of language) replaces the form only
  // when nothing was typed since it started, or on a reload. Else what was typed stays, and the save
  // names the version it was typed on: refused as stale, naming who saved meanwhile, with a reload;
  // nothing typed is dropped, nothing stored is written over, unsaid.
  const typedSince = JSON.stringify(form) !== JSON.stringify(before) || unitId !== (started?.unitId ?? '') || personId !== (started?.personId ?? '');
  useEffect(() => {
    if (indicator === undefined || indicator.definitionVersion === started?.definitionVersion || (typedSince && !reloading)) return;
    const fresh = indicatorForm(indicator, lang);
    setStarted(indicator);
    setBefore(fresh);
    setForm(fresh);
    setUnitId(indicator.unitId ?? '');
    setPersonId(indicator.personId ?? '');
    reloaded();
    setConflict(false);
    setProblems(NO_ERRORS);
  }, [indicator, lang, started, typedSince, reloading, reloaded, setConflict, setProblems]);
  // The read ended on the definition the form started from (or a new indicator, which has none): the
  // refusal is over, what was typed stays, and the dialog says what it found.
  const isNew = indicator === undefined;
  useEffect(() => {
    if (!read) return;
    reloaded();
    setConflict(false);
    setProblems(NO_ERRORS);
    setFound(isNew ? 'edit.reloadedNew' : 'edit.reloadedSameIndicator');
    focusSoon('ind-reloaded');
  }, [read, isNew, reloaded, setConflict, setProblems]);
  const reload = () => {
    setFound(null);
    readAgain();
  };

  return {
    ...saving,
    lang,
    form,
    set,
    points: usePoints(form, setForm),
    unitId,
    setUnitId,
    personId,
    setPersonId,
    reload,
    found: found === null ? null : t(found),
    submit: useSubmit({ ...props, indicator: started }, { before, form, unitId, personId, lang }, saving, () => setFound(null)),
  };
}

/** The band scale's points: a value changed, a point added or removed, the focus kept in the list. */
function usePoints(form: IndicatorForm, setForm: React.Dispatch<React.SetStateAction<IndicatorForm>>) {
  const setPoint = (k: number, key: 'at' | 'score', text: string) => setForm((f) => ({ ...f, points: f.points.map((p, n) => (n === k ? { ...p, [key]: text } : p)) }));
  const removePoint = (k: number) => {
    setForm((f) => ({ ...f, points: f.points.filter((_, n) => n !== k) }));
    // The focus stays in the list: on the row that took its place, or the add button.
    focusSoon(form.points.length > 1 ? `ind-point-${Math.min(k, form.points.length - 2)}-at` : 'ind-point-add');
  };
  const addPoint = () => {
    setForm((f) => ({ ...f, points: [...f.points, { at: '', score: '' }] }));
    focusSoon(`ind-point-${form.points.length}-at`);
  };
  return { setPoint, removePoint, addPoint };
}

/**
 * The submit: the form's own problems said at their fields, else the new indicator or the patch of
 * what changed since `indicator`, the definition the form started from, named by its version.
 */
function useSubmit(
  props: Pick<ToolsProps, 'planId' | 'objective'> & { indicator: TreeIndicator | undefined },
  typed: { before: IndicatorForm; form: IndicatorForm; unitId: string; personId: string; lang: Lang },
  saving: ReturnType<typeof useSave>,
  /** A save sent: what an earlier reload found is no longer the news. */
  sending: () => void,
) {
  const { indicator } = props;
  const { before, form, unitId, personId, lang } = typed;
  return function submit(e: FormEvent) {
    e.preventDefault();
    const problems = indicatorFormProblems(form, lang);
    if (problems.length > 0) {
      // Kept by their keys: a change of language says them again.
      const found = { fields: Object.fromEntries(problems), general: null };
      saving.setProblems(found);
      focusFirstError(found, 'ind-');
      return;
    }
    const assignment = {
      ...((indicator?.unitId ?? '') !== unitId ? { unitId: unitId === '' ? null : unitId } : {}),
      ...((indicator?.personId ?? '') !== personId ? { personId: personId === '' ? null : personId } : {}),
    };
    sending();
    void saving.save(
      () =>
        indicator === undefined
          ? api.addIndicator(props.planId, props.objective.code, { ...newIndicatorBody(form, lang), ...assignment })
          : api.updateIndicator(props.planId, indicator.id, { ...indicatorPatch(before, form, lang), ...assignment, version: indicator.definitionVersion }),
      'ind-',
    );
  };
}
