/**
 * The organisation registry: units (strutture) as records, with a parent, a head and members.
 * Users belong to units by id; objectives and indicators are assigned to a unit (and optionally a
 * person) by id. Names are matched trimmed and case-insensitively (`unitKey`), so
 * "Ufficio internazionalizzazione " finds "Ufficio Internazionalizzazione".
 */
import { randomUUID } from 'node:crypto';
import { compareNames, sortByNames } from '../core/names.js';
import { mayBeAssigned, type Role } from '../contract/permissions.js';
import { reassignedReason } from '../messages/audit-reasons.js';
import { registryProblem } from '../messages/registry-problem.js';
import { english, type MessageParams, type Params } from '../messages/index.js';
import { recordAudit, savedVersion } from './audit-log.js';
import { one, type Db, type Param, type Queryable, type Row } from './db.js';
import { editGate, recordChange, withUnitNames, type ChangeWrite } from './revisions.js';
import { fail, forUpdate, now, ok, touch } from './shared.js';
import type { Actor, Failure, Reassignment, Result, UnitImportIssue, UnitImportRow, UnitInput, UnitPatch, UnitRecord } from './types.js';

/** A refusal by code: English in `message` (logs), said in the reader's language from `params`; `details.field` names the field. */
function refusal<K extends 'invalid' | 'duplicate'>(code: K, params: Params<K> & { field?: string }, details: Record<string, unknown> = { field: params.field }): Failure {
  return { code, message: english(code, params), details, params: params as MessageParams };
}

/** The kinds a unit usually has in an Italian public body (any other text is accepted too). */
export const UNIT_KINDS: readonly string[] = ['Area', 'Dipartimento', 'Direzione', 'Settore', 'Servizio', 'Ufficio', 'Unità organizzativa'];

/** How names are compared: trimmed, inner spaces collapsed, case-insensitive. */
export function unitKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('it-IT');
}

/** A tidy name: trimmed, inner spaces collapsed. */
export function unitName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** The kind a unit's name suggests ("Settore Tributi" → Settore), else Ufficio. */
export function kindFromName(name: string): string {
  const first = unitName(name).split(' ')[0]?.toLocaleLowerCase('it-IT') ?? '';
  return UNIT_KINDS.find((k) => k.toLocaleLowerCase('it-IT') === first) ?? 'Ufficio';
}

/** A code for a unit made from its name's initials ("Ufficio Internazionalizzazione" → UI), unique among `taken`. */
export function codeFromName(name: string, taken: Set<string>): string {
  const words = unitName(name)
    .normalize('NFD')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .split(' ')
    .filter((w) => w.length > 2 || /^\d+$/.test(w));
  const base = (words.map((w) => w[0]!.toUpperCase()).join('') || 'U').slice(0, 12);
  let code = base;
  for (let n = 2; taken.has(code.toLowerCase()); n++) code = `${base}${n}`;
  taken.add(code.toLowerCase());
  return code;
}

/**
 * Migration 20's data step: the unit texts of users (JSON arrays), of objectives, and indicator
 * owners that name one of those units become units; every reference becomes an id.
 */
export async function migrateUnitTexts(tx: Queryable): Promise<void> {
  const byKey = new Map<string, { name: string; id: string }>();
  const taken = new Set<string>();
  const at = now();
  const unitFor = async (text: string): Promise<string> => {
    const key = unitKey(text);
    let found = byKey.get(key);
    if (found === undefined) {
      found = { name: unitName(text), id: randomUUID() };
      byKey.set(key, found);
      await tx.run(`INSERT INTO org_units (id, code, name, name_key, kind, parent_id, head_user_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, 1, ?, ?)`, [
        found.id,
        codeFromName(found.name, taken),
        found.name,
        key,
        kindFromName(found.name),
        at,
        at,
      ]);
    }
    return found.id;
  };
  for (const user of await tx.all(`SELECT id, units FROM users ORDER BY created_at, id`)) {
    let names: unknown = [];
    try {
      names = JSON.parse(String(user.units));
    } catch {
      names = [];
    }
    const ids = new Set<string>();
    for (const name of Array.isArray(names) ? names : []) if (typeof name === 'string' && name.trim() !== '') ids.add(await unitFor(name));
    for (const id of ids) await tx.run(`INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)`, [String(user.id), id]);
  }
  for (const node of await tx.all(`SELECT DISTINCT unit FROM nodes WHERE unit IS NOT NULL`)) {
    const text = String(node.unit);
    if (text.trim() === '') continue;
    await tx.run(`UPDATE nodes SET unit_id = ? WHERE unit = ?`, [await unitFor(text), text]);
  }
  // An indicator's owner that names a unit (the old permission rule matched it against the users' units).
  for (const ind of await tx.all(`SELECT DISTINCT owner FROM indicators WHERE owner IS NOT NULL`)) {
    const found = byKey.get(unitKey(String(ind.owner)));
    if (found !== undefined) await tx.run(`UPDATE indicators SET unit_id = ? WHERE owner = ?`, [found.id, String(ind.owner)]);
  }
}

