/**
 * The one HTTP error type. Routes throw it (only here, at the edge); `onError` turns it into
 * `{ error: { code, message, params?, issues?, details? } }`, the message (and each issue's) said
 * in the reader's language from the catalogue (`src/messages`) when the error carries its
 * parameters. Anything else that escapes is a bug: a 500 that says so without leaking internals.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { english, renderCoded, type DatabaseTrouble, type Language, type MessageCode, type MessageParams, type Params } from '../messages/index.js';
import type { IssueDocument } from '../contract/index.js';
import type { Issue } from '../core/index.js';
import { issueDocument } from '../io/json.js';
import { constraintViolation, databaseReason, type DatabaseReason, type Failure } from '../store/index.js';
import { replyLanguage } from './language.js';

export interface ApiIssue {
  severity: string;
  code: string;
  message: string;
  /** The code's parameters: the catalogue says the issue in the reader's language with them. */
  params?: MessageParams;
  location?: Record<string, unknown> | null;
}

export interface HttpErrorExtra {
  issues?: ApiIssue[];
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The code's parameters: with them the message is said in the reader's language. */
  params?: MessageParams;
}

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: HttpErrorExtra = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * A refusal by code: its words come from the catalogue (English in `message` for logs; the answer
 * says it in the reader's language), its parameters are checked against them.
 *
 * @example throw refuse(429, 'too-many-attempts', { retryAfter: 30 }, { headers: { 'Retry-After': '30' } })
 */
export function refuse<K extends MessageCode>(status: ContentfulStatusCode, code: K, params: Params<K>, extra: Omit<HttpErrorExtra, 'params'> = {}): HttpError {
  return new HttpError(status, code, english(code, params), { ...extra, params: params as MessageParams });
}

/** An import issue as the API sends it; `message` in `language` when given (a refusal's issues are said by `errorResponse`). */
export function issueView(i: Issue, language?: Language): IssueDocument {
  const doc = issueDocument(i);
  return language === undefined ? doc : { ...doc, message: renderCoded(i, language) };
}

/** An issue of a refusal, by code (see `refuse`). */
export function issueOf<K extends MessageCode>(code: K, params: Params<K>, location: Record<string, unknown> | null = null, severity = 'error'): ApiIssue {
  return { severity, code, message: english(code, params), params: params as MessageParams, location };
}

const FAILURE_STATUS: Record<Failure['code'], ContentfulStatusCode> = {
  'not-found': 404,
  conflict: 409,
  'period-locked': 423,
  duplicate: 409,
  'invalid-transition': 409,
  'unreviewed-values': 409,
  'has-children': 409,
  'period-in-use': 409,
  'values-to-remove': 409,
  'in-use': 409,
  'revision-required': 409,
  'revision-open': 409,
  'not-adopted': 409,
  'plan-archived': 409,
  'plan-has-closed-periods': 409,
  'plan-has-appraisals': 409,
  'plan-has-forms': 409,
  'plan-other-body': 422,
  'plan-other-year': 422,
  'revision-reason-required': 422,
  'invalid-act': 422,
  'revision-before-adoption': 422,
  'revision-before-previous': 422,
  'date-outside-plan': 422,
  'adoption-state': 409,
  'revision-state': 409,
  'deadline-locked': 409,
  invalid: 422,
};

/** A store refusal as the HTTP error it means. */
export function fromFailure(failure: Failure): HttpError {
  return new HttpError(FAILURE_STATUS[failure.code], failure.code, failure.message, {
    ...(failure.details === undefined ? {} : { details: failure.details }),
    ...(failure.params === undefined ? {} : { params: failure.params }),
  });
}

/**
 * A store refusal, an `invalid` one of a single field (`details.field`, a request's note left empty)
 * located at that field as every validation refusal is (`issues[].location.field`), so a client
 * shows it beside its control; any other as `fromFailure` says it.
 */
export function locatedFailure(failure: Failure): HttpError {
  const error = fromFailure(failure);
  const field = failure.details?.field;
  if (failure.code !== 'invalid' || typeof field !== 'string' || failure.params === undefined) return error;
  return new HttpError(error.status, error.code, error.message, { ...error.extra, issues: [issueOf('invalid', failure.params as Params<'invalid'>, { field })] });
}

/** Unwraps a store result, throwing its refusal at the edge. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: Failure }): T {
  if (!result.ok) throw fromFailure(result.error);
  return result.value;
}

export function errorResponse(c: Context, error: unknown): Response {
  const language = replyLanguage(c);
  c.header('Content-Language', language);
  c.header('Vary', 'Accept-Language', { append: true });
  if (error instanceof HttpError) {
    const said = renderCoded({ code: error.code, message: error.message, params: error.extra.params ?? null }, language);
    const issues = error.extra.issues?.map((i) => ({ ...i, message: renderCoded(i, language) }));
    const body = {
      error: {
        code: error.code,
        message: said,
        ...(error.extra.params ? { params: error.extra.params } : {}),
        ...(issues ? { issues } : {}),
        ...(error.extra.details ? { details: error.extra.details } : {}),
      },
    };
    for (const [name, value] of Object.entries(error.extra.headers ?? {})) c.header(name, value);
    return c.json(body, error.status);
  }
  // hono's own errors (e.g. a malformed cookie) carry a status; they are the caller's mistakes.
  const status = (error as { status?: number } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return c.json({ error: { code: 'bad-request', message: say(language, 'bad-request'), params: {} } }, status as ContentfulStatusCode);
  }
  const refused = constraintViolation(error);
  if (refused !== null) {
    // Another writer got in between the store's check and its write (the same user name, the same
    // period, a row deleted meanwhile): the caller's moment, not a bug. The transaction rolled back,
    // so nothing of the request is stored; the driver's words (the index, the row) are the log's.
    console.error(`albero server: the database refused ${c.req.method} ${c.req.path} (conflict: ${refused.constraint}${refused.subject === undefined ? '' : ` ${refused.subject}`})`, error);
    return errorResponse(c, refuse(409, 'conflict', refused));
  }
  const unavailable = databaseUnavailable(error);
  if (unavailable !== null) {
    // The driver's words (and the file's or server's name) are for the log, not for the client.
    console.error(`albero server: the database could not serve ${c.req.method} ${c.req.path} (${unavailable.code}: ${String(unavailable.extra.params?.reason)})`, error);
    return errorResponse(c, unavailable);
  }
  console.error('albero server: internal error', error);
  return c.json({ error: { code: 'internal', message: say(language, 'internal'), params: {} } }, 500);
}

/**
 * How a request that met the database's own trouble is answered, by the CLI's classification
 * (`databaseReason`, store/index.ts). A wait for another connection's lock or a server out of
 * reach passes by itself: 503 with Retry-After, so a client (or a person) tries again shortly. A
 * full disk is 507 Insufficient Storage (RFC 4918: the server cannot store what the request needs),
 * without Retry-After: space must be freed first. A damaged, read-only or unreadable database is
 * 503 without Retry-After: an administrator must act, and trying again soon meets the same.
 */
const TROUBLE: Record<DatabaseReason, { status: ContentfulStatusCode; trouble: DatabaseTrouble; retryAfter?: number }> = {
  // SQLite waited its busy timeout already (half a second in the server, ALBERO_SQLITE_BUSY_TIMEOUT_MS); a lock held longer (a big import by another process) is rarely held much longer than 5 s.
  busy: { status: 503, trouble: 'busy', retryAfter: 5 },
  unreachable: { status: 503, trouble: 'unreachable', retryAfter: 10 },
  full: { status: 507, trouble: 'full' },
  damaged: { status: 503, trouble: 'damaged' },
  'read-only': { status: 503, trouble: 'read-only' },
  'io-error': { status: 503, trouble: 'unusable' },
  'cannot-open': { status: 503, trouble: 'unusable' },
  'not-a-database': { status: 503, trouble: 'damaged' },
  folder: { status: 503, trouble: 'unusable' },
  'bad-url': { status: 503, trouble: 'unusable' },
  'no-such-database': { status: 503, trouble: 'unusable' },
  'wrong-password': { status: 503, trouble: 'unusable' },
  'user-not-allowed': { status: 503, trouble: 'unusable' },
};

/** The database's trouble as the HTTP error it means, or null for any other error (a bug: 500). */
export function databaseUnavailable(error: unknown): HttpError | null {
  const reason = databaseReason(error);
  if (reason === null) return null;
  const { status, trouble, retryAfter } = TROUBLE[reason];
  const params = retryAfter === undefined ? { reason: trouble } : { reason: trouble, retryAfter };
  return refuse(status, 'database-unavailable', params, retryAfter === undefined ? {} : { headers: { 'Retry-After': String(retryAfter) } });
}

function say(language: Language, code: 'bad-request' | 'internal'): string {
  return renderCoded({ code, message: english(code, {}), params: {} }, language);
}
