/**
 * Migration 80: the reasons the program wrote, stored until now by their words, become codes
 * (core/reason-codes.ts). Only reasons that are exactly the program's words are changed — a value's
 * "N.V. nella tabella pubblicata" (or the English words a screen sent back with it), the audit
 * trail's own sentences (messages/audit-reasons.ts) —; a person's reason stays as typed. Values
 * live in the values' tables, in the frozen copies of closed periods and validated Relazioni, and
 * in the trail's and the revisions' changes before and after; the trail's reasons in its `reason` column.
 *
 * The meaning stays, but kept records are rewritten, so the rewrite is on the record itself: one
 * entry on the trail for each plan whose records it changed (the trail is read by plan), and one
 * of no plan for entries of none, each with how many records of each kind; none when it changed
 * nothing. Amended to leave them before any body's database ran it (it came in the same stop as the
 * codes): a later migration could only count the codes it finds, which on a database that ran
 * this one before also counts the ones the program wrote since, a record of what did not happen.
 */
import { PROGRAM_REASON_WORDS } from '../core/words.js';
import { AUDIT_REASON_BEGINNINGS, auditReasonCodeOfWords, reasonsCodedReason } from '../messages/audit-reasons.js';
import type { RecodedKind } from '../messages/changes.js';
import { recordAudit } from './audit-log.js';
import type { Dialect, Queryable } from './db.js';
import { SYSTEM } from './types.js';

const VERSION = 80;

/** The records rewritten, by plan (null: the trail's entries of no plan) and kind, each once by its key. */
class Rewritten {
  private readonly byPlan = new Map<string | null, Map<RecodedKind, Set<string>>>();

  add(plan: unknown, kind: RecodedKind, key: string): void {
    const id = plan === null || plan === undefined ? null : String(plan);
    let kinds = this.byPlan.get(id);
    if (kinds === undefined) this.byPlan.set(id, (kinds = new Map()));
    let keys = kinds.get(kind);
    if (keys === undefined) kinds.set(kind, (keys = new Set()));
    keys.add(key);
  }

  /** Each plan's counts, the kinds it has none of left out; by plan id, the entries of no plan last. */
  counts(): Array<[string | null, Partial<Record<RecodedKind, number>>]> {
    const plans = [...this.byPlan.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
    return plans.map((plan) => [plan, Object.fromEntries([...this.byPlan.get(plan)!].map(([kind, keys]) => [kind, keys.size]))]);
  }
}

/** A stored document (JSON text) with every not evaluable value's program words as its code; null when it holds none. */
function codedDocument(text: string): string | null {
  let changed = false;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      const code = o['state'] === 'not_evaluable' && typeof o['reason'] === 'string' ? PROGRAM_REASON_WORDS.get(o['reason']) : undefined;
      if (code !== undefined) {
        o['reason'] = code;
        changed = true;
      }
      for (const v of Object.values(o)) visit(v);
    }
  };
  const json: unknown = JSON.parse(text);
  visit(json);
  return changed ? JSON.stringify(json) : null;
}

/**
 * The rows of `table` whose `column` may hold a value's program words (a cheap filter before
 * parsing), rewritten, each noted in `rewritten` as `kind` of the plan in its `plan_id`.
 */
async function codeDocuments(tx: Queryable, table: string, keys: readonly string[], column: string, kind: RecodedKind, rewritten: Rewritten): Promise<void> {
  const likes = [...PROGRAM_REASON_WORDS.keys()].map(() => `${column} LIKE ?`).join(' OR ');
  const rows = await tx.all(
    `SELECT ${keys.join(', ')}, plan_id AS of_plan, ${column} AS document FROM ${table} WHERE ${likes}`,
    [...PROGRAM_REASON_WORDS.keys()].map((w) => `%${w}%`),
  );
  for (const r of rows) {
    const coded = codedDocument(String(r['document']));
    if (coded === null) continue;
    const key = keys.map((k) => r[k] as string | number);
    await tx.run(`UPDATE ${table} SET ${column} = ? WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`, [coded, ...key]);
    rewritten.add(r['of_plan'], kind, JSON.stringify(key));
  }
}

