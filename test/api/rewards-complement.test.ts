/**
 * Secondary suppression on the public art. 20 pages: a category's fund is public (the fund of the
 * decentralised resources, and art. 20 c. 1 asks for the amount allotted), so with one band of one
 * person withheld and every other band published, the fund less the published bands was that
 * person's bonus. The smallest band of three or more is withheld as well, and the page says why, in
 * Italian and English; no sum or difference of the published numbers and the fund gives the bonus,
 * in the JSON, the CSV, the XLSX or the HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { RewardAggregate } from '../../src/contract/index.js';
import { amounts, cellAmountText, combinations } from '../support/disclosure.js';
import { inBand, storeDistribution, storeSmvp } from '../support/distributions.js';
import { Client, startTestServer, type TestServer } from './harness.js';

/** One person "Eccellente", five "Buono", seven "Adeguato": the fund is their sum. */
const ALONE = 150_017;
const GOOD = [120_003, 110_011, 100_019, 99_007, 95_023];
const ADEQUATE = [60_001, 61_103, 59_207, 62_309, 58_411, 63_513, 57_617];
const FUND = [ALONE, ...GOOD, ...ADEQUATE].reduce((a, b) => a + b, 0);

/**
 * What a reader can make of the published amounts and the public fund: every amount, and each
 * mean times its band's people (a total to within a few cents, tried a few cents either way).
 */
function recoverable(published: readonly number[], meansTimesPeople: readonly number[]): Set<number> {
  const sums = combinations([FUND, ...new Set(published)]);
  const near = new Set<number>();
  for (const s of sums) for (const m of [0, ...meansTimesPeople]) for (let d = -7; d <= 7; d++) near.add(Math.abs(s - m + d));
  return near;
}

describe('the band that would give away a withheld one, on SQLite', () => {
  let t: TestServer;
  let planId: string;

  beforeAll(async () => {
    t = await startTestServer('sqlite');
    planId = await t.importFixture({ publish: true });
    await storeSmvp(t);
    await storeDistribution(t.server.store, 'Ente', 2024, 'personale', [['Eccellente', ALONE], ...inBand('Buono', GOOD), ...inBand('Adeguato', ADEQUATE)]);
  });
  afterAll(async () => t?.close());

  it('withholds the smallest other band too, and says why: the JSON', async () => {
    for (const lang of ['it', 'en']) {
      const reply = await new Client(t.url).get(`/api/rewards/2024/aggregates?organisation=Ente&lang=${lang}`);
      expect(reply.status, reply.text).toBe(200);
      const rows = reply.body.rows as RewardAggregate[];
      expect(rows.map((r) => [r.band, r.people, r.withheld, r.withheldReason])).toEqual([
        ['Eccellente', 1, true, 'small-band'],
        ['Buono', 5, true, 'complement'],
        ['Adeguato', 7, false, null],
        ['Non adeguato', 0, false, null],
      ]);
      expect(rows[1]).toMatchObject({ totalCents: null, meanCents: null, minCents: null, maxCents: null });
      const published = rows
        .flatMap((r) => [r.totalCents, r.meanCents, (r as { minCents: string | null }).minCents, (r as { maxCents: string | null }).maxCents])
        .filter((c) => c !== null)
        .map(Number);
      const means = rows.filter((r) => r.meanCents !== null).map((r) => Number(r.meanCents) * r.people);
      expect(published.length).toBeGreaterThan(0);
      expect(reply.body.categories).toEqual([expect.objectContaining({ fundCents: String(FUND), distributedCents: String(FUND), withheld: false })]);
      expect(recoverable([...published, FUND], means).has(ALONE)).toBe(false);
    }
  });

  it('the CSV and the XLSX give the same, with the reason of each empty amount', async () => {
    const csv = await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=csv`)).text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'anno,categoria,fascia,coefficiente_premio,persone,totale_euro,media_euro,minimo_euro,massimo_euro,non_pubblicato,fondo_categoria_euro,distribuito_categoria_euro,categoria_non_pubblicato',
    );
    // The fund and the amount distributed are published here too (art. 20 c. 1): the complement covers the one.
    const fund = (FUND / 100).toFixed(2);
    expect(lines.slice(1, 3)).toEqual([`2024,personale,Eccellente,100,1,,,,,fascia_piccola,${fund},${fund},`, `2024,personale,Buono,80,5,,,,,complementare,${fund},${fund},`]);
    const csvMeans = lines
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[6] !== '')
      .map((c) => Math.round(Number(c[6]) * 100) * Number(c[4]));
    expect(recoverable(amounts(csv), csvMeans).has(ALONE)).toBe(false);

    for (const [lang, reason] of [
      [
        'it',
        'il fondo della categoria è pubblico: sottraendo le fasce pubblicate si ricaverebbe l’importo della fascia piccola, anche quando è zero; è la fascia di almeno tre persone, almeno due con un premio, con meno persone',
      ],
      [
        'en',
        "the category's fund is public: less the bands published it would give the small band's amount, even when nought; the band of three or more, at least two with a bonus, with the fewest people",
      ],
    ] as const) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=xlsx&lang=${lang}`)).arrayBuffer());
      const sheet = book.worksheets[0]!;
      const cells: string[] = [];
      sheet.eachRow((r) => r.eachCell((c) => cells.push(cellAmountText(c))));
      expect(cells).toContain(reason);
      expect(cells).toContain('10962.41');
      expect(recoverable(amounts(cells.join('|')), []).has(ALONE)).toBe(false);
    }
  });

  it('the page says why the larger band has no amounts, in Italian and English, and gives nothing away', async () => {
    const italian = await (await fetch(`${t.url}/trasparenza/${planId}/premi.html`)).text();
    expect(italian).toMatch(/<th scope="row">Buono<\/th><td class="num">80%<\/td><td class="num">5<\/td>(<td class="num"><span class="missing">non pubblicato<\/span><\/td>){4}<\/tr>/);
    expect(italian).toContain(
      '<p data-role="complement">Anche gli importi della fascia «Buono» non sono pubblicati: il fondo della categoria è pubblico, e sottraendo da esso le fasce pubblicate si ricaverebbe l’importo della fascia con una o due persone, anche quando è zero (un’assenza, una sanzione). Con essa si tiene riservata la fascia di almeno tre persone, almeno due delle quali con un premio, che ne ha meno: la differenza è allora la somma delle due, che nessuno, nemmeno chi conosce il proprio premio, può dividere.</p>',
    );
    expect(italian).toContain('<p data-role="totals">Fondo della categoria (ammontare complessivo dei premi stanziati): 10.962,41 €; premi effettivamente distribuiti: 10.962,41 €.</p>');
    const english = await (await fetch(`${t.url}/trasparenza/${planId}/premi.html?lang=en`)).text();
    expect(english).toContain('The amounts of the band “Buono” are not published either: the category’s fund is public');
    expect(english).toContain('<p data-role="totals">The category’s fund (the bonuses allotted in all): € 10,962.41; bonuses actually distributed: € 10,962.41.</p>');
    for (const page of [italian, english]) {
      const main = page.slice(page.indexOf('<main'));
      expect(recoverable(amounts(main), [Math.floor(ADEQUATE.reduce((a, b) => a + b, 0) / 7) * 7]).has(ALONE)).toBe(false);
    }
  });
});
