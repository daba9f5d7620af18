/**
 * The Relazione's comparison (section 3.6) with the same body's plan of the year before, when this
 * year's was imported on its own rather than made by next-year: over HTTP, on SQLite and PostgreSQL.
 * 2024 is the fixture, adopted, closed and its Relazione validated with A.3 at 80 (100 reported);
 * the body also has a 2024 draft never adopted, and an archived draft. 2025 is the fixture's table
 * with its dates moved to 2025 and A.8 renumbered A.10, imported for the same body, its year end
 * closed. Before, 2025's comparison said last year's results «non sono disponibili in Albero».
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE } from '../helpers.js';
import { docxText } from '../support/files.js';
import { flat, sectionOf } from '../support/page-words.js';
import { adoptAndReview, startWithFixture, step, transmitAndReview, type Backend, type Client, type TestServer } from './harness.js';

const comparison = (text: string): string => sectionOf(text, "Confronto con l'anno precedente per area");

async function importTable(controller: Client, text: string, fields: Record<string, string>): Promise<string> {
  const form = new FormData();
  form.set('file', new Blob([text]), 'albero.txt');
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const reply = await controller.request('POST', '/api/plans/import', form);
  expect(reply.status, reply.text).toBe(201);
  return reply.body.plan.id as string;
}

describe.each<Backend>(['sqlite', 'postgres'])("the Relazione's comparison with the body's previous year not linked by next-year, on %s", (backend) => {
  let t: TestServer;
  let before: string;
  let planId: string;
  let controller: Client;
  let title2024: string;
  let organisation: string;
  let table: string;
  beforeAll(async () => {
    ({ t, planId: before, controller } = await startWithFixture(backend, { publish: true }));
    const oiv = await t.as('oiv');
    const adopted = await adoptAndReview(before, controller, oiv, [{ code: 'A.3', validated: 80, note: 'Le aggregazioni documentate sono meno di quelle dichiarate.' }]);
    title2024 = adopted.title;
    organisation = adopted.organisation;
    step('2024 validated', await oiv.request('POST', `/api/plans/${before}/relazione/transition`, { to: 'validated' }));
    table = readFileSync(FIXTURE, 'utf8');
    // Two more 2024 plans of the body: a draft (a candidate, not chosen) and an archived draft (never one).
    await importTable(controller, table, { organisation: adopted.organisation, year: '2024', title: 'Bozza alternativa 2024' });
    const archived = await importTable(controller, table, { organisation: adopted.organisation, year: '2024', title: 'Bozza archiviata 2024' });
    step('archive', await controller.request('POST', `/api/plans/${archived}/archive`, {}));
    // 2025, imported on its own: the same body, A.8 renumbered A.10.
    const next = table.replaceAll('2024', '2025').replace('A.8 - Imprenditoria femminile', 'A.10 - Imprenditoria femminile');
    planId = await importTable(controller, next, { organisation: adopted.organisation, year: '2025', title: 'Albero della performance 2025' });
    for (const to of ['collecting', 'closed']) step(`2025 ${to}`, await controller.request('POST', `/api/plans/${planId}/periods/2025-12-31/transition`, { to, acknowledgeUnreviewed: true }));
  });
  afterAll(async () => t?.close());

  it("compares with the body's validated 2024, says which plan it is and what could not be matched", async () => {
    const json = (await controller.get(`/api/plans/${planId}/relazione`)).body;
    expect(json.previousYear).toMatchObject({
      year: 2024,
      source: { kind: 'validated', reservations: false },
      plan: { id: before, title: title2024, found: 'body', candidates: 2 },
      structure: { current: [{ code: 'A.10', title: 'Imprenditoria femminile' }], previous: [{ code: 'A.8', title: 'Imprenditoria femminile' }] },
    });
    expect(json.previousYear.text.it).toContain(`Il piano dell'anno precedente è «${title2024}», dello stesso ente e del 2024`);
    expect(json.previousYear.text.it).toContain('scelto tra i 2 piani del 2024');
    expect(json.previousYear.text.en).toContain(`The previous year's plan is “${title2024}”`);
    const structure =
      "La struttura del piano è cambiata rispetto al 2024, e questi obiettivi non sono confrontati: di quest'anno, senza un obiettivo con lo stesso codice nel 2024, A.10 Imprenditoria femminile; del 2024, senza un obiettivo con lo stesso codice quest'anno, A.8 Imprenditoria femminile.";
    expect(json.previousYear.structure.text.it).toBe(structure);
    expect(json.previousYear.structure.text.en).toContain("The plan's structure changed since 2024");
    expect(json.generated.confronto).toMatch(/^Rispetto al 2024, delle 3 aree strategiche/);

    const html = comparison(flat((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text, { apostrophes: true }));
    const res = await fetch(`${t.url}/api/plans/${planId}/relazione/export?format=docx`, { headers: { cookie: controller.cookie! } });
    expect(res.status).toBe(200);
    const docx = comparison(docxText(new Uint8Array(await res.arrayBuffer())));
    for (const [name, text] of Object.entries({ html, docx })) {
      expect(text, name).not.toContain('non sono disponibili in Albero');
      // A.3 as the OIV validated it in 2024 (80%), against 2025's reported 100%.
      expect(text, name).toMatch(/A\.3 Sostegno alle aggregazioni[^%]*80,00%[^%]*100,00%/);
      expect(text, name).toContain("valori validati dall'OIV");
      expect(text, name).toContain(`Il piano dell'anno precedente è «${title2024}»`);
      expect(text, name).toContain(structure);
    }
  });

  it("gives an objective's 2024 beside 2025 in its years, the OIV's figure with it", async () => {
    const years = (await controller.get(`/api/plans/${planId}/nodes/A.3/years`)).body.years;
    expect(years.map((y: any) => [y.year, y.planId])).toEqual([
      [2024, before],
      [2025, planId],
    ]);
    expect(years[0]).toMatchObject({ performance: 100, validated: { performance: 80 } });
    // From 2024, forward to the 2025 that takes it as its last year.
    const back = (await controller.get(`/api/plans/${before}/nodes/A.3/years`)).body.years;
    expect(back.map((y: any) => y.planId)).toEqual([before, planId]);
    // A renumbered objective is not paired by guess.
    expect((await controller.get(`/api/plans/${planId}/nodes/A.10/years`)).body.years.map((y: any) => y.year)).toEqual([2025]);
  });

  it('keeps the comparison a validation froze when the body has another 2024 plan since', async () => {
    const oiv = await t.as('oiv');
    await transmitAndReview(planId, controller, oiv);
    step('2025 validated', await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' }));
    const frozen = (await controller.get(`/api/plans/${planId}/relazione`)).body.previousYear;
    expect(frozen.plan.candidates).toBe(2);
    const html = async () => comparison(flat((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text, { apostrophes: true }));
    const before = await html();
    // A third 2024 plan: the comparison read live would now say «scelto tra i 3 piani».
    await importTable(controller, table, { organisation, year: '2024', title: 'Terza bozza 2024' });
    const after = (await controller.get(`/api/plans/${planId}/relazione`)).body.previousYear;
    expect(after).toEqual(frozen);
    expect(after.text.it).toContain('scelto tra i 2 piani del 2024');
    expect(await html()).toBe(before);
  });
});
