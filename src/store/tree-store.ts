/**
 * The plan's tree as stored: objectives (nodes) and their indicators, added, changed and deleted.
 * Every edit passes the plan's edit gate first (revisions.ts `editGate`: an archived plan refuses, an
 * adopted one needs an open revision) and ends with `recordEdit` in the same transaction: the data
 * version bumped, the change in the open revision and on the audit trail.
 */
import { amountKind, type Unit } from '../core/index.js';
import { savedVersion } from './audit-log.js';
import { amountToJson, formulaToJson, nextTargetsToJson, parse, ruleToJson, text } from './codec.js';
import { one, type Db, type Param, type Queryable, type Row } from './db.js';
import { baselineTyped } from './lineage.js';
import { openActuals } from './measurement-store.js';
import { objectiveMeta, type ObjectiveMetaRow } from './plan-read.js';
import { keepRecords, keptIndicatorIds } from './kept-records.js';
import { removedValues } from './removed-values.js';
import { editGate, recordEdit, refuse } from './revisions.js';
import { fail, forUpdate, insertMany, now, ok, str } from './shared.js';
import { checkedAssignee, ensureUnitsByName, unknownUnit } from './units.js';
import type { Actor, IndicatorInput, IndicatorPatch, KeptCounts, NodeInput, NodePatch, ObjectiveMeta, Result } from './types.js';

/**
 * The refusal of an objective's or indicator's save made from version `sent` of a row now at another:
 * the row as it is (`details.current`), with who saved it and when (`updatedBy`, `updatedAt`; the edge
 * names the person), as a plan's, a period's or a value's stale save says them.
 */
export async function staleDefinition<T>(tx: Queryable, planId: string, entity: 'node' | 'indicator', id: string, row: Row, sent: number): Promise<Result<T>> {
  const version = Number(row.version);
  const saved = await savedVersion(tx, planId, entity, id, version);
  const what = entity === 'node' ? 'objective' : 'indicator';
  return fail(
    'conflict',
    `${what} ${id} was changed by ${saved?.updatedBy ?? 'someone else'} (version ${version}, you sent ${sent})`,
    { current: { ...(entity === 'node' ? nodeJson(row) : indicatorJson(row)), updatedBy: saved?.updatedBy ?? null, updatedAt: saved?.updatedAt ?? null } },
    { what, id, version, sent, by: saved?.updatedBy ?? null },
  );
}

/** An objective's row as the audit trail and the revisions keep it. */
export function nodeJson(r: Row): Record<string, unknown> {
  return {
    code: r.code,
    title: r.title,
    parent: r.parent,
    level: r.level,
    weight: str(r.weight),
    owner: r.owner,
    unitId: r.unit_id ?? null,
    personId: r.person_id ?? null,
    version: Number(r.version),
  };
}

/** An indicator's row as the audit trail, the revisions and the API's conflict details show it. */
export function indicatorJson(r: Row): Record<string, unknown> {
  return {
    id: r.id,
    node: r.node_code,
    name: r.name,
    weight: str(r.weight),
    comparator: r.comparator,
    tolerance: str(r.tolerance),
    target: parse(r.target),
    unit: r.unit,
    scoring: parse(r.scoring),
    formula: parse(r.formula),
    owner: r.owner,
    unitId: r.unit_id ?? null,
    personId: r.person_id ?? null,
    source: r.source,
    notes: r.notes,
    baseline: parse(r.baseline),
    baselineYear: r.baseline_year === null || r.baseline_year === undefined ? null : Number(r.baseline_year),
    nextTargets: parse(r.next_targets),
    version: Number(r.version),
  };
}

export const INDICATOR_COLUMNS = [
  'plan_id',
  'id',
  'node_code',
  'position',
  'name',
  'weight',
  'comparator',
  'tolerance',
  'target',
  'unit',
  'scoring',
  'formula',
  'baseline',
  'source',
  'owner',
  'notes',
  'version',
  'baseline_year',
  'next_targets',
  'unit_id',
  'person_id',
] as const;

