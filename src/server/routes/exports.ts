/**
 * Exports of a computed plan for a period: the Relazione as PDF or HTML, the workbook, open data
 * (CSV, JSON). The bytes come from io/report (`renderReport`), the same code as `albero report`,
 * so the server and the CLI cannot print different numbers.
 */
import { revisionRegister } from './revisions.js';
import { changedBaselines } from '../baselines.js';
import type { Context } from 'hono';
import { isReportFormat, MEDIA_TYPES, renderReport, REPORT_CONTENT_SECURITY_POLICY, REPORT_FORMATS, type ReportFormat } from '../../io/report/index.js';
import type { AssignedPeople, AssignedUnits, PreviousYear, ReportMeta } from '../../io/report/meta.js';
import { periodAtText, periodStateWord } from '../../io/report/texts.js';
import type { Decimal, Evaluation, Language } from '../../core/index.js';
import type { Deps, RouteModule } from '../api.js';
import { z } from 'zod';
import { currentUser } from '../auth.js';
import { ExportJobSchema, type ExportJob as ExportJobDocument } from '../../contract/index.js';
import { oneAtATime, type ExportJob } from '../exports/jobs.js';
import { refuse } from '../errors.js';
import type { Store } from '../../store/index.js';
import { periodWordOf, publicPeriodDates, publicStateText, publishedValidation, readerComputed } from '../public-periods.js';
import { previousYear } from '../relazione.js';
import { comparedLevel, unmatchedObjectives } from '../../io/relazione/index.js';
import { documentLanguage, param } from '../validation.js';
import { readablePlan } from '../plan-access.js';
import { fileName } from '../file-name.js';

function formatOf(c: Context): ReportFormat {
  const format = c.req.query('format') ?? '';
  if (!isReportFormat(format)) {
    throw refuse(400, 'invalid-query', { field: 'format', values: REPORT_FORMATS, value: format.slice(0, 40) }, { details: { formats: [...REPORT_FORMATS] } });
  }
  return format;
}

/**
 * Each objective's and indicator's person as an account's e-mail, or its username when it has none:
 * an id means nothing in another installation, and a display name is not unique.
 */
async function assignedPeopleOf(
  store: Store,
  snapshot: { readonly nodes: ReadonlyMap<string, { personId: string | null }>; readonly indicators: ReadonlyMap<string, { personId: string | null }> },
): Promise<AssignedPeople> {
  const named = [...snapshot.nodes.values(), ...snapshot.indicators.values()].some((x) => x.personId !== null);
  const accounts = named ? new Map((await store.listUsers()).map((u) => [u.id, u.email ?? u.username])) : new Map<string, string>();
  const of = (entries: Iterable<[string, { personId: string | null }]>) =>
    Object.fromEntries([...entries].flatMap(([key, x]) => (x.personId === null || !accounts.has(x.personId) ? [] : [[key, accounts.get(x.personId)!]])));
  return { objectives: of(snapshot.nodes), indicators: of(snapshot.indicators) };
}

/** Everything an export of `planId` needs: the evaluation, the report's words about itself and the file's name. */

