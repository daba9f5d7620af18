/** Accounts: the administrator creates them and sets roles; everyone changes their own password. */
import { DoneSchema, SignInKindSchema, UserSchema, type SignInKind } from '../../contract/index.js';
import { z } from 'zod';
import { EMAIL_LANGUAGES, isEmail, ROLES, type EmailLanguage } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { actorOf, checkPassword, hashPassword, MIN_PASSWORD } from '../auth.js';
import { must, refuse } from '../errors.js';
import { ADMINS } from '../permissions.js';
import { invalidField, param } from '../validation.js';
import type { Store } from '../../store/index.js';
import { userView } from './session.js';

const Password = z.string().min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`).max(200);
const Units = z.array(z.string().trim().min(1).max(200)).max(100);
/** Reminders go to it; a sign-in through the identity provider may be matched by it. Null or empty clears it. */
const Email = z
  .union([z.string().trim().max(254), z.null()])
  .refine((v) => v === null || v === '' || isEmail(v), 'email')
  .optional();
/** The language of the emails sent to the account (reminders). */
const Language = z.enum(EMAIL_LANGUAGES as [EmailLanguage, ...EmailLanguage[]]);
const OwnSettings = z.object({ language: Language }).strict();
const UnitIds = z.array(z.string().min(1).max(200)).max(100);
const TemporaryPassword = z.object({ password: z.string().min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`).max(200) }).strict();

/** Units named in a request, by id or by name (names must be in the registry: 400 naming the field otherwise). */
async function unitIdsOf(store: Store, input: { units?: readonly string[] | undefined; unitIds?: readonly string[] | undefined }): Promise<string[] | undefined> {
  if (input.units === undefined && input.unitIds === undefined) return undefined;
  const ids = [...(input.unitIds ?? [])];
  const known = new Set((await store.listUnits()).map((u) => u.id));
  ids.forEach((id, k) => {
    if (!known.has(id)) throw invalidField(`unitIds.${k}`, { problem: 'unknown-unit', value: id });
  });
  if (input.units !== undefined && input.units.length > 0) {
    const found = await store.findUnitsByName(input.units);
    if (found.unknown.length > 0) throw invalidField(`units.${input.units.indexOf(found.unknown[0]!)}`, { problem: 'unknown-unit', value: found.unknown[0]! });
    for (const id of found.ids) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
/**
 * A password goes with the way of signing in (400 at `password` otherwise): a `password` account
 * needs one, a `provider` account has none in Albero (one sent would be a password that can never be
 * used). `now` is the account's way before the request (a new account: `password`).
 */
function passwordForSignIn(signIn: SignInKind, password: string | undefined, now: SignInKind): void {
  if (signIn === 'provider' && password !== undefined) throw invalidField('password', { problem: 'password-for-provider' });
  // Moved from the provider to a password: the account has none yet.
  if (signIn === 'password' && now === 'provider' && password === undefined) throw invalidField('password', { problem: 'password-for-password-sign-in' });
}

/** A password sign-in or change for an account that signs in at the identity provider: the wrong way, said as such. */
function refusePasswordOf(account: { signIn: SignInKind } | undefined): void {
  if (account?.signIn === 'provider') throw refuse(409, 'sign-in-with-provider', {});
}

const NewUser = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9._@-]{2,64}$/, 'username'),
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    units: Units.optional(),
    unitIds: UnitIds.optional(),
    email: Email,
    language: Language.optional(),
    /** `password` unless given. */
    signIn: SignInKindSchema.optional(),
    /** Required for a `password` account, refused for a `provider` one. */
    password: Password.optional(),
  })
  .strict();
const UserPatch = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    units: Units.optional(),
    unitIds: UnitIds.optional(),
    active: z.boolean().optional(),
    email: Email,
    language: Language.optional(),
    signIn: SignInKindSchema.optional(),
    password: Password.optional(),
  })
  .strict();
const PasswordChange = z.object({ current: z.string().min(1).max(1000), next: Password }).strict();