/** An indicator's row; `unitId` and `personId` given apart spare next-year a copy of 20,000 indicators. */
export function indicatorRow(planId: string, code: string, position: number, id: string, i: IndicatorInput, unitId = i.unitId ?? null, personId = i.personId ?? null): Param[] {
  return [
    planId,
    id,
    code,
    position,
    i.name,
    i.weight.toString(),
    i.comparator,
    i.tolerance?.toString() ?? null,
    text(amountToJson(i.target)),
    i.unit,
    text(ruleToJson(i.scoring ?? null)),
    text(formulaToJson(i.formula ?? null)),
    text(amountToJson(i.baseline ?? null)),
    i.source ?? null,
    i.owner ?? null,
    i.notes ?? null,
    1,
    i.baselineYear ?? null,
    text(nextTargetsToJson(i.nextTargets)),
    unitId,
    personId,
  ];
}

/**
 * The labels of the periods still open that hold an actual `unit` cannot read (a number under a
 * date). Read in the unit change's own transaction, after the indicator's row is locked: a value
 * entered since the caller looked is counted (PostgreSQL: a value being written holds a share lock
 * on that row, so the lock waits for it), and the change waits until it is set back to not measured.
 */
async function recordedInOtherUnit(tx: Queryable, planId: string, indicatorId: string, unit: Unit): Promise<string[]> {
  return (await openActuals(tx, planId, indicatorId)).filter((v) => v.actual.kind !== amountKind(unit)).map((v) => v.label);
}

/** A deleted record's `removedValues`: what the open periods lost with it (none: the field is left out, as before). */
function withRemoved(values: readonly Record<string, unknown>[]): { removedValues?: readonly Record<string, unknown>[] } {
  return values.length === 0 ? {} : { removedValues: values };
}

/** What the deletion kept of the closed and validated periods and of the threads, when it kept anything (`kept-records.ts`). */
function withKept(kept: KeptCounts): { keptRecords?: KeptCounts } {
  return kept.values + kept.files + kept.comments > 0 ? { keptRecords: kept } : {};
}

/** Objectives and indicators: each edit one transaction, gated and recorded. */
export class SqlTree {
  constructor(private readonly db: Db) {}

  /** The unit a node or indicator write names: by id (checked), or by name (found or created). */
  private async unitFor(tx: Queryable, input: { unit?: string | null; unitId?: string | null }, actor: Actor): Promise<Result<string | null | undefined>> {
    if (input.unitId !== undefined) {
      if (input.unitId !== null && (await unknownUnit(tx, [input.unitId])) !== undefined) return refuse('invalid', { field: 'unitId', reason: 'unknown-unit', id: input.unitId }, { field: 'unitId' });
      return ok(input.unitId);
    }
    if (input.unit === undefined) return ok(undefined);
    if (input.unit === null || input.unit.trim() === '') return ok(null);
    return ok((await ensureUnitsByName(tx, [input.unit], actor))[0]!);
  }

