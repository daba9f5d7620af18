import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, onSessionExpired, holdSession } from './api/client.js';
import { newQueryClient, readerOf } from './api/queries.js';
import type { SessionRead, User } from './api/types.js';
import { LanguageSelect } from './ui/LanguageSelect.js';
import { SessionContext } from './session.js';
import { forgetReader, keepOnlyReader, useUnsentWarning } from './detail/drafts.js';
import { worklistAsked } from '../../src/contract/worklist-link.js';
// The header names every screen, lazy ones included: all words are loaded with the app (i18n.ts).
import { Login } from './accounts/Login.js';
import { SessionDialog } from './accounts/SessionDialog.js';
import { PlansPage } from './plans/PlansPage.js';
import { PlanView } from './plan/PlanView.js';

// Screens most visits never open are loaded when first shown, so the first load (the plans and the
// tree) parses less script (issue 15 §4).
const UsersPage = lazy(() => import('./accounts/UsersPage.js').then((m) => ({ default: m.UsersPage })));
const AppraisalFormView = lazy(() => import('./appraisal/AppraisalFormView.js').then((m) => ({ default: m.AppraisalFormView })));
const AppraisalsPage = lazy(() => import('./appraisal/AppraisalsPage.js').then((m) => ({ default: m.AppraisalsPage })));
const SmvpPage = lazy(() => import('./appraisal/SmvpPage.js').then((m) => ({ default: m.SmvpPage })));
const PasswordPage = lazy(() => import('./accounts/PasswordPage.js').then((m) => ({ default: m.PasswordPage })));
const UnitsPage = lazy(() => import('./units/UnitsPage.js').then((m) => ({ default: m.UnitsPage })));
const RelazionePage = lazy(() => import('./relazione/RelazionePage.js').then((m) => ({ default: m.RelazionePage })));

/**
 * The screen's address. Real paths (`/plans/<id>`, `/users`) are what the app writes and shares;
 * the older `#/plans/<id>` links still land right. Both reach the same route, written `#/…` in
 * the code. The server answers any path with the app, so a reload or a shared link opens it; the
 * browser's back and forward buttons move between screens.
 */
export function routeOf(location: Pick<Location, 'pathname' | 'hash' | 'search'>): string {
  if (location.hash.startsWith('#/')) return location.hash;
  const path = location.pathname.replace(/\/+$/, '');
  return `#${path === '' ? '/' : path}${location.search}`;
}

function pathOf(route: string): string {
  return route.startsWith('#') ? route.slice(1) || '/' : route;
}

function useRoute(): [string, (to: string) => void] {
  const [route, setRoute] = useState(() => routeOf(window.location));
  useEffect(() => {
    const on = () => {
      // An old-style `#/…` link followed in the page becomes its real path, keeping one address per screen.
      if (window.location.hash.startsWith('#/')) window.history.replaceState(null, '', pathOf(window.location.hash));
      setRoute(routeOf(window.location));
    };
    on();
    window.addEventListener('hashchange', on);
    window.addEventListener('popstate', on);
    return () => {
      window.removeEventListener('hashchange', on);
      window.removeEventListener('popstate', on);
    };
  }, []);
  const go = useCallback((to: string) => {
    const path = pathOf(to);
    if (path !== window.location.pathname + window.location.search) window.history.pushState(null, '', path);
    setRoute(routeOf(window.location));
  }, []);
  return [route, go];
}

/** Reading without an account is remembered for the tab, so a reload stays in public mode. */
const PUBLIC_KEY = 'albero.public';

/** A query cache main.tsx filled before the first render (the plan and tree of the address), for `reader`. */
export interface FirstCache {
  reader: string;
  client: QueryClient;
}

/**
 * `session` is the page's read of the session (main.tsx starts it); `known` is its answer when it
 * came in before the first render (null: not signed in), so the first render opens the screen
 * rather than "Caricamento…" first; `first`, the reader's cache with the screen's reads in it.
 */
