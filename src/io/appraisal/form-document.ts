/**
 * The appraisal form as a document to sign, PDF (pdfkit, DejaVu Sans embedded as in the Relazione)
 * or DOCX (docx): who, which category and year, the units and days, the objectives with targets,
 * actuals and scores, the behaviours with their ratings, the components and the final score with
 * each step of the explanation, the record of the steps (interview, evaluation, acceptance,
 * conciliation), the trail of changes (every change and step, who, when, why, before → after, in the
 * server's words: server/appraisal/trail-words.ts), and the signature lines of the evaluator and the
 * person.
 *
 * In: the form as the API shows it (`FormSheet`), already in the reader's language. Out: bytes.
 */
import { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Tab, Table, TableCell, TableRow, TabStopType, TextRun, WidthType } from 'docx';
import { Decimal, formatItalianDate, formatNumberIn, LANGUAGE_TAG, NOT_EVALUABLE_MARK, planTextLanguage } from '../../core/index.js';
import { computedAtText, momentDayText } from '../../core/messages/index.js';
import { amountFromJson, amountText } from '../json.js';
import { fontData } from '../report/fonts.js';
import PDFDocument from '../report/pdfkit.js';
import { pageText, weightText } from '../report/texts.js';

export interface FormSheet {
  readonly organisation: string;
  readonly year: number;
  readonly categoryLabel: string;
  readonly stateLabel: string;
  readonly person: { readonly displayName: string; readonly username: string | null };
  readonly evaluator: { readonly displayName: string; readonly username: string | null };
  readonly objectives: readonly {
    readonly id: string;
    readonly title: string;
    readonly weight: number;
    readonly comparator: string;
    readonly target: unknown;
    /** `percent`: the target and actual are percentages and are printed with their sign. */
    readonly unit?: string;
    readonly actual: unknown;
    readonly state: string;
    readonly reason: string | null;
  }[];
  readonly behaviours: readonly { readonly code: string; readonly title: string; readonly weight: number }[];
  readonly record: {
    readonly interview: { readonly at: string; readonly note: string } | null;
    readonly evaluation: { readonly at: string; readonly by: string } | null;
    readonly acceptance: { readonly at: string } | null;
    readonly contest: { readonly at: string; readonly reason: string } | null;
    readonly conciliation: { readonly at: string; readonly outcome: string; readonly note: string } | null;
    readonly finalisedAt: string | null;
    /** Each reopening of the final form by the administrator, with its reason (the steps after it are the ones taken again). */
    readonly reopenings?: readonly { readonly at: string; readonly reason: string }[];
  };
  readonly result: {
    readonly score: number | null;
    readonly band: { readonly label: string; readonly share: number } | null;
    /** `share`: the weight applied, in % (the weight re-normalised while other components have no score yet; null: left out). */
    readonly components: readonly { readonly label: string; readonly weight: number; readonly share?: number | null; readonly score: number | null; readonly points: number | null }[];
    readonly objectives: readonly { readonly id: string; readonly score: number | null; readonly counted: boolean }[];
    readonly behaviours: readonly { readonly code: string; readonly rating: number | null; readonly label: string | null; readonly score: number | null }[];
    readonly units: readonly {
      readonly unit: string;
      readonly from: string;
      readonly to: string;
      readonly days: number;
      readonly effectiveDays: number | null;
      readonly score: number | null;
      /** The unit's objectives counted: the value used and where it came from (`source`, the OIV's validated value with the reported one, or the reported value). */
      readonly objectives?: readonly { readonly code: string; readonly title: string; readonly score: number | null; readonly source: string }[];
    }[];
    readonly steps: readonly { readonly text: string }[];
    readonly frozen: boolean;
    /** Where the body's and units' figures come from (OIV-validated or reported), in the reader's language; null without a plan. */
    readonly org: { readonly text: string } | null;
  } | null;
  /** An evaluated form whose plan was deleted since: the screen's sentence, in the reader's language (its figures are those it froze). */
  readonly planDeleted?: { readonly text: string } | null;
  /** A form not yet evaluated whose plan is not there: the screen's sentence (what happened, what HR does); it has no score. */
  readonly planMissing?: { readonly text: string } | null;
  /**
   * The form's trail, oldest first, already in words (`GET /api/appraisals/:id/trail`'s `what` and
   * `changes`): when, who by name (null: not recorded), what, the reason given, before → after.
   */
  readonly trail?: readonly {
    readonly at: string;
    readonly who: string | null;
    readonly what: string;
    readonly reason: string | null;
    readonly changes: readonly { readonly field: string; readonly before: string; readonly after: string }[];
  }[];
}

