/**
 * Reading requests: JSON bodies checked with zod, query and path values checked by hand. Every
 * refusal is a 400/413/415 with the field named, never a 500.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { Language } from '../core/index.js';
import { HttpError, type ApiIssue } from './errors.js';
import { LANGUAGES, preferredLanguage } from './language.js';

export { LANGUAGES, preferredLanguage };

export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((i) => {
    const field = i.path.map(String).join('.');
    return { severity: 'error', code: 'invalid-field', message: field === '' ? i.message : `${field}: ${i.message}`, location: field === '' ? null : { field } };
  });
}

/** The request's JSON body, validated: 400 `malformed-json` or `invalid-body` otherwise. */
export async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new HttpError(415, 'unsupported-media-type', 'send the body as JSON (Content-Type: application/json)');
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HttpError(400, 'malformed-json', 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new HttpError(400, 'invalid-body', `the body is not as expected: ${issues.map((i) => i.message).join('; ')}`, { issues });
  }
  return parsed.data;
}

/** A 400 `invalid-body` naming the one field at fault (for checks zod cannot make alone, e.g. against the stored plan). */
export function invalidField(field: string, message: string): HttpError {
  return new HttpError(400, 'invalid-body', `${field}: ${message}`, { issues: [{ severity: 'error', code: 'invalid-field', message: `${field}: ${message}`, location: { field } }] });
}

/** A positive integer from the query string, or the default. */
export function intQuery(c: Context, name: string, fallback: number, max: number): number {
  const value = c.req.query(name);
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new HttpError(400, 'invalid-query', `${name} must be a positive whole number`);
  return Math.min(Number(value), max);
}

/** Rejects the NUL byte and absurd lengths in path parameters before they reach SQL or messages. */
export function param(c: Context, name: string): string {
  const value = c.req.param(name);
  if (value === undefined || value === '' || value.length > 200 || value.includes('\u0000')) throw new HttpError(400, 'invalid-path', `the ${name} in the address is not valid`);
  return value;
}

/**
 * The language of the explanation sentences: `?lang=it|en`, else the first of Italian or English
 * the `Accept-Language` header prefers, else Italian (the users are Italian offices).
 */
export function language(c: Context): Language {
  const asked = c.req.query('lang');
  if (asked !== undefined) {
    if ((LANGUAGES as readonly string[]).includes(asked)) return asked as Language;
    throw new HttpError(400, 'invalid-query', `lang must be one of ${LANGUAGES.join(', ')}, not "${asked.slice(0, 20)}"`, {
      issues: [{ severity: 'error', code: 'invalid-field', message: `lang: one of ${LANGUAGES.join(', ')}`, location: { field: 'lang' } }],
    });
  }
  return preferredLanguage(c.req.header('accept-language')) ?? 'it';
}
