/**
 * The Relazione as PDF, drawn with the report's own pdfkit tools (io/report/pdf.ts): the same
 * embedded DejaVu fonts, the same self-paginating tables with their repeated header, the same
 * band look (shape, value, word on the band's colour) and the Albero table's very cells. A4
 * landscape like the report, so the seven-column table reads at the same size; running text is
 * kept to a readable measure (190 mm). Tagged for screen readers up to TAGGED_UP_TO objectives.
 */
import { LAYOUT_COLUMNS } from '../published/layout.js';
import { BAND_COLOUR, BAND_ICON, BAND_STROKE, BAND_WORD, REPORT_COLOUR } from '../report/bands.js';
import {
  alberoCells,
  alberoStyle,
  BOTTOM,
  Canvas,
  firstBaseline,
  LEFT,
  PAGE,
  PT_PER_MM,
  PX,
  RIGHT,
  TableWriter,
  WIDTH,
  type Cell as PdfCell,
  type Face,
  type Struct,
  type TableStyle,
} from '../report/pdf.js';
import { COLUMN_PERCENT } from '../report/rows.js';
import type { Block, Inline, RelazioneDocument, Section } from './model.js';
import { documentAuthor } from '../report/meta.js';

/** Running text's width: about 90 characters a line. */
const MEASURE = Math.min(WIDTH, 190 * PT_PER_MM);
const TEXT_SIZE = 10.5;
const LEADING = 1.4;
/** The Albero table's rows between two yields to the event loop (a server keeps answering). */
const YIELD_EVERY = 2000;

interface Segment {
  readonly text: string;
  readonly face: Face;
}
type Line = readonly Segment[];

function faceOf(bold: boolean, italic: boolean): Face {
  // DejaVu Sans has no bold-oblique here: bold wins, as emphasis inside bold reads as bold.
  return bold ? 'bold' : italic ? 'italic' : 'regular';
}