async function exportInputs(c: Context, deps: Deps, planId: string, format: ReportFormat, requested: string | undefined, language: Language = documentLanguage(c)) {
  const { store } = deps;
  const record = await readablePlan(c, store, planId);
  const computed = await readerComputed(deps, currentUser(c), planId, requested);
  const period = computed.snapshot.period;
  const previousYear = await previousYearOf(deps, planId, currentUser(c) !== null, computed.evaluation);
  // The register of revisions goes into the Relazione (HTML, PDF) and the workbook's "Variazioni" sheet.
  // Who discarded a revision by name, as the office reads the trail (the public reads no discarded one).
  const named = await deps.names.namer(language);
  const register = (await revisionRegister(store, planId, currentUser(c) === null)).map((r) => ({
    ...r,
    afterClosingOf: r.afterClosingOf.map((p) => p.label),
    discarded: r.discarded === null ? null : { ...r.discarded, by: named(r.discarded.by) },
  }));
  // "206 → 210" as the tree shows it: to signed-in readers, and not for a period read from its closing (its baselines as they stood).
  const baselineChanges =
    currentUser(c) === null || computed.closing !== null
      ? []
      : (await changedBaselines(deps, planId, language)).changed.map((b) => ({
          indicatorId: b.indicatorId,
          name: b.name,
          baselineText: b.baselineText,
          currentText: b.current === null ? null : b.currentText,
          currentYear: b.currentYear,
        }));
  // Who owns what, for the «Piano» sheet: the plan imported back (another body's copy, another installation) keeps its assignments.
  // (Object.fromEntries: a code such as `__proto__` is an entry like any other.)
  const assignedUnits: AssignedUnits = {
    objectives: Object.fromEntries([...computed.snapshot.nodes].flatMap(([code, node]) => (node.unitName === null ? [] : [[code, node.unitName]]))),
    indicators: Object.fromEntries([...computed.snapshot.indicators].flatMap(([id, indicator]) => (indicator.unit === null ? [] : [[id, indicator.unit]]))),
  };
  // And who answers for it, by the account's e-mail (or username): to signed-in readers only, as the people are no public's business.
  const assignedPeople = currentUser(c) === null ? undefined : await assignedPeopleOf(store, computed.snapshot);
  // The OIV's validated figures beside the reported ones, as the reader's tree states them: the public
  // once the Relazione is published, as on /trasparenza; the office from the OIV's decision on.
  const validated = await publishedValidation(store, planId, computed, currentUser(c) === null);
  // «validato dall'OIV con riserve» for the year end the Relazione's decision validated so.
  const periodWord = await periodWordOf(store, planId, period, currentUser(c) === null);
  const meta: ReportMeta = {
    language,
    assignedUnits,
    ...(assignedPeople === undefined ? {} : { assignedPeople }),
    revisionRegister: register,
    ...(baselineChanges.length === 0 ? {} : { baselineChanges }),
    body: record.organisation,
    year: record.year,
    ...(record.adoption === null ? {} : { adoption: record.adoption.act }),
    period: periodAtText(period.label, language),
    periodState: currentUser(c) === null ? await publicStateText(store, computed, language) : periodStateWord(periodWord, language),
    periodDates: await publicPeriodDates(store, computed),
    computedAt: new Date(),
    ...(previousYear === undefined ? {} : { previousYear }),
    ...(validated === undefined ? {} : { validated }),
  };
  return { evaluation: computed.evaluation, meta, fileName: fileName(record.title, period.id, format) };
}

const ExportJobBody = z.strictObject({ format: z.enum(['pdf', 'xlsx']), period: z.string().min(1).max(40).optional(), lang: z.enum(['it', 'en']).optional() });

function jobJson(job: ExportJob): ExportJobDocument {
  return { id: job.id, planId: job.planId, format: job.format, fileName: job.fileName, state: job.state, done: job.done, total: job.total, failure: job.failure ?? null };
}

