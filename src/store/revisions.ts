/**
 * Adoption and revisions in SQL, for the plan's stores (`revision-store.ts`, `tree-store.ts`…). A plan is a draft (edited freely) until it is
 * adopted by its act; then every change to its definition (structure, titles, weights, targets,
 * rules, formulas, owners) must be made while a revision (variazione / rimodulazione) is open, and
 * is recorded in it, before → after. Measurements are not plan changes: they go through periods.
 *
 * `editGate` is what each plan edit asks first, in its own transaction: on PostgreSQL it
 * share-locks the open revision's row, so an approval (which locks it for update) waits for the
 * edits in flight and an edit after the approval finds no open revision.
 */
import { recordAudit } from './audit-log.js';
import type { Db, Param, Queryable, Row } from './db.js';
import { one } from './db.js';
import { isArchived, noPlan, now, planShareLock, shareLock, touch } from './shared.js';
import { netChanges } from '../core/revision-net.js';
import { revisionEditReason } from '../messages/audit-reasons.js';
import { english, type MessageCode, type MessageParams, type Params } from '../messages/index.js';
import type { Act, Actor, Failure, FailureCode, Refused, Result, RevisionChange, RevisionRecord } from './types.js';

/** A refusal said by the message catalogue (src/messages/revisions.ts): English for logs, the reader's language at the API. */
export function refuse<T, K extends FailureCode & MessageCode>(code: K, params: Params<K>, details?: Record<string, unknown>): Result<T> {
  const error: Failure = { code, message: english(code, params), params: params as MessageParams, ...(details === undefined ? {} : { details }) };
  return { ok: false, error };
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function actOf(kind: unknown, number: unknown, date: unknown): Act | null {
  return kind === null || kind === undefined ? null : { kind: String(kind), number: String(number ?? ''), date: String(date ?? '') };
}

export function planAct(r: Row): Act | null {
  return actOf(r.act_kind, r.act_number, r.act_date);
}

function changeRecord(r: Row): RevisionChange {
  const parse = (v: unknown): Record<string, unknown> | null => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : null);
  return {
    seq: Number(r.seq),
    at: String(r.at),
    user: str(r.username),
    action: String(r.action) as RevisionChange['action'],
    entity: String(r.entity) as RevisionChange['entity'],
    entityId: String(r.entity_id),
    node: str(r.node_code),
    indicator: str(r.indicator_id),
    before: parse(r.before),
    after: parse(r.after),
    unit: str(r.unit) as RevisionChange['unit'],
  };
}

/**
 * A revision as the register reads it: its net change per record (core `netChanges`: a weight moved
 * 50 → 40 → 50 is no change), and how many steps were recorded, each kept in
 * plan_revision_changes and on the audit trail.
 */
function revisionRecord(r: Row, steps: readonly RevisionChange[]): RevisionRecord {
  const changes: RevisionChange[] = netChanges(steps).map(({ steps: _merged, ...change }) => change);
  return {
    number: Number(r.seq),
    kind: String(r.kind) as RevisionRecord['kind'],
    reason: String(r.reason),
    date: String(r.decided_on),
    act: actOf(r.act_kind, r.act_number, r.act_date),
    status: String(r.status) as RevisionRecord['status'],
    openedAt: String(r.opened_at),
    openedBy: str(r.opened_by),
    approvedAt: str(r.approved_at),
    approvedBy: str(r.approved_by),
    changes,
    steps: steps.length,
    version: Number(r.version),
    // Its steps listed whole: they are what the office did before letting it go (the net change is none).
    discarded: r.status === 'discarded' ? { at: String(r.discarded_at), by: str(r.discarded_by), reason: str(r.discard_reason), steps } : null,
  };
}

/**
 * Every revision of a plan, oldest first (`only`: that one alone), each with its net changes in the order they were first made.
 * `named`: each indicator's change with the name the indicator had at it (`namesAtChange`), as the
 * register says it; left out by the readers that compare or keep what was recorded.
 */
