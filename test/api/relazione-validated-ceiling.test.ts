/**
 * The OIV's validated values within what the plan's scoring can give, through HTTP on SQLite and
 * PostgreSQL. The 2024 plan scores every indicator from 0 to 100 (on/off, proportional capped at
 * 100): no objective can perform above 100, so B.1 validated at 150 is no figure of this plan.
 * Refused at its row (each row above, all at once), in the reader's language, nothing stored; at the
 * decision too, for values stored before the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/index.js';
import { SYSTEM } from '../../src/store/index.js';
import { reviewValues, startWithTheOiv } from '../support/relazione-oiv.js';
import type { Backend, Client, TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])("the OIV's validated values within the plan's scoring, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let oiv: Client;
  beforeAll(async () => ({ t, planId, oiv } = await startWithTheOiv(backend, 'transmitted')));
  afterAll(async () => t?.close());

  const review = (values: unknown[], language?: string) => reviewValues(oiv, planId, values, language);

  it('refuses every value above 100 at its row, in either language, storing nothing', async () => {
    const values = [
      { code: 'B.1', validated: 150, note: 'Obiettivo superato.' },
      { code: 'A.2.2', validated: 90, note: 'Percorsi non documentati.' },
      { code: 'A.2.1', validated: '100,01', note: 'Sportello oltre le attese.' },
    ];
    const english = await review(values);
    expect(english.status, english.text).toBe(422);
    expect(english.body.error).toMatchObject({ code: 'invalid', details: { field: 'values.0.validated', fields: ['values.0.validated', 'values.2.validated'] } });
    expect(english.body.error.message).toBe("B.1 is validated at 150.00%, but by the plan's scoring rules an objective reaches at most 100.00%: validate it at a value up to 100.00%");
    expect(english.body.error.issues).toEqual([
      expect.objectContaining({ location: { field: 'values.0.validated' }, params: { relazione: 'above-ceiling', code: 'B.1', validated: 150, ceiling: 100 } }),
      expect.objectContaining({ location: { field: 'values.2.validated' }, params: { relazione: 'above-ceiling', code: 'A.2.1', validated: 100.01, ceiling: 100 } }),
    ]);
    const italian = await review(values, 'it');
    expect(italian.status).toBe(422);
    expect(italian.body.error.message).toBe('B.1 è validato al 150,00%, ma con le regole di punteggio del piano un obiettivo arriva al massimo al 100,00%: validarlo a un valore fino al 100,00%');
    expect(italian.body.error.issues.map((i: { message: string }) => i.message)).toEqual([
      italian.body.error.message,
      'A.2.1 è validato al 100,01%, ma con le regole di punteggio del piano un obiettivo arriva al massimo al 100,00%: validarlo a un valore fino al 100,00%',
    ]);
    expect((await oiv.get(`/api/plans/${planId}/relazione`)).body.values).toEqual([]);
  });

  it('still checks the parents against the values within the ceiling beside a value above it', async () => {
    const reply = await review([
      { code: 'B.1', validated: 150, note: 'Obiettivo superato.' },
      { code: 'A.2.1', validated: '75,5', note: 'Sportello al 40%.' },
      { code: 'A.2', validated: 85, note: 'Valutazione complessiva.' },
    ]);
    expect(reply.status, reply.text).toBe(422);
    expect(reply.body.error.details.fields).toEqual(['values.0.validated', 'values.2.validated']);
    expect(reply.body.error.issues[1].params).toMatchObject({ relazione: 'differs-from-children', code: 'A.2', fromChildren: 91.43 });
  });

  it('takes a value of 100 and below', async () => {
    const reply = await review([{ code: 'B.1', validated: 100, note: 'Il trend dei partecipanti è documentato.' }]);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.values).toEqual([expect.objectContaining({ code: 'B.1', validated: 100, reported: 56 })]);
  });

  it('refuses the validation of a value above 100 stored before the check, validating nothing', async () => {
    const current = (await t.server.store.relazioni.getRelazione(planId))!;
    const checklist = current.checklist.map((p) => ({ ...p, outcome: 'yes' as const }));
    const values = [{ code: 'B.1', validated: new Decimal(150), note: 'Obiettivo superato.', deliberate: false }];
    expect((await t.server.store.relazioni.putRelazioneReview(planId, { note: '', reservations: '', checklist, values }, current.version, SYSTEM)).ok).toBe(true);
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' }, { 'accept-language': 'it' });
    expect(decided.status, decided.text).toBe(422);
    expect(decided.body.error).toMatchObject({ code: 'invalid', details: { field: 'values.0.validated' }, params: { relazione: 'above-ceiling', ceiling: 100 } });
    expect((await oiv.get(`/api/plans/${planId}/relazione`)).body.state).toBe('transmitted');
    expect((await t.server.store.relazioni.getRelazione(planId))!.frozenPlan).toBeNull();
  });
});
