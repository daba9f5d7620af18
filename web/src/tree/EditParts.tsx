/** What the tree's edit dialogs share: their props, saving with refusals and conflicts, the buttons, the delete confirmation. */
import { useIsFetching } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { ApiError } from '../api/client.js';
import { keys } from '../api/queries.js';
import type { TreeDocument, TreeObjective, ValuesToRemove } from '../api/types.js';
import { NO_ERRORS } from '../ui/form-errors.js';
import { Dialog, FIRST_FOCUS, focusFirstError, focusSoon, FormAlert, useFormErrors } from '../ui/Form.js';
import { renderIssueCode } from '../../../src/core/messages/index.js';
import { useLang } from '../ui/format.js';

export interface ToolsProps {
  planId: string;
  doc: TreeDocument;
  objective: TreeObjective;
  /** Read the tree again (after a change, or to see what someone else saved). */
  onChanged: () => void;
  /** The selected item is gone. */
  onDeleted: () => void;
}

/**
 * Saves with `send`; a refusal becomes field errors, a stale version a reload offer. The refusal is
 * kept as the server's answer and said on each render, so a change of language in the dialog says it
 * again in the new one (the server's words by its code and parameters, `useInLanguage`): kept as
 * words, it stayed in the language it was shown in. The form's own problems (`setProblems`, by
 * catalogue key: said again too) replace it. Kept by `useFormErrors`, as every form's are.
 */
export function useSave(onDone: () => void, duplicateField?: string) {
  const { errors, setProblems, refuse } = useFormErrors('edit.errors', duplicateField);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  async function save(send: () => Promise<unknown>, prefix: string) {
    setBusy(true);
    setConflict(false);
    try {
      await send();
      setProblems(NO_ERRORS);
      onDone();
    } catch (err) {
      const found = refuse(err);
      setConflict((err as { code?: unknown }).code === 'conflict');
      // The form was disabled while it was sent, which left the focus on the dialog's body: the first
      // field at fault takes it, else the refusal (its FormAlert's id is `${prefix}refused`).
      if (Object.keys(found.fields).length > 0) focusFirstError(found, prefix);
      else focusSoon(`${prefix}refused`);
    } finally {
      setBusy(false);
    }
  }
  return { errors, setProblems, conflict, setConflict, busy, save };
}

/**
 * A dialog's reload after a refused save (its «Ricarica»): the plan's tree read again. `reloading`
 * from the press until the read ends; a newer version read meanwhile is the dialog's to take (and it
 * ends the reload with `done`). `read` turns true once the read ended without one: a refusal not
 * about the version (another request clashing in the database at the same moment) reads the version
 * the dialog started from. Before, the dialog kept waiting for a newer version, said nothing, and
 * the next one read (another desk's, a change of language) replaced what was typed unasked.
 */
export function useReload(planId: string, onChanged: () => void) {
  const fetching = useIsFetching({ queryKey: keys.trees(planId) });
  const [step, setStep] = useState<'none' | 'asked' | 'reading' | 'read'>('none');
  useEffect(() => {
    if (step === 'asked' && fetching > 0) setStep('reading');
    else if (step === 'reading' && fetching === 0) setStep('read');
  }, [step, fetching]);
  const reload = useCallback(() => {
    setStep('asked');
    onChanged();
  }, [onChanged]);
  const done = useCallback(() => setStep('none'), []);
  return { reloading: step !== 'none', read: step === 'read', reload, done };
}

/** What a reload found, when it found no newer version: taking the focus (the reload's button went with the refusal). */
export function ReloadFound({ text, id }: { text: string | null; id: string }) {
  return (
    <div aria-live="polite">
      {text !== null && (
        <p className="alert alert-info" id={id} tabIndex={-1} data-testid="form-reloaded">
          {text}
        </p>
      )}
    </div>
  );
}

export function DialogButtons({ submit, onClose }: { submit: string; onClose: () => void }) {
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

/** A deletion's 409 `values-to-remove`: what the periods still open would lose; null for any other refusal. */
function valuesToRemove(err: unknown): ValuesToRemove | null {
  if (!(err instanceof ApiError) || err.code !== 'values-to-remove') return null;
  return (err.body?.error.details ?? null) as ValuesToRemove | null;
}

/**
 * Asks before a deletion. The first confirmation sends it plainly; when the server answers that
 * values or evidence files of periods still open would go with it, the dialog lists them period by
 * period and the deletion is sent again, with `removeValues`, only from a second, explicit button.
 */
export function ConfirmDialog(props: { title: string; blocked: string | null; children: ReactNode; onClose: () => void; onConfirm: (removeValues: boolean) => Promise<unknown>; onDone: () => void }) {
  const { t } = useTranslation();
  const [loss, setLoss] = useState<ValuesToRemove | null>(null);
  // The first answer was a question, not a deletion: the dialog stays open to show it.
  const asked = useRef(false);
  const { errors, busy, save } = useSave(() => {
    if (asked.current) asked.current = false;
    else props.onDone();
  });
  const send = async (): Promise<void> => {
    if (loss !== null) {
      await props.onConfirm(true);
      return;
    }
    try {
      await props.onConfirm(false);
    } catch (err) {
      const found = valuesToRemove(err);
      if (found === null) throw err;
      asked.current = true;
      setLoss(found);
      // The button was disabled while asked: what would be lost takes the focus, the second button after it.
      focusSoon('confirm-values-to-remove');
    }
  };
  return (
    <Dialog title={props.title} onClose={props.onClose} testId="confirm-dialog">
      <FormAlert errors={errors} id="confirm-refused" />
      {props.blocked !== null ? <p data-testid="confirm-text">{props.blocked}</p> : <p data-testid="confirm-text">{props.children}</p>}
      {loss !== null && (
        <div className="alert alert-warning" role="alert" id="confirm-values-to-remove" tabIndex={-1} data-testid="values-to-remove">
          <p className="mb-1">{t('edit.valuesToRemove')}</p>
          <ul className="mb-1">
            {loss.periods.map((p) => (
              <li key={p.period}>{t('edit.periodLoss', { label: p.label, values: t('edit.lossValues', { count: p.values }), files: t('edit.lossFiles', { count: p.files }) })}</li>
            ))}
          </ul>
          <p className="mb-0 small">{t('edit.lossKept')}</p>
        </div>
      )}
      <div className="d-flex gap-2 mt-3">
        {props.blocked === null && (
          <Button color="danger" type="button" disabled={busy} onClick={() => void save(send, 'confirm-')} data-testid={loss === null ? 'confirm-delete' : 'confirm-remove-values'}>
            {loss === null ? t('edit.delete') : t('edit.deleteWithValues')}
          </Button>
        )}
        <Button color="secondary" outline type="button" onClick={props.onClose} {...FIRST_FOCUS}>
          {t('common.cancel')}
        </Button>
      </div>
    </Dialog>
  );
}

/**
 * An objective's indicators' weights not adding up to 100%, in the tree's words (the catalogue's
 * `weights-not-100`, as the server says it at the objective), where the office changes a weight: `total` from `weightsOffTotal`, null
 * when they add up. A status, not an error: the save goes ahead (an office fixes weights in
 * steps). The region stays in the page, empty, so a screen reader hears the total as it changes.
 */
export function WeightsTotal({ code, total }: { code: string; total: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div role="status" data-testid="weights-total">
      {total !== null && (
        <p className="alert alert-warning py-1 px-2 small mb-2">
          {renderIssueCode('weights-not-100', { code, total }, lang)}. {t('edit.weightsSaveAnyway')}
        </p>
      )}
    </div>
  );
}
