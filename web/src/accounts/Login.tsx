import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKept, type Kept } from '../ui/server-words.js';
import { Alert, Button } from 'design-react-kit';
import { api, holdSession } from '../api/client.js';
import { useSession } from '../session.js';
import { ProviderSignIn } from '../campaign/ProviderSignIn.js';
import { Field, focusFirstError, focusSoon } from '../ui/Form.js';

export function Login({ onPublic }: { onPublic: () => void }) {
  const { t } = useTranslation();
  const { setUser } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // The refusal kept as the server's answer, and the empty fields by their keys: said on each render,
  // so a change of language says them again in the new one.
  const [refused, setError] = useState<Kept | null>(null);
  const say = useKept();
  const error = refused === null ? null : say(refused, (e) => (e instanceof Error ? e.message : String(e)));
  const [busy, setBusy] = useState(false);
  // An empty field, said beside it in the screen's words (not the browser's bubble); nothing sent.
  const [problemKeys, setProblems] = useState<Record<string, string>>({});
  const problems = Object.fromEntries(Object.entries(problemKeys).map(([field, key]) => [field, t(key)]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (username.trim() === '') found.username = 'login.usernameMissing';
    if (password === '') found.password = 'login.passwordMissing';
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
      setError({ error: err });
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
