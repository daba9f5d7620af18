/**
 * What the Relazione says before its table: performance by area and by strategic objective, and
 * how many objectives fall in each band. Read from the evaluation, never recomputed.
 */
import type { Band, Decimal, Evaluation, Language } from '../../core/index.js';
import { percentText, reportText } from './texts.js';

export interface SummaryLine {
  readonly code: string;
  readonly title: string;
  readonly performance: Decimal | null;
  readonly band: Band | null;
  /** 0 for an area, 1 for a strategic objective. */
  readonly depth: number;
}

export interface ReportSummary {
  /** Areas, each followed by its strategic objectives. */
  readonly lines: readonly SummaryLine[];
  /** Objectives scored on their own indicators, by band (`none`: no performance). */
  readonly counts: Readonly<Record<Band | 'none', number>>;
  readonly objectives: number;
}

export function reportSummary(evaluation: Evaluation): ReportSummary {
  const lines: SummaryLine[] = [];
  const line = (code: string, depth: number): void => {
    const r = evaluation.node(code)!;
    lines.push({ code, title: r.objective.title, performance: r.performance, band: r.band, depth });
  };
  for (const root of evaluation.nodeResults.filter((r) => r.objective.parent === null)) {
    line(root.objective.code, 0);
    for (const child of evaluation.children(root.objective.code)) line(child.objective.code, 1);
  }
  const counts: Record<Band | 'none', number> = { green: 0, yellow: 0, red: 0, none: 0 };
  let objectives = 0;
  for (const r of evaluation.nodeResults) {
    if (r.basis !== 'indicators') continue;
    objectives++;
    counts[r.band ?? 'none']++;
  }
  return { lines, counts, objectives };
}

/** A summary line as the chart labels it: code and title, cut to 44 characters. */
export function chartLabel(line: SummaryLine): string {
  const label = `${line.code} ${line.title}`;
  return label.length > 44 ? `${label.slice(0, 43)}…` : label;
}

/** The chart in words, for readers who cannot see it: "A.1: 100,00% (verde); A.6: nessuna performance". */
export function chartDescription(lines: readonly SummaryLine[], language: Language = 'it'): string {
  const words = reportText(language);
  return lines.map((l) => `${l.code}: ${l.performance === null || l.band === null ? words.noPerformanceMark : `${percentText(l.performance, language)} (${words.band[l.band]})`}`).join('; ');
}
