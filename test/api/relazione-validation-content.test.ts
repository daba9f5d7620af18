/**
 * The OIV's validation refuses only when what it would freeze differs from what the route froze: a
 * change between the route's read and the store's decision that leaves the document as it was (a
 * value saved in another period of the plan, a unit renamed after the year end was closed) is
 * validated, the frozen cover keeping the plan's data version it was made at; one that changes what
 * the document carries is refused (409 `conflict`) with the reason of what changed, Italian and
 * English, nothing moved: the year end's figures (`plan-changed-since`), the objectives' units as the
 * year end's closing names them (`units-changed-since`), the variances' explanations
 * (`variances-changed-since`), last year's figures (`previous-year-changed-since`: last year's
 * Relazione sent back, taken back to draft or validated), an approved revision corrected in what the
 * Relazione prints of it (`revision-approved-since`; a correction leaving its words as they were is
 * validated). The OIV's account renamed is validated under its name at the commit: the decider's name
 * is not content the OIV checked. "In the gap": the change made once the route has made the freeze, right
 * before the store's first try (both backends), and on PostgreSQL by another connection holding the
 * rows the store then waits on (../support/another-writer.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { whileAnotherHolds } from '../support/another-writer.js';
import { MID_YEAR, nothingMoved, relazioneWithTheOiv, startWithTheOiv, varianceExplained, YEAR_END } from '../support/relazione-oiv.js';
import { closedYearAndNext, enc, REFERENTE_UNIT, transmitAndReview, type Backend, type Client, type Reply, type TestServer } from './harness.js';

const UNITS = {
  it: 'le strutture responsabili degli obiettivi sono state rinominate o cambiate mentre si preparava la validazione (il periodo di fine anno richiuso con i nuovi nomi): la Relazione da validare non le riportava così; ricaricarla e validare di nuovo',
  en: "the objectives' organisation units were renamed or changed while the validation was being prepared (the year-end period closed again with the new names): the Relazione to validate did not show them so; reload it and validate again",
};
const PREVIOUS = {
  it: "i dati dell'anno precedente sono cambiati mentre si preparava la validazione (ad esempio la Relazione dell'anno precedente validata o riportata in bozza, o il suo periodo di fine anno corretto): il confronto della Relazione da validare non li riportava così; ricaricarla e validare di nuovo",
  en: "the previous year's figures changed while the validation was being prepared (for example the previous year's Relazione validated or taken back to draft, or its year-end period corrected): the comparison in the Relazione to validate did not show them so; reload it and validate again",
};
const VARIANCES = {
  it: 'le spiegazioni degli scostamenti (cause e azioni correttive) sono state modificate mentre si preparava la validazione: la Relazione da validare non le riportava così; ricaricarla e validare di nuovo',
  en: 'the explanations of the variances (causes and corrective actions) were changed while the validation was being prepared: the Relazione to validate did not show them so; reload it and validate again',
};
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * `between` runs once the route has made what to freeze, right before the store's first try; gives
 * how many times the route asked the store (a second time: it froze again and found the same).
 */
function inTheGap(t: TestServer, between: () => Promise<void>): { readonly tries: () => number } {
  // The store's own method, not the spy an earlier gap left on it (which would count each try twice).
  vi.restoreAllMocks();
  const relazioni = t.server.store.relazioni;
  const move = relazioni.moveRelazione.bind(relazioni);
  const spy = vi.spyOn(relazioni, 'moveRelazione').mockImplementationOnce(async (...args) => {
    await between();
    return move(...args);
  });
  return { tries: () => spy.mock.calls.length };
}

const validate = (oiv: Client, planId: string, language: 'it' | 'en' = 'it'): Promise<Reply> =>
  oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' }, { 'accept-language': language });

function refusedFor(reply: Reply, reason: string, message: string, changed: readonly string[] = [reason]): void {
  expect(reply.status, reply.text).toBe(409);
  expect(reply.body.error).toMatchObject({ code: 'conflict', message, params: { relazione: reason }, details: { reason, changed } });
}

/** The registry's unit `name`, renamed `to` by `admin`. */
async function renameUnit(admin: Client, name: string, to: string): Promise<void> {
  const unit = ((await admin.get('/api/units')).body as { id: string; name: string; version: number }[]).find((u) => u.name === name)!;
  const renamed = await admin.request('PATCH', `/api/units/${unit.id}`, { name: to, version: unit.version });
  expect(renamed.status, renamed.text).toBe(200);
}

