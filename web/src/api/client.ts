/**
 * The only way the web app talks to the server. Every call returns parsed JSON or throws an
 * ApiError carrying the server's stable code, so screens branch on `code` ('conflict',
 * 'period-locked', 'csrf'…) rather than on message text.
 */
import type {
  Act,
  Revision,
  RevisionEntry,
  Account,
  AccountPatch,
  ApiErrorBody,
  AuditEntry,
  ChangesResponse,
  Done,
  Explanation,
  ExportFormat,
  IndicatorInput,
  IndicatorPatchInput,
  IndicatorSaved,
  MeasurementInput,
  NewAccount,
  NodeInput,
  NodePatchInput,
  ObjectiveSaved,
  Period,
  PeriodMoved,
  PeriodState,
  PlanImported,
  PlanImportPreview,
  PlanSummary,
  SaveAnswer,
  Session,
  SessionRead,
  TreeDocument,
  UploadLimits,
} from './types.js';
import { IDEMPOTENCY_HEADER, takesIdempotencyKey } from '../../../src/contract/idempotency.js';
import { forgetEarly, takeEarly } from './early.js';
import { words } from './i18n.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: ApiErrorBody | null,
    /** The language the server said it in (its `Content-Language`), null when not known: ui/server-words.ts says it again in another. */
    readonly said: 'it' | 'en' | null = null,
    /** No answer of the server's (unreachable, a proxy's page): the client's own words, by key, said again in another language by `noAnswerWords`. */
    readonly noAnswer: NoAnswer | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * A call the server gave no answer of ours to: the key of the client's words for it (./i18n.ts), the
 * HTTP status (0: none) and, for one it did not answer in time, how many seconds it was given.
 */
export interface NoAnswer {
  readonly key: 'unreachable' | 'noReply' | 'unreadable' | 'timeout' | 'timeoutWrite';
  readonly status: number;
  readonly seconds?: number;
}

/** The client's words for `failure` in `lang`. */
export function noAnswerWords(failure: NoAnswer, lang: 'it' | 'en'): string {
  return words[lang].api[failure.key].replace('{{status}}', String(failure.status)).replace('{{seconds}}', String(failure.seconds ?? 0));
}

/**
 * How long a call waits for the server's whole answer before it is given up and said so: without a
 * limit a request the server never answered (a proxy holding the connection, a server stuck) left
 * its screen waiting, the spinner turning and the button disabled, for ever.
 *
 * - `short`, 30 s: a read or a JSON save, which the server answers in well under a second; its
 *   database waits half a second for a lock before it says it is busy (503), so even a loaded
 *   server has answered long before this.
 * - `long`, 5 min: an upload (a plan's workbook, an attachment: up to 20 MB, several minutes on a
 *   slow line, then parsed) and the start of an export (the plan evaluated whole before the job
 *   is queued). The export's file itself is a plain link the browser downloads on its own.
 */
export type Wait = 'short' | 'long';

const WAIT_SECONDS: Record<Wait, number> = { short: 30, long: 300 };

/**
 * The seconds a call of `wait` is given. A page may set `window.alberoRequestTimeoutSeconds` (a
 * whole number) to give every call that long instead: the browser tests do, to see a call time out
 * without waiting half a minute.
 */
function waitSeconds(wait: Wait): number {
  const set = (globalThis as { alberoRequestTimeoutSeconds?: unknown }).alberoRequestTimeoutSeconds;
  return typeof set === 'number' && Number.isInteger(set) && set > 0 ? set : WAIT_SECONDS[wait];
}

/** Thrown by the timer a call races with: told apart from the network's own failures. */
const TIMED_OUT = Symbol('timed out');

/** The client's own refusal for `failure`, said in `lang` and kept by its key, so that a change of language says it again. */
function noAnswer(code: string, failure: NoAnswer, lang: 'it' | 'en', body: ApiErrorBody | null = null): ApiError {
  return new ApiError(failure.status, code, noAnswerWords(failure, lang), body, lang, failure);
}

let csrfToken: string | null = null;

