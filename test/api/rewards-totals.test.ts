/**
 * What art. 20 d.lgs. 33/2013 asks beyond the bands, on the public pages and files: each category's
 * fund ("l'ammontare complessivo dei premi ... stanziati") and what was actually distributed,
 * withheld where no band of three or more can be withheld with the small ones (a category of one
 * band of two people: the fund less one's own bonus is the other's); and a coefficient no SMVP
 * states said as not stated («—», "SMVP non adottato"), never 0%. Each in the JSON, the CSV, the
 * XLSX and the HTML, in Italian and English; what is published, summed and subtracted in every way
 * with a reader's own bonus, gives no one else's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { CATEGORY_LABEL } from '../../src/core/appraisal/index.js';
import type { RewardAggregates } from '../../src/contract/index.js';
import { amounts, cellAmountText, combinations } from '../support/disclosure.js';
import { publicAggregates, storeDistribution, storeSmvp } from '../support/distributions.js';
import { startTestServer, type TestServer } from './harness.js';

/** Two managers, both "Eccellente": one band of two, nothing else in the category. */
const MANAGERS = [200_000, 200_013];
/** EQ: one "Eccellente" and two "Buono", no band of three to withhold with them. */
const EQ = [
  ['Eccellente', 150_017],
  ['Buono', 99_991],
  ['Buono', 101_113],
] as const;
/** Staff: one "Eccellente", five "Buono" (the complement), seven "Adeguato" (published). */
const STAFF = [
  ['Eccellente', 150_017],
  ...[120_003, 110_011, 100_019, 99_007, 95_023].map((c) => ['Buono', c] as const),
  ...[60_001, 61_103, 59_207, 62_309, 58_411, 63_513, 57_617].map((c) => ['Adeguato', c] as const),
] as const;
const STAFF_FUND = STAFF.reduce((a, [, c]) => a + c, 0);

/**
 * Whether a reader who got `own` and reads `published` (a category's amounts) can make another
 * person's bonus of `everyone`, to within a few cents: every sum and difference of them.
 */
function givesAway(published: readonly number[], everyone: readonly number[]): boolean {
  return everyone.some((own, i) => {
    const sums = combinations([own, ...new Set(published)]);
    return everyone.some((other, j) => j !== i && [...sums].some((s) => Math.abs(Math.abs(s) - other) <= 7));
  });
}

