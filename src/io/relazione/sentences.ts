/**
 * The Relazione's sentences written from the data, in Italian, by fixed templates: the same data
 * give the same words, so a reader (and the OIV) can check every figure against the tables.
 * The office may replace any of them before publishing (build.ts takes its text instead).
 */
import { Decimal, formatPercent, type Band } from '../../core/index.js';

/** A band as the sentences name it: "fascia verde / gialla / rossa". */
export const FASCIA: Readonly<Record<Band, string>> = { green: 'verde', yellow: 'gialla', red: 'rossa' };

/**
 * `36` of `46` → "78,26%": two decimals, half up, as the published table writes every percentage
 * it computes (the performances, `93,00%`); one decimal here beside them read as another measure.
 */
export function share(part: number, whole: number): string {
  if (whole === 0) return formatPercent(new Decimal(0));
  return formatPercent(new Decimal(part).times(100).div(whole));
}

/**
 * The article a body's name takes after "di", by the name's first word: the common nouns Italian
 * public bodies are named by. A name that is not one of them (a city, "Roma Capitale", an acronym)
 * takes none.
 */
const ARTICLE_OF: Readonly<Record<string, 'della' | 'del' | "dell'">> = {
  camera: 'della',
  cciaa: 'della',
  regione: 'della',
  provincia: 'della',
  città: 'della',
  comunità: 'della',
  corte: 'della',
  presidenza: 'della',
  prefettura: 'della',
  scuola: 'della',
  fondazione: 'della',
  soprintendenza: 'della',
  comune: 'del',
  ministero: 'del',
  consorzio: 'del',
  consiglio: 'del',
  parco: 'del',
  politecnico: 'del',
  tribunale: 'del',
  dipartimento: 'del',
  conservatorio: 'del',
  museo: 'del',
  azienda: "dell'",
  agenzia: "dell'",
  università: "dell'",
  unione: "dell'",
  autorità: "dell'",
  istituto: "dell'",
  ente: "dell'",
  ordine: "dell'",
  ospedale: "dell'",
  accademia: "dell'",
  archivio: "dell'",
  avvocatura: "dell'",
  ateneo: "dell'",
  asl: "dell'",
};

/** "di" joined to an article the name already has: "la Camera …" → "della Camera …". */
const JOINED: Readonly<Record<string, string>> = { il: 'del', lo: 'dello', la: 'della', i: 'dei', gli: 'degli', le: 'delle' };

/**
 * "di" before a body's name, with the article Italian wants: "della Camera di Commercio di Lecce",
 * "del Comune di Prova", "dell'Università di Bari", "di Roma Capitale". A name typed with its own
 * article ("la Camera …", "l'Agenzia …") has it joined to "di".
 *
 * @example ofBody('Camera di Commercio di Esempio') // "della Camera di Commercio di Esempio"
 */
