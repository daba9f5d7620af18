/**
 * Browsers that signed in to an account (OWASP's "device cookies"): after a good sign-in the
 * browser gets a random token bound to the username; a later sign-in that shows it is counted on
 * its own, so failures made by anyone else, from anywhere, never lock that browser out. Only the
 * token's SHA-256 is stored.
 */
import type { Db } from './db.js';
import { one } from './db.js';

export interface LoginDeviceStore {
  /** Trusts the browser holding the token whose hash is `id` for `username` (case-insensitive). */
  trust(id: string, username: string, now: number): Promise<void>;
  /** Whether `id` is a browser trusted for `username` and used within `maxAgeMs`; marks it used. */
  trusted(id: string, username: string, now: number, maxAgeMs: number): Promise<boolean>;
  /** Forgets every browser of `username` (its password changed: a stolen cookie should not outlive it). */
  forget(username: string): Promise<void>;
}

/** At most this many trusted browsers per account: the oldest are forgotten. */
const MAX_PER_USER = 20;

export class SqlLoginDevices implements LoginDeviceStore {
  constructor(private readonly db: Db) {}

  async trust(id: string, username: string, now: number): Promise<void> {
    const user = username.toLowerCase();
    await this.db.transaction(async (tx) => {
      await tx.run(`INSERT INTO login_devices (id, username, created_at, used_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET used_at = excluded.used_at`, [id, user, now, now]);
      await tx.run(
        `DELETE FROM login_devices WHERE username = ? AND id NOT IN (SELECT id FROM (SELECT id FROM login_devices WHERE username = ? ORDER BY used_at DESC, id LIMIT ${MAX_PER_USER}) AS kept)`,
        [user, user],
      );
    });
  }

  async trusted(id: string, username: string, now: number, maxAgeMs: number): Promise<boolean> {
    const row = await one(this.db, `SELECT username, used_at FROM login_devices WHERE id = ?`, [id]);
    if (row === undefined || String(row.username) !== username.toLowerCase() || Number(row.used_at) < now - maxAgeMs) return false;
    await this.db.run(`UPDATE login_devices SET used_at = ? WHERE id = ?`, [now, id]);
    return true;
  }

  async forget(username: string): Promise<void> {
    await this.db.run(`DELETE FROM login_devices WHERE username = ?`, [username.toLowerCase()]);
  }
}
