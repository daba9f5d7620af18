/**
 * Deadline reminders through HTTP, on SQLite and PostgreSQL, with a real SMTP server in the test
 * (`smtp-server`): a deadline passed with values missing → each referente of the unit and then the
 * unit's head receive their Italian email listing the indicators missing, once each however often
 * the reminders run; a controller or an administrator named Referente of an indicator is reminded of
 * it as a referente is; an account without an email is recorded, not sent to; a mail server that is
 * down leaves the messages queued with the error, and they go, once, when it is back; the server's
 * own timer sends them when asked to run one; only the controller and the administrator see the
 * outbox and send now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSettings } from '../../src/server/mailer.js';
import { freePort, startSmtp, type TestSmtp } from '../support/smtp.js';
import { adopt, enc, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';
const EARLY = '2024-06-30';
/** The web app's public address (ALBERO_PUBLIC_URL) the messages link to. */
const APP = 'https://albero.comune.example.it';

const smtpAt = (port: number): SmtpSettings => ({ host: '127.0.0.1', port, secure: false, user: null, pass: null, from: 'Albero <albero@comune.example.it>', timeoutMs: 3000 });

/** `day` moved by `days`. */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days)).toISOString().slice(0, 10);
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Accounts of the scene: the referente with an email, the unit's head, a colleague without an email;
 * the fixture's plan, adopted (in force: a draft's deadlines remind nobody) unless `adopted` is false.
 */
