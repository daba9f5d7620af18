/**
 * The web app's page (index.html) as the server serves it: its `lang` and its skip link in the
 * language the reader saved in the app. The link is in the page itself so that a Tab pressed
 * before the app's script has run finds it; an English reader heard it in Italian until the script
 * said it again. Done here, not by an inline script, which the Content-Security-Policy refuses.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Language } from '../core/index.js';
import { LANGUAGE_COOKIE, PAGE_WORDS } from '../messages/page-words.js';

/**
 * The language the reader saved in the app, else Italian: the app's own default. Not
 * Accept-Language, unlike the API's words: the app starts in Italian whatever the browser asks,
 * and a link said in English then in Italian under the reader's focus would be worse than either.
 */
export function savedLanguage(c: Context): Language {
  return getCookie(c, LANGUAGE_COOKIE) === 'en' ? 'en' : 'it';
}

/** index.html (written in Italian) with its `lang` and its skip link's words in `language`. */
export function pageIn(html: string, language: Language): string {
  if (language === 'it') return html;
  return html
    .replace(/<html lang="it">/, `<html lang="${language}">`)
    .replace(/(<a id="skip-link"[^>]*>)[^<]*(<\/a>)/, (_, open: string, close: string) => `${open}${PAGE_WORDS[language].skip}${close}`);
}
