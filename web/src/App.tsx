import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken } from './api/client.js';
import type { User } from './api/types.js';
import { setLanguage } from './i18n.js';
import { SessionContext } from './session.js';
import { Login } from './components/Login.js';
import { PlansPage } from './components/PlansPage.js';
import { PlanView } from './components/PlanView.js';
import { UsersPage } from './components/UsersPage.js';

/** `#/plans/<id>`, `#/users` (the administrator's) or `#/` (the list): plain hash routes, so a reload or a shared link lands right. */
function useRoute(): [string, (to: string) => void] {
  const [hash, setHash] = useState(() => window.location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(window.location.hash || '#/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [hash, (to) => (window.location.hash = to)];
}

export function App() {
  const { t, i18n } = useTranslation();
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const [publicReader, setPublicReader] = useState(false);
  const [route, go] = useRoute();

  useEffect(() => {
    api
      .session()
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setUser(s.user);
      })
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setCsrfToken(null);
    setUser(null);
    setPublicReader(false);
    go('#/');
  }, [go]);

  const planMatch = /^#\/plans\/([^/?]+)/.exec(route);
  const lang = i18n.language === 'en' ? 'en' : 'it';

  return (
    <SessionContext.Provider value={{ user, setUser }}>
      <a className="visually-hidden-focusable skip-link" href="#main">
        {t('app.skip')}
      </a>
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
          <div className="d-flex align-items-center gap-3">
            <label className="albero-lang">
              <span className="visually-hidden">{t('app.language')}</span>
              <select value={lang} onChange={(e) => setLanguage(e.target.value as 'it' | 'en')} aria-label={t('app.language')}>
                <option value="it">Italiano</option>
                <option value="en">English</option>
              </select>
            </label>
            {user !== null && (
              <>
                {user.role === 'admin' && (
                  <a href="#/users" className="albero-nav" aria-current={route === '#/users' ? 'page' : undefined} data-testid="nav-users">
                    {t('users.nav')}
                  </a>
                )}
                <span className="albero-user" data-testid="signed-in">
                  {t('login.signedAs', { name: user.displayName, role: t(`role.${user.role}`) })}
                </span>
                <button type="button" className="btn btn-sm btn-outline-light" onClick={() => void logout()}>
                  {t('login.logout')}
                </button>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container-xxl py-3">
        {!checked ? (
          <p role="status">{t('common.loading')}</p>
        ) : user === null && !publicReader ? (
          <Login onPublic={() => setPublicReader(true)} />
        ) : route === '#/users' ? (
          user?.role === 'admin' ? (
            <UsersPage />
          ) : (
            <p className="alert alert-warning" role="alert" data-testid="users-forbidden">
              {t('users.forbidden')}
            </p>
          )
        ) : planMatch ? (
          <PlanView key={planMatch[1]} planId={decodeURIComponent(planMatch[1]!)} onBack={() => go('#/')} />
        ) : (
          <PlansPage onOpen={(id) => go(`#/plans/${encodeURIComponent(String(id))}`)} />
        )}
      </main>
    </SessionContext.Provider>
  );
}
