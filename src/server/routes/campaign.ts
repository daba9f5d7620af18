/**
 * The monitoring campaign over HTTP: the worklist ("Le mie misurazioni"), the completion dashboard
 * (and its XLSX), the review of entered values (approve, request more, answer), a period's
 * deadline, and the closing checklist shown before a period is closed.
 */
import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import { z } from 'zod';
import { ClosingPreviewSchema, DashboardSchema, PeriodSchema, ReviewActionSchema, ReviewStepSchema, ReviewThreadSchema, WorkDueSchema, WorklistSchema, type WorkItem } from '../../contract/index.js';
import { isLocked, type UserRecord } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { actorOf } from '../auth.js';
import { Campaign, type CampaignCache, campaignPeople, currentPeriod, stateOf, withLate, workItem } from '../campaign.js';
import { countStates, stateIn, WORK_STATES, WORKLIST_STATE_FILTERS, type WorklistStateFilter } from '../../contract/campaign-states.js';
import { locatedFailure, must, refuse } from '../errors.js';
import { assignmentOf, mayEditValue, PLAN_EDITORS, PLAN_STAFF, VALUE_EDITORS } from '../permissions.js';
import { documentLanguage, intQuery, invalidAt, param } from '../validation.js';
import { replyLanguage } from '../language.js';
import { reasonText } from '../../core/index.js';
import { amountJson } from '../../io/json.js';
import { amountCell } from '../../io/xlsx/cells.js';
import { DASHBOARD_WORKBOOK } from '../../messages/campaign.js';
import type { Params } from '../../messages/index.js';
import { EditVersion } from './plans.js';
import { readablePlan } from '../plan-access.js';

const READERS = ['admin', 'controller', 'oiv'] as const;
/** The worklist's rows a page by default (the web app's page), and at most. */
const WORKLIST_PAGE = 200;
const WORKLIST_PAGE_MAX = 1000;
const Review = z
  .object({
    action: ReviewActionSchema,
    note: z.string().max(5000).nullable().optional(),
    version: z.number().int().min(1),
    /** The value's review state as the reviewer read it (the worklist's `state`): 409 when another desk reviewed it since. */
    state: z.enum(WORK_STATES).optional(),
  })
  .strict();
const Deadline = z
  .object({
    deadline: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'iso-date')
      .nullable(),
    version: EditVersion.optional(),
  })
  .strict();

/** The dashboard's workbook as the download it is. */
async function workbookReply(c: Context, workbook: ExcelJS.Workbook, file: string): Promise<Response> {
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return c.body(bytes, 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': `attachment; filename="${file}"` });
}

/** A draft's completion workbook: its one sheet says nothing is collected before the plan's adoption. */
function notAdoptedWorkbook(words: (typeof DASHBOARD_WORKBOOK)['it']): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Albero';
  const sheet = workbook.addWorksheet(words.sheet);
  sheet.getColumn(1).width = 70;
  sheet.addRow([words.notAdopted]);
  return workbook;
}

