/**
 * The OIV's validation as the public plan states it, once published (validated, or with
 * reservations): each objective the validation changes shows the validated figure beside the
 * reported one, its band following the validated figure, with the OIV's note where it gave a value of
 * its own; the body's figure likewise. The figures are made in core (`publicValidation`, the
 * Relazione's `ValidatedReading`); here they are a plain record (decimals as text), which travels to
 * an export's worker as the rest of `ReportMeta` does, and the words every format prints.
 */
import { Decimal, type Band, type Evaluation, type Language, type PublicValidation } from '../../core/index.js';
import { momentDayText, renderFrom } from '../../core/messages/index.js';
import { REPORT_MESSAGES } from '../../messages/report.js';
import { mark, type Mark } from './rows.js';
import type { ReportSummary } from './summary.js';
import { percentText, reportText } from './texts.js';

export interface ReportValidatedObjective {
  /** The validated figure as a decimal's text; null: none. */
  readonly validated: string | null;
  readonly band: Band | null;
  /** The OIV gave the objective a value of its own; else it follows its objectives' validated values. */
  readonly direct: boolean;
  readonly note: string | null;
}

export interface ReportValidation {
  /** ISO time of the OIV's decision. */
  readonly decidedAt: string;
  readonly reservations: boolean;
  /** By objective code (own properties only: read with `validatedOf`). */
  readonly objectives: Readonly<Record<string, ReportValidatedObjective>>;
  readonly body: { readonly reported: string | null; readonly validated: string | null; readonly band: Band | null } | null;
}

const text = (d: Decimal | null): string | null => (d === null ? null : d.toString());

/** The core's figures as the report's plain record. */
export function reportValidation(v: PublicValidation): ReportValidation {
  return {
    decidedAt: v.decidedAt,
    reservations: v.reservations,
    objectives: Object.fromEntries([...v.objectives].map(([code, o]) => [code, { validated: text(o.validated), band: o.band, direct: o.direct, note: o.note }])),
    body: v.body === null ? null : { reported: text(v.body.reported), validated: text(v.body.validated), band: v.body.band },
  };
}

/** The validated figure of `code`, or undefined when the validation leaves it as reported (or there is none). */
export function validatedOf(v: ReportValidation | undefined, code: string): ReportValidatedObjective | undefined {
  return v !== undefined && Object.hasOwn(v.objectives, code) ? v.objectives[code] : undefined;
}

/** A decimal's text back to a number for JSON (percentage points, two decimals at most as the documents give them). */
export function validatedNumber(value: string | null): number | null {
  return value === null ? null : Number(new Decimal(value).toFixed(2));
}

/** The validated figure as a mark (value and band), as the reported one is drawn. */
export function validatedMark(o: ReportValidatedObjective, language: Language): Mark {
  return mark(o.validated === null ? null : new Decimal(o.validated), o.band, language);
}

const say = (code: keyof typeof REPORT_MESSAGES, language: Language, params: Record<string, unknown> = {}): string => renderFrom(REPORT_MESSAGES, code, params as never, language)!;

/** The words the public plan prints about the validation, in `language`. */
export function validationWords(v: ReportValidation, language: Language) {
  const words = reportText(language);
  return {
    heading: say('report-validation-heading', language),
    /** The workbook's two columns: the validated performance, the OIV's note. */
    heads: say('report-validated-heads', language).split('|') as [string, string],
    validated: say('report-validated', language),
    reported: say('report-reported', language),
    following: say('report-validated-following', language),
    note: (note: string): string => say('report-oiv-note', language, { note }),
    intro: say('report-validation-intro', language, { day: momentDayText(v.decidedAt), reservations: v.reservations }),
    body:
      v.body === null
        ? null
        : say('report-body-validated', language, {
            reported: v.body.reported === null ? words.noPerformanceMark : percentText(new Decimal(v.body.reported), language),
            validated: v.body.validated === null ? words.noPerformanceMark : percentText(new Decimal(v.body.validated), language),
            band: v.body.band === null ? '' : words.band[v.body.band],
          }),
  };
}

/**
 * The summary (chart, by-area table, objectives by band) following the validated figures: the bands
 * follow the validated figure, as the table's do. Undefined validation: the summary as it is.
 */
export function validatedSummary(summary: ReportSummary, evaluation: Evaluation, v: ReportValidation | undefined): ReportSummary {
  if (v === undefined) return summary;
  const lines = summary.lines.map((l) => {
    const o = validatedOf(v, l.code);
    return o === undefined ? l : { ...l, performance: o.validated === null ? null : new Decimal(o.validated), band: o.band };
  });
  const counts: Record<Band | 'none', number> = { ...summary.counts };
  for (const r of evaluation.nodeResults) {
    const o = validatedOf(v, r.objective.code);
    if (r.basis !== 'indicators' || o === undefined) continue;
    counts[r.band ?? 'none']--;
    counts[o.band ?? 'none']++;
  }
  return { ...summary, lines, counts };
}
