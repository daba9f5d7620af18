/** Accounts: the administrator creates them and sets roles; everyone changes their own password. */
import { z } from 'zod';
import { isEmail, ROLES, type Role } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { actorOf, checkPassword, hashPassword, MIN_PASSWORD, requireRole, requireUser } from '../auth.js';
import { HttpError, must } from '../errors.js';
import { ADMINS } from '../permissions.js';
import { body, invalidField, param } from '../validation.js';
import { userView } from './session.js';

const Password = z.string().min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`).max(200);
const Units = z.array(z.string().trim().min(1).max(200)).max(100);
/** Reminders go to it; a sign-in through the identity provider may be matched by it. Null or empty clears it. */
const Email = z
  .union([z.string().trim().max(254), z.null()])
  .refine((v) => v === null || v === '' || isEmail(v), 'an email address such as nome.cognome@ente.it')
  .optional();
const NewUser = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9._@-]{2,64}$/, '2–64 letters, digits, dots, dashes, underscores or @'),
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(ROLES as [Role, ...Role[]]),
    units: Units.default([]),
    email: Email,
    password: Password,
  })
  .strict();
const UserPatch = z.object({ displayName: z.string().trim().min(1).max(200).optional(), role: z.enum(ROLES as [Role, ...Role[]]).optional(), units: Units.optional(), active: z.boolean().optional(), email: Email, password: Password.optional() }).strict();
const PasswordChange = z.object({ current: z.string().min(1).max(1000), next: Password }).strict();

export const userRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route({ method: 'get', path: '/api/users', tag: 'users', summary: 'All accounts', access: 'admin', responses: { 200: '[{id, username, displayName, role, units, active}]', 401: 'not signed in', 403: 'role' } }, async (c) => {
    requireRole(c, ADMINS, 'list accounts');
    return c.json((await store.listUsers()).map(userView));
  });

  api.route({ method: 'post', path: '/api/users', tag: 'users', summary: 'Create an account', access: 'admin', body: NewUser, responses: { 201: 'the user', 400: 'invalid body', 403: 'role', 409: 'username taken' } }, async (c) => {
    const admin = requireRole(c, ADMINS, 'create accounts');
    const input = await body(c, NewUser);
    const email = input.email === undefined || input.email === null || input.email === '' ? null : input.email.toLowerCase();
    if (email !== null && (await store.listUsers()).some((u) => u.email === email)) throw invalidField('email', `another account has the email ${email}`);
    const user = must(await store.createUser({ username: input.username, displayName: input.displayName, role: input.role, units: input.units, passwordHash: await hashPassword(input.password) }, actorOf(admin)));
    if (email !== null) must(await store.emails.setEmail(user.id, email, actorOf(admin)));
    return c.json(userView({ ...user, email }), 201);
  });

  api.route({ method: 'post', path: '/api/users/me/password', tag: 'users', summary: 'Change your own password (ends your other sessions; sign in again)', access: 'signed in', body: PasswordChange, responses: { 200: '{ok: true}', 400: 'invalid body', 401: 'not signed in', 403: 'wrong current password' } }, async (c) => {
    const user = requireUser(c);
    const input = await body(c, PasswordChange);
    const login = await store.findLogin(user.username);
    if (!(await checkPassword(login?.passwordHash, input.current))) throw new HttpError(403, 'wrong-password', 'the current password is not right');
    must(await store.updateUser(user.id, { passwordHash: await hashPassword(input.next) }, actorOf(user)));
    // The store ended the account's sessions: so does the session cache, at once.
    deps.sessions.forgetUser(user.id);
    return c.json({ ok: true });
  });

  api.route({ method: 'patch', path: '/api/users/:id', tag: 'users', summary: "Change an account's name, role, units, active flag or password", access: 'admin', body: UserPatch, responses: { 200: 'the user', 400: 'invalid body', 403: 'role', 404: 'unknown user' } }, async (c) => {
    const admin = requireRole(c, ADMINS, 'change accounts');
    const { password, email, ...patch } = await body(c, UserPatch);
    const id = param(c, 'id');
    if (email !== undefined) {
      const changed = await store.emails.setEmail(id, email, actorOf(admin));
      if (!changed.ok && changed.error.code === 'duplicate') throw invalidField('email', changed.error.message);
      must(changed);
    }
    const updated = await store.updateUser(id, { ...patch, ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}) }, actorOf(admin));
    // A new role, units, password or a deactivation applies to the account's open sessions at once.
    deps.sessions.forgetUser(id);
    const user = must(updated);
    return c.json(userView(user));
  });
};
