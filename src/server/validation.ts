/**
 * Reading requests: JSON bodies checked with zod, query and path values checked by hand. Every
 * refusal names the field, never a 500: 400/413/415 for a body that is not as expected, 422 for
 * text with control characters (NUL, escape…), refused here for every body, query and path alike
 * so SQLite and PostgreSQL (which cannot store NUL) behave the same.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { Language } from '../core/index.js';
import { english, type FieldProblem, type MessageCode, type Params, type Upload } from '../messages/index.js';
import { HttpError, issueOf, refuse, type ApiIssue } from './errors.js';
import { LANGUAGES, replyLanguage } from './language.js';

export { LANGUAGES, preferredLanguage, replyLanguage } from './language.js';

/** zod's name of an expected type as the catalogue's: zod says `int` for a whole number, which neither language says. */
const typeName = (expected: unknown): string => (expected === 'int' ? 'integer' : String(expected));

/** zod's issue as our `invalid-field` problem (said in the reader's language by the catalogue). */
function fieldProblem(i: z.core.$ZodIssue, field: string): FieldProblem {
  switch (i.code) {
    case 'invalid_type':
      // `input` is there because bodies are parsed with `reportInput`: a value of the wrong type is not a missing one.
      return i.input === undefined ? { field, problem: 'required' } : { field, problem: 'type', expected: typeName(i.expected) };
    case 'invalid_union': {
      // Every branch refused the value's type (a list where a number or a text goes): say the types, not zod's English.
      const expected = i.errors.map((branch) => branch.find((b) => b.code === 'invalid_type' && b.path.length === 0)).map((b) => (b?.code === 'invalid_type' ? typeName(b.expected) : null));
      if (i.input === undefined) return { field, problem: 'required' };
      if (expected.every((e): e is string => e !== null)) return { field, problem: 'type', expected: expected[0] ?? '', values: [...new Set(expected)] };
      return /^[a-z][a-z-]*$/.test(i.message) ? { field, problem: i.message } : { field, problem: 'custom', detail: i.message };
    }
    case 'too_small':
      if (i.origin === 'string') return { field, problem: 'too-short', minimum: Number(i.minimum) };
      if (i.origin === 'array' || i.origin === 'set') return { field, problem: 'too-few', minimum: Number(i.minimum) };
      return { field, problem: 'too-small', minimum: String(i.minimum) };
    case 'too_big':
      if (i.origin === 'string') return { field, problem: 'too-long', maximum: Number(i.maximum) };
      if (i.origin === 'array' || i.origin === 'set') return { field, problem: 'too-many', maximum: Number(i.maximum) };
      return { field, problem: 'too-big', maximum: String(i.maximum) };
    case 'invalid_value':
      return { field, problem: 'enum', values: i.values.map((v) => String(v)) };
    case 'unrecognized_keys':
      return { field, problem: 'unknown-keys', keys: [...i.keys] };
    default:
      // A custom check may name a catalogue problem (`'iso-date'`), else its words are kept as they are.
      return /^[a-z][a-z-]*$/.test(i.message) ? { field, problem: i.message } : { field, problem: 'custom', detail: i.message };
  }
}

export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.flatMap((i) => {
    const field = i.path.map(String).join('.');
    // zod says an unexpected key at the object holding it (the body itself: no path): each key is
    // located at its own path instead, as a field of its own the client can point to.
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((key) => {
        const at = field === '' ? key : `${field}.${key}`;
        return issueOf('invalid-field', { field: at, problem: 'unknown-key' }, { field: at });
      });
    }
    return [issueOf('invalid-field', fieldProblem(i, field), field === '' ? null : { field })];
  });
}

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** `U+0000`: how a refused character is named (it cannot be shown). */
function codePoint(text: string): string {
  const m = CONTROL.exec(text);
  return m === null ? '' : `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Every string inside a JSON value holding a control character, by its path (`periods.0.label`; a key with one is named too). */
export function controlCharacters(value: unknown, path = ''): { field: string; character: string }[] {
  if (typeof value === 'string') return CONTROL.test(value) ? [{ field: path, character: codePoint(value) }] : [];
  if (Array.isArray(value)) return value.flatMap((v, k) => controlCharacters(v, path === '' ? String(k) : `${path}.${k}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const at = path === '' ? k : `${path}.${k}`;
      return [...(CONTROL.test(k) ? [{ field: at, character: codePoint(k) }] : []), ...controlCharacters(v, at)];
    });
  }
  return [];
}

