/**
 * Sign-in through the body's identity provider with OpenID Connect (authorization code + PKCE,
 * openid-client), beside local passwords. The provider says who the person is; Albero decides what
 * they may do: the account must exist and be active (created by the administrator, who gives the
 * role), matched by the provider's `preferred_username` to the username, else by its verified
 * `email` to the account's email, and recorded as signing in through the provider (`signIn`).
 * Configured from the environment (oidc-settings.ts `oidcFromEnv`); without it the routes answer 404
 * `oidc-not-configured` and the login page shows no button.
 *
 * A renewal: when a session expires under a screen, the app's dialog opens `/start?renew=<username>
 * &renewal=<id>` in a popup window, so that the page (and what was typed in it) stays where it is.
 * The callback then opens a session only for that same account, and instead of sending the window
 * to the app it answers a small page that tells the outcome on a BroadcastChannel (which reaches
 * pages of this origin only) and closes itself; the dialog then reads the session's new CSRF token.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as client from 'openid-client';
import { createHash } from 'node:crypto';
import { OIDC_RENEWAL_CHANNEL, OidcOfferSchema, type OidcProblem, type OidcRenewalOutcome } from '../../contract/index.js';
import { escapeHtml } from '../../io/report/html.js';
import { renderMessage, type Language } from '../../messages/index.js';
import type { UserRecord } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { newToken, SESSION_COOKIE, SESSION_HOURS, sessionId } from '../auth.js';
import { refuse } from '../errors.js';
import { replyLanguage } from '../language.js';
import { LoginGuard } from '../login-guard.js';
import { setDeviceCookie } from './session.js';

const FLOW_COOKIE = 'albero_oidc';
const CALLBACK = '/api/session/oidc/callback';

/** What the flow cookie keeps between `/start` and the callback. */
interface Flow {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  /** A renewal in a popup window: the account whose session expired, the page's id for it, the page's language. */
  readonly renewal?: { readonly id: string; readonly account: string; readonly lang: Language };
}

/** The id a page gives its renewal (it tells which page an outcome is for): random, URL-safe. */
const RENEWAL_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The renewal window's only script, allowed by its hash alone: it posts the outcome written in the
 * page's body on the same-origin channel, then closes the window (a script-opened window may).
 */
