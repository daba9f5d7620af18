/**
 * The planning office's year, through HTTP on SQLite and PostgreSQL, where it went wrong before:
 * - a revision (or its approving act) dated before the act that adopted the plan was taken, and
 *   stood so in the register and the Relazione; now refused (422) at the field, in Italian and English;
 * - the register named a renamed plan by its database id ("Piano 468dea0a-…: titolo …");
 * - an objective coded as the API allows (`1.1`, `a.2.1`, `OB-3`) made the plan's own workbook
 *   unreadable: its export was refused on import ("non è un codice come A, A.1 o A.1.1").
 * Throughout, the validated period's figures stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, figures, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const ACT = { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' };
const MID_YEAR = '2024-06-30';

describe.each<Backend>(['sqlite', 'postgres'])('the plan across the year on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let validated: unknown;
  const plan = () => `/api/plans/${enc(planId)}`;
  const validatedFigures = async () => figures((await controller.get(`${plan()}/tree?period=${MID_YEAR}`)).body);

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    expect((await controller.request('POST', `${plan()}/adopt`, { act: ACT })).status).toBe(200);
    // The mid-year period closed and validated as it stands: every later step must leave it so.
    const oiv = await t.as('oiv');
    for (const [who, to] of [
      [controller, 'collecting'],
      [controller, 'closed'],
      [oiv, 'validated'],
    ] as const) {
      const moved = await who.request('POST', `${plan()}/periods/${MID_YEAR}/transition`, { to });
      expect(moved.status, moved.text).toBe(200);
    }
    validated = await validatedFigures();
  }, 120_000);
  afterAll(async () => t?.close());

  it('refuses a revision, or its approving act, dated before the adoption, at the field and in the reader’s language', async () => {
    const early = await controller.request('POST', `${plan()}/revisions?lang=it`, { reason: 'Rimodulazione', date: '2023-12-01' });
    expect(early.status, early.text).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'revision-before-adoption', details: { field: 'date' } });
    expect(early.body.error.message).toBe(
      "la data della variazione è il 01/12/2023, prima dell'adozione del piano (30/01/2024): una variazione modifica il piano adottato, quindi viene dopo",
    );
    const earlyAct = await controller.request('POST', `${plan()}/revisions?lang=en`, { reason: 'Rimodulazione', act: { ...ACT, number: '3', date: '2024-01-02' } });
    expect(earlyAct.status, earlyAct.text).toBe(422);
    expect(earlyAct.body.error).toMatchObject({ code: 'revision-before-adoption', details: { field: 'act.date' } });
    expect(earlyAct.body.error.message).toBe("the revision's approving act is dated 02/01/2024, before the plan's adoption (30/01/2024): a revision changes the adopted plan, so it comes after it");
    // Nothing was opened by either.
    expect((await controller.get(`${plan()}/revisions`)).body).toEqual([]);

    // The day of the adoption itself is fine; a correction or an approval dated before it is not.
    const opened = await controller.request('POST', `${plan()}/revisions`, { reason: 'Rimodulazione di luglio', date: '2024-01-30' });
    expect(opened.status, opened.text).toBe(201);
    const moved = await controller.request('PATCH', `${plan()}/revisions/1`, { date: '2024-01-29' });
    expect(moved.status, moved.text).toBe(422);
    expect(moved.body.error).toMatchObject({ code: 'revision-before-adoption', details: { field: 'date' } });
    expect((await controller.request('PATCH', `${plan()}/revisions/1`, { date: '2024-07-15' })).status).toBe(200);
    const renamed = await controller.request('PATCH', plan(), { title: 'Albero performance 2024 (rimodulato)' });
    expect(renamed.status, renamed.text).toBe(200);
    const approvedEarly = await controller.request('POST', `${plan()}/revisions/1/approve`, { act: { ...ACT, number: '40', date: '2023-07-20' } });
    expect(approvedEarly.status, approvedEarly.text).toBe(422);
    expect(approvedEarly.body.error).toMatchObject({ code: 'revision-before-adoption', details: { field: 'act.date' } });
    expect((await controller.get(`${plan()}/revisions/1`)).body).toMatchObject({ status: 'open', date: '2024-07-15', act: null });
    const approved = await controller.request('POST', `${plan()}/revisions/1/approve`, { act: { ...ACT, number: '40', date: '2024-07-20' } });
    expect(approved.status, approved.text).toBe(200);
    expect(await validatedFigures()).toEqual(validated);
  });

  it('names the plan in the register by its word, not by its database id', async () => {
    // A plan of its own (another body's), adopted and renamed by a revision.
    const other = await t.importFixture();
    const path = `/api/plans/${enc(other)}`;
    expect((await controller.request('POST', `${path}/adopt`, { act: ACT })).status).toBe(200);
    expect((await controller.request('POST', `${path}/revisions`, { reason: 'Nuovo titolo', date: '2024-07-15' })).status).toBe(201);
    expect((await controller.request('PATCH', path, { title: 'Albero performance 2024 (rimodulato)' })).status).toBe(200);
    expect((await controller.request('POST', `${path}/revisions/1/approve`, { act: { ...ACT, number: '40', date: '2024-07-20' } })).status).toBe(200);
    // The report's chapter of revisions, the Relazione's, and the audit trail say it in words.
    for (const file of [`${path}/export?format=html&period=2024-12-31`, `${path}/relazione/export?format=html`]) {
      const page = await controller.get(file);
      expect(page.status, file).toBe(200);
      expect(page.text, file).toContain('Piano: titolo Albero performance 2024 → Albero performance 2024 (rimodulato)');
      expect(page.text, file).not.toContain(other);
    }
    const trail = await controller.get(`/api/audit?planId=${enc(other)}&lang=en`);
    expect(trail.status, trail.text).toBe(200);
    const said = JSON.stringify(trail.body);
    expect(said).toContain('Plan: title Albero performance 2024 → Albero performance 2024 (rimodulato)');
    expect(said).not.toContain(`Plan ${other}`);
  });

  it('takes back its own workbook when its objectives are coded as the API allows', async () => {
    // A draft of its own (another body's): changed freely.
    const draft = `/api/plans/${enc(await t.importFixture())}`;
    for (const code of ['1.1', 'a.2.1', 'OB-3_bis']) {
      const added = await controller.request('POST', `${draft}/nodes`, { code, title: `Obiettivo ${code}`, parent: 'A.2', weight: 5 });
      expect(added.status, added.text).toBe(201);
      const indicator = await controller.request('POST', `${draft}/nodes/${enc(code)}/indicators`, { name: `KPI di ${code}`, weight: 100, comparator: '>=', target: 3, unit: 'number' });
      expect(indicator.status, indicator.text).toBe(201);
    }
    const exported = await fetch(`${t.url}${draft}/export?format=xlsx&period=2024-12-31`, { headers: { cookie: controller.cookie! } });
    expect(exported.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([await exported.arrayBuffer()]), 'piano.xlsx');
    form.append('title', 'Piano ripreso dal suo file');
    form.append('year', '2030');
    const imported = await controller.request('POST', '/api/plans/import?lang=it', form);
    expect(imported.status, imported.text).toBe(201);
    const tree = (await controller.get(`/api/plans/${enc(imported.body.plan.id)}/tree`)).body;
    for (const code of ['1.1', 'a.2.1', 'OB-3_bis']) {
      expect(tree.objectives.find((o: any) => o.code === code)).toMatchObject({ parent: 'A.2', title: `Obiettivo ${code}`, indicators: [{ name: `KPI di ${code}`, targetText: '3' }] });
    }
    expect(await validatedFigures()).toEqual(validated);
  });
});
