/**
 * The OIV's validation freezes the plan (the year end's figures and the words around them) as the
 * route read it; the store writes it under the plan's row lock. A change of the plan outside any
 * revision made in between moves the plan's data version, which the store compares there; the route
 * then freezes again and compares. The year end reopened, a value corrected, the period closed
 * again: the validation is refused (409 `conflict`, details.reason `plan-changed-since`, Italian and
 * English), nothing moved, and validated again it freezes the plan as it now is. A draft's title
 * renamed after its year end was closed leaves the frozen copy as it was: validated. Over HTTP, on
 * SQLite and PostgreSQL; how the other writer gets in between, on each backend:
 * ../support/another-writer.ts. More of what the validation compares: relazione-validation-content.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { whileAnotherHolds } from '../support/another-writer.js';
import { enc, startTestServer, type Backend, type Client, type Reply, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

const ITALIAN =
  'il piano è stato modificato mentre si preparava la validazione (ad esempio il periodo di fine anno riaperto, corretto e richiuso): la Relazione da validare non lo riportava così; ricaricarla e validare di nuovo';
const ENGLISH =
  'the plan was changed while the validation was being prepared (for example the year-end period reopened, corrected and closed again): the Relazione to validate did not show it so; reload it and validate again';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * A plan of its own on `t` (adopted unless `draft`), its year end closed, its Relazione transmitted
 * and reviewed: the OIV is about to decide.
 */