/**
 * A unit renamed: the data version of every plan with an objective or indicator given to one of
 * `unitIds` moves, in the rename's transaction. What a plan shows is cached by its data version (the
 * tree, its ETag and the fast read's 304, the exports, the Relazione's `seen`, the campaign), in this
 * process and in any other on the database: each then reads the new name at once, and no cache
 * needs to learn of units. A period read from its closing keeps the closing's names and its answer
 * (server/tree.ts `loadFrozen`). The plan's `updated_at` stays: nothing of the plan was edited.
 */
async function touchPlansNaming(tx: Queryable, unitIds: readonly string[]): Promise<void> {
  if (unitIds.length === 0) return;
  const marks = unitIds.map(() => '?').join(', ');
  const plans = await tx.all(`SELECT plan_id FROM nodes WHERE unit_id IN (${marks}) UNION SELECT plan_id FROM indicators WHERE unit_id IN (${marks})`, [...unitIds, ...unitIds]);
  // In one order: two renames moving the same plans wait for each other rather than deadlock.
  for (const planId of plans.map((p) => String(p.plan_id)).sort()) await tx.run(`UPDATE plans SET data_version = data_version + 1 WHERE id = ?`, [planId]);
}

function unitRecord(r: Row, members: readonly string[]): UnitRecord {
  return {
    id: String(r.id),
    code: String(r.code),
    name: String(r.name),
    kind: String(r.kind),
    parentId: r.parent_id === null ? null : String(r.parent_id),
    headId: r.head_user_id === null ? null : String(r.head_user_id),
    members,
    version: Number(r.version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

// `version`: the trail's entry says which version it made, so a stale save names who made it (`savedVersion`).
const unitJson = (u: UnitRecord): Record<string, unknown> => ({
  code: u.code,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId,
  headId: u.headId,
  members: [...u.members].sort(),
  version: u.version,
});

/** Every user's units: ids (member or head) and the names of the units they are a member of. */
export async function unitsOfUsers(q: Queryable, userIds?: readonly string[]): Promise<Map<string, { ids: string[]; names: string[] }>> {
  if (userIds !== undefined && userIds.length === 0) return new Map();
  const filter = userIds === undefined ? '' : ` WHERE x.user_id IN (${userIds.map(() => '?').join(', ')})`;
  const rows = await q.all(
    `SELECT x.user_id, x.unit_id, x.member, u.name FROM (SELECT user_id, unit_id, 1 AS member FROM user_units UNION ALL SELECT head_user_id AS user_id, id AS unit_id, 0 AS member FROM org_units WHERE head_user_id IS NOT NULL) x JOIN org_units u ON u.id = x.unit_id${filter}`,
    userIds === undefined ? [] : [...userIds],
  );
  const out = new Map<string, { ids: string[]; names: string[] }>();
  for (const r of sortByNames(
    rows,
    (r) => String(r.name),
    (r) => String(r.unit_id),
  )) {
    const entry = out.get(String(r.user_id)) ?? { ids: [], names: [] };
    if (!entry.ids.includes(String(r.unit_id))) entry.ids.push(String(r.unit_id));
    if (Number(r.member) === 1) entry.names.push(String(r.name));
    out.set(String(r.user_id), entry);
  }
  return out;
}

/** A refusal found after some writes: thrown to roll the transaction back, then answered. */
class Rollback extends Error {
  constructor(readonly result: Result<unknown>) {
    super(result.ok ? 'rollback' : result.error.message);
  }
}

/** `work` in a transaction that is kept only when it succeeds (and `keep` is true: false is a dry run). */
async function atomically<T>(db: Db, work: (tx: Queryable) => Promise<Result<T>>, keep = true): Promise<Result<T>> {
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok || !keep) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result as Result<T>;
    throw error;
  }
}

/** Unit ids for names (trimmed, case-insensitive), creating the missing ones (seeding, the CLI, internal callers). */
export async function ensureUnitsByName(tx: Queryable, names: readonly string[], actor: Actor): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    if (name.trim() === '') continue;
    const key = unitKey(name);
    const found = await one(tx, `SELECT id FROM org_units WHERE name_key = ?`, [key]);
    if (found !== undefined) {
      if (!ids.includes(String(found.id))) ids.push(String(found.id));
      continue;
    }
    const taken = new Set((await tx.all(`SELECT code FROM org_units`)).map((r) => String(r.code).toLowerCase()));
    const id = randomUUID();
    const at = now();
    const code = codeFromName(name, taken);
    await tx.run(`INSERT INTO org_units (id, code, name, name_key, kind, parent_id, head_user_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, 1, ?, ?)`, [
      id,
      code,
      unitName(name),
      key,
      kindFromName(name),
      at,
      at,
    ]);
    await recordAudit(tx, actor, { action: 'create', entity: 'unit', entityId: id, after: { code, name: unitName(name), kind: kindFromName(name), parentId: null, headId: null, members: [] } });
    ids.push(id);
  }
  return ids;
}

