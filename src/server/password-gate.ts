/**
 * A temporary password (set by the administrator) must be changed before anything else: until then
 * the API answers 403 `password-change-required` to every request of that session except reading
 * the session, signing out and changing the password.
 */
import type { MiddlewareHandler } from 'hono';
import type { AuthVariables } from './auth.js';
import { refuse } from './errors.js';

const ALLOWED = new Set(['GET /api/session', 'DELETE /api/session', 'POST /api/session', 'POST /api/users/me/password', 'GET /api/health', 'GET /api/openapi.json']);

export function passwordChangeGate(): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const user = c.get('user');
    if (user !== null && user.mustChangePassword && !ALLOWED.has(`${c.req.method} ${c.req.path}`)) {
      throw refuse(403, 'password-change-required', {});
    }
    await next();
  };
}
