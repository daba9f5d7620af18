/**
 * The published "Albero della performance" layout: seven columns (Obiettivo, Indicatore, Peso,
 * Target, Consuntivo, Performance KPI, Performance Obiettivo), an objective row followed by its
 * indicator rows. Shared by the text/TSV and the XLSX importers, which only turn their file into
 * `LayoutRow`s; everything the layout means is decided here, once.
 *
 * The layout does not say how indicators are scored, so an import profile does: by default, as in
 * the Chambers' tables, ordinary indicators are on/off (the plan default) and the derived
 * "Media ponderata di performance degli obiettivi operativi…" indicators are proportional
 * with their actual computed from the child objectives. Stated values (Performance KPI,
 * Performance Obiettivo, a derived indicator's Consuntivo) are kept as `StatedCell`s, never used.
 */
import {
  DEFAULT_LEGEND,
  DEFAULT_SETTINGS,
  Decimal,
  LAYOUT_COLUMN,
  LAYOUT_HEADS,
  type DateSource,
  type LayoutColumn,
  type Notation,
  HUNDRED,
  isOverlongNumberText,
  cellText,
  numberBoundProblem,
  problem,
  programReason,
  said,
  saidIssue,
  tableNotation,
  parseItalianDate,
  parseNumberIn,
  type Amount,
  type Comparator,
  type Indicator,
  type Issue,
  type Language,
  type Legend,
  type Measurement,
  type Outcome,
  type Said,
  type Plan,
  type ScoringRule,
  type SourceLocation,
  type ImportedTable,
  type StatedCell,
  type Unit,
  type ValueProblem,
  ZERO,
  titleYear,
} from '../../core/index.js';
import { OBJECTIVE_CODE } from '../../contract/codes.js';
import { reportText } from '../report/texts.js';
import { StringTable } from './string-table.js';

/** The Italian heads, as the published tables print them (core/messages/import.ts holds both languages'). */
export const LAYOUT_COLUMNS = LAYOUT_HEADS.it;

/**
 * The layout's own words in a language: Albero writes the table of its report workbook in the
 * report's language (io/xlsx/export.ts), Italian as published or English, with its numbers in that
 * language's way. They are taken from the words the export writes (io/report/texts.ts), not
 * copied, so a table Albero wrote in either language reads back.
 */
interface LayoutWords {
  /** The first two heads, lower-cased: they tell the header row. */
  readonly objective: string;
  readonly indicator: string;
  /** What stands in the Consuntivo of an indicator that is not evaluable, upper-cased: `N.V.`, `N.E.`. */
  readonly notEvaluable: string;
  /** The word that opens the legend under the table, lower-cased. */
  readonly legend: string;
}

function layoutWords(language: Language): LayoutWords {
  const words = reportText(language);
  return {
    objective: words.columns[0]!.toLowerCase(),
    indicator: words.columns[1]!.toLowerCase(),
    notEvaluable: words.actual.not_evaluable.toUpperCase(),
    legend: words.legend.toLowerCase(),
  };
}

const WORDS: Readonly<Record<Language, LayoutWords>> = { it: layoutWords('it'), en: layoutWords('en') };

/**
 * One row of the table, whatever file it came from. A reader uses a row only while reading it, so
 * an importer may hand it the same row object again and again with new contents.
 */
export interface LayoutRow {
  readonly cells: readonly string[];
  /** Where the row, or one of its cells (0-based column), is in the file: a new object each call. */
  readonly at: (column?: number) => SourceLocation;
  /**
   * Optional: `at(1)` with the indicator's objective code and id added (`node`, `indicator`), made
   * in one go. A table's every indicator keeps one, so importers of large files provide it.
   */
  readonly indicatorAt?: (node: string, indicator: string) => SourceLocation;
}

// The table read is a core type: the store keeps it without reaching sideways into io.
export type { ImportedTable } from '../../core/index.js';

export interface ImportProfile {
  /** Indicator names that mean "weighted mean of the child objectives' performance". */
  readonly derivedName: RegExp;
  /** The rule of derived indicators (the plan default applies to the others). */
  readonly derivedScoring: ScoringRule;
  readonly defaultScoring: ScoringRule;
}

/** How much of a table a reader keeps. */
export interface ReadOptions {
  /**
   * Whether the stated cells are kept (the default); with false, `stated` is empty, though each is
   * still read (an unreadable one is still an error). Only `verify` compares them, and a big table
   * has more of them than indicators: most of the objects read, for a command that evaluates.
   */
  readonly stated?: boolean;
  /**
   * A workbook holding both the complete plan and its published table (the one `albero report`
   * writes) is read from the plan, which holds what the table cannot (rules, N.V. reasons, owners);
   * with true, from the published table, as a text table is read: `verify` checks the numbers the
   * table states, which only that sheet holds. The table is in the report's language (Italian, or
   * English, headed `Objective, Indicator, …`) and is read in it.
   */
  readonly published?: boolean;
  /**
   * Whether the JSON document `albero import --output` writes is read as its plan: true for an
   * import (the command line's and the server's), which takes it back as it takes the workbook,
   * and for the commands that read a plan; otherwise such a document is said to be JSON, not a table.
   */
  readonly planJson?: boolean;
  /**
   * Whether a computed plan's document (the open data JSON, `evaluate --json`'s) is read as the plan
   * it states, where it carries enough of it (io/opendata/read.ts): the commands that evaluate, not
   * an import, which takes a plan's inputs, not its results. With `stated`, its results are kept as
   * stated cells for `verify`, as is the import document's.
   */
  readonly evaluationJson?: boolean;
  /**
   * The plan's year, when the caller knows it (the server's import form): a date read more than
   * `FAR_DATE_YEARS` from it is said (`date-far-from-year`). Without it, the year in the table's
   * title (`titleYear`), as the server and the reports take it; with neither, dates are not checked.
   */
  readonly year?: number;
}

