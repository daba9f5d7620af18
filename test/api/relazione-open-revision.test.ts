/**
 * The OIV cannot validate the Relazione while a revision of the plan is open: the revision's
 * changes are already in the plan a validation freezes, but not among the approved revisions the
 * Relazione lists (section 3.5). Refused (409, in Italian and English, naming the revision), nothing
 * moved; once the office approves it, the validation goes through and lists it. Over HTTP, on
 * SQLite and on PostgreSQL.
 *
 * The store decides, under the plan's row lock that opening a revision takes too, so the two never
 * interleave: a revision opened while the route prepared the validation refuses it; one opened as
 * the validation commits comes after it, and the register says so. How the other writer gets in
 * between, on each backend: ../support/another-writer.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { whileAnotherHolds } from '../support/another-writer.js';
import { startTestServer, type Backend, type Client, type Reply, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

const ITALIAN = (n: number) =>
  `la variazione n. ${n} del piano è aperta: approvarla o annullarla prima di validare la Relazione (le sue modifiche sono già nel piano, ma la Relazione ne riporta solo le variazioni approvate)`;
const ENGLISH = (n: number) =>
  `revision no. ${n} of the plan is open: approve or discard it before validating the Relazione (its changes are already in the plan, but the Relazione lists only approved revisions)`;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * A plan of its own on `t`, adopted, its year end closed, its Relazione transmitted and reviewed:
 * the OIV is about to decide.
 */
