/**
 * The reader's language, for explanations and refusals: Italian or English (the users are Italian
 * offices, so Italian unless the reader prefers English).
 */
import type { Language } from '../core/index.js';

/** The languages explanations and refusals are said in. */
export const LANGUAGES: readonly Language[] = ['it', 'en'];

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
