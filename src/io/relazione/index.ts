/**
 * The Relazione sulla performance: data → document (build.ts) → DOCX, PDF or HTML.
 *
 * @example
 *   const doc = buildRelazione(evaluatePlan(plan), { body: 'Camera di Commercio di …', texts });
 *   const bytes = await renderRelazione(doc, 'docx');
 */
import { renderRelazioneDocx } from './docx.js';
import { renderRelazioneHtml } from './html.js';
import type { RelazioneDocument } from './model.js';
import { renderRelazionePdf } from './pdf.js';

export const RELAZIONE_FORMATS = ['docx', 'pdf', 'html'] as const;
export type RelazioneFormat = (typeof RELAZIONE_FORMATS)[number];

export const RELAZIONE_MEDIA_TYPES: Record<RelazioneFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export function isRelazioneFormat(text: string): text is RelazioneFormat {
  return (RELAZIONE_FORMATS as readonly string[]).includes(text);
}

export async function renderRelazione(doc: RelazioneDocument, format: RelazioneFormat): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return renderRelazioneDocx(doc);
    case 'pdf':
      return renderRelazionePdf(doc);
    case 'html':
      return new TextEncoder().encode(renderRelazioneHtml(doc));
  }
}

export * from './build.js';
export * from './markup.js';
export * from './model.js';
export * from './validation.js';
export { renderRelazioneDocx } from './docx.js';
export { FRAME_CSS, renderRelazioneHtml } from './html.js';
export { renderRelazionePdf } from './pdf.js';