describe("the categories' funds and amounts distributed, and a coefficient no SMVP states, on SQLite", () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer('sqlite');
    await storeSmvp(t);
    await storeDistribution(t.server.store, 'Ente', 2024, 'dirigente', [
      ['Eccellente', MANAGERS[0]!],
      ['Eccellente', MANAGERS[1]!],
    ]);
    await storeDistribution(t.server.store, 'Ente', 2024, 'eq', EQ);
    await storeDistribution(t.server.store, 'Ente', 2024, 'personale', STAFF);
    // A body whose SMVP is not stored: its bands are the people's, with no coefficient. Its EQ
    // fund was not shared out (no one had a weight): allotted, and nothing distributed.
    await storeDistribution(t.server.store, 'Senza SMVP', 2024, 'personale', [
      ['Buono', 100_000],
      ['Buono', 100_000],
      ['Buono', 100_000],
      ['Adeguato', 50_000],
      ['Adeguato', 50_000],
      ['Adeguato', 50_017],
    ]);
    await storeDistribution(
      t.server.store,
      'Senza SMVP',
      2024,
      'eq',
      [
        ['Buono', 0],
        ['Buono', 0],
        ['Buono', 0],
      ],
      50_000,
    );
  });
  afterAll(async () => t?.close());

  const aggregates = (organisation: string, lang: string): Promise<RewardAggregates> => publicAggregates(t, organisation, lang);

  it("publishes each category's fund and amount distributed, withheld where only small bands hold it: the JSON", async () => {
    for (const lang of ['it', 'en']) {
      const ente = await aggregates('Ente', lang);
      expect(ente.categories).toEqual([
        { category: 'dirigente', categoryLabel: lang === 'it' ? 'Dirigente' : 'Manager', fundCents: null, distributedCents: null, withheld: true, withheldReason: 'small-bands-only' },
        expect.objectContaining({ category: 'eq', fundCents: null, distributedCents: null, withheld: true, withheldReason: 'small-bands-only' }),
        expect.objectContaining({ category: 'personale', fundCents: String(STAFF_FUND), distributedCents: String(STAFF_FUND), withheld: false, withheldReason: null }),
      ]);
      for (const [category, people] of [
        ['dirigente', MANAGERS],
        ['eq', EQ.map(([, c]) => c)],
      ] as const) {
        const rows = ente.rows.filter((r) => r.category === category);
        const total = ente.categories.find((c) => c.category === category)!;
        const published = [...rows.flatMap((r) => [r.totalCents, r.meanCents, r.minCents, r.maxCents]), total.fundCents, total.distributedCents].filter((c) => c !== null).map(Number);
        expect(givesAway(published, people), category).toBe(false);
      }
      const other = await aggregates('Senza SMVP', lang);
      expect(other.rows.map((r) => [r.category, r.band, r.coefficient, r.people])).toEqual([
        ['eq', 'Buono', null, 3],
        ['personale', 'Buono', null, 3],
        ['personale', 'Adeguato', null, 3],
      ]);
      expect(other.categories.map((c) => [c.category, c.fundCents, c.distributedCents, c.withheld])).toEqual([
        ['eq', '50000', '0', false],
        ['personale', '450017', '450017', false],
      ]);
    }
  });

  it('the CSV gives the same: the totals on each row of their category, a code for why they are empty, no coefficient stated as empty', async () => {
    const csv = await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=csv`)).text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'anno,categoria,fascia,coefficiente_premio,persone,totale_euro,media_euro,minimo_euro,massimo_euro,non_pubblicato,fondo_categoria_euro,distribuito_categoria_euro,categoria_non_pubblicato',
    );
    expect(lines.slice(1, 3)).toEqual(['2024,dirigente,Eccellente,100,2,,,,,fascia_piccola,,,solo_fasce_piccole', '2024,dirigente,Buono,80,0,0.00,,,,,,,solo_fasce_piccole']);
    expect(lines).toContain('2024,eq,Buono,80,2,,,,,fascia_piccola,,,solo_fasce_piccole');
    expect(lines).toContain(`2024,personale,Buono,80,5,,,,,complementare,${(STAFF_FUND / 100).toFixed(2)},${(STAFF_FUND / 100).toFixed(2)},`);
    for (const [category, people] of [
      ['dirigente', MANAGERS],
      ['eq', EQ.map(([, c]) => c)],
    ] as const) {
      expect(givesAway(amounts(lines.filter((l) => l.startsWith(`2024,${category},`)).join('\n')), people), category).toBe(false);
    }
    const other = await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Senza+SMVP&format=csv`)).text();
    expect(other.trim().split('\n').slice(1)).toEqual([
      '2024,eq,Buono,,3,0.00,0.00,0.00,0.00,,500.00,0.00,',
      '2024,personale,Buono,,3,3000.00,1000.00,1000.00,1000.00,,4500.17,4500.17,',
      '2024,personale,Adeguato,,3,1500.17,500.05,500.00,500.17,,4500.17,4500.17,',
    ]);
  });

  it('the XLSX, in Italian and English, heads the totals and says in words why they are empty; no coefficient is left blank, not 0', async () => {
    for (const [lang, heads, reason, label] of [
      [
        'it',
        ['Fondo della categoria (€)', 'Premi distribuiti nella categoria (€)', 'Importi della categoria non pubblicati'],
        'una fascia di una o due persone che partecipano alla ripartizione, e nessuna fascia di tre o più persone, almeno due con un premio, da non pubblicare con essa: il fondo meno le fasce pubblicate darebbe i loro importi',
        'Dirigente',
      ],
      [
        'en',
        ["Category's bonus fund (€)", "Category's bonuses distributed (€)", "Category's amounts withheld"],
        'a band of one or two people who take a share, and no band of three or more, at least two with a bonus, to withhold with it: the fund less the bands published would give their amounts',
        'Manager',
      ],
    ] as const) {
      // Each row's cells as `amounts` reads them (the amounts are numbers in euros).
      const texts = new Map<string, string[]>();
      const read = async (organisation: string): Promise<unknown[][]> => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(await (await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=${encodeURIComponent(organisation)}&format=xlsx&lang=${lang}`)).arrayBuffer());
        const rows: unknown[][] = [];
        book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
        texts.set(organisation, []);
        book.worksheets[0]!.eachRow((r) => texts.get(organisation)!.push(Array.from({ length: 12 }, (_, i) => cellAmountText(r.getCell(i + 1))).join('|')));
        return rows;
      };
      const ente = await read('Ente');
      expect(ente[0]!.slice(9)).toEqual(heads);
      const managers = ente.filter((r) => r[0] === label);
      expect(managers).toHaveLength(4);
      for (const row of managers) expect([row[9], row[10], row[11]]).toEqual([undefined, undefined, reason]);
      const rowsOf = (category: string): string =>
        texts
          .get('Ente')!
          .filter((r) => r.startsWith(`${category}|`))
          .join('\n');
      expect(givesAway(amounts(rowsOf(label)), MANAGERS)).toBe(false);
      const eq = ente.filter((r) => r[0] === CATEGORY_LABEL.eq[lang]);
      expect(eq).toHaveLength(4);
      expect(
        givesAway(
          amounts(rowsOf(CATEGORY_LABEL.eq[lang])),
          EQ.map(([, c]) => c),
        ),
      ).toBe(false);
      const staff = ente.filter((r) => r[1] === 'Adeguato' && r[3] === 7)[0]!;
      // The workbook's amounts are numbers in euros, as the amounts of its other columns.
      expect([staff[9], staff[10], staff[11]]).toEqual([10962.41, 10962.41, '']);
      const other = await read('Senza SMVP');
      expect(other.slice(1).map((r) => [r[1], r[2] ?? null, r[3]])).toEqual([
        ['Buono', null, 3],
        ['Buono', null, 3],
        ['Adeguato', null, 3],
      ]);
    }
  });

  it('the page says the totals under each table, or why they are not published, and «—» for a coefficient no SMVP states, in Italian and English', async () => {
    const page = async (organisation: string, lang: string): Promise<string> => {
      const reply = await fetch(`${t.url}/trasparenza/premi/2024?organisation=${encodeURIComponent(organisation)}&lang=${lang}`);
      expect(reply.status).toBe(200);
      const html = await reply.text();
      return html.slice(html.indexOf('<main'));
    };
    const section = (html: string, heading: string): string => {
      const from = html.indexOf(`<h2>${heading}</h2>`);
      expect(from, heading).toBeGreaterThan(0);
      return html.slice(from, html.indexOf('<h2>', from + 1));
    };
    const italian = await page('Ente', 'it');
    const withheldIt =
      '<p data-role="totals">Fondo della categoria e premi effettivamente distribuiti: non pubblicati. In questa categoria c’è una fascia di una o due persone che partecipano alla ripartizione del fondo, e nessuna fascia di tre o più persone, almeno due delle quali con un premio, può essere tenuta riservata con essa: sottraendo dal fondo le fasce pubblicate si ricaverebbero i loro importi.</p>';
    expect(section(italian, 'Dirigente')).toContain(withheldIt);
    expect(section(italian, 'Elevata qualificazione / posizione organizzativa')).toContain(withheldIt);
    expect(section(italian, 'Personale')).toContain(
      '<p data-role="totals">Fondo della categoria (ammontare complessivo dei premi stanziati): 10.962,41 €; premi effettivamente distribuiti: 10.962,41 €.</p>',
    );
    const english = await page('Ente', 'en');
    expect(section(english, 'Manager')).toContain('<p data-role="totals">The category’s fund and the bonuses actually distributed: not published.');
    expect(section(english, 'Staff')).toContain('<p data-role="totals">The category’s fund (the bonuses allotted in all): € 10,962.41; bonuses actually distributed: € 10,962.41.</p>');
    for (const html of [italian, english]) {
      const [managers, eq] = html.split('<h2>').slice(1, 3);
      expect(givesAway(amounts(managers!), MANAGERS)).toBe(false);
      expect(
        givesAway(
          amounts(eq!),
          EQ.map(([, c]) => c),
        ),
      ).toBe(false);
      expect(html).not.toContain('data-role="no-smvp"');
    }

    const other = await page('Senza SMVP', 'it');
    expect(other).toContain('<tr><th scope="row">Buono</th><td class="num"><span aria-label="non indicato">—</span></td><td class="num">3</td>');
    expect(other).not.toMatch(/<td class="num">0%<\/td>/);
    expect(other).toContain('<p data-role="no-smvp">«—» come coefficiente di premio: SMVP non adottato per il 2024, il coefficiente della fascia non è indicato.</p>');
    expect(other).toContain('<p data-role="totals">Fondo della categoria (ammontare complessivo dei premi stanziati): 500,00 €; premi effettivamente distribuiti: 0,00 €.</p>');
    const otherEn = await page('Senza SMVP', 'en');
    expect(otherEn).toContain('<td class="num"><span aria-label="not stated">—</span></td>');
    expect(otherEn).toContain('<p data-role="no-smvp">“—” as the bonus coefficient: no SMVP adopted for 2024, the band’s coefficient is not stated.</p>');
  });
});
