/**
 * The OIV validates what its screen showed: a transmitted Relazione's answer carries `seen`, a digest
 * of what a validation would freeze at that moment, and the decision sends it back. A change made
 * after the screen read the Relazione and before the OIV decided (the office reopening the year end,
 * correcting a value, closing it again; a variance explained) is refused, 409 `conflict`
 * `changed-since-shown` with words of its own, `details.seen` and the parts that changed, nothing
 * moved; a change that leaves the document as it was (a value saved in another period) is
 * validated; a decision sent without `seen` validates the plan as it stands when it arrives, as
 * before. The plan's part of `seen` is kept with the tree's cached evaluation per data version: made
 * again after a value saved, not on a read that changed nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { planToJson } from '../../src/store/codec.js';
import { MID_YEAR, nothingMoved as movedNothing, relazioneWithTheOiv, startWithTheOiv, varianceExplained, YEAR_END } from '../support/relazione-oiv.js';
import { correctA3, enc, objective, transmitAndReview, type Backend, type Client, type Reply, type TestServer } from './harness.js';

// `planToJson` counted: how many times a read made the plan's JSON (the plan's part of `seen`).
vi.mock('../../src/store/codec.js', async (original) => {
  const codec = await original<typeof import('../../src/store/codec.js')>();
  return { ...codec, planToJson: vi.fn(codec.planToJson) };
});

const CHANGED = {
  it: "i dati dell'anno sono cambiati dopo che la Relazione su cui si decide è stata letta: rileggerla com'è ora e validare di nuovo",
  en: "the year's figures changed after the Relazione this decision is on was read: read it again as it is now and validate again",
};

describe.each<Backend>(['sqlite', 'postgres'])('the OIV validating the Relazione its screen showed, on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => ({ t, controller, oiv } = await startWithTheOiv(backend)));
  afterAll(async () => t?.close());

  const withTheOiv = (): Promise<string> => relazioneWithTheOiv(t, controller, oiv);

  /** The Relazione's `seen` as the OIV's screen reads it. */
  async function seenBy(reader: Client, planId: string): Promise<string> {
    const read = await reader.get(`/api/plans/${planId}/relazione`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.seen).toMatch(/^[\w-]{43}(\.[\w-]{43}){4}$/);
    return read.body.seen as string;
  }

  const decide = (planId: string, body: Record<string, unknown>, language: 'it' | 'en' = 'it'): Promise<Reply> =>
    oiv.request('POST', `/api/plans/${planId}/relazione/transition`, body, { 'accept-language': language });

  /** A3's year-end actual in the copy the validation froze. */
  async function frozenA3(planId: string): Promise<string> {
    const m = (await t.server.store.relazioni.getRelazione(planId))!.frozenPlan!.nodes.find((n) => n.code === 'A.3')!.indicators[0]!.measurement;
    return m.state === 'measured' && m.actual?.kind === 'number' ? m.actual.value.toString() : JSON.stringify(m);
  }

  const nothingMoved = (planId: string): Promise<void> => movedNothing(t, planId, controller);

  function refusedAsUnseen(reply: Reply, language: 'it' | 'en', changed?: readonly string[]): void {
    expect(reply.status, reply.text).toBe(409);
    expect(reply.body.error).toMatchObject({ code: 'conflict', message: CHANGED[language], params: { relazione: 'changed-since-shown' }, details: { reason: 'changed-since-shown', seen: true } });
    if (changed === undefined) expect(reply.body.error.details).not.toHaveProperty('changed');
    else expect(reply.body.error.details.changed).toEqual(changed);
  }

  it('refuses a validation of a year end corrected and closed again after the screen read it, nothing moved; validates once read again', async () => {
    const planId = await withTheOiv();
    const seen = await seenBy(oiv, planId);
    // The office reopens the year end, corrects A.3 (206 when the OIV read it), closes it again.
    await correctA3(planId, controller, controller, 9, 'Dato corretto');
    refusedAsUnseen(await decide(planId, { to: 'validated', seen }, 'en'), 'en', ['plan-changed-since']);
    refusedAsUnseen(await decide(planId, { to: 'validated_with_reservations', seen }, 'it'), 'it', ['plan-changed-since']);
    await nothingMoved(planId);
    // Read again: what the screen shows now is what is validated.
    const again = await seenBy(oiv, planId);
    expect(again).not.toBe(seen);
    const validated = await decide(planId, { to: 'validated', seen: again });
    expect(validated.status, validated.text).toBe(200);
    expect(validated.body).toMatchObject({ state: 'validated', frozen: true, seen: null });
    expect(await frozenA3(planId)).toBe('9');
  });

  it('names what changed: a variance explained after the screen read it', async () => {
    const planId = await withTheOiv();
    const seen = await seenBy(oiv, planId);
    await varianceExplained(controller, planId);
    refusedAsUnseen(await decide(planId, { to: 'validated', seen }, 'it'), 'it', ['variances-changed-since']);
    await nothingMoved(planId);
    // A digest this server did not make: refused, what changed not told.
    refusedAsUnseen(await decide(planId, { to: 'validated', seen: 'not-a-digest' }, 'en'), 'en');
    await nothingMoved(planId);
  });

  it('validates when a value is saved in another period after the screen read it: the year end is as it showed it', async () => {
    const planId = await withTheOiv();
    const seen = await seenBy(oiv, planId);
    const a3 = objective((await controller.get(`/api/plans/${planId}/tree?period=${MID_YEAR}`)).body, 'A.3').indicators[0];
    const saved = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(a3.id)}/measurements/${MID_YEAR}`, { state: 'measured', actual: 3, version: a3.version });
    expect(saved.status, saved.text).toBe(200);
    // The mid-year value changes nothing the Relazione shows: the same digest.
    expect(await seenBy(oiv, planId)).toBe(seen);
    const validated = await decide(planId, { to: 'validated', seen });
    expect(validated.status, validated.text).toBe(200);
    expect(validated.body).toMatchObject({ state: 'validated', frozen: true });
    expect(await frozenA3(planId)).toBe('206');
  });

  it("keeps the plan's part of `seen` per data version: a value saved changes it, a read that changed nothing does not make it again", async () => {
    const planId = await withTheOiv();
    const made = vi.mocked(planToJson);
    /** `seen` as read, and how many times that read made the plan's JSON. */
    const read = async (): Promise<[string, number]> => {
      const before = made.mock.calls.length;
      const seen = await seenBy(oiv, planId);
      return [seen, made.mock.calls.length - before];
    };
    const [closed] = await read();
    expect((await read())[1]).toBe(0);
    // The year end reopened (read live from now on), A.3 corrected: the cached evaluation takes the value in place.
    const transition = `/api/plans/${planId}/periods/${YEAR_END}/transition`;
    expect((await controller.request('POST', transition, { to: 'collecting', reason: 'Dato corretto' })).status).toBe(200);
    const [reopened, onReopening] = await read();
    expect(onReopening).toBe(1);
    expect((await read())[1]).toBe(0);
    const a3 = objective((await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body, 'A.3').indicators[0];
    const saved = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(a3.id)}/measurements/${YEAR_END}`, { state: 'measured', actual: 9, version: a3.version });
    expect(saved.status, saved.text).toBe(200);
    const [corrected, onSave] = await read();
    expect(corrected).not.toBe(reopened);
    expect(corrected.split('.')[1]).not.toBe(reopened.split('.')[1]);
    expect(onSave).toBe(1);
    expect(await read()).toEqual([corrected, 0]);
    // Closed again with the corrected value: the Relazione the OIV would validate is the corrected one.
    expect((await controller.request('POST', transition, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const [closedAgain] = await read();
    expect(closedAgain).toBe(corrected);
    expect(closedAgain).not.toBe(closed);
  });

  it('without `seen`, validates the year end as it stands when the decision arrives, as before', async () => {
    const planId = await withTheOiv();
    await seenBy(oiv, planId);
    await correctA3(planId, controller, controller, 9, 'Dato corretto');
    const validated = await decide(planId, { to: 'validated' });
    expect(validated.status, validated.text).toBe(200);
    expect(await frozenA3(planId)).toBe('9');
  });

  it('carries `seen` only while the Relazione is with the OIV; a decision not to validate freezes nothing and is not refused for it', async () => {
    const planId = await t.importFixture();
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await oiv.get(`/api/plans/${planId}/relazione`)).body.seen).toBeNull();
    await transmitAndReview(planId, controller, oiv);
    // Every reader gets it, the office as the OIV.
    const seen = await seenBy(controller, planId);
    expect(await seenBy(oiv, planId)).toBe(seen);
    await correctA3(planId, controller, controller, 9, 'Dato corretto');
    const sentBack = await decide(planId, { to: 'not_validated', reason: 'dati da integrare', seen });
    expect(sentBack.status, sentBack.text).toBe(200);
    expect(sentBack.body).toMatchObject({ state: 'not_validated', seen: null });
  });
});
