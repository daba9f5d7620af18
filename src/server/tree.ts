/**
 * The computed tree the API serves: the engine's `evaluationDocument` plus what only the server
 * knows (the period, versions for optimistic concurrency, evidence, owners, and whether the
 * current user may edit each value).
 *
 * Evaluations are cached per (plan, period, data version): a read costs one small query (the
 * plan's data version) and, when nothing changed, no recomputation and no re-serialisation, since
 * the JSON text is kept per "who may edit what" key as well.
 */
import { evaluatePlan, type Evaluation } from '../core/index.js';
import { evaluationDocument, type EvaluationDocument, type IndicatorDocument, type ObjectiveDocument } from '../io/json.js';
import { isLocked, type PeriodRecord, type PlanSnapshot, type Store, type UserRecord } from '../store/index.js';
import { must } from './errors.js';
import { mayEditValue, type Assignment } from './permissions.js';

export interface TreeIndicator extends IndicatorDocument {
  version: number;
  definitionVersion: number;
  evidence: string | null;
  source: string | null;
  notes: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
  editable: boolean;
}

export interface TreeObjective extends Omit<ObjectiveDocument, 'indicators'> {
  owner: string | null;
  unit: string | null;
  version: number;
  indicators: TreeIndicator[];
}

export interface TreeDocument extends Omit<EvaluationDocument, 'objectives'> {
  planId: string;
  dataVersion: number;
  period: PeriodRecord;
  periods: readonly PeriodRecord[];
  objectives: TreeObjective[];
}

export interface ComputedPlan {
  readonly snapshot: PlanSnapshot;
  readonly evaluation: Evaluation;
  readonly base: EvaluationDocument;
  /** Indicator id → who it is assigned to (its own owner, its objective's and ancestors' owners and units). */
  readonly assignments: ReadonlyMap<string, Assignment>;
  /** JSON text of the tree per editability key. */
  readonly texts: Map<string, string>;
}

function assignments(snapshot: PlanSnapshot): Map<string, Assignment> {
  const parent = new Map(snapshot.plan.nodes.map((n) => [n.code, n.parent]));
  const result = new Map<string, Assignment>();
  for (const node of snapshot.plan.nodes) {
    const owners: string[] = [];
    const units: string[] = [];
    for (let code: string | null | undefined = node.code, guard = 0; code != null && guard < 64; code = parent.get(code), guard++) {
      const meta = snapshot.nodes.get(code);
      if (meta?.owner) owners.push(meta.owner);
      if (meta?.unit) units.push(meta.unit);
    }
    for (const ind of node.indicators) result.set(ind.id, { indicatorOwner: ind.owner ?? null, nodeOwners: owners, nodeUnits: units });
  }
  return result;
}

export class TreeService {
  private readonly cache = new Map<string, ComputedPlan & { dataVersion: number }>();
  constructor(
    private readonly store: Store,
    private readonly maxEntries = 32,
  ) {}

  /** The plan computed for a period; throws the store's refusal (404) at the edge. */
  async computed(planId: string, periodId?: string): Promise<ComputedPlan> {
    const dataVersion = await this.store.dataVersion(planId);
    const key = `${planId}\u0000${periodId ?? ''}`;
    const hit = this.cache.get(key);
    if (hit !== undefined && dataVersion !== undefined && hit.dataVersion === dataVersion) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const snapshot = must(await this.store.planForPeriod(planId, periodId));
    const evaluation = evaluatePlan(snapshot.plan);
    const entry = { snapshot, evaluation, base: evaluationDocument(evaluation), assignments: assignments(snapshot), texts: new Map<string, string>(), dataVersion: snapshot.record.dataVersion };
    this.cache.set(key, entry);
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  /** One key per distinct answer to "which values may this user edit?". */
  editKey(user: UserRecord | null, computed: ComputedPlan): string {
    if (user === null || isLocked(computed.snapshot.period.state)) return 'none';
    if (user.role === 'admin' || user.role === 'controller') return 'all';
    if (user.role === 'referente') return `ref\u0000${user.username}\u0000${[...user.units].sort().join('\u0000')}`;
    return 'none';
  }

  document(computed: ComputedPlan, user: UserRecord | null): TreeDocument {
    const { snapshot, base } = computed;
    const locked = isLocked(snapshot.period.state);
    return {
      ...base,
      planId: snapshot.record.id,
      dataVersion: snapshot.record.dataVersion,
      period: snapshot.period,
      periods: snapshot.periods,
      objectives: base.objectives.map((o) => {
        const meta = snapshot.nodes.get(o.code);
        return {
          ...o,
          owner: meta?.owner ?? null,
          unit: meta?.unit ?? null,
          version: meta?.version ?? 0,
          indicators: o.indicators.map((i) => indicatorView(computed, i, user, locked)),
        };
      }),
    };
  }

  /** The tree as JSON text, serialised once per data version and editability key. */
  text(computed: ComputedPlan, user: UserRecord | null): string {
    const key = this.editKey(user, computed);
    let cached = computed.texts.get(key);
    if (cached === undefined) {
      cached = JSON.stringify(this.document(computed, user));
      if (computed.texts.size > 64) computed.texts.clear();
      computed.texts.set(key, cached);
    }
    return cached;
  }

  indicator(computed: ComputedPlan, indicatorId: string, user: UserRecord | null): TreeIndicator | undefined {
    for (const o of computed.base.objectives) {
      const found = o.indicators.find((i) => i.id === indicatorId);
      if (found !== undefined) return indicatorView(computed, found, user, isLocked(computed.snapshot.period.state));
    }
    return undefined;
  }
}

function indicatorView(computed: ComputedPlan, i: IndicatorDocument, user: UserRecord | null, locked: boolean): TreeIndicator {
  const meta = computed.snapshot.indicators.get(i.id);
  const m = meta?.measurement ?? null;
  const assignment = computed.assignments.get(i.id);
  return {
    ...i,
    version: m?.version ?? 0,
    definitionVersion: meta?.definitionVersion ?? 0,
    evidence: m?.evidence ?? null,
    source: m?.source ?? null,
    notes: m?.notes ?? null,
    enteredBy: m?.enteredBy ?? null,
    enteredAt: m?.enteredAt ?? null,
    editable: !locked && !i.derived && assignment !== undefined && mayEditValue(user, assignment),
  };
}
