/**
 * The page of "Amministrazione trasparente › Performance" with a year's distribution of ratings and
 * bonuses in aggregate (d.lgs. 33/2013 art. 20): per staff category, a table of the bands with how
 * many people each holds and what they received in all, on average, least and most; a band of one
 * or two people shows its count and no amount (`withheld`, decided by the server); under each
 * table, the category's fund and the amount distributed (art. 20 c. 1), or why they are not. In Italian or
 * English, plain HTML without JavaScript as the other pages. Pure: the caller passes the aggregates
 * the public may read (never a person, never a distribution not made) and the addresses of the files.
 */
import { Decimal } from '../../core/index.js';
import { formatNumberIn } from '../../core/italian.js';
import type { Language } from '../../core/words.js';
import { escapeHtml, planLang, scrollRegion } from '../report/html.js';
import { PAGE_WORDS } from '../../messages/page-words.js';

/** One band of a category, as `GET /api/rewards/:year/aggregates` gives it. */
export interface SiteRewardRow {
  readonly category: string;
  readonly categoryLabel: string;
  readonly band: string;
  /** Null: no SMVP states it (shown as «—», said under the table). */
  readonly coefficient: number | null;
  readonly people: number;
  readonly totalCents: string | null;
  readonly meanCents: string | null;
  readonly minCents: string | null;
  readonly maxCents: string | null;
  readonly withheld: boolean;
  /** `small-band` (one or two people) or `complement` (withheld so that the public fund less the published bands gives nothing away: core/appraisal/disclosure.ts); null: published. */
  readonly withheldReason: 'small-band' | 'complement' | null;
  /** The row of the people with no band (no coefficient: «—», said under the page's tables). */
  readonly noBand: boolean;
}

/** A category's fund and amount distributed (art. 20 c. 1), as the aggregates give them; null amounts when `withheld`. */
export interface SiteRewardTotal {
  readonly category: string;
  readonly fundCents: string | null;
  readonly distributedCents: string | null;
  readonly withheld: boolean;
  /** `small-bands-only`: no band of three or more, two of them with a bonus, to withhold with the small ones that take a share, so the total would give theirs. */
  readonly withheldReason: 'small-bands-only' | null;
}

/** A body's year of bonuses: its rows in `language`, the message when it distributed nothing, and where its open data are. */
export interface SiteRewards {
  readonly organisation: string;
  readonly language: Language;
  readonly rows: readonly SiteRewardRow[];
  /** Each category's fund and amount distributed. */
  readonly categories: readonly SiteRewardTotal[];
  /** What a body that distributed nothing that year says (null: there are rows). */
  readonly message: string | null;
  /** The same rows as open data (CSV) and as a workbook (XLSX). */
  readonly downloads: { readonly csv: string; readonly xlsx: string };
  /** The address of the page in the other language. */
  readonly otherLanguage: string;
  /**
   * Every body whose bonuses of the year the public may read (a published plan of that year, or a
   * distribution), this one among them (`current`), each with the address of its page: an
   * installation keeping several bodies lets the reader choose one, by a link that can be shared.
   */
  readonly bodies?: readonly RewardsBody[];
}

/** A body in the choice of `SiteRewards.bodies`. */
export interface RewardsBody {
  readonly name: string;
  readonly href: string;
  readonly current: boolean;
}

