/**
 * The appraisal form as a document to sign, PDF (pdfkit, DejaVu Sans embedded as in the Relazione)
 * or DOCX (docx): who, which category and year, the units and days, the objectives with targets,
 * actuals and scores, the behaviours with their ratings, the components and the final score with
 * each step of the explanation, the record of the steps (interview, evaluation, acceptance,
 * conciliation), and the signature lines of the evaluator and the person.
 *
 * In: the form as the API shows it (`FormSheet`), already in the reader's language. Out: bytes.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { Decimal, formatItalianDate, formatNumberIn } from '../../core/index.js';
import { fontData } from '../report/fonts.js';
import PDFDocument from '../report/pdfkit.js';

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
  };
  readonly result: {
    readonly score: number | null;
    readonly band: { readonly label: string; readonly share: number } | null;
    readonly components: readonly { readonly label: string; readonly weight: number; readonly score: number | null; readonly points: number | null }[];
    readonly objectives: readonly { readonly id: string; readonly score: number | null; readonly counted: boolean }[];
    readonly behaviours: readonly { readonly code: string; readonly rating: number | null; readonly label: string | null; readonly score: number | null }[];
    readonly units: readonly { readonly unit: string; readonly from: string; readonly to: string; readonly days: number; readonly effectiveDays: number | null; readonly score: number | null }[];
    readonly steps: readonly { readonly text: string }[];
    readonly frozen: boolean;
  } | null;
}

export type FormDocumentFormat = 'pdf' | 'docx';
export const FORM_DOCUMENT_FORMATS: readonly FormDocumentFormat[] = ['pdf', 'docx'];

type Lang = 'it' | 'en';
const WORDS = {
  it: {
    title: 'Scheda di valutazione della performance individuale',
    person: 'Valutato',
    evaluator: 'Valutatore',
    category: 'Categoria',
    state: 'Stato',
    units: 'Strutture di assegnazione',
    unitCols: ['Struttura', 'Dal', 'Al', 'Giorni', 'Giorni effettivi', 'Performance'],
    objectives: 'Obiettivi individuali',
    objectiveCols: ['Obiettivo', 'Peso', 'Target', 'Consuntivo', 'Punteggio'],
    behaviours: 'Comportamenti organizzativi',
    behaviourCols: ['Comportamento', 'Peso', 'Giudizio', 'Punteggio'],
    components: 'Componenti della valutazione',
    componentCols: ['Componente', 'Peso', 'Punteggio', 'Punti'],
    final: 'Punteggio finale',
    band: 'Fascia',
    share: 'coefficiente di premio',
    how: 'Come è stato calcolato',
    record: 'Fasi',
    interview: 'Colloquio intermedio',
    evaluated: 'Valutazione',
    accepted: 'Accettazione',
    contested: 'Contestazione',
    conciliation: 'Conciliazione',
    finalised: 'Definitiva',
    provisional: 'Punteggio provvisorio: la scheda non è ancora valutata.',
    noSmvp: 'Manca il Sistema di misurazione e valutazione per questo anno: nessun punteggio.',
    signEvaluator: 'Firma del valutatore',
    signPerson: 'Firma del valutato (per presa visione)',
    date: 'Data',
    nv: 'N.V.',
    none: '—',
    yes: 'sì',
    no: 'no',
  },
  en: {
    title: 'Individual performance appraisal form',
    person: 'Appraisee',
    evaluator: 'Evaluator',
    category: 'Category',
    state: 'State',
    units: 'Unit assignments',
    unitCols: ['Unit', 'From', 'To', 'Days', 'Effective days', 'Performance'],
    objectives: 'Individual objectives',
    objectiveCols: ['Objective', 'Weight', 'Target', 'Actual', 'Score'],
    behaviours: 'Behaviours',
    behaviourCols: ['Behaviour', 'Weight', 'Rating', 'Score'],
    components: 'Components of the appraisal',
    componentCols: ['Component', 'Weight', 'Score', 'Points'],
    final: 'Final score',
    band: 'Band',
    share: 'bonus coefficient',
    how: 'How it was computed',
    record: 'Steps',
    interview: 'Mid-year interview',
    evaluated: 'Evaluation',
    accepted: 'Acceptance',
    contested: 'Contest',
    conciliation: 'Conciliation',
    finalised: 'Final',
    provisional: 'Provisional score: the form is not evaluated yet.',
    noSmvp: 'There is no measurement system (SMVP) for this year: no score.',
    signEvaluator: 'Evaluator’s signature',
    signPerson: 'Appraisee’s signature (seen)',
    date: 'Date',
    nv: 'N.V.',
    none: '—',
    yes: 'yes',
    no: 'no',
  },
} as const;

const pct = (v: number | null, lang: Lang): string => (v === null ? '—' : `${formatNumberIn(new Decimal(v), 2, lang)}%`);
const numText = (v: number | null, lang: Lang): string => (v === null ? '—' : formatNumberIn(new Decimal(v), 2, lang));
const value = (v: unknown, lang: Lang): string =>
  v === null || v === undefined
    ? '—'
    : typeof v === 'boolean'
      ? v
        ? WORDS[lang].yes
        : WORDS[lang].no
      : typeof v === 'number'
        ? formatNumberIn(new Decimal(v), 2, lang).replace(/[.,]00$/, '')
        : /^\d{4}-\d{2}-\d{2}$/.test(String(v))
          ? formatItalianDate(String(v))
          : String(v);
const day = (iso: string): string => formatItalianDate(iso.slice(0, 10));

interface Section {
  readonly heading: string;
  readonly rows?: readonly (readonly string[])[];
  readonly columns?: readonly string[];
  readonly lines?: readonly string[];
}

/** The document's content once, for both formats. */
function sections(sheet: FormSheet, lang: Lang): { title: string; facts: [string, string][]; sections: Section[]; signatures: string[] } {
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
    out.push({ heading: w.units, columns: w.unitCols, rows: r.units.map((u) => [u.unit, day(u.from), day(u.to), String(u.days), numText(u.effectiveDays, lang), pct(u.score, lang)]) });
  if (sheet.objectives.length > 0) {
    out.push({
      heading: w.objectives,
      columns: w.objectiveCols,
      rows: sheet.objectives.map((o) => {
        const scored = r?.objectives.find((x) => x.id === o.id);
        return [
          o.title,
          pct(o.weight, lang),
          `${o.comparator} ${value(o.target, lang)}`,
          o.state === 'not_evaluable' ? `${w.nv}${o.reason ? `: ${o.reason}` : ''}` : value(o.actual, lang),
          pct(scored?.score ?? null, lang),
        ];
      }),
    });
  }
  if (sheet.behaviours.length > 0) {
    out.push({
      heading: w.behaviours,
      columns: w.behaviourCols,
      rows: sheet.behaviours.map((b) => {
        const rated = r?.behaviours.find((x) => x.code === b.code);
        return [`${b.code} ${b.title}`, pct(b.weight, lang), rated?.rating === null || rated === undefined ? '—' : `${rated.rating} – ${rated.label ?? ''}`, pct(rated?.score ?? null, lang)];
      }),
    });
  }
  if (r === null) out.push({ heading: w.final, lines: [w.noSmvp] });
  else {
    out.push({ heading: w.components, columns: w.componentCols, rows: r.components.map((c) => [c.label, pct(c.weight, lang), pct(c.score, lang), numText(c.points, lang)]) });
    out.push({
      heading: w.final,
      lines: [`${w.final}: ${pct(r.score, lang)}${r.band === null ? '' : ` — ${w.band} "${r.band.label}", ${w.share} ${pct(r.band.share, lang)}`}`, ...(r.frozen ? [] : [w.provisional])],
    });
    out.push({ heading: w.how, lines: r.steps.map((s) => s.text) });
  }
  const record: string[] = [];
  const rec = sheet.record;
  if (rec.interview !== null) record.push(`${w.interview} (${day(rec.interview.at)}): ${rec.interview.note}`);
  if (rec.evaluation !== null) record.push(`${w.evaluated}: ${day(rec.evaluation.at)}`);
  if (rec.acceptance !== null) record.push(`${w.accepted}: ${day(rec.acceptance.at)}`);
  if (rec.contest !== null) record.push(`${w.contested} (${day(rec.contest.at)}): ${rec.contest.reason}`);
  if (rec.conciliation !== null) record.push(`${w.conciliation} (${day(rec.conciliation.at)}): ${rec.conciliation.outcome} — ${rec.conciliation.note}`);
  if (rec.finalisedAt !== null) record.push(`${w.finalised}: ${day(rec.finalisedAt)}`);
  if (record.length > 0) out.push({ heading: w.record, lines: record });
  return { title: `${w.title} ${sheet.year} — ${sheet.organisation}`, facts, sections: out, signatures: [w.signEvaluator, w.signPerson] };
}

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
  doc.font('bold').fontSize(15).text(content.title, { width });
  doc.moveDown(0.5);
  for (const [k, v] of content.facts) doc.font('bold').fontSize(10).text(`${k}: `, { continued: true }).font('regular').text(v);
  for (const s of content.sections) {
    doc.moveDown(0.8);
    doc.font('bold').fontSize(12).text(s.heading, { width });
    doc.moveDown(0.3);
    if (s.rows !== undefined && s.columns !== undefined) {
      const n = s.columns.length;
      const first = width * (n > 4 ? 0.34 : 0.46);
      const rest = (width - first) / (n - 1);
      const colX = (i: number): number => 50 + (i === 0 ? 0 : first + (i - 1) * rest);
      const colW = (i: number): number => (i === 0 ? first : rest) - 6;
      const row = (cells: readonly string[], bold: boolean): void => {
        doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
        const heights = cells.map((t, i) => doc.heightOfString(t, { width: colW(i) }));
        const h = Math.max(...heights) + 4;
        if (doc.y + h > doc.page.height - 50) doc.addPage();
        const y = doc.y;
        cells.forEach((t, i) => doc.text(t, colX(i), y + 2, { width: colW(i), align: i === 0 ? 'left' : 'right' }));
        doc
          .moveTo(50, y + h)
          .lineTo(50 + width, y + h)
          .lineWidth(0.4)
          .strokeColor('#999999')
          .stroke();
        doc.x = 50;
        doc.y = y + h;
      };
      row(s.columns, true);
      for (const r of s.rows) row(r, false);
    }
    for (const line of s.lines ?? []) doc.font('regular').fontSize(9.5).text(line, 50, doc.y, { width, paragraphGap: 3 });
  }
  doc.moveDown(2);
  for (const sig of content.signatures) {
    if (doc.y + 60 > doc.page.height - 50) doc.addPage();
    doc.font('regular').fontSize(10).text(`${sig}: ______________________________    ${WORDS[lang].date}: ____________`, 50, doc.y, { width });
    doc.moveDown(2);
  }
  doc.end();
  return done;
}

