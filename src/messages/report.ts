/**
 * The words the reports print (HTML and PDF alike: io/report/texts.ts), in Italian (the language
 * of the Relazione, the default) and English. The revisions' chapter is in changes.ts.
 */
import { defineMessages, LAYOUT_HEADS, message } from '../core/messages/index.js';
import { WORDS } from '../core/words.js';

/** A name or a reason as recorded, trimmed; null when there is none, or only blanks (nothing to say). */
function said(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export const REPORT_MESSAGES = defineMessages({
  'report-summary': message({ it: 'Sintesi', en: 'Summary' }),
  'report-legend': message({ it: 'Legenda', en: 'Legend' }),
  'report-table': message({ it: 'Albero della performance', en: 'Performance tree' }),
  'report-by-area': message({ it: 'Performance per area e per obiettivo strategico', en: 'Performance by area and strategic objective' }),
  'report-by-area-heads': message({ it: 'Area / obiettivo strategico|Performance', en: 'Area / strategic objective|Performance' }),
  'report-counts-heads': message({ it: 'Fascia|Obiettivi', en: 'Band|Objectives' }),
  'report-no-performance': message({ it: '— senza performance', en: '— without performance' }),
  'report-not-evaluable': message({ it: 'non valutabile', en: 'not evaluable' }),
  'report-notes': message({
    it: 'N.V.: indicatore non valutabile, escluso dal calcolo. La performance di un obiettivo è la media ponderata dei punteggi dei suoi indicatori misurati; «non raggiunto» conta 0.',
    en: 'N.E.: indicator not evaluable, left out of the calculation. An objective’s performance is the weighted mean of its measured indicators’ scores; “not achieved” counts 0.',
  }),
  'report-counts-caption': message<{ objectives: number }>({
    it: (p) => `Obiettivi per fascia (${p.objectives} obiettivi con indicatori)`,
    en: (p) => `Objectives by band (${p.objectives} objectives with indicators)`,
  }),
  'report-previous-year': message<{ year: number }>({ it: (p) => `Performance ${p.year}`, en: (p) => `Performance ${p.year}` }),
  // "206 → 210": baselines taken from last year's actuals that were corrected after this plan was made (io/report/baselines.ts).
  'report-baselines-title': message({ it: 'Baseline da aggiornare', en: 'Baselines to update' }),
  'report-baselines-heads': message({ it: 'Indicatore|Nome|Baseline|Consuntivo corretto|Anno|Nota', en: 'Indicator|Name|Baseline|Corrected actual|Year|Note' }),
  'report-baseline-changed': message<{ indicator: string; name: string; baseline: string; current: string; year: number }>({
    it: (p) => `${p.indicator} ${p.name}: baseline ${p.baseline} → ${p.current} (consuntivo ${p.year} corretto dopo la creazione del piano)`,
    en: (p) => `${p.indicator} ${p.name}: baseline ${p.baseline} → ${p.current} (the ${p.year} actual was corrected after this plan was made)`,
  }),
  'report-baseline-withdrawn': message<{ indicator: string; name: string; baseline: string; year: number }>({
    it: (p) => `${p.indicator} ${p.name}: baseline ${p.baseline} (il consuntivo ${p.year} non c’è più)`,
    en: (p) => `${p.indicator} ${p.name}: baseline ${p.baseline} (the ${p.year} actual is gone)`,
  }),
  'report-baselines-note': message({
    it: 'Le baseline restano quelle prese dal piano precedente alla creazione di questo finché l’ufficio non le aggiorna (con una variazione, se il piano è adottato).',
    en: 'The baselines stay as taken from last year’s plan when this one was made until the office updates them (inside a revision once the plan is adopted).',
  }),
  'report-table-caption': message<{ title: string }>({
    it: (p) => `${p.title}: obiettivi e indicatori con peso, target, consuntivo e performance`,
    en: (p) => `${p.title}: objectives and indicators with weight, target, actual and performance`,
  }),
  'report-page': message<{ page: number; pages: number }>({ it: (p) => `Pagina ${p.page} di ${p.pages}`, en: (p) => `Page ${p.page} of ${p.pages}` }),
  // The layout's heads, which the importers read back and their messages name (core/messages/import.ts).
  'report-columns': message({ it: LAYOUT_HEADS.it.join('|'), en: LAYOUT_HEADS.en.join('|') }),
  'report-bands': message({ it: 'verde|giallo|rosso', en: 'green|yellow|red' }),
  /** What stands in the Consuntivo cell instead of a value: not evaluable, not achieved, not measured. */
  'report-states': message({ it: 'N.V.|non raggiunto|non misurato', en: 'N.E.|not achieved|not measured' }),
  'report-yes-no': message({ it: 'sì|no', en: 'yes|no' }),
  'report-no-performance-mark': message({ it: 'nessuna performance', en: 'no performance' }),
  'report-continued': message({ it: 'continua', en: 'continued' }),
  /** The title block's keys: year, period, period's state, computed at, the act that adopted the plan. */
  'report-meta-keys': message({ it: 'Anno|Periodo|Stato del periodo|Calcolato il|Atto di adozione', en: 'Year|Period|Period state|Computed on|Adopting act' }),
  'report-from-file': message({ it: 'calcolato da un file, non registrato in Albero', en: 'computed from a file, not recorded in Albero' }),
  /** The period's state on the pages `albero site` writes from a file: what a citizen reads, not how Albero got the values. */
  'report-published': message({ it: "valori pubblicati dall'amministrazione", en: 'values published by the administration' }),
  /** The OIV's validation, published, on the public plan (io/report/validated.ts): the validated figure beside the reported one. */
  'report-validated': message({ it: "validato dall'OIV", en: 'validated by the OIV' }),
  'report-reported': message({ it: 'rendicontato', en: 'reported' }),
  'report-validated-following': message({ it: "segue i valori validati dall'OIV dei suoi obiettivi", en: 'follows the values the OIV validated for its objectives' }),
  'report-oiv-note': message<{ note: string }>({ it: (p) => `Nota dell'OIV: ${p.note}`, en: (p) => `The OIV's note: ${p.note}` }),
  'report-validated-heads': message({ it: "Performance validata dall'OIV|Nota dell'OIV", en: 'Performance validated by the OIV|The OIV’s note' }),
  'report-validation-heading': message({ it: "Validazione dell'OIV", en: "The OIV's validation" }),
  'report-validation-intro': message<{ day: string; reservations: boolean }>({
    it: (p) =>
      `L'OIV ha validato la Relazione sulla performance${p.reservations ? ' con riserve' : ''} il ${p.day}. Per gli obiettivi a cui ha dato un valore diverso da quello rendicontato, e per quelli che ne seguono, il piano riporta entrambi i valori; colori e fasce seguono il valore validato dall'OIV.`,
    en: (p) =>
      `The OIV validated the performance report (Relazione)${p.reservations ? ' with reservations' : ''} on ${p.day}. For the objectives it gave a value other than the reported one, and those that follow them, the plan states both values; colours and bands follow the value validated by the OIV.`,
  }),
  'report-body-validated': message<{ reported: string; validated: string; band: string }>({
    it: (p) => `Performance complessiva dell'ente: ${p.reported} rendicontata, ${p.validated} validata dall'OIV${p.band === '' ? '' : ` (${p.band})`}.`,
    en: (p) => `The body's overall performance: ${p.reported} reported, ${p.validated} validated by the OIV${p.band === '' ? '' : ` (${p.band})`}.`,
  }),
  /** A period still taking values as the public reads it (server/public-periods.ts): the plan's targets, no value. */
  // The words of an indicator's explanation in such a period: one sentence for the page and the indicator.
  'report-targets-only': message({ it: WORDS.it.resultsPending, en: WORDS.en.resultsPending }),
  /** The same period of a plan archived before it was closed: no result will come, it is not in progress. */
  'report-not-closed-archived': message({ it: WORDS.it.resultsNotClosed, en: WORDS.en.resultsNotClosed }),
  /** The year end reopened after the OIV validated it, as the public reads it: the figures as validated (server/public-periods.ts `publicStateText`). */
  'report-reopened-validated': message<{ reopened: string; validated: string; reservations: boolean }>({
    it: (p) =>
      `validato dall'OIV${p.reservations ? ' con riserve' : ''} il ${p.validated}; l'ente ha riaperto il periodo il ${p.reopened}: i valori mostrati sono quelli validati dall'OIV il ${p.validated}, non quelli del periodo riaperto`,
    en: (p) =>
      `validated by the OIV${p.reservations ? ' with reservations' : ''} on ${p.validated}; the office reopened the period on ${p.reopened}: the figures shown are those the OIV validated on ${p.validated}, not the reopened period's`,
  }),
  /**
   * The year end reopened after the OIV validated it, closed again since, and read with its own values
   * (the validated Relazione withdrawn from publication, no newer validation): said plainly that they
   * are not the validated ones (server/public-periods.ts `publicStateText`).
   */
  'report-reopened-closed-again': message<{ reopened: string; validated: string; reservations: boolean }>({
    it: (p) =>
      `chiuso, in attesa di validazione: l'ente ha riaperto il periodo il ${p.reopened}, dopo la validazione dell'OIV${p.reservations ? ' con riserve' : ''} del ${p.validated}, e lo ha chiuso di nuovo; i valori mostrati non sono quelli validati dall'OIV il ${p.validated}`,
    en: (p) =>
      `closed, awaiting validation: the office reopened the period on ${p.reopened}, after the OIV validated it${p.reservations ? ' with reservations' : ''} on ${p.validated}, and closed it again; the figures shown are not those the OIV validated on ${p.validated}`,
  }),
  /**
   * The year end reopened after the OIV validated it, still taking values (not closed again), as the
   * office reads it on the plan's screen and an objective's explanation (server/tree.ts
   * `withValidation`): when, by whom and why; the figures the OIV validated do not hold for the
   * values changed since. `by`, `reason`: null when the row does not say (a reopening made before
   * migration 87 kept them); blank is said as not recorded too, so no «da» or «perché «»» is left hanging.
   */
  'report-reopened-collecting': message<{ reopened: string; by: string | null; reason: string | null; validated: string; reservations: boolean }>({
    it: (p) =>
      `riaperto il ${p.reopened}${said(p.by) === null ? '' : ` da ${said(p.by)}`}${said(p.reason) === null ? '' : ` perché «${said(p.reason)}»`}, dopo la validazione dell'OIV${p.reservations ? ' con riserve' : ''} del ${p.validated}: il periodo raccoglie di nuovo valori, e le cifre della Relazione validate dall'OIV il ${p.validated} non valgono per i valori cambiati da allora`,
    en: (p) =>
      `reopened on ${p.reopened}${said(p.by) === null ? '' : ` by ${said(p.by)}`}${said(p.reason) === null ? '' : ` because “${said(p.reason)}”`}, after the OIV validated it${p.reservations ? ' with reservations' : ''} on ${p.validated}: the period takes values again, and the Relazione's figures the OIV validated on ${p.validated} do not hold for the values changed since`,
  }),
  'report-period-at': message<{ label: string }>({ it: (p) => `Periodo al ${p.label}`, en: (p) => `Period to ${p.label}` }),
  'report-period-state': message<{ state: string }>({
    // `validated_with_reservations`: the year end validated with the Relazione the OIV validated with reservations (server/public-periods.ts `periodWordOf`).
    it: (p) =>
      (
        ({
          open: 'aperto: valori provvisori',
          collecting: 'in raccolta: valori provvisori',
          closed: 'chiuso, in attesa di validazione',
          validated: "validato dall'OIV",
          validated_with_reservations: "validato dall'OIV con riserve",
        }) as Record<string, string>
      )[p.state] ?? p.state,
    en: (p) =>
      (
        ({
          open: 'open: provisional values',
          collecting: 'collecting: provisional values',
          closed: 'closed, awaiting validation',
          validated: 'validated by the OIV',
          validated_with_reservations: 'validated by the OIV with reservations',
        }) as Record<string, string>
      )[p.state] ?? p.state,
  }),
  /** A legend rule said in English from its bounds (the Italian report prints the plan's own label). */
  'report-legend-rule': message<{ from?: string; inclusive?: boolean; to?: string; label: string }>({
    it: (p) => p.label,
    en: (p) =>
      p.from === undefined
        ? p.to === undefined
          ? 'Any other performance'
          : `Performance below ${p.to} of the target`
        : p.to === undefined
          ? `Performance ${p.inclusive === true ? 'at or above' : 'above'} ${p.from} of the target`
          : `Performance from ${p.from} ${p.inclusive === true ? '' : '(excluded) '}to ${p.to} of the target`,
  }),
  // The workbook export (io/xlsx/export.ts). The «Piano» sheet keeps the import template's Italian heads and words: the importer reads them.
  'xlsx-sheets': message({ it: 'Albero|Legenda|Spiegazione|Variazioni|Piano', en: 'Tree|Legend|Explanation|Revisions|Plan' }),
  'xlsx-printable': message<{ sheet: string }>({
    it: (p) => `Tabella stampabile: per modificare il piano e reimportarlo usare il foglio «${p.sheet}»`,
    en: (p) => `Printable table: to edit the plan and import it again use the sheet “${p.sheet}” (its heads and words are the import template's, in Italian)`,
  }),
  'xlsx-legend-heads': message({ it: 'Fascia|Significato|Obiettivi', en: 'Band|Meaning|Objectives' }),
  'xlsx-no-performance': message({ it: 'Senza performance (nessun indicatore misurato)', en: 'No performance (no indicator measured)' }),
  'xlsx-explanation-heads': message({ it: 'Obiettivo|Voce|Peso|Quota|Punteggio|Punti|Non conteggiata perché', en: 'Objective|Item|Weight|Share|Score|Points|Not counted because' }),
});