const WORDS = {
  it: {
    title: (year: number) => `Distribuzione delle valutazioni e dei premi ${year}`,
    item: 'Distribuzione delle valutazioni e dei premi (art. 20 d.lgs. 33/2013)',
    lead: 'In forma aggregata, per categoria di personale e fascia di valutazione: quante persone e quanto hanno ricevuto, senza alcun nome.',
    caption: (category: string, year: number) => `${category}: persone e premi per fascia di valutazione, ${year}`,
    heads: ['Fascia', 'Coefficiente di premio', 'Persone', 'Totale premi (€)', 'Premio medio (€)', 'Premio minimo (€)', 'Premio massimo (€)'],
    withheld: 'non pubblicato',
    withheldNote: 'Per una fascia con una o due persone si pubblica solo il numero: gli importi sarebbero quelli di ciascuna (art. 20 d.lgs. 33/2013, pubblicazione in forma aggregata).',
    complementNote: (band: string) =>
      `Anche gli importi della fascia «${band}» non sono pubblicati: il fondo della categoria è pubblico, e sottraendo da esso le fasce pubblicate si ricaverebbe l’importo della fascia con una o due persone, anche quando è zero (un’assenza, una sanzione). Con essa si tiene riservata la fascia di almeno tre persone, almeno due delle quali con un premio, che ne ha meno: la differenza è allora la somma delle due, che nessuno, nemmeno chi conosce il proprio premio, può dividere.`,
    none: '—',
    notStated: 'non indicato',
    noSmvp: (year: number) => `«—» come coefficiente di premio: SMVP non adottato per il ${year}, il coefficiente della fascia non è indicato.`,
    noBandCoefficient: 'nessuna fascia',
    noBand: (label: string) =>
      `«${label}»: persone la cui scheda definitiva non ha un punteggio in alcuna fascia dello SMVP (per esempio perché nessuna componente era valutabile): non hanno un coefficiente di premio e non partecipano alla ripartizione del fondo. Sono trattate come una fascia dello 0%: come per ogni fascia, se sono una o due persone se ne pubblica solo il numero; poiché per regola non ricevono nulla, il fondo meno le fasce pubblicate non dice nulla di loro, e nessun’altra fascia è tenuta riservata per loro.`,
    totals: (fund: string, distributed: string) => `Fondo della categoria (ammontare complessivo dei premi stanziati): ${fund} €; premi effettivamente distribuiti: ${distributed} €.`,
    totalsWithheld:
      'Fondo della categoria e premi effettivamente distribuiti: non pubblicati. In questa categoria c’è una fascia di una o due persone che partecipano alla ripartizione del fondo, e nessuna fascia di tre o più persone, almeno due delle quali con un premio, può essere tenuta riservata con essa: sottraendo dal fondo le fasce pubblicate si ricaverebbero i loro importi.',
    downloads: 'Dati aperti',
    csv: 'CSV',
    xlsx: 'XLSX',
    files: 'distribuzione dei premi',
    crumb: 'Premi',
    other: { label: 'English', lang: 'en' },
    path: 'Percorso',
    bodies: 'Ente',
    choose: (year: number) => `Distribuzione dei premi ${year} di un altro ente`,
  },
  en: {
    title: (year: number) => `Distribution of ratings and bonuses ${year}`,
    item: 'Distribution of ratings and bonuses (art. 20 d.lgs. 33/2013)',
    lead: 'In aggregate, per staff category and rating band: how many people, and what they received, without any name.',
    caption: (category: string, year: number) => `${category}: people and bonuses per rating band, ${year}`,
    heads: ['Band', 'Bonus coefficient', 'People', 'Total bonuses (€)', 'Mean bonus (€)', 'Least bonus (€)', 'Largest bonus (€)'],
    withheld: 'not published',
    withheldNote: 'A band of one or two people shows only how many: its amounts would be each one’s own (art. 20 d.lgs. 33/2013 asks for them in aggregate).',
    complementNote: (band: string) =>
      `The amounts of the band “${band}” are not published either: the category’s fund is public, and less the bands published it would give the amount of the band of one or two people, even when it is nought (an absence, a sanction). The band of three or more people, at least two of them with a bonus, with the fewest people is withheld with it: the difference is then the sum of both, which no one, not even someone who knows their own bonus, can split.`,
    none: '—',
    notStated: 'not stated',
    noSmvp: (year: number) => `“—” as the bonus coefficient: no SMVP adopted for ${year}, the band’s coefficient is not stated.`,
    noBandCoefficient: 'no band',
    noBand: (label: string) =>
      `“${label}”: people whose final form has no score within any band of the SMVP (no component could be scored, say): they have no bonus coefficient and take no share of the fund. They are treated as a band of 0 % is: as for any band, when they are one or two only how many is published; since by the rule they receive nothing, the fund less the bands published says nothing of them, and no other band is withheld for them.`,
    totals: (fund: string, distributed: string) => `The category’s fund (the bonuses allotted in all): € ${fund}; bonuses actually distributed: € ${distributed}.`,
    totalsWithheld:
      'The category’s fund and the bonuses actually distributed: not published. This category has a band of one or two people who take a share of the fund, and no band of three or more people, at least two of them with a bonus, can be withheld with it: less the bands published, the fund would give their amounts.',
    downloads: 'Open data',
    csv: 'CSV',
    xlsx: 'XLSX',
    files: 'distribution of bonuses',
    crumb: 'Bonuses',
    other: { label: 'Italiano', lang: 'it' },
    path: 'Path',
    bodies: 'Body',
    choose: (year: number) => `Distribution of bonuses ${year} of another body`,
  },
} as const;

