/**
 * Italian dates as the published tables write them (`30/09/2024`): plain text work without
 * decimal.js, so the words of a plan comparison (messages/comparison.ts) say a date without
 * loading the engine's arithmetic. italian.ts re-exports them with the numbers.
 */
const ITALIAN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** `30/09/2024` → `2024-09-30`; null when it is not a real calendar date (31/02/2024 is not). */
export function parseItalianDate(text: string): string | null {
  const m = ITALIAN_DATE.exec(text.trim());
  if (m === null) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2024-09-30` → `30/09/2024`. */
export function formatItalianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
