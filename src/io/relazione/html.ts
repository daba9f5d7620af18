/**
 * The Relazione as one self-contained, accessible HTML page (no script, no external file): title
 * block, table of contents, numbered sections with their texts and tables, the Albero table as the
 * report draws it (io/report/html.ts: same rows, same CSS, same band look). Every text is escaped.
 */
import { LAYOUT_COLUMNS } from '../published/layout.js';
import { BAND_COLOUR, BAND_ICON, BAND_STROKE, BAND_WORD } from '../report/bands.js';
import { bandClass, bandMark, CSS, escapeHtml, FRAME_CSS, rowHtml, scrollRegion } from '../report/html.js';
import type { Block, Cell, Inline, RelazioneDocument, Section } from './model.js';

export { FRAME_CSS };

const EXTRA_CSS = `
body { max-width: 250mm; font-size: 11pt; line-height: 1.45; }
nav.toc ol { list-style: none; padding-left: 1.2em; margin: 2px 0; } nav.toc > ol { padding-left: 0; }
nav.toc a { color: #1f4e79; }
h2 { font-size: 15pt; margin-top: 22px; border-bottom: 1px solid var(--rule); padding-bottom: 2px; }
h3 { font-size: 12.5pt; color: var(--head); margin: 16px 0 6px; } h4 { font-size: 11pt; margin: 12px 0 4px; } h5 { font-size: 10.5pt; margin: 10px 0 4px; }
p { margin: 6px 0; }
p.notice { color: var(--muted); font-style: italic; border-left: 3px solid var(--rule); padding-left: 8px; }
p.note { color: var(--muted); font-size: 9pt; }
table.data { margin: 8px 0 12px; font-size: 10pt; table-layout: fixed; }
table.data td.num, table.data th.num { text-align: right; }
table.data td.muted { color: var(--muted); font-style: italic; }
table.data td.strong, table.data th.strong { font-weight: bold; }
table.data tbody th { font-weight: normal; }
table.data .indent-1 { padding-left: 1.5em; } table.data .indent-2 { padding-left: 3em; } table.data .indent-3 { padding-left: 4.5em; }
.relazione { margin: 8px 0; }
@media print { body { max-width: none; } }
/* On a phone a narrow table's columns widen to their longest word (a header «Performance» ran 10 px
   past its fixed share), the text columns wrapping to make room. */
@media screen and (max-width: 48em) { table.data { table-layout: auto; } }
`;

function inline(spans: Inline): string {
  return spans
    .map((s) => {
      let t = escapeHtml(s.text);
      if (s.italic === true) t = `<em>${t}</em>`;
      if (s.bold === true) t = `<strong>${t}</strong>`;
      return t;
    })
    .join('');
}

function cellHtml(cell: Cell, align: 'left' | 'right'): string {
  const indent = Math.min(cell.indent ?? 0, 3);
  const classes = [
    align === 'right' ? 'num' : '',
    cell.muted === true ? 'muted' : '',
    cell.bold === true ? 'strong' : '',
    indent > 0 ? `indent-${indent}` : '',
    bandClass(cell.mark?.band ?? cell.band ?? null).trim(),
  ].filter((c) => c !== '');
  const cls = classes.length === 0 ? '' : ` class="${classes.join(' ')}"`;
  const content = cell.mark === undefined ? escapeHtml(cell.text) : bandMark(cell.mark);
  return cell.header === true ? `<th scope="row"${cls}>${content}</th>` : `<td${cls}>${content}</td>`;
}

function blockHtml(block: Block, sectionLevel: number): string {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(6, sectionLevel + block.level - 2);
      return `<h${level}>${inline(block.spans)}</h${level}>`;
    }
    case 'paragraph':
      return `<p${block.role === 'notice' || block.role === 'note' ? ` class="${block.role}"` : ''}>${inline(block.spans)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      // More than three columns need more than a phone's width: the table scrolls in its own region.
      const wide = block.columns.length > 3;
      const table = `<table class="data${wide ? ' wide' : ''}">
<caption>${escapeHtml(block.caption)}</caption>
<colgroup>${block.columns.map((c) => `<col style="width:${c.width}%">`).join('')}</colgroup>
<thead><tr>${block.columns.map((c) => `<th scope="col"${c.align === 'right' ? ' class="num"' : ''}>${escapeHtml(c.title)}</th>`).join('')}</tr></thead>
<tbody>
${block.rows.map((r) => `<tr>${r.map((c, i) => cellHtml(c, block.columns[i]?.align ?? 'left')).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
      return wide ? scrollRegion(block.caption, table) : table;
    }
    case 'legend':
      return `<ul class="legend" aria-label="Legenda delle fasce">${block.rules
        .map(
          (r) =>
            `<li><span class="swatch" style="background:${BAND_COLOUR[r.band]};border-color:${BAND_STROKE[r.band]}"><span aria-hidden="true">${BAND_ICON[r.band]}</span> ${BAND_WORD[r.band]}</span> ${escapeHtml(r.label)}</li>`,
        )
        .join('')}</ul>`;
    case 'albero': {
      const rows: string[] = [];
      for (const row of block.rows) rows.push(rowHtml(row));
      return scrollRegion(
        block.caption,
        `<table class="relazione">
<caption>${escapeHtml(block.caption)}</caption>
<colgroup><col class="c-obj"><col class="c-ind"><col class="c-peso"><col class="c-tgt"><col class="c-act"><col class="c-kpi"><col class="c-perf"></colgroup>
<thead><tr>${LAYOUT_COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`,
      );
    }
  }
}

function sectionHtml(section: Section, depth: number): string {
  const level = Math.min(6, 2 + depth);
  const id = `s-${section.key}`;
  return `<section aria-labelledby="${id}">
<h${level} id="${id}">${escapeHtml(`${section.number} ${section.title}`)}</h${level}>
${section.blocks.map((b) => blockHtml(b, level)).join('\n')}
${section.sections.map((s) => sectionHtml(s, depth + 1)).join('\n')}
</section>`;
}

function toc(sections: readonly Section[]): string {
  return `<ol>${sections.map((s) => `<li><a href="#s-${escapeHtml(s.key)}">${escapeHtml(`${s.number} ${s.title}`)}</a>${s.sections.length === 0 ? '' : toc(s.sections)}</li>`).join('')}</ol>`;
}

/**
 * The page, as text. `before` is for a site's own links (its skip link, which leads to the
 * `<main id="contenuto">`, and the path back to the year's index), already HTML.
 */
export function renderRelazioneHtml(doc: RelazioneDocument, options: { readonly before?: string } = {}): string {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Albero">
<title>${escapeHtml(doc.title)}${doc.body === undefined ? '' : ` — ${escapeHtml(doc.body)}`}</title>
<style>${CSS}${EXTRA_CSS}${FRAME_CSS}</style>
</head>
<body>
${options.before ?? ''}<header class="title-block">
${doc.body === undefined ? '' : `<p class="body">${escapeHtml(doc.body)}</p>`}
<h1>${escapeHtml(doc.title)}</h1>
<p>${escapeHtml(doc.subtitle)}</p>
<dl>${doc.facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>
</header>
<nav class="toc" aria-labelledby="toc-title">
<h2 id="toc-title">Indice</h2>
${toc(doc.sections)}
</nav>
<main id="contenuto" tabindex="-1">
${doc.sections.map((s) => sectionHtml(s, 0)).join('\n')}
</main>
</body>
</html>
`;
}
