/**
 * The Relazione table as one self-contained HTML page: title block, summary (chart by area and
 * strategic objective, objectives per band), legend, and the fixture's seven-column table. No
 * external file, font or script, so it can be mailed, archived, published and printed as is; the
 * PDF (pdf.ts) draws the same rows (rows.ts) and the same summary.
 *
 * Accessibility: a real `<table>` with caption, `scope`d headers and a header group repeated on
 * every printed page; the band is always written as a word and a shape beside its colour; the
 * chart is an SVG with a title and description, and the summary table says the same in text.
 */
import { baselineChangeLine, baselinesNote, baselinesTitle, type ReportBaselineChange } from './baselines.js';
import { actText, noRevisionsText, revisionRows, revisionsCaption, revisionsColumns, revisionsNote, revisionsTitle, type ReportRevision } from './revisions.js';
import { classify, planTextLanguage, round, type Band, type Decimal, type Evaluation, type Language } from '../../core/index.js';
import { BAND_COLOUR, BAND_ICON, BAND_STROKE, REPORT_COLOUR } from './bands.js';
import { countsCaption, legendRuleText, percentText, previousYearHead, reportText, tableCaption } from './texts.js';
import { computedAtText, periodStateText, previousYearNote, yearOf, type ReportMeta } from './meta.js';
import { COLUMN_PERCENT, mark, objectiveRows, type Mark, type ReportRow } from './rows.js';
import { chartDescription, chartLabel, reportSummary, type ReportSummary } from './summary.js';
import { validatedMark, validatedOf, validatedSummary, validationWords, type ReportValidatedObjective, type ReportValidation } from './validated.js';

/** Plans with more objectives than this are printed as several tables of `CHUNK` objectives. */
const CHUNK_FROM = 300;
const CHUNK = 60;

export { BAND_COLOUR, BAND_ICON, BAND_WORD } from './bands.js';

/**
 * The exported page's policy (in a meta element, so it holds when the file is opened from disk or
 * mailed): no script of any kind, no request anywhere; only its own inline styles and data: images.
 * Text from a plan can therefore never run in the reader's browser, whatever it holds.
 */
