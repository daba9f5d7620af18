/**
 * The Relazione as PDF, drawn directly with pdfkit: A4 landscape, the plan's title in every page's
 * header and "Pagina N di M" in its footer, the title block, the summary (a vector bar chart, the
 * objectives per band, the table by area), the legend and the seven-column table, whose header
 * row is repeated on every page and whose rows are never split across pages.
 *
 * The texts come from the same places as the HTML page's (rows.ts, summary.ts, bands.ts, meta.ts,
 * validated.ts: the OIV's published validation, its figure over the reported one); only the drawing is here. DejaVu Sans is embedded (the standard PDF fonts have no ● ▲ ■, ≥, —).
 * Normal-size plans get a tagged PDF (headings, paragraphs, tables with header cells, a figure
 * with its description; page furniture as artifacts) for screen readers.
 */
import { baselineChangeLine, baselinesNote, baselinesTitle, type ReportBaselineChange } from './baselines.js';
import { actText, noRevisionsText, revisionChangeLines, revisionChangeText, revisionLine, revisionsNote, revisionStepsText, revisionsTitle, type ReportRevision } from './revisions.js';
import { fontData, type Face } from './fonts.js';
import PDFDocument from './pdfkit.js';
import { classify, LANGUAGE_TAG, planTextLanguage, round, type Decimal, type Evaluation, type Language, type Legend } from '../../core/index.js';
import { BAND_COLOUR, BAND_ICON, BAND_STROKE, REPORT_COLOUR } from './bands.js';
import { countsCaption, legendRuleText, pageText, percentText, previousYearHead, reportText, tableCaption } from './texts.js';
import { computedAtText, documentAuthor, periodStateText, previousYearNote, yearOf, type PreviousYear, type ReportMeta } from './meta.js';
import { COLUMN_PERCENT, mark, objectiveRows, type Mark, type ReportRow } from './rows.js';
import { chartDescription, chartLabel, reportSummary, type ReportSummary } from './summary.js';
import { validatedMark, validatedOf, validatedSummary, validationWords, type ReportValidatedObjective, type ReportValidation } from './validated.js';

export interface PdfReportOptions extends ReportMeta {
  /** Structure for screen readers; costs time and bytes, so very big annexes go without. */
  readonly tagged?: boolean;
  /** Called as the table's rows are drawn. */
  readonly onProgress?: (done: number, total: number) => void;
}

export const PT_PER_MM = 72 / 25.4;
/** A4 landscape and its margins (the same as the HTML page's print CSS), in points. */
export const PAGE = { width: 297 * PT_PER_MM, height: 210 * PT_PER_MM, top: 14 * PT_PER_MM, bottom: 14 * PT_PER_MM, left: 10 * PT_PER_MM, right: 10 * PT_PER_MM };
export const LEFT = PAGE.left;
export const RIGHT = PAGE.width - PAGE.right;
export const WIDTH = RIGHT - LEFT;
export const BOTTOM = PAGE.height - PAGE.bottom;
/** CSS pixels to points: the sizes below follow the HTML page's CSS. */
export const PX = 0.75;
/** DejaVu Sans (all three faces): ascent and descent in em. */
const ASCENT = 1901 / 2048;
const DESCENT = 483 / 2048;
/** Plans with more objectives than this get the denser table (as in the HTML page). */
const COMPACT_FROM = 300;
/** Objectives between two reports of progress (and two yields to the event loop). */
const PROGRESS_EVERY = 250;

export type { Face } from './fonts.js';
export type Struct = PDFKit.PDFStructureElement;

/** Text in a cell: its lines, in one face and size. */
export interface Para {
  readonly lines: readonly string[];
  readonly face: Face;
  readonly size: number;
  readonly color: string;
  readonly align: 'left' | 'right';
  readonly indent?: number;
}

export interface Cell {
  readonly para?: Para;
  /** A performance, drawn right-aligned as shape, value and word. */
  readonly mark?: { readonly mark: Mark; readonly bold: boolean; readonly size: number };
  /** Lines under the mark or the text (the OIV's validated figure: its label and the reported one; the OIV's note under an objective's title). */
  readonly under?: Para;
  readonly fill?: string;
  /** Joined to the next cell, as by a colspan: no rule between them. */
  readonly joined?: boolean;
  /** The structure tag: a header cell or a data cell. */
  readonly tag: 'TH' | 'TD';
  /** The cell's language (its structure element's /Lang), where it differs from the document's: a plan's own text. */
  readonly lang?: string;
}

/**
 * `{ lang: 'it-IT' }` for the structure element of a plan's own text (a title, an indicator's name)
 * in a PDF in another language (core's PLAN_TEXT_LANGUAGE), so that a screen reader says it as
 * Italian (WCAG 2.1 SC 3.1.2; PDF/UA's /Lang on a structure element); nothing in an Italian PDF.
 */
export function planTextTag(language: Language): { lang?: string } {
  const lang = planTextLanguage(language);
  return lang === undefined ? {} : { lang: LANGUAGE_TAG[lang] };
}

export interface TableStyle {
  readonly size: number;
  /** Line height as a multiple of the size. */
  readonly leading: number;
  readonly padX: number;
  readonly padY: number;
}

/** The pdfkit document with the few drawing habits the report needs. */
export class Canvas {
  readonly doc: PDFKit.PDFDocument;
  y = PAGE.top;
  private fillNow = '';
  /** The language of the words the canvas draws itself (band words beside a mark). */
  readonly language: Language;

