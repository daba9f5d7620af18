/**
 * The Relazione as a Word document (the `docx` package), editable in Word and LibreOffice: real
 * headings (the navigation pane is the index), real lists, tables with a repeated header row and
 * rows never split, the band as a cell shading plus shape and word. A4 portrait; the Albero
 * table gets its own landscape section, as offices lay out their Relazioni.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { LAYOUT_COLUMNS } from '../published/layout.js';
import { BAND_COLOUR, BAND_ICON, BAND_WORD, REPORT_COLOUR } from '../report/bands.js';
import { COLUMN_PERCENT, type Mark, type ReportRow } from '../report/rows.js';
import type { Block, Cell, Inline, RelazioneDocument, Section } from './model.js';

const FONT = 'Calibri';
/** Twentieths of a point: A4, 2 cm margins. */
const A4 = { width: 11906, height: 16838, margin: 1134 };
const hex = (colour: string): string => colour.replace('#', '').toUpperCase();
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: hex(REPORT_COLOUR.rule) };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function runs(spans: Inline, options: { size?: number; color?: string; italics?: boolean } = {}): TextRun[] {
  return spans.map(
    (s) =>
      new TextRun({
        text: s.text,
        bold: s.bold === true,
        italics: s.italic === true || options.italics === true,
        ...(options.size === undefined ? {} : { size: options.size }),
        ...(options.color === undefined ? {} : { color: options.color }),
      }),
  );
}

/** "● 93,00% verde": shape, value (bold when asked), word in italics. */
function markRuns(m: Mark, bold: boolean, size: number): TextRun[] {
  if (m.value === null) return [new TextRun({ text: '—', color: hex(REPORT_COLOUR.muted), size })];
  if (m.band === null) return [new TextRun({ text: m.value, bold, size })];
  return [new TextRun({ text: `${BAND_ICON[m.band]} `, size }), new TextRun({ text: m.value, bold, size }), new TextRun({ text: ` ${BAND_WORD[m.band]}`, italics: true, size: size - 3 })];
}

function cell(children: Paragraph[], width: number, fill?: string, columnSpan?: number): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(fill === undefined ? {} : { shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(fill) } }),
    ...(columnSpan === undefined ? {} : { columnSpan }),
  });
}

function headerRow(titles: readonly string[], widths: readonly number[], size: number, aligns: readonly ('left' | 'right')[] = []): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: titles.map((t, i) =>
      cell([new Paragraph({ alignment: aligns[i] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: t, bold: true, color: 'FFFFFF', size })] })], widths[i]!, REPORT_COLOUR.head),
    ),
  });
}

function dataCell(c: Cell, width: number, align: 'left' | 'right'): TableCell {
  const alignment = align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  if (c.mark !== undefined) return cell([new Paragraph({ alignment, children: markRuns(c.mark, c.bold === true, 20) })], width, c.mark.band === null ? undefined : BAND_COLOUR[c.mark.band]);
  const text = new TextRun({ text: c.text, bold: c.bold === true, italics: c.muted === true, size: 20, ...(c.muted === true ? { color: hex(REPORT_COLOUR.muted) } : {}) });
  return cell([new Paragraph({ alignment, children: [text] })], width, c.band === undefined ? undefined : BAND_COLOUR[c.band]);
}

function caption(text: string): Paragraph {
  return new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [new TextRun({ text, bold: true, color: hex(REPORT_COLOUR.head), size: 20 })] });
}

function alberoTable(rows: readonly ReportRow[]): Table {
  const widths = COLUMN_PERCENT;
  const size = 16;
  const body: TableRow[] = [headerRow(LAYOUT_COLUMNS, widths, size)];
  const p = (text: string, options: { bold?: boolean; align?: 'right'; italics?: boolean; color?: string } = {}): Paragraph =>
    new Paragraph({
      alignment: options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      children: [new TextRun({ text, bold: options.bold === true, italics: options.italics === true, size, ...(options.color === undefined ? {} : { color: options.color }) })],
    });
  for (const row of rows) {
    if (row.kind === 'objective') {
      const fill = REPORT_COLOUR.objective;
      body.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell([p(row.label, { bold: true })], widths[0], fill),
            cell([p('')], widths[1], fill),
            cell([p(row.weight, { bold: true, align: 'right' })], widths[2], fill),
            cell([p('')], widths[3] + widths[4] + widths[5], fill, 3),
            cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: markRuns(row.performance, true, size) })], widths[6], row.performance.band === null ? fill : BAND_COLOUR[row.performance.band]),
          ],
        }),
      );
      continue;
    }
    const muted = row.state === 'not_achieved' || row.state === 'not_measured';
    body.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell([p('')], widths[0]),
          cell([p(row.name)], widths[1]),
          cell([p(row.weight, { align: 'right' })], widths[2]),
          cell([p(row.target, { align: 'right' })], widths[3]),
          cell([p(row.actual, { align: 'right', italics: muted, ...(muted ? { color: hex(REPORT_COLOUR.muted) } : {}) })], widths[4]),
          row.kpi === null ? cell([p('')], widths[5]) : cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: markRuns(row.kpi, false, size) })], widths[5], row.kpi.band === null ? undefined : BAND_COLOUR[row.kpi.band]),
          cell([p('')], widths[6]),
        ],
      }),
    );
  }
  return new Table({ rows: body, width: { size: 100, type: WidthType.PERCENTAGE } });
}

type Child = Paragraph | Table;

