/**
 * An individual objective's date target falls within the form's year, on SQLite and PostgreSQL:
 * a target of 30/09/2099 (or 2023) on a 2024 form is refused at its field, in the reader's
 * language, when the form is made and when its objectives change. Before, it was kept without a
 * word and scored as typed: a completion in 2024 "met" a 2099 deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth.js';
import { SYSTEM } from '../../src/store/index.js';
import { PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])("individual objectives' date targets on %s", (backend) => {
  let t: TestServer;
  let hr: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer(backend);
    hr = await t.as('personale');
    const hash = await hashPassword(PASSWORD);
    for (const username of ['valutatrice', 'impiegato']) {
      const u = await t.server.store.createUser({ username, displayName: username, role: 'referente', units: [REFERENTE_UNIT], passwordHash: hash }, SYSTEM);
      if (!u.ok) throw new Error(u.error.message);
      ids[username] = u.value.id;
    }
  });
  afterAll(async () => t?.close());

  const objective = (target: string) => ({ title: 'Chiudere le pratiche arretrate', weight: 100, comparator: '<=', unit: 'date', target });
  const create = (target: string, language = 'en') =>
    hr.request(
      'POST',
      '/api/appraisals',
      { year: 2024, personId: ids.impiegato, evaluatorId: ids.valutatrice, category: 'personale', objectives: [objective(target)] },
      { 'accept-language': language },
    );

  it("refuses at its field a date target outside the form's year, and keeps none", async () => {
    const far = await create('30/09/2099', 'it');
    expect(far.status, far.text).toBe(422);
    expect(far.body.error).toMatchObject({
      code: 'objective-target-year',
      message: "la data obiettivo 30/09/2099 non è nel 2024: la scheda valuta gli obiettivi da raggiungere entro l'anno",
      issues: [expect.objectContaining({ code: 'objective-target-year', location: { field: 'objectives.0.target' } })],
    });
    const before = await create('2023-12-31');
    expect(before.status).toBe(422);
    expect(before.body.error.issues[0]).toMatchObject({
      code: 'objective-target-year',
      message: 'the target date 31/12/2023 is not in 2024: the form appraises objectives due within its year',
      location: { field: 'objectives.0.target' },
    });
    expect((await hr.get('/api/appraisals?year=2024')).body).toEqual([]);

    // The year's first and last days are within it.
    const made = await create('31/12/2024');
    expect(made.status, made.text).toBe(201);
    expect(made.body.objectives[0]).toMatchObject({ target: '2024-12-31' });

    // A change of the objectives is held to the same rule; the form keeps what it had.
    const patched = await hr.request('PATCH', `/api/appraisals/${made.body.id}`, { version: made.body.version, objectives: [objective('2024-01-01'), objective('2025-01-01')] });
    expect(patched.status, patched.text).toBe(422);
    expect(patched.body.error.issues[0]).toMatchObject({ code: 'objective-target-year', location: { field: 'objectives.1.target' } });
    expect((await hr.get(`/api/appraisals/${made.body.id}`)).body.objectives).toEqual([expect.objectContaining({ target: '2024-12-31' })]);
  });
});
