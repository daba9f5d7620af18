/** Signing in and out. */
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { z } from 'zod';
import type { UserRecord } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { checkPassword, LoginLimiter, newToken, requireUser, SESSION_COOKIE, SESSION_HOURS, sessionId } from '../auth.js';
import { refuse } from '../errors.js';
import { body } from '../validation.js';

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) }).strict();

export function userView(u: UserRecord): { id: string; username: string; email: string | null; displayName: string; role: string; units: readonly string[]; unitIds: readonly string[]; active: boolean; mustChangePassword: boolean } {
  return { id: u.id, username: u.username, email: u.email ?? null, displayName: u.displayName, role: u.role, units: u.units, unitIds: u.unitIds, active: u.active, mustChangePassword: u.mustChangePassword };
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const sessionRoutes: RouteModule = (api, deps) => {
  // Per account: 5 free tries; per address: 30 (an office behind one NAT address shares it).
  const perUser = new LoginLimiter(deps.store, 5);
  const perAddress = new LoginLimiter(deps.store, 30);

  api.route(
    {
      method: 'post',
      path: '/api/session',
      tag: 'session',
      summary: 'Sign in: sets the albero_session cookie and returns the CSRF token',
      access: 'everyone',
      body: Login,
      responses: { 200: '{user, csrfToken}', 400: 'malformed body', 401: 'wrong username or password', 429: 'too many failed attempts (Retry-After)' },
    },
    async (c) => {
      const input = await body(c, Login);
      const userKey = [`u:${input.username.toLowerCase()}`];
      const addressKey = [`a:${clientAddress(c)}`];
      const wait = Math.max(await perUser.retryAfter(userKey), await perAddress.retryAfter(addressKey));
      if (wait > 0) throw refuse(429, 'too-many-attempts', { retryAfter: wait }, { headers: { 'Retry-After': String(wait) }, details: { retryAfter: wait } });
      const login = await deps.store.findLogin(input.username);
      const valid = await checkPassword(login?.passwordHash, input.password);
      if (login === undefined || !valid || !login.active) {
        await perUser.fail(userKey);
        await perAddress.fail(addressKey);
        throw refuse(401, 'invalid-credentials', {});
      }
      await perUser.succeed(userKey);
      const token = newToken();
      const csrfToken = newToken();
      const expires = new Date(Date.now() + SESSION_HOURS * 3600_000);
      await deps.store.createSession(sessionId(token), login.id, csrfToken, expires.toISOString());
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: deps.secureCookies, expires });
      const { passwordHash: _, ...user } = login;
      return c.json({ user: userView(user), csrfToken });
    },
  );

  api.route({ method: 'get', path: '/api/session', tag: 'session', summary: 'The signed-in user and the CSRF token', access: 'signed in', responses: { 200: '{user, csrfToken}', 401: 'not signed in' } }, async (c) => {
    const user = requireUser(c);
    return c.json({ user: userView(user), csrfToken: c.get('session')!.csrfToken });
  });

  api.route({ method: 'delete', path: '/api/session', tag: 'session', summary: 'Sign out', access: 'everyone (no-op without a session)', responses: { 200: '{ok: true}', 403: 'missing CSRF token' } }, async (c) => {
    const session = c.get('session');
    if (session !== null) {
      await deps.store.deleteSession(session.id);
      deps.sessions.forget(session.id);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });
};
