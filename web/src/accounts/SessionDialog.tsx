/**
 * "Sessione scaduta": the sign-in asked in place when the session ends under a signed-in screen
 * (the API client's `onSessionExpired`). A modal dialog over the screen, which stays as it was: once
 * the reader has signed in again, the save that met the expiry is sent again (client.ts), so what
 * they typed is kept. The account is the one that was signed in, and only its own way is offered:
 * its password, or for an account that signs in at the body's identity provider (it has no password
 * in Albero) the sign-in there (ProviderRenewal.tsx: in a popup window, the page staying as it is).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKept, type Kept } from '../ui/server-words.js';
import { api, ApiError, holdSession } from '../api/client.js';
import type { User } from '../api/types.js';
import { Button } from 'design-react-kit';
import { Dialog, DialogActions, Field } from '../ui/Form.js';
import { ProviderRenewal } from './ProviderRenewal.js';

/** `onSignedIn` gets the new session's user; `onCancel` leaves the save refused (its form keeps what was typed). */
export function SessionDialog({ user, onSignedIn, onCancel }: { user: User; onSignedIn: (user: User) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  // Kept as what it is (a key, the server's answer), said on each render: after a change of language, in the new one.
  const [kept, setProblem] = useState<Kept | undefined>(undefined);
  const say = useKept();
  const problem =
    kept === undefined
      ? undefined
      : say(kept, (err) =>
          err instanceof ApiError && err.code === 'invalid-credentials'
            ? t('account.expired.wrongPassword')
            : t('account.expired.failed', { message: err instanceof Error ? err.message : String(err) }),
        );
  const [busy, setBusy] = useState(false);

  if (user.signIn === 'provider')
    return (
      <Dialog title={t('account.expired.title')} onClose={onCancel} testId="session-dialog">
        <p id="session-expired-text">{t('account.expired.text', { name: user.displayName })}</p>
        <ProviderRenewal user={user} onSignedIn={onSignedIn} />
        <div className="d-flex gap-2 mt-3">
          <Button color="secondary" outline type="button" onClick={onCancel} data-testid="session-cancel">
            {t('common.cancel')}
          </Button>
        </div>
      </Dialog>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    // Said at the field in the screen's language (the form is noValidate: not the browser's bubble).
    if (password === '') {
      setProblem({ key: 'login.passwordMissing' });
      document.getElementById('session-password')?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const s = await api.login(user.username, password);
      holdSession(s);
      onSignedIn(s.user);
    } catch (err) {
      setProblem({ error: err });
      document.getElementById('session-password')?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('account.expired.title')} onClose={onCancel} testId="session-dialog">
      <p id="session-expired-text">{t('account.expired.text', { name: user.displayName })}</p>
      <form onSubmit={(e) => void submit(e)} className="albero-form" noValidate aria-describedby="session-expired-text">
        {/* For the browser's password manager: the account signing in again. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <Field id="session-password" label={t('login.password')} error={problem}>
          {(aria) => (
            <input
              {...aria}
              type="password"
              name="password"
              className="form-control"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setProblem(undefined);
              }}
            />
          )}
        </Field>
        <DialogActions submit={t('account.expired.submit')} submitTestId="session-submit" onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