/**
 * How far from the plan's year a date may be before it is said. A plan's dates are its deadlines in
 * its year, its three-year horizon (targets up to year + 2) and baselines from the last few years; a
 * plain number typed in a date-formatted cell lands in 1900–1927 (up to 10,000 days) or centuries
 * ahead (300925 → 2723). Ten years leaves room for a long horizon or an old baseline and still
 * catches every such slip.
 */
export const FAR_DATE_YEARS = 10;

/** Excel's date serials of 01/01/1990 and 31/12/2099: the whole numbers `serialDate` reads as dates. */
const SERIAL_1990 = 32_874;
const SERIAL_2099 = 73_050;

// The year a plan's title names, as the server and the reports read it; here for the importers.
export { titleYear };

/**
 * A `date-far-from-year` warning for an ISO date more than `FAR_DATE_YEARS` from `year`, else null.
 * `source` says where it was read, which its words follow: a workbook's cell can turn a typed number
 * into a date, a text table's cell or a JSON document's field holds the date as typed.
 */
export function farDate(iso: string, year: number | undefined, column: string, at: SourceLocation, source: DateSource): Issue | null {
  if (year === undefined) return null;
  const dateYear = Number(iso.slice(0, iso.length - 6));
  if (Math.abs(dateYear - year) <= FAR_DATE_YEARS) return null;
  const [y, m, d] = [iso.slice(0, iso.length - 6), iso.slice(-5, -3), iso.slice(-2)];
  return problem('warning', 'date-far-from-year', { column, date: `${d}/${m}/${y}`, year, window: FAR_DATE_YEARS, source }, at);
}

export const CHAMBER_PROFILE: ImportProfile = {
  derivedName: /^media ponderata di performance degli obiettivi/i,
  derivedScoring: { kind: 'proportional' },
  defaultScoring: { kind: 'on_off' },
};

