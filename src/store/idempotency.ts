/**
 * Writes sent again after their answer was lost (the web client gives a request up after its time,
 * the change perhaps made): a request carrying an `Idempotency-Key` is remembered by key and user
 * with its route, a hash of its body and, once made, its answer, so that the same request sent
 * again is answered as the first was instead of being made twice (server/idempotency.ts).
 *
 * Two tries at once are made once: the first `claim` inserts the row, and the table's primary key
 * makes every other insert of the same key and user a no-op (`ON CONFLICT DO NOTHING`, on SQLite
 * and on PostgreSQL alike, where the second insert waits for the first to commit): only the
 * request that inserted it runs. Keys are kept a day (`KEPT_MS`), then purged.
 */
import type { Db } from './db.js';
import { one } from './db.js';

/** How long a key is remembered: a try given up is sent again within minutes, not days. */
export const IDEMPOTENCY_KEPT_MS = 24 * 60 * 60 * 1000;

/** The purge of old keys runs at most this often (on a claim), not on every write. */
const PURGE_EVERY_MS = 10 * 60 * 1000;

/** One request as its key remembers it. */
export interface IdempotentRequest {
  readonly userId: string;
  readonly key: string;
  /** `METHOD /path` as sent. */
  readonly route: string;
  /** SHA-256 (hex) of the body as the server read it. */
  readonly bodyHash: string;
}

/**
 * What a claim found: `claimed`, the key is new and this request makes the change; otherwise the
 * key's row, `answer` null while the request that claimed it is still being made.
 */
export type IdempotencyClaim =
  { readonly kind: 'claimed' } | { readonly kind: 'known'; readonly route: string; readonly bodyHash: string; readonly createdAt: number; readonly answer: StoredAnswer | null };

/** A request's answer as it was sent: its status and its JSON text ('' for none). */
export interface StoredAnswer {
  readonly status: number;
  readonly body: string;
}

export interface IdempotencyStore {
  /** Claims `request`'s key for it (and, at most every ten minutes, purges the keys older than a day). */
  claim(request: IdempotentRequest, now: number): Promise<IdempotencyClaim>;
  /** Keeps the answer of the request that claimed the key: a try sent again gets it. */
  finish(userId: string, key: string, answer: StoredAnswer): Promise<void>;
  /** Forgets a claim whose request was refused or failed: nothing was made, a try sent again runs afresh. */
  release(userId: string, key: string): Promise<void>;
  /** Forgets the keys claimed before `before`; returns how many. */
  purge(before: number): Promise<number>;
}

export const IDEMPOTENCY_MIGRATION = {
  version: 91,
  name: 'idempotency keys: a write sent again after its answer was lost is answered as the first, not made twice',
  sql: () => [
    // status and response stay null while the first try is being made.
    `CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        idem_key TEXT NOT NULL,
        route TEXT NOT NULL,
        body_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        status INTEGER,
        response TEXT,
        PRIMARY KEY (user_id, idem_key))`,
    `CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at)`,
  ],
};

export class SqlIdempotency implements IdempotencyStore {
  private purgedAt = Number.NEGATIVE_INFINITY;
  constructor(private readonly db: Db) {}

  async claim(request: IdempotentRequest, now: number): Promise<IdempotencyClaim> {
    if (now - this.purgedAt >= PURGE_EVERY_MS) {
      this.purgedAt = now;
      await this.purge(now - IDEMPOTENCY_KEPT_MS);
    }
    const inserted = await this.db.run(`INSERT INTO idempotency_keys (user_id, idem_key, route, body_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, idem_key) DO NOTHING`, [
      request.userId,
      request.key,
      request.route,
      request.bodyHash,
      now,
    ]);
    if (inserted.changes === 1) return { kind: 'claimed' };
    const row = await one(this.db, `SELECT route, body_hash, created_at, status, response FROM idempotency_keys WHERE user_id = ? AND idem_key = ?`, [request.userId, request.key]);
    // Released between the insert and this read (the other try was refused): this one may run.
    if (row === undefined) return this.claim(request, now);
    const answer = row.status === null ? null : { status: Number(row.status), body: String(row.response ?? '') };
    return { kind: 'known', route: String(row.route), bodyHash: String(row.body_hash), createdAt: Number(row.created_at), answer };
  }

  async finish(userId: string, key: string, answer: StoredAnswer): Promise<void> {
    await this.db.run(`UPDATE idempotency_keys SET status = ?, response = ? WHERE user_id = ? AND idem_key = ?`, [answer.status, answer.body, userId, key]);
  }

  async release(userId: string, key: string): Promise<void> {
    await this.db.run(`DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ? AND status IS NULL`, [userId, key]);
  }

  async purge(before: number): Promise<number> {
    return (await this.db.run(`DELETE FROM idempotency_keys WHERE created_at < ?`, [before])).changes;
  }
}