export async function readRevisions(q: Queryable, planId: string, only?: number, named = false): Promise<RevisionRecord[]> {
  const filter = only === undefined ? '' : ' AND seq = ?';
  const params: Param[] = only === undefined ? [planId] : [planId, only];
  const rows = await q.all(`SELECT * FROM plan_revisions WHERE plan_id = ?${filter} ORDER BY seq`, params);
  if (rows.length === 0) return [];
  // A named read takes every step of the plan even for one revision: a name is walked back from today's through the steps after it.
  const whole = named || only === undefined;
  const changes = await q.all(`SELECT * FROM plan_revision_changes WHERE plan_id = ?${whole ? '' : ' AND revision_seq = ?'} ORDER BY revision_seq, seq`, whole ? [planId] : params);
  const records = changes.map(changeRecord);
  const names = named ? namesAtChange(records, await q.all(`SELECT id, name FROM indicators WHERE plan_id = ?`, [planId])) : [];
  const byRevision = new Map<number, RevisionChange[]>();
  changes.forEach((c, k) => {
    const list = byRevision.get(Number(c.revision_seq)) ?? [];
    const name = names[k];
    list.push(name === undefined ? records[k]! : { ...records[k]!, name });
    byRevision.set(Number(c.revision_seq), list);
  });
  return rows.map((r) => revisionRecord(r, byRevision.get(Number(r.seq)) ?? []));
}

/** What `namesAtChange` reads of a step: a revision's, or an entry of the audit trail. */
export type NamingStep = Pick<RevisionChange, 'entityId'> & {
  readonly entity: string;
  readonly action: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
};

/**
 * The name each indicator had at each step of the plan's revisions (`steps` in the order they were
 * made; undefined for a step not about an indicator): the name after the step, before it for a deletion
 * (an objective's deletion: its title).
 * Not kept with the step, it is read back from the steps themselves: once a plan is adopted every
 * rename is a step of a revision, holding the name before and after, so walking from the names the
 * plan holds now back through the steps gives the name at each one, and a rename made later leaves
 * what an earlier change said as it was. A step that carries the name itself (an addition, a rename,
 * a deletion) is said by it. The audit trail's entries of indicators and objectives walk the same way
 * (store/audit-names.ts `auditNames`).
 */
export function namesAtChange(steps: readonly NamingStep[], now: readonly Row[]): (string | undefined)[] {
  const current = new Map(now.map((r) => [String(r.id), String(r.name)]));
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const names: (string | undefined)[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    // An objective's deletion takes its indicators: before it, they had the names its record holds.
    // It is named by its title, which says the sentence may name the values it took by their indicators' names.
    if (s.entity === 'node' && s.action === 'delete') {
      names[k] = text(s.before?.title);
      if (Array.isArray(s.before?.indicators)) for (const i of s.before.indicators as Record<string, unknown>[]) if (text(i?.name) !== undefined) current.set(String(i.id), text(i.name)!);
    }
    if (s.entity !== 'indicator') continue;
    const id = s.entityId;
    names[k] = s.action === 'delete' ? (text(s.before?.name) ?? current.get(id)) : (text(s.after?.name) ?? current.get(id));
    // The names as they stood before the step.
    if (s.action === 'create') current.delete(id);
    else if (text(s.before?.name) !== undefined) current.set(id, text(s.before!.name)!);
  }
  return names;
}

/** One revision, its indicators' changes named as the register names them (what opening, correcting, approving or discarding it answers). */
export async function readRevision(q: Queryable, planId: string, number: number): Promise<RevisionRecord | undefined> {
  return (await readRevisions(q, planId, number, true))[0];
}

/** Where an edit of the plan's definition stands: free (a draft), or inside the open revision. */
export interface Gate {
  readonly revision: { readonly number: number; readonly reason: string } | null;
}

/** `deleting`: the refused write is the plan's deletion, whose way out the message says (unarchive, then delete). */
export function archivedRefusal(planId: string, deleting = false): Refused {
  return refuse('plan-archived', deleting ? { deleting } : {}, { planId }) as Refused;
}

/**
 * A write's first question, asked before it locks any of the plan's parts: its refusal when the plan
 * is archived (`isArchived`, the plan's row locked against an archiving in flight), else null.
 */
export async function refuseIfArchived(tx: Queryable, db: Pick<Db, 'dialect'>, planId: string): Promise<Refused | null> {
  return (await isArchived(tx, db, planId)) ? archivedRefusal(planId) : null;
}

/**
 * May the plan's definition be changed now, and into which revision does the change go? Refuses
 * an unknown plan, an archived one, and an adopted plan with no open revision.
 */
export async function editGate(tx: Queryable, db: Pick<Db, 'dialect'>, planId: string): Promise<Result<Gate>> {
  // The plan's row locked as every write's archived check locks it (`isArchived`): an archiving in flight comes wholly before or after the edit.
  const plan = await one(tx, `SELECT status, archived_at FROM plans WHERE id = ?${planShareLock(db)}`, [planId]);
  if (plan === undefined) return noPlan(planId);
  if (plan.archived_at !== null && plan.archived_at !== undefined) return archivedRefusal(planId);
  if (plan.status !== 'adopted') return { ok: true, value: { revision: null } };
  const open = await one(tx, `SELECT seq, reason FROM plan_revisions WHERE plan_id = ? AND status = 'open'${shareLock(db)}`, [planId]);
  if (open === undefined) {
    return refuse('revision-required', {}, { planId });
  }
  return { ok: true, value: { revision: { number: Number(open.seq), reason: String(open.reason) } } };
}