function cell(text: string, bold = false, right = false): TableCell {
  return new TableCell({ children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold, size: 18 })] })] });
}

async function docx(sheet: FormSheet, lang: Lang): Promise<Buffer> {
  const content = sections(sheet, lang);
  const children: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(content.title)] })];
  for (const [k, v] of content.facts) children.push(new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] }));
  for (const s of content.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(s.heading)] }));
    if (s.rows !== undefined && s.columns !== undefined) {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: s.columns.map((c, i) => cell(c, true, i > 0)) }),
            ...s.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, i > 0)) })),
          ],
        }),
      );
    }
    for (const line of s.lines ?? []) children.push(new Paragraph({ children: [new TextRun(line)] }));
  }
  children.push(new Paragraph({ children: [] }));
  for (const sig of content.signatures) {
    children.push(
      new Paragraph({ spacing: { before: 600 }, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } }, children: [new TextRun(`${sig}    ${WORDS[lang].date}:`)] }),
    );
  }
  const document = new Document({ creator: 'Albero', title: content.title, styles: { default: { document: { run: { font: 'DejaVu Sans', size: 20 } } } }, sections: [{ children }] });
  return Packer.toBuffer(document);
}

export async function renderForm(sheet: FormSheet, format: FormDocumentFormat, lang: Lang): Promise<Buffer> {
  return format === 'pdf' ? pdf(sheet, lang) : docx(sheet, lang);
}
