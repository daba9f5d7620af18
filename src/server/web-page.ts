/**
 * The web app's page (index.html) as the server serves it: its `lang`, its title and its skip link
 * in the language the reader saved in the app. The link is in the page itself so that a Tab pressed
 * before the app's script has run finds it; an English reader heard it in Italian until the script
 * said it again. Done here, not by an inline script, which the Content-Security-Policy refuses.
 * The page so filled is compressed here too, once per page and language (the build leaves it
 * uncompressed: a copy it wrote would be the Italian one).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Language } from '../core/index.js';
import { LANGUAGE_COOKIE, PAGE_WORDS } from '../messages/page-words.js';
import { preferredEncoding } from './tree.js';

/**
 * The language the reader saved in the app, else Italian: the app's own default. Not
 * Accept-Language, unlike the API's words: the app starts in Italian whatever the browser asks,
 * and a link said in English then in Italian under the reader's focus would be worse than either.
 */
export function savedLanguage(c: Context): Language {
  return getCookie(c, LANGUAGE_COOKIE) === 'en' ? 'en' : 'it';
}

/** index.html (written in Italian) with its `lang`, its title and its skip link's words in `language`. */
export function pageIn(html: string, language: Language): string {
  if (language === 'it') return html;
  return html
    .replace(/<html lang="it">/, `<html lang="${language}">`)
    .replace(/<title>[^<]*<\/title>/, `<title>${PAGE_WORDS[language].title}</title>`)
    .replace(/(<a id="skip-link"[^>]*>)[^<]*(<\/a>)/, (_, open: string, close: string) => `${open}${PAGE_WORDS[language].skip}${close}`);
}

/** A filled page and its compressed copies, by the page's text: one per language of the current build. */
const compressed = new Map<string, { br: Buffer; gzip: Buffer }>();

/**
 * The filled page as the client accepts it: brotli, else gzip, else as it is, the header read as
 * the tree's answer reads it (`preferredEncoding`). Each copy is made once (brotli at its best
 * quality, as the build compresses the assets: ≈4 ms once, 2.8 kB to 0.7 kB) and then served from
 * memory; the page is read on each request, so a rebuild's page is compressed anew
 * (docs/benchmarks.md, issue 15 §4).
 */
export function pageEncoded(page: string, acceptEncoding: string | undefined): { encoding: null; body: string } | { encoding: 'br' | 'gzip'; body: Buffer } {
  const encoding = preferredEncoding(acceptEncoding);
  if (encoding === 'identity') return { encoding: null, body: page };
  let copies = compressed.get(page);
  if (copies === undefined) {
    const bytes = Buffer.from(page, 'utf8');
    copies = { br: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }), gzip: gzipSync(bytes, { level: 9 }) };
    // Two languages of one build; a few more while a rebuilt app replaces the old page.
    if (compressed.size >= 8) compressed.clear();
    compressed.set(page, copies);
  }
  return { encoding, body: copies[encoding] };
}
