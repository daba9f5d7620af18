/**
 * A file field in the page's language: the browser's own `<input type="file">` says "Choose file / No
 * file chosen" in the browser's language, not the screen's. The native field stays (the keyboard
 * reaches it and opens the picker, screen readers know it, tests and scripts set its files), only
 * visually hidden: the button beside it is its label («Scegli file» / "Choose file"), which opens the
 * picker, and the words after it say the file chosen or «Nessun file scelto» / "No file chosen",
 * read with the field (`aria-describedby`) and announced when they change; a form that has more to
 * say of the file chosen (its size, that it is not sent yet) says it there, in `chosenWords`, so that
 * the file is named once. A file dropped on the button or those words is given to the field as if chosen.
 */
import { useEffect, useRef, type DragEvent, type InputHTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

type Rest = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id' | 'className' | 'size'>;

export function FileInput({
  id,
  file,
  small = false,
  chosenWords,
  ref,
  'aria-describedby': described,
  ...rest
}: Rest & {
  id: string;
  /** The file the form holds (what the words say): the form's own, so a field it empties says so too. */
  file: File | null;
  /** The button as a small one (a form of small fields). */
  small?: boolean;
  /** The words for the file chosen, its name in them (by default the name alone). */
  chosenWords?: (file: File) => string;
  ref?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const own = useRef<HTMLInputElement | null>(null);
  const setRef = (element: HTMLInputElement | null) => {
    own.current = element;
    if (typeof ref === 'function') ref(element);
    else if (ref) ref.current = element;
  };
  // The form let its file go (sent, or not wanted): the field lets it go too, so that both say none.
  useEffect(() => {
    if (file === null && own.current !== null && own.current.value !== '') own.current.value = '';
  }, [file]);
  const chosenId = `${id}-chosen`;
  const drop = (e: DragEvent) => {
    const field = own.current;
    if (field === null || field.disabled || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    const list = new DataTransfer();
    for (const f of rest.multiple ? [...e.dataTransfer.files] : [e.dataTransfer.files[0]!]) list.items.add(f);
    field.files = list.files;
    // As the picker does: the form's onChange hears it.
    field.dispatchEvent(new Event('change', { bubbles: true }));
  };
  return (
    <div className="file-input" onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()} onDrop={drop}>
      <input {...rest} ref={setRef} id={id} type="file" className="visually-hidden" aria-describedby={[described, chosenId].filter(Boolean).join(' ')} />
      <label htmlFor={id} className={`btn btn-outline-primary file-input-button${small ? ' btn-sm' : ''}`} data-testid={`${id}-button`}>
        {t('common.chooseFile')}
      </label>
      <span id={chosenId} className={`file-input-chosen${small ? ' small' : ''}`} aria-live="polite" data-testid={chosenId}>
        {file === null ? t('common.noFileChosen') : (chosenWords?.(file) ?? file.name)}
      </span>
    </div>
  );
}