/**
 * The number of the plan's open revision, null when none is (at most one is: plan_revisions_one_open).
 * Read under the plan's row lock by whoever must see it decided, so an opening waits for them or they for it.
 */
export async function openRevisionNumber(tx: Queryable, planId: string): Promise<number | null> {
  const open = await one(tx, `SELECT seq FROM plan_revisions WHERE plan_id = ? AND status = 'open'`, [planId]);
  return open === undefined ? null : Number(open.seq);
}

/** The fields of an update that changed, before → after (`version` and unchanged fields left out). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'version') continue;
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
    b[key] = before[key] ?? null;
    a[key] = after[key] ?? null;
  }
  return { before: b, after: a };
}

export interface ChangeWrite {
  readonly action: RevisionChange['action'];
  readonly entity: RevisionChange['entity'];
  readonly entityId: string;
  readonly node?: string | null;
  readonly indicator?: string | null;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
}

/** Records a change in the open revision (nothing for a draft); an update that changed nothing is not a change. */
export async function recordChange(tx: Queryable, planId: string, gate: Gate, actor: Actor, change: ChangeWrite, at: string): Promise<void> {
  if (gate.revision === null) return;
  let before = change.before ?? null;
  let after = change.after ?? null;
  // The indicator's unit as it stands after the change (before it, for a deletion), taken from
  // the whole records before an update keeps only the changed fields.
  const whole = after ?? before;
  const unit = change.entity === 'indicator' && typeof whole?.unit === 'string' ? whole.unit : null;
  if (change.action === 'update' && before !== null && after !== null) {
    ({ before, after } = changedFields(before, after));
    if (Object.keys(after).length === 0) return;
  }
  const last = await one(tx, `SELECT MAX(seq) AS seq FROM plan_revision_changes WHERE plan_id = ? AND revision_seq = ?`, [planId, gate.revision.number]);
  const seq = last?.seq === null || last?.seq === undefined ? 1 : Number(last.seq) + 1;
  await tx.run(
    `INSERT INTO plan_revision_changes (plan_id, revision_seq, seq, at, username, action, entity, entity_id, node_code, indicator_id, before, after, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      planId,
      gate.revision.number,
      seq,
      at,
      actor.username,
      change.action,
      change.entity,
      change.entityId,
      change.node ?? null,
      change.indicator ?? null,
      before === null ? null : JSON.stringify(before),
      after === null ? null : JSON.stringify(after),
      unit,
    ],
  );
}

/** The audit trail's reason for a change made inside a revision (said in the reader's language when read: messages/audit-reasons.ts). */
export function gateReason(gate: Gate): string | null {
  return revisionEditReason(gate.revision);
}

/**
 * The tail of every edit of a plan's definition, in the edit's transaction: the plan's data
 * version bumped, the change recorded in the open revision (nothing for a draft) and on the audit
 * trail, with the revision's reason.
 */
export async function recordEdit(tx: Queryable, planId: string, gate: Gate, actor: Actor, change: ChangeWrite): Promise<void> {
  await touch(tx, planId);
  const named = await withUnitNames(tx, change);
  await recordChange(tx, planId, gate, actor, named, now());
  await recordAudit(tx, actor, { ...named, planId, reason: gateReason(gate) });
}

/**
 * The change with each side's organisation unit named as the registry names it now (`unitName`
 * beside `unitId`): the register and the trail say «struttura — → Ufficio Estero», not the
 * unit's id, and keep the name it had when the change was made (a unit renamed later leaves the
 * register, and a Relazione validated with it, as they were).
 */
export async function withUnitNames(tx: Queryable, change: ChangeWrite): Promise<ChangeWrite> {
  const named = async (side: Record<string, unknown> | null | undefined): Promise<Record<string, unknown> | null | undefined> => {
    if (side === null || side === undefined || !('unitId' in side)) return side;
    const id = side.unitId;
    const row = typeof id === 'string' ? await one(tx, `SELECT name FROM org_units WHERE id = ?`, [id]) : undefined;
    return { ...side, unitName: row === undefined ? null : String(row.name) };
  };
  return { ...change, before: await named(change.before), after: await named(change.after) };
}
