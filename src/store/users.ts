/**
 * Accounts, their sessions, and failed sign-ins (per username and per address, with the moment
 * until which they lock; shared by every server on the database). An account's units are the
 * registry's (units.ts).
 */
import { randomUUID } from 'node:crypto';
import { sortByNames } from '../core/names.js';
import { recordAudit } from './audit-log.js';
import { one, type Db, type Queryable, type Row } from './db.js';
import { refuse } from './revisions.js';
import { fail, forUpdate, now, ok } from './shared.js';
import { isEmail } from './emails.js';
import { ensureUnitsByName, setUserUnits, unitsOfUsers, unknownUnit } from './units.js';
import type { Actor, LoginFailure, NewUser, Result, Role, SessionRecord, UserName, UserPatch, UserRecord } from './types.js';

function userRecord(r: Row, units: { ids: string[]; names: string[] } | undefined): UserRecord {
  return {
    id: String(r.id),
    username: String(r.username),
    email: r.email === null || r.email === undefined ? null : String(r.email),
    language: r.language === 'en' ? 'en' : 'it',
    displayName: String(r.display_name),
    role: r.role as Role,
    units: units?.names ?? [],
    unitIds: units?.ids ?? [],
    active: Number(r.active) === 1,
    signIn: r.sign_in === 'provider' ? 'provider' : 'password',
    createdAt: String(r.created_at),
    mustChangePassword: Number(r.must_change_password ?? 0) === 1,
  };
}

/** Users with their units (one more query for all of them). */
async function usersWithUnits(q: Queryable, rows: Row[]): Promise<UserRecord[]> {
  const units = await unitsOfUsers(
    q,
    rows.map((r) => String(r.id)),
  );
  return rows.map((r) => userRecord(r, units.get(String(r.id))));
}

/**
 * The password hash of an account that has none (a `provider` account): no hash verifies against it
 * (argon2 refuses it), and the column stays NOT NULL as migration 1 made it on both backends.
 */
const NO_PASSWORD = '';

function loginFailure(row: Row): LoginFailure {
  return { key: String(row.key), count: Number(row.count), firstAt: Number(row.first_at), until: Number(row.until_at) };
}

export class SqlUsers {
  constructor(private readonly db: Db) {}

  async countUsers(): Promise<number> {
    return Number((await one(this.db, `SELECT COUNT(*) AS n FROM users`))!.n);
  }

  async listUsers(): Promise<UserRecord[]> {
    // By username in names' order (core/names.ts), not the database's collation.
    const rows = await this.db.all(`SELECT * FROM users`);
    return usersWithUnits(
      this.db,
      sortByNames(
        rows,
        (r) => String(r.username),
        (r) => String(r.id),
      ),
    );
  }

  async userNamesStamp(): Promise<string> {
    // Joined by the database: one row crosses to the program, however many accounts there are.
    const sql =
      this.db.dialect === 'postgres'
        ? `SELECT string_agg(id || chr(1) || username || chr(1) || display_name, chr(2) ORDER BY id COLLATE "C") AS k FROM users`
        : `SELECT group_concat(id || char(1) || username || char(1) || display_name, char(2)) AS k FROM (SELECT id, username, display_name FROM users ORDER BY id)`;
    const row = await one(this.db, sql);
    return row === undefined || row.k === null || row.k === undefined ? '' : String(row.k);
  }

  async userNames(): Promise<UserName[]> {
    const rows = await this.db.all(`SELECT id, username, display_name FROM users ORDER BY id`);
    return rows.map((r) => ({ id: String(r.id), username: String(r.username), displayName: String(r.display_name) }));
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const r = await one(this.db, `SELECT * FROM users WHERE id = ?`, [id]);
    return r === undefined ? undefined : (await usersWithUnits(this.db, [r]))[0];
  }

  async findLogin(username: string): Promise<(UserRecord & { passwordHash: string }) | undefined> {
    const r = await one(this.db, `SELECT * FROM users WHERE username = ?`, [username]);
    return r === undefined ? undefined : { ...(await usersWithUnits(this.db, [r]))[0]!, passwordHash: String(r.password_hash) };
  }

