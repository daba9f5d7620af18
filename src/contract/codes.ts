/**
 * An objective's code as the API takes it (`A.2.1`, `OS1.2`, `1.1`): what a plan's own workbook
 * must take back too (io/xlsx/template.ts). In a file of its own, without zod, so the published
 * layout's reader checks it without loading zod at every command's start (test/cli-start).
 */
export const OBJECTIVE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * An indicator's id as Albero makes them: `<objective code>:<position>` (`A.1:1`; the API, the
 * published table, the workbook's empty Codice), so a code's characters and «:».
 */
const INDICATOR_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Whether `id` can name an indicator. It names one in the API's paths and in every record kept of
 * it: an empty id, one with spaces or «/», or `__proto__` (a key no record can hold) is no
 * indicator's. One rule for every way a plan comes in (the workbook's Codice, the JSON plan
 * document), so that a plan one of them takes and `import --output` writes is one the other takes.
 *
 * @example isIndicatorId('A.1:1') // true
 * @example isIndicatorId('KPI 7') // false
 */
export function isIndicatorId(id: string): boolean {
  return INDICATOR_ID.test(id);
}
