/**
 * A name changed in place (a plan's title, a period's label): one field, Save and Cancel. Untouched,
 * the field shows the stored name and follows a new read; once typed in, it keeps the text typed and
 * the record's version it was typed over, which the save names, so another desk's change since is
 * refused, not overwritten (as the deadline form). A refusal is said at the field in the server's
 * words, a stale save with who and when (again in the new language when it changes); what was typed
 * stays until the reader reloads.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { FieldProblem, invalidIf } from './FieldProblem.js';
import { focusSoon } from './Form.js';
import { editRefusal } from './edit-refusal.js';
import { useLang } from './format.js';
import { useInLanguage } from './server-words.js';

interface Props {
  /** The input's id (its problem is `${id}-error`, its reload button `${id}-reload`). */
  id: string;
  /** The field's name as the API takes it (`title`, `label`): a refusal naming it is said at the field. */
  field: string;
  label: string;
  stored: string;
  version: number;
  maxLength: number;
  /** Saves the name typed, naming the version it was typed over; throws the API's refusal. */
  onSave: (name: string, version: number) => Promise<void>;
  onCancel: () => void;
  /** Reads the record again (after a stale save). */
  onReload: () => void;
}

export function RenameForm({ id, field, label, stored, version, maxLength, onSave, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [typed, setTyped] = useState<{ value: string; version: number } | null>(null);
  // The refusal kept as the server's answer and said on each render: after a change of language, in the new one.
  const [refused, setRefused] = useState<{ error: unknown } | null>(null);
  const said = useInLanguage();
  // Every refusal of a one-field form is the field's: the server's words, or who saved it first.
  const shown = refused === null ? null : editRefusal(said(refused.error), [field], t, lang);
  const problem = shown?.message ?? null;
  const stale = shown?.stale ?? false;
  const [busy, setBusy] = useState(false);
  const value = typed?.value ?? stored;

  async function save() {
    setBusy(true);
    setRefused(null);
    try {
      await onSave(value, typed?.version ?? version);
    } catch (e) {
      setRefused({ error: e });
      focusSoon(id);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="d-flex flex-wrap gap-2 align-items-end"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div>
        <label htmlFor={id} className="form-label small mb-0">
          {label}
        </label>
        <input
          id={id}
          type="text"
          className={`form-control form-control-sm${problem === null ? '' : ' is-invalid'}`}
          size={Math.min(60, Math.max(20, value.length + 2))}
          maxLength={maxLength}
          value={value}
          // Opened by a button that goes while the form is shown (the plan's «Rinomina», a period's row):
          // the focus would fall to the page's body. Not in a dialog, so React's autoFocus works here.
          // eslint-disable-next-line no-restricted-syntax
          autoFocus
          onChange={(e) => setTyped({ value: e.target.value, version: typed?.version ?? version })}
          {...invalidIf(id, problem)}
        />
        <FieldProblem id={id} message={problem} />
      </div>
      <div className="d-flex gap-2">
        <Button size="sm" color="primary" type="submit" disabled={busy} data-testid={`${id}-save`}>
          {t('common.save')}
        </Button>
        <Button size="sm" color="secondary" outline type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        {stale && (
          <Button
            size="sm"
            color="primary"
            outline
            type="button"
            id={`${id}-reload`}
            onClick={() => {
              setTyped(null);
              setRefused(null);
              onReload();
            }}
          >
            {t('common.reload')}
          </Button>
        )}
      </div>
    </form>
  );
}