/** The server's words (a clause) as a sentence of the document: capitalised, with its full stop. */
const sentence = (words: string): string => `${words.charAt(0).toUpperCase()}${words.slice(1)}${words.endsWith('.') ? '' : '.'}`;

export type FormDocumentFormat = 'pdf' | 'docx';
export const FORM_DOCUMENT_FORMATS: readonly FormDocumentFormat[] = ['pdf', 'docx'];

type Lang = 'it' | 'en';
const WORDS = {
  it: {
    title: 'Scheda di valutazione della performance individuale',
    // The footer's name of the form: short, so that with the person's name and the page number it holds one line.
    footer: 'Scheda di valutazione',
    person: 'Valutato',
    evaluator: 'Valutatore',
    category: 'Categoria',
    state: 'Stato',
    units: 'Strutture di assegnazione',
    unitCols: ['Struttura', 'Dal', 'Al', 'Giorni', 'Giorni effettivi', 'Performance'],
    unitObjectives: 'Obiettivi delle strutture',
    unitObjectiveCols: ['Struttura', 'Obiettivo', 'Valore usato', 'Origine del valore'],
    objectives: 'Obiettivi individuali',
    objectiveCols: ['Obiettivo', 'Peso', 'Target', 'Consuntivo', 'Punteggio'],
    behaviours: 'Comportamenti organizzativi',
    behaviourCols: ['Comportamento', 'Peso', 'Giudizio', 'Punteggio'],
    components: 'Componenti della valutazione',
    componentCols: ['Componente', 'Peso', 'Punteggio', 'Punti'],
    componentColsApplied: ['Componente', 'Peso', 'Peso applicato', 'Punteggio', 'Punti'],
    final: 'Punteggio finale',
    orgSource: 'Origine dei risultati organizzativi',
    band: 'Fascia',
    /** The quotation marks of a quoted name: Italian documents use «», as the Relazione does. */
    quote: ['«', '»'],
    share: 'coefficiente di premio',
    how: 'Come è stato calcolato',
    record: 'Fasi',
    interview: 'Colloquio intermedio',
    evaluated: 'Valutazione',
    accepted: 'Accettazione',
    contested: 'Contestazione',
    conciliation: 'Conciliazione',
    outcome: { confirmed: 'valutazione confermata', revised: 'valutazione rivista' } as Record<string, string>,
    reopened: 'Riapertura',
    finalised: 'Definitiva',
    trail: 'Registro delle modifiche',
    trailIntro: 'Ogni modifica e ogni passo della scheda, nell’ordine in cui sono stati fatti: quando, chi, che cosa, perché, prima → dopo.',
    trailReason: 'Motivo',
    trailUnknown: 'autore non registrato',
    provisionalScore: 'Punteggio provvisorio',
    provisional: 'La scheda non è ancora valutata: il punteggio è provvisorio e la fascia si attribuisce con la valutazione.',
    noSmvp: 'Manca il Sistema di misurazione e valutazione per questo anno: nessun punteggio.',
    signEvaluator: 'Firma del valutatore',
    signPerson: 'Firma del valutato (per presa visione)',
    date: 'Data',
    page: 'Pagina',
    of: 'di',
    none: '—',
    yes: 'sì',
    no: 'no',
  },
  en: {
    title: 'Individual performance appraisal form',
    footer: 'Appraisal form',
    person: 'Appraisee',
    evaluator: 'Evaluator',
    category: 'Category',
    state: 'State',
    units: 'Unit assignments',
    unitCols: ['Unit', 'From', 'To', 'Days', 'Effective days', 'Performance'],
    unitObjectives: 'Objectives of the units',
    unitObjectiveCols: ['Unit', 'Objective', 'Value used', 'Source of the value'],
    objectives: 'Individual objectives',
    objectiveCols: ['Objective', 'Weight', 'Target', 'Actual', 'Score'],
    behaviours: 'Behaviours',
    behaviourCols: ['Behaviour', 'Weight', 'Rating', 'Score'],
    components: 'Components of the appraisal',
    componentCols: ['Component', 'Weight', 'Score', 'Points'],
    componentColsApplied: ['Component', 'Weight', 'Weight applied', 'Score', 'Points'],
    final: 'Final score',
    orgSource: 'Source of the organisational results',
    band: 'Band',
    quote: ['“', '”'],
    share: 'bonus coefficient',
    how: 'How it was computed',
    record: 'Steps',
    interview: 'Mid-year interview',
    evaluated: 'Evaluation',
    accepted: 'Acceptance',
    contested: 'Contest',
    conciliation: 'Conciliation',
    outcome: { confirmed: 'appraisal confirmed', revised: 'appraisal revised' } as Record<string, string>,
    reopened: 'Reopened',
    finalised: 'Final',
    trail: 'Trail of changes',
    trailIntro: 'Every change and step of the form, in the order they were made: when, who, what, why, before → after.',
    trailReason: 'Reason',
    trailUnknown: 'author not recorded',
    provisionalScore: 'Provisional score',
    provisional: 'The form is not evaluated yet: the score is provisional and the band is given with the evaluation.',
    noSmvp: 'There is no measurement system (SMVP) for this year: no score.',
    signEvaluator: 'Evaluator’s signature',
    signPerson: 'Appraisee’s signature (seen)',
    date: 'Date',
    page: 'Page',
    of: 'of',
    none: '—',
    yes: 'yes',
    no: 'no',
  },
} as const;