async function closeAgain(planId: string, admin: Client, reason: string): Promise<void> {
  const transition = `/api/plans/${planId}/periods/${YEAR_END}/transition`;
  expect((await admin.request('POST', transition, { to: 'collecting', reason })).status).toBe(200);
  expect((await admin.request('POST', transition, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
}

describe.each<Backend>(['sqlite', 'postgres'])('the OIV validating while the plan changes in ways the Relazione shows or not, on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let oiv: Client;
  let admin: Client;
  beforeAll(async () => {
    ({ t, controller, oiv } = await startWithTheOiv(backend));
    admin = await t.as('admin');
  });
  afterAll(async () => t?.close());

  const withTheOiv = (): Promise<string> => relazioneWithTheOiv(t, controller, oiv);

  it('validates when a value is saved in another period of the plan in the gap, freezing the year end as the OIV read it', async () => {
    const planId = await withTheOiv();
    const read = (await t.server.store.getPlan(planId))!.dataVersion;
    let savedAt = 0;
    const gap = inTheGap(t, async () => {
      const tree = (await controller.get(`/api/plans/${planId}/tree?period=${MID_YEAR}`)).body;
      const a3 = tree.objectives.find((o: { code: string }) => o.code === 'A.3').indicators[0];
      const saved = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(a3.id)}/measurements/${MID_YEAR}`, { state: 'measured', actual: 3, version: a3.version });
      expect(saved.status, saved.text).toBe(200);
      savedAt = (await t.server.store.getPlan(planId))!.dataVersion;
    });
    const validated = await validate(oiv, planId);
    expect(validated.status, validated.text).toBe(200);
    expect(validated.body).toMatchObject({ state: 'validated', frozen: true });
    // Asked twice: refused for the moved data version, frozen again, the same document.
    expect(gap.tries()).toBe(2);
    expect(savedAt).toBeGreaterThan(read);
    const stored = (await t.server.store.relazioni.getRelazione(planId))!;
    expect(stored.frozenCover!.dataVersion).toBe(savedAt);
    // The year end's A.3 as closed (206 in the fixture), not the mid-year 3.
    const a3 = stored.frozenPlan!.nodes.find((n) => n.code === 'A.3')!.indicators[0]!.measurement;
    expect(a3.state === 'measured' && a3.actual?.kind === 'number' ? a3.actual.value.toString() : a3).toBe('206');
    expect(((await controller.get(`/api/plans/${planId}/periods`)).body as { id: string; state: string }[]).find((p) => p.id === YEAR_END)!.state).toBe('validated');
  });

  it('refuses when a year-end value is corrected in the gap, nothing moved', async () => {
    const planId = await withTheOiv();
    inTheGap(t, async () => {
      const transition = `/api/plans/${planId}/periods/${YEAR_END}/transition`;
      expect((await controller.request('POST', transition, { to: 'collecting', reason: 'Dato corretto' })).status).toBe(200);
      const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
      const a3 = tree.objectives.find((o: { code: string }) => o.code === 'A.3').indicators[0];
      expect((await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(a3.id)}/measurements/${YEAR_END}`, { state: 'measured', actual: 9, version: a3.version })).status).toBe(200);
      expect((await controller.request('POST', transition, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    });
    refusedFor(
      await validate(oiv, planId, 'en'),
      'plan-changed-since',
      'the plan was changed while the validation was being prepared (for example the year-end period reopened, corrected and closed again): the Relazione to validate did not show it so; reload it and validate again',
    );
    await nothingMoved(t, planId, controller);
  });

  it('validates when a unit is renamed in the gap (the Relazione names units as the year end was closed), and refuses when the year end is closed again with the new name', async () => {
    const planId = await withTheOiv();
    const other = await withTheOiv();
    // Renamed alone: the year end's closing names the unit as the OIV read it; so does the copy frozen.
    // The rename moves the plan's data version (the open periods' trees name the new name at once):
    // the store finds it moved, the route freezes again and finds the same document.
    const renamed = inTheGap(t, () => renameUnit(admin, REFERENTE_UNIT, 'Ufficio Digitale e Innovazione'));
    const validated = await validate(oiv, planId);
    expect(validated.status, validated.text).toBe(200);
    expect(renamed.tries()).toBe(2);
    expect((await t.server.store.relazioni.getRelazione(planId))!.frozenCover!.units['B.1.1']).toBe(REFERENTE_UNIT);

    // Renamed again and the year end closed again, no value changed: the Relazione now names the new unit.
    const gap = inTheGap(t, async () => {
      await renameUnit(admin, 'Ufficio Digitale e Innovazione', 'Ufficio Transizione Digitale');
      await closeAgain(other, admin, 'Strutture aggiornate');
    });
    refusedFor(await validate(oiv, other, 'it'), 'units-changed-since', UNITS.it);
    expect(gap.tries()).toBe(1);
    await nothingMoved(t, other, controller);
    inTheGap(t, async () => {
      await renameUnit(admin, 'Ufficio Transizione Digitale', 'Ufficio Digitale');
      await closeAgain(other, admin, 'Nome ripristinato');
    });
    refusedFor(await validate(oiv, other, 'en'), 'units-changed-since', UNITS.en);
    // Validated again, the copy frozen names the unit as the year end now does.
    expect((await validate(oiv, other)).status).toBe(200);
    expect((await t.server.store.relazioni.getRelazione(other))!.frozenCover!.units['B.1.1']).toBe(REFERENTE_UNIT);
  });

  it('refuses when a variance is explained in the gap, with the year end closed', async () => {
    const planId = await withTheOiv();
    inTheGap(t, () => varianceExplained(controller, planId));
    refusedFor(await validate(oiv, planId, 'it'), 'variances-changed-since', VARIANCES.it);
    await nothingMoved(t, planId, controller);
    const validated = await validate(oiv, planId, 'en');
    expect(validated.status, validated.text).toBe(200);
    expect((await t.server.store.relazioni.getRelazione(planId))!.frozenCover!.causes).toMatchObject({ 'B.1': { explanation: 'Bando regionale rinviato' } });
  });

  it("validates under the name the OIV's account has when the validation commits, renamed in the gap", async () => {
    const planId = await withTheOiv();
    const account = ((await admin.get('/api/users')).body as { id: string; username: string; displayName: string }[]).find((u) => u.username === 'oiv')!;
    const gap = inTheGap(t, async () => {
      expect((await admin.request('PATCH', `/api/users/${account.id}`, { displayName: 'Luca Marino' })).status).toBe(200);
    });
    const validated = await validate(oiv, planId, 'en');
    expect(validated.status, validated.text).toBe(200);
    // Asked once: the store names the decider itself, under the lock a rename waits on.
    expect(gap.tries()).toBe(1);
    expect(validated.body).toMatchObject({ state: 'validated', decidedBy: 'oiv', decidedByName: 'Luca Marino' });
    expect((await t.server.store.relazioni.getRelazione(planId))!.frozenCover!.decidedByName).toBe('Luca Marino');
    expect((await controller.get(`/api/plans/${planId}/relazione/validation?format=html`)).text).toContain('Luca Marino');
    expect((await admin.request('PATCH', `/api/users/${account.id}`, { displayName: account.displayName })).status).toBe(200);
  });

  /** `withTheOiv`'s plan with a revision (the plan renamed) approved by its act: the Relazione lists it. */
  async function withARevision(): Promise<{ planId: string; number: number; version: number }> {
    const planId = await withTheOiv();
    const opened = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Target rivisto' });
    expect(opened.status, opened.text).toBe(201);
    expect((await controller.request('PATCH', `/api/plans/${planId}`, { title: 'Albero performance 2024 (rivisto)' })).status).toBe(200);
    const approved = await controller.request('POST', `/api/plans/${planId}/revisions/${opened.body.number}/approve`, { act: { kind: 'Delibera di Giunta', number: '40', date: '2024-05-20' } });
    expect(approved.status, approved.text).toBe(200);
    return { planId, number: approved.body.number, version: approved.body.version };
  }

  it("validates when an approved revision's act is corrected in the gap to the words the Relazione printed", async () => {
    const { planId, number, version } = await withARevision();
    const gap = inTheGap(t, async () => {
      const corrected = await controller.request('PATCH', `/api/plans/${planId}/revisions/${number}`, { act: { kind: 'Delibera di Giunta', number: '40', date: '2024-05-20' }, version });
      expect(corrected.status, corrected.text).toBe(200);
      expect(corrected.body.version).toBe(version + 1);
    });
    const validated = await validate(oiv, planId);
    expect(validated.status, validated.text).toBe(200);
    // Refused by the store for the revision's version, frozen again: the same words.
    expect(gap.tries()).toBe(2);
    expect((await t.server.store.relazioni.getRelazione(planId))!.frozenCover!.revisions.map((r) => [r.number, r.version])).toEqual([[number, version + 1]]);
  });

  it("refuses when an approved revision's act is corrected in the gap to other words, naming it", async () => {
    const { planId, number, version } = await withARevision();
    inTheGap(t, async () => {
      const corrected = await controller.request('PATCH', `/api/plans/${planId}/revisions/${number}`, { act: { kind: 'Delibera di Giunta', number: '41', date: '2024-05-20' }, version });
      expect(corrected.status, corrected.text).toBe(200);
    });
    const refused = await validate(oiv, planId, 'en');
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'conflict',
      message: `revision no. ${number} of the plan was approved (or corrected) while the validation was being prepared: the Relazione to validate did not show it so; reload it and validate again`,
      params: { relazione: 'revision-approved-since', number },
      details: { reason: 'revision-approved-since', revision: number, changed: ['revision-approved-since'] },
    });
    await nothingMoved(t, planId, controller);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])("the OIV validating while last year's Relazione moves, on %s", (backend) => {
  let t: TestServer;
  let before: string;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => {
    // 2024's Relazione with the OIV; 2025's year end closed, its Relazione transmitted and reviewed.
    ({ t, before, planId, controller, oiv } = await closedYearAndNext(backend, { review: [] }));
    await transmitAndReview(planId, controller, oiv);
  });
  afterAll(async () => t?.close());

  const move =
    (who: Client, to: string, extra: Record<string, unknown> = {}) =>
    async (): Promise<void> => {
      const moved = await who.request('POST', `/api/plans/${before}/relazione/transition`, { to, ...extra });
      expect(moved.status, moved.text).toBe(200);
    };

  it("refuses when last year's Relazione is sent back, reopened or validated in the gap; validated after, it keeps last year's validated figures", async () => {
    // Sent back by the OIV (not validated) in the gap: last year's figures are now said as of a Relazione not validated.
    inTheGap(t, move(oiv, 'not_validated', { reason: 'dati da integrare' }));
    refusedFor(await validate(oiv, planId, 'it'), 'previous-year-changed-since', PREVIOUS.it);
    // Reopened by the office (back to draft) in the gap.
    inTheGap(t, move(controller, 'draft'));
    refusedFor(await validate(oiv, planId, 'en'), 'previous-year-changed-since', PREVIOUS.en);
    expect((await controller.get(`/api/plans/${planId}/relazione`)).body.state).toBe('transmitted');
    expect((await t.server.store.relazioni.getRelazione(planId))!.frozenPlan).toBeNull();

    // Transmitted again and validated by the OIV in the gap: the comparison would read validated figures.
    await transmitAndReview(before, controller, oiv);
    inTheGap(t, move(oiv, 'validated'));
    refusedFor(await validate(oiv, planId, 'it'), 'previous-year-changed-since', PREVIOUS.it);
    expect((await controller.get(`/api/plans/${planId}/relazione`)).body.state).toBe('transmitted');

    const validated = await validate(oiv, planId);
    expect(validated.status, validated.text).toBe(200);
    expect(validated.body.previousYear).toMatchObject({ year: 2024, source: { kind: 'validated' } });
    expect((await t.server.store.relazioni.getRelazione(planId))!.frozenCover!.previous).toMatchObject({ year: 2024, source: { kind: 'validated' } });
  });
});

