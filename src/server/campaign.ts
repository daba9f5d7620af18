/**
 * The monitoring campaign, computed from one read of the plan (`Store.campaignData`): who must
 * enter what (each indicator's unit and person: its own, else its objective's or the nearest
 * ancestor's), the state of each value (da compilare, compilato, da integrare, approvato), the
 * worklist, the completion dashboard per unit and period, and the closing checklist.
 */
import {
  correctedAfterRequest,
  isLocked,
  supersededApproval,
  type CampaignData,
  type PeriodRecord,
  type ReviewRecord,
  type Store,
  type UnitRecord,
  type UserName,
  type UserRecord,
  valueState,
} from '../store/index.js';
import { assignedTo, type Assignment } from './permissions.js';
import { stateIn, type Completion, type WorkItem, type WorklistStateFilter, type WorkState } from '../contract/campaign.js';
import { compareNames } from '../core/names.js';
import type { Language } from '../core/index.js';
import { officeDay } from '../core/messages/catalogue.js';
import { actorWords } from '../messages/actor-words.js';
import type { PeopleNames } from './actor-names.js';

export { WORK_STATES, type WorkItem, type WorkState } from '../contract/campaign.js';
/** Expected, entered, waiting for review, sent back, approved, missing, late. */
export type Counts = Completion;

const zero = (): Counts => ({ expected: 0, entered: 0, toReview: 0, returned: 0, approved: 0, missing: 0, late: 0 });

/**
 * A value's state by its latest review step: the store's one rule (`valueState`, review-steps.ts),
 * which the closing's refusal and the review list's pages take too, so the checklist's «da rivedere»
 * is the very list a closing refuses for: approved only while the approval is of the value as it
 * stands; a value changed after its approval, or after a request for more, is to review again.
 */
export function stateOf(m: { version: number } | undefined, review: ReviewRecord | undefined): WorkState {
  return valueState(m?.version, review);
}

/** Whether the period is overdue on `day`: past its deadline and still open; its values to enter or sent back are then late. */
export function overdue(period: PeriodRecord, day: string): boolean {
  return !isLocked(period.state) && period.deadline !== null && day > period.deadline;
}

/** Counts per state (`countStates`) with how many of them are late on `day`: those to enter and sent back of an overdue period. */
export function withLate(counts: Record<WorkState, number>, period: PeriodRecord, day: string): Record<WorkState, number> & { late: number } {
  return { ...counts, late: overdue(period, day) ? counts.to_enter + counts.returned : 0 };
}

/**
 * A value's row of the campaign's lists (the worklist, the closing checklist), whether read from
 * the campaign or a page of the review list read by the store: its state, its latest review step
 * when it is about the value as it is, the request for more it was corrected after, and whether
 * it is late on `day`.
 */
export function workItem(
  place: Pick<WorkItem, 'indicatorId' | 'indicator' | 'node' | 'objective' | 'unitId' | 'unit' | 'personId' | 'person'>,
  period: PeriodRecord,
  day: string,
  m: { version: number; enteredBy: string | null; enteredAt: string | null } | undefined,
  review: ReviewRecord | undefined,
  /** Who a stored login is, in the reader's words (server/actor-names.ts). */
  nameOf: (login: string | null) => string | null,
): WorkItem {
  const state = stateOf(m, review);
  const current = review !== undefined && m !== undefined && review.measurementVersion === m.version ? review : undefined;
  const superseded = supersededApproval(review, m?.version);
  // Field by field: a row read by the store carries more than a work item says.
  return {
    indicatorId: place.indicatorId,
    indicator: place.indicator,
    node: place.node,
    objective: place.objective,
    unitId: place.unitId,
    unit: place.unit,
    personId: place.personId,
    person: place.person,
    periodId: period.id,
    deadline: period.deadline,
    state,
    late: overdue(period, day) && (state === 'to_enter' || state === 'returned'),
    version: m?.version ?? 0,
    enteredBy: m?.enteredBy ?? null,
    enteredByName: nameOf(m?.enteredBy ?? null),
    enteredAt: m?.enteredAt ?? null,
    review: current === undefined ? null : { action: current.action, note: current.note, by: current.by, byName: current.byName, at: current.at },
    correctedRequest: review !== undefined && m !== undefined && correctedAfterRequest(review, m.version) ? { note: review.note, by: review.by, byName: review.byName, at: review.at } : null,
    supersededApproval: superseded === undefined ? null : { by: superseded.by, byName: superseded.byName, at: superseded.at },
  };
}