export function App({ session, known, first }: { session: Promise<SessionRead>; known?: SessionRead; first?: FirstCache | undefined }) {
  const { t } = useTranslation();
  const [user, setUser] = useState<User | null>(known?.user ?? null);
  const [checked, setChecked] = useState(known !== undefined);
  const [route, go] = useRoute();
  // A shared link to a plan opens it for whoever may read it: the public reads published plans.
  // The address first: the tab's first use of sessionStorage asks the browser process for the tab's
  // storage, inside the cold open's first render (issue 15 §4), and a plan's address does not need it.
  // A link to a worklist (a reminder's) is for its referente: signing in is asked first, at the same
  // address, so the worklist opens once signed in, never the public's plan.
  const [publicReader, setPublicReaderState] = useState(() => worklistAsked(window.location.search) === null && (/^#\/plans\//.test(route) || window.sessionStorage.getItem(PUBLIC_KEY) === '1'));
  const setPublicReader = useCallback((on: boolean) => {
    if (on) window.sessionStorage.setItem(PUBLIC_KEY, '1');
    else window.sessionStorage.removeItem(PUBLIC_KEY);
    setPublicReaderState(on);
  }, []);
  // A new screen whose way in went with the old one (a form's button, a row's link): the focus would
  // fall to the page's start, and a keyboard or screen-reader user would begin again from the header.
  // It goes to the main region, where the new screen begins. A screen that puts it somewhere of its
  // own (a field, a message) does so after this and keeps it; a header link that stays keeps it too.
  // A screen is its address and who reads it: signing in, "read without signing in" and the header's
  // "Accedi" change the screen at the same address, their button gone with it. The first screen after
  // "Caricamento…" is the page's first: the focus stays where the reader put it, or at the page's start.
  const screen = checked ? [route, readerOf(user), user === null && publicReader, user?.mustChangePassword === true].join('\n') : null;
  const shownScreen = useRef(screen);
  useEffect(() => {
    const before = shownScreen.current;
    if (before === screen) return;
    shownScreen.current = screen;
    if (before === null) return;
    const active = document.activeElement;
    if (active === null || active === document.body || !active.isConnected) document.getElementById('main')?.focus();
  }, [screen]);

  useEffect(() => {
    if (known !== undefined) return;
    session
      .then((s) => {
        holdSession(s);
        setUser(s?.user ?? null);
      })
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, [session, known]);

  // The session ended under the screen (a save answered 401): the sign-in is asked in a dialog over
  // it, and the saves waiting for it are sent again once signed in (client.ts). One dialog for all of them.
  const [expired, setExpired] = useState<((renewed: boolean) => void) | null>(null);
  const renewal = useRef<Promise<boolean> | null>(null);
  useEffect(() => {
    if (user === null) return;
    onSessionExpired(() => {
      renewal.current ??= new Promise<boolean>((resolve) =>
        setExpired(() => (renewed: boolean) => {
          renewal.current = null;
          setExpired(null);
          resolve(renewed);
        }),
      );
      return renewal.current;
    });
    return () => onSessionExpired(null);
  }, [user]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    holdSession(null);
    // Signing out leaves nothing typed or chosen of this account's on the browser (a shared desk's next person).
    if (user !== null) forgetReader(user);
    setUser(null);
    setPublicReader(false);
    go('#/');
  }, [go, setPublicReader, user]);
  useUnsentWarning(user);
  // An account signed in on this browser: another account's drafts left by a session that expired
  // (a shared desk's previous person) go. Its own stay, to come back to it.
  const readerId = user?.id ?? null;
  const readerName = user?.username ?? null;
  useEffect(() => {
    if (readerId !== null && readerName !== null) keepOnlyReader({ id: readerId, username: readerName });
  }, [readerId, readerName]);

  // One read cache per signed-in account (or the public): what a reader may see and edit is in the
  // documents, so a new sign-in starts from nothing cached.
  const reader = readerOf(user);
  // A new cache for each reader. The first reader's may come filled from main.tsx; any reader after
  // it (even the same account signing in again) starts empty.
  const firstCache = useRef(first);
  const queryClient = useMemo(() => {
    if (firstCache.current?.reader === reader) return firstCache.current.client;
    firstCache.current = undefined;
    return newQueryClient();
  }, [reader]);

  const planMatch = /^#\/plans\/([^/?]+)/.exec(route);
  const relazioneMatch = /^#\/plans\/([^/?]+)\/relazione/.exec(route);
  const appraisalMatch = /^#\/appraisals\/([^/?]+)/.exec(route);

  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={{ user, setUser }}>
        {/* The skip link is index.html's, before this root: there for a Tab pressed before the first draw. */}
        <header className="albero-header">
          <div className="container-xxl d-flex align-items-center justify-content-between flex-wrap gap-2 py-2">
            <a className="albero-brand" href="#/">
              <svg className="albero-logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M12 2 4 13h5l-3 4h5v5h2v-5h5l-3-4h5z" />
              </svg>
              <span>
                <strong>{t('app.name')}</strong> <span className="albero-tagline">{t('app.tagline')}</span>
              </span>
            </a>
            <div className="d-flex align-items-center flex-wrap gap-3">
              <label className="albero-lang">
                <span className="visually-hidden">{t('app.language')}</span>
                <LanguageSelect />
              </label>
              {user === null && publicReader && (
                <button type="button" className="btn btn-sm btn-outline-light" onClick={() => setPublicReader(false)} data-testid="sign-in">
                  {t('login.submit')}
                </button>
              )}
              {user !== null && user.mustChangePassword === true && (
                <button type="button" className="btn btn-sm btn-outline-light" onClick={() => void logout()}>
                  {t('login.logout')}
                </button>
              )}
              {user !== null && user.mustChangePassword !== true && (
                <>
                  {user.role === 'admin' && (
                    <a href="#/units" className="albero-nav" aria-current={route === '#/units' ? 'page' : undefined} data-testid="nav-units">
                      {t('units.nav')}
                    </a>
                  )}
                  {user.role === 'admin' && (
                    <a href="#/users" className="albero-nav" aria-current={route === '#/users' ? 'page' : undefined} data-testid="nav-users">
                      {t('users.nav')}
                    </a>
                  )}
                  <a href="#/appraisals" className="albero-nav" aria-current={route.startsWith('#/appraisals') ? 'page' : undefined} data-testid="nav-appraisals">
                    {t('appraisal.nav')}
                  </a>
                  {['admin', 'personale', 'controller'].includes(user.role) && (
                    <a href="#/smvp" className="albero-nav" aria-current={route === '#/smvp' ? 'page' : undefined} data-testid="nav-smvp">
                      {t('appraisal.smvp.nav')}
                    </a>
                  )}
                  <span className="albero-user" data-testid="signed-in">
                    {t('login.signedAs', { name: user.displayName, role: t(`role.${user.role}`) })}
                  </span>
                  <a href="#/password" className="albero-nav" aria-current={route === '#/password' ? 'page' : undefined} data-testid="nav-password">
                    {t(user.signIn === 'provider' ? 'account.providerNav' : 'account.nav')}
                  </a>
                  <button type="button" className="btn btn-sm btn-outline-light" onClick={() => void logout()}>
                    {t('login.logout')}
                  </button>
                </>
              )}
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="container-xxl py-3">
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            {!checked ? (
              <p role="status">{t('common.loading')}</p>
            ) : user === null && !publicReader ? (
              <Login onPublic={() => setPublicReader(true)} />
            ) : user !== null && user.mustChangePassword === true ? (
              // A temporary password: nothing else until it is changed (the API refuses the rest, 403).
              <PasswordPage forced />
            ) : user !== null && route === '#/password' ? (
              <PasswordPage forced={false} />
            ) : route === '#/units' ? (
              user?.role === 'admin' ? (
                <UnitsPage />
              ) : (
                <p className="alert alert-warning" role="alert" data-testid="units-forbidden">
                  {t('units.forbidden')}
                </p>
              )
            ) : route === '#/users' ? (
              user?.role === 'admin' ? (
                <UsersPage />
              ) : (
                <p className="alert alert-warning" role="alert" data-testid="users-forbidden">
                  {t('users.forbidden')}
                </p>
              )
            ) : user !== null && route === '#/smvp' ? (
              <SmvpPage />
            ) : user !== null && appraisalMatch ? (
              <AppraisalFormView key={appraisalMatch[1]} id={decodeURIComponent(appraisalMatch[1]!)} onBack={() => go('#/appraisals')} />
            ) : user !== null && route.startsWith('#/appraisals') ? (
              <AppraisalsPage onOpen={(id) => go(`#/appraisals/${encodeURIComponent(id)}`)} />
            ) : user !== null && relazioneMatch ? (
              <RelazionePage key={relazioneMatch[1]} planId={decodeURIComponent(relazioneMatch[1]!)} onBack={() => go(`#/plans/${relazioneMatch[1]}`)} />
            ) : planMatch ? (
              <PlanView key={planMatch[1]} planId={decodeURIComponent(planMatch[1]!)} onBack={() => go('#/')} />
            ) : (
              <PlansPage onOpen={(id) => go(`#/plans/${encodeURIComponent(String(id))}`)} />
            )}
          </Suspense>
        </main>
        {expired !== null && user !== null && (
          <SessionDialog
            user={user}
            onSignedIn={(renewed) => {
              // The same account: its reader (and so its cache and the screen) stays as it was.
              setUser(renewed);
              expired(true);
            }}
            onCancel={() => expired(false)}
          />
        )}
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}
