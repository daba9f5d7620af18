/**
 * Sign-in through the body's identity provider, its words as plain values (no zod): the server
 * (routes/oidc.ts) says them, the web app (the login page, the session dialog) reads them.
 */

/**
 * Why a sign-in through the identity provider ended without a session: `?oidc=<problem>` on the
 * login page, or the outcome a renewal's window tells the page that opened it. `cancelled`: the
 * person stopped at the provider; `other-account`: a renewal signed in as someone other than the
 * account whose session expired; `password-account`: the account matched signs in with its password
 * (`signIn: password`), not through the provider, until the administrator switches it.
 */
export const OIDC_PROBLEMS = ['unknown-user', 'failed', 'expired', 'provider-unreachable', 'cancelled', 'other-account', 'password-account'] as const;
export type OidcProblem = (typeof OIDC_PROBLEMS)[number];

/** The channel a renewal's window (`/api/session/oidc/callback`) tells its outcome on: a BroadcastChannel reaches this origin's pages only. */
export const OIDC_RENEWAL_CHANNEL = 'albero-oidc-renewal';

/** What that window sends: the renewal it answers (the id its page chose) and `signed-in` or the problem. */
export interface OidcRenewalOutcome {
  readonly renewal: string;
  readonly outcome: 'signed-in' | OidcProblem;
}
