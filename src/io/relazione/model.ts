/**
 * The Relazione as a document: numbered sections of typed blocks (headings, paragraphs, lists,
 * tables, the Albero table, the legend). Built once from the data by `build.ts`; the DOCX, PDF and
 * HTML renderers only draw it, so the three formats cannot say different things.
 *
 * Text is always text: a span holds characters, never markup, and every renderer escapes or
 * draws them as such (a `<script>` typed by the office is printed, not run).
 */
import type { Band } from '../../core/index.js';
import type { Mark, ReportRow } from '../report/rows.js';

/** A run of text in one style. */
export interface Span {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}
export type Inline = readonly Span[];

export interface Column {
  readonly title: string;
  /** Share of the table's width, in percent. */
  readonly width: number;
  readonly align?: 'left' | 'right';
}

export interface Cell {
  readonly text: string;
  /** A performance with its band (drawn as shape, value and word on the band's colour). */
  readonly mark?: Mark;
  readonly bold?: boolean;
  /** The row's header cell (`<th scope="row">`). */
  readonly header?: boolean;
  /** Muted italic text, e.g. "non rilevata". */
  readonly muted?: boolean;
  /** The cell shaded in a band's colour (its text names the band). */
  readonly band?: Band;
  /**
   * How many levels the row sits below the table's first in the tree (a strategic objective under
   * its area: 1), drawn as a left indent, as the Albero table sets its levels apart.
   */
  readonly indent?: number;
}

export type Block =
  /** A heading inside a section's text (from the office's markup): level 3 or 4. */
  | { readonly kind: 'heading'; readonly level: 3 | 4; readonly spans: Inline }
  /**
   * `role`: `generated` — written from the data by a template (the office may replace it);
   * `notice` — the Relazione says plainly that something is missing; `note` — small print.
   */
  | { readonly kind: 'paragraph'; readonly spans: Inline; readonly role?: 'generated' | 'notice' | 'note' }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly Inline[] }
  | { readonly kind: 'table'; readonly caption: string; readonly columns: readonly Column[]; readonly rows: readonly (readonly Cell[])[] }
  /** The seven-column Albero della performance table. */
  | { readonly kind: 'albero'; readonly caption: string; readonly rows: readonly ReportRow[] }
  | { readonly kind: 'legend'; readonly rules: readonly { readonly band: Band; readonly label: string }[] };

export interface Section {
  /** Stable key: the place of the office's text for this section, and the HTML anchor. */
  readonly key: string;
  /** "3.2" */
  readonly number: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly sections: readonly Section[];
}

export interface RelazioneDocument {
  /** "Relazione sulla performance 2024" */
  readonly title: string;
  /** The plan's title. */
  readonly subtitle: string;
  readonly body?: string;
  readonly year?: number;
  /** Lines of the title block: ["Anno", "2024"], ["Stato", "validata con riserva"]… */
  readonly facts: readonly (readonly [string, string])[];
  readonly sections: readonly Section[];
  /** The page footer's words. */
  readonly footer: string;
}

/** Every text of a section, for tests and for search: the plain words of its blocks. */
export function blockText(block: Block): string {
  const spans = (s: Inline): string => s.map((x) => x.text).join('');
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return spans(block.spans);
    case 'list':
      return block.items.map(spans).join('\n');
    case 'table':
      return [block.caption, ...block.rows.map((r) => r.map((c) => c.mark?.value ?? c.text).join(' '))].join('\n');
    case 'albero':
      return block.caption;
    case 'legend':
      return block.rules.map((r) => r.label).join('\n');
  }
}

export function plain(text: string): Inline {
  return [{ text }];
}
