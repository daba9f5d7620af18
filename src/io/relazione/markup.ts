/**
 * The small markup the office writes its sections in, parsed here into blocks (never passed on
 * as HTML). What it knows, and nothing else:
 *
 *     ## Heading            (# or ## → a heading; ### and more → a smaller one)
 *     - item   * item       a bulleted list
 *     1. item               a numbered list
 *     **bold**  *italic*  _italic_   \* a literal star
 *     a blank line          a new paragraph (lines in between join with a space)
 *
 * Anything else, `<b>` and `<script>` included, is text and comes out as the characters typed.
 *
 * @example
 *   parseMarkup('## Contesto\nIl **2024** è stato …') // → [heading 3, paragraph with a bold span]
 */
import type { Block, Inline, Span } from './model.js';

/** The longest text a section takes (characters): a chapter, not a book. */
export const MAX_MARKUP_LENGTH = 50_000;

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

export function parseMarkup(source: string): Block[] {
  const blocks: Block[] = [];
  // Control characters other than tab and newline are dropped: they print as boxes in PDF and
  // make the DOCX invalid XML.
  const lines = source
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]/g, '')
    .split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flushParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', spans: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  const flushList = (): void => {
    if (list !== null) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    list = null;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    const h = HEADING.exec(line.trim());
    if (h !== null) {
      flushParagraph();
      flushList();
      blocks.push({ kind: 'heading', level: h[1]!.length <= 2 ? 3 : 4, spans: parseInline(h[2]!.trim()) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet === null ? NUMBERED.exec(line) : null;
    const item = bullet ?? numbered;
    // "*italic* at the start of a line" is a paragraph, not a list item: a bullet needs its space.
    if (item !== null && !(bullet !== null && /^\s*\*[^\s*]/.test(line))) {
      flushParagraph();
      const ordered = numbered !== null;
      if (list !== null && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(item[1]!.trim());
      continue;
    }
    if (list !== null && /^\s{2,}\S/.test(raw)) {
      // An indented line continues the list's last item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** `**bold**`, `*italic*` / `_italic_`, `\*` for a literal character; unclosed marks stay as typed. */
export function parseInline(text: string): Inline {
  const spans: Span[] = [];
  let bold = false;
  let italic: '*' | '_' | null = null;
  let buffer = '';
  const push = (): void => {
    if (buffer === '') return;
    spans.push({ text: buffer, ...(bold ? { bold: true } : {}), ...(italic !== null ? { italic: true } : {}) });
    buffer = '';
  };
  const closes = (from: number, mark: string): boolean => text.indexOf(mark, from) > from;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && /[\\*_#-]/.test(text[i + 1]!)) {
      buffer += text[++i];
      continue;
    }
    if (c === '*' && text[i + 1] === '*' && (bold || closes(i + 2, '**'))) {
      push();
      bold = !bold;
      i++;
      continue;
    }
    if ((c === '*' || c === '_') && (italic === c || (italic === null && closes(i + 1, c) && /\S/.test(text[i + 1] ?? '') && (c === '*' || !/\w/.test(text[i - 1] ?? ''))))) {
      push();
      italic = italic === null ? c : null;
      continue;
    }
    buffer += c;
  }
  push();
  return mergeSpans(spans);
}

function mergeSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last !== undefined && (last.bold ?? false) === (s.bold ?? false) && (last.italic ?? false) === (s.italic ?? false)) out[out.length - 1] = { ...last, text: last.text + s.text };
    else out.push(s);
  }
  return out;
}

/** Blocks back to markup (the generated sentences offered to the office for editing). */
export function toMarkup(blocks: readonly Block[]): string {
  const inline = (s: Inline): string =>
    s
      .map((x) => {
        const t = x.text.replace(/([\\*_])/g, '\\$1');
        return x.bold === true && x.italic === true ? `***${t}***` : x.bold === true ? `**${t}**` : x.italic === true ? `*${t}*` : t;
      })
      .join('');
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') out.push(`${b.level === 3 ? '##' : '###'} ${inline(b.spans)}`);
    else if (b.kind === 'paragraph') out.push(inline(b.spans));
    else if (b.kind === 'list') out.push(b.items.map((item, n) => `${b.ordered ? `${n + 1}.` : '-'} ${inline(item)}`).join('\n'));
  }
  return out.join('\n\n');
}
