/** Signing in and out. */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { z } from 'zod';
import { DoneSchema, type Session, SessionReadSchema, SessionSchema, type User } from '../../contract/index.js';
import type { UserRecord } from '../../store/index.js';
import type { Deps, Readable, RouteModule } from '../api.js';
import { checkPassword, newToken, SESSION_COOKIE, SESSION_HOURS, sessionId } from '../auth.js';
import { GUARD_LIMITS, LoginGuard } from '../login-guard.js';
import { cameOverHttps, clientAddressOf } from '../security.js';
import { refuse } from '../errors.js';

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) }).strict();

/** The account as the API answers it: the record's lists handed over as they are (`reply` only serialises them). */
export function userView(u: UserRecord): Readable<User> {
  return {
    id: u.id,
    username: u.username,
    email: u.email ?? null,
    language: u.language ?? 'it',
    displayName: u.displayName,
    role: u.role,
    units: u.units,
    unitIds: u.unitIds,
    active: u.active,
    signIn: u.signIn,
    mustChangePassword: u.mustChangePassword,
  };
}

/** The limits the screens say (the evidence hint): only what a signed-in reader meets, not the JSON and import caps. */
function limitsView(limits: Deps['limits']): Session['limits'] {
  return { attachmentBytes: limits.attachmentBytes };
}

function clientAddress(c: Context, trustProxy: boolean): string {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    socket = undefined;
  }
  return clientAddressOf(socket, c.req.header('x-forwarded-for'), trustProxy);
}

/** A browser that signed in to an account: failures made elsewhere never lock it out (login-guard.ts). */
export const DEVICE_COOKIE = 'albero_device';

/** Gives the browser the token of a sign-in it just made (trusted by `LoginGuard.trust`). */
export function setDeviceCookie(c: Context, device: string, secure: boolean): void {
  setCookie(c, DEVICE_COOKIE, device, { httpOnly: true, sameSite: 'Strict', path: '/api/session', secure, maxAge: Math.floor(GUARD_LIMITS.deviceMaxAgeMs / 1000) });
}

export const sessionRoutes: RouteModule = (api, deps) => {
  const guard = new LoginGuard(deps.store);

  api.route(
    {
      method: 'post',
      path: '/api/session',
      tag: 'session',
      summary: 'Sign in: sets the albero_session cookie and returns the CSRF token',
      roles: 'everyone',
      body: Login,
      responses: {
        200: { description: '{user, csrfToken}', schema: SessionSchema },
        400: 'malformed body',
        401: 'wrong username or password',
        409: 'sign-in-with-provider: the account signs in through the identity provider, it has no password (said only to a browser that signed in to this account before; to others 401 as for an unknown name)',
        422: 'control characters in the username',
        429: 'too many failed attempts from this address or browser (Retry-After)',
      },
    },
    async (c, { body: input, reply }) => {
      const attempt = await guard.check(input.username, clientAddress(c, deps.trustProxy), getCookie(c, DEVICE_COOKIE));
      const tooMany = (wait: number) => refuse(429, 'too-many-attempts', { retryAfter: wait }, { headers: { 'Retry-After': String(wait) }, details: { retryAfter: wait } });
      if (attempt.wait > 0) throw tooMany(attempt.wait);
      const login = await deps.store.findLogin(input.username);
      // A provider account has no password (its hash is empty): checked as an unknown name is, for
      // as long, and never valid.
      const valid = await checkPassword(login?.passwordHash, input.password);
      if (login === undefined || !valid || !login.active) {
        const wait = await guard.fail(attempt);
        // While the address is locked every failure says so (a wrong and a right password look alike).
        if (attempt.addressWait > 0) throw tooMany(Math.max(wait, attempt.addressWait));
        // "This account signs in at the provider" would tell a guesser that an active account of
        // that name exists, which a wrong password, an unknown or a deactivated name never do. So
        // it is said only to a browser that already signed in to this very account (its device
        // cookie, by password before the account was switched or at the provider since: the callback
        // trusts it too), after the same password check, counting and limit as a wrong password;
        // anyone else gets the same 401 as for an unknown name. The person it helps is the one
        // using their own browser; elsewhere the login page's provider button is still in sight.
        if (login?.active === true && login.signIn === 'provider' && attempt.device !== null) throw refuse(409, 'sign-in-with-provider', {});
        throw refuse(401, 'invalid-credentials', {});
      }
      // An address that tried too many accounts lets only the administrator in: no one else can lock them out.
      if (attempt.addressWait > 0 && login.role !== 'admin') throw tooMany(attempt.addressWait);
      const https = cameOverHttps(c.req.url, (name) => c.req.header(name), deps);
      const device = newToken();
      await guard.succeed(attempt, device);
      setDeviceCookie(c, device, https);
      const token = newToken();
      const csrfToken = newToken();
      const expires = new Date(Date.now() + SESSION_HOURS * 3600_000);
      await deps.store.createSession(sessionId(token), login.id, csrfToken, expires.toISOString());
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: https, expires });
      const { passwordHash: _, ...user } = login;
      return reply(200, { user: userView(user), csrfToken, limits: limitsView(deps.limits) } satisfies Readable<Session>);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/session',
      tag: 'session',
      summary: 'The signed-in user and the CSRF token, or null when no one is signed in',
      roles: 'everyone',
      responses: { 200: { description: '{user, csrfToken, limits}; null when not signed in (no session cookie, or its session ended)', schema: SessionReadSchema } },
    },
    async (c, { user, reply }) => {
      // Not signed in is the state the sign-in page starts from, not a refusal (a 401 here was a console error on every first visit).
      if (user === null) return reply(200, null);
      return reply(200, { user: userView(user), csrfToken: c.get('session')!.csrfToken, limits: limitsView(deps.limits) } satisfies Readable<Session>);
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/session',
      tag: 'session',
      summary: 'Sign out',
      roles: 'everyone',
      access: 'everyone (no-op without a session)',
      responses: { 200: { description: '{ok: true}', schema: DoneSchema }, 403: 'missing CSRF token' },
    },
    async (c, { reply }) => {
      const session = c.get('session');
      if (session !== null) {
        await deps.store.deleteSession(session.id);
        deps.sessions.forget(session.id);
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return reply(200, { ok: true });
    },
  );
};
