/**
 * Sign-in through the body's identity provider with OpenID Connect (authorization code + PKCE,
 * openid-client), beside local passwords. The provider says who the person is; Albero decides what
 * they may do: the account must exist and be active (created by the administrator, who gives the
 * role), matched by the provider's `preferred_username` to the username, else by its verified
 * `email` to the account's email. Configured from the environment (see `oidcFromEnv`); without it
 * the routes answer 404 `oidc-not-configured` and the login page shows no button.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as client from 'openid-client';
import { OidcOfferSchema } from '../../contract/index.js';
import type { UserRecord } from '../../store/index.js';
import type { OidcSettings, RouteModule } from '../api.js';
import { newToken, SESSION_COOKIE, SESSION_HOURS, sessionId } from '../auth.js';
import { refuse } from '../errors.js';

const FLOW_COOKIE = 'albero_oidc';
const CALLBACK = '/api/session/oidc/callback';

/** The settings from ALBERO_OIDC_* (null when ALBERO_OIDC_ISSUER or ALBERO_OIDC_CLIENT_ID is missing). */
export function oidcFromEnv(env: Readonly<Record<string, string | undefined>>): OidcSettings | null {
  const issuer = env.ALBERO_OIDC_ISSUER?.trim();
  const clientId = env.ALBERO_OIDC_CLIENT_ID?.trim();
  if (!issuer || !clientId) return null;
  return {
    issuer,
    clientId,
    ...(env.ALBERO_OIDC_CLIENT_SECRET ? { clientSecret: env.ALBERO_OIDC_CLIENT_SECRET } : {}),
    ...(env.ALBERO_OIDC_REDIRECT_URI ? { redirectUri: env.ALBERO_OIDC_REDIRECT_URI } : {}),
    ...(env.ALBERO_OIDC_LABEL ? { label: env.ALBERO_OIDC_LABEL } : {}),
    ...(env.ALBERO_OIDC_SCOPE ? { scope: env.ALBERO_OIDC_SCOPE } : {}),
    allowHttp: env.ALBERO_OIDC_ALLOW_HTTP === '1',
  };
}

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
  const back = (c: Context, problem: string): Response => c.redirect(`/?oidc=${encodeURIComponent(problem)}`, 302);

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
      summary: 'Start signing in at the identity provider (302 there; state, nonce and PKCE verifier kept in a short-lived HttpOnly cookie)',
      roles: 'everyone',
      responses: { 302: 'to the provider', 404: 'oidc-not-configured', 502: 'the provider cannot be reached' },
    },
    async (c) => {
      let config: client.Configuration;
      try {
        config = await configured();
      } catch (error) {
        if (error instanceof Error && error.name === 'HttpError') throw error;
        return back(c, 'provider-unreachable');
      }
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      // Lax: the provider's redirect back is a top-level navigation from another site.
      setCookie(c, FLOW_COOKIE, JSON.stringify({ verifier, state, nonce }), { httpOnly: true, sameSite: 'Lax', path: '/api/session/oidc', secure: deps.secureCookies, maxAge: 600 });
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
        "The identity provider's answer: the code exchanged, the person matched to an active account (username, else verified email), a session opened; 302 to the app (with ?oidc=<problem> when refused)",
      roles: 'everyone',
      access: 'everyone (the flow started by /start)',
      responses: { 302: 'to the app, signed in or with the problem', 404: 'oidc-not-configured' },
    },
    async (c) => {
      const config = await configured().catch((error: unknown) => {
        if (error instanceof Error && error.name === 'HttpError') throw error;
        return null;
      });
      if (config === null) return back(c, 'provider-unreachable');
      const raw = getCookie(c, FLOW_COOKIE);
      deleteCookie(c, FLOW_COOKIE, { path: '/api/session/oidc' });
      let flow: { verifier: string; state: string; nonce: string };
      try {
        flow = JSON.parse(raw ?? '') as typeof flow;
      } catch {
        return back(c, 'expired');
      }
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
        return back(c, 'failed');
      }
      if (claims === undefined) return back(c, 'failed');
      const user = matchAccount(await deps.store.listUsers(), claims);
      if (user === undefined) return back(c, 'unknown-user');
      const token = newToken();
      const expires = new Date(Date.now() + SESSION_HOURS * 3600_000);
      await deps.store.createSession(sessionId(token), user.id, newToken(), expires.toISOString());
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: deps.secureCookies, expires });
      return c.redirect('/', 302);
    },
  );
};