describe('the OIV validating while another connection changes what it froze, on postgres', () => {
  let t: TestServer;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => ({ t, controller, oiv } = await startWithTheOiv('postgres')));
  afterAll(async () => t?.close());

  it("refuses when the year end's closing names a unit otherwise, committed while the validation waits for the plan", async () => {
    const planId = await t.importFixture();
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    await transmitAndReview(planId, controller, oiv);
    // As a closing does (the plan's row locked, its data version moved): a new closing of the year
    // end, its figures as they were and the unit by another name.
    const closing = [
      `SELECT id FROM plans WHERE id = '${planId}' FOR UPDATE`,
      `INSERT INTO period_closings (plan_id, period_id, seq, closed_at, closed_by, plan, meta) SELECT plan_id, period_id, seq + 1, closed_at, closed_by, plan, replace(meta, '${REFERENTE_UNIT}', 'Ufficio Rinominato in parallelo') FROM period_closings WHERE plan_id = '${planId}' AND period_id = '${YEAR_END}' ORDER BY seq DESC LIMIT 1`,
      `UPDATE plans SET data_version = data_version + 1 WHERE id = '${planId}'`,
    ].join('; ');
    const refused = await whileAnotherHolds(t.location, closing, 'SELECT id FROM plans WHERE id = ', () => validate(oiv, planId, 'it'));
    refusedFor(refused, 'units-changed-since', UNITS.it);
    await nothingMoved(t, planId, controller);
  });

  it("refuses when last year's Relazione moves, committed while the validation waits for last year's plan", async () => {
    const { t: two, before, planId, controller: office, oiv: theOiv } = await closedYearAndNext('postgres', { review: [] });
    try {
      await transmitAndReview(planId, office, theOiv);
      // As a move of last year's Relazione does: its plan's row locked, the Relazione taken back to draft.
      const back = `SELECT id FROM plans WHERE id = '${before}' FOR UPDATE; UPDATE relazioni SET state = 'draft', version = version + 1 WHERE plan_id = '${before}'`;
      const refused = await whileAnotherHolds(two.location, back, 'SELECT id, data_version FROM plans WHERE id = ', () => validate(theOiv, planId, 'en'));
      refusedFor(refused, 'previous-year-changed-since', PREVIOUS.en);
      expect((await office.get(`/api/plans/${planId}/relazione`)).body.state).toBe('transmitted');
    } finally {
      await two.close();
    }
  });
});
