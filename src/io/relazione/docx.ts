/**
 * The Relazione as a Word document (the `docx` package), editable in Word and LibreOffice: real
 * headings (the navigation pane is the index), real lists, tables with a repeated header row and
 * rows never split, the band as a cell shading plus shape and word. A4 portrait; the Albero
 * table gets its own landscape section, as offices lay out their Relazioni.
 */
import { AlignmentType, Document, Footer, HeadingLevel, LevelFormat, Packer, PageNumber, PageOrientation, Paragraph, ShadingType, TextRun, type ISectionOptions } from 'docx';
import { LAYOUT_COLUMNS } from '../published/layout.js';
import { BAND_COLOUR, BAND_ICON, BAND_WORD, REPORT_COLOUR } from '../report/bands.js';
import { COLUMN_PERCENT, type ReportRow } from '../report/rows.js';
import { deflateStoredZip, storedZip, unpackZip } from '../xlsx/zip.js';
import { cellXml, headerRowXml, hex, markFill, markXml, paragraphXml, runXml, rowXml, tableXml } from './docx-tables.js';
import type { Block, Cell, Inline, RelazioneDocument, Section } from './model.js';
import { documentAuthor } from '../report/meta.js';

const FONT = 'Calibri';
/** Twentieths of a point: A4, 2 cm margins. */
const A4 = { width: 11906, height: 16838, margin: 1134 };
const PORTRAIT_TEXT_WIDTH = A4.width - 2 * A4.margin;
const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * A4.margin;

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

function dataCell(c: Cell, width: number, align: 'left' | 'right'): string {
  if (c.mark !== undefined) return cellXml(paragraphXml(markXml(c.mark, c.bold === true, 20), align), width, markFill(c.mark));
  const text = runXml(c.text, { bold: c.bold === true, italics: c.muted === true, size: 20, ...(c.muted === true ? { color: hex(REPORT_COLOUR.muted) } : {}) });
  return cellXml(paragraphXml(text, align, c.indent), width, c.band === undefined ? undefined : BAND_COLOUR[c.band]);
}

function caption(text: string): Paragraph {
  return new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [new TextRun({ text, bold: true, color: hex(REPORT_COLOUR.head), size: 20 })] });
}

/** The seven-column Albero table (landscape pages). */
function alberoTable(rows: readonly ReportRow[]): string {
  const widths = COLUMN_PERCENT;
  const size = 16;
  const out: string[] = [headerRowXml(LAYOUT_COLUMNS, widths, size)];
  const text = (value: string, width: number, options: { bold?: boolean; align?: 'right'; italics?: boolean; color?: string; fill?: string } = {}): string =>
    cellXml(
      paragraphXml(
        value === '' ? '' : runXml(value, { bold: options.bold === true, italics: options.italics === true, size, ...(options.color === undefined ? {} : { color: options.color }) }),
        options.align ?? 'left',
      ),
      width,
      options.fill,
    );
  for (const row of rows) {
    if (row.kind === 'objective') {
      const fill = REPORT_COLOUR.objective;
      out.push(
        rowXml(
          text(row.label, widths[0], { bold: true, fill }) +
            text('', widths[1], { fill }) +
            text(row.weight, widths[2], { bold: true, align: 'right', fill }) +
            cellXml(paragraphXml('', 'left'), widths[3] + widths[4] + widths[5], fill, 3) +
            cellXml(paragraphXml(markXml(row.performance, true, size), 'right'), widths[6], markFill(row.performance, fill)),
        ),
      );
      continue;
    }
    const muted = row.state === 'not_achieved' || row.state === 'not_measured';
    out.push(
      rowXml(
        text('', widths[0]) +
          text(row.name, widths[1]) +
          text(row.weight, widths[2], { align: 'right' }) +
          text(row.target, widths[3], { align: 'right' }) +
          text(row.actual, widths[4], { align: 'right', italics: muted, ...(muted ? { color: hex(REPORT_COLOUR.muted) } : {}) }) +
          (row.kpi === null ? text('', widths[5]) : cellXml(paragraphXml(markXml(row.kpi, false, size), 'right'), widths[5], markFill(row.kpi))) +
          text('', widths[6]),
      ),
    );
  }
  return tableXml(widths, LANDSCAPE_TEXT_WIDTH, out);
}