  constructor(
    readonly title: string,
    readonly tagged: boolean,
    lang: string,
    author = 'Albero',
  ) {
    this.language = lang.startsWith('en') ? 'en' : 'it';
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
      bufferPages: true,
      pdfVersion: '1.7',
      tagged,
      lang,
      displayTitle: true,
      info: { Title: title, Author: author, Creator: 'Albero', Producer: 'Albero (pdfkit)' },
      // No default Helvetica: every text is drawn in DejaVu, and pdfkit would read and parse
      // Helvetica's metrics on each document (≈10 ms). pdfkit skips a null default; its typings
      // allow only a name.
      font: null as unknown as string,
    });
    const data = fontData();
    for (const face of Object.keys(data) as Face[]) this.doc.registerFont(face, data[face]);
  }

  newPage(): void {
    this.doc.addPage();
    this.fillNow = '';
    this.y = PAGE.top;
  }

  /** Back to an earlier page (for its header and footer); its graphics state starts afresh. */
  switchToPage(n: number): void {
    this.doc.switchToPage(n);
    this.fillNow = '';
  }

  /** Starts a new page unless `height` more points fit on this one; true if it did. */
  ensure(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.newPage();
    return true;
  }

  private use(face: Face, size: number): void {
    this.doc.font(face).fontSize(size);
  }

  private fill(color: string): void {
    if (color !== this.fillNow) {
      this.doc.fillColor(color);
      this.fillNow = color;
    }
  }

  width(text: string, face: Face, size: number): number {
    this.use(face, size);
    return this.doc.widthOfString(text);
  }

  /** One line of text with its baseline at `baseline`, never wrapped or paginated by pdfkit. */
  line(text: string, x: number, baseline: number, face: Face, size: number, color: string): void {
    this.use(face, size);
    this.fill(color);
    this.doc.text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
  }

  /** A text cut into lines of at most `width` points, at spaces (inside a word only if it must). */
  wrap(text: string, face: Face, size: number, width: number): string[] {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean === '') return [];
    this.use(face, size);
    const doc = this.doc;
    if (doc.widthOfString(clean) <= width) return [clean];
    const space = doc.widthOfString(' ');
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const word of clean.split(' ')) {
      let w = doc.widthOfString(word);
      if (line !== '' && lineWidth + space + w <= width) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (w > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && doc.widthOfString(rest.slice(0, n)) > width) n--;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
        w = doc.widthOfString(rest);
      }
      line = rest;
      lineWidth = w;
    }
    if (line !== '') lines.push(line);
    return lines;
  }

  /** Drawing that is no part of the content (fills, rules, page furniture): an artifact when tagged. */
  artifact(draw: () => void, type?: 'Pagination' | 'Layout'): void {
    if (!this.tagged) return draw();
    this.doc.markContent('Artifact', type === undefined ? undefined : { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** Content drawn as a structure element of `parent` (or simply drawn, untagged). */
  tag(parent: Struct | null, type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
    if (parent === null || !this.tagged) return draw();
    parent.add(this.doc.struct(type, options, draw));
  }

  /** A structure element to add children to, or null when untagged. */
  group(parent: Struct | null, type: string): Struct | null {
    if (parent === null || !this.tagged) return null;
    const element = this.doc.struct(type);
    parent.add(element);
    return element;
  }

  rect(x: number, y: number, w: number, h: number, fill: string, stroke?: string): void {
    const doc = this.doc;
    doc.rect(x, y, w, h);
    if (stroke === undefined) doc.fillColor(fill).fill();
    else doc.lineWidth(PX).fillColor(fill).strokeColor(stroke).fillAndStroke();
    this.fillNow = fill;
  }
}

/** The first baseline of a line box of `lineHeight` holding text of `size` (CSS's half-leading). */
export function firstBaseline(top: number, size: number, lineHeight: number): number {
  return top + (lineHeight - (ASCENT + DESCENT) * size) / 2 + ASCENT * size;
}

/**
 * A table that paginates itself: the header row opens it and every page it continues on, rows
 * are never split, each cell's text wraps within its column.
 */
export class TableWriter {
  private readonly x: number[] = [];
  private headerDrawn = false;
  private readonly header: Cell[];
  /** Rows held by `keepWithNext`, drawn with the row after them (`flush`). */
  private readonly pending: (readonly Cell[])[] = [];

  constructor(
    private readonly canvas: Canvas,
    private readonly widths: readonly number[],
    headings: readonly string[],
    private readonly style: TableStyle,
    private readonly struct: Struct | null,
    left = LEFT,
  ) {
    let at = left;
    for (const w of widths) {
      this.x.push(at);
      at += w;
    }
    this.header = headings.map((h, i) => ({ tag: 'TH', fill: REPORT_COLOUR.head, para: this.para(h, i, 'bold', '#ffffff') }));
  }

  /** A cell's text wrapped to column `column`. */
  para(text: string, column: number, face: Face, color: string, options: { size?: number; align?: 'left' | 'right'; indent?: number } = {}): Para {
    const size = options.size ?? this.style.size;
    const indent = options.indent ?? 0;
    const lines = this.canvas.wrap(text, face, size, this.widths[column]! - 2 * this.style.padX - indent);
    return { lines, face, size, color, align: options.align ?? 'left', indent };
  }

  /** The height a row's cells need. */
  private heightOf(cells: readonly Cell[]): number {
    let h = this.style.size * this.style.leading;
    for (const c of cells) {
      const under = (c.under?.lines.length ?? 0) * (c.under?.size ?? 0) * this.style.leading;
      if (c.para !== undefined) h = Math.max(h, c.para.lines.length * c.para.size * this.style.leading + under);
      if (c.mark !== undefined) h = Math.max(h, c.mark.size * this.style.leading + under);
    }
    return h + 2 * this.style.padY;
  }

  /**
   * A row. `keepWithNext`: a heading row (an objective's) is held until the next row without it,
   * and they go on the same page: no objective at the foot of a page with its indicators on the next.
   */
  row(cells: readonly Cell[], options: { keepWithNext?: boolean } = {}): void {
    this.pending.push(cells);
    if (options.keepWithNext !== true) this.flush();
  }

  /** Draws the rows still held (a table ending on an objective without indicators). */
  end(): void {
    this.flush();
  }

  private flush(): void {
    const rows = this.pending.splice(0);
    if (rows.length === 0) return;
    const heights = rows.map((r) => this.heightOf(r));
    const header = this.heightOf(this.header);
    // Together when they fit on a page at all; a group taller than a page goes row by row.
    const together = heights.reduce((a, b) => a + b, 0);
    const keep = header + together <= BOTTOM - PAGE.top ? together : heights[0]!;
    if (!this.headerDrawn) {
      this.canvas.ensure(header + keep);
      this.draw(this.header, header, false);
      this.headerDrawn = true;
    } else if (this.canvas.ensure(keep)) {
      this.draw(this.header, header, true);
    }
    rows.forEach((r, i) => {
      if (i > 0 && this.canvas.ensure(heights[i]!)) this.draw(this.header, header, true);
      this.draw(r, heights[i]!, false);
    });
  }

  private draw(cells: readonly Cell[], height: number, repeatedHeader: boolean): void {
    const { canvas, x, widths, style } = this;
    const top = canvas.y;
    canvas.artifact(() => {
      cells.forEach((c, i) => {
        if (c.fill !== undefined) canvas.rect(x[i]!, top, widths[i]!, height, c.fill);
      });
    });
    // One baseline for the first line of every cell, from the row's biggest text.
    let size = style.size;
    for (const c of cells) size = Math.max(size, c.para?.size ?? 0, c.mark?.size ?? 0);
    const baseline = firstBaseline(top + style.padY, size, size * style.leading);
    const drawCell = (c: Cell, i: number): void => {
      const left = x[i]! + style.padX;
      const right = x[i]! + widths[i]! - style.padX;
      const lines = (p: Para, from: number): void =>
        p.lines.forEach((l, n) => {
          const at = p.align === 'right' ? right - canvas.width(l, p.face, p.size) : left + (p.indent ?? 0);
          canvas.line(l, at, from + n * p.size * style.leading, p.face, p.size, p.color);
        });
      const p = c.para;
      if (p !== undefined) lines(p, baseline);
      if (c.mark !== undefined) drawMark(canvas, c.mark.mark, right, baseline, c.mark.size, c.mark.bold);
      // The smaller lines under: their first baseline a line of their own size below the text above.
      const above = c.mark !== undefined ? { n: 1, size: c.mark.size } : p !== undefined ? { n: p.lines.length, size: p.size } : { n: 0, size: 0 };
      if (c.under !== undefined) lines(c.under, baseline + (above.n - 1) * above.size * style.leading + c.under.size * style.leading + (above.size - c.under.size) * 0.3);
    };
    if (repeatedHeader) {
      // The header again on a continuation page: page furniture, not content a second time.
      canvas.artifact(() => cells.forEach(drawCell), 'Pagination');
    } else if (this.struct === null) {
      cells.forEach(drawCell);
    } else {
      const tr = canvas.doc.struct('TR');
      this.struct.add(tr);
      cells.forEach((c, i) => tr.add(canvas.doc.struct(c.tag, c.lang === undefined ? {} : { lang: c.lang }, () => drawCell(c, i))));
      tr.end();
    }
    const bottom = top + height;
    // The rules after the fills, the top one too: the fill of this row covers half of the rule
    // drawn under the row above.
    canvas.artifact(() => {
      const doc = canvas.doc;
      doc.lineWidth(PX).strokeColor(REPORT_COLOUR.rule);
      const end = x[x.length - 1]! + widths[widths.length - 1]!;
      doc.moveTo(x[0]!, bottom).lineTo(end, bottom);
      doc.moveTo(x[0]!, top).lineTo(end, top);
      for (let i = 0; i <= widths.length; i++) {
        if (cells[i - 1]?.joined === true) continue;
        const at = i === widths.length ? end : x[i]!;
        doc.moveTo(at, top).lineTo(at, bottom);
      }
      doc.stroke();
    });
    canvas.y = bottom;
  }
}

/** "● 93,00% verde" right-aligned at `right`: shape, value (bold in objective rows), word in italics. */
export function drawMark(canvas: Canvas, m: Mark, right: number, baseline: number, size: number, bold: boolean): void {
  if (m.value === null) {
    canvas.line('—', right - canvas.width('—', 'regular', size), baseline, 'regular', size, REPORT_COLOUR.muted);
    return;
  }
  const valueFace: Face = bold ? 'bold' : 'regular';
  if (m.band === null) {
    canvas.line(m.value, right - canvas.width(m.value, valueFace, size), baseline, valueFace, size, REPORT_COLOUR.ink);
    return;
  }
  const icon = `${BAND_ICON[m.band]} `;
  const word = ` ${reportText(canvas.language).band[m.band]}`;
  const wordSize = 7.5;
  const wIcon = canvas.width(icon, 'regular', size);
  const wValue = canvas.width(m.value, valueFace, size);
  const wWord = canvas.width(word, 'italic', wordSize);
  let at = right - wIcon - wValue - wWord;
  canvas.line(icon, at, baseline, 'regular', size, REPORT_COLOUR.ink);
  at += wIcon;
  canvas.line(m.value, at, baseline, valueFace, size, REPORT_COLOUR.ink);
  at += wValue;
  canvas.line(word, at, baseline, 'italic', wordSize, REPORT_COLOUR.ink);
}

/** A heading (h1: 17 pt, h2: 12.5 pt, as the HTML page's CSS) with its space above and below. */
function heading(canvas: Canvas, parent: Struct | null, level: 1 | 2, text: string, options: { lang?: string } = {}): void {
  const size = level === 1 ? 17 : 12.5;
  const before = level === 1 ? 0 : 14 * PX;
  canvas.ensure(before + size * 1.3 + 60);
  canvas.y += before;
  const y = canvas.y;
  canvas.tag(parent, `H${level}`, () => canvas.line(text, LEFT, firstBaseline(y, size, size * 1.3), 'bold', size, level === 1 ? REPORT_COLOUR.ink : REPORT_COLOUR.head), options);
  canvas.y += size * 1.3 + (level === 1 ? 4 * PX : 6 * PX);
  if (level === 2) canvas.doc.outline.addItem(text);
}

/** A paragraph wrapped to `width`, drawn at `x`. */
export function paragraph(
  canvas: Canvas,
  parent: Struct | null,
  text: string,
  options: { face?: Face; size?: number; color?: string; x?: number; width?: number; type?: string; lang?: string } = {},
): void {
  const face = options.face ?? 'regular';
  const size = options.size ?? 10;
  const x = options.x ?? LEFT;
  const lines = canvas.wrap(text, face, size, options.width ?? RIGHT - x);
  const lh = size * 1.3;
  canvas.ensure(lines.length * lh);
  const y = canvas.y;
  canvas.tag(
    parent,
    options.type ?? 'P',
    () => lines.forEach((l, n) => canvas.line(l, x, firstBaseline(y + n * lh, size, lh), face, size, options.color ?? REPORT_COLOUR.ink)),
    options.lang === undefined ? {} : { lang: options.lang },
  );
  canvas.y += lines.length * lh;
}

function titleBlock(canvas: Canvas, root: Struct | null, evaluation: Evaluation, meta: ReportMeta & { computedAt: Date }): void {
  const plan = evaluation.plan;
  const planText = planTextTag(canvas.language);
  if (meta.body !== undefined && meta.body !== '') paragraph(canvas, root, meta.body.toUpperCase(), { size: 11, color: REPORT_COLOUR.muted, ...planText });
  heading(canvas, root, 1, plan.title, planText);
  const items: Array<[string, string]> = [];
  const year = yearOf(meta, plan.title);
  const words = reportText(canvas.language);
  if (year !== undefined) items.push([words.year, String(year)]);
  if (meta.adoption !== undefined) items.push([words.adoption, actText(meta.adoption, canvas.language)]);
  if (meta.period !== undefined && meta.period !== '') items.push([words.period, meta.period]);
  items.push([words.periodState, periodStateText(meta)]);
  items.push([words.computedAt, computedAtText(meta.computedAt, canvas.language)]);
  const size = 10;
  const lh = size * 1.3;
  const y = canvas.y + 2 * PX;
  let lines = 1;
  canvas.tag(root, 'P', () => {
    let x = LEFT;
    // Real spaces between the pieces, so the text reads (and copies) as one line.
    for (const [k, v] of items) {
      const key = `${k}: `;
      const value = `${v} `;
      const width = canvas.width(key, 'bold', size) + canvas.width(value, 'regular', size);
      // A piece that would pass the right margin starts a new line: a long act or period label
      // pushed the last ones ("Computed on …") off the page, cut mid-word.
      if (x > LEFT && x + width > RIGHT) {
        x = LEFT;
        lines += 1;
      }
      canvas.line(key, x, firstBaseline(y + (lines - 1) * lh, size, lh), 'bold', size, REPORT_COLOUR.ink);
      x += canvas.width(key, 'bold', size);
      // A value longer than what is left of the line (a reopened period's state is a sentence)
      // wraps under itself: drawn on one line, its end ran past the page and was lost.
      const wrapped = canvas.wrap(value, 'regular', size, RIGHT - x);
      if (wrapped.length === 0) wrapped.push('');
      wrapped.forEach((l, n) => canvas.line(l, x, firstBaseline(y + (lines - 1 + n) * lh, size, lh), 'regular', size, REPORT_COLOUR.ink));
      lines += wrapped.length - 1;
      x += canvas.width(`${wrapped[wrapped.length - 1] ?? ''} `, 'regular', size) + 20 * PX;
    }
  });
  canvas.y = y + lines * lh + 8 * PX;
  const rule = canvas.y;
  canvas.artifact(() =>
    canvas.doc
      .lineWidth(3 * PX)
      .strokeColor(REPORT_COLOUR.head)
      .moveTo(LEFT, rule)
      .lineTo(RIGHT, rule)
      .stroke(),
  );
  canvas.y += 3 * PX + 6 * PX;
}

/** The bar chart by area and strategic objective, continued on the next page if it must be. */
function chart(canvas: Canvas, root: Struct | null, summary: ReportSummary, legend: Legend, x0: number, width: number): void {
  const size = 7;
  const rowHeight = 14;
  const labelWidth = Math.min(190, width * 0.42);
  const barWidth = Math.min(230, width - labelWidth - 62);
  const axis = 14;
  const mins = legend.rules.flatMap((r) => (r.min === undefined ? [] : [r.min]));
  const language = canvas.language;
  const words = reportText(language);
  const at = (p: number): number => x0 + labelWidth + (Math.max(0, Math.min(100, p)) / 100) * barWidth;
  let i = 0;
  while (i < summary.lines.length) {
    if (canvas.y + rowHeight + axis > BOTTOM) canvas.newPage();
    const top = canvas.y;
    const fit = Math.max(1, Math.floor((BOTTOM - top - axis) / rowHeight));
    const lines = summary.lines.slice(i, i + fit);
    const bottom = top + lines.length * rowHeight;
    canvas.tag(
      root,
      'Figure',
      () => {
        const doc = canvas.doc;
        // The cut points first, under the bars and their labels.
        doc.lineWidth(PX).strokeColor(REPORT_COLOUR.cut).dash(2.25, { space: 2.25 });
        for (const min of mins) {
          const px = at(Number(min.toString()));
          doc.moveTo(px, top).lineTo(px, bottom);
        }
        doc.stroke().undash();
        lines.forEach((l, n) => {
          const y = top + n * rowHeight;
          const baseline = firstBaseline(y, size, rowHeight);
          canvas.line(chartLabel(l), x0 + (l.depth === 0 ? 0 : 9), baseline, l.depth === 0 ? 'bold' : 'regular', size, REPORT_COLOUR.ink);
          if (l.performance === null || l.band === null) {
            canvas.line(words.noPerformanceMark, x0 + labelWidth + 3, baseline, 'regular', size, REPORT_COLOUR.muted);
            return;
          }
          const p = Number(round(l.performance, 2).toString());
          canvas.rect(x0 + labelWidth, y + 1.5, Math.max(0.75, at(p) - x0 - labelWidth), rowHeight - 4.5, BAND_COLOUR[l.band], BAND_STROKE[l.band]);
          canvas.line(`${BAND_ICON[l.band]} ${percentText(l.performance, language)}`, at(p) + 3, baseline, 'regular', size, REPORT_COLOUR.ink);
        });
        const ticks: Array<[number, string]> = [[0, '0%'], ...mins.map((m): [number, string] => [Number(m.toString()), percentText(m, language, 0)]), [100, '100%']];
        for (const [p, label] of ticks) canvas.line(label, at(p) - canvas.width(label, 'regular', size) / 2, bottom + 9, 'regular', size, REPORT_COLOUR.ink);
      },
      { alt: `${words.byArea}: ${chartDescription(lines, language)}` },
    );
    canvas.y = bottom + axis;
    i += lines.length;
  }
}

/** What the public plan says of the OIV's published validation, before the summary (as the HTML page's section): when, and the body's figure as reported and as validated. */
function validationSection(canvas: Canvas, root: Struct | null, v: ReportValidation, language: Language): void {
  const words = validationWords(v, language);
  const section = canvas.group(root, 'Sect');
  heading(canvas, section, 2, words.heading);
  paragraph(canvas, section, words.intro);
  if (words.body !== null) {
    const size = 10;
    const lines = canvas.wrap(words.body, 'bold', size, WIDTH - 12 * PX);
    const lh = size * 1.3;
    const height = lines.length * lh + 8 * PX;
    canvas.y += 4 * PX;
    canvas.ensure(height);
    const top = canvas.y;
    const band = v.body!.band;
    if (band !== null) canvas.artifact(() => canvas.rect(LEFT, top, Math.max(...lines.map((l) => canvas.width(l, 'bold', size))) + 12 * PX, height, BAND_COLOUR[band]));
    canvas.tag(section, 'P', () => lines.forEach((l, n) => canvas.line(l, LEFT + 6 * PX, firstBaseline(top + 4 * PX + n * lh, size, lh), 'bold', size, REPORT_COLOUR.ink)));
    canvas.y = top + height;
  }
  section?.end();
}

/**
 * A performance cell the OIV's published validation changes: the validated figure (the fill follows
 * its band), "validato dall'OIV" and the reported figure under it, as the HTML page's cell.
 */
function validatedCell(table: TableWriter, column: number, o: ReportValidatedObjective, reported: Mark, v: ReportValidation, size: number, bold: boolean, language: Language): Cell {
  const words = validationWords(v, language);
  const muted = REPORT_COLOUR.muted;
  const label = table.para(words.validated, column, 'regular', REPORT_COLOUR.ink, { size: size - 1.5, align: 'right' });
  const was = table.para(`${reported.value ?? reportText(language).noPerformanceMark} ${words.reported}`, column, 'regular', muted, { size: size - 1.5, align: 'right' });
  const fill = o.band === null ? {} : { fill: BAND_COLOUR[o.band] };
  return { tag: 'TD', mark: { mark: validatedMark(o, language), bold, size }, under: { ...label, lines: [...label.lines, ...was.lines] }, ...fill };
}

function summarySection(
  canvas: Canvas,
  root: Struct | null,
  evaluation: Evaluation,
  summary: ReportSummary,
  language: Language,
  validation?: ReportValidation,
  reported: ReportSummary = summary,
): void {
  const words = reportText(language);
  const section = canvas.group(root, 'Sect');
  heading(canvas, section, 2, words.summary);
  const legend = evaluation.plan.settings.legend;
  const gap = 16 * PX;
  const leftWidth = ((WIDTH - gap) * 3) / 5;
  const rightX = LEFT + leftWidth + gap;
  const top = canvas.y;

  // Right column first (it stays on this page): the objectives per band.
  paragraph(canvas, section, countsCaption(summary.objectives, language), { face: 'bold', color: REPORT_COLOUR.head, x: rightX, width: WIDTH - leftWidth - gap, type: 'Caption' });
  const countsStyle: TableStyle = { size: 10, leading: 1.3, padX: 5 * PX, padY: 3 * PX };
  const countWidths = [(WIDTH - leftWidth - gap) * 0.68, (WIDTH - leftWidth - gap) * 0.32];
  const counts = new TableWriter(canvas, countWidths, [...words.countsHeads], countsStyle, canvas.group(section, 'Table'), rightX);
  const countRows: Array<[string, number]> = [
    ...legend.rules.map((r): [string, number] => [`${BAND_ICON[r.band]} ${words.band[r.band]}`, summary.counts[r.band]]),
    [words.noPerformance, summary.counts.none],
  ];
  for (const [label, n] of countRows) {
    counts.row([
      { tag: 'TD', para: counts.para(label, 0, 'regular', REPORT_COLOUR.ink) },
      { tag: 'TD', para: counts.para(String(n), 1, 'regular', REPORT_COLOUR.ink, { align: 'right' }) },
    ]);
  }
  const rightBottom = canvas.y;

  // Left column: the chart, under its caption.
  canvas.y = top;
  paragraph(canvas, section, words.byArea, { face: 'bold', width: leftWidth, type: 'Caption' });
  canvas.y += 4 * PX;
  const chartPage = canvas.doc.bufferedPageRange().count;
  chart(canvas, section, summary, legend, LEFT, leftWidth);
  if (canvas.doc.bufferedPageRange().count === chartPage) canvas.y = Math.max(canvas.y, rightBottom);
  canvas.y += 10 * PX;

  // The same numbers as a table, full width.
  const style: TableStyle = { size: 10, leading: 1.3, padX: 5 * PX, padY: 3 * PX };
  const perfWidth = 150;
  canvas.ensure(60);
  paragraph(canvas, section, words.byArea, { face: 'bold', color: REPORT_COLOUR.head, type: 'Caption' });
  canvas.y += 2 * PX;
  const byArea = new TableWriter(canvas, [WIDTH - perfWidth, perfWidth], [...words.byAreaHeads], style, canvas.group(section, 'Table'));
  for (const l of reported.lines) {
    const m = mark(l.performance, l.band, language);
    const validated = validatedOf(validation, l.code);
    byArea.row([
      { tag: 'TH', para: byArea.para(`${l.code} ${l.title}`, 0, l.depth === 0 ? 'bold' : 'regular', REPORT_COLOUR.ink, { indent: l.depth === 0 ? 0 : 12 * PX }), ...planTextTag(language) },
      validated === undefined
        ? { tag: 'TD', mark: { mark: m, bold: false, size: 10 }, ...(l.band === null ? {} : { fill: BAND_COLOUR[l.band] }) }
        : validatedCell(byArea, 1, validated, m, validation!, 10, false, language),
    ]);
  }
  section?.end();
}

function legendSection(canvas: Canvas, root: Struct | null, legend: Legend, language: Language): void {
  const words = reportText(language);
  const section = canvas.group(root, 'Sect');
  canvas.ensure(80);
  heading(canvas, section, 2, words.legend);
  const list = canvas.group(section, 'L');
  const swatchSize = 9;
  const labelSize = 10;
  const lh = labelSize * 1.3 + 4 * PX;
  let x = LEFT;
  let y = canvas.y;
  for (const [n, r] of legend.rules.entries()) {
    const text = `${BAND_ICON[r.band]} ${words.band[r.band]}`;
    const label = legendRuleText(legend, n, language);
    const swatchWidth = Math.max(4.6 * swatchSize, canvas.width(text, 'regular', swatchSize) + 12 * PX);
    const labelWidth = canvas.width(label, 'regular', labelSize);
    const itemWidth = swatchWidth + 6 * PX + labelWidth;
    if (x > LEFT && x + itemWidth > RIGHT) {
      x = LEFT;
      y += lh + 6 * PX;
    }
    const baseline = firstBaseline(y, labelSize, lh);
    const sx = x;
    canvas.artifact(() => canvas.rect(sx, y + 1, swatchWidth, lh - 2, BAND_COLOUR[r.band], BAND_STROKE[r.band]));
    canvas.tag(list, 'LI', () => {
      canvas.line(text, sx + 6 * PX, baseline, 'regular', swatchSize, REPORT_COLOUR.ink);
      canvas.line(label, sx + swatchWidth + 6 * PX, baseline, 'regular', labelSize, REPORT_COLOUR.ink);
    });
    x += itemWidth + 22 * PX;
  }
  list?.end();
  canvas.y = y + lh;
  section?.end();
}

/** The Albero table's text size and padding: denser for big plans. */
export function alberoStyle(compact: boolean): TableStyle {
  return compact ? { size: 8, leading: 1.2, padX: 4 * PX, padY: 1 * PX } : { size: 8.5, leading: 1.3, padX: 5 * PX, padY: 3 * PX };
}

/**
 * The Albero table's column widths in points: the seven of the published layout, or eight with
 * last year's performance, which takes its width from the two text columns (the numbers keep theirs).
 */
export function alberoWidths(withPrevious: boolean): number[] {
  const percent: number[] = [...COLUMN_PERCENT];
  if (withPrevious) {
    const extra = COLUMN_PERCENT[6];
    percent[0] = COLUMN_PERCENT[0] - extra * (COLUMN_PERCENT[0] / (COLUMN_PERCENT[0] + COLUMN_PERCENT[1]));
    percent[1] = COLUMN_PERCENT[1] - extra * (COLUMN_PERCENT[1] / (COLUMN_PERCENT[0] + COLUMN_PERCENT[1]));
    percent.push(extra);
  }
  return percent.map((p) => (WIDTH * p) / 100);
}

/** Last year's performance as a cell: banded like this year's, empty when the predecessor had none. */
function previousCell(previous: Mark | null, fill: string | undefined, bold: boolean, style: TableStyle): Cell {
  if (previous === null) return { tag: 'TD', ...(fill === undefined ? {} : { fill }) };
  return { tag: 'TD', mark: { mark: previous, bold, size: style.size }, ...(previous.band === null ? (fill === undefined ? {} : { fill }) : { fill: BAND_COLOUR[previous.band] }) };
}

/**
 * The cells of one row of the Albero table, as `TableWriter.row` draws them. `previous`: last
 * year's performance for the eighth column (undefined: the table has seven).
 */
export function alberoCells(table: TableWriter, row: ReportRow, style: TableStyle, previous?: Mark | null, validation?: ReportValidation, language: Language = 'it'): Cell[] {
  const ink = REPORT_COLOUR.ink;
  const last = (fill: string | undefined, bold: boolean): Cell[] => (previous === undefined ? [] : [previousCell(previous, fill, bold, style)]);
  if (row.kind === 'objective') {
    const fill = REPORT_COLOUR.objective;
    const validated = validatedOf(validation, row.code);
    if (validated !== undefined) {
      // The OIV's note (a value of its own) or that it follows its objectives' validated values, under the title.
      const words = validationWords(validation!, language);
      const why = validated.direct ? (validated.note === null ? '' : words.note(validated.note)) : words.following;
      const title = table.para(row.label, 0, 'bold', ink, row.depth === 0 ? { size: 9.5 } : {});
      const note = table.para(why, 0, 'regular', REPORT_COLOUR.muted, { size: style.size - 1.5 });
      return [
        // The note under the title says the catalogue's words around the OIV's: the cell is the plan's language only without it.
        { tag: 'TH', fill, para: title, ...(note.lines.length === 0 ? planTextTag(language) : { under: note }) },
        { tag: 'TD', fill },
        { tag: 'TD', fill, para: table.para(row.weight, 2, 'bold', ink, { align: 'right' }) },
        { tag: 'TD', fill, joined: true },
        { tag: 'TD', fill, joined: true },
        { tag: 'TD', fill },
        validatedCell(table, 6, validated, row.performance, validation!, style.size, true, language),
        ...last(fill, true),
      ];
    }
    return [
      { tag: 'TH', fill, para: table.para(row.label, 0, 'bold', ink, row.depth === 0 ? { size: 9.5 } : {}), ...planTextTag(language) },
      { tag: 'TD', fill },
      { tag: 'TD', fill, para: table.para(row.weight, 2, 'bold', ink, { align: 'right' }) },
      { tag: 'TD', fill, joined: true },
      { tag: 'TD', fill, joined: true },
      { tag: 'TD', fill },
      { tag: 'TD', fill: row.performance.band === null ? fill : BAND_COLOUR[row.performance.band], mark: { mark: row.performance, bold: true, size: style.size } },
      ...last(fill, true),
    ];
  }
  const state = row.state === 'measured' || row.state === 'not_evaluable' ? { face: 'regular' as const, color: ink } : { face: 'italic' as const, color: REPORT_COLOUR.muted };
  return [
    { tag: 'TD' },
    { tag: 'TH', para: table.para(row.name, 1, 'regular', ink), ...planTextTag(language) },
    { tag: 'TD', para: table.para(row.weight, 2, 'regular', ink, { align: 'right' }) },
    { tag: 'TD', para: table.para(row.target, 3, 'regular', ink, { align: 'right' }) },
    { tag: 'TD', para: table.para(row.actual, 4, state.face, state.color, { align: 'right' }) },
    row.kpi === null ? { tag: 'TD' } : { tag: 'TD', mark: { mark: row.kpi, bold: false, size: style.size }, ...(row.kpi.band === null ? {} : { fill: BAND_COLOUR[row.kpi.band] }) },
    { tag: 'TD' },
    ...last(undefined, false),
  ];
}

async function tableSection(
  canvas: Canvas,
  root: Struct | null,
  evaluation: Evaluation,
  onProgress: ((done: number, total: number) => void) | undefined,
  previous: PreviousYear | undefined,
  language: Language,
  validation?: ReportValidation,
): Promise<void> {
  const words = reportText(language);
  const title = evaluation.plan.title;
  const compact = evaluation.nodeResults.length > COMPACT_FROM;
  const style = alberoStyle(compact);
  canvas.newPage();
  const section = canvas.group(root, 'Sect');
  heading(canvas, section, 2, words.table);
  paragraph(canvas, section, tableCaption(title, language), { face: 'bold', color: REPORT_COLOUR.head, type: 'Caption' });
  canvas.y += 2 * PX;
  const headings = previous === undefined ? words.columns : [...words.columns, previousYearHead(previous.year, language)];
  const table = new TableWriter(canvas, alberoWidths(previous !== undefined), headings, style, canvas.group(section, 'Table'));
  const legend = evaluation.plan.settings.legend;
  // The same reading of last year's figures as the HTML page's column: banded with this plan's legend.
  const prev = (value: Decimal | null | undefined): Mark | null | undefined =>
    previous === undefined ? undefined : value === undefined || value === null ? null : mark(value, classify(value, legend), language);
  const total = evaluation.nodeResults.length;
  let done = 0;
  for (const r of evaluation.nodeResults) {
    let k = -1;
    for (const row of objectiveRows(r, evaluation, language)) {
      const last = row.kind === 'objective' ? prev(previous?.nodes.get(r.objective.code)) : prev(previous?.indicators.get(r.indicators[++k]!.indicator.id));
      table.row(alberoCells(table, row, style, last, validation, language), { keepWithNext: row.kind === 'objective' });
    }
    done++;
    if (done % PROGRESS_EVERY === 0) {
      onProgress?.(done, total);
      // Let a server answer other requests while a big annex is drawn.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  table.end();
  onProgress?.(total, total);
  canvas.y += 6 * PX;
  paragraph(canvas, section, words.notes, { size: 8, color: REPORT_COLOUR.muted });
  // Whether last year's column holds what the OIV validated, as the HTML page says it.
  const note = previous === undefined ? undefined : previousYearNote({ previousYear: previous, language });
  if (note !== undefined) paragraph(canvas, section, note, { size: 8, color: REPORT_COLOUR.muted });
  section?.end();
}

/** Every page's header (the plan's title) and footer ("Pagina N di M"), written once all pages exist. */
function pageFurniture(canvas: Canvas, language: Language): void {
  const footer = reportText(language).table;
  const doc = canvas.doc;
  const { start, count } = doc.bufferedPageRange();
  const size = 6;
  const color = '#444444';
  const title = canvas.title;
  for (let i = start; i < start + count; i++) {
    canvas.switchToPage(i);
    canvas.artifact(() => {
      canvas.line(title, RIGHT - canvas.width(title, 'regular', size), 7 * PT_PER_MM, 'regular', size, color);
      canvas.line(footer, LEFT, PAGE.height - 6 * PT_PER_MM, 'regular', size, color);
      const page = pageText(i + 1, count, language);
      canvas.line(page, RIGHT - canvas.width(page, 'regular', size), PAGE.height - 6 * PT_PER_MM, 'regular', size, color);
    }, 'Pagination');
  }
}

/** "Variazioni intervenute nel corso dell'anno": each revision in a line, its changes as a list below it. */
function revisionsSection(canvas: Canvas, root: Struct | null, revisions: readonly ReportRevision[], language: Language): void {
  const section = canvas.group(root, 'Sect');
  heading(canvas, section, 2, revisionsTitle(language));
  if (revisions.length === 0) paragraph(canvas, section, noRevisionsText(language));
  for (const r of revisions) {
    canvas.y += 4 * PX;
    paragraph(canvas, section, revisionLine(r, language), { face: 'bold' });
    // A discarded one: when, by whom and why, then each of its steps (revisionChangeLines).
    const [said, ...discardedSteps] = r.status === 'discarded' ? revisionChangeLines(r, language) : [];
    if (said !== undefined) paragraph(canvas, section, said, { x: LEFT + 12, face: 'italic', size: 9 });
    const list = canvas.group(section, 'L');
    for (const line of said === undefined ? r.changes.map((c) => revisionChangeText(c, language)) : discardedSteps) paragraph(canvas, list, `• ${line}`, { x: LEFT + 12, type: 'LI' });
    list?.end();
    const steps = said === undefined ? revisionStepsText(r, language) : null;
    if (steps !== null) paragraph(canvas, section, steps, { x: LEFT + 12, face: 'italic', size: 9 });
  }
  canvas.y += 4 * PX;
  paragraph(canvas, section, revisionsNote(revisions, language), { face: 'italic', size: 9 });
  section?.end();
}

/** "Baseline da aggiornare": one line per baseline whose year-end actual was corrected since. */
function baselinesSection(canvas: Canvas, root: Struct | null, changes: readonly ReportBaselineChange[], language: Language): void {
  const section = canvas.group(root, 'Sect');
  heading(canvas, section, 2, baselinesTitle(language));
  const list = canvas.group(section, 'L');
  for (const b of changes) paragraph(canvas, list, `• ${baselineChangeLine(b, language)}`, { x: LEFT + 12, type: 'LI' });
  list?.end();
  canvas.y += 4 * PX;
  paragraph(canvas, section, baselinesNote(language), { face: 'italic', size: 9 });
  section?.end();
}

/** The PDF bytes of the Relazione. */
export async function renderReportPdf(evaluation: Evaluation, options: PdfReportOptions & { computedAt: Date }): Promise<Uint8Array> {
  const language = options.language ?? 'it';
  const canvas = new Canvas(evaluation.plan.title, options.tagged ?? true, language === 'it' ? 'it-IT' : 'en-GB', documentAuthor(options));
  const doc = canvas.doc;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const root = canvas.tagged ? doc.struct('Document') : null;
  if (root !== null) doc.addStructure(root);
  // Once the OIV's validation is published, the chart, the counts and the bands follow the validated figures (as the HTML page's).
  const reported = reportSummary(evaluation);
  const validation = options.validated;
  const summary = validatedSummary(reported, evaluation, validation);
  titleBlock(canvas, root, evaluation, options);
  if (validation !== undefined) validationSection(canvas, root, validation, language);
  summarySection(canvas, root, evaluation, summary, language, validation, reported);
  legendSection(canvas, root, evaluation.plan.settings.legend, language);
  await tableSection(canvas, root, evaluation, options.onProgress, options.previousYear, language, validation);
  if (options.baselineChanges !== undefined && options.baselineChanges.length > 0) baselinesSection(canvas, root, options.baselineChanges, language);
  if (options.revisionRegister !== undefined) revisionsSection(canvas, root, options.revisionRegister, language);
  root?.end();
  pageFurniture(canvas, language);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
