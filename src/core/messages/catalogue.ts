/**
 * Messages by code: every issue and refusal a person may read is a stable code and its
 * parameters; a catalogue says it in Italian and English. This file is the mechanism only (the
 * texts live in per-area modules merged by an index), pure so the engine, the server, the CLI and
 * the web app all render the same words.
 *
 * @example
 * const AREA = defineMessages({
 *   'period-locked': message<{ label: string; state: string }>({
 *     it: (p) => `il periodo ${p.label} è ${p.state}`,
 *     en: (p) => `the period ${p.label} is ${p.state}`,
 *   }),
 *   'sign-in-first': message({ it: 'accedi prima', en: 'sign in first' }),
 * });
 * renderFrom(AREA, 'period-locked', { label: '30/09/2024', state: 'chiuso' }, 'it'); // 'il periodo 30/09/2024 è chiuso'
 */
import type { Language } from '../words.js';

export type { Language };

/** What a parameter may be: it crosses the wire as JSON beside the code. */
export type ParamValue = string | number | boolean | null | undefined | readonly string[];
export type MessageParams = Readonly<Record<string, ParamValue>>;

type Text<P> = string | ((params: P) => string);

/** One message in both languages; `P` is the shape of its parameters. */
export interface Message<P extends object = Record<never, never>> {
  readonly it: Text<P>;
  readonly en: Text<P>;
}

/** A message whose parameters are `P` (checked where the message is raised). */
export function message<P extends object = Record<never, never>>(m: Message<P>): Message<P> {
  return m;
}

// `any`: each entry keeps its own parameter type (ParamsOf reads it back); `unknown` would refuse them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Catalogue = Readonly<Record<string, Message<any>>>;

/** The parameters a catalogue's code takes. */
export type ParamsOf<C extends Catalogue, K extends keyof C> = C[K] extends Message<infer P> ? P : never;

/** Keeps each entry's own parameter type (use it for an area's module). */
export function defineMessages<C extends Catalogue>(catalogue: C): C {
  return catalogue;
}

/** One catalogue from the areas' modules; a code defined twice is a bug caught on load. */
export function mergeCatalogues<const Parts extends readonly Catalogue[]>(...parts: Parts): UnionToIntersection<Parts[number]> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Catalogue
  const merged: Record<string, Message<any>> = {};
  for (const part of parts) {
    for (const [code, text] of Object.entries(part)) {
      if (Object.hasOwn(merged, code) && merged[code] !== text) throw new Error(`message code ${code} is defined twice`);
      merged[code] = text;
    }
  }
  return merged as UnionToIntersection<Parts[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/** The words of `code` with `params` in `language`, or undefined when the catalogue lacks the code. */
export function renderFrom(catalogue: Catalogue, code: string, params: MessageParams | undefined, language: Language): string | undefined {
  if (!Object.hasOwn(catalogue, code)) return undefined;
  const text = catalogue[code]![language];
  return typeof text === 'string' ? text : text(params ?? {});
}

/**
 * A decimal written the way `language` writes it: `93,5` in Italian, `93.5` in English. Only
 * plain decimal text is touched (`1234.5`, `-0.25`); anything else is returned as it is.
 */
export function decimalIn(value: string | number, language: Language): string {
  const text = String(value);
  if (language === 'en' || !/^-?\d+(\.\d+)?$/.test(text)) return text;
  return text.replace('.', ',');
}

/**
 * The body's time zone: a moment is stored in UTC, but the office, the OIV and the public date it
 * as the body's calendar does (a validation at 23:30 UTC on 31 December is on 1 January in Rome).
 */
const OFFICE_TIME_ZONE = 'Europe/Rome';

/**
 * `28/11/2026 14:05` in Italian time, as the Relazione dates its tables (English: the same, as en-GB
 * writes it): the one moment of the documents (io/report/meta.ts) and of the messages that name one.
 */
export function computedAtText(date: Date, language: Language = 'it'): string {
  return new Intl.DateTimeFormat(language === 'it' ? 'it-IT' : 'en-GB', { timeZone: OFFICE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    .format(date)
    .replace(',', '');
}

/**
 * The day of a moment (an ISO timestamp: a validation, a decision) in Italian time, `01/01/2025`,
 * as both languages write an Italian body's dates; not the UTC day its ISO text starts with.
 * A text that is no moment is returned as it is.
 *
 * @example momentDayText('2024-12-31T23:30:00Z') // '01/01/2025'
 */
export function momentDayText(at: string | Date): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  return new Intl.DateTimeFormat('it-IT', { timeZone: OFFICE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/**
 * The body's day now (or at `at`), ISO `YYYY-MM-DD`, as its calendar has it: a deadline, a reminder,
 * a revision's date are days of the office, which turn at midnight in Rome, not at UTC's (at 23:30 UTC
 * on 31 January, Rome is already on 1 February).
 *
 * @example officeDay(new Date('2025-01-31T23:30:00Z')) // '2025-02-01'
 */
export function officeDay(at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: OFFICE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `a, b and c` / `a, b e c`. */
export function listIn(items: readonly string[], language: Language): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${language === 'it' ? 'e' : 'and'} ${items[items.length - 1]}`;
}