export const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * ` lang="it"` for an element that holds a plan's own text (a title, a name, a note the office or the
 * OIV typed) on a page in another language (core's PLAN_TEXT_LANGUAGE): a screen reader then says it
 * as Italian, not as English words (WCAG 2.1 SC 3.1.2). Nothing on an Italian page.
 */
export function planLang(language: Language): string {
  const lang = planTextLanguage(language);
  return lang === undefined ? '' : ` lang="${lang}"`;
}

/**
 * `sentence` escaped, with the plan's text it quotes (`planText`, e.g. the title in "Table: …") in a
 * span marked as the plan's language when the page's is another: the catalogue's words around it
 * stay in the page's language.
 */
export function withPlanText(sentence: string, planText: string, language: Language): string {
  const escaped = escapeHtml(sentence);
  const mark = planLang(language);
  const text = escapeHtml(planText);
  if (mark === '' || text === '') return escaped;
  return escaped.replace(text, () => `<span${mark}>${text}</span>`);
}

export function bandMark({ value, band }: Mark, language: Language = 'it'): string {
  const words = reportText(language);
  if (value === null) return `<span class="none">—<span class="sr"> ${words.noPerformanceMark}</span></span>`;
  const b = band === null ? '' : `<span class="icon" aria-hidden="true">${BAND_ICON[band]}</span> `;
  const word = band === null ? '' : ` <span class="word">${words.band[band]}</span>`;
  return `${b}${value}${word}`;
}

/** One row of the seven-column table; `previous` adds last year's performance (undefined: no such column). */
export function rowHtml(row: ReportRow, previous?: Mark | null, language: Language = 'it', validation?: ReportValidation): string {
  const last = previous === undefined ? '' : previous === null ? '<td class="prev"></td>' : `<td class="prev${bandClass(previous.band)}">${bandMark(previous, language)}</td>`;
  if (row.kind === 'objective') {
    const validated = validatedOf(validation, row.code);
    if (validated !== undefined) return validatedRowHtml(row, validated, validation!, last, language);
    return `<tr class="objective depth-${Math.min(row.depth, 2)}"><th scope="row" id="o-${escapeHtml(row.code)}"${planLang(language)}>${escapeHtml(row.label)}</th><td></td><td class="num">${row.weight}</td><td colspan="3"></td><td class="perf${bandClass(row.performance.band)}">${bandMark(row.performance, language)}</td>${last}</tr>`;
  }
  const actual =
    row.state === 'not_evaluable'
      ? `<abbr title="${reportText(language).notEvaluable}">${row.actual}</abbr>`
      : row.state === 'measured' || row.actual === ''
        ? escapeHtml(row.actual)
        : `<span class="state">${row.actual}</span>`;
  return `<tr><td></td><th scope="row"${planLang(language)}>${escapeHtml(row.name)}</th><td class="num">${escapeHtml(row.weight)}</td><td class="num">${escapeHtml(row.target)}</td><td class="num">${actual}</td><td class="kpi${bandClass(row.kpi?.band ?? null)}">${row.kpi === null ? '' : bandMark(row.kpi, language)}</td><td></td>${last}</tr>`;
}

/**
 * An objective whose figure the OIV's published validation changes: the validated figure, its band
 * (the cell's colour follows it) and its label, the reported one under it, and under the title the
 * OIV's note (a value of its own) or that it follows its objectives' validated values.
 */
function validatedRowHtml(row: Extract<ReportRow, { kind: 'objective' }>, o: ReportValidatedObjective, v: ReportValidation, last: string, language: Language): string {
  const words = validationWords(v, language);
  const why = o.direct ? (o.note === null ? '' : words.note(o.note)) : words.following;
  const reported = row.performance.value ?? reportText(language).noPerformanceMark;
  const label = planLang(language) === '' ? escapeHtml(row.label) : `<span${planLang(language)}>${escapeHtml(row.label)}</span>`;
  // The OIV's note is its own text, in the plan's language, inside the catalogue's words.
  const whyHtml = o.direct && o.note !== null ? withPlanText(why, o.note, language) : escapeHtml(why);
  return `<tr class="objective depth-${Math.min(row.depth, 2)}"><th scope="row" id="o-${escapeHtml(row.code)}">${label}${why === '' ? '' : `<br><span class="oiv-note">${whyHtml}</span>`}</th><td></td><td class="num">${row.weight}</td><td colspan="3"></td><td class="perf validated${bandClass(o.band)}">${validatedFigureHtml(o, reported, language, v)}</td>${last}</tr>`;
}

/** "50,00% giallo, validato dall'OIV" over "56,00% rendicontato". */
function validatedFigureHtml(o: ReportValidatedObjective, reported: string, language: Language, v: ReportValidation): string {
  const words = validationWords(v, language);
  return `${bandMark(validatedMark(o, language), language)} <span class="validated-label">${escapeHtml(words.validated)}</span><br><span class="reported">${escapeHtml(`${reported} ${words.reported}`)}</span>`;
}

export function bandClass(band: Band | null): string {
  return band === null ? '' : ` band-${band}`;
}

/** The skip link (seen once focused) and the path above a page of the transparency site (io/site): the plan's, the Relazione's, the validation's and the site's own. */
export const FRAME_CSS = `nav.crumbs { margin-bottom: 8px; } nav.crumbs a { color: #1f4e79; }
.skip { position: absolute; left: -10000px; } .skip:focus { position: static; display: inline-block; margin-bottom: 8px; }`;

/**
 * A wide table in a region of its own that scrolls sideways on a narrow screen, so that the page
 * does not (a citizen reading on a phone): named by `label`, and focusable, so that the keyboard can
 * scroll it too. On a wide screen and on paper it is the table as before.
 */
export function scrollRegion(label: string, table: string): string {
  return `<div class="table-scroll" role="region" aria-label="${escapeHtml(label)}" tabindex="0">
${table}
</div>`;
}

/** The report's style sheet, shared with the Relazione's page (io/relazione/html.ts). */
export const CSS = `
:root { --ink: ${REPORT_COLOUR.ink}; --muted: ${REPORT_COLOUR.muted}; --rule: ${REPORT_COLOUR.rule}; --head: ${REPORT_COLOUR.head}; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 297mm; padding: 12px; font-size: 10pt; line-height: 1.3; }
h1 { font-size: 17pt; margin: 0 0 4px; } h2 { font-size: 12.5pt; margin: 14px 0 6px; color: var(--head); }
.title-block { border-bottom: 3px solid var(--head); padding-bottom: 8px; margin-bottom: 6px; }
.title-block .body { margin: 0; font-size: 11pt; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.title-block dl { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 6px 0 0; }
.title-block dt { font-weight: bold; } .title-block dt::after { content: ":"; } .title-block dd { margin: 0 0 0 4px; }
.title-block div { display: flex; }
.summary { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; align-items: start; break-inside: avoid; }
figure { margin: 0; } figcaption { font-weight: bold; margin-bottom: 4px; }
svg text { font-family: inherit; font-size: 10px; fill: var(--ink); }
/* The grid of collapsed borders, drawn with separate ones (each cell its right and bottom edge):
   Chromium resolves collapsed borders edge by edge, a cost on a 12,000-row table. */
table { border-collapse: separate; border-spacing: 0; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 4px 0; color: var(--head); }
th, td { border: 0 solid var(--rule); border-width: 0 1px 1px 0; padding: 3px 5px; vertical-align: top; text-align: left; }
tr > :first-child { border-left-width: 1px; }
thead th { background: var(--head); color: #fff; border-top-width: 1px; }
.num { text-align: right; white-space: nowrap; }
.relazione { table-layout: fixed; font-size: 8.5pt; }
.relazione + .relazione { margin-top: -1px; }
/* Big plans: a denser table, a third fewer pages to print and to leaf through. */
.compact .relazione { font-size: 8pt; line-height: 1.2; }
.compact .relazione th, .compact .relazione td { padding: 1px 4px; }
.relazione col.c-obj { width: ${COLUMN_PERCENT[0]}%; } .relazione col.c-ind { width: ${COLUMN_PERCENT[1]}%; } .relazione col.c-peso { width: ${COLUMN_PERCENT[2]}%; }
.relazione col.c-tgt, .relazione col.c-act { width: ${COLUMN_PERCENT[3]}%; } .relazione col.c-kpi, .relazione col.c-perf { width: ${COLUMN_PERCENT[5]}%; }
.relazione tr.objective th, .relazione tr.objective td { background: ${REPORT_COLOUR.objective}; font-weight: bold; }
.relazione tr.objective.depth-0 th { font-size: 9.5pt; }
.relazione tbody th { font-weight: normal; }
.relazione td.perf, .relazione td.kpi { text-align: right; }
/* The columns' shares are fixed: where a page is narrower than the report's (the Relazione's), a band's
   word and a state's second word go to a line of their own rather than past the cell (before,
   a figure of 100% with its band's word ran 7 px over). The figures themselves hold no space to break at. */
.relazione td.num, .relazione td.perf, .relazione td.kpi { white-space: normal; }
.relazione tr.objective td.band-green, td.band-green { background: ${BAND_COLOUR.green}; }
.relazione tr.objective td.band-yellow, td.band-yellow { background: ${BAND_COLOUR.yellow}; }
.relazione tr.objective td.band-red, td.band-red { background: ${BAND_COLOUR.red}; }
.word { font-size: 7.5pt; font-weight: normal; font-style: italic; }
.icon { font-weight: normal; }
.state { color: var(--muted); font-style: italic; }
.none { color: var(--muted); }
.legend { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px 22px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; min-width: 4.6em; padding: 1px 6px; border: 1px solid; font-size: 9pt; }
.counts td:first-child { white-space: nowrap; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.notes { color: var(--muted); font-size: 8pt; margin-top: 6px; }
.oiv-note, .validated .reported, .validated-label { font-weight: normal; font-size: 8pt; } .oiv-note { color: var(--muted); }
/* The reported figure sits on the validated band's colour: in ink, as the figure above it (muted grey
   on the red and yellow bands fails the contrast a reader needs). The cell's lines may wrap: on a
   phone the by-area table has no region to scroll in, and «validato dall'OIV» on one line widened the page. */
.validated .reported { color: var(--ink); }
.by-area td.validated { white-space: normal; }
.oiv-validation .body-figure { font-weight: bold; padding: 4px 6px; display: inline-block; }
.table-scroll > table.relazione td.validated { white-space: normal; }
/* On a phone the tree's eight columns keep the width their figures need, scrolling in their region
   (before, 390 px squeezed them until figures ran over each other and the page scrolled sideways).
   The region is the containing block of the screen readers' words (.sr) inside it: else they widen the page. */
.table-scroll { overflow-x: auto; position: relative; }
.table-scroll:focus-visible { outline: 2px solid var(--head); outline-offset: 2px; }
@media screen and (max-width: 48em) {
  .summary { grid-template-columns: minmax(0, 1fr); }
  /* Columns as wide as their words (the fixed shares of a page leave «Consuntivo» wider than its column). */
  .table-scroll > table.relazione { table-layout: auto; min-width: 760px; }
  /* A table's caption is as wide as the table: kept to the region's width and in view while the
     table scrolls under it (before, it ran past the screen's edge, to be read by scrolling). */
  .table-scroll { container-type: inline-size; }
  .table-scroll > table > caption { max-width: 100cqw; position: sticky; left: 0; }
  /* There the columns widen to their figures and words, on one line, and the region scrolls. */
  .table-scroll > table.relazione td.num, .table-scroll > table.relazione td.perf, .table-scroll > table.relazione td.kpi { white-space: nowrap; }
  .table-scroll > table.wide { table-layout: auto; min-width: 560px; }
  /* A narrow table's figure and its band's word go on two lines rather than past the screen's edge. */
  table.data .num { white-space: normal; }
}
@media print {
  .table-scroll { overflow: visible; }
  @page { size: A4 landscape; margin: 14mm 10mm 14mm 10mm; }
  body { max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .table-section { break-before: page; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function chartSvg(summary: ReportSummary, legendMins: readonly Decimal[], language: Language): string {
  const words = reportText(language);
  const rowHeight = 20;
  const labelWidth = 250;
  const barWidth = 300;
  const width = labelWidth + barWidth + 90;
  const height = summary.lines.length * rowHeight + 24;
  const x = (p: number): number => labelWidth + (Math.max(0, Math.min(100, p)) / 100) * barWidth;
  const parts: string[] = [];
  for (const min of legendMins) {
    const px = x(Number(min.toString()));
    parts.push(
      `<line x1="${px}" y1="0" x2="${px}" y2="${height - 18}" stroke="${REPORT_COLOUR.cut}" stroke-dasharray="3 3"/><text x="${px}" y="${height - 6}" text-anchor="middle">${escapeHtml(percentText(min, language, 0))}</text>`,
    );
  }
  parts.push(`<text x="${labelWidth}" y="${height - 6}" text-anchor="middle">0%</text><text x="${labelWidth + barWidth}" y="${height - 6}" text-anchor="middle">100%</text>`);
  summary.lines.forEach((l, i) => {
    const y = i * rowHeight + 2;
    const short = chartLabel(l);
    parts.push(`<text x="${l.depth === 0 ? 0 : 12}" y="${y + 13}"${l.depth === 0 ? ' font-weight="bold"' : ''}>${escapeHtml(short)}</text>`);
    if (l.performance === null || l.band === null) {
      parts.push(`<text x="${labelWidth + 4}" y="${y + 13}" fill="${REPORT_COLOUR.muted}">${words.noPerformanceMark}</text>`);
      return;
    }
    const p = Number(round(l.performance, 2).toString());
    parts.push(`<rect x="${labelWidth}" y="${y + 2}" width="${Math.max(1, x(p) - labelWidth).toFixed(1)}" height="${rowHeight - 6}" fill="${BAND_COLOUR[l.band]}" stroke="${BAND_STROKE[l.band]}"/>`);
    parts.push(`<text x="${(x(p) + 4).toFixed(1)}" y="${y + 13}">${BAND_ICON[l.band]} ${escapeHtml(percentText(l.performance, language))}</text>`);
  });
  const desc = chartDescription(summary.lines, language);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px"><title id="chart-title">${words.byArea}</title><desc id="chart-desc">${escapeHtml(desc)}</desc>${parts.join('')}</svg>`;
}

