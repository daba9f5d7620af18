/**
 * The words of the Relazione that both renderers print (`html.ts`, `pdf.ts`), from the catalogue
 * (`src/messages/report.ts`) in the report's language (Italian unless asked otherwise), so the
 * page and the PDF cannot say different things: headings, column heads, band and state words, the
 * title block, and numbers and dates in the language's way (`90,38%` / `90.38%`; `30/09/2024` in
 * both, as the web's English screens and the change log write dates).
 */
import { formatNumberIn, formatPercentIn, type Band, type Decimal, type Language, type Legend, type MeasurementState } from '../../core/index.js';
import { decimalIn, momentDayText, renderFrom, type MessageParams } from '../../core/messages/index.js';
import { REPORT_MESSAGES } from '../../messages/report.js';

const say = (code: keyof typeof REPORT_MESSAGES, language: Language, params: MessageParams = {}): string => renderFrom(REPORT_MESSAGES, code, params, language)!;

export interface ReportText {
  readonly summary: string;
  readonly legend: string;
  readonly table: string;
  readonly byArea: string;
  readonly byAreaHeads: readonly string[];
  readonly countsHeads: readonly string[];
  readonly noPerformance: string;
  readonly notEvaluable: string;
  readonly notes: string;
  /** The seven columns' heads (Italian: the published layout's). */
  readonly columns: readonly string[];
  readonly band: Readonly<Record<Band, string>>;
  /** What stands in the Consuntivo cell instead of a value. */
  readonly actual: Readonly<Record<Exclude<MeasurementState, 'measured'>, string>>;
  readonly yes: string;
  readonly no: string;
  /** "nessuna performance", where a bar or a mark would be. */
  readonly noPerformanceMark: string;
  readonly continued: string;
  /** The title block's keys. */
  readonly year: string;
  readonly period: string;
  readonly periodState: string;
  readonly computedAt: string;
  readonly adoption: string;
  readonly fromFile: string;
  /** The period's state on the public pages written from a file (`albero site`). */
  readonly published: string;
  readonly language: Language;
  /** The workbook's own words (io/xlsx/export.ts). */
  readonly workbook: {
    readonly sheets: { readonly table: string; readonly legend: string; readonly explanation: string; readonly revisions: string; readonly plan: string };
    /** "Tabella stampabile: … usare il foglio «Piano»". */
    readonly printable: string;
    readonly legendHeads: readonly string[];
    readonly noPerformance: string;
    readonly explanationHeads: readonly string[];
  };
}

function build(language: Language): ReportText {
  const bands = say('report-bands', language).split('|');
  const states = say('report-states', language).split('|');
  const yesNo = say('report-yes-no', language).split('|');
  const keys = say('report-meta-keys', language).split('|');
  const sheets = say('xlsx-sheets', language).split('|');
  return {
    summary: say('report-summary', language),
    legend: say('report-legend', language),
    table: say('report-table', language),
    byArea: say('report-by-area', language),
    byAreaHeads: say('report-by-area-heads', language).split('|'),
    countsHeads: say('report-counts-heads', language).split('|'),
    noPerformance: say('report-no-performance', language),
    notEvaluable: say('report-not-evaluable', language),
    notes: say('report-notes', language),
    columns: say('report-columns', language).split('|'),
    band: { green: bands[0]!, yellow: bands[1]!, red: bands[2]! },
    actual: { not_evaluable: states[0]!, not_achieved: states[1]!, not_measured: states[2]! },
    yes: yesNo[0]!,
    no: yesNo[1]!,
    noPerformanceMark: say('report-no-performance-mark', language),
    continued: say('report-continued', language),
    year: keys[0]!,
    period: keys[1]!,
    periodState: keys[2]!,
    computedAt: keys[3]!,
    adoption: keys[4]!,
    fromFile: say('report-from-file', language),
    published: say('report-published', language),
    language,
    workbook: {
      sheets: { table: sheets[0]!, legend: sheets[1]!, explanation: sheets[2]!, revisions: sheets[3]!, plan: sheets[4]! },
      printable: say('xlsx-printable', language, { sheet: sheets[4]! }),
      legendHeads: say('xlsx-legend-heads', language).split('|'),
      noPerformance: say('xlsx-no-performance', language),
      explanationHeads: say('xlsx-explanation-heads', language).split('|'),
    },
  };
}

const TEXTS: Record<Language, ReportText> = { it: build('it'), en: build('en') };

/** The report's fixed words in `language` (made once per language). */
export function reportText(language: Language = 'it'): ReportText {
  return TEXTS[language];
}

/** A number as the report prints it: `1.587,10` / `1,587.10`. */
export function numberText(value: Decimal, places: number, language: Language = 'it'): string {
  return formatNumberIn(value, places, language);
}

/** A performance as the report prints it: `93,00%` / `93.00%`. */
export function percentText(value: Decimal | null, language: Language = 'it', places = 2): string {
  return formatPercentIn(value, language, places);
}