const WEIGHT_CELL = /^([+-]?[\d.,]+)\s*%?\s*(.*)$/;
const CODE_TITLE = /^([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)(?:\s*[-–]\s*|\s+|$)(.*)$/;
/** `A`, `A.1`, `B.4.2`, `OS1.2`: a capital, then capitals or digits, then dotted parts. */
const VALID_CODE = /^[A-Z][A-Z0-9]{0,3}(?:\.[A-Za-z0-9]+)*$/;
const COMPARATOR_WORDS: Record<string, Comparator> = { '>=': '>=', '≥': '>=', '<=': '<=', '≤': '<=', '=': '=', '==': '=' };
const HTML_TAG = /<\/?[a-zA-Z][^>]*>/g;
/** `=SOMMA(B2:B3)`, `=A1*2`, `= B4`: what a spreadsheet takes as a formula (`=` then a function, a cell or a bracket), not `=` as a comparator. */
const FORMULA_TEXT = /^=\s*(?:[A-Za-z_][\w.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d|\()/;

/** Whether a row is the layout's header row in `language` (Italian: the published tables'). */
export function isHeaderRow(cells: readonly string[], language: Language = 'it'): boolean {
  const words = WORDS[language];
  return cells.length >= 2 && isWord(cells[0]!, words.objective) && isWord(cells[1]!, words.indicator);
}

/** The language of a header row (`Obiettivo, Indicatore, …` or `Objective, Indicator, …`), or null when it is none. */
export function headerLanguage(cells: readonly string[]): Language | null {
  return isHeaderRow(cells, 'it') ? 'it' : isHeaderRow(cells, 'en') ? 'en' : null;
}

/** Whether a cell opens the legend under the table: `Legenda`, `#### Legenda` (`Legend` in English). */
export function isLegendHeading(cell: string, language: Language = 'it'): boolean {
  const text = cell.replace(/^#*\s*/, '').toLowerCase();
  const word = WORDS[language].legend;
  return text.startsWith(word) && !/\w/.test(text.charAt(word.length));
}

/** `cell.trim().toLowerCase() === word`, without copying every title of the table to compare it. */
function isWord(cell: string, word: string): boolean {
  const text = cell.length === word.length ? cell : cell.trim();
  // Lower-casing keeps the length of anything that can become an ASCII word.
  return text.length === word.length && text.toLowerCase() === word;
}

/**
 * An objective as it will be in the plan, while its table is read: `indicators` are set when the
 * objective ends, `parent` and `level` once every row is read. Built in the plan's own shape, so
 * finishing the plan copies nothing.
 */
interface DraftNode {
  code: string;
  title: string;
  parent: string | null;
  level: string;
  weight: Decimal | null;
  indicators: Indicator[];
  origin: SourceLocation;
}

/** A Target or Consuntivo cell read once per table, with the measurement it makes as a Consuntivo. */
interface CellReading {
  readonly value: CellValue;
  readonly measured: Measurement | null;
  /** A date read day first that the English way reads month first (`03/05/2024`): `ambiguous-date`. */
  readonly ambiguous?: { day: number; month: number; year: number };
}

/** A Peso cell read once per table; `whole` is its weight as a number when that is an integer, else NaN. */
interface WeightReading {
  readonly result: WeightResult;
  readonly whole: number;
}

/** Whole weights up to this add up exactly as numbers. */
const MAX_WHOLE = 2 ** 40;

/**
 * What indicators without a value of their own share: the plan is immutable, so one object serves
 * them all (a big table has tens of thousands), as one reading serves the cells of the same text.
 */
// The reason is the program's: stored by its Italian words, said in the reader's (core/words.ts `reasonText`).
const NOT_EVALUABLE: Measurement = { state: 'not_evaluable', reason: programReason('published-table') };
const DERIVED: Measurement = { state: 'measured' };
const NOT_MEASURED: Measurement = { state: 'not_measured' };
const NOT_ACHIEVED: Measurement = { state: 'not_achieved' };
const HUNDRED_AMOUNT: Amount = { kind: 'number', value: HUNDRED };

/** A new objective's indicators until it ends (see `LayoutReader.close`); never added to. */
const NONE_YET: Indicator[] = [];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads the rows of one table. Returns the plan even when there are errors (so a preview can show
 * everything at once); callers must not store or evaluate a plan whose issues include an error.
 */
export function readLayout(
  rows: readonly LayoutRow[],
  title: string,
  profile: ImportProfile = CHAMBER_PROFILE,
  legend: Legend = DEFAULT_LEGEND,
  language: Language = 'it',
  year: number | undefined = titleYear(title),
): Outcome<ImportedTable> {
  // Rows given whole are a workbook's sheet (io/xlsx/read.ts); the text importer scans with a `LayoutReader`.
  const reader = new LayoutReader(profile, { year }, language, 'workbook');
  for (const row of rows) reader.read(row);
  return reader.finish(title, legend);
}

/**
 * `readLayout` one row at a time, for importers that scan a file without keeping its rows.
 * @example
 * const reader = new LayoutReader(CHAMBER_PROFILE);
 * for (const row of rows) reader.read(row);
 * const { value, issues } = reader.finish('Albero 2024');
 */
export class LayoutReader {
  private readonly issues: Issue[] = [];
  private readonly nodes: DraftNode[] = [];
  private readonly byCode = new StringTable<DraftNode>();
  /** The objectives by their code in lower case: A.2.1 and a.2.1 are one code to the office (and to the store). */
  private readonly byFoldedCode = new StringTable<DraftNode>();
  private readonly stated: StatedCell[] = [];
  private current: DraftNode | null = null;
  /** The objective row just refused (no code, a code used twice), until the next one: its indicators are said to be its. */
  private refused: SourceLocation | null = null;
  /**
   * The current objective's indicators, gathered here and copied to an array of the right size
   * when the objective ends: arrays grown by `push` keep room for a dozen more, and a large table
   * has tens of thousands of objectives.
   */
  private pending: Indicator[] = [];
  private pendingCount = 0;
  /** `A.1:`, the start of the current objective's indicator ids. */
  private idPrefix = '';
  /** The sum of the current objective's weights while they are all whole numbers (the usual case), else NaN. */
  private wholeWeights = 0;
  /** Whether a row of the current objective's indicators was refused: its weights then add up short of what the file says. */
  private indicatorRefused = false;
  /** Objectives whose weights may not add up to 100, to check exactly at the end. */
  private readonly unbalanced: DraftNode[] = [];
  /** Errors met in indicator rows, to tell whether the row being read had one. */
  private errors = 0;
  /**
   * An Italian table's distinct number and date texts that only the English way reads (`1.00%`,
   * `12/31/2024`), the first of them, and those only the Italian way reads (a decimal comma, a day
   * after the 12th): what `english-notation` is told by. Counted when a text is first read only.
   */
  private englishOnly = 0;
  private englishExample = '';
  private italianOnly = 0;
  /** Each Target and Consuntivo cell of an Italian table read as a date either way reads (`03/05/2024`), said once the table's way is known. */
  private readonly ambiguousDates: { column: 'target' | 'actual'; text: string; date: { day: number; month: number; year: number }; at: SourceLocation }[] = [];
  /**
   * Cell text → its reading, for this table only. Tables repeat the same few weights, targets and
   * percentages thousands of times; parsing each once saves most of the work. Indicators with the
   * same cell share its `Decimal`, amount and measurement: the plan is immutable (decimal.js never
   * changes a value, the model's fields are readonly), so sharing is safe and saves memory.
   */
  private readonly weights = new StringTable<WeightReading>();
  private readonly targets = new StringTable<CellReading>();
  private readonly actuals = new StringTable<CellReading>();
  private readonly numbers = new StringTable<Decimal | null>();

  private readonly keepStated: boolean;
  /** The plan's year, which dates are checked against (`farDate`); undefined: not checked. */
  private readonly year: number | undefined;
  private readonly words: LayoutWords;
  /** The table's heads, which its issues name (`Peso`, or `Weight` in an English table). */
  private readonly heads: readonly string[];
  /** The table's language for its issues: how they show numbers and name its columns. */
  private readonly notation: Notation;

  /**
   * `language`: the table's, as its header row says (`headerLanguage`); its numbers are read in its way.
   * `source`: where the rows come from, which a far date's words follow (`farDate`): a text table
   * (CSV, TSV), as `parsePublishedText` scans it, or a workbook's sheet.
   */
  constructor(
    private readonly profile: ImportProfile = CHAMBER_PROFILE,
    options: ReadOptions = {},
    private readonly language: Language = 'it',
    private readonly source: DateSource = 'text',
  ) {
    this.keepStated = options.stated ?? true;
    this.year = options.year;
    this.words = WORDS[language];
    this.heads = LAYOUT_HEADS[language];
    this.notation = tableNotation(language);
  }

  /** Reads one row; its cells are trimmed here. */
  read(row: LayoutRow): void {
    if (row.cells.length !== LAYOUT_COLUMNS.length) {
      this.columnCount(row);
      return;
    }
    const cells = row.cells.map((c) => c.trim());
    this.readCells(cells, row);
  }

  /** `read` for a row whose cells are already trimmed (the text importer trims while it scans). */
  readTrimmed(row: LayoutRow): void {
    if (row.cells.length !== LAYOUT_COLUMNS.length) this.columnCount(row);
    else this.readCells(row.cells, row);
  }

  private columnCount(row: LayoutRow): void {
    this.issues.push(problem('error', 'column-count', { expected: LAYOUT_COLUMNS.length, found: row.cells.length, ...this.notation }, row.at()));
  }

  private readCells(cells: readonly string[], row: LayoutRow): void {
    const issues = this.issues;
    const objectiveCell = cells[0]!;
    const indicatorCell = cells[1]!;
    const weightCell = cells[2]!;
    const targetCell = cells[3]!;
    const actualCell = cells[4]!;
    const kpiCell = cells[5]!;
    const performanceCell = cells[6]!;
    if (objectiveCell === '' && indicatorCell === '' && weightCell === '' && targetCell === '' && actualCell === '' && kpiCell === '' && performanceCell === '') return;
    if (isHeaderRow(cells, this.language)) return; // repeated at every page break

    if (objectiveCell !== '') {
      this.close(); // even when this row turns out to be unusable: its indicators then have no objective
      const clean = objectiveCell.includes('<') ? objectiveCell.replace(HTML_TAG, '').trim() : objectiveCell;
      if (clean !== objectiveCell) issues.push(problem('info', 'html-removed', {}, row.at(0)));
      const m = CODE_TITLE.exec(clean);
      if (m === null || !VALID_CODE.test(m[1]!)) {
        issues.push(problem('error', 'missing-code', { title: clean }, row.at(0)));
        this.refused = row.at(0);
        return;
      }
      const code = m[1]!;
      const existing = this.byFoldedCode.get(code.toLowerCase());
      if (existing !== undefined) {
        issues.push(problem('error', 'duplicate-code', { code, ...(existing.code === code ? {} : { as: existing.code }), ...describe(existing.origin) }, row.at(0)));
        this.refused = row.at(0);
        return;
      }
      this.refused = null;
      // VALID_CODE's characters are OBJECTIVE_CODE's: only its length can be past what the plan's workbook and the API take.
      if (!OBJECTIVE_CODE.test(code)) issues.push(problem('warning', 'table-long-code', { code, length: code.length }, { ...row.at(0), node: code }));
      if (indicatorCell !== '') {
        issues.push(problem('error', 'objective-with-indicator', { ...this.notation }, row.at(1)));
      }
      let weight: Decimal | null = null;
      if (weightCell !== '') {
        const parsed = this.weight(weightCell).result;
        if ('error' in parsed) {
          if (!this.formula(weightCell, row, 2)) issues.push(saidIssue('error', parsed.said, row.at(2)));
        } else {
          weight = parsed.weight;
          if (parsed.comparator !== null) issues.push(problem('info', 'objective-weight-comparator', { comparator: parsed.comparator }, row.at(2)));
        }
      }
      if (targetCell !== '') this.ignored(row, 3, targetCell);
      if (actualCell !== '') this.ignored(row, 4, actualCell);
      if (kpiCell !== '') this.ignored(row, 5, kpiCell);
      const node: DraftNode = { code, title: m[2]!.trim(), parent: null, level: '', weight, indicators: NONE_YET, origin: row.at(0) };
      this.nodes.push(node);
      this.byCode.set(code, node);
      this.byFoldedCode.set(code.toLowerCase(), node);
      this.current = node;
      this.idPrefix = `${code}:`;
      this.wholeWeights = 0;
      this.indicatorRefused = false;
      const performance = this.statedValue(performanceCell, row, 6);
      if (performance !== undefined && this.keepStated) this.stated.push({ cell: 'performance_objective', code, value: performance, origin: row.at(6) });
      return;
    }

    if (indicatorCell === '') {
      issues.push(problem('error', 'missing-name', {}, row.at(1)));
      return;
    }
    const current = this.current;
    if (current === null) {
      // Under an objective row that was refused, "before any objective" would not be true.
      if (this.refused !== null) issues.push(problem('error', 'indicator-of-unread-objective', { indicator: indicatorCell, ...describe(this.refused) }, row.at(1)));
      else issues.push(problem('error', 'indicator-before-objective', { indicator: indicatorCell }, row.at(1)));
      return;
    }
    const indicator = this.indicator(current, cells, row);
    if (indicator === null) {
      this.indicatorRefused = true;
      return;
    }
    this.pending[this.pendingCount++] = indicator;
    // In column order, so differences read left to right along the row.
    if (indicator.formula !== null) {
      const actual = this.isNotEvaluable(actualCell) ? undefined : this.statedValue(actualCell, row, 4);
      if (actual !== undefined && this.keepStated) this.stated.push({ cell: 'actual', code: current.code, indicator: indicator.id, value: actual, origin: row.at(4) });
    }
    const kpi = this.statedValue(kpiCell, row, 5);
    if (kpi !== undefined && this.keepStated) this.stated.push({ cell: 'performance_kpi', code: current.code, indicator: indicator.id, value: kpi, origin: row.at(5) });
  }

  /** An error that makes the row's indicator unusable. */
  private error(s: Said, row: LayoutRow, column: number): void {
    this.issues.push(saidIssue('error', s, row.at(column)));
    this.errors++;
  }

  /** A Target or Consuntivo that cannot be read: out of bounds (by code, with its words in the catalogue), or not a value. */
  private valueError(parsed: CellError, code: 'unparsable-target' | 'unparsable-actual', column: LayoutColumn & ('target' | 'actual'), text: string, row: LayoutRow, at: number): void {
    // The examples of how to write a number follow the table's way of writing them.
    const notation = this.notation;
    if (this.formula(text, row, at)) return;
    if (parsed.code === 'number-out-of-range') {
      this.issues.push(problem('error', 'number-out-of-range', { column: this.heads[LAYOUT_COLUMN[column]]!, ...cellText(text), reason: parsed.reason ?? 'digits', ...notation }, row.at(at)));
      this.errors++;
    } else this.error(said(code, { ...cellText(text), problem: parsed.problem ?? 'not-a-value', ...notation }), row, at);
  }

  /**
   * A formula written as text (`=SOMMA(B2:B3)`: a CSV saved with its formulas, a table typed by hand) is
   * said as the workbook reader says a formula cell (`formula-cell`), at its cell, rather than "not a
   * number": the value it computed is not in the file. An error that makes the row unusable; true when it was one.
   */
  private formula(text: string, row: LayoutRow, column: number): boolean {
    if (!FORMULA_TEXT.test(text)) return false;
    this.issues.push(problem('error', 'formula-cell', { formula: text.slice(1).trim() }, row.at(column)));
    this.errors++;
    return true;
  }

  /**
   * The date (dd/mm/yyyy) a workbook's plain whole number stands for as Excel's date serial (days
   * since 30/12/1899), when it may be one: a date cell in General format shows 45565 for
   * 30/09/2024. Within a year of the plan's year when it is known, else 1990–2099; undefined
   * otherwise, and for a text table, whose cells are typed as they show.
   */
  private serialDate(value: { amount: Amount; percent: boolean }): string | undefined {
    if (this.source !== 'workbook' || value.amount.kind !== 'number' || value.percent || !value.amount.value.isInteger()) return undefined;
    const serial = value.amount.value.toNumber();
    if (serial < SERIAL_1990 || serial > SERIAL_2099) return undefined;
    const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    const year = date.getUTCFullYear();
    if (this.year !== undefined && Math.abs(year - this.year) > 1) return undefined;
    const two = (n: number): string => String(n).padStart(2, '0');
    return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${year}`;
  }

  /** A date far from the plan's year, said at its cell (a warning: the date is kept). */
  private checkDate(iso: string, column: 'target' | 'actual', row: LayoutRow): void {
    if (this.year === undefined) return;
    const at = LAYOUT_COLUMN[column];
    const far = farDate(iso, this.year, this.heads[at]!, { ...row.at(at), field: column }, this.source);
    if (far !== null) this.issues.push(far);
  }

  private ignored(row: LayoutRow, column: number, value: string): void {
    this.issues.push(problem('warning', 'objective-cell-ignored', { column: this.heads[column]!, value }, row.at(column)));
  }

  private weight(text: string): WeightReading {
    let reading = this.weights.get(text);
    if (reading === undefined) {
      const result = parseWeight(text, this.language);
      this.notationOf(text, !('error' in result), () => !('error' in parseWeight(text, 'en')));
      const whole = 'error' in result || !result.weight.isInteger() || result.weight.abs().gt(MAX_WHOLE) ? NaN : result.weight.toNumber();
      reading = { result, whole };
      this.weights.set(text, reading);
    }
    return reading;
  }

  /** Targets and actuals apart: the few targets then stay in a small table, quick to search. */
  private value(text: string, readings: StringTable<CellReading>): CellReading {
    let reading = readings.get(text);
    if (reading === undefined) {
      const value = parseValueCell(text, this.language);
      this.notationOf(text, !('error' in value), () => !('error' in parseValueCell(text, 'en')) || parseItalianDate(text.replace(US_DATE, '$2/$1/$3')) !== null);
      const ambiguous = this.language === 'it' && !('error' in value) && value.amount.kind === 'date' ? ambiguousDate(text) : undefined;
      reading = 'error' in value ? { value, measured: null } : { value, measured: { state: 'measured', actual: value.amount }, ...(ambiguous === undefined ? {} : { ambiguous }) };
      readings.set(text, reading);
    }
    return reading;
  }

  /** Keeps where a date read either way was, for `ambiguous-date`: whether it is one to ask about depends on the whole table. */
  private noteAmbiguous(reading: CellReading, column: 'target' | 'actual', text: string, row: LayoutRow): void {
    if (reading.ambiguous !== undefined) this.ambiguousDates.push({ column, text, date: reading.ambiguous, at: row.at(LAYOUT_COLUMN[column]) });
  }

  /**
   * Counts a number or date text of an Italian table by the way it is written: refused here but read
   * the English way (`readsInEnglish`), or read here with a decimal comma or a day only Italian
   * order allows. A text read here without either (`100`, `05/03/2024`) tells neither way.
   */
  private notationOf(text: string, read: boolean, readsInEnglish: () => boolean): void {
    if (this.language !== 'it') return;
    if (read) {
      if (text.includes(',') || Number(ITALIAN_DAY.exec(text)?.[1] ?? 0) > 12) this.italianOnly++;
    } else if (readsInEnglish()) {
      if (this.englishOnly++ === 0) this.englishExample = text;
    }
  }

  /** A stated percentage: a value, null for an empty cell, undefined (with an error) when unreadable. */
  private statedValue(text: string, row: LayoutRow, column: number): Decimal | null | undefined {
    if (text === '') return null;
    let value = this.numbers.get(text);
    if (value === undefined) {
      value = isOverlongNumberText(text) ? null : (parseNumberIn(text, this.language)?.value ?? null);
      if (value !== null && numberBoundProblem(value) !== null) value = null;
      this.notationOf(text, value !== null, () => parseNumberIn(text, 'en') !== null);
      this.numbers.set(text, value);
    }
    if (value === null) {
      if (this.formula(text, row, column)) return undefined;
      this.issues.push(problem('error', 'unparsable-number', { ...cellText(text), ...this.notation }, row.at(column)));
      return undefined;
    }
    return value;
  }

  private indicator(node: DraftNode, cells: readonly string[], row: LayoutRow): Indicator | null {
    const issues = this.issues;
    const profile = this.profile;
    const name = cells[1]!;
    const weightCell = cells[2]!;
    const targetCell = cells[3]!;
    const actualCell = cells[4]!;
    const kpiCell = cells[5]!;
    const before = this.errors;
    let weight = ZERO;
    let whole = NaN;
    let comparator: Comparator = '>=';
    if (weightCell === '') this.error(said('missing-weight', { indicator: name, ...this.notation }), row, 2);
    else {
      const reading = this.weight(weightCell);
      const parsedWeight = reading.result;
      whole = reading.whole;
      if ('error' in parsedWeight) {
        if (!this.formula(weightCell, row, 2)) this.error(parsedWeight.said, row, 2);
      } else {
        weight = parsedWeight.weight;
        if (parsedWeight.comparator === null) this.error(said('missing-comparator', { weight: weightCell, ...this.notation }), row, 2);
        else {
          const c = COMPARATOR_WORDS[parsedWeight.comparator];
          if (c === undefined) this.error(said('unknown-comparator', { comparator: parsedWeight.comparator }), row, 2);
          else comparator = c;
        }
      }
    }

    let target: { amount: Amount; percent: boolean } | null = null;
    if (targetCell !== '') {
      const reading = this.value(targetCell, this.targets);
      const parsed = reading.value;
      if ('error' in parsed) this.valueError(parsed, 'unparsable-target', 'target', targetCell, row, 3);
      else {
        target = parsed;
        this.noteAmbiguous(reading, 'target', targetCell, row);
        if (parsed.amount.kind === 'date') this.checkDate(parsed.amount.value, 'target', row);
      }
    }

    const derived = profile.derivedName.test(name);
    let actual: { amount: Amount; percent: boolean } | null = null;
    let measurement: Measurement;
    if (this.isNotEvaluable(actualCell)) {
      measurement = NOT_EVALUABLE;
    } else if (derived) {
      measurement = DERIVED;
    } else if (actualCell === '') {
      // The table's own KPI cell tells a recorded failure (0,00%) from a value not there yet.
      measurement = kpiCell === '' ? NOT_MEASURED : NOT_ACHIEVED;
    } else {
      const reading = this.value(actualCell, this.actuals);
      const parsed = reading.value;
      this.noteAmbiguous(reading, 'actual', actualCell, row);
      if ('error' in parsed) {
        this.valueError(parsed, 'unparsable-actual', 'actual', actualCell, row, 4);
        measurement = NOT_MEASURED;
      } else if (target !== null && kindMismatch(target, parsed)) {
        // A date cell left in General format shows its serial (45565): the number side, when the other is a date, may be one.
        const serial = target.amount.kind === 'date' ? this.serialDate(parsed) : parsed.amount.kind === 'date' ? this.serialDate(target) : undefined;
        this.issues.push(
          problem(
            'error',
            'kind-mismatch',
            {
              ...cellTexts('actual', actualCell),
              actualKind: valueKind(parsed),
              ...cellTexts('target', targetCell),
              targetKind: valueKind(target),
              ...(serial === undefined ? {} : { serialDate: serial }),
              ...this.notation,
            },
            row.at(4),
          ),
        );
        this.errors++;
        measurement = NOT_MEASURED;
      } else {
        actual = parsed;
        if (parsed.amount.kind === 'date') this.checkDate(parsed.amount.value, 'actual', row);
        // Both dates left in General format are two numbers that agree in kind: stored as numbers, without a word.
        const serials = target === null ? undefined : [this.serialDate(target), this.serialDate(parsed)];
        if (serials?.[0] !== undefined && serials[1] !== undefined) {
          issues.push(problem('warning', 'date-serials', { target: targetCell, targetDate: serials[0], actual: actualCell, actualDate: serials[1], ...this.notation }, row.at(3)));
        }
        if (target !== null && target.percent && parsed.amount.kind === 'number' && !parsed.percent) {
          issues.push(problem('warning', 'bare-percent-actual', { actual: actualCell, target: targetCell, reading: parsed.amount.value.toFixed(), ...this.notation }, row.at(4)));
        }
        measurement = reading.measured!;
      }
    }
    if (this.errors > before) return null;

    const unit: Unit = derived ? 'percent' : target !== null ? unitOf(target) : actual !== null ? unitOf(actual) : 'number';
    this.wholeWeights += whole;
    // `A.1:` once per objective, so each id is one short string joined to it.
    const id = this.idPrefix + String(this.pendingCount + 1);
    const origin = row.indicatorAt?.(node.code, id) ?? indicatorOrigin(row, node.code, id);
    return {
      id,
      name,
      weight,
      comparator,
      tolerance: null,
      target: target?.amount ?? (derived ? HUNDRED_AMOUNT : null),
      unit,
      scoring: derived ? profile.derivedScoring : null,
      formula: derived ? { kind: 'children_mean' } : null,
      measurement,
      origin,
    };
  }

  /** Ends the current objective, which gets its indicators. */
  private close(): void {
    const node = this.current;
    if (node !== null) {
      node.indicators = this.pending.slice(0, this.pendingCount);
      // A refused row is said at its cell; a sum without it would send the reader to weights that are right.
      if (this.pendingCount > 0 && this.wholeWeights !== 100 && !this.indicatorRefused) this.unbalanced.push(node);
    }
    this.current = null;
    this.pendingCount = 0;
  }

  /** `N.V.` (non valutabile; `N.E.` in English), in any case. */
  private isNotEvaluable(cell: string): boolean {
    const mark = this.words.notEvaluable;
    // Upper-casing never changes the length of a string that becomes the mark, so the length
    // check only spares the copy.
    return cell.length === mark.length && cell.toUpperCase() === mark;
  }

  /** The plan and every issue met, once all rows are read. */
  finish(title: string, legend: Legend = DEFAULT_LEGEND): Outcome<ImportedTable> {
    this.close();
    this.pending = [];
    const { issues, nodes, byCode, stated, profile } = this;
    for (const node of this.unbalanced) {
      let total = ZERO;
      for (const indicator of node.indicators) total = total.plus(indicator.weight);
      if (!total.eq(100)) {
        issues.push(problem('warning', 'weights-not-100', { code: node.code, total: total.toString() }, node.origin));
      }
    }

    // The latest objective of each depth, in file order: usually the parent is one of them, and a
    // comparison is much quicker than a look-up among tens of thousands of codes.
    const latest: string[] = [];
    for (const n of nodes) {
      const depth = depthOf(n.code);
      const parent = parentCode(n.code, depth, byCode, latest);
      if (parent === null && n.code.includes('.')) {
        issues.push(problem('warning', 'missing-parent', { code: n.code }, n.origin));
      }
      latest[depth] = n.code;
      n.parent = parent;
      n.level = LEVELS[depth - 1] ?? `level ${depth}`;
    }
    const plan: Plan = { title, nodes, settings: { ...DEFAULT_SETTINGS, defaultScoring: profile.defaultScoring, legend } };
    // One cause said once, before its many located errors: more texts only English reads than only
    // Italian does (one stray `1.5` in an Italian table is a typo, said at its cell alone). An error,
    // as the cells it explains: a refused table's problems are its errors alone (cli/shared.ts).
    if (this.englishOnly >= ENGLISH_NOTATION_FROM && this.englishOnly > this.italianOnly) {
      const file = issues.find((i) => i.location?.file !== undefined)?.location?.file;
      issues.unshift(problem('error', 'english-notation', { example: this.englishExample }, file === undefined ? {} : { file }));
    }
    // A table whose texts lean English (`12/31/2024` refused at its cell) wrote `03/05/2024` month
    // first too, most likely: read day first, it was 3 May where the table meant 5 March, and said
    // nowhere. Each such cell is said, as an error: such a table is refused for its English cells
    // (englishOnly counts refusals), and a refused table shows its errors alone; a warning would be
    // hidden just where it matters. A table as Italian as English, or more, reads them as before.
    if (this.englishOnly > this.italianOnly) {
      for (const a of this.ambiguousDates) issues.push(problem('error', 'ambiguous-date', { column: a.column, text: a.text, ...a.date, example: this.englishExample }, a.at));
    }
    return { value: { plan, stated, language: this.language }, issues };
  }
}

function indicatorOrigin(row: LayoutRow, node: string, indicator: string): SourceLocation {
  const origin: Mutable<SourceLocation> = row.at(1);
  origin.node = node;
  origin.indicator = indicator;
  return origin;
}

const LEVELS = ['area', 'strategic', 'operational'];

/**
 * The nearest ancestor present: `A.2.1` → `A.2`, else `A`. `latest[d]`, when set, is a code of
 * depth `d` in the table.
 */
function parentCode(code: string, depth: number, byCode: StringTable<unknown>, latest: readonly (string | undefined)[]): string | null {
  for (let dot = code.lastIndexOf('.'), d = depth - 1; dot > 0; dot = code.lastIndexOf('.', dot - 1), d--) {
    const candidate = code.slice(0, dot);
    const known = latest[d];
    if (known === candidate) return known;
    if (byCode.has(candidate)) return candidate;
  }
  return null;
}

/** `A.2.1` → 3. */
function depthOf(code: string): number {
  let depth = 1;
  for (let dot = code.indexOf('.'); dot >= 0; dot = code.indexOf('.', dot + 1)) depth++;
  return depth;
}

/** Where an earlier row was, for `duplicate-code` and `indicator-of-unread-objective`: its line, or its cell. */
function describe(origin: SourceLocation): { line: number } | { at: string } | Record<never, never> {
  return origin.line !== undefined ? { line: origin.line } : origin.cell !== undefined ? { at: `${origin.sheet ?? ''}!${origin.cell}` } : {};
}

/** `12/31/2024`: a date in the English (US) order, month first; its Italian reading is the swap. */
const US_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;
/** The Italian reading of a date text the English order reads as another date (both numbers 12 or less, and not equal); else undefined. */
function ambiguousDate(text: string): { day: number; month: number; year: number } | undefined {
  const match = US_DATE.exec(text);
  if (match === null) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return day <= 12 && month <= 12 && day !== month ? { day, month, year } : undefined;
}

/** A date's first number, which only the Italian order allows above 12. */
const ITALIAN_DAY = /^\s*(\d{1,2})\/\d{1,2}\/\d{4}\s*$/;
/** Texts only English reads from which an Italian table is said to be written the English way. */
const ENGLISH_NOTATION_FROM = 2;

/** A weight, or why not: `said` is the error by code (its `message` the English words). */
type WeightResult = { weight: Decimal; comparator: string | null } | { error: string; said: Said };
const weightError = (s: Said): WeightResult => ({ error: s.message, said: s });

/** A cell's text for the English words of a `CellValue` error: a long one cut, with its length said (the catalogue quotes its own parameters in the reader's language). */
export function quoteCell(text: string): string {
  const { text: cut, length } = cellText(text);
  return length === undefined ? `“${cut}”` : `“${cut}” (${length} characters)`;
}

/** `kind-mismatch`'s `actual` / `target` and its length when cut (see `cellText`). */
function cellTexts<K extends 'actual' | 'target'>(key: K, text: string): Record<K, string> & Partial<Record<`${K}Length`, number>> {
  const { text: cut, length } = cellText(text);
  return { [key]: cut, ...(length === undefined ? {} : { [`${key}Length`]: length }) } as Record<K, string> & Partial<Record<`${K}Length`, number>>;
}

/** `50% >=` → `50%`: the end of a Peso cell without its comparator, by a loop (no regex to backtrack over long cells). */
function withoutComparator(text: string): string {
  let end = text.length;
  while (end > 0 && '<>=≤≥ \t'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** `50% >=` → 50 and `>=`; `10% =` → 10 and `=`; `50%` → 50; `12,5%` (`12.5%` in English) → 12.5. */
export function parseWeight(text: string, language: Language = 'it'): WeightResult {
  const notation = tableNotation(language);
  // The column as the table heads it (`Peso`, `Weight`); the template's is `Peso` too.
  const column = LAYOUT_HEADS[language][LAYOUT_COLUMN.weight]!;
  if (isOverlongNumberText(withoutComparator(text))) return weightError(said('number-out-of-range', { column, ...cellText(text), reason: 'overlong', ...notation }));
  const m = WEIGHT_CELL.exec(text.trim());
  const parsed = m === null ? null : parseNumberIn(m[1]!, language);
  if (m === null || parsed === null) return weightError(said('unparsable-weight', { ...cellText(text), ...notation }));
  const bound = numberBoundProblem(parsed.value);
  if (bound !== null) return weightError(said('number-out-of-range', { column, ...cellText(text), reason: boundReason(parsed.value), ...notation }));
  if (parsed.value.isNegative()) return weightError(said('negative-weight', { text }));
  if (parsed.value.greaterThan(100)) return weightError(said('weight-over-100', { weight: parsed.value.toString() }));
  const rest = m[2]!.trim();
  return { weight: parsed.value, comparator: rest === '' ? null : rest };
}

/** A target or actual cell: a date, a number (percent or not), yes/no; `code` names an error other than "unparsable". */
export type CellValue = { amount: Amount; percent: boolean } | CellError;
/** Why a cell is not a value: out of bounds (`code`, `reason`), or not a date / not a value (`problem`); `error` in English. */
export type CellError = { error: string; code?: 'number-out-of-range'; reason?: 'overlong' | 'digits' | 'decimals' | 'infinite'; problem?: ValueProblem };

/** Which bound a number passes, for the catalogue's `number-out-of-range`. */
function boundReason(value: Decimal): 'digits' | 'decimals' | 'infinite' {
  return !value.isFinite() ? 'infinite' : value.decimalPlaces() > 20 && value.abs().lt(1) ? 'decimals' : 'digits';
}

export function parseValueCell(text: string, language: Language = 'it'): CellValue {
  if (isOverlongNumberText(text))
    return { error: `${quoteCell(text)} has too many digits: numbers may have up to 15 digits before the decimal comma and 20 after`, code: 'number-out-of-range', reason: 'overlong' };
  const date = parseItalianDate(text);
  if (date !== null) return { amount: { kind: 'date', value: date }, percent: false };
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text.trim())) return { error: `${quoteCell(text)} is not a real calendar date`, problem: 'not-a-date' };
  const lower = text.trim().toLowerCase();
  if (lower === 'sì' || lower === 'si' || lower === 'yes') return { amount: { kind: 'boolean', value: true }, percent: false };
  if (lower === 'no') return { amount: { kind: 'boolean', value: false }, percent: false };
  const number = parseNumberIn(text, language);
  if (number === null) return { error: `${quoteCell(text)} is not a number (write Italian numbers such as 1.587,10 or 60,00%), a date (dd/mm/yyyy) or sì/no`, problem: 'not-a-value' };
  const bound = numberBoundProblem(number.value);
  if (bound !== null) return { error: `${quoteCell(text)}: ${bound}`, code: 'number-out-of-range', reason: boundReason(number.value) };
  return { amount: { kind: 'number', value: number.value }, percent: number.percent };
}

/** What kind of value a cell holds, for the catalogue's `kind-mismatch`. */
export function valueKind(value: { amount: Amount; percent: boolean }): 'number' | 'percent' | 'date' | 'boolean' {
  return value.amount.kind === 'number' ? (value.percent ? 'percent' : 'number') : value.amount.kind;
}

/**
 * Whether a Consuntivo can be compared with its Target: the same kind (number, date, yes/no). A
 * percentage against a plain number is refused too: is `5%` of a target of 200 five, or ten? A
 * plain number against a percentage target is the tables' habit and is read with a warning.
 */
export function kindMismatch(target: { amount: Amount; percent: boolean }, actual: { amount: Amount; percent: boolean }): boolean {
  if (target.amount.kind !== actual.amount.kind) return true;
  return target.amount.kind === 'number' && actual.percent && !target.percent;
}

function unitOf(value: { amount: Amount; percent: boolean }): Unit {
  return value.amount.kind === 'number' ? (value.percent ? 'percent' : 'number') : value.amount.kind;
}

/**
 * Reads the legend printed under a table: the plan's own labels in Italian ("superiore all'80%",
 * "compresa tra il 60% e l'80%"), the words the English report says of the bounds ("above 80%",
 * "at or above 80%", "from 60% to 80%", "from 60% (excluded) to 80%").
 */
export function legendFromText(lines: readonly string[], language: Language = 'it'): Legend | null {
  const text = lines.join('\n');
  const bound = (m: RegExpExecArray | null): Decimal | null => (m === null ? null : (parseNumberIn(m[1]!, language)?.value ?? null));
  const labels = lines.map((l) => l.trim()).filter((l) => /performance/i.test(l));
  if (language === 'en') {
    const green = /\b(?:at or )?above\s+([\d.,]+)\s*%/i.exec(text);
    const yellow = /\bfrom\s+([\d.,]+)\s*%(\s*\(excluded\))?/i.exec(text);
    const g = bound(green);
    const y = bound(yellow);
    if (g === null || y === null) return null;
    return {
      rules: [
        { band: 'green', min: g, minInclusive: /at or above/i.test(green![0]), label: labels[0] ?? DEFAULT_LEGEND.rules[0]!.label },
        { band: 'yellow', min: y, minInclusive: yellow![2] === undefined, label: labels[1] ?? DEFAULT_LEGEND.rules[1]!.label },
        { band: 'red', label: labels[2] ?? DEFAULT_LEGEND.rules[2]!.label },
      ],
    };
  }
  const g = bound(/superiore\s+all?['’]?\s*(\d+(?:,\d+)?)\s*%/i.exec(text));
  const y = bound(/compresa\s+tra\s+il\s+(\d+(?:,\d+)?)\s*%/i.exec(text));
  if (g === null || y === null) return null;
  return {
    rules: [
      { band: 'green', min: g, minInclusive: false, label: labels[0] ?? DEFAULT_LEGEND.rules[0]!.label },
      { band: 'yellow', min: y, minInclusive: true, label: labels[1] ?? DEFAULT_LEGEND.rules[1]!.label },
      { band: 'red', label: labels[2] ?? DEFAULT_LEGEND.rules[2]!.label },
    ],
  };
}