  async addNode(planId: string, input: NodeInput, actor: Actor): Promise<Result<ObjectiveMeta>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, this.db, planId);
      if (!gate.ok) return gate;
      // A.2.1 and a.2.1 read as one code to the office, in its reports and in a workbook's lookups: the
      // second is the first again, said with the code the plan holds.
      const same = await one(tx, `SELECT code FROM nodes WHERE plan_id = ? AND LOWER(code) = LOWER(?)`, [planId, input.code]);
      if (same !== undefined) return fail('duplicate', `the plan already has an objective ${String(same.code)}`, undefined, { what: 'objective', id: String(same.code) });
      if (input.parent !== null && (await one(tx, `SELECT code FROM nodes WHERE plan_id = ? AND code = ?`, [planId, input.parent])) === undefined) {
        return fail('not-found', `the parent objective ${input.parent} does not exist in this plan`, undefined, { what: 'objective', id: String(input.parent) });
      }
      const unit = await this.unitFor(tx, input, actor);
      if (!unit.ok) return unit;
      const person = await checkedAssignee(tx, input.personId);
      if (!person.ok) return person;
      const last = await one(tx, `SELECT MAX(position) AS p FROM nodes WHERE plan_id = ?`, [planId]);
      const position = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
      await tx.run(`INSERT INTO nodes (plan_id, code, position, parent, title, level, weight, owner, unit, version, unit_id, person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?)`, [
        planId,
        input.code,
        position,
        input.parent,
        input.title,
        input.level ?? null,
        input.weight?.toString() ?? null,
        input.owner ?? null,
        unit.value ?? null,
        person.value ?? null,
      ]);
      const after = (await one(tx, `SELECT * FROM nodes WHERE plan_id = ? AND code = ?`, [planId, input.code]))!;
      await recordEdit(tx, planId, gate.value, actor, { action: 'create', entity: 'node', entityId: input.code, node: input.code, after: nodeJson(after) });
      return ok(await this.nodeMeta(tx, planId, input.code));
    });
  }

  async updateNode(planId: string, code: string, patch: NodePatch, expectedVersion: number | undefined, actor: Actor): Promise<Result<ObjectiveMeta>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, this.db, planId);
      if (!gate.ok) return gate;
      const before = await one(tx, `SELECT * FROM nodes WHERE plan_id = ? AND code = ?${forUpdate(this.db)}`, [planId, code]);
      if (before === undefined) return fail('not-found', `there is no objective ${code} in this plan`, undefined, { what: 'objective', id: code });
      if (expectedVersion !== undefined && Number(before.version) !== expectedVersion) return staleDefinition(tx, planId, 'node', code, before, expectedVersion);
      const has = <K extends keyof NodePatch>(k: K): boolean => Object.prototype.hasOwnProperty.call(patch, k);
      const unit = await this.unitFor(tx, { ...(has('unit') ? { unit: patch.unit ?? null } : {}), ...(has('unitId') ? { unitId: patch.unitId ?? null } : {}) }, actor);
      if (!unit.ok) return unit;
      const person = await checkedAssignee(tx, has('personId') ? (patch.personId ?? null) : undefined);
      if (!person.ok) return person;
      await tx.run(`UPDATE nodes SET title = ?, level = ?, weight = ?, owner = ?, unit_id = ?, person_id = ?, version = version + 1 WHERE plan_id = ? AND code = ?`, [
        patch.title ?? String(before.title),
        has('level') ? (patch.level ?? null) : str(before.level),
        has('weight') ? (patch.weight?.toString() ?? null) : str(before.weight),
        has('owner') ? (patch.owner ?? null) : str(before.owner),
        unit.value === undefined ? str(before.unit_id) : unit.value,
        person.value === undefined ? str(before.person_id) : person.value,
        planId,
        code,
      ]);
      const after = (await one(tx, `SELECT * FROM nodes WHERE plan_id = ? AND code = ?`, [planId, code]))!;
      await recordEdit(tx, planId, gate.value, actor, { action: 'update', entity: 'node', entityId: code, node: code, before: nodeJson(before), after: nodeJson(after) });
      return ok(await this.nodeMeta(tx, planId, code));
    });
  }

  async deleteNode(planId: string, code: string, actor: Actor, removeValues = false): Promise<Result<null>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, this.db, planId);
      if (!gate.ok) return gate;
      // Locked (PostgreSQL): a second deletion of the same objective waits for this one, then finds
      // it gone (404), rather than deleting nothing and recording a deletion of its own.
      const before = await one(tx, `SELECT * FROM nodes WHERE plan_id = ? AND code = ?${forUpdate(this.db)}`, [planId, code]);
      if (before === undefined) return fail('not-found', `there is no objective ${code} in this plan`, undefined, { what: 'objective', id: code });
      const children = await tx.all(`SELECT code FROM nodes WHERE plan_id = ? AND parent = ? ORDER BY position`, [planId, code]);
      if (children.length > 0)
        return fail('has-children', `objective ${code} has child objectives (${children.map((c) => String(c.code)).join(', ')}): delete them first`, undefined, {
          code,
          children: children.map((c) => String(c.code)),
        });
      // Locked before the values are read (PostgreSQL): a value, file or review being stored holds a share lock on its
      // indicator's row, so it is counted and kept, or comes after the deletion and finds no indicator.
      const indicators = await tx.all(`SELECT * FROM indicators WHERE plan_id = ? AND node_code = ? ORDER BY position${forUpdate(this.db)}`, [planId, code]);
      const values = await removedValues(tx, planId, { node: code }, removeValues);
      if (!values.ok) return values;
      const kept = await keepRecords(tx, planId, { node: code }, now(), actor.username);
      await tx.run(`DELETE FROM nodes WHERE plan_id = ? AND code = ?`, [planId, code]);
      const removed = { ...nodeJson(before), indicators: indicators.map(indicatorJson), ...withRemoved(values.value), ...withKept(kept) };
      await recordEdit(tx, planId, gate.value, actor, { action: 'delete', entity: 'node', entityId: code, node: code, before: removed });
      return ok(null);
    });
  }

  async addIndicator(planId: string, code: string, input: IndicatorInput, actor: Actor): Promise<Result<{ id: string; version: number }>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, this.db, planId);
      if (!gate.ok) return gate;
      // Locked (PostgreSQL): indicators added to one objective at once take their ids one after the
      // other, each seeing the one before, as on SQLite; not the same next id, refused by the index.
      if ((await one(tx, `SELECT code FROM nodes WHERE plan_id = ? AND code = ?${forUpdate(this.db)}`, [planId, code])) === undefined)
        return fail('not-found', `there is no objective ${code} in this plan`, undefined, { what: 'objective', id: code });
      const existing = await tx.all(`SELECT id, position FROM indicators WHERE plan_id = ? AND node_code = ?`, [planId, code]);
      // A deleted indicator's id stays its own: its kept records must not seem the new one's.
      const ids = new Set([...existing.map((r) => String(r.id)), ...(await keptIndicatorIds(tx, planId))]);
      let n = existing.length + 1;
      while (ids.has(`${code}:${n}`)) n++;
      const id = `${code}:${n}`;
      const position = existing.reduce((max, r) => Math.max(max, Number(r.position) + 1), 0);
      if (input.unitId !== undefined && input.unitId !== null && (await unknownUnit(tx, [input.unitId])) !== undefined)
        return refuse('invalid', { field: 'unitId', reason: 'unknown-unit', id: input.unitId }, { field: 'unitId' });
      const person = await checkedAssignee(tx, input.personId);
      if (!person.ok) return person;
      await insertMany(tx, 'indicators', INDICATOR_COLUMNS, [indicatorRow(planId, code, position, id, input)]);
      const after = (await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?`, [planId, id]))!;
      await recordEdit(tx, planId, gate.value, actor, { action: 'create', entity: 'indicator', entityId: id, node: code, indicator: id, after: indicatorJson(after) });
      return ok({ id, version: 1 });
    });
  }

  async updateIndicator(planId: string, indicatorId: string, patch: IndicatorPatch, expectedVersion: number, actor: Actor): Promise<Result<{ id: string; version: number }>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, this.db, planId);
      if (!gate.ok) return gate;
      const before = await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, indicatorId]);
      if (before === undefined) return fail('not-found', `there is no indicator ${indicatorId} in this plan`, undefined, { what: 'indicator', id: indicatorId });
      if (Number(before.version) !== expectedVersion) return staleDefinition(tx, planId, 'indicator', indicatorId, before, expectedVersion);
      const has = (k: keyof IndicatorPatch): boolean => Object.prototype.hasOwnProperty.call(patch, k);
      const pick = (k: keyof IndicatorPatch, encoded: Param, column: string): Param => (has(k) ? encoded : (before[column] as Param));
      if (patch.unit !== undefined && patch.unit !== before.unit) {
        const misread = await recordedInOtherUnit(tx, planId, indicatorId, patch.unit);
        if (misread.length > 0) return refuse('invalid', { field: 'unit', reason: 'recorded-unit', unit: patch.unit, was: String(before.unit), values: misread }, { field: 'unit', periods: misread });
      }
      if (has('unitId') && patch.unitId !== null && patch.unitId !== undefined && (await unknownUnit(tx, [patch.unitId])) !== undefined)
        return refuse('invalid', { field: 'unitId', reason: 'unknown-unit', id: patch.unitId }, { field: 'unitId' });
      const person = await checkedAssignee(tx, has('personId') ? (patch.personId ?? null) : undefined);
      if (!person.ok) return person;
      const changed = await tx.run(
        `UPDATE indicators SET name = ?, weight = ?, comparator = ?, tolerance = ?, target = ?, unit = ?, scoring = ?, formula = ?, owner = ?, source = ?, notes = ?, baseline = ?, baseline_year = ?, next_targets = ?, unit_id = ?, person_id = ?, version = version + 1 WHERE plan_id = ? AND id = ? AND version = ?`,
        [
          patch.name ?? str(before.name),
          patch.weight?.toString() ?? str(before.weight),
          patch.comparator ?? str(before.comparator),
          pick('tolerance', patch.tolerance?.toString() ?? null, 'tolerance'),
          pick('target', text(amountToJson(patch.target ?? null)), 'target'),
          patch.unit ?? str(before.unit),
          pick('scoring', text(ruleToJson(patch.scoring ?? null)), 'scoring'),
          pick('formula', text(formulaToJson(patch.formula ?? null)), 'formula'),
          pick('owner', patch.owner ?? null, 'owner'),
          pick('source', patch.source ?? null, 'source'),
          pick('notes', patch.notes ?? null, 'notes'),
          pick('baseline', text(amountToJson(patch.baseline ?? null)), 'baseline'),
          pick('baselineYear', patch.baselineYear ?? null, 'baseline_year'),
          pick('nextTargets', text(nextTargetsToJson(patch.nextTargets)), 'next_targets'),
          pick('unitId', patch.unitId ?? null, 'unit_id'),
          pick('personId', patch.personId ?? null, 'person_id'),
          planId,
          indicatorId,
          expectedVersion,
        ],
      );
      if (changed.changes !== 1) {
        // Saved by another desk since the check above: refused as that check refuses, naming who saved it.
        const saved = await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
        if (saved === undefined) return fail('not-found', `there is no indicator ${indicatorId} in this plan`, undefined, { what: 'indicator', id: indicatorId });
        return staleDefinition(tx, planId, 'indicator', indicatorId, saved, expectedVersion);
      }
      const after = (await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]))!;
      if (has('baseline') || has('baselineYear')) await baselineTyped(tx, planId, indicatorId);
      await recordEdit(tx, planId, gate.value, actor, {
        action: 'update',
        entity: 'indicator',
        entityId: indicatorId,
        node: String(before.node_code),
        indicator: indicatorId,
        before: indicatorJson(before),
        after: indicatorJson(after),
      });
      return ok({ id: indicatorId, version: Number(after.version) });
    });
  }

  async deleteIndicator(planId: string, indicatorId: string, actor: Actor, removeValues = false): Promise<Result<null>> {
    return this.db.transaction(async (tx) => {
      const gate = await editGate(tx, this.db, planId);
      if (!gate.ok) return gate;
      // Locked before its values are read, as in `deleteNode`.
      const before = await one(tx, `SELECT * FROM indicators WHERE plan_id = ? AND id = ?${forUpdate(this.db)}`, [planId, indicatorId]);
      if (before === undefined) return fail('not-found', `there is no indicator ${indicatorId} in this plan`, undefined, { what: 'indicator', id: indicatorId });
      const values = await removedValues(tx, planId, { indicator: indicatorId }, removeValues);
      if (!values.ok) return values;
      const kept = await keepRecords(tx, planId, { indicator: indicatorId }, now(), actor.username);
      await tx.run(`DELETE FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
      await recordEdit(tx, planId, gate.value, actor, {
        action: 'delete',
        entity: 'indicator',
        entityId: indicatorId,
        node: String(before.node_code),
        indicator: indicatorId,
        before: { ...indicatorJson(before), ...withRemoved(values.value), ...withKept(kept) },
      });
      return ok(null);
    });
  }

  private async nodeMeta(tx: Queryable, planId: string, code: string): Promise<ObjectiveMeta> {
    const r = (await one<ObjectiveMetaRow>(
      tx,
      `SELECT n.owner, n.unit_id, n.person_id, n.version, u.name AS unit_name, pu.display_name AS person_name FROM nodes n LEFT JOIN org_units u ON u.id = n.unit_id LEFT JOIN users pu ON pu.id = n.person_id WHERE n.plan_id = ? AND n.code = ?`,
      [planId, code],
    ))!;
    return objectiveMeta(r);
  }
}
