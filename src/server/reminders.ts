/**
 * Deadline reminders: who is told what, and when. For every period still taking values that has a
 * deadline, in a plan adopted (a draft is not in force), an account that enters values (a referente; a controller or administrator named
 * Referente) whose worklist still has values to enter (or to complete after a request) gets an
 * email some days before the deadline and again some days after it; the head of a unit with values
 * still missing gets one later still, listing them. A value that becomes someone's after their
 * email of a stage (reassigned to them, sent back, a deadline moved) is told in a later one of that
 * stage, at most one a day, listing only what is new (`newsSince`). Each message is queued in the
 * outbox once (store/reminders.ts) and then delivered; one that the mail server could not take
 * stays queued and is tried again, with a growing wait, until it goes.
 *
 * Run by the server on a timer (`ALBERO_REMINDERS_EVERY_MINUTES`), by `albero reminders`, and by a
 * controller's "send now" (`POST /api/reminders/send`).
 */
import { worklistPath } from '../contract/worklist-link.js';
import { momentDayText } from '../core/messages/catalogue.js';
import { renderMessage } from '../messages/index.js';
import { italianDate, isLocked, SYSTEM, type ReminderCancelReason, type ReminderDraft, type ReminderRecord, type ReminderStage, type Store, type UnitRecord, type UserRecord } from '../store/index.js';
import { Campaign, campaignPeople, today, type WorkItem } from './campaign.js';
import { makeMailer, settingError, type Mailer, type SmtpSettings } from './mailer.js';
import { mayBeAssigned } from './permissions.js';

export interface ReminderSettings {
  /** The first reminder, this many days before the deadline (0: on the day itself). */
  readonly daysBefore: number;
  /** The second, this many days after the deadline (at least 1). */
  readonly daysAfter: number;
  /** The unit's head, this many days after the deadline (at least 1). */
  readonly headAfter: number;
  /** The web app's public address, for the link in each message (ALBERO_PUBLIC_URL); null: no link. */
  readonly publicUrl: string | null;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { daysBefore: 3, daysAfter: 1, headAfter: 7, publicUrl: null };

/** The settings from the environment: ALBERO_REMINDER_DAYS_BEFORE, _DAYS_AFTER, _HEAD_AFTER (whole days), ALBERO_PUBLIC_URL. */
export function reminderSettingsFromEnv(env: NodeJS.ProcessEnv): ReminderSettings {
  const days = (name: string, fallback: number, min: number): number => {
    const text = env[name]?.trim() ?? '';
    if (text === '') return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > 366) throw settingError({ name, value: text, min, max: 366, what: 'days' });
    return n;
  };
  const url = env.ALBERO_PUBLIC_URL?.trim() ?? '';
  return {
    daysBefore: days('ALBERO_REMINDER_DAYS_BEFORE', DEFAULT_REMINDER_SETTINGS.daysBefore, 0),
    daysAfter: days('ALBERO_REMINDER_DAYS_AFTER', DEFAULT_REMINDER_SETTINGS.daysAfter, 1),
    headAfter: days('ALBERO_REMINDER_HEAD_AFTER', DEFAULT_REMINDER_SETTINGS.headAfter, 1),
    publicUrl: url === '' ? null : url.replace(/\/+$/, ''),
  };
}

/** `iso` (YYYY-MM-DD) moved by `days`. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The stages whose time has come on `day` for a deadline: before (up to the day itself), after, head. */
export function stagesDue(deadline: string, day: string, s: ReminderSettings): ReminderStage[] {
  const due: ReminderStage[] = [];
  if (day >= addDays(deadline, -s.daysBefore) && day <= deadline) due.push('before');
  if (day > deadline && day >= addDays(deadline, s.daysAfter)) due.push('after');
  if (day > deadline && day >= addDays(deadline, s.headAfter)) due.push('head');
  return due;
}

/** What a message of a stage has to say, given what the earlier ones of that stage (to that person, about that unit) listed. */
export interface News {
  /** The values to list: those no earlier message listed, or sent back «da integrare» since the last one that did. */
  readonly fresh: WorkItem[];
  /** The day of the latest earlier message about the same deadline (dd/mm/yyyy); null: none, this one is the first. */
  readonly since: string | null;
  /** Values still missing that an earlier message listed already (not listed again). */
  readonly earlier: number;
}

/**
 * What is new since the earlier messages `told` (of one stage, to one person, about one unit):
 * a value that became someone's after that stage's email (an indicator reassigned to them, a value
 * sent back since, a value of a new deadline) must still be said, and a list said once is not said
 * again. A message about another deadline said something else (the deadline moved since); one queued
 * before migration 90 has no deadline recorded and is read as about this one, so an upgrade sends
 * nothing twice. Every message counts, whatever became of it: one not delivered (no address,
 * refused, cancelled with its plan archived) is not composed again each day.
 */
