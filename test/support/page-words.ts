/**
 * A page's words as the tests of the Relazione and the plan report read them (HTML exports,
 * /trasparenza pages, and a PDF's or a DOCX's text through `sectionOf`).
 */
import { expect } from 'vitest';

/**
 * An HTML page's words: its tags as spaces, `&#39;` as `'`, white space folded to one space.
 * `apostrophes`: the typographic ’ as `'` too, for a test that looks for a sentence written with `'`
 * in a page that prints ’.
 *
 * @example
 * flat('<p>L&#39;ente</p>\n<p>l’anno</p>', { apostrophes: true }) // " L'ente l'anno "
 */
export function flat(html: string, { apostrophes = false }: { apostrophes?: boolean } = {}): string {
  const words = html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'");
  return (apostrophes ? words.replace(/[’]/g, "'") : words).replace(/\s+/g, ' ');
}

/**
 * The Relazione's words from the last `heading` in `text` to the next chapter ("Dati di sintesi"),
 * its ’ as `'` and its white space folded, in any format's text (an HTML page made `flat`, a PDF's,
 * a DOCX's); the heading not found fails the test, naming the text's beginning.
 */
export function sectionOf(text: string, heading: string): string {
  const words = text.replace(/[’]/g, "'").replace(/\s+/g, ' ');
  const at = words.lastIndexOf(heading);
  expect(at, words.slice(0, 300)).toBeGreaterThan(0);
  return words.slice(at, words.indexOf('Dati di sintesi', at));
}
