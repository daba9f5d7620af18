/**
 * A read of the Relazione pays once per change: what it computes (the generated texts, the reading
 * of the OIV's validated values, the plan frozen by a validation evaluated, the year end's plan
 * copied for `seen`, last year's figures) is kept while what it was computed from is the same, and
 * made again at once when that moves. Counted by spies on the functions that compute them: a read
 * with nothing changed computes nothing again; a saved value, a review changed, a text edited, a unit
 * renamed (the year end closed again), the OIV's decision, last year's Relazione validated are each
 * seen in the very next read. Through HTTP, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { evaluatePlan, Evaluation } from '../../src/core/evaluation.js';
import { generatedTexts } from '../../src/io/relazione/index.js';
import { planToJson } from '../../src/store/codec.js';
import { MID_YEAR, relazioneWithTheOiv } from '../support/relazione-oiv.js';
import { closedYearAndNext, correctA3, enc, objective, REFERENTE_UNIT, type Backend, type Client, type TestServer } from './harness.js';

vi.mock('../../src/store/codec.js', async (original) => {
  const codec = await original<typeof import('../../src/store/codec.js')>();
  return { ...codec, planToJson: vi.fn(codec.planToJson) };
});
vi.mock('../../src/io/relazione/index.js', async (original) => {
  const relazione = await original<typeof import('../../src/io/relazione/index.js')>();
  return { ...relazione, generatedTexts: vi.fn(relazione.generatedTexts) };
});
vi.mock('../../src/core/evaluation.js', async (original) => {
  const evaluation = await original<typeof import('../../src/core/evaluation.js')>();
  return { ...evaluation, evaluatePlan: vi.fn(evaluation.evaluatePlan) };
});

/** How many times each computation ran since `since` (the counts `counts()` took then). */
interface Work {
  readonly generated: number;
  readonly evaluations: number;
  readonly planCopies: number;
  readonly planJson: number;
}

const NOTHING: Work = { generated: 0, evaluations: 0, planCopies: 0, planJson: 0 };

