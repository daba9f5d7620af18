/**
 * The one HTTP error type. Routes throw it (only here, at the edge); `onError` turns it into
 * `{ error: { code, message, issues?, details? } }`. Anything else that escapes is a bug: a 500
 * that says so without leaking internals.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Failure } from '../store/index.js';

export interface ApiIssue {
  severity: string;
  code: string;
  message: string;
  location?: Record<string, unknown> | null;
}

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: { issues?: ApiIssue[]; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const FAILURE_STATUS: Record<Failure['code'], ContentfulStatusCode> = {
  'not-found': 404,
  conflict: 409,
  'period-locked': 423,
  duplicate: 409,
  'invalid-transition': 409,
  'has-children': 409,
  'period-in-use': 409,
  'in-use': 409,
  invalid: 422,
};

/** A store refusal as the HTTP error it means. */
export function fromFailure(failure: Failure): HttpError {
  return new HttpError(FAILURE_STATUS[failure.code], failure.code, failure.message, failure.details === undefined ? {} : { details: failure.details });
}

/** Unwraps a store result, throwing its refusal at the edge. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: Failure }): T {
  if (!result.ok) throw fromFailure(result.error);
  return result.value;
}

export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof HttpError) {
    const body = { error: { code: error.code, message: error.message, ...(error.extra.issues ? { issues: error.extra.issues } : {}), ...(error.extra.details ? { details: error.extra.details } : {}) } };
    for (const [name, value] of Object.entries(error.extra.headers ?? {})) c.header(name, value);
    return c.json(body, error.status);
  }
  // hono's own errors (e.g. a malformed cookie) carry a status; they are the caller's mistakes.
  const status = (error as { status?: number } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return c.json({ error: { code: 'bad-request', message: (error as Error).message || 'the request could not be read' } }, status as ContentfulStatusCode);
  }
  console.error('albero server: internal error', error);
  return c.json({ error: { code: 'internal', message: 'something went wrong on the server; the change was not stored' } }, 500);
}
