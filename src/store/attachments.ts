/**
 * Evidence files attached to a measurement (one indicator in one period): kept in the database
 * itself (BLOB in SQLite, BYTEA in PostgreSQL) with their SHA-256, so a backup of the database is a
 * backup of the evidence and the OIV can check a file against the hash recorded when it arrived.
 * What a file is (PDF, image, office document, CSV) is decided by the server from its bytes before
 * it gets here; the store keeps the media type it is told. A closed or validated period's files can
 * be neither added nor removed, nor those of an archived plan.
 */
import { createHash, randomUUID } from 'node:crypto';
import { recordAudit } from './audit-log.js';
import { one, type Db, type Queryable, type Row } from './db.js';
import { isLocked } from './periods.js';
import { approvalAsItStands, latestStep } from './review-steps.js';
import { refuseIfArchived } from './revisions.js';
import { byCode, forUpdate, shareLock } from './shared.js';
import type { Actor, Failure, PeriodState, Result } from './types.js';

export interface AttachmentRecord {
  readonly id: string;
  readonly planId: string;
  readonly indicatorId: string;
  readonly periodId: string;
  /** The file's name as uploaded (display only: the type comes from the content). */
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  /** Lower-case hex SHA-256 of the bytes, computed by the store when it stored them. */
  readonly sha256: string;
  readonly uploadedBy: string | null;
  readonly uploadedAt: string;
}

