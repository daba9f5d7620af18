/**
 * The Relazione sulla performance of a plan year, following the structure of the Dipartimento
 * della Funzione Pubblica's guidelines n. 3/2018, built from the evaluation and the office's texts:
 *
 *   1 Presentazione e sintesi · 2 Contesto e risorse · 3 Performance organizzativa (ente, aree,
 *   obiettivi con l'Albero, non raggiunti, variazioni, confronto) · 4 Dati di sintesi ·
 *   5 Performance individuale · 6 Processo · 7 Validazione dell'OIV (once there is one)
 *
 * Pure: data in, a `RelazioneDocument` out. Parts whose data Albero does not hold (causes,
 * revisions, the previous year) take the office's text, and say plainly that the data are missing
 * when there is none; they fill themselves when the caller passes the data.
 */
import {
  bodyPerformance,
  classify,
  Decimal,
  differsFromChildren,
  formatItalianDate,
  formatPercent,
  planSize,
  round,
  type Band,
  type Evaluation,
  ValidatedReading,
  type ObjectiveResult,
} from '../../core/index.js';
import { BAND_ICON } from '../report/bands.js';
import { computedAtText, yearOf, type ReportMeta } from '../report/meta.js';
import { mark, objectiveRows, type ReportRow } from '../report/rows.js';
import { actText } from '../report/revisions.js';
import { reportText } from '../report/texts.js';
import { parseMarkup } from './markup.js';
import { plain, type Block, type Cell, type Column, type RelazioneDocument, type Section } from './model.js';
import { areaSentence, bandSentence, comparisonSentence, FASCIA, objectives, ofBody, overallSentence, share, shortfallSentence, type BandCounts } from './sentences.js';
import { isFrozen } from '../../contract/relazione-states.js';
import { OUTCOME_WORDS, STATE_WORDS, type ValidationRecord } from './validation.js';
import { compareNames } from '../../core/names.js';
import type { OrgSource } from '../../core/appraisal/organisation.js';
import { previousYearSourceText, previousYearStructureText, previousYearUnpublishedText, type PreviousYearPlan } from '../../messages/relazione.js';
import { formatCents, type IndividualFigures } from '../../core/appraisal/index.js';
import { bonusSentence, categoriesText, INDIVIDUAL_WORDS, individualSentences } from '../../messages/relazione-individual.js';

/** Why an objective fell short and what is being done (DFP guideline n. 2/2017). */
export interface ObjectiveCause {
  /** e.g. "esterna", "interna", "indicatore mal costruito". */
  readonly kind?: string;
  readonly cause: string;
  readonly action: string;
}

/** A recorded change of the adopted plan during the year. */
export interface PlanRevision {
  /** ISO date. */
  readonly date: string;
  /** The approving act, e.g. "Delibera di Giunta n. 45 del 15/07/2024". */
  readonly act?: string;
  readonly reason: string;
  /** What changed, in words ("A.2.1: target 60,00% → 55,00%"). */
  readonly changes: readonly string[];
}

export interface RelazioneInput extends ReportMeta {
  /** The office's texts by section key (markup, see markup.ts). */
  readonly texts?: Readonly<Record<string, string | undefined>>;
  /** The organisation unit of each objective (code → unit name). */
  readonly units?: ReadonlyMap<string, string>;
  /** Causes and corrective actions by objective code; undefined: Albero holds none yet. */
  readonly causes?: ReadonlyMap<string, ObjectiveCause>;
  /** The plan's revisions; undefined: Albero holds no register of revisions for this plan. */
  readonly revisions?: readonly PlanRevision[];
  /** The previous year's computed plan, compared by objective code. */
  readonly previous?: PreviousYearFigures;
  /**
   * The previous year's, when its plan is not published and the reader is the public: the comparison
   * says so in place of its figures (`previous` is then absent).
   */
  readonly previousUnpublished?: number;
  /** The OIV's validation, once the Relazione has been transmitted. */
  readonly validation?: ValidationRecord;
  /**
   * The year's appraisal forms and bonuses in aggregate (section 5), as read now or as a validation
   * kept them; undefined: none to report (no form, or a Relazione validated before they were kept).
   */
  readonly individual?: IndividualFigures;
}

/** Last year's figures the comparison reads (section 3.6). */
export interface PreviousYearFigures {
  readonly year?: number;
  /** Last year's objectives by code (a computed plan, or the figures a validation kept of it). */
  readonly evaluation: PreviousObjectives;
  /**
   * Where they come from: the values the OIV validated with last year's Relazione, or the reported
   * ones while it is not validated; said under the comparison. Absent: not known (a file given on
   * the command line), and nothing is said.
   */
  readonly source?: OrgSource;
  /**
   * The plan they are of and how it was found (by next-year, or by body and year). Absent: not known
   * (a file on the command line, a validation kept before it was told), and nothing more is said.
   */
  readonly plan?: PreviousYearPlan;
}

/** Whether an objective is at the level the comparison reads: an area or a strategic objective. */
export const comparedLevel = (code: string): boolean => code.split('.').length <= 2;

/**
 * The objectives of that level the comparison cannot match by code: this year's without one last year,
 * last year's without one this year (from `previous.plan`; none when it is not known). Said, never
 * paired by guess: a renumbered objective may be another one.
 */