/** Today's date as ISO text, the body's day (Europe/Rome): a deadline passes at midnight in Rome, not at UTC's. */
export const today = (): string => officeDay();

/**
 * The people a campaign's lists name, as they are named now: the server's `AccountNames`
 * (actor-names.ts, `deps.names`) read for the answer, never a copy kept with the cached campaign,
 * so a renamed account is named anew at once.
 */
export type CampaignPeople = Pick<PeopleNames, 'byId' | 'byLogin'>;

/** `CampaignPeople` from accounts already read (the reminders read every account anyway). */
export function campaignPeople(users: readonly Pick<UserName, 'id' | 'username' | 'displayName'>[]): CampaignPeople {
  return { byId: new Map(users.map((u) => [u.id, u.displayName])), byLogin: new Map(users.map((u) => [u.username, u.displayName])) };
}

interface Resolved {
  readonly id: string;
  readonly name: string;
  readonly node: string;
  readonly objective: string;
  readonly unitId: string | null;
  readonly personId: string | null;
  readonly assignment: Assignment;
}

export class Campaign {
  private readonly resolved: Resolved[];
  private readonly unitNames: Map<string, string>;

  constructor(
    readonly data: CampaignData,
    units: readonly UnitRecord[],
    /** The day lateness is judged on (the dashboard says it back). */
    readonly day: string = today(),
    /** What `withValue` carries over: the assignments and unit names do not change with a value. */
    shared?: { resolved: Resolved[]; unitNames: Map<string, string> },
  ) {
    if (shared !== undefined) {
      ({ resolved: this.resolved, unitNames: this.unitNames } = shared);
      return;
    }
    this.unitNames = new Map(units.map((u) => [u.id, u.name]));
    const nodes = new Map(data.nodes.map((n) => [n.code, n]));
    // Per objective: the chain of owners, unit names, unit ids and persons up to the root, nearest first.
    const chains = new Map<string, { owners: string[]; unitNames: string[]; unitIds: string[]; personIds: string[] }>();
    const chain = (code: string) => {
      let found = chains.get(code);
      if (found !== undefined) return found;
      const owners: string[] = [];
      const unitNames: string[] = [];
      const unitIds: string[] = [];
      const personIds: string[] = [];
      for (let at: string | null = code, guard = 0; at !== null && guard < 64; guard++) {
        const n = nodes.get(at);
        if (n === undefined) break;
        if (n.owner !== null) owners.push(n.owner);
        if (n.unitId !== null) (unitIds.push(n.unitId), unitNames.push(this.unitNames.get(n.unitId) ?? ''));
        if (n.personId !== null) personIds.push(n.personId);
        at = n.parent;
      }
      found = { owners, unitNames, unitIds, personIds };
      chains.set(code, found);
      return found;
    };
    this.resolved = data.indicators
      .filter((i) => !i.derived)
      .map((i) => {
        const c = chain(i.node);
        const unitIds = i.unitId === null ? c.unitIds : [i.unitId, ...c.unitIds];
        const personIds = i.personId === null ? c.personIds : [i.personId, ...c.personIds];
        return {
          id: i.id,
          name: i.name,
          node: i.node,
          objective: nodes.get(i.node)?.title ?? i.node,
          unitId: unitIds[0] ?? null,
          personId: personIds[0] ?? null,
          assignment: { indicatorOwner: i.owner, objectiveOwners: c.owners, objectiveUnitNames: c.unitNames, unitIds, personIds },
        };
      });
  }

  /**
   * The same campaign with one value as stored by a write (its version, state, who and when): a
   * copy of that period's values, everything else shared. Undefined for a period it does not hold.
   */
  withValue(value: { indicatorId: string; periodId: string; version: number; state: string; enteredBy: string | null; enteredAt: string }): Campaign | undefined {
    const before = this.data.measurements.get(value.periodId);
    if (before === undefined) return undefined;
    const period = new Map(before);
    period.set(value.indicatorId, { version: value.version, state: value.state, enteredBy: value.enteredBy, enteredAt: value.enteredAt });
    const measurements = new Map(this.data.measurements);
    measurements.set(value.periodId, period);
    return new Campaign({ ...this.data, measurements }, [], this.day, { resolved: this.resolved, unitNames: this.unitNames });
  }

  period(id: string | undefined): PeriodRecord | undefined {
    if (id !== undefined) return this.data.periods.find((p) => p.id === id);
    return currentPeriod(this.data.periods);
  }

