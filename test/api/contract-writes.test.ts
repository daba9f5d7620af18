/**
 * The writes' answers are what the contract says, on SQLite and PostgreSQL: tree edits (an objective
 * and an indicator added, changed, deleted), a period renamed, moved, published and deleted, a plan
 * imported (and its dry run), archived and brought back, baselines refreshed, the registry imported,
 * a bulk reassignment, an evidence file attached and removed, a password changed and a sign-out.
 * Each real answer parses with its contract schema and with the schema the OpenAPI document names
 * for that route and status, so a write that drifts from its spec fails here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AttachmentSchema,
  BaselinesDocumentSchema,
  DoneSchema,
  IndicatorSavedSchema,
  ObjectiveSavedSchema,
  PeriodSchema,
  PlanImportedSchema,
  PlanImportPreviewSchema,
  PlanSummarySchema,
  PublishedPeriodsSchema,
  ReassignedSchema,
  UnitsImportedSchema,
  type IndicatorInput,
  type NodeInput,
} from '../../src/contract/index.js';
import { tinyPdf } from '../support/files.js';
import { conforms, documented } from './contract-helpers.js';
import { FIXTURE } from '../helpers.js';
import { enc, REFERENTE_UNIT, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])("the writes' answers are what the contract says, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let admin: Client;
  let doc: any;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    admin = await t.as('admin');
    doc = (await controller.get('/api/openapi.json')).body;
  });
  afterAll(async () => t?.close());

  /** Sends the write; its status, and its answer parsed with the contract schema and with the one the OpenAPI document names (`path` in its syntax). */
  async function wrote<S extends z.ZodType>(client: Client, method: string, url: string, body: unknown, status: number, path: string, schema: S): Promise<z.output<S>> {
    const reply = await client.request(method, url, body);
    expect(reply.status, `${method} ${url}: ${reply.text}`).toBe(status);
    expect(conforms(schema, reply.body), `${method} ${url}`).toBe('conforms');
    expect(conforms(documented(doc, method.toLowerCase(), path, status), reply.body), `${method} ${path} (OpenAPI)`).toBe('conforms');
    return reply.body as z.output<S>;
  }

  it('an objective and an indicator added, changed and deleted answer ObjectiveSaved, IndicatorSaved and Done', async () => {
    const node: NodeInput = { code: 'Z.9', title: 'Obiettivo di prova', parent: 'A', weight: 10 };
    const added = await wrote(controller, 'POST', `/api/plans/${planId}/nodes`, node, 201, '/api/plans/{planId}/nodes', ObjectiveSavedSchema);
    expect(added).toMatchObject({ code: 'Z.9', unitId: null, unitName: null });
    // A unit named: the registry's id and name come back.
    const changed = await wrote(controller, 'PATCH', `/api/plans/${planId}/nodes/Z.9`, { unit: REFERENTE_UNIT, version: added.version }, 200, '/api/plans/{planId}/nodes/{code}', ObjectiveSavedSchema);
    expect(changed).toMatchObject({ code: 'Z.9', unitName: REFERENTE_UNIT, version: added.version + 1 });
    expect(changed.unitId).not.toBeNull();
    const indicator: IndicatorInput = { name: 'Pratiche di prova', weight: 100, comparator: '>=', target: 10, unit: 'number' };
    const made = await wrote(controller, 'POST', `/api/plans/${planId}/nodes/Z.9/indicators`, indicator, 201, '/api/plans/{planId}/nodes/{code}/indicators', IndicatorSavedSchema);
    const renamed = await wrote(
      controller,
      'PATCH',
      `/api/plans/${planId}/indicators/${enc(made.id)}`,
      { name: 'Pratiche rinominate', version: made.version },
      200,
      '/api/plans/{planId}/indicators/{indicatorId}',
      IndicatorSavedSchema,
    );
    expect(renamed).toEqual({ id: made.id, version: made.version + 1 });
    expect(await wrote(controller, 'DELETE', `/api/plans/${planId}/indicators/${enc(made.id)}`, undefined, 200, '/api/plans/{planId}/indicators/{indicatorId}', DoneSchema)).toEqual({ ok: true });
    expect(await wrote(controller, 'DELETE', `/api/plans/${planId}/nodes/Z.9`, undefined, 200, '/api/plans/{planId}/nodes/{code}', DoneSchema)).toEqual({ ok: true });
    // A field the contract does not declare is refused.
    expect(conforms(ObjectiveSavedSchema, { ...changed, unit: REFERENTE_UNIT })).toMatch(/unit/);
  });

  it('a period renamed, moved, published and deleted answers the period, and the published ids', async () => {
    const base = `/api/plans/${planId}/periods`;
    const added = await wrote(controller, 'POST', base, { endsOn: '2024-03-31' }, 201, '/api/plans/{planId}/periods', PeriodSchema);
    const renamed = await wrote(controller, 'PATCH', `${base}/${added.id}`, { label: 'Primo trimestre' }, 200, '/api/plans/{planId}/periods/{periodId}', PeriodSchema);
    expect(renamed).toMatchObject({ id: '2024-03-31', label: 'Primo trimestre', state: 'open' });
    const moved = await wrote(controller, 'POST', `${base}/2024-06-30/transition`, { to: 'collecting' }, 200, '/api/plans/{planId}/periods/{periodId}/transition', PeriodSchema);
    expect(moved).toMatchObject({ id: '2024-06-30', state: 'collecting' });
    const published = await wrote(controller, 'POST', `${base}/2024-06-30/publication`, { published: true }, 200, '/api/plans/{planId}/periods/{periodId}/publication', PublishedPeriodsSchema);
    expect(published).toContain('2024-06-30');
    const deleted = await wrote(controller, 'DELETE', `${base}/2024-03-31`, undefined, 200, '/api/plans/{planId}/periods/{periodId}', PeriodSchema);
    expect(deleted).toMatchObject({ id: '2024-03-31', label: 'Primo trimestre' });
  });

  it('a plan imported (and its dry run), archived and brought back, and its baselines refreshed', async () => {
    const form = (): FormData => {
      const f = new FormData();
      f.set('file', new Blob([readFileSync(FIXTURE)]), 'albero-performance-2024.txt');
      f.set('title', 'Piano importato');
      f.set('year', '2024');
      return f;
    };
    const preview = await wrote(controller, 'POST', '/api/plans/import?dryRun=true', form(), 200, '/api/plans/import', PlanImportPreviewSchema);
    expect(preview.preview).toMatchObject({ title: 'Piano importato', year: 2024 });
    expect(preview.preview.indicators).toBeGreaterThan(0);
    const imported = await wrote(controller, 'POST', '/api/plans/import', form(), 201, '/api/plans/import', PlanImportedSchema);
    expect(imported.plan).toMatchObject({ title: 'Piano importato', status: 'draft' });
    const other = imported.plan.id;
    expect(await wrote(controller, 'POST', `/api/plans/${other}/archive`, undefined, 200, '/api/plans/{planId}/archive', PlanSummarySchema)).toMatchObject({ id: other, archived: true });
    expect(await wrote(controller, 'POST', `/api/plans/${other}/unarchive`, undefined, 200, '/api/plans/{planId}/unarchive', PlanSummarySchema)).toMatchObject({ id: other, archived: false });
    // No predecessor: nothing to take over, the document says so.
    const refreshed = await wrote(controller, 'POST', `/api/plans/${other}/baselines/refresh`, {}, 200, '/api/plans/{planId}/baselines/refresh', BaselinesDocumentSchema);
    expect(refreshed).toEqual({ planId: other, following: 0, changed: [], refreshed: 0 });
  });

  it('the registry imported and a bulk reassignment answer their counts', async () => {
    const csv = (): FormData => {
      const f = new FormData();
      f.set(
        'file',
        new Blob(['codice;nome;tipo;padre;responsabile;membri\nDIR;Direzione generale;Direzione;;admin;\nSV2;Servizio Bilancio;Servizio;DIR;controller;\n'], { type: 'text/csv' }),
        'strutture.csv',
      );
      return f;
    };
    expect(await wrote(admin, 'POST', '/api/units/import?dryRun=true', csv(), 200, '/api/units/import', UnitsImportedSchema)).toEqual({ created: 2, updated: 0, dryRun: true });
    expect(await wrote(admin, 'POST', '/api/units/import', csv(), 200, '/api/units/import', UnitsImportedSchema)).toEqual({ created: 2, updated: 0, dryRun: false });
    const unitId = (await admin.get('/api/units')).body.find((u: { code: string }) => u.code === 'SV2').id as string;
    const reassigned = await wrote(controller, 'POST', `/api/plans/${planId}/reassign`, { nodes: ['A'], indicators: ['B.1.1:5'], unitId }, 200, '/api/plans/{planId}/reassign', ReassignedSchema);
    expect(reassigned).toEqual({ nodes: 1, indicators: 1 });
  });

  it('an evidence file attached and removed answers the file', async () => {
    const value = `/api/plans/${planId}/indicators/${enc('B.1.1:5')}/measurements/2024-09-30`;
    const path = '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/attachments';
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(tinyPdf('Verbale'))]), 'verbale.pdf');
    const stored = await wrote(controller, 'POST', `${value}/attachments`, form, 201, path, AttachmentSchema);
    expect(stored).toMatchObject({ name: 'verbale.pdf', mediaType: 'application/pdf' });
    const removed = await wrote(controller, 'DELETE', `${value}/attachments/${enc(stored.id)}`, undefined, 200, `${path}/{attachmentId}`, AttachmentSchema);
    expect(removed.id).toBe(stored.id);
  });

  it('a password changed and a sign-out answer Done', async () => {
    const created = await admin.request('POST', '/api/users', { username: 'nuovo', displayName: 'Nuovo', role: 'referente', unitIds: [], password: 'una password lunga abbastanza' });
    expect(created.status, created.text).toBe(201);
    const nuovo = await t.as('public');
    expect((await nuovo.login('nuovo', 'una password lunga abbastanza')).status).toBe(200);
    const changed = await wrote(nuovo, 'POST', '/api/users/me/password', { current: 'una password lunga abbastanza', next: 'un’altra password lunga' }, 200, '/api/users/me/password', DoneSchema);
    expect(changed).toEqual({ ok: true });
    expect((await nuovo.login('nuovo', 'un’altra password lunga')).status).toBe(200);
    expect(await wrote(nuovo, 'DELETE', '/api/session', undefined, 200, '/api/session', DoneSchema)).toEqual({ ok: true });
    expect((await nuovo.get('/api/session')).body).toBeNull();
  });
});