export function unmatchedObjectives(evaluation: Evaluation, previous: PreviousYearFigures): { current: { code: string; title: string }[]; previous: { code: string; title: string }[] } {
  if (previous.plan === undefined) return { current: [], previous: [] };
  const current = evaluation.nodeResults.filter((r) => comparedLevel(r.objective.code) && previous.evaluation.node(r.objective.code) === undefined);
  return {
    current: current.map((r) => ({ code: r.objective.code, title: r.objective.title })),
    previous: previous.plan.objectives.filter((o) => evaluation.node(o.code) === undefined).map((o) => ({ code: o.code, title: o.title })),
  };
}

/** What the comparison reads of last year's objectives: each one's performance and band, by code. */
export interface PreviousObjectives {
  node(code: string): { readonly performance: Decimal | null; readonly band: Band | null } | undefined;
}

/** The keys of the sections the office writes (or may rewrite), in the document's order. */
export const TEXT_KEYS = [
  'presentazione',
  'sintesi',
  'contesto-esterno',
  'contesto-interno',
  'risorse',
  'performance-ente',
  'performance-aree',
  'albero',
  'non-raggiunti',
  'variazioni',
  'confronto',
  'performance-individuale',
  'processo',
] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

/** The sections whose first paragraphs are written from the data (the office may replace them). */
export const GENERATED_KEYS: readonly TextKey[] = ['sintesi', 'performance-ente', 'performance-aree', 'albero', 'non-raggiunti', 'confronto'];

const MISSING = 'Sezione non ancora compilata.';

interface Figures {
  readonly counts: BandCounts;
  readonly bands: readonly Band[];
  readonly areas: readonly ObjectiveResult[];
  readonly overall: Decimal | null;
  readonly overallBand: Band | null;
  readonly weightedAreas: boolean;
  /** Objectives scored on their own indicators (the ones counted per band). */
  readonly scored: readonly ObjectiveResult[];
  readonly shortfalls: readonly ObjectiveResult[];
}

function figures(evaluation: Evaluation): Figures {
  const legend = evaluation.plan.settings.legend;
  const bands = legend.rules.map((r) => r.band);
  const counts = { green: 0, yellow: 0, red: 0, none: 0 };
  const scored: ObjectiveResult[] = [];
  for (const r of evaluation.nodeResults) {
    if (r.basis !== 'indicators') continue;
    scored.push(r);
    counts[r.band ?? 'none']++;
  }
  const areas = evaluation.nodeResults.filter((r) => r.objective.parent === null);
  const { performance: overall, weighted: weightedAreas } = bodyPerformance(evaluation);
  const shortfalls = scored.filter((r) => r.performance !== null && r.performance.lessThan(100));
  return { counts, bands, areas, overall, overallBand: classify(overall, legend), weightedAreas, scored, shortfalls };
}

/** The office's text for `key` as blocks, or null when it wrote none. */
function typed(input: RelazioneInput, key: TextKey): Block[] | null {
  const text = input.texts?.[key];
  if (text === undefined || text.trim() === '') return null;
  return parseMarkup(text);
}

const generated = (text: string): Block => ({ kind: 'paragraph', spans: plain(text), role: 'generated' });
const notice = (text: string): Block => ({ kind: 'paragraph', spans: plain(text), role: 'notice' });
const note = (text: string): Block => ({ kind: 'paragraph', spans: plain(text), role: 'note' });

/** The generated sentences of each generated section, as the office sees them before editing. */
export function generatedTexts(evaluation: Evaluation, input: RelazioneInput = {}): Record<string, string> {
  const f = figures(evaluation);
  return {
    sintesi: summarySentences(f, evaluation).join('\n\n'),
    'performance-ente': [overallSentence(f.overall, f.overallBand, f.areas.length, f.weightedAreas), bandSentence(f.counts, f.bands)].join('\n\n'),
    'performance-aree': f.areas.map((a) => areaSentence(a.objective.code, a.objective.title, a.performance, a.band, strategicOf(evaluation, a))).join('\n\n'),
    albero: alberoSentence(evaluation),
    'non-raggiunti': shortfallText(f),
    ...(input.previous === undefined ? {} : { confronto: comparison(evaluation, input).sentence }),
  };
}

function strategicOf(evaluation: Evaluation, area: ObjectiveResult): { code: string; performance: Decimal | null }[] {
  return evaluation.children(area.objective.code).map((c) => ({ code: c.objective.code, performance: c.performance }));
}

function summarySentences(f: Figures, evaluation: Evaluation): string[] {
  const { indicators } = planSize(evaluation.plan);
  return [
    `Il piano comprende ${f.areas.length} ${f.areas.length === 1 ? 'area strategica' : 'aree strategiche'}, ${objectivesPhrase(evaluation)} e ${indicators === 0 ? 'nessun indicatore' : indicators === 1 ? '1 indicatore' : `${indicators} indicatori`}.`,
    overallSentence(f.overall, f.overallBand, f.areas.length, f.weightedAreas),
    bandSentence(f.counts, f.bands),
    // With nothing measured the band sentence has said so already.
    ...(f.scored.some((r) => r.performance !== null) ? [shortfallText(f)] : []),
  ];
}

/**
 * The objectives under the areas, by level when the plan has only the usual two: the areas are
 * named apart in the same sentence, and counting them as objectives too ("49 obiettivi in tutto"
 * for the 2024 plan's 46) did not match the totals of §4.1.
 */