const pct = (v: number | null, lang: Lang): string => (v === null ? '—' : `${formatNumberIn(new Decimal(v), 2, lang)}%`);
/** Points, computed from weights and scores: two decimals, as a score. */
const numText = (v: number | null, lang: Lang): string => (v === null ? '—' : formatNumberIn(new Decimal(v), 2, lang));
/** A weight as the plan's table writes one: `60%`, with the decimals it has (`12,5%`). */
const weightOf = (v: number, lang: Lang): string => weightText(new Decimal(v), lang);
/**
 * A target, an actual or a count of days as the plan's report prints one (amountText): `90,00%`
 * for a percentage, `6,50` for a number with a fraction, `1.500` whole, every decimal of `0,035%`
 * kept; dates and yes/no in words. A text that is none of these is printed as it is.
 */
const inUnit = (v: unknown, unit: string | undefined, lang: Lang): string => {
  if (v === null || v === undefined) return '—';
  const amount = typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? amountFromJson(v) : null;
  return amount === null ? String(v) : amountText(amount, unit === 'percent' ? 'percent' : 'number', lang);
};
/**
 * The target as a person reads it. A yes/no target is the answer wanted: `sì`, not `= sì` or
 * `>= sì` (forms saved before `=` became the yes/no default carry `>=`, which for "sì" means the
 * same); only a comparison that is not "exactly this answer" (`>= no`: any answer) keeps its sign.
 * Otherwise the comparator and the target, joined by a no-break space so they stay on one line.
 */
function targetCell(o: FormSheet['objectives'][number], lang: Lang): string {
  const target = inUnit(o.target, o.unit, lang);
  if (typeof o.target === 'boolean' && (o.comparator === '=' || o.comparator === (o.target ? '>=' : '<='))) return target;
  return `${o.comparator}\u00a0${target}`;
}
/** A unit's first or last day: a calendar date, as stored. */
const day = (iso: string): string => formatItalianDate(iso.slice(0, 10));
/** The day a step was taken: the body's (Europe/Rome), as the Relazione dates its moments, not UTC's (23:30 UTC on 20 January is the 21st in Rome). */
const stepDay = (at: string): string => momentDayText(at);

