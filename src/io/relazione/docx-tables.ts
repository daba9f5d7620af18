/**
 * The Relazione's tables as WordprocessingML written directly, for `docx.ts`. The `docx` package
 * builds an object per cell, paragraph, run and property and serialises them one by one: the
 * Albero table of a 10,000-indicator plan (13,000 rows, 90,000 cells) took about 30 s and most of
 * that in the garbage collector. Written as strings, the same table takes well under a second.
 * The markup is the package's own (read from its output), so Word and LibreOffice see no difference:
 * percentage widths (fiftieths of a percent), the cell borders, margins and shading, rows never
 * split, the header row repeated on each page.
 */
import { BAND_COLOUR, BAND_ICON, BAND_WORD, REPORT_COLOUR } from '../report/bands.js';
import type { Mark } from '../report/rows.js';

export const hex = (colour: string): string => colour.replace('#', '').toUpperCase();

const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text as XML character data: escaped, and without the characters XML 1.0 cannot hold. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface RunStyle {
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly color?: string;
  /** Half-points. */
  readonly size: number;
}

/** One run; the properties in the order the schema wants them (b, i, color, sz). */
export function runXml(text: string, s: RunStyle): string {
  const props = `${s.bold === true ? '<w:b/><w:bCs/>' : ''}${s.italics === true ? '<w:i/><w:iCs/>' : ''}${s.color === undefined ? '' : `<w:color w:val="${s.color}"/>`}<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>`;
  return `<w:r><w:rPr>${props}</w:rPr><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

/** Twentieths of a point a paragraph is indented by for each level of the tree (half a centimetre). */
const INDENT_STEP = 284;

/** A paragraph of `runs`, `indent` levels in from the left (the schema wants `w:ind` before `w:jc`). */
export function paragraphXml(runs: string, align: 'left' | 'right', indent = 0): string {
  return `<w:p><w:pPr>${indent > 0 ? `<w:ind w:left="${indent * INDENT_STEP}"/>` : ''}<w:jc w:val="${align}"/></w:pPr>${runs}</w:p>`;
}

const SIDE = (side: string): string => `<w:${side} w:val="single" w:color="${hex(REPORT_COLOUR.rule)}" w:sz="4"/>`;
const CELL_BORDERS = `<w:tcBorders>${['top', 'left', 'bottom', 'right'].map(SIDE).join('')}</w:tcBorders>`;
const CELL_MARGINS = '<w:tcMar><w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="40"/><w:right w:type="dxa" w:w="80"/></w:tcMar>';

/** A cell of `width` percent of the table, optionally shaded in `fill` (#rrggbb) and spanning columns. */
export function cellXml(paragraph: string, width: number, fill?: string, columnSpan?: number): string {
  const span = columnSpan === undefined ? '' : `<w:gridSpan w:val="${columnSpan}"/>`;
  const shading = fill === undefined ? '' : `<w:shd w:fill="${hex(fill)}" w:color="auto" w:val="clear"/>`;
  return `<w:tc><w:tcPr><w:tcW w:type="pct" w:w="${Math.round(width * 50)}"/>${span}${CELL_BORDERS}${shading}${CELL_MARGINS}</w:tcPr>${paragraph}</w:tc>`;
}

/** A row never split across pages; the header row repeats on each page. */
export function rowXml(cells: string, header = false): string {
  return `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>${cells}</w:tr>`;
}

/** A full-width table of these column widths (percent) on a page `textWidth` twentieths of a point wide. */
export function tableXml(widths: readonly number[], textWidth: number, rows: readonly string[]): string {
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="single" w:color="auto" w:sz="4"/>`).join('');
  const grid = widths.map((w) => `<w:gridCol w:w="${Math.round((textWidth * w) / 100)}"/>`).join('');
  return `<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/><w:tblBorders>${borders}</w:tblBorders></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

/** The header row: white bold titles on the report's dark blue. */
export function headerRowXml(titles: readonly string[], widths: readonly number[], size: number, aligns: readonly ('left' | 'right')[] = []): string {
  return rowXml(titles.map((t, i) => cellXml(paragraphXml(runXml(t, { bold: true, color: 'FFFFFF', size }), aligns[i] === 'right' ? 'right' : 'left'), widths[i]!, REPORT_COLOUR.head)).join(''), true);
}

/** "● 93,00% verde": shape, value (bold when asked), word in italics; "—" without a value. */
export function markXml(m: Mark, bold: boolean, size: number): string {
  if (m.value === null) return runXml('—', { color: hex(REPORT_COLOUR.muted), size });
  if (m.band === null) return runXml(m.value, { bold, size });
  return `${runXml(`${BAND_ICON[m.band]} `, { size })}${runXml(m.value, { bold, size })}${runXml(` ${BAND_WORD[m.band]}`, { italics: true, size: size - 3 })}`;
}

/** The fill of a cell showing `m`: its band's colour, else `otherwise`. */
export function markFill(m: Mark, otherwise?: string): string | undefined {
  return m.band === null ? otherwise : BAND_COLOUR[m.band];
}
