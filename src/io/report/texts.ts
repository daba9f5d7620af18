/**
 * The words of the Relazione that both renderers print (`html.ts`, `pdf.ts`), from the catalogue
 * (`src/messages/report.ts`) in the report's language (Italian unless asked otherwise), so the
 * page and the PDF cannot say different things. The table's column heads are `LAYOUT_COLUMNS`
 * (io/published), the bands' words `BAND_WORD` (bands.ts).
 */
import type { Language } from '../../core/index.js';
import { renderFrom, type MessageParams } from '../../core/messages/index.js';
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
}

/** The report's fixed words in `language`. */
export function reportText(language: Language = 'it'): ReportText {
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
  };
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
