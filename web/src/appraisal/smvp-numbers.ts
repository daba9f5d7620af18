/**
 * The SMVP screen's numbers as a person types them (issue 14): read strictly in the screen's
 * notation (`12,5` on an Italian screen, `12.5` on an English one; the other is refused and said
 * at its field), shown in it, sent as JSON numbers, and written again on a change of language.
 * Pure, tested beside this file; `SmvpPage.tsx` draws.
 */
import { formatNumber, plainNumber, type Lang } from '../ui/format.js';
import { numberProblem, readNumber, swapNotation } from '../ui/parse.js';
import type { SmvpDocument } from './SmvpPage.js';

type Num = number | string;

/** The document with every number field (legend, thresholds, scale, weights, components, bands) passed through `f` with its API path. */
export function mapNumbers(d: SmvpDocument, f: (value: Num, path: string) => Num): SmvpDocument {
  const all = <T extends object>(row: T, at: string, keys: ReadonlyArray<keyof T & string>): T => ({ ...row, ...Object.fromEntries(keys.map((k) => [k, f(row[k] as Num, `${at}.${k}`)])) }) as T;
  return {
    ...d,
    legend: all(d.legend, 'legend', ['green', 'yellow']),
    indicatorThresholds: d.indicatorThresholds.map((r, j) => all(r, `indicatorThresholds.${j}`, ['green', 'yellow'])),
    ratingScale: d.ratingScale.map((l, j) => all(l, `ratingScale.${j}`, ['value', 'score'])),
    schemes: d.schemes.map((s, i) => ({
      ...s,
      behaviours: s.behaviours.map((b, j) => all(b, `schemes.${i}.behaviours.${j}`, ['weight'])),
      components: all(s.components, `schemes.${i}.components`, ['body', 'unit', 'objectives', 'behaviours']),
      bands: s.bands.map((b, j) => all(b, `schemes.${i}.bands.${j}`, ['min', 'max', 'share'])),
    })),
  };
}

/** A typed number in `lang`'s notation (`%` allowed) as a JSON number; null when it is none. */
export function typedNumber(v: Num, lang: Lang): number | null {
  if (typeof v === 'number') return v;
  const n = readNumber(v, lang);
  return n === null ? null : Number(n.value.toString());
}

/**
 * The document as it is sent, each typed number read in `lang`'s notation as a JSON number, and
 * the fields written in the other language's notation (path → the words' key): `1,5` on an
 * English screen is said at its field, never guessed. Anything else that is no number (empty,
 * a word) goes as typed, for the server to say what it expected there.
 *
 * @example wireDocument(doc, 'en') // { document: { ...legend: { green: 12.5 } }, problems: { 'legend.yellow': 'entry.otherNotation' } }
 */
export function wireDocument(d: SmvpDocument, lang: Lang): { document: SmvpDocument; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const document = mapNumbers(d, (v, path) => {
    if (typeof v === 'number' || v.trim() === '') return v;
    const n = typedNumber(v, lang);
    if (n !== null) return n;
    if (numberProblem(v, 'percent', lang) === 'otherNotation') problems[path] = 'entry.otherNotation';
    return v;
  });
  return { document, problems };
}

/** The document's typed numbers written again in `lang`'s notation after a change of language, the same digits; stored numbers stay numbers. */
export function typedIn(d: SmvpDocument): SmvpDocument {
  return mapNumbers(d, (v) => (typeof v === 'string' ? swapNotation(v) : v));
}

/** A number field's text: a stored number in `lang`'s notation (`12.5` → `12,5`), a typed one as typed. */
export function numberText(v: Num, lang: Lang): string {
  return typeof v === 'number' ? plainNumber(v, lang) : v;
}

/** The live total of a category's components, in `lang`'s notation with up to two decimals; `—` when a field cannot be read. */
export function totalText(values: readonly Num[], lang: Lang): string {
  const read = values.map((v) => typedNumber(v, lang));
  if (read.some((n) => n === null)) return '—';
  const total = Math.round(read.reduce<number>((sum, n) => sum + n!, 0) * 100) / 100;
  return formatNumber(total, lang, (String(total).split('.')[1] ?? '').length);
}