/** 422 `control-characters` naming each field (as `issues[].location.field`). */
export function controlCharacterError(found: readonly { field: string; character: string }[]): HttpError {
  const fields = found.map((f) => f.field);
  return refuse(
    422,
    'control-characters',
    { fields },
    { issues: found.map((f) => issueOf('invalid-field', { field: f.field, problem: 'control-characters', character: f.character }, { field: f.field })) },
  );
}

/** Refuses text fields (multipart fields, query values) holding control characters. */
export function plainText(fields: Readonly<Record<string, string | undefined>>): void {
  const found = Object.entries(fields).flatMap(([field, value]) => (value !== undefined && CONTROL.test(value) ? [{ field, character: codePoint(value) }] : []));
  if (found.length > 0) throw controlCharacterError(found);
}

/** The request's JSON body, validated: 400 `malformed-json` or `invalid-body`, 422 `control-characters`, otherwise. */
export async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw refuse(415, 'unsupported-media-type', { expected: 'json' });
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw refuse(400, 'malformed-json', {});
  }
  const control = controlCharacters(raw);
  if (control.length > 0) throw controlCharacterError(control);
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const fields = [...new Set(issues.map((i) => String((i.location as { field?: string } | null)?.field ?? '')).filter((f) => f !== ''))];
    // The English message keeps every issue's words (logs, scripts that read it); the answer says it in the reader's language.
    throw new HttpError(400, 'invalid-body', `the body is not as expected: ${issues.map((i) => i.message).join('; ')}`, { issues, params: { fields } });
  }
  return parsed.data;
}

/** A 400 `invalid-body` naming the one field at fault (for checks zod cannot make alone, e.g. against the stored plan). */
export function invalidField(field: string, problem: string | Omit<FieldProblem, 'field'>): HttpError {
  return invalidFields([typeof problem === 'string' ? { field, problem: 'custom', detail: problem } : { ...problem, field }]);
}

/** A multipart upload's fields, a field sent several times as all of its parts. */
export type UploadForm = Record<string, string | File | (string | File)[]>;

/**
 * A multipart upload's fields (400 malformed-upload when it cannot be read as one). Every part of a
 * repeated field is kept: hono's parseBody otherwise keeps the last, and a second file sent in one
 * request would silently replace the first (see `repeatedParts`).
 */
export async function uploadForm(c: Context): Promise<UploadForm> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw refuse(400, 'malformed-upload', {});
  }
}

/** The parts of `field` when it was sent more than once, counted and named for the refusal; undefined for one part or none. */
export function repeatedParts(form: UploadForm, field = 'file'): { count: number; names: string } | undefined {
  const parts = form[field];
  if (!Array.isArray(parts)) return undefined;
  return { count: parts.length, names: parts.map((f) => (f instanceof File ? f.name || '—' : '—')).join(', ') };
}

/**
 * The one file of an upload of `what` (its field `file`) and the form it came in: 400 `missing-file`
 * without one, `one-file` with several (none is taken: which to import is the sender's to say, not
 * the last part's).
 */
export async function oneUploadedFile(c: Context, what: Exclude<Upload, 'evidence'>): Promise<{ form: UploadForm; file: File }> {
  const form = await uploadForm(c);
  const several = repeatedParts(form);
  if (several !== undefined) {
    const params = { what, ...several } as const;
    throw refuse(400, 'one-file', params, { issues: [issueOf('one-file', params, { field: 'file' })], details: { count: several.count } });
  }
  const file = form.file;
  if (!(file instanceof File)) throw refuse(400, 'missing-file', { what });
  return { form, file };
}

/** A text field of an upload's form; sent several times, its last part (as a plain parse would keep). */
export function formText(form: UploadForm, name: string): string | undefined {
  const value = form[name];
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : undefined;
}

/** A 400 `invalid-body` naming every field at fault at once, as zod's own refusal does (several things to give again). */
export function invalidFields(problems: readonly FieldProblem[]): HttpError {
  const issues = problems.map((p) => issueOf('invalid-field', p, { field: p.field }));
  const message = issues.length === 1 ? issues[0]!.message : `the body is not as expected: ${issues.map((i) => i.message).join('; ')}`;
  return new HttpError(400, 'invalid-body', message, { issues, params: { fields: [...new Set(problems.map((p) => p.field))] } });
}

