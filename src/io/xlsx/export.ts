/**
 * A computed plan as an .xlsx workbook an office can file and re-open: the fixture's seven columns
 * (so `importWorkbookBytes` reads it back into the same plan), typed cells with Italian-looking
 * formats, performance cells filled with the legend's colour, objective rows set apart, the header
 * frozen, plus a legend sheet and an explanation sheet built from `explainNode`.
 *
 * In the report's language (`ReportMeta.language`, Italian unless asked): sheet names, heads, band
 * and state words, the title block, the legend, the explanation and the revisions. The «Piano»
 * sheet (named «Plan» in English) keeps the import template's Italian heads and words whatever
 * the language, because it is what the importer reads back; the importer finds it by its header
 * row, not by its name, so an English export imports back like an Italian one.
 */
import { actText, noRevisionsText, revisionRows, revisionsColumns, revisionsNote, revisionsTitle, type ReportRevision } from '../report/revisions.js';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { BAND_WORD, classify, computedFromChildren, explainNode, round, type Amount, type Band, Decimal, type Evaluation, type Language, type Unit } from '../../core/index.js';
import { decimalIn } from '../../core/messages/index.js';
import { computedAtText, documentAuthor, periodStateText, previousYearNote, yearOf, type ReportMeta } from '../report/meta.js';
import { validatedOf, validationWords } from '../report/validated.js';
import { legendRuleText, previousYearHead, reportText, weightText, type ReportText } from '../report/texts.js';
import { amountCell, percentCell, rowHeightFor, style, wrappedRowHeight } from './cells.js';
import { addPlanSheet } from './template.js';
import { addBaselinesSheet } from './baselines-sheet.js';

/** The Italian sheet names; `reportText(language).workbook.sheets` has both languages'. */
export const TABLE_SHEET = reportText('it').workbook.sheets.table;
export const LEGEND_SHEET = reportText('it').workbook.sheets.legend;
export const EXPLANATION_SHEET = reportText('it').workbook.sheets.explanation;

/** Fill colours (ARGB) of the bands, light enough for black text to stay readable in print. */
export const BAND_FILL: Record<Band, string> = { green: 'FF92D050', yellow: 'FFFFEB3B', red: 'FFFF6B6B' };
export { BAND_WORD };
const OBJECTIVE_FILL = 'FFDCE6F1';
const HEADER_FILL = 'FF1F4E79';
/** The table's column widths, in characters: objective, indicator, weight, target, actual, KPI, objective performance, last year's. */
const TABLE_WIDTHS = [62, 62, 10, 13, 13, 14, 14, 14];

/** The sheet of the plan's revisions (only when the revisions are given: a workbook made from a file has none). */
export const REVISIONS_SHEET = reportText('it').workbook.sheets.revisions;

export interface XlsxExportOptions extends ReportMeta {
  /** Called every few hundred rows, for a progress bar on big plans. */
  readonly onProgress?: (done: number, total: number) => void;
}

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** A target or actual as a typed cell; yes/no in the workbook's language. */
function valueCell(amount: Amount | null, unit: Unit, words: ReportText): { value: ExcelJS.CellValue; numFmt?: string } {
  return amount?.kind === 'boolean' ? { value: amount.value ? words.yes : words.no } : amountCell(amount, unit);
}

/** Builds the workbook in memory; `workbook.xlsx.writeBuffer()` turns it into bytes. */
export function buildPlanWorkbook(evaluation: Evaluation, options: XlsxExportOptions = {}): ExcelJS.Workbook {
  return fillPlanWorkbook(new ExcelJS.Workbook(), evaluation, options);
}

/**
 * Writes the sheets into `workbook`: an in-memory one (`buildPlanWorkbook`) or exceljs's streaming
 * writer (`exportPlanXlsx`), which have the same API for what is done here.
 */