export const userRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route(
    {
      method: 'get',
      path: '/api/users',
      tag: 'users',
      summary: 'All accounts',
      roles: ADMINS,
      action: 'list accounts',
      responses: { 200: { description: '[{id, username, displayName, role, units, active}]', schema: z.array(UserSchema) }, 401: 'not signed in', 403: 'role' },
    },
    async (c, { reply }) => {
      return reply(200, (await store.listUsers()).map(userView));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/users',
      tag: 'users',
      summary: 'Create an account',
      roles: ADMINS,
      action: 'create accounts',
      body: NewUser,
      responses: {
        201: { description: 'the user', schema: UserSchema },
        400: 'invalid body (a password missing for a password account, or given for a provider one)',
        403: 'role',
        409: 'username or email taken (duplicate), or stored meanwhile by another request (conflict)',
      },
    },
    async (c, { user: admin, body: input, reply }) => {
      const signIn = input.signIn ?? 'password';
      // A new account has no password yet: one is needed unless it signs in at the provider.
      passwordForSignIn(signIn, input.password, 'provider');
      const email = input.email === undefined || input.email === null || input.email === '' ? null : input.email.toLowerCase();
      if (email !== null && (await store.listUsers()).some((u) => u.email === email)) throw invalidField('email', { problem: 'email-taken', value: email });
      const unitIds = (await unitIdsOf(store, input)) ?? [];
      // The account, its email and its language in one transaction: an email taken meanwhile leaves no account behind.
      const user = must(
        await store.createUser(
          {
            username: input.username,
            displayName: input.displayName,
            role: input.role,
            unitIds,
            signIn,
            passwordHash: input.password === undefined ? '' : await hashPassword(input.password),
            email,
            ...(input.language === undefined ? {} : { language: input.language }),
          },
          actorOf(admin),
        ),
      );
      // A login no account held (a removed one's, given again) is named by its new account at once.
      deps.names.forget();
      return reply(201, userView({ ...user, email, language: input.language ?? 'it' }));
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/users/me',
      tag: 'users',
      summary: 'Change your own settings: the language (it, en) of the emails Albero sends you',
      roles: 'signed-in',
      body: OwnSettings,
      responses: { 200: { description: 'your account', schema: UserSchema }, 400: 'invalid body', 401: 'not signed in' },
    },
    async (c, { user, body: input, reply }) => {
      must(await store.emails.setLanguage(user.id, input.language, actorOf(user)));
      deps.sessions.forgetUser(user.id);
      const account = await store.getUser(user.id);
      if (account === undefined) throw refuse(404, 'not-found', { what: 'user', id: user.id });
      return reply(200, userView(account));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/users/me/password',
      tag: 'users',
      summary: 'Change your own password (ends your other sessions; sign in again)',
      roles: 'signed-in',
      body: PasswordChange,
      responses: {
        200: { description: '{ok: true}', schema: DoneSchema },
        400: 'invalid body',
        401: 'not signed in',
        403: 'wrong current password',
        409: 'sign-in-with-provider: the account has no password',
      },
    },
    async (c, { user, body: input, reply }) => {
      refusePasswordOf(user);
      const login = await store.findLogin(user.username);
      if (!(await checkPassword(login?.passwordHash, input.current))) throw refuse(403, 'wrong-password', {});
      must(await store.updateUser(user.id, { passwordHash: await hashPassword(input.next) }, actorOf(user)));
      // The store ended the account's sessions: so does the session cache, at once.
      deps.sessions.forgetUser(user.id);
      return reply(200, { ok: true });
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/users/:id',
      tag: 'users',
      summary: "Change an account's name, role, units, active flag, way of signing in or password",
      roles: ADMINS,
      action: 'change accounts',
      body: UserPatch,
      responses: {
        200: { description: 'the user', schema: UserSchema },
        400: 'invalid body (a password for a provider account; none when moving one to a password)',
        403: 'role',
        404: 'unknown user',
        422: 'invalid, reason last-admin (at `role` or `active`): the last active administrator demoted or deactivated; nothing changed',
      },
    },
    async (c, { user: admin, body: { password, units, unitIds, email, language, ...patch }, reply }) => {
      const id = param(c, 'id');
      const account = await store.getUser(id);
      if (account === undefined) throw refuse(404, 'not-found', { what: 'user', id });
      // Checked before anything is written: the email and language are stored apart from the rest.
      passwordForSignIn(patch.signIn ?? account.signIn, password, account.signIn);
      // The last active administrator: refused before the email or language is written (the store
      // decides it again under its lock, for two administrators demoting each other at once).
      if (account.role === 'admin' && account.active && ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false)) {
        const field = patch.role !== undefined && patch.role !== 'admin' ? 'role' : 'active';
        if (!(await store.listUsers()).some((u) => u.id !== id && u.role === 'admin' && u.active)) throw refuse(422, 'invalid', { field, reason: 'last-admin' }, { details: { field } });
      }
      const ids = await unitIdsOf(store, { units, unitIds });
      if (email !== undefined) {
        const changed = await store.emails.setEmail(id, email, actorOf(admin));
        // Named as the creation names it (`email-taken`), for a form to say it apart from a malformed address.
        if (!changed.ok && changed.error.code === 'duplicate') throw invalidField('email', { problem: 'email-taken', value: email === null ? '' : email.toLowerCase() });
        must(changed);
      }
      if (language !== undefined) must(await store.emails.setLanguage(id, language, actorOf(admin)));
      const updated = await store.updateUser(
        id,
        { ...patch, ...(ids !== undefined ? { unitIds: ids } : {}), ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}) },
        actorOf(admin),
      );
      // A new role, units, password or a deactivation applies to the account's open sessions at once.
      deps.sessions.forgetUser(id);
      // A new name is said at once in the tree's answers.
      deps.names.forget();
      const user = must(updated);
      return reply(200, userView(user));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/users/:id/temporary-password',
      tag: 'users',
      summary: 'Set a temporary password: the account’s sessions end, and at the next sign-in nothing else is allowed until the user changes it',
      roles: ADMINS,
      action: 'set passwords',
      body: TemporaryPassword,
      responses: {
        200: { description: 'the user (mustChangePassword: true)', schema: UserSchema },
        400: 'invalid body',
        401: 'not signed in',
        403: 'role',
        404: 'unknown user',
        409: 'sign-in-with-provider: the account has no password',
      },
    },
    async (c, { user: admin, body: input, reply }) => {
      const id = param(c, 'id');
      refusePasswordOf(await store.getUser(id));
      const updated = await store.updateUser(id, { passwordHash: await hashPassword(input.password), mustChangePassword: true }, actorOf(admin));
      deps.sessions.forgetUser(id);
      return reply(200, userView(must(updated)));
    },
  );
};
