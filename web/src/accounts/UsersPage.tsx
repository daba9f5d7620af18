/**
 * The administrator's accounts: list, create, change role, units, email and the way of signing in
 * (a password, or the body's identity provider: then no password), set a temporary password
 * (changed by its owner at the next sign-in), deactivate (after a confirmation) and reactivate.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { api } from '../api/client.js';
import { campaign, type Unit } from '../campaign/campaign-api.js';
import { UnitPicker } from '../units/UnitPicker.js';
import { useRegistryChanged, useUnits, useUsers } from '../units/queries.js';
import { ListTable, type ListColumn } from '../ui/ListTable.js';
import { ROLES } from '../../../src/contract/permissions.js';
import type { Account, Role } from '../api/types.js';
import { SIGN_IN_KINDS, type SignInKind } from '../../../src/contract/users.js';
import { NO_ERRORS, type FormErrors } from '../ui/form-errors.js';
import { useSession } from '../session.js';
import { Dialog, DialogActions, Field, FIRST_FOCUS, focusFirstError, focusSoon, FormAlert, Notice, useFormErrors, useRefusal, type ProblemKeys } from '../ui/Form.js';
import { useInLanguage, type Kept } from '../ui/server-words.js';

/** The server's rules (routes/users.ts), checked here first so the user hears them before sending. */
const MIN_PASSWORD = 8;
const USERNAME = /^[a-zA-Z0-9._@-]{2,64}$/;

export function UsersPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const refusal = useRefusal('users.errors');
  const said = useInLanguage();
  const accountsRead = useUsers();
  // The registry the unit pickers offer (the registry screen is where it changes).
  const unitsRead = useUnits();
  const changed = useRegistryChanged();
  // The refusal kept as the server's answer, said on each render: after a change of language, in the new one.
  const [failed, setFailed] = useState<{ error: unknown } | null>(null);
  const [notice, setNotice] = useState<Kept | null>(null);
  const [editing, setEditing] = useState<Account | null>(null);
  const [temporary, setTemporary] = useState<Account | null>(null);
  const [deactivating, setDeactivating] = useState<Account | null>(null);
  const readError = accountsRead.error ?? unitsRead.error;
  const errors = failed !== null ? refusal(said(failed.error)) : readError === null ? NO_ERRORS : refusal(said(readError));
  const units = unitsRead.data ?? null;

  async function setActive(a: Account, active: boolean) {
    setNotice(null);
    setFailed(null);
    try {
      await api.updateUser(a.id, { active });
      setNotice({ key: active ? 'users.reactivated' : 'users.deactivated', values: { name: a.displayName } });
      await changed();
    } catch (e) {
      setFailed({ error: e });
      // The question's dialog gives the focus back to the row's button as it goes; the refusal, up top, takes it then.
      focusSoon('users-refused');
    } finally {
      setDeactivating(null);
    }
  }

  const columns: ListColumn<Account>[] = [
    { header: t('users.name'), rowHeader: true, cell: (a) => a.displayName },
    { header: t('users.username'), cell: (a) => a.username },
    { header: t('users.role'), cell: (a) => t(`role.${a.role}`) },
    { header: t('accounts.signIn'), cell: (a) => <span data-testid={`sign-in-${a.username}`}>{t(`accounts.signInWays.${a.signIn}`)}</span> },
    { header: t('accounts.email'), cell: (a) => (a.email ? a.email : <span className="muted">{t('accounts.noEmail')}</span>) },
    { header: t('users.units'), cell: (a) => (a.units.length === 0 ? <span className="muted">{t('users.none')}</span> : a.units.join(', ')) },
    {
      header: t('users.active'),
      cell: (a) => (
        <>
          {a.active ? t('users.yes') : <strong>{t('users.no')}</strong>}
          {a.mustChangePassword === true && <div className="small">{t('accounts.mustChange')}</div>}
        </>
      ),
    },
    {
      header: t('users.actions'),
      className: 'd-flex flex-wrap gap-2',
      cell: (a) => (
        <>
          <Button size="xs" color="primary" outline onClick={() => setEditing(a)} aria-label={t('users.edit', { name: a.displayName })}>
            {t('common.edit')}
          </Button>
          {/* A provider account has no password here to set. */}
          {String(a.id) !== String(user?.id) && a.active && a.signIn === 'password' && (
            <Button size="xs" color="primary" outline onClick={() => setTemporary(a)} aria-label={t('accounts.temporaryLabel', { name: a.displayName })} data-testid={`temporary-${a.username}`}>
              {t('accounts.temporary')}
            </Button>
          )}
          {/* Deactivating yourself would lock the administrator out: another administrator does it. Deactivating asks first; reactivating does not. */}
          {String(a.id) !== String(user?.id) && (
            <Button size="xs" color={a.active ? 'danger' : 'success'} outline onClick={() => (a.active ? setDeactivating(a) : void setActive(a, true))} data-testid={`toggle-${a.username}`}>
              {t(a.active ? 'users.deactivate' : 'users.reactivate', { name: a.displayName })}
            </Button>
          )}
        </>
      ),
    },
  ];

  return (
    <div>
      <h1 className="h3">{t('users.title')}</h1>
      <FormAlert errors={errors} id="users-refused" />
      <Notice text={notice} testId="users-notice" id="users-notice" />
      <section aria-labelledby="users-list">
        <h2 id="users-list" className="h5">
          {t('users.list')}
        </h2>
        <ListTable rows={accountsRead.data ?? null} columns={columns} rowKey={(a) => String(a.id)} rowData={(a) => ({ 'data-username': a.username })} empty={t('users.none')} testId="users-table" />
      </section>
      <NewUserForm
        units={units}
        onSubmit={() => setNotice(null)}
        onCreated={(a) => {
          setNotice({ key: 'users.created', values: { name: a.displayName } });
          // The form was disabled while it was sent, which left the focus on the page's body: the message takes it.
          focusSoon('users-notice');
          void changed();
        }}
      />
      {temporary !== null && (
        <TemporaryPasswordDialog
          account={temporary}
          onClose={() => setTemporary(null)}
          onSaved={() => {
            setNotice({ key: 'accounts.temporaryDone', values: { name: temporary.displayName } });
            setTemporary(null);
            void changed();
          }}
        />
      )}
      {deactivating !== null && (
        <Dialog title={t('accounts.deactivateTitle', { name: deactivating.displayName })} onClose={() => setDeactivating(null)} testId="deactivate-dialog">
          <p data-testid="deactivate-text">{t('accounts.deactivateText', { name: deactivating.displayName, username: deactivating.username })}</p>
          <div className="d-flex gap-2 mt-3">
            <Button color="danger" type="button" onClick={() => void setActive(deactivating, false)} data-testid="deactivate-confirm">
              {t('accounts.deactivateConfirm')}
            </Button>
            <Button color="secondary" outline type="button" onClick={() => setDeactivating(null)} {...FIRST_FOCUS} data-testid="deactivate-cancel">
              {t('common.cancel')}
            </Button>
          </div>
        </Dialog>
      )}
      {editing !== null && (
        <EditUserDialog
          account={editing}
          units={units}
          onClose={() => setEditing(null)}
          onSaved={(a) => {
            setEditing(null);
            setNotice({ key: 'users.updated', values: { name: a.displayName } });
            void changed();
          }}
        />
      )}
    </div>
  );
}

