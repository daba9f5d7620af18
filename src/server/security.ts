/**
 * The headers that protect the web app and the API, and how a request is known to have come over
 * HTTPS or from which address. Behind a reverse proxy (TLS ended there) the proxy's
 * `X-Forwarded-Proto` / `X-Forwarded-For` are believed only when the deployment says so
 * (`ALBERO_TRUST_PROXY=1`): otherwise any client could claim them.
 */
import type { MiddlewareHandler } from 'hono';

/**
 * The web app's policy: its own scripts, styles, fonts and API only; images also as data: URLs
 * (Bootstrap Italia's icons) and blobs (chart downloads); nothing may frame it, no plugin, no
 * inline script. Checked in Chromium by e2e/security.test.ts (no violation on the app's screens).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Powerful browser features the app never uses, switched off for it and anything it embeds. */
export const PERMISSIONS_POLICY = 'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()';

/** Browsers keep to HTTPS for a year once they have seen it over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

export interface TransportOptions {
  /** Every request is taken as HTTPS (ALBERO_SECURE_COOKIES=1: TLS is ended somewhere this server cannot see). */
  readonly secureCookies: boolean;
  /** Believe the proxy's X-Forwarded-Proto and X-Forwarded-For (ALBERO_TRUST_PROXY=1). */
  readonly trustProxy: boolean;
}

/** Whether the request came over HTTPS: its own URL, or a trusted proxy's `X-Forwarded-Proto`. */
export function cameOverHttps(url: string, header: (name: string) => string | undefined, options: TransportOptions): boolean {
  if (options.secureCookies || url.startsWith('https:')) return true;
  if (!options.trustProxy) return false;
  // A chain of proxies lists one protocol each; the first is what the browser used.
  return (header('x-forwarded-proto') ?? '').split(',')[0]!.trim().toLowerCase() === 'https';
}

/** The client's address: the socket's, or behind a trusted proxy the one that proxy saw (the last of X-Forwarded-For). */
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor !== undefined) {
    const last = forwardedFor
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '')
      .pop();
    if (last !== undefined && last.length <= 64) return last;
  }
  return socketAddress ?? 'unknown';
}

/**
 * Every answer: the content-security and permissions policies; HSTS when the request came over
 * HTTPS; `Cache-Control: no-store` on API answers for a signed-in reader (and on signing in),
 * unless the route chose its own (the tree's ETag revalidation: `private, no-cache`).
 */
export function securityHeaders(options: TransportOptions): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // A route may set a policy of its own (the exported HTML report).
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('Permissions-Policy', PERMISSIONS_POLICY);
    if (cameOverHttps(c.req.url, (name) => c.req.header(name), options)) c.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control')) {
      const signedIn = c.get('user') !== null && c.get('user') !== undefined;
      if (signedIn || c.req.path === '/api/session') c.header('Cache-Control', 'no-store');
    }
  };
}
