/**
 * The people with no band on the art. 20 page: a final form whose score falls in none of the SMVP's
 * bands (or has none) gets no coefficient and no share, but the person was appraised, and art. 20
 * c. 2 asks how selective the bonuses were: they are counted in a row of their own after the bands,
 * «Senza fascia» / "Not banded", withheld as a band is when one or two, but with no complement: by
 * the rule they take nothing, so the fund less the bands published says nothing of them; in the JSON, the CSV, the XLSX and the HTML, in Italian and English. Every category's rows
 * count everyone; the amounts still add up to what was distributed, and no sum or difference of what
 * is published gives anyone's bonus. Before, they were counted nowhere (a body without an SMVP
 * showed them as a band «—»).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RewardAggregates } from '../../src/contract/index.js';
import { amounts, cellAmountText, combinations } from '../support/disclosure.js';
import { inBand, publicAggregates, storeDistribution, storeSmvp } from '../support/distributions.js';
import { startTestServer, type TestServer } from './harness.js';

/** Staff: five "Buono", seven "Adeguato", two with no band (who take nothing). */
const GOOD = [120_003, 110_011, 100_019, 99_007, 95_023];
const ADEQUATE = [60_001, 61_103, 59_207, 62_309, 58_411, 63_513, 57_617];
const STAFF_FUND = [...GOOD, ...ADEQUATE].reduce((a, b) => a + b, 0);
/** EQ: three "Buono", four with no band. */
const EQ_GOOD = [100_000, 110_000, 90_000];

/** Managers: one "Eccellente" alone, four "Buono", three with no band (who take nothing). */
const ALONE = 150_017;
const MANAGERS_GOOD = [100_003, 101_007, 99_011, 98_013];
const MANAGERS_FUND = ALONE + MANAGERS_GOOD.reduce((a, b) => a + b, 0);

/**
 * Whether the published amounts (the fund among them), summed and subtracted in every way, give
 * the bonus of the manager alone in a band, to within a few cents.
 */
function givesAlone(published: readonly number[]): boolean {
  return [...combinations([...new Set(published)])].some((s) => Math.abs(Math.abs(s) - ALONE) <= 7);
}

