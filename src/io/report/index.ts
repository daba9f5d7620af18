/**
 * Every export of a computed plan behind one call, for the CLI and the server alike: the format
 * picks the renderer, the result is bytes with their media type and file extension.
 */
import type { Evaluation, Issue } from '../../core/index.js';
import { openDataCsv, openDataJson } from '../opendata/index.js';
import { exportPlanXlsx } from '../xlsx/export.js';
import { renderReportHtml } from './html.js';
import type { ReportMeta } from './meta.js';
import { renderReportPdf } from './pdf.js';

/** Objectives up to which the PDF is tagged for screen readers. */
export const TAGGED_UP_TO = 300;

export { isReportFormat, MEDIA_TYPES, REPORT_FORMATS, type ReportFormat } from './formats.js';
import type { ReportFormat } from './formats.js';

export interface RenderOptions extends ReportMeta {
  /** For PDF: called as the table's rows are drawn (the CLI shows a bar). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Import notes to carry in the JSON document. */
  readonly issues?: readonly Issue[];
}

export async function renderReport(evaluation: Evaluation, format: ReportFormat, options: RenderOptions = {}): Promise<Uint8Array> {
  const meta = { ...options, computedAt: options.computedAt ?? new Date() };
  switch (format) {
    case 'html':
      return new TextEncoder().encode(renderReportHtml(evaluation, meta));
    case 'pdf':
      return renderReportPdf(evaluation, {
        ...meta,
        // Tagged (accessible) for a Relazione of normal size; the 10,000-indicator annex skips it to stay fast.
        tagged: evaluation.nodeResults.length <= TAGGED_UP_TO,
      });
    case 'xlsx':
      return exportPlanXlsx(evaluation, meta);
    case 'csv':
      return new TextEncoder().encode(openDataCsv(evaluation, meta.validated));
    case 'json':
      return new TextEncoder().encode(`${JSON.stringify(openDataJson(evaluation, meta, options.issues ?? []), null, 2)}\n`);
  }
}

export { renderReportHtml, REPORT_CONTENT_SECURITY_POLICY } from './html.js';
export { renderReportPdf } from './pdf.js';
export type { ReportMeta } from './meta.js';