function objectivesPhrase(evaluation: Evaluation): string {
  let strategic = 0;
  let operational = 0;
  let other = 0;
  for (const node of evaluation.plan.nodes) {
    if (node.parent === null) continue;
    if (node.level === 'strategic') strategic++;
    else if (node.level === 'operational') operational++;
    else other++;
  }
  const count = (n: number, one: string, many: string): string => (n === 1 ? `1 ${one}` : `${n} ${many}`);
  const all = objectives(planSize(evaluation.plan).objectives);
  if (other > 0 || strategic === 0 || operational === 0) return all;
  return `${all} (${count(strategic, 'strategico', 'strategici')} e ${count(operational, 'operativo', 'operativi')})`;
}

function alberoSentence(evaluation: Evaluation): string {
  return `La tabella riporta, per ciascun obiettivo di «${evaluation.plan.title}», gli indicatori con peso, target, consuntivo e performance; la fascia di ogni performance è scritta a parole accanto al colore, secondo la legenda.`;
}

function shortfallText(f: Figures): string {
  const red = f.shortfalls.filter((r) => r.band === 'red').length;
  const yellow = f.shortfalls.filter((r) => r.band === 'yellow').length;
  const measured = f.scored.filter((r) => r.performance !== null).length;
  return shortfallSentence(red, yellow, f.shortfalls.length - red - yellow, measured);
}

function textSection(input: RelazioneInput, key: TextKey, number: string, title: string, fallback: Block[] = [notice(MISSING)]): Section {
  return { key, number, title, blocks: typed(input, key) ?? fallback, sections: [] };
}

/** Generated sentences (or the office's replacement) followed by the section's data blocks. */
function generatedSection(input: RelazioneInput, key: TextKey, number: string, title: string, sentences: readonly string[], data: readonly Block[]): Section {
  return { key, number, title, blocks: [...(typed(input, key) ?? sentences.map(generated)), ...data], sections: [] };
}

const COUNT_COLUMNS: readonly Column[] = [
  { title: 'Fascia', width: 50 },
  { title: 'Obiettivi', width: 25, align: 'right' },
  { title: 'Quota dei misurati', width: 25, align: 'right' },
];

function bandCountTable(f: Figures): Block {
  const measured = f.bands.reduce((t, b) => t + f.counts[b], 0);
  const rows: Cell[][] = f.bands.map((b) => [{ text: `${BAND_ICON[b]} Fascia ${FASCIA[b]}`, header: true, band: b }, { text: String(f.counts[b]) }, { text: share(f.counts[b], measured) }]);
  // The share column is of the measured objectives: their subtotal takes the 100%, and the total,
  // which counts those without a performance too, takes none ("Totale 46 … 100,00%" of 45 measured
  // read as a share of what the column does not count).
  rows.push([
    { text: 'Totale misurati', header: true, bold: true },
    { text: String(measured), bold: true },
    { text: measured === 0 ? '—' : share(measured, measured), bold: true },
  ]);
  rows.push([{ text: 'Senza performance', header: true, muted: true }, { text: String(f.counts.none) }, { text: '—' }]);
  rows.push([
    { text: 'Totale', header: true, bold: true },
    { text: String(measured + f.counts.none), bold: true },
    { text: '—', bold: true },
  ]);
  return { kind: 'table', caption: 'Obiettivi per fascia di performance', columns: COUNT_COLUMNS, rows };
}

function areaTable(evaluation: Evaluation): Block {
  const rows: Cell[][] = [];
  for (const area of evaluation.nodeResults.filter((r) => r.objective.parent === null)) {
    rows.push([
      { text: `${area.objective.code} ${area.objective.title}`, header: true, bold: true },
      { text: '', mark: mark(area.performance, area.band) },
    ]);
    for (const s of evaluation.children(area.objective.code))
      rows.push([
        { text: `${s.objective.code} ${s.objective.title}`, header: true, indent: 1 },
        { text: '', mark: mark(s.performance, s.band) },
      ]);
  }
  return {
    kind: 'table',
    caption: 'Performance per area strategica e per obiettivo strategico',
    columns: [
      { title: 'Area / obiettivo strategico', width: 75 },
      { title: 'Performance', width: 25, align: 'right' },
    ],
    rows,
  };
}

function alberoRows(evaluation: Evaluation): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const r of evaluation.nodeResults) for (const row of objectiveRows(r, evaluation)) rows.push(row);
  return rows;
}

function shortfallSection(input: RelazioneInput, f: Figures): Section {
  const causes = input.causes;
  const blocks: Block[] = [...(typed(input, 'non-raggiunti') ?? [generated(shortfallText(f))])];
  if (f.shortfalls.length > 0) {
    const rows: Cell[][] = f.shortfalls.map((r) => {
      const c = causes?.get(r.objective.code);
      // A green objective below 100% is not asked for its variance (the server refuses one:
      // variance-not-short): its empty cells say so, not that the office failed to find the cause.
      const green = c === undefined && r.band === 'green';
      return [
        { text: `${r.objective.code} ${r.objective.title}`, header: true },
        { text: '', mark: mark(r.performance, r.band) },
        c === undefined
          ? { text: green ? `non richiesta in fascia ${FASCIA.green}` : 'non rilevata', muted: true }
          : { text: c.kind === undefined || c.kind === '' ? c.cause : `${c.kind}: ${c.cause}` },
        c === undefined || c.action === '' ? { text: green ? `non richieste in fascia ${FASCIA.green}` : 'non indicata', muted: true } : { text: c.action },
      ];
    });
    blocks.push({
      kind: 'table',
      caption: 'Obiettivi che non raggiungono pienamente il target',
      columns: [
        // Wide enough for "Performance" and "● 93,00% verde" on one line each in Word and LibreOffice.
        { title: 'Obiettivo', width: 32 },
        { title: 'Performance', width: 20, align: 'right' },
        { title: 'Causa dello scostamento', width: 24 },
        { title: 'Azioni correttive', width: 24 },
      ],
      rows,
    });
    if (causes === undefined) blocks.push(notice('Le cause degli scostamenti e le azioni correttive non sono ancora registrate in Albero per questo piano: dove mancano, la tabella lo dice.'));
  }
  return { key: 'non-raggiunti', number: '3.4', title: 'Obiettivi non raggiunti: cause e azioni correttive', blocks, sections: [] };
}

