/**
 * "Baseline da aggiornare": the baselines this plan took from last year's year-end actuals when it
 * was made, whose actual was corrected (or withdrawn) since — the "206 → 210" of the web's detail.
 * The data are the baselines route's comparison (the server passes them in
 * `ReportMeta.baselineChanges`, only to signed-in readers and never for a period read from its
 * closing); the words come from the catalogue (src/messages/report.ts) in the report's language.
 */
import type { Language } from '../../core/index.js';
import { renderFrom, type MessageParams } from '../../core/messages/index.js';
import { REPORT_MESSAGES } from '../../messages/report.js';

export interface ReportBaselineChange {
  readonly indicatorId: string;
  readonly name: string;
  readonly baselineText: string;
  /** The predecessor's corrected year-end actual in words; null when it no longer has one. */
  readonly currentText: string | null;
  readonly currentYear: number;
}

const say = (code: keyof typeof REPORT_MESSAGES, language: Language, params: MessageParams = {}): string => renderFrom(REPORT_MESSAGES, code, params, language)!;

export function baselinesTitle(language: Language = 'it'): string {
  return say('report-baselines-title', language);
}

/** The workbook sheet's column heads. */
export function baselinesHeads(language: Language = 'it'): string[] {
  return say('report-baselines-heads', language).split('|');
}

export function baselinesNote(language: Language = 'it'): string {
  return say('report-baselines-note', language);
}

/** One line: "A.3:1 Soggetti coinvolti: baseline 206 → 210 (consuntivo 2024 corretto dopo la creazione del piano)". */
export function baselineChangeLine(b: ReportBaselineChange, language: Language = 'it'): string {
  const params = { indicator: b.indicatorId, name: b.name, baseline: b.baselineText, year: b.currentYear };
  return b.currentText === null ? say('report-baseline-withdrawn', language, params) : say('report-baseline-changed', language, { ...params, current: b.currentText });
}
