/**
 * The hottest read, `GET /api/plans/:planId/tree`, answered on Node's own request and response
 * instead of through Hono: a big plan's tree is polled by every open tab, and the framework's
 * per-request work (a web Request and Response, a Headers object per answer, the middleware chain)
 * cost as much as the rest of the answer. The answer is the route's own (`treeAnswer`, tree-answer.ts: the same
 * session lookup, readability rule and cache) with the headers every app answer carries.
 *
 * Only plain reads take this path: an address or query the route's checks could judge differently
 * (anything but a plain plan id, `period` and `under` of code characters, `lang` it or en), a request with a body,
 * and every refusal (404, an unreadable plan) go to the app, which answers them as always.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Hono } from 'hono';
import { parse as parseCookies } from 'hono/utils/cookie';
import type { AppEnv, Deps } from './api.js';
import { SESSION_COOKIE, sessionId } from './auth.js';
import type { Language } from '../core/index.js';
import { LANGUAGES } from './language.js';
import { treeAnswer } from './tree-answer.js';
import { cameOverHttps, STRICT_TRANSPORT_SECURITY } from './security.js';

const TREE = /^\/api\/plans\/([A-Za-z0-9-]{1,200})\/tree(?:\?(.*))?$/;
const QUERY_VALUE = /^[A-Za-z0-9._-]*$/;

/**
 * The headers the app's middleware puts on every answer (the security headers), read from one
 * answer of the app itself so that the fast path cannot drift from them.
 */
export async function headersOfEveryAnswer(app: Hono<AppEnv>): Promise<Record<string, string>> {
  const res = await app.request('/api/health');
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'content-type' && name !== 'content-length') headers[name] = value;
  });
  return headers;
}

/** `next` (the app) with the tree read taken first when it is a plain one. */
export function withFastReads(
  deps: Pick<Deps, 'store' | 'trees' | 'names' | 'sessions' | 'secureCookies' | 'trustProxy'>,
  everyAnswer: Readonly<Record<string, string>>,
  next: RequestListener,
): RequestListener {
  return (req, res) => {
    const match = req.method === 'GET' && req.url !== undefined ? TREE.exec(req.url) : null;
    const query = match === null ? undefined : plainQuery(match[2]);
    if (match === null || query === undefined || req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) {
      next(req, res);
      return;
    }
    // A refusal or a fault: the app answers it (the same error document, or a 500 it logs).
    answerTree(deps, everyAnswer, req, res, match[1]!, query).catch(() => next(req, res));
  };
}

type PlainQuery = { period?: string; under?: string; lang?: Language };

/** `period` and `under` in code characters and `lang` (it, en) if the query holds only those; undefined otherwise. */
function plainQuery(search: string | undefined): PlainQuery | undefined {
  const query: PlainQuery = {};
  if (search === undefined || search === '') return query;
  for (const pair of search.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if ((name !== 'period' && name !== 'under' && name !== 'lang') || !QUERY_VALUE.test(value) || query[name] !== undefined) return undefined;
    // Another language is the route's to refuse (400, said in the reader's language).
    if (name === 'lang') {
      if (!(LANGUAGES as readonly string[]).includes(value)) return undefined;
      query.lang = value as Language;
    } else query[name] = value;
  }
  return query;
}

async function answerTree(
  deps: Pick<Deps, 'store' | 'trees' | 'names' | 'sessions' | 'secureCookies' | 'trustProxy'>,
  everyAnswer: Readonly<Record<string, string>>,
  req: IncomingMessage,
  res: ServerResponse,
  planId: string,
  query: PlainQuery,
): Promise<void> {
  const cookie = req.headers.cookie;
  const token = cookie === undefined ? undefined : parseCookies(cookie, SESSION_COOKIE)[SESSION_COOKIE];
  const session = token === undefined || token === '' ? undefined : await deps.sessions.find(sessionId(token));
  const answer = await treeAnswer(deps, {
    planId,
    period: query.period || undefined,
    under: query.under || undefined,
    language: query.lang ?? 'it',
    user: session?.user ?? null,
    ifNoneMatch: req.headers['if-none-match'],
    acceptEncoding: req.headers['accept-encoding'],
  });
  if (res.destroyed) return;
  const header = (name: string): string | undefined => [req.headers[name]].flat()[0];
  const https = cameOverHttps((req.socket as { encrypted?: boolean }).encrypted === true ? 'https:' : 'http:', header, deps) ? { 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY } : {};
  res.writeHead(answer.status, { ...everyAnswer, ...https, ...answer.headers, ...(answer.body === null ? {} : { 'Content-Length': String(answer.body.byteLength) }) });
  res.end(answer.body ?? undefined);
}