function revisionsSection(input: RelazioneInput): Section {
  const own = typed(input, 'variazioni') ?? [];
  const blocks: Block[] = [];
  if (input.revisions === undefined) {
    blocks.push(...own);
    if (own.length === 0) blocks.push(notice("Il registro delle variazioni del piano non è disponibile in Albero per questo piano e l'ufficio non ha descritto variazioni."));
  } else if (input.revisions.length === 0) {
    blocks.push(generated("Nel corso dell'anno il piano non ha avuto variazioni."), ...own);
  } else {
    // The office's text follows the sentence from the register, as a comment on it, before the table.
    blocks.push(
      generated(`Nel corso dell'anno il piano ha avuto ${input.revisions.length === 1 ? 'una variazione, riportata' : `${input.revisions.length} variazioni, riportate`} nella tabella.`),
      ...own,
    );
    blocks.push({
      kind: 'table',
      caption: "Variazioni del piano nel corso dell'anno",
      columns: [
        { title: 'Data', width: 12 },
        { title: 'Atto', width: 22 },
        { title: 'Motivo', width: 28 },
        { title: 'Modifiche', width: 38 },
      ],
      rows: input.revisions.map((r) => [{ text: formatItalianDate(r.date), header: true }, { text: r.act ?? '' }, { text: r.reason }, { text: r.changes.join('; ') }]),
    });
  }
  return { key: 'variazioni', number: '3.5', title: "Variazioni del piano nel corso dell'anno", blocks, sections: [] };
}

interface Comparison {
  readonly sentence: string;
  readonly rows: Cell[][];
}

function comparison(evaluation: Evaluation, input: RelazioneInput): Comparison {
  const previous = input.previous!;
  const areas = { better: 0, worse: 0, same: 0 };
  const strategic = { better: 0, worse: 0, same: 0 };
  const rows: Cell[][] = [];
  for (const r of evaluation.nodeResults) {
    if (!comparedLevel(r.objective.code)) continue;
    const before = previous.evaluation.node(r.objective.code);
    if (before === undefined || before.performance === null || r.performance === null) continue;
    const diff = round(r.performance, 2).minus(round(before.performance, 2));
    const tally = r.objective.parent === null ? areas : strategic;
    if (diff.isPositive() && !diff.isZero()) tally.better++;
    else if (diff.isNegative() && !diff.isZero()) tally.worse++;
    else tally.same++;
    rows.push([
      { text: `${r.objective.code} ${r.objective.title}`, header: true, bold: r.objective.parent === null, indent: r.objective.parent === null ? 0 : 1 },
      { text: '', mark: mark(before.performance, before.band) },
      { text: '', mark: mark(r.performance, r.band) },
      { text: `${diff.isPositive() && !diff.isZero() ? '+' : ''}${formatPercent(diff).replace('%', '')} punti` },
    ]);
  }
  return { sentence: comparisonSentence(previous.year, areas, strategic), rows };
}

function comparisonSection(evaluation: Evaluation, input: RelazioneInput, year: number | undefined): Section {
  const own = typed(input, 'confronto');
  const blocks: Block[] = [];
  if (input.previous === undefined && input.previousUnpublished !== undefined) {
    // The office's words stay; the figures are what is withheld, and the reader is told why.
    blocks.push(...(own ?? []), notice(previousYearUnpublishedText(input.previousUnpublished, 'it')));
  } else if (input.previous === undefined) {
    blocks.push(...(own ?? [notice("I risultati dell'anno precedente non sono disponibili in Albero per questo piano: il confronto non è calcolato.")]));
  } else {
    const c = comparison(evaluation, input);
    const before = input.previous.year ?? (year === undefined ? undefined : year - 1);
    blocks.push(...(own ?? [generated(c.sentence)]));
    blocks.push({
      kind: 'table',
      caption: "Confronto con l'anno precedente per area e obiettivo strategico",
      columns: [
        { title: 'Area / obiettivo strategico', width: 46 },
        { title: before === undefined ? 'Anno precedente' : String(before), width: 18, align: 'right' },
        { title: year === undefined ? 'Anno' : String(year), width: 18, align: 'right' },
        { title: 'Differenza', width: 18, align: 'right' },
      ],
      rows: c.rows,
    });
    // Whether the OIV validated last year's figures: a reader comparing two years must know if one
    // of them may still change. Under the table, whatever the office wrote above it.
    const source = input.previous.source;
    if (source !== undefined) {
      const text = previousYearSourceText(before, source, 'it', input.previous.plan);
      blocks.push(source.kind === 'validated' ? note(text) : notice(text));
    }
    const unmatched = unmatchedObjectives(evaluation, input.previous);
    const changed = previousYearStructureText(before, unmatched.current, unmatched.previous, 'it');
    if (changed !== null) blocks.push(notice(changed));
  }
  return { key: 'confronto', number: '3.6', title: "Confronto con l'anno precedente", blocks, sections: [] };
}