/** Mutating requests carry the session's CSRF token (the server answers 403 `csrf` otherwise). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let uploadLimits: UploadLimits | null = null;

/**
 * The session just opened or read (null: signed out): its CSRF token for the writes, and the limits
 * this server was started with, for the hints that say them (`uploadLimits`). Held before the user
 * is put in the screen's state, so every signed-in screen finds them.
 */
export function holdSession(session: Pick<Session, 'csrfToken' | 'limits'> | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  uploadLimits = session?.limits ?? null;
}

/** The signed-in session's upload limits (null: signed out). */
export function sessionLimits(): UploadLimits | null {
  return uploadLimits;
}

/** Resolves true once the reader has signed in again, false when they gave up. */
export type SessionRenewal = () => Promise<boolean>;

let renewSession: SessionRenewal | null = null;

/**
 * What to do when the session ends under a signed-in screen (it expired, or was closed elsewhere):
 * the server answers 401 `unauthenticated` to a save the reader typed. `renew` asks them to sign in
 * again where they are (the app's dialog), and the call is sent again: what they typed is saved,
 * not lost with the screen. Null while nobody is signed in (the public's 401 is an answer).
 */
export function onSessionExpired(renew: SessionRenewal | null): void {
  renewSession = renew;
}

/**
 * The `Idempotency-Key` of each write whose outcome is not known — given up after its time, sent
 * without an answer, answered by something else than the server (a proxy's page, a 5xx) — by its
 * method and address: the same write sent again, the reader's retry of that action, carries the
 * same key, and the server answers it as it answered the first try instead of making it twice
 * (src/server/idempotency.ts). A write the server answered forgets it: the next is another action.
 */
const unsettled = new Map<string, string>();

/** A random key: `crypto.randomUUID` exists only on secure pages, and a body's intranet may serve the app over plain http. */
function idempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const enc = encodeURIComponent;

/**
 * One call to the API (JSON or FormData in, JSON out; null for a success without a body; ApiError
 * on a refusal or on a success that is not JSON); feature clients build on it. A call refused
 * because the session ended is sent once more after the reader signed in again (`onSessionExpired`).
 */
export function request<T>(method: string, path: string, body?: unknown, wait: Wait = body instanceof FormData ? 'long' : 'short'): Promise<T> {
  return send<T>(method, path, body, wait, true);
}