export function newsSince(told: readonly ReminderRecord[], deadline: string, items: readonly WorkItem[]): News {
  const same = told.filter((r) => r.deadline === null || r.deadline === deadline);
  const listedAt = new Map<string, string>();
  for (const r of same) for (const id of r.indicators) if ((listedAt.get(id) ?? '') < r.createdAt) listedAt.set(id, r.createdAt);
  const fresh = items.filter((i) => {
    const at = listedAt.get(i.indicatorId);
    return at === undefined || (i.state === 'returned' && i.review !== null && i.review.at > at);
  });
  const last = same.reduce<ReminderRecord | undefined>((a, r) => (a === undefined || r.createdAt > a.createdAt ? r : a), undefined);
  return { fresh, since: last === undefined ? null : last.day === null ? momentDayText(last.createdAt) : italianDate(last.day), earlier: items.length - fresh.length };
}

/**
 * The messages due on `day`, composed (the outbox keeps only the ones not queued that day). Only
 * plans adopted (a draft is not in force: its deadlines bind nobody yet) and not archived, periods
 * still taking values (open or collecting) with a deadline, active accounts; `only`: that plan's
 * alone; whoever may be named Referente (`mayBeAssigned`: a referente, a controller or an
 * administrator) is told about the values of their own worklist, the ones the home page's work due
 * lists them, so the person responsible for an indicator is reminded whatever their role. A stage's
 * first message lists every value missing; a later one (at most one a day) only the values no
 * earlier one of that stage listed (`newsSince`), and nothing is composed when there are none.
 */
export async function draftReminders(store: Store, settings: ReminderSettings, day: string, only?: string): Promise<ReminderDraft[]> {
  const plans = (await store.listPlans()).filter((p) => p.status === 'adopted' && (only === undefined || p.id === only));
  const users = await store.listUsers();
  const units = await store.listUnits();
  const assignees = users.filter(mayBeAssigned);
  const byId = new Map(users.map((u) => [u.id, u]));
  const people = campaignPeople(users);
  const drafts: ReminderDraft[] = [];
  for (const plan of plans) {
    // Most plans have no period due today: their periods say so without reading the whole plan.
    const periods = (await store.listPeriods(plan.id)) ?? [];
    if (!periods.some((p) => p.deadline !== null && !isLocked(p.state) && stagesDue(p.deadline, day, settings).length > 0)) continue;
    const data = await store.campaignData(plan.id);
    if (data === undefined) continue;
    const campaign = new Campaign(data, units, day);
    for (const period of data.periods) {
      if (period.deadline === null || isLocked(period.state)) continue;
      const deadline = period.deadline;
      const stages = stagesDue(deadline, day, settings);
      if (stages.length === 0) continue;
      const said = await store.reminders.ofPeriod(plan.id, period.id);
      const told = (stage: ReminderStage, userId: string, unitId: string | null | undefined): ReminderRecord[] =>
        said.filter((r) => r.stage === stage && r.userId === userId && (unitId === undefined || r.unitId === unitId));
      const compose = (stage: ReminderStage, to: UserRecord, news: News, unit: { id: string; name: string } | null, own: readonly WorkItem[] = []): ReminderDraft => {
        const items = news.fresh;
        // Written in the recipient's language (set by the administrator or by the person).
        const language = to.language ?? 'it';
        const line = (i: WorkItem, withPerson: boolean): string =>
          renderMessage(
            'reminder-line',
            { indicator: i.indicatorId, name: i.indicator, objective: `${i.node} ${i.objective}`, returned: i.state === 'returned', person: withPerson ? i.person : null },
            language,
          );
        const params = {
          stage,
          name: to.displayName,
          plan: data.record.title,
          period: period.label,
          deadline: italianDate(deadline),
          count: items.length,
          unit: unit?.name ?? null,
          lines: items.map((i) => line(i, unit !== null)),
          ownCount: own.length,
          ownLines: own.map((i) => line(i, false)),
          since: news.since,
          earlier: news.earlier,
          // Straight to the values due: the worklist of this plan's period filtered to what is to do (the unit's, for its head).
          link: settings.publicUrl === null ? null : `${settings.publicUrl}${worklistPath({ planId: plan.id, periodId: period.id, unitId: unit?.id ?? null, state: 'todo' })}`,
        };
        return {
          planId: plan.id,
          periodId: period.id,
          stage,
          userId: to.id,
          username: to.username,
          unitId: unit?.id ?? null,
          address: to.email ?? null,
          language,
          subject: renderMessage('reminder-subject', params, language),
          body: renderMessage('reminder-body', params, language),
          indicators: [...new Set([...items, ...own].map((i) => i.indicatorId))],
          deadline,
          day,
        };
      };
      // The heads' messages first: a head who also has values of their own, due both on the same day, gets
      // one message saying both (the unit's missing values, then their own), not two.
      const heads: Array<{ head: UserRecord; unit: UnitRecord; items: WorkItem[] }> = [];
      if (stages.includes('head')) {
        for (const unit of units) {
          const head = unit.headId === null ? undefined : byId.get(unit.headId);
          if (head === undefined || !head.active) continue;
          const items = campaign.items(period, people, { unitId: unit.id, state: 'todo' });
          if (items.length > 0) heads.push({ head, unit, items });
        }
      }
      const ownOf = (user: UserRecord): WorkItem[] => campaign.items(period, people, { mineFor: user, state: 'todo' });
      const folded = new Set<string>();
      for (const stage of stages.filter((s) => s !== 'head')) {
        for (const assignee of assignees) {
          if (stage === 'after' && heads.some((h) => h.head.id === assignee.id)) {
            folded.add(assignee.id);
            continue;
          }
          const news = newsSince(told(stage, assignee.id, null), deadline, ownOf(assignee));
          if (news.fresh.length > 0) drafts.push(compose(stage, assignee, news, null));
        }
      }
      // A head's own values go with the first of their units' messages that has something new, less
      // those their units' messages list already: heading a unit makes its values the head's own too,
      // and a value said twice in one email reads as two values missing. Said before in an "after"
      // message or in any of their head's messages: not new.
      const ownNews = new Map<string, News>();
      for (const id of folded) {
        const listed = new Set(heads.filter((h) => h.head.id === id).flatMap((h) => h.items.map((i) => i.indicatorId)));
        const own = ownOf(byId.get(id)!).filter((i) => !listed.has(i.indicatorId));
        ownNews.set(id, newsSince([...told('after', id, null), ...told('head', id, undefined)], deadline, own));
      }
      for (const { head, unit, items } of heads) {
        const news = newsSince(told('head', head.id, unit.id), deadline, items);
        if (news.fresh.length === 0) continue;
        drafts.push(compose('head', head, news, { id: unit.id, name: unit.name }, ownNews.get(head.id)?.fresh));
        ownNews.delete(head.id);
      }
      // No unit of theirs had anything new: a head's own new values go in an "after" message of their own.
      for (const [id, news] of ownNews) if (news.fresh.length > 0) drafts.push(compose('after', byId.get(id)!, news, null));
    }
  }
  return drafts;
}

