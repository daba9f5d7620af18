/**
 * Accounts as the API sends them (`GET /api/users`, the session's `user`, every change to an
 * account): `server/routes/session.ts` `userView` makes them. Never the password's hash.
 */
import { z } from 'zod';
import { ROLES, SIGN_IN_KINDS } from './permissions.js';

export const RoleSchema = z.enum(ROLES);

// The ways of signing in are zod-free (permissions.ts), as the roles are: the CLI reads them without loading zod.
export { SIGN_IN_KINDS, type SignInKind } from './permissions.js';
export const SignInKindSchema = z.enum(SIGN_IN_KINDS);

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
  /** How the account signs in (migration 76: the accounts before it were given `password`). */
  signIn: SignInKindSchema,
  /** A temporary password: the app asks for a new one before anything else. */
  mustChangePassword: z.boolean(),
});

/**
 * The caps on what a reader uploads, as this server was started (server/api.ts `ServerLimits`): the screens say the
 * real limits in their hints rather than the defaults (env ALBERO_MAX_ATTACHMENT_MB).
 */
export const UploadLimitsSchema = z.strictObject({
  /** The largest evidence file attached to a value, in bytes. */
  attachmentBytes: z.number().int().positive(),
});

/** `POST /api/session` and `GET /api/session`: the account, the token every mutating request carries and the server's limits. */
export const SessionSchema = z.strictObject({ user: UserSchema, csrfToken: z.string(), limits: UploadLimitsSchema });
/**
 * `GET /api/session`: the session, or null when no one is signed in on this browser (no cookie, or
 * one whose session ended). Not being signed in is a state the sign-in page starts from, not a
 * refusal; every other route still answers 401 `unauthenticated` without a session.
 */
export const SessionReadSchema = SessionSchema.nullable();

export type User = z.infer<typeof UserSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type SessionRead = z.infer<typeof SessionReadSchema>;
export type UploadLimits = z.infer<typeof UploadLimitsSchema>;