/** The index's entry of a year with a body's bonuses and no published plan, in Italian as the index. */
export const rewardsOnlyTitle = WORDS.it.item;

/**
 * The year page's line for the bonuses, in Italian as the rest of that page: the page, or what the
 * body says when it distributed nothing; and the other bodies' pages of the same year, when there are.
 */
export function rewardsItem(rewards: SiteRewards, year: number): string {
  const page = `<a href="premi.html">pagina HTML</a> <span class="sr">(distribuzione dei premi)</span>`;
  const others = (rewards.bodies ?? []).filter((b) => !b.current);
  const choice = others.length === 0 ? '' : `<br>${escapeHtml(WORDS.it.choose(year))}: ${others.map((b) => `<a href="${escapeHtml(b.href)}">${escapeHtml(b.name)}</a>`).join(', ')}`;
  return rewards.message === null
    ? `<li>${WORDS.it.item}: ${page}, ${download(rewards.downloads.csv, 'CSV', WORDS.it.files)}, ${download(rewards.downloads.xlsx, 'XLSX', WORDS.it.files)}${choice}</li>`
    : `<li>${WORDS.it.item}: <span class="missing">${escapeHtml(rewards.message)}</span> (${page})${choice}</li>`;
}

/**
 * The bodies to choose from, as links (the current one marked, not a link): plain links reach by
 * Tab, work without script, and the address each leads to names the body, to be shared.
 */
function bodyChoice(rewards: SiteRewards): string {
  const bodies = rewards.bodies ?? [];
  if (bodies.length < 2) return '';
  const w = WORDS[rewards.language];
  // The bodies' names are their own, Italian, on the English page too (planLang).
  const mark = planLang(rewards.language);
  const items = bodies.map((b) =>
    b.current ? `<li${mark}><strong aria-current="page">${escapeHtml(b.name)}</strong></li>` : `<li${mark}><a href="${escapeHtml(b.href)}">${escapeHtml(b.name)}</a></li>`,
  );
  return `<nav class="bodies" aria-label="${w.bodies}"><p>${w.bodies}:</p><ul>\n${items.join('\n')}\n</ul></nav>`;
}

/** A link to a file, its kind said to a screen reader: `CSV (file dei premi)`. */
export const download = (href: string, text: string, what: string): string => `<a href="${escapeHtml(href)}">${text}</a> <span class="sr">(${what})</span>`;

/** Cents as the language writes euros: `1.234,57` in Italian, `1,234.57` in English. */
function euros(cents: string | null, language: Language): string {
  return cents === null ? '' : formatNumberIn(new Decimal(cents).div(100), 2, language);
}