/** A weight as typed, with the language's decimal mark: `12,5%` / `12.5%`. */
export function weightText(weight: Decimal, language: Language = 'it'): string {
  return `${decimalIn(weight.toString(), language)}%`;
}

/** A legend rule's words: the plan's own label in Italian, said from its bounds in English. */
export function legendRuleText(legend: Legend, index: number, language: Language = 'it'): string {
  const rule = legend.rules[index]!;
  const above = legend.rules[index - 1]?.min;
  return say('report-legend-rule', language, {
    label: rule.label,
    ...(rule.min === undefined ? {} : { from: percentText(rule.min, language, rule.min.decimalPlaces()), inclusive: rule.minInclusive === true }),
    ...(above === undefined ? {} : { to: percentText(above, language, above.decimalPlaces()) }),
  });
}

/** The title block's period: "Periodo al 30/09/2024". */
export function periodAtText(label: string, language: Language = 'it'): string {
  return say('report-period-at', language, { label });
}

/**
 * A stored period's state as the reports write it: "in raccolta: valori provvisori";
 * `validated_with_reservations` (not a stored state): the year end validated with a Relazione the
 * OIV validated with reservations, "validato dall'OIV con riserve".
 */
export function periodStateWord(state: string, language: Language = 'it'): string {
  return say('report-period-state', language, { state });
}

/**
 * A period's state as the public reads it: final values (closed, validated) as `periodStateWord`
 * says them; a period still taking values shows the public its targets only, and says why
 * ("risultati non ancora disponibili: il periodo è in corso"); of a plan `archived` with the period
 * not closed, that it never was (`notClosedText`).
 */
export function publicPeriodStateWord(state: string, language: Language = 'it', archived = false): string {
  if (state === 'closed' || state === 'validated' || state === 'validated_with_reservations') return periodStateWord(state, language);
  // Archived with the period open: nothing is collected any more, so "in corso" would be false.
  return archived ? notClosedText(language) : targetsOnlyText(language);
}

/**
 * What the public pages say of the year end the administrator reopened after the OIV validated it,
 * read as validated: reopened on that day, the figures shown those the OIV validated on its day; with
 * `figures` `closed-again`, closed again since and read with its own values, which it says are not
 * those the OIV validated. `at`, `decidedAt`: ISO times, said as the body's days.
 */
export function reopenedValidatedText(
  r: { readonly at: string; readonly decidedAt: string; readonly reservations: boolean; readonly figures?: 'validated' | 'closed-again' },
  language: Language = 'it',
): string {
  // Closed again and read with its own values: said not to be the validated ones.
  const code = r.figures === 'closed-again' ? 'report-reopened-closed-again' : 'report-reopened-validated';
  return say(code, language, { reopened: momentDayText(r.at), validated: momentDayText(r.decidedAt), reservations: r.reservations });
}

/**
 * What the office reads of the year end reopened after the OIV validated it and still taking values
 * (not closed again): reopened on that day, by whom, why; the validated figures do not hold for the
 * values changed since. `at`, `decidedAt`: ISO times, said as the body's days; `by`: a name in the
 * reader's words.
 */
export function reopenedCollectingText(
  r: { readonly at: string; readonly by: string | null; readonly reason: string | null; readonly decidedAt: string; readonly reservations: boolean },
  language: Language = 'it',
): string {
  return say('report-reopened-collecting', language, { reopened: momentDayText(r.at), by: r.by, reason: r.reason, validated: momentDayText(r.decidedAt), reservations: r.reservations });
}

/** What the public pages say of a period whose results are not published yet: "risultati non ancora disponibili: il periodo è in corso". */
export function targetsOnlyText(language: Language = 'it'): string {
  return say('report-targets-only', language);
}

/** The same of a plan archived before the period was closed: "risultati non disponibili: il periodo non è stato chiuso prima dell'archiviazione del piano". */
export function notClosedText(language: Language = 'it'): string {
  return say('report-not-closed-archived', language);
}

/** In Italian, the Relazione's language. */
export const REPORT_TEXT: ReportText = reportText('it');

/** "Obiettivi per fascia (12 obiettivi con indicatori)". */
export function countsCaption(objectives: number, language: Language = 'it'): string {
  return say('report-counts-caption', language, { objectives });
}

/** The head of the previous year's performance column: "Performance 2023". */
export function previousYearHead(year: number, language: Language = 'it'): string {
  return say('report-previous-year', language, { year });
}

/** The main table's caption: "«title»: obiettivi e indicatori con peso, target, consuntivo e performance". */
export function tableCaption(title: string, language: Language = 'it'): string {
  return say('report-table-caption', language, { title });
}

/** Every PDF page's footer: "Pagina 3 di 12". */
export function pageText(page: number, pages: number, language: Language = 'it'): string {
  return say('report-page', language, { page, pages });
}
