/**
 * A date field in the page's language: the browser's own `<input type="date">` shows and takes dates
 * in the browser's language (mm/dd/yyyy on an Italian screen in an English browser). This one is a
 * text field that shows how to write the date (gg/mm/aaaa, dd/mm/yyyy), takes `31/12/2024` (or ISO
 * `2024-12-31`) and gives the rest of the code ISO `yyyy-mm-dd`, '' while it holds no date. What it
 * holds that is no date is kept as typed and said by `typedDateKept` where the form says its
 * problems, so that a wrong date is never taken for an empty one.
 */
import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { dateText, dateTextProblem, readDate } from './dates.js';

type Rest = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'id'>;

export function DateInput({ id, value, onChange, onBlur, ...rest }: Rest & { id: string; value: string; onChange: (iso: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => dateText(value));
  // The value may change from outside (a reload, a save that empties the form): the text follows it,
  // unless it is the date the text already says (or the text says none and the value is none).
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if ((readDate(draft) ?? '') !== value) setDraft(dateText(value));
  }
  return (
    <input
      autoComplete="off"
      size={10}
      {...rest}
      id={id}
      type="text"
      placeholder={t('common.datePlaceholder')}
      value={draft}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        const iso = readDate(text) ?? '';
        if (iso !== value) onChange(iso);
      }}
      onBlur={(e) => {
        // `1/2/2024` or `2024-02-01` left: written as the field shows dates, `01/02/2024`.
        const iso = readDate(draft);
        if (iso !== null) setDraft(dateText(iso));
        onBlur?.(e);
      }}
    />
  );
}

/**
 * What the date field `id` holds that is no date (incomplete, a day the month has not, no date at
 * all), kept as the text typed (`Kept`'s `typedDate`), so that its problem is said in the screen's
 * language on each render, whatever the field holds since; null when it holds a date or nothing.
 * Asked before an empty value is taken as "no date": the field gives '' for both.
 */
export function typedDateKept(id: string): { typedDate: string } | null {
  const field = document.getElementById(id);
  if (!(field instanceof HTMLInputElement)) return null;
  // Whether a text is a date does not depend on the language its problem is said in.
  return dateTextProblem(field.value, 'it') === null ? null : { typedDate: field.value };
}