/** Replaces a user's memberships (audited by the caller with the user's change). */
export async function setUserUnits(tx: Queryable, userId: string, unitIds: readonly string[]): Promise<void> {
  await tx.run(`DELETE FROM user_units WHERE user_id = ?`, [userId]);
  for (const id of new Set(unitIds)) await tx.run(`INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)`, [userId, id]);
}

/** The first of `ids` that is no unit, if any. */
export async function unknownUnit(q: Queryable, ids: readonly string[]): Promise<string | undefined> {
  for (const id of ids) if ((await one(q, `SELECT id FROM org_units WHERE id = ?`, [id])) === undefined) return id;
  return undefined;
}

export async function unknownUser(q: Queryable, ids: readonly string[]): Promise<string | undefined> {
  for (const id of ids) if ((await one(q, `SELECT id FROM users WHERE id = ?`, [id])) === undefined) return id;
  return undefined;
}

/**
 * The Referente a write names for an objective or indicator (the field `personId`), refused when no
 * such account exists or the rule `mayBeAssigned` excludes it (an OIV, HR, an account switched off),
 * read in the transaction that writes it. Null (none) and undefined (left as it is) pass unread.
 */
export async function checkedAssignee(q: Queryable, personId: string | null | undefined): Promise<Result<string | null | undefined>> {
  if (personId === undefined || personId === null) return ok(personId);
  const r = await one(q, `SELECT username, display_name, role, active FROM users WHERE id = ?`, [personId]);
  if (r === undefined) return { ok: false, error: refusal('invalid', { field: 'personId', reason: 'unknown-person', id: personId }) };
  const account = { role: String(r.role) as Role, active: Number(r.active) === 1 };
  if (mayBeAssigned(account)) return ok(personId);
  return {
    ok: false,
    error: refusal('invalid', {
      field: 'personId',
      reason: 'person-cannot-enter',
      id: personId,
      label: `${String(r.display_name)} (${String(r.username)})`,
      role: account.role,
      active: account.active,
    }),
  };
}

/** The units' store operations, written once for both databases (SqlStore delegates here). */
export class UnitRegistry {
  constructor(private readonly db: Db) {}

