/**
 * Accounts and sessions: argon2id password hashes, a random session token in an HttpOnly
 * SameSite=Strict cookie (only its SHA-256 is stored, so a leaked database opens no session), a
 * CSRF token per session that every mutating request must echo in `X-CSRF-Token`. The sign-in
 * limiter is login-guard.ts.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role, SessionRecord, Store, UserRecord } from '../store/index.js';
import { refuse } from './errors.js';

export const SESSION_COOKIE = 'albero_session';
export const SESSION_HOURS = 12;
export const MIN_PASSWORD = 8;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Compared against when there is no password to check, so that such an attempt takes as long as a wrong password.
const DUMMY_HASH = hash('not a real password');

/**
 * Whether `password` is the account's. With none to check (`undefined`: an unknown username; the
 * empty text: a provider account, store/users.ts) the dummy hash is checked all the same, for the
 * time it takes, and nothing matches.
 */
export async function checkPassword(stored: string | undefined, password: string): Promise<boolean> {
  const none = stored === undefined || stored === '';
  try {
    const matches = await verify(none ? await DUMMY_HASH : stored, password);
    return matches && !none;
  } catch {
    return false;
  }
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthVariables {
  user: UserRecord | null;
  session: (SessionRecord & { id: string }) | null;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sessions read in the last few seconds, kept in memory so that a busy reader (the tree polled by
 * many tabs) does not cost a query per request. Whatever ends or changes a session in this process
 * (sign-out, a password change, an account changed or deactivated) calls `forget…` and takes effect
 * at once; a change made by another process (a second server on PostgreSQL, the CLI) within
 * `ttlMs`. A lookup that started before a `forget…` does not put its (possibly stale) answer back.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: SessionRecord; until: number }>();
  private generation = 0;
  constructor(
    private readonly store: Store,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  async find(id: string, now = Date.now()): Promise<SessionRecord | undefined> {
    const hit = this.entries.get(id);
    if (hit !== undefined && hit.until > now) return hit.session;
    const generation = this.generation;
    const session = await this.store.findSession(id);
    if (session === undefined) this.entries.delete(id);
    else if (generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      // Never kept past the session's own expiry.
      this.entries.set(id, { session, until: Math.min(now + this.ttlMs, Date.parse(session.expiresAt)) });
    }
    return session;
  }

  /** One session ended (sign-out). */
  forget(id: string): void {
    this.generation++;
    this.entries.delete(id);
  }

  /** Every session of an account, after its password, role, units or active flag changed. */
  forgetUser(userId: string): void {
    this.generation++;
    for (const [id, entry] of this.entries) if (entry.session.user.id === userId) this.entries.delete(id);
  }
}

/** Reads the session cookie and, for mutating requests made with it, checks the CSRF header. */
export function sessionMiddleware(sessions: SessionCache): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    c.set('user', null);
    c.set('session', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token !== undefined && token !== '') {
      const id = sessionId(token);
      const session = await sessions.find(id);
      if (session !== undefined) {
        c.set('session', { ...session, id });
        c.set('user', session.user);
      }
    }
    const session = c.get('session');
    // Logging in needs no token (there is no session yet); everything else that changes state does.
    const isLogin = c.req.method === 'POST' && c.req.path === '/api/session';
    if (session !== null && MUTATING.has(c.req.method) && !isLogin) {
      const sent = c.req.header('x-csrf-token') ?? '';
      if (!sameToken(sent, session.csrfToken)) throw refuse(403, 'csrf', {});
    }
    await next();
  };
}

export function currentUser(c: Context): UserRecord | null {
  return (c.get('user') as UserRecord | null | undefined) ?? null;
}

/** The signed-in user, or 401. */
export function requireUser(c: Context): UserRecord {
  const user = currentUser(c);
  if (user === null) throw refuse(401, 'unauthenticated', {});
  return user;
}

/** The signed-in user with one of `roles`, or 401/403. */
export function requireRole(c: Context, roles: readonly Role[], what?: string): UserRecord {
  const user = requireUser(c);
  if (!roles.includes(user.role)) throw refuse(403, 'forbidden', { role: user.role, action: what });
  return user;
}

export function actorOf(user: UserRecord): { id: string; username: string } {
  return { id: user.id, username: user.username };
}