/** The problems the server would refuse, found before sending; same words as its refusals. */
/** The new account's problems by catalogue key (said with `{ min: MIN_PASSWORD }`). */
function checkNewUser(input: { username: string; displayName: string; signIn: SignInKind; password: string; email: string }): ProblemKeys {
  const fields: Record<string, string> = {};
  if (!emailLooksRight(input.email)) fields.email = 'accounts.errors.field.email';
  if (!USERNAME.test(input.username)) fields.username = 'users.errors.field.username';
  if (input.displayName.trim() === '') fields.displayName = 'users.errors.field.displayName';
  if (input.signIn === 'password' && (input.password.length < MIN_PASSWORD || input.password.length > 200)) fields.password = 'users.errors.field.password';
  return { fields, general: null };
}

/** `onSubmit`: the form is sent (the page's message of the last change is no longer news beside this form's problems). */
function NewUserForm({ units: registry, onSubmit, onCreated }: { units: Unit[] | null; onSubmit: () => void; onCreated: (a: Account) => void }) {
  const { t } = useTranslation();
  // Kept as what they are (keys, the server's answer): a change of language says them again.
  const { errors, setProblems, refuse } = useFormErrors('users.errors', 'username');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('referente');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [signIn, setSignIn] = useState<SignInKind>('password');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<'it' | 'en'>('it');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit();
    const found = checkNewUser({ username, displayName, signIn, password, email });
    setProblems(found, { min: MIN_PASSWORD });
    if (Object.keys(found.fields).length > 0) return focusFirstError(found, 'new-');
    setBusy(true);
    try {
      const created = await api.createUser({
        username,
        displayName: displayName.trim(),
        role,
        unitIds,
        signIn,
        // A provider account has no password: what was typed before choosing the provider is not sent.
        ...(signIn === 'password' ? { password } : {}),
        language,
        ...(email.trim() === '' ? {} : { email: email.trim() }),
      });
      setUsername('');
      setEmail('');
      setDisplayName('');
      setUnitIds([]);
      setLanguage('it');
      setSignIn('password');
      setPassword('');
      onCreated(created);
    } catch (err) {
      const refused = refuse(err);
      if (refused.general !== null) focusSoon('new-user-refused');
      else focusFirstError(refused, 'new-');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="new-user-title" className="mt-4">
      <h2 id="new-user-title" className="h5">
        {t('users.create')}
      </h2>
      <FormAlert errors={errors} id="new-user-refused" />
      <form onSubmit={(e) => void submit(e)} className="albero-form row g-3" noValidate data-testid="new-user">
        <fieldset disabled={busy} className="col-12 row g-3">
          <div className="col-md-6">
            <Field id="new-username" label={t('users.username')} hint={t('users.usernameHint')} error={errors.fields.username}>
              {(aria) => <input {...aria} type="text" className="form-control" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} required />}
            </Field>
          </div>
          <div className="col-md-6">
            <Field id="new-displayName" label={t('users.displayName')} error={errors.fields.displayName}>
              {(aria) => <input {...aria} type="text" className="form-control" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />}
            </Field>
          </div>
          <div className="col-md-6">
            <Field id="new-role" label={t('users.role')} error={errors.fields.role}>
              {(aria) => <RoleSelect aria={aria} value={role} onChange={setRole} />}
            </Field>
          </div>
          <div className="col-md-6">
            <Field id="new-signIn" label={t('accounts.signIn')} hint={t('accounts.signInHint')} error={errors.fields.signIn}>
              {(aria) => <SignInSelect aria={aria} value={signIn} onChange={setSignIn} />}
            </Field>
          </div>
          {signIn === 'password' && (
            <div className="col-md-6">
              <Field id="new-password" label={t('users.password')} hint={t('users.passwordHint', { min: MIN_PASSWORD })} error={errors.fields.password}>
                {(aria) => <input {...aria} type="password" className="form-control" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
              </Field>
            </div>
          )}
          <div className="col-md-6">
            <Field id="new-email" label={t('accounts.email')} hint={t('accounts.emailHint')} error={errors.fields.email}>
              {(aria) => <input {...aria} type="email" className="form-control" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
          </div>
          <div className="col-md-6">
            <Field id="new-language" label={t('accounts.language')} hint={t('accounts.languageHint')} error={errors.fields.language}>
              {(aria) => <LanguageSelect aria={aria} value={language} onChange={setLanguage} />}
            </Field>
          </div>
          <div className="col-12">
            <UnitPicker id="new-units" label={t('users.units')} units={registry} value={unitIds} onChange={setUnitIds} error={unitError(errors)} />
          </div>
          <div className="col-12">
            <Button color="primary" type="submit" data-testid="new-user-submit">
              {t('users.createSubmit')}
            </Button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}

function RoleSelect({ aria, value, onChange }: { aria: Record<string, unknown>; value: Role; onChange: (r: Role) => void }) {
  const { t } = useTranslation();
  return (
    <select {...aria} className="form-select" value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`roleChoice.${r}`)}
        </option>
      ))}
    </select>
  );
}