  /**
   * Every value to enter in the period, in plan order; `mineFor` keeps only those assigned to that
   * account, `unitId` those of that unit, `state` those the filter keeps. The whole list, for what
   * needs all of it (the closing checklist, the dashboard's workbook, the work due, the reminders);
   * the review list's pages are the store's (`Store.reviewPage`). Each value's person and who
   * entered it are named by `people`, in `language`.
   */
  items(period: PeriodRecord, people: CampaignPeople, filter: { mineFor?: UserRecord; unitId?: string; state?: WorklistStateFilter } = {}, language: Language = 'it'): WorkItem[] {
    const nameOf = (login: string | null): string | null => actorWords(login === null ? null : people.byLogin.get(login), login, language);
    const measured = this.data.measurements.get(period.id) ?? new Map();
    const reviews = this.data.reviews.get(period.id) ?? new Map();
    const out: WorkItem[] = [];
    for (const r of this.resolved) {
      if (filter.mineFor !== undefined && !assignedTo(filter.mineFor, r.assignment)) continue;
      if (filter.unitId !== undefined && r.unitId !== filter.unitId) continue;
      const m = measured.get(r.id);
      const review = reviews.get(r.id);
      if (filter.state !== undefined && !stateIn(filter.state, stateOf(m, review))) continue;
      const unit = r.unitId === null ? null : (this.unitNames.get(r.unitId) ?? null);
      const person = r.personId === null ? null : (people.byId.get(r.personId) ?? null);
      out.push(workItem({ indicatorId: r.id, indicator: r.name, node: r.node, objective: r.objective, unitId: r.unitId, unit, personId: r.personId, person }, period, this.day, m, review, nameOf));
    }
    return out;
  }

  /** Each value's state in the period, by indicator id (what needs no one named). */
  states(period: PeriodRecord): Map<string, WorkState> {
    const measured = this.data.measurements.get(period.id) ?? new Map();
    const reviews = this.data.reviews.get(period.id) ?? new Map();
    return new Map(this.resolved.map((r) => [r.id, stateOf(measured.get(r.id), reviews.get(r.id))]));
  }

  private board: ReturnType<Campaign['countDashboard']> | null = null;
  private archivedBoard: ReturnType<Campaign['countDashboard']> | null = null;

  /**
   * Per period and unit (null: no unit assigned): expected, entered, waiting for review, sent back, approved, missing, late. Counted once per campaign (the cache keeps one per data version).
   * `archived`: the plan is put away, so no work is due in it (the worklist and the work due leave it
   * out): its counts stay as they were archived and none is late, a value never entered being missing,
   * not late against a today the plan no longer has. Told by the caller from the plan it reads for
   * its state: archiving moves the data version, yet the campaign's data holds no plan record.
   */
  dashboard(archived = false): { rows: Array<{ periodId: string; unitId: string | null; unit: string | null } & Counts>; totals: Array<{ periodId: string } & Counts> } {
    this.board ??= this.countDashboard();
    if (!archived) return this.board;
    this.archivedBoard ??= { rows: this.board.rows.map((r) => ({ ...r, late: 0 })), totals: this.board.totals.map((r) => ({ ...r, late: 0 })) };
    return this.archivedBoard;
  }

  private countDashboard(): { rows: Array<{ periodId: string; unitId: string | null; unit: string | null } & Counts>; totals: Array<{ periodId: string } & Counts> } {
    const rows: Array<{ periodId: string; unitId: string | null; unit: string | null } & Counts> = [];
    const totals: Array<{ periodId: string } & Counts> = [];
    for (const period of this.data.periods) {
      const measured = this.data.measurements.get(period.id) ?? new Map();
      const reviews = this.data.reviews.get(period.id) ?? new Map();
      const open = !isLocked(period.state);
      const overdue = open && period.deadline !== null && this.day > period.deadline;
      const byUnit = new Map<string | null, Counts>();
      const total = zero();
      for (const r of this.resolved) {
        let c = byUnit.get(r.unitId);
        if (c === undefined) ((c = zero()), byUnit.set(r.unitId, c));
        const state = stateOf(measured.get(r.id), reviews.get(r.id));
        for (const counts of [c, total]) {
          counts.expected++;
          if (state === 'to_enter') counts.missing++;
          else counts.entered++;
          if (state === 'entered') counts.toReview++;
          else if (state === 'returned') counts.returned++;
          else if (state === 'approved') counts.approved++;
          if (overdue && (state === 'to_enter' || state === 'returned')) counts.late++;
        }
      }
      const units = [...byUnit.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareNames(this.unitNames.get(a) ?? '', this.unitNames.get(b) ?? '') || compareNames(a, b)));
      for (const [unitId, counts] of units) rows.push({ periodId: period.id, unitId, unit: unitId === null ? null : (this.unitNames.get(unitId) ?? null), ...counts });
      totals.push({ periodId: period.id, ...total });
    }
    return { rows, totals };
  }
}