function fillPlanWorkbook<W extends ExcelJS.Workbook>(workbook: W, evaluation: Evaluation, options: XlsxExportOptions): W {
  const plan = evaluation.plan;
  const legend = plan.settings.legend;
  const language: Language = options.language ?? 'it';
  const words = reportText(language);
  const sheets = words.workbook.sheets;
  workbook.creator = documentAuthor(options);
  // Else exceljs names itself as who last changed the workbook.
  workbook.lastModifiedBy = documentAuthor(options);
  workbook.title = plan.title;
  const computedAt = options.computedAt ?? new Date();
  workbook.created = computedAt;

  const sheet = workbook.addWorksheet(sheets.table, { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: printedWide(3) });
  sheet.columns = TABLE_WIDTHS.slice(0, 7).map((width) => ({ width }));
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = plan.title;
  titleRow.getCell(1).font = { bold: true, size: 14 };
  // One line at 14 pt; the title runs on over the empty cells to its right rather than wrap.
  titleRow.height = rowHeightFor('', TABLE_WIDTHS[0]!, 14);
  const year = yearOf(options, plan.title);
  const subtitle = [
    options.body,
    year === undefined ? undefined : `${words.year} ${year}`,
    options.adoption === undefined ? undefined : `${words.adoption}: ${actText(options.adoption, language)}`,
    options.period,
    `${words.periodState}: ${periodStateText(options)}`,
    `${words.computedAt} ${computedAtText(computedAt, language)}`,
  ]
    .filter((t) => t !== undefined && t !== '')
    .join(' · ');
  sheet.getRow(2).getCell(1).value = `${subtitle} · ${words.workbook.printable}`;
  sheet.getRow(2).getCell(1).font = { italic: true, color: { argb: 'FF555555' } };
  const header = sheet.getRow(3);
  words.columns.forEach((name, i) => {
    const cell = header.getCell(i + 1);
    cell.value = name;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = fill(HEADER_FILL);
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: i < 2 ? 'left' : 'center' };
  });
  const headHeight = (heads: readonly string[]): number => Math.max(...heads.map((name, i) => rowHeightFor(name, TABLE_WIDTHS[i]!)));
  header.height = headHeight(words.columns);
  // Last year's performance, when the plan has a predecessor: an eighth column after the seven of the layout.
  const previous = options.previousYear;
  if (previous !== undefined) {
    const cell = header.getCell(8);
    const head = previousYearHead(previous.year, language);
    cell.value = head;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = fill(HEADER_FILL);
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: 'center' };
    sheet.getColumn(8).width = TABLE_WIDTHS[7]!;
    header.height = headHeight([...words.columns, head]);
  }
  // The OIV's published validation: the validated performance and the OIV's note, two columns after the others.
  const validation = options.validated;
  const validatedColumn = previous === undefined ? 8 : 9;
  if (validation !== undefined) {
    const heads = validationWords(validation, language).heads;
    heads.forEach((head, k) => {
      const cell = header.getCell(validatedColumn + k);
      cell.value = head;
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = fill(HEADER_FILL);
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: 'center' };
      sheet.getColumn(validatedColumn + k).width = k === 0 ? TABLE_WIDTHS[6]! : TABLE_WIDTHS[1]!;
    });
  }
  const lastColumn = validation !== undefined ? validatedColumn + 1 : previous === undefined ? 7 : 8;
  sheet.autoFilter = `A3:${String.fromCharCode(64 + lastColumn)}3`;

  // Every cell of a kind shares one style object: exceljs recognises a style object it has seen
  // and skips re-encoding it, which makes a 10,000-indicator export several times faster.
  // (So these objects are never changed after creation, and rows get no `row.font = …`.)
  const bold = { bold: true };
  // Names wrap in their column and each row is given the height of its wrapped name (rowHeightFor);
  // every cell of a row sits at its top, so a weight or a score stays level with its name's first line.
  const objectiveStyle = style('objective', () => ({ font: bold, fill: fill(OBJECTIVE_FILL), alignment: { vertical: 'top' } }));
  const objectiveNameStyle = style('objective-name', () => ({ font: bold, fill: fill(OBJECTIVE_FILL), alignment: { wrapText: true, vertical: 'top' } }));
  const objectiveWeightStyle = style('objective-weight', () => ({ font: bold, fill: fill(OBJECTIVE_FILL), alignment: { horizontal: 'center', vertical: 'top' } }));
  const nameStyle = style('name', () => ({ alignment: { wrapText: true, vertical: 'top' } }));
  const weightStyle = style('weight', () => ({ alignment: { horizontal: 'center', vertical: 'top' } }));
  const valueStyle = (numFmt: string | undefined): Partial<ExcelJS.Style> =>
    style(`value ${numFmt ?? ''}`, () => ({ alignment: { horizontal: 'right', vertical: 'top' }, ...(numFmt === undefined ? {} : { numFmt }) }));
  const performanceStyle = (band: Band | null, objective: boolean): Partial<ExcelJS.Style> =>
    style(`performance ${band ?? ''} ${objective}`, () => ({
      numFmt: '0.00%',
      alignment: { horizontal: 'right', vertical: 'top' },
      ...(objective ? { font: bold } : {}),
      ...(band === null ? {} : { fill: fill(BAND_FILL[band]) }),
    }));
  const paint = (cell: ExcelJS.Cell, performance: Decimal | null, objective: boolean): void => {
    if (performance === null) return;
    cell.value = percentCell(round(performance, 2), 2).value;
    cell.style = performanceStyle(classify(performance, legend), objective);
  };

  const total = evaluation.nodeResults.length;
  let done = 0;
  for (const r of evaluation.nodeResults) {
    const label = `${r.objective.code} - ${r.objective.title}`;
    const row = sheet.addRow([label, null, r.objective.weight === null ? null : weightText(r.objective.weight, language)]);
    row.height = rowHeightFor(label, TABLE_WIDTHS[0]!);
    for (let c = 1; c <= 6; c++) row.getCell(c).style = c === 1 ? objectiveNameStyle : c === 3 ? objectiveWeightStyle : objectiveStyle;
    if (r.performance === null) row.getCell(7).style = objectiveStyle;
    else paint(row.getCell(7), r.performance, true);
    if (previous !== undefined) {
      const last = previous.nodes.get(r.objective.code) ?? null;
      if (last === null) row.getCell(8).style = objectiveStyle;
      else paint(row.getCell(8), last, true);
    }
    const validated = validatedOf(validation, r.objective.code);
    if (validated !== undefined) {
      paint(row.getCell(validatedColumn), validated.validated === null ? null : new Decimal(validated.validated), true);
      const why = validated.direct ? (validated.note ?? '') : validationWords(validation!, language).following;
      const note = row.getCell(validatedColumn + 1);
      note.value = why;
      note.style = objectiveNameStyle;
    }
    for (const i of r.indicators) {
      const ind = i.indicator;
      const irow = sheet.addRow([null, ind.name, `${weightText(ind.weight, language)} ${ind.comparator}`]);
      irow.height = rowHeightFor(ind.name, TABLE_WIDTHS[1]!);
      irow.getCell(2).style = nameStyle;
      irow.getCell(3).style = weightStyle;
      const target = valueCell(ind.target, ind.unit, words);
      const t = irow.getCell(4);
      t.value = target.value;
      t.style = valueStyle(target.numFmt);
      const a = irow.getCell(5);
      let actual: { value: ExcelJS.CellValue; numFmt?: string } = { value: null };
      if (i.state === 'not_evaluable') actual = { value: words.actual.not_evaluable };
      else if (computedFromChildren(ind.formula) && i.actual?.kind === 'number') {
        // The Relazione prints a derived actual with two decimals, like a performance.
        actual = percentCell(round(i.actual.value, 2), 2);
      } else if (i.state === 'measured') actual = valueCell(i.actual, ind.unit, words);
      a.value = actual.value;
      a.style = valueStyle(actual.numFmt);
      // An empty KPI cell is how the layout says "not measured"; a recorded failure shows 0,00%.
      paint(irow.getCell(6), i.performance, false);
      if (previous !== undefined) paint(irow.getCell(8), previous.indicators.get(ind.id) ?? null, false);
    }
    done++;
    if (options.onProgress !== undefined && done % 250 === 0) options.onProgress(done, total);
  }
  options.onProgress?.(total, total);

  sheet.addRow([]);
  sheet.addRow([words.legend]).font = { bold: true };
  for (const [n, rule] of legend.rules.entries()) {
    const row = sheet.addRow([legendRuleText(legend, n, language)]);
    row.getCell(1).fill = fill(BAND_FILL[rule.band]);
  }
  // Whether last year's column holds what the OIV validated, as the HTML page and the PDF say it
  // under the table; after the legend, which a reader of this sheet takes as the legend's lines.
  const previousNote = previousYearNote(options);
  if (previousNote !== undefined) {
    sheet.addRow([]);
    sheet.addRow([previousNote]).getCell(1).font = { italic: true, color: { argb: 'FF555555' } };
  }
  // When and how the OIV validated, and the body's figure as reported and validated, as the HTML page says it.
  if (validation !== undefined) {
    const said = validationWords(validation, language);
    sheet.addRow([]);
    for (const line of [said.intro, ...(said.body === null ? [] : [said.body])]) sheet.addRow([line]).getCell(1).font = { italic: true, color: { argb: 'FF555555' } };
  }

  // The plan with the values saved into this evaluation since it was made (the server's `applyMeasurement`):
  // `evaluation.plan` is the one it was made from, and this sheet is what the workbook is read back from.
  const planSheet = addPlanSheet(workbook, evaluation.currentPlan(), sheets.plan, options.assignedUnits, options.assignedPeople);

  const legendSheet = workbook.addWorksheet(sheets.legend, { pageSetup: printedWide(1) });
  legendSheet.columns = [10, 60, 12].map((width, k) => ({ header: words.workbook.legendHeads[k]!, width }));
  legendSheet.getRow(1).font = { bold: true };
  const counts: Record<Band | 'none', number> = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const r of evaluation.nodeResults) if (r.basis === 'indicators') counts[r.band ?? 'none']++;
  for (const [n, rule] of legend.rules.entries()) {
    const row = legendSheet.addRow([words.band[rule.band], legendRuleText(legend, n, language), counts[rule.band]]);
    row.getCell(1).fill = fill(BAND_FILL[rule.band]);
  }
  legendSheet.addRow(['—', words.workbook.noPerformance, counts.none]);

  const revisionsSheet = options.revisionRegister === undefined ? undefined : addRevisionsSheet(workbook, options.revisionRegister, language);
  const baselinesSheet = addBaselinesSheet(workbook, options.baselineChanges, language);

  const explanation = workbook.addWorksheet(sheets.explanation, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: printedWide(1) });
  const explanationWidths = [10, 70, 9, 10, 11, 10, 40];
  explanation.columns = explanationWidths.map((width, k) => ({ header: words.workbook.explanationHeads[k]!, width }));
  explanation.getRow(1).font = { bold: true };
  // Labels and reasons wrap in their columns, and a row whose text runs past its column gets the
  // height of its wrapped lines (LibreOffice fits none): a long label was cut at the weight beside
  // it. Every cell sits at the top, level with the label's first line.
  const topStyle = style('explanation-top', () => ({ alignment: { vertical: 'top' } }));
  const textStyle = style('explanation-text', () => ({ alignment: { wrapText: true, vertical: 'top' } }));
  const percentStyle = style('explanation-percent', () => ({ numFmt: '0.00%', alignment: { vertical: 'top' } }));
  const pointsStyle = style('explanation-points', () => ({ numFmt: '#,##0.00', alignment: { vertical: 'top' } }));
  const formulaStyle = style('explanation-formula', () => ({ font: bold, alignment: { wrapText: true, vertical: 'top' } }));
  const fitExplanation = (row: ExcelJS.Row, values: readonly unknown[]): void => {
    const height = wrappedRowHeight(values, explanationWidths);
    if (height !== undefined) row.height = height;
  };
  for (const r of evaluation.nodeResults) {
    const e = explainNode(evaluation, r.objective.code, language);
    if (e === undefined) continue;
    const headValues = [r.objective.code, e.formula];
    const head = explanation.addRow(headValues);
    head.getCell(1).style = formulaStyle;
    head.getCell(2).style = formulaStyle;
    fitExplanation(head, headValues);
    for (const c of e.contributions) {
      const values = [
        r.objective.code,
        c.label,
        c.kind === 'indicator' ? weightText(c.weight, language) : decimalIn(c.weight.toString(), language),
        c.share === null ? null : Number(round(c.share, 6).toString()),
        c.score === null ? null : Number(round(c.score, 2).div(100).toString()),
        c.points === null ? null : Number(round(c.points, 2).toString()),
        // A term of a period still taking values is not left out, its result is not given yet: an
        // empty cell would leave the reader guessing why it scores nothing.
        c.pending ?? c.excluded ?? null,
      ];
      const row = explanation.addRow(values);
      row.getCell(1).style = topStyle;
      row.getCell(2).style = textStyle;
      row.getCell(3).style = topStyle;
      row.getCell(4).style = percentStyle;
      row.getCell(5).style = percentStyle;
      row.getCell(6).style = pointsStyle;
      row.getCell(7).style = textStyle;
      fitExplanation(row, values);
    }
  }
  // Cells left unstyled each carry their own empty style object; one shared one is encoded once.
  const plain = style('plain', () => ({}));
  // (The streaming writer keeps no list of its sheets: these are all of them.)
  for (const ws of [sheet, planSheet, legendSheet, ...(revisionsSheet === undefined ? [] : [revisionsSheet]), ...(baselinesSheet === undefined ? [] : [baselinesSheet]), explanation]) {
    ws.eachRow((row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (Object.keys(cell.style).length === 0) cell.style = plain;
      }),
    );
  }
  return workbook;
}

