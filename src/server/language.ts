/**
 * The reader's language, negotiated once for every answer that says words (explanations, error
 * messages): `?lang=it|en`, else the first of Italian or English the `Accept-Language` header
 * prefers, else Italian (the users are Italian offices).
 */
import type { Context } from 'hono';
import type { Language } from '../core/index.js';

/** The languages answers are said in. */
export const LANGUAGES: readonly Language[] = ['it', 'en'];

/**
 * The OpenAPI description of a `lang` that chooses a document's amount texts (the tree's, the
 * years'): the examples are what the routes answer (openapi-examples.test.ts holds them to it).
 */
export function amountTextsLanguage(fields: string): string {
  return `the language of the amount texts (${fields}: \`N.V.\`, \`1.587,10\` in it; \`N.E.\`, \`1,587.10\` in en; default it)`;
}

/** Like the explanation route's `language(c)` but never refuses: a `lang` it does not know is ignored (the error about it is said too). */
export function replyLanguage(c: Context): Language {
  const asked = c.req.query('lang');
  if (asked !== undefined && (LANGUAGES as readonly string[]).includes(asked)) return asked as Language;
  return preferredLanguage(c.req.header('accept-language')) ?? 'it';
}

/** The first of `it` and `en` an `Accept-Language` header accepts, by quality then order; null when neither. */
export function preferredLanguage(header: string | undefined): Language | null {
  if (header === undefined) return null;
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return (ranked.find((r) => (LANGUAGES as readonly string[]).includes(r.base))?.base as Language | undefined) ?? null;
}
