/**
 * Variances and forecasts, as the Dipartimento della Funzione Pubblica's guideline n. 2/2017 asks
 * for them: for an objective that falls short (yellow or red) in a period, the cause of the variance
 * (external, internal, or an indicator badly built) and the corrective action; at the mid-year
 * periods, for each indicator, whether its target is still reachable by year end (yes / no / at
 * risk). Both are analysis beside the numbers, never inputs to them; they can be written until the
 * OIV validates the period. The Relazione reads them through `listVariances` / `listForecasts`.
 */
import { recordAudit } from './audit-log.js';
import { one, type Db, type Queryable, type Row } from './db.js';
import { refuse } from './revisions.js';
import { byCode, enteredMeanwhile, forUpdate, shareLock, staleVersion } from './shared.js';
import { refuseIfArchived } from './revisions.js';
import type { Actor, Failure, Result } from './types.js';

/** The guideline's three causes of a variance, and reachable by year end (yes, no, at risk): the contract's words. */
import { FORECAST_OUTCOMES, VARIANCE_CAUSES, type ForecastOutcome, type VarianceCause } from '../contract/campaign-states.js';

export interface VarianceRecord {
  readonly planId: string;
  /** The objective's code. */
  readonly node: string;
  readonly periodId: string;
  readonly cause: VarianceCause;
  /** What happened, in the office's words. */
  readonly explanation: string;
  readonly correctiveAction: string;
  readonly updatedBy: string | null;
  readonly updatedAt: string;
  /** 1 for the first version; send it back to change the variance. */
  readonly version: number;
}

export interface VarianceInput {
  readonly cause: VarianceCause;
  readonly explanation: string;
  readonly correctiveAction: string;
}

export interface ForecastRecord {
  readonly planId: string;
  readonly indicatorId: string;
  readonly periodId: string;
  readonly reachable: ForecastOutcome;
  readonly note: string;
  readonly updatedBy: string | null;
  readonly updatedAt: string;
  readonly version: number;
}

export interface ForecastInput {
  readonly reachable: ForecastOutcome;
  readonly note: string;
}

export interface VarianceStore {
  /** Optimistic: `expectedVersion` 0 for a first variance, else the version read. */
  putVariance(planId: string, node: string, periodId: string, input: VarianceInput, expectedVersion: number, actor: Actor): Promise<Result<VarianceRecord>>;
  /** A plan's variances, for one period or all, by period then objective code. */
  listVariances(planId: string, periodId?: string): Promise<VarianceRecord[]>;
  /** Only a mid-year period (not the plan's last) takes forecasts. */
  putForecast(planId: string, indicatorId: string, periodId: string, input: ForecastInput, expectedVersion: number, actor: Actor): Promise<Result<ForecastRecord>>;
  listForecasts(planId: string, periodId?: string): Promise<ForecastRecord[]>;
}

function varianceRecord(r: Row): VarianceRecord {
  return {
    planId: String(r.plan_id),
    node: String(r.node_code),
    periodId: String(r.period_id),
    cause: r.cause as VarianceCause,
    explanation: String(r.explanation),
    correctiveAction: String(r.corrective_action),
    updatedBy: r.updated_by === null ? null : String(r.updated_by),
    updatedAt: String(r.updated_at),
    version: Number(r.version),
  };
}

function forecastRecord(r: Row): ForecastRecord {
  return {
    planId: String(r.plan_id),
    indicatorId: String(r.indicator_id),
    periodId: String(r.period_id),
    reachable: r.reachable as ForecastOutcome,
    note: String(r.note),
    updatedBy: r.updated_by === null ? null : String(r.updated_by),
    updatedAt: String(r.updated_at),
    version: Number(r.version),
  };
}

const varianceJson = (v: VarianceRecord | undefined): Record<string, unknown> | null =>
  v === undefined ? null : { period: v.periodId, cause: v.cause, explanation: v.explanation, correctiveAction: v.correctiveAction, version: v.version };
const forecastJson = (f: ForecastRecord | undefined): Record<string, unknown> | null => (f === undefined ? null : { period: f.periodId, reachable: f.reachable, note: f.note, version: f.version });
/**
 * A stale save's `details.current`: the record as it is, with who saved it and when (`updatedBy`,
 * `updatedAt`; the edge names the person), as a plan's, a period's or an objective's stale save says
 * them. The audit trail's before and after keep the record's content only.
 */
const savedAs = (json: Record<string, unknown> | null, r: VarianceRecord | ForecastRecord | undefined): Record<string, unknown> | null =>
  json === null || r === undefined ? json : { ...json, updatedBy: r.updatedBy, updatedAt: r.updatedAt };

