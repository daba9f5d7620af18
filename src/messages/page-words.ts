/**
 * What the web page says before the app's script has run, in the reader's language: index.html's
 * title (the tab's and the history's name of the page) and its skip link (a Tab pressed while the
 * script still arrives finds it), which the server words from the language the reader saved
 * (`LANGUAGE_COOKIE`, server/web-page.ts) and the app says again once it runs and whenever the
 * reader changes language (web/src/i18n.ts). Plain data, so the web app's bundle takes it alone.
 */
import type { Language } from '../core/words.js';

/**
 * The cookie holding the language the reader chose in the app (the app keeps it in localStorage,
 * which the server cannot read): `it` or `en`, written by web/src/i18n.ts on every load and change.
 */
export const LANGUAGE_COOKIE = 'albero_lang';

export const PAGE_WORDS: Record<Language, { title: string; skip: string }> = {
  it: { title: 'Albero — ciclo della performance', skip: 'Vai al contenuto principale' },
  en: { title: 'Albero — performance cycle', skip: 'Skip to main content' },
};