async function scene(t: TestServer, emailPrefix: string, { adopted = true } = {}): Promise<{ planId: string; admin: Client; controller: Client; referente: Client; missing: string[] }> {
  const admin = await t.as('admin');
  const controller = await t.as('controller');
  const referente = await t.as('referente');
  const users = (await admin.get('/api/users')).body as Array<{ id: string; username: string }>;
  const ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
  if (ids.dirigente === undefined) {
    expect((await admin.request('PATCH', `/api/users/${ids.referente}`, { email: `${emailPrefix}referente@comune.example.it` })).status).toBe(200);
    const head = await admin.request('POST', '/api/users', {
      username: 'dirigente',
      displayName: 'Dott.ssa Anna Rossi',
      role: 'controller',
      password: PASSWORD,
      email: `${emailPrefix}dirigente@comune.example.it`,
    });
    expect(head.status, head.text).toBe(201);
    const noEmail = await admin.request('POST', '/api/users', { username: 'collega', displayName: 'Collega senza email', role: 'referente', units: [REFERENTE_UNIT], password: PASSWORD });
    expect(noEmail.status, noEmail.text).toBe(201);
    const digitale = (await admin.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    expect((await admin.request('PATCH', `/api/units/${digitale.id}`, { headId: head.body.id })).status).toBe(200);
  }
  const planId = await t.importFixture();
  if (adopted) await adopt(planId, controller);
  // One value entered: it is not missing, so no message lists it.
  expect((await referente.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:5')}/measurements/${PERIOD}`, { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
  // A draft's worklist lists nothing (no value is due yet): its missing values are the adopted plan's alone.
  if (!adopted) return { planId, admin, controller, referente, missing: [] };
  const work = (await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body.items as Array<{ indicatorId: string; state: string }>;
  const missing = work.filter((i) => i.state === 'to_enter').map((i) => i.indicatorId);
  expect(missing.length).toBeGreaterThan(0);
  expect(missing).not.toContain('B.1.1:5');
  return { planId, admin, controller, referente, missing };
}

describe.each<Backend>(['sqlite', 'postgres'])('deadline reminders on %s', (backend) => {
  let smtp: TestSmtp;
  let t: TestServer;
  // The server's calendar, set by each test: a deadline lies in the plan's year or the next (2024
  // or 2025 for the fixture's plan), so "some days before it" cannot be today's date in any year.
  let day = '2024-10-23';
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestServer(backend, { reminders: { smtp: smtpAt(smtp.port), settings: { daysBefore: 3, daysAfter: 1, headAfter: 7, publicUrl: APP }, today: () => day } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('past the deadline, each referente and then the head receive their Italian email listing what is missing, once each', async () => {
    const { planId, admin, controller, referente, missing } = await scene(t, '');
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    // A week and a day past the deadline: the referente's day (1 after) and the head's (7 after) have come.
    day = '2024-10-23';

    const run = await controller.request('POST', '/api/reminders/send', {});
    expect(run.status, run.text).toBe(200);
    const queued = run.body.queued as Array<{ stage: string; username: string; status: string; indicators: string[]; address: string | null }>;
    expect(queued.map((r) => `${r.stage} ${r.username} ${r.status}`).sort()).toEqual(['after collega no-address', 'after referente queued', 'head dirigente queued']);
    expect(run.body).toMatchObject({ unaddressed: 1, sent: 2, retrying: 0, failed: 0 });
    for (const r of queued) expect([...r.indicators].sort(), r.username).toEqual([...missing].sort());

    expect(smtp.received.map((m) => m.to.join()).sort()).toEqual(['dirigente@comune.example.it', 'referente@comune.example.it']);
    const toReferente = smtp.received.find((m) => m.to.includes('referente@comune.example.it'))!;
    expect(toReferente.from).toBe('albero@comune.example.it');
    expect(toReferente.subject).toBe(`Albero: scadenza del 15/10/2024 superata, ${missing.length} valori ancora da inserire (30/09/2024)`);
    expect(toReferente.text).toMatch(/^Gentile referente,\n\nla scadenza del 15\/10\/2024 per i valori del periodo «30\/09\/2024» del piano «[^»]+» è passata e mancano ancora/);
    const listed = toReferente.text
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2).split(' ')[0]);
    expect(listed).toEqual(missing);
    expect(toReferente.text).not.toContain('B.1.1:5 ');
    // The link opens the referente's own worklist of this plan's period, not the list of plans, filtered
    // to what is to do: exactly the values listed (B.1.1:5, entered, waits for the review, not for them).
    expect(toReferente.text).toContain(`Li trova in Albero, in «Le mie misurazioni»: ${APP}/plans/${enc(planId)}?period=${PERIOD}&open=worklist&state=todo\n`);
    const toDo = (await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}&state=todo`)).body.items as Array<{ indicatorId: string }>;
    expect(toDo.map((i) => i.indicatorId)).toEqual(missing);
    const toHead = smtp.received.find((m) => m.to.includes('dirigente@comune.example.it'))!;
    expect(toHead.subject).toBe(`Albero: ${REFERENTE_UNIT}, ${missing.length} valori in ritardo dal 15/10/2024 (30/09/2024)`);
    expect(toHead.text).toContain(`nella struttura «${REFERENTE_UNIT}», di cui lei è responsabile, mancano ancora ${missing.length} valori`);
    // The head's link opens the worklist of the unit the message is about.
    const unitId = (await admin.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT).id as string;
    expect(toHead.text).toContain(`: ${APP}/plans/${enc(planId)}?period=${PERIOD}&open=worklist&unit=${encodeURIComponent(unitId)}&state=todo\n`);

    // Run again (the timer, the CLI, another click): nothing is queued or sent twice.
    const again = await controller.request('POST', '/api/reminders/send', {});
    expect(again.body).toMatchObject({ queued: [], sent: 0 });
    expect(smtp.received).toHaveLength(2);

    // The outbox: to whom, when, about what.
    const outbox = await controller.get(`/api/reminders?planId=${planId}`);
    expect(outbox.status, outbox.text).toBe(200);
    expect(outbox.body.settings).toMatchObject({ daysBefore: 3, daysAfter: 1, headAfter: 7, transport: 'smtp' });
    const sent = outbox.body.reminders.filter((r: { status: string }) => r.status === 'sent');
    expect(sent).toHaveLength(2);
    for (const r of sent) {
      // Which deadline it was about and the office day it was composed for.
      expect(r).toMatchObject({ planId, periodId: PERIOD, deadline: '2024-10-15', day: '2024-10-23', attempts: 1, transport: 'smtp', createdBy: 'controller', lastError: null });
      expect(Date.parse(r.sentAt)).toBeGreaterThanOrEqual(Date.parse(r.createdAt));
      expect(smtp.received.find((m) => m.to.includes(r.address))!.messageId).toBe(r.messageId);
    }
    expect((await controller.get('/api/reminders?status=no-address')).body.reminders.map((r: { username: string }) => r.username)).toEqual(['collega']);
    const bad = await controller.request('GET', '/api/reminders?status=lost', undefined, { 'accept-language': 'it' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid-query']);
    expect(bad.body.error.message).toContain('status deve essere uno tra queued, sending, sent, failed, no-address');

    // Only the controller and the administrator see the outbox or send; the public not at all.
    expect((await referente.get('/api/reminders')).status).toBe(403);
    const refused = await referente.request('POST', '/api/reminders/send', {}, { 'accept-language': 'it' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('non può inviare i promemoria');
    expect((await (await t.as('public')).get('/api/reminders')).status).toBe(401);
  });

  it('a plan not adopted is not in force: its deadline reminds nobody until it is adopted', async () => {
    const { planId, controller } = await scene(t, '', { adopted: false });
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    day = '2024-10-23';
    const ofPlan = (run: { body: { queued: Array<{ planId: string; stage: string; username: string }> } }): string[] =>
      run.body.queued
        .filter((r) => r.planId === planId)
        .map((r) => `${r.stage} ${r.username}`)
        .sort();
    const draft = await controller.request('POST', '/api/reminders/send', {});
    expect(draft.status, draft.text).toBe(200);
    // Before: the referenti and the head reminded of a plan nobody adopted.
    expect(ofPlan(draft)).toEqual([]);
    expect((await controller.get(`/api/reminders?planId=${planId}`)).body.reminders).toEqual([]);
    // Adopted, in force: the same day's reminders go.
    await adopt(planId, controller);
    expect(ofPlan(await controller.request('POST', '/api/reminders/send', {}))).toEqual(['after collega', 'after referente', 'head dirigente']);
  });

  it("some days before the deadline, whoever has values to enter is reminded (the unit's head too); the head's own message is not due yet", async () => {
    const { planId, controller } = await scene(t, '');
    const before = smtp.received.length;
    day = '2024-07-20';
    const deadline = addDays(day, 2);
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${EARLY}/deadline`, { deadline })).status).toBe(200);
    const run = await controller.request('POST', '/api/reminders/send', {});
    const mine = run.body.queued.filter((r: { planId: string }) => r.planId === planId);
    // The unit's head (a controller) has its values on the home page too (their worklist includes the
    // unit they head): the same reminder as the referenti, not only the head's later one.
    expect(mine.map((r: { stage: string; username: string }) => `${r.stage} ${r.username}`).sort()).toEqual(['before collega', 'before dirigente', 'before referente']);
    const fresh = smtp.received.slice(before);
    expect(fresh.map((m) => m.to.join()).sort()).toEqual(['dirigente@comune.example.it', 'referente@comune.example.it']);
    const [y, m, d] = deadline.split('-');
    const toReferente = fresh.find((mail) => mail.to.includes('referente@comune.example.it'))!;
    expect(toReferente.subject).toMatch(new RegExp(`^Albero: \\d+ valori da inserire entro il ${d}/${m}/${y} \\(30/06/2024\\)$`));
    expect(toReferente.text).toContain(`entro il ${d}/${m}/${y} vanno inseriti in Albero i valori del periodo «30/06/2024»`);
  });

  it('a controller or an administrator named Referente of an indicator is reminded of it, in their language', async () => {
    // Named while the plan is a draft (adopted, a change of person takes a revision), then adopted.
    const { planId, admin, controller } = await scene(t, '', { adopted: false });
    const users = (await admin.get('/api/users')).body as Array<{ id: string; username: string }>;
    const ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
    // Values of the period no referente enters, each indicator named to one of them (as the tree's person field allows):
    // read from the tree, as the draft's worklist lists nothing yet (entered ones, not computed from their objectives).
    const todo = async (who: Client, mine: boolean): Promise<string[]> =>
      ((await who.get(`/api/plans/${planId}/worklist?period=${EARLY}&state=todo${mine ? '&mine=1' : ''}`)).body.items as Array<{ indicatorId: string }>).map((i) => i.indicatorId);
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${EARLY}`)).body as {
      objectives: Array<{ unit: string | null; indicators: Array<{ id: string; unitName: string | null; formula: { kind: string } | null }> }>;
    };
    const others = tree.objectives.flatMap((o) => o.indicators.filter((i) => i.formula?.kind !== 'children_mean' && (i.unitName ?? o.unit) !== REFERENTE_UNIT).map((i) => i.id));
    const [forController, forAdmin] = others as [string, string];
    expect(forAdmin).toBeDefined();
    for (const [username, indicator, language] of [
      ['controller', forController, 'en'],
      ['admin', forAdmin, 'it'],
    ] as const) {
      expect((await admin.request('PATCH', `/api/users/${ids[username]}`, { email: `${username}@comune.example.it`, language })).status).toBe(200);
      const assigned = await controller.request('POST', `/api/plans/${planId}/reassign`, { indicators: [indicator], personId: ids[username] });
      expect(assigned.status, assigned.text).toBe(200);
    }
    await adopt(planId, controller);
    // Their home page lists the value as theirs to enter…
    for (const [who, indicator] of [
      [controller, forController],
      [admin, forAdmin],
    ] as const) {
      expect(await todo(who, true)).toEqual([indicator]);
    }
    // …and some days before the deadline the reminder says it.
    const before = smtp.received.length;
    day = '2024-07-20';
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${EARLY}/deadline`, { deadline: '2024-07-22' })).status).toBe(200);
    const run = await controller.request('POST', '/api/reminders/send', {});
    expect(run.status, run.text).toBe(200);
    const mine = (run.body.queued as Array<{ planId: string; stage: string; username: string; indicators: string[] }>).filter((r) => r.planId === planId);
    expect(mine.filter((r) => r.username === 'controller' || r.username === 'admin').map((r) => [r.stage, r.username, r.indicators])).toEqual(
      expect.arrayContaining([
        ['before', 'controller', [forController]],
        ['before', 'admin', [forAdmin]],
      ]),
    );
    const fresh = smtp.received.slice(before);
    const toController = fresh.find((mail) => mail.to.includes('controller@comune.example.it'))!;
    expect(toController.subject).toBe('Albero: 1 value to enter by 22/07/2024 (30/06/2024)');
    expect(
      toController.text
        .split('\n')
        .filter((l) => l.startsWith('- '))
        .map((l) => l.slice(2).split(' ')[0]),
    ).toEqual([forController]);
    const toAdmin = fresh.find((mail) => mail.to.includes('admin@comune.example.it'))!;
    expect(toAdmin.subject).toBe('Albero: 1 valore da inserire entro il 22/07/2024 (30/06/2024)');
    expect(toAdmin.text).toContain('entro il 22/07/2024 vanno inseriti in Albero i valori del periodo «30/06/2024»');
    expect(
      toAdmin.text
        .split('\n')
        .filter((l) => l.startsWith('- '))
        .map((l) => l.slice(2).split(' ')[0]),
    ).toEqual([forAdmin]);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('reminders in the account language, one per person, on %s', (backend) => {
  let smtp: TestSmtp;
  let t: TestServer;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestServer(backend, { reminders: { smtp: smtpAt(smtp.port), settings: { daysBefore: 3, daysAfter: 1, headAfter: 7 } } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('writes each email in its account language (set by the person or the administrator); a head who is also a referente gets one email saying both', async () => {
    const { planId, admin, controller, referente, missing } = await scene(t, '');
    const users = (await admin.get('/api/users')).body as Array<{ id: string; username: string; language: string }>;
    const ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
    expect(users.every((u) => u.language === 'it')).toBe(true);
    // The referente chooses English for themselves; the administrator sets it for a colleague.
    const own = await referente.request('PATCH', '/api/users/me', { language: 'en' });
    expect(own.status, own.text).toBe(200);
    expect(own.body).toMatchObject({ username: 'referente', language: 'en' });
    const wrong = await referente.request('PATCH', '/api/users/me', { language: 'fr' }, { 'accept-language': 'it' });
    expect([wrong.status, wrong.body.error.issues[0].location.field]).toEqual([400, 'language']);
    expect((await (await t.as('public')).request('PATCH', '/api/users/me', { language: 'en' })).status).toBe(401);
    expect((await admin.request('PATCH', `/api/users/${ids.collega}`, { language: 'en' })).body.language).toBe('en');
    expect((await referente.request('PATCH', `/api/users/${ids.collega}`, { language: 'it' })).status).toBe(403);
    const trail = (await admin.get('/api/audit?limit=50')).body.filter((e: { entity: string; entityId: string }) => e.entity === 'user' && [ids.referente, ids.collega].includes(e.entityId));
    expect(trail.map((e: { user: string; before: unknown; after: unknown }) => [e.user, e.before, e.after])).toEqual(
      expect.arrayContaining([
        ['referente', { language: 'it' }, { language: 'en' }],
        ['admin', { language: 'it' }, { language: 'en' }],
      ]),
    );

    // The referente heads their own unit now: past the head's day, one email lists the unit's
    // missing values and their own, instead of an "after" email and a head email. One value of
    // another unit is theirs too, named to them in a revision: their own apart from the unit's.
    const digitale = (await admin.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    expect((await admin.request('PATCH', `/api/units/${digitale.id}`, { headId: ids.referente })).status).toBe(200);
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${PERIOD}`)).body as {
      objectives: Array<{ unit: string | null; indicators: Array<{ id: string; unitName: string | null; formula: { kind: string } | null }> }>;
    };
    const elsewhere = tree.objectives.flatMap((o) => o.indicators.filter((i) => i.formula?.kind !== 'children_mean' && (i.unitName ?? o.unit) !== REFERENTE_UNIT).map((i) => i.id))[0]!;
    expect((await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Un indicatore a Sara', date: '2024-05-10' })).status).toBe(201);
    const named = await controller.request('POST', `/api/plans/${planId}/reassign`, { indicators: [elsewhere], personId: ids.referente });
    expect(named.status, named.text).toBe(200);
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const run = await controller.request('POST', '/api/reminders/send', {});
    expect(run.status, run.text).toBe(200);
    const queued = run.body.queued as Array<{ stage: string; username: string; status: string; language: string; indicators: string[] }>;
    expect(queued.map((r) => `${r.stage} ${r.username} ${r.status} ${r.language}`).sort()).toEqual(['after collega no-address en', 'head referente queued en']);
    expect(run.body).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => m.to.join())).toEqual(['referente@comune.example.it']);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe(`Albero: ${REFERENTE_UNIT}, ${missing.length} values late since 15/10/2024 (30/09/2024)`);
    expect(mail.text).toMatch(/^Dear referente,\n\nin the unit “Ufficio Digitale”, which you head, \d+ values of the period “30\/09\/2024”/);
    expect(mail.text).toContain('Of the other indicators assigned to you as referente, 1 value is still missing:');
    expect(mail.text).toContain('An automatic message from Albero');
    // Both lists, each value said once: the unit's (with who enters each), then their own outside it,
    // not the unit's values again (heading the unit makes them the head's own too).
    const listed = mail.text
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2).split(' ')[0]);
    expect(listed).toEqual([...missing, elsewhere]);
    expect([...queued.find((r) => r.username === 'referente')!.indicators].sort()).toEqual([...missing, elsewhere].sort());
    // Later runs: the "after" email folded into the head's is not sent on its own.
    expect((await controller.request('POST', '/api/reminders/send', {})).body).toMatchObject({ queued: [], sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('reminders with the mail server down on %s', (backend) => {
  let port: number;
  let t: TestServer;
  let smtp: TestSmtp | null = null;
  beforeAll(async () => {
    port = await freePort();
    t = await startTestServer(backend, { reminders: { smtp: smtpAt(port) } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('keeps the messages queued with the error, and delivers them once when the server is back', async () => {
    const { planId, controller } = await scene(t, '');
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const down = await controller.request('POST', '/api/reminders/send', {});
    expect(down.status, down.text).toBe(200);
    expect(down.body).toMatchObject({ sent: 0, retrying: 2, failed: 0, unaddressed: 1 });
    const waiting = (await controller.get('/api/reminders?status=queued&lang=it')).body.reminders;
    expect(waiting).toHaveLength(2);
    for (const r of waiting) {
      expect(r).toMatchObject({ attempts: 1, sentAt: null });
      // Why, in the reader's words (not the mail library's English), and by code for a screen.
      expect(r.lastError).toBe(`il server di posta 127.0.0.1:${port} ha rifiutato la connessione: è spento o non accetta connessioni su quella porta`);
      expect(r.lastFailure).toEqual({ reason: 'connection-refused', host: '127.0.0.1', port });
      expect(Date.parse(r.nextAttemptAt)).toBeGreaterThan(Date.now());
    }
    const inEnglish = (await controller.get('/api/reminders?status=queued&lang=en')).body.reminders;
    expect(inEnglish.map((r: { lastError: string }) => r.lastError)).toEqual(
      Array(2).fill(`the mail server 127.0.0.1:${port} refused the connection: it is down or takes no connections on that port`),
    );
    // Still down: tried again, still queued, nothing lost.
    expect((await controller.request('POST', '/api/reminders/send', {})).body).toMatchObject({ sent: 0, retrying: 2 });
    expect((await controller.get('/api/reminders?status=queued')).body.reminders.map((r: { attempts: number }) => r.attempts)).toEqual([2, 2]);

    smtp = await startSmtp(port);
    const back = await controller.request('POST', '/api/reminders/send', {});
    expect(back.body).toMatchObject({ queued: [], sent: 2, retrying: 0 });
    expect(smtp.received.map((m) => m.to.join()).sort()).toEqual(['dirigente@comune.example.it', 'referente@comune.example.it']);
    expect((await controller.request('POST', '/api/reminders/send', {})).body).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);
    const outbox = (await controller.get(`/api/reminders?planId=${planId}`)).body.reminders;
    expect(
      outbox.filter((r: { status: string }) => r.status === 'sent').map((r: { attempts: number; lastError: string | null; lastFailure: unknown }) => [r.attempts, r.lastError, r.lastFailure]),
    ).toEqual([
      [3, null, null],
      [3, null, null],
    ]);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('a recipient the mail server refuses on %s', (backend) => {
  let smtp: TestSmtp;
  let t: TestServer;
  beforeAll(async () => {
    // The head's mailbox does not exist: the server answers 550 to it, and takes the referente's.
    smtp = await startSmtp(0, { refuse: (address) => address.startsWith('dirigente@') });
    t = await startTestServer(backend, { reminders: { smtp: smtpAt(smtp.port) } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('refuses that message for good, saying so in the reader’s language with the address and the reply code', async () => {
    const { planId, controller } = await scene(t, '');
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const run = await controller.request('POST', '/api/reminders/send', {});
    expect(run.body).toMatchObject({ sent: 1, retrying: 0, failed: 1 });
    expect(smtp.received.map((m) => m.to.join())).toEqual(['referente@comune.example.it']);
    const failure = { reason: 'recipient-refused', host: '127.0.0.1', port: smtp.port, recipient: 'dirigente@comune.example.it', responseCode: 550 };
    const read = async (lang: string) => (await controller.get(`/api/reminders?planId=${planId}&status=failed&lang=${lang}`)).body.reminders;
    const [it] = await read('it');
    expect(it).toMatchObject({ username: 'dirigente', status: 'failed', lastFailure: failure });
    expect(it.lastError).toBe(`il server di posta 127.0.0.1:${smtp.port} ha rifiutato il destinatario dirigente@comune.example.it (codice di risposta 550)`);
    const [en] = await read('en');
    expect(en.lastError).toBe(`the mail server 127.0.0.1:${smtp.port} refused the recipient dirigente@comune.example.it (reply code 550)`);
    // Refused for good: not tried again.
    expect((await controller.request('POST', '/api/reminders/send', {})).body).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
  });
});

describe('the server sends the reminders on its own timer when asked to', () => {
  it('delivers what is due without anyone asking, once', async () => {
    const smtp = await startSmtp();
    // A timer every 0.01 minutes (0.6 s): what a deployment sets in hours (ALBERO_REMINDERS_EVERY_MINUTES).
    const t = await startTestServer('sqlite', { reminders: { smtp: smtpAt(smtp.port), everyMinutes: 0.01 } });
    try {
      const { planId, controller } = await scene(t, '');
      expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
      await until(() => smtp.received.length >= 2);
      // A few more ticks: nothing more.
      await new Promise((r) => setTimeout(r, 1500));
      expect(smtp.received.map((m) => m.to.join()).sort()).toEqual(['dirigente@comune.example.it', 'referente@comune.example.it']);
      const outbox = (await controller.get('/api/reminders')).body.reminders;
      expect(outbox.filter((r: { status: string }) => r.status === 'sent').every((r: { createdBy: string }) => r.createdBy === 'system')).toBe(true);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