function perAreaTable(evaluation: Evaluation, f: Figures): Block {
  const rows: Cell[][] = [];
  for (const area of f.areas) {
    const within = f.scored.filter((r) => r.objective.code === area.objective.code || r.objective.code.startsWith(`${area.objective.code}.`));
    const count = (b: Band | null): number => within.filter((r) => r.band === b).length;
    rows.push([
      { text: `${area.objective.code} ${area.objective.title}`, header: true },
      ...f.bands.map((b) => ({ text: String(count(b)) })),
      { text: String(count(null)) },
      { text: String(within.length), bold: true },
    ]);
  }
  return { kind: 'table', caption: 'Obiettivi per area strategica e fascia', columns: perBandColumns('Area strategica', f.bands), rows };
}

function perBandColumns(first: string, bands: readonly Band[]): Column[] {
  // Each count column as wide as its head's longest word needs in Word and LibreOffice: at an equal
  // 10 % of a portrait page "performance" was cut in two.
  return [
    { title: first, width: 100 - 11 * bands.length - 27 },
    ...bands.map((b) => ({ title: `Fascia ${FASCIA[b]}`, width: 11, align: 'right' as const })),
    { title: 'Senza performance', width: 17, align: 'right' },
    { title: 'Totale', width: 10, align: 'right' },
  ];
}

function perUnitBlocks(input: RelazioneInput, f: Figures): Block[] {
  const units = input.units;
  const byUnit = new Map<string, ObjectiveResult[]>();
  for (const r of f.scored) {
    const unit = units?.get(r.objective.code) ?? r.objective.owner;
    if (unit === undefined || unit === '') continue;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), r]);
  }
  if (byUnit.size === 0) return [notice("Nessun obiettivo del piano è assegnato a un'unità organizzativa: la ripartizione per unità non è disponibile.")];
  const rows: Cell[][] = [...byUnit.entries()]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([unit, list]) => {
      const count = (b: Band | null): number => list.filter((r) => r.band === b).length;
      return [{ text: unit, header: true }, ...f.bands.map((b) => ({ text: String(count(b)) })), { text: String(count(null)) }, { text: String(list.length), bold: true }];
    });
  const assigned = [...byUnit.values()].reduce((t, l) => t + l.length, 0);
  const blocks: Block[] = [{ kind: 'table', caption: 'Obiettivi per unità organizzativa e fascia', columns: perBandColumns('Unità organizzativa', f.bands), rows }];
  const unassigned = f.scored.length - assigned;
  if (unassigned > 0)
    blocks.push(
      note(
        unassigned === 1
          ? "1 obiettivo non è assegnato a un'unità organizzativa e non compare nella tabella."
          : `${unassigned} obiettivi non sono assegnati a un'unità organizzativa e non compaiono nella tabella.`,
      ),
    );
  return blocks;
}