/**
 * The columns' widths (points, summing to `total`) as a word processor lays out an automatic table:
 * each column at least as wide as its longest word, so no word (a header, "Internazionalizzazione")
 * is cut in two, and the room left shared in proportion to how much text each column holds.
 * `measure`: a text's width in points; `padding`: a cell's left and right padding together.
 */
function columnWidths(columns: readonly string[], rows: readonly (readonly string[])[], total: number, padding: number, measure: (text: string, bold: boolean) => number): number[] {
  const texts = (i: number): [string, boolean][] => [[columns[i]!, true], ...rows.map((r): [string, boolean] => [r[i] ?? '', false])];
  // Words as the line breaker sees them: a no-break space (">=\u00a030/09/2024") holds one together.
  const longestWord = columns.map((_, i) => Math.max(...texts(i).flatMap(([t, bold]) => t.split(/[ \t\n]+/).map((word) => measure(word, bold)))) + padding);
  const longestText = columns.map((_, i) => Math.max(...texts(i).map(([t, bold]) => measure(t, bold))) + padding);
  const least = longestWord.reduce((a, b) => a + b, 0);
  // Not even the words fit: narrower than they need, in proportion (a word may then break).
  if (least >= total) return longestWord.map((w) => (w * total) / least);
  const extra = longestText.map((w, i) => Math.max(0, w - longestWord[i]!));
  const wanted = extra.reduce((a, b) => a + b, 0);
  // Half the room left in equal parts (air between the numbers' columns), half where the text is.
  const room = total - least;
  return longestWord.map((w, i) => w + room / (2 * columns.length) + (wanted === 0 ? room / (2 * columns.length) : (room * extra[i]!) / (2 * wanted)));
}

/** `text`, cut at its end with "…" until `fits` says it fits (the footer's line: a very long name). */
function cutToFit(text: string, fits: (text: string) => boolean): string {
  let cut = text;
  while (cut.length > 1 && !fits(cut)) cut = `${cut.slice(0, -2)}…`;
  return cut;
}

interface Section {
  readonly heading: string;
  readonly rows?: readonly (readonly string[])[];
  readonly columns?: readonly string[];
  /** The columns holding the body's own texts (titles, units' names), in the plan's language whatever the form's. */
  readonly bodyText?: readonly number[];
  readonly lines?: readonly string[];
  /** Entries of a register: a heading line each (bold), and its lines under it, indented. */
  readonly entries?: readonly { readonly head: string; readonly lines: readonly string[] }[];
}

