/**
 * A period the controller publishes while still collecting, as the public reads it through HTTP on
 * SQLite and PostgreSQL: the adopted plan (objectives, indicators, weights, targets, baselines)
 * without a single value, performance or band, and said so, in the tree, an objective's
 * explanation, an indicator's years, a comparison, the exports (CSV, JSON, HTML, in Italian and
 * English) and the /trasparenza pages and open data. Before, the public read the values entered
 * so far, labelled provisional. The publication stays as stored (nothing migrated): once the
 * period is closed, the public reads its values, the office's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type ExcelJS from 'exceljs';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';
import { readWorkbook } from '../exchange/helpers.js';

const NOTICE_IT = 'risultati non ancora disponibili: il periodo è in corso';
const NOTICE_EN = 'results not available yet: the period is in progress';

/** Every value the tree carries: actuals, base measures, performances, bands and the summary's counts. */
function values(tree: any): unknown[] {
  const found: unknown[] = [tree.summary.green, tree.summary.yellow, tree.summary.red];
  for (const o of tree.objectives) {
    found.push(o.performance, o.band);
    for (const i of o.indicators) found.push(i.actual, i.actualText || null, i.inputs, i.performance, i.met, i.reason);
  }
  return found.filter((v) => v !== null && v !== 0);
}

/** The definitions the public reads of the plan: per indicator its weight, target and baseline; per objective its weight. */
function definitions(tree: any): unknown[] {
  return tree.objectives.map((o: any) => [o.code, o.title, o.weight, o.indicators.map((i: any) => [i.id, i.name, i.weight, i.comparator, i.targetText, i.baselineText, i.baselineYear])]);
}

function csvRows(text: string): Record<string, string>[] {
  const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;
  expect(rows.length).toBeGreaterThan(10);
  return rows;
}

/** The CSV's value columns, each row's. */
function csvValues(text: string): string[] {
  return csvRows(text)
    .flatMap((r) => [r.consuntivo!, r.motivo_nv!, r.performance_kpi!, r.performance_obiettivo!, r.fascia!])
    .filter((v) => v !== '');
}

/** The CSV's indicators' states, each once: "non misurato" would tell a re-user of the open data the indicator went unmeasured. */
function csvStates(text: string): string[] {
  return [
    ...new Set(
      csvRows(text)
        .filter((r) => r.tipo === 'indicatore')
        .map((r) => r.stato!),
    ),
  ];
}

/** The indicators' states of a tree or JSON document, each once. */
function states(document: any): string[] {
  return [...new Set<string>(document.objectives.flatMap((o: any) => o.indicators.map((i: any) => i.state)))];
}