function validationSection(evaluation: Evaluation, v: ValidationRecord): Section {
  const blocks: Block[] = [generated(`Stato della Relazione: ${STATE_WORDS[v.state].it}${v.decidedAt === null ? '' : ` (${computedAtText(new Date(v.decidedAt))})`}.`)];
  if (v.note.trim() !== '') blocks.push({ kind: 'heading', level: 3, spans: plain("Nota dell'OIV") }, ...parseMarkup(v.note));
  if (v.reservations.trim() !== '') blocks.push({ kind: 'heading', level: 3, spans: plain('Riserve') }, ...parseMarkup(v.reservations));
  if (v.values.length > 0) {
    const legend = evaluation.plan.settings.legend;
    // One reading of the values (one evaluation with them forced) for both tables below.
    const reading = new ValidatedReading(evaluation, v.values);
    const following = reading.following();
    // The OIV may record the reported value itself, with a note: the document must not call it
    // different. Compared as printed (two decimals), as the reader compares the two columns.
    const reported = (code: string): Decimal | null => evaluation.node(code)?.performance ?? null;
    const same = (code: string, validated: Decimal): boolean => {
      const r = reported(code);
      return r !== null && round(r).equals(round(validated));
    };
    const differing = v.values.filter((x) => !same(x.code, x.validated)).length;
    const confirmed = v.values.length - differing;
    const allDiffer = confirmed === 0;
    // The appraisal forms take the validated values once the Relazione is validated, not before nor
    // when it is not validated (server/appraisal/forms.ts `validationOf`): the sentence says which.
    const counts = isFrozen(v.state)
      ? "ai fini della valutazione conta il valore validato dall'OIV."
      : "il valore validato dall'OIV conterà ai fini della valutazione solo con la validazione della Relazione; fino ad allora conta quello rendicontato.";
    blocks.push(
      generated(
        allDiffer
          ? `Per gli obiettivi seguenti l'OIV ha validato un valore diverso da quello rendicontato. Entrambi sono riportati; ${counts}`
          : differing === 0
            ? "Per gli obiettivi seguenti l'OIV conferma il valore rendicontato, con una nota."
            : `Per gli obiettivi seguenti l'OIV ha registrato il valore validato: per ${differing === 1 ? 'uno' : differing} è diverso da quello rendicontato, per ${confirmed === 1 ? 'uno' : confirmed} lo conferma. Entrambi i valori sono riportati; ${counts}`,
      ),
    );
    blocks.push({
      kind: 'table',
      caption: allDiffer ? "Valori validati dall'OIV diversi da quelli rendicontati" : "Valori validati dall'OIV",
      columns: [
        // Wide enough for "rendicontato" in bold on a portrait page (at 16% LibreOffice broke it in two).
        { title: 'Obiettivo', width: 30 },
        { title: 'Valore rendicontato', width: 20, align: 'right' },
        // "(conta)" only once it does: before the validation, or when not validated, the reported value counts.
        { title: isFrozen(v.state) ? 'Valore validato (conta)' : 'Valore validato', width: 20, align: 'right' },
        { title: "Nota dell'OIV", width: 30 },
      ],
      rows: [
        ...v.values.map((x) => {
          const r = evaluation.node(x.code);
          return [
            { text: r === undefined ? x.code : `${x.code} ${r.objective.title}`, header: true },
            { text: '', mark: mark(r?.performance ?? null, r?.band ?? null) },
            { text: '', mark: mark(x.validated, classify(x.validated, legend)) },
            { text: x.note },
          ];
        }),
        // The objectives above them move with them by the plan's rules, as the appraisal forms take
        // them: a reader comparing the area's reported value with the Relazione's tables sees why.
        ...following.map((f) => {
          const r = evaluation.node(f.code);
          return [
            { text: r === undefined ? f.code : `${f.code} ${r.objective.title}`, header: true },
            { text: '', mark: mark(f.reported, r?.band ?? null) },
            { text: '', mark: mark(f.following, f.following === null ? null : classify(f.following, legend)) },
            { text: 'Non validato direttamente: segue i valori validati dei suoi obiettivi, con le regole del piano.', muted: true },
          ];
        }),
      ],
    });
    // The body's figure moves with them too: the public plan, the open data and the appraisal forms'
    // organisational component state it, so the documents the OIV's decision is read in must as well.
    const body = bodySentence(evaluation, reading.forced(), isFrozen(v.state));
    if (body !== null) blocks.push(generated(body));
    // A parent validated at a value its own objectives do not give: accepted only as the OIV's
    // deliberate choice (server/routes/relazione.ts), and stated, with the value they give and the note.
    const fromChildren = reading.fromChildren();
    v.values.forEach((x, i) => {
      const given = fromChildren[i];
      if (!differsFromChildren(x.validated, given)) return;
      blocks.push(
        generated(
          `${x.code}: l'OIV lo ha validato al ${formatPercent(x.validated)}, mentre dai suoi obiettivi, con i valori validati e le regole del piano, ${given === null || given === undefined ? 'non risulta alcuna performance' : `risulterebbe ${formatPercent(given)}`}. ${x.deliberate ? `L'OIV ha confermato che la differenza è voluta; la sua nota: «${x.note}».` : `L'OIV non ha confermato che la differenza sia voluta; la sua nota: «${x.note}».`}`,
        ),
      );
    });
  }
  return { key: 'validazione', number: '7', title: "Validazione dell'OIV", blocks, sections: [] };
}

/**
 * The body's performance with the validated values, beside the reported one, when the two differ as
 * printed (two decimals); null when the validated values leave it as reported. `counts`: the
 * Relazione is validated, so the validated figure is the one that counts (`validationSection`).
 */
function bodySentence(reported: Evaluation, validated: Evaluation, counts: boolean): string | null {
  const before = bodyPerformance(reported).performance;
  const after = bodyPerformance(validated).performance;
  if (before === null || after === null ? before === after : round(before).equals(round(after))) return null;
  const legend = reported.plan.settings.legend;
  const said = (p: Decimal | null): string => {
    if (p === null) return 'non calcolabile';
    const band = classify(p, legend);
    return `${formatPercent(p)}${band === null ? '' : ` (fascia ${FASCIA[band]})`}`;
  };
  return counts
    ? `Con i valori validati dall'OIV la performance organizzativa complessiva dell'ente è ${said(after)}; quella rendicontata è ${said(before)}. Ai fini della valutazione conta quella validata.`
    : `Con i valori validati dall'OIV la performance organizzativa complessiva dell'ente sarebbe ${said(after)}; quella rendicontata è ${said(before)}, e conta finché la Relazione non è validata.`;
}

/**
 * The whole Relazione.
 *
 * @example
 *   const doc = buildRelazione(evaluatePlan(plan), { body: 'Camera di Commercio di …', texts: { 'contesto-esterno': '…' } });
 *   const bytes = await renderRelazione(doc, 'docx');
 */
