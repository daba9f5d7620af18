/**
 * A year field that says its year only when it is complete: on blur, on Enter, or when four digits
 * in range have stood still for a moment. Typing "2025" into it is one change, not four (a screen
 * that loads on each change would otherwise ask the server for the years 2, 20 and 202 on the way).
 * An incomplete or out-of-range year left on blur goes back to the year in force.
 */
import { useEffect, useState, type InputHTMLAttributes } from 'react';

type Rest = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'>;

export function YearInput({
  value,
  onCommit,
  min = 2000,
  max = 2100,
  delay = 600,
  onBlur,
  onKeyDown,
  ...rest
}: Rest & { value: number; onCommit: (year: number) => void; min?: number; max?: number; delay?: number }) {
  const [draft, setDraft] = useState(String(value));
  // The year may change from outside (another field, a link): the field follows it.
  useEffect(() => setDraft(String(value)), [value]);

  const valid = (text: string): number | null => {
    const y = Number(text.trim());
    return /^\d{4}$/.test(text.trim()) && y >= min && y <= max ? y : null;
  };
  const commit = () => {
    const y = valid(draft);
    if (y === null) setDraft(String(value));
    else if (y !== value) onCommit(y);
  };
  // A complete year left alone commits by itself; a further key (or the commit itself) cancels the wait.
  useEffect(() => {
    const y = valid(draft);
    if (y === null || y === value) return;
    const timer = setTimeout(() => onCommit(y), delay);
    return () => clearTimeout(timer);
  }, [draft, value]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <input
      {...rest}
      type="number"
      min={min}
      max={max}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={(e) => {
        commit();
        onBlur?.(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
        onKeyDown?.(e);
      }}
    />
  );
}