export interface NewAttachment {
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/** The same bytes are on the value already: nothing stored, the file that holds them. */
export interface AlreadyAttached {
  readonly ok: false;
  readonly error: Failure;
  readonly existing: AttachmentRecord;
}

/**
 * The file belongs to a value the office approved, as it stands: the approval was given on its files,
 * so they stay as approved (`approved`: the file, and who approved the value and when, by login).
 */
export interface ApprovedEvidence {
  readonly ok: false;
  readonly error: Failure;
  readonly approved: { readonly file: AttachmentRecord; readonly by: string; readonly at: string };
}

/**
 * A file sent to a value the office approved, as it stands: the approval was given on the files the
 * value had, so none is added (`approved`: who approved the value and when, by login).
 */
export interface ApprovedValue {
  readonly ok: false;
  readonly error: Failure;
  readonly approved: { readonly by: string; readonly at: string };
}

export interface AttachmentStore {
  /**
   * Stores the file and its hash in one transaction with the audit entry; refused in a closed period,
   * while the value is approved as it stands (`approved`: sent back, or changed, it is not), and when
   * the value holds the same bytes already (`existing`: the file that does).
   */
  add(planId: string, indicatorId: string, periodId: string, file: NewAttachment, actor: Actor): Promise<Result<AttachmentRecord> | AlreadyAttached | ApprovedValue>;
  /** The files of one measurement, oldest first (no bytes). */
  list(planId: string, indicatorId: string, periodId: string): Promise<AttachmentRecord[]>;
  /** Every file of a plan (no bytes), e.g. for the Relazione's list of evidence; one period or all. */
  listForPlan(planId: string, periodId?: string): Promise<AttachmentRecord[]>;
  /** One file with its bytes, exactly as stored. */
  get(planId: string, indicatorId: string, periodId: string, attachmentId: string): Promise<(AttachmentRecord & { readonly bytes: Buffer }) | undefined>;
  /**
   * Removes a file (its metadata and hash stay in the audit trail); refused in a closed period, and
   * while the value it supports is approved as it stands (`approved`: sent back, or changed, it is not).
   */
  remove(planId: string, indicatorId: string, periodId: string, attachmentId: string, actor: Actor): Promise<Result<AttachmentRecord> | ApprovedEvidence>;
}

const COLUMNS = 'id, plan_id, indicator_id, period_id, name, media_type, size, sha256, uploaded_by, uploaded_at';

/**
 * The files of live values and those a deletion kept (`kept-records.ts`: a deleted indicator's
 * files of closed and validated periods), read alike: a deleted indicator's id is never reused.
 */
const readable = (columns: string): string => `(SELECT ${columns} FROM attachments UNION ALL SELECT ${columns} FROM kept_attachments)`;
/** Lists read no bytes. */
const LISTED = readable(COLUMNS);

export function attachmentRecord(r: Row): AttachmentRecord {
  return {
    id: String(r.id),
    planId: String(r.plan_id),
    indicatorId: String(r.indicator_id),
    periodId: String(r.period_id),
    name: String(r.name),
    mediaType: String(r.media_type),
    size: Number(r.size),
    sha256: String(r.sha256),
    uploadedBy: r.uploaded_by === null ? null : String(r.uploaded_by),
    uploadedAt: String(r.uploaded_at),
  };
}

/** What the audit trail keeps of a file: enough to recognise it again (its hash), never its bytes. */
export function attachmentJson(a: AttachmentRecord): Record<string, unknown> {
  return { id: a.id, period: a.periodId, name: a.name, mediaType: a.mediaType, size: a.size, sha256: a.sha256 };
}

type Failed = { ok: false; error: Failure };

/**
 * The measurement's indicator and period, checked inside a transaction: its plan archived, not found, or locked
 * (a closed or validated period). PostgreSQL share-locks the period row, as a value being entered
 * does, so a closing waits for the file being stored and a file after the closing sees it.
 */
export async function openMeasurementFor(
  tx: Queryable,
  dialect: Db['dialect'],
  planId: string,
  indicatorId: string,
  periodId: string,
  lockedMeans: string,
): Promise<Failed | { ok: true; node: string; periodLabel: string }> {
  // An archived plan is kept whole, as it was when archived: its evidence neither grows nor shrinks.
  const archived = await refuseIfArchived(tx, { dialect }, planId);
  if (archived !== null) return archived;
  const period = await one(tx, `SELECT label, state FROM periods WHERE plan_id = ? AND id = ?${shareLock({ dialect })}`, [planId, periodId]);
  if (period === undefined) return { ok: false, error: { code: 'not-found', message: `the plan has no period ${periodId}`, params: { what: 'period', id: periodId } } };
  const indicator = await one(tx, `SELECT node_code FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
  if (indicator === undefined) return { ok: false, error: { code: 'not-found', message: `there is no indicator ${indicatorId} in this plan`, params: { what: 'indicator', id: indicatorId } } };
  if (isLocked(period.state as PeriodState)) {
    return {
      ok: false,
      error: {
        code: 'period-locked',
        message: `the period ${String(period.label)} is ${String(period.state)}: ${lockedMeans} (a controller can reopen it, giving a reason)`,
        details: { period: periodId, label: String(period.label), state: period.state },
        params: { label: String(period.label), state: String(period.state) },
      },
    };
  }
  return { ok: true, node: String(indicator.node_code), periodLabel: String(period.label) };
}

/**
 * Who approved the value as it stands and when (review-steps.ts `approvalAsItStands`: a later value
 * makes the approval stale). The value's row is locked as a value write locks it, so a value saved at
 * the same moment is decided one after the other.
 */
async function approvalOf(tx: Queryable, dialect: Db['dialect'], planId: string, indicatorId: string, periodId: string): Promise<{ by: string; at: string } | undefined> {
  const value = await one(tx, `SELECT version FROM measurements WHERE plan_id = ? AND indicator_id = ? AND period_id = ?${forUpdate({ dialect })}`, [planId, indicatorId, periodId]);
  if (value === undefined) return undefined;
  const approval = approvalAsItStands(await latestStep(tx, planId, indicatorId, periodId), Number(value.version));
  return approval === undefined ? undefined : { by: approval.by, at: approval.at };
}

export class SqlAttachments implements AttachmentStore {
  constructor(private readonly db: Db) {}

  async add(planId: string, indicatorId: string, periodId: string, file: NewAttachment, actor: Actor): Promise<Result<AttachmentRecord> | AlreadyAttached | ApprovedValue> {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const bytes = Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    return this.db.transaction(async (tx) => {
      const open = await openMeasurementFor(tx, this.db.dialect, planId, indicatorId, periodId, 'no file can be attached to its values');
      if (!open.ok) return open;
      // The approval was given on the value with the files it had: a file added now would stand in
      // the evidence as approved while nobody approved it. Sent back, or changed (the approval is
      // then stale), the value takes files again.
      const approval = await approvalOf(tx, this.db.dialect, planId, indicatorId, periodId);
      if (approval !== undefined)
        return {
          ok: false,
          error: { code: 'conflict', message: `the value was approved by ${approval.by} with the files it had: no file is added (send the value back or change it first)` },
          approved: approval,
        };
      // A second copy is only noise in the evidence the OIV reads (the hash already vouches for the
      // bytes). PostgreSQL serialises the uploads to one value, so two at once cannot both see none;
      // SQLite runs one transaction at a time.
      if (this.db.dialect === 'postgres') await tx.all(`SELECT pg_advisory_xact_lock(4245, hashtext(?))`, [JSON.stringify([planId, indicatorId, periodId])]);
      const same = await one(tx, `SELECT ${COLUMNS} FROM attachments WHERE plan_id = ? AND indicator_id = ? AND period_id = ? AND sha256 = ? ORDER BY uploaded_at, id`, [
        planId,
        indicatorId,
        periodId,
        sha256,
      ]);
      if (same !== undefined) {
        const existing = attachmentRecord(same);
        return { ok: false, error: { code: 'duplicate', message: `the value holds the same file already, as ${existing.name} (${existing.id})`, details: { attachment: existing.id } }, existing };
      }
      const id = randomUUID();
      const at = new Date().toISOString();
      await tx.run(`INSERT INTO attachments (${COLUMNS}, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        id,
        planId,
        indicatorId,
        periodId,
        file.name,
        file.mediaType,
        bytes.byteLength,
        sha256,
        actor.username,
        at,
        bytes,
      ]);
      const record = attachmentRecord((await one(tx, `SELECT ${COLUMNS} FROM attachments WHERE id = ?`, [id]))!);
      await recordAudit(tx, actor, { action: 'attach', entity: 'attachment', entityId: id, planId, node: open.node, indicator: indicatorId, after: attachmentJson(record) }, at);
      return { ok: true, value: record };
    });
  }

  async list(planId: string, indicatorId: string, periodId: string): Promise<AttachmentRecord[]> {
    const rows = await this.db.all(`SELECT ${COLUMNS} FROM ${LISTED} a WHERE plan_id = ? AND indicator_id = ? AND period_id = ? ORDER BY uploaded_at, id`, [planId, indicatorId, periodId]);
    return rows.map(attachmentRecord);
  }

  async listForPlan(planId: string, periodId?: string): Promise<AttachmentRecord[]> {
    const rows =
      periodId === undefined
        ? await this.db.all(`SELECT ${COLUMNS} FROM ${LISTED} a WHERE plan_id = ? ORDER BY ${byCode(this.db, 'period_id')}, ${byCode(this.db, 'indicator_id')}, uploaded_at, id`, [planId])
        : await this.db.all(`SELECT ${COLUMNS} FROM ${LISTED} a WHERE plan_id = ? AND period_id = ? ORDER BY ${byCode(this.db, 'indicator_id')}, uploaded_at, id`, [planId, periodId]);
    return rows.map(attachmentRecord);
  }

  async get(planId: string, indicatorId: string, periodId: string, attachmentId: string): Promise<(AttachmentRecord & { readonly bytes: Buffer }) | undefined> {
    const r = await one(this.db, `SELECT ${COLUMNS}, content FROM ${readable(`${COLUMNS}, content`)} a WHERE id = ? AND plan_id = ? AND indicator_id = ? AND period_id = ?`, [
      attachmentId,
      planId,
      indicatorId,
      periodId,
    ]);
    if (r === undefined) return undefined;
    const content = r.content as Uint8Array;
    return { ...attachmentRecord(r), bytes: Buffer.isBuffer(content) ? content : Buffer.from(content) };
  }

  async remove(planId: string, indicatorId: string, periodId: string, attachmentId: string, actor: Actor): Promise<Result<AttachmentRecord> | ApprovedEvidence> {
    return this.db.transaction(async (tx) => {
      const open = await openMeasurementFor(tx, this.db.dialect, planId, indicatorId, periodId, 'its files can no longer be removed');
      if (!open.ok) return open;
      const row = await one(tx, `SELECT ${COLUMNS} FROM attachments WHERE id = ? AND plan_id = ? AND indicator_id = ? AND period_id = ?`, [attachmentId, planId, indicatorId, periodId]);
      if (row === undefined)
        return {
          ok: false,
          error: { code: 'not-found', message: `there is no attachment ${attachmentId} on this value`, details: { attachment: attachmentId }, params: { what: 'attachment', id: attachmentId } },
        };
      const before = attachmentRecord(row);
      // The approval was given on the value with its files: removing one would leave an approval
      // standing on evidence nobody can read any more (the bytes go with the row). A value sent back
      // (or changed, which makes the approval stale) may lose its files again.
      const approval = await approvalOf(tx, this.db.dialect, planId, indicatorId, periodId);
      if (approval !== undefined)
        return {
          ok: false,
          error: { code: 'conflict', message: `the value was approved by ${approval.by} with this file: it stays as approved (send the value back first)`, details: { attachment: attachmentId } },
          approved: { file: before, ...approval },
        };
      await tx.run(`DELETE FROM attachments WHERE id = ?`, [attachmentId]);
      await recordAudit(tx, actor, { action: 'detach', entity: 'attachment', entityId: attachmentId, planId, node: open.node, indicator: indicatorId, before: attachmentJson(before) });
      return { ok: true, value: before };
    });
  }
}