  private async read(q: Queryable, id?: string): Promise<UnitRecord[]> {
    // In names' order (core/names.ts), not the database's collation.
    const rows = sortByNames(
      await q.all(`SELECT * FROM org_units${id === undefined ? '' : ' WHERE id = ?'}`, id === undefined ? [] : [id]),
      (r) => String(r.name),
      (r) => String(r.code),
    );
    const members = await q.all(
      `SELECT m.user_id, m.unit_id, u.username FROM user_units m JOIN users u ON u.id = m.user_id${id === undefined ? '' : ' WHERE m.unit_id = ?'}`,
      id === undefined ? [] : [id],
    );
    const byUnit = new Map<string, string[]>();
    for (const m of sortByNames(
      members,
      (m) => String(m.username),
      (m) => String(m.user_id),
    )) {
      const list = byUnit.get(String(m.unit_id)) ?? [];
      list.push(String(m.user_id));
      byUnit.set(String(m.unit_id), list);
    }
    return rows.map((r) => unitRecord(r, byUnit.get(String(r.id)) ?? []));
  }

  async list(): Promise<UnitRecord[]> {
    return this.read(this.db);
  }

  async get(id: string, q: Queryable = this.db): Promise<UnitRecord | undefined> {
    return (await this.read(q, id))[0];
  }

  async findByName(names: readonly string[]): Promise<{ ids: string[]; unknown: string[] }> {
    const ids: string[] = [];
    const unknown: string[] = [];
    for (const name of names) {
      const found = await one(this.db, `SELECT id FROM org_units WHERE name_key = ?`, [unitKey(name)]);
      if (found === undefined) unknown.push(name);
      else if (!ids.includes(String(found.id))) ids.push(String(found.id));
    }
    return { ids, unknown };
  }

