/**
 * The "Performance" pages of Amministrazione trasparente (d.lgs. 33/2013): an index of the years,
 * and per year the published plan with its values (the Albero table), the Relazione and the OIV's
 * documento di validazione (HTML, PDF, DOCX), and the open data (CSV, JSON). Plain, accessible
 * HTML without JavaScript. Pure: the caller decides what is published and passes only that (the
 * CLI from files, the server from the store); nothing here reads notes or evidence, which the
 * renderers never print.
 */
import type { Evaluation } from '../../core/index.js';
import { CSV_COLUMN_MEANINGS, CSV_COLUMNS, openDataCsv, openDataJson } from '../opendata/index.js';
import { CSS, escapeHtml } from '../report/html.js';
import { renderReportHtml } from '../report/index.js';
import { actText, type ReportAct, type ReportRevision } from '../report/revisions.js';
import { notClosedText, targetsOnlyText } from '../report/texts.js';
import type { ReportValidation } from '../report/validated.js';
import { FRAME_CSS, renderRelazione, renderRelazioneHtml, type RelazioneDocument, type RelazioneFormat } from '../relazione/index.js';
import type { Language } from '../../core/words.js';
import { PAGE_WORDS } from '../../messages/page-words.js';
import { download, rewardsBody, rewardsFrame, rewardsItem, rewardsOnlyTitle, type SiteRewards } from './rewards.js';

export type { RewardsBody, SiteRewardRow, SiteRewardTotal, SiteRewards } from './rewards.js';

export interface SiteYear {
  /** The folder of the year's pages (a plan id, or "2024"). */
  readonly slug: string;
  readonly year: number;
  readonly planTitle: string;
  readonly body?: string;
  /** The plan with the values the public may see; null: no period published yet. */
  readonly evaluation: Evaluation | null;
  /** e.g. "Periodo al 31/12/2024". */
  readonly period?: string;
  /** The period's state in words ("validato dall'OIV"); absent: the values were computed from a file. */
  readonly periodState?: string;
  /**
   * The period is still taking values (published by the controller, or `albero site --targets-only`):
   * `evaluation` is the plan without values (its targets), and the year's page says the results are not available yet.
   */
  readonly targetsOnly?: boolean;
  /** With `targetsOnly`: the plan was archived before the period was closed, so no result will be published (the page says so). */
  readonly notClosedWhenArchived?: boolean;
  /**
   * The year end reopened by the office after the OIV validated it, read as validated: the sentence
   * saying so (`reopenedValidatedText`), which the year's page prints under the plan.
   */
  readonly reopened?: string;
  /** What dati.json says of the period beside its state in words (`ReportMeta.periodDates`); absent: computed from a file. */
  readonly periodDates?: { readonly validatedAt: string | null; readonly reopenedAt: string | null };
  /** The act that adopted the plan; absent: not adopted, or a plan read from a file. */
  readonly adoption?: ReportAct;
  /** The plan's register of revisions, which the plan's page discloses; absent: a plan read from a file, which has none. */
  readonly revisionRegister?: readonly ReportRevision[];
  readonly relazione?: RelazioneDocument;
  readonly validation?: RelazioneDocument;
  /**
   * The OIV's validation once published (validated, or with reservations), where it changes a figure
   * of `evaluation`: the plan's page and the open data state the validated figures beside the reported ones.
   */
  readonly validated?: ReportValidation;
  /**
   * The body's distribution of ratings and bonuses that year (art. 20), in aggregate; absent where
   * there is none to read: `albero site` reads plan files, and the distribution is made on the
   * server from HR's final forms, which only its database holds.
   */
  readonly rewards?: SiteRewards;
}

export const SITE_MEDIA_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const PAGE_CSS = `body { max-width: 60em; } main li { margin: 4px 0; } .missing { color: var(--muted); font-style: italic; } a { color: #1f4e79; }
${FRAME_CSS}`;

/** The page's language and the words of its frame: Italian, but for the bonuses' page read in English. */
interface Frame {
  readonly lang: Language;
  readonly skip: string;
  readonly path: string;
}

const ITALIAN: Frame = { lang: 'it', skip: PAGE_WORDS.it.skip, path: 'Percorso' };

