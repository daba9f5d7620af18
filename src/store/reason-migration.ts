/**
 * Migration 80: the reasons the program wrote, stored until now by their words, become codes
 * (core/reason-codes.ts). Only reasons that are exactly the program's words are changed — a value's
 * "N.V. nella tabella pubblicata" (or the English words a screen sent back with it), the audit
 * trail's own sentences (messages/audit-reasons.ts) —; a person's reason stays as typed. Values
 * live in the values' tables, in the frozen copies of closed periods and validated Relazioni, and
 * in the trail's and the revisions' changes before and after; the trail's reasons in its `reason` column.
 */
import { PROGRAM_REASONS, programReason } from '../core/words.js';
import { AUDIT_REASON_BEGINNINGS, auditReasonCodeOfWords } from '../messages/audit-reasons.js';
import type { Dialect, Queryable } from './db.js';

const VALUE_WORDS = new Map<string, string>(
  Object.entries(PROGRAM_REASONS).flatMap(([code, words]) => Object.values(words).map((w) => [w, programReason(code as keyof typeof PROGRAM_REASONS)] as const)),
);

/** A stored document (JSON text) with every not evaluable value's program words as its code; null when it holds none. */
function codedDocument(text: string): string | null {
  let changed = false;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      const code = o['state'] === 'not_evaluable' && typeof o['reason'] === 'string' ? VALUE_WORDS.get(o['reason']) : undefined;
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

/** The rows of `table` whose `column` may hold a value's program words (a cheap filter before parsing), rewritten. */
async function codeDocuments(tx: Queryable, table: string, keys: readonly string[], column: string): Promise<void> {
  const likes = [...VALUE_WORDS.keys()].map(() => `${column} LIKE ?`).join(' OR ');
  const rows = await tx.all(
    `SELECT ${keys.join(', ')}, ${column} AS document FROM ${table} WHERE ${likes}`,
    [...VALUE_WORDS.keys()].map((w) => `%${w}%`),
  );
  for (const r of rows) {
    const coded = codedDocument(String(r['document']));
    if (coded === null) continue;
    await tx.run(`UPDATE ${table} SET ${column} = ? WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`, [coded, ...keys.map((k) => r[k] as string | number)]);
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
  version: 80,
  name: 'the reasons the program writes are stored as codes with their parameters, said in the reader’s language; a person’s reason stays as typed',
  sql: (): string[] => [],
  data: async (tx: Queryable, d: Dialect): Promise<void> => {
    for (const [words, code] of VALUE_WORDS) {
      for (const table of ['measurements', 'kept_measurements']) await tx.run(`UPDATE ${table} SET reason = ? WHERE state = 'not_evaluable' AND reason = ?`, [code, words]);
    }
    await codeDocuments(tx, 'period_closings', ['plan_id', 'period_id', 'seq'], 'plan');
    await codeDocuments(tx, 'relazioni', ['plan_id'], 'frozen_plan');
    // A deletion's values kept in its revision's change (`removedValues`).
    for (const column of ['before', 'after']) await codeDocuments(tx, 'plan_revision_changes', ['plan_id', 'revision_seq', 'seq'], column);
    await withTrailOpen(tx, d, async () => {
      for (const column of ['before', 'after']) await codeDocuments(tx, 'audit', ['id'], column);
      // Only the reasons beginning as one of the program's do (a trail may be long), then matched whole.
      const beginnings = AUDIT_REASON_BEGINNINGS.map(() => `reason LIKE ?`).join(' OR ');
      const rows = await tx.all<{ id: number; reason: string }>(
        `SELECT id, reason FROM audit WHERE ${beginnings}`,
        AUDIT_REASON_BEGINNINGS.map((b) => `${b}%`),
      );
      for (const r of rows) {
        const code = auditReasonCodeOfWords(r.reason);
        if (code !== null) await tx.run(`UPDATE audit SET reason = ? WHERE id = ?`, [code, r.id]);
      }
    });
  },
};
