/**
 * The monitoring campaign's documents are what the server sends, on SQLite and PostgreSQL: the
 * worklist (a referente's and the controller's), the dashboard, a value's review thread, the
 * closing checklist, a value's comments and evidence files, and a period's variances and
 * forecasts, each with every optional part filled (a review step, a late value, a variance), parse
 * with the contract's strict schemas and with the schema the OpenAPI document names for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AttachmentSchema,
  ClosingPreviewSchema,
  CommentSchema,
  DashboardSchema,
  ReviewThreadSchema,
  VarianceReportSchema,
  WorkDueSchema,
  WorklistSchema,
  type ClosingPreview,
  type Dashboard,
  type ReviewThread,
  type VarianceReport,
  type WorkDue,
  type Worklist,
} from '../../src/contract/index.js';
import { tinyPdf } from '../support/files.js';
import { conforms, documented } from './contract-helpers.js';
import { adopt, enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';
const MID_YEAR = '2024-06-30';
const YEAR_END = '2024-12-31';
const MINE = 'B.1.1:5';

describe.each<Backend>(['sqlite', 'postgres'])("the campaign's documents are what the server sends, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let referente: Client;
  const value = (indicator = MINE, period = PERIOD): string => `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${period}`;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    // Adopted: a draft plan has no work due.
    await adopt(planId, controller);
    referente = await t.as('referente');
    // A collecting period with a deadline passed: values missing are late; one entered, sent back and answered.
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    expect((await referente.request('PUT', value(), { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
    expect((await controller.request('POST', `${value()}/reviews`, { action: 'return', note: 'Allegare la fonte', version: 1 })).status).toBe(201);
    expect((await referente.request('POST', `${value()}/reviews`, { action: 'answer', note: 'Fonte: protocollo', version: 1 })).status).toBe(201);
    expect((await controller.request('POST', `${value()}/comments`, { body: 'Confermato dal gestionale?' })).status).toBe(201);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(tinyPdf('Verbale'))]), 'verbale.pdf');
    expect((await referente.request('POST', `${value()}/attachments`, form)).status).toBe(201);
    const variance = await referente.request('PUT', `/api/plans/${planId}/nodes/B.1.1/variances/${YEAR_END}`, {
      cause: 'internal',
      explanation: 'Personale ridotto.',
      correctiveAction: 'Assunzioni.',
      version: 0,
    });
    expect(variance.status, variance.text).toBe(200);
    expect((await referente.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:1')}/forecasts/${MID_YEAR}`, { reachable: 'at_risk', note: 'Bando.', version: 0 })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it("the worklist, the dashboard, a value's review thread and the closing checklist conform", async () => {
    for (const who of [referente, controller]) {
      const work = await who.get(`/api/plans/${planId}/worklist`);
      expect(work.status, work.text).toBe(200);
      expect(conforms(WorklistSchema, work.body)).toBe('conforms');
      expect((work.body as Worklist).items.find((i) => i.indicatorId === MINE)).toMatchObject({ state: 'entered', review: { action: 'answer', note: 'Fonte: protocollo' } });
    }
    const dashboard = await controller.get(`/api/plans/${planId}/dashboard`);
    expect(dashboard.status, dashboard.text).toBe(200);
    expect(conforms(DashboardSchema, dashboard.body)).toBe('conforms');
    expect((dashboard.body as Dashboard).rows.some((r) => r.periodId === PERIOD && r.late > 0 && r.code !== null)).toBe(true);
    const thread = await referente.get(`${value()}/reviews`);
    expect(thread.status, thread.text).toBe(200);
    expect(conforms(ReviewThreadSchema, thread.body)).toBe('conforms');
    expect((thread.body as ReviewThread).steps.map((s) => s.action)).toEqual(['return', 'answer']);
    const closing = await controller.get(`/api/plans/${planId}/periods/${PERIOD}/closing-preview`);
    expect(closing.status, closing.text).toBe(200);
    expect(conforms(ClosingPreviewSchema, closing.body)).toBe('conforms');
    expect((closing.body as ClosingPreview).toReview.map((i) => i.indicatorId)).toContain(MINE);
    expect(conforms(WorklistSchema, { ...(await controller.get(`/api/plans/${planId}/worklist`)).body, extra: 1 })).toMatch(/extra/);
  });

  it('what waits for each person across the plans conforms: the referente’s values to enter, the controller’s to review, nothing for the OIV', async () => {
    const mine = (await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body as Worklist;
    const forReferente = await referente.get('/api/work-due');
    expect(forReferente.status, forReferente.text).toBe(200);
    expect(conforms(WorkDueSchema, forReferente.body)).toBe('conforms');
    // The deadline passed (the server's today is past 2024): late, with the referente's own values still to enter.
    expect((forReferente.body as WorkDue).items.find((i) => i.periodId === PERIOD)).toEqual({
      planId,
      plan: expect.any(String),
      periodId: PERIOD,
      period: '30/09/2024',
      deadline: '2024-10-15',
      late: true,
      toEnter: mine.counts.to_enter,
      returned: 0,
      toReview: 0,
    });
    const forController = (await controller.get('/api/work-due')).body as WorkDue;
    expect(forController.items.find((i) => i.periodId === PERIOD)).toMatchObject({ toEnter: 0, returned: 0, toReview: 1 });
    expect((await (await t.as('oiv')).get('/api/work-due')).body).toEqual({ items: [] });
    expect((await (await t.as('public')).get('/api/work-due')).status).toBe(401);
  });

  it("a value's comments and evidence files, and a period's variances and forecasts, conform", async () => {
    const comments = await referente.get(`${value()}/comments`);
    expect(comments.status, comments.text).toBe(200);
    expect(conforms(z.array(CommentSchema), comments.body)).toBe('conforms');
    expect(comments.body).toHaveLength(1);
    const files = await controller.get(`${value()}/attachments`);
    expect(files.status, files.text).toBe(200);
    expect(conforms(z.array(AttachmentSchema), files.body)).toBe('conforms');
    expect(files.body).toHaveLength(1);
    for (const period of [YEAR_END, MID_YEAR]) {
      const report = await referente.get(`/api/plans/${planId}/periods/${period}/variances`);
      expect(report.status, report.text).toBe(200);
      expect(conforms(VarianceReportSchema, report.body)).toBe('conforms');
    }
    const yearEnd = (await referente.get(`/api/plans/${planId}/periods/${YEAR_END}/variances`)).body as VarianceReport;
    expect(yearEnd.objectives.find((o) => o.code === 'B.1.1')).toMatchObject({ editable: true, variance: { cause: 'internal', version: 1 } });
    expect(((await referente.get(`/api/plans/${planId}/periods/${MID_YEAR}/variances`)).body as VarianceReport).forecasts).toMatchObject([{ indicatorId: 'B.1.1:1', reachable: 'at_risk' }]);
  });

  it('the OpenAPI document names each of these answers, and the real answers conform to it', async () => {
    const doc = (await controller.get('/api/openapi.json')).body;
    const base = '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}';
    const reads: Array<[string, string]> = [
      [`/api/plans/${planId}/worklist`, '/api/plans/{planId}/worklist'],
      [`/api/plans/${planId}/dashboard`, '/api/plans/{planId}/dashboard'],
      ['/api/work-due', '/api/work-due'],
      [`${value()}/reviews`, `${base}/reviews`],
      [`/api/plans/${planId}/periods/${PERIOD}/closing-preview`, '/api/plans/{planId}/periods/{periodId}/closing-preview'],
      [`${value()}/comments`, `${base}/comments`],
      [`${value()}/attachments`, `${base}/attachments`],
      [`/api/plans/${planId}/periods/${YEAR_END}/variances`, '/api/plans/{planId}/periods/{periodId}/variances'],
    ];
    for (const [url, path] of reads) {
      const reply = await controller.get(url);
      expect(reply.status, `${url}: ${reply.text}`).toBe(200);
      expect(conforms(documented(doc, 'get', path, 200), reply.body), url).toBe('conforms');
    }
    for (const [method, path, status] of [
      ['post', `${base}/reviews`, 201],
      ['put', '/api/plans/{planId}/periods/{periodId}/deadline', 200],
      ['post', `${base}/comments`, 201],
      ['put', '/api/plans/{planId}/nodes/{code}/variances/{periodId}', 200],
      ['put', '/api/plans/{planId}/indicators/{indicatorId}/forecasts/{periodId}', 200],
    ] as const)
      documented(doc, method, path, status);
  });
});