async function send<T>(method: string, path: string, body: unknown, wait: Wait, mayRenew: boolean): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  const action = `${method} ${path}`;
  const key = takesIdempotencyKey(method, path) ? (unsettled.get(action) ?? idempotencyKey()) : null;
  if (key !== null) headers[IDEMPOTENCY_HEADER] = key;
  // The server says its refusals and issues in the app's language (the page's lang, set by i18n.ts).
  const lang = typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'it';
  if (typeof document !== 'undefined') headers['Accept-Language'] = lang;
  // The first screen's reads may have been started before this script ran (early.ts); a write makes them stale.
  if (method !== 'GET') forgetEarly();
  const early = method === 'GET' && body === undefined ? takeEarly(path, lang) : undefined;
  let res: Response;
  let text: string;
  const seconds = waitSeconds(wait);
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The whole answer, its body read too, within the time; an early read (started without our signal) is raced all the same.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(TIMED_OUT);
    }, seconds * 1000);
  });
  try {
    [res, text] = await Promise.race([
      (async () => {
        const answer = await (early ?? fetch(path, { method, headers, body: payload, credentials: 'same-origin', signal: abort.signal }));
        return [answer, await answer.text()] as const;
      })(),
      late,
    ]);
  } catch (e) {
    // Made or not, nobody knows: sent again, it carries the same key.
    if (key !== null) unsettled.set(action, key);
    // A write given up may have been made all the same (only its answer lost): its words say to look before sending it again.
    if (e === TIMED_OUT) throw noAnswer('timeout', { key: method === 'GET' ? 'timeout' : 'timeoutWrite', status: 0, seconds }, lang);
    // No answer at all (offline, the server down): the browser's own "Failed to fetch" is English.
    throw noAnswer('network', { key: 'unreachable', status: 0 }, lang);
  } finally {
    clearTimeout(timer);
  }
  let json: unknown = null;
  let readable = true;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      readable = false;
    }
  }
  if (key !== null) {
    // The server's own answer below 500 says what became of the write; anything else leaves it unknown.
    const answered = readable && (res.ok || (res.status < 500 && (json as ApiErrorBody | null)?.error !== undefined));
    if (answered) unsettled.delete(action);
    else unsettled.set(action, key);
  }
  if (!res.ok) {
    const err = (json as ApiErrorBody | null)?.error;
    // Signing in (or out, or reading who is signed in) is never what the renewal retries.
    const renew = mayRenew && res.status === 401 && err?.code === 'unauthenticated' && !path.startsWith('/api/session') ? renewSession : null;
    if (renew !== null && (await renew())) return send<T>(method, path, body, wait, false);
    // A reply that is not ours (a proxy's 502 page, an empty 503): said in the page's language, not the browser's statusText.
    if (err === undefined) throw noAnswer(`http-${res.status}`, { key: 'noReply', status: res.status }, lang, (json as ApiErrorBody | null) ?? null);
    const said = res.headers.get('Content-Language');
    throw new ApiError(res.status, err.code, err.message, json as ApiErrorBody, said === 'en' || said === 'it' ? said : lang);
  }
  // A success whose body is not JSON is not ours either (a proxy's page, the app's HTML for a path
  // the server does not route): a fault to say, not a null the screen would take for an answer.
  if (!readable) throw noAnswer('unreadable-reply', { key: 'unreadable', status: res.status }, lang);
  // A success with no body at all (204): null, which only a caller typing T with null should ask for.
  return json as T;
}

export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