  /** What is wrong with a unit's new state, as a refusal by code (the API says it in the reader's language), or null. */
  private async problem(tx: Queryable, id: string | null, next: UnitInput): Promise<Failure | null> {
    const code = next.code.trim();
    const name = unitName(next.name);
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/.test(code)) return refusal('invalid', { field: 'code', reason: 'unit-code', code });
    if (name === '') return refusal('invalid', { field: 'name', reason: 'unit-name' });
    if (next.kind.trim() === '') return refusal('invalid', { field: 'kind', reason: 'unit-kind' });
    const sameCode = await one(tx, `SELECT id, name FROM org_units WHERE LOWER(code) = ?${id === null ? '' : ' AND id <> ?'}`, id === null ? [code.toLowerCase()] : [code.toLowerCase(), id]);
    if (sameCode !== undefined) return refusal('duplicate', { what: 'unit-code', id: code, label: String(sameCode.name) }, { field: 'code' });
    const sameName = await one(tx, `SELECT id, code FROM org_units WHERE name_key = ?${id === null ? '' : ' AND id <> ?'}`, id === null ? [unitKey(name)] : [unitKey(name), id]);
    if (sameName !== undefined) return refusal('duplicate', { what: 'unit-name', id: name, label: String(sameName.code) }, { field: 'name' });
    if (next.parentId !== undefined && next.parentId !== null) {
      if (next.parentId === id) return refusal('invalid', { field: 'parentId', reason: 'own-parent' });
      if ((await one(tx, `SELECT id FROM org_units WHERE id = ?`, [next.parentId])) === undefined) return refusal('invalid', { field: 'parentId', reason: 'unknown-parent', id: next.parentId });
      if (id !== null) {
        // Walking up from the new parent must not meet this unit.
        let at: string | null = next.parentId;
        for (let depth = 0; at !== null && depth < 100; depth++) {
          if (at === id) {
            const parent = await one(tx, `SELECT code FROM org_units WHERE id = ?`, [next.parentId]);
            return refusal('invalid', { field: 'parentId', reason: 'parent-circle', code, parent: String(parent!.code) });
          }
          const up: Row | undefined = await one(tx, `SELECT parent_id FROM org_units WHERE id = ?`, [at]);
          at = up === undefined || up.parent_id === null ? null : String(up.parent_id);
        }
      }
    }
    if (next.headId !== undefined && next.headId !== null && (await unknownUser(tx, [next.headId])) !== undefined)
      return refusal('invalid', { field: 'headId', reason: 'unknown-head', id: next.headId });
    const missing = await unknownUser(tx, next.members ?? []);
    if (missing !== undefined) return refusal('invalid', { field: 'members', reason: 'unknown-member', id: missing });
    return null;
  }

  async create(input: UnitInput, actor: Actor): Promise<Result<UnitRecord>> {
    return this.db.transaction(async (tx) => {
      const problem = await this.problem(tx, null, input);
      if (problem !== null) return { ok: false, error: problem } as Result<UnitRecord>;
      const id = randomUUID();
      const at = now();
      const name = unitName(input.name);
      await tx.run(`INSERT INTO org_units (id, code, name, name_key, kind, parent_id, head_user_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, [
        id,
        input.code.trim(),
        name,
        unitKey(name),
        input.kind.trim(),
        input.parentId ?? null,
        input.headId ?? null,
        at,
        at,
      ]);
      for (const member of new Set(input.members ?? [])) await tx.run(`INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)`, [member, id]);
      const after = (await this.get(id, tx))!;
      await recordAudit(tx, actor, { action: 'create', entity: 'unit', entityId: id, after: unitJson(after) });
      return ok(after);
    });
  }

  async update(id: string, patch: UnitPatch, expectedVersion: number | undefined, actor: Actor): Promise<Result<UnitRecord>> {
    return this.db.transaction(async (tx) => {
      if ((await one(tx, `SELECT id FROM org_units WHERE id = ?${forUpdate(this.db)}`, [id])) === undefined)
        return fail('not-found', english('not-found', { what: 'unit', id }), undefined, { what: 'unit', id });
      const before = (await this.get(id, tx))!;
      if (expectedVersion !== undefined && before.version !== expectedVersion) {
        // Who saved the unit as it is now (its row keeps when: `updatedAt`), as an objective's stale save names them; the edge says the person's name.
        const saved = await savedVersion(tx, null, 'unit', id, before.version);
        const params = { what: 'unit', id: before.name, version: before.version, sent: expectedVersion, by: saved?.updatedBy ?? null } as const;
        return fail('conflict', english('conflict', params), { current: { ...before, updatedBy: saved?.updatedBy ?? null } }, params);
      }
      const has = (k: keyof UnitPatch): boolean => Object.prototype.hasOwnProperty.call(patch, k);
      const next: UnitInput = {
        code: patch.code ?? before.code,
        name: patch.name ?? before.name,
        kind: patch.kind ?? before.kind,
        parentId: has('parentId') ? (patch.parentId ?? null) : before.parentId,
        headId: has('headId') ? (patch.headId ?? null) : before.headId,
        members: patch.members ?? before.members,
      };
      const problem = await this.problem(tx, id, next);
      if (problem !== null) return { ok: false, error: problem } as Result<UnitRecord>;
      const name = unitName(next.name);
      await tx.run(`UPDATE org_units SET code = ?, name = ?, name_key = ?, kind = ?, parent_id = ?, head_user_id = ?, version = version + 1, updated_at = ? WHERE id = ?`, [
        next.code.trim(),
        name,
        unitKey(name),
        next.kind.trim(),
        next.parentId ?? null,
        next.headId ?? null,
        now(),
        id,
      ]);
      if (name !== before.name) await touchPlansNaming(tx, [id]);
      if (patch.members !== undefined) {
        await tx.run(`DELETE FROM user_units WHERE unit_id = ?`, [id]);
        for (const member of new Set(patch.members)) await tx.run(`INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)`, [member, id]);
      }
      const after = (await this.get(id, tx))!;
      await recordAudit(tx, actor, { action: 'update', entity: 'unit', entityId: id, before: unitJson(before), after: unitJson(after) });
      return ok(after);
    });
  }

  async delete(id: string, actor: Actor): Promise<Result<UnitRecord>> {
    return this.db.transaction(async (tx) => {
      if ((await one(tx, `SELECT id FROM org_units WHERE id = ?${forUpdate(this.db)}`, [id])) === undefined)
        return fail('not-found', english('not-found', { what: 'unit', id }), undefined, { what: 'unit', id });
      const before = (await this.get(id, tx))!;
      const objectives = (await tx.all(`SELECT n.plan_id, p.title, p.year, n.code, n.position FROM nodes n JOIN plans p ON p.id = n.plan_id WHERE n.unit_id = ?`, [id])).sort(
        (a, b) => Number(b.year) - Number(a.year) || compareNames(String(a.title), String(b.title)) || compareNames(String(a.plan_id), String(b.plan_id)) || Number(a.position) - Number(b.position),
      );
      const indicators = Number((await one(tx, `SELECT COUNT(*) AS n FROM indicators WHERE unit_id = ?`, [id]))!.n);
      const children = sortByNames(
        await tx.all(`SELECT code, name FROM org_units WHERE parent_id = ?`, [id]),
        (c) => String(c.name),
        (c) => String(c.code),
      );
      if (objectives.length > 0 || indicators > 0 || children.length > 0) {
        const params = { unit: before.name, objectives: objectives.length, codes: objectives.slice(0, 5).map((o) => String(o.code)), indicators, children: children.map((c) => String(c.name)) };
        const details = {
          objectives: objectives.map((o) => ({ planId: String(o.plan_id), plan: `${String(o.title)} (${String(o.year)})`, code: String(o.code) })),
          indicators,
          children: children.map((c) => String(c.code)),
        };
        return fail('in-use', english('in-use', params), details, params);
      }
      await tx.run(`DELETE FROM user_units WHERE unit_id = ?`, [id]);
      await tx.run(`DELETE FROM org_units WHERE id = ?`, [id]);
      await recordAudit(tx, actor, { action: 'delete', entity: 'unit', entityId: id, before: unitJson(before) });
      return ok(before);
    });
  }

  async import(rows: readonly UnitImportRow[], actor: Actor, dryRun = false): Promise<Result<{ created: number; updated: number }>> {
    return atomically(
      this.db,
      async (tx) => {
        const issues: UnitImportIssue[] = [];
        const existing = await this.read(tx);
        const byCode = new Map(existing.map((u) => [u.code.toLowerCase(), u]));
        const users = new Map((await tx.all(`SELECT id, username FROM users`)).map((r) => [String(r.username).toLowerCase(), String(r.id)]));
        const fileCodes = new Map<string, number>();
        for (const r of rows) {
          const code = r.code.trim();
          if (code === '') issues.push(registryProblem(r.row, 'codice', 'empty'));
          else if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/.test(code)) issues.push(registryProblem(r.row, 'codice', 'bad-code', { value: code }));
          else if (fileCodes.has(code.toLowerCase())) issues.push(registryProblem(r.row, 'codice', 'code-twice', { value: code, other: fileCodes.get(code.toLowerCase())! }));
          else fileCodes.set(code.toLowerCase(), r.row);
          if (unitName(r.name) === '') issues.push(registryProblem(r.row, 'nome', 'empty'));
          if (r.kind.trim() === '') issues.push(registryProblem(r.row, 'tipo', 'empty'));
          if (
            r.parent !== null &&
            r.parent.trim() !== '' &&
            !fileCodes.has(r.parent.trim().toLowerCase()) &&
            !byCode.has(r.parent.trim().toLowerCase()) &&
            !rows.some((o) => o.code.trim().toLowerCase() === r.parent!.trim().toLowerCase())
          ) {
            issues.push(registryProblem(r.row, 'padre', 'unknown-parent', { value: r.parent.trim() }));
          }
          if (r.head !== null && r.head.trim() !== '' && !users.has(r.head.trim().toLowerCase())) issues.push(registryProblem(r.row, 'responsabile', 'unknown-user', { value: r.head.trim() }));
          for (const m of r.members) if (!users.has(m.trim().toLowerCase())) issues.push(registryProblem(r.row, 'membri', 'unknown-user', { value: m.trim() }));
        }
        // Names must stay unique: within the file, and against registry units the file does not rename.
        const names = new Map<string, number>();
        for (const r of rows) {
          const key = unitKey(r.name);
          if (key === '') continue;
          if (names.has(key)) issues.push(registryProblem(r.row, 'nome', 'name-twice', { value: unitName(r.name), other: names.get(key)! }));
          else names.set(key, r.row);
          const clash = existing.find((u) => unitKey(u.name) === key && u.code.toLowerCase() !== r.code.trim().toLowerCase());
          if (clash !== undefined && !rows.some((o) => o.code.trim().toLowerCase() === clash.code.toLowerCase()))
            issues.push(registryProblem(r.row, 'nome', 'name-taken', { value: unitName(r.name), unit: clash.code }));
        }
        if (issues.length > 0) return { ok: false, error: refusal('invalid', { reason: 'registry-rows', problems: issues.length, row: issues[0]!.row, column: issues[0]!.field }, { issues }) };
        // First every unit without its parent (a parent may come later in the file), then the parents.
        let created = 0;
        let updated = 0;
        const at = now();
        const ids = new Map<string, string>();
        const befores = new Map<string, UnitRecord>();
        const renamed: string[] = [];
        for (const r of rows) {
          const code = r.code.trim();
          const name = unitName(r.name);
          const prior = byCode.get(code.toLowerCase());
          // A temporary name key while names move between units within the file.
          const tempKey = `#import#${randomUUID()}`;
          if (prior === undefined) {
            const id = randomUUID();
            await tx.run(`INSERT INTO org_units (id, code, name, name_key, kind, parent_id, head_user_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, 1, ?, ?)`, [
              id,
              code,
              name,
              tempKey,
              r.kind.trim(),
              r.head === null || r.head.trim() === '' ? null : users.get(r.head.trim().toLowerCase())!,
              at,
              at,
            ]);
            ids.set(code.toLowerCase(), id);
            created++;
          } else {
            befores.set(prior.id, prior);
            if (name !== prior.name) renamed.push(prior.id);
            await tx.run(`UPDATE org_units SET code = ?, name = ?, name_key = ?, kind = ?, head_user_id = ?, version = version + 1, updated_at = ? WHERE id = ?`, [
              code,
              name,
              tempKey,
              r.kind.trim(),
              r.head === null || r.head.trim() === '' ? null : users.get(r.head.trim().toLowerCase())!,
              at,
              prior.id,
            ]);
            ids.set(code.toLowerCase(), prior.id);
            updated++;
          }
        }
        for (const r of rows) {
          const id = ids.get(r.code.trim().toLowerCase())!;
          const parentCode = r.parent?.trim().toLowerCase() ?? '';
          const parentId = parentCode === '' ? null : (ids.get(parentCode) ?? byCode.get(parentCode)!.id);
          await tx.run(`UPDATE org_units SET parent_id = ?, name_key = ? WHERE id = ?`, [parentId, unitKey(r.name), id]);
          await tx.run(`DELETE FROM user_units WHERE unit_id = ?`, [id]);
          for (const m of new Set(r.members.map((x) => users.get(x.trim().toLowerCase())!))) await tx.run(`INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)`, [m, id]);
        }
        // No circles: from every unit, walking up must end.
        const parents = new Map(
          (await tx.all(`SELECT id, code, parent_id FROM org_units`)).map((r) => [String(r.id), { code: String(r.code), parent: r.parent_id === null ? null : String(r.parent_id) }]),
        );
        for (const r of rows) {
          const start = ids.get(r.code.trim().toLowerCase())!;
          let up: string | null = parents.get(start)!.parent;
          for (let depth = 0; up !== null; depth++) {
            if (up === start || depth > parents.size) {
              return { ok: false, error: refusal('invalid', { reason: 'registry-circle', row: r.row, code: r.code.trim() }, { issues: [registryProblem(r.row, 'padre', 'circle')] }) };
            }
            up = parents.get(up)?.parent ?? null;
          }
        }
        await touchPlansNaming(tx, renamed);
        for (const r of rows) {
          const id = ids.get(r.code.trim().toLowerCase())!;
          const after = (await this.get(id, tx))!;
          const before = befores.get(id);
          await recordAudit(tx, actor, {
            action: before === undefined ? 'create' : 'update',
            entity: 'unit',
            entityId: id,
            before: before === undefined ? null : unitJson(before),
            after: unitJson(after),
          });
        }
        return ok({ created, updated });
      },
      !dryRun,
    );
  }

  async reassign(planId: string, change: Reassignment, actor: Actor): Promise<Result<{ nodes: number; indicators: number }>> {
    return atomically(this.db, async (tx) => {
      // Who owns an objective is part of the plan's definition: after adoption it changes only
      // inside a revision, as every other edit does (and never on an archived plan).
      const gate = await editGate(tx, this.db, planId);
      if (!gate.ok) return gate;
      const reason = reassignedReason(gate.value.revision);
      const at = now();
      if (change.unitId === undefined && change.personId === undefined) return { ok: false, error: refusal('invalid', { field: 'unitId', reason: 'no-assignee' }) };
      if (change.unitId !== undefined && change.unitId !== null && (await unknownUnit(tx, [change.unitId])) !== undefined)
        return { ok: false, error: refusal('invalid', { field: 'unitId', reason: 'unknown-unit', id: change.unitId }) };
      const person = await checkedAssignee(tx, change.personId);
      if (!person.ok) return person;
      const sets: string[] = [];
      const values: Param[] = [];
      if (change.unitId !== undefined) (sets.push('unit_id = ?'), values.push(change.unitId));
      if (change.personId !== undefined) (sets.push('person_id = ?'), values.push(change.personId));
      let nodes = 0;
      let indicators = 0;
      const changes: ChangeWrite[] = [];
      // Each row locked before it is read (PostgreSQL), in one order (codes, then ids, sorted) so that
      // two reassignments wait for each other rather than deadlock: one made meanwhile is waited for,
      // and the register and the trail say this one from the owner that one left (X → Y), not from
      // the owner both read (null → Y twice).
      for (const code of [...new Set(change.nodes ?? [])].sort()) {
        const before = await one(tx, `SELECT code, unit_id, person_id FROM nodes WHERE plan_id = ? AND code = ?${forUpdate(this.db)}`, [planId, code]);
        if (before === undefined) return fail('not-found', english('not-found', { what: 'objective', id: code }), { node: code }, { what: 'objective', id: code });
        await tx.run(`UPDATE nodes SET ${sets.join(', ')}, version = version + 1 WHERE plan_id = ? AND code = ?`, [...values, planId, code]);
        const was = { unitId: before.unit_id ?? null, personId: before.person_id ?? null };
        const is = { unitId: change.unitId === undefined ? was.unitId : change.unitId, personId: change.personId === undefined ? was.personId : change.personId };
        changes.push({ action: 'update', entity: 'node', entityId: code, node: code, before: was, after: is });
        nodes++;
      }
      for (const id of [...new Set(change.indicators ?? [])].sort()) {
        const before = await one(tx, `SELECT node_code, unit_id, person_id FROM indicators WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, id]);
        if (before === undefined) return fail('not-found', english('not-found', { what: 'indicator', id }), { indicator: id }, { what: 'indicator', id });
        await tx.run(`UPDATE indicators SET ${sets.join(', ')}, version = version + 1 WHERE plan_id = ? AND id = ?`, [...values, planId, id]);
        const was = { unitId: before.unit_id ?? null, personId: before.person_id ?? null };
        const is = { unitId: change.unitId === undefined ? was.unitId : change.unitId, personId: change.personId === undefined ? was.personId : change.personId };
        changes.push({ action: 'update', entity: 'indicator', entityId: id, node: String(before.node_code), indicator: id, before: was, after: is });
        indicators++;
      }
      // The plan's row first, then the register (as every other edit, recordEdit): the revision's
      // changes are numbered one writer at a time, never two with the same number.
      await touch(tx, planId);
      for (const change of changes) {
        const written = await withUnitNames(tx, change);
        await recordChange(tx, planId, gate.value, actor, written, at);
        await recordAudit(tx, actor, { ...written, planId, reason }, at);
      }
      return ok({ nodes, indicators });
    });
  }
}