  async createUser(input: NewUser, actor: Actor): Promise<Result<UserRecord>> {
    const email = input.email === undefined || input.email === null || input.email.trim() === '' ? null : input.email.trim().toLowerCase();
    if (email !== null && !isEmail(email)) return refuse('invalid', { field: 'email', reason: 'email', id: email.slice(0, 254) }, { field: 'email' });
    return this.db.transaction(async (tx) => {
      if ((await one(tx, `SELECT id FROM users WHERE username = ?`, [input.username])) !== undefined)
        return fail('duplicate', `the username ${input.username} is taken`, undefined, { what: 'username', id: input.username });
      // Checked before anything is written: a refusal returned later would commit what came before it.
      if (email !== null && (await one(tx, `SELECT id FROM users WHERE email = ?`, [email])) !== undefined)
        return fail('duplicate', `another account has the email ${email}`, { field: 'email' }, { what: 'email', id: email });
      const id = randomUUID();
      const signIn = input.signIn ?? 'password';
      if (input.unitIds !== undefined) {
        const missing = await unknownUnit(tx, input.unitIds);
        if (missing !== undefined) return refuse('invalid', { field: 'unitIds', reason: 'unknown-unit', id: missing }, { field: 'unitIds' });
      }
      const unitIds = [...(input.unitIds ?? []), ...(await ensureUnitsByName(tx, input.units ?? [], actor))];
      await tx.run(
        `INSERT INTO users (id, username, display_name, role, units, password_hash, active, created_at, must_change_password, email, language, sign_in) VALUES (?, ?, ?, ?, '[]', ?, 1, ?, ?, ?, ?, ?)`,
        [
          id,
          input.username,
          input.displayName,
          input.role,
          signIn === 'provider' ? NO_PASSWORD : input.passwordHash,
          now(),
          signIn === 'password' && input.mustChangePassword === true ? 1 : 0,
          email,
          input.language ?? 'it',
          signIn,
        ],
      );
      await setUserUnits(tx, id, unitIds);
      const user = (await usersWithUnits(tx, [(await one(tx, `SELECT * FROM users WHERE id = ?`, [id]))!]))[0]!;
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'user',
        entityId: id,
        after: {
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          units: user.units,
          unitIds: user.unitIds,
          signIn,
          ...(email === null ? {} : { email }),
          ...(input.language === undefined ? {} : { language: input.language }),
        },
      });
      return ok(user);
    });
  }

  async updateUser(id: string, patch: UserPatch, actor: Actor): Promise<Result<UserRecord>> {
    return this.db.transaction(async (tx) => {
      const row = await one(tx, `SELECT * FROM users WHERE id = ?`, [id]);
      if (row === undefined) return fail('not-found', `there is no user with the id ${id}`, undefined, { what: 'user', id });
      const before = (await usersWithUnits(tx, [row]))[0]!;
      // The last active administrator stays one: without, nobody could manage the accounts or reopen
      // a validated period (only `albero admin create-user` on the server's machine would). The
      // administrators' rows are locked first, so two of them demoting each other at once are decided
      // one after the other: the second sees the first's change and is refused.
      if (before.role === 'admin' && before.active && ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false)) {
        const admins = await tx.all(`SELECT id FROM users WHERE role = 'admin' AND active = 1 ORDER BY id${forUpdate(this.db)}`, []);
        if (!admins.some((a) => String(a.id) !== id)) {
          const field = patch.role !== undefined && patch.role !== 'admin' ? 'role' : 'active';
          return refuse('invalid', { field, reason: 'last-admin' }, { field });
        }
      }
      if (patch.unitIds !== undefined) {
        const missing = await unknownUnit(tx, patch.unitIds);
        if (missing !== undefined) return refuse('invalid', { field: 'unitIds', reason: 'unknown-unit', id: missing }, { field: 'unitIds' });
      }
      if (patch.unitIds !== undefined || patch.units !== undefined) await setUserUnits(tx, id, [...(patch.unitIds ?? []), ...(await ensureUnitsByName(tx, patch.units ?? [], actor))]);
      const signIn = patch.signIn ?? before.signIn;
      // A provider account has no password: none is kept for a later way back (that needs a new one).
      const passwordHash = signIn === 'provider' ? NO_PASSWORD : (patch.passwordHash ?? String(row.password_hash));
      // A new password clears the temporary flag unless it is itself temporary.
      const mustChange = signIn === 'provider' ? false : patch.passwordHash !== undefined ? patch.mustChangePassword === true : (patch.mustChangePassword ?? before.mustChangePassword);
      await tx.run(`UPDATE users SET display_name = ?, role = ?, active = ?, password_hash = ?, must_change_password = ?, sign_in = ? WHERE id = ?`, [
        patch.displayName ?? before.displayName,
        patch.role ?? before.role,
        (patch.active ?? before.active) ? 1 : 0,
        passwordHash,
        mustChange ? 1 : 0,
        signIn,
        id,
      ]);
      // A new password, another way of signing in or a disabled account ends every open session of that user.
      if (patch.passwordHash !== undefined || signIn !== before.signIn || patch.active === false) await tx.run(`DELETE FROM sessions WHERE user_id = ?`, [id]);
      const after = (await usersWithUnits(tx, [(await one(tx, `SELECT * FROM users WHERE id = ?`, [id]))!]))[0]!;
      const view = (u: UserRecord): Record<string, unknown> => ({
        displayName: u.displayName,
        role: u.role,
        units: u.units,
        unitIds: u.unitIds,
        active: u.active,
        signIn: u.signIn,
        mustChangePassword: u.mustChangePassword,
      });
      await recordAudit(tx, actor, { action: patch.passwordHash !== undefined ? 'password' : 'update', entity: 'user', entityId: id, before: view(before), after: view(after) });
      return ok(after);
    });
  }

  async recordRefusedSignIn(user: UserRecord): Promise<void> {
    // The way of signing in on both sides, unchanged: the entry says what was refused (its action)
    // and why (the account's way), not a change of the account.
    const way = { signIn: user.signIn };
    await recordAudit(this.db, { id: user.id, username: user.username }, { action: 'sign-in-refused', entity: 'user', entityId: user.id, before: way, after: way });
  }

  async createSession(id: string, userId: string, csrfToken: string, expiresAt: string): Promise<void> {
    // Expired sessions are swept at each sign-in, so the table stays the size of the active ones.
    await this.db.run(`DELETE FROM sessions WHERE expires_at < ?`, [now()]);
    await this.db.run(`INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`, [id, userId, csrfToken, now(), expiresAt]);
  }

  async findSession(id: string): Promise<SessionRecord | undefined> {
    const r = await one(this.db, `SELECT s.csrf_token, s.expires_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`, [id]);
    if (r === undefined) return undefined;
    if (String(r.expires_at) < now() || Number(r.active) !== 1) return undefined;
    return { user: (await usersWithUnits(this.db, [r]))[0]!, csrfToken: String(r.csrf_token), expiresAt: String(r.expires_at) };
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.run(`DELETE FROM sessions WHERE id = ?`, [id]);
  }
  async loginFailures(keys: readonly string[]): Promise<LoginFailure[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.all(`SELECT * FROM login_failures WHERE key IN (${keys.map(() => '?').join(', ')})`, [...keys]);
    return rows.map(loginFailure);
  }

  async addLoginFailure(key: string, now: number, windowMs: number, lockFor: (count: number) => number): Promise<LoginFailure> {
    return this.db.transaction(async (tx) => {
      await tx.run(`DELETE FROM login_failures WHERE first_at < ? AND until_at < ? AND key <> ?`, [now - windowMs, now, key]);
      const row = await one(tx, `SELECT * FROM login_failures WHERE key = ?${forUpdate(this.db)}`, [key]);
      const before = row === undefined ? undefined : loginFailure(row);
      const fresh = before === undefined || now - before.firstAt > windowMs;
      const count = fresh ? 1 : before.count + 1;
      const firstAt = fresh ? now : before.firstAt;
      const lock = lockFor(count);
      const until = lock > 0 ? now + lock : 0;
      await tx.run(
        `INSERT INTO login_failures (key, count, first_at, until_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = excluded.count, first_at = excluded.first_at, until_at = excluded.until_at`,
        [key, count, firstAt, until],
      );
      return { key, count, firstAt, until };
    });
  }

  async clearLoginFailures(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.run(`DELETE FROM login_failures WHERE key IN (${keys.map(() => '?').join(', ')})`, [...keys]);
  }
}
