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