describe.each<Backend>(['sqlite', 'postgres'])("the Relazione's read pays once per change, on %s", (backend) => {
  let t: TestServer;
  /** 2024: adopted, its year end closed, its Relazione with the OIV (A.3 validated at 80). */
  let before: string;
  /** 2025, made from 2024: its year end closed, its Relazione a draft comparing with 2024. */
  let after: string;
  let controller: Client;
  let oiv: Client;
  let admin: Client;
  const copies = vi.spyOn(Evaluation.prototype, 'currentPlan');
  beforeAll(async () => {
    const review = [{ code: 'A.3', validated: 80, note: 'Le aggregazioni documentate sono meno di quelle dichiarate.' }];
    ({ t, before, planId: after, controller, oiv, admin } = await closedYearAndNext(backend, { review }));
  });
  afterAll(async () => t?.close());

  const counts = (): Work => ({
    generated: vi.mocked(generatedTexts).mock.calls.length,
    evaluations: vi.mocked(evaluatePlan).mock.calls.length,
    planCopies: copies.mock.calls.length,
    planJson: vi.mocked(planToJson).mock.calls.length,
  });

  /** The Relazione of `planId` as `reader` reads it, and what that read computed. */
  async function read(planId: string, reader: Client = oiv): Promise<[Record<string, any>, Work]> {
    const was = counts();
    const res = await reader.get(`/api/plans/${planId}/relazione`);
    expect(res.status, res.text).toBe(200);
    const now = counts();
    return [res.body, { generated: now.generated - was.generated, evaluations: now.evaluations - was.evaluations, planCopies: now.planCopies - was.planCopies, planJson: now.planJson - was.planJson }];
  }

  /** A read with nothing changed since the last: the same answer, nothing computed again. */
  async function readAgain(planId: string, answer: Record<string, any>, reader: Client = oiv): Promise<void> {
    const [again, work] = await read(planId, reader);
    expect(work).toEqual(NOTHING);
    expect(again).toEqual(answer);
  }

  it("a value saved in another period: nothing computed again, the closed year end's header read once at the plan's new version", async () => {
    const planId = await relazioneWithTheOiv(t, controller, oiv);
    const headers = vi.spyOn(t.server.store, 'periodHeader');
    const [shown] = await read(planId);
    await readAgain(planId, shown);
    const a3 = objective((await controller.get(`/api/plans/${planId}/tree?period=${MID_YEAR}`)).body, 'A.3').indicators[0];
    const saved = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(a3.id)}/measurements/${MID_YEAR}`, { state: 'measured', actual: 3, version: a3.version });
    expect(saved.status, saved.text).toBe(200);
    const was = headers.mock.calls.length;
    const [afterSave, onSave] = await read(planId);
    expect(onSave).toEqual(NOTHING);
    expect(afterSave).toEqual(shown);
    expect(headers.mock.calls.length - was).toBe(1);
    // Read again at that version: the year end's closing is known current there (it was read at every read).
    await readAgain(planId, afterSave);
    expect(headers.mock.calls.length - was).toBe(1);
  });

  it("the OIV's screen: nothing again on a second read; a review changed, a unit renamed with a value corrected each seen at once", async () => {
    const [first] = await read(before);
    expect(first.values).toMatchObject([{ code: 'A.3', validated: 80 }]);
    await readAgain(before, first);

    // The OIV changes its review: the values read again against the same year end, the texts not made again.
    const checklist = first.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    const values = [{ code: 'A.3', validated: 70, note: 'Rivisto.' }];
    const reviewed = await oiv.request('PUT', `/api/plans/${before}/relazione/review`, { note: 'Verificato.', reservations: '', checklist, values, version: first.version });
    expect(reviewed.status, reviewed.text).toBe(200);
    const [review, onReview] = await read(before);
    expect(review.values).toMatchObject([{ code: 'A.3', validated: 70 }]);
    expect(onReview).toEqual(NOTHING);
    await readAgain(before, review);

    // A.3's unit renamed, A.3 corrected (206 → 9 against 10) and the year end closed again: the
    // figures, the generated texts and the units of `seen` are the new ones, at the very next read.
    const unit = ((await admin.get('/api/units')).body as { id: string; name: string; version: number }[]).find((u) => u.name === REFERENTE_UNIT)!;
    expect((await admin.request('PATCH', `/api/units/${unit.id}`, { name: 'Ufficio Transizione Digitale', version: unit.version })).status).toBe(200);
    await correctA3(before, controller, controller, 9, 'Dato corretto');
    const [corrected, onCorrection] = await read(before);
    expect(onCorrection.generated).toBe(1);
    expect(corrected.generated).not.toEqual(review.generated);
    const [seenWas, seenNow] = [review.seen.split('.'), corrected.seen.split('.')];
    expect(seenNow[1]).not.toBe(seenWas[1]);
    expect(seenNow[3]).not.toBe(seenWas[3]);
    await readAgain(before, corrected);
  });

  it("the office's draft: a text edited, a value saved at the year end and last year's Relazione validated each seen at once", async () => {
    const [draft] = await read(after, controller);
    expect(draft.previousYear).toMatchObject({ year: 2024, source: { kind: 'reported' } });
    await readAgain(after, draft, controller);

    // A text edited: the answer carries it, nothing computed again.
    const edited = await controller.request('PUT', `/api/plans/${after}/relazione/texts`, { texts: { 'contesto-esterno': 'Un anno di transizione.' }, version: draft.version });
    expect(edited.status, edited.text).toBe(200);
    const [withText, onText] = await read(after, controller);
    expect(withText.texts).toEqual({ 'contesto-esterno': 'Un anno di transizione.' });
    expect(onText).toEqual(NOTHING);
    await readAgain(after, withText, controller);

    // The year end reopened and A.3 saved again (9 → 12 against 10): the generated texts follow.
    const transition = `/api/plans/${after}/periods/2025-12-31/transition`;
    expect((await controller.request('POST', transition, { to: 'collecting', reason: 'Dato da rivedere' })).status).toBe(200);
    const [reopened] = await read(after, controller);
    const a3 = objective((await controller.get(`/api/plans/${after}/tree?period=2025-12-31`)).body, 'A.3').indicators[0];
    const saved = await controller.request('PUT', `/api/plans/${after}/indicators/${enc(a3.id)}/measurements/2025-12-31`, { state: 'measured', actual: 12, version: a3.version });
    expect(saved.status, saved.text).toBe(200);
    const [resaved, onSave] = await read(after, controller);
    expect(onSave.generated).toBe(1);
    expect(resaved.generated).not.toEqual(reopened.generated);
    await readAgain(after, resaved, controller);
    expect((await controller.request('POST', transition, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const [closed] = await read(after, controller);
    await readAgain(after, closed, controller);

    // Last year's Relazione validated: this year's comparison reads what the OIV validated, at once.
    const last = (await oiv.get(`/api/plans/${before}/relazione`)).body;
    const decided = await oiv.request('POST', `/api/plans/${before}/relazione/transition`, { to: 'validated', seen: last.seen });
    expect(decided.status, decided.text).toBe(200);
    const [compared, onValidation] = await read(after, controller);
    expect(compared.previousYear).toMatchObject({ year: 2024, source: { kind: 'validated' } });
    expect(onValidation.generated).toBe(1);
    expect(onValidation.evaluations).toBe(1);
    await readAgain(after, compared, controller);

    // And last year's validated Relazione itself: its frozen plan evaluated once, not at every read.
    const [frozen] = await read(before);
    expect(frozen).toMatchObject({ state: 'validated', frozen: true, seen: null });
    await readAgain(before, frozen);
  });
});
