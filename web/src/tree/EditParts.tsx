/** What the tree's edit dialogs share: their props, saving with refusals and conflicts, the buttons, the delete confirmation. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import type { TreeDocument, TreeObjective } from '../api/types.js';
import { NO_ERRORS, type FormErrors } from '../ui/form-errors.js';
import { Dialog, focusFirstError, FormAlert, useRefusal } from '../ui/Form.js';

export interface ToolsProps {
  planId: string;
  doc: TreeDocument;
  objective: TreeObjective;
  /** Read the tree again (after a change, or to see what someone else saved). */
  onChanged: () => void;
  /** The selected item is gone. */
  onDeleted: () => void;
}

/** Saves with `send`; a refusal becomes field errors, a stale version a reload offer. */
export function useSave(onDone: () => void, duplicateField?: string) {
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

export function ConfirmDialog(props: { title: string; blocked: string | null; children: ReactNode; onClose: () => void; onConfirm: () => Promise<unknown>; onDone: () => void }) {
  const { t } = useTranslation();
  const { errors, busy, save } = useSave(props.onDone);
  return (
    <Dialog title={props.title} onClose={props.onClose} testId="confirm-dialog">
      <FormAlert errors={errors} />
      {props.blocked !== null ? <p data-testid="confirm-text">{props.blocked}</p> : <p data-testid="confirm-text">{props.children}</p>}
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
