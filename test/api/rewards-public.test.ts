/**
 * The distribution of ratings and bonuses where a citizen looks for it (d.lgs. 33/2013 art. 20):
 * "Amministrazione trasparente › Performance", the year's page on /trasparenza, links the body's
 * aggregates and its page (`premi.html`, Italian, or English with ?lang=en) shows them as a table
 * per category, with the CSV and XLSX, without signing in; a body that distributed nothing says
 * so. A band of one or two people shows how many, never the amounts, which would be theirs: not on
 * the page, not in the JSON, the CSV or the XLSX (before, a band of one published that person's bonus).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cellAmountText } from '../support/disclosure.js';
import { storeDistribution, storeSmvp } from '../support/distributions.js';
import { Client, startTestServer, type Backend, type TestServer } from './harness.js';

const BODY = 'Ente';
describe.each<Backend>(['sqlite', 'postgres'])('the bonuses on the public transparency pages on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let otherPlanId: string;
  let draftPlanId: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    planId = await t.importFixture({ publish: true });
    // Another body's published plan, whose body distributed nothing; and a plan never published.
    otherPlanId = await t.importFixture({ publish: true });
    draftPlanId = await t.importFixture();
    await storeSmvp(t, [BODY]);
    // A distribution as HR's run stores it (the route's own tests make them from final forms):
    // three in "Buono", one alone in "Eccellente", three in "Adeguato" among the EQ; two managers
    // both "Eccellente". "Adeguato", the smaller of the larger bands, is withheld as the complement
    // (the fund less the published bands would give the one "Eccellente"'s bonus: rewards-complement.test.ts).
    await storeDistribution(t.server.store, BODY, 2024, 'eq', [
      ['Buono', 100_000],
      ['Buono', 120_000],
      ['Buono', 90_000],
      ['Eccellente', 150_017],
      ['Adeguato', 50_000],
      ['Adeguato', 50_000],
      ['Adeguato', 50_003],
    ]);
    await storeDistribution(t.server.store, BODY, 2024, 'dirigente', [
      ['Eccellente', 200_000],
      ['Eccellente', 200_013],
    ]);
  });
  afterAll(async () => t?.close());

  it('publishes the count of a band of one or two people, never its amounts: JSON, CSV and XLSX', async () => {
    const reply = await new Client(t.url).get('/api/rewards/2024/aggregates?organisation=Ente');
    expect(reply.status, reply.text).toBe(200);
    const rows = reply.body.rows as { category: string; band: string }[];
    const row = (category: string, band: string) => rows.find((r) => r.category === category && r.band === band);
    expect(row('eq', 'Buono')).toMatchObject({ people: 3, totalCents: '310000', meanCents: '103333', minCents: '90000', maxCents: '120000', withheld: false, withheldReason: null });
    expect(row('eq', 'Eccellente')).toMatchObject({ people: 1, totalCents: null, meanCents: null, minCents: null, maxCents: null, withheld: true, withheldReason: 'small-band' });
    expect(row('eq', 'Adeguato')).toMatchObject({ people: 3, totalCents: null, meanCents: null, withheld: true, withheldReason: 'complement' });
    // Both managers in one band: no other band to withhold (the fund gives their sum, theirs already).
    expect(row('dirigente', 'Eccellente')).toMatchObject({ people: 2, totalCents: null, meanCents: null, minCents: null, maxCents: null, withheld: true, withheldReason: 'small-band' });
    // An empty band is no one's: its total is nought, as before.
    expect(row('eq', 'Non adeguato')).toMatchObject({ people: 0, totalCents: '0', meanCents: null, withheld: false });
    const secrets = ['150017', '1500.17', '1.500,17', '200000', '200013', '2000.13', '2.000,13', '400013', '4000.13'];
    for (const secret of secrets) expect(reply.text).not.toContain(secret);
    const csv = await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=csv`)).text();
    // The EQ's fund (published: the complement covers the one), each row of the category carrying it.
    expect(csv).toContain('2024,eq,Eccellente,100,1,,,,,fascia_piccola,6100.20,6100.20,\n');
    expect(csv).toContain('2024,eq,Buono,80,3,3100.00,1033.33,900.00,1200.00,,6100.20,6100.20,\n');
    // The managers' fund would be the sum of the two: each, knowing their own, would read the other's.
    expect(csv).toContain('2024,dirigente,Eccellente,100,2,,,,,fascia_piccola,,,solo_fasce_piccole\n');
    for (const secret of secrets) expect(csv).not.toContain(secret);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=xlsx`)).arrayBuffer());
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((r) => r.eachCell((c) => cells.push(cellAmountText(c))));
    // The amounts are numbers (shown to the cent in the reader's notation), not text in one language's.
    let buono: ExcelJS.Row | undefined;
    book.worksheets[0]!.eachRow((r) => {
      if (r.getCell(2).value === 'Buono' && r.getCell(4).value === 3) buono = r;
    });
    expect([buono?.getCell(5).value, buono?.getCell(5).numFmt]).toEqual([3100, '#,##0.00']);
    expect(cells).toContain('3100.00');
    for (const secret of secrets) expect(cells.join('|')).not.toContain(secret);
  });

  it("links the body's distribution from the year's page of /trasparenza, without signing in", async () => {
    const index = await fetch(`${t.url}/trasparenza/${planId}/index.html`);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('<li>Distribuzione delle valutazioni e dei premi (art. 20 d.lgs. 33/2013): <a href="premi.html">pagina HTML</a>');
    expect(html).toContain(`href="/api/rewards/2024/aggregates?organisation=Ente&amp;format=csv&amp;lang=it"`);
    expect(html).toContain('<a class="skip" href="#contenuto">Vai al contenuto principale</a>');
    // The CSV it links is the body's open data.
    const csv = await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=csv&lang=it`);
    expect((await csv.text()).split('\n')).toHaveLength(2 * 4 + 2);
  });

  it('shows the table per category in Italian, and in English with ?lang=en', async () => {
    const it = await fetch(`${t.url}/trasparenza/${planId}/premi.html`);
    expect(it.status).toBe(200);
    expect(it.headers.get('content-language')).toBe('it');
    const italian = await it.text();
    expect(italian).toContain('<html lang="it">');
    expect(italian).toContain('<p class="body">Ente</p><h1>Distribuzione delle valutazioni e dei premi 2024</h1>');
    expect(italian).toContain('<caption>Elevata qualificazione / posizione organizzativa: persone e premi per fascia di valutazione, 2024</caption>');
    expect(italian).toContain(
      '<tr><th scope="row">Buono</th><td class="num">80%</td><td class="num">3</td><td class="num">3.100,00</td><td class="num">1.033,33</td><td class="num">900,00</td><td class="num">1.200,00</td></tr>',
    );
    expect(italian).toMatch(/<th scope="row">Eccellente<\/th><td class="num">100%<\/td><td class="num">1<\/td>(<td class="num"><span class="missing">non pubblicato<\/span><\/td>){4}<\/tr>/);
    expect(italian).toContain('<a href="premi.html?lang=en" hreflang="en" lang="en">English</a>');
    for (const secret of ['1.500,17', '2.000,13', '2.000,00', 'Persona']) expect(italian).not.toContain(secret);

    const en = await fetch(`${t.url}/trasparenza/${planId}/premi.html?lang=en`);
    expect(en.headers.get('content-language')).toBe('en');
    const english = await en.text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<h1>Distribution of ratings and bonuses 2024</h1>');
    expect(english).toContain('<caption>Manager: people and bonuses per rating band, 2024</caption>');
    expect(english).toContain('<td class="num">3,100.00</td><td class="num">1,033.33</td>');
    expect(english).toContain('<a class="skip" href="#contenuto">Skip to main content</a>');
    expect(english).toContain('href="/api/rewards/2024/aggregates?organisation=Ente&amp;format=xlsx&amp;lang=en"');
    const bad = await new Client(t.url).request('GET', `/trasparenza/${planId}/premi.html?lang=fr`, undefined, { 'accept-language': 'it' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('lang deve essere uno tra it, en, non «fr»');
  });

  it('says so when the body distributed nothing that year, and shows nothing of a plan not published', async () => {
    const other = await (await fetch(`${t.url}/trasparenza/${otherPlanId}/index.html`)).text();
    expect(other).toContain('<span class="missing">Ente 2 non ha pubblicato la distribuzione dei premi del 2024</span>');
    const page = await (await fetch(`${t.url}/trasparenza/${otherPlanId}/premi.html?lang=en`)).text();
    expect(page).toContain('<p class="missing" data-role="message">Ente 2 has published no distribution of bonuses for 2024</p>');
    expect(page).not.toContain('<table');
    expect((await fetch(`${t.url}/trasparenza/${draftPlanId}/premi.html`)).status).toBe(404);
  });
});
