/**
 * A lone "Eccellente" who received 0 € (absent all year) on the public art. 20 pages. Before, the
 * complement withheld with them was "Buono", three people of whom one alone received anything: the
 * public fund less the bands published was that one's bonus, so that person read that the
 * "Eccellente" got 0 (core/appraisal/disclosure.ts). Now the complement is a band with two earners
 * at least ("Adeguato"), and a body where the lone one got 10 € and an "Adeguato" 10 € less publishes
 * the very same figures: in the JSON, the CSV, the XLSX as LibreOffice opens it, and the page, in
 * Italian and English. On the code before, every check below fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import type { RewardAggregates } from '../../src/contract/index.js';
import { tempDir } from '../exchange/helpers.js';
import { storeDistribution } from '../support/distributions.js';
import { libreOfficeCsv } from '../support/libreoffice.js';
import { Client, startTestServer, type TestServer } from './harness.js';

/** "Buono": one earner, two who received nothing. */
const GOOD = [90_000, 0, 0];
/** The body where the lone one received 0, and its twin where they received 10 € taken from an "Adeguato". */
const ABSENT = { body: 'Ente A', alone: 0, adequate: [50_000, 50_000, 50_003, 49_000] };
const PRESENT = { body: 'Ente B', alone: 1_000, adequate: [49_000, 50_000, 50_003, 49_000] };

const dir = tempDir('albero-premi-zero-');

describe('a lone bonus of 0 € on the art. 20 pages, on SQLite', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer('sqlite');
    const hr = await t.as('personale');
    for (const { body, alone, adequate } of [ABSENT, PRESENT]) {
      const smvp = await hr.request('PUT', `/api/smvp/2024?organisation=${encodeURIComponent(body)}`, { document: exampleSmvpJson(body, 2024), reason: 'delibera n. 12' });
      expect(smvp.status, smvp.text).toBe(200);
      await storeDistribution(t.server.store, body, 2024, 'personale', [['Eccellente', alone], ...GOOD.map((c) => ['Buono', c] as const), ...adequate.map((c) => ['Adeguato', c] as const)]);
    }
  });
  afterAll(async () => t?.close());

  const address = (body: string, format: string, lang: string): string => `${t.url}/api/rewards/2024/aggregates?${new URLSearchParams({ organisation: body, format, lang }).toString()}`;

  it('withholds a band with two earners, and what the fund less the bands published leaves is no one person’s bonus: the JSON', async () => {
    for (const lang of ['it', 'en']) {
      const [absent, present] = await Promise.all(
        [ABSENT, PRESENT].map(async ({ body }) => {
          const reply = await new Client(t.url).get(`/api/rewards/2024/aggregates?organisation=${encodeURIComponent(body)}&lang=${lang}`);
          expect(reply.status, reply.text).toBe(200);
          return reply.body as RewardAggregates;
        }),
      );
      expect(absent!.rows.map((r) => [r.band, r.people, r.totalCents, r.withheldReason])).toEqual([
        ['Eccellente', 1, null, 'small-band'],
        ['Buono', 3, '90000', null],
        ['Adeguato', 4, null, 'complement'],
        ['Non adeguato', 0, '0', null],
      ]);
      const fund = Number(absent!.categories[0]!.fundCents);
      const left = fund - absent!.rows.reduce((n, r) => n + Number(r.totalCents ?? 0), 0);
      // Before: 90.000 cents, the one earner's of "Buono", so the lone one's was 0.
      for (const bonus of [ABSENT.alone, ...GOOD, ...ABSENT.adequate]) expect(left).not.toBe(bonus);
      expect({ ...absent, organisation: '' }).toEqual({ ...present, organisation: '' });
    }
  });

  it('the CSV and the XLSX opened in LibreOffice are the same for both bodies, the reasons in words', async () => {
    const csv = async (body: string): Promise<string> => (await fetch(address(body, 'csv', 'it'))).text();
    const absentCsv = await csv(ABSENT.body);
    expect(absentCsv).toContain('2024,personale,Buono,80,3,900.00,300.00,0.00,900.00,,2890.03,2890.03,');
    expect(absentCsv).toContain('2024,personale,Adeguato,50,4,,,,,complementare,2890.03,2890.03,');
    expect(absentCsv).toBe(await csv(PRESENT.body));

    // Every workbook read before LibreOffice runs: a conversion can outlast the server's keep-alive.
    const books = new Map<string, Uint8Array>();
    for (const lang of ['it', 'en'])
      for (const { body } of [ABSENT, PRESENT]) {
        const reply = await fetch(address(body, 'xlsx', lang));
        expect(reply.status).toBe(200);
        books.set(`${body.replace(' ', '-')}-${lang}`, new Uint8Array(await reply.arrayBuffer()));
      }
    const opened = (body: string, lang: string): string[] => {
      const name = `${body.replace(' ', '-')}-${lang}`;
      return libreOfficeCsv(books.get(name)!, dir, name, { shown: false, locale: 'en_US.UTF-8' });
    };
    for (const [lang, reason] of [
      ['it', 'il fondo della categoria è pubblico: sottraendo le fasce pubblicate si ricaverebbe l’importo della fascia piccola, anche quando è zero'],
      ['en', "the category's fund is public: less the bands published it would give the small band's amount, even when nought"],
    ] as const) {
      const absent = opened(ABSENT.body, lang);
      expect(absent.find((l) => l.includes('"Buono"'))).toBe(`"${lang === 'it' ? 'Personale' : 'Staff'}","Buono",80,3,900,300,0,900,,2890.03,2890.03,`);
      expect(absent.find((l) => l.includes('"Adeguato"'))).toContain(`,50,4,,,,,"${reason}`);
      expect(absent).toEqual(opened(PRESENT.body, lang));
    }
  }, 240_000);

  it('the page says why «Adeguato» is withheld, even when the lone one’s bonus is 0, and shows the same for both bodies, in Italian and English', async () => {
    for (const [lang, note] of [
      ['it', 'Anche gli importi della fascia «Adeguato» non sono pubblicati'],
      ['en', 'The amounts of the band “Adeguato” are not published either'],
    ] as const) {
      const figures = async (body: string): Promise<string> => {
        const reply = await fetch(`${t.url}/trasparenza/premi/2024?${new URLSearchParams({ organisation: body, lang }).toString()}`);
        expect(reply.status).toBe(200);
        const html = await reply.text();
        return [...html.matchAll(/<table>[\s\S]*?<\/table>|<p data-role="[^"]+">[\s\S]*?<\/p>/g)].map((m) => m[0]).join('\n');
      };
      const absent = await figures(ABSENT.body);
      expect(absent).toContain(note);
      expect(absent).toContain(lang === 'it' ? 'anche quando è zero (un’assenza, una sanzione)' : 'even when it is nought (an absence, a sanction)');
      expect(absent).toContain(lang === 'it' ? '<td class="num">900,00</td><td class="num">300,00</td><td class="num">0,00</td><td class="num">900,00</td>' : '<td class="num">900.00</td>');
      expect(absent).toBe(await figures(PRESENT.body));
    }
  });
});