async function withTheOiv(t: TestServer, controller: Client, oiv: Client): Promise<{ planId: string; plan: string }> {
  const planId = await t.importFixture();
  const plan = `/api/plans/${planId}`;
  expect((await controller.request('POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
  for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
  expect((await controller.request('POST', `${plan}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
  const current = (await oiv.get(`${plan}/relazione`)).body;
  const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
  expect((await oiv.request('PUT', `${plan}/relazione/review`, { note: 'Verificato.', reservations: '', checklist, values: [], version: current.version })).status).toBe(200);
  return { planId, plan };
}

/** A server on `backend` with the controller and the OIV signed in. */
async function serverWithTheOiv(backend: Backend): Promise<{ t: TestServer; controller: Client; oiv: Client }> {
  const t = await startTestServer(backend);
  return { t, controller: await t.as('controller'), oiv: await t.as('oiv') };
}

describe.each<Backend>(['sqlite', 'postgres'])('validating the Relazione with a revision open, on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => {
    ({ t, controller, oiv } = await serverWithTheOiv(backend));
  });
  afterAll(async () => t?.close());

  const validate = (plan: string, language = 'it', to = 'validated'): Promise<Reply> => oiv.request('POST', `${plan}/relazione/transition`, { to }, { 'accept-language': language });

  /** Still with the OIV, the year end still closed (not validated). */
  async function nothingMoved(plan: string): Promise<void> {
    expect((await oiv.get(`${plan}/relazione`)).body.state).toBe('transmitted');
    expect(((await controller.get(`${plan}/periods`)).body as { id: string; state: string }[]).find((p) => p.id === YEAR_END)!.state).toBe('closed');
  }

  /** The refusal naming revision `n`, in Italian. */
  function refusedFor(reply: Reply, n: number): void {
    expect(reply.status, reply.text).toBe(409);
    expect(reply.body.error.code).toBe('invalid-transition');
    expect(reply.body.error.details).toEqual({ reason: 'revision-open', revision: n });
    expect(reply.body.error.message).toBe(ITALIAN(n));
  }

  it('is refused until the office approves the revision, then lists it', async () => {
    const { plan } = await withTheOiv(t, controller, oiv);
    // The office opens a revision and changes the plan in it while the OIV reads the Relazione.
    const opened = await controller.request('POST', `${plan}/revisions`, { reason: 'Titolo del piano corretto' });
    expect(opened.status, opened.text).toBe(201);
    expect((await controller.request('PATCH', plan, { title: 'Piano corretto in variazione' })).status).toBe(200);

    for (const to of ['validated', 'validated_with_reservations']) refusedFor(await validate(plan, 'it', to), opened.body.number);
    const en = await validate(plan, 'en');
    expect(en.status).toBe(409);
    expect(en.body.error.message).toBe(ENGLISH(opened.body.number));
    await nothingMoved(plan);

    // Approved, the revision is in the register the validation freezes.
    const approved = await controller.request('POST', `${plan}/revisions/${opened.body.number}/approve`, { act: { kind: 'Delibera di Giunta', number: '40', date: '2024-05-20' } });
    expect(approved.status, approved.text).toBe(200);
    const validated = await validate(plan);
    expect(validated.status, validated.text).toBe(200);
    expect(validated.body.state).toBe('validated');
    const html = (await oiv.get(`${plan}/relazione/export?format=html`)).text;
    expect(html).toContain('Titolo del piano corretto');
  });

  it('is refused when the revision is opened after the route read the plan, before the store writes the validation', async () => {
    const { planId, plan } = await withTheOiv(t, controller, oiv);
    // The office opens its revision once the route has read the plan (no revision open then) and
    // made the figures to freeze, right before the store's transaction.
    const relazioni = t.server.store.relazioni;
    const moveRelazione = relazioni.moveRelazione.bind(relazioni);
    let opened: Reply | null = null;
    vi.spyOn(relazioni, 'moveRelazione').mockImplementation(async (...args) => {
      opened ??= await controller.request('POST', `${plan}/revisions`, { reason: 'Target corretto in corsa' });
      return moveRelazione(...args);
    });
    const refused = await validate(plan);
    expect(opened!.status, opened!.text).toBe(201);
    refusedFor(refused, opened!.body.number);
    const en = await validate(plan, 'en');
    expect([en.status, en.body.error.message]).toEqual([409, ENGLISH(opened!.body.number)]);
    await nothingMoved(plan);
    // Nor did the validation reach the audit trail.
    const audit = (await t.as('admin').then((admin) => admin.get('/api/audit?limit=1000'))).body as Array<{ entity: string; entityId: string; action: string }>;
    expect(audit.filter((e) => e.entity === 'relazione' && e.entityId === planId && e.action === 'validate')).toEqual([]);
  });

  it('is refused when a revision is opened and approved after the route made the figures to freeze, and validates again with it', async () => {
    const { plan } = await withTheOiv(t, controller, oiv);
    // The office opens a revision, renames the plan in it and approves it, all once the route has
    // made the figures and the cover to freeze, before the store's transaction: once for the Italian
    // request, once more for the English one.
    const relazioni = t.server.store.relazioni;
    const moveRelazione = relazioni.moveRelazione.bind(relazioni);
    const approved: Reply[] = [];
    const approveInBetween = async (...args: Parameters<typeof moveRelazione>) => {
      const opened = await controller.request('POST', `${plan}/revisions`, { reason: `Titolo approvato in corsa ${approved.length + 1}` });
      expect((await controller.request('PATCH', plan, { title: `Piano rinominato in corsa ${approved.length + 1}` })).status).toBe(200);
      approved.push(await controller.request('POST', `${plan}/revisions/${opened.body.number}/approve`, { act: { kind: 'Delibera di Giunta', number: '41', date: '2024-06-10' } }));
      return moveRelazione(...args);
    };
    vi.spyOn(relazioni, 'moveRelazione').mockImplementationOnce(approveInBetween).mockImplementationOnce(approveInBetween);
    const refused = await validate(plan);
    const english = await validate(plan, 'en');
    expect(approved.map((r) => r.status)).toEqual([200, 200]);
    const [first, second] = approved.map((r) => r.body.number as number);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'conflict',
      message: `la variazione n. ${first} del piano è stata approvata (o corretta) mentre si preparava la validazione: la Relazione da validare non la riportava così; ricaricarla e validare di nuovo`,
      details: { reason: 'revision-approved-since', revision: first },
    });
    expect([english.status, english.body.error.message]).toEqual([
      409,
      `revision no. ${second} of the plan was approved (or corrected) while the validation was being prepared: the Relazione to validate did not show it so; reload it and validate again`,
    ]);
    await nothingMoved(plan);

    // Validated again, the Relazione has the renamed plan and lists both revisions.
    const validated = await validate(plan);
    expect(validated.status, validated.text).toBe(200);
    const html = (await oiv.get(`${plan}/relazione/export?format=html`)).text;
    for (const words of ['Piano rinominato in corsa 2', 'Titolo approvato in corsa 1', 'Titolo approvato in corsa 2']) expect(html).toContain(words);
  });

  it('takes a revision opened as the validation commits as opened after it, even within the same millisecond', async () => {
    const { plan } = await withTheOiv(t, controller, oiv);
    // One clock for both: the opening, which waited for the validation's lock, bears its very time.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date());
    const validated = await validate(plan);
    expect(validated.status, validated.text).toBe(200);
    const opened = await controller.request('POST', `${plan}/revisions`, { reason: 'Variazione dopo la validazione' });
    expect(opened.status, opened.text).toBe(201);
    vi.useRealTimers();
    expect(opened.body.openedAt).toBe(validated.body.decidedAt);

    const register = (await controller.get(`${plan}/revisions`)).body as Array<{ number: number; afterValidation: unknown }>;
    expect(register.find((r) => r.number === opened.body.number)!.afterValidation).toEqual({ validatedAt: validated.body.decidedAt, state: 'validated' });
    // The validated Relazione stays as it was: the revision is not among the ones it lists.
    expect((await oiv.get(`${plan}/relazione/export?format=html`)).text).not.toContain('Variazione dopo la validazione');
  });
});

describe('validating the Relazione while a revision is being opened, on postgres', () => {
  let t: TestServer;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => {
    ({ t, controller, oiv } = await serverWithTheOiv('postgres'));
  });
  afterAll(async () => t?.close());

  it('refuses the validation when the opening commits while the validation waits for the plan', async () => {
    const { planId, plan } = await withTheOiv(t, controller, oiv);
    // Another connection opens revision 1 as the store does (the plan's row locked first) and
    // commits once the validation waits on that lock: the route, reading before, saw none open.
    const opening = `SELECT id FROM plans WHERE id = '${planId}' FOR UPDATE; INSERT INTO plan_revisions (plan_id, seq, kind, reason, decided_on, status, opened_at, opened_by) VALUES ('${planId}', 1, 'variazione', 'Aperta in parallelo', '2024-06-01', 'open', '${new Date().toISOString()}', 'controller')`;
    const refused = await whileAnotherHolds(t.location, opening, null, () => oiv.request('POST', `${plan}/relazione/transition`, { to: 'validated' }, { 'accept-language': 'it' }));
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'invalid-transition', message: ITALIAN(1), details: { reason: 'revision-open', revision: 1 } });
    expect((await oiv.get(`${plan}/relazione`)).body.state).toBe('transmitted');
  });

  it('opens the revision after a validation that held the plan first, and the register says so', async () => {
    const { planId, plan } = await withTheOiv(t, controller, oiv);
    // Another connection validates (the plan's row locked, the Relazione decided) and commits once
    // the opening waits on that lock.
    const validatedAt = new Date().toISOString();
    const validation = `SELECT id FROM plans WHERE id = '${planId}' FOR UPDATE; UPDATE relazioni SET state = 'validated', decided_at = '${validatedAt}', decided_by = 'oiv', version = version + 1 WHERE plan_id = '${planId}'`;
    const opened = await whileAnotherHolds(t.location, validation, null, () => controller.request('POST', `${plan}/revisions`, { reason: 'Aperta mentre l’OIV validava' }));
    expect(opened.status, opened.text).toBe(201);
    const register = (await controller.get(`${plan}/revisions`)).body as Array<{ number: number; afterValidation: unknown }>;
    expect(register.find((r) => r.number === opened.body.number)!.afterValidation).toEqual({ validatedAt, state: 'validated' });
  });
});