async function campaignOf(cache: CampaignCache, planId: string): Promise<Campaign> {
  const campaign = await cache.get(planId);
  if (campaign === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
  return campaign;
}

/**
 * A work item without the notes of its review steps (a request for more, its correction), when
 * `hide`: they are the value's discussion, for those who read its review thread (PLAN_STAFF).
 */
function withoutNote(item: WorkItem, hide: boolean): WorkItem {
  if (!hide) return item;
  return { ...item, review: item.review && { ...item.review, note: null }, correctedRequest: item.correctedRequest && { ...item.correctedRequest, note: null } };
}

export const campaignRoutes: RouteModule = (api, deps) => {
  const { store, campaigns: cache } = deps;

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/worklist',
      tag: 'campaign',
      summary:
        'Le mie misurazioni: the values to enter in a period (default: the one collecting) with deadline and state (to_enter, entered, returned, approved), each with its target and the value as entered (note, data source, evidence and its files); a referente sees only theirs',
      roles: 'signed-in',
      access: "signed in (a referente: the indicators assigned to them or their units; HR: without the files' names nor the notes of the review steps)",
      query: {
        period: 'the period id (default: the first collecting, else open, period)',
        unit: 'only this unit id (`none`: indicators with no unit)',
        person: 'only this person (user id)',
        state: { description: 'only this state; `todo`: to_enter and returned together (da fare)', values: WORKLIST_STATE_FILTERS },
        mine: { description: 'only the values assigned to the reader (by person, or a unit they belong to or head); a referente’s are always theirs only', values: ['1', 'true'] },
        offset: 'the rows of the filtered list to skip (default 0); past its end: no rows, with its counts and total',
        limit: `the rows to send, 1–${WORKLIST_PAGE_MAX} (default ${WORKLIST_PAGE})`,
      },
      responses: {
        200: {
          description:
            '{planId, period, periods, notAdopted, archived, items (a page of the filtered list, in plan order), counts (per state, of the whole filtered list), total, offset, limit}; a plan not adopted (a draft, not in force): notAdopted true, no items, every count 0, as the work due and the reminders have none of it; an archived plan (nothing collected any more): archived true, no items, every count 0, as the work due leaves it out',
          schema: WorklistSchema,
        },
        400: 'invalid query',
        401: 'not signed in',
        404: 'unknown plan or period',
      },
    },
    async (c, { user, reply }) => {
      const planId = param(c, 'planId');
      const plan = await readablePlan(c, store, planId);
      const state = c.req.query('state');
      if (state !== undefined && !(WORKLIST_STATE_FILTERS as readonly string[]).includes(state))
        throw refuse(400, 'invalid-query', { field: 'state', values: WORKLIST_STATE_FILTERS, value: state.slice(0, 40) });
      const mine = c.req.query('mine');
      if (mine !== undefined && mine !== '1' && mine !== 'true') throw refuse(400, 'invalid-query', { field: 'mine', values: ['1', 'true'], value: mine.slice(0, 40) });
      const offset = intQuery(c, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
      const limit = intQuery(c, 'limit', WORKLIST_PAGE, WORKLIST_PAGE_MAX);
      const periods = await store.listPeriods(planId);
      if (periods === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
      const asked = c.req.query('period');
      const period = asked === undefined || asked === '' ? currentPeriod(periods) : periods.find((p) => p.id === asked);
      if (period === undefined) throw refuse(404, 'not-found', asked === undefined || asked === '' ? { what: 'periods' } : { what: 'period', id: asked });
      // A plan not adopted is not in force: none of its values is due yet, as the home page's work due
      // and the reminders have it (values may still be entered from the tree, the list waits for the act).
      // An archived one is put away: nothing is collected in it any more (it refuses every value), and
      // the work due leaves it out too. Each says why; a draft put away says both.
      const notAdopted = plan.status !== 'adopted';
      const archived = plan.archivedAt !== null;
      if (notAdopted || archived) {
        return reply(200, { planId, period, periods, notAdopted, archived, items: [], counts: { ...countStates([]), late: 0 }, total: 0, offset, limit });
      }
      const unit = c.req.query('unit');
      const person = c.req.query('person');
      // Filtered, counted and paged by the database: a big plan's list sends its page, not every row.
      const page = await store.reviewPage(
        planId,
        period.id,
        {
          ...(user.role === 'referente' || mine !== undefined ? { assignedTo: user } : {}),
          ...(unit !== undefined && unit !== '' ? { unitId: unit === 'none' ? null : unit } : {}),
          ...(person !== undefined && person !== '' ? { personId: person } : {}),
          ...(state !== undefined ? { states: WORK_STATES.filter((s) => stateIn(state as WorklistStateFilter, s)) } : {}),
        },
        { offset, limit },
      );
      const day = cache.today();
      const words = replyLanguage(c);
      // Who entered each value, by the accounts' names now.
      const nameOf = await deps.names.namer(words);
      // The files' names go to those who may list and download them (the attachments routes' roles), not to HR.
      const seesFiles = PLAN_STAFF.includes(user.role);
      const items = page.rows.map((row) => ({
        // A request's note is read by those who read the review thread (HR reads the state, not the note).
        ...withoutNote(
          workItem(row, period, day, row.value === null ? undefined : { version: row.value.version, enteredBy: row.enteredBy, enteredAt: row.enteredAt }, row.latest ?? undefined, nameOf),
          !seesFiles,
        ),
        // What was entered, against which target, with its evidence: the controller decides on what they see.
        target: amountJson(row.target),
        unitOfMeasure: row.unitOfMeasure,
        comparator: row.comparator,
        value:
          row.value === null
            ? null
            : {
                state: row.value.state,
                actual: amountJson(row.value.actual),
                // The program's own reasons are stored as codes: said in the reader's words, as the tree says them.
                reason: row.value.reason === null ? null : reasonText(row.value.reason, words),
                evidence: row.value.evidence,
                source: row.value.source,
                notes: row.value.notes,
                files: seesFiles ? [...row.value.files] : [],
              },
      }));
      const total = WORK_STATES.reduce((sum, s) => sum + page.counts[s], 0);
      const counts = withLate(page.counts, period, day);
      return reply(200, { planId, period, periods, notAdopted: false, archived: false, items, counts, total, offset, limit });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/work-due',
      tag: 'campaign',
      summary:
        'What waits for the signed-in person across the plans in force (adopted, not archived: a draft has no work due), per period still taking values (collecting, or open with a deadline): the values assigned to them to enter and sent back (by person, or a unit they belong to or head), and for the controller and the administrator the values to review; a person with both has both',
      roles: 'signed-in',
      access:
        'signed in (whoever may enter values — referente, controller, administrator —: the values assigned to them; the controller and the administrator: the values to review; the OIV and HR, who enter none: nothing)',
      responses: { 200: { description: '{items: [{planId, plan, periodId, period, deadline, late, toEnter, returned, toReview}]}', schema: WorkDueSchema }, 401: 'not signed in' },
    },
    async (_c, { user, reply }) => {
      const items = [];
      // One account has one role, and may also head or belong to units: each kind of work it has is
      // counted. Whoever may enter values has those assigned to them (a unit head's include the
      // unit's, as the head's reminder lists them); the controller and the administrator have also
      // every value waiting for review.
      const enters = VALUE_EDITORS.includes(user.role);
      const reviewer = PLAN_EDITORS.includes(user.role);
      // The archived plans are not listed: nothing is collected in them any more. Nor are the drafts:
      // a plan not adopted is not in force, its deadlines bind nobody yet (no reminder goes out for them).
      const plans = enters ? (await store.listPlans()).filter((p) => p.status === 'adopted') : [];
      // The items are named as every list is, through the server's names (read only when there is work to count).
      const people = plans.length === 0 ? campaignPeople([]) : await deps.names.names();
      for (const plan of plans) {
        const campaign = await cache.get(plan.id);
        if (campaign === undefined) continue;
        for (const period of campaign.data.periods) {
          // An open period without a deadline is not yet asked for: its values are not due.
          if (isLocked(period.state) || (period.state !== 'collecting' && period.deadline === null)) continue;
          const own = countStates(campaign.items(period, people, { mineFor: user, state: 'todo' }).map((i) => i.state));
          const toReview = reviewer ? (campaign.dashboard().totals.find((t) => t.periodId === period.id)?.toReview ?? 0) : 0;
          const due = { toEnter: own.to_enter, returned: own.returned, toReview };
          if (due.toEnter + due.returned + due.toReview === 0) continue;
          const late = period.deadline !== null && period.deadline < campaign.day;
          items.push({ planId: plan.id, plan: plan.title, periodId: period.id, period: period.label, deadline: period.deadline, late, ...due });
        }
      }
      // The nearest deadline first; those without one last.
      items.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
      return reply(200, { items });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/dashboard',
      tag: 'campaign',
      summary: 'Completion per unit and period: expected, entered, waiting for review, sent back, approved, missing, late',
      roles: READERS,
      action: 'read the completion dashboard',
      access: 'admin, controller, oiv',
      responses: {
        200: {
          description:
            '{planId, notAdopted (a draft, not in force: nothing was due, rows and totals empty), archived (the plan is archived: its counts are the record, nothing more is collected), today, periods, rows, totals}',
          schema: DashboardSchema,
        },
        401: 'not signed in',
        403: 'role',
        404: 'unknown plan',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      const campaign = await campaignOf(cache, planId);
      const [unitList, plan] = await Promise.all([store.listUnits(), store.getPlan(planId)]);
      const units = new Map(unitList.map((u) => [u.id, u.code]));
      // Said as the worklist says it: the screen tells the reader the plan is put away, its counts as archived, none late.
      const archived = plan?.archivedAt != null;
      // A draft is not in force: nothing was ever due in it, so nothing is expected, missing or late
      // (the worklist, the work due and the reminders have none of it). Kept apart from `archived`:
      // an adopted plan put away keeps its counts as the record; a draft, put away or not, has none.
      const notAdopted = plan !== undefined && plan.status !== 'adopted';
      const { rows, totals } = notAdopted ? { rows: [], totals: [] } : campaign.dashboard(archived);
      return reply(200, {
        planId,
        notAdopted,
        archived,
        today: campaign.day,
        periods: campaign.data.periods,
        rows: rows.map((r) => ({ ...r, code: r.unitId === null ? null : (units.get(r.unitId) ?? null) })),
        totals,
      });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/dashboard/export',
      tag: 'campaign',
      summary:
        'The completion dashboard as XLSX: a sheet per unit and period, and the list of every value not yet approved; of an archived plan, the counts as the dashboard gives them (none late: no late column, a value never entered said missing); of a plan not adopted, one sheet saying nothing is collected before its adoption',
      roles: READERS,
      action: 'read the completion dashboard',
      access: 'admin, controller, oiv',
      query: { lang: { description: "the language of the workbook's sheet names, heads and states; default it", values: ['it', 'en'] } },
      responses: { 200: 'the workbook (attachment)', 400: 'a language other than it or en', 401: 'not signed in', 403: 'role', 404: 'unknown plan' },
    },
    async (c) => {
      const planId = param(c, 'planId');
      const campaign = await campaignOf(cache, planId);
      const words = DASHBOARD_WORKBOOK[documentLanguage(c)];
      // An archived plan's workbook agrees with its dashboard: no work is due in it, so nothing is late
      // (no such column) and a value never entered is missing, not still to enter.
      const plan = await store.getPlan(planId);
      const archived = plan?.archivedAt != null;
      // A draft's workbook says, as its dashboard, that nothing is collected before the act: one sheet
      // with the sentence, rather than tables of zeros a reader could take for a campaign gone empty.
      if (plan !== undefined && plan.status !== 'adopted') return workbookReply(c, notAdoptedWorkbook(words), words.file);
      const head = (key: keyof typeof words.heads, width: number) => ({ header: words.heads[key], key, width });
      const lateHead = archived ? [] : [head('late', 10)];
      const workbook = new ExcelJS.Workbook();
      workbook.creator = 'Albero';
      const sheet = workbook.addWorksheet(words.sheet);
      sheet.columns = [
        head('period', 16),
        head('deadline', 12),
        head('unit', 36),
        head('expected', 9),
        head('entered', 9),
        head('toReview', 12),
        head('returned', 12),
        head('approved', 10),
        head('missing', 10),
        ...lateHead,
        head('share', 14),
      ];
      sheet.getRow(1).font = { bold: true };
      sheet.views = [{ state: 'frozen', ySplit: 1 }];
      const periods = new Map(campaign.data.periods.map((p) => [p.id, p]));
      const people = await deps.names.names();
      for (const r of campaign.dashboard(archived).rows) {
        const p = periods.get(r.periodId)!;
        // The deadline a date cell shown dd/mm/yyyy, as the period beside it (before, the ISO text 2025-01-31).
        const deadline = p.deadline === null ? null : amountCell({ kind: 'date', value: p.deadline }, 'date');
        const row = sheet.addRow({ ...r, period: p.label, deadline: deadline?.value ?? '', unit: r.unit ?? words.noUnit, share: r.expected === 0 ? 0 : r.entered / r.expected });
        if (deadline?.numFmt !== undefined) row.getCell('deadline').numFmt = deadline.numFmt;
        row.getCell('share').numFmt = '0.0%';
      }
      const list = workbook.addWorksheet(archived ? words.notApproved : words.open);
      list.columns = [head('period', 16), head('unit', 30), head('person', 24), head('node', 12), head('indicator', 50), head('state', 14), ...lateHead, head('note', 40)];
      list.getRow(1).font = { bold: true };
      list.views = [{ state: 'frozen', ySplit: 1 }];
      for (const p of campaign.data.periods) {
        for (const i of campaign.items(p, people)) {
          if (i.state === 'approved') continue;
          list.addRow({
            period: p.label,
            unit: i.unit ?? words.noUnit,
            person: i.person ?? '',
            node: i.node,
            indicator: i.indicator,
            // Changed after its approval, the value is to be reviewed again, as the worklist says it.
            state: i.supersededApproval !== null ? words.reviewAgain : archived && i.state === 'to_enter' ? words.missing : words.states[i.state],
            late: i.late && !archived ? words.yes : '',
            // The request sent back with it; else, changed after its approval, whose approval it was and when.
            note: i.review?.action === 'return' ? (i.review.note ?? '') : i.supersededApproval !== null ? words.changedAfterApproval(i.supersededApproval.byName, i.supersededApproval.at) : '',
          });
        }
      }
      return workbookReply(c, workbook, words.file);
    },
  );

  /** The value's assignment decides whether a referente may read or answer its review. */
  const mayHandle = async (user: UserRecord, planId: string, indicatorId: string): Promise<void> => {
    const context = await store.indicatorContext(planId, indicatorId);
    if (context === undefined) throw refuse(404, 'not-found', { what: 'indicator', id: indicatorId });
    if (user.role === 'referente' && !mayEditValue(user, assignmentOf(context))) {
      throw refuse(403, 'forbidden', { indicator: indicatorId });
    }
  };

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/indicators/:indicatorId/measurements/:periodId/reviews',
      tag: 'campaign',
      summary: "A value's review thread: approvals, requests for more (richieste di integrazione) and answers, oldest first, each with the value version it was about",
      // The requests' notes are the value's discussion, read as its comments are (campaign-access.ts): never by HR, as the audit trail has it.
      roles: PLAN_STAFF,
      access: 'admin, controller, oiv; referente for indicators assigned to them or their unit',
      responses: {
        200: { description: '{state, version, steps: [{id, action, note, by, at, measurementVersion}]}', schema: ReviewThreadSchema },
        401: 'not signed in',
        403: 'not yours',
        404: 'unknown plan, indicator or period',
      },
    },
    async (c, { user, reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      const periodId = param(c, 'periodId');
      await readablePlan(c, store, planId);
      await mayHandle(user, planId, indicatorId);
      if ((await store.listPeriods(planId))?.some((p) => p.id === periodId) !== true) throw refuse(404, 'not-found', { what: 'period', id: periodId });
      const steps = await store.listReviews(planId, indicatorId, periodId);
      const m = await store.getMeasurement(planId, indicatorId, periodId);
      const last = steps[steps.length - 1];
      return reply(200, { state: stateOf(m, last), version: m?.version ?? 0, steps });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/indicators/:indicatorId/measurements/:periodId/reviews',
      tag: 'campaign',
      summary:
        'Review the value as it is (`version`): approve it or send it back with a request (controller); answer a request (the referente), also once after correcting the value it asked about. A new value after either goes back to review',
      roles: 'signed-in',
      access: 'approve, return: admin, controller; answer: admin, controller, referente for indicators assigned to them or their unit',
      body: Review,
      bodyRoles: (review) => (review.action === 'answer' ? { roles: VALUE_EDITORS, action: 'answer requests for more' } : { roles: PLAN_EDITORS, action: 'approve values or send them back' }),
      responses: {
        201: { description: 'the review step', schema: ReviewStepSchema },
        400: 'invalid body',
        401: 'not signed in',
        403: 'role or not yours',
        404: 'unknown plan, indicator or period',
        409: 'the value changed since (details.current.version), or, with `state`, another desk reviewed it since it was read in that state (params {what: review, state, by}; details.current {version, state, updatedBy, updatedByName, updatedAt}: the state now, who reviewed it and when; nothing stored)',
        422: 'nothing to review, already approved, no request to answer, or a request without its text',
        423: 'period-locked',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      // A referente answers only for the indicators assigned to them or their unit.
      if (input.action === 'answer') await mayHandle(user, planId, indicatorId);
      const step = await store.reviewMeasurement(planId, indicatorId, param(c, 'periodId'), input.action, input.note ?? null, input.version, actorOf(user), input.state);
      // A request or an answer without its text is a field left empty: said at that field, as the body's validation says one.
      if (!step.ok) throw locatedFailure(step.error);
      return reply(201, step.value);
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/plans/:planId/periods/:periodId/deadline',
      tag: 'campaign',
      summary: "Set a period's data-entry deadline (null: none); values missing after it are late. `version` (optional): the period's as read, 409 when another change came since",
      roles: PLAN_EDITORS,
      action: 'set deadlines',
      body: Deadline,
      responses: {
        200: { description: 'the period', schema: PeriodSchema },
        400: 'invalid body, or a deadline that is not a day of the plan’s year or the next, or comes before the period ends (the field named)',
        401: 'not signed in',
        403: 'role',
        404: 'unknown plan or period',
        409: '`conflict`: `version` is stale (details.current: {version, updatedBy, updatedAt}; nothing stored); `deadline-locked`: the period is closed or validated (params {label, state}); `plan-archived`',
      },
    },
    async (c, { user, body: input, reply }) => {
      const saved = await store.setPeriodDeadline(param(c, 'planId'), param(c, 'periodId'), input.deadline, actorOf(user), input.version);
      // The store checks the date against the plan's year in the transaction that writes it; the
      // refusal is the body's, said at its field like a period's own date (routes/periods.ts).
      if (!saved.ok && saved.error.code === 'invalid' && saved.error.params?.field === 'deadline') throw invalidAt('deadline', 'invalid', saved.error.params as Params<'invalid'>);
      return reply(200, must(saved));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/periods/:periodId/closing-preview',
      tag: 'campaign',
      summary: 'Before closing a period: the values still missing, waiting for review and sent back, with counts (the web app asks for confirmation with this list)',
      roles: PLAN_EDITORS,
      action: 'close periods',
      responses: {
        200: {
          description:
            '{period, notAdopted, archived, counts, missing, toReview, returned}; of a plan not adopted (a draft, not in force): notAdopted true, nothing missing, late or returned (expected 0), only the values entered and not reviewed, which the closing locks and asks to acknowledge; of an archived plan (read-only: its periods are not closed): archived true, none late, a value never entered missing, as its dashboard counts it',
          schema: ClosingPreviewSchema,
        },
        401: 'not signed in',
        403: 'role',
        404: 'unknown plan or period',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      const campaign = await campaignOf(cache, planId);
      const periodId = param(c, 'periodId');
      const period = campaign.data.periods.find((p) => p.id === periodId);
      if (period === undefined) throw refuse(404, 'not-found', { what: 'period', id: periodId });
      const plan = await store.getPlan(planId);
      // An archived plan is read as its dashboard and workbook count it: no work is due in it, so none
      // is late against a today it no longer has (a value never entered is missing). Its periods are
      // not closed (409 plan-archived) and the web offers no closing: this is only a read.
      const archived = plan?.archivedAt != null;
      const listed = campaign.items(period, await deps.names.names(), {}, replyLanguage(c));
      const items = archived ? listed.map((i) => ({ ...i, late: false })) : listed;
      // A draft's period may be closed (the store allows it: the values entered from the tree are
      // locked as they are), yet nothing was asked of anyone before the act: nothing is missing, late
      // or to complete. What the closing still asks about is listed: the values nobody reviewed.
      if (plan?.status !== 'adopted') {
        const toReview = items.filter((i) => i.state === 'entered');
        return reply(200, {
          period,
          notAdopted: true,
          archived,
          counts: { expected: 0, ...countStates([]), entered: toReview.length, late: 0 },
          missing: [],
          toReview,
          returned: [],
        });
      }
      const counts = countStates(items.map((i) => i.state));
      return reply(200, {
        period,
        notAdopted: false,
        archived,
        counts: { expected: items.length, ...(archived ? { ...counts, late: 0 } : withLate(counts, period, campaign.day)) },
        missing: items.filter((i) => i.state === 'to_enter'),
        toReview: items.filter((i) => i.state === 'entered'),
        returned: items.filter((i) => i.state === 'returned'),
      });
    },
  );
};
