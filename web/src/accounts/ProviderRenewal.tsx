/**
 * "Accedi con …" in the session dialog: renewing an expired session through the body's identity
 * provider, for the accounts that sign in there (`signIn: provider`, the dialog's only way for them).
 * A server without a provider (GET /api/session/oidc, the login page's same read) leaves such an
 * account no way in from here: that is said.
 *
 * The provider's sign-in runs in a popup window, not in the page: leaving the page would drop the
 * screen and the value typed, which is what the dialog is there to keep. The window starts a
 * renewal (`/api/session/oidc/start?renew=<username>&renewal=<id>`); the server opens a session for
 * that account only and its last page tells the outcome on a BroadcastChannel (same origin only),
 * then closes. A window closed before that is checked against the server (the session may have been
 * opened all the same) and otherwise said as closed. Signed in, the session is read again for its
 * new CSRF token and the dialog hands over, as after a password.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OidcOffer } from '../../../src/contract/index.js';
import { OIDC_PROBLEMS, OIDC_RENEWAL_CHANNEL, type OidcProblem, type OidcRenewalOutcome } from '../../../src/contract/oidc.js';
import { api, request, setCsrfToken } from '../api/client.js';
import { keys } from '../api/queries.js';
import type { User } from '../api/types.js';
import { FIRST_FOCUS } from '../ui/Form.js';

/** How often the page looks whether the sign-in window was closed. */
const WINDOW_POLL_MS = 400;
/** How long a closed window's outcome is waited for before the window counts as closed without one. */
const CLOSED_GRACE_MS = 1_500;

type Said = { kind: 'waiting' } | { kind: 'blocked' } | { kind: 'closed' } | { kind: 'problem'; problem: OidcProblem };

/** What the dialog says when the window gave no session. */
function problemWords(said: Exclude<Said, { kind: 'waiting' }>, t: (key: string) => string): string {
  if (said.kind === 'blocked') return t('account.expired.providerBlocked');
  if (said.kind === 'closed') return t('account.expired.providerClosed');
  // The login page's words for an expiry also cover a sign-in not started there; the dialog knows it started this one.
  if (said.problem === 'expired') return t('account.expired.providerExpired');
  return t(`campaign.oidc.problems.${said.problem}`);
}

/** A renewal's id: the server echoes it with the outcome, so this page takes only its own window's answer. */
function renewalId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function ProviderRenewal({ user, onSignedIn }: { user: User; onSignedIn: (user: User) => void }) {
  const { t, i18n } = useTranslation();
  const offer = useQuery({ queryKey: keys.oidc, queryFn: () => request<OidcOffer>('GET', '/api/session/oidc') });
  const provider = offer.data;
  const [said, setSaid] = useState<Said | null>(null);
  const flow = useRef<{ id: string; window: Window; settled: boolean } | null>(null);
  const stop = useRef<() => void>(() => {});
  // The latest callbacks, for the channel and the timer started at the click.
  const latest = useRef({ user, onSignedIn });
  useEffect(() => {
    latest.current = { user, onSignedIn };
  });
  // The dialog gone (cancelled, or signed in with the password): its sign-in window has nothing left to do.
  useEffect(
    () => () => {
      stop.current();
      if (flow.current !== null && !flow.current.settled) flow.current.window.close();
    },
    [],
  );

  /** The server's word on the session: the renewed account takes over, anything else is said. */
  async function confirm(otherwise: Said): Promise<void> {
    try {
      const session = await api.session();
      // Still signed out: the renewal did not take.
      if (session === null) return setSaid(otherwise);
      if (session.user.id !== latest.current.user.id) return setSaid({ kind: 'problem', problem: 'other-account' });
      setCsrfToken(session.csrfToken);
      latest.current.onSignedIn(session.user);
    } catch {
      setSaid(otherwise);
    }
  }

  function settle(run: () => Promise<void> | void): void {
    const current = flow.current;
    if (current === null || current.settled) return;
    current.settled = true;
    stop.current();
    void run();
  }

  function start(): void {
    // A window already open for this dialog is brought forward rather than started again.
    if (flow.current !== null && !flow.current.settled && !flow.current.window.closed) {
      flow.current.window.focus();
      return;
    }
    stop.current();
    const id = renewalId();
    const lang = i18n.language === 'en' ? 'en' : 'it';
    const url = `/api/session/oidc/start?renew=${encodeURIComponent(user.username)}&renewal=${id}&lang=${lang}`;
    // Opened within the click, so that the browser lets it open; null when it blocked it anyway.
    const opened = window.open(url, 'albero-oidc-renewal', 'popup,width=520,height=720');
    if (opened === null) {
      flow.current = null;
      setSaid({ kind: 'blocked' });
      return;
    }
    const current = { id, window: opened, settled: false };
    flow.current = current;
    setSaid({ kind: 'waiting' });
    const channel = new BroadcastChannel(OIDC_RENEWAL_CHANNEL);
    channel.onmessage = (event: MessageEvent<Partial<OidcRenewalOutcome>>) => {
      const { renewal, outcome } = event.data ?? {};
      if (renewal !== id || flow.current !== current) return;
      if (outcome === 'signed-in') settle(() => confirm({ kind: 'problem', problem: 'failed' }));
      else settle(() => setSaid({ kind: 'problem', problem: (OIDC_PROBLEMS as readonly unknown[]).includes(outcome) ? (outcome as OidcProblem) : 'failed' }));
    };
    // The window closes itself right after telling its outcome, which may arrive a moment after the
    // close is seen: only a window closed for a while without a word is asked about to the server.
    let closedSince: number | null = null;
    const timer = window.setInterval(() => {
      if (!opened.closed || flow.current !== current) return;
      closedSince ??= Date.now();
      if (Date.now() - closedSince >= CLOSED_GRACE_MS) settle(() => confirm({ kind: 'closed' }));
    }, WINDOW_POLL_MS);
    stop.current = () => {
      channel.close();
      window.clearInterval(timer);
    };
  }

  if (offer.isPending) return null;
  // No provider (or its offer unreadable): the account has no other way in, and is told so.
  if (provider?.enabled !== true)
    return (
      <p role="alert" className="text-danger" data-testid="session-provider-missing">
        {t('account.expired.providerMissing')}
      </p>
    );
  return (
    <div className="mt-3" data-testid="session-provider">
      {/* The focus goes to the dialog's one way in, when the dialog opens or when the offer is read after it opened. */}
      <button type="button" className="btn btn-primary" onClick={start} data-testid="session-provider-start" {...FIRST_FOCUS}>
        {provider.label ?? t('campaign.oidc.button')}
      </button>
      {said?.kind === 'waiting' ? (
        <p role="status" className="mt-2" data-testid="session-provider-status">
          {t('account.expired.providerWaiting')}
        </p>
      ) : said !== null ? (
        <p role="alert" className="text-danger mt-2" data-testid="session-provider-problem">
          {problemWords(said, t)}
        </p>
      ) : null}
    </div>
  );
}