export const api = {
  /** The session, or null when no one is signed in (a state, answered 200: the sign-in page logs no refused request). */
  session: () => request<SessionRead>('GET', '/api/session'),
  login: (username: string, password: string) => request<Session>('POST', '/api/session', { username, password }),
  logout: () => request<Done>('DELETE', '/api/session'),

  plans: () => request<PlanSummary[]>('GET', '/api/plans'),
  createPlan: (input: { title: string; year: number; organisation?: string }) => request<PlanSummary>('POST', '/api/plans', input),
  /** `reason` (optional, '' for none): kept on the audit and on the trail of each appraisal form the deletion moves. */
  deletePlan: (planId: PlanSummary['id'], reason = '') => request<PlanSummary>('DELETE', `/api/plans/${enc(String(planId))}${reason === '' ? '' : `?reason=${encodeURIComponent(reason)}`}`),
  /** `editVersion`: the plan's as read; 409 `conflict` when another desk changed it since. */
  updatePlan: (planId: PlanSummary['id'], patch: { published?: boolean; title?: string; organisation?: string; editVersion?: number }) =>
    request<PlanSummary>('PATCH', `/api/plans/${enc(String(planId))}`, patch),
  /** A dry run answers the preview (nothing stored), the import the plan made; both with the warnings. */
  importPlan: (file: File, options: { title?: string; year?: number; organisation?: string; dryRun: boolean }) => {
    const form = new FormData();
    form.set('file', file, file.name);
    if (options.organisation) form.set('organisation', options.organisation);
    if (options.title) form.set('title', options.title);
    if (options.year !== undefined) form.set('year', String(options.year));
    return request<PlanImportPreview | PlanImported>('POST', `/api/plans/import${query({ dryRun: options.dryRun ? 'true' : undefined })}`, form);
  },

  /**
   * The tree of `period` (null: the server's default), its words in `lang` (the screen's): the
   * reasons the program wrote, the issues, the amount texts. early.ts writes the same path.
   */
  tree: (planId: PlanSummary['id'], period: string | null, lang: 'it' | 'en') => request<TreeDocument>('GET', `/api/plans/${enc(String(planId))}/tree${query({ period, lang })}`),
  /** The sentences come in `lang` (the app's current language). */
  explanation: (planId: PlanSummary['id'], code: string, period?: string | null, lang?: 'it' | 'en') =>
    request<Explanation>('GET', `/api/plans/${enc(String(planId))}/nodes/${enc(code)}/explanation${query({ period, lang })}`),
  periods: (planId: PlanSummary['id']) => request<Period[]>('GET', `/api/plans/${enc(String(planId))}/periods`),
  /** A period at another date (`YYYY-MM-DD`, in the plan's year); 409 `duplicate` when the date is taken. */
  addPeriod: (planId: PlanSummary['id'], input: { endsOn: string; label?: string }) => request<Period>('POST', `/api/plans/${enc(String(planId))}/periods`, input),
  /** A period's label; `version`: the period's as read, 409 `conflict` when another desk changed it since. */
  renamePeriod: (planId: PlanSummary['id'], periodId: string, label: string, version: number) =>
    request<Period>('PATCH', `/api/plans/${enc(String(planId))}/periods/${enc(periodId)}`, { label, version }),
  /** Only an open period without values: 409 `period-in-use` (details.reason) otherwise. */
  deletePeriod: (planId: PlanSummary['id'], periodId: string) => request<Period>('DELETE', `/api/plans/${enc(String(planId))}/periods/${enc(periodId)}`),
  /**
   * `version`: the period's as read; 409 `conflict` when another desk changed the period since (moved, renamed, its deadline set).
   * `acknowledgeUnreviewed`: a closing made knowingly with the values still to review the closing dialog listed, by their number; 409
   * `unreviewed-values` when there are more (come in since the list was read), or any without it.
   */
  transition: (planId: PlanSummary['id'], periodId: string, to: PeriodState, reason?: string, version?: number, acknowledgeUnreviewed?: number) =>
    request<PeriodMoved>('POST', `/api/plans/${enc(String(planId))}/periods/${enc(periodId)}/transition`, {
      to,
      reason,
      ...(version === undefined ? {} : { version }),
      ...(acknowledgeUnreviewed === undefined ? {} : { acknowledgeUnreviewed }),
    }),
  /** `lang`: the answer's changes in the language of the tree they are applied to (the screen's). */
  saveMeasurement: (planId: PlanSummary['id'], indicatorId: string, periodId: string, input: MeasurementInput, lang: 'it' | 'en') =>
    request<SaveAnswer>('PUT', `/api/plans/${enc(String(planId))}/indicators/${enc(indicatorId)}/measurements/${enc(periodId)}${query({ lang })}`, input),
  /** What changed from the earlier version to this plan's `period`: 404 `not-found` with `againstClosing` when the period was never closed. */
  changes: (planId: PlanSummary['id'], params: { period?: string | null; againstClosing?: boolean; againstPeriod?: string; against?: PlanSummary['id'] }) =>
    request<ChangesResponse>(
      'GET',
      `/api/plans/${enc(String(planId))}/changes${query({ period: params.period, againstClosing: params.againstClosing === true ? 'true' : undefined, againstPeriod: params.againstPeriod, against: params.against === undefined ? undefined : String(params.against) })}`,
    ),
  audit: (params: { planId?: PlanSummary['id']; node?: string; indicator?: string; limit?: number }) =>
    request<AuditEntry[]>(
      'GET',
      `/api/audit${query({ planId: params.planId === undefined ? undefined : String(params.planId), node: params.node, indicator: params.indicator, limit: params.limit })}`,
    ),

  users: () => request<Account[]>('GET', '/api/users'),
  createUser: (input: NewAccount) => request<Account>('POST', '/api/users', input),
  updateUser: (id: Account['id'], patch: AccountPatch) => request<Account>('PATCH', `/api/users/${enc(String(id))}`, patch),

  addNode: (planId: PlanSummary['id'], input: NodeInput) => request<ObjectiveSaved>('POST', `/api/plans/${enc(String(planId))}/nodes`, input),
  updateNode: (planId: PlanSummary['id'], code: string, patch: NodePatchInput) => request<ObjectiveSaved>('PATCH', `/api/plans/${enc(String(planId))}/nodes/${enc(code)}`, patch),
  /** Without `removeValues`, 409 `values-to-remove` when open periods hold its values (details: `ValuesToRemove`); nothing is deleted then. */
  deleteNode: (planId: PlanSummary['id'], code: string, removeValues = false) =>
    request<Done>('DELETE', `/api/plans/${enc(String(planId))}/nodes/${enc(code)}${removeValues ? '?removeValues=true' : ''}`),
  addIndicator: (planId: PlanSummary['id'], code: string, input: IndicatorInput) => request<IndicatorSaved>('POST', `/api/plans/${enc(String(planId))}/nodes/${enc(code)}/indicators`, input),
  updateIndicator: (planId: PlanSummary['id'], indicatorId: string, patch: IndicatorPatchInput) =>
    request<IndicatorSaved>('PATCH', `/api/plans/${enc(String(planId))}/indicators/${enc(indicatorId)}`, patch),
  /** As `deleteNode`. */
  deleteIndicator: (planId: PlanSummary['id'], indicatorId: string, removeValues = false) =>
    request<Done>('DELETE', `/api/plans/${enc(String(planId))}/indicators/${enc(indicatorId)}${removeValues ? '?removeValues=true' : ''}`),

  /** `archived`: false (default) plans in use, true archived ones only. */
  plansArchived: () => request<PlanSummary[]>('GET', '/api/plans?archived=true'),
  plan: (planId: PlanSummary['id']) => request<PlanSummary>('GET', `/api/plans/${enc(String(planId))}`),
  adoptPlan: (planId: PlanSummary['id'], act: Act) => request<PlanSummary>('POST', `/api/plans/${enc(String(planId))}/adopt`, { act }),
  archivePlan: (planId: PlanSummary['id'], archived: boolean) => request<PlanSummary>('POST', `/api/plans/${enc(String(planId))}/${archived ? 'archive' : 'unarchive'}`),
  revisions: (planId: PlanSummary['id']) => request<RevisionEntry[]>('GET', `/api/plans/${enc(String(planId))}/revisions`),
  /** 422 `revision-reason-required` without a reason; 409 `revision-open` when one is open. */
  openRevision: (planId: PlanSummary['id'], input: { reason: string; kind?: Revision['kind']; date?: string; act?: Act | null }) =>
    request<Revision>('POST', `/api/plans/${enc(String(planId))}/revisions`, input),
  /** `version`: the revision's as read; 409 `conflict` when another desk corrected it since. */
  approveRevision: (planId: PlanSummary['id'], number: number, act: Act | null, version?: number) =>
    request<Revision>('POST', `/api/plans/${enc(String(planId))}/revisions/${number}/approve`, { act, ...(version === undefined ? {} : { version }) }),
  /** `version`: the revision's as read; 409 `conflict` when another desk changed it since. */
  updateRevision: (planId: PlanSummary['id'], number: number, patch: { reason?: string; date?: string; act?: Act | null; version?: number }) =>
    request<Revision>('PATCH', `/api/plans/${enc(String(planId))}/revisions/${number}`, patch),
  /** `version`: the revision's as read; 409 `conflict` when another desk corrected it since. */
  /** Kept in the register as discarded, with `reason` when one is given (blank: none). */
  discardRevision: (planId: PlanSummary['id'], number: number, version?: number, reason?: string) => {
    const query = new URLSearchParams();
    if (version !== undefined) query.set('version', String(version));
    if (reason !== undefined && reason.trim() !== '') query.set('reason', reason.trim());
    const asked = query.toString();
    return request<Revision>('DELETE', `/api/plans/${enc(String(planId))}/revisions/${number}${asked === '' ? '' : `?${asked}`}`);
  },

  /** A plain link: the browser downloads with the session cookie. */
  /** `lang`: the file's own words (headings, bands, states), in the screen's language. */
  exportUrl: (planId: PlanSummary['id'], format: ExportFormat, period: string | null | undefined, lang: 'it' | 'en') => `/api/plans/${enc(String(planId))}/export${query({ format, period, lang })}`,
};
