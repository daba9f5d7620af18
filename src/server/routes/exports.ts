/**
 * Exports of a computed plan for a period: the Relazione as PDF or HTML, the workbook, open data
 * (CSV, JSON). The bytes come from io/report (`renderReport`), the same code as `albero report`,
 * so the server and the CLI cannot print different numbers.
 */
import type { Context } from 'hono';
import { isReportFormat, MEDIA_TYPES, renderReport, REPORT_CONTENT_SECURITY_POLICY, REPORT_FORMATS, type ReportFormat } from '../../io/report/index.js';
import { PERIOD_STATE_WORD, type PreviousYear } from '../../io/report/meta.js';
import type { Decimal } from '../../core/index.js';
import type { Deps, RouteModule } from '../api.js';
import { currentUser } from '../auth.js';
import { refuse } from '../errors.js';
import { publicPeriod } from '../public-periods.js';
import { param } from '../validation.js';
import { readablePlan } from './plans.js';

/**
 * One PDF at a time per server: a big annex is hundreds of pages drawn on a machine with two cores
 * (yielding to other requests as it goes), so a queue keeps a burst of requests from drawing them
 * all at once, each holding its pages in memory.
 */
let pdfQueue: Promise<unknown> = Promise.resolve();
export function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = pdfQueue.then(work, work);
  pdfQueue = run.catch(() => undefined);
  return run;
}

function fileName(title: string, periodId: string, format: ReportFormat): string {
  const slug = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60) || 'albero';
  return `${slug}-${periodId}.${format}`;
}

function formatOf(c: Context): ReportFormat {
  const format = c.req.query('format') ?? '';
  if (!isReportFormat(format)) {
    throw refuse(400, 'invalid-query', { field: 'format', values: REPORT_FORMATS, value: format.slice(0, 40) }, { details: { formats: [...REPORT_FORMATS] } });
  }
  return format;
}

export const exportRoutes: RouteModule = (api, deps) => {
  const { store, trees } = deps;
  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/export',
      tag: 'exports',
      summary: 'The computed plan for a period as the Relazione (pdf, html), a workbook (xlsx: printable table, complete plan, legend, explanation) or open data (csv, json; columns in docs/open-data.md)',
      access: 'signed in; the public for published plans',
      query: { format: `one of ${REPORT_FORMATS.join(', ')} (required)`, period: 'period id (default: the last, the year end)' },
      responses: { 200: 'the file, as an attachment', 400: 'missing or unknown format', 404: 'unknown plan or period' },
    },
    async (c) => {
      const planId = param(c, 'planId');
      const format = formatOf(c);
      const record = await readablePlan(c, store, planId);
      const requested = c.req.query('period') || undefined;
      const computed = await trees.computed(planId, currentUser(c) === null ? await publicPeriod(store, planId, requested) : requested);
      const period = computed.snapshot.period;
      const previousYear = await previousYearOf(deps, planId, currentUser(c) !== null);
      const render = (): Promise<Uint8Array> =>
        renderReport(computed.evaluation, format, { body: record.organisation, year: record.year, period: `Periodo al ${period.label}`, periodState: PERIOD_STATE_WORD[period.state] ?? period.state, computedAt: new Date(), ...(previousYear === undefined ? {} : { previousYear }) });
      const bytes = format === 'pdf' ? await oneAtATime(render) : await render();
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': MEDIA_TYPES[format],
        // The HTML page opens in the browser; the other formats are files to keep.
        'Content-Disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${fileName(record.title, period.id, format)}"`,
        'Cache-Control': 'private, no-cache',
        'X-Content-Type-Options': 'nosniff',
        // The report's own policy (the app's would refuse its inline styles), and no framing.
        ...(format === 'html' ? { 'Content-Security-Policy': `${REPORT_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` } : {}),
      });
    },
  );
};

/** Last year's performance of each objective and indicator with a predecessor (its plan's year end), when the reader may see that plan. */
async function previousYearOf({ store, trees }: Pick<Deps, 'store' | 'trees'>, planId: string, signedIn: boolean): Promise<PreviousYear | undefined> {
  const links = await store.predecessors(planId);
  if (links === undefined || links.planId === null) return undefined;
  const plan = await store.getPlan(links.planId);
  if (plan === undefined || (!plan.published && !signedIn)) return undefined;
  const earlier = await trees.computed(plan.id, undefined, plan.dataVersion);
  const nodes = new Map<string, Decimal | null>();
  for (const [code, link] of links.nodes) if (link.planId === plan.id) nodes.set(code, earlier.evaluation.node(link.ref)?.performance ?? null);
  const indicators = new Map<string, Decimal | null>();
  for (const [id, link] of links.indicators) if (link.planId === plan.id) indicators.set(id, earlier.evaluation.indicator(link.ref)?.score ?? null);
  return { year: plan.year, nodes, indicators };
}