/** The period values are being entered for: the first collecting one, else the first open, else the last. */
export function currentPeriod(periods: readonly PeriodRecord[]): PeriodRecord | undefined {
  return periods.find((p) => p.state === 'collecting') ?? periods.find((p) => p.state === 'open') ?? periods[periods.length - 1];
}

/**
 * The campaign of the last few plans read, each kept while nothing it was computed from changed:
 * the plan's values, periods, assignments and reviews (`Store.campaignVersion`), the registry's
 * units and the day (lateness). People are not part of it: an answer names them through the
 * server's `AccountNames` when it is made (`items`), so reading a campaign reads no account. A dashboard or worklist
 * read of an unchanged 20,000-indicator plan then skips reading the whole plan again, and so does
 * the read right after a value is entered through this server (`applyMeasurement`).
 */
export class CampaignCache {
  private readonly entries = new Map<string, { dataVersion: number; reviews: string; rest: string; campaign: Promise<Campaign | undefined>; loaded?: Campaign }>();

  constructor(
    private readonly store: Store,
    /**
     * The server's one "today" (its reminders' clock, `ReminderOptions.today`): a value the
     * worklist and dashboard call late is one the reminders chase, also on a server set to a day.
     */
    private readonly clock: () => string = today,
    private readonly size = 4,
  ) {}

  /** The day lateness is judged on: the server's one "today". */
  today(): string {
    return this.clock();
  }

  async get(planId: string): Promise<Campaign | undefined> {
    const version = await this.store.campaignVersion(planId);
    if (version === undefined) return undefined;
    const [dataVersion, reviews] = splitVersion(version);
    const units = await this.store.listUnits();
    const day = this.clock();
    const rest = [day, units.map((u) => `${u.id}:${u.version}`).join(',')].join('|');
    const found = this.entries.get(planId);
    if (found !== undefined && found.dataVersion === dataVersion && found.reviews === reviews && found.rest === rest) {
      // Most recently used last.
      this.entries.delete(planId);
      this.entries.set(planId, found);
      return found.campaign;
    }
    // Readers of the same new version share one load. Data read after the version may be newer
    // than it: the next read then finds a newer version and loads again, never an older state.
    const campaign = this.store.campaignData(planId).then((data) => (data === undefined ? undefined : new Campaign(data, units, day)));
    const entry: { dataVersion: number; reviews: string; rest: string; campaign: Promise<Campaign | undefined>; loaded?: Campaign } = { dataVersion, reviews, rest, campaign };
    this.entries.delete(planId);
    this.entries.set(planId, entry);
    campaign.then(
      (loaded) => {
        if (loaded !== undefined && entry.campaign === campaign) entry.loaded = loaded;
      },
      () => {
        if (this.entries.get(planId) === entry) this.entries.delete(planId);
      },
    );
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return campaign;
  }

  /**
   * A value was just stored, taking the plan to `dataVersion`: a campaign loaded at exactly the
   * version before takes it in place of a reload (the write was the only change between them).
   * Any other gap (a write elsewhere, a write whose news came late, a change of structure) leaves
   * the entry as it is, and the next read, finding another version, loads the plan again. A loaded
   * campaign may hold values newer than its version: this one sets the written value to its state
   * at `dataVersion`, so what the entry holds is never older than its version says.
   */
  applyMeasurement(planId: string, value: { indicatorId: string; periodId: string; version: number; state: string; enteredBy: string | null; enteredAt: string }, dataVersion: number): void {
    const entry = this.entries.get(planId);
    if (entry?.loaded === undefined || entry.dataVersion !== dataVersion - 1) return;
    const next = entry.loaded.withValue(value);
    if (next === undefined) return;
    entry.loaded = next;
    entry.campaign = Promise.resolve(next);
    entry.dataVersion = dataVersion;
  }
}

/** `Store.campaignVersion`'s text: the plan's data version, then what the reviews add. */
function splitVersion(version: string): [number, string] {
  const at = version.indexOf(':');
  return at < 0 ? [Number(version), ''] : [Number(version.slice(0, at)), version.slice(at + 1)];
}