/** The body of the page (between the skip link and the end): title block, one table per category, the open data. */
export function rewardsBody(year: number, rewards: SiteRewards): string {
  const w = WORDS[rewards.language];
  const lang = rewards.language;
  const byCategory = new Map<string, SiteRewardRow[]>();
  for (const row of rewards.rows) byCategory.set(row.category, [...(byCategory.get(row.category) ?? []), row]);
  const amount = (row: SiteRewardRow, cents: string | null): string =>
    row.withheld ? `<span class="missing">${w.withheld}</span>` : cents === null ? `<span aria-label="${lang === 'it' ? 'nessuno' : 'none'}">${w.none}</span>` : euros(cents, lang);
  const coefficient = (r: SiteRewardRow): string =>
    r.coefficient === null
      ? `<span aria-label="${r.noBand ? w.noBandCoefficient : w.notStated}">${w.none}</span>`
      : `${formatNumberIn(new Decimal(r.coefficient), new Decimal(r.coefficient).decimalPlaces(), lang)}%`;
  const totals = new Map(rewards.categories.map((t) => [t.category, t]));
  const tables = [...byCategory.values()].map((rows) => {
    const label = rows[0]!.categoryLabel;
    const body = rows
      .map(
        (r) =>
          // A band's label is the body's SMVP's, Italian on the English page too (but the program's «no band»).
          `<tr><th scope="row"${r.noBand ? '' : planLang(lang)}>${escapeHtml(r.band)}</th><td class="num">${coefficient(r)}</td><td class="num">${r.people}</td><td class="num">${amount(r, r.totalCents)}</td><td class="num">${amount(r, r.meanCents)}</td><td class="num">${amount(r, r.minCents)}</td><td class="num">${amount(r, r.maxCents)}</td></tr>`,
      )
      .join('\n');
    // Said under its own table: the reader sees a band of several people without amounts and asks why.
    const complements = rows.filter((r) => r.withheldReason === 'complement').map((r) => `\n<p data-role="complement">${escapeHtml(w.complementNote(r.band))}</p>`);
    // Art. 20 c. 1: the amount allotted and the amount distributed, or why neither is given.
    const total = totals.get(rows[0]!.category);
    const sums =
      total === undefined
        ? ''
        : total.withheld || total.fundCents === null || total.distributedCents === null
          ? `\n<p data-role="totals">${escapeHtml(w.totalsWithheld)}</p>`
          : `\n<p data-role="totals">${escapeHtml(w.totals(euros(total.fundCents, lang), euros(total.distributedCents, lang)))}</p>`;
    // Seven columns of figures need more than a phone's width: the table scrolls in its own region,
    // named by its caption, rather than the page (before, 325 px sideways at 390 px).
    const table = `<table>
<caption>${escapeHtml(w.caption(label, year))}</caption>
<thead><tr>${w.heads.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
    return `<h2>${escapeHtml(label)}</h2>
${scrollRegion(w.caption(label, year), table)}${sums}${complements.join('')}`;
  });
  const withheld = rewards.rows.some((r) => r.withheldReason === 'small-band') ? `<p>${escapeHtml(w.withheldNote)}</p>` : '';
  // Once for the page: the SMVP is the body's for the year, not a table's.
  const noSmvp = rewards.rows.some((r) => r.coefficient === null && !r.noBand) ? `\n<p data-role="no-smvp">${escapeHtml(w.noSmvp(year))}</p>` : '';
  // Once too: who the row of the people with no band holds, and why it has no coefficient.
  const noBandRow = rewards.rows.find((r) => r.noBand);
  const noBand = noBandRow === undefined ? '' : `\n<p data-role="no-band">${escapeHtml(w.noBand(noBandRow.band))}</p>`;
  const content =
    rewards.message !== null
      ? `<p class="missing" data-role="message">${escapeHtml(rewards.message)}</p>`
      : `${tables.join('\n')}
${withheld}${noSmvp}${noBand}
<h2>${w.downloads}</h2>
<ul>
<li>${download(rewards.downloads.csv, w.csv, w.files)}</li>
<li>${download(rewards.downloads.xlsx, w.xlsx, w.files)}</li>
</ul>`;
  return `<header class="title-block"><p class="body"${planLang(rewards.language)}>${escapeHtml(rewards.organisation)}</p><h1>${escapeHtml(w.title(year))}</h1><p>${escapeHtml(w.lead)}</p>
<p><a href="${escapeHtml(rewards.otherLanguage)}" hreflang="${w.other.lang}" lang="${w.other.lang}">${w.other.label}</a></p>${bodyChoice(rewards)}</header>
<main id="contenuto" tabindex="-1">
${content}
</main>`;
}

/** The words of the page's frame (title, path, skip link: the web app's words) in its language. */
export function rewardsFrame(year: number, language: Language): { title: string; crumb: string; skip: string; path: string } {
  const w = WORDS[language];
  return { title: w.title(year), crumb: w.crumb, skip: PAGE_WORDS[language].skip, path: w.path };
}