export function buildRelazione(evaluation: Evaluation, input: RelazioneInput = {}): RelazioneDocument {
  const f = figures(evaluation);
  const year = yearOf(input, evaluation.plan.title);
  const legend = evaluation.plan.settings.legend;
  const sections: Section[] = [
    {
      key: 'presentazione-e-sintesi',
      number: '1',
      title: 'Presentazione e sintesi dei risultati',
      blocks: [],
      sections: [textSection(input, 'presentazione', '1.1', 'Presentazione'), generatedSection(input, 'sintesi', '1.2', 'Sintesi dei risultati', summarySentences(f, evaluation), [])],
    },
    {
      key: 'contesto',
      number: '2',
      title: 'Analisi del contesto e delle risorse',
      blocks: [],
      sections: [
        textSection(input, 'contesto-esterno', '2.1', 'Il contesto esterno'),
        textSection(input, 'contesto-interno', '2.2', "L'organizzazione"),
        textSection(input, 'risorse', '2.3', 'Le risorse umane ed economiche'),
      ],
    },
    {
      key: 'performance-organizzativa',
      number: '3',
      title: 'Misurazione e valutazione della performance organizzativa',
      blocks: [],
      sections: [
        generatedSection(
          input,
          'performance-ente',
          '3.1',
          "La performance organizzativa complessiva dell'ente",
          [overallSentence(f.overall, f.overallBand, f.areas.length, f.weightedAreas), bandSentence(f.counts, f.bands)],
          [bandCountTable(f)],
        ),
        generatedSection(
          input,
          'performance-aree',
          '3.2',
          'La performance per area strategica',
          f.areas.map((a) => areaSentence(a.objective.code, a.objective.title, a.performance, a.band, strategicOf(evaluation, a))),
          [areaTable(evaluation)],
        ),
        generatedSection(
          input,
          'albero',
          '3.3',
          "Gli obiettivi strategici e operativi: l'Albero della performance",
          [alberoSentence(evaluation)],
          [
            { kind: 'legend', rules: legend.rules.map((r) => ({ band: r.band, label: r.label })) },
            { kind: 'albero', caption: `${evaluation.plan.title}: obiettivi e indicatori con peso, target, consuntivo e performance`, rows: alberoRows(evaluation) },
            note('N.V.: indicatore non valutabile, escluso dal calcolo. La performance di un obiettivo è la media ponderata dei punteggi dei suoi indicatori misurati; «non raggiunto» conta 0.'),
          ],
        ),
        shortfallSection(input, f),
        revisionsSection(input),
        comparisonSection(evaluation, input, year),
      ],
    },
    {
      key: 'dati-sintesi',
      number: '4',
      title: 'Dati di sintesi',
      blocks: [],
      sections: [
        { key: 'dati-fasce', number: '4.1', title: 'Obiettivi per fascia', blocks: [generated(bandSentence(f.counts, f.bands)), bandCountTable(f)], sections: [] },
        { key: 'dati-aree', number: '4.2', title: 'Obiettivi per area strategica', blocks: [perAreaTable(evaluation, f)], sections: [] },
        { key: 'dati-unita', number: '4.3', title: 'Obiettivi per unità organizzativa', blocks: perUnitBlocks(input, f), sections: [] },
      ],
    },
    // Guideline n. 3/2018 reports the individual performance beside the organisational one, in
    // aggregate (the distribution of ratings and bonuses by staff category): what Albero holds of the
    // forms, dated (appraisals are often concluded after the OIV has validated the figures they draw
    // on), then the office's words.
    individualSection(input),
    textSection(input, 'processo', '6', 'Il processo di redazione della Relazione'),
  ];
  if (input.validation !== undefined && input.validation.state !== 'draft') sections.push(validationSection(evaluation, input.validation));
  const facts: [string, string][] = [];
  if (year !== undefined) facts.push(['Anno', String(year)]);
  if (input.period !== undefined && input.period !== '') facts.push(['Periodo', input.period]);
  // The act adopting the plan, as the plan report's heading says it (the open data carry it).
  if (input.adoption !== undefined) facts.push([reportText('it').adoption, actText(input.adoption, 'it')]);
  facts.push(['Calcolata il', computedAtText(input.computedAt ?? new Date())]);
  if (input.validation !== undefined) facts.push(['Stato', STATE_WORDS[input.validation.state].it]);
  return {
    title: `Relazione sulla performance${year === undefined ? '' : ` ${year}`}`,
    subtitle: evaluation.plan.title,
    ...(input.body === undefined || input.body === '' ? {} : { body: input.body }),
    ...(year === undefined ? {} : { year }),
    facts,
    sections,
    footer: `Relazione sulla performance${year === undefined ? '' : ` ${year}`}`,
  };
}

/** Section 5: the forms and bonuses in aggregate (`IndividualFigures`), then the office's text. */
function individualSection(input: RelazioneInput): Section {
  const section = textSection(input, 'performance-individuale', '5', 'Misurazione e valutazione della performance individuale');
  const f = input.individual;
  return f === undefined ? section : { ...section, blocks: [...individualBlocks(f), ...section.blocks] };
}

