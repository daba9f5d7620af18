/**
 * The composition root: a Hono app built around a `Store`. It knows the order of the middleware
 * (body limits, session + CSRF) and the list of route modules; each module knows its own domain.
 *
 * To plug in a routes module (e.g. `routes/exports.ts`), export a `RouteModule` from it and add it
 * to `ROUTE_MODULES` below: it receives the `Api` (route + OpenAPI registration) and the `Deps`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Store } from '../store/index.js';
import { Api, type AppEnv, type Deps, type OidcSettings, type RouteModule, type ServerLimits } from './api.js';
import { SessionCache, sessionMiddleware } from './auth.js';
import { CampaignCache } from './campaign.js';
import { errorResponse, refuse } from './errors.js';
import { ATTACHMENT_UPLOAD_PATH, attachmentRoutes, fileTooLarge, MULTIPART_SLACK } from './routes/attachments.js';
import { securityHeaders } from './security.js';
import { pageEncoded, pageIn, savedLanguage } from './web-page.js';
import { plainText, replyLanguage } from './validation.js';
import { AccountNames, withAuthorNamed } from './actor-names.js';
import { auditRoutes } from './routes/audit.js';
import { commentRoutes } from './routes/comments.js';
import { oidcRoutes } from './routes/oidc.js';
import { varianceRoutes } from './routes/variances.js';
import { changeRoutes } from './routes/changes.js';
import { yearRoutes } from './routes/years.js';
import { exportRoutes } from './routes/exports.js';
import { measurementRoutes } from './routes/measurements.js';
import { metaRoutes } from './routes/meta.js';
import { periodRoutes } from './routes/periods.js';
import { relazioneRoutes } from './routes/relazione.js';
import { transparencyRoutes } from './routes/transparency.js';
import { planRoutes } from './routes/plans.js';
import { revisionRoutes } from './routes/revisions.js';
import { sessionRoutes } from './routes/session.js';
import { treeRoutes } from './routes/tree.js';
import { userRoutes } from './routes/users.js';
import { appraisalRoutes } from './routes/appraisals.js';
import { rewardRoutes } from './routes/rewards.js';
import { smvpRoutes } from './routes/smvp.js';
import { TreeService } from './tree.js';
import { OffThread, type OffThreadOptions } from './off-thread/pool.js';
import { passwordChangeGate } from './password-gate.js';
import { unitRoutes } from './routes/units.js';
import { campaignRoutes } from './routes/campaign.js';
import { reminderRoutes } from './routes/reminders.js';
import { ReminderService, type ReminderOptions } from './reminders.js';
import { ExportJobs } from './exports/jobs.js';

/** Every routes module, in registration order (more specific paths before catch-alls). */
export const ROUTE_MODULES: RouteModule[] = [
  metaRoutes,
  sessionRoutes,
  planRoutes,
  treeRoutes,
  measurementRoutes,
  periodRoutes,
  auditRoutes,
  userRoutes,
  exportRoutes,
  changeRoutes,
  revisionRoutes,
  yearRoutes,
  attachmentRoutes,
  relazioneRoutes,
  commentRoutes,
  varianceRoutes,
  unitRoutes,
  campaignRoutes,
  reminderRoutes,
  smvpRoutes,
  appraisalRoutes,
  rewardRoutes,
  oidcRoutes,
  transparencyRoutes,
];

export interface AppOptions {
  readonly limits?: Partial<ServerLimits>;
  /** The built web app (`web/dist`); served at `/` with an SPA fallback when it exists. */
  readonly webRoot?: string;
  readonly secureCookies?: boolean;
  /** Sign-in through an OpenID Connect provider beside local passwords. */
  readonly oidc?: OidcSettings | null;
  /** Behind a reverse proxy: believe its X-Forwarded-Proto and X-Forwarded-For. */
  readonly trustProxy?: boolean;
  /** Deadline reminders: the mail server, the calendar, the timer (off unless `everyMinutes` is given). */
  readonly reminders?: ReminderOptions;
  /** Worker threads for big imports and evaluations (tests lower the thresholds to send small inputs through them). */
  readonly offThread?: OffThreadOptions;
  /** The export jobs (default: drawn on worker threads, failures logged to standard error; tests give ones whose worker fails). */
  readonly exports?: ExportJobs;
  /** Extra route modules (tests, or a deployment's additions). */
  readonly modules?: readonly RouteModule[];
}

