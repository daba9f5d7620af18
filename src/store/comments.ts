/**
 * The conversation about one indicator in one period, between its referente, the controllo di
 * gestione and the OIV: an append-only thread (a comment is never edited or deleted, so what was
 * said stays as it was said). Commenting changes no value, so it stays possible after the period
 * closes: the OIV's questions often come then; not once the plan is archived (a past year put away
 * is read, not discussed further: bring it back from the archive first).
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from './audit-log.js';
import { one, type Db, type Row } from './db.js';
import { refuse, refuseIfArchived } from './revisions.js';
import { shareLock } from './shared.js';
import type { Actor, Result, Role } from './types.js';

export interface CommentRecord {
  readonly id: string;
  readonly planId: string;
  readonly indicatorId: string;
  readonly periodId: string;
  readonly author: string;
  readonly authorName: string;
  /** The author's role when writing (a referente, the controller, the OIV…). */
  readonly authorRole: Role;
  readonly body: string;
  readonly createdAt: string;
}

export interface CommentAuthor extends Actor {
  readonly displayName: string;
  readonly role: Role;
}

export interface CommentStore {
  add(planId: string, indicatorId: string, periodId: string, body: string, author: CommentAuthor): Promise<Result<CommentRecord>>;
  /** The thread, oldest first. */
  list(planId: string, indicatorId: string, periodId: string): Promise<CommentRecord[]>;
  /** How many comments each indicator has in a period (only indicators with some). */
  counts(planId: string, periodId: string): Promise<Map<string, number>>;
}

const MAX_BODY = 5000;

/** The live threads and those a deletion kept (`kept-records.ts`), read alike: a deleted indicator's id is never reused. */
const COLUMNS = 'id, seq, plan_id, indicator_id, period_id, author, author_name, author_role, body, created_at';
const THREADS = `(SELECT ${COLUMNS} FROM comments UNION ALL SELECT ${COLUMNS} FROM kept_comments)`;

function commentRecord(r: Row): CommentRecord {
  return {
    id: String(r.id),
    planId: String(r.plan_id),
    indicatorId: String(r.indicator_id),
    periodId: String(r.period_id),
    author: String(r.author),
    authorName: String(r.author_name),
    authorRole: r.author_role as Role,
    body: String(r.body),
    createdAt: String(r.created_at),
  };
}

export class SqlComments implements CommentStore {
  constructor(private readonly db: Db) {}

  async add(planId: string, indicatorId: string, periodId: string, body: string, author: CommentAuthor): Promise<Result<CommentRecord>> {
    const text = body.trim();
    if (text === '') return refuse('invalid', { field: 'body', reason: 'empty-comment' }, { field: 'body' });
    if (text.length > MAX_BODY) return refuse('invalid', { field: 'body', reason: 'comment-too-long', max: MAX_BODY }, { field: 'body' });
    return this.db.transaction(async (tx) => {
      // A past year put away keeps its discussion as it was: read, not added to. Asked first, as every
      // write asks it, so an archived plan answers `plan-archived` whatever the period asked for.
      const archived = await refuseIfArchived(tx, this.db, planId);
      if (archived !== null) return archived;
      if ((await one(tx, `SELECT id FROM periods WHERE plan_id = ? AND id = ?`, [planId, periodId])) === undefined)
        return { ok: false, error: { code: 'not-found', message: `the plan has no period ${periodId}`, params: { what: 'period', id: periodId } } };
      // Share-locked (PostgreSQL): a deletion in flight keeps this comment with the thread, or comes first and leaves no indicator.
      const indicator = await one(tx, `SELECT node_code FROM indicators WHERE plan_id = ? AND id = ?${shareLock(this.db)}`, [planId, indicatorId]);
      if (indicator === undefined) return { ok: false, error: { code: 'not-found', message: `there is no indicator ${indicatorId} in this plan`, params: { what: 'indicator', id: indicatorId } } };
      const id = randomUUID();
      const at = new Date().toISOString();
      // The thread's order is its own count, not the clock: two answers in one millisecond stay in order.
      const last = await one(tx, `SELECT MAX(seq) AS seq FROM comments WHERE plan_id = ? AND indicator_id = ? AND period_id = ?`, [planId, indicatorId, periodId]);
      const seq = last?.seq === null || last?.seq === undefined ? 1 : Number(last.seq) + 1;
      await tx.run(`INSERT INTO comments (id, seq, plan_id, indicator_id, period_id, author, author_name, author_role, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        id,
        seq,
        planId,
        indicatorId,
        periodId,
        author.username,
        author.displayName,
        author.role,
        text,
        at,
      ]);
      const record = commentRecord((await one(tx, `SELECT * FROM comments WHERE id = ?`, [id]))!);
      await recordAudit(
        tx,
        author,
        { action: 'comment', entity: 'comment', entityId: id, planId, node: String(indicator.node_code), indicator: indicatorId, after: { period: periodId, body: text } },
        at,
      );
      return { ok: true, value: record };
    });
  }

  async list(planId: string, indicatorId: string, periodId: string): Promise<CommentRecord[]> {
    return (await this.db.all(`SELECT * FROM ${THREADS} c WHERE plan_id = ? AND indicator_id = ? AND period_id = ? ORDER BY seq`, [planId, indicatorId, periodId])).map(commentRecord);
  }

  async counts(planId: string, periodId: string): Promise<Map<string, number>> {
    const rows = await this.db.all(`SELECT indicator_id, COUNT(*) AS n FROM ${THREADS} c WHERE plan_id = ? AND period_id = ? GROUP BY indicator_id`, [planId, periodId]);
    return new Map(rows.map((r) => [String(r.indicator_id), Number(r.n)]));
  }
}
