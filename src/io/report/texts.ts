/**
 * The words of the Relazione that both renderers print (`html.ts`, `pdf.ts`), written once so
 * the page and the PDF cannot say different things. The table's column heads are `LAYOUT_COLUMNS`
 * (io/published), the bands' words `BAND_WORD` (bands.ts).
 */
export const REPORT_TEXT = {
  summary: 'Sintesi',
  legend: 'Legenda',
  table: 'Albero della performance',
  byArea: 'Performance per area e per obiettivo strategico',
  byAreaHeads: ['Area / obiettivo strategico', 'Performance'],
  countsHeads: ['Fascia', 'Obiettivi'],
  noPerformance: '— senza performance',
  notEvaluable: 'non valutabile',
  notes: 'N.V.: indicatore non valutabile, escluso dal calcolo. La performance di un obiettivo è la media ponderata dei punteggi dei suoi indicatori misurati; «non raggiunto» conta 0.',
} as const;

/** "Obiettivi per fascia (12 obiettivi con indicatori)". */
export function countsCaption(objectives: number): string {
  return `Obiettivi per fascia (${objectives} obiettivi con indicatori)`;
}

/** The head of the previous year's performance column: "Performance 2023". */
export function previousYearHead(year: number): string {
  return `Performance ${year}`;
}