/** "Variazioni": one row per change of every revision (number, kind, date, reason, act, state, change before → after). */
function addRevisionsSheet(workbook: ExcelJS.Workbook, revisions: readonly ReportRevision[], language: Language): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(reportText(language).workbook.sheets.revisions, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: printedWide(2) });
  sheet.addRow([revisionsTitle(language)]).font = { bold: true, size: 12 };
  const widths = [6, 14, 12, 50, 36, 11, 70];
  const columns = revisionsColumns(language);
  sheet.columns = columns.map((_, k) => ({ width: widths[k] }));
  const header = sheet.addRow(columns);
  header.font = { bold: true };
  const rows = revisionRows(revisions, language);
  if (rows.length === 0) sheet.addRow(['', '', '', noRevisionsText(language)]);
  for (const r of rows) {
    const row = sheet.addRow([Number(r[0]), ...r.slice(1)]);
    row.alignment = { wrapText: true, vertical: 'top' };
    // LibreOffice fits no row written without a height: a wrapped reason or change would be cut.
    const height = wrappedRowHeight(r, widths);
    if (height !== undefined) row.height = height;
  }
  sheet.addRow([]);
  sheet.addRow([revisionsNote(revisions, language)]);
  return sheet;
}

/**
 * How a sheet meant to be read prints: A4 landscape, as wide as one page (pages only downwards),
 * its head (row `headRow`) repeated on each page. Without it LibreOffice and Excel print the
 * explanation's and the revisions' columns on pages of their own, a row cut across sheets of paper.
 */
function printedWide(headRow: number): Partial<ExcelJS.PageSetup> {
  return { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headRow}:${headRow}` };
}
/**
 * The .xlsx bytes of a computed plan, written by exceljs's streaming writer. The in-memory
 * writer renders each sheet as one array of millions of small strings and joins it at the end:
 * at 20,000 indicators that join and the garbage it leaves were 4 of its 5.5 s. The streaming
 * writer renders row by row and compresses with Node's native zlib (through archiver).
 */
export async function exportPlanXlsx(evaluation: Evaluation, options: XlsxExportOptions = {}): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 6 } } } as Partial<ExcelJS.stream.xlsx.WorkbookWriterOptions>);
  await fillPlanWorkbook(workbook, evaluation, options).commit();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
