/**
 * The Relazione's small markup (src/io/relazione/markup.ts: headings, lists, bold, italic) shown as
 * the documents render it, built as React elements from the same parsed blocks: never HTML, so
 * `<script>` or `<b>` typed in a text stays the characters typed.
 */
import { Fragment, type ReactNode } from 'react';
import { parseMarkup } from '../../../src/io/relazione/markup.js';
import type { Inline } from '../../../src/io/relazione/model.js';
import { usePlanLang } from '../ui/PlanText.js';

function Spans({ spans }: { spans: Inline }): ReactNode {
  return spans.map((s, i) => {
    let node: ReactNode = s.text;
    if (s.italic === true) node = <em>{node}</em>;
    if (s.bold === true) node = <strong>{node}</strong>;
    return <Fragment key={i}>{node}</Fragment>;
  });
}

/** `heading`: the level of the markup's first headings on this screen (a `##` under an h2 is an h3). */
export function Markup({ text, heading, testId }: { text: string; heading: 3 | 4; testId?: string }) {
  const blocks = parseMarkup(text);
  // The Relazione's texts are the office's and the OIV's, in the plan's language (ui/PlanText).
  const planLang = usePlanLang();
  return (
    <div className="relazione-markup" data-testid={testId} lang={planLang}>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading': {
            const Tag = b.level === 3 && heading === 3 ? 'h3' : b.level === 3 || heading === 3 ? 'h4' : 'h5';
            return (
              <Tag key={i} className="h6">
                <Spans spans={b.spans} />
              </Tag>
            );
          }
          case 'list': {
            const List = b.ordered ? 'ol' : 'ul';
            return (
              <List key={i}>
                {b.items.map((item, n) => (
                  <li key={n}>
                    <Spans spans={item} />
                  </li>
                ))}
              </List>
            );
          }
          case 'paragraph':
            return (
              <p key={i}>
                <Spans spans={b.spans} />
              </p>
            );
          default:
            // The markup gives headings, lists and paragraphs only (tables come from the data, not from a text).
            return null;
        }
      })}
    </div>
  );
}
