/**
 * An objective's code as the API takes it (`A.2.1`, `OS1.2`, `1.1`): what a plan's own workbook
 * must take back too (io/xlsx/template.ts). In a file of its own, without zod, so the published
 * layout's reader checks it without loading zod at every command's start (test/cli-start).
 */
export const OBJECTIVE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
