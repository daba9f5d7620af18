/**
 * `albero reminders` as a cron job runs it (the built CLI, a separate process), on SQLite and
 * PostgreSQL: without an SMTP server configured the messages are written to its output; with one
 * (a real SMTP server in the test) they are sent, once each however often it runs.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt, Client, enc, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './api/harness.js';
import { ROOT } from './helpers.js';
import { assertBuilt } from './support/build.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

const PERIOD = '2024-09-30';

/** The CLI in its own process, awaited without blocking this one (the test's SMTP server must answer it). */
function reminders(args: readonly string[], env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  assertBuilt(ROOT, 'program');
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ALBERO_SMTP_') && !k.startsWith('LC_') && k !== 'LANG'));
    const child = spawn(process.execPath, [`${ROOT}bin/albero.js`, 'reminders', ...args], { env: { ...clean, NO_COLOR: '1', LANG: 'it_IT.UTF-8', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

describe.each<Backend>(['sqlite', 'postgres'])('albero reminders on %s', (backend) => {
  let t: TestServer;
  let smtp: TestSmtp;
  let controller: Client;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestServer(backend);
    controller = await t.as('controller');
    const admin = await t.as('admin');
    const ids = Object.fromEntries((await admin.get('/api/users')).body.map((u: { username: string; id: string }) => [u.username, u.id]));
    expect((await admin.request('PATCH', `/api/users/${ids.referente}`, { email: 'referente@comune.example.it' })).status).toBe(200);
    const head = await admin.request('POST', '/api/users', { username: 'dirigente', displayName: 'Dirigente', role: 'controller', password: PASSWORD, email: 'dirigente@comune.example.it' });
    const digitale = (await admin.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    expect((await admin.request('PATCH', `/api/units/${digitale.id}`, { headId: head.body.id })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('writes the messages to its output without an SMTP server, and sends them once through one', async () => {
    // The plans adopted, in force: a draft plan's deadlines remind nobody.
    const first = await t.importFixture();
    await adopt(first, controller);
    expect((await controller.request('PUT', `/api/plans/${first}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const logged = await reminders(['--database', t.location], {});
    expect(logged.stderr).toBe('');
    expect(logged.status).toBe(0);
    expect(logged.stdout).toContain('no SMTP server configured (ALBERO_SMTP_HOST)');
    expect(logged.stdout).toContain('To: referente@comune.example.it\nSubject: Albero: scadenza del 15/10/2024 superata');
    expect(logged.stdout).toContain('To: dirigente@comune.example.it\nSubject: Albero: Ufficio Digitale,');
    expect(logged.stdout).toContain('- B.1.1:5 ');
    expect(logged.stdout.trim().split('\n').at(-1)).toBe(
      'promemoria: 2 messi in coda (0 ad account senza email, non inviati), 2 inviati (nel log: nessun server SMTP configurato), 0 da ritentare, 0 rifiutati dal server di posta',
    );
    // Queued by a person at the command line, named by the operating system's account that ran it (not the server's timer, `system`).
    const outbox = (await controller.get(`/api/reminders?planId=${first}&lang=it`)).body.reminders;
    const by = `cli:${userInfo().username}`;
    const named = `riga di comando (utente ${userInfo().username})`;
    expect(outbox.map((r: { status: string; transport: string; createdBy: string; createdByName: string }) => [r.status, r.transport, r.createdBy, r.createdByName])).toEqual([
      ['sent', 'log', by, named],
      ['sent', 'log', by, named],
    ]);

    const second = await t.importFixture();
    await adopt(second, controller);
    expect((await controller.request('PUT', `/api/plans/${second}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    expect((await (await t.as('referente')).request('PUT', `/api/plans/${second}/indicators/${enc('B.1.1:5')}/measurements/${PERIOD}`, { state: 'measured', actual: 1, version: 0 })).status).toBe(200);
    const smtpEnv = { ALBERO_SMTP_HOST: '127.0.0.1', ALBERO_SMTP_PORT: String(smtp.port), ALBERO_SMTP_SECURE: '0', ALBERO_SMTP_FROM: 'Albero <albero@comune.example.it>' };
    const sent = await reminders(['--database', t.location, '--json'], smtpEnv);
    expect(sent.stderr).toBe('');
    expect(sent.status).toBe(0);
    const run = JSON.parse(sent.stdout);
    expect(run).toMatchObject({ sent: 2, retrying: 0, failed: 0, unaddressed: 0 });
    expect(run.queued.map((r: { stage: string; username: string }) => `${r.stage} ${r.username}`).sort()).toEqual(['after referente', 'head dirigente']);
    expect(smtp.received.map((m) => m.to.join()).sort()).toEqual(['dirigente@comune.example.it', 'referente@comune.example.it']);
    // The second plan's value entered: its messages do not list it.
    for (const m of smtp.received) expect(m.text).not.toContain('- B.1.1:5 ');

    const again = await reminders(['--database', t.location], smtpEnv);
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe('promemoria: 0 messi in coda (0 ad account senza email, non inviati), 0 inviati, 0 da ritentare, 0 rifiutati dal server di posta');
    expect(smtp.received).toHaveLength(2);
  });

  it('asked for a draft plan, queues nothing and says it is not adopted yet; an unknown plan is refused', async () => {
    // Next year's plan, made from the adopted one: a draft, its periods on the same days, given a deadline.
    const adopted = await t.importFixture();
    await adopt(adopted, controller);
    const next = await controller.request('POST', `/api/plans/${adopted}/next-year`, { year: 2025 });
    expect(next.status, next.text).toBe(201);
    expect(next.body.status).toBe('draft');
    expect((await controller.request('PUT', `/api/plans/${next.body.id}/periods/2025-09-30/deadline`, { deadline: '2025-10-15' })).status).toBe(200);
    const said = await reminders(['--database', t.location, '--plan', next.body.id], {});
    // Before: its referenti and the unit's head reminded of a plan nobody adopted.
    expect(said.stderr).toBe(`albero reminders: il piano «${next.body.title}» non è ancora adottato: nessun promemoria\n`);
    expect(said.status).toBe(0);
    expect(said.stdout.trim().split('\n').at(-1)).toMatch(/^promemoria: 0 messi in coda /);
    const en = await reminders(['--database', t.location, '--plan', next.body.id, '--json'], { LANG: 'en_GB.UTF-8' });
    expect(en.stderr).toBe(`albero reminders: the plan “${next.body.title}” is not adopted yet: no reminders\n`);
    expect(JSON.parse(en.stdout).queued).toEqual([]);
    // Nor does a run of every plan remind of it.
    expect((await reminders(['--database', t.location], {})).status).toBe(0);
    expect((await controller.get(`/api/reminders?planId=${next.body.id}`)).body.reminders).toEqual([]);

    const unknown = await reminders(['--database', t.location, '--plan', 'nessuno'], {});
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe("albero reminders: non esiste un piano con l'id nessuno\n");
  });

  it('with --plan, delivers that plan’s messages alone: the other plans’ stay queued for a run of every plan', async () => {
    const [mine, other] = [await t.importFixture(), await t.importFixture()];
    for (const plan of [mine, other]) {
      await adopt(plan, controller);
      expect((await controller.request('PUT', `/api/plans/${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    }
    // The other plan's messages queued while no mail server answers: they wait to be retried.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const env = (p: number) => ({ ALBERO_SMTP_HOST: '127.0.0.1', ALBERO_SMTP_PORT: String(p), ALBERO_SMTP_SECURE: '0', ALBERO_SMTP_FROM: 'Albero <albero@comune.example.it>' });
    expect((await reminders(['--database', t.location, '--plan', other], env(port))).status).toBe(1);
    const statuses = async (plan: string): Promise<string[]> => (await controller.get(`/api/reminders?planId=${plan}`)).body.reminders.map((r: { status: string }) => r.status);
    expect(await statuses(other)).toEqual(['queued', 'queued']);

    // Mine, retrying at once: mine sent, the other's left queued (before: the whole outbox went), and nothing of mine waits (exit 0).
    const before = smtp.received.length;
    const mineRun = await reminders(['--database', t.location, '--plan', mine, '--retry', '--json'], env(smtp.port));
    expect(mineRun.stderr).toBe('');
    expect(mineRun.status).toBe(0);
    expect(JSON.parse(mineRun.stdout)).toMatchObject({ sent: 2, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(before + 2);
    expect(await statuses(mine)).toEqual(['sent', 'sent']);
    expect(await statuses(other)).toEqual(['queued', 'queued']);

    // Without --plan, as before: the whole outbox.
    const all = await reminders(['--database', t.location, '--retry', '--json'], env(smtp.port));
    expect(all.status).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ sent: 2, queued: [] });
    expect(await statuses(other)).toEqual(['sent', 'sent']);
  });

  it('refuses a bad setting with exit 2 and says which', async () => {
    const bad = await reminders(['--database', t.location], { ALBERO_SMTP_HOST: '127.0.0.1', ALBERO_SMTP_PORT: 'venticinque' });
    expect(bad.status).toBe(2);
    // LANG is Italian here: the setting's refusal is said in Italian.
    expect(bad.stderr).toBe('albero reminders: ALBERO_SMTP_PORT deve essere un numero di porta da 1 a 65535, non «venticinque»\n');
  });
});
