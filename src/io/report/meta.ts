/**
 * What a report says about itself beside the plan: the body, the year and period, when it was
 * computed. Shared by every output (XLSX, HTML, PDF, open data) so they all carry the same title block.
 */
export interface ReportMeta {
  /** The public body, e.g. "Camera di Commercio di …". */
  readonly body?: string;
  readonly year?: number;
  /** e.g. "Consuntivo 2024" or "Monitoraggio al 30/06/2024". */
  readonly period?: string;
  /** When the numbers were computed (defaults to now). */
  readonly computedAt?: Date;
}

/** `28/11/2026 14:05` in Italian time, as the Relazione dates its tables. */
export function computedAtText(date: Date): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date).replace(',', '');
}

/** The year a plan is about: given, or the first four-digit year in its title. */
export function yearOf(meta: ReportMeta, title: string): number | undefined {
  if (meta.year !== undefined) return meta.year;
  const m = /\b(19|20)\d{2}\b/.exec(title);
  return m === null ? undefined : Number(m[0]);
}