const RENEWAL_SCRIPT = `const d = document.body.dataset; new BroadcastChannel(${JSON.stringify(OIDC_RENEWAL_CHANNEL)}).postMessage({ renewal: d.renewal, outcome: d.outcome }); setTimeout(() => window.close(), 100);`;
const RENEWAL_POLICY = [
  "default-src 'none'",
  `script-src 'sha256-${createHash('sha256').update(RENEWAL_SCRIPT).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The account an identity belongs to: username = preferred_username, else email = a verified email; active only. */
export function matchAccount(users: readonly UserRecord[], claims: { preferred_username?: unknown; email?: unknown; email_verified?: unknown }): UserRecord | undefined {
  const active = users.filter((u) => u.active);
  const name = typeof claims.preferred_username === 'string' ? claims.preferred_username.trim().toLowerCase() : '';
  if (name !== '') {
    const byName = active.find((u) => u.username.toLowerCase() === name);
    if (byName !== undefined) return byName;
  }
  // An email the provider has not verified proves nothing about who holds it.
  const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email.trim().toLowerCase() : '';
  if (email === '') return undefined;
  return active.find((u) => (u.email ?? '').toLowerCase() === email);
}

export const oidcRoutes: RouteModule = (api, deps) => {
  const settings = deps.oidc ?? null;
  const guard = new LoginGuard(deps.store);
  let configuration: Promise<client.Configuration> | null = null;
  // Discovered once; a failed discovery (the provider down) is tried again at the next sign-in.
  const configured = (): Promise<client.Configuration> => {
    if (settings === null) throw refuse(404, 'oidc-not-configured', {});
    configuration ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      });
    return configuration;
  };
  const redirectUri = (c: Context): string => settings?.redirectUri ?? new URL(CALLBACK, c.req.url).toString();
  /** Where a sign-in ends: the app (`?oidc=<problem>` when refused), or for a renewal the page that tells its window's opener. */
  const finish = (c: Context, renewal: Flow['renewal'], outcome: 'signed-in' | OidcProblem): Response => {
    if (renewal !== undefined) return renewalPage(c, { renewal: renewal.id, outcome }, renewal.lang);
    return c.redirect(outcome === 'signed-in' ? '/' : `/?oidc=${encodeURIComponent(outcome)}`, 302);
  };

  api.route(
    {
      method: 'get',
      path: '/api/session/oidc',
      tag: 'session',
      summary: "Whether sign-in through the body's identity provider is offered, and the button's label",
      roles: 'everyone',
      responses: { 200: { description: '{enabled, label}', schema: OidcOfferSchema } },
    },
    async (_c, { reply }) => reply(200, { enabled: settings !== null, label: settings?.label ?? null }),
  );

  api.route(
    {
      method: 'get',
      path: '/api/session/oidc/start',
      tag: 'session',
      summary:
        'Start signing in at the identity provider (302 there; state, nonce and PKCE verifier kept in a short-lived HttpOnly cookie). With `renew` and `renewal`: the renewal of an expired session, in a popup window, for that account only',
      roles: 'everyone',
      query: {
        renew: 'the username whose expired session is renewed (the callback opens a session for that account only)',
        renewal: "the page's id for the renewal (8 to 64 letters, digits, - or _), sent back with the outcome",
      },
      responses: { 302: 'to the provider', 400: 'renew without renewal, or the other way round, or either malformed', 404: 'oidc-not-configured', 502: 'the provider cannot be reached' },
    },
    async (c) => {
      const renewal = renewalOf(c);
      let config: client.Configuration;
      try {
        config = await configured();
      } catch (error) {
        if (error instanceof Error && error.name === 'HttpError') throw error;
        return finish(c, renewal, 'provider-unreachable');
      }
      const verifier = client.randomPKCECodeVerifier();
      const state = stateFor(renewal);
      const nonce = client.randomNonce();
      const flow: Flow = { verifier, state, nonce, ...(renewal === undefined ? {} : { renewal }) };
      // Lax: the provider's redirect back is a top-level navigation from another site.
      setCookie(c, FLOW_COOKIE, JSON.stringify(flow), { httpOnly: true, sameSite: 'Lax', path: '/api/session/oidc', secure: deps.secureCookies, maxAge: 600 });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(c),
        scope: settings?.scope ?? 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return c.redirect(url.toString(), 302);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/session/oidc/callback',
      tag: 'session',
      summary:
        "The identity provider's answer: the code exchanged, the person matched to an active account (username, else verified email) that signs in through the provider (else `password-account`, audited), a session opened; 302 to the app (with ?oidc=<problem> when refused). For a renewal: a page that tells the outcome to the app's pages and closes its window",
      roles: 'everyone',
      access: 'everyone (the flow started by /start)',
      responses: { 200: 'a renewal: the page telling its outcome', 302: 'to the app, signed in or with the problem', 404: 'oidc-not-configured' },
    },
    async (c) => {
      const flow = flowOf(getCookie(c, FLOW_COOKIE));
      const config = await configured().catch((error: unknown) => {
        if (error instanceof Error && error.name === 'HttpError') throw error;
        return null;
      });
      // Used once, whatever comes of it (not configured: the 404 above, which sets nothing).
      deleteCookie(c, FLOW_COOKIE, { path: '/api/session/oidc' });
      // The flow cookie gone (its ten minutes passed at the provider): a renewal is still told, from the state the provider sent back.
      const renewal = flow?.renewal ?? renewalInState(c.req.query('state'));
      if (config === null) return finish(c, renewal, 'provider-unreachable');
      if (flow === undefined) return finish(c, renewal, 'expired');
      // The person stopped at the provider (its "cancel"): said as such, for this flow only.
      if (c.req.query('error') === 'access_denied' && c.req.query('state') === flow.state) return finish(c, flow.renewal, 'cancelled');
      let claims: Record<string, unknown> | undefined;
      try {
        const current = new URL(c.req.url);
        const callback = new URL(redirectUri(c));
        // The address the provider redirected to, as registered (a proxy may have changed host or scheme).
        current.protocol = callback.protocol;
        current.host = callback.host;
        const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
        const id = tokens.claims();
        if (id !== undefined) {
          claims = { ...id };
          // Many providers keep the profile and email out of the ID token: ask the userinfo endpoint.
          if (claims.preferred_username === undefined && claims.email === undefined) claims = { ...claims, ...(await client.fetchUserInfo(config, tokens.access_token, id.sub)) };
        }
      } catch {
        return finish(c, flow.renewal, 'failed');
      }
      if (claims === undefined) return finish(c, flow.renewal, 'failed');
      const user = matchAccount(await deps.store.listUsers(), claims);
      if (user === undefined) return finish(c, flow.renewal, 'unknown-user');
      // A renewal resends what the expired account was saving: it may not go out under someone else's name.
      if (flow.renewal !== undefined && user.username.toLowerCase() !== flow.renewal.account.toLowerCase()) return finish(c, flow.renewal, 'other-account');
      // The account's recorded way is the only way in: a password account reached through the
      // provider (never switched by the administrator, or switched back) is refused, and the
      // refusal kept in the trail, so that an identity at the provider never stands in for a password.
      if (user.signIn !== 'provider') {
        await deps.store.recordRefusedSignIn(user);
        return finish(c, flow.renewal, 'password-account');
      }
      const token = newToken();
      const expires = new Date(Date.now() + SESSION_HOURS * 3600_000);
      await deps.store.createSession(sessionId(token), user.id, newToken(), expires.toISOString());
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: deps.secureCookies, expires });
      // The browser is trusted for the account as a password sign-in trusts it: others' failures do
      // not lock it out, and the password form may tell it that this account signs in here (session.ts).
      const device = newToken();
      await guard.trust(user.username, device);
      setDeviceCookie(c, device, deps.secureCookies);
      return finish(c, flow.renewal, 'signed-in');
    },
  );
};

/** The renewal `/start` was asked for (`renew` and `renewal` together), or none; 400 when half given or malformed. */
function renewalOf(c: Context): Flow['renewal'] {
  const account = c.req.query('renew');
  const id = c.req.query('renewal');
  if (account === undefined && id === undefined) return undefined;
  if (account === undefined || account.trim() === '' || account.length > 100) throw refuse(400, 'invalid-query', { field: 'renew', problem: 'required' });
  if (id === undefined || !RENEWAL_ID.test(id)) throw refuse(400, 'invalid-query', { field: 'renewal', detail: '8–64 A-Z a-z 0-9 - _' });
  return { id, account: account.trim(), lang: replyLanguage(c) };
}

/**
 * The `state` sent to the provider, which it sends back whatever happens: random, and for a renewal
 * also its id and language, so that a renewal whose flow cookie expired while the person was at the
 * provider still gets its window's page telling the page that opened it (rather than the app opened
 * in the window, the dialog waiting and then saying only that the window was closed). They are no
 * secret: the id only picks which page of this origin hears the outcome, and the random part stays
 * what the callback checks.
 */
function stateFor(renewal: Flow['renewal']): string {
  const random = client.randomState();
  return renewal === undefined ? random : `${random}.${renewal.id}.${renewal.lang}`;
}

/** The renewal named in a callback's `state` (see `stateFor`), for answering it without its flow cookie. */
function renewalInState(state: string | undefined): Flow['renewal'] {
  const found = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]{8,64})\.(it|en)$/.exec(state ?? '');
  // The account is not known without the cookie, and not needed: no session is opened from here.
  return found === null ? undefined : { id: found[1]!, account: '', lang: found[2] as Language };
}

/** The flow cookie as `/start` wrote it, or undefined (missing, expired, or not ours). */
function flowOf(raw: string | undefined): Flow | undefined {
  try {
    const flow = JSON.parse(raw ?? '') as Partial<Flow> | null;
    if (typeof flow?.verifier !== 'string' || typeof flow.state !== 'string' || typeof flow.nonce !== 'string') return undefined;
    const renewal = flow.renewal;
    // The cookie is the browser's to change: a renewal not as /start wrote it is no flow at all.
    if (renewal !== undefined && !(typeof renewal.id === 'string' && RENEWAL_ID.test(renewal.id) && typeof renewal.account === 'string' && (renewal.lang === 'it' || renewal.lang === 'en')))
      return undefined;
    return flow as Flow;
  } catch {
    return undefined;
  }
}

/** The renewal window's page: the outcome in its language, and the script that tells it to the app's pages. */
function renewalPage(c: Context, answer: OidcRenewalOutcome, lang: Language): Response {
  const words = renderMessage(answer.outcome === 'signed-in' ? 'oidc-renewal-signed-in' : 'oidc-renewal-problem', {}, lang);
  c.header('Content-Security-Policy', RENEWAL_POLICY);
  c.header('Cache-Control', 'no-store');
  return c.html(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Albero</title></head>` +
      `<body data-renewal="${escapeHtml(answer.renewal)}" data-outcome="${escapeHtml(answer.outcome)}"><p>${escapeHtml(words)}</p><script>${RENEWAL_SCRIPT}</script></body></html>`,
  );
}