class Writer {
  /** Each numbered list restarts at 1: its own instance of the numbering. */
  private listInstance = 0;
  readonly sections: ISectionOptions[] = [];
  private children: Child[] = [];

  constructor(private readonly footer: Footer) {}

  private page(landscape: boolean): ISectionOptions['properties'] {
    return { page: { size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT }, margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin } } };
  }

  push(...c: Child[]): void {
    this.children.push(...c);
  }

  /** Ends the current section (portrait) and puts `content` in a landscape one of its own. */
  landscape(content: Child[]): void {
    this.flush(false);
    this.children = content;
    this.flush(true);
  }

  flush(landscape: boolean): void {
    if (this.children.length === 0) return;
    this.sections.push({ properties: this.page(landscape), footers: { default: this.footer }, children: this.children });
    this.children = [];
  }

  block(b: Block, headingBase: number): void {
    switch (b.kind) {
      case 'heading': {
        const level = headingBase + b.level - 2;
        this.push(new Paragraph({ heading: level <= 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4, keepNext: true, children: runs(b.spans) }));
        return;
      }
      case 'paragraph':
        if (b.role === 'notice') this.push(new Paragraph({ spacing: { after: 120 }, children: runs(b.spans, { italics: true, color: hex(REPORT_COLOUR.muted) }) }));
        else if (b.role === 'note') this.push(new Paragraph({ spacing: { after: 120 }, children: runs(b.spans, { size: 16, color: hex(REPORT_COLOUR.muted) }) }));
        else this.push(new Paragraph({ spacing: { after: 120 }, alignment: AlignmentType.JUSTIFIED, children: runs(b.spans) }));
        return;
      case 'list': {
        const instance = ++this.listInstance;
        for (const item of b.items) this.push(new Paragraph({ ...(b.ordered ? { numbering: { reference: 'numbered', level: 0, instance } } : { bullet: { level: 0 } }), children: runs(item) }));
        return;
      }
      case 'table': {
        const widths = b.columns.map((c) => c.width);
        const aligns = b.columns.map((c) => c.align ?? 'left');
        const rows = [headerRow(b.columns.map((c) => c.title), widths, 20, aligns), ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => dataCell(c, widths[i]!, aligns[i]!)) }))];
        this.push(caption(b.caption), new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }), new Paragraph({ children: [] }));
        return;
      }
      case 'legend':
        this.push(
          new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Legenda', bold: true, size: 20 })] }),
          ...b.rules.map(
            (r) =>
              new Paragraph({
                children: [
                  new TextRun({ text: ` ${BAND_ICON[r.band]} ${BAND_WORD[r.band]} `, size: 18, shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(BAND_COLOUR[r.band]) } }),
                  new TextRun({ text: `  ${r.label}`, size: 20 }),
                ],
              }),
          ),
        );
        return;
      case 'albero':
        this.push(caption(b.caption), alberoTable(b.rows));
        return;
    }
  }

  section(s: Section, depth: number): void {
    const heading = depth === 0 ? HeadingLevel.HEADING_1 : depth === 1 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
    // A section holding the Albero table goes whole on landscape pages: heading, words, legend, table.
    const wide = s.blocks.some((b) => b.kind === 'albero');
    const saved = this.children;
    if (wide) this.children = [];
    this.push(new Paragraph({ heading, keepNext: true, children: [new TextRun(`${s.number} ${s.title}`)] }));
    const base = Math.min(4, 2 + depth);
    for (const b of s.blocks) {
      if (b.kind === 'albero') this.push(caption(b.caption), alberoTable(b.rows));
      else this.block(b, base);
    }
    if (wide) {
      const content = this.children;
      this.children = saved;
      this.landscape(content);
    }
    for (const c of s.sections) this.section(c, depth + 1);
  }
}

function indexEntries(sections: readonly Section[], depth: number): Paragraph[] {
  return sections.flatMap((s) => [new Paragraph({ indent: { left: depth * 360 }, children: [new TextRun({ text: `${s.number} ${s.title}`, size: 20 })] }), ...indexEntries(s.sections, depth + 1)]);
}

/** The .docx bytes. */
export async function renderRelazioneDocx(doc: RelazioneDocument): Promise<Uint8Array> {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: `${doc.footer} — Pagina `, size: 16, color: '444444' }), new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '444444' }), new TextRun({ text: ' di ', size: 16, color: '444444' }), new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: '444444' })],
      }),
    ],
  });
  const w = new Writer(footer);
  if (doc.body !== undefined) w.push(new Paragraph({ children: [new TextRun({ text: doc.body.toUpperCase(), color: hex(REPORT_COLOUR.muted), size: 22 })] }));
  w.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }));
  w.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: doc.subtitle, size: 24 })] }));
  w.push(new Paragraph({ spacing: { after: 240 }, children: doc.facts.flatMap(([k, v], i) => [new TextRun({ text: `${i === 0 ? '' : '   '}${k}: `, bold: true }), new TextRun(v)]) }));
  w.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Indice')] }), ...indexEntries(doc.sections, 0));
  for (const s of doc.sections) w.section(s, 0);
  w.flush(false);
  const document = new Document({
    creator: 'Albero',
    title: doc.title,
    description: doc.subtitle,
    styles: {
      default: { document: { run: { font: FONT, size: 22 } }, heading1: { run: { color: hex(REPORT_COLOUR.head) } }, heading2: { run: { color: hex(REPORT_COLOUR.head) } } },
    },
    numbering: { config: [{ reference: 'numbered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] }] },
    sections: w.sections,
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