export const exportRoutes: RouteModule = (api, deps) => {
  const jobs = deps.exports;

  /**
   * The file's bytes: a big plan's PDF or workbook is drawn on a worker thread (a 20,000-indicator
   * annex takes seconds the event loop must not lose), a small one in place (a worker's start costs
   * more than drawing it); the PDF and the workbook wait their turn in the one drawing queue.
   */
  async function drawn(evaluation: Evaluation, format: ReportFormat, meta: ReportMeta): Promise<Uint8Array> {
    if (format !== 'pdf' && format !== 'xlsx') return renderReport(evaluation, format, meta);
    let indicators = 0;
    for (const node of evaluation.plan.nodes) indicators += node.indicators.length;
    // The plan with the values saved in place since it was evaluated (`evaluation.plan` is the one it was made from).
    if (indicators >= deps.offThread.inlineIndicators) return jobs.draw({ plan: evaluation.currentPlan(), format, meta });
    return oneAtATime(() => renderReport(evaluation, format, meta));
  }
  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/export',
      tag: 'exports',
      summary:
        'The computed plan for a period as the Relazione (pdf, html), a workbook (xlsx: printable table, complete plan, legend, explanation) or open data (csv, json; columns in docs/open-data.md)',
      roles: 'everyone',
      access: 'signed in; the public for published plans',
      query: {
        format: `one of ${REPORT_FORMATS.join(', ')} (required)`,
        period: 'period id (default: the last, the year end)',
        lang: { description: "the language of the report's own words (headings, notes, the revisions' chapter); default it", values: ['it', 'en'] },
      },
      responses: { 200: 'the file, as an attachment', 400: 'missing or unknown format or lang', 404: 'unknown plan or period' },
    },
    async (c) => {
      const planId = param(c, 'planId');
      const format = formatOf(c);
      const { evaluation, meta, fileName: name } = await exportInputs(c, deps, planId, format, c.req.query('period') || undefined);
      const bytes = await drawn(evaluation, format, meta);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': MEDIA_TYPES[format],
        // The HTML page opens in the browser; the other formats are files to keep.
        'Content-Disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${name}"`,
        'Cache-Control': 'private, no-cache',
        'X-Content-Type-Options': 'nosniff',
        // The report's own policy (the app's would refuse its inline styles), and no framing.
        ...(format === 'html' ? { 'Content-Security-Policy': `${REPORT_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` } : {}),
      });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/exports',
      tag: 'exports',
      summary: 'Start drawing the Relazione (pdf) or the workbook (xlsx) on a worker thread: the answer comes at once; follow the job at /api/exports/{exportId}, then download its file',
      roles: 'signed-in',
      access: 'signed in, who may read the plan',
      body: ExportJobBody,
      responses: {
        202: { description: '{id, planId, format, fileName, state: queued|running|done|failed, done, total, failure}', schema: ExportJobSchema },
        400: 'invalid body',
        401: 'not signed in',
        404: 'unknown plan or period',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const { evaluation, meta, fileName: name } = await exportInputs(c, deps, planId, input.format, input.period, input.lang ?? 'it');
      const job = jobs.start({ owner: user.id, planId, plan: evaluation.currentPlan(), format: input.format, meta, fileName: name });
      return reply(202, jobJson(job));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/exports/:exportId',
      tag: 'exports',
      summary: 'An export job: its state and progress (objectives drawn of all)',
      roles: 'signed-in',
      access: 'the account that started it',
      responses: {
        200: { description: '{id, planId, format, fileName, state, done, total, failure: why it failed, by code (null unless failed)}', schema: ExportJobSchema },
        401: 'not signed in',
        404: 'unknown job, expired, or started by another account',
      },
    },
    async (c, { user, reply }) => {
      const id = param(c, 'exportId');
      const job = jobs.get(id, user.id);
      if (job === undefined) throw refuse(404, 'export-not-found', { id });
      c.header('Cache-Control', 'no-store');
      return reply(200, jobJson(job));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/exports/:exportId/file',
      tag: 'exports',
      summary: "A finished export job's file, as an attachment",
      roles: 'signed-in',
      access: 'the account that started it',
      responses: { 200: 'the file', 401: 'not signed in', 404: 'unknown job, expired, or started by another account', 409: 'not finished yet', 500: 'the job failed' },
    },
    async (c, { user }) => {
      const id = param(c, 'exportId');
      const job = jobs.get(id, user.id);
      if (job === undefined) throw refuse(404, 'export-not-found', { id });
      if (job.state === 'failed') throw refuse(500, 'export-failed', { id });
      if (job.state !== 'done' || job.bytes === undefined) throw refuse(409, 'export-not-ready', { id, done: job.done, total: job.total });
      return c.body(job.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': MEDIA_TYPES[job.format],
        'Content-Disposition': `attachment; filename="${job.fileName}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      });
    },
  );
};

/**
 * Last year's performance of each objective and indicator, when the reader may see that plan: the
 * figures the Relazione's comparison reads (`previousYear`, section 3.6, last year by the store's
 * `lastYearOf`), so the column and the Relazione never print two different years. Once the OIV
 * validated last year's Relazione, the plan frozen with it and its validated values, which nothing
 * done to last year's plan since moves; until then the reported figures, said as not validated (the
 * public reads only figures somebody closed). A plan made by next-year reads each objective's and
 * indicator's predecessor; last year found by body and year has no such links, and its areas and
 * strategic objectives are matched by code, as section 3.6 matches them (an indicator's id is no
 * match across two plans made apart).
 */
async function previousYearOf({ store, trees }: Pick<Deps, 'store' | 'trees'>, planId: string, signedIn: boolean, evaluation: Evaluation): Promise<PreviousYear | undefined> {
  // The public reads last year only once its plan is published (`lastYearPlan`, the Relazione's rule too).
  const earlier = await previousYear(store, trees, planId, !signedIn);
  if (earlier === undefined) return undefined;
  const nodes = new Map<string, Decimal | null>();
  const indicators = new Map<string, Decimal | null>();
  const source = earlier.source === undefined ? {} : { source: earlier.source };
  if (earlier.plan?.found === 'body') {
    for (const r of evaluation.nodeResults) {
      const before = comparedLevel(r.objective.code) ? earlier.evaluation.node(r.objective.code) : undefined;
      if (before !== undefined) nodes.set(r.objective.code, before.performance);
    }
    return { year: earlier.year, nodes, indicators, ...source, plan: earlier.plan, unmatched: unmatchedObjectives(evaluation, earlier) };
  }
  const links = await store.predecessors(planId);
  if (links === undefined || links.planId === null) return undefined;
  for (const [code, link] of links.nodes) if (link.planId === links.planId) nodes.set(code, earlier.evaluation.node(link.ref)?.performance ?? null);
  for (const [id, link] of links.indicators) if (link.planId === links.planId) indicators.set(id, earlier.evaluation.indicator(link.ref)?.performance ?? null);
  return { year: earlier.year, nodes, indicators, ...source };
}