export function ofBody(name: string): string {
  const elided = /^l['’]\s*(.+)$/i.exec(name);
  if (elided !== null) return `dell'${elided[1]}`;
  const m = /^(\S+)(\s+(.+))?$/.exec(name.trim());
  if (m === null) return `di ${name}`;
  const first = m[1]!;
  const joined = m[3] === undefined ? undefined : JOINED[first.toLowerCase()];
  if (joined !== undefined) return `${joined} ${m[3]}`;
  const article = ARTICLE_OF[first.toLowerCase()];
  if (article === undefined) return `di ${name.trim()}`;
  return article === "dell'" ? `dell'${name.trim()}` : `${article} ${name.trim()}`;
}

/**
 * "uno", "due"… are not used: figures stay figures, so they match the tables. "1 obiettivo",
 * "2 obiettivi"; none is "nessun obiettivo", as a reader says it, not "0 obiettivi".
 */
export function objectives(n: number): string {
  return n === 0 ? 'nessun obiettivo' : `${n} ${n === 1 ? 'obiettivo' : 'obiettivi'}`;
}

/** A count as the subject of a sentence: "nessuno" ("nessuna" for areas) rather than "0", the figure otherwise. */
export function howMany(n: number, feminine = false): string {
  return n === 0 ? (feminine ? 'nessuna' : 'nessuno') : String(n);
}

/** Italian list: "a", "a e b", "a, b e c". */
export function joinItalian(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} e ${parts[parts.length - 1]}`;
}

export interface BandCounts {
  readonly green: number;
  readonly yellow: number;
  readonly red: number;
  /** Objectives with indicators but no performance yet. */
  readonly none: number;
}

/**
 * "Dei 46 obiettivi misurati, 36 sono in fascia verde (78,26%), 6 in fascia gialla (13,04%) e 4 in
 * fascia rossa (8,70%)." plus, when some have no performance, how many and why that matters.
 */
export function bandSentence(counts: BandCounts, bands: readonly Band[]): string {
  const measured = bands.reduce((t, b) => t + counts[b], 0);
  // Nothing measured: the objectives without a performance are all there are, not "altri" beside measured ones.
  if (measured === 0) {
    if (counts.none === 0) return 'Nessun obiettivo ha ancora una performance misurata.';
    return `Nessun obiettivo ha ancora una performance misurata: ${counts.none === 1 ? "gli indicatori dell'unico obiettivo non sono stati misurati" : `gli indicatori dei ${counts.none} obiettivi non sono stati misurati`}.`;
  }
  const parts = bands.map((b, i) => `${howMany(counts[b])}${i === 0 ? (counts[b] <= 1 ? ' è' : ' sono') : ''} in fascia ${FASCIA[b]} (${share(counts[b], measured)})`);
  let text = measured === 1 ? `Dell'unico obiettivo misurato, ${parts.join(', ')}.` : `Dei ${measured} obiettivi misurati, ${joinItalian(parts)}.`;
  if (counts.none > 0)
    text += ` ${counts.none === 1 ? 'Un altro obiettivo non ha una performance' : `Altri ${counts.none} obiettivi non hanno una performance`}: ${counts.none === 1 ? 'il suo indicatore non è stato misurato' : 'i loro indicatori non sono stati misurati'} e ${counts.none === 1 ? 'non entra' : 'non entrano'} nel conteggio.`;
  return text;
}

/** "La performance organizzativa complessiva dell'ente, media delle 3 aree strategiche, è 90,38% (fascia verde)." */
export function overallSentence(performance: Decimal | null, band: Band | null, areas: number, weighted: boolean): string {
  if (performance === null) return "La performance organizzativa complessiva dell'ente non è ancora calcolabile: nessuna area strategica ha una performance.";
  const mean = weighted ? 'media ponderata' : 'media';
  return `La performance organizzativa complessiva dell'ente, ${mean} ${areas === 1 ? "dell'unica area strategica" : `delle ${areas} aree strategiche`}, è ${formatPercent(performance)}${band === null ? '' : ` (fascia ${FASCIA[band]})`}.`;
}

/** "L'area A «Competitività…» raggiunge 90,38% (fascia verde): 8 obiettivi strategici, il più basso A.5 (30,00%)." */
export function areaSentence(code: string, title: string, performance: Decimal | null, band: Band | null, strategic: readonly { code: string; performance: Decimal | null }[]): string {
  const head = `L'area ${code} «${title}»`;
  if (performance === null) return `${head} non ha ancora una performance.`;
  let text = `${head} raggiunge ${formatPercent(performance)}${band === null ? '' : ` (fascia ${FASCIA[band]})`}`;
  const measured = strategic.filter((s) => s.performance !== null) as { code: string; performance: Decimal }[];
  if (strategic.length > 0) {
    text += `, con ${strategic.length} ${strategic.length === 1 ? 'obiettivo strategico' : 'obiettivi strategici'}`;
    if (measured.length > 1) {
      const lowest = measured.reduce((a, b) => (b.performance.lessThan(a.performance) ? b : a));
      const highest = measured.reduce((a, b) => (b.performance.greaterThan(a.performance) ? b : a));
      text += lowest.performance.equals(highest.performance)
        ? `, tutti a ${formatPercent(lowest.performance)}`
        : `: il più alto ${highest.code} (${formatPercent(highest.performance)}), il più basso ${lowest.code} (${formatPercent(lowest.performance)})`;
    }
  }
  return `${text}.`;
}

