/**
 * The year a plan's title names. A title most often names only its year (`Albero performance 2024`,
 * `Piano 2024-2026`: its first), but an office's title can start with the act that adopted the plan
 * (`Delibera n. 12/2001 — Piano della performance 2024`, `Decreto del 30 gennaio 2023 — PIAO
 * 2024-2026`), whose year is not the plan's. So: the first year after a word that names the plan
 * (performance, piano, PIAO, albero, plan), with no other number between; else the first year
 * that is not part of a date or an act's number (`12/2001`, `31.12.2001`, `n. 2001`); else none.
 * One reading for the importers (the year its dates are checked against), the server's import (the
 * plan's year when the form gives none) and the reports.
 */
const PLAN_WORD_YEAR = /\b(?:performance|piano|piao|albero|plan)\b\D{0,60}?\b((?:19|20)\d{2})\b/i;
const FREE_YEAR = /(?<!\d\s?[/.-]\s?|\bn(?:r|um)?\s?[.°º]\s*)\b(?:19|20)\d{2}\b/i;

/**
 * @example titleYear('Delibera n. 12/2001 — Piano della performance 2024') // 2024
 * @example titleYear('Nessun reclamo fondato nel 2024') // 2024
 * @example titleYear('Albero della performance') // undefined
 */
export function titleYear(title: string): number | undefined {
  const m = PLAN_WORD_YEAR.exec(title) ?? FREE_YEAR.exec(title);
  if (m === null) return undefined;
  return Number(m[1] ?? m[0]);
}
