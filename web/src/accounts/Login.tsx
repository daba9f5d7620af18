import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import { api, ApiError, holdSession } from '../api/client.js';
import { useSession } from '../session.js';
import { ProviderSignIn } from '../campaign/ProviderSignIn.js';
import { Field, focusFirstError, focusSoon } from '../ui/Form.js';

export function Login({ onPublic }: { onPublic: () => void }) {
  const { t } = useTranslation();
  const { setUser } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // An empty field, said beside it in the screen's words (not the browser's bubble); nothing sent.
  const [problems, setProblems] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (username.trim() === '') found.username = t('login.usernameMissing');
    if (password === '') found.password = t('login.passwordMissing');
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setError(null);
      return focusFirstError({ fields: found, general: null }, '');
    }
    setBusy(true);
    setError(null);
    try {
      const s = await api.login(username, password);
      holdSession(s);
      setUser(s.user);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      // The button was disabled while the sign-in was tried, which left the focus on the page's body: the refusal takes it.
      focusSoon('login-error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-6 col-lg-4">
        <h1 className="h3 mb-4">{t('login.title')}</h1>
        {error !== null && (
          <Alert color="danger" role="alert" id="login-error" tabIndex={-1}>
            {t('login.failed', { message: error })}
          </Alert>
        )}
        <form onSubmit={(e) => void submit(e)} className="albero-form" noValidate>
          <Field id="username" label={t('login.username')} error={problems.username}>
            {(aria) => <input {...aria} type="text" name="username" className="form-control" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />}
          </Field>
          <div className="mb-4">
            <Field id="password" label={t('login.password')} error={problems.password}>
              {(aria) => (
                <input {...aria} name="password" type="password" className="form-control" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
              )}
            </Field>
          </div>
          <Button color="primary" type="submit" disabled={busy}>
            {t('login.submit')}
          </Button>
        </form>
        <ProviderSignIn />
        <p className="mt-4">
          <button type="button" className="btn btn-link p-0" onClick={onPublic}>
            {t('login.public')}
          </button>
        </p>
      </div>
    </div>
  );
}