type Child = Paragraph;

class Writer {
  /**
   * The tables, written as XML (docx-tables.ts); the document holds a placeholder paragraph for
   * each, replaced in word/document.xml once the package has written it. The nonce keeps a
   * placeholder from ever matching text the office typed.
   */
  readonly tables: string[] = [];
  readonly nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  /** Each numbered list restarts at 1: its own instance of the numbering. */
  private listInstance = 0;
  readonly sections: ISectionOptions[] = [];
  private children: Child[] = [];

  constructor(private readonly footer: Footer) {}

  private page(landscape: boolean): ISectionOptions['properties'] {
    return {
      page: {
        size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin },
      },
    };
  }

  placeholder(n: number): string {
    return `ALBEROTABLE${this.nonce}N${n}X`;
  }

  /** A table written as XML, in the flow where the placeholder stands. */
  table(xml: string): void {
    this.tables.push(xml);
    this.push(new Paragraph({ children: [new TextRun(this.placeholder(this.tables.length - 1))] }));
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
        const rows = [
          headerRowXml(
            b.columns.map((c) => c.title),
            widths,
            20,
            aligns,
          ),
          ...b.rows.map((r) => rowXml(r.map((c, i) => dataCell(c, widths[i]!, aligns[i]!)).join(''))),
        ];
        this.push(caption(b.caption));
        this.table(tableXml(widths, PORTRAIT_TEXT_WIDTH, rows));
        this.push(new Paragraph({ children: [] }));
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
        this.push(caption(b.caption));
        this.table(alberoTable(b.rows));
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
      this.block(b, base);
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
        children: [
          new TextRun({ text: `${doc.footer} — Pagina `, size: 16, color: '444444' }),
          new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '444444' }),
          new TextRun({ text: ' di ', size: 16, color: '444444' }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: '444444' }),
        ],
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
    creator: documentAuthor(doc),
    // Else the docx package writes «Un-named», which Word shows as who last changed the file.
    lastModifiedBy: documentAuthor(doc),
    title: doc.title,
    description: doc.subtitle,
    styles: {
      // Italian, the Relazione's language: without it Word and LibreOffice take the document for
      // their own locale's (spelling, hyphenation, the /Lang of a PDF exported from it).
      default: {
        document: { run: { font: FONT, size: 22, language: { value: 'it-IT' } } },
        heading1: { run: { color: hex(REPORT_COLOUR.head) } },
        heading2: { run: { color: hex(REPORT_COLOUR.head) } },
      },
    },
    numbering: {
      config: [
        { reference: 'numbered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    sections: w.sections,
  });
  return withTables(new Uint8Array(await Packer.toBuffer(document)), w);
}

/** The package with each placeholder paragraph of word/document.xml replaced by its table. */
function withTables(packed: Uint8Array, w: Writer): Uint8Array {
  if (w.tables.length === 0) return packed;
  const parts = unpackZip(packed, { inflatedBytes: 1 << 30, entries: 10_000 });
  if (!(parts instanceof Map)) throw new Error(`the docx package wrote a zip that does not unpack: ${parts.code}`);
  const xml = new TextDecoder().decode(parts.get('word/document.xml'));
  const out: string[] = [];
  let from = 0;
  for (let n = 0; n < w.tables.length; n++) {
    const at = xml.indexOf(w.placeholder(n), from);
    const start = at < 0 ? -1 : xml.lastIndexOf('<w:p>', at);
    const end = at < 0 ? -1 : xml.indexOf('</w:p>', at);
    if (start < from || end < 0) throw new Error(`table ${n} has lost its place in the document`);
    out.push(xml.slice(from, start), w.tables[n]!);
    from = end + '</w:p>'.length;
  }
  out.push(xml.slice(from));
  parts.set('word/document.xml', new TextEncoder().encode(out.join('')));
  return deflateStoredZip(storedZip(parts));
}