/**
 * "6 obiettivi non raggiungono pienamente il target: 4 in fascia rossa e 2 in fascia gialla." With
 * no objective measured (a year not measured yet) it says so: "all measured objectives reach the
 * target" would be true of none and read as good news.
 */
export function shortfallSentence(red: number, yellow: number, otherBelow: number, measured: number): string {
  const total = red + yellow + otherBelow;
  if (measured === 0) return 'Nessun obiettivo è ancora misurato: non si può dire quali raggiungano il target.';
  if (total === 0) return 'Tutti gli obiettivi misurati raggiungono pienamente il target.';
  const parts: string[] = [];
  if (red > 0) parts.push(`${red} in fascia rossa`);
  if (yellow > 0) parts.push(`${yellow} in fascia gialla`);
  if (otherBelow > 0) parts.push(`${otherBelow} in fascia verde pur sotto il 100%`);
  return `${total === 1 ? '1 obiettivo non raggiunge' : `${total} obiettivi non raggiungono`} pienamente il target: ${joinItalian(parts)}.`;
}

/** How many compared items went up, down or stayed as they were. */
export interface Tally {
  readonly better: number;
  readonly worse: number;
  readonly same: number;
}

/**
 * "Rispetto al 2023, delle 3 aree strategiche presenti in entrambi gli anni 1 migliora, nessuna
 * peggiora e 2 restano invariate; dei 15 obiettivi strategici 4 migliorano, 2 peggiorano e 9
 * restano invariati." The areas are counted apart, as the rest of the document counts them
 * ("3 aree strategiche, 46 obiettivi"): one count of both read as a number of objectives.
 */
export function comparisonSentence(previousYear: number | undefined, areas: Tally, strategic: Tally): string {
  const year = previousYear === undefined ? "all'anno precedente" : `al ${previousYear}`;
  const total = (t: Tally): number => t.better + t.worse + t.same;
  if (total(areas) + total(strategic) === 0) return `Rispetto ${year} nessun obiettivo è confrontabile (nessun codice con una performance in entrambi gli anni).`;
  const verbs = (t: Tally, feminine: boolean): string => {
    const verb = (n: number, one: string, many: string): string => `${howMany(n, feminine)} ${n <= 1 ? one : many}`;
    return `${verb(t.better, 'migliora', 'migliorano')}, ${verb(t.worse, 'peggiora', 'peggiorano')} e ${verb(t.same, feminine ? 'resta invariata' : 'resta invariato', feminine ? 'restano invariate' : 'restano invariati')}`;
  };
  const clauses: string[] = [];
  const both = ' presenti in entrambi gli anni';
  if (total(areas) > 0) clauses.push(`${total(areas) === 1 ? "dell'unica area strategica presente in entrambi gli anni" : `delle ${total(areas)} aree strategiche${both}`} ${verbs(areas, true)}`);
  if (total(strategic) > 0) {
    // "presenti in entrambi gli anni" once, when the areas' clause has said it already.
    const said = clauses.length > 0;
    const one = `dell'unico obiettivo strategico${said ? '' : ' presente in entrambi gli anni'}`;
    clauses.push(`${total(strategic) === 1 ? one : `dei ${total(strategic)} obiettivi strategici${said ? '' : both}`} ${verbs(strategic, false)}`);
  }
  return `Rispetto ${year}, ${clauses.join('; ')}.`;
}