/** Spans cut into lines of at most `width` points, at spaces; each line a list of styled segments. */
function wrapSpans(canvas: Canvas, spans: Inline, size: number, width: number, base: Face = 'regular'): Line[] {
  const words: Segment[][] = [[]];
  for (const s of spans) {
    const face = s.bold === true || s.italic === true ? faceOf(s.bold === true, s.italic === true) : base;
    const parts = s.text.replace(/\s+/g, ' ').split(' ');
    parts.forEach((p, n) => {
      if (n > 0) words.push([]);
      if (p !== '') words[words.length - 1]!.push({ text: p, face });
    });
  }
  const lines: Segment[][] = [];
  let line: Segment[] = [];
  let lineWidth = 0;
  const widthOf = (w: readonly Segment[]): number => w.reduce((t, s) => t + canvas.width(s.text, s.face, size), 0);
  for (const word of words.filter((w) => w.length > 0)) {
    let w = widthOf(word);
    const space = canvas.width(' ', word[0]!.face, size);
    if (line.length > 0 && lineWidth + space + w <= width) {
      line.push({ text: ' ', face: word[0]!.face }, ...word);
      lineWidth += space + w;
      continue;
    }
    if (line.length > 0) lines.push(line);
    line = [];
    lineWidth = 0;
    // A word longer than the line: cut it (the styled pieces are cut as one text in its first face).
    let rest = word;
    while (w > width && rest.map((s) => s.text).join('').length > 1) {
      const text = rest.map((s) => s.text).join('');
      const face = rest[0]!.face;
      let n = text.length - 1;
      while (n > 1 && canvas.width(text.slice(0, n), face, size) > width) n--;
      lines.push([{ text: text.slice(0, n), face }]);
      rest = [{ text: text.slice(n), face }];
      w = widthOf(rest);
    }
    line = [...rest];
    lineWidth = w;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

class RelazionePdf {
  readonly canvas: Canvas;
  private chapters = 0;

  constructor(
    readonly doc: RelazioneDocument,
    tagged: boolean,
  ) {
    this.canvas = new Canvas(doc.title, tagged, 'it-IT', documentAuthor(doc));
  }

  /**
   * Lines of text drawn from `x`. A short paragraph stays on one page; a long one breaks between
   * lines, each page's part its own structure element (marked content never spans pages).
   */
  private lines(parent: Struct | null, lines: readonly Line[], options: { x?: number; size?: number; color?: string; type?: string; prefix?: string } = {}): void {
    const canvas = this.canvas;
    const size = options.size ?? TEXT_SIZE;
    const lh = size * LEADING;
    const x = options.x ?? LEFT;
    let from = 0;
    while (from < lines.length) {
      const rest = lines.length - from;
      if (rest <= 4) canvas.ensure(rest * lh);
      else if (canvas.y + 2 * lh > BOTTOM) canvas.newPage();
      const fit = Math.max(1, Math.floor((BOTTOM - canvas.y) / lh));
      const part = lines.slice(from, from + fit);
      const first = from === 0;
      canvas.tag(parent, options.type ?? 'P', () => {
        part.forEach((line, n) => {
          const baseline = firstBaseline(canvas.y + n * lh, size, lh);
          if (first && n === 0 && options.prefix !== undefined) canvas.line(options.prefix, x - 14, baseline, 'regular', size, options.color ?? REPORT_COLOUR.ink);
          let at = x;
          for (const s of line) {
            canvas.line(s.text, at, baseline, s.face, size, options.color ?? REPORT_COLOUR.ink);
            at += canvas.width(s.text, s.face, size);
          }
        });
      });
      canvas.y += part.length * lh;
      from += part.length;
    }
  }

  heading(parent: Struct | null, level: number, text: string, outline: boolean): void {
    const canvas = this.canvas;
    const size = level <= 1 ? 20 : level === 2 ? 15 : level === 3 ? 12.5 : 11;
    const before = level <= 2 ? 16 : 10;
    canvas.ensure(before + size * 1.3 + 50);
    if (canvas.y > PAGE.top) canvas.y += before;
    const y = canvas.y;
    const lines = canvas.wrap(text, 'bold', size, WIDTH);
    canvas.tag(parent, `H${Math.min(6, level)}`, () =>
      lines.forEach((l, n) => canvas.line(l, LEFT, firstBaseline(y + n * size * 1.3, size, size * 1.3), 'bold', size, level <= 1 ? REPORT_COLOUR.ink : REPORT_COLOUR.head)),
    );
    canvas.y += lines.length * size * 1.3 + 4;
    if (level === 2)
      canvas.artifact(() =>
        canvas.doc
          .lineWidth(PX)
          .strokeColor(REPORT_COLOUR.rule)
          .moveTo(LEFT, canvas.y - 2)
          .lineTo(LEFT + MEASURE, canvas.y - 2)
          .stroke(),
      );
    if (outline) canvas.doc.outline.addItem(text);
  }

  block(parent: Struct | null, b: Block, level: number): Promise<void> | void {
    const canvas = this.canvas;
    switch (b.kind) {
      case 'heading':
        return this.heading(parent, level + b.level - 2, b.spans.map((s) => s.text).join(''), false);
      case 'paragraph': {
        const size = b.role === 'note' ? 8.5 : TEXT_SIZE;
        const base: Face = b.role === 'notice' ? 'italic' : 'regular';
        this.lines(parent, wrapSpans(canvas, b.spans, size, MEASURE, base), { size, ...(b.role === 'notice' || b.role === 'note' ? { color: REPORT_COLOUR.muted } : {}) });
        canvas.y += 5;
        return;
      }
      case 'list': {
        const list = canvas.group(parent, 'L');
        b.items.forEach((item, n) => {
          const li = canvas.group(list, 'LI');
          this.lines(li ?? list, wrapSpans(canvas, item, TEXT_SIZE, MEASURE - 18), { x: LEFT + 18, prefix: b.ordered ? `${n + 1}.` : '•', type: 'LBody' });
          li?.end();
        });
        list?.end();
        canvas.y += 5;
        return;
      }
      case 'table': {
        canvas.ensure(60);
        this.lines(parent, [[{ text: b.caption, face: 'bold' }]], { size: 10, color: REPORT_COLOUR.head, type: 'Caption' });
        const style: TableStyle = { size: 9.5, leading: 1.3, padX: 5 * PX, padY: 3 * PX };
        const widths = b.columns.map((c) => (WIDTH * c.width) / 100);
        const table = new TableWriter(
          canvas,
          widths,
          b.columns.map((c) => c.title),
          style,
          canvas.group(parent, 'Table'),
        );
        for (const r of b.rows) {
          table.row(
            r.map((c, i): PdfCell => {
              const align = b.columns[i]?.align ?? 'left';
              const tag = c.header === true ? 'TH' : 'TD';
              if (c.mark !== undefined) return { tag, mark: { mark: c.mark, bold: c.bold === true, size: style.size }, ...(c.mark.band === null ? {} : { fill: BAND_COLOUR[c.mark.band] }) };
              const face: Face = c.bold === true ? 'bold' : c.muted === true ? 'italic' : 'regular';
              // A level of the tree: 12 px in, as the report's table by area sets its objectives in.
              const indent = (c.indent ?? 0) * 12 * PX;
              return {
                tag,
                para: table.para(c.text, i, face, c.muted === true ? REPORT_COLOUR.muted : REPORT_COLOUR.ink, { align, indent }),
                ...(c.band === undefined ? {} : { fill: BAND_COLOUR[c.band] }),
              };
            }),
          );
        }
        canvas.y += 10;
        return;
      }
      case 'legend': {
        canvas.ensure(40);
        const list = canvas.group(parent, 'L');
        const size = 9.5;
        const lh = size * 1.3 + 4 * PX;
        for (const r of b.rules) {
          const text = `${BAND_ICON[r.band]} ${BAND_WORD[r.band]}`;
          const swatch = Math.max(44, canvas.width(text, 'regular', 9) + 10);
          const y = canvas.y;
          canvas.artifact(() => canvas.rect(LEFT, y + 1, swatch, lh - 2, BAND_COLOUR[r.band], BAND_STROKE[r.band]));
          const baseline = firstBaseline(y, size, lh);
          canvas.tag(list, 'LI', () => {
            canvas.line(text, LEFT + 5, baseline, 'regular', 9, REPORT_COLOUR.ink);
            canvas.line(r.label, LEFT + swatch + 6, baseline, 'regular', size, REPORT_COLOUR.ink);
          });
          canvas.y += lh + 3;
        }
        list?.end();
        canvas.y += 6;
        return;
      }
      case 'albero':
        return this.albero(parent, b.caption, b.rows);
    }
  }

  private async albero(parent: Struct | null, caption: string, rows: Extract<Block, { kind: 'albero' }>['rows']): Promise<void> {
    const canvas = this.canvas;
    canvas.ensure(80);
    this.lines(parent, wrapSpans(canvas, [{ text: caption, bold: true }], 10, WIDTH), { size: 10, color: REPORT_COLOUR.head, type: 'Caption' });
    const objectives = rows.reduce((t, r) => t + (r.kind === 'objective' ? 1 : 0), 0);
    const style = alberoStyle(objectives > 300);
    const table = new TableWriter(
      canvas,
      COLUMN_PERCENT.map((p) => (WIDTH * p) / 100),
      LAYOUT_COLUMNS,
      style,
      canvas.group(parent, 'Table'),
    );
    let n = 0;
    for (const row of rows) {
      table.row(alberoCells(table, row, style), { keepWithNext: row.kind === 'objective' });
      if (++n % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    table.end();
    canvas.y += 8;
  }

  async section(parent: Struct | null, s: Section, depth: number): Promise<void> {
    const canvas = this.canvas;
    if (depth === 0 && this.chapters++ > 0 && canvas.y > PAGE.top + (BOTTOM - PAGE.top) * 0.6) canvas.newPage();
    const sect = canvas.group(parent, 'Sect');
    const level = 2 + depth;
    this.heading(sect, level, `${s.number} ${s.title}`, depth <= 1);
    for (const b of s.blocks) await this.block(sect, b, level);
    for (const c of s.sections) await this.section(sect, c, depth + 1);
    sect?.end();
  }

  titleBlock(root: Struct | null): void {
    const canvas = this.canvas;
    const doc = this.doc;
    if (doc.body !== undefined) this.lines(root, [[{ text: doc.body.toUpperCase(), face: 'regular' }]], { size: 11, color: REPORT_COLOUR.muted });
    this.heading(root, 1, doc.title, false);
    this.lines(root, wrapSpans(canvas, [{ text: doc.subtitle }], 12, WIDTH), { size: 12 });
    this.lines(
      root,
      [
        doc.facts.flatMap(([k, v], i): Segment[] => [
          { text: `${i === 0 ? '' : '     '}${k}: `, face: 'bold' },
          { text: v, face: 'regular' },
        ]),
      ],
      { size: 10 },
    );
    canvas.y += 6;
    const rule = canvas.y;
    canvas.artifact(() =>
      canvas.doc
        .lineWidth(3 * PX)
        .strokeColor(REPORT_COLOUR.head)
        .moveTo(LEFT, rule)
        .lineTo(RIGHT, rule)
        .stroke(),
    );
    canvas.y += 10;
  }

  index(root: Struct | null): void {
    const sect = this.canvas.group(root, 'TOC');
    this.heading(sect, 2, 'Indice', false);
    const entries = (sections: readonly Section[], depth: number): void => {
      for (const s of sections) {
        this.lines(sect, [[{ text: `${s.number} ${s.title}`, face: depth === 0 ? 'bold' : 'regular' }]], { x: LEFT + depth * 16, size: 10, type: 'TOCI' });
        entries(s.sections, depth + 1);
      }
    };
    entries(this.doc.sections, 0);
    sect?.end();
  }

  furniture(): void {
    const canvas = this.canvas;
    const { start, count } = canvas.doc.bufferedPageRange();
    const size = 6.5;
    const color = '#444444';
    const head = this.doc.body === undefined ? this.doc.subtitle : `${this.doc.body} — ${this.doc.subtitle}`;
    for (let i = start; i < start + count; i++) {
      canvas.switchToPage(i);
      canvas.artifact(() => {
        canvas.line(head, RIGHT - canvas.width(head, 'regular', size), 7 * PT_PER_MM, 'regular', size, color);
        canvas.line(this.doc.footer, LEFT, PAGE.height - 6 * PT_PER_MM, 'regular', size, color);
        const page = `Pagina ${i + 1} di ${count}`;
        canvas.line(page, RIGHT - canvas.width(page, 'regular', size), PAGE.height - 6 * PT_PER_MM, 'regular', size, color);
      }, 'Pagination');
    }
  }
}

/** The PDF bytes. `tagged`: structure for screen readers (default: yes up to 300 objectives). */
export async function renderRelazionePdf(doc: RelazioneDocument, options: { readonly tagged?: boolean } = {}): Promise<Uint8Array> {
  let objectives = 0;
  const count = (sections: readonly Section[]): void => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.kind === 'albero') objectives += b.rows.reduce((t, r) => t + (r.kind === 'objective' ? 1 : 0), 0);
      count(s.sections);
    }
  };
  count(doc.sections);
  const pdf = new RelazionePdf(doc, options.tagged ?? objectives <= 300);
  const pdfDoc = pdf.canvas.doc;
  const chunks: Buffer[] = [];
  pdfDoc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdfDoc.on('end', resolve);
    pdfDoc.on('error', reject);
  });
  const root = pdf.canvas.tagged ? pdfDoc.struct('Document') : null;
  if (root !== null) pdfDoc.addStructure(root);
  pdf.titleBlock(root);
  pdf.index(root);
  pdf.canvas.newPage();
  for (const s of doc.sections) await pdf.section(root, s, 0);
  root?.end();
  pdf.furniture();
  pdfDoc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