/** The wait before the next try after `attempts` failed ones: 5 minutes, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export interface DeliveryReport {
  readonly sent: number;
  /** Not taken by the mail server this time: still queued, tried again later. */
  readonly retrying: number;
  /** Refused for good by the mail server. */
  readonly failed: number;
  /** Not sent: their plan or period stopped taking values since they were queued (status cancelled). */
  readonly cancelled: number;
}

/**
 * Why a message queued for `planId`'s period must not go now, or null when it still may: its plan
 * archived (nothing is collected in it any more) or deleted, its period closed, validated or deleted
 * since it was queued. A message waiting to be retried would otherwise tell a referente, later, that
 * values are late where nobody collects them.
 */
async function staleness(store: Store, planId: string, periodId: string): Promise<ReminderCancelReason | null> {
  const plan = await store.getPlan(planId);
  if (plan === undefined) return 'plan-deleted';
  if (plan.archivedAt !== null) return 'plan-archived';
  const period = (await store.listPeriods(planId))?.find((p) => p.id === periodId);
  if (period === undefined) return 'period-deleted';
  if (period.state === 'validated') return 'period-validated';
  if (isLocked(period.state)) return 'period-closed';
  return null;
}

/**
 * Sends what the outbox holds for now (`planId`: that plan's messages alone). A row is claimed before it is handed to the mail server,
 * so two senders (the timer, the CLI, a second server) never take the same one; a row left
 * "sending" by a sender that stopped half-way is taken again after ten minutes, with the same
 * Message-ID. A row whose plan or period no longer takes values is cancelled, not sent (`staleness`).
 */
