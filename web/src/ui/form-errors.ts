/**
 * An API refusal as a form shows it: each message next to the field it names (the server's
 * `issues[].location.field`), the rest above the form. Known refusals get words in the app's
 * language; anything else keeps the server's own message, so nothing is ever swallowed.
 */
import type { ApiErrorBody } from '../api/types.js';
import { sentence } from './sentence.js';

export interface FormErrors {
  /** Field name (as the API names it, first path segment: `units.0` → `units`) → message. */
  fields: Record<string, string>;
  /** What belongs to no one field (a conflict, a refusal, a network failure). */
  general: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

/** What a form needs of an error thrown by the API client (an `ApiError`) or by anything else. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  body: ApiErrorBody | null;
}

/**
 * `translate(key)` returns the words for a key such as `conflict`, `duplicate`, `field.password`,
 * or null when there are none: then the server's message is shown, without its `field: ` prefix, as a sentence.
 *
 * @example formErrors({ status: 409, code: 'duplicate', message: 'username taken', body: null }, (k) => (k === 'duplicate.username' ? 'Nome già usato' : null), 'username')
 *   // → { fields: { username: 'Nome già usato' }, general: null }
 */
export function formErrors(error: Refusal, translate: (key: string, params?: Record<string, unknown>) => string | null, duplicateField?: string): FormErrors {
  const fields: Record<string, string> = {};
  const problems = problemsByField(error.body);
  for (const [path, message] of Object.entries(issuesByField(error.body))) {
    const field = path.split('.')[0]!;
    if (fields[field] !== undefined) continue;
    // A value another record holds is no fault of its form: not the field's "not valid" words but
    // the duplicate's, or the words of the problem the issue names (`email-taken`) when the form has some.
    const problem = problems[path];
    const own = error.code === 'duplicate' ? translate(`duplicate.${field}`) : problem === undefined ? null : translate(`problem.${problem.name}`, problem.params);
    fields[field] = own ?? (error.code === 'duplicate' ? null : translate(`field.${field}`)) ?? message;
  }
  if (Object.keys(fields).length > 0) return { fields, general: null };
  if (error.code === 'duplicate' && duplicateField !== undefined) {
    // The field the server names (an account's email taken meanwhile), else the one the form expects.
    const named = error.body?.error.details?.field;
    const field = typeof named === 'string' && named !== '' ? named : duplicateField;
    return { fields: { [field]: translate(`duplicate.${field}`) ?? sentence(error.message) }, general: null };
  }
  // Stored meanwhile by another request (a unique index, a reference): not a version that moved on,
  // so not the form's "changed by someone else" words but the server's, which name what clashed
  // (`params.subject`: the same user name, the same email), in the reader's language.
  if (error.code === 'conflict' && error.body?.error.params?.constraint !== undefined) return { fields, general: sentence(error.message) };
  // Said alone above the form, the server's clause is a sentence there, as a field's is.
  return { fields, general: translate(error.code) ?? sentence(error.message) };
}

/**
 * The refusal's messages by the whole path of the field each names (`objectives.0.title`), the
 * first for each path, without the message's own `path: ` prefix, each a sentence as a field says
 * it (`sentence`); issues naming no field left out.
 *
 * @example issuesByField({ error: { code: 'invalid-body', message: '…', issues: [{ …, message: 'objectives.0.title: cannot be empty', location: { field: 'objectives.0.title' } }] } })
 *   // → { 'objectives.0.title': 'Cannot be empty.' }
 */
export function issuesByField(body: ApiErrorBody | null): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of body?.error.issues ?? []) {
    const raw = issue.location && typeof issue.location === 'object' ? (issue.location as { field?: unknown }).field : undefined;
    if (typeof raw !== 'string' || raw === '' || fields[raw] !== undefined) continue;
    fields[raw] = sentence(issue.message.replace(new RegExp(`^${escapeRegExp(raw)}:\\s*`), ''));
  }
  return fields;
}

/**
 * The problem each issue names, by the whole path of its field: the one in its parameters
 * (`params.problem`, as `email-taken`), else the issue's own code (`base-measure-name`), with the
 * issue's parameters for the form's words (the measure's name).
 */
function problemsByField(body: ApiErrorBody | null): Record<string, { name: string; params: Record<string, unknown> }> {
  const problems: Record<string, { name: string; params: Record<string, unknown> }> = {};
  for (const issue of body?.error.issues ?? []) {
    const raw = issue.location && typeof issue.location === 'object' ? (issue.location as { field?: unknown }).field : undefined;
    const params = (issue.params ?? {}) as Record<string, unknown>;
    const problem = typeof params.problem === 'string' ? params.problem : issue.code;
    if (typeof raw === 'string' && typeof problem === 'string' && problems[raw] === undefined) problems[raw] = { name: problem, params };
  }
  return problems;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Organisational units as typed in one field, one per line or comma-separated, blanks and repeats dropped. */
export function parseUnits(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,;]/)
        .map((u) => u.trim())
        .filter((u) => u !== ''),
    ),
  ];
}
