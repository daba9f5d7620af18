/**
 * The OpenID Connect provider's settings read from the environment, for main.ts to hand to the app
 * (the sign-in routes themselves are routes/oidc.ts; the entry point imports no route module).
 */
import type { OidcSettings } from './api.js';

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