/** The append-only trail's guards (migration 2), lifted for this migration's rewrite and put back in the same transaction. */
async function withTrailOpen(tx: Queryable, d: Dialect, work: () => Promise<void>): Promise<void> {
  if (d === 'postgres') {
    await tx.run(`ALTER TABLE audit DISABLE TRIGGER audit_no_change`);
    await work();
    await tx.run(`ALTER TABLE audit ENABLE TRIGGER audit_no_change`);
    return;
  }
  await tx.run(`DROP TRIGGER audit_no_update`);
  await work();
  await tx.run(`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`);
}

export const REASON_MIGRATION = {
  version: VERSION,
  name: 'the reasons the program writes are stored as codes with their parameters, said in the reader’s language; a person’s reason stays as typed',
  sql: (): string[] => [],
  data: async (tx: Queryable, d: Dialect): Promise<void> => {
    const rewritten = new Rewritten();
    for (const [table, kind] of [
      ['measurements', 'values'],
      ['kept_measurements', 'keptValues'],
    ] as const) {
      for (const [words, code] of PROGRAM_REASON_WORDS) {
        const rows = await tx.all(`SELECT plan_id, indicator_id, period_id FROM ${table} WHERE state = 'not_evaluable' AND reason = ?`, [words]);
        for (const r of rows) rewritten.add(r['plan_id'], kind, JSON.stringify([r['indicator_id'], r['period_id']]));
        if (rows.length > 0) await tx.run(`UPDATE ${table} SET reason = ? WHERE state = 'not_evaluable' AND reason = ?`, [code, words]);
      }
    }
    await codeDocuments(tx, 'period_closings', ['plan_id', 'period_id', 'seq'], 'plan', 'closings', rewritten);
    await codeDocuments(tx, 'relazioni', ['plan_id'], 'frozen_plan', 'relazioni', rewritten);
    // A deletion's values kept in its revision's change (`removedValues`). The steps of every revision
    // stored, whatever its status: a discarded one's (kept since migration 88) are records like the others.
    for (const column of ['before', 'after']) await codeDocuments(tx, 'plan_revision_changes', ['plan_id', 'revision_seq', 'seq'], column, 'revisionChanges', rewritten);
    await withTrailOpen(tx, d, async () => {
      for (const column of ['before', 'after']) await codeDocuments(tx, 'audit', ['id'], column, 'auditEntries', rewritten);
      // Only the reasons beginning as one of the program's do (a trail may be long), then matched whole.
      const beginnings = AUDIT_REASON_BEGINNINGS.map(() => `reason LIKE ?`).join(' OR ');
      const rows = await tx.all<{ id: number; plan_id: string | null; reason: string }>(
        `SELECT id, plan_id, reason FROM audit WHERE ${beginnings}`,
        AUDIT_REASON_BEGINNINGS.map((b) => `${b}%`),
      );
      for (const r of rows) {
        const code = auditReasonCodeOfWords(r.reason);
        if (code === null) continue;
        await tx.run(`UPDATE audit SET reason = ? WHERE id = ?`, [code, r.id]);
        rewritten.add(r.plan_id, 'auditEntries', JSON.stringify([r.id]));
      }
    });
    // Appended once the trail is append-only again: who (the program), when, why, and what, by plan.
    const at = new Date().toISOString();
    for (const [plan, counts] of rewritten.counts()) {
      await recordAudit(
        tx,
        SYSTEM,
        { action: 'migrate', entity: 'migration', entityId: String(VERSION), planId: plan, before: null, after: { recoded: counts }, reason: reasonsCodedReason(VERSION) },
        at,
      );
    }
  },
};