/** How the account signs in: a password, or the body's identity provider. */
function SignInSelect({ aria, value, onChange }: { aria: Record<string, unknown>; value: SignInKind; onChange: (k: SignInKind) => void }) {
  const { t } = useTranslation();
  return (
    <select {...aria} className="form-select" value={value} onChange={(e) => onChange(e.target.value === 'provider' ? 'provider' : 'password')}>
      {SIGN_IN_KINDS.map((k) => (
        <option key={k} value={k}>
          {t(`accounts.signInWays.${k}`)}
        </option>
      ))}
    </select>
  );
}

/** The language of the emails Albero sends the account (reminders). */
function LanguageSelect({ aria, value, onChange }: { aria: Record<string, unknown>; value: 'it' | 'en'; onChange: (l: 'it' | 'en') => void }) {
  const { t } = useTranslation();
  return (
    <select {...aria} className="form-select" value={value} onChange={(e) => onChange(e.target.value === 'en' ? 'en' : 'it')}>
      <option value="it">{t('accounts.languageIt')}</option>
      <option value="en">{t('accounts.languageEn')}</option>
    </select>
  );
}

/** The server names a unit's problem by `unitIds.N` (or `units.N`): said under the picker. */
function unitError(errors: FormErrors): string | undefined {
  return Object.entries(errors.fields).find(([field]) => field === 'units' || field === 'unitIds' || field.startsWith('unitIds.') || field.startsWith('units.'))?.[1];
}

