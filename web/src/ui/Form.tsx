/**
 * Pieces the editing screens share: a labelled field whose hint and error the input is described by
 * (the error announced when it appears), a modal dialog that takes the focus and gives it back,
 * and the translation of an API refusal into those field errors.
 */
import { Button } from 'design-react-kit';
import { useCallback, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_ERRORS, type FormErrors } from './form-errors.js';
import { LanguageSelect } from './LanguageSelect.js';
import { useRefusal } from './refusal.js';
import { useInLanguage, useKept, type Kept } from './server-words.js';

export { unexpectedError, useRefusal } from './refusal.js';

interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** The input itself, given the attributes that tie it to the label, hint and error. */
  children: (aria: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}

export function Field({ id, label, hint, error, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((x) => x !== null).join(' ');
  return (
    <div className="mb-2">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {children({ id, ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': true as const } : {}) })}
      {hint && (
        <small id={`${id}-hint`} className="form-text d-block">
          {hint}
        </small>
      )}
      <div id={`${id}-error`} className="field-error" aria-live="polite" data-testid={`${id}-error`}>
        {error}
      </div>
    </div>
  );
}

/**
 * Marks the element of a dialog's content that takes the focus when the dialog opens (`<Button
 * {...FIRST_FOCUS}>`): React's `autoFocus` cannot, as it focuses the element before the dialog is
 * open, while it cannot take the focus, and `showModal` then gives it to the dialog's ✕.
 */
export const FIRST_FOCUS = { 'data-autofocus': true } as const;

/** The fields a dialog's focus may start on when none is marked, in the order of the page. */
// The dialog's language selector (`LanguageSelect`) is not where its form starts.
const FIELDS = 'input:not([type=hidden]), select:not([data-language]), textarea';

/**
 * Gives the focus, once, to where the dialog's content means it to start: the element marked
 * `FIRST_FOCUS`, else the first field that takes it; true when one took it. A field that cannot
 * take it (hidden, disabled) is passed over.
 */
function focusFirst(dialog: HTMLDialogElement): boolean {
  const marked = dialog.querySelector<HTMLElement>('[data-autofocus]');
  const candidates = marked !== null ? [marked] : [...dialog.querySelectorAll<HTMLElement>(FIELDS)];
  return candidates.some((element) => {
    element.focus();
    return document.activeElement === element;
  });
}

/**
 * A modal `<dialog>`: the browser traps the focus and Esc closes it; the focus returns where it was.
 * It opens on the element marked `FIRST_FOCUS`, else on its first field, else on its ✕; content
 * that comes later (read from the server after the dialog opened) takes it as long as the reader
 * has not moved it from the ✕.
 */
export function Dialog({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  // One id per dialog: the session dialog can open over another one, and a label id must be unique.
  const titleId = useId();
  // A layout effect: the focus goes back as the dialog goes, before any frame, so that what the
  // action brings next (a message given the focus with `focusSoon`) is not robbed of it afterwards.
  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog !== null && !dialog.open) dialog.showModal();
    let waiting: MutationObserver | null = null;
    if (dialog !== null && !focusFirst(dialog)) {
      // Left on the ✕ (showModal's choice): the first focus is given when the content it was meant for comes.
      const close = document.activeElement;
      waiting = new MutationObserver(() => {
        if (document.activeElement !== close || focusFirst(dialog)) waiting?.disconnect();
      });
      waiting.observe(dialog, { childList: true, subtree: true });
    }
    return () => {
      waiting?.disconnect();
      if (dialog?.open) dialog.close();
      // The opener may be gone (a deleted row): then the main region takes the focus.
      if (opener?.isConnected) opener.focus();
      else document.getElementById('main')?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="albero-dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="d-flex justify-content-between align-items-start gap-2 mb-2">
        <h2 id={titleId} className="h5 mb-0">
          {title}
        </h2>
        <CloseButton onClose={onClose} />
      </div>
      {children}
      {/* The header's selector is out of reach under the modal: the language is changed here, the dialog kept open. */}
      <div className="d-flex justify-content-end mt-3">
        <LanguageSelect dialog />
      </div>
    </dialog>
  );
}

/** A dialog form's buttons: submit (Save unless told) and Cancel, which closes without saving. */
export function DialogActions({ submit, submitTestId, onCancel }: { submit?: string; submitTestId: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="d-flex gap-2 mt-3">
      <Button color="primary" type="submit" data-testid={submitTestId}>
        {submit ?? t('common.save')}
      </Button>
      <Button color="secondary" outline type="button" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}

function CloseButton({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-sm btn-outline-secondary" onClick={onClose} aria-label={t('common.close')}>
      ✕
    </button>
  );
}

/** A form's own problems found before sending, by field: catalogue keys (`units.errors.field.name`), not words. */
export type ProblemKeys = FormErrors;

/**
 * A form's errors kept as what they are and said on each render, so that a change of language says
 * them again in the new one: the server's refusal (`refuse`: said again by its code and parameters,
 * `useInLanguage`) or the form's own problems found before sending (`setProblems`: catalogue keys).
 * Kept as words, they stayed in the language they were first shown in. `refuse` gives the refusal's
 * errors as said now, for the focus to go to the first field at fault.
 */
export function useFormErrors(prefix: string, duplicateField?: string) {
  const { t } = useTranslation();
  const refusal = useRefusal(prefix);
  const said = useInLanguage();
  // Held in an object: a refusal may be any value.
  const [kept, setKept] = useState<{ refused: unknown } | { keys: ProblemKeys; values?: Record<string, unknown> }>({ keys: NO_ERRORS });
  const errors: FormErrors =
    'refused' in kept
      ? refusal(said(kept.refused), duplicateField)
      : {
          fields: Object.fromEntries(Object.entries(kept.keys.fields).map(([field, key]) => [field, t(key, kept.values)])),
          general: kept.keys.general === null ? null : t(kept.keys.general, kept.values),
        };
  /** `values`: what the keys' words name (`{ min: 8 }`, a password's least length). */
  const setProblems = useCallback((keys: ProblemKeys, values?: Record<string, unknown>) => setKept(values === undefined ? { keys } : { keys, values }), []);
  const refuse = (error: unknown): FormErrors => {
    setKept({ refused: error });
    return refusal(error, duplicateField);
  };
  return { errors, setProblems, refuse };
}

/**
 * A success message in a live region that is always there, so it is read when it appears. With an
 * `id` it can take the focus (`focusSoon`), for an action whose control is disabled while it runs.
 */
export function Notice({ text, testId, id }: { text: Kept | null; testId: string; id?: string }) {
  const say = useKept();
  return (
    <div aria-live="polite">
      {text !== null && (
        <div className="alert alert-success" data-testid={testId} {...(id === undefined ? {} : { id, tabIndex: -1 })}>
          {say(text)}
        </div>
      )}
    </div>
  );
}

/**
 * The general error of a form, announced; with a reload button when the refusal was a stale version.
 * With an `id` it can take the focus (`focusSoon`), for a form disabled while it was sent.
 */
export function FormAlert({ errors, onReload, id }: { errors: FormErrors; onReload?: () => void; id?: string }) {
  const { t } = useTranslation();
  if (errors.general === null) return null;
  return (
    <div className="alert alert-danger" role="alert" data-testid="form-alert" {...(id === undefined ? {} : { id, tabIndex: -1 })}>
      {errors.general}
      {onReload && (
        <button type="button" className="btn btn-link btn-sm" onClick={onReload} data-testid="form-reload">
          {t('edit.reload')}
        </button>
      )}
    </div>
  );
}

/** After a refused submit, the first field at fault takes the focus (its error is read with it). */
export function focusFirstError(errors: FormErrors, prefix: string): void {
  const first = Object.keys(errors.fields)[0];
  if (first !== undefined) focusSoon(`${prefix}${first}`);
}

/**
 * The element `id` takes the focus on the next frame, or on a later one if it cannot take it yet.
 * A save's answer is drawn by a render React commits in a task of its own, and a frame can come
 * before it (often on a busy machine): the element that answer brings (a "Ricarica" button beside
 * a stale save's words) is not in the page yet, and the focus was lost (left on the page's body,
 * the save button having been disabled meanwhile). A form may also still be disabled when the
 * first frame comes (a fieldset disabled while its save settles), and a disabled field refuses the
 * focus. So each frame tries again, for about a second of frames, until the element has it.
 */
export function focusSoon(id: string): void {
  let frames = 0;
  const attempt = () => {
    const element = document.getElementById(id);
    element?.focus();
    if (document.activeElement !== element && ++frames < 60) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