describe.each<Backend>(['sqlite', 'postgres'])('a collecting period published to the public on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let anyone: Client;
  let office: any;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    anyone = await t.as('public');
    const ok = (r: { status: number; text: string }): void => expect(r.status, r.text).toBe(200);
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/transition`, { to: 'collecting' }));
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/publication`, { published: true }));
    // The mid-year published too while open, and never given a value: the comparison below.
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-06-30/publication`, { published: true }));
    office = (await controller.get(`/api/plans/${planId}/tree`)).body;
  }, 120_000);
  afterAll(async () => t?.close());

  it('gives the public the tree of targets: no actual, performance or band; the office reads its values', async () => {
    expect(values(office).length).toBeGreaterThan(50);
    const tree = await anyone.get(`/api/plans/${planId}/tree`);
    expect(tree.status).toBe(200);
    expect(tree.body.period).toMatchObject({ id: '2024-12-31', state: 'collecting' });
    expect(values(tree.body)).toEqual([]);
    expect(tree.body.summary).toMatchObject({ green: 0, yellow: 0, red: 0, none: office.summary.objectives });
    expect(definitions(tree.body)).toEqual(definitions(office));
    // The targets are there, in the reader's language too.
    expect(tree.body.objectives.flatMap((o: any) => o.indicators.map((i: any) => i.targetText)).filter((s: string) => s !== '').length).toBeGreaterThan(50);
    const english = (await anyone.get(`/api/plans/${planId}/tree?lang=en`)).body;
    expect(values(english)).toEqual([]);
    // Every indicator pending ("in corso di misurazione"), not "not measured"; the office's states are its own.
    expect(states(tree.body)).toEqual(['pending']);
    expect(states(english)).toEqual(['pending']);
    expect(states(office)).toEqual(expect.arrayContaining(['measured', 'not_achieved', 'not_evaluable']));
    expect(states(office)).not.toContain('pending');
  });

  it("explains no objective's result, nor an indicator's years", async () => {
    const explanation = (await anyone.get(`/api/plans/${planId}/nodes/A/explanation?lang=it`)).body;
    expect(explanation.performance).toBeNull();
    expect(explanation.contributions.filter((c: any) => c.score !== null || c.points !== null)).toEqual([]);
    // Said as the screen's notice says it, indicator by indicator, in the reader's language.
    const leaf = office.objectives.find((o: any) => o.indicators.some((i: any) => i.state === 'measured' && !i.derived)).code;
    for (const [lang, notice] of [
      ['it', NOTICE_IT],
      ['en', NOTICE_EN],
    ]) {
      const explained = (await anyone.get(`/api/plans/${planId}/nodes/${enc(leaf)}/explanation?lang=${lang}`)).body;
      expect(explained.formula).toBe(`${leaf}: ${notice}`);
      expect([...new Set(explained.indicators.map((i: any) => `${i.state}: ${i.scoring}`))]).toEqual([`pending: ${notice}`]);
      // Each term's result is not published yet: not a term left out ("escluso").
      expect([...new Set(explained.contributions.map((c: any) => `${c.excluded}: ${c.pending}`))]).toEqual([`null: ${notice}`]);
    }
    const own = (await controller.get(`/api/plans/${planId}/nodes/${enc(leaf)}/explanation?lang=it`)).body;
    expect(own.indicators.map((i: any) => i.state)).not.toContain('pending');
    expect(own.formula).not.toContain(NOTICE_IT);
    expect((await controller.get(`/api/plans/${planId}/nodes/A/explanation?lang=it`)).body.performance).not.toBeNull();
    const measured = office.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.actual !== null && !i.derived);
    const years = (await anyone.get(`/api/plans/${planId}/indicators/${enc(measured.id)}/years`)).body.years;
    expect(years.map((y: any) => [y.year, y.actual, y.actualText, y.performance])).toEqual([[2024, null, '', null]]);
    expect(years[0].targetText).toBe(measured.targetText);
  });

  it('compares the published periods without a value', async () => {
    const changes = (await anyone.get(`/api/plans/${planId}/changes?period=2024-12-31&againstPeriod=2024-06-30`)).body;
    expect(changes.changes.filter((c: any) => c.group === 'measurement' || c.group === 'result')).toEqual([]);
    const internal = (await controller.get(`/api/plans/${planId}/changes?period=2024-12-31&againstPeriod=2024-06-30`)).body;
    expect(internal.changes.filter((c: any) => c.group === 'measurement').length).toBeGreaterThan(0);
  });

  it('exports the targets, and says why there is no result, in Italian and English', async () => {
    const csv = await anyone.get(`/api/plans/${planId}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csvValues(csv.text)).toEqual([]);
    expect(csvStates(csv.text)).toEqual(['in corso di misurazione']);
    const own = (await controller.get(`/api/plans/${planId}/export?format=csv`)).text;
    expect(csvValues(own).length).toBeGreaterThan(50);
    expect(csvStates(own)).toEqual(expect.arrayContaining(['misurato', 'non raggiunto', 'N.V.']));
    expect(csvStates(own)).not.toContain('in corso di misurazione');
    const json = (await anyone.get(`/api/plans/${planId}/export?format=json`)).body;
    expect(json.metadata.periodState).toBe(NOTICE_IT);
    expect(states(json)).toEqual(['pending']);
    expect(values({ summary: json.summary, objectives: json.objectives.map((o: any) => ({ ...o, indicators: o.indicators.map((i: any) => ({ ...i, inputs: null })) })) })).toEqual([]);
    const html = (await anyone.get(`/api/plans/${planId}/export?format=html`)).text;
    expect(html).toContain(`<dt>Stato del periodo</dt><dd>${NOTICE_IT}</dd>`);
    expect(html).not.toContain('non misurato');
    expect((await anyone.get(`/api/plans/${planId}/export?format=html&lang=en`)).text).toContain(`<dt>Period state</dt><dd>${NOTICE_EN}</dd>`);
    // The office's own export still says the values are provisional.
    expect((await controller.get(`/api/plans/${planId}/export?format=json`)).body.metadata.periodState).toBe('in raccolta: valori provvisori');
  });

  it("says in the workbook's explanation sheet why each term scores nothing, in Italian and English", async () => {
    for (const [lang, notice, sheet, head] of [
      ['it', NOTICE_IT, 'Spiegazione', 'Non conteggiata perché'],
      ['en', NOTICE_EN, 'Explanation', 'Not counted because'],
    ]) {
      const res = await fetch(`${t.url}/api/plans/${planId}/export?format=xlsx&lang=${lang}`);
      expect(res.status, lang).toBe(200);
      const explanation = (await readWorkbook(new Uint8Array(await res.arrayBuffer()))).getWorksheet(sheet)!;
      expect(explanation.getRow(1).getCell(7).value).toBe(head);
      // The terms' rows (an objective's own row holds its formula, and nothing past it).
      const terms: ExcelJS.Row[] = [];
      explanation.eachRow((row, n) => {
        if (n > 1 && row.getCell(3).value !== null) terms.push(row);
      });
      expect(terms.length, lang).toBeGreaterThan(50);
      // No score nor points, and the reason in each term's last cell: before, it was empty.
      expect([...new Set(terms.map((row) => [4, 5, 6, 7].map((c) => row.getCell(c).value).join(' | ')))]).toEqual([` |  |  | ${notice}`]);
    }
  });

  it('publishes on /trasparenza the plan of targets, said plainly, and open data without values', async () => {
    const year = (await anyone.get(`/trasparenza/${planId}/index.html`)).text;
    expect(year).toContain('<strong>Risultati non ancora disponibili: il periodo è in corso</strong>');
    expect(year).not.toContain('Piano della performance con i risultati');
    const plan = (await anyone.get(`/trasparenza/${planId}/piano.html`)).text;
    expect(plan).toContain(`<dt>Stato del periodo</dt><dd>${NOTICE_IT}</dd>`);
    expect(plan).not.toContain('non misurato');
    const csv = (await anyone.get(`/trasparenza/${planId}/dati.csv`)).text;
    expect(csvValues(csv)).toEqual([]);
    expect(csvStates(csv)).toEqual(['in corso di misurazione']);
    const json = (await anyone.get(`/trasparenza/${planId}/dati.json`)).body;
    expect(json.metadata.periodState).toBe(NOTICE_IT);
    expect(states(json)).toEqual(['pending']);
    // The columns' page says what the state means.
    expect((await anyone.get(`/trasparenza/${planId}/colonne.html`)).text).toContain('in corso di misurazione: il periodo è ancora in corso e i risultati non sono ancora disponibili');
  });

  it('shows the values, as entered, once the period is closed: nothing was lost', async () => {
    expect((await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const tree = (await anyone.get(`/api/plans/${planId}/tree?period=2024-12-31`)).body;
    expect(values(tree)).toEqual(values(office));
    expect(states(tree)).toEqual(states(office));
    expect(csvValues((await anyone.get(`/trasparenza/${planId}/dati.csv`)).text).length).toBeGreaterThan(50);
    expect((await anyone.get(`/trasparenza/${planId}/index.html`)).text).toContain('Piano della performance con i risultati');
  });
});
