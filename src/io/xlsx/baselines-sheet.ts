/**
 * The workbook's "Baseline da aggiornare" sheet: one row per baseline taken from last year's
 * year-end actual that was corrected since (the reports' list, io/report/baselines.ts).
 */
import type ExcelJS from 'exceljs';
import type { Language } from '../../core/index.js';
import { baselineChangeLine, baselinesHeads, baselinesNote, baselinesTitle, type ReportBaselineChange } from '../report/baselines.js';

/** The sheet, or undefined when there is nothing to update (no sheet at all). */
export function addBaselinesSheet(workbook: ExcelJS.Workbook, changes: readonly ReportBaselineChange[] | undefined, language: Language): ExcelJS.Worksheet | undefined {
  if (changes === undefined || changes.length === 0) return undefined;
  const sheet = workbook.addWorksheet(baselinesTitle(language), { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [12, 50, 14, 18, 8, 90];
  const heads = baselinesHeads(language);
  sheet.columns = heads.map((header, k) => ({ header, width: widths[k] }));
  sheet.getRow(1).font = { bold: true };
  for (const b of changes) sheet.addRow([b.indicatorId, b.name, b.baselineText, b.currentText ?? '—', b.currentYear, baselineChangeLine(b, language)]);
  sheet.addRow([]);
  sheet.addRow([baselinesNote(language)]);
  return sheet;
}
