/**
 * Changing one's own password: reachable from the header by everyone signed in, and the only screen
 * a session with a temporary password may see (the API answers 403 `password-change-required` to
 * anything else). The change ends every session of the account, this one included, so the app signs
 * in again with the new password at once: the person goes on working without typing it twice more.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { api, holdSession } from '../api/client.js';
import { campaign } from '../campaign/campaign-api.js';
import { NO_ERRORS } from '../ui/form-errors.js';
import { useSession } from '../session.js';
import { Field, focusFirstError, focusSoon, FormAlert, Notice, useFormErrors } from '../ui/Form.js';
import type { Kept } from '../ui/server-words.js';

/** The server's rule (routes/users.ts), checked here first so the person hears it before sending. */
export const MIN_PASSWORD = 8;

/** What the server would refuse, and what it cannot know (the repeated password), found before sending. */
export function passwordProblems(input: { current: string; next: string; confirm: string }): Record<string, string> {
  const fields: Record<string, string> = {};
  if (input.current === '') fields.current = 'current';
  if (input.next.length < MIN_PASSWORD || input.next.length > 200) fields.next = 'field.next';
  else if (input.next === input.current) fields.next = 'same';
  if (fields.next === undefined && input.confirm !== input.next) fields.confirm = 'mismatch';
  return fields;
}

export function PasswordPage({ forced, onDone }: { forced: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const { user, setUser } = useSession();
  // Kept as what they are (keys, the server's answer): a change of language says them again.
  const { errors, setProblems, refuse } = useFormErrors('account.errors');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [notice, setNotice] = useState<Kept | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const problems = passwordProblems({ current, next, confirm });
    const found = { fields: Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, `account.errors.${key}`])), general: null };
    setProblems(found, { min: MIN_PASSWORD });
    if (Object.keys(found.fields).length > 0) return focusFirstError(found, 'pw-');
    if (user === null) return;
    setBusy(true);
    try {
      await campaign.changeOwnPassword(current, next);
      // The change ended this session too: a new one with the new password.
      const session = await api.login(user.username, next);
      holdSession(session);
      setCurrent('');
      setNext('');
      setConfirm('');
      setNotice({ key: 'account.changed' });
      setUser(session.user);
      // The form was disabled while the password was changed, which left the focus on the page's body.
      focusSoon('password-notice');
      onDone?.();
    } catch (err) {
      // A wrong current password belongs to its field.
      if ((err as { code?: unknown }).code === 'wrong-password') {
        const atCurrent = { fields: { current: 'account.errors.wrong-password' }, general: null };
        setProblems(atCurrent);
        focusFirstError(atCurrent, 'pw-');
      } else focusFirstError(refuse(err), 'pw-');
    } finally {
      setBusy(false);
    }
  }

  // An account that signs in at the identity provider has no password here: its own page keeps only the language.
  if (user?.signIn === 'provider' && !forced)
    return (
      <div className="row justify-content-center" data-testid="own-account">
        <div className="col-12 col-md-8 col-lg-5">
          <h1 className="h3 mb-3">{t('account.providerTitle')}</h1>
          <p data-testid="own-account-provider">{t('account.providerIntro')}</p>
          <OwnLanguage />
        </div>
      </div>
    );
  return (
    <div className="row justify-content-center" data-testid={forced ? 'forced-password' : 'own-password'}>
      <div className="col-12 col-md-8 col-lg-5">
        <h1 className="h3 mb-3">{t(forced ? 'account.forcedTitle' : 'account.title')}</h1>
        <p className={forced ? 'alert alert-warning' : ''} role={forced ? 'alert' : undefined}>
          {t(forced ? 'account.forcedIntro' : 'account.intro')}
        </p>
        <Notice text={notice} testId="password-notice" id="password-notice" />
        <FormAlert errors={errors} />
        <form onSubmit={(e) => void submit(e)} className="albero-form" noValidate data-testid="password-form">
          <fieldset disabled={busy}>
            {/* The username lets password managers file the new password under the right account. */}
            <input type="text" name="username" autoComplete="username" value={user?.username ?? ''} readOnly hidden />
            <Field id="pw-current" label={t('password.current')} error={errors.fields.current}>
              {(aria) => <input {...aria} type="password" className="form-control" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />}
            </Field>
            <Field id="pw-next" label={t('password.next')} hint={t('users.passwordHint', { min: MIN_PASSWORD })} error={errors.fields.next}>
              {(aria) => <input {...aria} type="password" className="form-control" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />}
            </Field>
            <Field id="pw-confirm" label={t('account.confirm')} error={errors.fields.confirm}>
              {(aria) => <input {...aria} type="password" className="form-control" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />}
            </Field>
            <Button color="primary" type="submit" className="mt-2" data-testid="password-submit">
              {t('account.submit')}
            </Button>
          </fieldset>
        </form>
        {!forced && <OwnLanguage />}
      </div>
    </div>
  );
}

/** The language of the emails Albero sends the signed-in person (reminders), chosen by them. */
function OwnLanguage() {
  const { t } = useTranslation();
  const { user, setUser } = useSession();
  const { errors, setProblems, refuse } = useFormErrors('account.errors');
  const [language, setLanguage] = useState<'it' | 'en'>(user?.language ?? 'it');
  const [notice, setNotice] = useState<Kept | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    setProblems(NO_ERRORS);
    try {
      const saved = await campaign.setOwnLanguage(language);
      if (user !== null && user !== undefined) setUser({ ...user, language: saved.language });
      setNotice({ key: 'accounts.ownLanguageSaved' });
      // The form was disabled while it was saved, which left the focus on the page's body.
      focusSoon('own-language-notice');
    } catch (err) {
      const refused = refuse(err);
      focusSoon(refused.fields.language === undefined ? 'own-language-submit' : 'own-language');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="own-language-title" className="mt-4" data-testid="own-language">
      <h2 id="own-language-title" className="h5">
        {t('accounts.ownLanguage')}
      </h2>
      <Notice text={notice} testId="own-language-notice" id="own-language-notice" />
      <FormAlert errors={errors} />
      <form onSubmit={(e) => void submit(e)} className="albero-form" noValidate>
        <fieldset disabled={busy}>
          <Field id="own-language" label={t('accounts.language')} hint={t('accounts.ownLanguageHint')} error={errors.fields.language}>
            {(aria) => (
              <select {...aria} className="form-select" value={language} onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'it')}>
                <option value="it">{t('accounts.languageIt')}</option>
                <option value="en">{t('accounts.languageEn')}</option>
              </select>
            )}
          </Field>
          <Button color="primary" type="submit" className="mt-2" id="own-language-submit" data-testid="own-language-submit">
            {t('accounts.ownLanguageSave')}
          </Button>
        </fieldset>
      </form>
    </section>
  );
}
