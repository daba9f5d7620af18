/**
 * The planning office's year, through HTTP on SQLite and PostgreSQL, where it went wrong before:
 * - a revision (or its approving act) dated before the act that adopted the plan was taken, and
 *   stood so in the register and the Relazione; now refused (422) at the field, in Italian and English;
 * - the register named a renamed plan by its database id ("Piano 468dea0a-…: titolo …");
 * - an objective coded as the API allows (`1.1`, `a.2.1`, `OB-3`) made the plan's own workbook
 *   unreadable: its export was refused on import ("non è un codice come A, A.1 o A.1.1");
 * - a baseline of a year after the plan's (2027 for the 2024 plan) was taken;
 * - the published table saved as CSV (the import form offers .csv) was refused for a "missing"
 *   header row it had; now read as the tab-separated table, each mistake at its line and column.
 * Throughout, the validated period's figures stay as they were.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE } from '../helpers.js';
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
    expect(early.body.error.message).toBe("la data della variazione è il 01/12/2023, prima dell'adozione del piano (30/01/2024): una variazione modifica il piano adottato, quindi viene dopo");
    const earlyAct = await controller.request('POST', `${plan()}/revisions?lang=en`, { reason: 'Rimodulazione', act: { ...ACT, number: '3', date: '2024-01-02' } });
    expect(earlyAct.status, earlyAct.text).toBe(422);
    expect(earlyAct.body.error).toMatchObject({ code: 'revision-before-adoption', details: { field: 'act.date' } });
    expect(earlyAct.body.error.message).toBe("the revision's approving act is dated 02/01/2024, before the plan's adoption (30/01/2024): a revision changes the adopted plan, so it comes after it");
    // Nothing was opened by either.
    expect((await controller.get(`${plan()}/revisions`)).body).toEqual([]);

    // The day of the adoption itself is fine; a correction or an approval dated before it is not.
    const opened = await controller.request('POST', `${plan()}/revisions`, { reason: 'Rimodulazione di luglio', date: '2024-01-30' });
    expect(opened.status, opened.text).toBe(201);
    // A second one waits for it; in English the revision's number is said as the register says it ("no.").
    const second = await controller.request('POST', `${plan()}/revisions?lang=en`, { reason: 'Altra' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe('revision no. 1 is open: approve or discard it before opening another');
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

  it('imports the published table saved as CSV, and refuses one with mistakes naming file, line and column in the reader’s language', async () => {
    const csv = readFileSync(FIXTURE, 'utf8')
      .split(/\r?\n/)
      .map((line) =>
        line
          .split('\t')
          .map((cell) => (/[;"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
          .join(';'),
      )
      .join('\r\n');
    const upload = (text: string, name: string, year: string) => {
      const form = new FormData();
      form.append('file', new Blob([text]), name);
      form.append('year', year);
      return form;
    };
    // A target typed in words, and a weight without a number, on the rows of A.1.1 (lines 11 and 12 of the file).
    const lines = csv.split('\r\n');
    lines[10] = lines[10]!.replace(';1;4;', ';uno;4;');
    lines[11] = lines[11]!.replace(';30% >=;', ';trenta >=;');
    for (const [lang, target, weight] of [
      ['it', ['albero.csv', 11, 'Target', '«uno» non è un numero'], ['albero.csv', 12, 'Peso', 'il Peso «trenta >=» non è un peso']],
      ['en', ['albero.csv', 11, 'Target', '“uno” is not a number'], ['albero.csv', 12, 'Peso', 'the Peso “trenta >=” is not a weight']],
    ] as const) {
      const refused = await controller.request('POST', `/api/plans/import?lang=${lang}`, upload(lines.join('\r\n'), 'albero.csv', '2031'));
      expect(refused.status, refused.text).toBe(422);
      const errors = refused.body.error.issues.filter((i: any) => i.severity === 'error');
      expect(errors.map((i: any) => [i.location.file, i.location.line, i.location.column])).toEqual([target.slice(0, 3), weight.slice(0, 3)]);
      expect(errors[0].message).toContain(target[3]);
      expect(errors[1].message).toContain(weight[3]);
    }
    const imported = await controller.request('POST', '/api/plans/import', upload(csv, 'albero.csv', '2031'));
    expect(imported.status, imported.text).toBe(201);
    const fromCsv = (await controller.get(`/api/plans/${enc(imported.body.plan.id)}/tree`)).body;
    const fromText = (await controller.get(`/api/plans/${enc(await t.importFixture())}/tree`)).body;
    // The same plan, scored the same (its years and times aside).
    const scored = (tree: any) => ({
      summary: tree.summary,
      objectives: tree.objectives.map((o: any) => ({
        code: o.code,
        title: o.title,
        weight: o.weight,
        performance: o.performance,
        band: o.band,
        indicators: o.indicators.map((i: any) => [i.name, i.weight, i.targetText, i.actualText, i.state, i.performance]),
      })),
    });
    expect(fromCsv.objectives.length).toBe(49);
    expect(scored(fromCsv)).toEqual(scored(fromText));
    expect(await validatedFigures()).toEqual(validated);
  });

  it('refuses a baseline of a year after the plan’s, at its field, in Italian and English', async () => {
    const draft = `/api/plans/${enc(await t.importFixture())}`;
    const added = await controller.request('POST', `${draft}/nodes/A.2.1/indicators?lang=it`, {
      name: 'Imprese accompagnate',
      weight: 0,
      comparator: '>=',
      target: 10,
      unit: 'number',
      baseline: 8,
      baselineYear: 2027,
    });
    expect(added.status, added.text).toBe(400);
    expect(added.body.error.issues.map((i: any) => [i.location.field, i.message])).toEqual([
      ['baselineYear', "baselineYear: la baseline è l'ultimo valore noto quando si fa il piano: un anno fino al 2024, l'anno del piano"],
    ]);
    const tree = (await controller.get(`${draft}/tree`)).body;
    const indicator = tree.objectives.find((o: any) => o.code === 'A.2.1').indicators[0];
    const later = await controller.request('PATCH', `${draft}/indicators/${enc(indicator.id)}?lang=en`, { baseline: 3, baselineYear: 2025, version: indicator.definitionVersion });
    expect(later.status, later.text).toBe(400);
    expect(later.body.error.issues.map((i: any) => [i.location.field, i.message])).toEqual([
      ['baselineYear', "baselineYear: the baseline is the last value known when the plan is made: a year up to 2024, the plan's year"],
    ]);
    // Nothing stored by either; the plan's own year, or an earlier one, is taken.
    expect((await controller.get(`${draft}/tree`)).body.objectives.find((o: any) => o.code === 'A.2.1').indicators.length).toBe(3);
    for (const year of [2024, 2023]) {
      const read = (await controller.get(`${draft}/tree`)).body.objectives.find((o: any) => o.code === 'A.2.1').indicators[0];
      const taken = await controller.request('PATCH', `${draft}/indicators/${enc(indicator.id)}`, { baseline: 3, baselineYear: year, version: read.definitionVersion });
      expect(taken.status, taken.text).toBe(200);
    }
  });

  it('takes back its own workbook when its objectives are coded as the API allows', async () => {
    // A draft of its own (another body's): changed freely.
    const draft = `/api/plans/${enc(await t.importFixture())}`;
    for (const code of ['1.1', 'a.2.7', 'OB-3_bis']) {
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
    for (const code of ['1.1', 'a.2.7', 'OB-3_bis']) {
      expect(tree.objectives.find((o: any) => o.code === code)).toMatchObject({ parent: 'A.2', title: `Obiettivo ${code}`, indicators: [{ name: `KPI di ${code}`, targetText: '3' }] });
    }
    expect(await validatedFigures()).toEqual(validated);
  });
});