type Refusal = { ok: false; error: Failure };

export class SqlVariances implements VarianceStore {
  constructor(private readonly db: Db) {}

  /** The period, unless its plan is archived or it is validated (the OIV has signed it: its analysis is final too). */
  private async writablePeriod(tx: Queryable, planId: string, periodId: string): Promise<Refusal | { ok: true; label: string; last: boolean }> {
    // A past year put away is read-only, its analysis too.
    const archived = await refuseIfArchived(tx, this.db, planId);
    if (archived !== null) return archived;
    const period = await one(tx, `SELECT label, state FROM periods WHERE plan_id = ? AND id = ?${shareLock(this.db)}`, [planId, periodId]);
    if (period === undefined) return { ok: false, error: { code: 'not-found', message: `the plan has no period ${periodId}`, params: { what: 'period', id: periodId } } };
    if (period.state === 'validated') {
      return {
        ok: false,
        error: {
          code: 'period-locked',
          message: `the period ${String(period.label)} is validated: its analysis can no longer be changed (an administrator can reopen it, giving a reason)`,
          details: { period: periodId, state: 'validated' },
          params: { label: String(period.label), state: 'validated' },
        },
      };
    }
    const later = await one(tx, `SELECT COUNT(*) AS n FROM periods WHERE plan_id = ? AND ends_on > (SELECT ends_on FROM periods WHERE plan_id = ? AND id = ?)`, [planId, planId, periodId]);
    return { ok: true, label: String(period.label), last: Number(later!.n) === 0 };
  }

  async putVariance(planId: string, node: string, periodId: string, input: VarianceInput, expectedVersion: number, actor: Actor): Promise<Result<VarianceRecord>> {
    const explanation = input.explanation.trim();
    const correctiveAction = input.correctiveAction.trim();
    if (!VARIANCE_CAUSES.includes(input.cause))
      return refuse('invalid', { field: 'cause', reason: 'variance-cause', id: String(input.cause).slice(0, 40), values: VARIANCE_CAUSES }, { field: 'cause' });
    if (explanation === '') return refuse('invalid', { field: 'explanation', reason: 'variance-explanation' }, { field: 'explanation' });
    return this.db.transaction(async (tx) => {
      const period = await this.writablePeriod(tx, planId, periodId);
      if (!period.ok) return period;
      if ((await one(tx, `SELECT code FROM nodes WHERE plan_id = ? AND code = ?`, [planId, node])) === undefined)
        return { ok: false, error: { code: 'not-found', message: `there is no objective ${node} in this plan`, params: { what: 'objective', id: node } } };
      const row = await one(tx, `SELECT * FROM variances WHERE plan_id = ? AND node_code = ? AND period_id = ?${forUpdate(this.db)}`, [planId, node, periodId]);
      const before = row === undefined ? undefined : varianceRecord(row);
      const current = before?.version ?? 0;
      if (current !== expectedVersion) return staleVersion('variance', 'variance', before?.updatedBy ?? null, current, expectedVersion, savedAs(varianceJson(before), before));
      const at = new Date().toISOString();
      if (before === undefined) {
        const inserted = await tx.run(
          `INSERT INTO variances (plan_id, node_code, period_id, cause, explanation, corrective_action, updated_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING`,
          [planId, node, periodId, input.cause, explanation, correctiveAction, actor.username, at],
        );
        if (inserted.changes !== 1) {
          // Another first variance was committed after this one read none: it is there now, and says who.
          const first = await one(tx, `SELECT * FROM variances WHERE plan_id = ? AND node_code = ? AND period_id = ?`, [planId, node, periodId]);
          const winner = first === undefined ? undefined : varianceRecord(first);
          return enteredMeanwhile('variance', 'variance', savedAs(varianceJson(winner), winner) ?? undefined, winner?.updatedBy ?? null);
        }
      } else {
        await tx.run(
          `UPDATE variances SET cause = ?, explanation = ?, corrective_action = ?, updated_by = ?, updated_at = ?, version = version + 1 WHERE plan_id = ? AND node_code = ? AND period_id = ?`,
          [input.cause, explanation, correctiveAction, actor.username, at, planId, node, periodId],
        );
      }
      const after = varianceRecord((await one(tx, `SELECT * FROM variances WHERE plan_id = ? AND node_code = ? AND period_id = ?`, [planId, node, periodId]))!);
      await recordAudit(tx, actor, { action: 'update', entity: 'variance', entityId: `${node}@${periodId}`, planId, node, before: varianceJson(before), after: varianceJson(after) }, at);
      return { ok: true, value: after };
    });
  }

