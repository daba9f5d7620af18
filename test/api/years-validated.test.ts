/**
 * An objective's years say the figure the OIV validated, as that year's tree and pages do: 2024's
 * Relazione validated with reservations, B.1 at 50% (reported 56%) and B following it at 78,75%
 * (reported 80,25%, green); read from 2025's plan, 2024's row gave the reported 56% and 80,25%
 * alone, under a year end said «validated», while 2024's own screen, its transparency pages and the
 * appraisal forms hold 50% and 78,75%. The office reads the validated figure once the OIV decided;
 * the public once the Relazione is published, as its tree. An objective the OIV left as reported,
 * and an indicator, carry none. Over HTTP, on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

const row2024 = (doc: any) => doc.years.find((y: any) => y.year === 2024);

describe.each<Backend>(['sqlite', 'postgres'])("an objective's years after the OIV validated another figure, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let next: string;
  let controller: Client;
  let oiv: Client;
  let citizen: Client;
  const years = (who: Client, code: string) => who.get(`/api/plans/${next}/nodes/${code}/years`);

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    oiv = await t.as('oiv');
    citizen = await t.as('public');
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    const made = await controller.request('POST', `/api/plans/${planId}/next-year`, { year: 2025 });
    expect(made.status, made.text).toBe(201);
    next = made.body.id;
    expect((await controller.request('PATCH', `/api/plans/${next}`, { published: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('gives the validated figure beside the reported one, to the public once published', async () => {
    // Before the decision: the reported figures, nothing validated.
    const before = row2024((await years(controller, 'B.1')).body);
    expect(before).toMatchObject({ performance: 56, band: 'red' });
    expect(before.validated ?? null).toBeNull();

    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const saved = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, {
      note: 'Esito della verifica.',
      reservations: 'Dati del PID da documentare.',
      checklist: current.checklist.map((p: any) => ({ ...p, outcome: 'yes' })),
      values: [{ code: 'B.1', validated: 50, note: 'Il trend dei partecipanti al PID non è documentato.' }],
      version: current.version,
    });
    expect(saved.status, saved.text).toBe(200);
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated_with_reservations' });
    expect(decided.status, decided.text).toBe(200);

    // The office: the OIV's figure, as 2024's tree states it, the reported one kept beside it.
    const b1 = row2024((await years(controller, 'B.1')).body);
    expect(b1).toMatchObject({ period: { id: YEAR_END, state: 'validated' }, performance: 56, band: 'red', validated: { performance: 50, band: 'red', reservations: true } });
    expect(row2024((await years(controller, 'B')).body)).toMatchObject({ performance: 80.25, band: 'green', validated: { performance: 78.75, band: 'yellow', reservations: true } });
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    expect(tree.validation.objectives.find((o: any) => o.code === 'B.1').validated).toBe(b1.validated.performance);
    // An objective the OIV left as reported, this year's row and an indicator: none.
    expect(row2024((await years(controller, 'A.2')).body).validated).toBeNull();
    expect((await years(controller, 'B.1')).body.years.find((y: any) => y.year === 2025).validated).toBeNull();
    const indicator = tree.objectives.find((o: any) => o.code === 'B.1').indicators[0].id;
    const indicatorYears = (await controller.get(`/api/plans/${next}/indicators/${encodeURIComponent(indicator)}/years`)).body;
    expect(indicatorYears.years.every((y: any) => y.validated === null)).toBe(true);

    // The public: the reported figure until the Relazione is published, as its tree.
    expect(row2024((await years(citizen, 'B.1')).body)).toMatchObject({ performance: 56, validated: null });
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);
    expect(row2024((await years(citizen, 'B.1')).body)).toMatchObject({ performance: 56, validated: { performance: 50, band: 'red', reservations: true } });
  });
});