export const DEFAULT_LIMITS: ServerLimits = { jsonBytes: 1024 * 1024, uploadBytes: 10 * 1024 * 1024, attachmentBytes: 20 * 1024 * 1024 };

export function createApp(store: Store, options: AppOptions = {}): { app: Hono<AppEnv>; api: Api; deps: Deps } {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const offThread = new OffThread(options.offThread);
  const deps: Deps = {
    store,
    offThread,
    trees: new TreeService(store, 32, offThread),
    names: new AccountNames(store),
    campaigns: new CampaignCache(store, options.reminders?.today),
    sessions: new SessionCache(store),
    limits,
    secureCookies: options.secureCookies ?? false,
    trustProxy: options.trustProxy ?? false,
    oidc: options.oidc ?? null,
    reminders: new ReminderService(store, options.reminders),
    exports: options.exports ?? new ExportJobs(),
  };
  const app = new Hono<AppEnv>();
  // A stale save's refusal names who saved meanwhile by name, not by login (actor-names.ts).
  app.onError(async (error, c) => errorResponse(c, await withAuthorNamed(error, deps.names, replyLanguage(c))));
  // nosniff, frame and referrer policies for the API and the web app alike; the content-security
  // and permissions policies, HSTS over HTTPS and no-store for signed-in API answers (security.ts).
  // The opener policy still cuts any other site's window off from Albero's, but lets a window the app
  // opens itself (the provider's sign-in renewing a session: routes/oidc.ts) stay known to it, so the
  // page can tell when that window was closed before signing in.
  app.use('*', secureHeaders({ strictTransportSecurity: false, crossOriginOpenerPolicy: 'same-origin-allow-popups' }));
  app.use('*', securityHeaders(deps));

  const tooLarge = (max: number) => () => {
    throw refuse(413, 'too-large', { limitKiB: Math.round(max / 1024) }, { details: { limit: max } });
  };
  const jsonLimit = bodyLimit({ maxSize: limits.jsonBytes, onError: tooLarge(limits.jsonBytes) });
  // Evidence files have their own cap, said in the user's language (the envelope around the file is allowed for).
  const attachmentLimit = bodyLimit({
    maxSize: limits.attachmentBytes + MULTIPART_SLACK,
    onError: () => {
      throw fileTooLarge(limits.attachmentBytes);
    },
  });
  app.use('/api/*', async (c, next) => {
    // Reads have no body to limit; asking a GET for its body would build a whole web Request for nothing.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (c.req.method === 'POST' && ATTACHMENT_UPLOAD_PATH.test(c.req.path)) {
      const declared = Number(c.req.header('content-length') ?? Number.NaN);
      if (declared > limits.attachmentBytes + MULTIPART_SLACK) {
        if (declared <= 256 * 1024 * 1024) await discard(c.req.raw.body);
        throw fileTooLarge(limits.attachmentBytes);
      }
      return attachmentLimit(c, next);
    }
    const isUpload = c.req.path === '/api/plans/import';
    const max = isUpload ? limits.uploadBytes : limits.jsonBytes;
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    if (declared > max) {
      // Read the rest (up to a sane bound) before answering: a client still sending would
      // otherwise see its connection reset instead of the 413.
      if (declared <= 64 * 1024 * 1024) await discard(c.req.raw.body);
      tooLarge(max)();
    }
    if (!isUpload) return jsonLimit(c, next);
    // An import sent without a length (chunked, as browsers and fetch send FormData) is read
    // here to its end even past the limit (up to a sane bound), so the client hears the 413
    // instead of a reset connection while it is still sending.
    const received = await readAll(c.req.raw.body, max, 256 * 1024 * 1024);
    if (received === null) return tooLarge(max)();
    c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers: c.req.raw.headers, body: received });
    return next();
  });
  // Query values with control characters are refused here, once for every route (bodies: validation.body).
  app.use('/api/*', async (c, next) => {
    if (c.req.url.includes('?')) plainText(Object.fromEntries(Object.entries(c.req.queries()).map(([name, values]) => [name, values.join('')])));
    return next();
  });
  app.use('/api/*', sessionMiddleware(deps.sessions));
  app.use('/api/*', passwordChangeGate());

  const api = new Api(app, store.idempotency);
  for (const register of [...ROUTE_MODULES, ...(options.modules ?? [])]) register(api, deps);

  app.all('/api/*', (c) => {
    const known = api.specs.filter((s) => matches(s.path, c.req.path));
    if (known.length > 0) throw refuse(405, 'method-not-allowed', { method: c.req.method, allowed: known.map((s) => s.method.toUpperCase()) });
    throw refuse(404, 'not-found', { what: 'route', method: c.req.method, path: c.req.path.slice(0, 200) });
  });

  const webRoot = options.webRoot === undefined ? undefined : resolve(options.webRoot);
  if (webRoot !== undefined && existsSync(join(webRoot, 'index.html'))) {
    // Read on each request: a rebuilt app (new asset names) is served without a restart. Said in
    // the reader's saved language (web-page.ts), and compressed there once filled: the build
    // writes no compressed copy of it.
    const page = (c: Context<AppEnv>): Response => {
      c.header('Cache-Control', 'no-cache');
      c.header('Vary', 'Cookie', { append: true });
      c.header('Vary', 'Accept-Encoding', { append: true });
      const sent = pageEncoded(pageIn(readFileSync(join(webRoot, 'index.html'), 'utf8'), savedLanguage(c)), c.req.header('accept-encoding'));
      if (sent.encoding === null) return c.html(sent.body);
      c.header('Content-Encoding', sent.encoding);
      return c.body(new Uint8Array(sent.body), 200, { 'Content-Type': 'text/html; charset=UTF-8' });
    };
    app.get('/', page);
    app.get('/index.html', page);
    // Vite names every asset by its content's hash, so an asset never changes under its name: the
    // browser keeps it for a year without asking. index.html names the current assets and is
    // revalidated on every load. The build writes .br and .gz beside each text asset but index.html.
    app.use(
      '/*',
      serveStatic({
        root: webRoot,
        precompressed: true,
        onFound: (path, c) => {
          c.header('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      }),
    );
    // The SPA decides what a path means: any other page is index.html.
    app.get('*', page);
  } else {
    app.get('/', (c) => c.text('Albero API: see /api/openapi.json (the web app is not built: npm run build:web)'));
  }
  return { app, api, deps };
}

/** Files under assets/ carry their content's hash in their name (Vite's `[name]-[hash].ext`). */
const HASHED_ASSET = /(^|[\\/])assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}(\.[a-z0-9]+)+$/;

/** The whole body, or null once it passes `max` (the rest then read and dropped, up to `bound`). */
async function readAll(body: ReadableStream<Uint8Array> | null, max: number, bound: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size <= max) chunks.push(value);
      else if (size > bound) {
        await reader.cancel();
        break;
      }
    }
  } catch {
    // The client went away: whatever it sent is all there is.
  }
  if (size > max) return null;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

async function discard(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (body === null) return;
  const reader = body.getReader();
  try {
    while (!(await reader.read()).done);
  } catch {
    // The client went away: nothing to answer anyway.
  }
}

function matches(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`);
  return re.test(path);
}