/** The skip link and the path above every page of the site, the Relazione's and the validation's too. */
function pageTop(crumbs: string, frame: Frame = ITALIAN): string {
  return `<a class="skip" href="#contenuto">${frame.skip}</a>
<nav class="crumbs" aria-label="${frame.path}">${crumbs}</nav>`;
}

/** `body` holds the page's `<main id="contenuto">`, where the skip link leads past the path. */
function page(title: string, body: string, crumbs: string, frame: Frame = ITALIAN): string {
  return `<!doctype html>
<html lang="${frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Albero">
<title>${escapeHtml(title)}</title>
<style>${CSS}${PAGE_CSS}</style>
</head>
<body>
${pageTop(crumbs, frame)}
${body}
</body>
</html>
`;
}

/** A body's bonuses of a year whose plan is not published (art. 20 is an obligation of its own): the index links them too. */
export interface SiteRewardsOnly {
  readonly year: number;
  readonly body: string;
  readonly href: string;
}

/**
 * The index of the years, newest first. `prefix`: where the years' folders are ('' beside the index).
 * With more than one body, each year says whose it is.
 */
export function siteIndex(years: readonly SiteYear[], options: { body?: string; prefix?: string; rewardsOnly?: readonly SiteRewardsOnly[] } = {}): string {
  const sorted = [...years].sort((a, b) => b.year - a.year || a.slug.localeCompare(b.slug));
  const rewardsOnly = options.rewardsOnly ?? [];
  const bodies = new Set([...sorted.map((y) => y.body), ...rewardsOnly.map((r) => r.body)].filter((b) => b !== undefined));
  const whose = (body: string | undefined): string => (bodies.size > 1 && body !== undefined ? ` (${body})` : '');
  const entries = [
    ...sorted.map((y) => ({
      year: y.year,
      html: `<li><a href="${escapeHtml(`${options.prefix ?? ''}${encodeURIComponent(y.slug)}/index.html`)}">${escapeHtml(`${y.year} — ${y.planTitle}${whose(y.body)}`)}</a></li>`,
    })),
    ...rewardsOnly.map((r) => ({ year: r.year, html: `<li><a href="${escapeHtml(r.href)}">${escapeHtml(`${r.year} — ${rewardsOnlyTitle}${whose(r.body)}`)}</a></li>` })),
  ];
  // Stable: within a year the plans first, then the bonuses of the bodies without one.
  const items = entries
    .sort((a, b) => b.year - a.year)
    .map((e) => e.html)
    .join('\n');
  const body = options.body ?? sorted.find((y) => y.body !== undefined)?.body ?? (bodies.size === 1 ? [...bodies][0] : undefined);
  return page(
    'Amministrazione trasparente — Performance',
    `<header class="title-block">${body === undefined ? '' : `<p class="body">${escapeHtml(body)}</p>`}<h1>Performance</h1><p>Piano, Relazione sulla performance, validazione dell'OIV e dati aperti, per anno.</p></header>
<main id="contenuto" tabindex="-1">
${entries.length === 0 ? '<p class="missing">Nessun anno pubblicato.</p>' : `<ul>\n${items}\n</ul>`}
</main>`,
    '<span>Amministrazione trasparente</span> › <span>Performance</span>',
  );
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The year's page: what is published, and plainly what is not yet. */
export function yearPage(y: SiteYear): string {
  const items: string[] = [];
  items.push(
    y.evaluation === null
      ? `<li>Piano della performance: <span class="missing">nessun valore ancora pubblicato</span></li>`
      : `<li>Piano della performance${y.targetsOnly === true ? '' : ' con i risultati'}${y.period === undefined ? '' : ` (${escapeHtml(y.period)})`}: ${download('piano.html', 'pagina HTML', 'Albero della performance')}${
          y.targetsOnly === true
            ? y.notClosedWhenArchived === true
              ? `<br><strong>${escapeHtml(capitalised(notClosedText()))}</strong>. Il piano mostra gli obiettivi, gli indicatori, i pesi, i target e le baseline adottati; archiviato, non raccoglie più valori.`
              : `<br><strong>${escapeHtml(capitalised(targetsOnlyText()))}</strong>. Il piano mostra gli obiettivi, gli indicatori, i pesi, i target e le baseline adottati; i risultati saranno pubblicati alla chiusura del periodo.`
            : y.reopened === undefined
              ? ''
              : `<br><strong>${escapeHtml(capitalised(y.reopened))}</strong>.`
        }</li>`,
  );
  items.push(
    y.relazione === undefined
      ? `<li>Relazione sulla performance: <span class="missing">non ancora pubblicata</span></li>`
      : `<li>Relazione sulla performance: ${download('relazione.html', 'HTML', 'Relazione')}, ${download('relazione.pdf', 'PDF', 'Relazione')}, ${download('relazione.docx', 'DOCX', 'Relazione')}</li>`,
  );
  items.push(
    y.validation === undefined
      ? `<li>Documento di validazione dell'OIV: <span class="missing">non disponibile</span></li>`
      : `<li>Documento di validazione dell'OIV: ${download('validazione.html', 'HTML', 'validazione')}, ${download('validazione.pdf', 'PDF', 'validazione')}, ${download('validazione.docx', 'DOCX', 'validazione')}</li>`,
  );
  if (y.rewards !== undefined) items.push(rewardsItem(y.rewards, y.year));
  if (y.evaluation !== null)
    items.push(
      `<li>Dati aperti: ${download('dati.csv', 'CSV', 'dati aperti')}, ${download('dati.json', 'JSON', 'dati aperti')} — ${download('colonne.html', 'descrizione delle colonne', 'dati aperti')}</li>`,
    );
  return page(
    `Performance ${y.year} — ${y.planTitle}`,
    `<header class="title-block">${y.body === undefined ? '' : `<p class="body">${escapeHtml(y.body)}</p>`}<h1>Performance ${y.year}</h1><p>${escapeHtml(y.planTitle)}${
      y.adoption === undefined ? '' : `, adottato con ${escapeHtml(actText(y.adoption))}`
    }</p></header>
<main id="contenuto" tabindex="-1">
<h2>Documenti pubblicati</h2>
<ul>
${items.join('\n')}
</ul>
</main>`,
    `<a href="../index.html">Performance</a> › <span>${y.year}</span>`,
  );
}

/**
 * What each column of `dati.csv` means, in Italian, for the reader who opens the file: the format
 * (separator, decimal comma, dates), the rows, each column with its unit, and the N.V. mark.
 */
/** A column's name as the columns' page writes it: a line may break after each underscore, and nowhere else. */
export const columnName = (name: string): string => escapeHtml(name).replaceAll('_', '_<wbr>');

export function columnsPage(y: SiteYear): string {
  const rows = CSV_COLUMNS.map((c) => {
    const d = CSV_COLUMN_MEANINGS[c];
    // A long name may go on after its underscore on a phone (`performance_obiettivo` pushed the table 2 px past the page).
    return `<tr><th scope="row"><code>${columnName(c)}</code></th><td>${d.rows === 'entrambe' ? 'obiettivo e indicatore' : d.rows}</td><td>${escapeHtml(d.meaning)}</td></tr>`;
  }).join('\n');
  return page(
    `Dati aperti ${y.year}: descrizione delle colonne`,
    `<header class="title-block">${y.body === undefined ? '' : `<p class="body">${escapeHtml(y.body)}</p>`}<h1>Dati aperti ${y.year}: descrizione delle colonne</h1><p>${escapeHtml(y.planTitle)}</p></header>
<main id="contenuto" tabindex="-1">
<h2>Il file</h2>
<ul>
<li><a href="dati.csv">dati.csv</a>: testo UTF-8, campi separati da punto e virgola (;), una riga di intestazione con i nomi delle colonne qui sotto.</li>
<li>Una riga per ogni obiettivo (tipo "obiettivo"), seguita da una riga per ciascuno dei suoi indicatori (tipo "indicatore"); un campo vuoto vuol dire "nessuno".</li>
<li>Numeri con la virgola decimale e senza separatore delle migliaia (1587,1); percentuali e performance in punti percentuali senza il segno % (93 vuol dire 93%); date nella forma AAAA-MM-GG; sì/no scritti "sì" e "no".</li>
<li><strong>N.V.</strong> (non valutabile): un indicatore che non si è potuto valutare, per il motivo scritto nella colonna motivo_nv; non entra nella media del suo obiettivo, che è calcolata sugli altri.</li>
<li><a href="dati.json">dati.json</a> contiene gli stessi valori in formato JSON, con i numeri come numeri e le date nella stessa forma.</li>
</ul>
<h2>Le colonne</h2>
<table>
<caption>Colonne di dati.csv: nome, righe in cui è compilata, significato</caption>
<thead><tr><th scope="col">Colonna</th><th scope="col">Righe</th><th scope="col">Significato</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>`,
    `<a href="../index.html">Performance</a> › <a href="index.html">${y.year}</a> › <span>Colonne dei dati aperti</span>`,
  );
}

/**
 * The year's distribution of ratings and bonuses, in the language of `rewards`. `yearPage`: the
 * address of the year's page in the path ('index.html' beside it; null: the body published no plan
 * that year, whose bonuses are read all the same, art. 20 being an obligation of its own).
 */
export function rewardsPage(year: number, rewards: SiteRewards, yearPage: string | null = 'index.html'): string {
  const frame = rewardsFrame(year, rewards.language);
  const crumb = yearPage === null ? `<span>${year}</span>` : `<a href="${escapeHtml(yearPage)}">${year}</a>`;
  return page(frame.title, rewardsBody(year, rewards), `<a href="/trasparenza/index.html">Performance</a> › ${crumb} › <span>${frame.crumb}</span>`, {
    lang: rewards.language,
    skip: frame.skip,
    path: frame.path,
  });
}

/** The names of a year's files, as published. */
export function yearFiles(y: SiteYear): string[] {
  const names = ['index.html'];
  if (y.evaluation !== null) names.push('piano.html', 'dati.csv', 'dati.json', 'colonne.html');
  if (y.relazione !== undefined) names.push('relazione.html', 'relazione.pdf', 'relazione.docx');
  if (y.validation !== undefined) names.push('validazione.html', 'validazione.pdf', 'validazione.docx');
  if (y.rewards !== undefined) names.push('premi.html');
  return names;
}

/** One file of the year's folder, or undefined when it is not published. */
export async function yearFile(y: SiteYear, name: string): Promise<Uint8Array | undefined> {
  if (!yearFiles(y).includes(name)) return undefined;
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  const meta = {
    ...(y.body === undefined ? {} : { body: y.body }),
    year: y.year,
    ...(y.period === undefined ? {} : { period: y.period }),
    ...(y.periodState === undefined ? {} : { periodState: y.periodState }),
    ...(y.periodDates === undefined ? {} : { periodDates: y.periodDates }),
    ...(y.adoption === undefined ? {} : { adoption: y.adoption }),
    ...(y.revisionRegister === undefined ? {} : { revisionRegister: y.revisionRegister }),
    ...(y.validated === undefined ? {} : { validated: y.validated }),
  };
  if (name === 'index.html') return text(yearPage(y));
  if (name === 'piano.html')
    return text(
      renderReportHtml(y.evaluation!, { ...meta, before: `${pageTop(`<a href="../index.html">Performance</a> › <a href="index.html">${y.year}</a> › <span>Piano della performance</span>`)}\n` }),
    );
  if (name === 'dati.csv') return text(openDataCsv(y.evaluation!, y.validated));
  if (name === 'colonne.html') return text(columnsPage(y));
  if (name === 'premi.html') return text(rewardsPage(y.year, y.rewards!));
  if (name === 'dati.json') return text(`${JSON.stringify(openDataJson(y.evaluation!, meta, []), null, 2)}\n`);
  const [kind, ext] = name.split('.') as [string, RelazioneFormat];
  const doc = kind === 'relazione' ? y.relazione! : y.validation!;
  // The pages read on the site have its way back to the year, as its other pages; the downloads are documents.
  if (ext === 'html') {
    const crumb = kind === 'relazione' ? 'Relazione sulla performance' : "Documento di validazione dell'OIV";
    return text(renderRelazioneHtml(doc, { before: `${pageTop(`<a href="../index.html">Performance</a> › <a href="index.html">${y.year}</a> › <span>${escapeHtml(crumb)}</span>`)}\n` }));
  }
  return renderRelazione(doc, ext);
}
