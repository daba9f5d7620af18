/**
 * The server's service documents are what it sends, on SQLite and PostgreSQL: the outbox of
 * deadline reminders and a run of "send now" (messages queued for a deadline passed), an export
 * job as it starts and as it is followed, whether sign-in through an identity provider is offered,
 * and the health check: each parses with the contract's strict schema and with the schema the
 * OpenAPI document names for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportJobSchema, HealthSchema, OidcOfferSchema, OutboxSchema, ReminderRunSchema, type Outbox, type ReminderRun } from '../../src/contract/index.js';
import { conforms, documented } from './contract-helpers.js';
import { adopt, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';

describe.each<Backend>(['sqlite', 'postgres'])("the server's service documents are what it sends, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    // Adopted, in force: a draft plan's deadlines remind nobody.
    await adopt(planId, controller);
    // A deadline long passed with values missing: a run queues reminders (to the log: no mail server here).
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('a run of the reminders and the outbox conform', async () => {
    const run = await controller.request('POST', '/api/reminders/send', {});
    expect(run.status, run.text).toBe(200);
    expect(conforms(ReminderRunSchema, run.body)).toBe('conforms');
    expect((run.body as ReminderRun).queued.length).toBeGreaterThan(0);
    const outbox = await controller.get(`/api/reminders?planId=${planId}`);
    expect(outbox.status, outbox.text).toBe(200);
    expect(conforms(OutboxSchema, outbox.body)).toBe('conforms');
    expect((outbox.body as Outbox).settings).toMatchObject({ transport: 'log', publicUrl: null });
    expect((outbox.body as Outbox).reminders.length).toBe((run.body as ReminderRun).queued.length);
    expect(conforms(OutboxSchema, { ...outbox.body, reminders: [{ ...outbox.body.reminders[0], extra: 1 }] })).toMatch(/extra/);
  });

  it('an export job as it starts and as it is followed, the identity provider offer and the health check conform', async () => {
    const started = await controller.request('POST', `/api/plans/${planId}/exports`, { format: 'xlsx' });
    expect(started.status, started.text).toBe(202);
    expect(conforms(ExportJobSchema, started.body)).toBe('conforms');
    const followed = await controller.get(`/api/exports/${started.body.id}`);
    expect(followed.status, followed.text).toBe(200);
    expect(followed.headers.get('cache-control')).toBe('no-store');
    expect(conforms(ExportJobSchema, followed.body)).toBe('conforms');
    // The same job as the OpenAPI document names it, started and followed.
    const doc = (await controller.get('/api/openapi.json')).body;
    expect(conforms(documented(doc, 'post', '/api/plans/{planId}/exports', 202), started.body)).toBe('conforms');
    expect(conforms(documented(doc, 'get', '/api/exports/{exportId}', 200), followed.body)).toBe('conforms');
    const anyone = await t.as('public');
    expect(conforms(OidcOfferSchema, (await anyone.get('/api/session/oidc')).body)).toBe('conforms');
    expect(conforms(HealthSchema, (await anyone.get('/api/health')).body)).toBe('conforms');
  });

  it('the OpenAPI document names each of these answers, and the real answers conform to it', async () => {
    const doc = (await controller.get('/api/openapi.json')).body;
    const reads: Array<[string, string]> = [
      [`/api/reminders?planId=${planId}`, '/api/reminders'],
      ['/api/session/oidc', '/api/session/oidc'],
      ['/api/health', '/api/health'],
    ];
    for (const [url, path] of reads) {
      const reply = await controller.get(url);
      expect(reply.status, `${url}: ${reply.text}`).toBe(200);
      expect(conforms(documented(doc, 'get', path, 200), reply.body), url).toBe('conforms');
    }
    documented(doc, 'post', '/api/reminders/send', 200);
  });
});