/** The document's content once, for both formats. */
function sections(sheet: FormSheet, lang: Lang): { title: string; facts: [string, string][]; sections: Section[]; signatures: string[]; footer: string } {
  const w = WORDS[lang];
  const r = sheet.result;
  const facts: [string, string][] = [
    [w.person, sheet.person.displayName],
    [w.evaluator, sheet.evaluator.displayName],
    [w.category, sheet.categoryLabel],
    [w.state, sheet.stateLabel],
  ];
  const out: Section[] = [];
  if (r !== null && r.units.length > 0)
    out.push({
      heading: w.units,
      columns: w.unitCols,
      bodyText: [0],
      rows: r.units.map((u) => [u.unit, day(u.from), day(u.to), String(u.days), inUnit(u.effectiveDays, 'number', lang), pct(u.score, lang)]),
    });
  // Each unit's performance is the mean of these: the reader sees which the OIV changed and from what.
  const unitObjectives = r === null ? [] : r.units.flatMap((u) => (u.objectives ?? []).map((o) => [u.unit, `${o.code} ${o.title}`, pct(o.score, lang), o.source]));
  if (unitObjectives.length > 0) out.push({ heading: w.unitObjectives, columns: w.unitObjectiveCols, bodyText: [0, 1], rows: unitObjectives });
  if (sheet.objectives.length > 0) {
    out.push({
      heading: w.objectives,
      columns: w.objectiveCols,
      bodyText: [0],
      rows: sheet.objectives.map((o) => {
        const scored = r?.objectives.find((x) => x.id === o.id);
        return [
          o.title,
          weightOf(o.weight, lang),
          targetCell(o, lang),
          o.state === 'not_evaluable' ? `${NOT_EVALUABLE_MARK[lang]}${o.reason ? `: ${o.reason}` : ''}` : inUnit(o.actual, o.unit, lang),
          pct(scored?.score ?? null, lang),
        ];
      }),
    });
  }
  if (sheet.behaviours.length > 0) {
    out.push({
      heading: w.behaviours,
      columns: w.behaviourCols,
      bodyText: [0],
      rows: sheet.behaviours.map((b) => {
        const rated = r?.behaviours.find((x) => x.code === b.code);
        return [`${b.code} ${b.title}`, weightOf(b.weight, lang), rated?.rating === null || rated === undefined ? '—' : `${rated.rating} – ${rated.label ?? ''}`, pct(rated?.score ?? null, lang)];
      }),
    });
  }
  // Without a score because the plan is missing, the document says so rather than blaming the SMVP.
  if (r === null) out.push({ heading: w.final, lines: [sheet.planMissing == null ? w.noSmvp : sentence(sheet.planMissing.text)] });
  else {
    // While a component has no score the others' weights are re-normalised: the points are the score times the weight applied, which is then printed beside the SMVP's.
    const applied = r.components.some((c) => c.share !== undefined && c.share !== c.weight);
    out.push(
      applied
        ? {
            heading: w.components,
            columns: w.componentColsApplied,
            rows: r.components.map((c) => [
              c.label,
              weightOf(c.weight, lang),
              c.share === null || c.share === undefined ? w.none : weightOf(c.share, lang),
              pct(c.score, lang),
              numText(c.points, lang),
            ]),
          }
        : { heading: w.components, columns: w.componentCols, rows: r.components.map((c) => [c.label, weightOf(c.weight, lang), pct(c.score, lang), numText(c.points, lang)]) },
    );
    // Said under the components, before the score: whoever signs knows which figures the organisational ones are.
    // An evaluated form whose plan was deleted since says so with the figures' source, as its screen does.
    const orgLines = [...(r.org === null ? [] : [r.org.text]), ...(sheet.planDeleted == null ? [] : [sentence(sheet.planDeleted.text)])];
    if (orgLines.length > 0) out.push({ heading: w.orgSource, lines: orgLines });
    // Before the evaluation the score is provisional and has no band (core/appraisal/form.ts `provisional`): not headed "final".
    const scoreName = r.frozen ? w.final : w.provisionalScore;
    out.push({
      heading: scoreName,
      lines: [
        `${scoreName}: ${pct(r.score, lang)}${r.band === null ? '' : ` — ${w.band} ${w.quote[0]}${r.band.label}${w.quote[1]}, ${w.share} ${pct(r.band.share, lang)}`}`,
        ...(r.frozen ? [] : [w.provisional]),
      ],
    });
    out.push({ heading: w.how, lines: r.steps.map((s) => s.text) });
  }
  // In the order they were taken: a reopening comes between the first outcome and the steps taken again after it.
  const steps: { at: string; text: string }[] = [];
  const rec = sheet.record;
  if (rec.interview !== null) steps.push({ at: rec.interview.at, text: `${w.interview} (${stepDay(rec.interview.at)}): ${rec.interview.note}` });
  if (rec.evaluation !== null) steps.push({ at: rec.evaluation.at, text: `${w.evaluated}: ${stepDay(rec.evaluation.at)}` });
  if (rec.acceptance !== null) steps.push({ at: rec.acceptance.at, text: `${w.accepted}: ${stepDay(rec.acceptance.at)}` });
  if (rec.contest !== null) steps.push({ at: rec.contest.at, text: `${w.contested} (${stepDay(rec.contest.at)}): ${rec.contest.reason}` });
  if (rec.conciliation !== null)
    steps.push({ at: rec.conciliation.at, text: `${w.conciliation} (${stepDay(rec.conciliation.at)}): ${w.outcome[rec.conciliation.outcome] ?? rec.conciliation.outcome} — ${rec.conciliation.note}` });
  for (const r of rec.reopenings ?? []) steps.push({ at: r.at, text: `${w.reopened} (${stepDay(r.at)}): ${r.reason}` });
  if (rec.finalisedAt !== null) steps.push({ at: rec.finalisedAt, text: `${w.finalised}: ${stepDay(rec.finalisedAt)}` });
  const record = steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((s) => s.text);
  if (record.length > 0) out.push({ heading: w.record, lines: record });
  // Oldest first, as a register is kept and read: a later print is an earlier one with entries added
  // at its end, and the entries follow the steps above in the order they were taken. Before the
  // signatures: what is signed includes how the form came to be what it is.
  const trail = sheet.trail ?? [];
  if (trail.length > 0)
    out.push({
      heading: w.trail,
      lines: [w.trailIntro],
      entries: trail.map((e) => ({
        head: `${computedAtText(new Date(e.at), lang)} — ${e.who ?? w.trailUnknown}: ${e.what}`,
        lines: [...(e.reason === null ? [] : [`${w.trailReason}: ${e.reason}`]), ...e.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`)],
      })),
    });
  return {
    title: `${w.title} ${sheet.year} — ${sheet.organisation}`,
    facts,
    sections: out,
    signatures: [w.signEvaluator, w.signPerson],
    // Every page says whose form it is: a page of a signed form must not pass for another's.
    footer: `${w.footer} ${sheet.year} — ${sheet.person.displayName}`,
  };
}

/** The room a section's heading needs below it, in points: the heading (12 pt), its gap, and a first table row or line of two lines at 9.5 pt. */
const HEADING_KEEP = 60;

function pdf(sheet: FormSheet, lang: Lang): Promise<Buffer> {
  const content = sections(sheet, lang);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    info: { Title: content.title },
    lang: lang === 'it' ? 'it-IT' : 'en-GB',
    pdfVersion: '1.7',
    tagged: true,
    displayTitle: true,
    // Kept until the end, to number the pages once their count is known.
    bufferPages: true,
  });
  const data = fontData();
  doc.registerFont('regular', data.regular);
  doc.registerFont('bold', data.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 100;
  // A structure tree, as the report's PDF has: a screen reader reads the form by its headings and
  // tables, and the body's titles and names in it as Italian (their /Lang, core's PLAN_TEXT_LANGUAGE;
  // WCAG 2.1 SC 3.1.2) in an English form.
  const planLanguage = planTextLanguage(lang);
  const bodyTextTag = planLanguage === undefined ? {} : { lang: LANGUAGE_TAG[planLanguage] };
  const root = doc.struct('Document');
  doc.addStructure(root);
  const tag = (parent: PDFKit.PDFStructureElement, type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void => {
    parent.add(doc.struct(type, options, draw));
  };
  tag(root, 'H1', () => doc.font('bold').fontSize(15).text(content.title, { width }));
  doc.moveDown(0.5);
  for (const [k, v] of content.facts) tag(root, 'P', () => doc.font('bold').fontSize(10).text(`${k}: `, { continued: true }).font('regular').text(v));
  for (const s of content.sections) {
    doc.moveDown(0.8);
    // A heading keeps its first row or line on its page: alone at the foot of a page it heads nothing there.
    if (doc.y + HEADING_KEEP > doc.page.height - 50) doc.addPage();
    tag(root, 'H2', () => doc.font('bold').fontSize(12).text(s.heading, { width }));
    doc.moveDown(0.3);
    if (s.rows !== undefined && s.columns !== undefined) {
      const widths = columnWidths(s.columns, s.rows, width, 12, (text, bold) =>
        doc
          .font(bold ? 'bold' : 'regular')
          .fontSize(8.5)
          .widthOfString(text),
      );
      const colX = (i: number): number => 50 + widths.slice(0, i).reduce((a, b) => a + b, 0);
      const colW = (i: number): number => widths[i]! - 6;
      const table = doc.struct('Table');
      root.add(table);
      const row = (cells: readonly string[], bold: boolean): void => {
        doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
        const heights = cells.map((t, i) => doc.heightOfString(t, { width: colW(i) }));
        const h = Math.max(...heights) + 4;
        if (doc.y + h > doc.page.height - 50) doc.addPage();
        const y = doc.y;
        const tr = doc.struct('TR');
        table.add(tr);
        cells.forEach((t, i) =>
          tag(tr, bold ? 'TH' : 'TD', () => doc.text(t, colX(i), y + 2, { width: colW(i), align: i === 0 ? 'left' : 'right' }), !bold && s.bodyText?.includes(i) === true ? bodyTextTag : {}),
        );
        tr.end();
        // The rule under the row is layout, not content.
        doc.markContent('Artifact', { type: 'Layout' });
        doc
          .moveTo(50, y + h)
          .lineTo(50 + width, y + h)
          .lineWidth(0.4)
          .strokeColor('#999999')
          .stroke();
        doc.endMarkedContent();
        doc.x = 50;
        doc.y = y + h;
      };
      row(s.columns, true);
      for (const r of s.rows) row(r, false);
      table.end();
    }
    for (const line of s.lines ?? []) tag(root, 'P', () => doc.font('regular').fontSize(9.5).text(line, 50, doc.y, { width, paragraphGap: 3 }));
    for (const entry of s.entries ?? []) {
      // An entry's heading stays with its first line.
      if (doc.y + 40 > doc.page.height - 50) doc.addPage();
      doc.moveDown(0.3);
      tag(root, 'H3', () => doc.font('bold').fontSize(9.5).text(entry.head, 50, doc.y, { width, paragraphGap: 2 }));
      for (const line of entry.lines)
        tag(root, 'P', () =>
          doc
            .font('regular')
            .fontSize(9)
            .text(line, 62, doc.y, { width: width - 12, paragraphGap: 2 }),
        );
    }
  }
  doc.moveDown(2);
  for (const sig of content.signatures) {
    if (doc.y + 60 > doc.page.height - 50) doc.addPage();
    tag(root, 'P', () => doc.font('regular').fontSize(10).text(`${sig}: ______________________________    ${WORDS[lang].date}: ____________`, 50, doc.y, { width }));
    doc.moveDown(2);
  }
  root.end();
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin: without this pdfkit would start a page to hold it.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 32;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('regular').fontSize(7.5).fillColor('#444444');
    doc.text(
      cutToFit(content.footer, (t) => doc.widthOfString(t) <= width * 0.8),
      50,
      y,
      { lineBreak: false },
    );
    doc.text(pageText(i - start + 1, count, lang), 50, y, { width, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

/** `language`: the run's own (w:lang), for the body's texts in a form in another language. */
function cell(text: string, width: number, bold = false, right = false, language?: string): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [
      new Paragraph({
        alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold, size: 18, ...(language === undefined ? {} : { language: { value: language } }) })],
      }),
    ],
  });
}

/** The text width of an A4 page with Word's default margins (2.54 cm), in twentieths of a point. */
const DOCX_TEXT_WIDTH = 11906 - 2 * 1440;
/** DejaVu Sans at 9 pt, the cells' font: its widest faces' average advance, in points per character (no metrics here). */
const DOCX_CHAR_WIDTH = { regular: 9 * 0.66, bold: 9 * 0.74 };

/** The width in points of a text in DejaVu Sans at `size`, as pdfkit measures it: the DOCX's font, which LibreOffice lays out alike. */
function textWidth(size: number): (text: string) => number {
  const measure = new PDFDocument({ autoFirstPage: false });
  measure.registerFont('regular', fontData().regular);
  measure.font('regular').fontSize(size);
  return (text) => measure.widthOfString(text);
}

async function docx(sheet: FormSheet, lang: Lang): Promise<Buffer> {
  const content = sections(sheet, lang);
  // The body's titles and names are Italian (core's PLAN_TEXT_LANGUAGE): in an English form their runs
  // say so, for Word's spelling and a screen reader of the PDF exported from it (WCAG 2.1 SC 3.1.2).
  const planLanguage = planTextLanguage(lang);
  const bodyTextLanguage = planLanguage === undefined ? undefined : LANGUAGE_TAG[planLanguage];
  const children: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(content.title)] })];
  for (const [k, v] of content.facts) children.push(new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] }));
  for (const s of content.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(s.heading)] }));
    if (s.rows !== undefined && s.columns !== undefined) {
      // Widths of our own: without them LibreOffice gives every column the same share and cuts words.
      const widths = columnWidths(s.columns, s.rows, DOCX_TEXT_WIDTH / 20, 14, (text, bold) => [...text].length * DOCX_CHAR_WIDTH[bold ? 'bold' : 'regular']).map((w) => Math.floor(w * 20));
      children.push(
        new Table({
          width: { size: DOCX_TEXT_WIDTH, type: WidthType.DXA },
          columnWidths: widths,
          rows: [
            new TableRow({ tableHeader: true, children: s.columns.map((c, i) => cell(c, widths[i]!, true, i > 0)) }),
            ...s.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, widths[i]!, false, i > 0, s.bodyText?.includes(i) === true ? bodyTextLanguage : undefined)) })),
          ],
        }),
      );
    }
    for (const line of s.lines ?? []) children.push(new Paragraph({ children: [new TextRun(line)] }));
    for (const entry of s.entries ?? []) {
      children.push(new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [new TextRun({ text: entry.head, bold: true })] }));
      for (const line of entry.lines) children.push(new Paragraph({ indent: { left: 240 }, children: [new TextRun({ text: line, size: 18 })] }));
    }
  }
  children.push(new Paragraph({ children: [] }));
  for (const sig of content.signatures) {
    children.push(
      new Paragraph({ spacing: { before: 600 }, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } }, children: [new TextRun(`${sig}    ${WORDS[lang].date}:`)] }),
    );
  }
  const small = { size: 16, color: '444444' };
  // One line, as the PDF's: whose form it is on the left, the page on the right at a tab stop. A
  // name so long that even that would wrap is cut, measured with the font's own widths at 8 pt.
  const width = textWidth(8);
  const room = DOCX_TEXT_WIDTH / 20 - width(`${WORDS[lang].page} 999 ${WORDS[lang].of} 999`) - 18;
  const footer = new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: DOCX_TEXT_WIDTH }],
        children: [
          new TextRun({ text: cutToFit(content.footer, (t) => width(t) <= room), ...small }),
          new TextRun({ children: [new Tab(), `${WORDS[lang].page} `], ...small }),
          new TextRun({ children: [PageNumber.CURRENT], ...small }),
          new TextRun({ text: ` ${WORDS[lang].of} `, ...small }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], ...small }),
        ],
      }),
    ],
  });
  const document = new Document({
    creator: 'Albero',
    title: content.title,
    // The form's language, or Word and LibreOffice take it for their own locale's (spelling, a PDF's /Lang).
    styles: { default: { document: { run: { font: 'DejaVu Sans', size: 20, language: { value: lang === 'it' ? 'it-IT' : 'en-GB' } } } } },
    sections: [{ footers: { default: footer }, children }],
  });
  return Packer.toBuffer(document);
}

export async function renderForm(sheet: FormSheet, format: FormDocumentFormat, lang: Lang): Promise<Buffer> {
  return format === 'pdf' ? pdf(sheet, lang) : docx(sheet, lang);
}