function EditUserDialog({ account, units: registry, onClose, onSaved }: { account: Account; units: Unit[] | null; onClose: () => void; onSaved: (a: Account) => void }) {
  const { t } = useTranslation();
  const { errors, setProblems, refuse } = useFormErrors('users.errors');
  const [role, setRole] = useState<Role>(account.role);
  const [unitIds, setUnitIds] = useState<string[]>(account.unitIds ?? []);
  const [email, setEmail] = useState(account.email ?? '');
  const [language, setLanguage] = useState<'it' | 'en'>(account.language ?? 'it');
  const [signIn, setSignIn] = useState<SignInKind>(account.signIn);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // Moved from the provider to a password: the account has none, so one is given here.
  const needsPassword = signIn === 'password' && account.signIn === 'provider';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!emailLooksRight(email)) fields.email = 'accounts.errors.field.email';
    if (needsPassword && (password.length < MIN_PASSWORD || password.length > 200)) fields.password = 'accounts.errors.field.password';
    if (Object.keys(fields).length > 0) {
      const found = { fields, general: null };
      setProblems(found, { min: MIN_PASSWORD });
      return focusFirstError(found, 'edit-');
    }
    setBusy(true);
    try {
      // An empty field clears the email (the server takes null).
      onSaved(await api.updateUser(account.id, { role, unitIds, language, signIn, ...(needsPassword ? { password } : {}), email: email.trim() === '' ? null : email.trim() }));
    } catch (err) {
      const refused = refuse(err);
      // The form was disabled while it was sent, which left the focus on the dialog's body: the refusal takes it.
      if (refused.general !== null) focusSoon('edit-user-refused');
      else focusFirstError(refused, 'edit-');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('users.editTitle', { name: account.displayName })} onClose={onClose} testId="edit-user">
      <FormAlert errors={errors} id="edit-user-refused" />
      <form onSubmit={(e) => void submit(e)} className="albero-form" noValidate>
        <fieldset disabled={busy}>
          <Field id="edit-role" label={t('users.role')} error={errors.fields.role}>
            {(aria) => <RoleSelect aria={aria} value={role} onChange={setRole} />}
          </Field>
          <UnitPicker id="edit-units" label={t('users.units')} units={registry} value={unitIds} onChange={setUnitIds} error={unitError(errors)} />
          <Field id="edit-email" label={t('accounts.email')} hint={t('accounts.emailHint')} error={errors.fields.email}>
            {(aria) => <input {...aria} type="email" className="form-control" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field id="edit-language" label={t('accounts.language')} hint={t('accounts.languageHint')} error={errors.fields.language}>
            {(aria) => <LanguageSelect aria={aria} value={language} onChange={setLanguage} />}
          </Field>
          <Field id="edit-signIn" label={t('accounts.signIn')} hint={t('accounts.signInHint')} error={errors.fields.signIn}>
            {(aria) => <SignInSelect aria={aria} value={signIn} onChange={setSignIn} />}
          </Field>
          {needsPassword && (
            <Field id="edit-password" label={t('accounts.signInPassword')} hint={t('accounts.signInPasswordHint', { min: MIN_PASSWORD })} error={errors.fields.password}>
              {(aria) => <input {...aria} type="password" className="form-control" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
            </Field>
          )}
          <DialogActions submitTestId="edit-user-submit" onCancel={onClose} />
        </fieldset>
      </form>
    </Dialog>
  );
}

/** The server's email rule, loosely: something@domain.tld; empty means none. The server decides in the end. */
function emailLooksRight(text: string): boolean {
  const v = text.trim();
  return v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

/** The administrator gives a temporary password: the account's sessions end, and at the next sign-in it must be changed. */
function TemporaryPasswordDialog({ account, onClose, onSaved }: { account: Account; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { errors, setProblems, refuse } = useFormErrors('accounts.errors');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password.length < MIN_PASSWORD || password.length > 200) {
      const found = { fields: { password: 'accounts.errors.field.password' }, general: null };
      setProblems(found, { min: MIN_PASSWORD });
      return focusFirstError(found, 'temp-');
    }
    setBusy(true);
    try {
      await campaign.temporaryPassword(String(account.id), password);
      onSaved();
    } catch (err) {
      const refused = refuse(err);
      if (refused.general !== null) focusSoon('temporary-refused');
      else focusFirstError(refused, 'temp-');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('accounts.temporaryTitle', { name: account.displayName })} onClose={onClose} testId="temporary-dialog">
      <p>{t('accounts.temporaryIntro', { name: account.displayName })}</p>
      <FormAlert errors={errors} id="temporary-refused" />
      <form onSubmit={(e) => void submit(e)} className="albero-form" noValidate>
        <fieldset disabled={busy}>
          <Field id="temp-password" label={t('accounts.temporary')} hint={t('users.passwordHint', { min: MIN_PASSWORD })} error={errors.fields.password}>
            {(aria) => <input {...aria} type="text" className="form-control" autoComplete="off" spellCheck={false} value={password} onChange={(e) => setPassword(e.target.value)} required />}
          </Field>
          <DialogActions submit={t('accounts.temporarySubmit')} submitTestId="temporary-submit" onCancel={onClose} />
        </fieldset>
      </form>
    </Dialog>
  );
}