export async function deliverReminders(store: Store, mailer: Mailer, options: { now?: () => Date; retryNow?: boolean; planId?: string } = {}): Promise<DeliveryReport> {
  const clock = options.now ?? (() => new Date());
  let sent = 0;
  let retrying = 0;
  let failed = 0;
  let cancelled = 0;
  // A message tried in this run (claimed since its start) is not tried again in it.
  const start = clock().toISOString();
  for (;;) {
    const at = clock();
    const batch = await store.reminders.claim(at.toISOString(), 50, new Date(at.getTime() - 10 * 60_000).toISOString(), {
      retryClaimedBefore: options.retryNow === true ? start : undefined,
      planId: options.planId,
    });
    if (batch.length === 0) break;
    for (const r of batch) {
      const stale = await staleness(store, r.planId, r.periodId);
      if (stale !== null) {
        await store.reminders.markCancelled(r.id, stale);
        cancelled++;
        continue;
      }
      const result = await mailer.send({ to: r.address!, subject: r.subject, text: r.body, messageId: r.messageId });
      if (result.ok) {
        await store.reminders.markSent(r.id, mailer.transport, clock().toISOString());
        sent++;
      } else if (result.permanent) {
        await store.reminders.markFailed(r.id, result.failure, null);
        failed++;
      } else {
        await store.reminders.markFailed(r.id, result.failure, new Date(clock().getTime() + retryDelayMs(r.attempts)).toISOString());
        retrying++;
      }
    }
  }
  return { sent, retrying, failed, cancelled };
}

export interface ReminderRun extends DeliveryReport {
  /** Messages queued by this run (each once, ever). */
  readonly queued: readonly ReminderRecord[];
  /** Of those, the ones to accounts without an email: recorded, never sent. */
  readonly unaddressed: number;
}

export interface ReminderOptions {
  /** The mail server; null or absent: messages are written to the log. */
  readonly smtp?: SmtpSettings | null;
  readonly settings?: Partial<ReminderSettings>;
  /** Run on a timer every this many minutes; absent or 0: only when asked (tests, the CLI). */
  readonly everyMinutes?: number;
  /** Where the log mailer and the timer's problems write (default: stdout / stderr). */
  readonly log?: (text: string) => void;
  /** Today's date, for tests of the calendar (default: the body's today, Rome's day). */
  readonly today?: () => string;
}

/** One per server (or CLI run): the mailer, the settings, and runs one after another, never two at once. */
export class ReminderService {
  readonly settings: ReminderSettings;
  private mailer: Promise<Mailer> | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private first: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: ReminderOptions = {},
  ) {
    this.settings = { ...DEFAULT_REMINDER_SETTINGS, ...options.settings };
  }

  private log(text: string): void {
    (this.options.log ?? ((t: string) => process.stdout.write(t)))(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** smtp, or log when no mail server is configured. */
  get transport(): 'smtp' | 'log' {
    return this.options.smtp === null || this.options.smtp === undefined ? 'log' : 'smtp';
  }

  private mail(): Promise<Mailer> {
    this.mailer ??= makeMailer(this.options.smtp ?? null, (t) => this.log(t));
    return this.mailer;
  }

  /**
   * Queues what is due today and delivers what the outbox holds (`planId`: that plan's alone, both:
   * the other plans' messages stay queued for a run of every plan);
   * `retryNow` tries queued messages without waiting for their time.
   */
  run(by: string, options: { retryNow?: boolean; planId?: string } = {}): Promise<ReminderRun> {
    const next = this.running.then(async () => {
      const day = (this.options.today ?? today)();
      const drafts = await draftReminders(this.store, this.settings, day, options.planId);
      const queued = await this.store.reminders.enqueue(drafts, by, new Date().toISOString());
      const delivered = await deliverReminders(this.store, await this.mail(), options);
      return { queued, unaddressed: queued.filter((r) => r.status === 'no-address').length, ...delivered };
    });
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Starts the timer (when `everyMinutes` says so). */
  start(): void {
    const minutes = this.options.everyMinutes ?? 0;
    if (minutes <= 0 || this.timer !== null) return;
    const tick = (): void => {
      this.run(SYSTEM.username).catch((error: unknown) => this.log(`[albero reminders] the reminder run failed: ${error instanceof Error ? error.message : String(error)}`));
    };
    // A first run a minute after the start (what was due while the server was down), then every interval.
    const first = setTimeout(tick, Math.min(minutes, 1) * 60_000);
    first.unref();
    this.timer = setInterval(tick, minutes * 60_000);
    // The timers alone do not keep the process alive.
    this.timer.unref();
    this.first = first;
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    if (this.first !== null) clearTimeout(this.first);
    this.timer = null;
    this.first = null;
    await this.running;
    if (this.mailer !== null) (await this.mailer).close();
  }
}
