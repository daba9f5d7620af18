/**
 * A form's unit assignments the year cannot count are refused when given, at their field, in the
 * reader's language: a part-time of 150% or 0%, an assignment ending before it starts, two at once
 * above full time (each stretch of days above it). Before, the form was kept with them: it could
 * never be acknowledged ("the form has problems to fix"), the web app has no screen to mend
 * assignments, and HR could not create another form for that person and year (409 duplicate).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth.js';
import { SYSTEM } from '../../src/store/index.js';
import { Client, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('unit assignments of an appraisal form on %s', (backend) => {
  let t: TestServer;
  let hr: Client;
  let unitId: string;
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
    unitId = (await t.server.store.listUnits()).find((u) => u.name === REFERENTE_UNIT)!.id;
  });
  afterAll(async () => t?.close());

  const create = (assignments: unknown[], language = 'en') =>
    hr.request('POST', '/api/appraisals', { year: 2024, personId: ids.impiegato, evaluatorId: ids.valutatrice, category: 'personale', assignments }, { 'accept-language': language });

  it('refuses at its field what the year cannot count, and nothing is kept', async () => {
    const over = await create([{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 150 }], 'it');
    expect(over.status, over.text).toBe(422);
    expect(over.body.error).toMatchObject({
      code: 'part-time',
      message: `${REFERENTE_UNIT}: la percentuale di part-time deve essere sopra 0 e al più 100`,
      issues: [expect.objectContaining({ code: 'part-time', location: { field: 'assignments.0.partTime' } })],
    });
    const none = await create([{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 0 }]);
    expect(none.status).toBe(422);
    expect(none.body.error.issues[0]).toMatchObject({ code: 'part-time', message: `${REFERENTE_UNIT}: the part-time percentage must be above 0 and at most 100` });
    const backwards = await create([{ unitId, from: '2024-10-01', to: '2024-03-01' }]);
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.issues[0]).toMatchObject({ code: 'assignment-dates', location: { field: 'assignments.0.to' } });
    const twice = await create([
      { unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 },
      { unitId, from: '2024-06-01', to: '2024-12-31', partTime: 50 },
    ]);
    expect(twice.status).toBe(422);
    expect(twice.body.error.issues).toEqual([
      expect.objectContaining({
        code: 'assignments-overlap',
        message: `from 01/06/2024 to 31/12/2024 the assignments to ${REFERENTE_UNIT} add up to 150% of full time`,
        location: { field: 'assignments.1.from' },
      }),
    ]);
    // Every stretch over full time is said, at its assignment, in the reader's language (before: only the first day of the first).
    const stretches = await create(
      [
        { unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 },
        { unitId, from: '2024-03-01', to: '2024-03-31', partTime: 50 },
        { unitId, from: '2024-10-01', to: '2024-10-01', partTime: 20 },
      ],
      'it',
    );
    expect(stretches.status).toBe(422);
    expect(stretches.body.error.issues.map((i: { code: string; message: string; location: unknown }) => [i.code, i.message, i.location])).toEqual([
      ['assignments-overlap', `dal 01/03/2024 al 31/03/2024 le assegnazioni a ${REFERENTE_UNIT} sommano al 150% del tempo pieno`, { field: 'assignments.1.from' }],
      ['assignments-overlap', `il 01/10/2024 le assegnazioni a ${REFERENTE_UNIT} sommano al 120% del tempo pieno`, { field: 'assignments.2.from' }],
    ]);
    // Nothing was kept: the person's form for the year is still to be made, and is.
    expect((await hr.get('/api/appraisals?year=2024')).body).toEqual([]);
    const made = await create([{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 50 }]);
    expect(made.status, made.text).toBe(201);

    // A change of the assignments is held to the same rule; the form keeps what it had.
    const patched = await hr.request('PATCH', `/api/appraisals/${made.body.id}`, { version: made.body.version, assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 101 }] });
    expect(patched.status).toBe(422);
    expect(patched.body.error.issues[0]).toMatchObject({ code: 'part-time', location: { field: 'assignments.0.partTime' } });
    expect((await hr.get(`/api/appraisals/${made.body.id}`)).body.assignments).toEqual([{ unitId, unit: REFERENTE_UNIT, from: '2024-01-01', to: '2024-12-31', partTime: 50 }]);
  });
});
