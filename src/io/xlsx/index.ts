/** XLSX in and out: the published layout and the template in, the computed plan out. */
export { importWorkbookBytes, importWorkbook, openTable, openWorkbook, looksLikeXlsx, XLSX_LIMITS, type TableWorkbook } from './read.js';
export { columnLetter } from './cells.js';
export { buildPlanTemplate, buildTemplate, readTemplateSheet, TEMPLATE_COLUMNS, TEMPLATE_SHEET, GUIDE_SHEET } from './template.js';
export { buildPlanWorkbook, exportPlanXlsx, BAND_FILL, BAND_WORD, TABLE_SHEET, LEGEND_SHEET, EXPLANATION_SHEET, type XlsxExportOptions } from './export.js';