function individualBlocks(f: IndividualFigures): Block[] {
  const w = INDIVIDUAL_WORDS.it;
  const blocks: Block[] = individualSentences(f, 'it').map(generated);
  if (f.withheld) return blocks;
  const count = (n: number): Cell => ({ text: String(n) });
  const stateRows: Cell[][] = f.states.map((r) => [{ text: categoriesText(r.categories, 'it'), header: true }, count(r.forms), count(r.concluded), count(r.inProgress), count(r.disputed)]);
  if (f.states.length > 1) {
    const sum = (k: 'forms' | 'concluded' | 'inProgress' | 'disputed'): Cell => ({ text: String(f.states.reduce((n, r) => n + r[k], 0)), bold: true });
    stateRows.push([{ text: w.total, header: true, bold: true }, sum('forms'), sum('concluded'), sum('inProgress'), sum('disputed')]);
  }
  blocks.push({
    kind: 'table',
    caption: w.statesCaption,
    columns: [
      { title: w.category, width: 36 },
      { title: w.forms, width: 14, align: 'right' },
      { title: w.concluded, width: 14, align: 'right' },
      { title: w.inProgress, width: 14, align: 'right' },
      { title: w.disputed, width: 22, align: 'right' },
    ],
    rows: stateRows,
  });
  for (const d of f.bands) {
    const all = d.rows.reduce((n, r) => n + r.people, 0);
    blocks.push({
      kind: 'table',
      caption: w.bandsCaption(categoriesText([d.category], 'it')),
      columns: [
        { title: w.band, width: 50 },
        { title: w.people, width: 25, align: 'right' },
        { title: w.share, width: 25, align: 'right' },
      ],
      rows: d.rows.map((r) => [{ text: r.band ?? w.noBand, header: true, ...(r.band === null ? { muted: true } : {}) }, count(r.people), { text: share(r.people, all) }]),
    });
  }
  blocks.push(generated(bonusSentence(f, 'it')));
  if (f.bonuses !== null) {
    const euros = (cents: string | null): Cell => (cents === null ? { text: w.notPublished, muted: true } : { text: formatCents(BigInt(cents)) });
    blocks.push({
      kind: 'table',
      caption: w.bonusesCaption,
      columns: [
        { title: w.category, width: 26 },
        { title: w.band, width: 22 },
        { title: w.people, width: 12, align: 'right' },
        { title: w.bonusTotal, width: 20, align: 'right' },
        { title: w.bonusMean, width: 20, align: 'right' },
      ],
      rows: f.bonuses.map((r) => [
        { text: categoriesText([r.category], 'it'), header: true },
        { text: r.band ?? w.noBand },
        count(r.people),
        euros(r.totalCents),
        // A band of nobody has no mean: a dash, as the art. 20 page shows it.
        r.people === 0 && r.totalCents !== null ? { text: '—' } : euros(r.meanCents),
      ]),
    });
  }
  return blocks;
}

/**
 * Section 5 of the documento when the OIV recorded no value of its own: it confirms the reported
 * values only by validating; not validated, or not decided yet, it has confirmed none.
 */
function noValuesSentence(state: ValidationRecord['state']): string {
  if (state === 'validated' || state === 'validated_with_reservations') return "L'OIV conferma i valori rendicontati per tutti gli obiettivi.";
  if (state === 'not_validated') return "La Relazione non è validata: l'OIV non conferma i valori rendicontati.";
  return "L'OIV non ha ancora deciso: nessun valore rendicontato è ancora confermato.";
}

/** The documento di validazione: the OIV's decision, checklist, note, reservations and validated values. */
export function buildValidationDocument(evaluation: Evaluation, v: ValidationRecord, input: ReportMeta & { oiv?: string } = {}): RelazioneDocument {
  const year = yearOf(input, evaluation.plan.title);
  const relazione = `Relazione sulla performance${year === undefined ? '' : ` ${year}`}`;
  const decision: Block[] = [
    generated(
      v.state === 'draft' || v.state === 'transmitted'
        ? `L'OIV non ha ancora deciso sulla ${relazione} (stato: ${STATE_WORDS[v.state].it}).`
        : `L'Organismo Indipendente di Valutazione, ai sensi dell'art. 14, comma 4, lettera c), del d.lgs. 150/2009, esaminata la ${relazione}${input.body === undefined || input.body === '' ? '' : ` ${ofBody(input.body)}`}, la dichiara: ${STATE_WORDS[v.state].it.toUpperCase()}.`,
    ),
  ];
  if (v.decidedAt !== null) decision.push(generated(`Data della decisione: ${computedAtText(new Date(v.decidedAt))}${v.decidedBy === null ? '' : `, registrata da ${v.decidedBy}`}.`));
  const sections: Section[] = [
    { key: 'decisione', number: '1', title: 'Decisione', blocks: decision, sections: [] },
    {
      key: 'verifiche',
      number: '2',
      title: 'Verifiche svolte',
      blocks: [
        {
          kind: 'table',
          caption: 'Punti di verifica',
          columns: [
            { title: 'Punto', width: 45 },
            { title: 'Esito', width: 15 },
            { title: 'Osservazioni', width: 40 },
          ],
          rows: v.checklist.map((p) => [
            { text: p.label, header: true },
            p.outcome === null ? { text: 'non valutato', muted: true } : { text: OUTCOME_WORDS[p.outcome], bold: true },
            { text: p.note },
          ]),
        },
      ],
      sections: [],
    },
    { key: 'nota', number: '3', title: "Nota dell'OIV", blocks: v.note.trim() === '' ? [notice('Nessuna nota.')] : parseMarkup(v.note), sections: [] },
    { key: 'riserve', number: '4', title: 'Riserve', blocks: v.reservations.trim() === '' ? [notice('Nessuna riserva.')] : parseMarkup(v.reservations), sections: [] },
  ];
  const values = validationSection(evaluation, { ...v, note: '', reservations: '' }).blocks.slice(1);
  sections.push({
    key: 'valori',
    number: '5',
    title: 'Valori validati',
    blocks: values.length === 0 ? [generated(noValuesSentence(v.state))] : values,
    sections: [],
  });
  const facts: [string, string][] = [];
  if (year !== undefined) facts.push(['Anno', String(year)]);
  facts.push(['Esito', STATE_WORDS[v.state].it]);
  return {
    title: `Documento di validazione della ${relazione}`,
    subtitle: evaluation.plan.title,
    ...(input.body === undefined || input.body === '' ? {} : { body: input.body }),
    ...(year === undefined ? {} : { year }),
    facts,
    sections,
    footer: `Documento di validazione${year === undefined ? '' : ` ${year}`}`,
  };
}