async function withTheOiv(t: TestServer, controller: Client, oiv: Client, draft = false): Promise<{ planId: string; plan: string }> {
  const planId = await t.importFixture();
  const plan = `/api/plans/${planId}`;
  if (!draft) expect((await controller.request('POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
  for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
  expect((await controller.request('POST', `${plan}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
  const current = (await oiv.get(`${plan}/relazione`)).body;
  const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
  expect((await oiv.request('PUT', `${plan}/relazione/review`, { note: 'Verificato.', reservations: '', checklist, values: [], version: current.version })).status).toBe(200);
  return { planId, plan };
}

describe.each<Backend>(['sqlite', 'postgres'])('validating the Relazione while the plan changes outside any revision, on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => {
    t = await startTestServer(backend);
    controller = await t.as('controller');
    oiv = await t.as('oiv');
  });
  afterAll(async () => t?.close());

  const validate = (plan: string, language: string): Promise<Reply> => oiv.request('POST', `${plan}/relazione/transition`, { to: 'validated' }, { 'accept-language': language });

  /** B.1.1's first indicator in the year end as the tree reads it now. */
  async function indicator(plan: string): Promise<{ id: string; version: number; state: string }> {
    const tree = (await controller.get(`${plan}/tree?period=${YEAR_END}`)).body;
    return tree.objectives.find((o: { code: string }) => o.code === 'B.1.1').indicators[0];
  }

  it('is refused when the year end is reopened, corrected and closed again after the route made the figures to freeze; validated again, it freezes the corrected ones', async () => {
    const { planId, plan } = await withTheOiv(t, controller, oiv);
    const first = await indicator(plan);
    expect(first.state).toBe('measured');
    // Once the route has made the figures and the cover to freeze, before the store's transaction,
    // the office reopens the year end, corrects a value and closes it again: once for the Italian
    // request (the value not achieved), once for the English one (not measured, N.V. its reason).
    const relazioni = t.server.store.relazioni;
    const moveRelazione = relazioni.moveRelazione.bind(relazioni);
    const corrections: Reply[] = [];
    const correctInBetween =
      (value: Record<string, unknown>) =>
      async (...args: Parameters<typeof moveRelazione>) => {
        expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'Dato corretto' })).status).toBe(200);
        const { id, version } = await indicator(plan);
        corrections.push(await controller.request('PUT', `${plan}/indicators/${enc(id)}/measurements/${YEAR_END}`, { ...value, version }));
        expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
        return moveRelazione(...args);
      };
    vi.spyOn(relazioni, 'moveRelazione')
      .mockImplementationOnce(correctInBetween({ state: 'not_achieved' }))
      .mockImplementationOnce(correctInBetween({ state: 'not_evaluable', reason: 'Fonte dei dati non disponibile' }));
    const refused = await validate(plan, 'it');
    const english = await validate(plan, 'en');
    expect(corrections.map((r) => [r.status, r.text])).toEqual([
      [200, expect.any(String)],
      [200, expect.any(String)],
    ]);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'conflict',
      message: ITALIAN,
      details: { reason: 'plan-changed-since', changed: ['plan-changed-since'] },
      params: { relazione: 'plan-changed-since' },
    });
    expect([english.status, english.body.error.message]).toEqual([409, ENGLISH]);

    // Nothing moved: still with the OIV, the year end closed (not validated), no validation on the trail.
    expect((await oiv.get(`${plan}/relazione`)).body.state).toBe('transmitted');
    expect(((await controller.get(`${plan}/periods`)).body as { id: string; state: string }[]).find((p) => p.id === YEAR_END)!.state).toBe('closed');
    const audit = (await t.as('admin').then((admin) => admin.get('/api/audit?limit=1000'))).body as Array<{ entity: string; entityId: string; action: string }>;
    expect(audit.filter((e) => e.entity === 'relazione' && e.entityId === planId && e.action === 'validate')).toEqual([]);

    // Validated again, the Relazione freezes the year end as last closed: the value not evaluable.
    const validated = await validate(plan, 'it');
    expect(validated.status, validated.text).toBe(200);
    const frozen = (await t.server.store.relazioni.getRelazione(planId))!.frozenPlan!;
    const kept = frozen.nodes.find((n) => n.code === 'B.1.1')!.indicators.find((i) => i.id === first.id)!;
    expect(kept.measurement.state).toBe('not_evaluable');
  });

  it('validates when a draft plan is renamed after the route read it: the year end, closed before, keeps the title the OIV read', async () => {
    const { planId, plan } = await withTheOiv(t, controller, oiv, true);
    const title = (await controller.get(plan)).body.title as string;
    // A draft changes without any revision: the title renamed once the route has read the plan.
    // Its data version moves, so the store refuses the route's first freeze; made again, the
    // frozen copy is the same (the year end's closing keeps the plan as it was closed), and the
    // validation goes through at the new version.
    const relazioni = t.server.store.relazioni;
    const moveRelazione = relazioni.moveRelazione.bind(relazioni);
    let renamed: Reply | null = null;
    let renamedAt = 0;
    const spy = vi.spyOn(relazioni, 'moveRelazione').mockImplementationOnce(async (...args) => {
      renamed = await controller.request('PATCH', plan, { title: 'Piano rinominato in corsa' });
      renamedAt = (await t.server.store.getPlan(planId))!.dataVersion;
      return moveRelazione(...args);
    });
    const validated = await validate(plan, 'en');
    expect(renamed!.status, renamed!.text).toBe(200);
    expect(validated.status, validated.text).toBe(200);
    expect(spy.mock.calls.length).toBe(2);
    const stored = (await t.server.store.relazioni.getRelazione(planId))!;
    expect([stored.state, stored.frozenPlan!.title, stored.frozenCover!.dataVersion]).toEqual(['validated', title, renamedAt]);
  });
});

describe('validating the Relazione while the plan is being changed, on postgres', () => {
  let t: TestServer;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => {
    t = await startTestServer('postgres');
    controller = await t.as('controller');
    oiv = await t.as('oiv');
  });
  afterAll(async () => t?.close());

  it('validates when a change of the plan that leaves the Relazione as it was commits while the validation waits for the plan', async () => {
    const { planId, plan } = await withTheOiv(t, controller, oiv, true);
    // Another connection renames the draft as the store does (the plan's row locked, its data
    // version moved) and commits once the validation waits on that lock: the route, reading
    // before, froze the plan as it was; the store refuses that version, the route freezes again
    // and finds the same document (the year end closed before the rename), and validates it.
    const rename = `SELECT id FROM plans WHERE id = '${planId}' FOR UPDATE; UPDATE plans SET title = 'Rinominato in parallelo', data_version = data_version + 1, edit_version = edit_version + 1 WHERE id = '${planId}'`;
    const read = (await t.server.store.getPlan(planId))!.dataVersion;
    const validated = await whileAnotherHolds(t.location, rename, 'SELECT id FROM plans WHERE id = ', () =>
      oiv.request('POST', `${plan}/relazione/transition`, { to: 'validated' }, { 'accept-language': 'it' }),
    );
    expect(validated.status, validated.text).toBe(200);
    expect((await oiv.get(`${plan}/relazione`)).body.state).toBe('validated');
    expect((await t.server.store.relazioni.getRelazione(planId))!.frozenCover!.dataVersion).toBe(read + 1);
  });
});
