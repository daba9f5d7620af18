/**
 * Accounts as the API sends them (`GET /api/users`, the session's `user`, every change to an
 * account): `server/routes/session.ts` `userView` makes them. Never the password's hash.
 */
import { z } from 'zod';
import { ROLES } from './permissions.js';

export const RoleSchema = z.enum(ROLES);

export const UserSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  /** Reminders go to it; a sign-in through the identity provider may be matched by it. */
  email: z.string().nullable(),
  /** The language of the emails Albero sends the account. */
  language: z.enum(['it', 'en']),
  displayName: z.string(),
  role: RoleSchema,
  /** The names of the units the account is a member of. */
  units: z.array(z.string()),
  /** Registry ids of the units it is a member or the head of (what permissions are decided on). */
  unitIds: z.array(z.string()),
  active: z.boolean(),
  /** A temporary password: the app asks for a new one before anything else. */
  mustChangePassword: z.boolean(),
});

/** `POST /api/session` and `GET /api/session`: the account and the token every mutating request carries. */
export const SessionSchema = z.strictObject({ user: UserSchema, csrfToken: z.string() });

export type User = z.infer<typeof UserSchema>;
export type Session = z.infer<typeof SessionSchema>;