describe('the people with no band on the art. 20 page, on SQLite', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer('sqlite');
    await storeSmvp(t);
    await storeDistribution(t.server.store, 'Ente', 2024, 'personale', [...inBand('Buono', GOOD), ...inBand('Adeguato', ADEQUATE), [null, 0], [null, 0]]);
    await storeDistribution(t.server.store, 'Ente', 2024, 'eq', [...inBand('Buono', EQ_GOOD), [null, 0], [null, 0], [null, 0], [null, 0]]);
    // The row of the unbanded (three, nought in all) is no complement: the fund less the bands published would be the one's bonus.
    await storeDistribution(t.server.store, 'Ente', 2024, 'dirigente', [['Eccellente', ALONE], ...inBand('Buono', MANAGERS_GOOD), [null, 0], [null, 0], [null, 0]]);
    // No SMVP stored for this body: its bands are the people's own, and the unbanded are still their own row.
    await storeDistribution(t.server.store, 'Senza SMVP', 2024, 'personale', [
      ['Buono', 100_000],
      ['Buono', 100_000],
      ['Buono', 100_017],
      [null, 0],
      [null, 0],
      [null, 0],
    ]);
  });
  afterAll(async () => t?.close());

  const aggregates = (organisation: string, lang: string): Promise<RewardAggregates> => publicAggregates(t, organisation, lang);

  it('counts them in a row after the bands, withheld as a band of one or two is; everyone counted, the amounts adding up: the JSON', async () => {
    for (const [lang, label] of [
      ['it', 'Senza fascia'],
      ['en', 'Not banded'],
    ] as const) {
      const ente = await aggregates('Ente', lang);
      const staff = ente.rows.filter((r) => r.category === 'personale');
      expect(staff.map((r) => [r.band, r.coefficient, r.people, r.withheldReason, r.noBand])).toEqual([
        ['Eccellente', 100, 0, null, false],
        ['Buono', 80, 5, null, false],
        ['Adeguato', 50, 7, null, false],
        ['Non adeguato', 0, 0, null, false],
        [label, null, 2, 'small-band', true],
      ]);
      expect(staff.at(-1)).toMatchObject({ totalCents: null, meanCents: null, minCents: null, maxCents: null, withheld: true });
      const eq = ente.rows.filter((r) => r.category === 'eq');
      expect(eq.at(-1)).toEqual({
        category: 'eq',
        categoryLabel: expect.any(String),
        band: label,
        coefficient: null,
        people: 4,
        totalCents: '0',
        meanCents: '0',
        minCents: '0',
        maxCents: '0',
        withheld: false,
        withheldReason: null,
        noBand: true,
      });
      // Everyone counted; what is published and what is withheld add up to the amount distributed.
      expect(staff.reduce((n, r) => n + r.people, 0)).toBe(GOOD.length + ADEQUATE.length + 2);
      expect(eq.reduce((n, r) => n + r.people, 0)).toBe(EQ_GOOD.length + 4);
      const total = (category: string) => ente.categories.find((c) => c.category === category)!;
      expect(total('eq')).toMatchObject({ fundCents: '300000', distributedCents: '300000', withheld: false });
      expect(eq.reduce((n, r) => n + Number(r.totalCents), 0)).toBe(300_000);
      expect(total('personale')).toMatchObject({ fundCents: String(STAFF_FUND), distributedCents: String(STAFF_FUND), withheld: false });
      // The two with no band withhold no band with them (before, "Buono" was): what the fund less the
      // bands published leaves is their 0, which the rule says of them and the page too.
      const withheldStaff = STAFF_FUND - staff.reduce((n, r) => n + Number(r.totalCents ?? 0), 0);
      expect(withheldStaff).toBe(0);

      const managers = ente.rows.filter((r) => r.category === 'dirigente');
      expect(managers.map((r) => [r.band, r.people, r.withheldReason])).toEqual([
        ['Eccellente', 1, 'small-band'],
        ['Buono', 4, 'complement'],
        ['Adeguato', 0, null],
        ['Non adeguato', 0, null],
        [label, 3, null],
      ]);
      expect(total('dirigente')).toMatchObject({ fundCents: String(MANAGERS_FUND), withheld: false });
      const published = [...managers.flatMap((r) => [r.totalCents, r.meanCents, r.minCents, r.maxCents]), total('dirigente').fundCents, total('dirigente').distributedCents]
        .filter((c) => c !== null)
        .map(Number);
      expect(givesAlone(published)).toBe(false);

      const other = await aggregates('Senza SMVP', lang);
      expect(other.rows.map((r) => [r.band, r.coefficient, r.people, r.totalCents, r.noBand])).toEqual([
        ['Buono', null, 3, '300017', false],
        [label, null, 3, '0', true],
      ]);
    }
  });

  it('the CSV has the row with an empty band, and the XLSX says it in words, in Italian and English', async () => {
    const csv = (await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=csv`)).text()).trim().split('\n');
    const fund = (STAFF_FUND / 100).toFixed(2);
    expect(csv.filter((l) => l.startsWith('2024,personale,'))).toEqual([
      `2024,personale,Eccellente,100,0,0.00,,,,,${fund},${fund},`,
      `2024,personale,Buono,80,5,5240.63,1048.12,950.23,1200.03,,${fund},${fund},`,
      `2024,personale,Adeguato,50,7,4221.61,603.08,576.17,635.13,,${fund},${fund},`,
      `2024,personale,Non adeguato,0,0,0.00,,,,,${fund},${fund},`,
      `2024,personale,,,2,,,,,fascia_piccola,${fund},${fund},`,
    ]);
    expect(csv).toContain('2024,eq,,,4,0.00,0.00,0.00,0.00,,3000.00,3000.00,');
    expect(csv).toContain(`2024,dirigente,,,3,0.00,0.00,0.00,0.00,,${(MANAGERS_FUND / 100).toFixed(2)},${(MANAGERS_FUND / 100).toFixed(2)},`);
    expect(givesAlone(amounts(csv.filter((l) => l.startsWith('2024,dirigente,')).join('\n')))).toBe(false);
    const other = (await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Senza+SMVP&format=csv`)).text()).trim().split('\n');
    expect(other.slice(1)).toEqual(['2024,personale,Buono,,3,3000.17,1000.05,1000.00,1000.17,,3000.17,3000.17,', '2024,personale,,,3,0.00,0.00,0.00,0.00,,3000.17,3000.17,']);

    for (const [lang, label, reason] of [
      ['it', 'Senza fascia', 'una o due persone: sarebbero i loro importi'],
      ['en', 'Not banded', 'one or two people: the amounts would be theirs'],
    ] as const) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=xlsx&lang=${lang}`)).arrayBuffer());
      const rows: string[][] = [];
      book.worksheets[0]!.eachRow((r) => rows.push(Array.from({ length: 12 }, (_, i) => cellAmountText(r.getCell(i + 1)))));
      const unbanded = rows.filter((r) => r[1] === label);
      expect(unbanded.map((r) => [r[2], r[3], r[4], r[8]])).toEqual([
        ['', '3', '0.00', ''],
        ['', '4', '0.00', ''],
        ['', '2', '', reason],
      ]);
      expect(givesAlone(amounts(rows.filter((r) => r[0] === (lang === 'it' ? 'Dirigente' : 'Manager')).join('\n')))).toBe(false);
    }
  });

  it('the page shows the row, its coefficient «—» said as no band, and under the tables who it holds, in Italian and English', async () => {
    const page = async (organisation: string, lang: string): Promise<string> => {
      const reply = await fetch(`${t.url}/trasparenza/premi/2024?organisation=${encodeURIComponent(organisation)}&lang=${lang}`);
      expect(reply.status).toBe(200);
      const html = await reply.text();
      return html.slice(html.indexOf('<main'));
    };
    const italian = await page('Ente', 'it');
    expect(italian).toMatch(
      /<tr><th scope="row">Senza fascia<\/th><td class="num"><span aria-label="nessuna fascia">—<\/span><\/td><td class="num">2<\/td>(<td class="num"><span class="missing">non pubblicato<\/span><\/td>){4}<\/tr>/,
    );
    expect(italian).toContain(
      '<tr><th scope="row">Senza fascia</th><td class="num"><span aria-label="nessuna fascia">—</span></td><td class="num">4</td><td class="num">0,00</td><td class="num">0,00</td><td class="num">0,00</td><td class="num">0,00</td></tr>',
    );
    expect(italian).toContain(
      '<p data-role="no-band">«Senza fascia»: persone la cui scheda definitiva non ha un punteggio in alcuna fascia dello SMVP (per esempio perché nessuna componente era valutabile): non hanno un coefficiente di premio e non partecipano alla ripartizione del fondo. Sono trattate come una fascia dello 0%: come per ogni fascia, se sono una o due persone se ne pubblica solo il numero; poiché per regola non ricevono nulla, il fondo meno le fasce pubblicate non dice nulla di loro, e nessun’altra fascia è tenuta riservata per loro.</p>',
    );
    // Their «—» is no missing SMVP: the body adopted one.
    expect(italian).not.toContain('data-role="no-smvp"');
    const english = await page('Ente', 'en');
    expect(english).toContain('<tr><th scope="row">Not banded</th><td class="num"><span aria-label="no band">—</span></td><td class="num">4</td><td class="num">0.00</td>');
    expect(english).toContain('<p data-role="no-band">“Not banded”: people whose final form has no score within any band of the SMVP');
    for (const html of [italian, english]) {
      const managers = html.split('<h2>').find((s) => /^(Dirigente|Manager)<\/h2>/.test(s))!;
      expect(givesAlone(amounts(managers))).toBe(false);
    }
    const other = await page('Senza SMVP', 'it');
    expect(other).toContain('<tr><th scope="row">Senza fascia</th><td class="num"><span aria-label="nessuna fascia">—</span></td><td class="num">3</td>');
    expect(other).toContain('data-role="no-smvp"');
    expect(other).toContain('data-role="no-band"');
  });
});
