/**
 * A reminder queued while its plan still took values, and not yet gone (the mail server was down),
 * is not sent once the plan is archived or its period closed: it would tell the referente their
 * values are «in ritardo» where nobody collects them any more. At delivery it is cancelled, for good,
 * with why (`cancelReason`), in the outbox; bringing the plan back from the archive does not send it.
 * On SQLite and PostgreSQL, with a real SMTP server started once the messages are waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSettings } from '../../src/server/mailer.js';
import { freePort, startSmtp, type TestSmtp } from '../support/smtp.js';
import { adopt, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';
const smtpAt = (port: number): SmtpSettings => ({ host: '127.0.0.1', port, secure: false, user: null, pass: null, from: 'Albero <albero@comune.example.it>', timeoutMs: 3000 });

interface Row {
  username: string;
  status: string;
  cancelReason: string | null;
  attempts: number;
}

describe.each<Backend>(['sqlite', 'postgres'])('reminders of a plan archived or a period closed before they went, on %s', (backend) => {
  let port: number;
  let t: TestServer;
  let smtp: TestSmtp | null = null;
  let controller: Client;
  beforeAll(async () => {
    port = await freePort();
    t = await startTestServer(backend, { reminders: { smtp: smtpAt(port), today: () => '2024-10-23' } });
    controller = await t.as('controller');
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users')).body as Array<{ id: string; username: string }>;
    const referente = users.find((u) => u.username === 'referente')!;
    expect((await admin.request('PATCH', `/api/users/${referente.id}`, { email: 'referente@comune.example.it' })).status).toBe(200);
    const head = await admin.request('POST', '/api/users', { username: 'dirigente', displayName: 'Dott.ssa Anna Rossi', role: 'controller', password: PASSWORD, email: 'dirigente@comune.example.it' });
    expect(head.status, head.text).toBe(201);
    const unit = (await admin.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    expect((await admin.request('PATCH', `/api/units/${unit.id}`, { headId: head.body.id })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** The fixture's plan, adopted, its period's deadline passed: the referente's and the head's messages queued, the mail server down. */
  async function waiting(): Promise<string> {
    const planId = await t.importFixture();
    await adopt(planId, controller);
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const down = await controller.request('POST', '/api/reminders/send', {});
    expect(down.status, down.text).toBe(200);
    expect(down.body).toMatchObject({ sent: 0, retrying: 2, failed: 0, cancelled: 0 });
    return planId;
  }
  const outbox = async (planId: string): Promise<string[]> =>
    ((await controller.get(`/api/reminders?planId=${planId}`)).body.reminders as Row[]).map((r) => `${r.username} ${r.status} ${r.cancelReason} ${r.attempts}`).sort();

  it('archived: the messages waiting are cancelled, not sent, and stay so when the plan comes back', async () => {
    const planId = await waiting();
    expect((await controller.request('POST', `/api/plans/${planId}/archive`)).status).toBe(200);
    smtp = await startSmtp(port);
    const run = await controller.request('POST', '/api/reminders/send', {});
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ queued: [], sent: 0, retrying: 0, failed: 0, cancelled: 2 });
    expect(smtp.received).toEqual([]);
    // The one failed try is all the mail server saw of each.
    expect(await outbox(planId)).toEqual(['dirigente cancelled plan-archived 1', 'referente cancelled plan-archived 1']);
    const cancelled = await controller.get('/api/reminders?status=cancelled');
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.reminders).toHaveLength(2);

    // Back from the archive: the cancelled messages are not sent, nor queued again.
    expect((await controller.request('POST', `/api/plans/${planId}/unarchive`)).status).toBe(200);
    expect((await controller.request('POST', '/api/reminders/send', {})).body).toMatchObject({ queued: [], sent: 0, cancelled: 0 });
    expect(smtp.received).toEqual([]);
    expect(await outbox(planId)).toEqual(['dirigente cancelled plan-archived 1', 'referente cancelled plan-archived 1']);
    await smtp.close();
    smtp = null;
  });

  it('closed: the messages about the period are cancelled with that reason', async () => {
    const planId = await waiting();
    for (const to of ['collecting', 'closed']) {
      const moved = await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to, acknowledgeUnreviewed: true });
      expect(moved.status, moved.text).toBe(200);
    }
    smtp = await startSmtp(port);
    expect((await controller.request('POST', '/api/reminders/send', {})).body).toMatchObject({ sent: 0, cancelled: 2 });
    expect(smtp.received).toEqual([]);
    expect(await outbox(planId)).toEqual(['dirigente cancelled period-closed 1', 'referente cancelled period-closed 1']);
  });
});