/** A 400 `invalid-body` whose one issue, at `field`, is said by its own code (a rule the store applies too, e.g. `invalid` for a period's date). */
export function invalidAt<K extends MessageCode>(field: string, code: K, params: Params<K>): HttpError {
  return new HttpError(400, 'invalid-body', english('invalid-body', { fields: [field] }), { issues: [issueOf(code, params, { field })], params: { fields: [field] } });
}

/**
 * The language of a document's own words (a report, a workbook): asked with `?lang=it|en` (or an
 * export job's `lang`). Not the browser's Accept-Language: the documents are the office's, in
 * Italian, and an English screen asks for an English copy explicitly.
 */
export function documentLanguage(c: Context, asked: string | undefined = c.req.query('lang')): Language {
  if (asked === undefined) return 'it';
  if (!(LANGUAGES as readonly string[]).includes(asked)) throw refuse(400, 'invalid-query', { field: 'lang', values: LANGUAGES, value: asked.slice(0, 20) });
  return asked as Language;
}

/** A whole number from the query string, `min` (1, or 0 for an offset) up, or the default; above `max`, `max`. */
export function intQuery(c: Context, name: string, fallback: number, max: number, min: 0 | 1 = 1): number {
  const value = c.req.query(name);
  if (value === undefined || value === '') return fallback;
  // Said by the catalogue (positive-integer, whole-number), in the reader's language, at its field: not English words of our own.
  if (!/^\d+$/.test(value) || Number(value) < min) {
    const problem = { field: name, problem: min === 1 ? 'positive-integer' : 'whole-number' };
    throw refuse(400, 'invalid-query', problem, { issues: [issueOf('invalid-query', problem, { field: name })] });
  }
  return Math.min(Number(value), max);
}

/** `?version=`: the version of a record a deletion was asked from (absent or empty: none, as a body naming none); a positive whole number, else refused at its field. */
export function versionQuery(c: Context): number | undefined {
  const given = c.req.query('version');
  return given === undefined || given === '' ? undefined : intQuery(c, 'version', 1, Number.MAX_SAFE_INTEGER);
}

/** The longest reason a revision's opening, correction or discard, or a plan's deletion, keeps. */
export const REASON_MAX = 5000;

/**
 * `?reason=` of a deletion or a discard, kept on the audit trail: null when absent or blank;
 * refused at its field when too long (400 `invalid-query`) or holding control characters (422),
 * never cut short: a reason kept half is not the one given.
 */
export function reasonQuery(c: Context): string | null {
  const reason = (c.req.query('reason') ?? '').trim();
  plainText({ reason });
  if (reason.length > REASON_MAX) {
    const problem = { field: 'reason', problem: 'too-long', maximum: REASON_MAX };
    throw refuse(400, 'invalid-query', problem, { issues: [issueOf('invalid-query', problem, { field: 'reason' })] });
  }
  return reason === '' ? null : reason;
}

/** A yes/no of the query string: `true` or `false` (absent: false); anything else is refused, naming the field, so a typo never reads as "no". */
export function flagQuery(c: Context, name: string): boolean {
  const value = c.req.query(name);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  const values = ['true', 'false'];
  throw refuse(400, 'invalid-query', { field: name, values, value: value.slice(0, 40) }, { issues: [issueOf('invalid-query', { field: name, values }, { field: name })] });
}

/** Rejects control characters and absurd lengths in path parameters before they reach SQL or messages. */
export function param(c: Context, name: string): string {
  const value = c.req.param(name);
  if (value === undefined || value === '' || value.length > 200 || CONTROL.test(value)) throw refuse(400, 'invalid-path', { name });
  return value;
}

/**
 * The language of the explanation sentences: `?lang=it|en`, else the first of Italian or English
 * the `Accept-Language` header prefers, else Italian (the users are Italian offices); another
 * `lang` is refused.
 */
export function language(c: Context): Language {
  const asked = c.req.query('lang');
  if (asked !== undefined && !(LANGUAGES as readonly string[]).includes(asked)) {
    throw refuse(
      400,
      'invalid-query',
      { field: 'lang', values: LANGUAGES, value: asked.slice(0, 20) },
      { issues: [issueOf('invalid-field', { field: 'lang', problem: 'enum', values: LANGUAGES }, { field: 'lang' })] },
    );
  }
  return replyLanguage(c);
}