  async listVariances(planId: string, periodId?: string): Promise<VarianceRecord[]> {
    const rows =
      periodId === undefined
        ? await this.db.all(`SELECT * FROM variances WHERE plan_id = ? ORDER BY ${byCode(this.db, 'period_id')}, ${byCode(this.db, 'node_code')}`, [planId])
        : await this.db.all(`SELECT * FROM variances WHERE plan_id = ? AND period_id = ? ORDER BY ${byCode(this.db, 'node_code')}`, [planId, periodId]);
    return rows.map(varianceRecord);
  }

  async putForecast(planId: string, indicatorId: string, periodId: string, input: ForecastInput, expectedVersion: number, actor: Actor): Promise<Result<ForecastRecord>> {
    if (!FORECAST_OUTCOMES.includes(input.reachable))
      return refuse('invalid', { field: 'reachable', reason: 'forecast-reachable', id: String(input.reachable).slice(0, 40), values: FORECAST_OUTCOMES }, { field: 'reachable' });
    const note = input.note.trim();
    return this.db.transaction(async (tx) => {
      const period = await this.writablePeriod(tx, planId, periodId);
      if (!period.ok) return period;
      if (period.last) return refuse('invalid', { field: 'period', reason: 'forecast-year-end', label: period.label }, { field: 'period', reason: 'year-end', label: period.label });
      const indicator = await one(tx, `SELECT node_code FROM indicators WHERE plan_id = ? AND id = ?`, [planId, indicatorId]);
      if (indicator === undefined) return { ok: false, error: { code: 'not-found', message: `there is no indicator ${indicatorId} in this plan`, params: { what: 'indicator', id: indicatorId } } };
      const row = await one(tx, `SELECT * FROM forecasts WHERE plan_id = ? AND indicator_id = ? AND period_id = ?${forUpdate(this.db)}`, [planId, indicatorId, periodId]);
      const before = row === undefined ? undefined : forecastRecord(row);
      const current = before?.version ?? 0;
      if (current !== expectedVersion) return staleVersion('forecast', 'forecast', before?.updatedBy ?? null, current, expectedVersion, savedAs(forecastJson(before), before));
      const at = new Date().toISOString();
      if (before === undefined) {
        const inserted = await tx.run(
          `INSERT INTO forecasts (plan_id, indicator_id, period_id, reachable, note, updated_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING`,
          [planId, indicatorId, periodId, input.reachable, note, actor.username, at],
        );
        if (inserted.changes !== 1) {
          const first = await one(tx, `SELECT * FROM forecasts WHERE plan_id = ? AND indicator_id = ? AND period_id = ?`, [planId, indicatorId, periodId]);
          const winner = first === undefined ? undefined : forecastRecord(first);
          return enteredMeanwhile('forecast', 'forecast', savedAs(forecastJson(winner), winner) ?? undefined, winner?.updatedBy ?? null);
        }
      } else {
        await tx.run(`UPDATE forecasts SET reachable = ?, note = ?, updated_by = ?, updated_at = ?, version = version + 1 WHERE plan_id = ? AND indicator_id = ? AND period_id = ?`, [
          input.reachable,
          note,
          actor.username,
          at,
          planId,
          indicatorId,
          periodId,
        ]);
      }
      const after = forecastRecord((await one(tx, `SELECT * FROM forecasts WHERE plan_id = ? AND indicator_id = ? AND period_id = ?`, [planId, indicatorId, periodId]))!);
      await recordAudit(
        tx,
        actor,
        {
          action: 'update',
          entity: 'forecast',
          entityId: `${indicatorId}@${periodId}`,
          planId,
          node: String(indicator.node_code),
          indicator: indicatorId,
          before: forecastJson(before),
          after: forecastJson(after),
        },
        at,
      );
      return { ok: true, value: after };
    });
  }

  async listForecasts(planId: string, periodId?: string): Promise<ForecastRecord[]> {
    const rows =
      periodId === undefined
        ? await this.db.all(`SELECT * FROM forecasts WHERE plan_id = ? ORDER BY ${byCode(this.db, 'period_id')}, ${byCode(this.db, 'indicator_id')}`, [planId])
        : await this.db.all(`SELECT * FROM forecasts WHERE plan_id = ? AND period_id = ? ORDER BY ${byCode(this.db, 'indicator_id')}`, [planId, periodId]);
    return rows.map(forecastRecord);
  }
}
