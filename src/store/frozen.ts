/**
 * What a closing freezes beside the plan (`codec.ts` `planToJson`): the metadata the tree shows
 * next to the numbers (owners, units, versions, who entered each value, its evidence) and the
 * indicator fields the plan's JSON leaves out (owner, source, notes, baseline). With both, a
 * closed period's tree is rebuilt as it was when it was closed, whatever changed in the plan since.
 */
import { ownValue, textKeyed, type Plan, type Objective } from '../core/index.js';
import { amountFromJson, amountToJson, inputsFromJson, inputsToJson } from './codec.js';
import type { IndicatorMeta, MeasurementRecord, ObjectiveMeta } from './types.js';

interface MeasurementJson {
  indicatorId: string;
  periodId: string;
  state: MeasurementRecord['state'];
  actual: unknown;
  inputs: Record<string, string> | null;
  reason: string | null;
  evidence: string | null;
  source: string | null;
  notes: string | null;
  enteredBy: string | null;
  enteredAt: string;
  version: number;
}

interface MetaJson {
  nodes: Record<string, { owner: string | null; unit: string | null; version: number; planOwner: string | null; unitId?: string | null; personId?: string | null; person?: string | null }>;
  indicators: Record<
    string,
    {
      definitionVersion: number;
      measurement: MeasurementJson | null;
      /** Kept since the tree names who entered a value (absent in closings made before). */
      enteredByName?: string | null;
      owner: string | null;
      source: string | null;
      notes: string | null;
      baseline: unknown;
      unitId?: string | null;
      unit?: string | null;
      personId?: string | null;
      person?: string | null;
    }
  >;
}

function measurementToJson(m: MeasurementRecord): MeasurementJson {
  return { ...m, actual: amountToJson(m.actual), inputs: m.inputs === null ? null : inputsToJson(m.inputs) };
}

function measurementFromJson(m: MeasurementJson): MeasurementRecord {
  return { ...m, actual: amountFromJson(m.actual), inputs: m.inputs === null ? null : inputsFromJson(m.inputs) };
}

/** The metadata of a snapshot as JSON for `period_closings.meta`. */
export function frozenMetaToJson(plan: Plan, nodes: ReadonlyMap<string, ObjectiveMeta>, indicators: ReadonlyMap<string, IndicatorMeta>): MetaJson {
  // Keyed by code and id as written: `__proto__` is a code like any other (`textKeyed`).
  const meta: MetaJson = { nodes: textKeyed(), indicators: textKeyed() };
  for (const node of plan.nodes) {
    const n = nodes.get(node.code);
    meta.nodes[node.code] = {
      owner: n?.owner ?? null,
      unit: n?.unitName ?? null,
      version: n?.version ?? 0,
      planOwner: node.owner ?? null,
      unitId: n?.unitId ?? null,
      personId: n?.personId ?? null,
      person: n?.person ?? null,
    };
    for (const i of node.indicators) {
      const m = indicators.get(i.id);
      meta.indicators[i.id] = {
        definitionVersion: m?.definitionVersion ?? 0,
        measurement: m?.measurement == null ? null : measurementToJson(m.measurement),
        enteredByName: m?.enteredByName ?? null,
        owner: i.owner ?? null,
        source: i.source ?? null,
        notes: i.notes ?? null,
        baseline: amountToJson(i.baseline ?? null),
        unitId: m?.unitId ?? null,
        unit: m?.unit ?? null,
        personId: m?.personId ?? null,
        person: m?.person ?? null,
      };
    }
  }
  return meta;
}

/**
 * The frozen plan completed with its metadata. A closing made before the metadata was kept (no
 * `meta`) gives the plan as frozen and metadata made from it (no owners, versions 0).
 */
export function frozenFromJson(plan: Plan, metaJson: unknown): { plan: Plan; nodes: Map<string, ObjectiveMeta>; indicators: Map<string, IndicatorMeta> } {
  const meta = (metaJson ?? null) as MetaJson | null;
  const nodes = new Map<string, ObjectiveMeta>();
  const indicators = new Map<string, IndicatorMeta>();
  const planNodes: Objective[] = plan.nodes.map((node) => {
    const n = ownValue(meta?.nodes, node.code);
    nodes.set(node.code, { owner: n?.owner ?? null, unitName: n?.unit ?? null, unitId: n?.unitId ?? null, personId: n?.personId ?? null, person: n?.person ?? null, version: n?.version ?? 0 });
    return {
      ...node,
      ...(n?.planOwner ? { owner: n.planOwner } : {}),
      indicators: node.indicators.map((i) => {
        const m = ownValue(meta?.indicators, i.id);
        indicators.set(i.id, {
          definitionVersion: m?.definitionVersion ?? 0,
          measurement: m?.measurement == null ? null : measurementFromJson(m.measurement),
          ...(m?.enteredByName === undefined ? {} : { enteredByName: m.enteredByName }),
          unitId: m?.unitId ?? null,
          unit: m?.unit ?? null,
          personId: m?.personId ?? null,
          person: m?.person ?? null,
        });
        if (m === undefined) return i;
        return {
          ...i,
          baseline: amountFromJson(m.baseline),
          ...(m.owner !== null ? { owner: m.owner } : {}),
          ...(m.source !== null ? { source: m.source } : {}),
          ...(m.notes !== null ? { notes: m.notes } : {}),
        };
      }),
    };
  });
  return { plan: { ...plan, nodes: planNodes }, nodes, indicators };
}