export interface HtmlReportOptions extends ReportMeta {
  /** Called every few hundred rows, for a progress bar on big plans. */
  readonly onProgress?: (done: number, total: number) => void;
  /** A site's own links above the page (io/site: its skip link, which leads to `<main id="contenuto">`, and the path back to the year), already HTML. */
  readonly before?: string;
}

/** What the public plan says of the OIV's published validation, before the summary: when, and the body's figure as reported and as validated. */
function validationSectionHtml(v: ReportValidation, language: Language): string {
  const words = validationWords(v, language);
  return `<section class="oiv-validation" aria-labelledby="h-validation">
<h2 id="h-validation">${escapeHtml(words.heading)}</h2>
<p>${escapeHtml(words.intro)}</p>
${words.body === null ? '' : `<p class="body-figure${bandClass(v.body!.band)}">${escapeHtml(words.body)}</p>\n`}</section>
`;
}

/** The whole report page. */
/** "Variazioni intervenute nel corso dell'anno": every change of every revision, with its act. */
function revisionsSection(revisions: readonly ReportRevision[], language: Language): string {
  const body =
    revisions.length === 0
      ? `<p>${noRevisionsText(language)}</p>`
      : `<table class="revisions">
<caption>${revisionsCaption(language)}</caption>
<thead><tr>${revisionsColumns(language)
          .map((c) => `<th scope="col">${c}</th>`)
          .join('')}</tr></thead>
<tbody>
${revisionRows(revisions, language)
  .map((r) => `<tr>${r.map((cell, k) => (k === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td${k === REASON_COLUMN ? planLang(language) : ''}>${escapeHtml(cell)}</td>`)).join('')}</tr>`)
  .join('\n')}
</tbody>
</table>
<p class="notes">${escapeHtml(revisionsNote(revisions, language))}</p>`;
  return `<section aria-labelledby="h-revisions">
<h2 id="h-revisions">${revisionsTitle(language)}</h2>
${body}
</section>`;
}

/** The revisions table's column of the reason the office gave, its own words (revisionRows). */
const REASON_COLUMN = 3;

/** "Baseline da aggiornare": one line per baseline whose year-end actual was corrected since. */
function baselinesSection(changes: readonly ReportBaselineChange[], language: Language): string {
  return `<section aria-labelledby="h-baselines">
<h2 id="h-baselines">${escapeHtml(baselinesTitle(language))}</h2>
<ul class="baselines">
${changes.map((b) => `<li>${withPlanText(baselineChangeLine(b, language), b.name, language)}</li>`).join('\n')}
</ul>
<p class="notes">${escapeHtml(baselinesNote(language))}</p>
</section>`;
}

export function renderReportHtml(evaluation: Evaluation, options: HtmlReportOptions = {}): string {
  const plan = evaluation.plan;
  const legend = plan.settings.legend;
  // Once the OIV's validation is published, the chart, the counts and the bands follow the validated figures.
  const reportedSummary = reportSummary(evaluation);
  const summary = validatedSummary(reportedSummary, evaluation, options.validated);
  const language = options.language ?? 'it';
  const words = reportText(language);
  const computedAt = options.computedAt ?? new Date();
  const year = yearOf(options, plan.title);
  const meta: Array<[string, string]> = [];
  if (year !== undefined) meta.push([words.year, String(year)]);
  if (options.adoption !== undefined) meta.push([words.adoption, actText(options.adoption, language)]);
  if (options.period !== undefined && options.period !== '') meta.push([words.period, options.period]);
  meta.push([words.periodState, periodStateText(options)]);
  meta.push([words.computedAt, computedAtText(computedAt, language)]);

  const legendItems = legend.rules
    .map(
      (r, i) =>
        `<li><span class="swatch" style="background:${BAND_COLOUR[r.band]};border-color:${BAND_STROKE[r.band]}"><span aria-hidden="true">${BAND_ICON[r.band]}</span> ${words.band[r.band]}</span> ${escapeHtml(legendRuleText(legend, i, language))}</li>`,
    )
    .join('');

  const summaryRows = reportedSummary.lines
    .map((l) => {
      const validated = validatedOf(options.validated, l.code);
      const reported = mark(l.performance, l.band, language);
      const cell =
        validated === undefined
          ? `<td class="num${bandClass(l.band)}">${bandMark(reported, language)}</td>`
          : `<td class="num validated${bandClass(validated.band)}">${validatedFigureHtml(validated, reported.value ?? words.noPerformanceMark, language, options.validated!)}</td>`;
      return `<tr><th scope="row"${l.depth === 0 ? ' style="font-weight:bold"' : ' style="font-weight:normal;padding-left:16px"'}${planLang(language)}>${escapeHtml(`${l.code} ${l.title}`)}</th>${cell}</tr>`;
    })
    .join('');
  const countRows = legend.rules.map((r) => `<tr><td><span aria-hidden="true">${BAND_ICON[r.band]}</span> ${words.band[r.band]}</td><td class="num">${summary.counts[r.band]}</td></tr>`).join('');

  // Chromium paginates one huge table in time that grows faster than its rows (15 s for 10,000
  // indicators); cut into tables of CHUNK objectives, each repeating its header, it takes a third.
  // Normal plans stay one table; big ones show the header again at each cut.
  const chunk = evaluation.nodeResults.length > CHUNK_FROM ? CHUNK : Number.POSITIVE_INFINITY;
  const tables: string[][] = [];
  let rows: string[] = [];
  const total = evaluation.nodeResults.length;
  evaluation.nodeResults.forEach((r, n) => {
    if (n > 0 && n % chunk === 0) {
      tables.push(rows);
      rows = [];
    }
    const previous = options.previousYear;
    const legend = evaluation.plan.settings.legend;
    const prev = (value: Decimal | null | undefined): Mark | null | undefined =>
      previous === undefined ? undefined : value === undefined || value === null ? null : mark(value, classify(value, legend), language);
    let k = -1;
    for (const row of objectiveRows(r, evaluation, language))
      rows.push(rowHtml(row, row.kind === 'objective' ? prev(previous?.nodes.get(r.objective.code)) : prev(previous?.indicators.get(r.indicators[++k]!.indicator.id)), language, options.validated));
    if (options.onProgress !== undefined && (n + 1) % 500 === 0) options.onProgress(n + 1, total);
  });
  options.onProgress?.(total, total);
  tables.push(rows);

  const title = escapeHtml(plan.title);
  // Whether last year's column holds what the OIV validated: a reader comparing two years must know if one may still change.
  const previousNote = previousYearNote(options);
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Albero">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY}">
<title>${title}${options.body === undefined ? '' : ` — ${escapeHtml(options.body)}`}</title>
<style>${CSS}${FRAME_CSS}</style>
</head>
<body${chunk === Number.POSITIVE_INFINITY ? '' : ' class="compact"'}>
${options.before ?? ''}<header class="title-block">
${options.body === undefined || options.body === '' ? '' : `<p class="body"${planLang(language)}>${escapeHtml(options.body)}</p>`}
<h1${planLang(language)}>${title}</h1>
<dl>${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>
</header>
<main id="contenuto" tabindex="-1">
${options.validated === undefined ? '' : validationSectionHtml(options.validated, language)}<section aria-labelledby="h-summary">
<h2 id="h-summary">${words.summary}</h2>
<div class="summary">
<figure>
<figcaption>${words.byArea}</figcaption>
${chartSvg(
  summary,
  legend.rules.flatMap((r) => (r.min === undefined ? [] : [r.min])),
  language,
)}
</figure>
<div>
<table class="counts">
<caption>${countsCaption(summary.objectives, language)}</caption>
<thead><tr>${words.countsHeads.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>
<tbody>${countRows}<tr><td>${words.noPerformance}</td><td class="num">${summary.counts.none}</td></tr></tbody>
</table>
</div>
</div>
<table class="by-area">
<caption>${words.byArea}</caption>
<thead><tr>${words.byAreaHeads.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>
<tbody>${summaryRows}</tbody>
</table>
</section>
<section aria-labelledby="h-legend">
<h2 id="h-legend">${words.legend}</h2>
<ul class="legend">${legendItems}</ul>
</section>
<section class="table-section" aria-labelledby="h-table">
<h2 id="h-table">${words.table}</h2>
${scrollRegion(
  tableCaption(plan.title, language),
  tables
    .map(
      (part, n) => `<table class="relazione"${n === 0 ? '' : ` aria-label="${title} (${words.continued})"`}>
${n === 0 ? `<caption>${withPlanText(tableCaption(plan.title, language), plan.title, language)}</caption>\n` : ''}<colgroup><col class="c-obj"><col class="c-ind"><col class="c-peso"><col class="c-tgt"><col class="c-act"><col class="c-kpi"><col class="c-perf">${options.previousYear === undefined ? '' : '<col class="c-perf">'}</colgroup>
<thead><tr>${words.columns.map((c) => `<th scope="col">${c}</th>`).join('')}${options.previousYear === undefined ? '' : `<th scope="col">${previousYearHead(options.previousYear.year, language)}</th>`}</tr></thead>
<tbody>
${part.join('\n')}
</tbody>
</table>`,
    )
    .join('\n'),
)}
<p class="notes">${words.notes}</p>
${previousNote === undefined ? '' : `<p class="notes previous-source">${escapeHtml(previousNote)}</p>`}
</section>
${options.baselineChanges === undefined || options.baselineChanges.length === 0 ? '' : baselinesSection(options.baselineChanges, language)}
${options.revisionRegister === undefined ? '' : revisionsSection(options.revisionRegister, language)}
</main>
</body>
</html>
`;
}
