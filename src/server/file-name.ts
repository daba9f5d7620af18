/**
 * The part of a download's name made from a title or a person's name ("Piano della Performance
 * 2024" → "piano-della-performance-2024"): accents dropped and anything else but letters and digits
 * a hyphen, so the name is the same ASCII on every system and in every `Content-Disposition`.
 * `fallback` when nothing is left (a title of only symbols).
 */
export function fileSlug(text: string, maxLength: number, fallback: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, maxLength) || fallback
  );
}

/**
 * A download's name: the title's slug, then `tail` (the plan's year, a period's date) and the
 * extension — the year once. A title that already ends in the year its tail starts with ("Albero
 * Performance 2024", tail "2024" or "2024-12-31") would otherwise name it twice
 * ("…-2024-2024.docx"), so the title's copy is left out.
 */
export function fileName(title: string, tail: string, extension: string): string {
  const slug = fileSlug(title, 60, 'albero');
  const year = /^\d{4}(?=-|$)/.exec(tail)?.[0];
  const stem = year !== undefined && slug.endsWith(`-${year}`) ? slug.slice(0, -year.length - 1) : slug;
  return `${stem}-${tail}.${extension}`;
}
